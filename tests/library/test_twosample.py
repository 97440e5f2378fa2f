"""The classifier two-sample test: calibrated under H0, powerful against a clear difference, strict on input.

The t-tests across seeds agree with scipy.stats.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from gantheory.twosample import c2st, mean_se, one_sample_t_less, welch_t_greater


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


# ---------------------------------------------------------------------------
# t-tests across seeds
# ---------------------------------------------------------------------------


def test_mean_se_matches_numpy_and_drops_non_finite_values() -> None:
    v = np.array([1.0, 2.0, 4.0, 7.0])
    s = mean_se(v)
    assert s["n"] == 4 and s["mean"] == 3.5
    assert s["se"] == pytest.approx(np.std(v, ddof=1) / 2.0, rel=1e-12)
    assert mean_se([1.0, math.nan, 3.0, math.inf]) == {"n": 2, "mean": 2.0, "se": pytest.approx(1.0)}
    one, none = mean_se([5.0]), mean_se([math.nan])
    assert one["mean"] == 5.0 and math.isnan(one["se"]) and none["n"] == 0 and math.isnan(none["mean"])


def test_one_sample_t_less_matches_scipy() -> None:
    from scipy import stats

    for v, mu0 in (([17.0, 18.0, 16.0, 19.0, 18.0], 25.0), ([7.0, 8.0, 6.0, 8.0], 7.0), ([3.0, 9.0], 1.0)):
        expected = stats.ttest_1samp(v, mu0, alternative="less").pvalue
        assert one_sample_t_less(v, mu0) == pytest.approx(expected, rel=1e-12)


def test_one_sample_t_less_with_zero_spread_and_too_few_values() -> None:
    assert one_sample_t_less([25.0] * 10, 25.0) == 1.0
    assert one_sample_t_less([24.0] * 10, 25.0) == 0.0
    with pytest.raises(ValueError, match="values"):
        one_sample_t_less([24.0], 25.0)


def test_t_tests_are_silent_on_nearly_constant_counts() -> None:
    # scipy's ttest_1samp warns about precision loss here (an error under pytest); ours computes t directly.
    from scipy import stats

    v = np.array([8.0] * 9 + [7.0])
    t = (v.mean() - 8.0) / (v.std(ddof=1) / math.sqrt(10))
    assert one_sample_t_less(v, 8.0) == pytest.approx(stats.t.cdf(t, 9), rel=1e-12)
    w = welch_t_greater([25.0] * 10, [17.0, 23.0, 20.0, 16.0, 15.0, 13.0, 20.0, 15.0, 14.0, 18.0])
    assert w["df"] == pytest.approx(9.0) and w["p"] < 1e-4


def test_welch_t_greater_matches_scipy() -> None:
    from scipy import stats

    a, b = np.array([25.0, 24.0, 25.0, 23.0]), np.array([17.0, 19.0, 16.0, 18.0, 20.0])
    for x, y in ((a, b), (b, a), (a, a + 0.5)):
        w = welch_t_greater(x, y)
        ref = stats.ttest_ind(x, y, equal_var=False, alternative="greater")
        assert w["p"] == pytest.approx(ref.pvalue, rel=1e-12) and w["t"] == pytest.approx(ref.statistic, rel=1e-12)
        assert w["diff"] == pytest.approx(x.mean() - y.mean())
        assert w["se"] == pytest.approx(math.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size))


def test_welch_t_greater_with_zero_spread() -> None:
    assert welch_t_greater([25.0, 25.0], [20.0, 20.0])["p"] == 0.0
    assert welch_t_greater([20.0, 20.0], [25.0, 25.0])["p"] == 1.0
    same = welch_t_greater([25.0, 25.0], [25.0, 25.0])
    assert same["p"] == 1.0 and same["t"] == 0.0 and math.isnan(same["df"])
