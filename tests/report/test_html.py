"""The HTML page: escaped, well formed, self-contained, one section per claim, every figure shown."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from verify.report.figures import FIGURES
from verify.report.html import render_html
from verify.report.markdown import anchor

_VOID = {"meta", "br", "img", "link", "hr", "input", "wbr"}


class _Structure(HTMLParser):
    """Records open/close mismatches, ids, in-page links and external references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.outward: list[str] = []
        self.resources: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in _VOID:
            self.stack.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value and value.startswith("#"):
                self.links.append(value[1:])
            elif name == "href" and value and tag == "a":
                self.outward.append(value)  # a link the reader may follow, not something the page loads
            elif name in ("href", "src") and value:
                self.resources.append(value)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()


def _parse(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    return parser


def test_text_from_the_report_is_escaped(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    claim["statement"] = "<script>alert('statement')</script>"
    claim["title"] = 'a "title" with <b>tags</b> & ampersands'
    claim["checks"][0]["stated"]["summary"] = "<img src=x onerror=alert(1)>"
    page = render_html(report)
    assert page.lower().count("<script") == 1  # the page's own filter script, and nothing from the report
    assert "alert" not in page.split("<script>")[1]
    assert "&lt;script&gt;alert(&#x27;statement&#x27;)&lt;/script&gt;" in page
    assert "<b>tags</b>" not in page and "&lt;b&gt;tags&lt;/b&gt; &amp; ampersands" in page
    assert "<img src=x" not in page
    assert "img" not in _parse(page).tags  # the report has no figures: any <img> came from its text


def test_page_is_well_formed_and_every_in_page_link_resolves(report: dict[str, Any]) -> None:
    structure = _parse(render_html(report))
    assert structure.problems == []
    assert structure.stack == []
    assert sorted({i for i in structure.ids if structure.ids.count(i) > 1}) == []
    assert sorted(set(structure.links) - set(structure.ids)) == []


def test_page_is_self_contained(report: dict[str, Any]) -> None:
    report["figures"] = [spec.path for spec in FIGURES]
    page = render_html(report)
    structure = _parse(page)
    assert structure.scripts == [{}]  # one inline script, loaded from nowhere
    assert [r for r in structure.resources if re.match(r"^[a-z]+:|^//", r)] == []
    assert [u for u in structure.outward if not u.startswith("https://arxiv.org/abs/")] == []
    assert "@import" not in page and "url(" not in page
    assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_one_section_per_claim(report: dict[str, Any]) -> None:
    page = render_html(report)
    sections = re.findall(r'<section class="claim[^"]*" id="([^"]+)"[^>]*>', page)
    assert sections and sorted(sections) == sorted(anchor(c["id"]) for c in report["claims"])


def test_every_check_and_control_is_shown(report: dict[str, Any]) -> None:
    page = render_html(report)
    for claim in report["claims"]:
        for check in claim["checks"]:
            assert f"Check <code>{check['name']}</code>" in page
            for control in check["controls"]:
                assert control["label"] in page


def test_a_counterexample_is_shown_in_code(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    claim["checks"][0]["stated"].update(holds=False, counterexample={"x": 0.25, "note": "<&>"})
    page = render_html(report)
    assert "counterexample: <code>{&quot;note&quot;: &quot;&lt;&amp;&gt;&quot;, &quot;x&quot;: 0.25}</code>" in page


def test_every_figure_is_an_img(report: dict[str, Any]) -> None:
    report["figures"] = sorted([spec.path for spec in FIGURES] + ["figures/extra <plot>.png"])
    page = render_html(report)
    for path in report["figures"]:
        escaped = path.replace("<", "&lt;").replace(">", "&gt;")
        assert f'<img src="{escaped}"' in page
    assert page.count("<figure>") == len(report["figures"])


def test_no_figures_section_without_figures(report: dict[str, Any]) -> None:
    report["figures"] = []
    assert 'id="figures"' not in render_html(report)
