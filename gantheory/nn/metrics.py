r"""Statistics for judging trained 1-D GANs across seeds.

Everything here is plain float64 NumPy/SciPy and works on arrays of runs
(a leading *seed* axis), so one call summarises K trained generators.

Intervals for a fraction of runs
    :func:`wilson_interval` (score interval; good coverage for small n and
    fractions near 0 or 1) and :func:`clopper_pearson_interval` (exact,
    conservative); :func:`binomial_upper_tail` is the one-sided exact binomial
    p-value :math:`\Pr[\mathrm{Bin}(n, p) \ge k]`; :func:`mean_interval` is
    Student's t interval for a mean across seeds.

Distributions on bins
    A 1-D law is summarised by its masses on fixed bins plus two tail bins
    :math:`(-\infty, e_0)` and :math:`[e_B, \infty)`. :func:`mixture_bin_masses`
    gives them exactly for a Gaussian mixture (CDF differences);
    :func:`pushforward_bin_masses` gives them for a generator
    :math:`G: \mathbb R \to \mathbb R` with latent :math:`z \sim \mathcal N(0, 1)`
    from G's values at the edges of a fine latent grid (:func:`latent_grid`,
    :func:`pushforward_cdf`: each cell's mass spread over its image), with no
    sampling noise; :func:`empirical_bin_masses` counts a sample. :func:`binned_js` is the
    Jensen–Shannon divergence of two such mass vectors: by the data-processing
    inequality it is a lower bound on the JS divergence of the underlying laws,
    and it converges to it as the bins shrink.

Mode coverage
    :func:`pushforward_window_shares` (a generator's law) and :func:`window_shares`
    (a sample) give the share of mass within ``half_width`` of each mode; a mode
    counts as covered when its share reaches a stated minimum (:func:`covers_all`).

References
----------
.. [1] E. B. Wilson, "Probable inference, the law of succession, and statistical
   inference", JASA 22 (1927) 209–212.
.. [2] C. J. Clopper, E. S. Pearson, "The use of confidence or fiducial limits
   illustrated in the case of the binomial", Biometrika 26 (1934) 404–413.
.. [3] J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans.
   Inf. Theory 37 (1991) 145–151 (JS divergence).
"""

from __future__ import annotations

import math
from typing import cast

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from gantheory._validation import (
    COUNT,
    FINITE,
    NONNEGATIVE,
    NONNEGATIVE_COUNT,
    NONNEGATIVE_VALUES,
    OPEN_UNIT,
    PROBABILITIES,
    UNIT,
    VECTOR,
    array,
    as_float_array,
    check_positive,
    check_unit_interval,
    real,
    validated,
)
from gantheory.divergences import LOG2

__all__ = [
    "binned_js",
    "binomial_upper_tail",
    "clopper_pearson_interval",
    "covers_all",
    "empirical_bin_masses",
    "latent_grid",
    "mean_interval",
    "mixture_bin_masses",
    "pushforward_bin_masses",
    "pushforward_cdf",
    "pushforward_window_shares",
    "wilson_interval",
    "window_shares",
]

Array = NDArray[np.float64]


def _integer(v: object, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
        raise ValueError(f"{name} must be an integer, got {v!r}")
    return int(v)


def _count(k_arg: object, n_arg: object) -> tuple[int, int]:
    k, n = _integer(k_arg, "k"), _integer(n_arg, "n")
    if n < 1 or not 0 <= k <= n:
        raise ValueError(f"need 0 ≤ k ≤ n and n ≥ 1, got k={k}, n={n}")
    return k, n


def _confidence(confidence: float) -> float:
    c = check_unit_interval(confidence, name="confidence", open_=True)
    return c


@validated(k=NONNEGATIVE_COUNT, n=COUNT, confidence=OPEN_UNIT)
def wilson_interval(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    r"""Wilson score interval for a binomial proportion.

    .. math::
        \frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1 - \hat p)}{n} + \frac{z^2}{4n^2}}}{1 + \frac{z^2}{n}},
        \qquad \hat p = k/n,\ z = \Phi^{-1}\big(\tfrac{1 + c}{2}\big)

    Parameters
    ----------
    k : int
        Successes, 0 ≤ k ≤ n.
    n : int
        Trials, ≥ 1.
    confidence : float
        In (0, 1).

    Returns
    -------
    (lower, upper) : tuple of float
        Within [0, 1]; the lower end is 0 when k = 0 and the upper 1 when k = n.

    References
    ----------
    Wilson (1927).
    """
    k, n = _count(k, n)
    z = float(stats.norm.ppf(0.5 + 0.5 * _confidence(confidence)))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return lo, hi


@validated(k=NONNEGATIVE_COUNT, n=COUNT, confidence=OPEN_UNIT)
def clopper_pearson_interval(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    r"""Exact (Clopper–Pearson) interval for a binomial proportion, from beta quantiles.

    .. math::
        \Big[B^{-1}\big(\tfrac{\alpha}{2}; k, n - k + 1\big),\ B^{-1}\big(1 - \tfrac{\alpha}{2}; k + 1, n - k\big)\Big],
        \qquad \alpha = 1 - c

    with the lower end 0 when k = 0 and the upper 1 when k = n.

    Parameters
    ----------
    k, n, confidence
        As in :func:`wilson_interval`.

    References
    ----------
    Clopper & Pearson (1934).
    """
    k, n = _count(k, n)
    alpha = 1.0 - _confidence(confidence)
    lo = 0.0 if k == 0 else float(special.betaincinv(k, n - k + 1, alpha / 2))
    hi = 1.0 if k == n else float(special.betaincinv(k + 1, n - k, 1 - alpha / 2))
    return lo, hi


@validated(k=NONNEGATIVE_COUNT, n=COUNT, p=UNIT)
def binomial_upper_tail(k: int, n: int, p: float) -> float:
    r"""One-sided exact binomial p-value :math:`\Pr[\mathrm{Bin}(n, p) \ge k]`.

    Parameters
    ----------
    k : int
        Observed count, 0 ≤ k ≤ n.
    n : int
        Trials, ≥ 1.
    p : float
        Success probability under the null, in [0, 1].
    """
    k, n = _count(k, n)
    p = check_unit_interval(p, name="p")
    return float(stats.binom.sf(k - 1, n, p))


@validated(values=FINITE, confidence=OPEN_UNIT)
def mean_interval(values: ArrayLike, confidence: float = 0.95) -> tuple[float, float, float]:
    r"""Mean of per-seed values with Student's t interval, :math:`\bar x \pm t_{n-1}\, s/\sqrt n`.

    Parameters
    ----------
    values : array_like, shape (n,)
        Finite values, n ≥ 2.
    confidence : float
        In (0, 1).

    Returns
    -------
    (mean, lower, upper) : tuple of float
    """
    x = as_float_array(values, name="values")
    if x.ndim != 1 or x.size < 2:
        raise ValueError(f"values must be a 1-D array of at least 2 numbers, got shape {x.shape}")
    c = _confidence(confidence)
    m = float(x.mean())
    half = float(stats.t.ppf(0.5 + 0.5 * c, x.size - 1)) * float(x.std(ddof=1)) / math.sqrt(x.size)
    return m, m - half, m + half


def _edges(edges: ArrayLike) -> Array:
    e = as_float_array(edges, name="edges")
    if e.ndim != 1 or e.size < 2 or not (np.diff(e) > 0).all():
        raise ValueError("edges must be a strictly increasing 1-D array of at least 2 values")
    return e


@validated(weights=NONNEGATIVE_VALUES, means=FINITE, sigmas=array(gt=0.0), edges=VECTOR)
def mixture_bin_masses(weights: ArrayLike, means: ArrayLike, sigmas: ArrayLike, edges: ArrayLike) -> Array:
    r"""Exact masses of a 1-D Gaussian mixture on the bins of ``edges`` plus the two tails.

    .. math::
        m_0 = F(e_0), \quad m_{b} = F(e_b) - F(e_{b-1})\ (b = 1 \dots B), \quad m_{B+1} = 1 - F(e_B),
        \qquad F(x) = \sum_j w_j \Phi\big((x - \mu_j)/\sigma_j\big)

    Parameters
    ----------
    weights, means, sigmas : array_like, shape (M,)
        Non-negative weights summing to 1, means, positive standard deviations.
    edges : array_like, shape (B + 1,)
        Strictly increasing bin edges.

    Returns
    -------
    ndarray, shape (B + 2,)
        Non-negative, summing to 1.
    """
    w = as_float_array(weights, name="weights")
    mu = as_float_array(means, name="means")
    s = as_float_array(sigmas, name="sigmas")
    if not (w.ndim == mu.ndim == s.ndim == 1 and w.shape == mu.shape == s.shape and w.size):
        raise ValueError("weights, means and sigmas must be 1-D arrays of the same, non-zero length")
    if (w < 0).any() or abs(float(w.sum()) - 1.0) > 1e-9:
        raise ValueError("weights must be non-negative and sum to 1")
    if (s <= 0).any():
        raise ValueError("sigmas must be positive")
    e = _edges(edges)
    # lower and upper tails from the survival side keep tiny tail masses exact
    below = (w * special.ndtr((e[:, None] - mu) / s)).sum(axis=1)
    above = (w * special.ndtr((mu - e[:, None]) / s)).sum(axis=1)
    inner = np.where(e[1:] <= 0, below[1:] - below[:-1], above[:-1] - above[1:])
    masses = np.concatenate([[below[0]], np.clip(inner, 0.0, None), [above[-1]]])
    return masses / masses.sum()


# below 1e-3 the cells are too narrow for the float64 normal CDF to tell them apart
@validated(cells=COUNT, bound=real(ge=1e-3))
def latent_grid(cells: int = 2**15, bound: float = 8.0) -> tuple[Array, Array]:
    r"""Edges of ``cells`` equal cells of :math:`[-b, b]` and their exact masses under :math:`\mathcal N(0, 1)`.

    The masses are :math:`\Phi(z_{i+1}) - \Phi(z_i)`, renormalised to sum to 1
    (the mass outside :math:`\pm 8` is :math:`1.2 \times 10^{-15}`).

    Parameters
    ----------
    cells : int
        Number of cells (≥ 2).
    bound : float
        b > 0.

    Returns
    -------
    edges : ndarray, shape (cells + 1,)
    mass : ndarray, shape (cells,)
    """
    if isinstance(cells, bool) or not isinstance(cells, (int, np.integer)) or cells < 2:
        raise ValueError(f"cells must be an integer ≥ 2, got {cells!r}")
    b = check_positive(bound, name="bound")
    edges = np.linspace(-b, b, int(cells) + 1)
    mass = np.diff(special.ndtr(edges))
    return edges, mass / mass.sum()


def _grid_inputs(values: ArrayLike, mass: ArrayLike) -> tuple[Array, Array]:
    v = as_float_array(values, name="values")
    mu = as_float_array(mass, name="mass")
    if mu.ndim != 1 or v.ndim == 0 or v.shape[-1] != mu.size + 1:
        raise ValueError(f"values must end with one more entry than mass ({mu.size + 1}), got shape {v.shape}")
    if (mu < 0).any() or abs(float(mu.sum()) - 1.0) > 1e-9:
        raise ValueError("mass must be non-negative and sum to 1")
    return v, mu


@validated(values=FINITE, mass=NONNEGATIVE_VALUES, points=FINITE)
def pushforward_cdf(values: ArrayLike, mass: ArrayLike, points: ArrayLike) -> Array:
    r"""CDF of :math:`G(z)`, :math:`z \sim \mathcal N(0, 1)`, at ``points``, from G's values at the latent cell edges.

    Within each latent cell :math:`[z_i, z_{i+1}]` G is taken to be linear, so the cell's mass
    :math:`\mu_i` is spread uniformly over the image :math:`[a_i, b_i]` (the two end values, sorted):

    .. math::
        F(x) = \sum_i \mu_i \operatorname{clip}\Big(\frac{x - a_i}{b_i - a_i}, 0, 1\Big)

    (a step at :math:`a_i` when :math:`a_i = b_i`). This is exact for a G that is affine on each
    cell, e.g. a leaky-ReLU network whose kinks fall on cell edges, and accurate to second order
    in the cell width otherwise; a steep G (a gap between modes) is handled without error.

    Parameters
    ----------
    values : array_like, shape (..., N + 1)
        G at the cell edges of :func:`latent_grid`, for each run (leading axes).
    mass : array_like, shape (N,)
        The cells' masses, summing to 1.
    points : array_like, shape (P,)

    Returns
    -------
    ndarray, shape (..., P)
    """
    v, mu = _grid_inputs(values, mass)
    x = as_float_array(points, name="points")
    if x.ndim != 1:
        raise ValueError("points must be a 1-D array")
    lo = np.minimum(v[..., :-1], v[..., 1:]).reshape(-1, mu.size)
    hi = np.maximum(v[..., :-1], v[..., 1:]).reshape(-1, mu.size)
    out = np.empty((lo.shape[0], x.size))
    for r in range(lo.shape[0]):
        width = hi[r] - lo[r]
        flat = width <= 0
        safe = np.where(flat, 1.0, width)
        frac = np.clip((x[None, :] - lo[r][:, None]) / safe[:, None], 0.0, 1.0)
        frac[flat] = (x[None, :] >= lo[r][flat][:, None]).astype(np.float64)
        out[r] = mu @ frac
    return np.clip(out, 0.0, 1.0).reshape(*v.shape[:-1], x.size)


@validated(values=FINITE, mass=NONNEGATIVE_VALUES, edges=VECTOR)
def pushforward_bin_masses(values: ArrayLike, mass: ArrayLike, edges: ArrayLike) -> Array:
    r"""Bin masses of the law of :math:`G(z)` (see :func:`pushforward_cdf`) on ``edges`` plus the two tails.

    Parameters
    ----------
    values : array_like, shape (..., N + 1)
        G at the latent cell edges.
    mass : array_like, shape (N,)
    edges : array_like, shape (B + 1,)

    Returns
    -------
    ndarray, shape (..., B + 2)
        Bin 0 is :math:`(-\infty, e_0)`, bin B + 1 is :math:`[e_B, \infty)`; non-negative, summing to 1.
    """
    e = _edges(edges)
    cdf = pushforward_cdf(values, mass, e)
    full = np.concatenate([np.zeros((*cdf.shape[:-1], 1)), cdf, np.ones((*cdf.shape[:-1], 1))], axis=-1)
    masses = np.clip(np.diff(full, axis=-1), 0.0, None)
    return masses / masses.sum(axis=-1, keepdims=True)


@validated(values=FINITE, mass=NONNEGATIVE_VALUES, centres=VECTOR, half_width=NONNEGATIVE)
def pushforward_window_shares(values: ArrayLike, mass: ArrayLike, centres: ArrayLike, half_width: float) -> Array:
    r"""Mass of the law of :math:`G(z)` within ``half_width`` of each centre: :math:`F(c + h) - F(c - h)`.

    Parameters
    ----------
    values : array_like, shape (..., N + 1)
        G at the latent cell edges (:func:`pushforward_cdf`).
    mass : array_like, shape (N,)
    centres : array_like, shape (M,)
    half_width : float
        h > 0.

    Returns
    -------
    ndarray, shape (..., M)
    """
    c = as_float_array(centres, name="centres")
    h = check_positive(half_width, name="half_width")
    if c.ndim != 1 or c.size == 0:
        raise ValueError("centres must be a non-empty 1-D array")
    cdf = pushforward_cdf(values, mass, np.concatenate([c - h, c + h]))
    return np.clip(cdf[..., c.size :] - cdf[..., : c.size], 0.0, 1.0)


@validated(samples=FINITE, edges=VECTOR)
def empirical_bin_masses(samples: ArrayLike, edges: ArrayLike) -> Array:
    """Share of ``samples`` (shape (..., n)) in each bin of ``edges`` plus the two tails, shape (..., B + 2)."""
    x = as_float_array(samples, name="samples")
    e = _edges(edges)
    if x.ndim == 0 or x.shape[-1] == 0:
        raise ValueError("samples must have a non-empty last axis")
    idx = np.searchsorted(e, x, side="right").reshape(-1, x.shape[-1])  # 0 … B + 1
    out = np.stack([np.bincount(row, minlength=e.size + 1) for row in idx]) / x.shape[-1]
    return out.reshape(*x.shape[:-1], e.size + 1)


@validated(p=NONNEGATIVE_VALUES, q=NONNEGATIVE_VALUES)
def binned_js(p: ArrayLike, q: ArrayLike) -> Array:
    r"""Jensen–Shannon divergence (nats, ½ weights) between mass vectors, row by row.

    .. math::
        D_{JS}(p \| q) = \tfrac12 \sum_b p_b \log\frac{2p_b}{p_b + q_b} + \tfrac12 \sum_b q_b \log\frac{2q_b}{p_b + q_b}
        \in [0, \log 2]

    Parameters
    ----------
    p, q : array_like, shape (..., B)
        Probability vectors along the last axis (they broadcast).

    Returns
    -------
    ndarray, shape (...)
    """
    a = as_float_array(p, name="p")
    b = as_float_array(q, name="q")
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        raise ValueError(f"p and q must broadcast to one shape, got shapes {a.shape} and {b.shape}") from None
    for name, arr in (("p", a), ("q", b)):
        if arr.ndim == 0 or (arr < 0).any() or (np.abs(arr.sum(axis=-1) - 1.0) > 1e-9).any():
            raise ValueError(f"{name} must be non-negative and sum to 1 along its last axis")
    m = 0.5 * (a + b)
    js = 0.5 * special.kl_div(a, m).sum(axis=-1) + 0.5 * special.kl_div(b, m).sum(axis=-1)
    return np.clip(js, 0.0, LOG2)


@validated(samples=FINITE, centres=VECTOR, half_width=NONNEGATIVE)
def window_shares(samples: ArrayLike, centres: ArrayLike, half_width: float) -> Array:
    r"""Share of ``samples`` within ``half_width`` of each centre: :math:`\frac1n \sum_i \mathbb 1[|x_i - c_m| \le h]`.

    Parameters
    ----------
    samples : array_like, shape (..., n)
    centres : array_like, shape (M,)
        Mode locations.
    half_width : float
        h > 0 (3σ for the PacGAN/VEEGAN "high-quality" window).

    Returns
    -------
    ndarray, shape (..., M)
    """
    x = as_float_array(samples, name="samples")
    c = as_float_array(centres, name="centres")
    h = check_positive(half_width, name="half_width")
    if x.ndim == 0 or x.shape[-1] == 0 or c.ndim != 1 or c.size == 0:
        raise ValueError("samples must have a non-empty last axis and centres must be a non-empty 1-D array")
    return (np.abs(x[..., None, :] - c[:, None]) <= h).mean(axis=-1)


@validated(shares=PROBABILITIES, min_share=UNIT)
def covers_all(shares: ArrayLike, min_share: float) -> NDArray[np.bool_]:
    """Whether every mode's share (last axis) reaches ``min_share`` ∈ (0, 1]."""
    s = as_float_array(shares, name="shares")
    t = check_unit_interval(min_share, name="min_share")
    if t <= 0:
        raise ValueError("min_share must be positive")
    # numpy types the reduction as np.bool_ | ndarray; one row of shares gives a 0-d result, which callers
    # read with bool() or indexing alike
    return cast(NDArray[np.bool_], (s >= t).all(axis=-1))
