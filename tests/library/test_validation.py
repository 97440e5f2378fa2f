"""Every public function rejects invalid input with a ValueError that names the problem.

Covers :mod:`gantheory.divergences`, :mod:`gantheory.discriminator`,
:mod:`gantheory.quadrature` and the constructors of
:class:`~gantheory.densities.GaussianMixture` and
:class:`~gantheory.densities.TabulatedDensity`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from gantheory import discriminator as disc
from gantheory import divergences as dv
from gantheory import quadrature as quad
from gantheory._validation import PMF_SUM_ATOL
from gantheory.densities import GaussianMixture, TabulatedDensity, gaussian

GOOD = np.array([0.2, 0.3, 0.5])

#: Every public function of two pmfs, with its extra arguments bound.
PMF_PAIR_FUNCTIONS: dict[str, Callable[[Any, Any], Any]] = {
    "kl_divergence": dv.kl_divergence,
    "reverse_kl_divergence": dv.reverse_kl_divergence,
    "js_divergence": dv.js_divergence,
    "total_variation": dv.total_variation,
    "pearson_chi2": dv.pearson_chi2,
    "neyman_chi2": dv.neyman_chi2,
    "squared_hellinger": dv.squared_hellinger,
    "f_divergence": lambda p, q: dv.f_divergence(p, q, lambda t: (t - 1.0) ** 2),
    "value_function": lambda p, q: disc.value_function(np.full(np.shape(p), 0.5), p, q),
    "virtual_criterion": disc.virtual_criterion,
    "bayes_accuracy": disc.bayes_accuracy,
    "lsgan_optimal_discriminator": lambda p, q: disc.lsgan_optimal_discriminator(p, q, -1.0, 1.0),
    "lsgan_criterion": lambda p, q: disc.lsgan_criterion(p, q, -1.0, 1.0, 0.0),
}

#: (label, bad pmf, pattern the message must contain)
BAD_PMFS = [
    ("negative probability", [-0.1, 0.6, 0.5], "negative probability"),
    ("NaN", [np.nan, 0.5, 0.5], "NaN"),
    ("inf", [np.inf, 0.5, 0.5], "infinite"),
    ("not summing to 1", [0.2, 0.3, 0.4], "sums to"),
    ("sum off by 10·PMF_SUM_ATOL", [0.2, 0.3, 0.5 + 10 * PMF_SUM_ATOL], "sums to"),
    ("empty", [], "non-empty 1-D"),
    ("2-D", [[0.2, 0.3, 0.5]], "non-empty 1-D"),
    ("not numeric", ["a", "b", "c"], "numeric"),
]


@pytest.mark.parametrize("name", sorted(PMF_PAIR_FUNCTIONS))
@pytest.mark.parametrize(("label", "bad", "pattern"), BAD_PMFS, ids=[b[0] for b in BAD_PMFS])
def test_pmf_functions_reject_a_bad_first_argument(name: str, label: str, bad: Any, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        PMF_PAIR_FUNCTIONS[name](bad, GOOD)


@pytest.mark.parametrize("name", sorted(PMF_PAIR_FUNCTIONS))
@pytest.mark.parametrize(("label", "bad", "pattern"), BAD_PMFS, ids=[b[0] for b in BAD_PMFS])
def test_pmf_functions_reject_a_bad_second_argument(name: str, label: str, bad: Any, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        PMF_PAIR_FUNCTIONS[name](GOOD, bad)


@pytest.mark.parametrize("name", sorted(PMF_PAIR_FUNCTIONS))
def test_pmf_functions_reject_mismatched_shapes(name: str) -> None:
    with pytest.raises(ValueError, match="same shape"):
        PMF_PAIR_FUNCTIONS[name](GOOD, np.array([0.5, 0.5]))


@pytest.mark.parametrize("name", sorted(PMF_PAIR_FUNCTIONS))
def test_pmf_functions_accept_a_sum_within_tolerance(name: str) -> None:
    p = np.array([0.2, 0.3, 0.5 + 0.5 * PMF_SUM_ATOL])
    PMF_PAIR_FUNCTIONS[name](p, GOOD)


@pytest.mark.parametrize(("label", "bad", "pattern"), BAD_PMFS, ids=[b[0] for b in BAD_PMFS])
def test_entropy_rejects_a_bad_pmf(label: str, bad: Any, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        dv.entropy(bad)


@pytest.mark.parametrize("base", [1.0, 0.5, 0.0, -2.0, math.nan, math.inf])
@pytest.mark.parametrize("fn", [dv.entropy, dv.kl_divergence, dv.js_divergence], ids=lambda f: f.__name__)
def test_log_base_must_be_finite_and_above_one(fn: Callable[..., float], base: float) -> None:
    args = (GOOD,) if fn is dv.entropy else (GOOD, GOOD[::-1])
    with pytest.raises(ValueError, match="base"):
        fn(*args, base=base)


def test_f_divergence_rejects_a_nan_slope() -> None:
    with pytest.raises(ValueError, match="NaN"):
        dv.f_divergence(GOOD, GOOD, lambda t: (t - 1.0) ** 2, slope_at_infinity=math.nan)


def test_f_divergence_rejects_an_undefined_inf_minus_inf() -> None:
    # f(0) = −inf where p = 0 < q, and +inf·mass where q = 0 < p: the sum is undefined
    with pytest.raises(ValueError, match=r"^the f-divergence is undefined here \(an inf - inf"):
        dv.f_divergence([0.0, 0.5, 0.5], [0.5, 0.5, 0.0], np.log, f_at_zero=-math.inf)


# ---------------------------------------------------------------------------
# discriminator: inputs that are not pmfs
# ---------------------------------------------------------------------------

BAD_DENSITY_VALUES = [
    ("negative", [-0.1, 0.6], "non-negative"),
    ("NaN", [np.nan, 0.5], "NaN"),
    ("inf", [np.inf, 0.5], "infinite"),
    ("empty", [], "empty"),
]


@pytest.mark.parametrize(("label", "bad", "pattern"), BAD_DENSITY_VALUES, ids=[b[0] for b in BAD_DENSITY_VALUES])
def test_optimal_discriminator_rejects_bad_density_values(label: str, bad: Any, pattern: str) -> None:
    other = np.full(len(bad), 0.5)
    with pytest.raises(ValueError, match=pattern):
        disc.optimal_discriminator(bad, other)
    with pytest.raises(ValueError, match=pattern):
        disc.optimal_discriminator(other, bad)


def test_optimal_discriminator_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="same shape"):
        disc.optimal_discriminator([0.5, 0.5], [0.2, 0.3, 0.5])


@pytest.mark.parametrize("outside", [-0.1, 1.5, math.nan])
def test_optimal_discriminator_rejects_an_outside_value_beyond_0_1(outside: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        disc.optimal_discriminator([0.0, 1.0], [0.0, 1.0], outside=outside)


@pytest.mark.parametrize(
    ("d", "pattern"),
    [
        ([0.5, 1.2, 0.5], r"\[0, 1\]"),
        ([0.5, -0.1, 0.5], r"\[0, 1\]"),
        ([0.5, np.nan, 0.5], "NaN"),
        ([0.5, 0.5], "same shape"),
    ],
)
def test_value_function_rejects_bad_discriminator_outputs(d: list[float], pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        disc.value_function(d, GOOD, GOOD)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_lsgan_functions_reject_non_finite_targets(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        disc.lsgan_optimal_discriminator(GOOD, GOOD, bad, 1.0)
    with pytest.raises(ValueError, match="finite"):
        disc.lsgan_criterion(GOOD, GOOD, -1.0, 1.0, bad)


# ---------------------------------------------------------------------------
# densities
# ---------------------------------------------------------------------------

BAD_MIXTURES = [
    ("sigma zero", ([1.0], [0.0], [0.0]), "strictly positive"),
    ("sigma negative", ([0.5, 0.5], [0.0, 1.0], [1.0, -1.0]), "strictly positive"),
    ("NaN mean", ([1.0], [np.nan], [1.0]), "NaN"),
    ("inf mean", ([1.0], [np.inf], [1.0]), "infinite"),
    ("inf sigma", ([1.0], [0.0], [np.inf]), "infinite"),
    ("negative weight", ([1.5, -0.5], [0.0, 1.0], [1.0, 1.0]), "negative probability"),
    ("weights not summing to 1", ([0.5, 0.4], [0.0, 1.0], [1.0, 1.0]), "sums to"),
    ("mismatched shapes", ([0.5, 0.5], [0.0, 1.0, 2.0], [1.0, 1.0]), "same shape"),
    ("empty", ([], [], []), "non-empty"),
]


@pytest.mark.parametrize(("label", "args", "pattern"), BAD_MIXTURES, ids=[b[0] for b in BAD_MIXTURES])
def test_gaussian_mixture_rejects_bad_parameters(label: str, args: tuple[Any, Any, Any], pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        GaussianMixture(*args)


def _uniform(height: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: np.where((x >= 0.0) & (x <= 1.0), height, 0.0)


def test_tabulated_density_rejects_a_density_that_integrates_to_two() -> None:
    with pytest.raises(ValueError, match="integrates to"):
        TabulatedDensity(_uniform(2.0), (0.0, 1.0))


def test_tabulated_density_rejects_negative_values() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        TabulatedDensity(lambda x: 2.0 * x - 0.5, (0.0, 1.0))


def test_tabulated_density_rejects_nan_values() -> None:
    with pytest.raises(ValueError, match="NaN"):
        TabulatedDensity(lambda x: np.full_like(x, np.nan), (0.0, 1.0))


@pytest.mark.parametrize("interval", [(1.0, 0.0), (0.0, 0.0), (-math.inf, 1.0), (0.0, math.nan)])
def test_tabulated_density_rejects_a_bad_interval(interval: tuple[float, float]) -> None:
    with pytest.raises(ValueError, match="interval"):
        TabulatedDensity(_uniform(1.0), interval)


def test_tabulated_density_rejects_a_function_that_is_not_vectorised() -> None:
    with pytest.raises(ValueError, match="vectorised"):
        TabulatedDensity(lambda x: np.ones(3), (0.0, 1.0))


# ---------------------------------------------------------------------------
# quadrature
# ---------------------------------------------------------------------------

N01 = gaussian(0.0, 1.0)


class _HalfDensity:
    """Implements the Density protocol but integrates to ½."""

    interval = (-40.0, 40.0)
    breakpoints = (0.0,)

    def logpdf(self, x: Any) -> np.ndarray:
        return N01.logpdf(x) - math.log(2.0)

    def pdf(self, x: Any) -> np.ndarray:
        return np.exp(self.logpdf(x))


PAIR_QUADRATURE: dict[str, Callable[[Any, Any], Any]] = {
    "kl_divergence": quad.kl_divergence,
    "js_divergence": quad.js_divergence,
    "total_variation": quad.total_variation,
    "pearson_chi2": quad.pearson_chi2,
    "neyman_chi2": quad.neyman_chi2,
    "squared_hellinger": quad.squared_hellinger,
    "f_divergence": lambda p, q: quad.f_divergence(p, q, lambda t: (t - 1.0) ** 2),
    "value_function": lambda p, q: quad.value_function(lambda x: np.full_like(x, 0.5), p, q),
    "virtual_criterion": quad.virtual_criterion,
    "optimal_discriminator": lambda p, q: quad.optimal_discriminator(p, q, np.zeros(3)),
    "log_optimal_discriminator": lambda p, q: quad.log_optimal_discriminator(p, q, np.zeros(3)),
}


@pytest.mark.parametrize("name", sorted(PAIR_QUADRATURE))
def test_quadrature_rejects_what_is_not_a_density(name: str) -> None:
    with pytest.raises(ValueError, match="must be a density"):
        PAIR_QUADRATURE[name](np.array([0.5, 0.5]), N01)
    with pytest.raises(ValueError, match="must be a density"):
        PAIR_QUADRATURE[name](N01, np.array([0.5, 0.5]))


@pytest.mark.parametrize("name", sorted(PAIR_QUADRATURE))
def test_quadrature_rejects_a_density_that_does_not_integrate_to_one(name: str) -> None:
    with pytest.raises(ValueError, match="integrates to"):
        PAIR_QUADRATURE[name](_HalfDensity(), N01)
    with pytest.raises(ValueError, match="integrates to"):
        PAIR_QUADRATURE[name](N01, _HalfDensity())


# neyman_chi2 is pearson_chi2 with the arguments swapped, so its messages name them the other way round
@pytest.mark.parametrize("name", sorted(set(PAIR_QUADRATURE) - {"neyman_chi2"}))
def test_quadrature_names_the_density_that_does_not_integrate_to_one(name: str) -> None:
    with pytest.raises(ValueError, match=r"^p integrates to"):
        PAIR_QUADRATURE[name](_HalfDensity(), N01)
    with pytest.raises(ValueError, match=r"^q integrates to"):
        PAIR_QUADRATURE[name](N01, _HalfDensity())


def test_quadrature_expectation_rejects_a_density_that_does_not_integrate_to_one() -> None:
    with pytest.raises(ValueError, match="integrates to"):
        quad.expectation(_HalfDensity(), lambda x: x)
    with pytest.raises(ValueError, match=r"^p integrates to"):
        quad.expectation(_HalfDensity(), lambda x: x)


@pytest.mark.parametrize("base", [1.0, 0.0, -2.0, math.nan])
def test_quadrature_js_rejects_a_bad_log_base(base: float) -> None:
    with pytest.raises(ValueError, match="base"):
        quad.js_divergence(N01, gaussian(1.0, 1.0), base=base)


@pytest.mark.parametrize("value", [1.5, -0.5, math.nan])
def test_quadrature_value_function_rejects_a_discriminator_outside_0_1(value: float) -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        quad.value_function(lambda x: np.full_like(x, value), N01, gaussian(1.0, 1.0))


@pytest.mark.parametrize("fn", [quad.optimal_discriminator, quad.log_optimal_discriminator], ids=lambda f: f.__name__)
def test_quadrature_optimal_discriminator_rejects_nan_abscissae(fn: Callable[..., Any]) -> None:
    with pytest.raises(ValueError, match="NaN"):
        fn(N01, gaussian(1.0, 1.0), np.array([0.0, np.nan]))


@pytest.mark.parametrize("interval", [(1.0, 0.0), (0.0, math.inf)])
def test_integrate_rejects_a_bad_interval(interval: tuple[float, float]) -> None:
    with pytest.raises(ValueError, match="interval"):
        quad.integrate(np.sin, interval)
