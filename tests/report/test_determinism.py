"""Two runs of the same selection write the same report: identical JSON outside ``timings``, identical PNG bytes.

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
from pathlib import Path
from typing import Any

import pytest

from tests.paths import REPO
from verify.__main__ import main
from verify.report.figures import FIGURES

#: Symbolic and property (Hypothesis) checks, and a claim whose stated subject fails (a shrunk counterexample).
SELECTION = "CG-MIN,D-STAR-HALF,V-NEG-BCE"


def _argv(out: Path) -> list[str]:
    return ["run", "--claims", SELECTION, "--profile", "quick", "--out", str(out), "--quiet"]


def _without_timings(path: Path) -> dict[str, Any]:
    report = json.loads(path.read_text(encoding="utf-8"))
    assert set(report["timings"]) >= {"started_utc", "wall_seconds", "command", "per_claim_seconds"}
    del report["timings"]
    return report


def _pngs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "figures").glob("*.png"))}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    import torch

    # The same torch thread count as this process (pytest-xdist workers pin one thread): the
    # report records it, and it is the environment, not the computation, that would differ.
    env = {**os.environ, "PYTHONHASHSEED": "12345", "OMP_NUM_THREADS": str(torch.get_num_threads())}
    # The fresh interpreter runs while this process does its own run: two cores, half the wait.
    with subprocess.Popen(
        [sys.executable, "-m", "verify", *_argv(second)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert main(_argv(first)) == 0
            _, stderr = child.communicate(timeout=300)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == 0, stderr[-2000:]
    return first, second


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Paths (``claims[3].checks[0].stated.summary``) where two JSON values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(a.keys() | b.keys()) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path.lstrip('.')}: {str(a)[:80]!r} != {str(b)[:80]!r}"]


def test_report_json_is_identical_outside_timings(two_runs: tuple[Path, Path]) -> None:
    first, second = (_without_timings(out / "report.json") for out in two_runs)
    differing = _differences(first, second)
    assert differing == [], "report.json differs between two runs:\n" + "\n".join(differing[:20])


def test_figures_are_byte_identical(two_runs: tuple[Path, Path]) -> None:
    first, second = (_pngs(out) for out in two_runs)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_every_figure_is_written_and_listed(two_runs: tuple[Path, Path]) -> None:
    out = two_runs[0]
    expected = {spec.path for spec in FIGURES}
    if importlib.util.find_spec("gantheory.fdivergences") is None:
        expected.discard("figures/f-divergence-generators.png")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report["figures"]) == expected
    assert set(_pngs(out)) == expected


def test_png_metadata_names_no_software(two_runs: tuple[Path, Path]) -> None:
    for name, data in _pngs(two_runs[0]).items():
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), name
        assert b"Software" not in data, f"{name} records the software version, so its bytes change with it"
