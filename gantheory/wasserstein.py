r"""Wasserstein-1 (primal and dual), integral probability metrics, and the Fréchet distance.

* :func:`wasserstein1_1d`: :math:`W_1` between 1-D distributions as
  :math:`\int |F_P - F_Q|\,dx`, and :func:`wasserstein1_critic_1d`, a
  1-Lipschitz critic attaining the Kantorovich–Rubinstein dual in 1-D.
* :func:`ipm`: an integral probability metric
  :math:`d_\mathcal F(P, Q) = \sup_{f \in \mathcal F} |\mathbb E_P f - \mathbb E_Q f|`
  on a finite support, as a linear program over the values of :math:`f`
  (:func:`scipy.optimize.linprog`, HiGHS), for a class given by linear
  constraints (:class:`FunctionClass`: :func:`sup_norm_ball`,
  :func:`unit_interval_functions`, :func:`lipschitz_functions`,
  :func:`non_decreasing_functions`).
* :func:`kantorovich_rubinstein_dual` and :func:`optimal_transport_lp`: the
  two sides of Kantorovich–Rubinstein duality on discrete distributions.
* :func:`frechet_distance`: the Fréchet (FID) distance between Gaussians,
  which is their squared 2-Wasserstein distance; :func:`wasserstein2_squared_diagonal`,
  its closed form for diagonal (commuting) covariances.
* :func:`sliced_wasserstein1`: the sliced :math:`W_1` over given directions.

On a finite set of points, a function that is 1-Lipschitz on the points
extends to a 1-Lipschitz function on the whole space (McShane–Whitney), so
the LP over the values at the points is the exact dual.

References
----------
.. [1] C. Villani, *Optimal Transport: Old and New*, Springer 2009, Thm 5.10
   and Remark 6.5 (Kantorovich–Rubinstein duality).
.. [2] A. Müller, "Integral probability metrics and their generating classes
   of functions", Adv. Appl. Probab. 29(2), 1997.
.. [3] S. S. Vallender, "Calculation of the Wasserstein distance between
   probability distributions on the line", Theory Probab. Appl. 18, 1974
   (:math:`W_1 = \int|F - G|`).
.. [4] D. C. Dowson and B. V. Landau, "The Fréchet distance between
   multivariate normal distributions", J. Multivariate Anal. 12, 1982.
.. [5] M. Heusel et al., "GANs Trained by a Two Time-Scale Update Rule
   Converge to a Local Nash Equilibrium", NeurIPS 2017, arXiv:1706.08500 (FID).
.. [6] M. Arjovsky, S. Chintala, L. Bottou, "Wasserstein GAN", ICML 2017,
   arXiv:1701.07875, Eq. (2) and Thm 3.
.. [7] C. R. Givens and R. M. Shortt, "A class of Wasserstein metrics for
   probability distributions", Michigan Math. J. 31, 1984 (W2 between Gaussians).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, sparse

from gantheory._validation import (
    COUNT,
    PMF,
    POINTS,
    POSITIVE,
    VECTOR,
    WEIGHTS_OR_NONE,
    array,
    checked_array,
    flag,
    instance,
    validated,
)

__all__ = [
    "FunctionClass",
    "IPMResult",
    "TransportResult",
    "fit_gaussian",
    "frechet_distance",
    "ipm",
    "kantorovich_rubinstein_dual",
    "lipschitz_functions",
    "non_decreasing_functions",
    "optimal_transport_lp",
    "sliced_wasserstein1",
    "sup_norm_ball",
    "unit_interval_functions",
    "wasserstein1_1d",
    "wasserstein1_critic_1d",
    "wasserstein2_squared_diagonal",
]

Array = NDArray[np.float64]

#: How far a covariance may be from symmetric, or below zero in an eigenvalue,
#: relative to its largest entry, and still be accepted as a covariance: a
#: float64 sample covariance is symmetric to ~1e-16 relative and PSD to ~n·eps.
COVARIANCE_RTOL = 1e-10


# ---------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------


def _values(x: ArrayLike) -> Array:
    # the callers' VECTOR has checked x: finite, 1-D and not empty
    return checked_array(x)


def _weights(w: ArrayLike | None, n: int, name: str) -> Array:
    if w is None:
        return np.full(n, 1.0 / n)
    arr = checked_array(w)
    if arr.shape != (n,):
        values = name.replace("weights", "values")
        raise ValueError(f"{name} must have shape ({n},), one weight per entry of {values}, got {arr.shape}")
    total = float(arr.sum())
    if total <= 0:
        raise ValueError(f"{name} must have a positive sum")
    return arr / total


def _points(x: ArrayLike) -> Array:
    """Points as an (n, d) array (a 1-D array is n points on the line)."""
    # the callers' POINTS has checked x: finite, 1-D or 2-D and not empty
    arr = checked_array(x)
    return arr[:, None] if arr.ndim == 1 else arr


# ---------------------------------------------------------------------------
# W1 on the line
# ---------------------------------------------------------------------------


def _cdfs_on_merged(u: Array, v: Array, uw: Array, vw: Array) -> tuple[Array, Array, Array]:
    """Merged sorted support z, and both CDFs on [z_k, z_{k+1}) for k < len(z) − 1."""
    z = np.unique(np.concatenate([u, v]))
    iu = np.searchsorted(z, u)
    iv = np.searchsorted(z, v)
    fu = np.cumsum(np.bincount(iu, weights=uw, minlength=z.size), dtype=np.float64)
    fv = np.cumsum(np.bincount(iv, weights=vw, minlength=z.size), dtype=np.float64)
    return z, fu[:-1], fv[:-1]


@validated(u_values=VECTOR, v_values=VECTOR, u_weights=WEIGHTS_OR_NONE, v_weights=WEIGHTS_OR_NONE)
def wasserstein1_1d(
    u_values: ArrayLike,
    v_values: ArrayLike,
    u_weights: ArrayLike | None = None,
    v_weights: ArrayLike | None = None,
) -> float:
    r"""Wasserstein-1 distance between two distributions on the line.

    .. math::
        W_1(P, Q) = \int_{-\infty}^{\infty} |F_P(x) - F_Q(x)|\, dx

    computed exactly as a finite sum over the merged sorted support.

    Parameters
    ----------
    u_values, v_values : array_like, shape (n,), (m,)
        Support points of :math:`P` and :math:`Q` (repeats allowed).
    u_weights, v_weights : array_like, optional
        Non-negative weights with a positive sum (normalised here); uniform when omitted.

    Returns
    -------
    float
        :math:`W_1 \ge 0`.
    """
    u, v = _values(u_values), _values(v_values)
    uw, vw = _weights(u_weights, u.size, "u_weights"), _weights(v_weights, v.size, "v_weights")
    z, fu, fv = _cdfs_on_merged(u, v, uw, vw)
    return float(np.sum(np.abs(fu - fv) * np.diff(z)))


@validated(u_values=VECTOR, v_values=VECTOR, u_weights=WEIGHTS_OR_NONE, v_weights=WEIGHTS_OR_NONE)
def wasserstein1_critic_1d(
    u_values: ArrayLike,
    v_values: ArrayLike,
    u_weights: ArrayLike | None = None,
    v_weights: ArrayLike | None = None,
) -> tuple[Array, Array]:
    r"""A 1-Lipschitz critic attaining :math:`\sup_f \mathbb E_P f - \mathbb E_Q f = W_1(P, Q)` on the line.

    .. math::
        f(x) = \int_{z_0}^{x} \operatorname{sign}\bigl(F_Q(t) - F_P(t)\bigr)\, dt,

    so that :math:`\mathbb E_P f - \mathbb E_Q f = -\int f'(F_P - F_Q)\,dx = \int |F_P - F_Q|\,dx`.

    Returns
    -------
    z : ndarray, shape (k,)
        The merged sorted support.
    f : ndarray, shape (k,)
        The critic at ``z`` (piecewise linear in between, slope ±1 or 0).
    """
    u, v = _values(u_values), _values(v_values)
    uw, vw = _weights(u_weights, u.size, "u_weights"), _weights(v_weights, v.size, "v_weights")
    z, fu, fv = _cdfs_on_merged(u, v, uw, vw)
    slope = np.sign(fv - fu)
    f = np.concatenate([[0.0], np.cumsum(slope * np.diff(z))])
    return z, f


# ---------------------------------------------------------------------------
# Integral probability metrics as linear programs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FunctionClass:
    r"""A class of functions on ``n`` points, :math:`\{f \in \mathbb R^n : A f \le b,\ l \le f \le u\}`.

    Attributes
    ----------
    n : int
        Number of support points.
    a_ub : ndarray or scipy.sparse array, shape (k, n), or None
    b_ub : ndarray, shape (k,) or None
    bounds : tuple of (float or None, float or None)
        Box constraints on each :math:`f_i` (``None`` is unbounded).
    name : str
    """

    n: int
    a_ub: Array | sparse.csr_array | None
    b_ub: Array | None
    bounds: tuple[float | None, float | None]
    name: str


@validated(n=COUNT, radius=POSITIVE)
def sup_norm_ball(n: int, radius: float = 1.0) -> FunctionClass:
    r""":math:`\{f : \|f\|_\infty \le r\}`; its IPM is :math:`r\sum_i|p_i - q_i| = 2r\,\delta(P, Q)`."""
    r = float(radius)
    return FunctionClass(_count(n), None, None, (-r, r), f"sup-norm ball of radius {r:g}")


@validated(n=COUNT)
def unit_interval_functions(n: int) -> FunctionClass:
    r""":math:`\{f : 0 \le f \le 1\}` (e.g. sigmoid discriminators); its IPM is the total variation :math:`\delta`."""
    return FunctionClass(_count(n), None, None, (0.0, 1.0), "functions with values in [0, 1]")


@validated(points=POINTS, constant=POSITIVE)
def lipschitz_functions(points: ArrayLike, constant: float = 1.0) -> FunctionClass:
    r""":math:`\{f : |f(x_i) - f(x_j)| \le L\|x_i - x_j\|_2\}` on the given points.

    In 1-D only neighbouring points (after sorting) are constrained: the
    other constraints follow by the triangle inequality. The value at the
    first point is left free; IPMs do not depend on a constant shift.

    Parameters
    ----------
    points : array_like, shape (n,) or (n, d)
    constant : float
        The Lipschitz constant :math:`L > 0`.
    """
    x = _points(points)
    lip = float(constant)
    n = x.shape[0]
    if x.shape[1] == 1:
        order = np.argsort(x[:, 0], kind="stable")
        i, j = order[:-1], order[1:]
    else:
        i, j = np.triu_indices(n, k=1)
    dist = np.linalg.norm(x[i] - x[j], axis=1)
    return FunctionClass(
        n, _difference_rows(i, j, n), np.concatenate([lip * dist, lip * dist]), (None, None), _lipschitz_name(lip)
    )


@validated(n=COUNT)
def non_decreasing_functions(n: int) -> FunctionClass:
    r""":math:`\{f : f_1 \le f_2 \le \dots \le f_n,\ 0 \le f \le 1\}` on ``n`` ordered points.

    The class is not closed under :math:`f \mapsto -f`, so its one-sided IPM
    (``ipm(..., absolute=False)``) is not symmetric in :math:`P` and :math:`Q`; on
    the line its IPM is :math:`\max_k |F_P(x_k) - F_Q(x_k)|`, the Kolmogorov distance.

    Parameters
    ----------
    n : int
        Number of points, in increasing order.
    """
    n = _count(n)
    rows = np.zeros((n - 1, n))
    k = np.arange(n - 1)
    rows[k, k], rows[k, k + 1] = 1.0, -1.0  # f_k ≤ f_{k+1}
    return FunctionClass(n, rows, np.zeros(n - 1), (0.0, 1.0), "non-decreasing functions into [0, 1]")


def _lipschitz_name(lip: float) -> str:
    return f"{lip:g}-Lipschitz functions"


def _difference_rows(i: NDArray[np.intp], j: NDArray[np.intp], n: int) -> sparse.csr_array:
    """The rows of ``f_i − f_j ≤ ·`` followed by those of ``f_j − f_i ≤ ·``, as a sparse (2k, n) matrix.

    Two non-zeros a row: a dense matrix would need 8·2k·n bytes (3.8 GiB for all
    pairs of 800 points), the sparse one 24·2k.
    """
    k = np.arange(i.size)
    row = np.concatenate([k, k, i.size + k, i.size + k])
    col = np.concatenate([i, j, i, j])
    val = np.concatenate([np.ones(i.size), -np.ones(i.size), -np.ones(i.size), np.ones(i.size)])
    return sparse.csr_array((val, (row, col)), shape=(2 * i.size, n))


def _count(n: int) -> int:
    if int(n) != n or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    return int(n)


@dataclass(frozen=True)
class IPMResult:
    """Value of an IPM linear program and a maximising function.

    Attributes
    ----------
    value : float
        :math:`\\sup_f (\\mathbb E_P f - \\mathbb E_Q f)` (or its absolute version); ``inf`` if unbounded.
    critic : ndarray, shape (n,) or None
        A function :math:`g` with :math:`\\sum_i g_i (p_i - q_i)` = ``value`` (``None`` when unbounded).
        One-sided, and for the absolute IPM when the upward direction wins, :math:`g = f \\in \\mathcal F`;
        when the downward direction wins, :math:`g = -f` for the maximising :math:`f \\in \\mathcal F`, which
        lies in :math:`\\mathcal F` only when the class is closed under negation.
    """

    value: float
    critic: Array | None


def _one_sided(c: Array, fc: FunctionClass) -> IPMResult:
    res = optimize.linprog(-c, A_ub=fc.a_ub, b_ub=fc.b_ub, bounds=[fc.bounds] * fc.n, method="highs")
    if res.status == 3:
        return IPMResult(float("inf"), None)
    if res.status != 0:
        raise ArithmeticError(f"linprog failed on the IPM over {fc.name}: {res.message}")
    return IPMResult(float(-res.fun), np.asarray(res.x, dtype=np.float64))


@validated(p=PMF, q=PMF, function_class=instance(FunctionClass), absolute=flag)
def ipm(p: ArrayLike, q: ArrayLike, function_class: FunctionClass, *, absolute: bool = True) -> IPMResult:
    r"""Integral probability metric on a finite support, by linear programming.

    .. math::
        d_\mathcal F(P, Q) = \sup_{f \in \mathcal F} \Bigl|\sum_i f_i (p_i - q_i)\Bigr|

    The absolute value is the larger of the two one-sided suprema (``f`` and
    ``-f`` directions); ``absolute=False`` gives
    :math:`\sup_f \sum_i f_i (p_i - q_i)`, which is the same when
    :math:`\mathcal F = -\mathcal F`.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Probability vectors on the class's ``n`` points.
    function_class : FunctionClass
    absolute : bool

    Returns
    -------
    IPMResult
        ``value = inf`` when the class is unbounded in the direction of :math:`P - Q`.
    """
    pa, qa = checked_array(p), checked_array(q)
    if not (pa.shape == qa.shape == (function_class.n,)):
        raise ValueError(f"p and q must have shape ({function_class.n},), got {pa.shape} and {qa.shape}")
    c = pa - qa
    up = _one_sided(c, function_class)
    if not absolute:
        return up
    down = _one_sided(-c, function_class)
    if down.value > up.value:
        return IPMResult(down.value, None if down.critic is None else -down.critic)
    return up


def _merged(x: ArrayLike, p: ArrayLike, y: ArrayLike, q: ArrayLike) -> tuple[Array, Array, Array, Array, Array]:
    xa, ya = _points(x), _points(y)
    if xa.shape[1] != ya.shape[1]:
        raise ValueError(f"x and y must have the same dimension, got {xa.shape[1]} and {ya.shape[1]}")
    pa, qa = checked_array(p), checked_array(q)
    if pa.shape != (xa.shape[0],) or qa.shape != (ya.shape[0],):
        raise ValueError(
            f"p must have shape ({xa.shape[0]},), one weight per point of x, and q shape ({ya.shape[0]},), "
            f"one per point of y; got {pa.shape} and {qa.shape}"
        )
    return xa, pa, ya, qa, np.vstack([xa, ya])


@validated(x=POINTS, p=PMF, y=POINTS, q=PMF, lipschitz=POSITIVE)
def kantorovich_rubinstein_dual(
    x: ArrayLike, p: ArrayLike, y: ArrayLike, q: ArrayLike, *, lipschitz: float = 1.0
) -> IPMResult:
    r"""The Kantorovich–Rubinstein dual :math:`\sup_{\|f\|_L \le L} \mathbb E_P f - \mathbb E_Q f` as an LP.

    .. math::
        \max_{f \in \mathbb R^{n+m}} \sum_i p_i f(x_i) - \sum_j q_j f(y_j)
        \quad\text{s.t.}\quad |f(z_k) - f(z_l)| \le L \|z_k - z_l\|_2

    over the union of the supports :math:`z = (x, y)`; with :math:`L = 1` it
    equals :math:`W_1(P, Q)`.

    Parameters
    ----------
    x : array_like, shape (n,) or (n, d)
        Support of :math:`P`.
    p : array_like, shape (n,)
    y : array_like, shape (m,) or (m, d)
        Support of :math:`Q`.
    q : array_like, shape (m,)
    lipschitz : float
        :math:`L > 0`.
    """
    xa, pa, ya, qa, z = _merged(x, p, y, q)
    lip = float(lipschitz)
    pz = np.concatenate([pa, np.zeros(ya.shape[0])])
    qz = np.concatenate([np.zeros(xa.shape[0]), qa])
    n = z.shape[0]
    if z.shape[1] == 1 or n * (n - 1) // 2 <= ALL_PAIRS_LIMIT:
        return ipm(pz, qz, lipschitz_functions(z, lip), absolute=False)
    return _lipschitz_dual_by_cuts(pz - qz, z, lip)


#: Up to this many pairs of support points (200 points), the Kantorovich–Rubinstein LP
#: carries every pair's constraint; above it, :func:`_lipschitz_dual_by_cuts` adds
#: only the pairs a solution violates.
ALL_PAIRS_LIMIT = 20_000

#: Pairs a point starts with in the cutting-plane LP (its nearest neighbours), and the
#: most violated pairs per point added in each round.
_CUT_NEIGHBOURS = 8

#: Rows of the distance matrix held at once while looking for violated pairs (about 8 MB a block at 4,000 points).
_CUT_BLOCK = 256


def _lipschitz_dual_by_cuts(c: Array, z: Array, lip: float) -> IPMResult:
    r""":math:`\max_f c^\top f` over the :math:`L`-Lipschitz functions on the points ``z``, by constraint generation.

    The constraints are directed, :math:`f_k - f_l \le L\,d_{kl}`. The LP starts
    with both directions of the pairs that join neighbours along the first
    coordinate (a path through every point, so the LP is bounded) and of each
    point's nearest neighbours. After each solve every pair is checked, a block of
    rows of the distance matrix at a time, and each point's most violated
    constraints are added; it stops when none is violated beyond the solver's
    tolerance. The last solution is feasible for the full LP and optimal for a
    relaxation of it, so it is optimal for the full LP. Memory grows with the
    constraints in use, not with all :math:`n(n-1)` of them.
    """
    n = z.shape[0]
    order = np.argsort(z[:, 0], kind="stable").tolist()
    pairs = set(itertools.pairwise(order))
    for start in range(0, n, _CUT_BLOCK):
        dist = _distance_block(z, start)
        np.fill_diagonal(dist[:, start : start + dist.shape[0]], np.inf)
        near = np.argpartition(dist, _CUT_NEIGHBOURS, axis=1)[:, :_CUT_NEIGHBOURS]
        for r, cols in enumerate(near.tolist()):
            pairs.update((start + r, col) for col in cols)
    pairs |= {(b, a) for a, b in pairs}
    # HiGHS's default primal feasibility tolerance is 1e-7; a pair violated by less is within it.
    slack = 1e-7 * (1.0 + lip * float(np.ptp(z, axis=0).max()))
    while True:
        kl = np.array(sorted(pairs), dtype=np.intp)
        m = kl.shape[0]
        rows = sparse.csr_array(
            (np.concatenate([np.ones(m), -np.ones(m)]), (np.tile(np.arange(m), 2), kl.T.reshape(-1))), shape=(m, n)
        )
        bound = lip * np.linalg.norm(z[kl[:, 0]] - z[kl[:, 1]], axis=1)
        value, critic = _lipschitz_dual_as_flow(c, rows, bound)
        added = _violated_pairs(critic, z, lip, slack) - pairs
        if not added:
            return IPMResult(value, critic)
        pairs |= added


def _lipschitz_dual_as_flow(c: Array, rows: sparse.csr_array, bound: Array) -> tuple[float, Array]:
    r""":math:`\max_f \{c^\top f : A f \le b\}` solved through its LP dual, a min-cost flow.

    The dual, :math:`\min_{\pi \ge 0} \{b^\top \pi : A^\top \pi = c\}`, has one row per
    point instead of one per pair, which HiGHS solves faster; its optimum equals the
    primal's (strong duality; both are feasible and bounded when the pairs connect
    every point), and the primal maximiser :math:`f` is the marginal of its equality rows.
    """
    res = optimize.linprog(bound, A_eq=rows.T.tocsr(), b_eq=c, bounds=(0, None), method="highs")
    if res.status != 0:
        raise ArithmeticError(f"linprog failed on the Kantorovich–Rubinstein dual: {res.message}")
    f = np.asarray(res.eqlin.marginals, dtype=np.float64)
    # HiGHS's sign convention for the marginals: the critic is the one with c·f = the optimum
    if c @ f < 0:
        f = -f
    return float(res.fun), f


def _distance_block(z: Array, start: int) -> Array:
    block = z[start : start + _CUT_BLOCK]
    return np.sqrt(np.maximum(((block[:, None, :] - z[None, :, :]) ** 2).sum(axis=2), 0.0))


def _violated_pairs(f: Array, z: Array, lip: float, slack: float) -> set[tuple[int, int]]:
    """Each point's most violated constraints ``f_k − f_l > L d_kl + slack``, as pairs (k, l)."""
    found: set[tuple[int, int]] = set()
    for start in range(0, z.shape[0], _CUT_BLOCK):
        dist = _distance_block(z, start)
        excess = (f[start : start + dist.shape[0], None] - f[None, :]) - lip * dist
        worst = np.argsort(-excess, axis=1, kind="stable")[:, :_CUT_NEIGHBOURS]
        for r, cols in enumerate(worst.tolist()):
            found.update((start + r, col) for col in cols if excess[r, col] > slack)
    return found


@dataclass(frozen=True)
class TransportResult:
    """Optimal transport cost and plan.

    Attributes
    ----------
    cost : float
        :math:`\\min_\\pi \\sum_{ij} \\pi_{ij} \\|x_i - y_j\\|^{power}`.
    plan : ndarray, shape (n, m)
    """

    cost: float
    plan: Array


@validated(x=POINTS, p=PMF, y=POINTS, q=PMF, power=POSITIVE)
def optimal_transport_lp(
    x: ArrayLike, p: ArrayLike, y: ArrayLike, q: ArrayLike, *, power: float = 1.0
) -> TransportResult:
    r"""Kantorovich's primal optimal-transport problem as an LP.

    .. math::
        \min_{\pi \ge 0} \sum_{i,j} \pi_{ij} \|x_i - y_j\|_2^{\,r}
        \quad\text{s.t.}\quad \sum_j \pi_{ij} = p_i,\ \sum_i \pi_{ij} = q_j

    With :math:`r = 1` the cost is :math:`W_1(P, Q)`; with :math:`r = 2` it is :math:`W_2^2`.
    The plan is HiGHS's, clipped to :math:`\pi \ge 0`, and the cost is that plan's, so it is
    never negative.

    Parameters
    ----------
    x, p, y, q
        As in :func:`kantorovich_rubinstein_dual`.
    power : float
        The exponent :math:`r > 0` of the ground distance.
    """
    xa, pa, ya, qa, _ = _merged(x, p, y, q)
    r = float(power)
    n, m = xa.shape[0], ya.shape[0]
    cost = np.linalg.norm(xa[:, None, :] - ya[None, :, :], axis=2) ** r
    rows = np.zeros((n + m, n * m))
    for i in range(n):
        rows[i, i * m : (i + 1) * m] = 1.0
    for j in range(m):
        rows[n + j, j::m] = 1.0
    # the two marginals carry the same total mass; rounding may differ by ~1e-16,
    # so Q is rescaled to P's mass to keep the equality system consistent
    qa = qa * (pa.sum() / qa.sum())
    res = optimize.linprog(cost.ravel(), A_eq=rows, b_eq=np.concatenate([pa, qa]), bounds=(0, None), method="highs")
    if res.status != 0:
        raise ArithmeticError(f"linprog failed on the transport problem: {res.message}")
    # HiGHS meets π ≥ 0 only to its feasibility tolerance (entries down to about −1e-9 on near-equal marginals,
    # and then a cost below 0); the exact plan is ≥ 0 and the ground cost is, so the cost is too: clip the plan to
    # its bound and price the plan that is returned
    plan = np.clip(np.asarray(res.x, dtype=np.float64), 0.0, None).reshape(n, m)
    return TransportResult(float(np.sum(cost * plan)), plan)


# ---------------------------------------------------------------------------
# Gaussians: the Fréchet distance
# ---------------------------------------------------------------------------


def _covariance(c: ArrayLike, d: int, name: str) -> Array:
    arr = checked_array(c)
    if d == 1 and arr.ndim == 0:
        arr = arr.reshape(1, 1)
    if arr.shape != (d, d):
        raise ValueError(f"{name} must have shape ({d}, {d}), got {arr.shape}")
    scale = max(float(np.abs(arr).max()), np.finfo(np.float64).tiny)
    if np.abs(arr - arr.T).max() > COVARIANCE_RTOL * scale:
        raise ValueError(f"{name} is not symmetric")
    sym = 0.5 * (arr + arr.T)
    low = float(np.linalg.eigvalsh(sym).min())
    if low < -COVARIANCE_RTOL * scale * d:
        raise ValueError(f"{name} is not positive semi-definite (smallest eigenvalue {low:.6g})")
    return sym


def _psd_sqrt(c: Array) -> Array:
    w, v = np.linalg.eigh(c)
    return (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T


# a scalar mean and variance are a 1-D Gaussian
@validated(mu1=array(ndim=(0, 1)), cov1=array(ndim=(0, 2)), mu2=array(ndim=(0, 1)), cov2=array(ndim=(0, 2)))
def frechet_distance(mu1: ArrayLike, cov1: ArrayLike, mu2: ArrayLike, cov2: ArrayLike) -> float:
    r"""Fréchet distance (the FID formula) between the Gaussians :math:`\mathcal N(\mu_i, \Sigma_i)`.

    .. math::
        d^2 = \|\mu_1 - \mu_2\|^2
            + \operatorname{Tr}\Bigl(\Sigma_1 + \Sigma_2 - 2\bigl(\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2}\bigr)^{1/2}\Bigr)

    which is the squared 2-Wasserstein distance between the two Gaussians
    (Dowson & Landau 1982). :math:`\operatorname{Tr}(\Sigma_1\Sigma_2)^{1/2}`
    in Heusel et al. (2017) has the same value: :math:`\Sigma_1\Sigma_2` is
    similar to :math:`\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2}`. Computed with
    symmetric eigendecompositions, so the result is real and ≥ 0.

    Parameters
    ----------
    mu1, mu2 : array_like, shape (d,)
        Means (a scalar is a 1-D mean).
    cov1, cov2 : array_like, shape (d, d)
        Symmetric positive semi-definite covariances (a scalar is a 1-D variance).

    Returns
    -------
    float
        :math:`d^2 \ge 0` (FID is this quantity, not its square root).
    """
    m1 = np.atleast_1d(checked_array(mu1))
    m2 = np.atleast_1d(checked_array(mu2))
    if m1.ndim != 1 or m1.shape != m2.shape:
        raise ValueError(f"mu1 and mu2 must be 1-D of the same length, got {m1.shape} and {m2.shape}")
    d = m1.size
    c1, c2 = _covariance(cov1, d, "cov1"), _covariance(cov2, d, "cov2")
    s1 = _psd_sqrt(c1)
    middle = s1 @ c2 @ s1
    middle = 0.5 * (middle + middle.T)
    tr_sqrt = float(np.sqrt(np.clip(np.linalg.eigvalsh(middle), 0.0, None)).sum())
    value = float(np.sum((m1 - m2) ** 2) + np.trace(c1) + np.trace(c2) - 2.0 * tr_sqrt)
    return max(value, 0.0)


@validated(mu1=VECTOR, var1=VECTOR, mu2=VECTOR, var2=VECTOR)
def wasserstein2_squared_diagonal(mu1: ArrayLike, var1: ArrayLike, mu2: ArrayLike, var2: ArrayLike) -> float:
    r"""Squared 2-Wasserstein distance between Gaussians with diagonal covariances, in closed form.

    .. math::
        W_2^2 = \|\mu_1 - \mu_2\|^2 + \sum_i \bigl(\sqrt{v_{1,i}} - \sqrt{v_{2,i}}\bigr)^2
              = \|\mu_1 - \mu_2\|^2 + \|\Sigma_1^{1/2} - \Sigma_2^{1/2}\|_F^2

    (Givens & Shortt 1984, for commuting covariances); in 1-D,
    :math:`(\mu_1 - \mu_2)^2 + (\sigma_1 - \sigma_2)^2`. It is what
    :func:`frechet_distance` gives for such covariances, by a formula that
    takes no matrix square root.

    Parameters
    ----------
    mu1, mu2 : array_like, shape (d,)
        Means.
    var1, var2 : array_like, shape (d,)
        The variances on the diagonals of :math:`\Sigma_1, \Sigma_2`, each ≥ 0.

    Returns
    -------
    float
        :math:`W_2^2 \ge 0`.
    """
    m1, m2 = _values(mu1), _values(mu2)
    v1, v2 = _values(var1), _values(var2)
    if not (m1.shape == m2.shape == v1.shape == v2.shape):
        raise ValueError(f"mu1, var1, mu2, var2 must have one length, got {m1.size}, {v1.size}, {m2.size}, {v2.size}")
    for v, name in ((v1, "var1"), (v2, "var2")):
        if (v < 0).any():
            raise ValueError(f"{name} has a negative variance ({v.min():.6g})")
    return float(np.sum((m1 - m2) ** 2)) + float(np.sum((np.sqrt(v1) - np.sqrt(v2)) ** 2))


@validated(samples=POINTS)
def fit_gaussian(samples: ArrayLike) -> tuple[Array, Array]:
    """Mean and unbiased covariance of samples of shape (n, d) (or (n,) in 1-D), as FID fits them."""
    x = _points(samples)
    if x.shape[0] < 2:
        raise ValueError("at least two samples are needed for a covariance")
    return x.mean(axis=0), np.atleast_2d(np.cov(x, rowvar=False))


# ---------------------------------------------------------------------------
# Sliced Wasserstein
# ---------------------------------------------------------------------------


@validated(x=POINTS, p=PMF, y=POINTS, q=PMF, directions=POINTS)
def sliced_wasserstein1(x: ArrayLike, p: ArrayLike, y: ArrayLike, q: ArrayLike, directions: ArrayLike) -> float:
    r"""Sliced :math:`W_1`: the mean over directions :math:`\omega_k` of :math:`W_1` between the projections.

    .. math::
        SW_1(P, Q) = \frac1K \sum_{k=1}^K W_1\bigl(\langle \omega_k, X\rangle, \langle \omega_k, Y\rangle\bigr)

    Parameters
    ----------
    x, p, y, q
        Supports (shape (n, d), (m, d)) and weights of :math:`P` and :math:`Q`.
    directions : array_like, shape (K, d)
        Non-zero directions (normalised here); a fixed set makes the value deterministic.
    """
    xa, pa, ya, qa, _ = _merged(x, p, y, q)
    w = _points(directions)
    if w.shape[1] != xa.shape[1]:
        raise ValueError(f"directions must have dimension {xa.shape[1]}, got {w.shape[1]}")
    norms = np.linalg.norm(w, axis=1)
    if (norms == 0).any():
        raise ValueError("directions contains a zero vector")
    w = w / norms[:, None]
    return float(np.mean([wasserstein1_1d(xa @ omega, ya @ omega, pa, qa) for omega in w]))
