"""The Markdown report: an index by document, working in-page links, tables that survive a '|' in a title."""

from __future__ import annotations

import re
from typing import Any

from verify.report.figures import FIGURES
from verify.report.markdown import anchor, by_document, document_anchor, md_text, render_markdown
from verify.sources import DOCUMENTS


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    end = markdown.find("\n## ", start + len(heading))
    return markdown[start : end if end >= 0 else None]


def test_every_in_page_link_has_a_target(report: dict[str, Any]) -> None:
    text = render_markdown(report)
    targets = set(re.findall(r'<a id="([^"]+)" name="\1"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and sorted(links - targets) == []


def test_every_claim_has_an_anchor_before_its_heading(report: dict[str, Any]) -> None:
    text = render_markdown(report)
    for claim in report["claims"]:
        target = anchor(claim["id"])
        assert f'<a id="{target}" name="{target}"></a>\n\n### {claim["id"]} — ' in text


def test_index_by_document_lists_every_document(report: dict[str, Any]) -> None:
    index = _section(render_markdown(report), "## By document")
    for document in DOCUMENTS:
        assert f"[`{document}`](#{document_anchor(document)})" in index
        assert f"### `{document}`" in index


def test_index_by_document_lists_the_claims_citing_each_document(report: dict[str, Any]) -> None:
    index = _section(render_markdown(report), "## By document")
    for document, rows in by_document(report):
        cited_by = {c["id"] for c in report["claims"] if any(s["document"] == document for s in c["sources"])}
        assert {c["id"] for c, _ in rows} == cited_by
        for claim, _ in rows:
            assert f"| [{claim['id']}](#{anchor(claim['id'])}) | {claim['verdict']} |" in index


def test_a_pipe_in_a_title_does_not_break_a_table(report: dict[str, Any]) -> None:
    report["claims"][0]["title"] = "KL(p | q) is not symmetric"
    text = render_markdown(report)
    assert r"KL(p \| q) is not symmetric" in _section(text, "## All claims")


def test_figures_are_shown_in_the_figure_order_with_captions(report: dict[str, Any]) -> None:
    report["figures"] = sorted(spec.path for spec in FIGURES)
    section = _section(render_markdown(report), "## Figures")
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", section)
    assert shown == [spec.path for spec in FIGURES]
    for spec in FIGURES:
        assert f"*{md_text(spec.caption)}*" in section  # escaped: a caption's D* must not open emphasis


def test_a_paper_source_is_indexed_under_literature(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    claim["sources"].append({"document": "Goodfellow et al. 2014, arXiv:1406.2661", "section": "Prop. 1"})
    text = render_markdown(report)
    literature = _section(text, "### Literature sources")
    assert "Goodfellow et al. 2014, arXiv:1406.2661 | Prop. 1 |" in literature
    assert f"[{claim['id']}](#{anchor(claim['id'])})" in literature
    targets = set(re.findall(r'<a id="([^"]+)" name="\1"></a>', text))
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) <= targets
