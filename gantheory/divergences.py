r"""Divergences between probability vectors on a common finite support.

All values are in nats (natural log) unless a ``base`` is given. Conventions
follow :func:`scipy.special.rel_entr`: :math:`0 \log 0 = 0`,
:math:`0 \log(0/q) = 0`, and :math:`p \log(p/0) = +\infty` for :math:`p > 0`.

A divergence is non-negative in exact arithmetic, but a float64 sum can land a
few ulps below zero when ``p`` and ``q`` are nearly equal. Every function here
clamps to its mathematical range (documented per function), so that callers
never see a negative KL or a NaN from a square root of one.

References
----------
.. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
   Wiley, 2006, ch. 2 (entropy, KL divergence).
.. [2] J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans.
   Inf. Theory 37(1), 1991 (the Jensen–Shannon divergence).
.. [3] I. Csiszár, "Information-type measures of difference of probability
   distributions", Studia Sci. Math. Hungar. 2, 1967 (f-divergences).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from gantheory._validation import as_pmf, as_pmf_pair, check_log_base

__all__ = [
    "LOG2",
    "entropy",
    "f_divergence",
    "js_divergence",
    "kl_divergence",
    "neyman_chi2",
    "pearson_chi2",
    "reverse_kl_divergence",
    "squared_hellinger",
    "total_variation",
]

#: :math:`\log 2` in nats: the largest value of the Jensen–Shannon divergence.
LOG2 = float(np.log(2.0))


def _log_base(base: float | None) -> float:
    # a base ≤ 1 would divide by log 1 = 0 or flip the sign of every divergence
    return 1.0 if base is None else float(np.log(check_log_base(base)))


def entropy(p: ArrayLike, *, base: float | None = None) -> float:
    r"""Shannon entropy :math:`H(P) = -\sum_i p_i \log p_i`.

    Parameters
    ----------
    p : array_like, shape (n,)
        Probability vector (non-negative, sums to 1).
    base : float, optional
        Logarithm base; natural log when omitted.

    Returns
    -------
    float
        :math:`H(P) \in [0, \log n]`.
    """
    pa = as_pmf(p)
    value = float(special.entr(pa).sum())
    return min(max(value, 0.0), float(np.log(pa.size))) / _log_base(base)


def kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Kullback–Leibler divergence :math:`D_{KL}(P \| Q) = \sum_i p_i \log(p_i / q_i)`.

    .. math::
        D_{KL}(P \| Q) = \sum_i \left[ p_i \log\frac{p_i}{q_i} - p_i + q_i \right]
                         + \sum_i p_i - \sum_i q_i

    The second form is what is computed: each bracket is non-negative
    (:func:`scipy.special.kl_div`), which keeps the sum accurate when
    :math:`P \approx Q`.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Probability vectors on the same support.
    base : float, optional
        Logarithm base; natural log when omitted.

    Returns
    -------
    float
        :math:`D_{KL} \in [0, \infty]`; ``inf`` when some :math:`p_i > 0 = q_i`.
    """
    pa, qa = as_pmf_pair(p, q)
    value = float(special.kl_div(pa, qa).sum() + (pa.sum() - qa.sum()))
    return max(value, 0.0) / _log_base(base)


def reverse_kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Reverse KL divergence :math:`D_{KL}(Q \| P)`, the f-divergence of :math:`f(t) = -\log t`."""
    return kl_divergence(q, p, base=base)


def js_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Jensen–Shannon divergence with the ½ weights.

    .. math::
        D_{JS}(P \| Q) = \tfrac12 D_{KL}(P \| M) + \tfrac12 D_{KL}(Q \| M),
        \qquad M = \tfrac12 (P + Q)

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Probability vectors on the same support.
    base : float, optional
        Logarithm base; natural log when omitted (then the range is
        :math:`[0, \log 2]`; with ``base=2`` it is :math:`[0, 1]`).

    Returns
    -------
    float
        :math:`D_{JS}`, equal to :math:`\log 2` (in nats) exactly when the
        supports are disjoint. Unlike ``scipy.spatial.distance.jensenshannon``
        (which returns :math:`\sqrt{D_{JS}}` and can return NaN for nearly
        equal inputs, scipy issue 20083), this never returns NaN on valid input.
    """
    pa, qa = as_pmf_pair(p, q)
    m = 0.5 * (pa + qa)
    value = 0.5 * float(special.kl_div(pa, m).sum()) + 0.5 * float(special.kl_div(qa, m).sum())
    return min(max(value, 0.0), LOG2) / _log_base(base)


def total_variation(p: ArrayLike, q: ArrayLike) -> float:
    r"""Total variation distance :math:`\delta(P, Q) = \tfrac12 \sum_i |p_i - q_i| \in [0, 1]`."""
    pa, qa = as_pmf_pair(p, q)
    return min(max(0.5 * float(np.abs(pa - qa).sum()), 0.0), 1.0)


def _ratio_sum(num: NDArray[np.float64], den: NDArray[np.float64]) -> float:
    """Sum of num²/den with 0/0 = 0 and x/0 = inf for x > 0."""
    sq = num**2
    if ((den == 0) & (sq > 0)).any():
        return float("inf")
    mask = den > 0
    return float((sq[mask] / den[mask]).sum())


def pearson_chi2(p: ArrayLike, q: ArrayLike) -> float:
    r"""Pearson :math:`\chi^2(P \| Q) = \sum_i (p_i - q_i)^2 / q_i`, the f-divergence of :math:`(t-1)^2`.

    Returns ``inf`` when some :math:`p_i > 0 = q_i`.
    """
    pa, qa = as_pmf_pair(p, q)
    return _ratio_sum(pa - qa, qa)


def neyman_chi2(p: ArrayLike, q: ArrayLike) -> float:
    r"""Neyman :math:`\chi^2(P \| Q) = \sum_i (p_i - q_i)^2 / p_i`, the f-divergence of :math:`(1-t)^2/t`."""
    pa, qa = as_pmf_pair(p, q)
    return _ratio_sum(pa - qa, pa)


def squared_hellinger(p: ArrayLike, q: ArrayLike) -> float:
    r"""Squared Hellinger distance without the ½: :math:`\sum_i (\sqrt{p_i} - \sqrt{q_i})^2 \in [0, 2]`.

    This is the f-divergence of :math:`f(t) = (\sqrt t - 1)^2`, the convention of
    f-GAN's Table 1 (Nowozin et al. 2016). Some texts halve it.
    """
    pa, qa = as_pmf_pair(p, q)
    value = float(((np.sqrt(pa) - np.sqrt(qa)) ** 2).sum())
    return min(max(value, 0.0), 2.0)


def f_divergence(
    p: ArrayLike,
    q: ArrayLike,
    f: Callable[[NDArray[np.float64]], NDArray[np.float64]],
    *,
    f_at_zero: float | None = None,
    slope_at_infinity: float = float("inf"),
) -> float:
    r"""General f-divergence :math:`D_f(P \| Q) = \sum_i q_i f(p_i / q_i)`.

    .. math::
        D_f(P \| Q) = \sum_{q_i > 0} q_i\, f\!\left(\frac{p_i}{q_i}\right)
                    + f'(\infty) \sum_{q_i = 0} p_i,
        \qquad f'(\infty) = \lim_{t \to \infty} f(t)/t

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Probability vectors on the same support.
    f : callable
        Vectorised generator, evaluated on the ratios :math:`p_i/q_i > 0`.
        Should be convex with :math:`f(1) = 0` for :math:`D_f` to be a divergence.
    f_at_zero : float, optional
        :math:`f(0) = \lim_{t \downarrow 0} f(t)`, used where :math:`p_i = 0 < q_i`
        (``inf`` for reverse KL). Evaluated as ``f(0.0)`` when omitted.
    slope_at_infinity : float
        :math:`f'(\infty)`, used for mass of :math:`P` where :math:`q_i = 0`
        (``inf`` for KL, ``1/2`` for total variation, ``log 2`` for JS).

    Returns
    -------
    float
        :math:`D_f(P \| Q)`; may be ``inf``.
    """
    pa, qa = as_pmf_pair(p, q)
    if np.isnan(slope_at_infinity) or (f_at_zero is not None and np.isnan(f_at_zero)):
        raise ValueError("slope_at_infinity and f_at_zero must not be NaN")
    pos = qa > 0
    ratio = pa[pos] / qa[pos]
    zero = ratio == 0
    values = np.empty_like(ratio)
    if (~zero).any():
        values[~zero] = np.asarray(f(ratio[~zero]), dtype=np.float64)
    if zero.any():
        if f_at_zero is None:
            with np.errstate(divide="ignore", invalid="ignore"):
                f0 = float(np.asarray(f(np.zeros(1)), dtype=np.float64)[0])
        else:
            f0 = float(f_at_zero)
        values[zero] = f0
    with np.errstate(invalid="ignore"):
        total = float((qa[pos] * values).sum())
    outside = float(pa[~pos].sum())
    if outside > 0:
        total += outside * slope_at_infinity
    if np.isnan(total):
        raise ValueError("the f-divergence is undefined here (an inf - inf from f at 0 or infinity)")
    return total
