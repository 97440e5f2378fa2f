r"""Divergences between probability vectors on a common finite support.

All values are in nats (natural log) unless a ``base`` is given. Conventions
follow :func:`scipy.special.rel_entr`: :math:`0 \log 0 = 0`,
:math:`0 \log(0/q) = 0`, and :math:`p \log(p/0) = +\infty` for :math:`p > 0`.

Every divergence is summed from terms that are non-negative on their own,
each computed without cancellation: the KL term in its Bregman form
:math:`p \log(p/q) - p + q`, the JS and squared-Hellinger terms through
:math:`s = (p - q)/(p + q)` (exact when :math:`p \approx q`), the
:math:`\chi^2` term with its exponent split off so that neither
:math:`(p - q)^2` underflows nor :math:`(p - q)/q` overflows. Subnormal masses,
masses that meet a zero, and pairs one ulp apart therefore get the value of
the formula to a few ulps, never a rounding artefact: a tiny mass that meets a
zero adds a tiny amount to JS (not :math:`\log 2`), and ``inf`` to KL and
:math:`\chi^2`. The upper ends of bounded ranges (:math:`\log 2`, 1, 2) are
still clamped, since a sum that attains them exactly can round one ulp above.

For vectors that sum to 1 exactly, each form equals the textbook one. Vectors
that sum to 1 only to within rounding (as most float64 pmfs do) are taken as
they are: the result is the formula on those numbers, which can differ from the
divergence of the normalised vectors by about :math:`|\sum_i p_i - 1| +
|\sum_i q_i - 1|` (times :math:`1 + D` for KL and :math:`\chi^2`).

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

from gantheory._validation import (
    LOG_BASE,
    PMF,
    checked_array,
    function,
    real_or_inf,
    same_shape,
    validated,
)

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

Array = NDArray[np.float64]

_TINY = float(np.finfo(np.float64).tiny)

# Horner coefficients of (atanh(s) − s)/s³ = Σ_k s^{2k}/(2k + 3), highest power first. For |s| ≤ 1/3 the
# terms fall by a factor of 9 or more, so 18 of them reach float64 precision.
_ATANH_SERIES = tuple(1.0 / (2.0 * k + 3.0) for k in reversed(range(18)))


def _log_base(base: float | None) -> float:
    # the callers' LOG_BASE has rejected a base ≤ 1, which would divide by log 1 = 0 or flip every sign
    return 1.0 if base is None else float(np.log(base))


def _atanh_minus_identity(s: Array) -> Array:
    r""":math:`\operatorname{atanh}(s) - s = \sum_{k \ge 1} s^{2k+1}/(2k+1)` for :math:`|s| \le 1/3`."""
    x = s * s
    largest = float(x.max()) if x.size else 0.0
    # the terms after the k-th are below largest^k relative to the first: e^-39 < 2^-56 needs k ≥ 39/(−log largest)
    k = len(_ATANH_SERIES)
    if largest == 0.0:
        k = 1
    elif largest < 1.0 / 9.0:
        k = min(k, max(1, int(np.ceil(-39.0 / np.log(largest)))))
    acc = np.zeros_like(s)
    for c in _ATANH_SERIES[-k:]:
        acc = acc * x + c
    return s * x * acc


def _log_ratio(p: Array, q: Array) -> Array:
    r""":math:`\log(p/q)` for :math:`p, q > 0`, also where :math:`p/q` leaves the normal float64 range."""
    with np.errstate(over="ignore", under="ignore"):
        ratio = p / q
    out = np.empty_like(p)
    normal = (ratio >= _TINY) & np.isfinite(ratio)
    out[normal] = np.log(ratio[normal])
    out[~normal] = np.log(p[~normal]) - np.log(q[~normal])
    return out


def _kl_terms(p: Array, q: Array) -> Array:
    r"""Bregman terms :math:`p \log(p/q) - p + q \ge 0` (``q`` where :math:`p = 0`, ``inf`` where :math:`p > 0 = q`).

    With :math:`s = (p - q)/(p + q)`, the term is
    :math:`(p + q)\,[s^2 + (1 + s)(\operatorname{atanh} s - s)]`; for
    :math:`|s| \le 1/3` (:math:`\tfrac12 \le p/q \le 2`) this form is used, with
    :math:`p - q` exact (Sterbenz) and the series of :func:`_atanh_minus_identity`,
    so a pair one ulp apart gets its :math:`(p - q)^2/(2q)` to a few ulps.
    Elsewhere :math:`p \log(p/q) - p + q` loses at most a few ulps.
    """
    out = np.where(p > 0, np.where(q > 0, 0.0, np.inf), q)
    both = (p > 0) & (q > 0)
    if not both.any():
        return out
    pb, qb = p[both], q[both]
    total = pb + qb
    s = (pb - qb) / total
    terms = np.empty_like(pb)
    near = np.abs(s) <= 1.0 / 3.0
    sn = s[near]
    terms[near] = total[near] * (sn * sn + (1.0 + sn) * _atanh_minus_identity(sn))
    far = ~near
    pf, qf = pb[far], qb[far]
    terms[far] = pf * _log_ratio(pf, qf) - pf + qf
    out[both] = terms
    return out


def _js_terms(p: Array, q: Array) -> Array:
    r"""Terms :math:`\tfrac12 [p \log\tfrac{2p}{p+q} + q \log\tfrac{2q}{p+q}] \ge 0`.

    With :math:`s = (p - q)/(p + q)` the term is :math:`\tfrac12 (p + q)\, g(s)`,
    :math:`g(s) = s \operatorname{atanh} s + \tfrac12 \log(1 - s^2)`: for
    :math:`|s| \le 1/2` both parts are of the size of :math:`g \approx s^2/2`, so
    nothing cancels; elsewhere the two logarithms have no common leading part.
    """
    total = p + q
    out = np.zeros_like(p)
    live = total > 0
    if not live.any():
        return out
    pl, ql, tl = p[live], q[live], total[live]
    s = (pl - ql) / tl
    terms = np.empty_like(pl)
    near = np.abs(s) <= 0.5
    sn = s[near]
    terms[near] = 0.5 * tl[near] * (sn * np.arctanh(sn) + 0.5 * np.log1p(-sn * sn))
    far = ~near
    pf, qf, tf = pl[far], ql[far], tl[far]
    terms[far] = 0.5 * (special.xlogy(pf, 2.0 * pf / tf) + special.xlogy(qf, 2.0 * qf / tf))
    out[live] = terms
    return out


def _chi2_terms(a: Array, b: Array) -> Array:
    r"""Terms :math:`(a - b)^2 / b`, ``inf`` where :math:`b = 0 \ne a` and 0 where :math:`a = b = 0`.

    The mantissas and exponents of :math:`|a - b|` and :math:`b` are combined
    separately (:func:`numpy.frexp`, :func:`numpy.ldexp`), so that neither
    :math:`(a - b)^2` underflows nor :math:`(a - b)/b` overflows on the way to a
    term that float64 can hold; a term above its range is ``inf``.
    """
    d = np.abs(a - b)
    out = np.where((b == 0) & (d > 0), np.inf, 0.0)
    live = (b > 0) & (d > 0)
    if live.any():
        md, ed = np.frexp(d[live])
        mb, eb = np.frexp(b[live])
        with np.errstate(over="ignore"):
            out[live] = np.ldexp(md * md / mb, 2 * ed - eb)
    return out


@validated(p=PMF, base=LOG_BASE)
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
    pa = checked_array(p)
    value = float(special.entr(pa).sum())
    return min(max(value, 0.0), float(np.log(pa.size))) / _log_base(base)


@validated(p=PMF, q=PMF, base=LOG_BASE)
def kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Kullback–Leibler divergence :math:`D_{KL}(P \| Q) = \sum_i p_i \log(p_i / q_i)`.

    .. math::
        D_{KL}(P \| Q) = \sum_i \left[ p_i \log\frac{p_i}{q_i} - p_i + q_i \right]

    The second form is what is computed. It equals the first when both vectors
    sum to 1, and each bracket is non-negative (see :func:`scipy.special.kl_div`)
    and evaluated without cancellation, so the sum is accurate to a few ulps
    even when :math:`P \approx Q`.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Probability vectors on the same support.
    base : float, optional
        Logarithm base; natural log when omitted.

    Returns
    -------
    float
        :math:`D_{KL} \in [0, \infty]`; ``inf`` when some :math:`p_i > 0 = q_i`,
        however small :math:`p_i`.
    """
    pa, qa = same_shape(p, q)
    with np.errstate(under="ignore"):  # a term below the normal range rounds to a subnormal or 0: that is its value
        terms = _kl_terms(pa, qa)
    return float(terms.sum()) / _log_base(base)


@validated(p=PMF, q=PMF, base=LOG_BASE)
def reverse_kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Reverse KL divergence :math:`D_{KL}(Q \| P)`, the f-divergence of :math:`f(t) = -\log t`."""
    return kl_divergence(q, p, base=base)


@validated(p=PMF, q=PMF, base=LOG_BASE)
def js_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Jensen–Shannon divergence with the ½ weights.

    .. math::
        D_{JS}(P \| Q) = \tfrac12 D_{KL}(P \| M) + \tfrac12 D_{KL}(Q \| M)
                       = \tfrac12 \sum_i \left[ p_i \log\frac{2 p_i}{p_i + q_i}
                                               + q_i \log\frac{2 q_i}{p_i + q_i} \right],
        \qquad M = \tfrac12 (P + Q)

    :math:`M` is never formed (half of a subnormal mass can round to 0); each
    term is computed from :math:`s_i = (p_i - q_i)/(p_i + q_i)` without
    cancellation (see :func:`_js_terms`).

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
        equal inputs), this never returns NaN on valid input.
    """
    pa, qa = same_shape(p, q)
    # the terms are non-negative; a sum that reaches log 2 (disjoint supports) can round one ulp above it
    with np.errstate(under="ignore"):  # as in kl_divergence
        terms = _js_terms(pa, qa)
    value = min(float(terms.sum()), LOG2)
    return value / _log_base(base)


@validated(p=PMF, q=PMF)
def total_variation(p: ArrayLike, q: ArrayLike) -> float:
    r"""Total variation distance :math:`\delta(P, Q) = \tfrac12 \sum_i |p_i - q_i| \in [0, 1]`."""
    pa, qa = same_shape(p, q)
    # a sum that reaches 1 (disjoint supports) can round one ulp above it
    return min(0.5 * float(np.abs(pa - qa).sum()), 1.0)


@validated(p=PMF, q=PMF)
def pearson_chi2(p: ArrayLike, q: ArrayLike) -> float:
    r"""Pearson :math:`\chi^2(P \| Q) = \sum_i (p_i - q_i)^2 / q_i`, the f-divergence of :math:`(t-1)^2`.

    Returns ``inf`` when some :math:`p_i > 0 = q_i`, however small :math:`p_i`
    (and when the sum exceeds the float64 range).
    """
    pa, qa = same_shape(p, q)
    with np.errstate(under="ignore"):  # as in kl_divergence
        return float(_chi2_terms(pa, qa).sum())


@validated(p=PMF, q=PMF)
def neyman_chi2(p: ArrayLike, q: ArrayLike) -> float:
    r"""Neyman :math:`\chi^2(P \| Q) = \sum_i (p_i - q_i)^2 / p_i`, the f-divergence of :math:`(1-t)^2/t`.

    Returns ``inf`` when some :math:`q_i > 0 = p_i`, however small :math:`q_i`.
    """
    pa, qa = same_shape(p, q)
    with np.errstate(under="ignore"):  # as in kl_divergence
        return float(_chi2_terms(qa, pa).sum())


@validated(p=PMF, q=PMF)
def squared_hellinger(p: ArrayLike, q: ArrayLike) -> float:
    r"""Squared Hellinger distance without the ½: :math:`\sum_i (\sqrt{p_i} - \sqrt{q_i})^2 \in [0, 2]`.

    .. math::
        \sum_i (\sqrt{p_i} - \sqrt{q_i})^2 = \sum_i \left( \frac{p_i - q_i}{\sqrt{p_i} + \sqrt{q_i}} \right)^2

    The second form is computed: it has no cancellation when :math:`p_i \approx q_i`.
    This is the f-divergence of :math:`f(t) = (\sqrt t - 1)^2`, the convention of
    f-GAN's Table 1 (Nowozin et al. 2016). Some texts halve it.
    """
    pa, qa = same_shape(p, q)
    roots = np.sqrt(pa) + np.sqrt(qa)
    live = roots > 0
    with np.errstate(under="ignore"):  # as in kl_divergence
        value = float((((pa[live] - qa[live]) / roots[live]) ** 2).sum())
    # a sum that reaches 2 (disjoint supports) can round one ulp above it
    return min(value, 2.0)


#: Ratios p/q from which :func:`f_divergence` takes :math:`f(u)/u` as :math:`f'(\infty)`, where that is finite.
_LARGE_RATIO = 2.0**500


@validated(p=PMF, q=PMF, f=function, f_at_zero=real_or_inf, slope_at_infinity=real_or_inf)
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

    Where :math:`f'(\infty)` is finite, a ratio :math:`u = p_i/q_i \ge 2^{500}`
    (a tiny or subnormal :math:`q_i` next to a larger :math:`p_i`; ``f`` itself
    may overflow there, or :math:`u` may) is treated as :math:`q_i \to 0`: its
    term :math:`p_i f(u)/u` is taken as :math:`p_i f'(\infty)`, after checking
    that :math:`f(u)/u` is within :math:`10^{-12}(1 + |f'(\infty)|)` of it already
    at :math:`u = 2^{500}` (for convex :math:`f` with finite :math:`f(0)`,
    :math:`(f(u) - f(0))/u` increases towards :math:`f'(\infty)`, so it is no
    farther beyond; the margin above float64 rounding is for generators such as
    JS's, whose float64 value there is a difference of logarithms near 346).

    ``f`` only sees the rounded ratio :math:`\mathrm{fl}(p_i/q_i)`, so the terms
    are accurate to a few ulps of their inputs' sizes (:math:`q_i`,
    :math:`q_i f(u)`, :math:`p_i f'(u)`), not of their values: for nearly equal
    pmfs the sum is accurate in absolute terms only, and a ratio in the
    subnormal range (a subnormal :math:`p_i`) has fewer than 53 bits. The named
    functions above do not have these limits. The result is not clamped:
    ``f`` is a black box, so nothing bounds :math:`D_f` from below here (see
    :meth:`FDivergence.divergence <gantheory.fdivergences.FDivergence.divergence>`
    for rows of known convex generators).

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

    Raises
    ------
    ValueError
        If a term is undefined (``inf - inf``, NaN from ``f``), or cannot be
        evaluated in float64: ``f`` overflows at a finite ratio (then
        :math:`q_i f(p_i/q_i)` may well be finite), or a ratio overflows while
        :math:`f'(\infty) = \infty` or :math:`f(u)/u` is still far from it.
    """
    pa, qa = same_shape(p, q)
    pos = qa > 0
    pp, qp = pa[pos], qa[pos]
    with np.errstate(over="ignore"):
        ratio = pp / qp
    beyond = ratio >= _LARGE_RATIO if np.isfinite(slope_at_infinity) else np.isinf(ratio)
    zero = pp == 0
    mid = ~zero & ~beyond
    values = np.zeros_like(ratio)
    if mid.any():
        with np.errstate(over="ignore", invalid="ignore"):
            fv = np.asarray(f(ratio[mid]), dtype=np.float64)
        if np.isinf(fv).any():
            bad = ratio[mid][np.isinf(fv)][:3]
            raise ValueError(
                f"f overflows float64 at p/q = {bad.tolist()}: the terms q·f(p/q) cannot be evaluated from f"
            )
        values[mid] = fv
    if zero.any():
        if f_at_zero is None:
            with np.errstate(divide="ignore", invalid="ignore"):
                f0 = float(np.asarray(f(np.zeros(1)), dtype=np.float64)[0])
        else:
            f0 = float(f_at_zero)
        values[zero] = f0
    with np.errstate(invalid="ignore"):
        total = float((qp * values).sum())
    outside = float(pa[~pos].sum())
    if outside > 0:
        total += outside * slope_at_infinity
    if beyond.any():
        total += float(pp[beyond].sum()) * _slope_for_overflowing_ratios(f, slope_at_infinity, qp[beyond])
    if np.isnan(total):
        raise ValueError("the f-divergence is undefined here (an inf - inf from f at 0 or infinity)")
    return total


def _slope_for_overflowing_ratios(f: Callable[[Array], Array], slope: float, q: Array) -> float:
    """f'(∞), once checked to stand for f(u)/u at the ratios u = p/q ≥ 2^500."""
    if not np.isfinite(slope):
        raise ValueError(
            f"p/q overflows float64 where q = {q[:3].tolist()}, and f'(∞) = {slope}: "
            "the terms q·f(p/q) cannot be evaluated from f"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        reached = float(np.asarray(f(np.array([_LARGE_RATIO])), dtype=np.float64)[0]) / _LARGE_RATIO
    if not abs(reached - slope) <= 1e-12 * (1.0 + abs(slope)):
        raise ValueError(
            f"p/q ≥ 2^500 where q = {q[:3].tolist()}, and f(u)/u = {reached!r} at u = 2^500 is not yet "
            f"f'(∞) = {slope!r}: the terms q·f(p/q) cannot be evaluated from f"
        )
    return slope
