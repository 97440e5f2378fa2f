"""Group E: equilibrium and convergence, with the Dirac-GAN and Goodfellow's Proposition 2.

Catalog rows EQ-D-HALF (theory half), EQ-ACC-50 (theory half), CONVERGE-ALT,
DIRAC-SPECTRA, DIRAC-SIM, GF14-PROP2 and NOISE-INPUT. The equilibrium claims
are decided on probability vectors (exact rationals where an "if and only if"
is at stake); the convergence claims on the Dirac-GAN of Mescheder et al.
(2018), whose Jacobians are computed with sympy and cross-checked by central
differences of the float64 vector fields, and on Goodfellow's function-space
argument (Prop. 2) run as exponentiated-gradient descent on the simplex.
The empirical halves EQ-D-HALF.b and EQ-ACC-50.b live in ``empirical.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray

from gantheory import dirac, flows, strategies
from gantheory import discriminator as disc
from gantheory import symbolic as S
from gantheory.divergences import LOG2, js_divergence, total_variation
from verify.builders import claim, identity, numeric_check, property_check, symbolic_check
from verify.checks import Case, Identity, for_all
from verify.context import Context
from verify.model import Change, Origin, Outcome
from verify.proof import Inconclusive, prove_identity
from verify.references import AB17, BECK03, C2ST, DEVROYE, GF14, MGN18, MNG17, SONDERBY
from verify.sources import D000, D001, D002, D003, D004, paper, src
from verify.tolerance import Tolerance, compare

Array = NDArray[np.float64]
#: The authors' code, cited beside their paper.
GAN_STABILITY = "LMescheder/GAN_stability"

# -- Shared settings of the Dirac-GAN checks ----------------------------------

#: The authors' simulation protocol (LMescheder/GAN_stability, notebooks/DiracGAN.ipynb,
#: commit c1f64c9efeac): step size 0.2, start (θ, ψ) = (1, 1), 500 steps.
STEP = 0.2
START = (1.0, 1.0)
STEPS = 500

#: "Converged": within this distance of the equilibrium (0, 0) over the last 50 iterates.
#: The start is at distance √2; the convergent runs end below 1e-4, the others above 0.1.
CONVERGED = 1e-3

#: Central-difference Jacobians against closed-form eigenvalues.
FINITE_DIFFERENCE = Tolerance(
    rtol=1e-7,
    atol=1e-7,
    why="central differences with step 1e-5 of fields built from logistic functions: truncation h²·|v'''|/6 ≲ 1e-10, rounding eps/h ≈ 1e-11; the instance-noise field adds a 64-node Gauss–Hermite rule, exact for the polynomial moments that enter the Jacobian; at a double eigenvalue (R1 at the critical γ = 1) the eigenvalue error is √(error of J) ≈ 1e-8",
)


@cache
def _run(field: dirac.DiracField, scheme: str) -> dirac.Trajectory:
    """One protocol run (cached: stated, corrected and control subjects share runs)."""
    return dirac.simulate(field, scheme, start=START, step=STEP, steps=STEPS)  # type: ignore[arg-type]


def _converged(tr: dirac.Trajectory) -> bool:
    return bool(tr.distance[-50:].max() < CONVERGED)


def _behaviour(tr: dirac.Trajectory) -> str:
    """Classify a run: ``spirals-out``, ``cycles``, ``converges`` or ``other``.

    * spirals-out: θ² + ψ² grows at every step;
    * converges: within :data:`CONVERGED` of (0, 0) over the last 50 iterates;
    * cycles: neither, and the distance stays within [½, 2] × its start value throughout.
    """
    d0 = float(tr.distance[0])
    if np.all(np.diff(tr.radius_squared) > 0):
        return "spirals-out"
    if _converged(tr):
        return "converges"
    if tr.distance.min() >= 0.5 * d0 and tr.distance.max() <= 2.0 * d0:
        return "cycles"
    return "other"


@cache
def _update_sign(field: dirac.DiracField, scheme: str) -> tuple[int, float, str]:
    """Sign of ρ − 1 for the scheme's one-step map at (0, 0), ρ, and the map (cached across subjects)."""
    m = dirac.update_jacobian(field, scheme, STEP)  # type: ignore[arg-type]
    return _sign_of_radius_minus_one(m), dirac.spectral_radius(m), sp.sstr(m)


@cache
def _jacobian(field: dirac.DiracField) -> sp.Matrix:
    return dirac.jacobian_at_equilibrium(field)


def _sign_of_radius_minus_one(m: sp.Matrix) -> int:
    """Sign of ρ(M) − 1, decided exactly for a 2×2 matrix with rational entries."""
    tr, det = sp.nsimplify(m.trace()), sp.nsimplify(m.det())
    disc_ = sp.nsimplify(tr**2 - 4 * det)
    if disc_ < 0:
        excess = det - 1  # complex pair: |λ|² = det
    else:
        root = sp.sqrt(disc_)
        excess = sp.Max(sp.Abs((tr + root) / 2), sp.Abs((tr - root) / 2)) - 1
    excess = sp.simplify(excess)
    if excess == 0:
        return 0
    return 1 if bool(excess > 0) else -1


@cache
def _spectral_abscissa(field: dirac.DiracField) -> sp.Expr:
    """max Re λ of the field's Jacobian at (0, 0), exact."""
    return sp.Max(*[sp.re(ev) for ev in _jacobian(field).eigenvals()])


GAN = dirac.StandardGAN()
NSGAN = dirac.NonSaturatingGAN()
WGAN = dirac.WassersteinGAN(clip=1.0)  # clip 1 as in the authors' notebook
R1_03 = dirac.GradientPenaltyGAN(0.3)  # γ = 0.3 and the critical γ = 1: the notebook's two penalties
R1_1 = dirac.GradientPenaltyGAN(1.0)
NOISE_07 = dirac.InstanceNoiseGAN(0.7)  # σ = 0.7 as in the notebook (quadrature instead of 1000 draws)
CONSENSUS_1 = dirac.ConsensusGAN(1.0)  # γ = 1 as in the notebook


def _show(t: Sequence[Array]) -> list[Any]:
    return [v.tolist() for v in t]


def _exact(v: Array) -> list[Fraction]:
    return [Fraction(float(x)) for x in v]


# -- EQ-D-HALF.a --------------------------------------------------------------


def _half_iff_equal(level: Fraction, pq: tuple[Array, Array]) -> bool:
    """(D* ≡ level on the support) ⇔ (p = q), in exact rational arithmetic, and max|D* − ½| ≥ TV/2."""
    p, q = pq
    pe, qe = _exact(p), _exact(q)
    dstar = [a / (a + b) for a, b in zip(pe, qe, strict=True) if a + b > 0]
    constant = all(d == level for d in dstar)
    if constant != (pe == qe):
        return False
    # quantitative "only if": the ratios |p − q|/(p + q) average, with weights p + q, to
    # Σ|p − q|/Σ(p + q) (= TV for exactly normalised inputs), so their maximum is at least that;
    # the exact masses of float64 pmfs differ from 1 by rounding, hence the ratio form
    gap = max(abs(d - Fraction(1, 2)) for d in dstar)
    tv = sum(abs(a - b) for a, b in zip(pe, qe, strict=True)) / sum(a + b for a, b in zip(pe, qe, strict=True))
    return gap >= tv / 2


def _pmf_pairs(edge_cases: st.SearchStrategy[tuple[Array, Array]]) -> st.SearchStrategy[tuple[Array, Array]]:
    """Pmf pairs with zeros, exactly equal pairs, and ``edge_cases``."""
    return st.one_of(
        strategies.pmf_pairs(allow_zeros=True),
        strategies.probability_vectors(allow_zeros=True).map(lambda p: (p, p.copy())),
        edge_cases,
    )


def _d_star_cases(ctx: Context) -> list[Case]:
    """Pmf pairs with points outside both supports: p_g = p_data (half of them) and p_g ≠ p_data."""
    rng = ctx.rng("library-d-star")
    cases = [Case("p_g = p_data = (½, ½, 0)", (np.array([0.5, 0.5, 0.0]), np.array([0.5, 0.5, 0.0])))]
    for i in range(max(6, ctx.profile.random_cases)):
        n = int(rng.integers(3, 17))
        p = rng.dirichlet(np.full(n, 0.5))
        p = np.where((rng.random(n) < 0.3) & (p < p.max()), 0.0, p)
        p = p / p.sum()
        if i % 2 == 0:
            cases.append(Case(f"random p_g = p_data {i} (n={n})", (p, p.copy())))
            continue
        q = np.where(p > 0, rng.dirichlet(np.full(n, 0.5)), 0.0)  # zero where p is: points outside both supports
        cases.append(Case(f"random p_g ≠ p_data {i} (n={n})", (p, q / q.sum())))
    return cases


def _library_d_star(d_star: Callable[[Array, Array], Array], ctx: Context) -> Outcome:
    """D* = p/(p + q) in exact rationals where p + q > 0, and ½ at every point when p_g = p_data."""
    cases = _d_star_cases(ctx)
    for case in cases:
        p, q = case.value
        d = d_star(p, q)
        expected: list[Fraction | None] = []
        for a, b in zip(_exact(p), _exact(q), strict=True):
            # where both vanish D does not enter V; at p_g = p_data the claim says ½ there too, the limit of p/(p + q)
            # along p = q → 0
            expected.append(a / (a + b) if a + b > 0 else (Fraction(1, 2) if (p == q).all() else None))
        for i, e in enumerate(expected):
            # float64 division rounds p/(p + q) once or twice: 4 ulps of a value ≤ 1
            if e is not None and abs(Fraction(float(d[i])) - e) > Fraction(4 * 2**-53):
                return Outcome.failed(
                    f"{case.name}: D* = {d[i]!r} at p = {p[i]!r}, q = {q[i]!r}, where it should be {float(e)!r}",
                    counterexample={"case": case.name, "p": p, "q": q, "D*": d, "point": i},
                )
    return Outcome.passed(
        f"on {len(cases)} pmf pairs with points outside both supports, D* equals p/(p + q) computed in exact "
        f"rationals wherever p + q > 0, and is ½ at every point when p_g = p_data",
        cases=len(cases),
    )


EQ_D_HALF_A = claim(
    "EQ-D-HALF.a",
    "D* = ½ exactly when the generator succeeds",
    "When the generator reproduces the data distribution, the optimal discriminator outputs ½ everywhere; conversely, an optimal discriminator that is ½ everywhere on the support means p_g = p_data.",
    identity(
        "deviation-from-half",
        "sympy: D*(a, b) − ½ against (a − b)/(2(a + b)); with a + b > 0 this vanishes exactly when a = b, which gives both directions pointwise.",
        lhs=S.optimal_discriminator() - sp.Rational(1, 2),
        stated=("D* − ½ = (p − q)/(2(p + q))", (S.a - S.b) / (2 * (S.a + S.b))),
        controls=[
            ("½ dropped", "D* − ½ = (p − q)/(p + q)", (S.a - S.b) / (S.a + S.b)),
            ("p and q swapped", "D* − ½ = (q − p)/(2(p + q))", (S.b - S.a) / (2 * (S.a + S.b))),
        ],
    ),
    property_check(
        "iff-on-pmfs",
        "Hypothesis over pmf pairs (with zeros, with exactly equal pairs, with pairs differing by 1e-6 relative): in exact rational arithmetic on the float64 inputs, D* equals the claimed level on the whole support if and only if p = q; and max_x |D*(x) − ½| ≥ TV(p, q)/2 (the 'only if' with a margin).",
        for_all(_pmf_pairs(strategies.near_equal_pmf_pairs()), _half_iff_equal, inputs="pmf pairs", show=_show),
        ("D* ≡ ½ iff p_g = p_data", Fraction(1, 2)),
        [
            ("level 1", "the optimal discriminator is 1 (certain) at equilibrium", Fraction(1)),
            ("level 1/4", "D* ≡ ¼ at equilibrium (a log 4 read as 4)", Fraction(1, 4)),
        ],
    ),
    numeric_check(
        "library-d-star",
        "gantheory.discriminator.optimal_discriminator, which the other claims call, on pmf pairs with points outside both supports: p/(p + q) in exact rational arithmetic wherever p + q > 0, and ½ at every point, those outside the support included, when p_g = p_data.",
        _library_d_star,
        (
            "D* = p/(p + q) on the support, and ½ everywhere at p_g = p_data",
            lambda p, q: disc.optimal_discriminator(p, q),
        ),
        [
            (
                "0 outside the supports",
                "at p_g = p_data D* is ½ on the support and 0 where both vanish",
                lambda p, q: disc.optimal_discriminator(p, q, outside=0.0),
            ),
            ("p and q swapped", "D* = q/(p + q)", lambda p, q: disc.optimal_discriminator(q, p)),
        ],
    ),
    sources=(src(D000, "Summary"),),
    assumptions=(
        "D is the optimal discriminator D*_G = p_data/(p_data + p_g) (the theory half; trained networks are EQ-D-HALF.b)",
        "on points outside both supports D does not enter V and is not constrained",
    ),
    references=(GF14.at("Prop. 1 and Figure 1(d)"),),
)

# -- EQ-ACC-50.a --------------------------------------------------------------

AccuracyFormula = Callable[[Array, Array], float]


def _bayes_accuracy_property(formula: AccuracyFormula, pqc: tuple[Array, Array, Array]) -> bool:
    """The formula is the best balanced accuracy, and the best accuracy is ½ iff p = q (exactly)."""
    p, q, c = pqc
    best = 0.5 * float(np.maximum(p, q).sum())  # the classifier "real iff p(x) ≥ q(x)"
    value = float(formula(p, q))
    # 1e-12: both sides are sums of ≤ 8 float64 terms of size ≤ 1, exact to ~1e-16
    if not np.isfinite(value) or abs(value - best) > 1e-12:
        return False
    other = 0.5 * float((p * c + q * (1.0 - c)).sum())  # any soft classifier c(x) = P(say real | x)
    if other > value + 1e-12:
        return False
    # exact: ½Σmax(p, q) equals half the mean mass iff p = q (float64 pmfs sum to 1 only up to rounding)
    pe, qe = _exact(p), _exact(q)
    exact_best = sum((max(a, b) for a, b in zip(pe, qe, strict=True)), Fraction(0)) / 2
    half = (sum(pe, Fraction(0)) + sum(qe, Fraction(0))) / 4
    return (exact_best == half) == (pe == qe)


def _pqc() -> st.SearchStrategy[tuple[Array, Array, Array]]:
    return st.tuples(
        _pmf_pairs(strategies.disjoint_pmf_pairs()), st.lists(st.floats(0, 1), min_size=8, max_size=8)
    ).map(lambda t: (t[0][0], t[0][1], np.asarray(t[1][: t[0][0].size])))


EQ_ACC_50_A = claim(
    "EQ-ACC-50.a",
    "At equilibrium the best discriminator is 50% accurate",
    "At the equilibrium p_g = p_data no discriminator can beat random guessing on balanced real and fake samples: the best achievable accuracy, ½ + ½·TV(p_data, p_g), is ½, and it is ½ only at p_g = p_data.",
    property_check(
        "bayes-accuracy",
        "Hypothesis over (p_data, p_g, soft classifier c) triples, equal and disjoint pairs included: the formula equals ½Σ max(p, q) (the accuracy of 'real iff p ≥ q') to 1e-12, no classifier c beats it, and ½Σ max(p, q) = ½ exactly (rational arithmetic) iff p = q.",
        for_all(_pqc(), _bayes_accuracy_property, inputs="(p_data, p_g, classifier) triples", show=_show),
        ("best accuracy = ½ + ½·TV (gantheory.discriminator.bayes_accuracy)", disc.bayes_accuracy),
        [
            ("½ dropped before TV", "best accuracy = ½ + TV", lambda p, q: 0.5 + total_variation(p, q)),
            (
                "JS in place of TV",
                "best accuracy = ½ + ½·JS/log 2 (right at both ends, wrong in between)",
                lambda p, q: 0.5 + 0.5 * js_divergence(p, q) / LOG2,
            ),
        ],
    ),
    sources=(src(D002, "opening (before the first heading)"), src(D003, "Conceptual Explanation")),
    assumptions=(
        "real and fake samples are equally likely",
        "accuracy of the best possible classifier (the Bayes classifier); a trained network is EQ-ACC-50.b",
    ),
    references=(DEVROYE.at("Thm 2.2 (Bayes error and L1)"), f"{C2ST} (classifier two-sample tests)"),
    notes="Verified: what documents 002 and 003 state, that at the equilibrium the discriminator can do no better than chance, holds as stated for the best possible classifier; 'only at p_g = p_data' is the same identity read the other way (indistinguishable samples are equal laws). The trained discriminator is EQ-ACC-50.b; the converse for a trained one (EQ-ACC-50.c) and whether training gets there (EQ-ACC-50.digits) are our extensions and do not count for or against the documents.",
)

# -- CONVERGE-ALT -------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A Dirac-GAN training setting: a vector field and an update scheme."""

    field: dirac.DiracField
    scheme: str


def _reaches_equilibrium(run: Run, ctx: Context) -> Outcome:
    tr = _run(run.field, run.scheme)
    ok = _converged(tr)
    return Outcome.decide(
        ok,
        f"{tr.field}, {run.scheme} GD from {START}, step {STEP}, {STEPS} steps: distance to (0, 0) ends at "
        f"{tr.distance[-1]:.3g} (max over the last 50 iterates {tr.distance[-50:].max():.3g}; "
        f"{'within' if ok else 'not within'} {CONVERGED:g})",
        counterexample={"final (theta, psi)": [tr.theta[-1], tr.psi[-1]], "final distance": tr.distance[-1]},
        final_distance=tr.distance[-1],
        min_distance=tr.distance.min(),
        max_distance=tr.distance.max(),
    )


def _locally_contracting(run: Run, ctx: Context) -> Outcome:
    sign, rho, m = _update_sign(run.field, run.scheme)
    words = {-1: "< 1 (locally convergent)", 0: "= 1 exactly (neutral: no convergence)", 1: "> 1 (divergent)"}
    return Outcome.decide(
        sign < 0,
        f"{run.field.name}, {run.scheme} GD, step {STEP}: spectral radius of the one-step map at (0, 0) is "
        f"{rho:.12g} {words[sign]} (decided in exact arithmetic)",
        counterexample={"update Jacobian": m, "spectral radius": rho},
        spectral_radius=rho,
        update_jacobian=m,
    )


_R1_CORRECTION = (
    Change.FORMULA,
    "with a zero-centred gradient penalty (R1, γ = 0.3) and a small step, alternating GD converges to the equilibrium (locally; Mescheder et al. 2018, Thm 4.1); instance noise or consensus optimisation also work",
    Run(R1_03, "alternating"),
)
_SIMULTANEOUS = ("simultaneous GD", "simultaneous GD on the GAN", Run(GAN, "simultaneous"))

CONVERGE_ALT = claim(
    "CONVERGE-ALT",
    "Alternating training converges to the equilibrium",
    "Training the discriminator and the generator in alternation brings the game to its equilibrium p_g = p_data, where the two become indistinguishable.",
    numeric_check(
        "dirac-gan-simulation",
        f"Run the update scheme on the Dirac-GAN from (1, 1) with step 0.2 for 500 steps; it holds if the iterates stay within {CONVERGED:g} of (0, 0) over the last 50 steps.",
        _reaches_equilibrium,
        ("alternating GD on the (unregularised) GAN", Run(GAN, "alternating")),
        [
            _SIMULTANEOUS,
            (
                "non-saturating loss",
                "alternating GD on the non-saturating GAN, no regulariser",
                Run(NSGAN, "alternating"),
            ),
            ("WGAN with clipping", "alternating GD on the WGAN (clip 1)", Run(WGAN, "alternating")),
        ],
        corrected=_R1_CORRECTION,
    ),
    symbolic_check(
        "linearised-update",
        "sympy: the one-step map of the scheme linearised at (0, 0) with step 1/5; local convergence needs spectral radius < 1, decided exactly (|λ|² = det for a complex pair).",
        _locally_contracting,
        ("alternating GD on the GAN", Run(GAN, "alternating")),
        [_SIMULTANEOUS, ("non-saturating loss", "alternating GD on the NS-GAN", Run(NSGAN, "alternating"))],
        corrected=_R1_CORRECTION,
    ),
    sources=(src(D000, "Summary"), src(D003, "Training Dynamics"), src(D004, "Summary")),
    assumptions=(
        "tested on the Dirac-GAN (p_data = δ_0, p_θ = δ_θ, D_ψ(x) = ψx), the simplest GAN with a unique equilibrium (θ, ψ) = (0, 0): a statement about all GANs must hold there",
        "gradient descent with the authors' protocol: step 0.2, start (1, 1), 500 steps",
    ),
    references=(
        MGN18.at("§2 (Dirac-GAN; Thm 2.4: unregularised alternating GD is not convergent) and Thm 4.1 (R1/R2)"),
        GF14.at("Prop. 2 (convergence in function space when D is optimal at every step: GF14-PROP2)"),
    ),
    notes="Goodfellow et al.'s Prop. 2 assumes an optimal discriminator at every step and updates in function space; neither holds for gradient steps on parameters, which is the setting checked here. Refuted: the correction that converges adds a zero-centred gradient penalty to the discriminator's loss, a changed formula, not a condition on the statement (plain alternation circles the equilibrium). Decision history: this was qualified while corrections carried a free label.",
)

# -- DIRAC-SPECTRA ------------------------------------------------------------

GAMMA = sp.Symbol("gamma", positive=True)
SIGMA = sp.Symbol("sigma", positive=True)
H = sp.Symbol("h", positive=True)
IM = sp.I  # the imaginary unit
HALF = sp.Rational(1, 2)
QUARTER = sp.Rational(1, 4)


@dataclass(frozen=True)
class Spectrum:
    """A claimed pair of eigenvalues for a family of fields, in the parameter ``param``."""

    name: str
    field: Callable[[object], dirac.DiracField]
    eigenvalues: tuple[sp.Expr, sp.Expr]
    param: sp.Symbol | None = None
    values: tuple[float, ...] = ()


def _pm(centre: sp.Expr, radius: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    return centre + radius, centre - radius


def _spectra_table(
    gan: tuple[sp.Expr, sp.Expr] = (IM * HALF, -IM * HALF),
    r1: tuple[sp.Expr, sp.Expr] = _pm(-GAMMA / 2, sp.sqrt(GAMMA**2 / 4 - QUARTER)),
    noise: tuple[sp.Expr, sp.Expr] = _pm(-QUARTER * SIGMA**2, sp.sqrt(QUARTER**2 * SIGMA**4 - QUARTER)),
    consensus: tuple[sp.Expr, sp.Expr] = _pm(-GAMMA / 4, IM * HALF),
) -> tuple[Spectrum, ...]:
    # closed forms from Mescheder et al. 2018 §2–§4 with f'(0) = ½, f''(0) = −¼
    return (
        Spectrum("GAN", lambda _: dirac.StandardGAN(), gan),
        Spectrum("NS-GAN", lambda _: dirac.NonSaturatingGAN(), gan),
        Spectrum("WGAN", lambda _: dirac.WassersteinGAN(clip=None), (IM, -IM)),
        Spectrum("GAN + R1", lambda g: dirac.GradientPenaltyGAN(g), r1, GAMMA, (0.3, 1.0, 2.5)),
        Spectrum("GAN + R2", lambda g: dirac.GradientPenaltyGAN(g, penalty="r2"), r1, GAMMA, (0.3, 1.0, 2.5)),
        Spectrum("NS-GAN + R1", lambda g: dirac.GradientPenaltyGAN(g, base="nsgan"), r1, GAMMA, (0.3, 1.0)),
        Spectrum("GAN + instance noise", lambda s: dirac.InstanceNoiseGAN(s), noise, SIGMA, (0.3, 0.7, 1.5)),
        Spectrum("GAN + consensus", lambda g: dirac.ConsensusGAN(g), consensus, GAMMA, (0.3, 1.0, 2.0)),
    )


def _closest_pairing(a: np.ndarray, b: np.ndarray) -> float:
    return float(min(np.abs(a - b).max(), np.abs(a - b[::-1]).max()))


def _spectra_match(table: Sequence[Spectrum], ctx: Context) -> Outcome:
    """Sympy: claimed λ1 + λ2 = tr J and λ1·λ2 = det J; numerically: eigvals of a central-difference J agree."""
    rng = ctx.rng("parameters")
    symbolic_ok: dict[str, bool] = {}
    worst = {"method": None, "parameter": None, "numeric": None, "claimed": None, "error": 0.0}
    checked = 0
    for entry in table:
        jac = _jacobian(entry.field(entry.param))
        l1, l2 = entry.eigenvalues
        r_trace = sp.simplify(sp.expand(l1 + l2 - jac.trace()))
        r_det = sp.simplify(sp.expand(l1 * l2 - jac.det()))
        symbolic_ok[entry.name] = r_trace == 0 and r_det == 0
        values = entry.values if entry.param is not None else (None,)
        if entry.param is not None:
            values = (*values, *(float(v) for v in rng.uniform(0.1, 3.0, 2)))
        for v in values:
            numeric = np.linalg.eigvals(dirac.numeric_jacobian(entry.field(v)))
            subs = {} if entry.param is None else {entry.param: v}
            claimed = np.array([complex(sp.N(ev.subs(subs), 20)) for ev in entry.eigenvalues])
            err = _closest_pairing(numeric, claimed)
            checked += 1
            tol_ok = compare([err], [0.0], FINITE_DIFFERENCE).ok if np.isfinite(err) else False
            if not tol_ok and err >= worst["error"]:
                worst = {"method": entry.name, "parameter": v, "numeric": numeric, "claimed": claimed, "error": err}
    if worst["method"] is not None:
        return Outcome.failed(
            f"claimed eigenvalues disagree with the finite-difference Jacobian for {worst['method']} "
            f"(parameter {worst['parameter']}): max |Δλ| = {worst['error']:.3g}",
            counterexample={
                "method": worst["method"],
                "parameter": worst["parameter"],
                "numeric eigenvalues": [str(complex(z)) for z in worst["numeric"]],
                "claimed eigenvalues": [str(complex(z)) for z in worst["claimed"]],
            },
            evaluations=checked,
        )
    if not all(symbolic_ok.values()):
        bad = [k for k, ok in symbolic_ok.items() if not ok]
        raise Inconclusive(f"sympy could not confirm trace and determinant for {bad} although the numbers agree")
    return Outcome.passed(
        f"for {len(table)} methods sympy proves λ1 + λ2 = tr J and λ1·λ2 = det J at (0, 0), and the eigenvalues of "
        f"central-difference Jacobians agree at {checked} parameter values ({FINITE_DIFFERENCE})",
        methods=[e.name for e in table],
        evaluations=checked,
    )


_CONVERGENCE_FIELDS: tuple[tuple[str, dirac.DiracField], ...] = (
    ("GAN", GAN),
    ("NS-GAN", NSGAN),
    ("WGAN", dirac.WassersteinGAN(clip=None)),
    ("GAN + R1 (γ = 0.3)", R1_03),
    ("GAN + R1 (γ = 1)", R1_1),
    ("GAN + R2 (γ = 0.3)", dirac.GradientPenaltyGAN(0.3, penalty="r2")),
    ("GAN + instance noise (σ = 0.7)", NOISE_07),
    ("GAN + consensus (γ = 1)", CONSENSUS_1),
)


def _classification(convergent: frozenset[str], ctx: Context) -> Outcome:
    """Which methods have max Re λ < 0 at (0, 0) (exactly): locally convergent for small steps."""
    found = {name: float(_spectral_abscissa(field)) for name, field in _CONVERGENCE_FIELDS}
    computed = frozenset(name for name, _ in _CONVERGENCE_FIELDS if found[name] < 0)
    return Outcome.decide(
        computed == convergent,
        f"locally convergent (max Re λ < 0, exact): {sorted(computed)}; not: "
        f"{sorted({n for n, _ in _CONVERGENCE_FIELDS} - computed)}",
        counterexample={
            "claimed convergent but not": sorted(convergent - computed),
            "convergent but claimed not": sorted(computed - convergent),
        },
        max_real_part=found,
    )


_CONVERGENT = frozenset(name for name, _ in _CONVERGENCE_FIELDS[3:])  # R1 (both γ), R2, instance noise, consensus


@cache
def _gan_update_maps() -> tuple[sp.Matrix, sp.Matrix]:
    return dirac.update_jacobian(GAN, "simultaneous", H), dirac.update_jacobian(GAN, "alternating", H)


def _gan_update_identities(sim_det: sp.Expr, alt_det: sp.Expr, alt_trace: sp.Expr) -> dict[str, Identity]:
    sim, alt = _gan_update_maps()
    return {
        "simultaneous: det(I + hJ) = |λ|²": Identity(sim.det(), sim_det),
        "alternating: det M": Identity(alt.det(), alt_det),
        "alternating: tr M": Identity(alt.trace(), alt_trace),
    }


def _prove_all(identities: dict[str, Identity], ctx: Context) -> Outcome:
    for label, ident in identities.items():
        proof = prove_identity(
            ident.lhs, ident.rhs, rng=ctx.rng(label), domains=ident.domains, timeout_s=ctx.profile.symbolic_timeout_s
        )
        if not proof.holds:
            return Outcome.failed(
                f"{label}: {proof.describe()}",
                counterexample={"identity": label, "lhs": sp.sstr(ident.lhs), "rhs": sp.sstr(ident.rhs)},
            )
    return Outcome.passed(
        f"sympy proves all {len(identities)} identities in h > 0: "
        + "; ".join(f"{k} = {sp.sstr(v.rhs)}" for k, v in identities.items()),
        identities={k: f"{sp.sstr(v.lhs)} = {sp.sstr(v.rhs)}" for k, v in identities.items()},
    )


DIRAC_SPECTRA = claim(
    "DIRAC-SPECTRA",
    "Dirac-GAN Jacobian spectra and local convergence",
    "At the Dirac-GAN equilibrium the Jacobian of the gradient field has eigenvalues ±i/2 for the GAN and the NS-GAN, ±i for the WGAN, −γ/2 ± √(γ²/4 − ¼) with an R1 or R2 penalty γ, −σ²/4 ± √(σ⁴/16 − ¼) with instance noise σ, and −γ/4 ± i/2 with consensus optimisation γ; so the first three are not locally convergent and the last three are. One step of simultaneous GD on the GAN multiplies |λ|² by 1 + h²/4; alternating GD has determinant 1.",
    symbolic_check(
        "eigenvalues",
        "For each method: sympy Jacobian of the vector field at (0, 0) (instance noise: differentiated under the expectation, then Gaussian moments); the claimed pair must have λ1 + λ2 = tr J and λ1·λ2 = det J (sympy), and must equal the eigenvalues of a central-difference Jacobian of the float64 field at fixed and random parameter values.",
        _spectra_match,
        ("the table of eigenvalues above", {}),
        [
            ("½ dropped in f′(0)", "GAN and NS-GAN eigenvalues ±i (f′(0) = 1)", {"gan": (IM, -IM)}),
            (
                "sign of γ flipped",
                "R1/R2: +γ/2 ± √(γ²/4 − ¼)",
                {"r1": _pm(GAMMA / 2, sp.sqrt(GAMMA**2 / 4 - QUARTER))},
            ),
            (
                "instance noise on one side only",
                "−σ²/8 ± √(σ⁴/64 − ¼) (the 2 from blurring both real and fake samples dropped)",
                {"noise": _pm(-(SIGMA**2) / 8, sp.sqrt(SIGMA**4 / 64 - QUARTER))},
            ),
            ("consensus with f′(0) for f′(0)²", "−γ/2 ± i/2", {"consensus": _pm(-GAMMA / 2, IM * HALF)}),
        ],
        build=lambda overrides: _spectra_table(**overrides),
    ),
    symbolic_check(
        "local-convergence",
        "Exact max Re λ of the sympy Jacobian for eight settings (γ, σ at the notebook's values); locally convergent means max Re λ < 0; the set found must equal the claimed set.",
        _classification,
        ("R1, R2, instance noise, consensus converge; GAN, NS-GAN, WGAN do not", _CONVERGENT),
        [
            (
                "NS-GAN converges",
                "the non-saturating loss alone makes the equilibrium attractive",
                _CONVERGENT | {"NS-GAN"},
            ),
            ("WGAN converges", "the WGAN is locally convergent", _CONVERGENT | {"WGAN"}),
        ],
    ),
    symbolic_check(
        "discrete-updates",
        "sympy, symbolic step h > 0: the GAN's one-step maps linearised at (0, 0). Simultaneous: det(I + hJ) = |1 + hλ|² for the conjugate pair; alternating (G then D): determinant and trace.",
        _prove_all,
        (
            "simultaneous |λ|² = 1 + h²/4; alternating det = 1, trace = 2 − h²/4",
            (1 + H**2 / 4, sp.Integer(1), 2 - H**2 / 4),
        ),
        [
            ("simultaneous GD neutral", "simultaneous |λ|² = 1", (sp.Integer(1), sp.Integer(1), 2 - H**2 / 4)),
            ("alternating GD contracts", "alternating det = 1 − h²/4", (1 + H**2 / 4, 1 - H**2 / 4, 2 - H**2 / 4)),
        ],
        build=lambda sides: _gan_update_identities(*sides),
    ),
    origin=Origin.LITERATURE,
    sources=(paper(str(MGN18), "§2–§4: Dirac-GAN spectra (Lemma 2.2, Thm 2.4, §3, Thm 4.1)"),),
    assumptions=("f(t) = −log(1 + e^{−t}), so f′(0) = ½ and f″(0) = −¼; WGAN f(t) = t", "γ, σ, h > 0"),
    references=(
        str(MGN18),
        f"{GAN_STABILITY}, notebooks/diracgan/gans.py (the authors' vector fields)",
        f"{MNG17} (consensus optimisation)",
    ),
    notes="WGAN-GP is left out: its penalty (γ/2)(|ψ| − 1)² has a kink at ψ = 0, so the field has no Jacobian at the equilibrium (gantheory.dirac.WassersteinGANGP raises); the paper reports it does not converge in general.",
)

# -- DIRAC-SIM ----------------------------------------------------------------


@dataclass(frozen=True)
class Expectation:
    """A protocol run and the behaviour claimed for it."""

    label: str
    run: Run
    behaviour: str


_SIM_RUNS: tuple[tuple[str, Run], ...] = tuple(
    (f"{name}, {scheme}", Run(field, scheme))
    for name, field in (
        ("GAN", GAN),
        ("R1 γ = 0.3", R1_03),
        ("R1 γ = 1", R1_1),
        ("instance noise σ = 0.7", NOISE_07),
        ("consensus γ = 1", CONSENSUS_1),
    )
    for scheme in ("simultaneous", "alternating")
)
_SIM_CLAIMED = {"GAN, simultaneous": "spirals-out", "GAN, alternating": "cycles"}


def _sim_table(**overrides: str) -> tuple[Expectation, ...]:
    claimed = {label: _SIM_CLAIMED.get(label, "converges") for label, _ in _SIM_RUNS} | overrides
    return tuple(Expectation(label, run, claimed[label]) for label, run in _SIM_RUNS)


def _protocol_runs(table: Sequence[Expectation], ctx: Context) -> Outcome:
    observed, finals, mismatches = {}, {}, []
    for e in table:
        tr = _run(e.run.field, e.run.scheme)
        observed[e.label], finals[e.label] = _behaviour(tr), float(tr.distance[-1])
        if observed[e.label] != e.behaviour:
            mismatches.append(
                {
                    "run": e.label,
                    "claimed": e.behaviour,
                    "observed": observed[e.label],
                    "final distance": finals[e.label],
                }
            )
    return Outcome.decide(
        not mismatches,
        f"{len(table) - len(mismatches)} of {len(table)} runs behave as claimed (step {STEP}, start {START}, "
        f"{STEPS} steps)",
        counterexample={"mismatches": mismatches},
        observed=observed,
        final_distance=finals,
    )


Predictor = Callable[[Run], str]


def _discrete_map_rule(run: Run) -> str:
    sign = _update_sign(run.field, run.scheme)[0]
    return {1: "spirals-out", 0: "cycles", -1: "converges"}[sign]


def _continuous_rule(run: Run) -> str:
    abscissa = _spectral_abscissa(run.field)
    return "converges" if bool(abscissa < 0) else ("cycles" if abscissa == 0 else "spirals-out")


def _simultaneous_map_rule(run: Run) -> str:
    return _discrete_map_rule(Run(run.field, "simultaneous"))


def _consistent_with_spectra(rule: Predictor, ctx: Context) -> Outcome:
    rows, bad = {}, []
    for label, run in _SIM_RUNS:
        predicted, seen = rule(run), _behaviour(_run(run.field, run.scheme))
        rows[label] = {"predicted": predicted, "observed": seen}
        if predicted != seen:
            bad.append({"run": label, "predicted": predicted, "observed": seen})
    return Outcome.decide(
        not bad,
        f"the rule predicts {len(_SIM_RUNS) - len(bad)} of {len(_SIM_RUNS)} simulated behaviours",
        counterexample={"mispredicted": bad},
        runs=rows,
    )


DIRAC_SIM = claim(
    "DIRAC-SIM",
    "Dirac-GAN simulations: spirals, cycles and convergence",
    "With step 0.2 from (1, 1) for 500 steps: simultaneous GD on the GAN spirals outwards (θ² + ψ² grows at every step), alternating GD circles without converging, and with R1 (γ = 0.3 or 1), instance noise (σ = 0.7) or consensus optimisation (γ = 1) both schemes converge to (0, 0), as the spectra of the linearised one-step maps predict.",
    numeric_check(
        "protocol-runs",
        f"Simulate each of 10 settings with gantheory.dirac.simulate and classify the trajectory (spirals-out: θ² + ψ² increases at every step; converges: within {CONVERGED:g} of (0, 0) over the last 50 steps; cycles: neither, distance within [½, 2] × start).",
        _protocol_runs,
        ("the behaviours listed in the statement", {}),
        [
            (
                "simultaneous GD converges",
                "plain simultaneous GD on the GAN converges",
                {"GAN, simultaneous": "converges"},
            ),
            (
                "alternating GD converges",
                "plain alternating GD on the GAN converges",
                {"GAN, alternating": "converges"},
            ),
            (
                "instance noise does not help",
                "alternating GD with instance noise σ = 0.7 keeps circling",
                {"instance noise σ = 0.7, alternating": "cycles"},
            ),
        ],
        build=lambda overrides: _sim_table(**overrides),
    ),
    numeric_check(
        "consistent-with-spectra",
        "Predict each run's behaviour from the exact spectral radius ρ of its linearised one-step map (ρ > 1 spirals out, ρ = 1 cycles, ρ < 1 converges) and compare with the simulation.",
        _consistent_with_spectra,
        ("the spectral radius of the scheme's one-step map predicts the run", _discrete_map_rule),
        [
            (
                "continuous-time spectrum",
                "the sign of max Re λ of the vector field's Jacobian predicts the run (ignores the step)",
                _continuous_rule,
            ),
            ("scheme ignored", "the simultaneous-GD map predicts alternating runs too", _simultaneous_map_rule),
        ],
    ),
    origin=Origin.LITERATURE,
    sources=(
        paper(str(MGN18), "§2–§4 and Figures 1–3 (Dirac-GAN trajectories)"),
        paper(GAN_STABILITY, "notebooks/DiracGAN.ipynb: step 0.2, start (1, 1), 500 steps"),
    ),
    assumptions=(
        "instance noise uses a 64-node Gauss–Hermite expectation instead of the notebook's 1000 random draws (the seeded Monte Carlo field is run under NOISE-INPUT)",
        "'cycles' means: not converging, not spiralling out, distance within [½, 2] × its start throughout",
    ),
    references=(str(MGN18), f"{GAN_STABILITY}, notebooks/diracgan/simulate.py"),
)

# -- GF14-PROP2 ---------------------------------------------------------------

#: Rounding slack for "JS does not increase": JS is a sum of ≤ 64 float64 terms, each
#: accurate to ~1e-16 absolute; the exact sequence is non-increasing.
JS_ROUNDING = 1e-14
#: Mirror-descent step and number of steps: with η = 0.5 the JS divergence falls below
#: 1e-13 within ~60 steps on the cases here; 150 leaves room.
FLOW_STEP, FLOW_STEPS = 0.5, 150
#: "Converged": JS(p_data ‖ p_g) ≤ 1e-12 nats and TV ≤ 1e-6 at the end (Pinsker on each half of JS
#: gives JS ≥ TV²/2, so the two thresholds are of the same strength); the controls end with JS > 0.09.
FLOW_JS_END, FLOW_TV_END = 1e-12, 1e-6


def _flow_cases(ctx: Context) -> list[Case]:
    rng = ctx.rng("flow-pairs")
    grid = np.linspace(-4, 4, 41)
    bimodal = np.exp(-((grid + 2) ** 2) / (2 * 0.25)) + np.exp(-((grid - 2) ** 2) / (2 * 0.25))
    start = np.exp(-(grid**2) / 2)
    cases = [
        Case("one-hot-ish start, uniform target", (np.full(4, 0.25), np.array([0.97, 0.01, 0.01, 0.01]))),
        Case("target with zeros", (np.array([0.5, 0.5, 0.0, 0.0]), np.full(4, 0.25))),
        Case("document 000's bimodal data on a grid vs N(0, 1)", (bimodal / bimodal.sum(), start / start.sum())),
    ]
    for i in range(ctx.profile.random_cases):
        n = int(rng.integers(2, 41))
        p = rng.dirichlet(np.full(n, 0.5))
        if i % 3 == 0:
            p = np.where((rng.random(n) < 0.3) & (p < p.max()), 0.0, p)
            p = p / p.sum()
        q = rng.dirichlet(np.full(n, 1.0))
        cases.append(Case(f"random pair {i} (n={n})", (p, q)))
    return cases


@dataclass(frozen=True)
class FlowSetting:
    """How p_g is updated: direction and the discriminator used at each step (built from p_data and p_g at t = 0)."""

    direction: str
    discriminator: Callable[[Array, Array], Callable[[Array, Array], Array] | str]


def _optimal_each_step(p: Array, q0: Array) -> str:
    return "optimal"


def _frozen_at_start(p: Array, q0: Array) -> Callable[[Array, Array], Array]:
    d0 = disc.optimal_discriminator(p, q0)
    return lambda p_, q_: d0


def _flow_converges(setting: FlowSetting, ctx: Context) -> Outcome:
    worst_final, worst_rise = 0.0, 0.0
    for case in _flow_cases(ctx):
        p, q0 = case.value
        res = flows.function_space_descent(
            p,
            q0,
            step=FLOW_STEP,
            steps=FLOW_STEPS,
            discriminator=setting.discriminator(p, q0),  # type: ignore[arg-type]
            direction=setting.direction,  # type: ignore[arg-type]
        )
        rise = float(np.diff(res.js).max())
        worst_final, worst_rise = max(worst_final, float(res.js[-1])), max(worst_rise, rise)
        if rise > JS_ROUNDING or res.js[-1] > FLOW_JS_END or res.tv[-1] > FLOW_TV_END:
            return Outcome.failed(
                f"on {case.name}: JS goes from {res.js[0]:.3g} to {res.js[-1]:.3g} after {FLOW_STEPS} steps "
                f"(largest one-step increase {rise:.3g}; final TV {res.tv[-1]:.3g})",
                counterexample={"case": case.name, "p_data": p, "p_g at start": q0, "p_g at end": res.q[-1]},
                js_start=res.js[0],
                js_end=res.js[-1],
            )
    return Outcome.passed(
        f"on {len(_flow_cases(ctx))} pmf pairs JS never increases (up to {JS_ROUNDING:g}) and falls below 1e-12 "
        f"within {FLOW_STEPS} steps of size {FLOW_STEP}; final TV ≤ 1e-6",
        worst_final_js=worst_final,
        worst_one_step_increase=worst_rise,
    )


GF14_PROP2 = claim(
    "GF14-PROP2",
    "Goodfellow's Proposition 2: with an optimal D at each step, p_g converges to p_data",
    "If the discriminator is optimal for the current generator at every step and p_g itself (unlimited capacity) is moved by small steps that improve U(p_g, D*_G) = E_{p_data}[log D*_G] + E_{p_g}[log(1 − D*_G)], then p_g converges to p_data; the step uses the gradient at D*_G, which is a (sub)gradient of C(G) = sup_D U.",
    identity(
        "envelope-gradient",
        "sympy: ∂/∂b of the C(G) integrand a log(a/(a + b)) + b log(b/(a + b)) against log(1 − D*) = log(b/(a + b)), the gradient of U in p_g with D held at D*: the step the proof takes.",
        lhs=sp.diff(S.criterion_integrand(), S.b),
        stated=("∂C/∂p_g = log(1 − D*) = log(p_g/(p_data + p_g))", sp.log(S.b / (S.a + S.b))),
        controls=[
            (
                "fake term only",
                "∂/∂p_g of p_g log(p_g/(p_data + p_g)) alone: log(1 − D*) + D*",
                sp.log(S.b / (S.a + S.b)) + S.a / (S.a + S.b),
            ),
            ("log D* for log(1 − D*)", "∂C/∂p_g = log(p_data/(p_data + p_g))", sp.log(S.a / (S.a + S.b))),
        ],
    ),
    numeric_check(
        "function-space-descent",
        f"gantheory.flows.function_space_descent on pmf pairs (sizes 2–40, targets with zeros, document 000's bimodal data on a 41-point grid): {FLOW_STEPS} exponentiated-gradient steps of size {FLOW_STEP} with D recomputed as D* each step; JS(p_data ‖ p_g) must never increase and must end below 1e-12, with TV below 1e-6.",
        _flow_converges,
        ("descend U(p_g, D*) with D* recomputed every step", FlowSetting("descent", _optimal_each_step)),
        [
            (
                "ascent",
                "move p_g up the gradient of U (the discriminator's direction)",
                FlowSetting("ascent", _optimal_each_step),
            ),
            (
                "D frozen",
                "descend U(p_g, D) with D frozen at the first step's D*",
                FlowSetting("descent", _frozen_at_start),
            ),
        ],
    ),
    origin=Origin.LITERATURE,
    sources=(paper(str(GF14), "Prop. 2 and its proof"),),
    assumptions=(
        "a finite support; p_g is updated directly (function space), by exponentiated-gradient steps of size 0.5",
        "p_g starts positive wherever p_data is",
    ),
    references=(GF14.at("Prop. 2"), f"{BECK03} (mirror descent)"),
)

# -- NOISE-INPUT --------------------------------------------------------------

#: Our grid of noise levels around the notebook's σ = 0.7.
_NOISE_LEVELS = (0.1, 0.3, 0.7, 1.0, 2.0)


def _all_attractive(fields: Sequence[dirac.DiracField], ctx: Context) -> Outcome:
    abscissae = {f"{f.name} ({getattr(f, 'sigma', '-')})": _spectral_abscissa(f) for f in fields}
    bad = {k: float(v) for k, v in abscissae.items() if not bool(v < 0)}
    return Outcome.decide(
        not bad,
        "max Re λ at (0, 0) (exact): " + ", ".join(f"{k}: {float(v):.4g}" for k, v in abscissae.items()),
        counterexample={"not attractive": bad},
        max_real_part={k: float(v) for k, v in abscissae.items()},
    )


#: Seeded Monte Carlo instance noise (1000 draws per evaluation, as in the authors' notebook)
#: leaves a noise floor of about σ·f′(0)/√1000 ≈ 0.01 in the discriminator's gradient, so the
#: iterates settle within a few hundredths of (0, 0), not at it; "settles" means below 0.1.
MC_SETTLED = 0.1


def _monte_carlo_run(field: dirac.DiracField, ctx: Context) -> Outcome:
    tr = dirac.simulate(field, "alternating", start=START, step=STEP, steps=STEPS, rng=ctx.rng("instance-noise"))
    tail = float(tr.distance[-50:].max())
    return Outcome.decide(
        tail < MC_SETTLED,
        f"{tr.field}, alternating GD, seeded Monte Carlo: max distance to (0, 0) over the last 50 of {STEPS} steps is "
        f"{tail:.3g} (threshold {MC_SETTLED:g})",
        counterexample={"final distance": tr.distance[-1]},
        tail_max_distance=tail,
        final_distance=tr.distance[-1],
    )


_NO_NOISE = ("no noise", "the GAN without noise")

NOISE_INPUT = claim(
    "NOISE-INPUT",
    "Add Gaussian noise to the discriminator's inputs",
    "A training tip: adding Gaussian noise to the discriminator's inputs (real and fake) helps training.",
    symbolic_check(
        "dirac-gan-spectrum",
        "Exact max Re λ of the Dirac-GAN Jacobian with instance noise σ ∈ {0.1, 0.3, 0.7, 1, 2}: negative means the equilibrium is locally attractive (λ = f″(0)σ² ± √(f″(0)²σ⁴ − f′(0)²), f″(0) = −¼).",
        _all_attractive,
        (
            "GAN loss with Gaussian noise on both real and fake inputs",
            tuple(dirac.InstanceNoiseGAN(s) for s in _NOISE_LEVELS),
        ),
        [
            (*_NO_NOISE, (dirac.StandardGAN(),)),
            (
                "WGAN loss",
                "the same noise with the WGAN's linear loss (f″ = 0: the noise averages out)",
                tuple(dirac.InstanceNoiseGAN(s, loss="wgan") for s in _NOISE_LEVELS),
            ),
        ],
        decides=False,
    ),
    numeric_check(
        "monte-carlo-simulation",
        f"Alternating GD (step 0.2, start (1, 1), 500 steps) with instance noise σ = 0.7 estimated from 1000 seeded draws per evaluation, as in the authors' notebook; settled means within {MC_SETTLED:g} of (0, 0) over the last 50 steps.",
        _monte_carlo_run,
        ("GAN with instance noise σ = 0.7", dirac.InstanceNoiseGAN(0.7, expectation="monte-carlo")),
        [
            (*_NO_NOISE, dirac.StandardGAN()),
            (
                "WGAN loss",
                "instance noise σ = 0.7 with the WGAN's linear loss",
                dirac.InstanceNoiseGAN(0.7, expectation="monte-carlo", loss="wgan"),
            ),
        ],
        decides=False,
    ),
    sources=(src(D001, "6.4 Adding Noise"),),
    assumptions=("a heuristic; what is computed is its effect on the Dirac-GAN's local convergence",),
    references=(
        f"{SONDERBY} (instance noise)",
        AB17.at("§3 (noise makes the supports overlap)"),
        MGN18.at("§3 (instance noise makes the Dirac-GAN locally convergent)"),
    ),
)


CLAIMS = (EQ_D_HALF_A, EQ_ACC_50_A, CONVERGE_ALT, DIRAC_SPECTRA, DIRAC_SIM, GF14_PROP2, NOISE_INPUT)

__all__ = ["CLAIMS"]
