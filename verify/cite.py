"""Citations of claims' verdicts, read from a report: ``python -m verify cite``.

A citation names the claim by its ID — the stable anchor of the claim in the
report (``report.html#ID``) — with the verdict and the report that computed it:
the package version, the commit, the profile, the seed and the date. Three
formats:

* ``text``: one citation line, then the statement, the verdict with its
  explanation, the correction (for a qualified or refuted claim) and the
  caveats (assumptions and notes);
* ``bibtex``: one ``@misc`` entry per claim, keyed ``gantheory:ID``, whose
  ``related`` field lists the keys of the published works it cites; the
  entries of those works follow, once each (:mod:`verify.references`);
* ``json``: the same fields as a JSON object (a list with ``--all``).

Citations are built from ``report.json`` alone, so they cite what was
computed, not what the registry would compute now.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FORMATS",
    "Citation",
    "add_arguments",
    "bibtex_entry",
    "citation_of",
    "citations",
    "load_report",
    "main",
    "render",
]

#: Output formats of ``cite``.
FORMATS = ("text", "bibtex", "json")

#: Where a claim's evidence lives inside the report folder (its HTML anchor is the claim ID).
ANCHOR_PAGE = "report.html"


@dataclass(frozen=True)
class Correction:
    """A check's corrected statement, as the report records it."""

    check: str
    relation: str
    statement: str
    #: What the correction changes (added-assumption, narrowed-scope, changed-formula, changed-conclusion).
    change: str = "?"


@dataclass(frozen=True)
class Citation:
    """Everything a citation of one claim's verdict says.

    Attributes
    ----------
    claim_id : str
        The claim's ID; also its anchor in the report (``anchor``).
    anchor : str
        ``report.html#ID``: where the claim's evidence is in the report folder.
    commit : str
        The full commit of the code that computed the report (``"unknown"`` outside git).
    dirty : bool
        Whether that working tree had uncommitted changes.
    date : str
        The report's start time, ISO 8601 UTC (``"unknown"`` if not recorded).
    corrections : tuple of Correction
        Corrected statements of the checks whose stated subject failed.
    caveats : tuple of str
        The claim's assumptions, then its notes.
    """

    claim_id: str
    title: str
    verdict: str
    explanation: str
    statement: str
    sources: tuple[str, ...]
    references: tuple[str, ...]
    corrections: tuple[Correction, ...]
    caveats: tuple[str, ...]
    anchor: str
    report: str
    schema_version: int | str
    package_version: str
    commit: str
    dirty: bool
    profile: str
    seed: int | str
    date: str
    #: Whose claim it is: ``document``, ``literature`` or ``extension`` (see :class:`verify.model.Origin`).
    origin: str = "document"
    #: BibTeX keys of the published works among ``references`` (:func:`verify.references.cited_works`).
    works: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The citation as JSON-ready types."""
        data = asdict(self)
        data["sources"] = list(self.sources)
        data["references"] = list(self.references)
        data["caveats"] = list(self.caveats)
        data["works"] = list(self.works)
        data["corrections"] = [asdict(c) for c in self.corrections]
        return data


def load_report(path: Path) -> dict[str, Any]:
    """Read a ``report.json``, failing with a message that says what to do.

    Raises
    ------
    SystemExit
        If the file is missing, unreadable, not JSON or not a verification report.
    """
    if not path.is_file():
        raise SystemExit(f"error: no report at {path}; run `python -m verify` first")
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(
            f"error: {path} is not a readable report ({exc}); regenerate it with `python -m verify`"
        ) from None
    if not isinstance(report, dict) or not isinstance(report.get("claims"), list):
        raise SystemExit(f"error: {path} is not a verification report (no claims list)")
    missing = [k for k in _REQUIRED if not isinstance(report.get(k), dict)]
    missing += sorted({k for c in report["claims"] for k in ("id", "verdict") if not isinstance(c, dict) or k not in c})
    if missing:
        raise SystemExit(
            f"error: {path} is not a complete verification report (missing {', '.join(missing)}); "
            "regenerate it with `python -m verify`"
        )
    return report


#: The provenance a citation reads: without it a citation could not name its commit, profile or date.
_REQUIRED = ("environment", "run", "timings")


def _corrections(entry: Mapping[str, Any]) -> tuple[Correction, ...]:
    found = []
    for check in entry.get("checks", []):
        corrected = check.get("corrected")
        stated = check.get("stated") or {}
        if corrected and stated.get("holds") is False:
            found.append(
                Correction(
                    check["name"],
                    corrected.get("relation", "?"),
                    corrected.get("statement", ""),
                    corrected.get("change", "?"),
                )
            )
    return tuple(found)


def citation_of(entry: Mapping[str, Any], report: Mapping[str, Any], path: Path) -> Citation:
    """The citation of one claim entry of ``report`` (read from ``path``)."""
    env = report.get("environment", {})
    git = env.get("git", {}) or {}
    run = report.get("run", {})
    from verify.references import cited_works

    caveats = tuple(entry.get("assumptions", ()))
    if entry.get("notes"):
        caveats += (entry["notes"],)
    return Citation(
        claim_id=entry["id"],
        title=entry.get("title", ""),
        verdict=entry["verdict"],
        origin=entry.get("origin", "document"),
        explanation=entry.get("explanation", ""),
        statement=entry.get("statement", ""),
        sources=tuple(f"{s['document']} § {s['section']}" for s in entry.get("sources", ())),
        references=tuple(entry.get("references", ())),
        works=tuple(dict.fromkeys(w.key for r in entry.get("references", ()) for w in cited_works(r))),
        corrections=_corrections(entry),
        caveats=caveats,
        anchor=f"{ANCHOR_PAGE}#{entry['id']}",
        report=str(path),
        schema_version=report.get("schema_version", "?"),
        package_version=env.get("package", {}).get("version", "?"),
        commit=git.get("commit") or "unknown",
        dirty=bool(git.get("dirty")),
        profile=run.get("profile", {}).get("name", "?"),
        seed=run.get("seed", "?"),
        date=report.get("timings", {}).get("started_utc") or "unknown",
    )


def citations(report: Mapping[str, Any], path: Path, claim_ids: Sequence[str] | None = None) -> list[Citation]:
    """Citations of the claims ``claim_ids`` (case-insensitive), or of every claim in the report.

    Raises
    ------
    SystemExit
        If an ID is not in the report.
    """
    entries = {c["id"].upper(): c for c in report["claims"]}
    if claim_ids is None:
        return [citation_of(entries[k], report, path) for k in sorted(entries)]
    chosen = []
    for claim_id in claim_ids:
        entry = entries.get(claim_id.upper())
        if entry is None:
            raise SystemExit(f"error: {claim_id} is not in {path}; rerun the report")
        chosen.append(citation_of(entry, report, path))
    return chosen


#: How the text citation says whose statement a claim is.
_WHOSE = {
    "document": "the document's statement",
    "literature": "a published result, checked on its own; not a claim of the documents",
    "extension": "our extension; not a claim of the documents",
}


def _text(c: Citation) -> str:
    dirty = ", uncommitted changes" if c.dirty else ""
    lines = [
        f"gantheory {c.package_version} (commit {c.commit[:12]}{dirty}), claim {c.claim_id} "
        f"“{c.title}”: {c.verdict}. Verification report {c.report} "
        f"(schema {c.schema_version}, profile {c.profile}, seed {c.seed}, generated {c.date}), "
        f"at {c.anchor}. Sources: " + "; ".join(c.sources) + ".",
        "",
        f"statement ({_WHOSE.get(c.origin, c.origin)}): {c.statement}",
        f"verdict: {c.verdict} ({c.explanation})" if c.explanation else f"verdict: {c.verdict}",
    ]
    lines += [f"correction ({k.relation}, {k.change}, check {k.check}): {k.statement}" for k in c.corrections]
    lines += [f"caveat: {caveat}" for caveat in c.caveats]
    lines += [f"reference: {r}" for r in c.references]
    return "\n".join(lines)


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIB_ESCAPE = re.compile("|".join(re.escape(ch) for ch in _BIB_SPECIAL))


def _bib(text: str) -> str:
    """``text`` with BibTeX's special characters escaped (braces stay balanced); UTF-8 otherwise."""
    return _BIB_ESCAPE.sub(lambda m: _BIB_SPECIAL[m.group(0)], " ".join(text.split()))


def bibtex_entry(c: Citation) -> str:
    """One ``@misc`` entry keyed ``gantheory:ID``, citing the claim's verdict in the report."""
    year, month = (c.date[:4], c.date[5:7]) if re.match(r"^\d{4}-\d{2}", c.date) else ("", "")
    corrections = " ".join(f"Correction ({k.relation}, {k.change}): {k.statement}" for k in c.corrections)
    dirty = " (uncommitted changes)" if c.dirty else ""
    note = (
        f"Verdict: {c.verdict}. Commit {c.commit}{dirty}, profile {c.profile}, seed {c.seed}. "
        f"Sources: {'; '.join(c.sources)}. {corrections}"
    ).strip()
    fields = [
        ("author", "{gantheory developers}"),
        ("title", f"{{Claim {_bib(c.claim_id)}: {_bib(c.title)}}}"),
        ("howpublished", f"gantheory {_bib(c.package_version)} verification report, {_bib(c.anchor)}"),
        ("version", _bib(c.package_version)),
        ("date", _bib(c.date[:10])),
        ("year", year),
        ("month", month),
        ("note", _bib(note)),
        ("related", ",".join(c.works)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{gantheory:{c.claim_id},\n{body}\n}}\n"


def render(items: Sequence[Citation], fmt: str) -> str:
    """The citations in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    if fmt == "json":
        data: Any = [c.as_dict() for c in items] if len(items) != 1 else items[0].as_dict()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "bibtex":
        from verify.references import work

        keys = dict.fromkeys(k for c in items for k in c.works)
        return "\n".join([*(bibtex_entry(c) for c in items), *(work(k).bibtex() + "\n" for k in keys)])
    return "\n\n".join(_text(c) for c in items) + "\n"


def add_arguments(p: argparse.ArgumentParser, default_report: Path) -> None:
    """The ``cite`` subcommand's arguments."""
    p.add_argument("id", nargs="?", help="the claim's ID (see `python -m verify list`)")
    p.add_argument("--all", action="store_true", help="cite every claim in the report (e.g. a .bib of all claims)")
    p.add_argument("--format", choices=FORMATS, default="text", help="text (default), bibtex or json")
    p.add_argument("--report", type=Path, default=default_report, help=f"the report.json (default: {default_report})")
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")


def main(args: argparse.Namespace) -> int:
    """Run ``cite`` with parsed arguments."""
    if args.id and args.all:
        raise SystemExit("error: cite takes a claim ID or --all, not both")
    if not args.id and not args.all:
        raise SystemExit("error: cite needs a claim ID (see `python -m verify list`) or --all")
    if args.id:
        from verify.registry import get

        try:
            claim_id = get(args.id).id
        except KeyError as exc:
            raise SystemExit(f"error: {exc.args[0]}") from None
    report = load_report(args.report)
    items = citations(report, args.report, None if args.all else [claim_id])
    text = render(items, args.format)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    tmp = args.out.with_name(args.out.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SystemExit(f"error: --out {str(args.out)!r}: {exc.strerror or exc}") from None
    print(f"wrote {len(items)} citation{'s' * (len(items) != 1)} to {args.out}", file=sys.stderr)
    return 0
