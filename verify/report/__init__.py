"""Writing the verification report: ``report.json``, ``REPORT.md``, ``report.html`` and figures.

:func:`write_report` writes the whole report folder into a staging folder beside
the output folder and publishes it in one atomic step
(:mod:`verify.report.publish`): a crash at any moment leaves either the old
report or the new one, complete, and never files of two runs side by side.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from verify.report.publish import publication

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
    """Write the report folder ``out`` atomically.

    Everything the report owns (:data:`verify.report.publish.OWNED`) comes from
    this run only: a ``formats=("json",)`` run into a folder with an older
    ``REPORT.md`` leaves no ``REPORT.md``. Other files in ``out`` are kept.

    Parameters
    ----------
    report : mapping
        The report dictionary (:func:`verify.report.data.build_report`).
        Its ``figures`` list is replaced by what ``figure_writer`` wrote.
    out : Path
        Output folder: missing, empty, or holding an earlier report (else
        :class:`verify.report.publish.ReportFolderError`).
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

    out = Path(out)
    with publication(out) as staging:
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
        written = sorted(out / p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    return written
