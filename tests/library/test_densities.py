"""Gaussian mixtures and tabulated densities against scipy.stats and scipy.integrate.quad."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate, stats

from gantheory import quadrature, strategies
from gantheory.densities import (
    TAIL_SIGMAS,
    Density,
    GaussianMixture,
    TabulatedDensity,
    gaussian,
    gaussian_pearson_chi2,
)
from verify.tolerance import IDENTITY, QUADRATURE, Tolerance, assert_close

#: Document 000's data: modes at ±2, standard deviation 0.5.
BIMODAL = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])

#: A mixture density against scipy.stats.norm at the same point.
PDF = Tolerance(
    rtol=1e-12,
    atol=1e-300,
    why=(
        "both sides are sums of ≤ 3 exponentials; ours goes through log-sum-exp, scipy's through exp directly: "
        "a few ulps of the exponent (|z²/2| ≤ 200) give relative differences up to ~1e-13"
    ),
)


def _mixtures(seed: int, count: int) -> list[GaussianMixture]:
    rng = np.random.default_rng(seed)
    out = [BIMODAL, gaussian(0.0, 1.0)]
    while len(out) < count:
        k = int(rng.integers(1, 4))
        out.append(GaussianMixture(rng.dirichlet(np.ones(k)), rng.uniform(-4, 4, k), rng.uniform(0.25, 2.0, k)))
    return out


MIXTURES = _mixtures(20141406, 8)


def _scipy_pdf(d: GaussianMixture, x: np.ndarray) -> np.ndarray:
    return (d.weights * stats.norm.pdf(np.asarray(x)[..., None], d.means, d.sigmas)).sum(axis=-1)


# ---------------------------------------------------------------------------
# GaussianMixture against scipy.stats.norm
# ---------------------------------------------------------------------------


@given(strategies.gaussian_mixtures(), st.floats(-10.0, 10.0, allow_nan=False))
def test_pdf_matches_scipy_norm(d: GaussianMixture, x: float) -> None:
    assert_close(d.pdf(x), _scipy_pdf(d, x), PDF)


@given(strategies.gaussian_mixtures(), st.floats(-10.0, 10.0, allow_nan=False))
def test_cdf_matches_scipy_norm(d: GaussianMixture, x: float) -> None:
    expected = float((d.weights * stats.norm.cdf(x, d.means, d.sigmas)).sum())
    assert_close(d.cdf(x), expected, IDENTITY)


def test_logpdf_of_a_gaussian_is_exact_far_in_the_tail() -> None:
    # log N(x; μ, σ²) = −½((x − μ)/σ)² − log σ − ½ log 2π, finite where the pdf underflows
    x = np.array([-1e3, 0.0, 50.0, 1e3])
    expected = -0.5 * ((x - 1.0) / 0.5) ** 2 - math.log(0.5) - 0.5 * math.log(2 * math.pi)
    assert_close(gaussian(1.0, 0.5).logpdf(x), expected, IDENTITY)


def test_logpdf_of_a_mixture_matches_scipy_in_the_tails() -> None:
    x = np.array([-300.0, -40.0, 40.0, 300.0])
    expected = np.logaddexp(np.log(0.5) + stats.norm.logpdf(x, -2.0, 0.5), np.log(0.5) + stats.norm.logpdf(x, 2.0, 0.5))
    assert_close(BIMODAL.logpdf(x), expected, IDENTITY)


def test_pdf_is_exp_of_logpdf() -> None:
    x = np.linspace(-6, 6, 121)
    for d in MIXTURES:
        assert np.array_equal(d.pdf(x), np.exp(d.logpdf(x)))


def test_pdf_accepts_arrays_of_any_shape() -> None:
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    assert BIMODAL.pdf(x).shape == (3, 4)
    assert_close(BIMODAL.pdf(x).ravel(), BIMODAL.pdf(x.ravel()), IDENTITY)


# ---------------------------------------------------------------------------
# Normalisation, moments, interval
# ---------------------------------------------------------------------------


def _scalar_pdf(d: GaussianMixture) -> Callable[[float], float]:
    """The mixture density for scalar x in pure Python (QUADPACK calls it thousands of times)."""
    comps = [
        (w / (s * math.sqrt(2 * math.pi)), m, s)
        for w, m, s in zip(d.weights.tolist(), d.means.tolist(), d.sigmas.tolist(), strict=True)
    ]
    return lambda x: math.fsum(c * math.exp(-0.5 * ((x - m) / s) ** 2) for c, m, s in comps)


def _quad_over(d: GaussianMixture, fn: Callable[[float], float]) -> float:
    lo, hi = d.interval
    total = 0.0
    for a, b in itertools.pairwise([lo, *d.breakpoints, hi]):
        value, err = integrate.quad(fn, a, b, epsabs=1e-14, epsrel=1e-12, limit=200)
        assert err < 1e-10
        total += value
    return total


@pytest.mark.parametrize("i", range(len(MIXTURES)))
def test_pdf_integrates_to_one(i: int) -> None:
    d = MIXTURES[i]
    assert_close(_quad_over(d, _scalar_pdf(d)), 1.0, QUADRATURE)


@pytest.mark.parametrize("i", range(len(MIXTURES)))
def test_mean_is_the_first_moment(i: int) -> None:
    d = MIXTURES[i]
    pdf = _scalar_pdf(d)
    assert_close(d.mean(), _quad_over(d, lambda x: x * pdf(x)), QUADRATURE)


def test_cdf_is_zero_and_one_at_the_ends_of_the_interval() -> None:
    for d in MIXTURES:
        lo, hi = d.interval
        assert d.cdf(lo) < 1e-300
        assert_close(d.cdf(hi), 1.0, IDENTITY)  # weights sum to 1 within rounding


def test_interval_spans_tail_sigmas_around_every_component() -> None:
    for d in MIXTURES:
        lo, hi = d.interval
        assert lo <= float((d.means - TAIL_SIGMAS * d.sigmas).min())
        assert hi >= float((d.means + TAIL_SIGMAS * d.sigmas).max())


def test_breakpoints_include_every_mean() -> None:
    for d in MIXTURES:
        assert set(d.means.tolist()) <= set(d.breakpoints)


# ---------------------------------------------------------------------------
# Sampling
# ---------------------------------------------------------------------------

N_SAMPLES = 200_000


@pytest.mark.parametrize("i", range(len(MIXTURES)))
def test_sample_mean_is_within_five_standard_errors(i: int) -> None:
    d = MIXTURES[i]
    x = d.sample(N_SAMPLES, np.random.default_rng(20141406 + i))
    var = float((d.weights * (d.means**2 + d.sigmas**2)).sum()) - d.mean() ** 2
    assert abs(x.mean() - d.mean()) <= 5 * math.sqrt(var / N_SAMPLES)


@pytest.mark.parametrize("i", range(len(MIXTURES)))
def test_sample_variance_is_within_five_standard_errors(i: int) -> None:
    d = MIXTURES[i]
    x = d.sample(N_SAMPLES, np.random.default_rng(20141406 + i))
    mu = d.mean()
    var = float((d.weights * (d.means**2 + d.sigmas**2)).sum()) - mu**2
    # Var of the sample variance ≈ (μ4 − σ⁴)/n, with the fourth central moment of the mixture
    c = d.means - mu
    mu4 = float((d.weights * (c**4 + 6 * c**2 * d.sigmas**2 + 3 * d.sigmas**4)).sum())
    assert abs(x.var() - var) <= 5 * math.sqrt((mu4 - var**2) / N_SAMPLES)


def test_sample_is_reproducible_from_the_seed() -> None:
    a = BIMODAL.sample(1000, np.random.default_rng(7))
    b = BIMODAL.sample(1000, np.random.default_rng(7))
    assert np.array_equal(a, b)


def test_bimodal_samples_split_evenly_between_the_modes() -> None:
    x = BIMODAL.sample(N_SAMPLES, np.random.default_rng(1))
    # each mode holds ½; binomial standard error √(¼/n) ≈ 1.1e-3
    assert abs((x > 0).mean() - 0.5) <= 5 * math.sqrt(0.25 / N_SAMPLES)


# ---------------------------------------------------------------------------
# Construction
# ---------------------------------------------------------------------------


def test_parameters_are_read_only() -> None:
    with pytest.raises(ValueError, match="read-only"):
        BIMODAL.means[0] = 0.0


def test_constructor_copies_its_inputs() -> None:
    means = np.array([-2.0, 2.0])
    d = GaussianMixture([0.5, 0.5], means, [0.5, 0.5])
    means[0] = 100.0
    assert d.means[0] == -2.0


def test_gaussian_is_a_one_component_mixture() -> None:
    g = gaussian(1.5, 0.7)
    assert (g.weights.tolist(), g.means.tolist(), g.sigmas.tolist()) == ([1.0], [1.5], [0.7])


def test_zero_weight_components_do_not_change_the_density() -> None:
    d = GaussianMixture([1.0, 0.0], [0.0, 5.0], [1.0, 0.1])
    x = np.linspace(-5, 8, 53)
    assert_close(d.logpdf(x), gaussian(0.0, 1.0).logpdf(x), IDENTITY)


def test_repr_lists_the_components() -> None:
    assert repr(BIMODAL) == "GaussianMixture(0.5·N(-2, 0.5²), 0.5·N(2, 0.5²))"


def test_mixtures_and_tabulated_densities_are_densities() -> None:
    uniform = TabulatedDensity(lambda x: np.ones_like(x), (0.0, 1.0))
    assert isinstance(BIMODAL, Density)
    assert isinstance(uniform, Density)


# ---------------------------------------------------------------------------
# TabulatedDensity
# ---------------------------------------------------------------------------


def _triangle(x: np.ndarray) -> np.ndarray:
    return np.clip(1.0 - np.abs(x), 0.0, None)


TRIANGLE = TabulatedDensity(_triangle, (-1.0, 1.0), (0.0,))


def test_tabulated_density_evaluates_its_function_inside() -> None:
    x = np.linspace(-1, 1, 41)
    assert np.array_equal(TRIANGLE.pdf(x), _triangle(x))


def test_tabulated_density_is_zero_outside_its_interval() -> None:
    assert TRIANGLE.pdf(np.array([-3.0, 1.5])).tolist() == [0.0, 0.0]


def test_tabulated_logpdf_is_minus_inf_outside_its_interval() -> None:
    assert TRIANGLE.logpdf(np.array([-3.0, 1.5])).tolist() == [-math.inf, -math.inf]


def test_tabulated_density_accepts_an_integral_within_the_tolerance() -> None:
    TabulatedDensity(lambda x: np.full_like(x, 1.0 + 1e-8), (0.0, 1.0))


# ---------------------------------------------------------------------------
# The Gaussian χ² closed form against quadrature
# ---------------------------------------------------------------------------

#: The closed form against scipy.integrate.quad of p²/q − 1.
SCIPY_QUAD = Tolerance(
    rtol=1e-9,
    atol=1e-11,
    why=(
        "quad at epsrel=1e-12 over ±40 of the widest σ reports relative error estimates ≤ 1e-10; "
        "the closed form is exact to a few ulps"
    ),
)

GAUSSIAN_PAIRS = [(0.0, 1.0, 0.5, 1.5), (-1.0, 0.5, 1.0, 0.6), (2.0, 1.2, -0.5, 2.0), (0.0, 1.0, 0.0, 1.0)]


@pytest.mark.parametrize(("m1", "s1", "m2", "s2"), GAUSSIAN_PAIRS)
def test_gaussian_pearson_chi2_matches_scipy_quad(m1: float, s1: float, m2: float, s2: float) -> None:
    p, q = stats.norm(m1, s1), stats.norm(m2, s2)
    lo, hi = min(m1, m2) - 40 * max(s1, s2), max(m1, m2) + 40 * max(s1, s2)
    value, err = integrate.quad(
        lambda x: math.exp(2 * p.logpdf(x) - q.logpdf(x)),
        lo,
        hi,
        points=[m1, m2],
        limit=200,
        epsabs=1e-14,
        epsrel=1e-12,
    )
    assert err < 1e-10 * (1.0 + value)
    assert_close(gaussian_pearson_chi2(m1, s1, m2, s2), value - 1.0, SCIPY_QUAD)


@pytest.mark.parametrize(("m1", "s1", "m2", "s2"), GAUSSIAN_PAIRS)
def test_gaussian_pearson_chi2_matches_our_quadrature(m1: float, s1: float, m2: float, s2: float) -> None:
    expected = quadrature.pearson_chi2(gaussian(m1, s1), gaussian(m2, s2))
    assert_close(gaussian_pearson_chi2(m1, s1, m2, s2), expected, QUADRATURE)


def test_gaussian_pearson_chi2_is_zero_for_equal_gaussians_and_grows_with_the_mean_gap() -> None:
    assert gaussian_pearson_chi2(0.3, 0.7, 0.3, 0.7) == pytest.approx(0.0, abs=1e-15)
    gaps = [gaussian_pearson_chi2(0.0, 1.0, m, 1.0) for m in (0.5, 1.0, 2.0)]
    assert gaps == sorted(gaps)
    # equal variances: χ² = exp(Δμ²/σ²) − 1
    assert gaussian_pearson_chi2(0.0, 1.0, 1.0, 1.0) == pytest.approx(math.e - 1.0, rel=1e-15)


@pytest.mark.parametrize("s2", [1.0 / math.sqrt(2.0), 0.5, 0.1])
def test_gaussian_pearson_chi2_is_infinite_when_q_is_too_narrow(s2: float) -> None:
    assert gaussian_pearson_chi2(0.0, 1.0, 0.0, s2) == math.inf
    assert quadrature.pearson_chi2(gaussian(0.0, 1.0), gaussian(0.0, s2)) == math.inf


@pytest.mark.parametrize(
    ("args", "name"),
    [((0.0, 0.0, 0.0, 1.0), "sigma1"), ((0.0, 1.0, 0.0, 1e200), "sigma2"), ((1e200, 1.0, 0.0, 1.0), "mu1")],
)
def test_gaussian_pearson_chi2_rejects_parameters_whose_squares_leave_float64(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        gaussian_pearson_chi2(*args)
