"""The classifier two-sample test: calibrated under H0, powerful against a clear difference, strict on input."""

from __future__ import annotations

import numpy as np
import pytest

from gantheory.twosample import c2st


def test_same_distribution_is_not_rejected_more_often_than_alpha() -> None:
    # 40 replicates under H0: the number of rejections at 5% is Binomial(40, ≤0.05);
    # P[Bin(40, 0.05) ≥ 7] ≈ 0.0092, so 7 or more would flag a miscalibrated test.
    rng = np.random.default_rng(0)
    rejections = sum(c2st(rng.normal(size=500), rng.normal(size=500), rng=rng).rejects() for _ in range(40))
    assert rejections <= 6


def test_a_missing_mode_is_detected() -> None:
    rng = np.random.default_rng(1)
    real = np.where(rng.random(2000) < 0.5, -2.0, 2.0) + 0.5 * rng.normal(size=2000)
    fake = 2.0 + 0.5 * rng.normal(size=2000)  # one mode only: Bayes accuracy 0.75
    result = c2st(real, fake, rng=rng)
    assert result.n_test == 2000
    assert result.accuracy > 0.7 and result.p_value < 1e-10


def test_exact_binomial_p_value() -> None:
    from scipy import stats

    rng = np.random.default_rng(2)
    r = c2st(rng.normal(size=300), rng.normal(0.5, 1, size=300), rng=rng)
    assert r.p_value == pytest.approx(stats.binomtest(r.correct, r.n_test, 0.5, alternative="greater").pvalue)
    assert r.accuracy == r.correct / r.n_test


def test_two_dimensional_samples() -> None:
    rng = np.random.default_rng(3)
    r = c2st(rng.normal(size=(400, 2)), rng.normal(size=(400, 2)) + np.array([3.0, 0.0]), rng=rng)
    assert r.accuracy > 0.9


@pytest.mark.parametrize(
    ("real", "fake", "match"),
    [
        (np.zeros(10), np.zeros(12), "same shape"),
        (np.zeros(10), np.full(10, np.nan), "NaN"),
        (np.zeros(2), np.zeros(2), "at least 4"),
    ],
)
def test_bad_samples_raise(real: np.ndarray, fake: np.ndarray, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        c2st(real, fake, rng=np.random.default_rng(0))
