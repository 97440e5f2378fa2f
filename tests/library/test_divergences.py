"""Properties and exact edge cases of :mod:`gantheory.divergences`.

Each test checks one identity, one property or one edge case. Pmf pairs come
from :mod:`gantheory.strategies` (with zeros, disjoint supports and one-ulp
perturbations where the test is about them).
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from gantheory import strategies
from gantheory.divergences import (
    LOG2,
    entropy,
    f_divergence,
    js_divergence,
    kl_divergence,
    neyman_chi2,
    pearson_chi2,
    reverse_kl_divergence,
    squared_hellinger,
    total_variation,
)
from tests.cases import seeded_pmf_pairs
from verify.tolerance import IDENTITY, Tolerance, assert_close


def _disjoint(seed: int, count: int = 100) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        n = int(rng.integers(2, 17))
        owner = rng.permutation(np.arange(n) < int(rng.integers(1, n)))
        w = rng.dirichlet(np.ones(n)) + 1e-9
        p, q = np.where(owner, w, 0.0), np.where(owner, 0.0, w)
        out.append((p / p.sum(), q / q.sum()))
    return out


def _near_equal(seed: int, count: int = 300) -> list[tuple[np.ndarray, np.ndarray]]:
    """Pairs whose entries differ by relative changes of at most 1e-6 (down to one ulp)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        p = rng.dirichlet(np.ones(int(rng.integers(2, 17))))
        q = p * (1 + rng.uniform(-1e-6, 1e-6, p.size)) if i % 2 else np.nextafter(p, 1.0)
        out.append((p, q / q.sum()))
    return out


_HEAD = ((np.full(3, 1 / 3), np.full(3, 1 / 3)), (np.array([1.0, 0.0]), np.array([0.0, 1.0])))
PAIRS = seeded_pmf_pairs(head=_HEAD)
DISJOINT = _disjoint(20141406)
NEAR_EQUAL = _near_equal(20141406)

ALL_PAIR_FUNCTIONS = {
    "kl": kl_divergence,
    "reverse kl": reverse_kl_divergence,
    "js": js_divergence,
    "tv": total_variation,
    "pearson": pearson_chi2,
    "neyman": neyman_chi2,
    "hellinger²": squared_hellinger,
}

# ---------------------------------------------------------------------------
# Exact conventions and edge cases
# ---------------------------------------------------------------------------


def test_zero_log_zero_is_zero_in_kl() -> None:
    # the zero of p contributes 0·log(0/0.5) = 0; the rest is ½log(½/¼)·2 = log 2
    assert_close(kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]), LOG2, IDENTITY)


def test_zero_log_zero_is_zero_in_entropy() -> None:
    assert entropy([1.0, 0.0, 0.0]) == 0.0


def test_kl_is_inf_where_q_vanishes_and_p_does_not() -> None:
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_reverse_kl_is_inf_where_p_vanishes_and_q_does_not() -> None:
    assert reverse_kl_divergence([1.0, 0.0], [0.5, 0.5]) == math.inf


def test_pearson_is_inf_where_q_vanishes_and_p_does_not() -> None:
    assert pearson_chi2([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_neyman_is_inf_where_p_vanishes_and_q_does_not() -> None:
    assert neyman_chi2([1.0, 0.0], [0.5, 0.5]) == math.inf


def test_entropy_of_uniform_is_log_n() -> None:
    assert_close(entropy(np.full(7, 1 / 7)), math.log(7), IDENTITY)


def test_entropy_lies_in_zero_log_n() -> None:
    for p, _ in PAIRS:
        h = entropy(p)
        assert 0.0 <= h <= math.log(p.size)


def test_divergence_of_a_pmf_with_itself_is_zero() -> None:
    for pq in PAIRS:
        p, _ = pq
        for name, fn in ALL_PAIR_FUNCTIONS.items():
            assert fn(p, p) == 0.0, name


@given(strategies.disjoint_pmf_pairs())
def test_js_is_log2_on_disjoint_supports(pq: tuple[np.ndarray, np.ndarray]) -> None:
    assert_close(js_divergence(*pq), LOG2, IDENTITY)


def test_tv_is_one_on_disjoint_supports() -> None:
    for pq in DISJOINT:
        assert_close(total_variation(*pq), 1.0, IDENTITY)


def test_squared_hellinger_is_two_on_disjoint_supports() -> None:
    for pq in DISJOINT:
        assert_close(squared_hellinger(*pq), 2.0, IDENTITY)


#: Disjoint pmfs whose masses sum to 1 + 4e-10, inside the accepted PMF_SUM_ATOL = 1e-9 of 1: the unclipped
#: sums are ½ Σ |p − q| = 1 + 2e-10 and Σ (√p − √q)² = 2 + 4e-10, above the bounds that hold for exact pmfs.
_HEAVY_DISJOINT = (np.array([0.5, 0.5 + 4e-10, 0.0]), np.array([0.0, 0.0, 1.0]))


def test_tv_is_clipped_to_one_when_the_masses_sum_a_little_above_one() -> None:
    assert total_variation(*_HEAVY_DISJOINT) == 1.0


def test_squared_hellinger_is_clipped_to_two_when_the_masses_sum_a_little_above_one() -> None:
    assert squared_hellinger(*_HEAVY_DISJOINT) == 2.0


def test_kl_is_inf_on_disjoint_supports() -> None:
    for pq in DISJOINT:
        assert kl_divergence(*pq) == math.inf


# ---------------------------------------------------------------------------
# Ranges: never negative, never NaN
# ---------------------------------------------------------------------------


@given(strategies.pmf_pairs(allow_zeros=True))
def test_divergences_are_never_negative_or_nan(pq: tuple[np.ndarray, np.ndarray]) -> None:
    for name, fn in ALL_PAIR_FUNCTIONS.items():
        v = fn(*pq)
        assert not math.isnan(v) and v >= 0.0, (name, v)


@given(strategies.near_equal_pmf_pairs())
def test_divergences_are_never_negative_or_nan_on_near_equal_pairs(pq: tuple[np.ndarray, np.ndarray]) -> None:
    for name, fn in ALL_PAIR_FUNCTIONS.items():
        v = fn(*pq)
        assert math.isfinite(v) and v >= 0.0, (name, v)


def test_js_of_near_equal_pairs_is_tiny() -> None:
    # relative changes ≤ 1e-6 give JS ≈ χ²/8 ≤ 1e-12/8; the bound leaves room for rounding of ~1e-16
    for pq in NEAR_EQUAL:
        assert 0.0 <= js_divergence(*pq) <= 1e-12


def test_js_is_at_most_log2() -> None:
    for pq in PAIRS:
        assert js_divergence(*pq) <= LOG2


def test_tv_is_at_most_one() -> None:
    for pq in PAIRS:
        assert total_variation(*pq) <= 1.0


def test_squared_hellinger_is_at_most_two() -> None:
    for pq in PAIRS:
        assert squared_hellinger(*pq) <= 2.0


# ---------------------------------------------------------------------------
# Identities and inequalities between divergences
# ---------------------------------------------------------------------------


@given(strategies.pmf_pairs(allow_zeros=True))
def test_js_is_symmetric(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    assert js_divergence(p, q) == js_divergence(q, p)


def test_js_is_half_the_kls_to_the_midpoint() -> None:
    for pq in PAIRS:
        p, q = pq
        m = 0.5 * (p + q)
        m = m / m.sum()
        assert_close(js_divergence(p, q), 0.5 * kl_divergence(p, m) + 0.5 * kl_divergence(q, m), IDENTITY)


def test_reverse_kl_swaps_the_arguments() -> None:
    for pq in PAIRS:
        p, q = pq
        assert reverse_kl_divergence(p, q) == kl_divergence(q, p)


def test_neyman_swaps_the_arguments_of_pearson() -> None:
    for pq in PAIRS:
        p, q = pq
        assert neyman_chi2(p, q) == pearson_chi2(q, p)


@given(strategies.pmf_pairs(allow_zeros=True))
def test_pinsker_two_tv_squared_at_most_kl(pq: tuple[np.ndarray, np.ndarray]) -> None:
    # Pinsker's inequality in nats: KL ≥ 2·TV² (Cover & Thomas 2006, Lemma 11.6.1); squared form, no sqrt of a KL
    tv = total_variation(*pq)
    assert 2 * tv**2 <= kl_divergence(*pq) + IDENTITY.atol


@given(strategies.pmf_pairs(allow_zeros=True))
def test_js_is_at_least_half_tv_squared(pq: tuple[np.ndarray, np.ndarray]) -> None:
    # Pinsker on KL(P‖M) and KL(Q‖M), with TV(P, M) = TV(P, Q)/2
    assert 0.5 * total_variation(*pq) ** 2 <= js_divergence(*pq) + IDENTITY.atol


def test_js_is_at_most_tv_times_log2() -> None:
    for pq in PAIRS:
        # Lin 1991 (IEEE Trans. Inf. Theory 37(1)): the JS divergence in bits is at most the total variation
        tv = total_variation(*pq)
        assert js_divergence(*pq) <= tv * LOG2 * (1 + IDENTITY.rtol) + IDENTITY.atol


def test_squared_hellinger_is_two_minus_twice_the_bhattacharyya_coefficient() -> None:
    for pq in PAIRS:
        p, q = pq
        assert_close(squared_hellinger(p, q), 2.0 - 2.0 * float(np.sqrt(p * q).sum()), IDENTITY)


def test_kl_is_at_most_log_one_plus_pearson() -> None:
    for pq in PAIRS:
        # KL ≤ log(1 + χ²) by Jensen's inequality on the concave log (Gibbs & Su 2002, Int. Stat. Rev. 70(3))
        assert kl_divergence(*pq) <= math.log1p(pearson_chi2(*pq)) * (1 + IDENTITY.rtol) + IDENTITY.atol


# ---------------------------------------------------------------------------
# Base change
# ---------------------------------------------------------------------------


def test_kl_in_bits_is_kl_in_nats_over_log2() -> None:
    for pq in PAIRS:
        assert_close(kl_divergence(*pq, base=2), kl_divergence(*pq) / LOG2, IDENTITY)


def test_js_in_bits_is_js_in_nats_over_log2() -> None:
    for pq in PAIRS:
        assert_close(js_divergence(*pq, base=2), js_divergence(*pq) / LOG2, IDENTITY)


def test_reverse_kl_in_bits_is_reverse_kl_in_nats_over_log2() -> None:
    for pq in PAIRS:
        assert_close(reverse_kl_divergence(*pq, base=2), reverse_kl_divergence(*pq) / LOG2, IDENTITY)


def test_entropy_in_base_10_is_entropy_in_nats_over_log10() -> None:
    for p, _ in PAIRS:
        assert_close(entropy(p, base=10), entropy(p) / math.log(10), IDENTITY)


def test_js_of_disjoint_supports_is_one_bit() -> None:
    assert_close(js_divergence([1.0, 0.0], [0.0, 1.0], base=2), 1.0, IDENTITY)


# ---------------------------------------------------------------------------
# f_divergence reproduces the named divergences
# ---------------------------------------------------------------------------


def _xlogx(t: np.ndarray) -> np.ndarray:
    return t * np.log(t)


F_TABLE = {
    # name: (f, f(0), f'(∞) = lim f(t)/t, the named function)
    "kl": (_xlogx, 0.0, math.inf, kl_divergence),
    "reverse kl": (lambda t: -np.log(t), math.inf, 0.0, reverse_kl_divergence),
    "tv": (lambda t: 0.5 * np.abs(t - 1.0), 0.5, 0.5, total_variation),
    "pearson": (lambda t: (t - 1.0) ** 2, 1.0, math.inf, pearson_chi2),
    "neyman": (lambda t: (1.0 - t) ** 2 / t, math.inf, 1.0, neyman_chi2),
    "hellinger²": (lambda t: (np.sqrt(t) - 1.0) ** 2, 1.0, 1.0, squared_hellinger),
    # JS with the ½ weights: f(t) = ½[t log t − (t + 1) log((t + 1)/2)], f(0) = f'(∞) = ½ log 2
    "js": (lambda t: 0.5 * (_xlogx(t) - (t + 1) * np.log((t + 1) / 2)), 0.5 * LOG2, 0.5 * LOG2, js_divergence),
}


@pytest.mark.parametrize("name", sorted(F_TABLE))
def test_f_divergence_reproduces_the_named_divergence(name: str) -> None:
    f, f0, slope, named = F_TABLE[name]
    rng = np.random.default_rng(20141406)
    for _ in range(40):
        n = int(rng.integers(2, 9))
        p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
        p[rng.random(n) < 0.25] = 0.0  # support mismatch in both directions
        q[rng.random(n) < 0.25] = 0.0
        if p.sum() == 0 or q.sum() == 0:
            continue
        p, q = p / p.sum(), q / q.sum()
        assert_close(f_divergence(p, q, f, f_at_zero=f0, slope_at_infinity=slope), named(p, q), IDENTITY)


def test_f_divergence_evaluates_f_at_zero_when_not_given() -> None:
    f, f0, _, _ = F_TABLE["hellinger²"]
    for p, q in PAIRS:
        p = np.append(p * 0.5, [0.5, 0.0])  # mass where q is 0, and a zero where q is not
        q = np.append(q * 0.5, [0.0, 0.5])
        given_f0 = f_divergence(p, q, f, f_at_zero=f0, slope_at_infinity=1.0)
        assert f_divergence(p, q, f, slope_at_infinity=1.0) == given_f0


def test_f_divergence_uses_the_slope_for_mass_outside_q() -> None:
    # q's point carries ratio 0, so q·f(0) = ½; p's point lies outside q's support: 1·f'(∞) = 0.25
    f = F_TABLE["tv"][0]
    assert_close(f_divergence([0.0, 1.0], [1.0, 0.0], f, slope_at_infinity=0.25), 0.75, IDENTITY)


# ---------------------------------------------------------------------------
# Subnormal and tiny masses, masses that meet a zero
# ---------------------------------------------------------------------------


def test_js_of_a_subnormal_mass_meeting_a_zero_is_tiny_not_log2() -> None:
    # ½·5e-324·log 2 ≈ 1.7e-324 rounds to 0; half of 5e-324 must not be formed as a midpoint (it rounds to 0 too)
    assert 0.0 <= js_divergence([1.0, 5e-324], [1.0, 0.0]) <= 5e-324
    assert js_divergence([1.0, 0.0], [1.0, 5e-324]) <= 5e-324


def test_js_of_a_tiny_mass_meeting_a_zero_is_half_its_mass_times_log2() -> None:
    assert_close(js_divergence([1.0, 1e-300], [1.0, 0.0]), 0.5e-300 * LOG2, Tolerance(1e-15, 0.0, "one exact term"))


def test_kl_and_pearson_are_inf_where_a_tiny_mass_meets_a_zero() -> None:
    for tiny in (1e-300, 5e-324):
        assert kl_divergence([1.0, tiny], [1.0, 0.0]) == math.inf
        assert pearson_chi2([1.0, tiny], [1.0, 0.0]) == math.inf
        assert neyman_chi2([1.0, 0.0], [1.0, tiny]) == math.inf


def test_a_tiny_mass_of_q_where_p_is_zero_adds_its_mass_to_kl_and_pearson() -> None:
    # p log(p/q) − p + q and (p − q)²/q are both q at p = 0
    assert kl_divergence([1.0, 0.0], [1.0, 1e-300]) == 1e-300
    assert pearson_chi2([1.0, 0.0], [1.0, 1e-300]) == 1e-300


def test_kl_is_finite_when_q_has_a_subnormal_entry() -> None:
    # p/q = 0.5/1e-320 overflows float64, its logarithm does not: 0.5·log(0.5) + 0.5·log(0.5/1e-320)
    expected = 0.5 * math.log(0.5) + 0.5 * (math.log(0.5) - math.log(1e-320)) + 1e-320
    assert_close(kl_divergence([0.5, 0.5], [1.0, 1e-320]), expected, Tolerance(1e-15, 0.0, "two exact terms"))


def test_pearson_keeps_a_difference_whose_square_underflows() -> None:
    # (1e-200)² underflows, (1e-200)²/1e-300 = 1e-100 does not
    assert_close(pearson_chi2([1.0, 1e-200], [1.0, 1e-300]), 1e-100, Tolerance(1e-14, 0.0, "one term, split exponents"))


def test_pearson_overflows_to_inf_only_when_the_value_does() -> None:
    # (1e-10)²/1e-320 ≈ 1e300 fits in float64 although 1e-10/1e-320 does not; (0.5)²/1e-320 does not fit.
    # The subnormal 1e-320 is stored as 2024·2⁻¹⁰⁷⁴ (1.1e-5 below 1e-320), so the value is formed from the stored one.
    expected = float((Fraction(1e-10) - Fraction(1e-320)) ** 2 / Fraction(1e-320))
    assert_close(pearson_chi2([1.0, 1e-10], [1.0, 1e-320]), expected, Tolerance(1e-14, 0.0, "split exponents"))
    assert pearson_chi2([0.5, 0.5], [1.0, 1e-320]) == math.inf


def test_divergences_of_a_one_ulp_pair_are_the_exact_tiny_values() -> None:
    # p = (a, 1 − a) and q = (b, 1 − b) one ulp apart in a ∈ [½, 1], both exact pmfs: with d = b − a,
    # KL ≈ d²/(2a) + d²/(2(1 − a)), χ² ≈ d²/a + d²/(1 − a), JS ≈ χ²/8, TV = d, H² ≈ χ²/4
    a = 0.75
    b = float(np.nextafter(a, 1.0))
    p, q = [a, 1.0 - a], [b, 1.0 - b]
    d = b - a
    chi2 = d * d / b + d * d / (1.0 - b)
    close = Tolerance(1e-6, 0.0, "second-order expansions, d/a ≈ 1e-16: the next terms are 1e-16 relative")
    assert_close(pearson_chi2(p, q), chi2, close)
    assert_close(kl_divergence(p, q), d * d / (2 * a) + d * d / (2 * (1.0 - a)), close)
    assert_close(js_divergence(p, q), chi2 / 8, close)
    assert_close(squared_hellinger(p, q), chi2 / 4, close)
    assert total_variation(p, q) == d


def test_f_divergence_takes_an_overflowing_ratio_as_mass_outside_q() -> None:
    # TV: q = 1 carries ½|0.5 − 1| = ¼; q = 5e-324 carries p·f(u)/u → 0.5·½ = ¼ as u = p/q overflows
    f = F_TABLE["tv"][0]
    assert_close(f_divergence([0.5, 0.5], [1.0, 5e-324], f, slope_at_infinity=0.5), 0.5, IDENTITY)


def test_f_divergence_refuses_terms_it_cannot_evaluate() -> None:
    kl_f, pearson_f = F_TABLE["kl"][0], F_TABLE["pearson"][0]
    terms = r"the terms q·f\(p/q\) cannot be evaluated from f$"
    # p/q overflows and f'(∞) = ∞: the term is finite but unknown
    with pytest.raises(ValueError, match=r"^p/q overflows float64 where q = \[5e-324\], and f'\(∞\) = inf: " + terms):
        f_divergence([0.5, 0.5], [1.0, 5e-324], kl_f, f_at_zero=0.0)
    # (u − 1)² overflows at u = 5e299, q·(u − 1)² = 2.5e299 does not
    with pytest.raises(ValueError, match=r"^f overflows float64 at p/q = \[4.9999999999999995e\+299\]: " + terms):
        f_divergence([0.5, 0.5], [1.0, 1e-300], pearson_f, f_at_zero=1.0)
    # f(u)/u = 1 − u^(−0.001) is far from its limit 1 at 2^1000
    with pytest.raises(ValueError, match=r"^p/q ≥ 2\^500 where q = \[5e-324\], and f\(u\)/u = .* is not yet f'"):
        f_divergence([0.5, 0.5], [1.0, 5e-324], lambda t: t - t**0.999, f_at_zero=0.0, slope_at_infinity=1.0)


def test_f_divergence_names_at_most_three_entries_it_cannot_evaluate() -> None:
    p, q = [0.0] + [0.25] * 4, [1.0] + [5e-324] * 4
    three = r"q = \[5e-324, 5e-324, 5e-324\],"
    with pytest.raises(ValueError, match=r"^p/q overflows float64 where " + three):
        f_divergence(p, q, F_TABLE["kl"][0], f_at_zero=0.0)
    with pytest.raises(ValueError, match=r"^p/q ≥ 2\^500 where " + three):
        f_divergence(p, q, lambda t: t - t**0.999, f_at_zero=0.0, slope_at_infinity=1.0)


def test_f_divergence_checks_the_slope_relative_to_its_size() -> None:
    # f(u)/u = 1e6 + 1e-7 is within 1e-12·(1 + 1e6) of f'(∞) = 1e6, so the overflowing ratio's term is 0.5·1e6;
    # the other is 1·f(0.5) = 5e5 + 5e-8
    value = f_divergence([0.5, 0.5], [1.0, 5e-324], lambda t: (1e6 + 1e-7) * t, slope_at_infinity=1e6)
    assert_close(value, 1e6 + 5e-8, IDENTITY)


def test_f_divergence_evaluates_an_infinite_f_at_zero_quietly() -> None:
    # reverse KL's generator −log t is +inf at 0 (a division by zero in float64): p = 0 < q makes D_f = inf,
    # returned without a RuntimeWarning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert f_divergence([0.0, 1.0], [0.5, 0.5], lambda t: -np.log(t)) == math.inf


def test_f_divergence_of_a_generator_that_is_nan_at_zero_is_undefined() -> None:
    # KL's generator t log t evaluated at 0 is 0·(−inf) = NaN; without f_at_zero = 0 the sum is undefined,
    # reported as a ValueError, not as a RuntimeWarning from inside f
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^the f-divergence is undefined here \(an inf - inf"):
            f_divergence([0.0, 1.0], [0.5, 0.5], lambda t: t * np.log(t))


def test_f_divergence_of_a_generator_that_returns_nan_is_undefined() -> None:
    # inf − inf inside f is an invalid operation: the NaN reaches the sum and is reported as a ValueError
    def nan_f(t: np.ndarray) -> np.ndarray:
        return np.full_like(t, np.inf) - np.full_like(t, np.inf)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^the f-divergence is undefined here \(an inf - inf"):
            f_divergence([0.25, 0.75], [0.5, 0.5], nan_f, f_at_zero=0.0)


# a subnormal mass against a normal one, both ways; two tiny masses; a zero; and three pairs (found by a random
# search) whose JS product and χ² ldexp underflow
_EXTREME_PAIRS = [
    ([5e-324, 1.0], [0.5, 0.5]),
    ([0.5, 0.5], [5e-324, 1.0]),
    ([1e-310, 1.0], [1e-300, 1.0]),
    ([0.0, 1.0], [0.5, 0.5]),
    ([1.0, 1e-160, 5e-324, 2.2e-308], [1.0, 1e-200, 1e-200, 5e-324]),
    ([1e-320, 1e-200, 5e-324, 1.0], [5e-324, 1e-20, 1.0, 5e-324]),
    ([1e-320, 0.0, 5e-324, 1.0], [1.0, 1e-160, 1e-320, 1e-320]),
]


@pytest.mark.parametrize(
    "divergence",
    [kl_divergence, reverse_kl_divergence, js_divergence, pearson_chi2, neyman_chi2, squared_hellinger],
)
@pytest.mark.parametrize(("p", "q"), _EXTREME_PAIRS)
def test_divergences_raise_nothing_under_np_errstate_raise(divergence, p: list[float], q: list[float]) -> None:
    # a user who turns every floating-point warning into an error gets the same value: a term that underflows to a
    # subnormal or to 0 is rounded, not an error
    expected = divergence(p, q)
    with np.errstate(all="raise"):
        assert divergence(p, q) == expected
