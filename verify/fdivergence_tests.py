"""Tests of f-divergence generators and of the rows of f-GAN's Table 6 (conjugate, activation, f′(1)).

A generator f is valid when it is convex on (0, ∞) with f(1) = 0 (:func:`convex_on_positive_reals`,
:func:`vanishes_at_one`). A row of the table (:class:`gantheory.fdivergences.FDivergence`) is right when
its printed conjugate f* is the supremum sup_{u>0} (t·u − f(u)) on the printed dom f*
(:func:`conjugate_matches`, :func:`fenchel_young`), its output activation g_f maps ℝ into dom f* and
reaches every optimal critic value f′(u) (:func:`activation_fits`), and its printed f′(1) is the
derivative, or a subgradient, of f at 1 (:func:`threshold_holds`). Each test takes the subject first
and the running check's context second, as :class:`verify.model.Check` calls it.

The cases and tests of the other f-divergence claims (:mod:`verify.claims.fdivergences`) follow: pmf,
mixture and Gaussian pairs, the f-GAN objective at a critic (FGAN-GENERAL), LSGAN's criterion against a
divergence (FDIV-CHI2-LSGAN) and Theorem 1's identity and minimisers (LSGAN-THM).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp
from numpy.typing import NDArray

from gantheory import discriminator as disc
from gantheory import fdivergences as FD
from gantheory import losses as L
from gantheory import symbolic as S
from gantheory.densities import GaussianMixture, gaussian
from gantheory.fdivergences import FDivergence
from verify.cases import BIMODAL, random_pmf_pairs
from verify.checks import Case
from verify.context import Context
from verify.model import Outcome
from verify.proof import Inconclusive, prove_identity, time_limit
from verify.tolerance import CONJUGATE, IDENTITY, Tolerance, compare

__all__ = [
    "COMMON_CODING",
    "FENCHEL_YOUNG",
    "MAO_CHI2",
    "MAO_CODING",
    "TABLE6",
    "Bound",
    "Critic",
    "Threshold",
    "activation_fits",
    "activations_fit",
    "below_divergence",
    "clipped",
    "conjugate_matches",
    "convex_on_positive_reals",
    "domain_text",
    "fenchel_young",
    "full_support_pmf_pairs",
    "gaussian_pairs",
    "identity_fails",
    "lsgan_minimiser",
    "lsgan_vs_chi2",
    "moderate_mixture_pairs",
    "rows_by_pairs",
    "same_ordering",
    "swapped_witness",
    "threshold_holds",
    "tightness",
    "twice_lsgan",
    "vanishes_at_one",
]

Array = NDArray[np.float64]
u, v = FD.u, FD.v
a, b = S.a, S.b

#: Fenchel–Young residuals f(u) + f*(t) − u·t at u ∈ [1e-3, 1e3].
FENCHEL_YOUNG = Tolerance(
    rtol=1e-10,
    atol=1e-12,
    why=(
        "three float64 terms of size up to ~1e13 (f* at t = 30 for KL); near the edge of dom f* the printed "
        "conjugates lose up to log10(u) ≤ 3 digits to cancellation (2 − e^t for JS at u = 1e3), so residuals "
        "are ~1e-13 of the summands; 1e-10 of their sum leaves three orders of headroom"
    ),
)


@cache
def _limit(expr: sp.Expr, symbol: sp.Symbol, point: sp.Expr, direction: str = "+") -> sp.Expr:
    return sp.limit(expr, symbol, point, direction)


_W = sp.Symbol("w", positive=True)


@cache
def _limit_in_v(g: sp.Expr, side: int) -> sp.Expr:
    """lim g(v) as v → ±∞, computed as a limit in w = e^{−v} (w → 0+ or w → ∞), which sympy does much faster."""
    in_w = sp.expand_log(g.rewrite(sp.exp).subs(v, -sp.log(_W)), force=True)  # force: w > 0
    return sp.limit(in_w, _W, 0, "+") if side > 0 else sp.limit(in_w, _W, sp.oo)


def _le(x: sp.Expr, y: sp.Expr) -> bool:
    """x ≤ y for exact real numbers (±oo included)."""
    rel = sp.Le(x, y)
    if rel in (sp.true, sp.false):
        return bool(rel)
    fx, fy = float(x), float(y)
    return fx <= fy + IDENTITY.atol * (1.0 + abs(fy))


_POS = sp.Interval.open(0, sp.oo)


def convex_on_positive_reals(subject: tuple[tuple[str, sp.Expr], ...], ctx: Context) -> Outcome:
    """f″ ≥ 0 on (0, ∞) in the sense of distributions: a non-negative regular part and non-negative atoms."""
    grid = np.logspace(-3, 3, 241)
    found: dict[str, dict[str, str]] = {}
    for name, f in subject:
        d2 = sp.diff(f, u, 2)
        deltas = sorted(d2.atoms(sp.DiracDelta), key=str)
        regular = d2.subs({d: 0 for d in deltas})
        atoms_ok = all(bool(sp.simplify(d2.coeff(d).subs(u, sp.solve(d.args[0], u)[0])) >= 0) for d in deltas)
        try:
            with time_limit(ctx.profile.symbolic_timeout_s):
                regular = sp.simplify(regular)
                bad = sp.solve_univariate_inequality(regular < 0, u, relational=False, domain=_POS)
        except (TimeoutError, NotImplementedError) as exc:
            bad = None
            reason = f"{type(exc).__name__}"
        with np.errstate(all="ignore"):
            values = np.broadcast_to(np.asarray(sp.lambdify(u, regular, "numpy")(grid), dtype=float), grid.shape)
        numeric_neg = bool((values < -IDENTITY.atol).any())
        if bad is None:
            if numeric_neg:
                bad_text = f"f″ < 0 at u = {grid[values < -IDENTITY.atol][0]:.4g} (numeric; sympy: {reason})"
            else:
                raise Inconclusive(f"sympy could not decide the sign of f″ = {regular} for {name} ({reason})")
        else:
            if (bad is sp.S.EmptySet) == numeric_neg:
                raise Inconclusive(f"sympy ({bad}) and the grid disagree on the sign of f″ for {name}")
            bad_text = str(bad)
        found[name] = {"f''": sp.sstr(d2), "f'' < 0 on": bad_text, "atoms non-negative": str(atoms_ok)}
    failing = [n for n, r in found.items() if r["f'' < 0 on"] != "EmptySet" or r["atoms non-negative"] != "True"]
    return Outcome.decide(
        not failing,
        "f″ ≥ 0 on (0, ∞) for every generator (regular part by sympy's solve_univariate_inequality, atoms at kinks "
        "non-negative), confirmed on a 241-point log grid"
        if not failing
        else f"f″ takes negative values for {', '.join(failing)}",
        counterexample={n: found[n] for n in failing},
        second_derivatives=found,
    )


def vanishes_at_one(subject: tuple[tuple[str, sp.Expr], ...], ctx: Context) -> Outcome:
    """f(1) simplifies to 0 for every (name, f) of the subject."""
    values = {}
    for name, f in subject:
        with time_limit(ctx.profile.symbolic_timeout_s):
            values[name] = sp.simplify(f.subs(u, 1))
    failing = {n: sp.sstr(x) for n, x in values.items() if x != 0}
    return Outcome.decide(
        not failing,
        "f(1) simplifies to 0 for every generator" if not failing else f"f(1) ≠ 0 for {', '.join(failing)}",
        counterexample=failing,
        f_at_1={n: sp.sstr(x) for n, x in values.items()},
    )


def _random_in(domain: sp.Interval, rng: np.random.Generator, n: int) -> Array:
    """Random points of an interval: uniform on bounded ones, log-uniform distances 1e-3–30 from a finite end."""
    lo, hi = float(domain.inf), float(domain.sup)
    dist = 10.0 ** rng.uniform(-3, np.log10(30.0), n)
    if np.isfinite(lo) and np.isfinite(hi):
        return rng.uniform(lo, hi, n)
    if np.isfinite(hi):
        return hi - dist
    if np.isfinite(lo):
        return lo + dist
    return np.where(rng.random(n) < 0.5, -dist, dist)


def _t_points(domain: sp.Interval, ctx: Context, n: int = 8) -> Array:
    return np.unique(np.concatenate([FD.points_spanning(domain), _random_in(domain, ctx.rng("t-points"), n)]))


def domain_text(domain: sp.Interval) -> str:
    """A sympy interval as an inequality in t ("t < log(2)", "−1/2 ≤ t ≤ 1/2", "ℝ")."""
    lo, hi = domain.inf, domain.sup
    if lo == -sp.oo and hi == sp.oo:
        return "ℝ"
    left = "" if lo == -sp.oo else f"{sp.sstr(lo)} {'<' if domain.left_open else '≤'} "
    right = "" if hi == sp.oo else f" {'<' if domain.right_open else '≤'} {sp.sstr(hi)}"
    return f"{left}t{right}"


def conjugate_matches(row: FDivergence, ctx: Context) -> Outcome:
    pts = _t_points(row.domain, ctx)
    printed = row.conjugate_numeric(pts)
    sup = np.array([FD.conjugate_by_supremum(row.f_numeric, x) for x in pts])
    with np.errstate(invalid="ignore"):
        ok = np.isclose(printed, sup, rtol=CONJUGATE.rtol, atol=CONJUGATE.atol)
    cmp = compare(printed, sup, CONJUGATE)
    where = (
        ""
        if ok.all()
        else f"; disagrees at {int((~ok).sum())} of {pts.size} points, t ∈ [{pts[~ok].min():.4g}, {pts[~ok].max():.4g}]"
    )
    return Outcome.decide(
        bool(ok.all()),
        f"printed f* against sup_u (t·u − f(u)) at {pts.size} points spanning {domain_text(row.domain)}: "
        f"{cmp.describe()} ({CONJUGATE}){where}",
        counterexample={"t": float(pts[cmp.worst_index]), "printed": cmp.worst_actual, "supremum": cmp.worst_expected},
        points=pts.size,
        t_range=[float(pts.min()), float(pts.max())],
        max_abs_error=cmp.max_abs_error,
        failing_t=pts[~ok],
    )


def activation_fits(row: FDivergence, ctx: Context) -> Outcome:
    """g_f(ℝ) ⊆ dom f*, and the closure of g_f(ℝ) contains every optimal critic value f′(u), u > 0."""
    g_ends = (_limit_in_v(row.activation, -1), _limit_in_v(row.activation, 1))
    grid = np.linspace(-15.0, 15.0, 301)
    steps = np.diff(row.activation_numeric(grid))
    monotone = bool((steps > 0).all() or (steps < 0).all())
    g_lo, g_hi = sorted(g_ends, key=lambda x: float(x))
    wide = np.linspace(-30.0, 30.0, 601)
    inside_numeric = bool(FD.in_domain(row.domain, row.activation_numeric(wide)).all())
    fp_lo, fp_hi = _limit(row.f_prime, u, 0, "+"), _limit(row.f_prime, u, sp.oo, "-")
    into = _le(row.domain.inf, g_lo) and _le(g_hi, row.domain.sup)
    covers = _le(g_lo, fp_lo) and _le(fp_hi, g_hi)
    ok = monotone and inside_numeric and into and covers
    facts = {
        "g_f(ℝ)": f"({sp.sstr(g_lo)}, {sp.sstr(g_hi)})",
        "dom f*": domain_text(row.domain),
        "f′((0, ∞))": f"({sp.sstr(fp_lo)}, {sp.sstr(fp_hi)})",
        "g_f monotone": monotone,
        "g_f on [−30, 30] inside dom f*": inside_numeric,
    }
    return Outcome.decide(
        ok,
        f"g_f maps ℝ onto {facts['g_f(ℝ)']}, {'inside' if into else 'not inside'} dom f* = {facts['dom f*']}, and "
        f"{'covers' if covers else 'does not cover'} the optimal critic values f′(u) ∈ {facts['f′((0, ∞))']}",
        counterexample=facts,
        **facts,
    )


def activations_fit(rows: tuple[FDivergence, ...], ctx: Context) -> Outcome:
    results = {r.name: activation_fits(r, ctx) for r in rows}
    failing = [n for n, o in results.items() if not o.holds]
    directions = {
        r.name: "decreasing" if float(np.diff(r.activation_numeric(np.array([0.0, 1.0])))[0]) < 0 else "increasing"
        for r in rows
    }
    return Outcome.decide(
        not failing,
        "; ".join(f"{n} ({directions[n]}): {o.summary}" for n, o in results.items()),
        counterexample={n: results[n].summary for n in failing},
        directions=directions,
    )


@dataclass(frozen=True)
class Threshold:
    """A printed f′(1), read as a derivative or as a subgradient of f at 1."""

    f: sp.Expr
    value: sp.Expr
    reading: str = "derivative"


def threshold_holds(subject: Threshold, ctx: Context) -> Outcome:
    d = sp.diff(subject.f, u)
    if d.has(sp.sign, sp.Abs, sp.Piecewise, sp.Heaviside):
        left, right = _limit(d, u, sp.Integer(1), "-"), _limit(d, u, sp.Integer(1), "+")
    else:  # f′ is an elementary expression defined at 1, hence continuous there: both one-sided derivatives are f′(1)
        left = right = sp.simplify(d.subs(u, 1))
    differentiable = sp.simplify(left - right) == 0
    if subject.reading == "derivative":
        ok = differentiable and sp.simplify(left - subject.value) == 0
        how = "the derivative f′(1)"
    else:
        ok = _le(left, subject.value) and _le(subject.value, right)
        how = "a subgradient of f at 1 (left derivative ≤ value ≤ right derivative)"
    return Outcome.decide(
        ok,
        f"one-sided derivatives of f at 1 (sympy limits of f′): left {sp.sstr(left)}, right {sp.sstr(right)}; "
        f"{sp.sstr(subject.value)} {'is' if ok else 'is not'} {how}",
        counterexample={
            "left": sp.sstr(left),
            "right": sp.sstr(right),
            "claimed": sp.sstr(subject.value),
            "reading": subject.reading,
        },
        left_derivative=sp.sstr(left),
        right_derivative=sp.sstr(right),
    )


def fenchel_young(row: FDivergence, ctx: Context) -> Outcome:
    """f(u) + f*(t) ≥ u·t on a grid of u × t in dom f*, with equality at t = f′(u)."""
    rng = ctx.rng("fenchel-young")
    us = np.unique(np.concatenate([np.logspace(-3, 3, 25), 10.0 ** rng.uniform(-3, 3, 8)]))
    ts = _t_points(row.domain, ctx)
    fu, fs = row.f_numeric(us), row.conjugate_numeric(ts)
    ut = us[:, None] * ts[None, :]
    gap = fu[:, None] + fs[None, :] - ut
    allowed = FENCHEL_YOUNG.atol + FENCHEL_YOUNG.rtol * (np.abs(fu)[:, None] + np.abs(fs)[None, :] + np.abs(ut))
    with np.errstate(invalid="ignore"):
        violated = ~(gap >= -allowed)
    tp = row.f_prime_numeric(us)
    tp_inside = FD.in_domain(row.domain, tp)
    fs_tp = row.conjugate_numeric(tp)
    eq_gap = fu + fs_tp - us * tp
    eq_allowed = FENCHEL_YOUNG.atol + FENCHEL_YOUNG.rtol * (np.abs(fu) + np.abs(fs_tp) + np.abs(us * tp))
    with np.errstate(invalid="ignore"):
        not_tight = ~(np.abs(eq_gap) <= eq_allowed) | ~tp_inside
    ok = not violated.any() and not not_tight.any()
    counter: dict[str, float | str] = {}
    if violated.any():
        i, j = np.argwhere(violated)[0]
        counter = {"u": us[i], "t": ts[j], "f(u) + f*(t) − u·t": gap[i, j]}
    elif not_tight.any():
        i = int(np.argmax(not_tight))
        counter = {"u": us[i], "t = f′(u)": tp[i], "in dom f*": bool(tp_inside[i]), "f(u) + f*(t) − u·t": eq_gap[i]}
    return Outcome.decide(
        ok,
        f"Fenchel–Young on {us.size} × {ts.size} (u, t) pairs: "
        + ("f(u) + f*(t) ≥ u·t everywhere, with equality at t = f′(u)" if ok else "violated or not tight at t = f′(u)")
        + f" ({FENCHEL_YOUNG})",
        counterexample=counter,
        pairs=int(us.size * ts.size),
        min_gap=float(np.nanmin(gap)) if np.isfinite(gap).any() else float("nan"),
        max_equality_residual=float(np.nanmax(np.abs(eq_gap))) if np.isfinite(eq_gap).any() else float("nan"),
    )


# -- Cases of the f-divergence claims -----------------------------------------


def full_support_pmf_pairs(ctx: Context) -> list[Case]:
    """Pmf pairs with every entry ≥ ~1e-3 (density ratios within [1e-3, 1e3])."""
    rng = ctx.rng("full-support-pmf-pairs")
    cases = [
        Case("equal", (np.full(4, 0.25), np.full(4, 0.25))),
        Case("far apart", (np.array([0.97, 0.01, 0.01, 0.01]), np.array([0.01, 0.01, 0.01, 0.97]))),
    ]
    for i in range(ctx.profile.random_cases):
        n = int(rng.integers(2, 33))
        p = rng.dirichlet(np.ones(n)) + 1e-3
        q = rng.dirichlet(np.ones(n)) + 1e-3
        cases.append(Case(f"random pmf pair {i} (n={n})", (p / p.sum(), q / q.sum())))
    return cases


def moderate_mixture_pairs(ctx: Context) -> list[Case]:
    """Mixture pairs whose log-ratio stays within ±350 wherever either density exceeds 1e-20.

    Means in [−3, 3] and standard deviations in [0.5, 1.5] keep p/q inside float64 where it matters, so the
    f-divergence integrand q·f(p/q), formed from the ratio, is exact to rounding (see :func:`clipped`).
    """
    rng = ctx.rng("moderate-mixture-pairs")
    cases = [
        Case("bimodal data vs N(0, 1)", (BIMODAL, gaussian(0.0, 1.0))),
        Case("bimodal data vs N(2, 0.8²)", (BIMODAL, gaussian(2.0, 0.8))),
        Case("N(0, 1) vs N(0.7, 1)", (gaussian(0.0, 1.0), gaussian(0.7, 1.0))),
    ]
    for i in range(max(2, ctx.profile.random_cases // 4)):
        pair = []
        for _ in range(2):
            k = int(rng.integers(1, 4))
            pair.append(GaussianMixture(rng.dirichlet(np.ones(k)), rng.uniform(-3, 3, k), rng.uniform(0.5, 1.5, k)))
        cases.append(Case(f"random mixture pair {i}", tuple(pair)))
    return cases


def clipped(gen: FDivergence) -> Callable[[Array], Array]:
    """f on ratios clipped to [1e-300, 1e300]: the clip only acts where both densities are below ~1e-20
    for :func:`moderate_mixture_pairs`, and keeps q·f(p/q) finite where the ratio under- or overflows."""
    return lambda r: gen.f_numeric(np.clip(r, 1e-300, 1e300))


def gaussian_pairs(ctx: Context) -> list[Case]:
    """(μ1, σ1, μ2, σ2) with 1.1·σ1 ≤ σ2 ≤ 2·σ1, so that χ²(N1 ‖ N2) is finite and p/q bounded."""
    rng = ctx.rng("gaussian-pairs")
    cases = [Case("N(0, 1) vs N(0.5, 1.5²)", (0.0, 1.0, 0.5, 1.5))]
    for i in range(max(3, ctx.profile.random_cases // 3)):
        s1 = float(rng.uniform(0.5, 1.5))
        m1, m2, s2 = float(rng.uniform(-2, 2)), float(rng.uniform(-2, 2)), s1 * float(rng.uniform(1.1, 2.0))
        cases.append(Case(f"random Gaussian pair {i}", (m1, s1, m2, s2)))
    return cases


# -- FDIV-CHI2-LSGAN: LSGAN's criterion against a divergence ------------------

#: Mao et al.'s example coding satisfying b − c = 1, b − a = 2 (LSGAN's Theorem 1, as transcribed).
MAO_CODING = (-1, 1, 0)
#: The 0-1 coding a = 0, b = c = 1 (LSGAN's §3.2, as transcribed).
COMMON_CODING = (0, 1, 1)


def _generator_families(ctx: Context) -> list[tuple[str, Array, list[Array]]]:
    """A few p_data, each with 24 candidate generators: random pmfs on the same support."""
    rng = ctx.rng("generator-families")
    families = []
    for i in range(max(3, ctx.profile.random_cases // 4)):
        n = int(rng.integers(3, 9))
        p = rng.dirichlet(np.ones(n))
        families.append((f"family {i} (n={n})", p, [rng.dirichlet(np.ones(n)) for _ in range(24)]))
    return families


def same_ordering(divergence: Callable[[Array, Array], float], ctx: Context) -> Outcome:
    """LSGAN's C(G) and the divergence never rank two candidate generators in opposite orders."""
    pairs = 0
    for name, p, qs in _generator_families(ctx):
        c = np.array([disc.lsgan_criterion(p, q, *MAO_CODING) for q in qs])
        d = np.array([divergence(p, q) for q in qs])
        dc, dd = c[:, None] - c[None, :], d[:, None] - d[None, :]
        # ties within IDENTITY's floor are not rankings
        tol_c, tol_d = IDENTITY.atol * (1 + np.abs(c))[:, None], IDENTITY.atol * (1 + np.abs(d))[:, None]
        discordant = ((dc > tol_c) & (dd < -tol_d)) | ((dc < -tol_c) & (dd > tol_d))
        pairs += len(qs) * (len(qs) - 1) // 2
        if discordant.any():
            i, j = np.argwhere(discordant)[0]
            return Outcome.failed(
                f"{name}: C(G) and the divergence rank two generators in opposite orders (C: {c[i]:.6g} vs "
                f"{c[j]:.6g}; divergence: {d[i]:.6g} vs {d[j]:.6g})",
                counterexample={
                    "p_data": p,
                    "p_g 1": qs[i],
                    "p_g 2": qs[j],
                    "C": [c[i], c[j]],
                    "divergence": [d[i], d[j]],
                },
                discordant_pairs=int(discordant.sum()) // 2,
            )
    return Outcome.passed(f"no discordant pair among {pairs} pairs of candidate generators", pairs=pairs)


# -- FGAN-GENERAL: f-GAN's objective at a critic ------------------------------

TABLE6 = FD.table()  # π = 3/10, α = 1/2, α = 2

Critic = Callable[[FDivergence, Array, Array], Array]
Bound = Callable[[FDivergence, Array, Array, Array], float]


def rows_by_pairs(ctx: Context) -> list[Case]:
    pairs = full_support_pmf_pairs(ctx)[: 2 + max(2, ctx.profile.random_cases // 3)]
    return [Case(f"{row.name}: {c.name}", (i, *c.value)) for i, row in enumerate(TABLE6) for c in pairs]


def tightness(subject: tuple[Critic, Bound], case: tuple[int, Array, Array]) -> tuple[float, float]:
    (critic, bound), (i, p, q) = subject, case
    row = TABLE6[i]
    return bound(row, p, q, critic(row, p, q)), row.divergence(p, q)


def swapped_witness() -> tuple[int, tuple[Array, Array], list[float]]:
    """KL row, P = (0.99, 0.01), Q = (½, ½), V at the swapped problem's optimal critic 1 + log(q/p).

    KL(P‖Q) = 0.637 < KL(Q‖P) = 1.614, so an objective with P and Q swapped reaches
    1.614 > D_f(P‖Q) there: a witness that refuting the swapped control needs no search luck.
    """
    i = next(k for k, r in enumerate(TABLE6) if r.name == "kl")
    p, q = np.array([0.99, 0.01]), np.array([0.5, 0.5])
    v = 1.0 + np.log(q / p)  # g_f(v) = v for the KL row
    return i, (p, q), [float(v[0]), float(v[1]), 0.0, 0.0, 0.0, 0.0]


def below_divergence(bound: Bound, case: tuple[int, tuple[Array, Array], list[float]]) -> bool:
    i, (p, q), raw = case
    row = TABLE6[i]
    critic = row.activation_numeric(np.asarray(raw[: p.size]))
    value, d = bound(row, p, q, critic), row.divergence(p, q)
    return bool(value <= d + IDENTITY.atol + IDENTITY.rtol * (abs(d) + float(np.abs(critic).max())))


# -- LSGAN-THM: Theorem 1's identity and the minimiser of other codings -------

#: Mao et al.'s χ²_Pearson(P‖Q) = ∫ (Q − P)²/P (f-GAN Table 1's orientation, as transcribed), P = p + q, Q = 2q.
MAO_CHI2 = (2 * b - (a + b)) ** 2 / (a + b)


def _mao_chi2(p: Array, q: Array) -> float:
    s = p + q
    live = s > 0
    return float(((2 * q[live] - s[live]) ** 2 / s[live]).sum())


def lsgan_vs_chi2(coding: tuple[float, float, float], case: tuple[Array, Array]) -> tuple[float, float]:
    p, q = case
    return 2 * disc.lsgan_criterion(p, q, *coding), _mao_chi2(p, q)


def lsgan_generator_vs_decomposition(
    subject: tuple[tuple[float, float, float], float, float], case: tuple[Array, Array]
) -> tuple[float, float]:
    """2C(G) summed from the generator's per-sample cost at the optimal D, against factor·χ² + constant.

    C(G) = E_{p_d}[½(D* − c)²] + E_{p_g}[½(D* − c)²], the criterion with its constant term, each
    ½(D* − c)² from :func:`gantheory.losses.lsgan_generator_loss`; the right side is the closed form of
    LSGAN-THM.c's decomposition, which needs no gantheory function.
    """
    (code_a, code_b, code_c), factor, constant = subject
    p, q = case
    cost = L.lsgan_generator_loss(disc.lsgan_optimal_discriminator(p, q, code_a, code_b), code_c)
    return 2 * float(p @ cost + q @ cost), factor * _mao_chi2(p, q) + constant


def twice_lsgan(code_a: sp.Expr, code_b: sp.Expr, code_c: sp.Expr) -> sp.Expr:
    return 2 * S.lsgan_criterion_integrand(code_a, code_b, code_c)


def identity_fails(coding: tuple[float, float, float], ctx: Context) -> Outcome:
    worst, at = 0.0, None
    for case in random_pmf_pairs(ctx):
        lhs, rhs = lsgan_vs_chi2(coding, case.value)
        excess = abs(lhs - rhs) - (IDENTITY.atol + IDENTITY.rtol * abs(rhs))
        if at is None or excess > worst:
            worst, at = excess, (case.name, lhs, rhs)
    assert at is not None
    fails = worst > 0
    return Outcome.decide(
        fails,
        f"largest excess of |2C(G) − χ²| over the allowance of {IDENTITY}, across {len(random_pmf_pairs(ctx))} pmf "
        f"pairs: {worst:.3g} on {at[0]} (2C = {at[1]:.6g}, χ² = {at[2]:.6g}): the identity "
        f"{'fails' if fails else 'holds on every pair'}",
        counterexample={"case": at[0], "2C": at[1], "chi2": at[2]},
        largest_excess=worst,
    )


def _lsgan_decomposition(coding: tuple[int, int, int]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """κ and the constant in 2C(G) = κ·χ²_Pearson(p_d + p_g‖2p_g) + const, with the pointwise identity behind it."""
    ca, cb, cc = (sp.Integer(x) for x in coding)
    alpha, beta, kappa = cb - cc, ca - cc, (cb - ca) ** 2 / 4
    # (αp + βq)²/(p + q) = κ(p − q)²/(p + q) + (α² − κ)p + (β² − κ)q; p and q integrate to 1
    rhs = kappa * MAO_CHI2 + (alpha**2 - kappa) * a + (beta**2 - kappa) * b
    return kappa, alpha**2 + beta**2 - 2 * kappa, rhs


def lsgan_minimiser(subject: tuple[tuple[int, int, int], bool], ctx: Context) -> Outcome:
    coding, claims_same = subject
    kappa, const, rhs = _lsgan_decomposition(coding)
    proof = prove_identity(
        twice_lsgan(*(sp.Integer(x) for x in coding)),
        rhs,
        rng=ctx.rng("decomposition"),
        timeout_s=ctx.profile.symbolic_timeout_s,
    )
    if not proof.holds:
        return Outcome.failed(
            f"the decomposition does not hold: {proof.describe()}", counterexample=proof.counterexample
        )
    same = bool(kappa > 0)
    return Outcome.decide(
        same == claims_same,
        f"sympy: 2C(G) = {sp.sstr(kappa)}·χ²_Pearson(p_d + p_g‖2p_g) + {sp.sstr(const)} ({proof.canonicaliser}); "
        + (
            "an increasing affine function, so G minimises the same divergence"
            if same
            else "constant in the divergence: G gets no signal"
        )
        + f"; the subject claims it {'does' if claims_same else 'does not'}",
        counterexample={"kappa": sp.sstr(kappa), "constant": sp.sstr(const)},
        kappa=sp.sstr(kappa),
        constant=sp.sstr(const),
    )
