"""Divergences, f-table rows, losses from logits and quadrature against mpmath at 50 significant digits.

Each reference is the documented formula evaluated by mpmath on the exact float64 inputs, at the extremes
where float64 formulas go wrong: subnormal and tiny masses, masses that meet a zero, entries one ulp apart
(``np.nextafter``), a single pmf entry and 10⁶ of them, logits deep in both tails, and mixture components that
are narrow or far from the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from gantheory import divergences as dv
from gantheory import fdivergences as F
from gantheory import losses as L
from gantheory import quadrature as quad
from gantheory.densities import GaussianMixture, gaussian
from gantheory.symbolic import u
from tests.cases import exact_one_ulp_pairs
from verify.tolerance import Tolerance, assert_close

Array = np.ndarray
Pair = tuple[Array, Array]
MP = mpmath.mpf

DPS = 50
EPS = float(np.finfo(np.float64).eps)
TINY = float(np.finfo(np.float64).tiny)
MAX = float(np.finfo(np.float64).max)

#: Sums of non-negative terms that are each computed to a few ulps.
EXACT_SUM = Tolerance(
    rtol=1e-12,
    atol=TINY,
    why=(
        "at most 10⁶ non-negative terms, each within a few ulps, summed pairwise: ≲ 1e-14 relative; below the "
        "smallest normal float64 (2.2e-308) a result is a multiple of 4.9e-324 and has no relative accuracy"
    ),
)

#: Losses and derivatives of one logit: one or two roundings of exp, log1p or expit.
ELEMENTWISE = Tolerance(
    rtol=1e-12,
    atol=TINY,
    why="each value is a few correctly rounded operations; subnormal values (σ(ℓ) for ℓ < −708) are absolute",
)

#: σ(ℓ) − t for a soft target: a difference of two numbers in [0, 1], so its rounding is absolute.
SOFT_GRADIENT = Tolerance(
    rtol=1e-12,
    atol=4 * EPS,
    why="σ(ℓ) − t cancels where σ(ℓ) ≈ t: t and σ(ℓ) carry half an ulp each (≤ 1.1e-16), 4ε leaves room",
)

#: Quadrature: integrate()'s target is max(1e-15, 1e-13·|I|) on its own error estimate.
QUADRATURE_MP = Tolerance(
    rtol=1e-12,
    atol=quad.EPSABS,
    why="integrate() meets max(EPSABS, 1e-13·|I|) on its estimate; 1e-12 leaves a decade for the estimate's misses",
)

#: The README's promise for document 000's mixture against N(0, 1).
README_PROMISE = Tolerance(rtol=1e-13, atol=0.0, why="the README states ~1e-13 relative for this integral")


def _float(x: mpmath.mpf) -> float:
    """The float64 nearest to an mpmath number, ``±inf`` beyond the float64 range."""
    if mpmath.isinf(x) or abs(x) > MAX:
        return math.copysign(math.inf, float(mpmath.sign(x)))
    return float(x)


def _mps(xs: Array) -> list[mpmath.mpf]:
    return [MP(float(x)) for x in xs]


# ---------------------------------------------------------------------------
# References: the documented formulas, term by term, at 50 digits
# ---------------------------------------------------------------------------


def _ref_kl(p: Array, q: Array) -> float:
    """Σ [p log(p/q) − p + q] (equal to Σ p log(p/q) on exact pmfs), ``inf`` where p > 0 = q."""
    with mpmath.workdps(DPS):
        total = MP(0)
        for a, b in zip(_mps(p), _mps(q), strict=True):
            if a == 0:
                total += b
            elif b == 0:
                return math.inf
            else:
                total += a * mpmath.log(a / b) - a + b
        return _float(total)


def _ref_js(p: Array, q: Array) -> float:
    """½ Σ [p log(2p/(p+q)) + q log(2q/(p+q))]."""
    with mpmath.workdps(DPS):
        total = MP(0)
        for a, b in zip(_mps(p), _mps(q), strict=True):
            if a:
                total += a * mpmath.log(2 * a / (a + b))
            if b:
                total += b * mpmath.log(2 * b / (a + b))
        return _float(total / 2)


def _ref_tv(p: Array, q: Array) -> float:
    with mpmath.workdps(DPS):
        return _float(mpmath.fsum(abs(a - b) for a, b in zip(_mps(p), _mps(q), strict=True)) / 2)


def _ref_pearson(p: Array, q: Array) -> float:
    """Σ (p − q)²/q, ``inf`` where q = 0 < p."""
    with mpmath.workdps(DPS):
        total = MP(0)
        for a, b in zip(_mps(p), _mps(q), strict=True):
            if b == 0:
                if a > 0:
                    return math.inf
                continue
            total += (a - b) ** 2 / b
        return _float(total)


def _ref_hellinger(p: Array, q: Array) -> float:
    with mpmath.workdps(DPS):
        return _float(
            mpmath.fsum((mpmath.sqrt(a) - mpmath.sqrt(b)) ** 2 for a, b in zip(_mps(p), _mps(q), strict=True))
        )


NAMED: dict[str, tuple[Callable[[Array, Array], float], Callable[[Array, Array], float]]] = {
    "kl": (dv.kl_divergence, _ref_kl),
    "reverse kl": (dv.reverse_kl_divergence, lambda p, q: _ref_kl(q, p)),
    "js": (dv.js_divergence, _ref_js),
    "tv": (dv.total_variation, _ref_tv),
    "pearson": (dv.pearson_chi2, _ref_pearson),
    "neyman": (dv.neyman_chi2, lambda p, q: _ref_pearson(q, p)),
    "hellinger²": (dv.squared_hellinger, _ref_hellinger),
}

ROWS = (*F.table(), F.js_halved())


@cache
def _row_parts(name: str) -> tuple[Callable[[mpmath.mpf], mpmath.mpf], float, float, float]:
    """f as an mpmath function, f'(1) (sign(0) = 0 at TV's kink), f(0+) and f'(∞) of a row."""
    row = next(r for r in ROWS if r.name == name)
    c = float(sp.diff(row.f, u).subs(u, 1))
    return sp.lambdify(u, row.f, modules="mpmath"), c, row.f_at_zero, row.slope_at_infinity


def _ref_row(row: F.FDivergence, p: Array, q: Array) -> float:
    """Σ_{q>0} q [f(p/q) − c (p/q − 1)] + (f'(∞) − c) Σ_{q=0} p, c = f'(1): Σ q f(p/q) on exact pmfs."""
    f, c, f0, slope = _row_parts(row.name)
    with mpmath.workdps(DPS):
        total, cm = MP(0), MP(c)
        for a, b in zip(_mps(p), _mps(q), strict=True):
            if b == 0:
                if a > 0:
                    total += a * (MP(slope) - cm)
            elif a == 0:
                total += b * (MP(f0) + cm)
            else:
                total += b * (f(a / b) - cm * (a / b - 1))
        return _float(total)


def _row_tolerance(row: F.FDivergence, p: Array, q: Array, counts: Array | None = None) -> Tolerance:
    """Rows evaluate a lambdified f at the rounded ratio fl(p/q): their error is absolute, set by the terms' sizes.

    ``counts`` repeats each entry that many times (the 10⁶-entry pair is given by its kinds of entry).
    """
    _, c, f0, slope = _row_parts(row.name)
    if counts is not None:
        p, q = p * counts, q * counts  # p/q stays as it is, and every size below is linear in (p, q) at fixed p/q
    both = (p > 0) & (q > 0)
    pb, qb = p[both], q[both]
    with np.errstate(over="ignore"):
        ratio = pb / qb
    # from p/q ≥ 2^500 on, f(u)/u is taken as the slope f'(∞) where that is finite (mass outside q)
    fin = ratio < 2.0**500 if math.isfinite(slope) else np.isfinite(ratio)
    r = ratio[fin]
    # u·|f'(u)| by a difference quotient (f' itself overflows near 0 for Neyman-like generators), times the
    # relative rounding of u in units of ε: 1, or far more for a subnormal u, which has fewer digits
    step = np.maximum(r * (1 + 2.0**-20), np.nextafter(r, math.inf))
    with np.errstate(all="ignore"):
        fu = row.f_numeric(r)
        sensitivity = np.abs(row.f_numeric(step) - fu) / ((step - r) / r) * np.maximum(1.0, 5e-324 / r / EPS)
        sizes = pb[fin] + qb[fin] + np.abs(qb[fin] * fu) + qb[fin] * sensitivity
    scale = float(sizes.sum()) + abs(c) * float((p + q).sum())
    outside = float(pb[~fin].sum()) + float(p[(q == 0) & (p > 0)].sum())
    for mass, weight in ((float(q[(p == 0) & (q > 0)].sum()), f0 + c), (outside, 1.0 + abs(slope - c))):
        scale += mass * abs(weight) if mass > 0 else 0.0
    return Tolerance(
        rtol=1e-12,
        atol=32 * EPS * scale + TINY,
        why=(
            "the ratio p/q is rounded before f sees it, and f's own intermediates (u + 1, log u, …) round too: "
            "each term is off by a few ulps of q, p, q·f(u) and p·f'(u) (from the rounded u), not of its value"
        ),
    )


def _row_cannot_be_evaluated(row: F.FDivergence, p: Array, q: Array) -> bool:
    """Where a term is out of float64's reach: p/q overflows with f'(∞) = ∞, or f overflows at a finite ratio.

    With a finite f'(∞), ratios from 2^500 on are taken at the slope and are never out of reach.
    """
    _, c, _, slope = _row_parts(row.name)
    live = q > 0
    with np.errstate(over="ignore"):
        ratio = p[live] / q[live]
    if math.isfinite(slope):
        ratio = ratio[ratio < 2.0**500]
    elif np.isinf(ratio).any():
        return True
    mid = ratio[ratio > 0]
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isinf(row.f_numeric(mid) - c * (mid - 1.0)).any())


# ---------------------------------------------------------------------------
# Extreme pmf pairs
# ---------------------------------------------------------------------------

_MODERATE = st.floats(1e-3, 1.0, allow_nan=False, allow_subnormal=False)
_TINY_MASS = st.floats(-320.0, -20.0).map(lambda e: 10.0**e)  # down to 1e-320, a subnormal
_SUBNORMAL = st.integers(1, 2**12).map(lambda k: k * 5e-324)  # exact multiples of the smallest subnormal


@st.composite
def _pmfs(draw: st.DrawFn, n: int) -> Array:
    """Moderate masses normalised to 1, and tiny, subnormal or zero entries added as they are (within 1e-9 of 1)."""
    kinds = draw(st.lists(st.sampled_from(["moderate", "tiny", "subnormal", "zero"]), min_size=n, max_size=n))
    kinds[draw(st.integers(0, n - 1))] = "moderate"
    p = np.zeros(n)
    moderate = [i for i, k in enumerate(kinds) if k == "moderate"]
    w = np.array([draw(_MODERATE) for _ in moderate])
    p[moderate] = w / w.sum()
    for i, kind in enumerate(kinds):
        if kind == "tiny":
            p[i] = draw(_TINY_MASS)
        elif kind == "subnormal":
            p[i] = draw(_SUBNORMAL)
    return p


@st.composite
def extreme_pmf_pairs(draw: st.DrawFn) -> Pair:
    """Pairs on 1–6 points: independent, one ulp apart in some entries, or with tiny masses moved onto zeros."""
    n = draw(st.integers(1, 6))
    p = draw(_pmfs(n))
    how = draw(st.sampled_from(["independent", "one ulp", "mismatch"]))
    if how == "independent":
        q = draw(_pmfs(n))
    elif how == "one ulp":
        q = p.copy()
        for i in draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True)):
            up = q[i] == 0 or draw(st.booleans())
            q[i] = np.nextafter(q[i], math.inf if up else -math.inf)
    else:
        q = p.copy()
        small = (p > 0) & (p < 1e-20)
        q[small] = 0.0
        zeros = np.flatnonzero(p == 0)
        q[zeros] = [draw(st.one_of(_TINY_MASS, _SUBNORMAL)) for _ in zeros]
    return (q, p) if draw(st.booleans()) else (p, q)


@given(extreme_pmf_pairs())
def test_named_divergences_match_mpmath(pq: Pair) -> None:
    p, q = pq
    for name, (ours, ref) in NAMED.items():
        value = ours(p, q)
        assert isinstance(value, float), name
        assert_close(value, ref(p, q), EXACT_SUM)


@given(extreme_pmf_pairs())
def test_f_table_rows_match_mpmath(pq: Pair) -> None:
    p, q = pq
    for row in ROWS:
        if _row_cannot_be_evaluated(row, p, q):
            with pytest.raises(ValueError, match="overflows"):
                row.divergence(p, q)
            continue
        value = row.divergence(p, q)
        assert_close(value, _ref_row(row, p, q), _row_tolerance(row, p, q))
        if row.name != "gan":  # f(1) = 0 and convex: never negative (the GAN row's f(1) is −log 4)
            assert value >= 0.0, row.name


@pytest.mark.parametrize("pq", exact_one_ulp_pairs(20141406, 20))
def test_named_divergences_of_exact_pmfs_one_ulp_apart_match_mpmath(pq: Pair) -> None:
    # the exact values are ~1e-34 (TV ~1e-17): float64 arithmetic that rounds p/q or cancels ±(p − q) misses them
    p, q = pq
    for name, (ours, ref) in NAMED.items():
        assert_close(ours(p, q), ref(p, q), EXACT_SUM)
        assert ours(p, q) > 0.0, name


# ---------------------------------------------------------------------------
# One entry, and 10⁶
# ---------------------------------------------------------------------------


def test_a_single_entry_pmf_has_divergence_zero() -> None:
    one = np.array([1.0])
    for name, (ours, _) in NAMED.items():
        assert ours(one, one) == 0.0, name
    for row in ROWS:
        assert row.divergence(one, one) == (-2 * dv.LOG2 if row.name == "gan" else 0.0), row.name


def _million_entry_pair() -> tuple[Array, Array, list[tuple[float, float, int]]]:
    """A pair on 10⁶ points built from a few kinds of entry (so that mpmath sums each kind once), shuffled."""
    a = 1e-6
    kinds = [
        (a, a, 399_999),
        (3 * a, 3 * a, 1),
        (a, float(np.nextafter(a, 1.0)), 100_000),  # one ulp apart, both ways
        (a, float(np.nextafter(a, 0.0)), 100_000),
        (a, a * (1 + 1e-3), 100_000),
        (a, a * (1 - 1e-3), 100_000),
        (a, 2 * a, 66_666),  # 2·66 666 + ½·133 332 = 199 998 = the p-mass of these two kinds
        (a, a / 2, 133_332),
        (0.0, 1e-300, 1),  # q's tiny mass where p has none: KL and χ² gain 1e-300, Neyman's χ² is inf
        (5e-324, 7 * 5e-324, 1),  # two subnormals
    ]
    p = np.concatenate([np.full(count, pv) for pv, _, count in kinds])
    q = np.concatenate([np.full(count, qv) for _, qv, count in kinds])
    order = np.random.default_rng(20141406).permutation(p.size)
    return p[order], q[order], kinds


def test_a_million_entries_match_mpmath() -> None:
    p, q, kinds = _million_entry_pair()
    assert p.size == 1_000_000
    terms = {
        "kl": lambda a, b: b if a == 0 else a * mpmath.log(a / b) - a + b,
        "js": lambda a, b: (
            ((a * mpmath.log(2 * a / (a + b)) if a else 0) + (b * mpmath.log(2 * b / (a + b)) if b else 0)) / 2
        ),
        "tv": lambda a, b: abs(a - b) / 2,
        "pearson": lambda a, b: (a - b) ** 2 / b,
        "hellinger²": lambda a, b: (mpmath.sqrt(a) - mpmath.sqrt(b)) ** 2,
    }
    with mpmath.workdps(DPS):
        for name, term in terms.items():
            expected = _float(mpmath.fsum(count * term(MP(pv), MP(qv)) for pv, qv, count in kinds))
            assert_close(NAMED[name][0](p, q), expected, EXACT_SUM)
    assert dv.neyman_chi2(p, q) == math.inf
    assert dv.kl_divergence(q, p) == math.inf
    for row in ROWS:
        f, c, f0, _ = _row_parts(row.name)
        with mpmath.workdps(DPS):
            cm = MP(c)
            expected = _float(
                mpmath.fsum(
                    count * (MP(qv) * (MP(f0) + cm) if pv == 0 else MP(qv) * (f(MP(pv) / qv) - cm * (MP(pv) / qv - 1)))
                    for pv, qv, count in kinds
                )
            )
        pk, qk, counts = (np.array(column, dtype=np.float64) for column in zip(*kinds, strict=True))
        assert_close(row.divergence(p, q), expected, _row_tolerance(row, pk, qk, counts))


# ---------------------------------------------------------------------------
# Losses from logits
# ---------------------------------------------------------------------------

_LOGIT_EXTREMES = [-800.0, -745.1, -745.0, -709.0, -40.0, -36.7, -34.0, -1e-300, 0.0, 1e-300, 34.0, 36.7, 40.0, 709.0]
_LOGITS = st.one_of(st.floats(-800.0, 800.0, allow_nan=False), st.sampled_from(_LOGIT_EXTREMES))
_TARGETS = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0, allow_nan=False))


def _mp_softplus(x: mpmath.mpf) -> mpmath.mpf:
    return mpmath.log1p(mpmath.exp(x))


def _mp_sigmoid(x: mpmath.mpf) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-x))


def _elementwise(fn: Callable[[mpmath.mpf], mpmath.mpf], x: Array) -> Array:
    with mpmath.workdps(DPS):
        return np.array([_float(fn(MP(float(v)))) for v in x])


@given(st.lists(_LOGITS, min_size=1, max_size=4), _TARGETS)
def test_losses_from_logits_match_mpmath(logits: list[float], target: float) -> None:
    ell = np.array(logits)
    t = MP(target)
    assert_close(L.softplus(ell), _elementwise(_mp_softplus, ell), ELEMENTWISE)
    assert_close(L.sigmoid(ell), _elementwise(_mp_sigmoid, ell), ELEMENTWISE)
    assert_close(L.log_sigmoid(ell), _elementwise(lambda x: -_mp_softplus(-x), ell), ELEMENTWISE)
    assert_close(L.generator_loss_minimax(ell), _elementwise(lambda x: -_mp_softplus(x), ell), ELEMENTWISE)
    assert_close(L.generator_loss_nonsaturating(ell), _elementwise(lambda x: _mp_softplus(-x), ell), ELEMENTWISE)
    bce = _elementwise(lambda x: t * _mp_softplus(-x) + (1 - t) * _mp_softplus(x), ell)
    assert_close(L.bce_with_logits(ell, target), bce, ELEMENTWISE)
    # σ(ℓ) − 1 = −σ(−ℓ): at 50 digits, 1 − σ(ℓ) itself would cancel to nothing for ℓ > 115
    gradient = _elementwise(lambda x: -_mp_sigmoid(-x) if t == 1 else _mp_sigmoid(x) - t, ell)
    assert_close(L.bce_logit_gradient(ell, target), gradient, ELEMENTWISE if target in (0.0, 1.0) else SOFT_GRADIENT)
    costs = L.GENERATOR_COSTS
    assert_close(costs["minimax"].d_logit(ell), _elementwise(lambda x: -_mp_sigmoid(x), ell), ELEMENTWISE)
    assert_close(costs["non-saturating"].d_logit(ell), _elementwise(lambda x: -_mp_sigmoid(-x), ell), ELEMENTWISE)
    with mpmath.workdps(DPS):
        mean = _float(mpmath.fsum(MP(float(v)) for v in bce) / len(bce))
    assert_close(L.discriminator_loss(ell, ell, real_target=target, fake_target=target), 2 * mean, ELEMENTWISE)
    # e^ℓ overflows float64 above log(max) = 709.7827…; the last ulps below it are left out, where it rounds to max
    if (ell <= 709.78).all():
        ml = _elementwise(lambda x: -mpmath.exp(x), ell)
        assert_close(L.generator_loss_maximum_likelihood(ell), ml, ELEMENTWISE)
        assert_close(costs["maximum-likelihood"].d_logit(ell), ml, ELEMENTWISE)
    elif (ell >= 709.79).any():
        with pytest.raises(ValueError, match="overflow"):
            L.generator_loss_maximum_likelihood(ell)
        with pytest.raises(ValueError, match="overflow"):
            costs["maximum-likelihood"].d_logit(ell)


# ---------------------------------------------------------------------------
# Quadrature: narrow and distant mixture components
# ---------------------------------------------------------------------------

#: Breakpoints for mpmath.quad, in units of σ around every component's mean.
_MP_STEPS = (-40, -16, -8, -4, -2, 0, 2, 4, 8, 16, 40)


def _mp_logpdf(d: GaussianMixture) -> Callable[[mpmath.mpf], mpmath.mpf]:
    comps = [
        (
            mpmath.log(MP(float(w))) - mpmath.log(MP(float(s))) - mpmath.log(mpmath.sqrt(2 * mpmath.pi)),
            MP(float(m)),
            MP(float(s)),
        )
        for w, m, s in zip(d.weights, d.means, d.sigmas, strict=True)
    ]

    def logpdf(x: mpmath.mpf) -> mpmath.mpf:
        terms = [c - ((x - m) / s) ** 2 / 2 for c, m, s in comps]
        top = max(terms)
        return top + mpmath.log(mpmath.fsum(mpmath.exp(t - top) for t in terms))

    return logpdf


def _mp_integral(
    integrand: Callable[[mpmath.mpf, mpmath.mpf], mpmath.mpf], p: GaussianMixture, q: GaussianMixture
) -> float:
    """mpmath.quad of integrand(log p, log q) over ±40σ of every component, cut at each component's breakpoints."""
    with mpmath.workdps(DPS):
        lp, lq = _mp_logpdf(p), _mp_logpdf(q)
        cuts = sorted(
            {
                MP(float(m)) + k * MP(float(s))
                for d in (p, q)
                for m, s in zip(d.means, d.sigmas, strict=True)
                for k in _MP_STEPS
            }
        )
        value, error = mpmath.quad(lambda x: integrand(lp(x), lq(x)), cuts, error=True)
        assert error < mpmath.mpf(10) ** -30 * (1 + abs(value))
        return _float(value)


def _mp_js(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    lm = max(a, b) + mpmath.log1p(mpmath.exp(-abs(a - b))) - mpmath.log(2)
    return (mpmath.exp(a) * (a - lm) + mpmath.exp(b) * (b - lm)) / 2


def _mp_kl(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    return mpmath.exp(a) * (a - b)


def _mp_virtual_criterion(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    ls = max(a, b) + mpmath.log1p(mpmath.exp(-abs(a - b)))
    return mpmath.exp(a) * (a - ls) + mpmath.exp(b) * (b - ls)


#: Document 000's data (modes at ±2, σ = 0.5).
BIMODAL = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
#: A component of width 0.01 on top of a wide one, against a mixture with a component of width 0.02 next to it.
NARROW_P = GaussianMixture([0.7, 0.3], [-1.0, 3.0], [1.0, 0.01])
NARROW_Q = GaussianMixture([0.6, 0.4], [0.0, 3.02], [2.0, 0.02])
#: A narrow density against a wide one with a second, narrow component 50 away.
FAR_Q = GaussianMixture([0.5, 0.5], [0.0, 50.0], [1.0, 0.01])

QUADRATURE_CASES = {
    "JS, document 000's mixture against N(0, 1)": (quad.js_divergence, _mp_js, BIMODAL, gaussian(0.0, 1.0)),
    "KL, narrow components on wide ones": (quad.kl_divergence, _mp_kl, NARROW_P, NARROW_Q),
    "C(G), narrow density against a far narrow component": (
        quad.virtual_criterion,
        _mp_virtual_criterion,
        gaussian(0.0, 1e-3),
        FAR_Q,
    ),
}


@pytest.mark.parametrize("name", list(QUADRATURE_CASES))
def test_quadrature_matches_mpmath_quad(name: str) -> None:
    ours, integrand, p, q = QUADRATURE_CASES[name]
    expected = _mp_integral(integrand, p, q)
    assert_close(ours(p, q), expected, README_PROMISE if p is BIMODAL else QUADRATURE_MP)


def test_quadrature_js_of_distant_narrow_gaussians_is_log2() -> None:
    # p and q overlap by e^(−500000): their JS is log 2 to all 50 digits
    with mpmath.workdps(DPS):
        expected = _float(mpmath.log(2))
    assert_close(quad.js_divergence(gaussian(-10.0, 0.01), gaussian(10.0, 0.01)), expected, QUADRATURE_MP)


def test_quadrature_tv_of_distant_narrow_components_matches_mpmath_cdfs() -> None:
    # p − q = ½[N(30, 0.1²) − N(30.05, 0.1²)] (the components at −30 cancel): one crossing at 30.025,
    # TV = ½·(Φ(0.25) − Φ(−0.25)) with Φ the standard normal CDF
    p = GaussianMixture([0.5, 0.5], [-30.0, 30.0], [0.1, 0.1])
    q = GaussianMixture([0.5, 0.5], [-30.0, 30.05], [0.1, 0.1])
    with mpmath.workdps(DPS):
        half_gap = (MP(30.05) - MP(30.0)) / 2 / MP(0.1)
        expected = _float((mpmath.ncdf(half_gap) - mpmath.ncdf(-half_gap)) / 2)
    assert_close(quad.total_variation(p, q), expected, QUADRATURE_MP)
