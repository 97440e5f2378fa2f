"""Render the report dictionary as a standalone HTML page (``report.html``).

The page is built from the report dictionary (not from the Markdown text):
provenance header, verdict summary, index by document, table of claims,
figures, and one ``<section class="claim">`` per claim with its checks.
Every piece of text from the report goes through :func:`html.escape`; the
page has a small inline stylesheet, no JavaScript and no external resource
(figures are relative ``<img>`` paths inside the report folder).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

from verify.report.markdown import (
    VERDICT_MEANING,
    VERDICT_ORDER,
    anchor,
    by_document,
    document_anchor,
    is_document,
    verdict_counts,
)

__all__ = ["render_html"]

_CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg);
  max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { margin-top: 1.8rem; }
h4 { margin: 1.2rem 0 .3rem; font-size: 1rem; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
td.num { text-align: right; }
code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--bg-soft); padding: .05rem .25rem; border-radius: 4px; word-break: break-word; }
.muted { color: var(--muted); }
.meta dt { font-weight: 600; float: left; clear: left; width: 7.5rem; }
.meta dd { margin: 0 0 .25rem 8rem; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .8rem; font-weight: 600;
  white-space: nowrap; border: 1px solid transparent; }
.v-verified { background: #dafbe1; color: #116329; border-color: #4ac26b; }
.v-qualified { background: #fff8c5; color: #7d4e00; border-color: #d4a72c; }
.v-refuted { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.v-not-checkable { background: #eef1f4; color: #424a53; border-color: #afb8c1; }
.v-pending { background: #ddf4ff; color: #0550ae; border-color: #54aeff; }
.v-error { background: #a40e26; color: #fff; }
.o-holds { color: #116329; font-weight: 600; }
.o-fails { color: #a40e26; font-weight: 600; }
.o-notrun { color: var(--muted); }
.o-nohold { color: #fff; background: #a40e26; padding: 0 .3rem; font-weight: 600; }
section.claim { border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1.2rem 1rem; margin: 1.2rem 0; }
section.claim > h3 { margin-top: .8rem; }
.vb-verified { border-left: 6px solid #4ac26b; }
.vb-qualified { border-left: 6px solid #d4a72c; }
.vb-refuted { border-left: 6px solid #ff8182; }
.vb-not-checkable { border-left: 6px solid #afb8c1; }
.vb-pending { border-left: 6px solid #54aeff; }
.vb-error { border-left: 6px solid #a40e26; }
.claim dl dt { font-weight: 600; margin-top: .4rem; }
.claim dl dd { margin-left: 1.2rem; }
.check { border-top: 1px dashed var(--line); margin-top: 1rem; }
.error { background: #ffebe9; padding: .4rem .6rem; border-radius: 4px; }
figure { margin: 1rem 0 2rem; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: .9rem; }
details summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
nav ol { columns: 2; }
""".strip()


def _e(value: Any) -> str:
    """Escaped text of any value."""
    return html.escape("" if value is None else str(value), quote=True)


def _json(value: Any, limit: int = 4000) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _badge(verdict: str) -> str:
    return f'<span class="badge v-{_e(verdict)}" title="{_e(VERDICT_MEANING.get(verdict, ""))}">{_e(verdict)}</span>'


def _outcome(holds: bool | None, *, control: bool) -> str:
    if holds is None:
        return '<span class="o-notrun">not run</span>'
    if control:
        return (
            '<span class="o-holds">refuted ✓</span>'
            if holds is False
            else '<span class="o-nohold">PASSED ✗ (no teeth)</span>'
        )
    return '<span class="o-holds">holds</span>' if holds else '<span class="o-fails">fails</span>'


def _header(report: Mapping[str, Any]) -> list[str]:
    env, run, t = report["environment"], report["run"], report["timings"]
    git = env["git"]
    commit = git.get("commit") or "unknown"
    dirty = " (uncommitted changes)" if git.get("dirty") else ""
    libs = ", ".join(f"{k} {v}" for k, v in env["libraries"].items() if v)
    torch = env.get("torch") or {}
    device = "torch not installed"
    if torch:
        cuda = "yes" if torch.get("cuda_available") else "no"
        device = f"torch {torch.get('version')}, {torch.get('threads')} threads, CUDA {cuda}"
        if torch.get("cuda_device"):
            device += f" ({torch['cuda_device']})"
    profile = run["profile"]
    run_text = (
        f"profile {profile['name']} (Hypothesis: {run['hypothesis']['max_examples']} examples per search, "
        f"derandomised; {profile['random_cases']} random cases per numeric check), seed {run['seed']}, "
        f"{run['claims_run']} of {run['claims_registered']} claims"
        + (f", selection {run['selection']}" if run.get("selection") else "")
        + f", experiments {'on' if run['experiments_enabled'] else 'off'} (device {run.get('device')})"
    )
    src = run["sources"]
    if src.get("given"):
        docs = ", ".join(
            f"{name} ({'matches' if d.get('matches_registry') else 'DIFFERS from'} the registered version)"
            if d.get("sha256")
            else f"{name} (missing)"
            for name, d in sorted(src.get("documents", {}).items())
        )
        src_text = f"documents read from {src.get('folder')}: {docs}"
    else:
        src_text = "no documents given (code audits pending)"
    rows = [
        ("Package", f"gantheory {env['package']['version']}, commit {commit}{dirty}"),
        ("Report", f"schema {report['schema_version']}, registry fingerprint {report['registry_fingerprint']}"),
        ("Run", run_text),
        ("Documents", src_text),
        ("Software", f"{env.get('implementation', 'Python')} {env['python']} on {env['platform']}; {libs}"),
        ("Device", f"{env['cpu_count']} CPUs; {device}"),
        ("Generated", f"{t.get('started_utc', '?')}, wall time {t.get('wall_seconds', 0):.1f} s"),
    ]
    out = [
        "<header>",
        "<h1>Verification report: claims of five GAN tutorial documents</h1>",
        '<p class="muted">Every verdict below is computed by <code>python -m verify</code>; '
        "none is written by hand.</p>",
        '<dl class="meta">',
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows]
    out += [
        f"<dt>Reproduce</dt><dd><code>{_e(t.get('command', 'python -m verify run'))}</code></dd>",
        "<dt>Cite a claim</dt><dd><code>python -m verify cite CLAIM-ID</code></dd>",
        "</dl>",
        "</header>",
    ]
    return out


def _nav(report: Mapping[str, Any]) -> list[str]:
    items = [("summary", "Summary"), ("by-document", "By document"), ("all-claims", "All claims")]
    if report.get("experiments"):
        items.append(("experiments", "Experiments"))
    if any(name.startswith("EQ-") for name in report.get("experiments", {})):
        items.append(("equilibrium-study", "Equilibrium study"))
    if report.get("figures"):
        items.append(("figures", "Figures"))
    items.append(("claims", "Claims"))
    links = "".join(f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t in items)
    return [f'<nav aria-label="contents"><ol>{links}</ol></nav>']


def _summary(report: Mapping[str, Any]) -> list[str]:
    out = [
        '<section id="summary">',
        "<h2>Summary</h2>",
        "<table><thead><tr><th>verdict</th><th>claims</th><th>meaning</th></tr></thead><tbody>",
    ]
    for v in VERDICT_ORDER:
        n = report["summary"].get(v, 0)
        out.append(f'<tr><td>{_badge(v)}</td><td class="num">{_e(n)}</td><td>{_e(VERDICT_MEANING[v])}</td></tr>')
    out += ["</tbody></table>", "</section>"]
    return out


def _experiments(report: Mapping[str, Any]) -> list[str]:
    from verify.report.markdown import experiment_rows

    rows = experiment_rows(report)
    if not rows:
        return []
    out = [
        '<section id="experiments">',
        "<h2>Experiments</h2>",
        "<p>Trained GANs behind the empirical claims (configurations and per-seed statistics are in "
        "<code>report.json</code>).</p>",
        "<table><thead><tr><th>experiment</th><th>what is trained</th><th>device</th><th>torch</th>"
        "<th>seeds</th><th>wall time (s)</th><th>seed-steps/s</th></tr></thead><tbody>",
    ]
    for r in rows:
        wall = "—" if r["wall_seconds"] is None else f"{r['wall_seconds']:.1f}"
        rate = "—" if r["seed_steps_per_second"] is None else f"{r['seed_steps_per_second']:,.0f}"
        out.append(
            f"<tr><td>{_e(r['name'])}</td><td>{_e(r['title'])}</td><td>{_e(r['device'])}</td>"
            f'<td>{_e(r["torch"])}</td><td class="num">{_e(r["seeds"])}</td><td class="num">{_e(wall)}</td>'
            f'<td class="num">{_e(rate)}</td></tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _claim_link(claim: Mapping[str, Any]) -> str:
    return f'<a href="#{_e(anchor(claim["id"]))}">{_e(claim["id"])}</a>'


def _document_index(report: Mapping[str, Any]) -> list[str]:
    index = by_document(report)
    out = [
        '<section id="by-document">',
        "<h2>By document</h2>",
        "<p>For each tutorial document: the claims citing it, the sections they come from, and their verdicts.</p>",
    ]
    for document, rows in index:
        if not is_document(document):
            continue
        claims = [c for c, _ in rows]
        out.append(f'<h3 id="{_e(document_anchor(document))}"><code>{_e(document)}</code></h3>')
        out.append(f"<p>{_e(verdict_counts(claims))}.</p>")
        if not rows:
            continue
        out.append("<table><thead><tr><th>claim</th><th>verdict</th><th>section</th><th>title</th></tr></thead><tbody>")
        for claim, sections in rows:
            out.append(
                f"<tr><td>{_claim_link(claim)}</td><td>{_badge(claim['verdict'])}</td>"
                f"<td>{_e('; '.join(sections))}</td><td>{_e(claim['title'])}</td></tr>"
            )
        out.append("</tbody></table>")
    papers = [(d, rows) for d, rows in index if not is_document(d)]
    if papers:
        out += [
            "<h3>Literature sources</h3>",
            "<table><thead><tr><th>source</th><th>where</th><th>claim</th></tr></thead><tbody>",
        ]
        for document, rows in papers:
            for i, (claim, sections) in enumerate(rows):
                target = f' id="{_e(document_anchor(document))}"' if i == 0 else ""
                out.append(
                    f"<tr{target}><td>{_e(document)}</td><td>{_e('; '.join(sections))}</td>"
                    f"<td>{_claim_link(claim)} {_badge(claim['verdict'])}</td></tr>"
                )
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _claims_table(report: Mapping[str, Any]) -> list[str]:
    out = [
        '<section id="all-claims">',
        "<h2>All claims</h2>",
        "<table><thead><tr><th>ID</th><th>title</th><th>verdict</th><th>checks</th><th>controls refuted</th></tr>"
        "</thead><tbody>",
    ]
    for c in report["claims"]:
        n_controls = sum(len(k["controls"]) for k in c["checks"])
        refuted = sum(1 for k in c["checks"] for v in k["controls"] if v.get("holds") is False)
        out.append(
            f"<tr><td>{_claim_link(c)}</td><td>{_e(c['title'])}</td><td>{_badge(c['verdict'])}</td>"
            f'<td class="num">{len(c["checks"])}</td><td class="num">{refuted}/{n_controls}</td></tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _figures(report: Mapping[str, Any]) -> list[str]:
    from verify.report.figures import caption, display_order

    out = ['<section id="figures">', "<h2>Figures</h2>"]
    captions = report.get("figure_captions", {})
    for path in display_order(list(report["figures"])):
        text = captions.get(path) or caption(path) or path
        out.append(
            f'<figure><img src="{_e(path)}" alt="{_e(text)}" loading="lazy">'
            f"<figcaption>{_e(text)} <code>{_e(path)}</code></figcaption></figure>"
        )
    out.append("</section>")
    return out


def _variant_row(role: str, v: Mapping[str, Any], *, control: bool) -> list[str]:
    details = []
    if v.get("summary") and v.get("summary") != "not needed":
        details.append(_e(v["summary"]))
    if v.get("reason") and v.get("reason") != v.get("summary"):
        details.append(f'<span class="muted">reason: {_e(v["reason"])}</span>')
    if v.get("counterexample") and v.get("holds") is False:
        details.append(f"counterexample: <code>{_e(_json(v['counterexample']))}</code>")
    if v.get("measurements"):
        details.append(f"<details><summary>measurements</summary><code>{_e(_json(v['measurements']))}</code></details>")
    return [
        f"<tr><td>{_e(role)}</td><td><strong>{_e(v.get('label'))}</strong><br>{_e(v.get('statement'))}</td>"
        f"<td>{_outcome(v.get('holds'), control=control)}</td><td>{'<br>'.join(details)}</td></tr>"
    ]


def _check(c: Mapping[str, Any]) -> list[str]:
    decides = "" if c["decides"] else ' <span class="muted">(informative: does not enter the verdict)</span>'
    out = [
        '<div class="check">',
        f"<h4>Check <code>{_e(c['name'])}</code> — {_e(c['kind'])}, {_e(c['status'])}{decides}</h4>",
        f"<p>{_e(c['method'])}</p>",
    ]
    if c.get("error"):
        out.append(f'<p class="error"><strong>Error:</strong> {_e(c["error"])}</p>')
    out.append("<table><thead><tr><th>subject</th><th>statement</th><th>outcome</th><th>evidence</th></tr></thead>")
    out.append("<tbody>")
    out += _variant_row("stated", c["stated"], control=False)
    corr = c.get("corrected")
    if corr and corr.get("holds") is not None:
        out += _variant_row("corrected", corr, control=False)
    for v in c.get("controls", []):
        out += _variant_row("control", v, control=True)
    out.append("</tbody></table>")
    if c.get("controls"):
        teeth = "all negative controls refuted" if c.get("teeth") else "NOT all negative controls refuted"
        out.append(f'<p class="muted">{_e(teeth)}</p>')
    out.append("</div>")
    return out


def _claim(claim: Mapping[str, Any], seconds: float | None) -> list[str]:
    out = [
        f'<section class="claim vb-{_e(claim["verdict"])}" id="{_e(anchor(claim["id"]))}">',
        f"<h3>{_e(claim['id'])} — {_e(claim['title'])}</h3>",
        f"<p>{_badge(claim['verdict'])} {_e(claim['explanation'])}</p>",
        "<dl>",
        f"<dt>Statement</dt><dd>{_e(claim['statement'])}</dd>",
        "<dt>Sources</dt><dd><ul>",
    ]
    for s in claim["sources"]:
        doc = f'<a href="#{_e(document_anchor(s["document"]))}"><code>{_e(s["document"])}</code></a>'
        out.append(f"<li>{doc} § {_e(s['section'])}</li>")
    out.append("</ul></dd>")
    if claim["assumptions"]:
        out.append("<dt>Assumptions</dt><dd><ul>" + "".join(f"<li>{_e(a)}</li>" for a in claim["assumptions"]))
        out.append("</ul></dd>")
    if claim["references"]:
        out.append("<dt>References</dt><dd><ul>" + "".join(f"<li>{_e(r)}</li>" for r in claim["references"]))
        out.append("</ul></dd>")
    if claim.get("notes"):
        out.append(f"<dt>Notes</dt><dd>{_e(claim['notes'])}</dd>")
    out.append("</dl>")
    for c in claim["checks"]:
        out += _check(c)
    if seconds is not None:
        out.append(f'<p class="muted"><small>wall time {seconds:.2f} s</small></p>')
    out.append("</section>")
    return out


def _study(report: Mapping[str, Any]) -> list[str]:
    from verify.report.equilibrium import study_blocks

    blocks = study_blocks(report)
    if not blocks:
        return []
    out = ['<section id="equilibrium-study">']
    for i, block in enumerate(blocks):
        tag = "h2" if i == 0 else "h3"
        out += [f"<{tag}>{_e(block['title'])}</{tag}>", f"<p>{_e(block['text'])}</p>", "<table><thead><tr>"]
        out += [f"<th>{_e(h)}</th>" for h in block["header"]]
        out.append("</tr></thead><tbody>")
        for row in block["rows"]:
            out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def render_html(report: Mapping[str, Any]) -> str:
    """A self-contained HTML page of the report."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>gantheory verification report</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    out += _header(report)
    out += _nav(report)
    out += _summary(report)
    out += _document_index(report)
    out += _claims_table(report)
    out += _experiments(report)
    out += _study(report)
    if report.get("figures"):
        out += _figures(report)
    out += ['<section id="claims">', "<h2>Claims</h2>"]
    per_claim = report["timings"].get("per_claim_seconds", {})
    for v in VERDICT_ORDER:
        group = [c for c in report["claims"] if c["verdict"] == v]
        if not group:
            continue
        out.append(f'<h2 id="verdict-{_e(v)}">{_badge(v)} {_e(v.capitalize())} ({len(group)})</h2>')
        for c in group:
            out += _claim(c, per_claim.get(c["id"]))
    out += ["</section>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
