"""The pointwise optimal discriminator of two densities against scipy, and the density checks by name.

Asymmetric Gaussians, evaluated far into the tails where p(x) and q(x) underflow: scipy's ``norm.logpdf``
gives log D* = log p − log(p + q) independently of the library.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from scipy import stats

from gantheory import quadrature
from gantheory.densities import gaussian

P, Q = gaussian(-1.0, 0.5), gaussian(2.0, 1.5)
X = np.array([-60.0, -3.0, -1.0, 0.0, 0.5, 2.0, 40.0])


def _log_d_star() -> np.ndarray:
    lp = stats.norm.logpdf(X, -1.0, 0.5)
    lq = stats.norm.logpdf(X, 2.0, 1.5)
    return lp - np.logaddexp(lp, lq)


def test_log_optimal_discriminator_matches_scipy_in_the_tails() -> None:
    assert quadrature.log_optimal_discriminator(P, Q, X).tolist() == pytest.approx(_log_d_star().tolist(), rel=1e-13)


def test_optimal_discriminator_matches_scipy_and_is_not_symmetric() -> None:
    expected = np.exp(_log_d_star())
    assert quadrature.optimal_discriminator(P, Q, X).tolist() == pytest.approx(expected.tolist(), rel=1e-13, abs=1e-300)
    swapped = quadrature.optimal_discriminator(Q, P, X)
    assert swapped.tolist() == pytest.approx((1.0 - expected).tolist(), rel=1e-12, abs=1e-15)


class Unnormalised:
    """Twice the uniform density on [0, 1]: integrates to 2."""

    interval = (0.0, 1.0)
    breakpoints = ()

    def logpdf(self, x: np.ndarray) -> np.ndarray:
        return np.full(np.shape(x), np.log(2.0))

    def pdf(self, x: np.ndarray) -> np.ndarray:
        return np.full(np.shape(x), 2.0)


@pytest.mark.parametrize("fn", [quadrature.log_optimal_discriminator, quadrature.optimal_discriminator])
def test_pointwise_discriminators_name_the_argument_that_is_not_a_density(fn: Callable[..., np.ndarray]) -> None:
    with pytest.raises(ValueError, match=r"^p must be a density \(logpdf, pdf, interval, breakpoints\), got float$"):
        fn(1.0, Q, X)
    with pytest.raises(ValueError, match=r"^q must be a density .*got str$"):
        fn(P, "normal", X)
    with pytest.raises(ValueError, match=r"^q integrates to 2\.0\d* on \(0\.0, 1\.0\), not 1"):
        fn(P, Unnormalised(), X)
    with pytest.raises(ValueError, match=r"^x "):
        fn(P, Q, np.array([np.nan]))


class Float32Uniform:
    """The uniform density on [0, 1], whose logpdf and pdf come back in float32."""

    interval = (0.0, 1.0)
    breakpoints = ()

    def logpdf(self, x: np.ndarray) -> np.ndarray:
        return np.zeros(np.shape(x), dtype=np.float32)

    def pdf(self, x: np.ndarray) -> np.ndarray:
        return np.ones(np.shape(x), dtype=np.float32)


@pytest.mark.parametrize("fn", [quadrature.log_optimal_discriminator, quadrature.optimal_discriminator])
def test_pointwise_discriminators_return_float64_for_a_float32_density(fn: Callable[..., np.ndarray]) -> None:
    # the public functions promise float64 whatever a third-party Density returns: log ½ and ½ here
    out = fn(Float32Uniform(), Float32Uniform(), np.array([0.25, 0.75]))
    assert out.dtype == np.float64
