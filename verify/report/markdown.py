"""Render the report dictionary as Markdown (``REPORT.md``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["VERDICT_ORDER", "anchor", "render_markdown"]

VERDICT_ORDER = ("verified", "qualified", "refuted", "not-checkable", "pending", "error")

_VERDICT_MEANING = {
    "verified": "the claim holds as stated",
    "qualified": "as stated it fails or is imprecise; our corrected statement (a qualification) holds",
    "refuted": "the claim is false: counterexample or computed true value, and the corrected statement",
    "not-checkable": "a literature or heuristic claim; related quantities are computed where possible",
    "pending": "needs a run that has not been made here (a document folder, a trained-GAN experiment)",
    "error": "a check crashed or a negative control passed: the harness, not the claim, is at fault",
}


def anchor(claim_id: str) -> str:
    """GitHub-style anchor of a claim's section heading."""
    return claim_id.lower().replace(".", "")


def _compact(value: Any, limit: int = 400) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        lines.append(f"{indent}  counterexample: `{_compact(v['counterexample'])}`")
    return lines


def _check_lines(c: Mapping[str, Any]) -> list[str]:
    decides = "" if c["decides"] else " (informative: does not enter the verdict)"
    lines = [f"#### Check `{c['name']}` — {c['kind']}, {c['status']}{decides}", "", c["method"], ""]
    if c.get("error"):
        lines += [f"**Error:** {c['error']}", ""]
    lines += _variant_lines(c["stated"])
    if c.get("corrected") and c["corrected"].get("holds") is not None:
        corr = dict(c["corrected"])
        corr["label"] = f"corrected ({corr.get('relation', '')})"
        lines += _variant_lines(corr)
    teeth = "all refuted" if c.get("teeth") else "NOT all refuted"
    if c.get("controls"):
        lines.append(f"- negative controls ({teeth}):")
        for v in c["controls"]:
            lines += _variant_lines(v, control=True, indent="  ")
    lines.append("")
    return lines


def _claim_section(claim: Mapping[str, Any], seconds: float | None) -> list[str]:
    lines = [f"### {claim['id']} — {claim['title']}", ""]
    lines += [f"**Verdict: {claim['verdict']}** — {claim['explanation']}", ""]
    lines += [f"**Statement.** {claim['statement']}", ""]
    sources = "; ".join(f"`{s['document']}` § {s['section']}" for s in claim["sources"])
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
    t = report["timings"]
    src = run["sources"]
    src_text = (
        f"documents read from `{src.get('folder')}`" if src.get("given") else "no documents given (code audits pending)"
    )
    return [
        "# Verification report: claims of five GAN tutorial documents",
        "",
        f"gantheory {env['package']['version']} · commit `{commit}`{dirty} · schema {report['schema_version']} · "
        f"registry `{report['registry_fingerprint'][:12]}`",
        "",
        f"- **Run:** profile `{run['profile']['name']}` (Hypothesis: {run['hypothesis']['max_examples']} examples per "
        f"search, derandomised; {run['profile']['random_cases']} random cases per numeric check), seed {run['seed']}, "
        f"{run['claims_run']} of {run['claims_registered']} claims, experiments "
        f"{'on' if run['experiments_enabled'] else 'off'}, {src_text}.",
        f"- **Software:** Python {env['python']} ({env['platform']}); {libs}.",
        f"- **Device:** {env['cpu_count']} CPUs; {device}.",
        f"- **Generated:** {t.get('started_utc', '?')}, wall time {t.get('wall_seconds', 0):.1f} s.",
        f"- **Reproduce:** `{t.get('command', 'python -m verify run')}`",
        "- **Cite a claim:** `python -m verify cite CLAIM-ID` prints a citation naming this report's commit.",
        "",
    ]


def render_markdown(report: Mapping[str, Any]) -> str:
    """The whole Markdown report."""
    lines = _header(report)
    lines += ["## Summary", "", "| verdict | claims | meaning |", "|---|---:|---|"]
    for v in VERDICT_ORDER:
        lines.append(f"| {v} | {report['summary'].get(v, 0)} | {_VERDICT_MEANING[v]} |")
    lines += ["", "## All claims", "", "| ID | title | verdict | checks | controls refuted |", "|---|---|---|---:|---|"]
    for c in report["claims"]:
        n_controls = sum(len(k["controls"]) for k in c["checks"])
        refuted = sum(1 for k in c["checks"] for v in k["controls"] if v.get("holds") is False)
        lines.append(
            f"| [{c['id']}](#{anchor(c['id'])}) | {c['title']} | {c['verdict']} | {len(c['checks'])} | "
            f"{refuted}/{n_controls} |"
        )
    lines.append("")
    if report.get("figures"):
        lines += ["## Figures", ""]
        for f in report["figures"]:
            lines += [f"![{f}]({f})", ""]
    lines += ["## Claims", ""]
    per_claim = report["timings"].get("per_claim_seconds", {})
    for v in VERDICT_ORDER:
        group = [c for c in report["claims"] if c["verdict"] == v]
        if not group:
            continue
        lines += [f"## {v.capitalize()} ({len(group)})", ""]
        for c in group:
            lines += _claim_section(c, per_claim.get(c["id"]))
    return "\n".join(lines).rstrip() + "\n"
