"""Generator gradients from the literature: the maximum-likelihood cost, Arjovsky–Bottou Theorems 2.4 and 2.5.

Catalog rows ML-COST, AB17-THM24, AB17-THM25 (group L) and DOMINATE (group E: a too-strong
discriminator and the generator's gradient).

Expected generator gradients are computed with D frozen at the optimal discriminator D* of the
generator at θ0, as the theorems state them: E_{p_θ}[cost(ℓ*_{θ0})] is integrated by adaptive
quadrature and differentiated in θ by five-point central differences, and the divergences on the
other side are differentiated the same way. The vanishing-gradient checks build a discriminator
D = D* + δ, with δ a smooth bump of norm ε = sup|δ| + sup|δ'| placed where the generator's
samples lie, and shrink ε.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp
from numpy.typing import NDArray
from scipy import special

from gantheory import quadrature
from gantheory.bumps import bump, bump_derivative, bump_steepest_point
from gantheory.densities import Density, GaussianMixture, gaussian
from gantheory.differences import five_point_derivative as five_point
from gantheory.divergences import LOG2
from gantheory.losses import GENERATOR_COSTS
from gantheory.symbolic import gaussian_expectation, gaussian_integral, normal_log_density
from verify.builders import check
from verify.cases import BIMODAL
from verify.checks import Identity, prove
from verify.context import Context
from verify.cost_checks import saturation_check
from verify.model import Change, Claim, Kind, Origin, Outcome
from verify.proof import POSITIVE, REAL
from verify.references import AB17, GF14B, GF16
from verify.sources import D003, D004, paper, src
from verify.tolerance import QUADRATURE, Tolerance, compare

Array = NDArray[np.float64]

#: LHS against RHS when both are five-point central differences of quadratures.
CENTRAL_DIFFERENCE = Tolerance(
    rtol=1e-8,
    atol=1e-10,
    why="five-point central differences (step 1e-3) of functionals integrated to ~1e-13 relative: truncation error h⁴·f⁽⁵⁾/30 ≈ 1e-13 for these smooth Gaussian-mixture functionals, rounding ≈ 1e-13·|F|/h ≈ 1e-10·|F|; observed |Δ| ≲ 1e-12 on the cases with a reference value",
)

#: A literature constant printed with 8 decimals: half a unit in the last place.
EIGHT_DECIMALS = Tolerance(
    rtol=0.0, atol=5e-9, why="the independent value is recorded to 8 decimals: ±½ unit in the last place"
)

# -- Frozen-discriminator expectations and location families ------------------------------------------------------------


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


def _gradient_identity(anchor: tuple[float, str]) -> Callable[[GradientIdentity, Context], Outcome]:
    """Test of a gradient identity on location cases; the first, N(0, 1) against N(θ, 1) at θ0 = 0.7, carries ``anchor``."""

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


def _kl_reverse(p: Density, q: Density) -> float:
    return quadrature.kl_divergence(q, p)


# -- ML-COST ------------------------------------------------------------------------------------------------------------

_x, _th, _th0 = sp.symbols("x theta theta0", real=True)
_s = sp.Symbol("s", positive=True)


def _prove_ml(subject: tuple[sp.Expr, str], ctx: Context) -> Outcome:
    """Test: ``factor`` × the expected gradient of −exp(σ⁻¹(D*)) equals the gradient of the KL divergence ``divergence``.

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


# reference value for Goodfellow 2016 (arXiv:1701.00160, §3.2.3, the ML game), re-derived independently of this code
_ML_SOURCE = "independent numerical re-derivation: 0.70000000 for N(0, 1) against N(θ, 1), θ0 = 0.7"

ML_COST = Claim(
    id="ML-COST",
    origin=Origin.LITERATURE,
    title="The maximum-likelihood generator cost",
    statement="With the discriminator optimal, the generator cost −exp(σ⁻¹(D(G(z)))) has expected gradient equal to the gradient of KL(p_data‖p_g), so descending it does maximum likelihood (the tutorial writes it with a ½, as all its costs, which halves both sides).",
    sources=(paper(str(GF16), "§3.2.4, Maximum likelihood game"), paper(str(GF14B), "§3")),
    assumptions=(
        "D = D* of the generator at θ0, held fixed while differentiating in θ",
        "p_g = p_θ a smooth family with densities; KL(p_data‖p_θ) finite",
    ),
    references=(GF16.at("§3.2.4"), str(GF14B)),
    notes="exp(σ⁻¹(D*)) = D*/(1 − D*) = p_data/p_θ0, so the cost reweights fakes by the density ratio.",
    checks=(
        check(
            "gaussian-closed-form",
            Kind.SYMBOLIC,
            "p_data = N(0, 1), p_θ = N(θ, s²): E_{p_θ}[−exp(σ⁻¹(D*_{θ0}))] by completing the square, differentiated in θ at θ0, against ∂θ KL by Gaussian moments; sympy proves equality for all θ0 ∈ ℝ, s > 0.",
            _prove_ml,
            ("the gradient equals ∇θ KL(p_data‖p_θ)", (sp.Integer(1), "KL(p_data‖p_g)")),
            [
                ("reverse KL", "the gradient equals ∇θ KL(p_θ‖p_data)", (sp.Integer(1), "KL(p_g‖p_data)")),
                (
                    "the ½ kept",
                    "the tutorial's −½·exp(σ⁻¹(D)) has gradient equal to ∇θ KL(p_data‖p_θ)",
                    (sp.Rational(1, 2), "KL(p_data‖p_g)"),
                ),
            ],
        ),
        check(
            "mixtures",
            Kind.NUMERIC,
            "Location families on Gaussian mixtures (document 000's data among them, and the anchor case with its literature value 0.7): both sides by adaptive quadrature and five-point central differences in θ.",
            _gradient_identity((0.7, _ML_SOURCE)),
            ("−exp(σ⁻¹(D*)) against KL(p_data‖p_θ)", ("maximum-likelihood", quadrature.kl_divergence)),
            [
                ("reverse KL", "… against KL(p_θ‖p_data)", ("maximum-likelihood", _kl_reverse)),
                (
                    "exp dropped",
                    "the cost −D* = −σ(σ⁻¹(D*)) against KL(p_data‖p_θ)",
                    ("raw D", quadrature.kl_divergence),
                ),
                ("minimax cost", "the cost log(1 − D*) against KL(p_data‖p_θ)", ("minimax", quadrature.kl_divergence)),
            ],
            build=lambda a: GradientIdentity(*a),
        ),
    ),
)

# -- AB17-THM25 ---------------------------------------------------------------------------------------------------------


def _thm25_rhs(kl: str, js_coefficient: float) -> GradientIdentity:
    """The non-saturating cost against the right side ∇θ[KL(direction) + js_coefficient·JS] of Theorem 2.5."""

    def functional(p: Density, q: Density) -> float:
        k = quadrature.kl_divergence(q, p) if kl == "reverse" else quadrature.kl_divergence(p, q)
        return k + js_coefficient * quadrature.js_divergence(q, p)

    return GradientIdentity("non-saturating", functional)


# reference value for Arjovsky & Bottou 2017 (arXiv:1701.04862, Thm 2.5), re-derived independently of this code by quadrature and central differences
_THM25_SOURCE = "independent numerical re-derivation: LHS = RHS = 0.38845106 for N(0, 1) against N(θ, 1), θ0 = 0.7"


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


def _thm25_sweep(subject: tuple[str, float], ctx: Context) -> Outcome:
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


#: The controls of both checks of Theorem 2.5: (label, right side, (KL direction, JS coefficient)).
_THM25_CONTROLS = [
    ("JS sign flipped", "∇[KL(p_g‖p_r) + 2·JS]", ("reverse", 2.0)),
    ("factor 2 dropped", "∇[KL(p_g‖p_r) − JS]", ("reverse", -1.0)),
    ("KL reversed", "∇[KL(p_r‖p_g) − 2·JS]", ("forward", -2.0)),
]

AB17_THM25 = Claim(
    id="AB17-THM25",
    origin=Origin.LITERATURE,
    title="Arjovsky–Bottou Theorem 2.5: the −log D gradient",
    statement="With D* = p_r/(p_{g,θ0} + p_r) fixed, the expected gradient E_z[−∇θ log D*(g_θ(z))] at θ0 equals ∇θ[KL(p_{g,θ}‖p_r) − 2·JS(p_{g,θ}‖p_r)] at θ0.",
    sources=(paper(str(AB17), "Theorem 2.5"),),
    assumptions=(
        "p_r and p_{g,θ} have densities; the family is smooth in θ",
        "natural logarithm; JS with the ½ weights",
    ),
    references=(AB17.at("Theorem 2.5"),),
    notes="The reverse KL term makes the non-saturating generator mode-seeking and the −2·JS term pushes p_g away from p_r; this is why its stationary points differ from those of the minimax dynamics (NS-FIXED-POINT).",
    checks=(
        check(
            "anchor-and-mixtures",
            Kind.NUMERIC,
            "Location families on Gaussian mixtures: the left side by quadrature of E_{p_θ}[−log D*_{θ0}] and five-point central differences in θ, the right side by central differences of quadrature KL and JS; the anchor case against the literature's 0.38845106.",
            _gradient_identity((0.38845106, _THM25_SOURCE)),
            ("∇[KL(p_g‖p_r) − 2·JS]", ("reverse", -2.0)),
            _THM25_CONTROLS,
            build=lambda a: _thm25_rhs(*a),
        ),
        check(
            "gaussian-sweep",
            Kind.NUMERIC,
            "Named and random (θ0, σ) ∈ [−2, 2] × [0.5, 2] with p_r = N(0, 1), p_θ = N(θ, σ²): the left side as E_{p_θ0}[−∂x log D*] (one quadrature), the right side from the closed-form KL gradient and ½E_{p_θ0}[(x − θ0)/σ² · log(2(1 − D*))] for the JS gradient, compared at rtol 1e-10.",
            _thm25_sweep,
            ("∇[KL(p_g‖p_r) − 2·JS]", ("reverse", -2.0)),
            _THM25_CONTROLS,
        ),
    ),
)

# -- A discriminator near the perfect one: D = D* + δ (AB17-THM24, DOMINATE) --------------------------------------------


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


def _bound_holds(bound: Callable[[float, float], float], ctx: Context) -> Outcome:
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
        f"the bound holds in all {len(rows)} cases; the closest case reaches {tightest:.3f} of it, and at ε = {min(_EPSILONS):g} the gradient is at most {max(r['|gradient|'] for r in smallest):.3g}",
        tightest_ratio=tightest,
        cases=rows,
    )


AB17_THM24 = Claim(
    id="AB17-THM24",
    origin=Origin.LITERATURE,
    title="Arjovsky–Bottou Theorem 2.4: vanishing minimax gradients",
    statement="If p_r and p_g lie on disjoint compact sets (or misaligned manifolds), ‖D − D*‖ < ε in the norm sup|D| + sup‖∇D‖, and E_z‖J_θ g_θ(z)‖² ≤ M², then ‖∇θ E_z log(1 − D(g_θ(z)))‖ < Mε/(1 − ε); the gradient vanishes as D approaches the perfect discriminator (Corollary 2.1).",
    sources=(paper(str(AB17), "Theorem 2.4 and Corollary 2.1"),),
    assumptions=(
        "a constructed example: D* = 0 on a neighbourhood of the generator's support, D = D* + δ with δ a smooth bump of norm exactly ε placed where the samples lie",
        "location generators θ + z (M = 1) and scale generators θ·z (M² = E z²), z uniform",
    ),
    references=(AB17.at("Theorem 2.4, Corollary 2.1"),),
    checks=(
        check(
            "bound",
            Kind.NUMERIC,
            "The generator gradient E_z[−δ'(g_θ(z))·∂θ g/(1 − δ)] by adaptive quadrature over z for 8 bump shapes and generators and ε from 0.5 to 1e-6, against the bound at ε(1 + 1e-9).",
            _bound_holds,
            ("bound Mε/(1 − ε)", lambda eps, m: m * eps / (1 - eps)),
            [
                ("ε squared", "bound Mε²", lambda eps, m: m * eps**2),
                ("half the bound", "bound Mε/(2(1 − ε))", lambda eps, m: m * eps / (2 * (1 - eps))),
            ],
        ),
    ),
)

# -- DOMINATE -----------------------------------------------------------------------------------------------------------

_DOMINANCE_EPSILONS = (1e-1, 1e-3, 1e-5)
_DOMINANCE_SHAPE = NearPerfect(0.05, 0.3, "location")
#: A gradient "vanishes as D → D*" when it falls at least like √ε (order ≥ ½) between ε = 1e-1 and 1e-5.
VANISHING_ORDER = 0.5


def _vanishes(costs: tuple[str, ...], ctx: Context) -> Outcome:
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


DOMINATE = Claim(
    id="DOMINATE",
    title="A too-strong discriminator kills learning",
    statement="Neither network may dominate for training to succeed; in particular, when the discriminator becomes too strong the generator's gradients vanish.",
    sources=(src(D004, "Adversarial Training Concept"), src(D003, "Training Challenges")),
    assumptions=(
        "'too strong' read as D approaching the perfect discriminator D* of disjoint supports (Arjovsky & Bottou)",
        "the generator losses the documents use: the minimax log(1 − D(G(z))) and the non-saturating −log D(G(z)) (000's code, 003's and 004's label-1 training)",
    ),
    references=(
        AB17.at("Theorem 2.4 and Corollary 2.1 (minimax), Theorem 2.6 (−log D: unstable updates)"),
        GF16.at("§3.2.3"),
    ),
    notes="Under the same near-perfect D, the non-saturating gradient E[−δ'/δ] does not depend on ε at all: its problem is not vanishing but instability (Arjovsky & Bottou, Thm 2.6: with a noisy D the update has Cauchy-distributed coordinates). The claim that G must not dominate either is not tested here.",
    checks=(
        check(
            "vanishing-as-d-perfect",
            Kind.NUMERIC,
            "D = D* + δ_ε near the generator's samples (the AB17-THM24 construction, bump width 0.05): the generator's expected gradient by quadrature at ε = 1e-1, 1e-3, 1e-5, and its order of decay in ε.",
            _vanishes,
            ("both generator losses the documents use lose their gradient", ("minimax", "non-saturating")),
            [("non-saturating", "the non-saturating loss loses its gradient", ("non-saturating",))],
            corrected=(
                Change.SCOPE,
                "the generator's gradient vanishes as D becomes perfect for the minimax loss log(1 − D(G(z))); the non-saturating loss keeps an O(1) gradient (its failure mode is unstable, noisy updates instead)",
                ("minimax",),
            ),
        ),
        saturation_check(
            "logit-saturation",
            "sympy: the limit of |∂cost/∂ℓ| as D(G(z)) = σ(ℓ) → 0, i.e. as D rejects the fakes with certainty.",
            (
                "confident rejection zeroes the minimax gradient but not the non-saturating one",
                ("logit", {"minimax": True, "non-saturating": False}),
            ),
            [
                (
                    "both vanish",
                    "both gradients vanish under confident rejection",
                    ("logit", {"minimax": True, "non-saturating": True}),
                )
            ],
            decides=False,
        ),
    ),
)

CLAIMS = (ML_COST, AB17_THM24, AB17_THM25, DOMINATE)

__all__ = ["CLAIMS", "NearPerfect", "frozen_gradient"]
