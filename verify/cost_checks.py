"""Tests and check builders shared by the claims about generator costs and losses.

The tests take tables of per-sample costs, sympy expressions in y = D ∈ (0, 1) (or in the logit ℓ,
D = σ(ℓ)): :func:`prove_rows` proves a table of identities, :func:`derivative_signs` reads the
direction a cost pushes D, :func:`saturation` takes the limits of the gradients as D → 0, and
:func:`same_ranking` asks whether two expected costs prefer the same generators. The builders
(:func:`rows_check`, :func:`directions_check`, :func:`saturation_check`, :func:`ranking_check`)
make a check of each from its variants' subjects.

The tests of :mod:`verify.claims.gradients` follow: expected generator gradients with D frozen at
the optimal discriminator of θ0 (:func:`gradient_identity`, :func:`ml_gradient_identity`,
:func:`thm25_sweep`), and a discriminator D = D* + δ near the perfect one (:class:`NearPerfect`,
:func:`bound_holds`, :func:`vanishes`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy import special

from gantheory import quadrature
from gantheory import symbolic as S
from gantheory.bumps import bump, bump_derivative, bump_steepest_point
from gantheory.densities import Density, GaussianMixture, gaussian
from gantheory.differences import five_point_derivative as five_point
from gantheory.divergences import LOG2
from gantheory.losses import GENERATOR_COSTS, ranks_differently
from gantheory.symbolic import gaussian_expectation, gaussian_integral, normal_log_density
from verify.builders import ControlSpec, CorrectionSpec, check
from verify.cases import BIMODAL
from verify.checks import Identity, for_all, prove
from verify.context import Context
from verify.model import Check, Kind, Outcome
from verify.proof import POSITIVE, REAL
from verify.tolerance import QUADRATURE, Tolerance, compare

__all__ = [
    "CENTRAL_DIFFERENCE",
    "COSTS",
    "EIGHT_DECIMALS",
    "PER_SAMPLE_COSTS",
    "VANISHING_ORDER",
    "GradientIdentity",
    "LocationCase",
    "NearPerfect",
    "Ranking",
    "bound_holds",
    "derivative_signs",
    "directions_check",
    "frozen_gradient",
    "gradient_identity",
    "ml_gradient_identity",
    "prove_rows",
    "ranking_check",
    "rows_check",
    "same_ranking",
    "saturation",
    "saturation_check",
    "thm25_sweep",
    "vanishes",
]

Array = NDArray[np.float64]
y, ell = S.y, S.ell

#: Per-sample generator costs as functions of y = D(G(z)); G minimises each.
COSTS: dict[str, sp.Expr] = S.generator_costs_of_output()


def prove_rows(rows: Mapping[str, Identity], ctx: Context) -> Outcome:
    """Test: every row's identity is proved (sympy and numbers); fails naming the rows that do not hold."""
    outcomes = {name: prove(identity, ctx) for name, identity in rows.items()}
    failing = [name for name, o in outcomes.items() if not o.holds]
    detail = {name: o.summary for name, o in outcomes.items()}
    if failing:
        first = outcomes[failing[0]]
        return Outcome.failed(
            f"{len(failing)} of {len(rows)} rows do not hold: {', '.join(failing)}",
            counterexample={"row": failing[0], **(first.counterexample or {})},
            rows=detail,
        )
    return Outcome.passed(f"all {len(rows)} rows proved", rows=detail)


def derivative_signs(subject: Mapping[str, tuple[sp.Expr, int]], ctx: Context) -> Outcome:
    """Test: each named expression in y has the claimed sign of d/dy on (0, 1).

    The derivative and its sign on a grid come from :func:`gantheory.symbolic.derivative_sign`.
    """
    found: dict[str, dict[str, object]] = {}
    wrong = []
    for name, (expr, claimed) in subject.items():
        deriv, sign = S.derivative_sign(expr)
        found[name] = {"derivative": sp.sstr(deriv), "sign on (0,1)": sign, "claimed": claimed}
        if sign != claimed:
            wrong.append(name)
    if wrong:
        return Outcome.failed(
            f"the sign of d/dD disagrees with the claim for: {', '.join(wrong)}",
            counterexample={"term": wrong[0], **found[wrong[0]]},
            derivatives=found,
        )
    return Outcome.passed(f"the claimed direction holds for all {len(subject)} terms", derivatives=found)


def saturation(subject: tuple[str, Mapping[str, bool]], ctx: Context) -> Outcome:
    """Test: which costs saturate, i.e. whose gradient magnitude tends to 0 as D(G(z)) → 0.

    ``subject = (wrt, {cost name: claimed to saturate})`` with ``wrt`` ``"logit"`` or ``"output"``:
    the limit of |∂cost/∂ℓ| as ℓ → −∞ (or of |∂cost/∂D| as D → 0⁺) is computed by sympy.
    """
    wrt, claims = subject
    limits: dict[str, str] = {}
    wrong = []
    for name, claimed in claims.items():
        if wrt == "logit":
            lim = sp.limit(sp.Abs(sp.diff(S.of_logit(COSTS[name]), ell)), ell, -sp.oo)
        else:
            lim = sp.limit(sp.Abs(sp.diff(COSTS[name], y)), y, 0, "+")
        limits[name] = sp.sstr(lim)
        if bool(lim == 0) != claimed:
            wrong.append(name)
    what = "|∂cost/∂ℓ| as ℓ → −∞" if wrt == "logit" else "|∂cost/∂D| as D → 0⁺"
    if wrong:
        return Outcome.failed(
            f"{what}: the claimed saturation is wrong for {', '.join(wrong)}",
            counterexample={"cost": wrong[0], "limit": limits[wrong[0]], "claimed saturates": claims[wrong[0]]},
            limits=limits,
        )
    return Outcome.passed(f"{what}: " + ", ".join(f"{k} → {v}" for k, v in limits.items()), limits=limits)


@dataclass(frozen=True)
class Ranking:
    """Two generator costs claimed to order generators the same way.

    A generator is described by the discriminator outputs D(G(z)) on its samples (1 to
    ``support`` equally likely values); its objective is the mean cost. ``support = 1`` compares
    the costs sample by sample.
    """

    cost_a: Callable[[Array], Array]
    cost_b: Callable[[Array], Array]
    support: int
    #: ``True`` claims the opposite: some pair of generators is ordered differently by the two costs.
    disagree: bool = False


#: Per-sample costs of D = D(G(z)) that the ranking checks compare, elementwise on arrays; G minimises each.
PER_SAMPLE_COSTS: dict[str, Callable[[Array], Array]] = {
    "log(1 − D)": lambda d: np.log1p(-d),
    "2·log(1 − D)": lambda d: 2 * np.log1p(-d),
    "−log D": lambda d: -np.log(d),
    "log D": lambda d: np.log(d),
    "−D": lambda d: -d,
    "−3·D": lambda d: -3 * d,
}

#: Two generators on which "minimise E log(1 − D)" and "maximise E log D" disagree (our example).
SPLIT_VS_MIDDLE = (np.array([0.01, 0.99]), np.array([0.5]))


def _disagree(r: Ranking, a: Array, b: Array) -> bool:
    return ranks_differently(r.cost_a, r.cost_b, a, b)


def _generators(support: int) -> st.SearchStrategy[Array]:
    d = st.floats(1e-3, 1 - 1e-3, allow_nan=False)
    return st.lists(d, min_size=1, max_size=support).map(lambda v: np.asarray(v, dtype=np.float64))


def same_ranking(subject: Ranking, ctx: Context) -> Outcome:
    """Test: the two expected costs prefer the same generator of every pair (or, if ``disagree``, not).

    The fixed pair :data:`SPLIT_VS_MIDDLE` is tried first (when the support allows two values),
    then Hypothesis searches pairs of generators for a disagreement. A claimed disagreement
    holds exactly when the agreement claim fails, so both can fail.
    """
    if subject.disagree:
        agreement = same_ranking(replace(subject, disagree=False), ctx)
        if agreement.holds is None:
            return agreement
        return Outcome.decide(
            not agreement.holds,
            ("a pair of generators is ordered differently: " if not agreement.holds else "no pair disagrees: ")
            + agreement.summary,
            counterexample={"agreement": agreement.summary},
            pair=(agreement.counterexample or {}),
        )
    fixed = None
    if subject.support >= 2 and _disagree(subject, *SPLIT_VS_MIDDLE):
        a, b = SPLIT_VS_MIDDLE
        fixed = {
            "generator A: D(G(z))": a.tolist(),
            "generator B: D(G(z))": b.tolist(),
            "cost a: E_A, E_B": [float(subject.cost_a(a).mean()), float(subject.cost_a(b).mean())],
            "cost b: E_A, E_B": [float(subject.cost_b(a).mean()), float(subject.cost_b(b).mean())],
        }
    search = for_all(
        st.tuples(_generators(subject.support), _generators(subject.support)),
        lambda r, ab: not _disagree(r, *ab),
        inputs=f"pairs of generators with 1–{subject.support} values of D(G(z))",
        show=lambda ab: [v.tolist() for v in ab],
    )(subject, ctx)
    if fixed is not None:
        return Outcome.failed(
            "the two expected costs prefer different generators; " + search.summary,
            counterexample={"fixed example": fixed, "search": (search.counterexample or {}).get("input")},
        )
    return search


# ---------------------------------------------------------------------------
# Builders: each variant gives only the subject's varying part
# ---------------------------------------------------------------------------


def rows_check(
    name: str,
    method: str,
    rows: Callable[..., Mapping[str, Identity]],
    stated: tuple[str, tuple[Any, ...]],
    controls: Sequence[ControlSpec],
    *,
    corrected: CorrectionSpec | None = None,
    decides: bool = True,
) -> Check[Any]:
    """A symbolic :func:`prove_rows` check of a table of identities; each variant gives ``rows``' arguments."""
    return check(
        name,
        Kind.SYMBOLIC,
        method,
        prove_rows,
        stated,
        controls,
        corrected=corrected,
        build=lambda a: rows(*a),
        decides=decides,
    )


def directions_check(
    name: str,
    method: str,
    table: Mapping[str, tuple[sp.Expr, int]],
    statement: str,
    controls: Sequence[ControlSpec],
    *,
    decides: bool = True,
) -> Check[Any]:
    """A :func:`derivative_signs` check of ``{term: (expression, claimed sign)}``; controls give edited rows."""
    return check(
        name,
        Kind.SYMBOLIC,
        method,
        derivative_signs,
        (statement, {}),
        controls,
        build=lambda edits: {**table, **edits},
        decides=decides,
    )


def saturation_check(
    name: str,
    method: str,
    stated: tuple[str, tuple[str, Mapping[str, bool]]],
    controls: Sequence[ControlSpec],
    *,
    decides: bool = True,
) -> Check[Any]:
    """A symbolic :func:`saturation` check; each variant gives ``(wrt, {cost: saturates})``."""
    return check(name, Kind.SYMBOLIC, method, saturation, stated, controls, decides=decides)


def ranking_check(
    name: str,
    method: str,
    stated: tuple[str, tuple[Any, ...]],
    corrected: CorrectionSpec,
    controls: Sequence[ControlSpec],
    *,
    decides: bool = True,
) -> Check[Any]:
    """A :func:`same_ranking` property check; each variant gives ``(cost a, cost b, support[, disagree])``.

    The costs are named by their keys in :data:`PER_SAMPLE_COSTS`.
    """

    def build(a: tuple[Any, ...]) -> Ranking:
        return Ranking(PER_SAMPLE_COSTS[a[0]], PER_SAMPLE_COSTS[a[1]], *a[2:])

    return check(
        name, Kind.PROPERTY, method, same_ranking, stated, controls, corrected=corrected, build=build, decides=decides
    )


# ---------------------------------------------------------------------------
# Expected generator gradients: D frozen at D*, and D near the perfect one
# ---------------------------------------------------------------------------

#: LHS against RHS when both are five-point central differences of quadratures.
CENTRAL_DIFFERENCE = Tolerance(
    rtol=1e-8,
    atol=1e-10,
    why=(
        "five-point central differences (step 1e-3) of functionals integrated to ~1e-13 relative: truncation error "
        "h⁴·f⁽⁵⁾/30 ≈ 1e-13 for these smooth Gaussian-mixture functionals, rounding ≈ 1e-13·|F|/h ≈ 1e-10·|F|; "
        "observed |Δ| ≲ 1e-12 on the cases with a reference value"
    ),
)


#: A literature constant printed with 8 decimals: half a unit in the last place.
EIGHT_DECIMALS = Tolerance(
    rtol=0.0, atol=5e-9, why="the independent value is recorded to 8 decimals: ±½ unit in the last place"
)


#: q(x)·cost(ℓ*(x)) from log q and ℓ*, so that nothing overflows where q underflows.
_FROZEN_INTEGRANDS: dict[str, Callable[[Array, Array], Array]] = {
    "maximum-likelihood": lambda log_q, logit: -np.exp(log_q + logit),  # −q·exp(σ⁻¹(D*)) = −q·p/p_θ0
    "minimax": lambda log_q, logit: -np.exp(log_q) * np.logaddexp(0.0, logit),  # q·log(1 − σ(ℓ))
    "non-saturating": lambda log_q, logit: np.exp(log_q) * np.logaddexp(0.0, -logit),  # q·(−log σ(ℓ))
    "raw D": lambda log_q, logit: -np.exp(log_q) * special.expit(logit),  # q·(−σ(ℓ))
}


@dataclass(frozen=True, eq=False)  # hashed by identity, for the cache below
class LocationCase:
    """Data p_data and a location family p_θ(x) = base(x − θ), differentiated at θ0.

    ``anchor`` is a literature value of the claim's left-hand side on this case, with its source.
    """

    name: str
    data: Density
    base: GaussianMixture
    theta0: float
    anchor: tuple[float, str] | None = None

    def at(self, theta: float) -> GaussianMixture:
        return GaussianMixture(self.base.weights, self.base.means + theta, self.base.sigmas)


@cache
def _frozen(case: LocationCase, cost: str, theta: float) -> float:
    """E_{p_θ}[cost(ℓ*_{θ0}(x))], ℓ* = log p_data − log p_θ0, over the hull of the densities' intervals."""
    q, q0 = case.at(theta), case.at(case.theta0)
    densities = (case.data, q, q0)
    dom = (min(d.interval[0] for d in densities), max(d.interval[1] for d in densities))
    pts = tuple(sorted({b for d in densities for b in d.breakpoints}))
    return quadrature.integrate(
        lambda x: _FROZEN_INTEGRANDS[cost](q.logpdf(x), case.data.logpdf(x) - q0.logpdf(x)), dom, pts
    )


def frozen_gradient(case: LocationCase, cost: str) -> float:
    """d/dθ E_{p_θ}[cost(ℓ*_{θ0})] at θ0: the generator's expected gradient with D = D* frozen."""
    return five_point(lambda t: _frozen(case, cost, t), case.theta0)


def _divergence_gradient(case: LocationCase, functional: Callable[[Density, Density], float]) -> float:
    return five_point(lambda t: functional(case.data, case.at(t)), case.theta0)


@cache
def _build_cases(seed: int, check_key: str, n_random: int, anchor: tuple[float, str]) -> tuple[LocationCase, ...]:
    # Cached per check, so that the stated subject and the controls share case objects (and _frozen's cache).
    rng = Context(seed=seed, check_key=check_key).rng("location-families")
    cases = [
        LocationCase("data N(0, 1), family N(θ, 1), θ0 = 0.7", gaussian(0.0, 1.0), gaussian(0.0, 1.0), 0.7, anchor),
        LocationCase("000's bimodal data, family N(θ, 1.5²), θ0 = 0.5", BIMODAL, gaussian(0.0, 1.5), 0.5),
        LocationCase(
            "000's bimodal data, family ½N(θ − 2, 0.7²) + ½N(θ + 2, 0.7²), θ0 = 0.3",
            BIMODAL,
            GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.7, 0.7]),
            0.3,
        ),
    ]
    for i in range(n_random):
        mix = []
        for _ in range(2):
            k = int(rng.integers(1, 4))
            mix.append(GaussianMixture(rng.dirichlet(np.ones(k)), rng.uniform(-3, 3, k), rng.uniform(0.5, 2.0, k)))
        cases.append(LocationCase(f"random mixture pair {i}", mix[0], mix[1], float(rng.uniform(-1.5, 1.5))))
    return tuple(cases)


@dataclass(frozen=True)
class GradientIdentity:
    """d/dθ E_{p_θ}[cost(D*_{θ0})] claimed equal to d/dθ ``functional``(p_data, p_θ), at θ0."""

    cost: str
    functional: Callable[[Density, Density], float]


def gradient_identity(anchor: tuple[float, str]) -> Callable[[GradientIdentity, Context], Outcome]:
    """Test of a gradient identity on location cases.

    The first case, N(0, 1) against N(θ, 1) at θ0 = 0.7, carries ``anchor``.
    """

    def test(subject: GradientIdentity, ctx: Context) -> Outcome:
        cases = _build_cases(ctx.seed, ctx.check_key, max(2, ctx.profile.random_cases // 4), anchor)
        rows = []
        for case in cases:
            lhs = frozen_gradient(case, subject.cost)
            rhs = _divergence_gradient(case, subject.functional)
            rows.append({"case": case.name, "lhs": lhs, "rhs": rhs})
            bad = not compare(lhs, rhs, CENTRAL_DIFFERENCE).ok
            if bad or (case.anchor is not None and not compare(lhs, case.anchor[0], EIGHT_DECIMALS).ok):
                return Outcome.failed(
                    f"on {case.name}: left side {lhs:.10g}, right side {rhs:.10g}"
                    + (f", literature value {case.anchor[0]} ({case.anchor[1]})" if case.anchor else ""),
                    counterexample=rows[-1] | ({"literature value": case.anchor[0]} if case.anchor else {}),
                    cases=rows,
                )
        anchored = [(c, r) for c, r in zip(cases, rows, strict=True) if c.anchor is not None]
        return Outcome.passed(
            f"both sides agree on {len(rows)} cases ({CENTRAL_DIFFERENCE})"
            + "".join(
                f"; on {c.name} the left side is {r['lhs']:.10f}, the literature's {c.anchor[0]}" for c, r in anchored
            ),
            cases=rows,
        )

    return test


_x, _th, _th0 = sp.symbols("x theta theta0", real=True)


_s = sp.Symbol("s", positive=True)


def ml_gradient_identity(subject: tuple[sp.Expr, str], ctx: Context) -> Outcome:
    """Test: ``factor`` × the expected gradient of −exp(σ⁻¹(D*)) equals the gradient of KL ``divergence``.

    p_data = N(0, 1), p_θ = N(θ, s²): both sides in closed form, at θ = θ0, for every θ0 and s > 0.
    """
    factor, divergence = subject
    log_p, log_q = normal_log_density(_x, 0, 1), normal_log_density(_x, _th, _s)
    logit_star = log_p - normal_log_density(_x, _th0, _s)  # σ⁻¹(D*) with D* frozen at θ0
    expected_cost = -gaussian_integral(log_q + logit_star, _x)  # E_{p_θ}[−exp(σ⁻¹(D*))]
    lhs = factor * sp.diff(expected_cost, _th).subs(_th, _th0)
    kl = (
        gaussian_expectation(log_p - log_q, _x, 0, 1)
        if divergence == "KL(p_data‖p_g)"
        else gaussian_expectation(log_q - log_p, _x, _th, _s**2)
    )
    rhs = sp.diff(kl, _th).subs(_th, _th0)
    return prove(Identity(sp.simplify(lhs), sp.simplify(rhs), {_th0: REAL, _s: POSITIVE}), ctx)


@cache
def _thm25_parts(theta0: float, sigma: float) -> dict[str, float]:
    """p_r = N(0, 1), p_θ = N(θ, σ²) at θ0: the left side and the gradients on the right, from score forms."""
    pr, p0 = gaussian(0.0, 1.0), gaussian(theta0, sigma)

    def logit(x: Array) -> Array:
        return pr.logpdf(x) - p0.logpdf(x)  # σ⁻¹(D*), D* = p_r/(p_r + p_θ0)

    def minus_dlogd(x: Array) -> Array:
        # −∂x log D*(x) = −(1 − D*)·(score_r − score_θ0); the generator x = θ + σz has ∂x/∂θ = 1
        return -special.expit(-logit(x)) * (-x + (x - theta0) / sigma**2)

    return {
        "lhs": quadrature.expectation(p0, minus_dlogd),
        # closed forms for Gaussians: ∂θ KL(N(θ, σ²)‖N(0, 1)) = θ, ∂θ KL(N(0, 1)‖N(θ, σ²)) = θ/σ²
        "reverse": theta0,
        "forward": theta0 / sigma**2,
        # ∂θ JS(p_θ‖p_r) = ½ ∫ ∂θ p_θ · log(2 p_θ/(p_θ + p_r)), with ∂θ p_θ = p_θ·(x − θ)/σ²
        "js": 0.5
        * quadrature.expectation(p0, lambda x: (x - theta0) / sigma**2 * (LOG2 - np.logaddexp(0.0, logit(x)))),
    }


def thm25_sweep(subject: tuple[str, float], ctx: Context) -> Outcome:
    """Test: left side = right side (rtol 1e-10) on every (θ0, σ) case; stops at the first disagreement.

    ``subject = (kl, js_coefficient)``: the right side ∇θ[KL(direction) + js_coefficient·JS] of Theorem 2.5.
    """
    kl, js_coefficient = subject
    rng = ctx.rng("theta-sigma")
    named = [(0.7, 1.0), (-1.5, 0.5), (1.8, 2.0), (0.0, 1.0)]
    n = ctx.profile.random_cases
    pairs = named + [(float(t), float(s)) for t, s in zip(rng.uniform(-2, 2, n), rng.uniform(0.5, 2.0, n), strict=True)]
    worst = 0.0
    for theta0, sigma in pairs:
        parts = _thm25_parts(theta0, sigma)
        rhs = parts[kl] + js_coefficient * parts["js"]
        cmp = compare(parts["lhs"], rhs, QUADRATURE)
        worst = max(worst, cmp.max_abs_error)
        if not cmp.ok:
            return Outcome.failed(
                f"at θ0 = {theta0:.6g}, σ = {sigma:.6g}: left side {parts['lhs']:.12g}, right side {rhs:.12g}",
                counterexample={"theta0": theta0, "sigma": sigma, "lhs": parts["lhs"], "rhs": rhs},
            )
    return Outcome.passed(
        f"both sides agree on {len(pairs)} (θ0, σ) cases (max |Δ| = {worst:.2g}, {QUADRATURE})", cases=len(pairs)
    )


@dataclass(frozen=True)
class NearPerfect:
    """D = D* + δ near the generator's samples, with D* = 0 there and δ(x) = ε·A·bump((x − c)/w), ‖δ‖ = ε.

    The generator is g_θ(z) = θ + z (``kind = "location"``, M = 1) or g_θ(z) = θ·z (``kind = "scale"``,
    M² = E z²), with z uniform so that the samples at θ0 fill a window of relative half-width
    ``spread`` around the bump's steepest point x*.
    """

    width: float
    spread: float
    kind: str

    @property
    def scale(self) -> float:
        # A such that sup|δ| + sup|δ'| = ε: sup|bump| = e⁻¹ at u = 0, sup|bump'| at the steepest point
        return 1.0 / (np.exp(-1.0) + bump_steepest_point()[1] / self.width)

    @property
    def x_star(self) -> float:
        return bump_steepest_point()[0] * self.width  # bump centred at c = 0

    def delta(self, eps: float, x: Array) -> tuple[Array, Array]:
        u = x / self.width
        return eps * self.scale * bump(u), eps * self.scale * bump_derivative(u) / self.width

    def latent(self) -> tuple[float, float, float]:
        """(z_lo, z_hi, θ0)."""
        if self.kind == "location":
            half = self.spread * self.width * (1 - bump_steepest_point()[0])
            return -half, half, self.x_star
        return 1.0 - self.spread, 1.0 + self.spread, self.x_star

    def m_bound(self) -> float:
        lo, hi, _ = self.latent()
        return 1.0 if self.kind == "location" else float(np.sqrt((hi**3 - lo**3) / (3 * (hi - lo))))

    def gradient(self, eps: float, cost: str) -> float:
        """d/dθ E_z[cost(D(g_θ(z)))] at θ0 = E_z[cost'(D)·δ'(g)·∂θ g], by adaptive quadrature over z."""
        lo, hi, theta0 = self.latent()
        d_cost = GENERATOR_COSTS[cost].d_output

        def integrand(z: Array) -> Array:
            x = theta0 + z if self.kind == "location" else theta0 * z
            d, slope = self.delta(eps, x)
            jac = np.ones_like(z) if self.kind == "location" else z
            return d_cost(d) * slope * jac / (hi - lo)

        return quadrature.integrate(integrand, (lo, hi))


_SHAPES = tuple(NearPerfect(w, s, k) for w in (0.05, 1.0) for s in (0.01, 0.3) for k in ("location", "scale"))


_EPSILONS = (0.5, 0.1, 1e-2, 1e-4, 1e-6)


def bound_holds(bound: Callable[[float, float], float], ctx: Context) -> Outcome:
    """Test: |∇θ E log(1 − D(g_θ(z)))| < bound(ε, M) whenever ‖D − D*‖ < ε, over shapes and ε."""
    rows = []
    tightest = 0.0
    for shape in _SHAPES:
        for eps in _EPSILONS:
            g = abs(shape.gradient(eps, "minimax"))
            b = bound(eps * (1 + 1e-9), shape.m_bound())  # the theorem needs ‖D − D*‖ < ε strictly
            rows.append({"shape": repr(shape), "ε": eps, "|gradient|": g, "bound": b})
            tightest = max(tightest, g / b if b > 0 else np.inf)
            if not g < b:
                return Outcome.failed(
                    f"{shape}: at ‖D − D*‖ = {eps:g} the gradient norm {g:.6g} exceeds the bound {b:.6g}",
                    counterexample=rows[-1],
                )
    smallest = [r for r in rows if r["ε"] == min(_EPSILONS)]
    return Outcome.passed(
        f"the bound holds in all {len(rows)} cases; the closest case reaches {tightest:.3f} of it, and at ε = "
        f"{min(_EPSILONS):g} the gradient is at most {max(r['|gradient|'] for r in smallest):.3g}",
        tightest_ratio=tightest,
        cases=rows,
    )


_DOMINANCE_EPSILONS = (1e-1, 1e-3, 1e-5)


_DOMINANCE_SHAPE = NearPerfect(0.05, 0.3, "location")


#: A gradient "vanishes as D → D*" when it falls at least like √ε (order ≥ ½) between ε = 1e-1 and 1e-5.
VANISHING_ORDER = 0.5


def vanishes(costs: tuple[str, ...], ctx: Context) -> Outcome:
    """Test: for each cost, the generator's gradient decays (order ≥ ½ in ε) as D = D* + δ_ε approaches D*."""
    orders = {}
    values = {}
    for cost in costs:
        g = [abs(_DOMINANCE_SHAPE.gradient(eps, cost)) for eps in _DOMINANCE_EPSILONS]
        hi, lo = _DOMINANCE_EPSILONS[0], _DOMINANCE_EPSILONS[-1]
        orders[cost] = float(np.log(g[0] / g[-1]) / np.log(hi / lo))
        values[cost] = dict(zip((f"ε = {e:g}" for e in _DOMINANCE_EPSILONS), g, strict=True))
    persistent = [c for c, p in orders.items() if p < VANISHING_ORDER]
    if persistent:
        c = persistent[0]
        return Outcome.failed(
            f"the {c} gradient does not vanish as D → D*: |∇θ| ∝ ε^{orders[c]:.3g} ({values[c]})",
            counterexample={"cost": c, "order in ε": orders[c], "|gradient|": values[c]},
            orders=orders,
            gradients=values,
        )
    return Outcome.passed(
        "every gradient vanishes as D → D*: " + ", ".join(f"{c} ∝ ε^{p:.3g}" for c, p in orders.items()),
        orders=orders,
        gradients=values,
    )
