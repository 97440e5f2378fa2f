"""Two runs of the same selection write the same report: identical JSON outside ``timings``, identical PNG bytes.

The selection trains one experiment (E3, a few seconds on the quick profile),
so clock readings in experiment results (wall time, throughput) must land
under ``timings`` too; a slow test does the same with E1b on the local cluster.

One run is in this process, the other in a fresh interpreter with another
hash seed, so the test also catches results that depend on set or dict
iteration order, on import order or on state left behind by earlier tests.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.paths import REPO
from verify.__main__ import main
from verify.experiments import TIMING_KEYS
from verify.report import dump_json
from verify.report.figures import FIGURES

#: Symbolic and property (Hypothesis) checks, a claim whose stated subject fails (a shrunk
#: counterexample), and an empirical claim that trains experiment E3.
SELECTION = "CG-MIN,D-STAR-HALF,V-NEG-BCE,EX4-GRAD-COMPARE.train"

#: An empirical claim on experiment E1b, whose results record training throughput.
E1_SELECTION = "C2ST-HALF"


def _argv(out: Path, selection: str = SELECTION, scheduler: str = "serial") -> list[str]:
    argv = ["run", "--claims", selection, "--profile", "quick", "--out", str(out), "--quiet"]
    return [*argv, "--scheduler", scheduler]


def _without_timings(path: Path) -> dict[str, Any]:
    """The report outside ``timings`` and ``environment`` (the only places for the machine and the moment)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    assert set(report["timings"]) >= {"started_utc", "wall_seconds", "command", "per_claim_seconds"}
    del report["timings"], report["environment"]
    return report


def _pngs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "figures").glob("*.png"))}


def _run_twice(first: Path, second: Path, argv: Callable[[Path], list[str]]) -> None:
    """``argv(first)`` in this process and ``argv(second)`` in a fresh interpreter, side by side."""
    import torch

    # The same torch thread count as this process (pytest-xdist workers pin one thread): the
    # report records it, and it is the environment, not the computation, that would differ.
    env = {**os.environ, "PYTHONHASHSEED": "12345", "OMP_NUM_THREADS": str(torch.get_num_threads())}
    # The fresh interpreter runs while this process does its own run: two cores, half the wait.
    with subprocess.Popen(
        [sys.executable, "-m", "verify", *argv(second)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert main(argv(first)) == 0
            _, stderr = child.communicate(timeout=600)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == 0, stderr[-2000:]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    _run_twice(first, second, _argv)
    return first, second


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Paths (``claims[3].checks[0].stated.summary``) where two JSON values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(a.keys() | b.keys()) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path.lstrip('.')}: {str(a)[:80]!r} != {str(b)[:80]!r}"]


def _assert_identical_outside_timings(first_out: Path, second_out: Path) -> None:
    """The two runs' report.json files are equal byte for byte once their clock readings are removed.

    Not ``assert_close``: a rerun must reproduce every value exactly, strings and nesting included, so this
    compares JSON trees with no tolerance and lists the paths where they differ.
    """
    first, second = (_without_timings(out / "report.json") for out in (first_out, second_out))
    differing = _differences(first, second)
    assert differing == [], "report.json differs between two runs:\n" + "\n".join(differing[:20])
    assert dump_json(first) == dump_json(second)  # byte for byte, once the clocks are set aside


@pytest.mark.extended
def test_report_json_is_identical_outside_timings(two_runs: tuple[Path, Path]) -> None:
    _assert_identical_outside_timings(*two_runs)


@pytest.mark.extended
def test_the_experiment_ran_and_its_clocks_are_under_timings(two_runs: tuple[Path, Path]) -> None:
    report = json.loads((two_runs[0] / "report.json").read_text(encoding="utf-8"))
    assert set(report["experiments"]) == {"E3"}
    assert report["timings"]["experiment_clocks"]["E3"]["wall_seconds"] > 0
    assert not _clock_keys(report["experiments"]), "clock readings outside timings"


@pytest.mark.slow
def test_an_e1_rerun_on_the_local_cluster_is_identical_outside_timings(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _run_twice(first, second, lambda out: [*_argv(out, E1_SELECTION, "local"), "--no-figures", "--workers", "1"])
    _assert_identical_outside_timings(first, second)
    report = json.loads((first / "report.json").read_text(encoding="utf-8"))
    assert "training_seed_steps_per_second" in report["timings"]["experiment_clocks"]["E1b"]


def _clock_keys(value: Any, path: str = "") -> list[str]:
    """Paths of :data:`~verify.experiments.TIMING_KEYS` entries anywhere in ``value``."""
    if isinstance(value, dict):
        return [
            p
            for k, v in value.items()
            for p in ([f"{path}.{k}"] if k in TIMING_KEYS else _clock_keys(v, f"{path}.{k}"))
        ]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _clock_keys(v, f"{path}[{i}]")]
    return []


@pytest.mark.extended
def test_figures_are_byte_identical(two_runs: tuple[Path, Path]) -> None:
    first, second = (_pngs(out) for out in two_runs)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.extended
def test_every_figure_is_written_and_listed(two_runs: tuple[Path, Path]) -> None:
    out = two_runs[0]
    expected = {spec.path for spec in FIGURES} | {"figures/e3-generator-gradients.png"}  # E3's own figure
    if importlib.util.find_spec("gantheory.fdivergences") is None:
        expected.discard("figures/f-divergence-generators.png")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report["figures"]) == expected
    assert set(_pngs(out)) == expected


@pytest.mark.extended
def test_png_metadata_names_no_software(two_runs: tuple[Path, Path]) -> None:
    for name, data in _pngs(two_runs[0]).items():
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), name
        assert b"Software" not in data, f"{name} records the software version, so its bytes change with it"
