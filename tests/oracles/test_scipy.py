"""Our KL, JS and entropy against scipy (rel_entr, kl_div, stats.entropy, jensenshannon²) and mpmath.

Golden values are scipy's and dit's own test values
and mpmath evaluations at 50 significant digits.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

from gantheory import strategies
from gantheory.divergences import LOG2, entropy, js_divergence, kl_divergence
from tests.cases import seeded_pmf_pairs
from verify.tolerance import IDENTITY, Tolerance, assert_close

Pair = tuple[np.ndarray, np.ndarray]

#: Golden values that scipy's tests print to 7–8 significant digits.
SEVEN_DIGITS = Tolerance(
    rtol=0.0,
    atol=5e-8,
    why="scipy's test_entropy states these expected values to 7–8 significant digits (half a unit in the 7th place)",
)

#: One-ulp pairs: the regime of scipy issue 20083.
ONE_ULP_PAIRS: list[Pair] = []
_rng = np.random.default_rng(20083)
for _ in range(2000):
    _p = _rng.dirichlet(np.ones(4))
    _q = _p.copy()
    _q[0] = np.nextafter(_q[0], 1.0)
    ONE_ULP_PAIRS.append((_p, _q))

#: scipy's squared jensenshannon on pairs whose JS is ~1e-33: terms of size ≤ 1 cancel, leaving their rounding.
SCIPY_ROUNDING = Tolerance(
    rtol=0.0,
    atol=4 * np.finfo(np.float64).eps,
    why="scipy sums p log(p/m) terms of size ≤ 1 that cancel: what is left is a few ulps of 1 (≤ 8.9e-16)",
)

#: scipy's jensenshannon returns NaN here (scipy 1.17.1): its JS lands a few ulps below 0 before the sqrt.
SCIPY_NAN_WITNESS: Pair = (np.array([0.3, 0.7]), np.array([0.30000000000000004, 0.7]))


PAIRS = seeded_pmf_pairs(max_size=32, concentration=0.6)


def _scipy_js(p: np.ndarray, q: np.ndarray, base: float | None = None) -> float:
    with np.errstate(invalid="ignore"):  # scipy takes the sqrt of a slightly negative number (issue 20083)
        return float(jensenshannon(p, q, base=base) ** 2)


# ---------------------------------------------------------------------------
# scipy.special and scipy.stats
# ---------------------------------------------------------------------------


@given(strategies.pmf_pairs(allow_zeros=True))
def test_kl_is_the_sum_of_rel_entr(pq: Pair) -> None:
    p, q = pq
    assert_close(kl_divergence(p, q), math.fsum(special.rel_entr(p, q)), IDENTITY)


def test_kl_is_the_sum_of_kl_div() -> None:
    # for pmfs the −p + q terms of kl_div cancel in the sum
    for p, q in PAIRS:
        assert_close(kl_divergence(p, q), math.fsum(special.kl_div(p, q)), IDENTITY)


def test_kl_matches_scipy_stats_entropy_of_two_arguments() -> None:
    for p, q in PAIRS:
        assert_close(kl_divergence(p, q), float(stats.entropy(p, q)), IDENTITY)


def test_kl_in_bits_matches_scipy_stats_entropy_base_2() -> None:
    for p, q in PAIRS:
        assert_close(kl_divergence(p, q, base=2), float(stats.entropy(p, q, base=2)), IDENTITY)


def test_entropy_matches_scipy_stats_entropy() -> None:
    for p, _ in PAIRS:
        assert_close(entropy(p), float(stats.entropy(p)), IDENTITY)


@given(st.one_of(strategies.pmf_pairs(allow_zeros=True), strategies.disjoint_pmf_pairs()))
def test_js_is_scipy_jensenshannon_squared(pq: Pair) -> None:
    expected = _scipy_js(*pq)
    assume(not math.isnan(expected))  # scipy's NaN is tested below; it is not a reference value
    assert_close(js_divergence(*pq), expected, IDENTITY)


def test_js_in_bits_is_scipy_jensenshannon_base_2_squared() -> None:
    for p, q in PAIRS:
        assert_close(js_divergence(p, q, base=2), _scipy_js(p, q, base=2), IDENTITY)


# ---------------------------------------------------------------------------
# scipy issue 20083: NaN for nearly equal inputs
# ---------------------------------------------------------------------------


def test_our_js_is_the_exact_tiny_value_on_the_pair_where_scipy_is_nan() -> None:
    # the pair is one ulp apart in its first entry: D_JS = ½·Σ[p log(2p/(p+q)) + q log(2q/(p+q))] ≈ 1.28e-33
    p, q = SCIPY_NAN_WITNESS
    with mpmath.workdps(50):
        exact = mpmath.fsum(
            a * mpmath.log(2 * a / (a + b)) / 2 + b * mpmath.log(2 * b / (a + b)) / 2
            for a, b in zip(map(mpmath.mpf, p.tolist()), map(mpmath.mpf, q.tolist()), strict=True)
        )
    assert_close(js_divergence(p, q), float(exact), Tolerance(rtol=1e-12, atol=0.0, why="exact terms, no clamp"))


def test_our_js_is_never_nan_or_negative_on_one_ulp_pairs() -> None:
    values = np.array([js_divergence(p, q) for p, q in ONE_ULP_PAIRS])
    assert np.all(np.isfinite(values) & (values >= 0.0))


def test_our_js_is_scipys_where_scipy_is_a_number_on_one_ulp_pairs() -> None:
    # scipy's value is its rounding (≲ 1e-16) where the exact one is ~1e-33: the two agree to scipy's accuracy
    ours = np.array([js_divergence(p, q) for p, q in ONE_ULP_PAIRS])
    theirs = np.array([_scipy_js(p, q) for p, q in ONE_ULP_PAIRS])
    finite = ~np.isnan(theirs)
    assert finite.any(), "scipy is NaN on every pair: nothing to compare with"
    assert_close(ours[finite], theirs[finite], SCIPY_ROUNDING)


# ---------------------------------------------------------------------------
# Golden values
# ---------------------------------------------------------------------------


def test_js_golden_value_from_scipy_tests() -> None:
    # scipy test_distance.py::test_jensenshannon: jensenshannon([1, 0], [0.5, 0.5]) = 0.46450140402245893,
    # so D_JS = 0.46450140402245893² = 0.21576155433883568 nats
    assert_close(js_divergence([1.0, 0.0], [0.5, 0.5]), 0.21576155433883568, IDENTITY)


def test_js_of_disjoint_one_hots_is_one_bit_as_in_scipy_tests() -> None:
    # scipy test_distance.py::test_jensenshannon: jensenshannon([1, 0, 0], [0, 1, 0], 2.0) = 1.0
    assert_close(js_divergence([1.0, 0.0, 0.0], [0.0, 1.0, 0.0], base=2), 1.0, IDENTITY)


def test_js_of_identical_pmfs_is_zero_as_in_scipy_tests() -> None:
    # scipy test_distance.py::test_jensenshannon: jensenshannon([1, 0, 0], [1, 0, 0]) = 0
    assert js_divergence([1.0, 0.0, 0.0], [1.0, 0.0, 0.0]) == 0.0


def test_entropy_golden_value_from_scipy_tests() -> None:
    # scipy test_entropy.py::TestEntropy: entropy([0, 1, 2]) = 0.63651416829481278 (input normalised)
    assert_close(entropy([0.0, 1 / 3, 2 / 3]), 0.63651416829481278, IDENTITY)


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        # scipy test_entropy.py::TestEntropy 2-D case, column by column: [0.1933259, 0.18609809]
        ([0.1, 0.6, 0.3], [0.2, 0.3, 0.5], 0.1933259),
        ([0.2, 0.3, 0.5], [0.1, 0.6, 0.3], 0.18609809),
    ],
)
def test_kl_golden_values_from_scipy_tests(p: list[float], q: list[float], expected: float) -> None:
    assert_close(kl_divergence(p, q), expected, SEVEN_DIGITS)


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        # dit (PyPI dit 2.3) tests: relative_entropy([½, ½], [3/5, 2/5]) in bits, and the reverse
        ([0.5, 0.5], [0.6, 0.4], 0.029446844526784144),
        ([0.6, 0.4], [0.5, 0.5], 0.029049405545331419),
    ],
)
def test_kl_golden_values_from_dit_tests(p: list[float], q: list[float], expected: float) -> None:
    assert_close(kl_divergence(p, q, base=2), expected, IDENTITY)


# ---------------------------------------------------------------------------
# mpmath at 50 digits
# ---------------------------------------------------------------------------


def _mp_kl(p: list[float], q: list[float]) -> mpmath.mpf:
    with mpmath.workdps(50):
        return mpmath.fsum(
            mpmath.mpf(a) * mpmath.log(mpmath.mpf(a) / mpmath.mpf(b)) for a, b in zip(p, q, strict=True) if a
        )


def test_js_of_one_hot_and_uniform_is_three_halves_log2_minus_three_quarters_log3() -> None:
    # M = (¾, ¼): ½ log(4/3) + ¼ log(2/3) + ¼ log 2 = (3/2) log 2 − (3/4) log 3
    with mpmath.workdps(50):
        exact = mpmath.mpf(3) / 2 * mpmath.log(2) - mpmath.mpf(3) / 4 * mpmath.log(3)
    assert_close(js_divergence([1.0, 0.0], [0.5, 0.5]), float(exact), IDENTITY)


def test_kl_matches_mpmath_on_a_skewed_pair() -> None:
    p, q = [0.01, 0.09, 0.9], [0.7, 0.2, 0.1]
    assert_close(kl_divergence(p, q), float(_mp_kl(p, q)), IDENTITY)


def test_kl_matches_mpmath_on_a_near_equal_pair() -> None:
    # scipy's gh-20710 inputs: the true KL is ~1e-28; float64 sums reach it to ~1e-16 absolute, never below 0
    a, b = 0.9456657713430001, 0.9456657713430094
    p, q = [a, 1.0 - a], [b, 1.0 - b]
    ours = kl_divergence(p, q)
    assert ours >= 0.0
    assert abs(ours - float(_mp_kl(p, q))) <= 1e-15


def test_log2_constant_matches_mpmath() -> None:
    with mpmath.workdps(50):
        assert LOG2 == float(mpmath.log(2))
