"""Integral probability metrics, Wasserstein-1 duality, the Fréchet distance.

Catalog rows IPM-DEF, IPM-W1, WGAN-DUAL, WGAN-STABLE (split .a/.b), KR-DUALITY,
FID-GAUSS and METRICS (split .a/.b). IPMs are computed from their definition
as linear programs over the values of the critic on a finite support
(:mod:`gantheory.wasserstein`, scipy's HiGHS); the oracles are
``scipy.stats.wasserstein_distance``, POT's ``ot.emd2`` and
``ot.gaussian.bures_wasserstein_distance``, and closed forms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import linalg, optimize, stats

from gantheory import dirac
from gantheory import wasserstein as W
from gantheory.divergences import js_divergence, total_variation
from verify import references as ref
from verify.builders import claim, numeric_check, symbolic_check
from verify.checks import Case, agree_on_cases
from verify.context import Context
from verify.model import Change, Origin, Outcome
from verify.sources import D001, D003, paper, src
from verify.tolerance import Tolerance, compare

Array = NDArray[np.float64]
#: The duality theorem as the claims cite it.
KR_THEOREM = ref.VILLANI.at("Thm 5.10 and Remark 6.5")


def _ot():
    """POT, imported on first use: it imports torch when torch is installed (seconds), which
    should not slow down every import of the registry."""
    import ot

    return ot


#: Linear programs (HiGHS) against exact or network-simplex values.
LP = Tolerance(
    rtol=1e-9,
    atol=1e-11,
    why="HiGHS returns a vertex of the LP; its objective is a sum of ≤ 1600 products of float64 data, accurate to ~1e-14 (measured ≤ 2e-15 against ot.emd2 and scipy); 1e-9 relative leaves five orders of headroom while a factor-2 or TV-for-W1 error is refuted by orders of magnitude",
)

#: Matrix square roots of covariances.
MATRIX_SQRT = Tolerance(
    rtol=1e-9,
    atol=1e-10,
    why="square roots of SPD matrices with condition number ≲ 1e3, by eigendecomposition (ours, POT's) or Schur (scipy.linalg.sqrtm): relative error ~cond·eps ≈ 1e-13",
)

# -- Cases: discrete distributions on the line and in the plane ---------------


@dataclass(frozen=True)
class Discrete:
    """A discrete distribution: points (n, d) and weights (n,)."""

    points: Array
    weights: Array

    @property
    def mean(self) -> Array:
        return self.weights @ self.points

    @property
    def cov(self) -> Array:
        c = self.points - self.mean
        return (c * self.weights[:, None]).T @ c


Pair = tuple[Discrete, Discrete]


def _disc(points: Sequence, weights: Sequence | None = None) -> Discrete:
    x = np.asarray(points, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    w = np.full(x.shape[0], 1.0 / x.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    return Discrete(x, w / w.sum())


def _pairs(ctx: Context) -> list[Case]:
    """Named pairs and random pairs on the line and in the plane (different supports)."""
    rng = ctx.rng("discrete-pairs")
    cases = [
        Case("δ0 vs δ1", (_disc([0.0]), _disc([1.0]))),
        Case("scipy: {0, 1} vs {0}", (_disc([0.0, 1.0]), _disc([0.0]))),
        Case("scipy: {0, 1, 2} vs {1, 2, 3}", (_disc([0.0, 1.0, 2.0]), _disc([1.0, 2.0, 3.0]))),
        Case("2-D: unit square corners vs the origin", (_disc([[0, 0], [0, 1], [1, 0], [1, 1]]), _disc([[0.0, 0.0]]))),
    ]
    for i in range(ctx.profile.random_cases):
        d = 1 if i % 2 == 0 else 2
        n, m = int(rng.integers(1, 13)), int(rng.integers(1, 13))
        x = rng.normal(size=(n, d))
        y = rng.normal(size=(m, d)) * rng.uniform(0.5, 2.0) + rng.normal(size=d)
        p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(m))
        cases.append(Case(f"random {d}-D pair {i} ({n} vs {m} points)", (Discrete(x, p), Discrete(y, q))))
    return cases


def _emd_w1(p: Discrete, q: Discrete) -> float:
    return float(_ot().emd2(p.weights, q.weights, _ot().dist(p.points, q.points, metric="euclidean")))


def _w1_oracle(pq: Pair) -> float:
    """W1 from scipy (1-D) or POT's network simplex (2-D), Euclidean ground distance."""
    p, q = pq
    if p.points.shape[1] == 1:
        return float(stats.wasserstein_distance(p.points[:, 0], q.points[:, 0], p.weights, q.weights))
    return _emd_w1(p, q)


def _merged(pq: Pair) -> tuple[Array, Array, Array]:
    p, q = pq
    zp, zq = np.zeros(len(p.weights)), np.zeros(len(q.weights))
    return np.vstack([p.points, q.points]), np.concatenate([p.weights, zq]), np.concatenate([zp, q.weights])


# -- IPM-DEF ------------------------------------------------------------------


def _pmf_pairs(ctx: Context) -> list[Case]:
    rng = ctx.rng("pmf-pairs")
    cases = [
        Case("equal", (np.full(4, 0.25), np.full(4, 0.25))),
        Case("disjoint", (np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.3, 0.7]))),
    ]
    for i in range(ctx.profile.random_cases):
        n = int(rng.integers(2, 33))
        alpha = np.full(n, 0.5)
        cases.append(Case(f"random pmf pair {i} (n={n})", (rng.dirichlet(alpha), rng.dirichlet(alpha))))
    return cases


def _sup_ball_ipm(closed_form: Callable[[Array, Array], float], pq: tuple[Array, Array]) -> tuple[float, float]:
    p, q = pq
    return W.ipm(p, q, W.sup_norm_ball(p.size)).value, float(closed_form(p, q))


def _sup_lp(c: Array, fc: W.FunctionClass) -> float:
    res = optimize.linprog(-c, A_ub=fc.a_ub, b_ub=fc.b_ub, bounds=[fc.bounds] * fc.n, method="highs")
    if res.status != 0:
        raise ArithmeticError(res.message)
    return float(-res.fun)


def _infimum(p: Array, q: Array, fc: W.FunctionClass) -> float:
    # inf_f |E_P f − E_Q f|: 0 when the range [min, max] of E_P f − E_Q f contains 0
    hi, lo = _sup_lp(p - q, fc), -_sup_lp(q - p, fc)
    return 0.0 if lo <= 0.0 <= hi else min(abs(lo), abs(hi))


def _metric_axioms(definition: Callable[[Array, Array, W.FunctionClass], float], ctx: Context) -> Outcome:
    """Symmetry, d(P, P) = 0, triangle inequality; and d(P, Q) > 0 for P ≠ Q with the sup-norm ball."""
    rng = ctx.rng("triples")
    slack = 1e-12  # LP values are accurate to ~1e-15 here (LP tolerance)
    checked = 0
    for _ in range(max(4, ctx.profile.random_cases // 2)):
        n = int(rng.integers(2, 9))
        x = np.sort(rng.normal(size=n))
        p, q, r = (rng.dirichlet(np.ones(n)) for _ in range(3))
        # not closed under f ↦ −f, so the absolute value matters there
        for fc in (W.sup_norm_ball(n), W.lipschitz_functions(x), W.non_decreasing_functions(n)):
            named = (("P", p), ("Q", q), ("R", r))
            d = {(a, b): definition(u, v, fc) for a, u in named for b, v in named if a != b}
            dpp = definition(p, p, fc)
            problems = []
            if abs(dpp) > slack:
                problems.append(f"d(P, P) = {dpp:.3g}")
            for a, b in (("P", "Q"), ("Q", "R"), ("P", "R")):
                if abs(d[a, b] - d[b, a]) > slack:
                    problems.append(f"d({a}, {b}) = {d[a, b]:.6g} ≠ d({b}, {a}) = {d[b, a]:.6g}")
            if d["P", "R"] > d["P", "Q"] + d["Q", "R"] + slack:
                problems.append("triangle inequality fails")
            if fc.name.startswith("sup-norm") and d["P", "Q"] <= slack:
                problems.append(f"d(P, Q) = {d['P', 'Q']:.3g} although P ≠ Q")
            checked += 1
            if problems:
                return Outcome.failed(
                    f"over {fc.name} on {n} points: " + "; ".join(problems),
                    counterexample={"class": fc.name, "P": p, "Q": q, "R": r, "problems": problems},
                    triples_checked=checked,
                )
    return Outcome.passed(
        f"on {checked} (triple, class) combinations — sup-norm ball, 1-Lipschitz, monotone [0, 1]-valued — the definition is symmetric, zero on equal inputs, satisfies the triangle inequality, and separates P ≠ Q for the sup-norm ball",
        combinations=checked,
    )


def _closed_form_ipm(kind: str, x: Array, p: Array, q: Array) -> float:
    """d_F(P, Q) without a linear program: the class's closed form (its extreme points are known)."""
    if kind == "sup-norm":
        return float(np.abs(p - q).sum())
    if kind == "lipschitz":
        return float(stats.wasserstein_distance(x, x, p, q))  # 1-Lipschitz IPM on the line = W1 (Kantorovich)
    # non-decreasing [0, 1]-valued f: the extreme points are the indicators of the upper sets {x_i ≥ x_k}
    tails = np.concatenate([np.cumsum((p - q)[::-1])[::-1], [0.0]])
    return float(np.abs(tails).max())


def _attaining_cases(ctx: Context) -> list[Case]:
    """(name, class kind, points, P, Q): random pmf pairs on sorted points, and a witness for each class."""
    rng = ctx.rng("attaining-critic")
    x2, p2, q2 = np.array([0.0, 1.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0])
    # on the witness every non-decreasing f has E_P f − E_Q f = f_1 − f_2 ≤ 0: the supremum of |·| (= 1) is downward
    cases = [Case(f"{kind}: P = δ_0, Q = δ_1", (kind, x2, p2, q2)) for kind in ("sup-norm", "lipschitz", "monotone")]
    for i in range(max(4, ctx.profile.random_cases // 2)):
        n = int(rng.integers(2, 9))
        x = np.sort(rng.normal(size=n))
        p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
        cases.extend(
            Case(f"{kind}: random pair {i} (n={n})", (kind, x, p, q)) for kind in ("sup-norm", "lipschitz", "monotone")
        )
    return cases


_CLASSES: dict[str, Callable[[Array], W.FunctionClass]] = {
    "sup-norm": lambda x: W.sup_norm_ball(x.size),
    "lipschitz": lambda x: W.lipschitz_functions(x),
    "monotone": lambda x: W.non_decreasing_functions(x.size),
}


def _in_class(f: Array, fc: W.FunctionClass, slack: float) -> bool:
    lo, hi = fc.bounds
    inside = (lo is None or bool((f >= lo - slack).all())) and (hi is None or bool((f <= hi + slack).all()))
    return inside and (fc.a_ub is None or fc.b_ub is None or bool((fc.a_ub @ f <= fc.b_ub + slack).all()))


def _critic_attains_ipm(ipm_of: Callable[[Array, Array, W.FunctionClass], W.IPMResult], ctx: Context) -> Outcome:
    """The returned maximiser g (g or −g in F) has Σ g·(p − q) = d_F(P, Q), d_F from the class's closed form."""
    slack = 1e-9  # HiGHS's primal feasibility tolerance is 1e-7 on the rows; its vertices are exact to ~1e-15 here
    worst = 0.0
    cases = _attaining_cases(ctx)
    for case in cases:
        kind, x, p, q = case.value
        fc = _CLASSES[kind](x)
        result = ipm_of(p, q, fc)
        oracle = _closed_form_ipm(kind, x, p, q)
        g = np.zeros(x.size) if result.critic is None else result.critic
        gap = float(g @ (p - q))
        member = _in_class(g, fc, slack) or _in_class(-g, fc, slack)
        cmp = compare([gap], [oracle], LP)
        worst = max(worst, cmp.max_abs_error)
        if not (cmp.ok and member):
            return Outcome.failed(
                f"{case.name}: the returned critic g has Σ g·(p − q) = {gap:.12g} against d_F = {oracle:.12g} "
                f"(closed form); g or −g in F: {member}",
                counterexample={"case": case.name, "P": p, "Q": q, "critic": g, "gap": gap, "d_F": oracle},
            )
    return Outcome.passed(
        f"on {len(cases)} (pair, class) cases the LP's critic attains d_F: Σ g·(p − q) equals the closed form "
        f"(Σ|p − q|, scipy's W1, the largest tail difference) within {LP} (max |Δ| {worst:.2g})",
        cases=len(cases),
        max_abs_error=worst,
    )


IPM_DEF = claim(
    "IPM-DEF",
    "Integral probability metrics",
    "An integral probability metric measures the distance between P and Q as the largest difference of expectations over a class F of test functions: d_F(P, Q) = sup_{f ∈ F} |E_P f − E_Q f|.",
    numeric_check(
        "sup-norm-ball",
        "LP value of the definition with F = {‖f‖∞ ≤ 1} on pmf pairs (sizes 2–32, equal and disjoint pairs included), against the closed form.",
        agree_on_cases(_pmf_pairs, _sup_ball_ipm, LP, what="d_F for the sup-norm ball"),
        ("with F the sup-norm unit ball the definition gives Σ|p − q| = 2·TV", lambda p, q: np.abs(p - q).sum()),
        [
            ("TV", "with F the sup-norm unit ball d_F = TV", total_variation),
            (
                "L2 distance",
                "d_F = ‖p − q‖₂ (the IPM of the L2 unit ball, not the sup-norm one)",
                lambda p, q: float(np.linalg.norm(p - q)),
            ),
        ],
    ),
    numeric_check(
        "metric-axioms",
        "Random pmf triples (P, Q, R) on 2–8 sorted points of the line and three classes (sup-norm ball, 1-Lipschitz functions, non-decreasing [0, 1]-valued functions): d(P, P) = 0, d(P, Q) = d(Q, P), d(P, R) ≤ d(P, Q) + d(Q, R), and d(P, Q) > 0 for the sup-norm ball, each to 1e-12.",
        _metric_axioms,
        ("sup over F of |E_P f − E_Q f|", lambda p, q, fc: W.ipm(p, q, fc).value),
        [
            (
                "absolute value dropped",
                "sup over F of (E_P f − E_Q f): asymmetric when F is not closed under f ↦ −f",
                lambda p, q, fc: W.ipm(p, q, fc, absolute=False).value,
            ),
            ("inf for sup", "inf over F of |E_P f − E_Q f|", _infimum),
        ],
    ),
    numeric_check(
        "attaining-critic",
        "The supremum is attained on a finite support: the critic g that the LP returns (g or −g in F) has Σ g·(p − q) = d_F, with d_F from each class's closed form (Σ|p − q| for the sup-norm ball, scipy's W1 for the 1-Lipschitz functions, the largest tail difference for non-decreasing [0, 1]-valued ones), on random pmf pairs and on P = δ_0, Q = δ_1, where the monotone class reaches its supremum only downward.",
        _critic_attains_ipm,
        ("the maximiser of |E_P f − E_Q f| over F attains d_F", lambda p, q, fc: W.ipm(p, q, fc)),
        [
            ("P and Q swapped", "the maximiser for (Q, P) attains d_F(P, Q)", lambda p, q, fc: W.ipm(q, p, fc)),
            (
                "absolute value dropped",
                "the maximiser of E_P f − E_Q f (no absolute value) attains d_F",
                lambda p, q, fc: W.ipm(p, q, fc, absolute=False),
            ),
        ],
    ),
    sources=(src(D001, "4.2 Integral Probability Metrics"),),
    assumptions=("finite supports; the critic is a vector of values there and the supremum a linear program",),
    references=(str(ref.MULLER97), str(ref.SRIPERUMBUDUR12)),
)

# -- IPM-W1 -------------------------------------------------------------------


def _ipm_vs_w1(builder: Callable[[Array], W.FunctionClass], pq: Pair) -> tuple[float, float]:
    z, pz, qz = _merged(pq)
    return W.ipm(pz, qz, builder(z)).value, _w1_oracle(pq)


_DISCRETE_W1 = "W1 from scipy.stats.wasserstein_distance (1-D) or ot.emd2 (2-D)"

IPM_W1 = claim(
    "IPM-W1",
    "W1 is the IPM of the 1-Lipschitz functions",
    "The Wasserstein-1 distance is the integral probability metric whose class F is the 1-Lipschitz functions.",
    numeric_check(
        "lipschitz-class",
        "The IPM LP over the claimed class on the union of the supports, against W1 computed as optimal transport by an independent solver (scipy 1-D, POT's network simplex 2-D).",
        agree_on_cases(_pairs, _ipm_vs_w1, LP, what=f"IPM over the class against {_DISCRETE_W1}"),
        ("F = 1-Lipschitz functions", lambda z: W.lipschitz_functions(z, 1.0)),
        [
            ("2-Lipschitz", "F = 2-Lipschitz functions", lambda z: W.lipschitz_functions(z, 2.0)),
            (
                "Lipschitz constraint dropped",
                "F = bounded functions {‖f‖∞ ≤ 1} (no Lipschitz constraint)",
                lambda z: W.sup_norm_ball(z.shape[0]),
            ),
        ],
    ),
    sources=(src(D001, "4.2 Integral Probability Metrics"),),
    assumptions=("Euclidean ground distance", "discrete distributions on the line and in the plane"),
    references=(KR_THEOREM, f"{ref.MULLER97} (W1 as an IPM)"),
)

# -- WGAN-DUAL ----------------------------------------------------------------


def _dual_vs_transport(dual: Callable[[Pair], float], pq: Pair) -> tuple[float, float]:
    return float(dual(pq)), _w1_oracle(pq)


def _critic_sup(lipschitz: float, pq: Pair) -> float:
    p, q = pq
    return W.kantorovich_rubinstein_dual(p.points, p.weights, q.points, q.weights, lipschitz=lipschitz).value


def _sigmoid_critic(pq: Pair) -> float:
    z, pz, qz = _merged(pq)
    return W.ipm(pz, qz, W.unit_interval_functions(z.shape[0]), absolute=False).value


def _critic_attains(critic: Callable[[Array, Array, Array, Array], tuple[Array, Array]], ctx: Context) -> Outcome:
    """The critic is 1-Lipschitz on the merged support and E_P f − E_Q f equals scipy's W1."""
    worst = 0.0
    cases = [c for c in _pairs(ctx) if c.value[0].points.shape[1] == 1]
    for case in cases:
        p, q = case.value
        x, y = p.points[:, 0], q.points[:, 0]
        z, f = critic(x, y, p.weights, q.weights)
        gaps = np.diff(z)
        slopes = np.abs(np.diff(f)) / np.where(gaps > 0, gaps, 1.0)
        value = float(np.interp(x, z, f) @ p.weights - np.interp(y, z, f) @ q.weights)
        oracle = float(stats.wasserstein_distance(x, y, p.weights, q.weights))
        lipschitz = float(slopes.max()) if slopes.size else 0.0
        cmp = compare([value], [oracle], LP)
        worst = max(worst, cmp.max_abs_error)
        if lipschitz > 1 + 1e-12 or not cmp.ok:
            found = {"case": case.name, "critic value": value, "W1": oracle, "Lipschitz constant": lipschitz}
            return Outcome.failed(
                f"on {case.name}: E_P f − E_Q f = {value:.12g} vs W1 = {oracle:.12g}; Lipschitz constant {lipschitz:.6g}",
                counterexample=found,
            )
    return Outcome.passed(
        f"on {len(cases)} pairs on the line the critic is 1-Lipschitz and E_P f − E_Q f equals scipy's W1 (max |Δ| {worst:.2g}, {LP})",
        max_abs_error=worst,
    )


def _scaled_critic(scale: float, x: Array, y: Array, pw: Array, qw: Array) -> tuple[Array, Array]:
    z, f = W.wasserstein1_critic_1d(x, y, pw, qw)
    return z, scale * f


WGAN_DUAL = claim(
    "WGAN-DUAL",
    "The WGAN critic objective is W1",
    "The Wasserstein distance between p_r and p_g equals sup over critics D with Lipschitz constant at most 1 of E_{p_r}[D(x)] − E_{p_g}[D(x)] (no absolute value needed: the class is closed under D ↦ −D).",
    numeric_check(
        "dual-equals-transport",
        "The supremum as an LP over critic values on the union of the supports (Lipschitz constraints between all pairs), against the optimal-transport cost from scipy (1-D) or POT's ot.emd2 (2-D).",
        agree_on_cases(_pairs, _dual_vs_transport, LP, what=f"sup over critics against {_DISCRETE_W1}"),
        ("critics with ‖D‖_L ≤ 1", partial(_critic_sup, 1.0)),
        [
            ("‖D‖_L ≤ 2", "critics with Lipschitz constant 2", partial(_critic_sup, 2.0)),
            (
                "sigmoid discriminator",
                "D with values in [0, 1] and no Lipschitz constraint (the original GAN's D): gives TV",
                _sigmoid_critic,
            ),
        ],
    ),
    numeric_check(
        "optimal-critic-1d",
        "On the line, the critic f(x) = ∫ sign(F_Q − F_P) (gantheory.wasserstein.wasserstein1_critic_1d) must be 1-Lipschitz and attain E_P f − E_Q f = W1 (scipy).",
        _critic_attains,
        ("f′ = sign(F_Q − F_P)", W.wasserstein1_critic_1d),
        [
            ("sign flipped", "f′ = sign(F_P − F_Q)", partial(_scaled_critic, -1.0)),
            ("slope 2", "f′ = 2·sign(F_Q − F_P)", partial(_scaled_critic, 2.0)),
        ],
    ),
    sources=(src(D003, "Wasserstein GAN Theory"),),
    assumptions=(
        "W is W1 with Euclidean ground distance",
        "discrete distributions; the supremum is over all 1-Lipschitz D",
    ),
    references=(ref.WGAN.at("Eq. (2)–(3) and Thm 3"), KR_THEOREM),
    notes="A network critic with clipped weights ranges over a subset of K-Lipschitz functions for some K, so WGAN training estimates K·W1 only up to the capacity of that subset.",
)

# -- KR-DUALITY ---------------------------------------------------------------


def _primal_vs_dual(cost: Callable[[Array, Array], Array], pq: Pair) -> tuple[float, float]:
    p, q = pq
    dual = W.kantorovich_rubinstein_dual(p.points, p.weights, q.points, q.weights).value
    primal = float(_ot().emd2(p.weights, q.weights, cost(p.points, q.points)))
    ours = W.optimal_transport_lp(p.points, p.weights, q.points, q.weights).cost
    oracle = _emd_w1(p, q)
    if not compare([ours], [oracle], LP).ok:
        raise AssertionError(f"our primal LP {ours!r} disagrees with ot.emd2 {oracle!r}")
    return dual, primal


#: POT's test_dual_variables case (PythonOT/POT test/test_ot.py): discretised
#: N(300, 5²) on 500 bins against N(400, 10²) on 600 bins, ground cost |i − j|. The first CDF
#: lies above the second everywhere, so W1 is the difference of the means, |300 − 400| = 100.
POT_CASE_W1 = 100.0


def _pot_reference(claimed: float, ctx: Context) -> Outcome:
    a = _ot().datasets.make_1D_gauss(500, 300, 5)
    b = _ot().datasets.make_1D_gauss(600, 400, 10)
    x, y = np.arange(500.0), np.arange(600.0)
    _, log = _ot().emd(a, b, np.abs(x[:, None] - y[None, :]), log=True)
    z, f = W.wasserstein1_critic_1d(x, y, a, b)
    values = {
        "ot.emd cost (primal)": float(log["cost"]),
        "POT dual potentials Σa·u + Σb·v": float(a @ log["u"] + b @ log["v"]),
        "∫|F − G| (gantheory)": W.wasserstein1_1d(x, y, a, b),
        "explicit 1-Lipschitz critic (gantheory)": float(np.interp(x, z, f) @ a - np.interp(y, z, f) @ b),
        "scipy.stats.wasserstein_distance": float(stats.wasserstein_distance(x, y, a, b)),
    }
    cmp = compare(list(values.values()), claimed, LP)
    return Outcome.decide(
        cmp.ok,
        f"five computations against the claimed {claimed:g}: {cmp.describe()} ({LP})",
        counterexample={"claimed": claimed, "computed": values},
        computed=values,
    )


KR_DUALITY = claim(
    "KR-DUALITY",
    "Kantorovich–Rubinstein duality on discrete distributions",
    "For discrete distributions, the optimal-transport cost with ground distance ‖x − y‖ (the primal) equals the supremum of E_P f − E_Q f over 1-Lipschitz f (the dual).",
    numeric_check(
        "primal-equals-dual",
        "Dual: LP over critic values with Euclidean Lipschitz constraints. Primal: ot.emd2 with the subject's ground cost; our own primal LP is first cross-checked against ot.emd2 with the Euclidean cost.",
        agree_on_cases(_pairs, _primal_vs_dual, LP, what="1-Lipschitz dual against the transport cost"),
        ("ground cost ‖x − y‖₂", lambda x, y: _ot().dist(x, y, metric="euclidean")),
        [
            ("squared cost", "ground cost ‖x − y‖² (W2²)", lambda x, y: _ot().dist(x, y)),
            (
                "L1 ground cost",
                "ground cost ‖x − y‖₁ against critics Lipschitz for ‖·‖₂ (the metrics must match)",
                lambda x, y: _ot().dist(x, y, metric="cityblock"),
            ),
        ],
    ),
    numeric_check(
        "pot-reference-case",
        "POT's dual-variables test case (discretised N(300, 5²) vs N(400, 10²), cost |i − j|): the primal cost, POT's dual potentials, ∫|F − G|, our explicit critic and scipy must all equal the claimed value.",
        _pot_reference,
        ("W1 = |300 − 400| = 100", POT_CASE_W1),
        [
            (
                "Gaussian W2",
                "W1 = √((300 − 400)² + (5 − 10)²) ≈ 100.125 (the Gaussian W2 closed form)",
                float(np.hypot(100.0, 5.0)),
            ),
            ("half", "W1 = 50", 50.0),
        ],
    ),
    origin=Origin.LITERATURE,
    sources=(paper(f"Kantorovich & Rubinstein 1958; {KR_THEOREM}", "duality for the cost ‖x − y‖"),),
    references=(KR_THEOREM, "PythonOT/POT, test/test_ot.py::test_dual_variables"),
)

# -- FID-GAUSS ----------------------------------------------------------------

Gaussians = tuple[Array, Array, Array, Array]
FIDFormula = Callable[[Array, Array, Array, Array], float]


def _random_spd(rng: np.random.Generator, d: int) -> Array:
    a = rng.normal(size=(d, d))
    return a @ a.T + 0.1 * np.eye(d)


def _gaussian_cases(ctx: Context) -> list[Case]:
    """Named closed-form cases, then random SPD pairs (non-commuting) for POT."""
    rng = ctx.rng("gaussians")
    one_d = (np.array([1.0]), np.array([[4.0]]), np.array([3.0]), np.array([[9.0]]))
    same = (np.zeros(3), np.diag([1.0, 2.0, 3.0]), np.zeros(3), np.diag([1.0, 2.0, 3.0]))
    cases = [Case("1-D N(1, 2²) vs N(3, 3²)", ("1d", one_d)), Case("identical 3-D Gaussians", ("same", same))]
    for i in range(max(3, ctx.profile.random_cases // 3)):
        d = int(rng.integers(2, 6))
        a, b = rng.uniform(0.1, 4.0, d), rng.uniform(0.1, 4.0, d)
        pair = (rng.normal(size=d), np.diag(a), rng.normal(size=d), np.diag(b))
        cases.append(Case(f"commuting (diagonal) {d}-D pair {i}", ("diag", pair)))
    for j in range(max(4, ctx.profile.random_cases // 2)):
        d = int(rng.integers(2, 7))
        pair = (rng.normal(size=d), _random_spd(rng, d), rng.normal(size=d), _random_spd(rng, d))
        cases.append(Case(f"random SPD {d}-D pair {j}", ("pot", pair)))
    return cases


def _fid_against_oracle(formula: FIDFormula, case: tuple[str, Gaussians]) -> tuple[float, float]:
    kind, (m1, c1, m2, c2) = case
    actual = float(formula(m1, c1, m2, c2))
    if kind in ("1d", "diag"):  # W2² of 1-D Gaussians, and of commuting covariances: ‖Σ1^½ − Σ2^½‖_F²
        expected = W.wasserstein2_squared_diagonal(m1, np.diag(c1), m2, np.diag(c2))
    elif kind == "same":
        expected = 0.0
    else:
        expected = float(_ot().gaussian.bures_wasserstein_distance(m1, m2, c1, c2)) ** 2
    return actual, expected


def _fid_heusel(m1: Array, c1: Array, m2: Array, c2: Array, two: float = 2.0) -> float:
    """‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2(Σ1Σ2)^½), literally, with scipy's principal square root."""
    root = linalg.sqrtm(c1 @ c2)
    return float(np.sum((m1 - m2) ** 2) + np.trace(c1) + np.trace(c2) - two * np.trace(root).real)


def _fid_separate_roots(m1: Array, c1: Array, m2: Array, c2: Array) -> float:
    r1, r2 = linalg.sqrtm(c1).real, linalg.sqrtm(c2).real
    return float(np.sum((m1 - m2) ** 2) + np.trace(c1) + np.trace(c2) - 2.0 * np.trace(r1 @ r2))


FID_GAUSS = claim(
    "FID-GAUSS",
    "FID between Gaussians is their squared 2-Wasserstein distance",
    "The Fréchet distance ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2(Σ1Σ2)^½) between N(μ1, Σ1) and N(μ2, Σ2), the formula of FID, equals the squared 2-Wasserstein distance between the two Gaussians.",
    numeric_check(
        "against-w2",
        "The formula (scipy.linalg.sqrtm of Σ1Σ2) against W2²: the 1-D closed form (μ1 − μ2)² + (σ1 − σ2)², the commuting-covariance form ‖μ1 − μ2‖² + ‖Σ1^½ − Σ2^½‖_F², 0 for identical Gaussians, and POT's ot.gaussian.bures_wasserstein_distance² on random non-commuting SPD pairs in 2–6 dimensions.",
        agree_on_cases(_gaussian_cases, _fid_against_oracle, MATRIX_SQRT, what="the Fréchet formula against W2²"),
        ("‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2(Σ1Σ2)^½)", _fid_heusel),
        [
            (
                "product of separate roots",
                "Tr(Σ1 + Σ2 − 2Σ1^½Σ2^½) (right only for commuting covariances)",
                _fid_separate_roots,
            ),
            ("factor 2 dropped", "Tr(Σ1 + Σ2 − (Σ1Σ2)^½)", lambda m1, c1, m2, c2: _fid_heusel(m1, c1, m2, c2, 1.0)),
            (
                "W2 not squared",
                "FID = W2 (the square root of the formula)",
                lambda m1, c1, m2, c2: float(np.sqrt(_fid_heusel(m1, c1, m2, c2))),
            ),
        ],
    ),
    origin=Origin.LITERATURE,
    sources=(paper(f"{ref.DOWSON82}; {ref.TTUR}", "the Fréchet distance of Gaussians"),),
    assumptions=("symmetric positive definite covariances", "FID is the squared distance (no square root)"),
    references=(str(ref.DOWSON82), ref.TTUR.at("Eq. (6)"), f"{ref.GIVENS84} (W2 between Gaussians)"),
)

# -- METRICS ------------------------------------------------------------------

_SQUARE = _disc([[1, 1], [1, -1], [-1, 1], [-1, -1]])
_DIAMOND = _disc([[np.sqrt(2), 0], [-np.sqrt(2), 0], [0, np.sqrt(2)], [0, -np.sqrt(2)]])
# Pairs with equal means and covariances but different laws (exact population moments).
_MOMENT_MATCHED = (
    ("{±1} vs {−√3, 0, √3} w.p. (⅙, ⅔, ⅙)", _disc([-1.0, 1.0]), _disc([-np.sqrt(3), 0.0, np.sqrt(3)], [1, 4, 1])),
    ("square corners {(±1, ±1)} vs diamond {(±√2, 0), (0, ±√2)}", _SQUARE, _DIAMOND),
)
# Pairs differing in the mean or in the covariance.
_MOMENT_DIFFERENT = (
    ("{±1} vs {±2} (variance 1 vs 4)", _disc([-1.0, 1.0]), _disc([-2.0, 2.0])),
    ("{±1} vs {0, 2} (mean 0 vs 1)", _disc([-1.0, 1.0]), _disc([0.0, 2.0])),
    ("square corners vs the same stretched along x", _SQUARE, _disc([[2, 1], [2, -1], [-2, 1], [-2, -1]])),
)

Discrepancy = Callable[[Discrete, Discrete], float]


def _fid_of(p: Discrete, q: Discrete) -> float:
    return W.frechet_distance(p.mean, p.cov, q.mean, q.cov)


def _on_pairs(row: Callable[[str, Discrete, Discrete, list[str]], dict[str, Any]], summary: str) -> Outcome:
    """``row(name, p, q, problems)`` on each METRICS pair, which notes what fails; passed with ``summary`` if none."""
    problems: list[str] = []
    rows = {name: row(name, p, q, problems) for name, p, q in (*_MOMENT_MATCHED, *_MOMENT_DIFFERENT)}
    return Outcome.decide(
        not problems, "; ".join(problems) or summary, counterexample={"problems": problems}, pairs=rows
    )


def _statistics_only(discrepancy: Discrepancy, ctx: Context) -> Outcome:
    """0 on moment-matched pairs, > 0 when mean or covariance differ, and equal to W2² of the fitted Gaussians."""

    def row(name: str, p: Discrete, q: Discrete, problems: list[str]) -> dict[str, Any]:
        value = float(discrepancy(p, q))
        target = float(_ot().gaussian.bures_wasserstein_distance(p.mean, q.mean, p.cov, q.cov)) ** 2
        matched = any(name == m[0] for m in _MOMENT_MATCHED)
        if not compare([value], [target], MATRIX_SQRT).ok:
            problems.append(f"{name}: {value:.6g} ≠ W2² of the fitted Gaussians {target:.6g}")
        if matched and abs(value) > 1e-12:
            problems.append(f"{name}: {value:.3g} although means and covariances agree")
        if not matched and value <= 1e-12:
            problems.append(f"{name}: {value:.3g} although the moments differ")
        return {"value": value, "W2² of fitted Gaussians": target, "moments equal": matched}

    return _on_pairs(
        row, "0 on the two moment-matched pairs, positive on the three others, and equal to W2² of the fitted Gaussians"
    )


METRICS_A = claim(
    "METRICS.a",
    "FID compares distribution statistics",
    "FID compares real and generated samples through statistics of their distributions: the means and covariances (of Inception features), combined as the Fréchet distance of the Gaussians with those moments.",
    numeric_check(
        "first-two-moments",
        "On two pairs of different distributions with equal means and covariances (1-D and 2-D) and three pairs whose mean or covariance differ: the discrepancy must be 0 on the first, positive on the others, and equal W2² of the moment-matched Gaussians (POT's Bures–Wasserstein) on all.",
        _statistics_only,
        ("FID from means and covariances (gantheory.wasserstein.frechet_distance)", _fid_of),
        [
            ("means only", "‖μ1 − μ2‖² (covariances ignored)", lambda p, q: float(np.sum((p.mean - q.mean) ** 2))),
            ("whole distributions", "W1 between the distributions themselves", _emd_w1),
        ],
    ),
    sources=(src(D003, "Quantitative Metrics"),),
    assumptions=("features are given (here: the points themselves); population moments of discrete distributions",),
    references=(ref.TTUR.at("§3 (FID)"),),
    notes="Because only two moments enter, FID is blind to any difference beyond them: the moment-matched pairs here have FID 0 although their W1 is positive (METRICS.b computes SWD on the same pairs).",
)


def _swd(p: Discrete, q: Discrete) -> float:
    angles = np.pi * np.arange(64) / 64  # half circle: W1 of a projection is symmetric in ±ω
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    pts_p = p.points if p.points.shape[1] == 2 else np.hstack([p.points, np.zeros_like(p.points)])
    pts_q = q.points if q.points.shape[1] == 2 else np.hstack([q.points, np.zeros_like(q.points)])
    return W.sliced_wasserstein1(pts_p, p.weights, pts_q, q.weights, directions)


def _separates(discrepancy: Discrepancy, ctx: Context) -> Outcome:
    def row(name: str, p: Discrete, q: Discrete, problems: list[str]) -> dict[str, Any]:
        value, same = float(discrepancy(p, q)), float(discrepancy(p, p))
        if value <= 1e-9:
            problems.append(f"{name}: d(P, Q) = {value:.3g} for P ≠ Q")
        if abs(same) > 1e-12:
            problems.append(f"{name}: d(P, P) = {same:.3g}")
        return {"d(P, Q)": value, "d(P, P)": same}

    return _on_pairs(
        row, "positive on all five pairs of different distributions (moment-matched ones included), 0 on equal ones"
    )


METRICS_B = claim(
    "METRICS.b",
    "IS, precision/recall, PPL and SWD",
    "The Inception Score measures quality and diversity; precision and recall measure the trade-off between quality and diversity; perceptual path length measures the smoothness of the latent space; the sliced Wasserstein distance measures how similar two distributions are.",
    numeric_check(
        "swd-separates",
        "Sliced W1 over 64 fixed directions of the half circle (1-D pairs embedded in the plane), on the pairs of METRICS.a: positive for every pair of different distributions, moment-matched ones included; 0 for equal ones.",
        _separates,
        ("SWD compares whole distributions", _swd),
        [
            ("FID", "FID (two moments only)", _fid_of),
            ("difference of means", "‖μ1 − μ2‖", lambda p, q: float(np.linalg.norm(p.mean - q.mean))),
        ],
        decides=False,
    ),
    sources=(src(D003, "Quantitative Metrics"),),
    assumptions=("descriptions of metrics defined on trained networks and image features: not decidable here",),
    references=(
        ref.IMPROVED.at("§4 (Inception Score)"),
        f"{ref.SAJJADI18}; {ref.KYNKAANNIEMI19} (precision and recall)",
        ref.STYLEGAN.at("§4 (perceptual path length)"),
        f"{ref.PGGAN.at('§5 (sliced Wasserstein distance)')}; {ref.RABIN11} (SW)",
        f"{ref.BARRATT18} (a note on the Inception Score)",
    ),
)

# -- WGAN-STABLE --------------------------------------------------------------

#: Locations θ of the generator's point mass δ_θ (the data are δ_0): both sides of 0, far and near.
_THETAS = (-3.0, -1.0, -0.25, 0.01, 0.5, 2.0, 5.0)
#: Central-difference step for d/dθ; smaller than every |θ| above, so no difference straddles 0.
_DTHETA = 1e-3
#: "Usable gradient": |d/dθ| at least this everywhere on the grid (W1 gives exactly 1).
_USABLE = 0.5


def _dirac_pmfs(theta: float) -> tuple[Array, Array]:
    """δ_0 and δ_θ as pmfs on their union support."""
    if theta == 0.0:
        return np.array([1.0]), np.array([1.0])
    return np.array([1.0, 0.0]), np.array([0.0, 1.0])


def _gradients(distance: Callable[[float], float], ctx: Context) -> Outcome:
    grads = {t: (distance(t + _DTHETA) - distance(t - _DTHETA)) / (2 * _DTHETA) for t in _THETAS}
    values = {t: distance(t) for t in _THETAS}
    small = {t: g for t, g in grads.items() if not abs(g) >= _USABLE}
    return Outcome.decide(
        not small,
        "d/dθ of the distance between δ_0 and δ_θ: " + ", ".join(f"θ = {t:g}: {g:.3g}" for t, g in grads.items()),
        counterexample={"theta with |gradient| < 0.5": small, "values": values},
        gradients=grads,
        values=values,
    )


WGAN_STABLE_A = claim(
    "WGAN-STABLE.a",
    "W1 gives usable gradients where JS does not",
    "Replacing the Jensen–Shannon divergence by the Wasserstein distance gives the generator smooth, informative gradients even when the real and generated distributions do not overlap.",
    numeric_check(
        "dirac-gradients",
        f"Central differences (step {_DTHETA:g}) in θ of the distance between δ_0 and δ_θ at θ ∈ {list(_THETAS)}; usable means |d/dθ| ≥ {_USABLE} at every θ (W1 = |θ| has slope ±1; JS ≡ log 2 and TV ≡ 1 for θ ≠ 0).",
        _gradients,
        ("W1(δ_0, δ_θ), by gantheory.wasserstein.wasserstein1_1d", lambda t: W.wasserstein1_1d([0.0], [t])),
        [
            ("JS", "JS(δ_0, δ_θ)", lambda t: js_divergence(*_dirac_pmfs(t))),
            ("TV", "TV(δ_0, δ_θ)", lambda t: total_variation(*_dirac_pmfs(t))),
        ],
    ),
    sources=(src(D003, "Wasserstein GAN Theory"), src(D003, "Key Variants"), src(D001, "Representation Comparison")),
    assumptions=(
        "the distance as a function of the generator's parameter, at its optimum critic",
        "p_data = δ_0, p_g = δ_θ",
    ),
    references=(ref.WGAN.at("Example 1 and Thm 1–2"), ref.AB17.at("Thm 2.3")),
)


def _attractive(field: dirac.DiracField, ctx: Context) -> Outcome:
    eigs = dirac.eigenvalues_at_equilibrium(field)
    re = max(float(e.as_real_imag()[0]) for e in eigs)
    return Outcome.decide(
        re < 0,
        f"{field.name}: Dirac-GAN eigenvalues at (0, 0) are {[str(e) for e in eigs]}; max Re λ = {re:.4g} ({('locally convergent' if re < 0 else 'not locally convergent')})",
        counterexample={"eigenvalues": [str(e) for e in eigs]},
        eigenvalues=[str(e) for e in eigs],
        max_real_part=re,
    )


WGAN_STABLE_B = claim(
    "WGAN-STABLE.b",
    "WGAN trains more stably",
    "Training with the Wasserstein distance is more stable than training with the Jensen–Shannon divergence (smooth gradients, a meaningful loss).",
    symbolic_check(
        "dirac-gan-local-convergence",
        "Exact eigenvalues of the Dirac-GAN Jacobian at the equilibrium; gradient descent converges locally (small steps) iff max Re λ < 0.",
        _attractive,
        ("the WGAN loss f(t) = t (clipping inactive near 0)", dirac.WassersteinGAN(clip=1.0)),
        [
            ("standard GAN", "the minimax GAN loss", dirac.StandardGAN()),
            ("non-saturating GAN", "the NS-GAN loss", dirac.NonSaturatingGAN()),
        ],
        corrected=(
            Change.FORMULA,
            "the WGAN loss with a zero-centred penalty (γ/2)ψ² on the critic (γ = 1): λ = −½ ± i√3/2",
            dirac.GradientPenaltyGAN(1.0, base="wgan"),
        ),
        decides=False,
    ),
    sources=(src(D003, "Wasserstein GAN Theory"), src(D003, "Key Variants"), src(D001, "Representation Comparison")),
    assumptions=(
        "'stable' is not defined: no computation decides it; the Dirac-GAN shows what W1 alone does not give",
    ),
    references=(
        str(ref.WGAN),
        f"{ref.WGANGP} (weight clipping fails; gradient penalty)",
        ref.MGN18.at("§3 (WGAN and WGAN-GP do not converge on the Dirac-GAN)"),
    ),
)


CLAIMS = (IPM_DEF, IPM_W1, WGAN_DUAL, WGAN_STABLE_A, WGAN_STABLE_B, KR_DUALITY, FID_GAUSS, METRICS_A, METRICS_B)

__all__ = ["CLAIMS"]
