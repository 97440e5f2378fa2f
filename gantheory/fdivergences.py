r"""The f-divergence table of f-GAN (Nowozin, Cseke and Tomioka 2016, Table 6).

An f-divergence between distributions :math:`P` and :math:`Q` with densities
:math:`p, q` is

.. math::
    D_f(P \| Q) = \int q(x)\, f\!\left(\frac{p(x)}{q(x)}\right) dx,

with a convex generator :math:`f: (0, \infty) \to \mathbb R`, normally with
:math:`f(1) = 0`. f-GAN estimates it from below with the Fenchel conjugate
:math:`f^*(t) = \sup_{u > 0} \{ t u - f(u) \}`:

.. math::
    D_f(P \| Q) \ge \sup_T \; \mathbb E_P[T(x)] - \mathbb E_Q[f^*(T(x))],

with equality at :math:`T^*(x) = f'(p(x)/q(x))`. The critic is written
:math:`T = g_f(V)` with an unconstrained :math:`V: \mathcal X \to \mathbb R` and
an output activation :math:`g_f: \mathbb R \to \operatorname{dom} f^*`.

Each :class:`FDivergence` holds one row of the paper's Table 6 *as printed*:
the generator :math:`f`, the conjugate :math:`f^*`, its domain, the output
activation :math:`g_f` and the threshold :math:`f'(1)`. Nothing here corrects
the table; :func:`conjugate_by_supremum` computes the conjugate independently
so that the printed entries can be judged. Where a printed entry is only
valid on part of its stated domain (the Pearson :math:`\chi^2` row for
:math:`t < -2`, for instance), the numeric twin evaluates the printed formula
all the same.

Sympy forms use the positive symbol :data:`gantheory.symbolic.u` for the
density ratio, and the real symbols :data:`t` (argument of :math:`f^*`) and
:data:`v` (argument of :math:`g_f`). Parameters (:math:`\pi`, :math:`\alpha`)
enter sympy as exact rationals. The float64 twins are lambdified from the
same expressions, with :math:`\log(1 + e^w)`, :math:`\log(1 - e^w)` and
:math:`W(e^w)` rewritten as ``logaddexp``, ``log(-expm1)`` and Wright's
omega function so that they neither overflow nor cancel.

References
----------
.. [1] S. Nowozin, B. Cseke and R. Tomioka, "f-GAN: Training Generative Neural
   Samplers using Variational Divergence Minimization", NeurIPS 2016,
   arXiv:1606.00709, Table 1 (generators), Table 6 of Appendix C (conjugates,
   domains, activations, f'(1)), as printed in the paper.
.. [2] X. Nguyen, M. J. Wainwright and M. I. Jordan, "Estimating divergence
   functionals and the likelihood ratio by convex risk minimization",
   IEEE Trans. Inf. Theory 56(11), 2010 (the variational bound).
.. [3] R. T. Rockafellar, *Convex Analysis*, Princeton, 1970, §12 (conjugates).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special

from gantheory._validation import (
    OPEN_UNIT,
    REAL,
    as_float_array,
    as_pmf_pair,
    check_same_shape,
    choice,
    function,
    instance,
    numeric,
    real,
    validated,
)
from gantheory.divergences import _LARGE_RATIO, f_divergence
from gantheory.symbolic import u

__all__ = [
    "NAMES",
    "FDivergence",
    "conjugate_by_supremum",
    "in_domain",
    "js_halved",
    "points_spanning",
    "row",
    "t",
    "table",
    "u",
    "v",
]

#: Argument of the conjugate :math:`f^*(t)`.
t = sp.Symbol("t", real=True)
#: Argument of the output activation :math:`g_f(v)` (the critic's raw output).
v = sp.Symbol("v", real=True)

#: Row names of Table 6, in the paper's order.
NAMES: tuple[str, ...] = (
    "total-variation",
    "kl",
    "reverse-kl",
    "pearson",
    "neyman",
    "squared-hellinger",
    "jeffrey",
    "js",
    "js-weighted",
    "gan",
    "alpha-lt1",
    "alpha-gt1",
)

Array = NDArray[np.float64]

# ---------------------------------------------------------------------------
# Stable numeric twins of sympy expressions
# ---------------------------------------------------------------------------

_W = sp.Wild("w")
_SOFTPLUS = sp.Function("softplus")  # log(1 + e^w)
_LOG1MEXP = sp.Function("log1mexp")  # log(1 - e^w), w < 0
_WRIGHTOMEGA = sp.Function("wrightomega")  # W(e^w), Lambert W of an exponential


def _log1mexp(x: Array) -> Array:
    return np.log(-np.expm1(x))


def _wrightomega(x: Array) -> Array:
    return np.real(special.wrightomega(x))


_NUMERIC_NAMESPACE: dict[str, Any] = {
    "softplus": lambda x: np.logaddexp(0.0, x),
    "log1mexp": _log1mexp,
    "wrightomega": _wrightomega,
}


def _stable(expr: sp.Expr) -> sp.Expr:
    """Rewrite the sub-expressions that overflow or cancel in float64 as calls to stable primitives."""
    expr = expr.replace(sp.log(1 + sp.exp(_W)), _SOFTPLUS(_W))
    expr = expr.replace(sp.log(1 - sp.exp(_W)), _LOG1MEXP(_W))
    return expr.replace(sp.LambertW(sp.exp(_W)), _WRIGHTOMEGA(_W))


@lru_cache(maxsize=512)
def _lambdify(expr: sp.Expr, symbol: sp.Symbol) -> Callable[[Array], Array]:
    fn = sp.lambdify(symbol, _stable(expr), modules=[_NUMERIC_NAMESPACE, "numpy", "scipy"])

    def evaluate(x: Array) -> Array:
        return np.broadcast_to(np.asarray(fn(x), dtype=np.float64), x.shape).copy()

    return evaluate


@lru_cache(maxsize=512)
def _limit_value(expr: sp.Expr, point: sp.Expr) -> float:
    """A one-sided limit in ``u`` (from the right at 0), as a float (``inf`` for ``oo``)."""
    if point == 0:
        return float(sp.limit(expr, u, 0, "+"))
    return float(sp.limit(expr, u, point))


@lru_cache(maxsize=512)
def _value_at_one(expr: sp.Expr) -> float:
    """``expr`` at ``u = 1`` as a float, or 0.0 where that is not a finite real number."""
    try:
        value = float(sp.sympify(expr).subs(u, 1))
    except TypeError:
        return 0.0
    return value if np.isfinite(value) else 0.0


@lru_cache(maxsize=512)
def _convex_and_zero_at_one(f: sp.Expr) -> bool:
    r"""Whether sympy proves :math:`f(1) = 0` and :math:`f'' \ge 0` on :math:`u > 0`.

    :math:`f''` is taken in the sense of distributions: a kink of positive
    slope change, such as that of :math:`|u - 1|`, gives a Dirac term with a
    positive coefficient, which is a non-negative measure. An undecided
    inequality counts as not proved.
    """
    if sp.simplify(f.subs(u, 1)) != 0:
        return False
    smooth = sp.S.Zero
    for term in sp.Add.make_args(sp.expand(sp.diff(f, u, 2))):
        if not term.has(sp.DiracDelta):
            smooth += term
            continue
        coeff, delta = term.as_independent(sp.DiracDelta, as_Add=False)
        if not (isinstance(delta, sp.DiracDelta) and len(delta.args) == 1 and coeff.is_nonnegative):
            return False
    return smooth == 0 or bool(sp.simplify(smooth).is_nonnegative)


@validated(domain=instance(sp.Set), x=numeric)
def in_domain(domain: sp.Set, x: ArrayLike) -> NDArray[np.bool_]:
    """Elementwise membership of float64 values in a sympy interval (``Reals`` included).

    Parameters
    ----------
    domain : sympy Interval
        A real interval, possibly unbounded, open or closed at either end.
    x : array_like
        Values to test; NaN is never a member.
    """
    if not isinstance(domain, sp.Interval):
        raise ValueError(f"domain must be a sympy Interval, got {domain!r}")
    xa = np.asarray(x, dtype=np.float64)
    lo, hi = float(domain.inf), float(domain.sup)
    above = xa > lo if domain.left_open else xa >= lo
    below = xa < hi if domain.right_open else xa <= hi
    return np.asarray(above & below)


@validated(domain=instance(sp.Set))
def points_spanning(domain: sp.Set) -> Array:
    r"""Deterministic points that span a real interval, far ends included.

    Half-lines get points at distances :math:`10^{-3}` to 30 from their finite
    end; the real line gets :math:`0` and :math:`\pm` the same distances
    (including :math:`\pm 1.5, \pm 2.5, \pm 3`, where the printed Pearson and
    :math:`\alpha > 1` conjugates stop being conjugates); a bounded interval
    gets its closed endpoints and 9 interior points.

    Parameters
    ----------
    domain : sympy Interval

    Returns
    -------
    ndarray
        Sorted points inside ``domain``.
    """
    if not isinstance(domain, sp.Interval):
        raise ValueError(f"domain must be a sympy Interval, got {domain!r}")
    lo, hi = float(domain.inf), float(domain.sup)
    offsets = np.array([1e-3, 1e-2, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 10.0, 30.0])
    if np.isfinite(lo) and np.isfinite(hi):
        pts = np.linspace(lo, hi, 11)
        if domain.left_open:
            pts[0] = lo + 1e-3 * (hi - lo)
        if domain.right_open:
            pts[-1] = hi - 1e-3 * (hi - lo)
    elif np.isfinite(hi):
        pts = np.concatenate([hi - offsets, [] if domain.right_open else [hi]])
    elif np.isfinite(lo):
        pts = np.concatenate([lo + offsets, [] if domain.left_open else [lo]])
    else:
        pts = np.concatenate([-offsets, [0.0], offsets])
    pts = np.unique(pts)
    if not in_domain(domain, pts).all():  # pragma: no cover - guards the construction above
        raise AssertionError("points_spanning produced a point outside its domain")
    return pts


# ---------------------------------------------------------------------------
# The conjugate by numeric supremum
# ---------------------------------------------------------------------------

#: log u is searched on [S_LOW, S_HIGH]. Below e^-60 the objective t·u − f(u)
#: equals its limit −f(0+) to ~1e-20 for every generator here; above e^36 ≈ 4e15
#: the float64 difference t·u − f(u) starts losing whole units to cancellation
#: (u − 1 is exact only for u < 2^53).
S_LOW, S_HIGH = -60.0, 36.0
_GRID = np.linspace(S_LOW, S_HIGH, 193)  # spacing 0.5 in log u


@validated(f_numeric=function, t=REAL)
def conjugate_by_supremum(f_numeric: Callable[[Array], ArrayLike], t: float) -> float:
    r"""Fenchel conjugate :math:`f^*(t) = \sup_{u > 0} \{ t u - f(u) \}` by numeric optimisation.

    The objective :math:`h(s) = t e^s - f(e^s)` is concave in :math:`u = e^s`,
    hence unimodal in :math:`s`. It is evaluated on a grid of
    :math:`s \in [-60, 36]` (step ½); the best grid cell and its neighbours
    are then refined by bounded Brent minimisation (``xatol = 1e-12``).

    The grid stops at the first point where the rounding error of
    :math:`t u - f(u)`, about :math:`64\,\epsilon\,(|t u| + |f(u)|)`, exceeds
    :math:`10^{-6}(1 + |h|)`: beyond it the values are noise. If the best
    trusted point is the last one and :math:`h` still rises there by more
    than that noise, the supremum is taken as :math:`+\infty` (t lies right
    of :math:`\operatorname{dom} f^*`, or on its boundary with :math:`h`
    unbounded, as for the GAN row at :math:`t = 0`). A best point at the left end returns
    :math:`h(e^{-60})`, the limit :math:`-f(0^+)` to ~1e-20: this is how the
    conjugate's flat part (e.g. :math:`f^*(t) = -1` for Pearson at
    :math:`t < -2`) is found.

    Parameters
    ----------
    f_numeric : callable
        Vectorised float64 generator on :math:`(0, \infty)`.
    t : float
        Finite point at which to evaluate :math:`f^*`.

    Returns
    -------
    float
        :math:`f^*(t)`, or ``inf`` when the supremum is unbounded.

    Notes
    -----
    At a boundary point of :math:`\operatorname{dom} f^*` where the supremum
    is only approached as :math:`u \to \infty` (for example Neyman
    :math:`\chi^2` at :math:`t = 1`, where it is 2), the value returned is
    :math:`h` at the last trusted grid point, accurate to about
    :math:`1/u` there.

    Examples
    --------
    >>> import numpy as np
    >>> round(conjugate_by_supremum(lambda x: x * np.log(x), 1.0), 12)  # exp(t - 1)
    1.0
    >>> conjugate_by_supremum(lambda x: (x - 1.0) ** 2, -3.0)  # −f(0+), not ¼t² + t
    -1.0
    """
    tv = float(t)
    if not np.isfinite(tv):
        raise ValueError(f"t must be finite, got {t!r}")

    def terms(s: Array) -> tuple[Array, Array]:
        x = np.exp(s)
        with np.errstate(over="ignore", invalid="ignore"):
            fx = np.asarray(f_numeric(x), dtype=np.float64)
            out = tv * x - fx
        if np.isnan(out).any():
            raise ValueError(f"f returned NaN at u = {x[np.isnan(out)][:3]}")
        return out, np.abs(tv) * x + np.abs(fx)

    def h(s: Array) -> Array:
        return terms(s)[0]

    values, size = terms(_GRID)
    # Rounding in t·u − f(u) is ~eps·(|t·u| + |f(u)|); beyond the first grid point where that exceeds 1e-6 of the
    # objective the values are noise (e.g. (u + 1) log(u + 1) − u log u at u ≈ e^36 is off by ~30), so the search
    # stops there. The maximum of a concave objective is never lost this way unless it lies in the noise itself.
    noise = 64 * np.finfo(np.float64).eps * size
    untrusted = np.nonzero(noise > 1e-6 * (1.0 + np.abs(values)))[0]
    n = int(untrusted[0]) if untrusted.size else _GRID.size
    n = max(n, 2)
    i = int(np.argmax(values[:n]))
    if i == n - 1 and values[n - 1] - values[n - 2] > noise[n - 1] + noise[n - 2]:
        return float("inf")
    lo, hi = _GRID[max(i - 1, 0)], _GRID[min(i + 1, n - 1)]
    res = optimize.minimize_scalar(
        lambda s: -float(h(np.array([s]))[0]), bounds=(lo, hi), method="bounded", options={"xatol": 1e-12}
    )
    return float(max(-res.fun, values[i]))


# ---------------------------------------------------------------------------
# One row of the table
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FDivergence:
    r"""One row of f-GAN's Table 6, as printed, with float64 twins.

    Attributes
    ----------
    name : str
        Short identifier (see :data:`NAMES`).
    label : str
        Human-readable name.
    f : sympy expression
        Generator :math:`f(u)` in the positive symbol :data:`u`.
    conjugate : sympy expression
        :math:`f^*(t)` as printed, in the real symbol :data:`t`.
    domain : sympy Interval
        :math:`\operatorname{dom} f^*` as printed.
    activation : sympy expression
        Output activation :math:`g_f(v)` as printed, in the real symbol :data:`v`.
    f_prime_at_1 : sympy expression
        :math:`f'(1)` as printed.
    params : mapping
        :math:`\pi` or :math:`\alpha` for the parametrised rows, else empty.
    """

    name: str
    label: str
    f: sp.Expr
    conjugate: sp.Expr
    domain: sp.Set
    activation: sp.Expr
    f_prime_at_1: sp.Expr
    params: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.domain, sp.Interval):
            raise ValueError(f"{self.name}: domain must be a sympy Interval, got {self.domain!r}")
        for what, expr, allowed in (
            ("f", self.f, {u}),
            ("conjugate", self.conjugate, {t}),
            ("activation", self.activation, {v}),
            ("f_prime_at_1", self.f_prime_at_1, set()),
        ):
            extra = sp.sympify(expr).free_symbols - allowed
            if extra:
                raise ValueError(f"{self.name}: {what} has unexpected symbols {sorted(map(str, extra))}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    # sympy-derived quantities, computed on first use -------------------------

    @cached_property
    def f_prime(self) -> sp.Expr:
        r""":math:`f'(u)` (for total variation, ``sign(u - 1)/2``, with 0 at the kink)."""
        return sp.diff(self.f, u)

    @property
    def f_at_zero(self) -> float:
        r""":math:`f(0^+) = \lim_{u \downarrow 0} f(u)`, used where :math:`p = 0 < q` (``inf`` for reverse KL)."""
        return _limit_value(self.f, 0)

    @property
    def slope_at_infinity(self) -> float:
        r""":math:`f'(\infty) = \lim_{u \to \infty} f(u)/u`, used where :math:`q = 0 < p`."""
        return _limit_value(self.f / u, sp.oo)

    @cached_property
    def _f_fn(self) -> Callable[[Array], Array]:
        return _lambdify(self.f, u)

    @cached_property
    def _f_prime_fn(self) -> Callable[[Array], Array]:
        return _lambdify(self.f_prime, u)

    @cached_property
    def _conjugate_fn(self) -> Callable[[Array], Array]:
        return _lambdify(self.conjugate, t)

    @cached_property
    def _activation_fn(self) -> Callable[[Array], Array]:
        return _lambdify(self.activation, v)

    # float64 twins ------------------------------------------------------------

    def f_numeric(self, u: ArrayLike) -> Array:
        r""":math:`f(u)` for :math:`u \ge 0`, with :math:`f(0)` read as the limit :math:`f(0^+)`.

        Parameters
        ----------
        u : array_like
            Density ratios :math:`p/q`, finite and non-negative.

        Returns
        -------
        ndarray
            Same shape as ``u``; may hold ``inf`` at ``u = 0`` (reverse KL).
        """
        x = as_float_array(u, name="u")
        if (x < 0).any():
            raise ValueError(f"u must be non-negative (a density ratio), got {x.min():.6g}")
        pos = x > 0
        if pos.all():
            return self._f_fn(x)
        out = np.empty_like(x)
        if pos.any():
            out[pos] = self._f_fn(x[pos])
        if (~pos).any():
            out[~pos] = self.f_at_zero
        return out

    def f_prime_numeric(self, u: ArrayLike) -> Array:
        r""":math:`f'(u)` for :math:`u > 0`: the optimal critic :math:`T^* = f'(p/q)`."""
        x = as_float_array(u, name="u")
        if (x <= 0).any():
            raise ValueError(f"u must be positive, got {x.min():.6g}")
        return self._f_prime_fn(x)

    def conjugate_numeric(self, t: ArrayLike) -> Array:
        r"""The printed :math:`f^*(t)` on the printed domain, ``+inf`` off it.

        ``+inf`` off the domain is the convex-analysis convention for a
        conjugate; NaN marks points of the domain where the printed formula
        is not real (it does not occur for the default parameters).
        """
        x = as_float_array(t, name="t")
        out = np.full_like(x, np.inf)
        inside = in_domain(self.domain, x)
        if inside.any():
            with np.errstate(invalid="ignore"):  # NaN is reported, not raised (see docstring)
                out[inside] = self._conjugate_fn(x[inside])
        return out

    def activation_numeric(self, v: ArrayLike) -> Array:
        r""":math:`g_f(v)` for finite real :math:`v`."""
        return self._activation_fn(as_float_array(v, name="v"))

    # divergence and bound on probability vectors -------------------------------

    def divergence(self, p: ArrayLike, q: ArrayLike) -> float:
        r""":math:`D_f(P \| Q) = \sum_i q_i f(p_i/q_i)` with the conventions at zeros.

        .. math::
            D_f(P \| Q) = \sum_{q_i > 0} q_i f\!\left(\frac{p_i}{q_i}\right)
                        + f'(\infty) \sum_{q_i = 0} p_i
                      = \sum_{q_i > 0} q_i \left[ f\!\left(\frac{p_i}{q_i}\right)
                              - c \left(\frac{p_i}{q_i} - 1\right) \right]
                        + (f'(\infty) - c) \sum_{q_i = 0} p_i,
            \qquad c = f'(1),

        and :math:`f(0) = f(0^+)` (see :func:`gantheory.divergences.f_divergence`).
        The two forms are equal when both vectors sum to 1, since the added terms
        sum to :math:`c\,(\sum_i q_i - \sum_i p_i)`. The second is computed: for a
        convex :math:`f`, each of its terms lies above :math:`q_i f(1)` (a convex
        function lies above its tangent at 1), so the terms of a near-equal pair
        are all tiny instead of cancelling from :math:`\pm|p_i - q_i|`.

        Returns
        -------
        float
            :math:`D_f(P \| Q)`; for a generator that sympy proves convex with
            :math:`f(1) = 0` (every row but the GAN row, whose :math:`f(1) = -\log 4`),
            never negative.

        Raises
        ------
        ValueError
            Where :func:`gantheory.divergences.f_divergence` cannot evaluate a term
            in float64 (a generator that overflows at a finite ratio, or a ratio
            that overflows where :math:`f'(\infty) = \infty`).
        """
        pa, qa = as_pmf_pair(p, q)
        c = _value_at_one(self.f_prime)
        live = qa > 0
        with np.errstate(over="ignore"):
            huge = bool((pa[live] / qa[live] >= _LARGE_RATIO).any())
        # the limits are computed (by sympy, once per generator) only where a zero or a huge ratio needs them
        f0 = self.f_at_zero + c if ((pa == 0) & live).any() else None
        slope = self.slope_at_infinity - c if huge or ((qa == 0) & (pa > 0)).any() else 0.0

        def tangent_gap(x: Array) -> Array:
            return self.f_numeric(x) - c * (x - 1.0)

        value = f_divergence(pa, qa, tangent_gap, f_at_zero=f0, slope_at_infinity=slope)
        # For a convex f with f(1) = 0, D_f ≥ f(1) = 0 on pmfs (Jensen), and every term of the tangent form is
        # ≥ 0 on any non-negative vectors: a negative sum is rounding in terms of size ~ulp, and 0 is closer to
        # the exact value. Only then does sympy have to prove the premise.
        if value < 0.0 and _convex_and_zero_at_one(self.f):
            return 0.0
        return value

    def variational_bound(self, p: ArrayLike, q: ArrayLike, critic: ArrayLike) -> float:
        r"""f-GAN's lower bound :math:`\mathbb E_P[T] - \mathbb E_Q[f^*(T)]` for a critic :math:`T`.

        Parameters
        ----------
        p, q : array_like, shape (n,)
            Probability vectors.
        critic : array_like, shape (n,)
            Values :math:`T(x_i)`; where :math:`q_i > 0` they should lie in
            :math:`\operatorname{dom} f^*` (elsewhere the bound is :math:`-\infty`).
        """
        pa, qa = as_pmf_pair(p, q)
        ta = as_float_array(critic, name="critic")
        check_same_shape(ta, pa, ("critic", "p"))
        conj = self.conjugate_numeric(ta)
        live = qa > 0
        return float(pa @ ta - qa[live] @ conj[live])


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


def _rational(x: float, name: str) -> sp.Rational:
    value = float(x)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {x!r}")
    return sp.Rational(repr(value))


def _check_pi(pi: float) -> sp.Rational:
    p = _rational(pi, "pi")
    if not 0 < p < 1:
        raise ValueError(f"pi must lie in (0, 1), got {pi!r}")
    return p


def _alpha_conjugate(a: sp.Rational) -> sp.Expr:
    return (t * (a - 1) + 1) ** (a / (a - 1)) / a - 1 / a


def _alpha_generator(a: sp.Rational) -> sp.Expr:
    return (u**a - 1 - a * (u - 1)) / (a * (a - 1))


def _build(name: str, *, pi: float = 0.3, alpha_lt1: float = 0.5, alpha_gt1: float = 2.0) -> FDivergence:
    half, log2 = sp.Rational(1, 2), sp.log(2)
    softplus_neg = sp.log(1 + sp.exp(-v))  # log(1 + e^{-v}); g_f = −this is log σ(v)
    # Every entry below is f-GAN (arXiv:1606.00709) Table 6 as printed; f(u) is Table 1's generator.
    if name == "total-variation":
        return FDivergence(
            name, "Total variation", half * sp.Abs(u - 1), t, sp.Interval(-half, half), half * sp.tanh(v), sp.S.Zero
        )
    if name == "kl":
        return FDivergence(name, "Kullback–Leibler", u * sp.log(u), sp.exp(t - 1), sp.S.Reals, v, sp.S.One)
    if name == "reverse-kl":
        # ℝ₋ is read as t < 0: −1 − log(−t) is not finite at t = 0.
        return FDivergence(
            name, "Reverse KL", -sp.log(u), -1 - sp.log(-t), sp.Interval.open(-sp.oo, 0), -sp.exp(v), -sp.S.One
        )
    if name == "pearson":
        return FDivergence(name, "Pearson χ²", (u - 1) ** 2, t**2 / 4 + t, sp.S.Reals, v, sp.S.Zero)
    if name == "neyman":
        return FDivergence(
            name,
            "Neyman χ²",
            (1 - u) ** 2 / u,
            2 - 2 * sp.sqrt(1 - t),
            sp.Interval.open(-sp.oo, 1),
            1 - sp.exp(v),
            sp.S.Zero,
        )
    if name == "squared-hellinger":
        return FDivergence(
            name,
            "Squared Hellinger",
            (sp.sqrt(u) - 1) ** 2,
            t / (1 - t),
            sp.Interval.open(-sp.oo, 1),
            1 - sp.exp(v),
            sp.S.Zero,
        )
    if name == "jeffrey":
        w = sp.LambertW(sp.exp(1 - t))
        return FDivergence(name, "Jeffrey", (u - 1) * sp.log(u), w + 1 / w + t - 2, sp.S.Reals, v, sp.S.Zero)
    if name == "js":
        # f-GAN's un-halved generator: ∫ q f(p/q) = 2·JS (expand the generator against JS's definition).
        return FDivergence(
            name,
            "Jensen–Shannon (f-GAN, un-halved)",
            u * sp.log(u) - (u + 1) * sp.log((u + 1) / 2),
            -sp.log(2 - sp.exp(t)),
            sp.Interval.open(-sp.oo, log2),
            log2 - softplus_neg,
            sp.S.Zero,
        )
    if name == "js-weighted":
        p = _check_pi(pi)
        m = 1 - p + p * u
        # Table 1's generator read with "−" (arXiv:1606.00709, Table 1).
        return FDivergence(
            name,
            f"Jensen–Shannon-weighted (π = {p})",
            p * u * sp.log(u) - m * sp.log(m),
            (1 - p) * sp.log((1 - p) / (1 - p * sp.exp(t / p))),
            sp.Interval.open(-sp.oo, -p * sp.log(p)),
            -p * sp.log(p) - softplus_neg,
            sp.S.Zero,
            {"pi": float(p)},
        )
    if name == "gan":
        return FDivergence(
            name,
            "GAN",
            u * sp.log(u) - (u + 1) * sp.log(u + 1),
            -sp.log(1 - sp.exp(t)),
            sp.Interval.open(-sp.oo, 0),
            -softplus_neg,
            -log2,
        )
    if name == "alpha-lt1":
        a = _rational(alpha_lt1, "alpha")
        if not (a < 1 and a != 0):
            raise ValueError(f"alpha-lt1 needs alpha < 1 and alpha ≠ 0, got {alpha_lt1!r}")
        return FDivergence(
            name,
            f"α-divergence (α = {a} < 1)",
            _alpha_generator(a),
            _alpha_conjugate(a),
            sp.Interval.open(-sp.oo, 1 / (1 - a)),
            1 / (1 - a) - softplus_neg,
            sp.S.Zero,
            {"alpha": float(a)},
        )
    if name == "alpha-gt1":
        a = _rational(alpha_gt1, "alpha")
        if not a > 1:
            raise ValueError(f"alpha-gt1 needs alpha > 1, got {alpha_gt1!r}")
        return FDivergence(
            name,
            f"α-divergence (α = {a} > 1)",
            _alpha_generator(a),
            _alpha_conjugate(a),
            sp.S.Reals,
            v,
            sp.S.Zero,
            {"alpha": float(a)},
        )
    raise ValueError(f"unknown f-divergence {name!r}; known: {', '.join(NAMES)}")


@validated(pi=OPEN_UNIT, alpha_lt1=OPEN_UNIT, alpha_gt1=real(gt=1.0))
def table(*, pi: float = 0.3, alpha_lt1: float = 0.5, alpha_gt1: float = 2.0) -> tuple[FDivergence, ...]:
    r"""All twelve rows of f-GAN's Table 6, in the paper's order.

    Parameters
    ----------
    pi : float
        Weight :math:`\pi \in (0, 1)` of the Jensen–Shannon-weighted row.
    alpha_lt1 : float
        :math:`\alpha < 1`, :math:`\alpha \ne 0`, for the first α-divergence row.
    alpha_gt1 : float
        :math:`\alpha > 1` for the second α-divergence row.

    Returns
    -------
    tuple of FDivergence
        Parameters enter sympy as the exact decimal rationals of the floats
        (0.3 becomes 3/10).
    """
    return tuple(_build(n, pi=pi, alpha_lt1=alpha_lt1, alpha_gt1=alpha_gt1) for n in NAMES)


@validated(name=choice(*NAMES))
def row(name: str, **params: float) -> FDivergence:
    r"""One row of :func:`table` by name.

    Parameters
    ----------
    name : str
        One of :data:`NAMES`.
    **params
        ``pi`` for ``"js-weighted"``, ``alpha`` for the α rows; nothing else.

    Raises
    ------
    ValueError
        For an unknown name, a parameter the row does not take, or a parameter
        outside the row's range.
    """
    accepted = {"js-weighted": {"pi"}, "alpha-lt1": {"alpha"}, "alpha-gt1": {"alpha"}}.get(name, set())
    if name not in NAMES:
        raise ValueError(f"unknown f-divergence {name!r}; known: {', '.join(NAMES)}")
    extra = set(params) - accepted
    if extra:
        raise ValueError(f"row {name!r} takes no parameter {sorted(extra)}")
    kwargs: dict[str, float] = {}
    if "pi" in params:
        kwargs["pi"] = params["pi"]
    if "alpha" in params:
        kwargs["alpha_lt1" if name == "alpha-lt1" else "alpha_gt1"] = params["alpha"]
    return _build(name, **kwargs)


def js_halved() -> FDivergence:
    r"""The Jensen–Shannon row with the ½ that makes :math:`D_f` the JS divergence of Lin (1991).

    .. math::
        f(u) = \tfrac12 \left[ u \log u - (u + 1) \log\tfrac{u + 1}{2} \right], \quad
        f^*(t) = -\tfrac12 \log(2 - e^{2t}), \quad t < \tfrac12 \log 2, \quad
        g_f(v) = \tfrac12 \log 2 - \tfrac12 \log(1 + e^{-v})

    so that :math:`\int q f(p/q) = \tfrac12 \mathrm{KL}(P\|M) + \tfrac12 \mathrm{KL}(Q\|M)`.
    It halves the generator of f-GAN's JS row, whose integral is 2·JS; it is
    not a row of Table 6.
    """
    half, log2 = sp.Rational(1, 2), sp.log(2)
    return FDivergence(
        "js-halved",
        "Jensen–Shannon (halved)",
        half * (u * sp.log(u) - (u + 1) * sp.log((u + 1) / 2)),
        -half * sp.log(2 - sp.exp(2 * t)),
        sp.Interval.open(-sp.oo, log2 / 2),
        half * log2 - half * sp.log(1 + sp.exp(-v)),
        sp.S.Zero,
    )
