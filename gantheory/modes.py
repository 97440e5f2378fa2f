r"""Mode coverage of a generated sample on a mixture of well-separated Gaussians.

The protocol of VEEGAN (Srivastava et al. 2017) as implemented by PacGAN
(Lin et al. 2018): a generated point is *high quality* when it lies within
three standard deviations of its nearest mode; a mode is *covered* when at
least one high-quality point is nearest to it. PacGAN also reports the
reverse KL divergence of the mode histogram of high-quality points against
the uniform distribution over modes. :func:`coverage_stats` scores one
sample per seed and :class:`CoverageStats` summarises them as mean ± s.e.,
the form of PacGAN's table.

References
----------
.. [1] A. Srivastava et al., "VEEGAN", NeurIPS 2017, §5 (2-D mixtures, 2500 samples).
.. [2] Z. Lin et al., "PacGAN", NeurIPS 2018, Table 1 (10 trials, mean ± s.e.).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gantheory._validation import (
    COUNT,
    HUGE,
    POINTS_2D,
    POSITIVE,
    VECTOR,
    array,
    as_float_array,
    check_positive,
    validated,
)
from gantheory.twosample import mean_se

__all__ = [
    "CoverageStats",
    "ModeCoverage",
    "coverage_stats",
    "distinct_modes",
    "grid_modes",
    "mode_coverage",
    "ring_modes",
]


@validated(n=COUNT, radius=POSITIVE)
def ring_modes(n: int = 8, radius: float = 1.0) -> NDArray[np.float64]:
    r"""Means :math:`r(\cos 2\pi k/n, \sin 2\pi k/n)`, :math:`k = 0, \dots, n-1`: *n distinct* points.

    (``np.linspace(0, 2π, n)`` would repeat the first mode at :math:`2\pi`; some public
    benchmark code has that bug, leaving only n − 1 distinct modes.)
    """
    k = np.arange(n)
    return radius * np.stack([np.cos(2 * np.pi * k / n), np.sin(2 * np.pi * k / n)], axis=1)


@validated(values=VECTOR)
def grid_modes(values: ArrayLike = (-4.0, -2.0, 0.0, 2.0, 4.0)) -> NDArray[np.float64]:
    """Means on the square grid ``values × values`` (25 modes for the PacGAN grid)."""
    v = as_float_array(values, name="values")
    xx, yy = np.meshgrid(v, v, indexing="ij")
    return np.stack([xx.ravel(), yy.ravel()], axis=1)


@dataclass(frozen=True)
class ModeCoverage:
    """Mode-coverage statistics of one sample.

    Attributes
    ----------
    modes_covered : int
        Modes with at least ``min_count`` high-quality points.
    high_quality_fraction : float
        Share of points within ``threshold`` standard deviations of their nearest mode.
    reverse_kl : float
        :math:`\\sum_k h_k \\log(h_k K)` for the histogram :math:`h` of high-quality points over the
        :math:`K` modes (0 for a perfectly even spread; ``inf`` is impossible since empty modes
        contribute 0); ``nan`` when no point is of high quality.
    counts : tuple of int
        High-quality points per mode.
    """

    modes_covered: int
    high_quality_fraction: float
    reverse_kl: float
    counts: tuple[int, ...]


@validated(samples=POINTS_2D, means=POINTS_2D, sigma=POSITIVE, threshold=POSITIVE, min_count=COUNT)
def mode_coverage(
    samples: ArrayLike, means: ArrayLike, sigma: float, *, threshold: float = 3.0, min_count: int = 1
) -> ModeCoverage:
    """Coverage of the mixture's modes by ``samples`` (shape (n, d); means shape (K, d))."""
    x = as_float_array(samples, name="samples")
    mu = as_float_array(means, name="means")
    if x.ndim == 1:
        x = x[:, None]
    if mu.ndim == 1:
        mu = mu[:, None]
    if x.ndim != 2 or mu.ndim != 2 or x.shape[1] != mu.shape[1]:
        raise ValueError(f"samples and means must be (n, d) and (K, d) with the same d, got {x.shape}, {mu.shape}")
    if len(np.unique(mu, axis=0)) != len(mu):
        raise ValueError("the mixture's means are not distinct")
    s = check_positive(sigma, name="sigma")
    d2 = ((x[:, None, :] - mu[None, :, :]) ** 2).sum(axis=-1)
    nearest = d2.argmin(axis=1)
    dist = np.sqrt(d2[np.arange(len(x)), nearest])
    hq = dist < threshold * s
    counts = np.bincount(nearest[hq], minlength=len(mu))
    covered = int((counts >= min_count).sum())
    total = counts.sum()
    if total == 0:
        rkl = float("nan")
    else:
        h = counts / total
        live = h > 0
        rkl = float((h[live] * np.log(h[live] * len(mu))).sum())
    return ModeCoverage(
        covered, float(hq.mean()) if len(x) else 0.0, max(rkl, 0.0) if total else rkl, tuple(int(c) for c in counts)
    )


@dataclass(frozen=True)
class CoverageStats:
    """Per-seed mode-coverage statistics of one sampler (arrays of length n_seeds).

    Attributes
    ----------
    modes, modes_strict : ndarray
        Modes covered per seed with at least one, and with at least ``strict_count``, high-quality points.
    hq : ndarray
        Share of high-quality points per seed.
    reverse_kl : ndarray
        KL(mode histogram ‖ uniform) per seed, NaN for a seed without any high-quality point.
    counts : ndarray of int, shape (n_seeds, K)
        High-quality points per seed and mode.
    """

    modes: NDArray[np.float64]
    modes_strict: NDArray[np.float64]
    hq: NDArray[np.float64]
    reverse_kl: NDArray[np.float64]
    counts: NDArray[np.int64] = field(repr=False)

    def summary(self) -> dict[str, dict[str, float]]:
        """Mean ± s.e. of each statistic (:func:`gantheory.twosample.mean_se`); HQ in percent."""
        return {
            "modes": mean_se(self.modes),
            "modes_strict": mean_se(self.modes_strict),
            "hq_percent": mean_se(100.0 * self.hq),
            "reverse_kl": mean_se(self.reverse_kl),
        }


@validated(samples=array(ndim=3), means=POINTS_2D, sigma=POSITIVE, strict_count=COUNT, threshold=POSITIVE)
def coverage_stats(
    samples: ArrayLike, means: ArrayLike, sigma: float, *, strict_count: int, threshold: float = 3.0
) -> CoverageStats:
    r"""PacGAN's statistics (:func:`mode_coverage`) for each seed's sample.

    .. math:: \mathrm{modes}_s = \#\{k : c_{sk} \ge 1\}, \qquad
       \mathrm{modes}^{\mathrm{strict}}_s = \#\{k : c_{sk} \ge m\}

    for the high-quality counts :math:`c_{sk}` of seed :math:`s` and mode :math:`k` and
    :math:`m` = ``strict_count``.

    Parameters
    ----------
    samples : array_like, shape (n_seeds, n, d)
        One sample per seed.
    means : array_like, shape (K, d)
        Distinct mode means.
    sigma : float
        The modes' standard deviation.
    strict_count : int
        High-quality points a mode needs for the strict count.
    threshold : float
        High quality within this many σ of the nearest mode.

    Returns
    -------
    CoverageStats
    """
    x = np.asarray(samples, dtype=np.float64)
    rows = [mode_coverage(s, means, sigma, threshold=threshold, min_count=1) for s in x]
    counts = np.array([r.counts for r in rows], dtype=np.int64)
    return CoverageStats(
        modes=np.array([r.modes_covered for r in rows], dtype=np.float64),
        modes_strict=(counts >= strict_count).sum(axis=1).astype(np.float64),
        hq=np.array([r.high_quality_fraction for r in rows], dtype=np.float64),
        reverse_kl=np.array([r.reverse_kl for r in rows], dtype=np.float64),
        counts=counts,
    )


@validated(means=array(ndim=2, min_size=2, huge=HUGE))
def distinct_modes(means: ArrayLike) -> dict[str, Any]:
    r"""How many distinct mode means there are (to 12 decimals), and the smallest distance between two of them.

    .. math:: \delta = \min_{j \ne k} \lVert \mu_j - \mu_k \rVert_2

    Parameters
    ----------
    means : array_like, shape (K, d)
        K ≥ 2 means.

    Returns
    -------
    dict
        ``n_modes`` (K), ``distinct`` and ``min_separation`` (δ).
    """
    m = np.asarray(means, dtype=np.float64)
    if len(m) < 2:
        raise ValueError(f"means must hold at least two modes, got shape {m.shape}")
    dist = np.sqrt(((m[:, None, :] - m[None, :, :]) ** 2).sum(-1))
    off = dist[~np.eye(len(m), dtype=bool)]
    return {"n_modes": len(m), "distinct": len(np.unique(np.round(m, 12), axis=0)), "min_separation": float(off.min())}
