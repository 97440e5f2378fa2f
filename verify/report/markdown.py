"""Render the report dictionary as Markdown (``REPORT.md``), readable on GitHub.

Sections: the findings (what the documents get wrong, what needs a
qualification, one line per claim with its correction, by document), verdict
summary, provenance, an index by document (for each tutorial document, its
title, the claims citing it and their verdicts), the table of all claims, the
figures, and one section per claim, grouped by verdict.

Every piece of text from the report is escaped (:func:`md_text`, or a code
span that no backtick in the text can close, :func:`md_code`), so a claim
pattern, a path or a statement never becomes Markdown or raw HTML.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from verify.report.data import counts_by_origin

__all__ = [
    "VERDICT_MEANING",
    "VERDICT_ORDER",
    "anchor",
    "arxiv_ids",
    "by_document",
    "check_anchor",
    "document_anchor",
    "document_heading",
    "document_rows",
    "document_title",
    "is_document",
    "known_documents",
    "md_code",
    "md_text",
    "render_markdown",
    "verdict_counts",
]

VERDICT_ORDER = ("verified", "qualified", "refuted", "not-checkable", "pending", "error")

VERDICT_MEANING = {
    "verified": "the claim holds as stated",
    "qualified": "as stated it fails or is imprecise; our corrected statement (a qualification) holds",
    "refuted": "the claim is false: counterexample or computed true value, and the corrected statement",
    "not-checkable": "a literature or heuristic claim; related quantities are computed where possible",
    "pending": "needs a run that has not been made here (a document folder, a trained-GAN experiment)",
    "error": "a check crashed or a negative control passed: the harness, not the claim, is at fault",
}

#: A tutorial document's file name (``000_2023e3cfc1f17277.txt``); other sources are papers.
_DOCUMENT = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")


#: An arXiv identifier as the claims cite it (``arXiv:1406.2661``, new style, optional version).
ARXIV = re.compile(r"arXiv:(\d{4}\.\d{4,5})(v\d+)?")

#: Characters that Markdown would read as markup: backslash-escaped by :func:`md_text`.
_MD_MARKUP = re.compile(r"([\\`*_\[\]|~#])")


def anchor(claim_id: str) -> str:
    """Anchor of a claim's section: the claim ID itself (``#CG-JS``, ``#EQ-ACC-50.c``), in Markdown and HTML."""
    return claim_id


def check_anchor(claim_id: str, check: str) -> str:
    """Anchor of one check of a claim: ``CLAIM-ID/check-name`` (claim IDs hold no ``/``)."""
    return f"{claim_id}/{check}"


def md_text(value: Any) -> str:
    """Text safe anywhere in Markdown: one line, ``&<>`` as entities, markup characters backslash-escaped."""
    text = " ".join(("" if value is None else str(value)).split())
    return _MD_MARKUP.sub(r"\\\1", html.escape(text, quote=False))


def md_code(value: Any) -> str:
    """An inline code span of ``value`` that no backtick in it can close (one line; content shown literally)."""
    text = " ".join(("" if value is None else str(value)).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def arxiv_ids(text: str) -> list[str]:
    """The arXiv identifiers cited in ``text``, in order."""
    return [m.group(1) + (m.group(2) or "") for m in ARXIV.finditer(text)]


def _md_cited(text: Any) -> str:
    """:func:`md_text` with each arXiv identifier a link to its abstract page."""
    return ARXIV.sub(lambda m: f"[{m.group(0)}](https://arxiv.org/abs/{m.group(1)}{m.group(2) or ''})", md_text(text))


def document_anchor(document: str) -> str:
    """Anchor of a source's entry in the index by document: ``doc-001`` for a document, ``src-…`` for a paper."""
    if is_document(document):
        return "doc-" + document.split("_", 1)[0]
    slug = re.sub(r"[^a-z0-9]+", "-", document.lower()).strip("-")[:32].strip("-")
    return f"src-{slug}-{hashlib.sha256(document.encode('utf-8')).hexdigest()[:6]}"


def is_document(name: str) -> bool:
    """Whether a source names one of the tutorial documents (rather than a paper)."""
    return bool(_DOCUMENT.match(name))


def known_documents() -> tuple[str, ...]:
    """The tutorial documents' file names, in registry order (none when the registry cannot be imported)."""
    try:
        from verify.sources import DOCUMENTS
    except ImportError:  # the renderer needs only the report; the list of documents is a convenience
        return ()
    return tuple(DOCUMENTS)


def document_title(document: str) -> str | None:
    """The title of a tutorial document (as it reads in the document), ``None`` for other sources."""
    try:
        from verify.sources import TITLES
    except ImportError:
        return None
    return TITLES.get(document)


def document_heading(document: str) -> str:
    """How the report names a document in plain text: ``000 · title`` (the file name alone without a title)."""
    title = document_title(document)
    if title is None or not is_document(document):
        return document
    return f"{document.split('_', 1)[0]} · {title}"


def by_document(report: Mapping[str, Any]) -> list[tuple[str, list[tuple[Mapping[str, Any], list[str]]]]]:
    """For each source (the five documents first, then papers): the claims citing it, with the sections cited.

    Every registered document appears, with an empty list if no claim of this
    report cites it, so a reader can see that nothing was checked.
    """
    index: dict[str, list[tuple[Mapping[str, Any], list[str]]]] = {d: [] for d in known_documents()}
    for claim in report["claims"]:
        sections: dict[str, list[str]] = {}
        for s in claim["sources"]:
            sections.setdefault(s["document"], []).append(s["section"])
        for document, secs in sections.items():
            index.setdefault(document, []).append((claim, secs))
    return sorted(index.items(), key=lambda kv: (not is_document(kv[0]), kv[0]))


def verdict_counts(claims: Sequence[Mapping[str, Any]]) -> str:
    """``3 verified, 1 refuted`` in :data:`VERDICT_ORDER`; claims no document makes are counted apart."""
    by_origin = counts_by_origin(claims)

    def words(counts: Mapping[str, int]) -> str:
        return ", ".join(f"{counts[v]} {v}" for v in VERDICT_ORDER if counts.get(v))

    own = words(by_origin["document"]) or ("no claim of the documents" if claims else "")
    apart = [f"{words(by_origin[o])} ({o})" for o in ("literature", "extension") if words(by_origin[o])]
    return "; ".join([own, *apart]) if claims else "no claims in this report"


def _target(name: str) -> str:
    """An explicit link target: GitHub keeps ``name`` (prefixing it) and scrolls to it; HTML5 viewers use ``id``."""
    name = html.escape(name, quote=True)
    return f'<a id="{name}" name="{name}"></a>'


def _compact(value: Any, limit: int = 400) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_code = md_code


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell (``|`` is escaped like every markup character)."""
    return md_text(text)


#: The link back to the top of the report, after each claim and each findings list.
_TOP = "<sub>[↑ back to top](#top)</sub>"


def _claim_ref(claim_id: str) -> str:
    return f"[{md_text(claim_id)}](#{anchor(claim_id)})"


def _holds_word(holds: bool | None, *, control: bool = False) -> str:
    if holds is None:
        return "not run"
    if control:
        return "refuted ✓" if holds is False else "PASSED ✗ (no teeth)"
    return "holds" if holds else "fails"


def _variant_lines(v: Mapping[str, Any], *, control: bool = False, indent: str = "") -> list[str]:
    head = f"{indent}- **{md_text(v['label'])}**"
    if v.get("statement"):
        head += f" — {md_text(v['statement'])}"
    head += f": *{_holds_word(v.get('holds'), control=control)}*"
    lines = [head]
    if v.get("summary") and v.get("summary") != "not needed":
        lines.append(f"{indent}  {md_text(v['summary'])}")
    if v.get("counterexample") and v.get("holds") is False:
        lines.append(f"{indent}  counterexample: {md_code(_compact(v['counterexample']))}")
    return lines


def _check_lines(claim_id: str, c: Mapping[str, Any]) -> list[str]:
    decides = "" if c["decides"] else " (informative: does not enter the verdict)"
    lines = [
        _target(check_anchor(claim_id, c["name"])),
        "",
        f"#### Check {md_code(c['name'])} — {md_text(c['kind'])}, {md_text(c['status'])}{decides}",
        "",
        md_text(c["method"]),
        "",
    ]
    if c.get("error"):
        lines += [f"**Error:** {md_text(c['error'])}", ""]
    lines += _variant_lines(c["stated"])
    if c.get("corrected") and c["corrected"].get("holds") is not None:
        corr = dict(c["corrected"])
        corr["label"] = f"corrected ({corr.get('change') or corr.get('relation', '')})"
        lines += _variant_lines(corr)
    teeth = "all refuted" if c.get("teeth") else "NOT all refuted"
    if c.get("controls"):
        lines.append(f"- negative controls ({teeth}):")
        for v in c["controls"]:
            lines += _variant_lines(v, control=True, indent="  ")
    lines.append("")
    return lines


def _source_link(document: str, section: str) -> str:
    title = document_title(document)
    named = f" ({md_text(title)})" if title else ""
    return f"[{md_code(document)}](#{document_anchor(document)}){named} § {md_text(section)}"


def _claim_section(claim: Mapping[str, Any], seconds: float | None) -> list[str]:
    lines = [_target(anchor(claim["id"])), "", f"### {md_text(claim['id'])} — {md_text(claim['title'])}", ""]
    lines += [f"**Verdict: {md_text(claim['verdict'])}** — {md_text(claim['explanation'])}", ""]
    lines += [f"**Statement.** {md_text(claim['statement'])}", ""]
    sources = "; ".join(_source_link(s["document"], s["section"]) for s in claim["sources"])
    lines += [f"**Source.** {sources}", ""]
    if claim["assumptions"]:
        lines += ["**Assumptions.** " + "; ".join(md_text(a) for a in claim["assumptions"]) + ".", ""]
    if claim["references"]:
        lines += ["**References.** " + "; ".join(_md_cited(r) for r in claim["references"]) + ".", ""]
    if claim.get("notes"):
        lines += [f"**Notes.** {md_text(claim['notes'])}", ""]
    for c in claim["checks"]:
        lines += _check_lines(claim["id"], c)
    tail = f"<sub>wall time {seconds:.2f} s</sub> · " if seconds is not None else ""
    lines += [tail + _TOP, ""]
    return lines


def document_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per tutorial document: file name, title, SHA-256 and what this run read of it.

    The SHA-256 is the one read in this run when the documents were given,
    else the registered one; ``status`` says which, and whether they agree.
    """
    from verify.sources import DOCUMENTS

    src = report["run"].get("sources") or {}
    read = src.get("documents") or {}
    rows = []
    for name in sorted(set(DOCUMENTS) | set(read)):
        entry = read.get(name) or {}
        if not src.get("given"):
            sha, status = DOCUMENTS.get(name), "not read (no documents given): the registered SHA-256"
        elif entry.get("sha256") is None:
            sha, status = DOCUMENTS.get(name), "missing from the folder given: the registered SHA-256"
        elif entry.get("matches_registry"):
            sha, status = entry["sha256"], "read; matches the registered version"
        else:
            sha, status = entry["sha256"], f"read; DIFFERS from the registered version {DOCUMENTS.get(name)}"
        rows.append({"document": name, "title": document_title(name) or "", "sha256": sha, "status": status})
    return rows


def _header(report: Mapping[str, Any]) -> list[str]:
    return [
        _target("top"),
        "",
        "# Verification report: claims of five GAN tutorial documents",
        "",
        "What the documents get wrong and what needs a qualification come first, each with its correction; "
        "then the verdicts, the provenance of this report, and the evidence for every claim. Every verdict is "
        "computed by `python -m verify`; none is written by hand.",
        "",
    ]


def _provenance(report: Mapping[str, Any]) -> list[str]:
    env, run = report["environment"], report["run"]
    git = env["git"]
    commit = git["commit"][:12] if git.get("commit") else "unknown"
    dirty = " (uncommitted changes)" if git.get("dirty") else ""
    libs = ", ".join(f"{k} {v}" for k, v in env["libraries"].items() if v)
    torch = env.get("torch") or {}
    cuda = "yes" if torch.get("cuda_available") else "no"
    device = "torch not installed"
    if torch:
        device = f"torch {torch.get('version')}, {torch.get('threads')} threads, CUDA {cuda}"
        if torch.get("cuda_device"):
            device += f" ({torch['cuda_device']}, CUDA {torch.get('cuda_version') or '?'})"
    t = report["timings"]
    src = run["sources"]
    src_text = "documents read (table below)" if src.get("given") else "no documents given (code audits pending)"
    selection = f", selection {md_code(run['selection'])}" if run.get("selection") else ""
    lines = [
        _target("provenance"),
        "",
        "## Provenance",
        "",
        f"gantheory {md_text(env['package']['version'])} · commit {md_code(commit)}{dirty} · "
        f"schema {report['schema_version']} · registry {md_code(report['registry_fingerprint'][:12])}",
        "",
        f"- **Run:** profile {md_code(run['profile']['name'])} (Hypothesis: {run['hypothesis']['max_examples']} "
        f"examples per search, derandomised; {run['profile']['random_cases']} random cases per numeric check), "
        f"seed {run['seed']}, {run['claims_run']} of {run['claims_registered']} claims{selection}, experiments "
        f"{'on' if run['experiments_enabled'] else 'off'}, {src_text}.",
        f"- **Software:** Python {md_text(env['python'])} ({md_text(env['platform'])}); {md_text(libs)}.",
        f"- **Device:** {env['cpu_count']} CPUs; {md_text(device)}.",
        f"- **Generated:** {md_text(t.get('started_utc', '?'))}, wall time {t.get('wall_seconds', 0):.1f} s.",
        f"- **Reproduce:** {md_code(t.get('command', 'python -m verify run'))}",
        "- **Cite a claim:** `python -m verify cite CLAIM-ID` prints a citation naming this report's commit.",
        "",
        "| document | title | SHA-256 | in this run |",
        "|---|---|---|---|",
    ]
    for r in document_rows(report):
        lines.append(
            f"| [{md_code(r['document'])}](#{document_anchor(r['document'])}) | {_cell(r['title'])} | "
            f"{md_code(r['sha256'] or '?')} | {_cell(r['status'])} |"
        )
    return [*lines, ""]


def _findings(report: Mapping[str, Any]) -> list[str]:
    from verify.report.findings import FINDING_VERDICTS, findings_by_document

    lines: list[str] = []
    for verdict, heading in FINDING_VERDICTS.items():
        groups = findings_by_document(report, verdict, known_documents())
        slug = "findings-" + verdict
        lines += [_target(slug), "", f"## {heading}", ""]
        lines.append(
            "Each line: the claim, then "
            + ("the correction that holds." if verdict == "refuted" else "the condition under which it holds.")
            + " The claim's ID and the check names link to the evidence."
        )
        lines.append("")
        if not groups:
            lines += [f"No claim of this report is {verdict}.", ""]
        for document, rows in groups:
            if document is None:
                lines += ["**Other sources** (papers and extensions that cite no tutorial document)", ""]
            else:
                title = document_title(document)
                named = f" — {md_text(title)}" if title else ""
                lines += [f"**[{md_code(document)}](#{document_anchor(document)}){named}**", ""]
            for f in rows:
                checks = ", ".join(f"[{md_code(c)}](#{check_anchor(f.claim_id, c)})" for c in f.checks)
                more = f"; {f.more} further correction{'s' if f.more > 1 else ''} in the evidence" if f.more else ""
                label = "correction" if verdict == "refuted" else "holds with"
                lines.append(
                    f"- {_claim_ref(f.claim_id)} {md_text(f.title)} — *{label}:* {md_text(f.correction)} "
                    f"(evidence: {checks or _claim_ref(f.claim_id)}{more})"
                )
            lines.append("")
        lines += [_TOP, ""]
    return lines


def _document_index(report: Mapping[str, Any]) -> list[str]:
    index = by_document(report)
    documents = [(d, rows) for d, rows in index if is_document(d)]
    papers = [(d, rows) for d, rows in index if not is_document(d)]
    lines = ["## By document", ""]
    lines += [
        "What the suite says about each tutorial document: the claims citing it, the sections they come from, "
        "and their verdicts.",
        "",
    ]
    lines += ["| document | title | claims |", "|---|---|---|"]
    for document, rows in documents:
        lines.append(
            f"| [{md_code(document)}](#{document_anchor(document)}) | {_cell(document_title(document) or '')} | "
            f"{verdict_counts([c for c, _ in rows])} |"
        )
    lines.append("")
    for document, rows in documents:
        title = document_title(document)
        named = f" — {md_text(title)}" if title else ""
        lines += [_target(document_anchor(document)), "", f"### {md_code(document)}{named}", ""]
        if not rows:
            lines += ["No claim of this report cites this document.", ""]
            continue
        lines += [verdict_counts([c for c, _ in rows]) + ".", ""]
        lines += ["| claim | verdict | section | title |", "|---|---|---|---|"]
        for claim, sections in rows:
            lines.append(
                f"| {_claim_ref(claim['id'])} | {md_text(claim['verdict'])} | "
                f"{_cell('; '.join(sections))} | {_cell(claim['title'])} |"
            )
        lines.append("")
    if papers:
        lines += ["### Literature sources", "", "| source | where | claims |", "|---|---|---|"]
        for document, rows in papers:
            for i, (claim, sections) in enumerate(rows):
                target = _target(document_anchor(document)) if i == 0 else ""
                lines.append(
                    f"| {target}{_cell(document)} | {_cell('; '.join(sections))} | "
                    f"{_claim_ref(claim['id'])} ({md_text(claim['verdict'])}) |"
                )
        lines.append("")
    return lines


def _link_target(path: str) -> str:
    """A relative path as a Markdown link target: as is when plain, else percent-encoded."""
    from urllib.parse import quote

    return path if re.fullmatch(r"[A-Za-z0-9._/-]+", path) else quote(path, safe="/")


def _figure_lines(report: Mapping[str, Any]) -> list[str]:
    from verify.report.figures import caption, claims_supported, display_order

    lines = ["## Figures", ""]
    captions = report.get("figure_captions", {})
    for f in display_order(list(report["figures"])):
        text = captions.get(f) or caption(f) or f
        lines += [f"![{_cell(text)}]({_link_target(f)})", "", f"*{md_text(text)}*", ""]
        supported = claims_supported(f, report)
        if supported:
            lines += ["Supports " + ", ".join(_claim_ref(c) for c in supported) + ".", ""]
    return lines


def experiment_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per trained-GAN experiment: name, title, device, torch, seeds, wall time, throughput."""
    rows = []
    seconds = report["timings"].get("experiment_seconds", {})
    clocks = report["timings"].get("experiment_clocks", {}) or {}
    for name, entry in sorted(report.get("experiments", {}).items()):
        results = entry.get("results", {})
        seeds = results.get("seeds")
        rate = (clocks.get(name) or {}).get("seed_steps_per_second")
        rows.append(
            {
                "name": name,
                "title": entry.get("title", ""),
                "device": results.get("device", "?"),
                "torch": results.get("torch", "?"),
                "seeds": len(seeds) if isinstance(seeds, list) else seeds,
                "wall_seconds": seconds.get(name),
                "seed_steps_per_second": rate,
            }
        )
    return rows


def _experiment_lines(report: Mapping[str, Any]) -> list[str]:
    rows = experiment_rows(report)
    if not rows:
        return []
    lines = [
        "## Experiments",
        "",
        "Trained GANs behind the empirical claims (configurations and per-seed statistics are in `report.json`).",
        "",
        "| experiment | what is trained | device | torch | seeds | wall time (s) | seed-steps/s |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    for r in rows:
        wall = "—" if r["wall_seconds"] is None else f"{r['wall_seconds']:.1f}"
        rate = "—" if r["seed_steps_per_second"] is None else f"{r['seed_steps_per_second']:,.0f}"
        lines.append(
            f"| {_cell(r['name'])} | {_cell(r['title'])} | {_cell(r['device'])} | {_cell(r['torch'])} | "
            f"{_cell(r['seeds'])} | {wall} | {rate} |"
        )
    return [*lines, ""]


def _study_lines(report: Mapping[str, Any]) -> list[str]:
    from verify.report.equilibrium import study_blocks

    lines: list[str] = []
    for i, block in enumerate(study_blocks(report)):
        lines += [f"{'##' if i == 0 else '###'} {md_text(block['title'])}", "", md_text(block["text"]), ""]
        lines.append("| " + " | ".join(_cell(h) for h in block["header"]) + " |")
        lines.append("|" + "---|" * len(block["header"]))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block["rows"]]
        lines.append("")
    return lines


def render_markdown(report: Mapping[str, Any]) -> str:
    """The whole Markdown report: findings first, then the summary, provenance, indexes and the evidence."""
    lines = _header(report)
    lines += _findings(report)
    lines += ["## Summary", "", "| verdict | claims | meaning |", "|---|---:|---|"]
    for v in VERDICT_ORDER:
        lines.append(f"| {v} | {report['summary'].get(v, 0)} | {VERDICT_MEANING[v]} |")
    lines += [
        "",
        f"Of these: {verdict_counts(report['claims'])}. Literature results and our extensions are not "
        "claims of the documents and never count for or against one.",
        "",
    ]
    lines += _provenance(report)
    lines += _document_index(report)
    lines += ["## All claims", "", "| ID | title | verdict | checks | controls refuted |", "|---|---|---|---:|---|"]
    for c in report["claims"]:
        n_controls = sum(len(k["controls"]) for k in c["checks"])
        refuted = sum(1 for k in c["checks"] for v in k["controls"] if v.get("holds") is False)
        lines.append(
            f"| {_claim_ref(c['id'])} | {_cell(c['title'])} | {md_text(c['verdict'])} | {len(c['checks'])} | "
            f"{refuted}/{n_controls} |"
        )
    lines.append("")
    lines += _experiment_lines(report)
    lines += _study_lines(report)
    if report.get("figures"):
        lines += _figure_lines(report)
    lines += ["## Claims", "", "One section per claim, grouped by verdict.", ""]
    per_claim = report["timings"].get("per_claim_seconds", {})
    for v in VERDICT_ORDER:
        group = [c for c in report["claims"] if c["verdict"] == v]
        if not group:
            continue
        lines += [f"## {v.capitalize()} ({len(group)})", ""]
        for c in group:
            lines += _claim_section(c, per_claim.get(c["id"]))
    return "\n".join(lines).rstrip() + "\n"
