r"""Mode coverage of a generated sample on a mixture of well-separated Gaussians.

The protocol of VEEGAN (Srivastava et al. 2017) as implemented by PacGAN
(Lin et al. 2018): a generated point is *high quality* when it lies within
three standard deviations of its nearest mode; a mode is *covered* when at
least one high-quality point is nearest to it. PacGAN also reports the
reverse KL divergence of the mode histogram of high-quality points against
the uniform distribution over modes.

References
----------
.. [1] A. Srivastava et al., "VEEGAN", NeurIPS 2017, §5 (2-D mixtures, 2500 samples).
.. [2] Z. Lin et al., "PacGAN", NeurIPS 2018, Table 1 (10 trials, mean ± s.e.).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gantheory._validation import COUNT, POINTS_2D, POSITIVE, VECTOR, as_float_array, check_positive, validated

__all__ = ["ModeCoverage", "grid_modes", "mode_coverage", "ring_modes"]


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
