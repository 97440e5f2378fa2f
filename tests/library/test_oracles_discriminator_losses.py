"""The discriminator's functionals and the GAN losses against independent oracles, on asymmetric cases.

Written to kill the mutants that the other library tests let live (``mutmut``, see ``pyproject.toml``):
every case here is one where the mutated formula gives a different number. The oracles are exact
rational arithmetic (``fractions``), mpmath at 50 digits, and scipy's own functions. Codings are
asymmetric on purpose: the symmetric LSGAN coding (a, b, c) = (−1, 1, 0) cannot tell p from q.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon

from gantheory import discriminator as D
from gantheory import losses as L

mpmath.mp.dps = 50

# An asymmetric pair with a point where both vanish and points where only one does.
P = (Fraction(1, 2), Fraction(1, 4), Fraction(0), Fraction(1, 4), Fraction(0))
Q = (Fraction(1, 8), Fraction(0), Fraction(0), Fraction(3, 8), Fraction(1, 2))
p, q = np.array([float(x) for x in P]), np.array([float(x) for x in Q])


# --- the optimal discriminator --------------------------------------------------------------------------------------


def test_optimal_discriminator_is_p_over_p_plus_q_and_half_where_both_vanish() -> None:
    expected = [float(a / (a + b)) if a + b else 0.5 for a, b in zip(P, Q, strict=True)]
    assert D.optimal_discriminator(p, q).tolist() == expected


def test_optimal_discriminator_fills_the_value_asked_for_where_both_vanish() -> None:
    out = D.optimal_discriminator(p, q, outside=0.25)
    assert out[2] == 0.25 and out[0] == 0.8


def test_optimal_discriminator_rejects_a_fill_outside_the_unit_interval() -> None:
    with pytest.raises(ValueError, match=r"^outside "):
        D.optimal_discriminator(p, q, outside=1.5)


def test_optimal_discriminator_rejects_negative_values_and_names_the_argument_and_value() -> None:
    with pytest.raises(ValueError, match=r"^q must be non-negative, got a value -0\.125$"):
        D.optimal_discriminator([0.5, 0.5], [1.125, -0.125])
    with pytest.raises(ValueError, match=r"^p must be non-negative, got a value -0\.25$"):
        D.optimal_discriminator([-0.25, 1.25], [0.5, 0.5])


def test_optimal_discriminator_rejects_empty_input() -> None:
    with pytest.raises(ValueError, match=r"^p must be a non-empty array \(≥ 1 element\(s\)\), got shape \(0,\)$"):
        D.optimal_discriminator([], [])


def test_optimal_discriminator_rejects_mismatched_shapes_naming_both() -> None:
    with pytest.raises(ValueError, match=r"^p and q must have the same shape, got \(2,\) and \(1,\)$"):
        D.optimal_discriminator([0.5, 0.5], [1.0])


# --- V(D, G), C(G) and the Bayes accuracy ----------------------------------------------------------------------------


def _v_mpmath(d: list[float], pp: np.ndarray, qq: np.ndarray) -> mpmath.mpf:
    total = mpmath.mpf(0)
    for di, pi, qi in zip(d, pp, qq, strict=True):
        if pi:
            total += mpmath.mpf(pi) * mpmath.log(mpmath.mpf(di))
        if qi:
            total += mpmath.mpf(qi) * mpmath.log(1 - mpmath.mpf(di))
    return total


def test_value_function_matches_mpmath_on_an_asymmetric_discriminator() -> None:
    d = [0.7, 0.9, 0.3, 0.2, 0.6]
    assert D.value_function(d, p, q) == pytest.approx(float(_v_mpmath(d, p, q)), rel=1e-15)


def test_value_function_charges_nothing_for_d_zero_where_p_vanishes_and_infinity_where_it_does_not() -> None:
    assert math.isfinite(D.value_function([0.5, 0.5, 0.5, 0.5, 0.0], p, q))
    assert D.value_function([0.0, 0.5, 0.5, 0.5, 0.5], p, q) == -math.inf
    assert D.value_function([0.5, 0.5, 0.5, 1.0, 0.5], p, q) == -math.inf


def test_value_function_rejects_a_discriminator_of_another_length_naming_d() -> None:
    with pytest.raises(ValueError, match=r"^d and p must have the same shape"):
        D.value_function([0.5, 0.5], p, q)


def test_virtual_criterion_is_minus_log4_plus_twice_scipys_js() -> None:
    expected = -math.log(4.0) + 2.0 * jensenshannon(p, q) ** 2
    assert D.virtual_criterion(p, q) == pytest.approx(expected, rel=1e-14)
    assert D.virtual_criterion(p, q) == pytest.approx(D.value_function(D.optimal_discriminator(p, q), p, q), rel=1e-15)


def test_virtual_criterion_of_disjoint_supports_is_zero() -> None:
    assert D.virtual_criterion([1.0, 0.0], [0.0, 1.0]) == 0.0


def test_bayes_accuracy_is_half_the_sum_of_the_larger_masses() -> None:
    assert D.bayes_accuracy(p, q) == pytest.approx(0.5 * float(np.maximum(p, q).sum()), rel=1e-15)


# --- LSGAN: asymmetric codings --------------------------------------------------------------------------------------


def _lsgan_d(a: Fraction, b: Fraction) -> list[Fraction]:
    return [(b * x + a * y) / (x + y) if x + y else (a + b) / 2 for x, y in zip(P, Q, strict=True)]


def test_lsgan_optimal_discriminator_is_exact_and_fills_the_midpoint_of_the_codes() -> None:
    a, b = Fraction(1), Fraction(3)
    assert D.lsgan_optimal_discriminator(p, q, 1.0, 3.0).tolist() == [float(x) for x in _lsgan_d(a, b)]


@pytest.mark.parametrize(("a", "b", "c"), [(0, 1, 1), (0, 1, Fraction(1, 2)), (-1, 2, 0), (1, 3, -1)])
def test_lsgan_criterion_is_exact_on_asymmetric_codings(a: int, b: int, c: Fraction) -> None:
    d = _lsgan_d(Fraction(a), Fraction(b))
    exact = sum((x + y) * (di - c) ** 2 for x, y, di in zip(P, Q, d, strict=True)) / 2
    assert D.lsgan_criterion(p, q, float(a), float(b), float(c)) == pytest.approx(float(exact), rel=1e-15)


def test_lsgan_criterion_is_symmetric_in_p_and_q_under_every_coding() -> None:
    # (p + q)(D* − c)² = ((b − c)p + (a − c)q)²/(p + q); swapping p and q changes the sum by
    # ((b − c)² − (a − c)²)·Σ(p − q) = 0 for two pmfs. A swap of p and q inside the criterion is therefore
    # invisible in its value: the swap is caught on D* itself (the test above).
    for a, b, c in [(0.0, 1.0, 1.0), (1.0, 3.0, -1.0), (-1.0, 2.0, 0.5)]:
        assert D.lsgan_criterion(p, q, a, b, c) == pytest.approx(D.lsgan_criterion(q, p, a, b, c), rel=1e-15)


@pytest.mark.parametrize("name", ["a", "b", "c"])
def test_lsgan_criterion_rejects_a_non_finite_code_naming_it(name: str) -> None:
    codes = {"a": 0.0, "b": 1.0, "c": 1.0, name: math.inf}
    with pytest.raises(ValueError, match=rf"^{name} "):
        D.lsgan_criterion(p, q, **codes)


def test_lsgan_losses_against_their_formulas_with_c_and_a_nonzero() -> None:
    real, fake = np.array([0.9, 0.4, 1.7]), np.array([0.1, -0.3])
    a, b, c = 0.25, 1.5, 0.75
    expected = 0.5 * float(np.mean((real - b) ** 2)) + 0.5 * float(np.mean((fake - a) ** 2))
    assert L.lsgan_discriminator_loss(real, fake, a, b) == pytest.approx(expected, rel=1e-15)
    assert L.lsgan_generator_loss(fake, c).tolist() == pytest.approx([0.5 * (f - c) ** 2 for f in fake], rel=1e-15)


def test_lsgan_losses_name_the_bad_argument() -> None:
    with pytest.raises(ValueError, match=r"^real_out "):
        L.lsgan_discriminator_loss([math.nan], [0.0], 0.0, 1.0)
    with pytest.raises(ValueError, match=r"^fake_out "):
        L.lsgan_discriminator_loss([0.0], [math.nan], 0.0, 1.0)
    with pytest.raises(ValueError, match=r"^fake_out "):
        L.lsgan_generator_loss([math.nan], 1.0)


# --- label smoothing -------------------------------------------------------------------------------------------------


def test_smoothed_optimal_discriminator_is_exact_and_fills_the_midpoint_of_the_targets() -> None:
    alpha, beta = Fraction(9, 10), Fraction(1, 5)
    exact = [(alpha * x + beta * y) / (x + y) if x + y else (alpha + beta) / 2 for x, y in zip(P, Q, strict=True)]
    out = L.smoothed_optimal_discriminator(p, q, real_target=0.9, fake_target=0.2)
    assert out.tolist() == pytest.approx([float(x) for x in exact], rel=1e-15, abs=0)


def test_smoothed_optimal_discriminator_is_scale_free_where_p_plus_q_overflows() -> None:
    big = np.finfo(np.float64).max
    out = L.smoothed_optimal_discriminator([big, 0.5], [big / 2, 0.5], real_target=0.9, fake_target=0.2)
    assert out.tolist() == pytest.approx([0.2 + 0.7 * (2 / 3), 0.55], rel=1e-15)


def test_smoothed_optimal_discriminator_input_errors() -> None:
    with pytest.raises(ValueError, match=r"^p and q must have the same shape, got \(2,\) and \(1,\)$"):
        L.smoothed_optimal_discriminator([0.5, 0.5], [1.0])
    with pytest.raises(ValueError, match=r"^q must be non-negative, got a value -0\.5$"):
        L.smoothed_optimal_discriminator([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(ValueError, match=r"^p must be non-negative, got a value -0\.5$"):
        L.smoothed_optimal_discriminator([-0.5, 1.5], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"^p contains NaN$"):
        L.smoothed_optimal_discriminator([math.nan], [1.0])
    with pytest.raises(ValueError, match=r"^q contains NaN$"):
        L.smoothed_optimal_discriminator([1.0], [math.nan])
    with pytest.raises(ValueError, match=r"^real_target must lie in \[0, 1\], got 2\.0$"):
        L.smoothed_optimal_discriminator([1.0], [1.0], real_target=2.0)
    with pytest.raises(ValueError, match=r"^fake_target "):
        L.smoothed_optimal_discriminator([1.0], [1.0], fake_target=-1.0)


def test_smoothing_gradient_factor_matches_its_formula_and_is_one_when_one_sided() -> None:
    d = np.array([0.1, 0.5, 1.0])
    alpha, beta = 0.9, 0.2
    expected = (alpha - beta) * d / (beta + (alpha - beta) * d)
    assert L.smoothing_gradient_factor(d, real_target=alpha, fake_target=beta).tolist() == pytest.approx(
        expected.tolist(), rel=1e-15
    )
    assert L.smoothing_gradient_factor(d, real_target=0.9, fake_target=0.0).tolist() == pytest.approx([1.0] * 3)


def test_smoothing_gradient_factor_input_errors() -> None:
    with pytest.raises(
        ValueError, match=r"^d_star must be positive: log D\* and its gradient are undefined at D\* = 0$"
    ):
        L.smoothing_gradient_factor([0.0, 0.5], real_target=0.9, fake_target=0.1)
    with pytest.raises(ValueError, match=r"^d_star "):
        L.smoothing_gradient_factor([1.5], real_target=0.9, fake_target=0.1)
    with pytest.raises(ValueError, match=r"^real_target must lie in \[0, 1\], got 1\.5$"):
        L.smoothing_gradient_factor([0.5], real_target=1.5, fake_target=0.1)
    with pytest.raises(ValueError, match=r"^fake_target "):
        L.smoothing_gradient_factor([0.5], real_target=0.9, fake_target=-0.1)
    with pytest.raises(ValueError, match=r"^real_target must exceed fake_target, got 0\.5 and 0\.5$"):
        L.smoothing_gradient_factor([0.5], real_target=0.5, fake_target=0.5)


def test_expected_flipped_targets_and_flip_labels() -> None:
    assert L.expected_flipped_targets(0.125) == (0.875, 0.125)
    with pytest.raises(ValueError, match=r"^rho "):
        L.expected_flipped_targets(1.5)
    targets = np.array([1.0, 0.0] * 2000)
    flipped = L.flip_labels(targets, 0.25, np.random.default_rng(0))
    assert set(np.unique(flipped)) <= {0.0, 1.0}
    assert abs(float(np.mean(flipped != targets)) - 0.25) < 0.03
    assert L.flip_labels(targets, 0.0, np.random.default_rng(0)).tolist() == targets.tolist()
    assert L.flip_labels(targets, 1.0, np.random.default_rng(0)).tolist() == (1.0 - targets).tolist()
    with pytest.raises(ValueError, match=r"^targets "):
        L.flip_labels([2.0], 0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^rho "):
        L.flip_labels([1.0], -0.1, np.random.default_rng(0))


# --- cross-entropy and the generator costs ----------------------------------------------------------------------------


def _bce_mpmath(ell: float, t: float) -> float:
    s = 1 / (1 + mpmath.exp(-mpmath.mpf(ell)))
    return float(-mpmath.mpf(t) * mpmath.log(s) - (1 - mpmath.mpf(t)) * mpmath.log(1 - s))


@pytest.mark.parametrize(("ell", "t"), [(-3.0, 0.9), (2.5, 0.1), (34.0, 1.0), (-34.0, 0.0), (0.7, 0.5)])
def test_bce_with_logits_matches_mpmath(ell: float, t: float) -> None:
    assert float(L.bce_with_logits([ell], t)[0]) == pytest.approx(_bce_mpmath(ell, t), rel=1e-14)


@pytest.mark.parametrize(("ell", "t"), [(-3.0, 0.9), (2.5, 0.1), (40.0, 1.0), (-40.0, 0.0), (0.0, 0.25)])
def test_bce_logit_gradient_is_sigma_minus_t(ell: float, t: float) -> None:
    exact = float(1 / (1 + mpmath.exp(-mpmath.mpf(ell))) - mpmath.mpf(t))
    assert float(L.bce_logit_gradient([ell], t)[0]) == pytest.approx(exact, rel=1e-14, abs=1e-300)


def test_bce_rejects_targets_outside_the_unit_interval_naming_them() -> None:
    with pytest.raises(ValueError, match=r"^targets "):
        L.bce_with_logits([0.0], 1.5)
    with pytest.raises(ValueError, match=r"^targets "):
        L.bce_logit_gradient([0.0], -0.5)


def test_discriminator_loss_with_soft_targets_matches_mpmath() -> None:
    real, fake = [1.5, -0.5], [-2.0, 0.25, 3.0]
    expected = np.mean([_bce_mpmath(x, 0.9) for x in real]) + np.mean([_bce_mpmath(x, 0.1) for x in fake])
    got = L.discriminator_loss(real, fake, real_target=0.9, fake_target=0.1)
    assert got == pytest.approx(float(expected), rel=1e-14)


def test_discriminator_loss_names_a_bad_target() -> None:
    with pytest.raises(ValueError, match=r"^real_target must lie in \[0, 1\], got 1\.5$"):
        L.discriminator_loss([0.0], [0.0], real_target=1.5)
    with pytest.raises(ValueError, match=r"^fake_target "):
        L.discriminator_loss([0.0], [0.0], fake_target=-0.5)


def test_logit_inverts_the_sigmoid_and_rejects_the_endpoints() -> None:
    assert L.logit([0.25]).tolist() == pytest.approx([math.log(1 / 3)], rel=1e-15)
    with pytest.raises(
        ValueError, match=r"^d must lie in the open interval \(0, 1\): the logit is infinite at D = 0 or D = 1$"
    ):
        L.logit([0.5, 1.0])
    with pytest.raises(
        ValueError, match=r"^d must lie in the open interval \(0, 1\): the logit is infinite at D = 0 or D = 1$"
    ):
        L.logit([0.0, 0.5])


def test_maximum_likelihood_cost_overflow_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^fake_logits above ~709 are not supported: exp\(logit\) overflows float64$"):
        L.generator_loss_maximum_likelihood([710.0])
    assert L.generator_loss_maximum_likelihood([709.0])[0] == -math.exp(709.0)


@pytest.mark.parametrize("name", sorted(L.GENERATOR_COSTS))
def test_generator_cost_derivatives_match_mpmath_in_d_and_in_the_logit(name: str) -> None:
    # The table is built here, not read from the one built at import: a mutation test forks its workers
    # after import, so only a table built in the test's own body carries the mutant.
    built = L._generator_costs()
    assert built.keys() == L.GENERATOR_COSTS.keys()
    cost = built[name]
    exact_of_d = {
        "minimax": lambda d: mpmath.log(1 - d),
        "non-saturating": lambda d: -mpmath.log(d),
        "maximum-likelihood": lambda d: -d / (1 - d),
    }[name]
    assert cost.name == name
    for ell in (-2.5, -0.5, 1.0, 3.0):
        d = 1 / (1 + mpmath.exp(-mpmath.mpf(ell)))
        df = float(d)
        assert float(cost.of_output(np.array([df]))[0]) == pytest.approx(float(exact_of_d(d)), rel=1e-13)
        assert float(cost.d_output(np.array([df]))[0]) == pytest.approx(float(mpmath.diff(exact_of_d, d)), rel=1e-12)
        assert float(cost.of_logit(np.array([ell]))[0]) == pytest.approx(float(exact_of_d(d)), rel=1e-13)
        by_logit = mpmath.diff(lambda x: exact_of_d(1 / (1 + mpmath.exp(-x))), mpmath.mpf(ell))
        assert float(cost.d_logit(np.array([ell]))[0]) == pytest.approx(float(by_logit), rel=1e-12)
