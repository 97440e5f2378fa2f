r"""Is a trained GAN at the equilibrium? Measures of the generator and the discriminator.

At the equilibrium of the GAN game :math:`p_g = p_{data}` and the optimal
discriminator is :math:`D^*(x) = p_{data}(x)/(p_{data}(x) + p_g(x)) = \tfrac12`
everywhere (Goodfellow et al. 2014, Prop. 1 and Thm. 1). A trained pair can be
read against both halves:

* the generator, by a classifier two-sample test of its samples against the
  data (:func:`gantheory.twosample.combined_c2st`) and by binned distances
  (total variation and Jensen–Shannon on fixed bins);
* the discriminator, by :math:`\sup_x |D(x) - \tfrac12|` and
  :math:`\sup_x |D(x) - D^*(x)|` over the data's *support region* (the points
  within :data:`SUPPORT_SIGMAS` standard deviations of a mode), and by its mean
  output on real and on generated samples.

The target is an isotropic Gaussian mixture (:class:`MixtureTarget`), for which
bin masses are exact in one dimension and the density is known everywhere.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Proposition 1 and Theorem 1.
.. [2] D. Lopez-Paz and M. Oquab, "Revisiting Classifier Two-Sample Tests",
   ICLR 2017, arXiv:1610.06545.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from gantheory._validation import (
    COUNT,
    HUGE,
    PROBABILITIES,
    PROBABILITIES_OR_NONE,
    VECTOR,
    array,
    as_float_array,
    each,
    instance,
    validated,
)

__all__ = [
    "SUPPORT_SIGMAS",
    "MixtureTarget",
    "binned_distances",
    "box_bin_masses",
    "discriminator_deviation",
    "mean_outputs",
    "support_grid",
]

Array = NDArray[np.float64]

#: The support region: points within this many σ of a mode. 3σ holds 99.7 % of a 1-D component's mass
#: (99.0 % in 2-D); beyond it both densities are so small that D is barely constrained by either sample.
SUPPORT_SIGMAS = 3.0


class _MixtureLike(Protocol):
    weights: tuple[float, ...]
    means: tuple[tuple[float, ...], ...]
    sigmas: tuple[float, ...]


@dataclass(frozen=True)
class MixtureTarget:
    r"""An isotropic Gaussian mixture :math:`\sum_m w_m \mathcal N(\mu_m, \sigma_m^2 I_d)` in numpy.

    Attributes
    ----------
    name : str
    weights : ndarray, shape (M,)
        Non-negative, summing to 1.
    means : ndarray, shape (M, d)
    sigmas : ndarray, shape (M,)
        Positive.
    """

    name: str
    weights: Array
    means: Array
    sigmas: Array

    def __post_init__(self) -> None:
        w = as_float_array(self.weights, name="weights")
        mu = as_float_array(self.means, name="means")
        s = as_float_array(self.sigmas, name="sigmas")
        if w.ndim != 1 or w.size == 0 or mu.ndim != 2 or mu.shape[0] != w.size or s.shape != w.shape:
            raise ValueError(
                f"weights (M,), means (M, d) and sigmas (M,) must agree, got {w.shape}, {mu.shape}, {s.shape}"
            )
        if (w < 0).any() or abs(float(w.sum()) - 1.0) > 1e-9:
            raise ValueError("weights must be non-negative and sum to 1")
        if (s <= 0).any():
            raise ValueError("sigmas must be positive")
        object.__setattr__(self, "weights", w)
        object.__setattr__(self, "means", mu)
        object.__setattr__(self, "sigmas", s)

    @classmethod
    def from_source(cls, source: _MixtureLike, name: str | None = None) -> MixtureTarget:
        """The target of a :class:`gantheory.nn.GaussianMixtureSource` (or any object with the same fields)."""
        return cls(
            name or str(getattr(source, "name", "mixture")),
            np.asarray(source.weights, dtype=np.float64),
            np.asarray(source.means, dtype=np.float64),
            np.asarray(source.sigmas, dtype=np.float64),
        )

    @property
    def dim(self) -> int:
        """d."""
        return int(self.means.shape[1])

    def _points(self, x: ArrayLike) -> Array:
        pts = as_float_array(x, name="x")
        if pts.ndim == 1 and self.dim == 1:
            pts = pts[:, None]
        if pts.ndim != 2 or pts.shape[1] != self.dim:
            raise ValueError(f"x must have shape (n, {self.dim}), got {pts.shape}")
        return pts

    def log_density(self, x: ArrayLike) -> Array:
        r""":math:`\log p(x)` at points ``x`` of shape (n, d) (or (n,) when d = 1); shape (n,)."""
        pts = self._points(x)
        sq = ((pts[:, None, :] - self.means[None, :, :]) ** 2).sum(axis=2)
        d = self.dim
        log_comp = -0.5 * sq / self.sigmas**2 - d * np.log(self.sigmas) - 0.5 * d * math.log(2 * math.pi)
        with np.errstate(divide="ignore"):
            return special.logsumexp(log_comp + np.log(self.weights), axis=1)

    def sample(self, n: int, rng: np.random.Generator) -> Array:
        """``n`` samples, shape (n, d)."""
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"n must be a positive integer, got {n!r}")
        comp = rng.choice(self.weights.size, size=int(n), p=self.weights)
        return self.means[comp] + self.sigmas[comp, None] * rng.standard_normal((int(n), self.dim))

    def in_support(self, x: ArrayLike, sigmas: float = SUPPORT_SIGMAS) -> NDArray[np.bool_]:
        """Whether each point lies within ``sigmas`` standard deviations of some mode; shape (n,)."""
        pts = self._points(x)
        dist = np.sqrt(((pts[:, None, :] - self.means[None, :, :]) ** 2).sum(axis=2))
        return (dist <= sigmas * self.sigmas[None, :]).any(axis=1)

    def box(self, sigmas: float = 4.0) -> tuple[Array, Array]:
        """Lower and upper corners of the box holding every mode ± ``sigmas`` σ, each shape (d,)."""
        reach = sigmas * self.sigmas[:, None]
        return (self.means - reach).min(axis=0), (self.means + reach).max(axis=0)

    def bin_masses(self, edges: ArrayLike) -> Array:
        """Exact masses of the 1-D bins of ``edges`` plus the two tails, shape (B + 2,) (d = 1 only)."""
        if self.dim != 1:
            raise ValueError("exact bin masses are implemented for d = 1 only")
        e = as_float_array(edges, name="edges")
        if e.ndim != 1 or e.size < 2 or not (np.diff(e) > 0).all():
            raise ValueError("edges must be a strictly increasing 1-D array of at least 2 values")
        mu, s, w = self.means[:, 0], self.sigmas, self.weights
        below = (w * special.ndtr((e[:, None] - mu) / s)).sum(axis=1)
        above = (w * special.ndtr((mu - e[:, None]) / s)).sum(axis=1)
        # the survival side keeps bins right of the modes exact
        inner = np.where(e[1:] <= mu.mean(), below[1:] - below[:-1], above[:-1] - above[1:])
        masses = np.concatenate([[below[0]], np.clip(inner, 0.0, None), [above[-1]]])
        return masses / masses.sum()


@validated(target=instance(MixtureTarget), edges=each(VECTOR))
def box_bin_masses(target: MixtureTarget, edges: Sequence[ArrayLike]) -> Array:
    r"""Exact masses of the product bins of ``edges`` (one edge array per axis), renormalised inside the box.

    An isotropic component factorises over the axes, so a bin's mass is
    :math:`\sum_m w_m \prod_i \big[\Phi((b_i - \mu_{mi})/\sigma_m) - \Phi((a_i - \mu_{mi})/\sigma_m)\big]`.

    Returns
    -------
    ndarray, shape (∏ bins,)
        In C order over the axes, summing to 1.
    """
    if len(edges) != target.dim:
        raise ValueError(f"edges must hold one array per axis ({target.dim}), got {len(edges)}")
    axes = [as_float_array(e, name="edges") for e in edges]
    if any(e.ndim != 1 or e.size < 2 or not (np.diff(e) > 0).all() for e in axes):
        raise ValueError("each edge array must be strictly increasing with at least 2 values")
    total = np.zeros(tuple(len(e) - 1 for e in axes))
    for w, mu, s in zip(target.weights, target.means, target.sigmas, strict=True):
        per_axis = [np.diff(special.ndtr((e - m) / s)) for e, m in zip(axes, mu, strict=True)]
        outer = per_axis[0]
        for p in per_axis[1:]:
            outer = np.multiply.outer(outer, p)
        total += w * outer
    return total.ravel() / total.sum()


@validated(target=instance(MixtureTarget), points_per_axis=COUNT)
def support_grid(target: MixtureTarget, points_per_axis: int) -> Array:
    """An even grid over the target's 4σ box, restricted to its support region; shape (n, d)."""
    if isinstance(points_per_axis, bool) or not isinstance(points_per_axis, int) or points_per_axis < 2:
        raise ValueError(f"points_per_axis must be an integer ≥ 2, got {points_per_axis!r}")
    lo, hi = target.box()
    axes = [np.linspace(lo[i], hi[i], points_per_axis) for i in range(target.dim)]
    grid = np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], axis=1)
    return grid[target.in_support(grid)]


@validated(d_values=PROBABILITIES, d_star=PROBABILITIES_OR_NONE)
def discriminator_deviation(d_values: ArrayLike, d_star: ArrayLike | None = None) -> dict[str, Array]:
    r"""Per-seed :math:`\sup |D - \tfrac12|` and, given :math:`D^*`, :math:`\sup |D - D^*|` over a point set.

    Parameters
    ----------
    d_values : array_like, shape (K, n)
        :math:`D_k(x_i)` in [0, 1] at the points (e.g. :func:`support_grid`).
    d_star : array_like, shape (K, n) or (n,), optional
        The optimal discriminator at the same points.

    Returns
    -------
    dict
        ``sup_half`` and (with ``d_star``) ``sup_star``, each shape (K,).
    """
    d = as_float_array(d_values, name="d_values")
    if d.ndim != 2 or d.shape[1] == 0:
        raise ValueError(f"d_values must have shape (K, n) with n ≥ 1, got {d.shape}")
    if (d < 0).any() or (d > 1).any():
        raise ValueError("d_values must lie in [0, 1]")
    out = {"sup_half": np.abs(d - 0.5).max(axis=1)}
    if d_star is not None:
        ds = as_float_array(d_star, name="d_star")
        if ds.shape not in (d.shape, d.shape[1:]):
            raise ValueError(f"d_star must have shape {d.shape} or {d.shape[1:]}, got {ds.shape}")
        out["sup_star"] = np.abs(d - ds).max(axis=1)
    return out


@validated(p_data=array(ndim=1, ge=0.0, huge=HUGE), p_g=array(ndim=(1, 2), ge=0.0, huge=HUGE))
def binned_distances(p_data: ArrayLike, p_g: ArrayLike) -> dict[str, Array]:
    r"""Total variation and Jensen–Shannon divergence (nats) between bin-mass vectors, row by row.

    .. math::
        \mathrm{TV} = \tfrac12 \sum_b |p_b - q_b|, \qquad
        \mathrm{JS} = \tfrac12 \sum_b p_b \log\frac{2p_b}{p_b + q_b} + \tfrac12 \sum_b q_b \log\frac{2q_b}{p_b + q_b}

    Both are lower bounds of the distances between the densities (data
    processing); the bins must be the same for both vectors.

    Parameters
    ----------
    p_data : array_like, shape (B,)
    p_g : array_like, shape (K, B) or (B,)

    Returns
    -------
    dict
        ``tv`` and ``js``, each shape (K,) (or () for a single row).
    """
    p = as_float_array(p_data, name="p_data")
    q = as_float_array(p_g, name="p_g")
    if p.ndim != 1 or q.shape[-1] != p.size or q.ndim > 2:
        raise ValueError(
            f"p_data must be 1-D and p_g of shape (K, B) or (B,), B = len(p_data); got {p.shape}, {q.shape}"
        )
    if (p < 0).any() or (q < 0).any():
        raise ValueError("bin masses must be non-negative")
    m = 0.5 * (p + q)
    safe = np.where(m > 0, m, 1.0)
    js = 0.5 * (special.xlogy(p, p) - special.xlogy(p, safe)) + 0.5 * (special.xlogy(q, q) - special.xlogy(q, safe))
    tv = 0.5 * np.abs(p - q).sum(axis=-1)
    # JS ≥ 0 exactly (Jensen); only rounding can make a sum of near-zero terms negative
    return {"tv": tv, "js": np.maximum(js.sum(axis=-1), 0.0)}


@validated(d_real=PROBABILITIES, d_fake=PROBABILITIES)
def mean_outputs(d_real: ArrayLike, d_fake: ArrayLike) -> dict[str, Any]:
    """Per-seed mean D on real and on generated samples (shape (K, n) each)."""
    r = as_float_array(d_real, name="d_real")
    f = as_float_array(d_fake, name="d_fake")
    if r.ndim != 2 or f.ndim != 2 or r.shape[0] != f.shape[0]:
        raise ValueError(f"d_real and d_fake must have shapes (K, n) and (K, m), got {r.shape} and {f.shape}")
    return {"d_real_mean": r.mean(axis=1), "d_fake_mean": f.mean(axis=1)}
