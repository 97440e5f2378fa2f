"""Writing the verification report: ``report.json``, ``REPORT.md``, ``report.html`` and figures.

:func:`write_report` writes every file into a temporary folder next to the
output folder and moves each into place only when all were written, so a
crash never leaves a half-written report behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["dump_json", "write_report"]


def dump_json(report: Mapping[str, Any]) -> str:
    """Canonical JSON text: sorted keys, two-space indent, UTF-8, trailing newline."""
    return json.dumps(report, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_report(
    report: Mapping[str, Any],
    out: Path,
    *,
    figure_writer: Callable[[Path], list[str | tuple[str, str]]] | None = None,
    formats: tuple[str, ...] = ("json", "md", "html"),
) -> list[Path]:
    """Write the report files into ``out`` atomically.

    Parameters
    ----------
    report : mapping
        The report dictionary (:func:`verify.report.data.build_report`).
        Its ``figures`` list is replaced by what ``figure_writer`` wrote.
    out : Path
        Output folder (created if missing).
    figure_writer : callable, optional
        ``figure_writer(folder) -> [relative path or (relative path, caption)]``;
        writes PNGs under ``folder``. Captions given here go to ``figure_captions``.
    formats : tuple of str
        Any of ``json``, ``md``, ``html``.

    Returns
    -------
    list of Path
        The files written.
    """
    from verify.report.html import render_html
    from verify.report.markdown import render_markdown

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".report-", dir=out))
    try:
        report = dict(report)
        if figure_writer is not None:
            entries = figure_writer(staging)
            report["figures"] = sorted(e[0] if isinstance(e, tuple) else e for e in entries)
            captions = {e[0]: e[1] for e in entries if isinstance(e, tuple) and e[1]}
            if captions:
                report["figure_captions"] = dict(sorted(captions.items()))
        files: dict[str, str] = {}
        if "json" in formats:
            files["report.json"] = dump_json(report)
        if "md" in formats:
            files["REPORT.md"] = render_markdown(report)
        if "html" in formats:
            files["report.html"] = render_html(report)
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        written = []
        # Everything is rendered before the first rename; the renames themselves take
        # microseconds. report.json goes last, so a new report.json implies new companions.
        staged = sorted((p for p in staging.rglob("*") if p.is_file()), key=lambda p: (p.name == "report.json", str(p)))
        for path in staged:
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
