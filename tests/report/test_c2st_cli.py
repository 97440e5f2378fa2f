"""``python -m verify c2st``: the report's classifier two-sample test on a user's saved samples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gantheory.twosample import combined_c2st
from tests.paths import REPO
from verify.__main__ import main
from verify.c2st import load_samples, two_sample_test

N = 400


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verify", "c2st", *argv], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def _save(folder: Path, name: str, values: np.ndarray) -> str:
    path = folder / name
    np.save(path, values)
    return str(path)


@pytest.fixture
def samples(tmp_path: Path) -> dict[str, str]:
    rng = np.random.default_rng(7)
    return {
        "real": _save(tmp_path, "real.npy", rng.normal(size=(N, 2))),
        "same": _save(tmp_path, "same.npy", rng.normal(size=(N, 2))),
        "shifted": _save(tmp_path, "shifted.npy", rng.normal(1.0, 1.0, size=(N, 2))),
    }


def test_cli_prints_accuracy_p_value_and_verdict(samples: dict[str, str]) -> None:
    done = _run(samples["real"], samples["same"])
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "c2st_knn_accuracy: " in out and "c2st_boosting_p_value: " in out
    assert "verdict: not rejected at alpha = 0.05" in out


def test_cli_rejects_a_shifted_generator_as_the_library_test_does(samples: dict[str, str]) -> None:
    done = _run(samples["real"], samples["shifted"], "--format", "json", "--seed", "3")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["verdict"] == "rejected" and result["p_value"] < 0.05
    direct = combined_c2st(np.load(samples["real"]), np.load(samples["shifted"]), rng=np.random.default_rng(3))
    assert result["p_value"] == direct.p_value
    assert (result["knn"]["correct"], result["boosting"]["correct"]) == (direct.knn.correct, direct.boosting.correct)


def test_a_file_that_is_not_numpy_fails_clearly(tmp_path: Path, samples: dict[str, str]) -> None:
    bad = tmp_path / "bad.npy"
    bad.write_text("not an array", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"not a NumPy \.npy or \.npz file") as info:
        main(["c2st", samples["real"], str(bad)])
    assert str(info.value.code).startswith(f"error: {bad}: not a NumPy .npy or .npz file")


def test_a_missing_file_fails_clearly(tmp_path: Path, samples: dict[str, str]) -> None:
    with pytest.raises(SystemExit, match=r"missing\.npy: no such file") as info:
        main(["c2st", samples["real"], str(tmp_path / "missing.npy")])
    assert info.value.code == f"error: {tmp_path / 'missing.npy'}: no such file"


def test_samples_of_different_dimension_are_refused() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="differ in dimension: 2 and 3"):
        two_sample_test(rng.normal(size=(50, 2)), rng.normal(size=(50, 3)))


def test_samples_of_different_size_are_refused_unless_subsampled() -> None:
    rng = np.random.default_rng(0)
    real, fake = rng.normal(size=(80, 2)), rng.normal(size=(60, 2))
    with pytest.raises(ValueError, match=r"real has 80 points and fake 60.*subsample"):
        two_sample_test(real, fake)
    assert two_sample_test(real, fake, subsample=True).n_points == 60


def test_samples_with_nan_are_refused() -> None:
    fake = np.zeros((20, 1))
    fake[3] = np.nan
    with pytest.raises(ValueError, match="fake contains NaN or inf"):
        two_sample_test(np.ones((20, 1)), fake)


def test_images_must_be_flattened() -> None:
    with pytest.raises(ValueError, match=r"shape \(n,\) or \(n, d\) \(flatten images first\)"):
        two_sample_test(np.zeros((10, 4, 4)), np.zeros((10, 4, 4)))


def test_an_npz_with_several_arrays_needs_a_key(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    np.savez(path, generated=np.zeros(5), seeds=np.arange(5))
    with pytest.raises(ValueError, match="name one with --key"):
        load_samples(path)
    assert load_samples(path, "seeds").tolist() == [0, 1, 2, 3, 4]


def test_the_result_is_a_function_of_the_seed() -> None:
    rng = np.random.default_rng(1)
    real, fake = rng.normal(size=(100, 1)), rng.normal(size=(100, 1))
    assert two_sample_test(real, fake, seed=5) == two_sample_test(real, fake, seed=5)
