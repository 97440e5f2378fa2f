"""A report killed at any moment (SIGKILL, while writing or while publishing) is the old report or the new one.

A child process publishes generation after generation of a small report into
one folder and is killed at a random moment. The folder must then hold exactly
one generation's files, complete, beside the files the report does not own;
the next start removes what the killed run left beside it.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.paths import REPO
from tests.report.report_writer_child import generation_files, write_generation
from verify.report.publish import recover

FOREIGN = {"notes.txt": b"a file the report does not own\n"}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _start(tmp_path: Path, report: dict[str, Any]) -> tuple[Path, Path]:
    """An input report file and an output folder holding generation 0 and a foreign file."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "input.json"
    source.write_text(json.dumps(report), encoding="utf-8")
    out = tmp_path / "site" / "reports"
    write_generation(report, out, 0)
    for name, data in FOREIGN.items():
        (out / name).write_bytes(data)
    return source, out


def _kill_while_writing(source: Path, out: Path, phase: float, *, exchange: bool) -> None:
    """Kill the writer ``phase`` write cycles after its first publication (cycles timed on the first)."""
    argv = [sys.executable, "-m", "tests.report.report_writer_child", str(source), str(out)]
    with subprocess.Popen([*argv, *([] if exchange else ["--no-exchange"])], cwd=REPO, stdout=subprocess.PIPE) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == b"ready\n"
            t0 = time.perf_counter()
            assert child.stdout.readline() == b"1\n"
            time.sleep(phase * (time.perf_counter() - t0))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()


def _published_generation(out: Path) -> int:
    """The one generation ``out`` holds; fails if its files come from two runs or one is incomplete."""
    files = _files(out)
    report = json.loads(files["report.json"])  # complete JSON, or this raises
    n = int(report["timings"]["started_utc"].removeprefix("generation-"))
    expected = {"report.json", "REPORT.md", "report.html", *generation_files(n), *FOREIGN}
    assert set(files) == expected, f"generation {n}: {sorted(set(files) ^ expected)}"
    assert report["figures"] == sorted(name for name in generation_files(n) if name.startswith("figures/"))
    for name, data in {**generation_files(n), **FOREIGN}.items():
        assert files[name] == data, f"{name} is not generation {n}'s"
    for name in ("REPORT.md", "report.html"):
        assert f"generation-{n}" in files[name].decode(), f"{name} is not generation {n}'s"
    return n


def _trial(tmp_path: Path, report: dict[str, Any], seed: int, *, exchange: bool) -> tuple[int, bool]:
    """One kill; returns the generation found and whether the killed run left anything beside ``out``."""
    source, out = _start(tmp_path, report)
    _kill_while_writing(source, out, random.Random(seed).uniform(0.0, 2.0), exchange=exchange)
    leftovers = sorted(p.name for p in out.parent.iterdir() if p != out)
    recover(out)  # what the next run does first
    n = _published_generation(out)
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "recover left staging folders"
    return n, bool(leftovers)


@pytest.mark.parametrize("seed", range(3))
def test_a_killed_write_leaves_one_complete_report(report: dict[str, Any], tmp_path: Path, seed: int) -> None:
    n, _ = _trial(tmp_path, report, seed, exchange=seed != 2)
    assert n >= 1


@pytest.mark.slow
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_twenty_killed_writes_each_leave_one_complete_report(
    report: dict[str, Any], tmp_path: Path, exchange: bool
) -> None:
    outcomes = [_trial(tmp_path / f"trial-{seed}", report, 100 + seed, exchange=exchange) for seed in range(20)]
    # most kills landed mid-write (else the test proves little), and every one after a publication
    assert sum(left for _, left in outcomes) >= 10
    assert all(n >= 1 for n, _ in outcomes)


def test_a_json_only_run_drops_the_older_markdown_and_figures(report: dict[str, Any], tmp_path: Path) -> None:
    from verify.report import write_report

    _, out = _start(tmp_path, report)
    write_report(report, out, formats=("json",))
    assert sorted(_files(out)) == ["notes.txt", "report.json"]
