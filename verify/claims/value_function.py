"""Group A: the value function, the optimal discriminator and the global optimum.

Catalog rows MINIMAX-V, V-TERM-ROLES, V-NEG-BCE, D-STAR, D-STAR-HALF,
CG-MIN, CG-JS and EX2-JS-MIN. The pointwise identities are proved with sympy
on positive symbols a = p_data(x), b = p_g(x), y = D(x); the integrated ones
are evaluated on random probability vectors (exact sums) and on Gaussian
mixtures (adaptive quadrature).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy import integrate, stats
from scipy.spatial.distance import jensenshannon

from gantheory import discriminator as disc
from gantheory import quadrature, strategies
from gantheory import symbolic as S
from gantheory.densities import GaussianMixture, gaussian
from gantheory.divergences import LOG2, js_divergence
from gantheory.quadrature import kl_divergence
from verify.builders import claim, identity, numeric_check, property_check, sections, symbolic_check
from verify.cases import BIMODAL, random_mixture_pairs, random_pmf_pairs
from verify.checks import Case, Identity, agree_on_cases, for_all
from verify.context import Context
from verify.model import Outcome
from verify.proof import UNIT
from verify.references import GF14, GF16
from verify.sources import D000, D001, D003, src
from verify.tolerance import IDENTITY, QUADRATURE

LOG4 = 2 * LOG2
Array = NDArray[np.float64]
#: (offset, factor) in C(G) = offset + factor·D_JS, exact for sympy; the numeric checks take their floats.
OffsetFactor = tuple[sp.Expr, sp.Expr]


def _pqd_triples() -> st.SearchStrategy[tuple[Array, Array, Array]]:
    return st.tuples(strategies.pmf_pairs(), st.lists(st.floats(0, 1), min_size=8, max_size=8)).map(
        lambda t: (t[0][0], t[0][1], np.asarray(t[1][: t[0][0].size]))
    )


# -- MINIMAX-V ----------------------------------------------------------------


def _log_one_minus_d(w: float, c: float) -> Callable[[Array], Array]:
    # log(1 − σ(t)) = −softplus(t): finite where 1 − σ(t) rounds to 0
    return lambda x: -np.logaddexp(0.0, w * np.asarray(x) + c)


def _fake_term_two_ways(subject: Callable[[Array], Array], case: tuple[float, float, float]) -> tuple[float, float]:
    """E_z[log(1 − D(e^z))] over z ~ N(0, 1) (scipy.quad), and the same over x with the density ``subject``."""
    w, c, _ = case
    log1md = _log_one_minus_d(w, c)
    over_z, _ = integrate.quad(
        lambda z: stats.norm.pdf(z) * log1md(np.exp(z)), -12, 12, epsabs=1e-15, epsrel=1e-12, limit=400
    )
    pts = tuple(float(np.exp(k)) for k in range(-6, 7))
    over_x = quadrature.integrate(lambda x: subject(x) * log1md(x), (float(np.exp(-12.0)), float(np.exp(12.0))), pts)
    return over_x, over_z


def _lotus_cases(ctx: Context) -> list[Case]:
    rng = ctx.rng("lotus")
    return [
        Case(f"D(x) = σ({w:.3g}·x + {c:.3g})", (w, c, 0.0))
        for w, c in zip(rng.uniform(-2, 2, 6), rng.uniform(-2, 2, 6), strict=True)
    ]


def _pushforward_lognormal(x: Array) -> Array:
    # G(z) = e^z with z ~ N(0, 1): p_g(x) = φ(log x) / x, the standard log-normal (cross-checked by scipy).
    return np.asarray(stats.lognorm.pdf(x, s=1.0), dtype=np.float64)


@dataclass(frozen=True)
class Saddle:
    """A claimed equilibrium of the game on pmfs: D's reply to both, the game's value, G's reply to p_data."""

    discriminator: Callable[[Array, Array], Array]
    value: float | None  # None: the value is whatever V takes at the claimed pair
    generator: Callable[[Array], Array] = lambda p: p  # by default G reproduces p_data


def _optimal_value(p: Array, q: Array) -> float:
    """C(q) = max_D V(D, q) = V(D*, q), with D* = p/(p + q) (½ where p + q = 0, where D does not enter V)."""
    return float(disc.value_function(np.clip(disc.optimal_discriminator(p, q), 1e-300, 1 - 1e-16), p, q))


def _nash(subject: Saddle, pqd: tuple[Array, Array, Array]) -> bool:
    """(D_eq, p_g) is a saddle point: no D beats D_eq against p_g, and no q lowers max_D V below its value."""
    p, q, d = pqd
    p_g = subject.generator(p)
    d_eq = np.clip(subject.discriminator(p, p_g), 1e-300, 1 - 1e-16)
    v_eq = disc.value_function(d_eq, p, p_g)
    if subject.value is not None and abs(v_eq - subject.value) > 1e-12 * (1 + abs(v_eq)):
        return False
    d_safe = np.clip(d, 1e-9, 1 - 1e-9)
    d_side = disc.value_function(d_safe, p, p_g) <= v_eq + 1e-12
    # G's side: the generator minimises max_D V. At a constant D, V(D, q) does not depend on q at all, so
    # "V(½, q) ≥ V(½, p)" would hold for every q and decide nothing; the max over D is what G faces.
    g_side = _optimal_value(p, q) >= v_eq - 1e-12 * (1 + abs(v_eq))
    return bool(d_side and g_side)


def _constant_d(value: float) -> Callable[[Array, Array], Array]:
    return lambda p, q: np.full_like(p, value)


MINIMAX_V = claim(
    "MINIMAX-V",
    "The GAN minimax objective",
    "G and D play min_G max_D V(D, G) with V(D, G) = E_{x∼p_data}[log D(x)] + E_{z∼p_z}[log(1 − D(G(z)))], where G maps latent noise to data space and D(x) ∈ [0, 1] is the probability that x is real.",
    numeric_check(
        "change-of-variables",
        "The proofs in 001 §2.1 rewrite E_z[log(1 − D(G(z)))] as ∫ p_g(x) log(1 − D(x)) dx. For G(z) = e^z, z ∼ N(0, 1), compute both sides by quadrature (p_g from scipy's log-normal) for logistic D.",
        agree_on_cases(
            _lotus_cases, _fake_term_two_ways, QUADRATURE, what="∫ p_g log(1 − D) against E_z log(1 − D(G(z)))"
        ),
        ("p_g is the law of G(z): the log-normal density φ(log x)/x", _pushforward_lognormal),
        [
            ("p_z in place of p_g", "integrate against the latent density φ(x) itself", stats.norm.pdf),
            (
                "Jacobian dropped",
                "p_g(x) = φ(log x), without the 1/x of the change of variables",
                lambda x: stats.norm.pdf(np.log(x)),
            ),
        ],
    ),
    property_check(
        "nash-equilibrium",
        "On random pmfs p, q and discriminators D, with the claimed pair (D_eq, p_g): V(D, p_g) ≤ V(D_eq, p_g) (no D does better against p_g) and max_D V(D, q) = V(D*_q, q) ≥ V(D_eq, p_g) for every q (no generator does better against the best reply), with V(D_eq, p_g) equal to the claimed game value.",
        for_all(_pqd_triples(), _nash, inputs="(p_data, p_g, D) triples"),
        ("the game's saddle point is p_g = p_data, D ≡ ½, with value −log 4", Saddle(_constant_d(0.5), -LOG4)),
        [
            ("value −log 2", "claimed game value −log 2 (log 2 for log 4)", Saddle(_constant_d(0.5), -LOG2)),
            (
                "D ≡ 0.7",
                "claimed equilibrium discriminator D ≡ 0.7",
                Saddle(_constant_d(0.7), float(np.log(0.7) + np.log(0.3))),
            ),
            (
                "uniform generator",
                "a uniform p_g with its optimal D, p_data/(p_data + p_g), is a saddle point (D's side holds; G's side must fail)",
                Saddle(disc.optimal_discriminator, None, lambda p: np.full_like(p, 1.0 / p.size)),
            ),
        ],
    ),
    sources=(
        *sections(D000, "Minimax Objective", "The Adversarial Game"),
        *sections(D001, "1.2 The Adversarial Game", "Key Equations Summary"),
        src(D003, "Mathematical Formulation"),
    ),
    assumptions=(
        "D takes values in [0, 1]",
        "the fake term is an expectation over z ∼ p_z, i.e. over x ∼ p_g, the law of G(z)",
    ),
    references=(GF14.at("Eq. (1)"),),
)


# -- V-TERM-ROLES -------------------------------------------------------------


def _term_directions(subject: dict[str, int], ctx: Context) -> Outcome:
    """Sign of d/dy of each term of V on y ∈ (0, 1), by sympy, checked on a grid."""
    terms = {"real": sp.log(S.y), "fake": sp.log(1 - S.y)}
    grid = np.linspace(1e-6, 1 - 1e-6, 2001)
    found = {}
    for name, expr in terms.items():
        deriv = sp.diff(expr, S.y)
        values = sp.lambdify(S.y, deriv, "numpy")(grid)
        sign = int(np.sign(values).min()) if np.all(np.sign(values) == np.sign(values[0])) else 0
        found[name] = {"derivative": sp.sstr(deriv), "sign on (0,1)": sign}
    ok = all(found[k]["sign on (0,1)"] == v for k, v in subject.items())
    return Outcome.decide(
        ok,
        "d/dD log D = 1/D > 0 and d/dD log(1 − D) = −1/(1 − D) < 0 on (0, 1)"
        if ok
        else "a claimed direction disagrees with the sign of the derivative",
        counterexample={"claimed": subject, "computed": found},
        derivatives=found,
    )


V_TERM_ROLES = claim(
    "V-TERM-ROLES",
    "What each player wants from each term of V",
    "D wants both terms of V high. G wants the fake term log(1 − D(G(z))) low, which it achieves by making D(G(z)) high. The real term rewards recognising real samples, the fake term recognising fakes.",
    symbolic_check(
        "monotonicity",
        "sympy derivative of each term in y = D, its sign evaluated on a 2001-point grid of (0, 1).",
        _term_directions,
        ("the real term increases with D(x); the fake term decreases as D(G(z)) rises", {"real": 1, "fake": -1}),
        [
            ("reversed fake term", "raising D(G(z)) raises log(1 − D(G(z)))", {"real": 1, "fake": 1}),
            ("reversed real term", "raising D(x) lowers log D(x)", {"real": -1, "fake": -1}),
        ],
    ),
    sources=(
        src(D000, "Minimax Objective"),
        *sections(D001, "1.2 The Adversarial Game", "1.3 The Value Function Breakdown"),
    ),
    assumptions=("D(x) ∈ (0, 1)",),
)


# -- V-NEG-BCE ----------------------------------------------------------------


def _neg_bce(k: int, real_label: int = 1) -> sp.Expr:
    """−k × the mean BCE of D on a balanced real/fake sample, pointwise."""
    y, a, b = S.y, S.a, S.b
    real_loss = -sp.log(y) if real_label == 1 else -sp.log(1 - y)
    fake_loss = -sp.log(1 - y) if real_label == 1 else -sp.log(y)
    return -sp.Integer(k) * (sp.Rational(1, 2) * (a * real_loss + b * fake_loss))


V_NEG_BCE = claim(
    "V-NEG-BCE",
    "V is a negative cross-entropy",
    "For fixed G, V(D, G) is the negative of the binary cross-entropy loss of D as a real-vs-fake classifier.",
    identity(
        "pointwise-identity",
        "sympy: p log D + q log(1 − D) against −k·½[p(−log D) + q(−log(1 − D))], the integrand of −k × the mean BCE over a balanced sample; k = 2 is the cross-entropy summed over the two classes.",
        lhs=S.value_integrand(),
        domains={S.y: UNIT},
        stated=("V = −(BCE on the real class + BCE on the fake class), i.e. k = 2", _neg_bce(2)),
        controls=[
            ("sign flipped", "V = +(the summed BCE)", _neg_bce(-2)),
            ("labels swapped", "V = −(the summed BCE) with real labelled 0 and fake 1", _neg_bce(2, 0)),
            ("pooled mean", "V = −(the mean BCE over the pooled balanced batch), k = 1", _neg_bce(1)),
        ],
    ),
    sources=(src(D001, "1.3 The Value Function Breakdown"),),
    assumptions=(
        "real samples are labelled 1, fake 0",
        "the cross-entropy of a real/fake sample is the sum of the two per-class mean BCEs, as document 000's d_loss computes it and as D-LOSS-BCE counts it; the mean over the pooled balanced batch is half of it",
    ),
    references=(GF16.at("§3.2.1 (J^(D) with the ½ weights)"),),
    notes="Verified, as D-LOSS-BCE is: both read 'the cross-entropy' as the sum of the real-class and the fake-class mean BCEs, and V is exactly its negative. The first version judged V against the mean over the pooled batch (the ½-weighted J^(D)), found V = −2 × that mean and called the claim qualified, while D-LOSS-BCE accepted the same sum as 'the cross-entropy': one reading now decides both. The pooled mean differs by the factor 2 only, with the same maximiser in D, and is kept as a control (it is not the convention the two documents use).",
)


# -- D-STAR and D-STAR-HALF ---------------------------------------------------

DFormula = Callable[[Array, Array], Array]


def _beats_every_d(formula: DFormula, pqd: tuple[Array, Array, Array]) -> bool:
    p, q, d = pqd
    with np.errstate(divide="ignore", invalid="ignore"):
        candidate = np.asarray(formula(p, q), dtype=np.float64)
    if not np.all(np.isfinite(candidate)) or np.any((candidate < 0) | (candidate > 1)):
        return False
    best = disc.value_function(candidate, p, q)
    other = disc.value_function(np.clip(d, 1e-9, 1 - 1e-9), p, q)
    return bool(np.isfinite(best)) and best >= other - 1e-12 * (1 + abs(best))


def _maximises_on_mixtures(formula: DFormula, ctx: Context) -> Outcome:
    """V at the formula's D (quadrature) against V at perturbed discriminators and against C(G)."""
    worst_gap = np.inf
    for case in random_mixture_pairs(ctx):
        p, q = case.value

        def d(x: Array, p: GaussianMixture = p, q: GaussianMixture = q) -> Array:
            with np.errstate(divide="ignore", invalid="ignore"):
                dx = np.asarray(formula(p.pdf(x), q.pdf(x)), dtype=np.float64)
            # where both densities underflow D does not enter V; any value in (0, 1) will do
            return np.clip(np.where(np.isfinite(dx), dx, 0.5), 1e-300, 1 - 1e-16)

        v_star = quadrature.value_function(d, p, q)
        for eps in (0.05, -0.05):

            def d_pert(x: Array, d: Callable[[Array], Array] = d, eps: float = eps) -> Array:
                return np.clip(d(x) + eps * np.sin(x), 1e-12, 1 - 1e-12)

            gap = v_star - quadrature.value_function(d_pert, p, q)
            worst_gap = min(worst_gap, gap)
            if gap < -1e-10:
                found = {"case": case.name, "perturbation": f"{eps:+g}·sin(x)", "V(formula)": v_star, "gap": gap}
                return Outcome.failed(
                    f"a perturbed discriminator beats it on {case.name}: V gap {gap:.3g}", counterexample=found
                )
    return Outcome.passed(
        f"on {len(random_mixture_pairs(ctx))} mixture pairs, V at the formula beats both perturbations (smallest margin {worst_gap:.3g})",
        smallest_margin=worst_gap,
    )


D_STAR = claim(
    "D-STAR",
    "The optimal discriminator",
    "For a fixed generator, V(D, G) is maximised by D*_G(x) = p_data(x) / (p_data(x) + p_g(x)); the proof maximises a log D + b log(1 − D) pointwise and solves a/D − b/(1 − D) = 0.",
    identity(
        "stationary-point",
        "sympy: d/dy [a log y + b log(1 − y)] evaluated at the candidate must vanish identically in a, b > 0.",
        build=lambda d: Identity(sp.diff(S.value_integrand(), S.y).subs(S.y, d), sp.Integer(0)),
        stated=("D* = a/(a + b)", S.optimal_discriminator()),
        controls=[
            ("p and q swapped", "D* = b/(a + b)", S.b / (S.a + S.b)),
            ("constant ½", "D* ≡ ½", sp.Rational(1, 2)),
        ],
    ),
    property_check(
        "global-maximum",
        "Hypothesis: on (p_data, p_g, D) triples over 2–8 points, V(candidate, G) ≥ V(D, G) for every D; this also covers concavity (a stationary point alone could be a minimum).",
        for_all(_pqd_triples(), _beats_every_d, inputs="(p_data, p_g, D) triples"),
        ("D* = p/(p + q)", lambda p, q: disc.optimal_discriminator(p, q)),
        [
            ("p and q swapped", "D* = q/(p + q)", lambda p, q: disc.optimal_discriminator(q, p)),
            ("density ratio", "D* = p/q (clipped at 1)", lambda p, q: np.minimum(p / q, 1.0)),
        ],
    ),
    numeric_check(
        "mixtures",
        "Quadrature on Gaussian-mixture pairs (document 000's data among them): V at the candidate against V at the candidate ± 0.05·sin(x).",
        _maximises_on_mixtures,
        ("D* = p/(p + q)", lambda p, q: p / (p + q)),
        [
            ("p and q swapped", "D* = q/(p + q)", lambda p, q: q / (p + q)),
            ("square root", "D* = √p/(√p + √q)", lambda p, q: np.sqrt(p) / (np.sqrt(p) + np.sqrt(q))),
        ],
    ),
    sources=(src(D000, "Optimal Discriminator"), *sections(D001, "2.1 Optimal Discriminator", "Key Equations Summary")),
    assumptions=("p_data(x) + p_g(x) > 0; elsewhere D does not enter V and any value is optimal",),
    references=(GF14.at("Prop. 1"),),
)


D_STAR_HALF = claim(
    "D-STAR-HALF",
    "D* = ½ when the generator is perfect",
    "When p_g = p_data, the optimal discriminator equals ½ everywhere on the support (001, exercise 1).",
    identity(
        "substitute",
        "sympy: D*(a, b) with b = a, against the claimed constant.",
        lhs=S.optimal_discriminator(S.a, S.a),
        stated=("D* = ½", sp.Rational(1, 2)),
        controls=[
            ("density ratio", "D* = p/q = 1", sp.Integer(1)),
            ("log 2", "D* = log 2 (a value from C(G), not D)", sp.log(2)),
        ],
    ),
    sources=(src(D001, "Exercises (1)"),),
    references=(GF14.at("Figure 1(d)"),),
)


# -- CG-MIN, CG-JS, EX2-JS-MIN ------------------------------------------------


def _minimum_iff_equal(claimed_min: float, pq: tuple[Array, Array]) -> bool:
    """C(G) ≥ claimed minimum, with equality iff p = q (C is ≥ 1e-9 above it when TV ≥ 1e-3)."""
    p, q = pq
    c = disc.virtual_criterion(p, q)
    eq = disc.virtual_criterion(p, p)
    if abs(eq - claimed_min) > 1e-12:
        return False
    tv = 0.5 * float(np.abs(p - q).sum())
    return c >= claimed_min - 1e-12 and (tv < 1e-3 or c > claimed_min + 1e-9)


CG_MIN = claim(
    "CG-MIN",
    "The global minimum of C(G)",
    "C(G) = max_D V(D, G) is minimised if and only if p_g = p_data, and its minimum value is −log 4.",
    identity(
        "value-at-equality",
        "sympy: the integrand of C(G) with b = a equals −a·m, so that C = −m when ∫a = 1; m is the claimed minimum.",
        lhs=S.criterion_integrand(S.a, S.a),
        stated=("minimum −log 4", -S.a * sp.log(4)),
        controls=[
            ("log 2 for log 4", "minimum −log 2", -S.a * sp.log(2)),
            ("minimum 0", "minimum 0", sp.Integer(0)),
        ],
    ),
    property_check(
        "minimum-iff-equal",
        "Hypothesis on pmf pairs (with zeros): C(p, q) ≥ m with C(p, p) = m, and C ≥ m + 1e-9 whenever TV(p, q) ≥ 1e-3 (the 'only if').",
        for_all(strategies.pmf_pairs(allow_zeros=True), _minimum_iff_equal, inputs="pmf pairs"),
        ("minimum −log 4, attained only at p_g = p_data", -LOG4),
        [("−log 2", "minimum −log 2", -LOG2), ("−2 log 4", "minimum −2 log 4", -2 * LOG4)],
    ),
    sources=(src(D000, "Global Optimum"), src(D001, "2.2 Global Optimum")),
    references=(GF14.at("Theorem 1"),),
)


def _cg_js_pmf(subject: OffsetFactor, case: tuple[Array, Array]) -> tuple[float, float]:
    offset, factor = map(float, subject)
    p, q = case
    with np.errstate(invalid="ignore"):
        js_scipy = float(jensenshannon(p, q) ** 2)  # NaN for some nearly equal pairs (scipy issue 20083)
    if np.isfinite(js_scipy) and abs(js_scipy - js_divergence(p, q)) > 1e-12:
        raise AssertionError(f"our JS disagrees with scipy's jensenshannon² on {p}, {q}")
    return disc.virtual_criterion(p, q), offset + factor * js_divergence(p, q)


def _cg_js_mixture(subject: OffsetFactor, case: tuple[GaussianMixture, GaussianMixture]) -> tuple[float, float]:
    offset, factor = map(float, subject)
    p, q = case
    return quadrature.virtual_criterion(p, q), offset + factor * quadrature.js_divergence(p, q)


_CG_JS = ("C(G) = −log 4 + 2·D_JS", (-sp.log(4), sp.Integer(2)))
_CG_JS_CONTROLS = [
    ("log 2 for log 4", "C(G) = −log 2 + 2·D_JS", (-sp.log(2), sp.Integer(2))),
    ("factor 2 dropped", "C(G) = −log 4 + D_JS", (-sp.log(4), sp.Integer(1))),
]

CG_JS = claim(
    "CG-JS",
    "C(G) in terms of the Jensen–Shannon divergence",
    "C(G) = −log 4 + 2·D_JS(p_data ‖ p_g), obtained by writing C(G) = E_p[log(p/2m)] + E_q[log(q/2m)] with m = (p + q)/2, which is −log 4 + KL(p ‖ m) + KL(q ‖ m).",
    identity(
        "pointwise-identity",
        "sympy: integrand of C(G) against offset·(a + b)/2 + factor·(integrand of D_JS).",
        # integrating (offset/2)(a + b) gives `offset` because p_data and p_g each integrate to 1
        build=lambda s: Identity(S.criterion_integrand(), s[0] / 2 * (S.a + S.b) + s[1] * S.js_integrand()),
        stated=_CG_JS,
        controls=_CG_JS_CONTROLS,
    ),
    numeric_check(
        "pmfs",
        "Exact sums on pmf pairs of size 2–64 (zeros and disjoint supports included); our D_JS is first cross-checked against scipy.spatial.distance.jensenshannon² to 1e-12.",
        agree_on_cases(random_pmf_pairs, _cg_js_pmf, IDENTITY, what="C(G) against offset + factor·D_JS"),
        _CG_JS,
        _CG_JS_CONTROLS,
    ),
    numeric_check(
        "mixtures",
        "Adaptive quadrature on Gaussian-mixture pairs, both sides integrated independently.",
        agree_on_cases(random_mixture_pairs, _cg_js_mixture, QUADRATURE, what="C(G) against offset + factor·D_JS"),
        _CG_JS,
        _CG_JS_CONTROLS,
    ),
    sources=(src(D000, "Jensen-Shannon Divergence"), *sections(D001, "2.2 Global Optimum", "Key Equations Summary")),
    assumptions=("natural logarithm", "D_JS with the ½ weights (001 §2.3)"),
    references=(GF14.at("Eqs. (5)–(6)"),),
)


def _same_minimiser(divergence: Callable[[GaussianMixture, GaussianMixture], float], ctx: Context) -> Outcome:
    """Over N(μ, s²) fits to document 000's bimodal data: is argmin C(G) the argmin of the divergence?"""
    grid = [(mu, s) for mu in np.linspace(-3.0, 3.0, 9) for s in (0.35, 0.5, 1.0, 2.0, 3.0)]
    cg = np.array([quadrature.virtual_criterion(BIMODAL, gaussian(mu, s)) for mu, s in grid])
    dv = np.array([divergence(BIMODAL, gaussian(mu, s)) for mu, s in grid])
    i_c, i_d = int(np.argmin(cg)), int(np.argmin(dv))
    # C is an increasing function of the divergence iff sorting by one sorts the other.
    order = np.argsort(dv, kind="stable")
    monotone = bool(np.all(np.diff(cg[order]) >= -1e-12))
    ok = i_c == i_d and monotone
    return Outcome.decide(
        ok,
        f"argmin C(G) at (μ, s) = {grid[i_c]}, argmin of the divergence at {grid[i_d]}; C(G) {('is' if monotone else 'is not')} an increasing function of it over the {len(grid)} fits",
        counterexample={"argmin C(G)": grid[i_c], "argmin divergence": grid[i_d], "monotone": monotone},
        grid_points=len(grid),
        min_c=float(cg.min()),
    )


EX2_JS_MIN = claim(
    "EX2-JS-MIN",
    "At the optimal D, the GAN objective minimises JS",
    "With D at its optimum, minimising the GAN objective over G minimises the Jensen–Shannon divergence (001, exercise 2).",
    numeric_check(
        "same-minimiser",
        "Fit N(μ, s²) to document 000's bimodal data over a 9 × 5 grid of (μ, s): compute C(G) and the divergence by quadrature; the argmins must coincide and C(G) must increase with the divergence.",
        _same_minimiser,
        ("C(G) is minimised where D_JS(p_data ‖ p_g) is", quadrature.js_divergence),
        [
            ("forward KL", "C(G) is minimised where KL(p_data ‖ p_g) is", kl_divergence),
            ("reverse KL", "C(G) is minimised where KL(p_g ‖ p_data) is", lambda p, q: kl_divergence(q, p)),
        ],
    ),
    sources=(src(D001, "Exercises (2)"),),
    assumptions=("D = D*_G at every G", "the minimax generator objective"),
    references=(GF14.at("Theorem 1"),),
)


CLAIMS = (MINIMAX_V, V_TERM_ROLES, V_NEG_BCE, D_STAR, D_STAR_HALF, CG_MIN, CG_JS, EX2_JS_MIN)

__all__ = ["CLAIMS"]
