"""Group B: the Jensen–Shannon divergence.

Catalog rows JS-DEF, JS-SYM, JS-BOUND, JS-METRIC and JS-ZERO (001 §2.3 and its
property table). Every check evaluates the documents' definition literally,

    D_JS(P‖Q) = w·KL(P‖M) + w·KL(Q‖M),  M = c·(P + Q),  (w, c) = (½, ½),

with exact sums of :func:`scipy.special.rel_entr` on probability vectors (no
clamping to the range that some claims assert), or with sympy on positive
symbols a = p(x), b = q(x) pointwise. Independent oracles are scipy's
``jensenshannon`` (squared) and the entropy form H(M) − ½H(P) − ½H(Q)
(Lin 1991), integrated with ``scipy.integrate.quad`` for densities.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy import integrate, special, stats
from scipy.spatial.distance import jensenshannon

from gantheory import quadrature, strategies
from gantheory import symbolic as S
from gantheory.densities import GaussianMixture
from gantheory.divergences import LOG2, js_divergence
from verify.builders import claim, identity, numeric_check, property_check
from verify.cases import random_mixture_pairs, random_pmf_pairs
from verify.checks import Case, Identity, agree_on_cases, for_all
from verify.context import Context
from verify.model import Outcome
from verify.references import COVER06, ES03, LIN91, OV03
from verify.sources import D000, D001, src
from verify.tolerance import IDENTITY, QUADRATURE, Tolerance

Array = NDArray[np.float64]
Pair = tuple[Array, Array]
Triple = tuple[Array, Array, Array]

#: Two sides of an inequality between divergence values computed by exact float64 sums.
INEQUALITY = Tolerance(
    rtol=1e-10,
    atol=1e-12,
    why="each side is a sum of ≤ 8 float64 terms x·log(x/y) whose rounding error is ~1e-16 absolute; 1e-12 absolute (for values that are exactly 0, such as JS(P, P)) and 1e-10 relative leave four orders of headroom without hiding a violation of the size any control produces (≥ 1e-3)",
)


def _le(lhs: float, rhs: float, tol: Tolerance = INEQUALITY) -> bool:
    """``lhs ≤ rhs`` up to ``tol`` (NaN never passes)."""
    return bool(lhs <= rhs + tol.atol + tol.rtol * abs(rhs))


def _close(x: float, y: float, tol: Tolerance = INEQUALITY) -> bool:
    if math.isinf(x) or math.isinf(y):
        return x == y
    return bool(abs(x - y) <= tol.atol + tol.rtol * max(abs(x), abs(y)))


def _tv(p: Array, q: Array) -> float:
    return 0.5 * math.fsum(np.abs(p - q))


def _kl(p: Array, q: Array) -> float:
    """Σ p log(p/q), exact sum of scipy.special.rel_entr (0 log 0 = 0, p log(p/0) = inf)."""
    return math.fsum(special.rel_entr(p, q))


def js_definition(p: Array, q: Array, *, weight: float = 0.5, mix: float = 0.5) -> float:
    """weight·KL(P‖M) + weight·KL(Q‖M) with M = mix·(P + Q): the documents' formula at (½, ½), unclamped."""
    m = mix * (p + q)
    return weight * _kl(p, m) + weight * _kl(q, m)


# -- Inputs -------------------------------------------------------------------

#: One-hot, uniform and disjoint vectors tried before Hypothesis's own draws, so
#: that every control meets its textbook witness whatever the search finds.
_ONE_HOT = np.array([1.0, 0.0])
_HALF = np.array([0.5, 0.5])
_OTHER_HOT = np.array([0.0, 1.0])

PAIR_WITNESSES: tuple[Pair, ...] = (
    (_ONE_HOT, _OTHER_HOT),  # disjoint supports: JS = log 2
    (np.array([0.2, 0.8]), np.array([0.8, 0.2])),  # a permutation: equal entropies, P ≠ Q
    (_ONE_HOT, _HALF),  # scipy's test value: jensenshannon = 0.46450140402245893
    (np.array([0.3, 0.7]), np.array([0.30000000000000004, 0.7])),  # one ulp apart: scipy's NaN (issue 20083)
)

#: p = (1, 0), q = (½, ½), r = (0, 1): JS(p, r) = log 2 > 2·JS(p, q) ≈ 0.432, so JS itself is no metric.
TRIPLE_WITNESSES: tuple[Triple, ...] = ((_ONE_HOT, _HALF, _OTHER_HOT),)


def _pairs() -> st.SearchStrategy[Pair]:
    return st.one_of(
        st.sampled_from(PAIR_WITNESSES),
        strategies.pmf_pairs(allow_zeros=True),
        strategies.disjoint_pmf_pairs(),
        strategies.near_equal_pmf_pairs(),
    )


def _triples() -> st.SearchStrategy[Triple]:
    return st.one_of(st.sampled_from(TRIPLE_WITNESSES), strategies.pmf_triples(allow_zeros=True))


# -- JS-DEF -------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """The definition's two constants: D = w·KL(P‖M) + w·KL(Q‖M), M = c·(P + Q)."""

    w: sp.Rational
    c: sp.Rational

    def integrand(self, p: sp.Expr = S.a, q: sp.Expr = S.b) -> sp.Expr:
        m = self.c * (p + q)
        return self.w * S.kl_integrand(p, m) + self.w * S.kl_integrand(q, m)

    def pmf(self, p: Array, q: Array) -> float:
        return js_definition(p, q, weight=float(self.w), mix=float(self.c))


HALF = sp.Rational(1, 2)
AS_STATED = Weights(HALF, HALF)
NO_HALF_WEIGHTS = Weights(sp.Integer(1), HALF)
M_IS_SUM = Weights(HALF, sp.Integer(1))

_DEF_STATED = ("½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q)", AS_STATED)
_DEF_CONTROLS = [
    ("½ weights dropped", "D_JS = KL(P‖M) + KL(Q‖M), M = ½(P + Q)", NO_HALF_WEIGHTS),
    ("M = P + Q", "D_JS = ½KL(P‖M) + ½KL(Q‖M) with M = P + Q (the ½ of the midpoint dropped)", M_IS_SUM),
]


def _entropy_integrand(p: sp.Expr = S.a, q: sp.Expr = S.b) -> sp.Expr:
    """Pointwise H(M) − ½H(P) − ½H(Q): −m log m + ½ p log p + ½ q log q, m = (p + q)/2."""
    m = (p + q) / 2
    return -m * sp.log(m) + HALF * p * sp.log(p) + HALF * q * sp.log(q)


def _entropy_form_pmf(p: Array, q: Array) -> float:
    # scipy.stats.entropy normalises its input; p and q are pmfs already
    m = 0.5 * (p + q)
    return float(stats.entropy(m) - 0.5 * stats.entropy(p) - 0.5 * stats.entropy(q))


def _scipy_js(p: Array, q: Array) -> float:
    with np.errstate(invalid="ignore"):
        return float(jensenshannon(p, q) ** 2)


_PMF_REFERENCES: dict[str, Callable[[Array, Array], float]] = {
    "entropy form H(M) − ½H(P) − ½H(Q) (scipy.stats.entropy)": _entropy_form_pmf,
    "scipy.spatial.distance.jensenshannon²": _scipy_js,
    "gantheory.divergences.js_divergence": js_divergence,
}


def _def_pmf_cases(ctx: Context) -> list[Case]:
    cases = []
    for pair in random_pmf_pairs(ctx):
        for ref, fn in _PMF_REFERENCES.items():
            if math.isfinite(fn(*pair.value)):  # scipy's NaN on nearly equal pairs would not be a fair reference
                cases.append(Case(f"{pair.name}; reference: {ref}", (*pair.value, ref)))
    return cases


def _def_pmf(subject: Weights, case: tuple[Array, Array, str]) -> tuple[float, float]:
    p, q, ref = case
    return subject.pmf(p, q), _PMF_REFERENCES[ref](p, q)


#: Half-width, in component standard deviations, of the entropy integrals: beyond 12σ a component's
#: density is below e^{-72} ≈ 5e-32 of its peak, so −p log p there changes h by less than 1e-28.
_ENTROPY_SIGMAS = 12.0


@functools.lru_cache(maxsize=256)
def _quad_entropy(weights: tuple[float, ...], means: tuple[float, ...], sigmas: tuple[float, ...]) -> float:
    """Differential entropy −∫ d log d of a Gaussian mixture by scipy.integrate.quad (pure-Python integrand).

    Independent of gantheory's densities and quadrature: the density is summed here with ``math.exp``.
    """
    comps = [(w / (s * math.sqrt(2 * math.pi)), m, s) for w, m, s in zip(weights, means, sigmas, strict=True)]

    def f(x: float) -> float:
        d = math.fsum(c * math.exp(-0.5 * ((x - m) / s) ** 2) for c, m, s in comps)
        return -d * math.log(d) if d > 0 else 0.0

    lo = min(m - _ENTROPY_SIGMAS * s for _, m, s in comps)
    hi = max(m + _ENTROPY_SIGMAS * s for _, m, s in comps)
    cuts = sorted({lo, hi, *(m + k * s for _, m, s in comps for k in (-3, -1, 0, 1, 3) if lo < m + k * s < hi)})
    total = 0.0
    for a, b in itertools.pairwise(cuts):
        value, err = integrate.quad(f, a, b, epsabs=1e-14, epsrel=1e-12, limit=200)
        if err > 1e-10:
            raise ArithmeticError(f"quad error estimate {err:.3g} on [{a:g}, {b:g}]")
        total += value
    return total


def _entropy_of(d: GaussianMixture) -> float:
    return _quad_entropy(tuple(d.weights.tolist()), tuple(d.means.tolist()), tuple(d.sigmas.tolist()))


def _midpoint(p: GaussianMixture, q: GaussianMixture) -> GaussianMixture:
    return GaussianMixture(
        np.concatenate([p.weights, q.weights]) / 2,
        np.concatenate([p.means, q.means]),
        np.concatenate([p.sigmas, q.sigmas]),
    )


def _def_mixture(subject: Weights, case: tuple[GaussianMixture, GaussianMixture]) -> tuple[float, float]:
    """The definition by our Gauss–Legendre quadrature, against the entropy form by scipy.quad."""
    p, q = case
    w, log_c = float(subject.w), math.log(float(subject.c))
    lo, hi = min(p.interval[0], q.interval[0]), max(p.interval[1], q.interval[1])
    pts = tuple(sorted(set(p.breakpoints) | set(q.breakpoints)))

    def fn(x: Array) -> Array:
        lp, lq = p.logpdf(x), q.logpdf(x)
        lm = np.logaddexp(lp, lq) + log_c
        return w * np.exp(lp) * (lp - lm) + w * np.exp(lq) * (lq - lm)

    definition = quadrature.integrate(fn, (lo, hi), pts)
    entropy_form = _entropy_of(_midpoint(p, q)) - 0.5 * _entropy_of(p) - 0.5 * _entropy_of(q)
    return definition, entropy_form


JS_DEF = claim(
    "JS-DEF",
    "Definition of the Jensen–Shannon divergence",
    "D_JS(P‖Q) = ½·KL(P‖M) + ½·KL(Q‖M), where M = ½(P + Q) is the midpoint mixture; this is the Jensen–Shannon divergence of information theory.",
    identity(
        "entropy-form",
        "sympy, pointwise in a = p(x), b = q(x) > 0: w·a·log(a/m) + w·b·log(b/m) with m = c(a + b) against −m₀ log m₀ + ½ a log a + ½ b log b, m₀ = (a + b)/2, the integrand of H(M) − ½H(P) − ½H(Q).",
        build=lambda v: Identity(v.integrand(), _entropy_integrand()),
        stated=_DEF_STATED,
        controls=_DEF_CONTROLS,
    ),
    numeric_check(
        "pmfs",
        "The definition summed exactly with scipy.special.rel_entr on pmf pairs of size 2–64 (zeros, disjoint supports and P = Q included), against three references: the entropy form with scipy.stats.entropy, scipy's jensenshannon squared (where it is not NaN) and gantheory's js_divergence.",
        agree_on_cases(_def_pmf_cases, _def_pmf, IDENTITY, what="the definition against a reference D_JS"),
        _DEF_STATED,
        _DEF_CONTROLS,
    ),
    numeric_check(
        "mixtures",
        "Densities: the definition integrated with gantheory's adaptive Gauss–Legendre rule, against h(M) − ½h(P) − ½h(Q) with each differential entropy integrated by scipy.integrate.quad, on Gaussian-mixture pairs (document 000's bimodal data among them).",
        agree_on_cases(random_mixture_pairs, _def_mixture, QUADRATURE, what="the definition against the entropy form"),
        _DEF_STATED,
        _DEF_CONTROLS,
    ),
    sources=(src(D000, "Jensen-Shannon Divergence"), src(D001, "2.3 Jensen-Shannon Divergence")),
    assumptions=("natural logarithm", "0·log 0 = 0 where P or Q vanishes"),
    references=(f"{LIN91} (the JS divergence in its entropy form)", COVER06.at("ch. 2")),
)

# -- JS-SYM -------------------------------------------------------------------

Divergence = Callable[[Array, Array], float]


def _symmetric(div: Divergence, pq: Pair) -> bool:
    p, q = pq
    return _close(div(p, q), div(q, p))


def _kl_m_reversed(p: Array, q: Array) -> float:
    m = 0.5 * (p + q)
    return 0.5 * _kl(p, m) + 0.5 * _kl(m, q)


def _kl_m_reversed_integrand(p: sp.Expr, q: sp.Expr) -> sp.Expr:
    m = (p + q) / 2
    return HALF * S.kl_integrand(p, m) + HALF * S.kl_integrand(m, q)


JS_SYM = claim(
    "JS-SYM",
    "D_JS is symmetric",
    "D_JS(P‖Q) = D_JS(Q‖P) for all distributions P and Q.",
    identity(
        "swap-arguments",
        "sympy: the integrand with (a, b) swapped against the integrand, for a, b > 0.",
        build=lambda f: Identity(f(S.b, S.a), f(S.a, S.b)),
        stated=("D_JS(P‖Q) = D_JS(Q‖P)", S.js_integrand),
        controls=[
            ("KL", "KL(P‖Q) = KL(Q‖P)", S.kl_integrand),
            ("second KL reversed", "½KL(P‖M) + ½KL(M‖Q) is symmetric", _kl_m_reversed_integrand),
        ],
    ),
    property_check(
        "pmfs",
        "Hypothesis on pmf pairs over 2–8 points (with zeros, disjoint supports, pairs one ulp apart): the definition's value with P and Q swapped equals its value, to 1e-12 absolute / 1e-10 relative.",
        for_all(_pairs(), _symmetric, inputs="pmf pairs"),
        ("½KL(P‖M) + ½KL(Q‖M) is symmetric", js_definition),
        [
            ("KL", "KL(P‖Q) is symmetric", _kl),
            ("second KL reversed", "½KL(P‖M) + ½KL(M‖Q) is symmetric", _kl_m_reversed),
        ],
    ),
    sources=(src(D001, "2.3 Jensen-Shannon Divergence"),),
    assumptions=("pointwise in the densities (sympy) and on probability vectors with finite support (Hypothesis)",),
    references=(f"{LIN91} (symmetry of the JS divergence)",),
)

# -- JS-BOUND -----------------------------------------------------------------


@dataclass(frozen=True)
class Bound:
    """A claimed range [lower, upper] of a divergence ``js`` (by default the definition, from 0)."""

    upper: float
    js: Divergence = js_definition
    lower: float = 0.0


def _in_range(b: Bound, pq: Pair) -> bool:
    v = b.js(*pq)
    return _le(b.lower, v) and _le(v, b.upper)


def _attained(b: Bound, pq: Pair) -> bool:
    return _close(b.js(*pq), b.upper)


def _disjoint_cases(ctx: Context) -> list[Case]:
    rng = ctx.rng("disjoint")
    cases = [
        Case("(1, 0) vs (0, 1)", (_ONE_HOT, _OTHER_HOT)),
        Case("(½, ½, 0, 0) vs (0, 0, 0.3, 0.7)", (np.array([0.5, 0.5, 0, 0]), np.array([0, 0, 0.3, 0.7]))),
    ]
    for i in range(ctx.profile.random_cases):
        n = int(rng.integers(2, 65))
        owner = rng.permutation(np.arange(n) < int(rng.integers(1, n)))
        w = rng.dirichlet(np.full(n, 0.5)) + 1e-12
        p, q = np.where(owner, w, 0.0), np.where(owner, 0.0, w)
        cases.append(Case(f"random disjoint pair {i} (n={n})", (p / p.sum(), q / q.sum())))
    return cases


def _scipy_upper(upper: float, pq: Pair) -> tuple[float, float]:
    return _scipy_js(*pq), upper


JS_BOUND = claim(
    "JS-BOUND",
    "0 ≤ D_JS ≤ log 2",
    "The Jensen–Shannon divergence lies between 0 and log 2.",
    property_check(
        "range",
        "Hypothesis on pmf pairs over 2–8 points (with zeros, disjoint supports and one-ulp perturbations): the unclamped definition lies in [lower, upper] up to 1e-12.",
        for_all(_pairs(), _in_range, inputs="pmf pairs"),
        ("0 ≤ D_JS ≤ log 2", Bound(LOG2)),
        [
            ("upper bound ½ log 2", "0 ≤ D_JS ≤ ½ log 2", Bound(LOG2 / 2)),
            ("½ weights dropped", "0 ≤ KL(P‖M) + KL(Q‖M) ≤ log 2", Bound(LOG2, NO_HALF_WEIGHTS.pmf)),
        ],
    ),
    property_check(
        "sharp",
        "Hypothesis on pmf pairs with disjoint supports over 2–8 points: the definition equals the upper bound.",
        for_all(strategies.disjoint_pmf_pairs(), _attained, inputs="disjoint pmf pairs"),
        ("the bound log 2 is attained", Bound(LOG2)),
        [
            ("upper bound ½ log 2", "the bound ½ log 2 is attained", Bound(LOG2 / 2)),
            ("upper bound 1 (bits) read in nats", "the bound 1 is attained with natural logs", Bound(1.0)),
        ],
    ),
    numeric_check(
        "scipy-disjoint",
        "scipy.spatial.distance.jensenshannon squared (an implementation independent of ours) on pmf pairs of size 2–64 with disjoint supports, against the claimed upper bound.",
        agree_on_cases(_disjoint_cases, _scipy_upper, IDENTITY, what="scipy's D_JS against the upper bound"),
        ("the maximum of D_JS is log 2", LOG2),
        [
            ("½ log 2", "the maximum of D_JS is ½ log 2", LOG2 / 2),
            ("1 (bits) read in nats", "the maximum of D_JS is 1 with natural logs", 1.0),
        ],
    ),
    sources=(src(D001, "2.3 Jensen-Shannon Divergence"),),
    assumptions=(
        "natural logarithm (nats); in bits the same bound reads 0 ≤ D_JS ≤ 1",
        "D_JS with the ½ weights of JS-DEF",
    ),
    references=(f"{LIN91} (boundedness: at most 1 in bits)",),
    notes="The upper bound is sharp: D_JS = log 2 exactly when P and Q have disjoint supports, because then M = P/2 on P's support and M = Q/2 on Q's, so each KL term equals log 2.",
)

# -- JS-METRIC ----------------------------------------------------------------


def _metric_violation(d: Divergence, pqr: Triple) -> str | None:
    """The first metric axiom that ``d`` violates on (p, q, r), or ``None``.

    The triangle inequality is compared in squares, d(p, r)² ≤ (d(p, q) + d(q, r))²: for d = √D_JS that
    is the scale on which the values are computed (a square root would magnify rounding noise of ~1e-17
    in D_JS near 0 to ~3e-9).
    """
    p, q, r = pqr
    dpq, dqp, dqr, dpr, dpp = d(p, q), d(q, p), d(q, r), d(p, r), d(p, p)
    if not _close(dpp, 0.0):
        return "d(p, p) ≠ 0"
    if not (_le(0.0, dpq) and _le(0.0, dqr) and _le(0.0, dpr)):
        return "d < 0"
    if not _close(dpq, dqp):
        return "d(p, q) ≠ d(q, p)"
    if _tv(p, q) >= 1e-6 and not dpq > 0:  # √D_JS ≥ TV/√2 ≥ 7e-7 there (Pinsker), far above rounding
        return "d(p, q) = 0 although p ≠ q"
    if not _le(dpr**2, (dpq + dqr) ** 2):
        return "d(p, r) > d(p, q) + d(q, r)"
    return None


def _is_metric(d: Divergence, pqr: Triple) -> bool:
    return _metric_violation(d, pqr) is None


def _sqrt_js(p: Array, q: Array) -> float:
    return math.sqrt(max(js_definition(p, q), 0.0))


def _sqrt_kl(p: Array, q: Array) -> float:
    return math.sqrt(max(_kl(p, q), 0.0))


def _random_triples(ctx: Context) -> list[tuple[str, Triple]]:
    rng = ctx.rng("triples")
    out = [("p = (1, 0), q = (½, ½), r = (0, 1)", TRIPLE_WITNESSES[0])]
    for i in range(4 * ctx.profile.random_cases):
        n = int(rng.integers(2, 65))
        vs = []
        for _ in range(3):
            v = rng.dirichlet(np.full(n, 0.3))
            if i % 2 == 0:  # supports that only partly overlap
                v = np.where((rng.random(n) < 0.4) & (v < v.max()), 0.0, v)
            vs.append(v / v.sum())
        out.append((f"random triple {i} (n={n})", (vs[0], vs[1], vs[2])))
    return out


def _metric_on_random_triples(d: Divergence, ctx: Context) -> Outcome:
    triples = _random_triples(ctx)
    for name, t in triples:
        broken = _metric_violation(d, t)
        if broken is not None:
            ds = {"d(p,q)": d(t[0], t[1]), "d(q,r)": d(t[1], t[2]), "d(p,r)": d(t[0], t[2])}
            return Outcome.failed(
                f"{broken} on {name}", counterexample={"triple": name, "input": t, **ds}, triples=len(triples)
            )
    return Outcome.passed(f"all metric axioms hold on {len(triples)} triples of size 2–64", triples=len(triples))


_METRIC_STATED = ("√D_JS is a metric", _sqrt_js)
_METRIC_CONTROLS = [("D_JS without the root", "D_JS is a metric", js_definition), ("√KL", "√KL is a metric", _sqrt_kl)]

JS_METRIC = claim(
    "JS-METRIC",
    "√D_JS is a metric",
    "The square root of the Jensen–Shannon divergence is a metric on probability distributions.",
    property_check(
        "axioms",
        "Hypothesis on pmf triples over 2–8 points (with zeros): d(p, p) = 0, d ≥ 0, symmetry, d(p, q) > 0 when TV(p, q) ≥ 1e-6, and the triangle inequality, compared in squares to 1e-12.",
        for_all(_triples(), _is_metric, inputs="pmf triples"),
        _METRIC_STATED,
        _METRIC_CONTROLS,
    ),
    numeric_check(
        "random-triples",
        "The same axioms on seeded random triples of size 2–64 (Dirichlet(0.3), half with partial supports).",
        _metric_on_random_triples,
        _METRIC_STATED,
        _METRIC_CONTROLS,
    ),
    sources=(src(D001, "2.3 Jensen-Shannon Divergence"),),
    assumptions=("distributions on a common finite support",),
    references=(str(ES03), str(OV03)),
    notes="D_JS itself is not a metric: p = (1, 0), q = (½, ½), r = (0, 1) give D_JS(p, r) = log 2 ≈ 0.693 > 0.432 ≈ D_JS(p, q) + D_JS(q, r).",
)

# -- JS-ZERO ------------------------------------------------------------------


def _zero_iff_equal(div: Divergence, pq: Pair) -> bool:
    """div(p, p) = 0, div ≥ 0, and div(p, q) ≥ TV(p, q)²/2, which is > 0 whenever p ≠ q.

    The lower bound follows from Pinsker's inequality KL ≥ 2·TV² applied to KL(P‖M) and KL(Q‖M), with
    TV(P, M) = TV(Q, M) = TV(P, Q)/2; it is the quantitative form of "zero only when P = Q".
    """
    p, q = pq
    if not _close(div(p, p), 0.0) or not _close(div(q, q), 0.0):
        return False
    v = div(p, q)
    return _le(0.0, v) and _le(0.5 * _tv(p, q) ** 2, v)


def _entropy_gap(p: Array, q: Array) -> float:
    return abs(math.fsum(special.entr(p)) - math.fsum(special.entr(q)))


JS_ZERO = claim(
    "JS-ZERO",
    "D_JS = 0 exactly when P = Q",
    "D_JS(P‖Q) ≥ 0, with equality if and only if P = Q.",
    identity(
        "equal-arguments",
        "sympy: the D_JS integrand at b = a reduces to 0 (the 'if' direction, pointwise).",
        build=lambda w: Identity(w.integrand(S.a, S.a), sp.Integer(0)),
        stated=("D_JS(P‖P) = 0", AS_STATED),
        controls=[("M = P + Q", "½KL(P‖P + Q) + ½KL(Q‖P + Q) vanishes at P = Q", M_IS_SUM)],
    ),
    property_check(
        "zero-iff-equal",
        "Hypothesis on pmf pairs over 2–8 points (with zeros, disjoint supports, permutations and one-ulp perturbations): D(p, p) = 0, D(p, q) ≥ 0 and D(p, q) ≥ TV(p, q)²/2 (Pinsker), so D > 0 when p ≠ q.",
        for_all(_pairs(), _zero_iff_equal, inputs="pmf pairs"),
        ("½KL(P‖M) + ½KL(Q‖M) is 0 exactly when P = Q", js_definition),
        [
            ("entropy difference", "|H(P) − H(Q)|, which vanishes for P ≠ Q with equal entropies", _entropy_gap),
            ("M = P + Q", "½KL(P‖P + Q) + ½KL(Q‖P + Q) is 0 exactly when P = Q", M_IS_SUM.pmf),
        ],
    ),
    sources=(src(D001, "2.3 Jensen-Shannon Divergence"), src(D001, "2.2 Global Optimum")),
    assumptions=(
        "checked pointwise (sympy) and on probability vectors with finite support (Hypothesis)",
        "for densities, P = Q means equal almost everywhere",
    ),
    references=(
        f"{LIN91} (non-negativity; zero only for equal distributions)",
        COVER06.at("Thm. 2.6.3 (information inequality) and Lemma 11.6.1 (Pinsker)"),
    ),
)


CLAIMS = (JS_DEF, JS_SYM, JS_BOUND, JS_METRIC, JS_ZERO)

__all__ = ["CLAIMS", "PAIR_WITNESSES", "js_definition"]
