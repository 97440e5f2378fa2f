"""Writing a report is all or nothing: a crash while rendering leaves the output folder as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import verify.report.html
from tests.report.conftest import FAST_CLAIMS
from verify.__main__ import main
from verify.report import write_report

OLD = {
    "report.json": "old json\n",
    "REPORT.md": "old markdown\n",
    "report.html": "old html\n",
    "figures/generator-costs.png": "old figure\n",
    "notes.txt": "a file the report does not own\n",
}


def _boom(report: Any) -> str:
    raise RuntimeError("rendering failed midway")


def _fill(folder: Path) -> None:
    for name, text in OLD.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry under ``folder`` (staging folders included) with its bytes."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"<dir>") for p in folder.rglob("*")}


def _figure_writer(folder: Path) -> list[str]:
    (folder / "figures").mkdir()
    (folder / "figures" / "generator-costs.png").write_bytes(b"new figure")
    return ["figures/generator-costs.png"]


def test_failed_render_leaves_previous_files_untouched(
    report: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(tmp_path)
    before = _snapshot(tmp_path)
    monkeypatch.setattr(verify.report.html, "render_html", _boom)
    with pytest.raises(RuntimeError, match="midway"):
        write_report(report, tmp_path, figure_writer=_figure_writer)
    assert _snapshot(tmp_path) == before


def test_failed_render_into_an_empty_folder_leaves_no_report(
    report: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new"
    monkeypatch.setattr(verify.report.html, "render_html", _boom)
    with pytest.raises(RuntimeError, match="midway"):
        write_report(report, out, figure_writer=_figure_writer)
    assert _snapshot(out) == {}


def test_failed_render_through_the_cli_leaves_previous_files_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(tmp_path)
    before = _snapshot(tmp_path)
    monkeypatch.setattr(verify.report.html, "render_html", _boom)
    argv = ["run", "--claims", FAST_CLAIMS, "--profile", "quick", "--out", str(tmp_path), "--no-figures", "--quiet"]
    assert main(argv) == 1  # one line, no traceback
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: internal error RuntimeError: rendering failed midway (rerun with --debug for the traceback)"
    )
    assert _snapshot(tmp_path) == before
    with pytest.raises(RuntimeError, match="midway"):
        main([*argv, "--debug"])
    assert _snapshot(tmp_path) == before


def test_successful_write_replaces_the_report_and_keeps_other_files(report: dict[str, Any], tmp_path: Path) -> None:
    _fill(tmp_path)
    written = write_report(report, tmp_path, figure_writer=_figure_writer)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "REPORT.md",
        "figures/generator-costs.png",
        "report.html",
        "report.json",
    ]
    after = _snapshot(tmp_path)
    assert after["figures/generator-costs.png"] == b"new figure"
    assert after["notes.txt"] == OLD["notes.txt"].encode()
    assert after["report.json"].startswith(b"{")
    assert not [name for name in after if name.startswith(".report-")], "staging folder left behind"
