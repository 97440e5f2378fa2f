"""Render the report dictionary as Markdown (``REPORT.md``), readable on GitHub.

Sections: provenance header, verdict summary, an index by document (for each
tutorial document, the claims citing it and their verdicts), the table of all
claims, the figures, and one section per claim, grouped by verdict.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from verify.report.data import counts_by_origin

__all__ = [
    "VERDICT_MEANING",
    "VERDICT_ORDER",
    "anchor",
    "by_document",
    "document_anchor",
    "is_document",
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


def anchor(claim_id: str) -> str:
    """Anchor of a claim's section (set explicitly before its heading, so it works on GitHub and in HTML)."""
    return claim_id.lower().replace(".", "")


def document_anchor(document: str) -> str:
    """Anchor of a source's entry in the index by document: ``doc-001`` for a document, ``src-…`` for a paper."""
    if is_document(document):
        return "doc-" + document.split("_", 1)[0]
    slug = re.sub(r"[^a-z0-9]+", "-", document.lower()).strip("-")[:32].strip("-")
    return f"src-{slug}-{hashlib.sha256(document.encode('utf-8')).hexdigest()[:6]}"


def is_document(name: str) -> bool:
    """Whether a source names one of the tutorial documents (rather than a paper)."""
    return bool(_DOCUMENT.match(name))


def _known_documents() -> tuple[str, ...]:
    try:
        from verify.sources import DOCUMENTS
    except ImportError:  # the renderer needs only the report; the list of documents is a convenience
        return ()
    return tuple(DOCUMENTS)


def by_document(report: Mapping[str, Any]) -> list[tuple[str, list[tuple[Mapping[str, Any], list[str]]]]]:
    """For each source (the five documents first, then papers): the claims citing it, with the sections cited.

    Every registered document appears, with an empty list if no claim of this
    report cites it, so a reader can see that nothing was checked.
    """
    index: dict[str, list[tuple[Mapping[str, Any], list[str]]]] = {d: [] for d in _known_documents()}
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
    return f'<a id="{name}" name="{name}"></a>'


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _compact(value: Any, limit: int = 400) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _code(text: str) -> str:
    """Inline code that survives backticks in ``text``."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _holds_word(holds: bool | None, *, control: bool = False) -> str:
    if holds is None:
        return "not run"
    if control:
        return "refuted ✓" if holds is False else "PASSED ✗ (no teeth)"
    return "holds" if holds else "fails"


def _variant_lines(v: Mapping[str, Any], *, control: bool = False, indent: str = "") -> list[str]:
    head = f"{indent}- **{v['label']}**"
    if v.get("statement"):
        head += f" — {v['statement']}"
    head += f": *{_holds_word(v.get('holds'), control=control)}*"
    lines = [head]
    if v.get("summary") and v.get("summary") != "not needed":
        lines.append(f"{indent}  {v['summary']}")
    if v.get("counterexample") and v.get("holds") is False:
        lines.append(f"{indent}  counterexample: {_code(_compact(v['counterexample']))}")
    return lines


def _check_lines(c: Mapping[str, Any]) -> list[str]:
    decides = "" if c["decides"] else " (informative: does not enter the verdict)"
    lines = [f"#### Check `{c['name']}` — {c['kind']}, {c['status']}{decides}", "", c["method"], ""]
    if c.get("error"):
        lines += [f"**Error:** {c['error']}", ""]
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
    return f"[`{document}`](#{document_anchor(document)}) § {section}"


def _claim_section(claim: Mapping[str, Any], seconds: float | None) -> list[str]:
    lines = [_target(anchor(claim["id"])), "", f"### {claim['id']} — {claim['title']}", ""]
    lines += [f"**Verdict: {claim['verdict']}** — {claim['explanation']}", ""]
    lines += [f"**Statement.** {claim['statement']}", ""]
    sources = "; ".join(_source_link(s["document"], s["section"]) for s in claim["sources"])
    lines += [f"**Source.** {sources}", ""]
    if claim["assumptions"]:
        lines += ["**Assumptions.** " + "; ".join(claim["assumptions"]) + ".", ""]
    if claim["references"]:
        lines += ["**References.** " + "; ".join(claim["references"]) + ".", ""]
    if claim.get("notes"):
        lines += [f"**Notes.** {claim['notes']}", ""]
    for c in claim["checks"]:
        lines += _check_lines(c)
    if seconds is not None:
        lines += [f"<sub>wall time {seconds:.2f} s</sub>", ""]
    return lines


def _header(report: Mapping[str, Any]) -> list[str]:
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
    src_text = (
        f"documents read from `{src.get('folder')}`" if src.get("given") else "no documents given (code audits pending)"
    )
    selection = f", selection `{run['selection']}`" if run.get("selection") else ""
    return [
        "# Verification report: claims of five GAN tutorial documents",
        "",
        f"gantheory {env['package']['version']} · commit `{commit}`{dirty} · schema {report['schema_version']} · "
        f"registry `{report['registry_fingerprint'][:12]}`",
        "",
        f"- **Run:** profile `{run['profile']['name']}` (Hypothesis: {run['hypothesis']['max_examples']} examples per "
        f"search, derandomised; {run['profile']['random_cases']} random cases per numeric check), seed {run['seed']}, "
        f"{run['claims_run']} of {run['claims_registered']} claims{selection}, experiments "
        f"{'on' if run['experiments_enabled'] else 'off'}, {src_text}.",
        f"- **Software:** Python {env['python']} ({env['platform']}); {libs}.",
        f"- **Device:** {env['cpu_count']} CPUs; {device}.",
        f"- **Generated:** {t.get('started_utc', '?')}, wall time {t.get('wall_seconds', 0):.1f} s.",
        f"- **Reproduce:** `{t.get('command', 'python -m verify run')}`",
        "- **Cite a claim:** `python -m verify cite CLAIM-ID` prints a citation naming this report's commit.",
        "",
    ]


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
    lines += ["| document | claims |", "|---|---|"]
    for document, rows in documents:
        lines.append(f"| [`{document}`](#{document_anchor(document)}) | {verdict_counts([c for c, _ in rows])} |")
    lines.append("")
    for document, rows in documents:
        lines += [_target(document_anchor(document)), "", f"### `{document}`", ""]
        if not rows:
            lines += ["No claim of this report cites this document.", ""]
            continue
        lines += [verdict_counts([c for c, _ in rows]) + ".", ""]
        lines += ["| claim | verdict | section | title |", "|---|---|---|---|"]
        for claim, sections in rows:
            lines.append(
                f"| [{claim['id']}](#{anchor(claim['id'])}) | {claim['verdict']} | "
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
                    f"[{claim['id']}](#{anchor(claim['id'])}) ({claim['verdict']}) |"
                )
        lines.append("")
    return lines


def _figure_lines(report: Mapping[str, Any]) -> list[str]:
    from verify.report.figures import caption, display_order

    lines = ["## Figures", ""]
    captions = report.get("figure_captions", {})
    for f in display_order(list(report["figures"])):
        text = captions.get(f) or caption(f) or f
        lines += [f"![{_cell(text)}]({f})", "", f"*{text}*", ""]
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
            f"| {r['name']} | {_cell(r['title'])} | {r['device']} | {r['torch']} | {r['seeds']} | {wall} | {rate} |"
        )
    return [*lines, ""]


def _study_lines(report: Mapping[str, Any]) -> list[str]:
    from verify.report.equilibrium import study_blocks

    lines: list[str] = []
    for i, block in enumerate(study_blocks(report)):
        lines += [f"{'##' if i == 0 else '###'} {block['title']}", "", block["text"], ""]
        lines.append("| " + " | ".join(_cell(h) for h in block["header"]) + " |")
        lines.append("|" + "---|" * len(block["header"]))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block["rows"]]
        lines.append("")
    return lines


def render_markdown(report: Mapping[str, Any]) -> str:
    """The whole Markdown report."""
    lines = _header(report)
    lines += ["## Summary", "", "| verdict | claims | meaning |", "|---|---:|---|"]
    for v in VERDICT_ORDER:
        lines.append(f"| {v} | {report['summary'].get(v, 0)} | {VERDICT_MEANING[v]} |")
    lines += ["", f"Of these: {verdict_counts(report['claims'])}. Literature results and our extensions are not "
              "claims of the documents and never count for or against one.", ""]
    lines += _document_index(report)
    lines += ["## All claims", "", "| ID | title | verdict | checks | controls refuted |", "|---|---|---|---:|---|"]
    for c in report["claims"]:
        n_controls = sum(len(k["controls"]) for k in c["checks"])
        refuted = sum(1 for k in c["checks"] for v in k["controls"] if v.get("holds") is False)
        lines.append(
            f"| [{c['id']}](#{anchor(c['id'])}) | {_cell(c['title'])} | {c['verdict']} | {len(c['checks'])} | "
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
