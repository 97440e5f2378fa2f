"""Render the report dictionary as a standalone HTML page (``report.html``).

The page is built from the report dictionary (not from the Markdown text):
the findings (what the documents get wrong, what needs a qualification, by
document), verdict summary, provenance, index by document, table of claims,
experiments, figures (each naming the claims it supports), and one
``<section class="claim" id="CLAIM-ID">`` per claim with its checks.

A sticky sidebar holds the table of contents and, with JavaScript on, filters
by verdict, document and check kind and a search box over the claims' IDs,
titles and statements (the matches listed as links). The script is a few
lines inline (:data:`_SCRIPT`); it reads only the ``data-*`` attributes of
the claims, so the page works offline and, without JavaScript, shows every
claim. Every piece of text from the report goes through :func:`html.escape`;
the page loads no external resource (figures are relative ``<img>`` paths
inside the report folder) and links out only to arXiv abstracts.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from verify.report.markdown import (
    ARXIV,
    VERDICT_MEANING,
    VERDICT_ORDER,
    anchor,
    by_document,
    check_anchor,
    document_anchor,
    document_rows,
    document_title,
    is_document,
    known_documents,
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
[hidden] { display: none !important; }
body.layout { max-width: none; margin: 0; padding: 0; display: grid; grid-template-columns: 19rem minmax(0, 1fr); }
main { max-width: 72rem; padding: 1rem 1.8rem 4rem; min-width: 0; }
.sidebar { position: sticky; top: 0; align-self: start; height: 100vh; overflow-y: auto; padding: 1rem 1rem 2rem;
  border-right: 1px solid var(--line); background: var(--bg-soft); font-size: .9rem; }
.sidebar .brand { font-weight: 700; margin: 0 0 .6rem; }
.sidebar ol { padding-left: 1.1rem; margin: .2rem 0 1rem; }
.sidebar ol ol { margin: 0; }
.sidebar label { display: block; margin: .45rem 0 .1rem; font-weight: 600; }
.sidebar select, .sidebar input { width: 100%; font: inherit; padding: .2rem .3rem; }
#f-count { color: var(--muted); margin: .5rem 0; }
#f-results { padding-left: 1.1rem; }
.top { font-size: .8rem; }
.finding-doc { margin-bottom: .2rem; }
ul.findings li { margin: .25rem 0; }
.supports { font-size: .9rem; }
@media (max-width: 60rem) {
  body.layout { display: block; }
  .sidebar { position: static; height: auto; border-right: none; border-bottom: 1px solid var(--line); }
}
""".strip()

#: The page's only script: filters and search over the claims' ``data-*`` attributes (no network, no storage).
_SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var claims = Array.prototype.slice.call(document.querySelectorAll("section.claim"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-verdict]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var verdict = document.getElementById("f-verdict"), doc = document.getElementById("f-doc");
  var kind = document.getElementById("f-kind"), search = document.getElementById("f-search");
  var count = document.getElementById("f-count"), results = document.getElementById("f-results");
  function has(list, value) { return (" " + list + " ").indexOf(" " + value + " ") >= 0; }
  function keep(el, q) {
    var d = el.dataset;
    return (!verdict.value || d.verdict === verdict.value) && (!doc.value || has(d.docs, doc.value)) &&
      (!kind.value || has(d.kinds, kind.value)) && (!q || d.text.indexOf(q) >= 0);
  }
  var last = null;
  function apply() {
    var q = search.value.trim().toLowerCase(), shown = 0;
    var state = [verdict.value, doc.value, kind.value, q].join("\u0000");
    // Leaving the search box fires "change": rebuilding the list then would drop the link being clicked.
    if (state === last) { return; }
    last = state;
    while (results.firstChild) { results.removeChild(results.firstChild); }
    claims.forEach(function (el) {
      var ok = keep(el, q);
      el.hidden = !ok;
      if (!ok) { return; }
      shown += 1;
      if (q && results.children.length < 30) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = "#" + el.id;
        a.textContent = el.id;
        a.title = el.dataset.title;
        li.appendChild(a);
        results.appendChild(li);
      }
    });
    rows.forEach(function (tr) { tr.hidden = !keep(tr, q); });
    groups.forEach(function (h) {
      h.hidden = !claims.some(function (el) { return !el.hidden && el.dataset.verdict === h.dataset.group; });
    });
    count.textContent = shown + " of " + claims.length + " claims shown";
  }
  // A link to a claim (or a check) that the filters hide clears the filters, then shows it.
  function reveal() {
    var el = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var claim = el && el.closest("section.claim");
    if (!claim || !claim.hidden) { return; }
    form.reset();
    apply();
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results.querySelector("a");
    if (first) { first.click(); }
  });
  apply();
})();
""".strip()


def _e(value: Any) -> str:
    """Escaped text of any value."""
    return html.escape("" if value is None else str(value), quote=True)


def _cited(value: Any) -> str:
    """Escaped text with each arXiv identifier a link to its abstract page."""
    return ARXIV.sub(
        lambda m: f'<a href="https://arxiv.org/abs/{m.group(1)}{m.group(2) or ""}">{m.group(0)}</a>', _e(value)
    )


def _top() -> str:
    return '<p class="top"><a href="#top">↑ back to top</a></p>'


def _document_number(document: str) -> str:
    return document.split("_", 1)[0]


def _document_name(document: str) -> str:
    """``<code>file name</code> — title`` (escaped)."""
    title = document_title(document)
    return f"<code>{_e(document)}</code>" + (f" — {_e(title)}" if title else "")


def _filter_data(claim: Mapping[str, Any]) -> str:
    """The ``data-*`` attributes the filters and the search read."""
    docs = sorted({_document_number(s["document"]) for s in claim["sources"] if is_document(s["document"])})
    kinds = sorted({c["kind"] for c in claim["checks"]})
    text = " ".join([claim["id"], claim["title"], claim.get("statement", "")]).lower()
    return (
        f'data-verdict="{_e(claim["verdict"])}" data-docs="{_e(" ".join(docs))}" '
        f'data-kinds="{_e(" ".join(kinds))}" data-title="{_e(claim["title"])}" data-text="{_e(text)}"'
    )


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


def _header() -> list[str]:
    return [
        "<header>",
        "<h1>Verification report: claims of five GAN tutorial documents</h1>",
        '<p class="muted">What the documents get wrong and what needs a qualification come first, each with its '
        "correction; then the verdicts, the provenance of this report, and the evidence for every claim. Every "
        "verdict is computed by <code>python -m verify</code>; none is written by hand.</p>",
        "</header>",
    ]


def _provenance(report: Mapping[str, Any]) -> list[str]:
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
    src_text = (
        "read in this run (table below)"
        if run["sources"].get("given")
        else ("not given: code audits pending (table below: the registered versions)")
    )
    rows = [
        ("Package", f"gantheory {env['package']['version']}, commit {commit}{dirty}"),
        ("Report", f"schema {report['schema_version']}, registry fingerprint {report['registry_fingerprint']}"),
        ("Run", run_text),
        ("Documents", src_text),
        ("Software", f"{env.get('implementation', 'Python')} {env['python']} on {env['platform']}; {libs}"),
        ("Device", f"{env['cpu_count']} CPUs; {device}"),
        ("Generated", f"{t.get('started_utc', '?')}, wall time {t.get('wall_seconds', 0):.1f} s"),
    ]
    out = ['<section id="provenance">', "<h2>Provenance</h2>", '<dl class="meta">']
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows]
    out += [
        f"<dt>Reproduce</dt><dd><code>{_e(t.get('command', 'python -m verify run'))}</code></dd>",
        "<dt>Cite a claim</dt><dd><code>python -m verify cite CLAIM-ID</code></dd>",
        "</dl>",
        "<table><thead><tr><th>document</th><th>title</th><th>SHA-256</th><th>in this run</th></tr></thead><tbody>",
    ]
    for r in document_rows(report):
        out.append(
            f'<tr><td><a href="#{_e(document_anchor(r["document"]))}"><code>{_e(r["document"])}</code></a></td>'
            f"<td>{_e(r['title'])}</td><td><code>{_e(r['sha256'] or '?')}</code></td><td>{_e(r['status'])}</td></tr>"
        )
    out += ["</tbody></table>", _top(), "</section>"]
    return out


def _findings(report: Mapping[str, Any]) -> list[str]:
    from verify.report.findings import FINDING_VERDICTS, findings_by_document

    out: list[str] = []
    for verdict, heading in FINDING_VERDICTS.items():
        groups = findings_by_document(report, verdict, known_documents())
        what = "the correction that holds" if verdict == "refuted" else "the condition under which it holds"
        out += [
            f'<section id="findings-{_e(verdict)}" class="findings">',
            f"<h2>{_e(heading)}</h2>",
            f"<p>Each line: the claim, then {what}. The claim's ID and the check names link to the evidence.</p>",
        ]
        if not groups:
            out.append(f"<p>No claim of this report is {_e(verdict)}.</p>")
        for document, rows in groups:
            if document is None:
                out.append('<h3 class="finding-doc">Other sources (papers and extensions citing no document)</h3>')
            else:
                out.append(
                    f'<h3 class="finding-doc"><a href="#{_e(document_anchor(document))}">'
                    f"{_document_name(document)}</a></h3>"
                )
            out.append('<ul class="findings">')
            label = "correction" if verdict == "refuted" else "holds with"
            for f in rows:
                checks = ", ".join(
                    f'<a href="#{_e(check_anchor(f.claim_id, c))}"><code>{_e(c)}</code></a>' for c in f.checks
                )
                more = f"; {f.more} further correction{'s' if f.more > 1 else ''} in the evidence" if f.more else ""
                out.append(
                    f"<li>{_claim_link(f.claim_id)} {_badge(f.verdict)} {_e(f.title)} — <em>{label}:</em> "
                    f'{_cited(f.correction)} <span class="muted">(evidence: '
                    f"{checks or _claim_link(f.claim_id)}{more})</span></li>"
                )
            out.append("</ul>")
        out += [_top(), "</section>"]
    return out


def _sidebar(report: Mapping[str, Any]) -> list[str]:
    items = [
        ("findings-refuted", "What the documents get wrong"),
        ("findings-qualified", "What needs a qualification"),
        ("summary", "Summary"),
        ("provenance", "Provenance"),
        ("by-document", "By document"),
        ("all-claims", "All claims"),
    ]
    if report.get("experiments"):
        items.append(("experiments", "Experiments"))
    if any(name.startswith("EQ-") for name in report.get("experiments", {})):
        items.append(("equilibrium-study", "Equilibrium study"))
    if report.get("figures"):
        items.append(("figures", "Figures"))
    links = [f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t in items]
    groups = [
        f'<li><a href="#verdict-{_e(v)}">{_e(v.capitalize())}</a> ({n})</li>'
        for v in VERDICT_ORDER
        if (n := sum(1 for c in report["claims"] if c["verdict"] == v))
    ]
    links.append('<li><a href="#claims">Claims</a><ol>' + "".join(groups) + "</ol></li>")
    documents = sorted({s["document"] for c in report["claims"] for s in c["sources"] if is_document(s["document"])})
    kinds = sorted({k["kind"] for c in report["claims"] for k in c["checks"]})
    verdicts = [v for v in VERDICT_ORDER if any(c["verdict"] == v for c in report["claims"])]

    def select(ident: str, label: str, options: Sequence[tuple[str, str]]) -> list[str]:
        opts = "".join(f'<option value="{_e(v)}">{_e(t)}</option>' for v, t in options)
        return [
            f'<label for="{ident}">{_e(label)}</label>',
            f'<select id="{ident}"><option value="">all</option>{opts}</select>',
        ]

    out = [
        '<aside class="sidebar" aria-label="contents and filters">',
        '<p class="brand"><a href="#top">gantheory report</a></p>',
        '<nav aria-label="contents"><ol>' + "".join(links) + "</ol></nav>",
        '<form id="filters" role="search" hidden>',
    ]
    out += select("f-verdict", "Verdict", [(v, v) for v in verdicts])
    out += select(
        "f-doc",
        "Document",
        [(_document_number(d), f"{_document_number(d)} · {document_title(d) or d}") for d in documents],
    )
    out += select("f-kind", "Check kind", [(k, k) for k in kinds])
    out += [
        '<label for="f-search">Search claims</label>',
        '<input id="f-search" type="search" placeholder="ID or words, e.g. CG-JS" autocomplete="off">',
        '<p id="f-count" aria-live="polite"></p>',
        '<ol id="f-results"></ol>',
        '<button type="reset">Clear filters</button>',
        "</form>",
        "</aside>",
    ]
    return out


def _summary(report: Mapping[str, Any]) -> list[str]:
    out = [
        '<section id="summary">',
        "<h2>Summary</h2>",
        "<table><thead><tr><th>verdict</th><th>claims</th><th>meaning</th></tr></thead><tbody>",
    ]
    for v in VERDICT_ORDER:
        n = report["summary"].get(v, 0)
        out.append(f'<tr><td>{_badge(v)}</td><td class="num">{_e(n)}</td><td>{_e(VERDICT_MEANING[v])}</td></tr>')
    out += ["</tbody></table>", _top(), "</section>"]
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


def _claim_link(claim: Mapping[str, Any] | str) -> str:
    claim_id = claim if isinstance(claim, str) else claim["id"]
    return f'<a href="#{_e(anchor(claim_id))}">{_e(claim_id)}</a>'


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
        out.append(f'<h3 id="{_e(document_anchor(document))}">{_document_name(document)}</h3>')
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
                    f"<tr{target}><td>{_cited(document)}</td><td>{_e('; '.join(sections))}</td>"
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
            f"<tr {_filter_data(c)}><td>{_claim_link(c)}</td><td>{_e(c['title'])}</td><td>{_badge(c['verdict'])}</td>"
            f'<td class="num">{len(c["checks"])}</td><td class="num">{refuted}/{n_controls}</td></tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _figures(report: Mapping[str, Any]) -> list[str]:
    from verify.report.figures import caption, claims_supported, display_order

    out = ['<section id="figures">', "<h2>Figures</h2>"]
    captions = report.get("figure_captions", {})
    for path in display_order(list(report["figures"])):
        text = captions.get(path) or caption(path) or path
        supported = claims_supported(path, report)
        supports = (
            '<br><span class="supports">Supports ' + ", ".join(_claim_link(c) for c in supported) + ".</span>"
            if supported
            else ""
        )
        out.append(
            f'<figure><img src="{_e(path)}" alt="{_e(text)}" loading="lazy">'
            f"<figcaption>{_e(text)} <code>{_e(path)}</code>{supports}</figcaption></figure>"
        )
    out += [_top(), "</section>"]
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


def _check(claim_id: str, c: Mapping[str, Any]) -> list[str]:
    decides = "" if c["decides"] else ' <span class="muted">(informative: does not enter the verdict)</span>'
    out = [
        f'<div class="check" id="{_e(check_anchor(claim_id, c["name"]))}">',
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
        f'<section class="claim vb-{_e(claim["verdict"])}" id="{_e(anchor(claim["id"]))}" {_filter_data(claim)}>',
        f"<h3>{_e(claim['id'])} — {_e(claim['title'])}</h3>",
        f"<p>{_badge(claim['verdict'])} {_e(claim['explanation'])}</p>",
        "<dl>",
        f"<dt>Statement</dt><dd>{_e(claim['statement'])}</dd>",
        "<dt>Sources</dt><dd><ul>",
    ]
    for s in claim["sources"]:
        title = document_title(s["document"])
        named = f" ({_e(title)})" if title else ""
        doc = f'<a href="#{_e(document_anchor(s["document"]))}"><code>{_cited(s["document"])}</code></a>{named}'
        out.append(f"<li>{doc} § {_e(s['section'])}</li>")
    out.append("</ul></dd>")
    if claim["assumptions"]:
        out.append("<dt>Assumptions</dt><dd><ul>" + "".join(f"<li>{_e(a)}</li>" for a in claim["assumptions"]))
        out.append("</ul></dd>")
    if claim["references"]:
        out.append("<dt>References</dt><dd><ul>" + "".join(f"<li>{_cited(r)}</li>" for r in claim["references"]))
        out.append("</ul></dd>")
    if claim.get("notes"):
        out.append(f"<dt>Notes</dt><dd>{_e(claim['notes'])}</dd>")
    out.append("</dl>")
    for c in claim["checks"]:
        out += _check(claim["id"], c)
    wall = f'<small class="muted">wall time {seconds:.2f} s</small> · ' if seconds is not None else ""
    out += [f'<p class="top">{wall}<a href="#top">↑ back to top</a></p>', "</section>"]
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
    out += [_top(), "</section>"]
    return out


def render_html(report: Mapping[str, Any]) -> str:
    """A self-contained HTML page of the report: findings first, a sticky sidebar, filters and search."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>gantheory verification report</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        '<body class="layout">',
    ]
    out += _sidebar(report)
    out.append('<main id="top">')
    out += _header()
    out += _findings(report)
    out += _summary(report)
    out += _provenance(report)
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
        out.append(
            f'<h2 id="verdict-{_e(v)}" data-group="{_e(v)}">{_badge(v)} {_e(v.capitalize())} ({len(group)})</h2>'
        )
        for c in group:
            out += _claim(c, per_claim.get(c["id"]))
    out += ["</section>", "</main>", f"<script>\n{_SCRIPT}\n</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
