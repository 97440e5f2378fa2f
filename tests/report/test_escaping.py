"""Text a user supplies (a ``--claims`` pattern, a path, any free text) is shown as text, never as markup.

REPORT.md is read through a CommonMark renderer with raw HTML and tables on (as
GitHub reads it), report.html through an HTML parser: whatever the report holds,
the only tags are the renderers' own.
"""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from verify.__main__ import main
from verify.report.html import render_html
from verify.report.markdown import md_code, md_text, render_markdown

#: A ``--claims`` glob that selects D-STAR-HALF (the class matches its F) and carries a backtick and raw HTML.
HOSTILE_PATTERN = "D-STAR-HAL[F`<img src=x onerror=alert(1)>]"

#: Printable text: CommonMark replaces NUL (and the renderer never sees other control characters).
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(lambda s: s.split())

#: The tags REPORT.md may hold as raw HTML: link targets and small print.
_OWN_MD_TAGS = {"a", "sub"}


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _raw_html_tags(markdown: str) -> set[str]:
    """Tags that reach the rendered page as raw HTML (not generated from Markdown syntax)."""
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(markdown)
    raw = [t.content for t in tokens if t.type == "html_block"]
    for t in tokens:
        raw += [c.content for c in t.children or [] if c.type == "html_inline"]
    return {m.group(1).lower() for chunk in raw for m in re.finditer(r"<\s*/?\s*([A-Za-z][\w-]*)", chunk)}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CLI run whose ``--claims`` pattern holds a backtick and an ``<img onerror>`` tag, with absolute paths.

    ``--out`` and ``--sources`` (an empty ``my-documents`` folder) are absolute paths of a temporary folder.
    """
    root = tmp_path_factory.mktemp("hostile")
    documents, out = root / "my-documents", root / "out"
    documents.mkdir()
    argv = ["run", "--claims", HOSTILE_PATTERN, "--profile", "quick", "--out", str(out), "--no-figures", "--quiet"]
    assert main([*argv, "--sources", str(documents)]) == 0
    return out


def test_the_hostile_pattern_selects_a_claim(hostile_run: Path) -> None:
    report = json.loads((hostile_run / "report.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in report["claims"]] == ["D-STAR-HALF"]
    assert report["run"]["selection"] == HOSTILE_PATTERN


def test_a_backtick_in_claims_puts_no_raw_html_into_report_md(hostile_run: Path) -> None:
    text = (hostile_run / "REPORT.md").read_text(encoding="utf-8")
    assert _raw_html_tags(text) <= _OWN_MD_TAGS
    rendered = _markdown_html(text)
    assert "<img" not in rendered
    assert html.escape(HOSTILE_PATTERN, quote=False) in rendered  # shown, as text


def test_a_backtick_in_claims_puts_no_raw_html_into_report_html(hostile_run: Path) -> None:
    page = (hostile_run / "report.html").read_text(encoding="utf-8")
    parsed = _tags(page)
    assert "img" not in {tag for tag, _ in parsed.tags}
    assert [attrs for tag, attrs in parsed.tags if tag == "script"] == [{}]  # the page's own script only
    assert any(HOSTILE_PATTERN in chunk for chunk in parsed.text)


def test_free_text_of_the_report_is_text_in_report_md(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    claim["title"] = "a `title` with <b>tags</b>"
    claim["statement"] = "``<script>alert(1)</script>`` and [a link](javascript:alert(1)) and *emphasis*"
    claim["checks"][0]["stated"]["summary"] = "<img src=x onerror=alert(1)>"
    report["run"]["selection"] = "x`<iframe src=evil>`"
    report["timings"]["command"] = "python -m verify run --claims '`<svg onload=alert(1)>'"
    text = render_markdown(report)
    assert _raw_html_tags(text) <= _OWN_MD_TAGS
    rendered = _markdown_html(text)
    for tag in ("<img", "<script", "<iframe", "<svg", "<b>", 'href="javascript:', "<em>emphasis"):
        assert tag not in rendered


def test_user_text_of_the_report_is_text_in_report_html(report: dict[str, Any]) -> None:
    report["run"]["selection"] = 'x"><script>alert(1)</script>'
    report["timings"]["command"] = "python -m verify run --claims '`<svg onload=alert(1)>'"
    report["claims"][0]["sources"][0]["section"] = "<iframe src=evil>"
    parsed = _tags(render_html(report))
    assert {"svg", "iframe"}.isdisjoint(tag for tag, _ in parsed.tags)
    assert [attrs for tag, attrs in parsed.tags if tag == "script"] == [{}]
    assert any('x"><script>alert(1)</script>' in chunk for chunk in parsed.text)


@given(_TEXT)
def test_md_code_shows_any_text_literally_in_one_code_span(text: str) -> None:
    rendered = _markdown_html(f"x {md_code(text)} y")
    spans = re.findall(r"<code>(.*?)</code>", rendered, flags=re.DOTALL)
    assert len(spans) == 1
    assert html.unescape(spans[0]).strip() == " ".join(text.split())


@given(_TEXT)
def test_md_text_shows_any_text_literally_without_markup(text: str) -> None:
    rendered = _markdown_html(f"x {md_text(text)} y").strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner  # no element: every '<' of the text arrives as &lt;
    assert html.unescape(inner) == f"x {' '.join(text.split())} y"


def test_no_path_of_the_machine_is_in_the_report(hostile_run: Path) -> None:
    root = hostile_run.parent
    for name in ("REPORT.md", "report.html", "report.json"):
        text = (hostile_run / name).read_text(encoding="utf-8")
        assert str(root) not in text and str(root.resolve()) not in text, name
    report = json.loads((hostile_run / "report.json").read_text(encoding="utf-8"))
    folder = report["run"]["sources"]["folder"]
    # relative to the working folder where the tmp folder lies beside the checkout (a clone in /tmp), else "…/name"
    assert not os.path.isabs(folder) and folder.endswith("my-documents"), folder
