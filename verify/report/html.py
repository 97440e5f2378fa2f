"""Render the report dictionary as a standalone HTML page (``report.html``)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from verify.report.markdown import render_markdown

__all__ = ["render_html"]


def render_html(report: Mapping[str, Any]) -> str:
    """A self-contained HTML page of the report (placeholder: the Markdown in a <pre>)."""
    body = html.escape(render_markdown(report))
    return f"<!doctype html><meta charset='utf-8'><title>gantheory report</title><pre>{body}</pre>\n"
