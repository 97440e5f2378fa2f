"""The discriminator side of the game on finite supports: D*, V, C(G), Bayes accuracy, LSGAN."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gantheory import discriminator as disc
from gantheory import strategies
from gantheory.divergences import LOG2, js_divergence, total_variation
from tests.cases import seeded_pmf_pairs
from verify.tolerance import IDENTITY, assert_close

LOG4 = 2 * LOG2
Pair = tuple[np.ndarray, np.ndarray]


_HEAD = ((np.full(4, 0.25), np.full(4, 0.25)), (np.array([0.3, 0.7, 0.0]), np.array([0.0, 0.0, 1.0])))
PAIRS = seeded_pmf_pairs(count=200, head=_HEAD)


def _triples() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(p, q, D) with D an arbitrary discriminator in [0, 1] on the same support."""
    return st.tuples(strategies.pmf_pairs(allow_zeros=True), st.lists(st.floats(0.0, 1.0), min_size=8, max_size=8)).map(
        lambda t: (t[0][0], t[0][1], np.asarray(t[1][: t[0][0].size]))
    )


# ---------------------------------------------------------------------------
# optimal_discriminator
# ---------------------------------------------------------------------------


def test_optimal_discriminator_is_p_over_p_plus_q() -> None:
    assert_close(disc.optimal_discriminator([0.2, 0.6], [0.6, 0.2]), [0.25, 0.75], IDENTITY)


def test_optimal_discriminator_is_one_half_where_p_equals_q() -> None:
    for p, _ in PAIRS:
        live = p > 0
        assert np.all(disc.optimal_discriminator(p, p)[live] == 0.5)


def test_optimal_discriminator_takes_the_outside_value_where_both_vanish() -> None:
    assert disc.optimal_discriminator([0.0, 1.0], [0.0, 1.0], outside=0.3).tolist() == [0.3, 0.5]


def test_optimal_discriminator_defaults_to_one_half_where_both_vanish() -> None:
    # the default ``outside`` is ½ (Goodfellow et al. 2014, proof of Prop. 1: any value is optimal there);
    # the live point has D* = 1/(1 + 3) = ¼, exact in binary
    assert disc.optimal_discriminator([0.0, 1.0], [0.0, 3.0]).tolist() == [0.5, 0.25]


def test_optimal_discriminator_lies_in_0_1() -> None:
    for p, q in PAIRS:
        d = disc.optimal_discriminator(p, q)
        assert np.all((d >= 0) & (d <= 1))


def test_optimal_discriminator_accepts_unnormalised_density_values() -> None:
    # densities on a grid need not sum to 1: D* depends on the ratio only
    assert_close(disc.optimal_discriminator([2.0, 0.5], [2.0, 1.5]), [0.5, 0.25], IDENTITY)


@given(_triples())
def test_optimal_discriminator_maximises_the_value_function(pqd: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    # Goodfellow et al. 2014, arXiv:1406.2661, Prop. 1
    p, q, d = pqd
    best = disc.value_function(disc.optimal_discriminator(p, q), p, q)
    assert disc.value_function(d, p, q) <= best + IDENTITY.atol


# ---------------------------------------------------------------------------
# value_function and virtual_criterion
# ---------------------------------------------------------------------------


def test_value_function_is_minus_log4_at_d_one_half_and_p_equal_q() -> None:
    p = np.array([0.1, 0.2, 0.7])
    assert_close(disc.value_function(np.full(3, 0.5), p, p), -LOG4, IDENTITY)


def test_value_function_ignores_d_where_p_vanishes() -> None:
    # D = 0 where p_data = 0 costs 0·log 0 = 0
    p, q = np.array([0.0, 1.0]), np.array([0.5, 0.5])
    assert_close(disc.value_function([0.0, 0.5], p, q), math.log(0.5) + 0.5 * math.log(1.0) + 0.5 * math.log(0.5))


def test_value_function_is_minus_inf_when_d_is_zero_on_real_mass() -> None:
    assert disc.value_function([0.0, 0.5], [0.5, 0.5], [0.5, 0.5]) == -math.inf


def test_value_function_at_the_optimum_is_the_virtual_criterion() -> None:
    for p, q in PAIRS:
        assert_close(disc.value_function(disc.optimal_discriminator(p, q), p, q), disc.virtual_criterion(p, q))


def test_virtual_criterion_lies_in_minus_log4_0() -> None:
    for p, q in PAIRS:
        c = disc.virtual_criterion(p, q)
        assert -LOG4 - IDENTITY.atol <= c <= IDENTITY.atol


def test_virtual_criterion_is_minus_log4_when_p_equals_q() -> None:
    for p, _ in PAIRS:
        assert_close(disc.virtual_criterion(p, p), -LOG4, IDENTITY)


def test_virtual_criterion_is_zero_on_disjoint_supports() -> None:
    assert disc.virtual_criterion([0.3, 0.7, 0.0], [0.0, 0.0, 1.0]) == 0.0


@given(strategies.pmf_pairs(allow_zeros=True))
def test_virtual_criterion_is_minus_log4_plus_twice_js(pq: Pair) -> None:
    # Goodfellow et al. 2014, arXiv:1406.2661, Eq. (6)
    assert_close(disc.virtual_criterion(*pq), -LOG4 + 2 * js_divergence(*pq), IDENTITY)


# ---------------------------------------------------------------------------
# bayes_accuracy
# ---------------------------------------------------------------------------


def test_bayes_accuracy_is_one_half_plus_half_tv() -> None:
    for p, q in PAIRS:
        assert_close(disc.bayes_accuracy(p, q), 0.5 + 0.5 * total_variation(p, q), IDENTITY)


def test_bayes_accuracy_is_half_the_sum_of_the_larger_probability() -> None:
    for p, q in PAIRS:
        assert_close(disc.bayes_accuracy(p, q), 0.5 * float(np.maximum(p, q).sum()), IDENTITY)


def test_bayes_accuracy_is_the_accuracy_of_thresholding_d_star_at_one_half() -> None:
    # say "real" where D* > ½: accuracy ½·P(said real) + ½·Q(said fake); a tie (p = q) scores ½p either way
    for p, q in PAIRS:
        says_real = disc.optimal_discriminator(p, q) > 0.5
        accuracy = 0.5 * float(p[says_real].sum()) + 0.5 * float(q[~says_real].sum())
        assert_close(disc.bayes_accuracy(p, q), accuracy, IDENTITY)


def test_bayes_accuracy_is_one_half_when_p_equals_q() -> None:
    for p, _ in PAIRS:
        assert disc.bayes_accuracy(p, p) == 0.5


def test_bayes_accuracy_is_one_on_disjoint_supports() -> None:
    assert disc.bayes_accuracy([0.3, 0.7, 0.0], [0.0, 0.0, 1.0]) == 1.0


# ---------------------------------------------------------------------------
# LSGAN (Mao et al. 2017, arXiv:1611.04076)
# ---------------------------------------------------------------------------

A, B, C = -1.0, 1.0, 0.0  # b − c = 1 and b − a = 2, the choice of Mao et al. 2017, Theorem 1


def _ls_loss(d: np.ndarray, p: np.ndarray, q: np.ndarray, a: float, b: float) -> float:
    return float(0.5 * (p * (d - b) ** 2).sum() + 0.5 * (q * (d - a) ** 2).sum())


def test_lsgan_optimal_discriminator_minimises_the_least_squares_loss() -> None:
    rng = np.random.default_rng(20141406)
    for p, q in PAIRS:
        best = _ls_loss(disc.lsgan_optimal_discriminator(p, q, A, B), p, q, A, B)
        for d in rng.uniform(A, B, (5, p.size)):
            assert best <= _ls_loss(d, p, q, A, B) + IDENTITY.atol


def test_lsgan_optimal_discriminator_is_the_weighted_mean_of_the_targets() -> None:
    # (b·p + a·q)/(p + q) with p = 0.2, q = 0.6: (0.2 − 0.6)/0.8 = −0.5
    assert_close(disc.lsgan_optimal_discriminator([0.2, 0.8], [0.6, 0.4], A, B), [-0.5, 0.4 / 1.2], IDENTITY)


def test_lsgan_optimal_discriminator_is_the_midpoint_where_both_vanish() -> None:
    assert disc.lsgan_optimal_discriminator([0.0, 1.0], [0.0, 1.0], 0.0, 1.0)[0] == 0.5


def test_lsgan_criterion_is_half_the_triangular_discrimination() -> None:
    # with b − c = 1 and b − a = 2: C(G) = ½ Σ (p − q)²/(p + q) (Mao et al. 2017, proof of Theorem 1)
    for p, q in PAIRS:
        s = p + q
        live = s > 0
        expected = 0.5 * float(((p[live] - q[live]) ** 2 / s[live]).sum())
        assert_close(disc.lsgan_criterion(p, q, A, B, C), expected, IDENTITY)


def test_lsgan_criterion_with_asymmetric_coding_is_half_the_sum_of_q_squared_over_p_plus_q() -> None:
    # (a, b, c) = (0, 1, 1): D* = (1·p + 0·q)/(p + q) = p/(p + q), so D* − c = −q/(p + q) and
    # C(G) = ½ Σ (p + q)·q²/(p + q)² = ½ Σ q²/(p + q); c = 1 ≠ 0 tells (D* − c)² from (D* + c)²
    for p, q in PAIRS:
        s = p + q
        live = s > 0
        expected = 0.5 * float((q[live] ** 2 / s[live]).sum())
        assert_close(disc.lsgan_criterion(p, q, 0.0, 1.0, 1.0), expected, IDENTITY)


def test_lsgan_criterion_with_asymmetric_coding_on_a_worked_example() -> None:
    # (a, b, c) = (0, 1, 1), p = (½, ½), q = (1, 0): ½ Σ q²/(p + q) = ½ (1/(3/2) + 0) = 1/3
    assert_close(disc.lsgan_criterion([0.5, 0.5], [1.0, 0.0], 0.0, 1.0, 1.0), 1.0 / 3.0, IDENTITY)


def test_lsgan_criterion_is_symmetric_in_p_and_q_for_any_coding() -> None:
    # with α = a − c, β = b − c: C(G) = ½ Σ (βp + αq)²/(p + q), and swapping p and q changes the sum by
    # ½ (β² − α²) Σ (p² − q²)/(p + q) = ½ (β² − α²) Σ (p − q) = 0 for two pmfs, so swapping p and q
    # (or a and b) is no error the criterion can show
    for p, q in PAIRS:
        assert_close(disc.lsgan_criterion(p, q, 0.0, 1.0, 1.0), disc.lsgan_criterion(q, p, 0.0, 1.0, 1.0), IDENTITY)


def test_lsgan_criterion_is_zero_when_p_equals_q() -> None:
    for p, _ in PAIRS:
        assert disc.lsgan_criterion(p, p, A, B, C) == 0.0


def test_empirical_value_at_d_one_half_is_minus_log4() -> None:
    assert_close(disc.empirical_value(np.full(5, 0.5), np.full(3, 0.5)), -math.log(4), IDENTITY)


def test_empirical_value_is_the_two_sample_means_of_the_log_likelihoods() -> None:
    real, fake = np.array([0.9, 0.6]), np.array([0.2, 0.3, 0.4])
    expected = np.mean(np.log(real)) + np.mean(np.log(1 - fake))
    assert_close(disc.empirical_value(real, fake), expected, IDENTITY)


def test_empirical_value_is_minus_inf_when_a_fake_gets_d_one() -> None:
    assert disc.empirical_value(np.array([0.5]), np.array([1.0, 0.5])) == -math.inf


def test_empirical_value_rejects_outputs_outside_0_1() -> None:
    with pytest.raises(ValueError, match="d_real"):
        disc.empirical_value(np.array([1.5]), np.array([0.5]))


def test_density_ratio_of_the_optimal_discriminator_is_p_over_q() -> None:
    p, q = np.array([0.1, 0.5, 0.4]), np.array([0.3, 0.2, 0.5])
    assert_close(disc.density_ratio(disc.optimal_discriminator(p, q)), p / q, IDENTITY)


def test_density_ratio_is_one_at_d_one_half() -> None:
    assert_close(disc.density_ratio(np.full(3, 0.5)), np.ones(3), IDENTITY)


def test_density_ratio_is_infinite_at_d_one() -> None:
    assert disc.density_ratio(np.array([1.0]))[0] == math.inf
