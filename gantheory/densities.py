r"""One-dimensional probability densities with exact log-densities.

:class:`GaussianMixture` is the workhorse family: every density the suite
integrates is a mixture :math:`p(x) = \sum_k w_k \, \mathcal N(x; \mu_k, \sigma_k^2)`,
whose log-density is evaluated with ``logsumexp`` so that ratios such as
:math:`p/(p+q)` stay accurate far in the tails. :class:`TabulatedDensity`
wraps any user-supplied density and checks that it integrates to 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import integrate, special

from gantheory._validation import (
    DENSITY_INTEGRAL_ATOL,
    HUGE,
    INTERVAL,
    PMF,
    POSITIVE,
    REAL,
    REALS,
    VECTOR,
    as_float_array,
    as_pmf,
    function,
    real,
    validate_fields,
    validated,
)

__all__ = ["Density", "GaussianMixture", "TabulatedDensity", "gaussian", "gaussian_pearson_chi2"]

_LOG_SQRT_2PI = 0.5 * float(np.log(2.0 * np.pi))

#: Half-width, in component standard deviations, of the interval on which
#: quadrature is done: :math:`e^{-40^2/2} \approx 10^{-348}` underflows float64,
#: so nothing beyond it can change a double-precision integral.
TAIL_SIGMAS = 40.0


@runtime_checkable
class Density(Protocol):
    """A 1-D density with an exact log-density and an interval holding its mass."""

    def logpdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """Log-density at ``x`` (``-inf`` outside the support)."""
        ...

    def pdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """Density at ``x``."""
        ...

    @property
    def interval(self) -> tuple[float, float]:
        """A finite interval outside which the density is negligible in float64."""
        ...

    @property
    def breakpoints(self) -> tuple[float, ...]:
        """Points where the density has peaks or kinks (hints for adaptive quadrature)."""
        ...


@dataclass(frozen=True)
class GaussianMixture:
    r"""Finite mixture of normal densities.

    .. math::
        p(x) = \sum_{k=1}^K w_k \frac{1}{\sigma_k \sqrt{2\pi}}
               \exp\!\left(-\frac{(x-\mu_k)^2}{2\sigma_k^2}\right)

    Parameters
    ----------
    weights : array_like, shape (K,)
        Mixture weights: non-negative, summing to 1.
    means : array_like, shape (K,)
        Component means.
    sigmas : array_like, shape (K,)
        Component standard deviations, strictly positive.

    Examples
    --------
    The bimodal data of document 000 (modes at ±2, standard deviation 0.5):

    >>> p = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
    >>> round(float(p.pdf(2.0)), 6)
    0.398942
    """

    weights: NDArray[np.float64] = field(repr=False)
    means: NDArray[np.float64] = field(repr=False)
    sigmas: NDArray[np.float64] = field(repr=False)

    @validated(weights=PMF, means=VECTOR, sigmas=VECTOR)
    def __init__(self, weights: ArrayLike, means: ArrayLike, sigmas: ArrayLike) -> None:
        w = as_pmf(weights, name="weights")
        mu = as_float_array(means, name="means")
        sd = as_float_array(sigmas, name="sigmas")
        if not (w.shape == mu.shape == sd.shape):
            raise ValueError(
                f"weights, means and sigmas must have the same shape, got {w.shape}, {mu.shape}, {sd.shape}"
            )
        if (sd <= 0).any():
            raise ValueError(f"sigmas must be strictly positive, got {sd.tolist()}")
        for name, arr in (("weights", w), ("means", mu), ("sigmas", sd)):
            arr = arr.copy()
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)

    def __repr__(self) -> str:
        parts = zip(self.weights, self.means, self.sigmas, strict=True)
        comps = ", ".join(f"{w:.4g}·N({m:.4g}, {s:.4g}²)" for w, m, s in parts)
        return f"GaussianMixture({comps})"

    def logpdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """Log-density, computed with ``logsumexp`` over components."""
        xa = np.asarray(x, dtype=np.float64)
        z = (xa[..., None] - self.means) / self.sigmas
        with np.errstate(divide="ignore"):
            logw = np.log(self.weights)
        comp = logw - np.log(self.sigmas) - _LOG_SQRT_2PI - 0.5 * z**2
        return np.asarray(special.logsumexp(comp, axis=-1), dtype=np.float64)

    def pdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """Density."""
        return np.exp(self.logpdf(x))

    def cdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """Cumulative distribution function."""
        xa = np.asarray(x, dtype=np.float64)
        return np.asarray(
            (self.weights * special.ndtr((xa[..., None] - self.means) / self.sigmas)).sum(axis=-1),
            dtype=np.float64,
        )

    def mean(self) -> float:
        """Mean of the mixture."""
        return float((self.weights * self.means).sum())

    def sample(self, n: int, rng: np.random.Generator) -> NDArray[np.float64]:
        """Draw ``n`` samples with the generator ``rng``."""
        k = rng.choice(self.weights.size, size=n, p=self.weights)
        return self.means[k] + self.sigmas[k] * rng.standard_normal(n)

    @property
    def interval(self) -> tuple[float, float]:
        lo = float((self.means - TAIL_SIGMAS * self.sigmas).min())
        hi = float((self.means + TAIL_SIGMAS * self.sigmas).max())
        return lo, hi

    @property
    def breakpoints(self) -> tuple[float, ...]:
        pts = np.concatenate([self.means + k * self.sigmas for k in (-3.0, -1.0, 0.0, 1.0, 3.0)])
        return tuple(float(v) for v in np.unique(pts))


@validated(mu=REAL, sigma=POSITIVE)
def gaussian(mu: float, sigma: float) -> GaussianMixture:
    r"""The normal density :math:`\mathcal N(\mu, \sigma^2)` as a one-component mixture."""
    return GaussianMixture([1.0], [mu], [sigma])


#: A mean whose differences square without overflow.
_MEAN = real(huge=HUGE)
#: A standard deviation whose square neither underflows nor overflows float64.
_SCALE = real(ge=1 / HUGE, le=HUGE)


@validated(mu1=_MEAN, sigma1=_SCALE, mu2=_MEAN, sigma2=_SCALE)
def gaussian_pearson_chi2(mu1: float, sigma1: float, mu2: float, sigma2: float) -> float:
    r"""The Pearson :math:`\chi^2` divergence between two normal densities, in closed form.

    .. math::
        \chi^2\big(\mathcal N(\mu_1, \sigma_1^2) \,\|\, \mathcal N(\mu_2, \sigma_2^2)\big)
        = \int \frac{p^2}{q}\, dx - 1
        = \frac{\sigma_2^2}{\sigma_1 \sqrt{2\sigma_2^2 - \sigma_1^2}}
          \exp\!\left(\frac{(\mu_1 - \mu_2)^2}{2\sigma_2^2 - \sigma_1^2}\right) - 1,

    by completing the square in the exponent of :math:`p^2/q`. The integral is finite iff
    :math:`2\sigma_2^2 > \sigma_1^2`; otherwise :math:`p^2/q` does not decay and the result is ``inf``
    (as it is where the value overflows float64).

    Parameters
    ----------
    mu1, sigma1 : float
        Mean and standard deviation of :math:`p`; :math:`|\mu| \le 10^{150}`,
        :math:`10^{-150} \le \sigma \le 10^{150}`, so that no square under- or overflows.
    mu2, sigma2 : float
        The same for :math:`q`.

    Returns
    -------
    float
        :math:`\chi^2(p \| q) \ge 0` (up to rounding), or ``inf``.

    References
    ----------
    .. [1] F. Nielsen and R. Nock, "On the chi square and higher-order chi distances for approximating
       f-divergences", IEEE Signal Process. Lett. 21(1), 2014 (χ² within exponential families).
    """
    d = 2 * sigma2**2 - sigma1**2
    if not d > 0:
        return float("inf")
    with np.errstate(over="ignore"):
        return float(sigma2**2 / (sigma1 * np.sqrt(d)) * np.exp((mu1 - mu2) ** 2 / d) - 1.0)


@dataclass(frozen=True)
class TabulatedDensity:
    """A user-supplied density on a finite interval, checked to integrate to 1.

    Parameters
    ----------
    pdf_function : callable
        Vectorised, non-negative density function.
    interval : (float, float)
        Finite interval outside which the density is zero (or negligible).
    breakpoints : tuple of float, optional
        Points where the density peaks or has kinks.

    Raises
    ------
    ValueError
        If the interval is empty or not finite, the density is negative or
        NaN at the breakpoints, or its integral differs from 1 by more than
        ``DENSITY_INTEGRAL_ATOL``.
    """

    pdf_function: Callable[[NDArray[np.float64]], NDArray[np.float64]]
    interval: tuple[float, float]
    breakpoints: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        validate_fields(self, pdf_function=function, interval=INTERVAL, breakpoints=REALS)
        lo, hi = (float(v) for v in self.interval)
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"interval must be finite with lo < hi, got {self.interval}")
        probe = np.linspace(lo, hi, 257)
        values = np.asarray(self.pdf_function(probe), dtype=np.float64)
        if values.shape != probe.shape:
            raise ValueError("pdf_function must be vectorised: it returned a different shape")
        if np.isnan(values).any() or (values < 0).any():
            raise ValueError("the density must be non-negative and not NaN on its interval")
        total, _ = integrate.quad(
            lambda t: float(self.pdf_function(np.array([t]))[0]),
            lo,
            hi,
            points=[b for b in self.breakpoints if lo < b < hi] or None,
            limit=500,
            epsabs=1e-13,
            epsrel=1e-12,
        )
        if abs(total - 1.0) > DENSITY_INTEGRAL_ATOL:
            raise ValueError(
                f"the density integrates to {total!r} on {self.interval}, not 1 (tolerance {DENSITY_INTEGRAL_ATOL:g})"
            )

    def pdf(self, x: ArrayLike) -> NDArray[np.float64]:
        xa = np.asarray(x, dtype=np.float64)
        inside = (xa >= self.interval[0]) & (xa <= self.interval[1])
        out = np.zeros_like(xa)
        if inside.any():
            out[inside] = np.asarray(self.pdf_function(xa[inside]), dtype=np.float64)
        return out

    def logpdf(self, x: ArrayLike) -> NDArray[np.float64]:
        with np.errstate(divide="ignore"):
            return np.log(self.pdf(x))
