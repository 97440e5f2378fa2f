"""Group C: generator objectives, the original (minimax) cost against the non-saturating one.

Catalog rows TRAIN-ALT, NS-MOTIVATION, NS-TABLE-ROWS, NS-GRAD-MAG, EX4-GRAD-COMPARE,
NS-FIXED-POINT, NS-EQUIV and LOSS-TABLE.

Per-sample costs are sympy expressions in y = D(G(z)) ∈ (0, 1), or in the logit ℓ with
D = σ(ℓ). A discriminator that ends in a sigmoid passes the generator's parameters θ to a cost
only through ℓ, so ∂cost/∂θ = (∂cost/∂ℓ)(∂ℓ/∂θ) with the same ∂ℓ/∂θ for every cost: comparing
the logit derivatives compares what the generator receives. The fixed-point check integrates by
quadrature with D frozen at the optimal discriminator of the current generator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy import optimize, special

from gantheory import quadrature
from gantheory import symbolic as S
from gantheory.densities import Density, GaussianMixture, gaussian
from gantheory.differences import five_point_derivative
from gantheory.losses import GENERATOR_COSTS, logit
from gantheory.symbolic import binary_cross_entropy as bce
from gantheory.symbolic import of_logit
from verify.builders import claim, identity, numeric_check, property_check, symbolic_check
from verify.cases import BIMODAL
from verify.checks import Identity, for_all
from verify.context import Context
from verify.cost_checks import COSTS, directions_check, ranking_check, rows_check, saturation_check
from verify.model import Change, Outcome
from verify.proof import REAL, UNIT
from verify.references import AB17, GF14, GF16
from verify.sources import D000, D001, D003, src
from verify.tolerance import IDENTITY, Tolerance, compare

Array = NDArray[np.float64]
y, ell = S.y, S.ell

# -- TRAIN-ALT ----------------------------------------------------------------------------------------------------------

_D_REAL = "D step, real sample: cost −log D(x) falls as D(x) rises"
_G_MINIMAX = "G step, minimise V: cost log(1 − D(G(z))) falls as D(G(z)) rises"
_PHASE_DIRECTIONS = {
    _D_REAL: (-sp.log(y), -1),
    "D step, fake sample: cost −log(1 − D(G(z))) rises with D(G(z))": (-sp.log(1 - y), 1),
    _G_MINIMAX: (sp.log(1 - y), -1),
    "G step, maximise log D(G(z)): cost −log D(G(z)) falls as D(G(z)) rises": (-sp.log(y), -1),
}

TRAIN_ALT = claim(
    "TRAIN-ALT",
    "Training alternates D and G updates",
    "Training alternates a discriminator update (k steps, often k = 1) that maximises V, i.e. the probability of labelling real and fake samples correctly, with a generator update that minimises V or, instead, maximises the probability that D mistakes fakes for real.",
    directions_check(
        "update-directions",
        "sympy: sign of d/dD of each per-sample cost that a step descends, on a grid of (0, 1): a D step raises D(x) and lowers D(G(z)); both generator steps raise D(G(z)).",
        _PHASE_DIRECTIONS,
        "D descends −log D(x) − log(1 − D(G(z))); G descends log(1 − D) or −log D",
        [
            (
                "G ascends V",
                "the generator step ascends V, i.e. descends −log(1 − D(G(z))), and is claimed to raise D(G(z))",
                {_G_MINIMAX: (-sp.log(1 - y), -1)},
            ),
            (
                "D labels swapped",
                "the D step scores real samples against label 0 (cost −log(1 − D(x))) and is claimed to raise D(x)",
                {_D_REAL: (-sp.log(1 - y), -1)},
            ),
        ],
        decides=False,
    ),
    sources=(
        src(D000, "Training Dynamics"),
        src(D003, "Training Dynamics"),
        src(D003, "Step-by-Step Process"),
        src(D001, "3.1 Standard Training Procedure"),
        src(D001, "Exercises (5)"),
    ),
    assumptions=("D ends in a sigmoid and is trained with the cross-entropy",),
    references=(GF14.at("Algorithm 1 (k = 1 in their experiments)"), GF16.at("§3.1")),
    notes="A description of a training procedure, not a statement that computation can decide; whether alternating updates converge is CONVERGE-ALT, and the D:G ratio of exercise 5 is an experiment.",
)

# -- NS-MOTIVATION, NS-TABLE-ROWS ---------------------------------------------------------------------------------------


def _logit_gradients(d: float) -> tuple[float, float]:
    """|∂ℓ non-saturating| and |∂ℓ minimax| at D = d (library derivatives at ℓ = σ⁻¹(d))."""
    t = logit(np.array([d]))
    ns, mm = (abs(float(GENERATOR_COSTS[name].d_logit(t)[0])) for name in ("non-saturating", "minimax"))
    return ns, mm


def _stronger_below(interval: tuple[float, float], d: float) -> bool:
    ns, mm = _logit_gradients(d)
    return ns > mm


def _stronger_gradients(interval: tuple[float, float], ctx: Context) -> Outcome:
    """Test: on every D(G(z)) in the open interval, the non-saturating logit gradient is larger."""
    lo, hi = interval
    inside = st.floats(max(lo, 1e-12), min(hi, 1 - 1e-12), exclude_min=True, exclude_max=True, allow_nan=False)
    return for_all(inside, _stronger_below, inputs=f"values of D(G(z)) in ({lo:g}, {hi:g})")(interval, ctx)


_STRONGER_CHECK = property_check(
    "stronger-gradient-early",
    "Hypothesis over D(G(z)) in the claimed range: |∂/∂ℓ (−log σ(ℓ))| = 1 − D against |∂/∂ℓ log(1 − σ(ℓ))| = D, from the library's derivatives (tested against torch autograd) at ℓ = σ⁻¹(D). Early in training D rejects fakes: D(G(z)) < ½.",
    _stronger_gradients,
    ("the non-saturating gradient is the larger one while D(G(z)) < ½", (0.0, 0.5)),
    [
        ("at every D", "the non-saturating gradient is larger for every D(G(z)) in (0, 1)", (0.0, 1.0)),
        ("late training", "the non-saturating gradient is larger when D(G(z)) > ½", (0.5, 1.0)),
    ],
)

NS_MOTIVATION = claim(
    "NS-MOTIVATION",
    "Why the non-saturating generator loss",
    "log(1 − D(G(z))) saturates when D confidently rejects the fakes, as early in training; minimising −E log D(G(z)) instead (maximising E log D(G(z))) gives the generator stronger gradients.",
    saturation_check(
        "saturation-limits",
        "sympy: the limit of |∂cost/∂ℓ| as ℓ → −∞ (D(G(z)) → 0) for each cost; a cost saturates iff the limit is 0.",
        (
            "in the logit the minimax cost saturates (gradient −D → 0) and the non-saturating one does not (−(1 − D) → −1)",
            ("logit", {"minimax": True, "non-saturating": False}),
        ),
        [
            (
                "both saturate",
                "the non-saturating cost saturates too",
                ("logit", {"minimax": True, "non-saturating": True}),
            ),
            (
                "derivative in D's output",
                "in D's output (not the logit) the minimax cost saturates: its derivative −1/(1 − D) → −1 does not",
                ("output", {"minimax": True, "non-saturating": False}),
            ),
        ],
    ),
    _STRONGER_CHECK,
    sources=(
        src(D000, "Training Dynamics"),
        src(D001, "3.2 Alternative Generator Objective"),
        src(D003, "Mathematical Formulation"),
    ),
    assumptions=(
        "D(x) = σ(ℓ(x)): the discriminator ends in a sigmoid, so the generator's gradient is (∂cost/∂ℓ)(∂ℓ/∂θ)",
        "early in training D rejects fakes: D(G(z)) < ½",
    ),
    references=(GF14.at("§3"), GF16.at("§3.2.3 and Figure 16")),
)


def _objective_rows(original: sp.Expr, nonsat: sp.Expr) -> dict[str, Identity]:
    return {
        "original: the part of V that G controls (∂/∂p_g of V's integrand)": Identity(
            sp.diff(S.value_integrand(), S.b), original, {y: UNIT}
        ),
        "non-saturating: cross-entropy of the fakes against the flipped target 1": Identity(
            bce(y, sp.Integer(1)), nonsat, {y: UNIT}
        ),
    }


NS_TABLE_ROWS = claim(
    "NS-TABLE-ROWS",
    "The objective and early-training rows of 001's comparison table",
    "The original objective is min_G E[log(1 − D(G(z)))], the non-saturating one max_G E[log D(G(z))]; early in training the first gives weak gradients and the second strong ones.",
    rows_check(
        "objective-row",
        "sympy: V's integrand a log y + b log(1 − y) depends on the generator only through b = p_g, with ∂/∂b = log(1 − y): G's part of min_G V is E log(1 − D(G(z))). Maximising E log D is minimising the cross-entropy of the fakes with the target flipped to 1.",
        _objective_rows,
        ("original: log(1 − D(G(z))); non-saturating: −log D(G(z))", (sp.log(1 - y), -sp.log(y))),
        [
            ("terms swapped", "original: log D(G(z))", (sp.log(y), -sp.log(y))),
            (
                "target not flipped",
                "non-saturating: −log(1 − D(G(z))) (the discriminator's own target 0)",
                (sp.log(1 - y), -sp.log(1 - y)),
            ),
        ],
    ),
    _STRONGER_CHECK,
    sources=(src(D001, "3.2 Alternative Generator Objective"),),
    assumptions=("D(x) = σ(ℓ(x))", "early in training D(G(z)) < ½"),
    references=(GF16.at("§3.2.2–3.2.3"),),
)

# -- NS-GRAD-MAG --------------------------------------------------------------------------------------------------------

#: How close a computed gradient magnitude must be to the table's round number to count as "≈" it.
APPROX = Tolerance(
    rtol=0.05,
    atol=0.0,
    why="001's table prints the magnitudes as the round numbers 1 and 100; '≈' is read as agreement within 5 %, wide enough that 1/(1 − 0.01) = 1.0101 counts as ≈ 1, narrow enough that 1/0.009 = 111 does not count as ≈ 100",
)


@dataclass(frozen=True)
class Magnitudes:
    """Claimed gradient magnitudes of the two costs at values of D(G(z)) (0.0 stands for the limit D → 0⁺)."""

    points: tuple[float, ...]
    wrt: str
    claimed: Mapping[str, float]


_VARIABLE = {"output": "D's output", "logit": "the logit"}
#: 001 §3.2's table row "Gradient When D(G(z))≈0": the original loss ≈ 1, the non-saturating one ≈ 100.
_TABLE_ROW = {"minimax": 1.0, "non-saturating": 100.0}


def _magnitude(name: str, wrt: str, d: float) -> float:
    cost, dr = COSTS[name], sp.Rational(str(d))
    if wrt == "output":
        deriv = sp.diff(cost, y)
        value = sp.limit(sp.Abs(deriv), y, 0, "+") if d == 0 else sp.Abs(deriv).subs(y, dr)
    else:
        deriv = sp.diff(of_logit(cost), ell)
        value = sp.limit(sp.Abs(deriv), ell, -sp.oo) if d == 0 else sp.Abs(deriv).subs(ell, sp.log(dr / (1 - dr)))
    return float(sp.N(value, 30)) if value != sp.oo else float("inf")


def _gradient_magnitudes(subject: Magnitudes, ctx: Context) -> Outcome:
    """Test: at every point, each cost's |derivative| is ≈ its claimed magnitude (under :data:`APPROX`)."""
    table: dict[str, dict[str, float]] = {}
    for d in subject.points:
        key = "D → 0⁺" if d == 0 else f"D = {d:g}"
        table[key] = {name: _magnitude(name, subject.wrt, d) for name in subject.claimed}
        for name, claimed in subject.claimed.items():
            if not compare(table[key][name], claimed, APPROX).ok:
                return Outcome.failed(
                    f"at {key} (derivative in {_VARIABLE[subject.wrt]}) |∂/∂· {name}| = {table[key][name]:.6g}, not ≈ {claimed:g}",
                    counterexample={"point": key, "cost": name, "computed": table[key][name], "claimed": claimed},
                    magnitudes=table,
                    tolerance=str(APPROX),
                )
    return Outcome.passed(
        f"derivative in {_VARIABLE[subject.wrt]}: every magnitude is within 5 % of the claimed one", magnitudes=table
    )


def _ratio_rows(kind: str) -> dict[str, Identity]:
    mm, ns = COSTS["minimax"], COSTS["non-saturating"]
    ratio_output = sp.diff(ns, y) / sp.diff(mm, y)
    ratio_logit = sp.diff(of_logit(ns), ell) / sp.diff(of_logit(mm), ell)
    sig = S.sigmoid(ell)
    target = {"(1 − D)/D": ((1 - y) / y, (1 - sig) / sig), "D/(1 − D)": (y / (1 - y), sig / (1 - sig))}[kind]
    return {
        "derivative in D's output": Identity(ratio_output, target[0], {y: UNIT}),
        "derivative in the logit": Identity(ratio_logit, target[1], {ell: REAL}),
    }


NS_GRAD_MAG = claim(
    "NS-GRAD-MAG",
    "Gradient magnitudes when D(G(z)) ≈ 0",
    "When D(G(z)) ≈ 0 the original generator loss has gradient magnitude ≈ 1 and the non-saturating one ≈ 100.",
    symbolic_check(
        "magnitudes",
        "sympy: |∂cost/∂D| (or |∂cost/∂ℓ|) at exact rational D and its limit as D → 0⁺, against the claimed numbers under a 5 % reading of '≈'.",
        _gradient_magnitudes,
        (
            "as D(G(z)) → 0 (D = 0.01, 0.001, 0.0001 and the limit), the magnitudes are ≈ 1 and ≈ 100",
            ((0.01, 0.001, 0.0001, 0.0), "output", _TABLE_ROW),
        ),
        [
            (
                "derivative in the logit",
                "at D = 0.01, derivatives in the logit are ≈ 1 and ≈ 100",
                ((0.01,), "logit", _TABLE_ROW),
            ),
            (
                "numbers swapped",
                "at D = 0.01, derivatives in D's output are ≈ 100 (original) and ≈ 1 (non-saturating)",
                ((0.01,), "output", {"minimax": 100.0, "non-saturating": 1.0}),
            ),
            ("D = 0.1", "at D = 0.1 the magnitudes are ≈ 1 and ≈ 100", ((0.1,), "output", _TABLE_ROW)),
        ],
        corrected=(
            Change.SCOPE,
            "≈ 1 and ≈ 100 hold at D(G(z)) = 0.01 for derivatives in D's output (1.0101 and 100); as D → 0 the non-saturating one grows like 1/D without bound, and in the logit the two are D and 1 − D",
            ((0.01,), "output", _TABLE_ROW),
        ),
        build=lambda a: Magnitudes(*a),
    ),
    rows_check(
        "ratio",
        "sympy: the ratio of the non-saturating to the original derivative, in D's output and in the logit.",
        _ratio_rows,
        ("the ratio is (1 − D)/D in both variables (99 at D = 0.01)", ("(1 − D)/D",)),
        [("ratio inverted", "the ratio is D/(1 − D)", ("D/(1 − D)",))],
        decides=False,
    ),
    sources=(src(D001, "3.2 Alternative Generator Objective"),),
    assumptions=("natural logarithm", "per-sample costs log(1 − D) and −log D, without a ½ weight"),
    references=(GF16.at("§3.2.3"),),
    notes="The table's numbers are derivatives in D's output at D = 0.01: 1/(1 − D) = 1.0101 and 1/D = 100. In the logit, which is what reaches the generator through a sigmoid, the same costs have derivatives D = 0.01 and 1 − D = 0.99: the original loss is the weak one. The ratio (1 − D)/D = 99 is the same either way. Qualified: the numbers hold as printed once 'D(G(z)) ≈ 0' is narrowed to the table's D(G(z)) = 0.01 and 'gradient' read as the derivative in D's output; nothing in the formula or the conclusion (the non-saturating loss is the strong one at small D) has to change.",
)

# -- EX4-GRAD-COMPARE ---------------------------------------------------------------------------------------------------


def _crossover(threshold: float, d: float) -> bool:
    """(|∂ℓ NS| ≥ |∂ℓ minimax|) ⇔ (D ≤ threshold), at D = d."""
    ns, mm = _logit_gradients(d)
    return (ns >= mm) == (d <= threshold)


_TABLE_POINTS = (1e-4, 1e-3, 1e-2, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99)


def _magnitude_table(subject: Mapping[str, Callable[[Array], Array]], ctx: Context) -> Outcome:
    """Test: the given logit-gradient formulas (functions of D) equal sympy's derivatives on a grid; report the table."""
    d = np.array(_TABLE_POINTS)
    table: dict[str, list[float]] = {"D(G(z))": d.tolist()}
    worst = 0.0
    for name, formula in subject.items():
        exact = sp.lambdify(y, sp.simplify(sp.diff(of_logit(COSTS[name]), ell).subs(ell, sp.log(y / (1 - y)))), "numpy")
        ours = np.asarray(formula(d), dtype=np.float64)
        truth = np.asarray(exact(d), dtype=np.float64)
        cmp = compare(ours, truth, IDENTITY)
        table[f"|∂/∂ℓ| {name}"] = np.abs(truth).tolist()
        if not cmp.ok:
            return Outcome.failed(
                f"the {name} formula disagrees with sympy's derivative: {cmp.describe()}",
                counterexample={
                    "cost": name,
                    "D": float(d[cmp.worst_index]),
                    "formula": cmp.worst_actual,
                    "sympy": cmp.worst_expected,
                },
            )
        worst = max(worst, cmp.max_rel_error)
    return Outcome.passed(
        f"the three logit gradients agree with sympy at {d.size} values of D (max rel. Δ {worst:.2g})",
        table=table,
        tolerance=str(IDENTITY),
    )


_COST_NAMES = ("minimax", "non-saturating", "maximum-likelihood")


def _library_gradients(part: str) -> dict[str, Callable[[Array], Array]]:
    """The library's derivatives of the three costs in the logit (``d_logit``) or in D's output, as functions of D."""
    if part == "d_logit":
        return {n: (lambda d, n=n: GENERATOR_COSTS[n].d_logit(logit(d))) for n in _COST_NAMES}
    return {n: (lambda d, n=n: GENERATOR_COSTS[n].d_output(d)) for n in _COST_NAMES}


# both derivatives are negative, so |ns| − |mm| = −ns' + mm'
_GRADIENT_GAP = -sp.diff(of_logit(COSTS["non-saturating"]), ell) + sp.diff(of_logit(COSTS["minimax"]), ell)

EX4_GRAD_COMPARE = claim(
    "EX4-GRAD-COMPARE",
    "Exercise 4: compare the two generator losses' gradient magnitudes",
    "Comparing the gradient magnitudes of the original and the non-saturating generator losses (001, exercise 4) shows the non-saturating loss giving the stronger gradient where the discriminator rejects the fakes.",
    identity(
        "magnitude-difference",
        "sympy: |∂ℓ(−log σ(ℓ))| − |∂ℓ log(1 − σ(ℓ))| = (1 − D) − D = 1 − 2D, positive exactly when D < ½.",
        lhs=_GRADIENT_GAP,
        domains={ell: REAL},
        stated=("the difference is 1 − 2σ(ℓ)", 1 - 2 * S.sigmoid(ell)),
        controls=[
            ("sign flipped", "the difference is 2σ(ℓ) − 1", 2 * S.sigmoid(ell) - 1),
            ("factor 2 dropped", "the difference is 1 − σ(ℓ)", 1 - S.sigmoid(ell)),
        ],
    ),
    property_check(
        "crossover",
        "Hypothesis over D(G(z)) ∈ (0, 1): the non-saturating logit gradient is at least as large iff D ≤ threshold.",
        for_all(st.floats(1e-12, 1 - 1e-12, allow_nan=False), _crossover, inputs="values of D(G(z)) in (0, 1)"),
        ("the non-saturating gradient is the larger one iff D(G(z)) ≤ ½", 0.5),
        [("threshold 0.25", "… iff D(G(z)) ≤ 0.25", 0.25), ("threshold 0.75", "… iff D(G(z)) ≤ 0.75", 0.75)],
    ),
    numeric_check(
        "magnitude-table",
        "The library's logit-gradient formulas for the minimax, non-saturating and maximum-likelihood costs (−D, −(1 − D), −D/(1 − D)) against sympy's derivatives at nine values of D; the table of magnitudes is the data for the exercise's plot.",
        _magnitude_table,
        ("the library's derivatives in the logit", "d_logit"),
        [
            (
                "derivatives in D's output",
                "the derivatives in D's output (−1/(1 − D), −1/D, −1/(1 − D)²) plotted as if they were logit gradients",
                "d_output",
            )
        ],
        build=_library_gradients,
        decides=False,
    ),
    sources=(src(D001, "Exercises (4)"),),
    assumptions=("D(x) = σ(ℓ(x)); magnitudes are derivatives in the logit", "natural logarithm"),
    references=(GF16.at("§3.2.6, Figure 16"),),
    notes="The plot the exercise asks for is drawn by the report from this claim's table (its measurements).",
)

# -- NS-FIXED-POINT -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: the cases are module-level constants, cached below
class FamilyCase:
    """A data density and a one-parameter generator family p_s, with a bracket to search for stationary s."""

    name: str
    data: Density
    family: Callable[[float], Density]
    bracket: tuple[float, float]
    grid: int


def _centred_normal(s: float) -> Density:
    return gaussian(0.0, s)


def _two_modes(s: float) -> Density:
    return GaussianMixture([0.5, 0.5], [-2.0, 2.0], [s, s])


WELL_NORMAL = FamilyCase("data N(0, 1), family N(0, s²)", gaussian(0.0, 1.0), _centred_normal, (0.3, 4.0), 7)
WELL_BIMODAL = FamilyCase("000's bimodal data, family ½N(−2, s²) + ½N(2, s²)", BIMODAL, _two_modes, (0.2, 1.5), 7)
MISSPECIFIED = FamilyCase("000's bimodal data, family N(0, s²)", BIMODAL, _centred_normal, (0.3, 4.0), 7)

#: Two stationary points count as the same when they agree to this tolerance.
STATIONARY = Tolerance(
    rtol=1e-6,
    atol=1e-8,
    why="roots found by brentq (xtol 1e-12) of a gradient computed by central differences with step 1e-4 of quadratures accurate to ~1e-13: the gradient carries an error ~1e-9, which moves a simple root by ≲ 1e-8 relative; 1e-6 leaves two orders of headroom",
)

#: Costs of the logit, in float64, for quadrature (softplus forms are exact in the tails).
LOGIT_COSTS: dict[str, Callable[[Array], Array]] = {
    "minimax": lambda t: -np.logaddexp(0.0, t),  # log(1 − σ(ℓ))
    "non-saturating": lambda t: np.logaddexp(0.0, -t),  # −log σ(ℓ)
    "non-saturating, sign flipped": lambda t: -np.logaddexp(0.0, -t),  # +log σ(ℓ)
    "maximum-likelihood": lambda t: -np.exp(t),  # −exp(ℓ)
    "raw D": lambda t: -special.expit(t),  # −σ(ℓ)
}


def _frozen_expectation(case: FamilyCase, theta: float, theta0: float, cost: Callable[[Array], Array]) -> float:
    """E_{x∼p_θ}[cost(ℓ*(x))] with the optimal discriminator's logit ℓ* = log p_data − log p_θ0 frozen at θ0."""
    p0 = case.family(theta0)
    return quadrature.expectation(case.family(theta), lambda x: cost(case.data.logpdf(x) - p0.logpdf(x)))


@cache
def _dynamics_gradient(case: FamilyCase, cost: str, s0: float) -> float:
    """d/ds E_{p_s}[cost(ℓ*_{s0})] at s = s0: the generator's expected gradient with D = D*_{s0} frozen."""
    f, h = LOGIT_COSTS[cost], 1e-4
    return (_frozen_expectation(case, s0 + h, s0, f) - _frozen_expectation(case, s0 - h, s0, f)) / (2 * h)


@cache
def _stationary_points(case: FamilyCase, cost: str) -> tuple[tuple[float, str], ...]:
    """Roots of the expected generator gradient in the bracket, each marked attracting or repelling for descent."""
    grid = np.linspace(*case.bracket, case.grid)
    g = [_dynamics_gradient(case, cost, float(s)) for s in grid]
    roots = []
    for i in range(len(grid) - 1):
        if np.sign(g[i]) != np.sign(g[i + 1]):
            root = optimize.brentq(lambda s: _dynamics_gradient(case, cost, s), grid[i], grid[i + 1], xtol=1e-12)
            roots.append((float(root), "attracting" if g[i] < 0 < g[i + 1] else "repelling"))
    return tuple(roots)


@dataclass(frozen=True)
class FixedPoints:
    """Two generator costs claimed to have the same stationary points of their dynamics on the given cases."""

    cost_a: str
    cost_b: str
    cases: tuple[FamilyCase, ...]


#: The divergence whose gradient each dynamics follows (Goodfellow et al. 2014 Thm 1; Arjovsky & Bottou Thm 2.5).
_DIVERGENCE_OF_DYNAMICS: dict[str, tuple[str, Callable[[Density, Density], float]]] = {
    "minimax": ("d/ds 2·JS", lambda p, q: 2 * quadrature.js_divergence(p, q)),
    "non-saturating": (
        "d/ds [KL(p_s‖p_data) − 2·JS]",
        lambda p, q: quadrature.kl_divergence(q, p) - 2 * quadrature.js_divergence(p, q),
    ),
}


def _divergence_slopes(case: FamilyCase, cost: str, roots: tuple[tuple[float, str], ...]) -> dict[str, float]:
    """The slope, at each stationary point, of the divergence the dynamics descends (≈ 0 if they agree)."""
    if cost not in _DIVERGENCE_OF_DYNAMICS:
        return {}
    name, divergence = _DIVERGENCE_OF_DYNAMICS[cost]
    return {
        f"{name} at s = {s:.10g}": five_point_derivative(lambda t: divergence(case.data, case.family(t)), s)
        for s, _ in roots
    }


def _same_fixed_points(subject: FixedPoints, ctx: Context) -> Outcome:
    """Test: on each case, both costs' dynamics have the same stationary points, of the same kind."""
    found = {}
    for case in subject.cases:
        a = _stationary_points(case, subject.cost_a)
        b = _stationary_points(case, subject.cost_b)
        found[case.name] = {subject.cost_a: a, subject.cost_b: b}
        found[case.name]["divergence slopes (cross-check)"] = {
            **_divergence_slopes(case, subject.cost_a, a),
            **_divergence_slopes(case, subject.cost_b, b),
        }
        same = len(a) == len(b) and all(
            ka == kb and compare(sa, sb, STATIONARY).ok for (sa, ka), (sb, kb) in zip(a, b, strict=True)
        )
        if not same:
            return Outcome.failed(
                f"on {case.name}: stationary s of the {subject.cost_a} dynamics {list(a)}, of the {subject.cost_b} dynamics {list(b)}",
                counterexample={"case": case.name, subject.cost_a: a, subject.cost_b: b},
                stationary_points=found,
                tolerance=str(STATIONARY),
            )
    return Outcome.passed(
        f"the stationary points coincide on {len(subject.cases)} cases",
        stationary_points=found,
        tolerance=str(STATIONARY),
    )


NS_FIXED_POINT = claim(
    "NS-FIXED-POINT",
    "The original and non-saturating losses have the same fixed point",
    "The original and the non-saturating generator losses lead the training dynamics to the same fixed point.",
    numeric_check(
        "stationary-points",
        "For a one-parameter family p_s symmetric about 0, the expected generator gradient d/ds E_{p_s}[cost(D*_{s0})] at s = s0 (quadrature, central difference) is scanned on a grid and its roots found by brentq; each root is marked attracting or repelling for gradient descent.",
        _same_fixed_points,
        (
            "the two losses have the same stationary points, here with a well-specified family and with N(0, s²) fitted to 000's data",
            ("minimax", "non-saturating", (WELL_NORMAL, MISSPECIFIED)),
        ),
        [
            (
                "log D minimised",
                "the non-saturating loss with its sign flipped (G minimises log D(G(z))) has the same fixed points",
                ("minimax", "non-saturating, sign flipped", (WELL_NORMAL,)),
            )
        ],
        corrected=(
            Change.ASSUMPTION,
            "the fixed point p_g = p_data (with D* ≡ ½) is the same for both when the generator family contains p_data; with a misspecified family the stationary points differ",
            ("minimax", "non-saturating", (WELL_NORMAL, WELL_BIMODAL)),
        ),
        build=lambda a: FixedPoints(*a),
    ),
    sources=(src(D001, "3.2 Alternative Generator Objective"),),
    assumptions=(
        "D = D* of the current generator at every generator step (the setting of Goodfellow et al. 2014, Prop. 2)",
        "the generator follows the expected gradient of its cost with D held fixed during the step",
    ),
    references=(
        GF14.at("§3 ('the same fixed point of the dynamics')"),
        AB17.at("Theorem 2.5 (the non-saturating gradient is that of KL(p_g‖p_data) − 2·JS)"),
    ),
    notes="At p_g = p_data, D* ≡ ½ is constant, so every cost's gradient vanishes there: when the family contains p_data both dynamics are stationary at it. When it does not, the minimax dynamics descend 2·JS and the non-saturating ones KL(p_g‖p_data) − 2·JS (AB17-THM25), and their stationary points differ.",
)

# -- NS-EQUIV -----------------------------------------------------------------------------------------------------------


#: Our witness: two latent draws whose D outputs are about 0.01 and 0.99 (w and c solve
#: σ(w·1 + c) = 0.01, σ(−w/10 + c) = 0.99).
_W = float(-2 * special.logit(0.99) / 1.1)
_C = float(special.logit(0.99) + _W / 10)
TWO_SAMPLE_WITNESS = (1.0, -0.1)


@dataclass(frozen=True)
class GradientBatch:
    """A generator step on a small batch, with a claim about the two costs' parameter gradients.

    The generator is G_θ(z) = θ·z at θ = 1 and D's logit is ℓ(x) = w·x + c, both float64 torch
    modules' worth of arithmetic. ``relation`` is ``"same"`` (the minimax and the non-saturating
    mean costs move θ the same way) or ``"opposite"``.
    """

    z: tuple[float, ...]
    cost_b: str
    relation: str
    label: str
    w: float = _W
    c: float = _C


def parameter_gradients(subject: GradientBatch, ctx: Context) -> Outcome:
    """Test: the sign relation of d/dθ of the two mean costs on the batch, by torch autograd.

    Each gradient is cross-checked against its closed form −(1/n)Σ D_i·w·z_i (minimax) or
    −(1/n)Σ (1 − D_i)·w·z_i (non-saturating), D_i = σ(w·z_i + c).
    """
    import torch
    import torch.nn.functional as F

    costs = {
        "minimax": lambda t: -F.softplus(t),  # log(1 − σ(t)), stable
        "non-saturating": lambda t: F.softplus(-t),  # −log σ(t)
        "log D minimised": lambda t: -F.softplus(-t),  # +log σ(t), the sign-flipped non-saturating cost
    }
    z = torch.tensor(subject.z, dtype=torch.float64)
    grads = {}
    for name in ("minimax", subject.cost_b):
        theta = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        (g,) = torch.autograd.grad(costs[name](subject.w * (theta * z) + subject.c).mean(), theta)
        grads[name] = float(g)
    zs = np.asarray(subject.z)
    d = special.expit(subject.w * zs + subject.c)
    closed = {
        "minimax": float(-np.mean(d * subject.w * zs)),
        "non-saturating": float(-np.mean((1 - d) * subject.w * zs)),
        "log D minimised": float(np.mean((1 - d) * subject.w * zs)),
    }
    for name, g in grads.items():
        if not compare(g, closed[name], IDENTITY).ok:
            raise AssertionError(f"autograd {g!r} against the closed form {closed[name]!r} for the {name} cost")
    a, b = grads["minimax"], grads[subject.cost_b]
    if a == 0.0 or b == 0.0:
        return Outcome.undecided(f"a gradient is exactly zero on {subject.label}")
    relation = "same" if a * b > 0 else "opposite"
    return Outcome.decide(
        relation == subject.relation,
        f"on {subject.label}, D(G(z)) = {np.round(d, 4).tolist()}: d/dθ of the minimax mean cost {a:.6g}, of the {subject.cost_b} mean cost {b:.6g}: {relation} signs",
        counterexample={"z": list(subject.z), "D(G(z))": d.tolist(), "gradients": grads, "claimed": subject.relation},
        gradients=grads,
        d_of_samples=d.tolist(),
    )


NS_EQUIV = claim(
    "NS-EQUIV",
    "'Minimise log(1 − D(G(z))) or equivalently maximise log D(G(z))'",
    "Updating G to minimise log(1 − D(G(z))) is equivalent to updating it to maximise log D(G(z)).",
    numeric_check(
        "parameter-gradient",
        "G_θ(z) = θ·z at θ = 1, D(x) = σ(w·x + c) fixed; d/dθ of each mean generator cost on a batch of latent draws by torch autograd in float64 (cross-checked against the closed forms −mean(D·w·z) and −mean((1 − D)·w·z)), and the sign relation of the two gradients.",
        parameter_gradients,
        (
            "the minimax and the non-saturating step move θ the same way, here on a two-sample batch",
            (TWO_SAMPLE_WITNESS, "non-saturating", "same", "the two-sample batch"),
        ),
        [
            (
                "one sample",
                "on a one-sample batch the two steps move θ in opposite directions",
                ((1.0,), "non-saturating", "opposite", "the batch {z = 1}"),
            ),
            (
                "log D minimised",
                "minimising log D(G(z)) moves θ the same way as the minimax step, on one sample",
                ((1.0,), "log D minimised", "same", "the batch {z = 1}"),
            ),
        ],
        corrected=(
            Change.CONCLUSION,
            "the two updates are not equivalent: on a two-sample batch with D(G(z)) ≈ 0.01 and 0.99 the minimax step and the non-saturating step move the generator's parameter in opposite directions",
            (TWO_SAMPLE_WITNESS, "non-saturating", "opposite", "the two-sample batch"),
        ),
        build=lambda a: GradientBatch(*a),
    ),
    ranking_check(
        "same-preferences",
        "With D fixed, a generator is the list of its samples' D(G(z)) (equally likely). The example {0.01, 0.99} against {0.5} is tried first, then Hypothesis searches pairs of generators for one that E log(1 − D) and E[−log D] order differently (differences beyond 1e-9).",
        (
            "E log(1 − D(G(z))) and E[−log D(G(z))] prefer the same generator (up to 4 sample values)",
            ("log(1 − D)", "−log D", 4),
        ),
        (
            Change.CONCLUSION,
            "the two expected costs are not equivalent: some pair of two-sample generators is ordered differently by them (they weigh samples differently: logit gradients D against 1 − D)",
            ("log(1 − D)", "−log D", 2, True),
        ),
        [
            ("log D minimised", "E log(1 − D) and E log D prefer the same generator", ("log(1 − D)", "log D", 4)),
            (
                "a rescaled cost",
                "E log(1 − D) and E 2·log(1 − D) order some pair of two-sample generators differently",
                ("log(1 − D)", "2·log(1 − D)", 2, True),
            ),
        ],
    ),
    sources=(src(D003, "Step-by-Step Process"),),
    assumptions=("D fixed during the generator step", "the update follows the minibatch mean of the per-sample cost"),
    references=(GF14.at("§3"), GF16.at("§3.2.3 (a heuristic, not an equivalent, game)")),
    notes="Per sample both costs decrease as D(G(z)) rises, so a single sample is pushed the same way, but with gradients D and 1 − D in the logit; over a batch the two objectives weigh samples differently. The strongest witness is a two-sample batch on which the two updates move the generator's parameter in opposite directions: one sample at D ≈ 0.01 with a large ∂ℓ/∂θ, one at D ≈ 0.99 with a small one of the other sign. Refuted because the correction changes the conclusion ('not equivalent'); Goodfellow 2016 calls the non-saturating game a heuristic.",
)

# -- LOSS-TABLE ---------------------------------------------------------------------------------------------------------


def _loss_rows(d_real: sp.Expr, d_fake: sp.Expr, g_orig: sp.Expr, g_ns: sp.Expr) -> dict[str, Identity]:
    one, zero = sp.Integer(1), sp.Integer(0)
    return {
        "D, real: cross-entropy against label 1": Identity(d_real, bce(y, one), {y: UNIT}),
        "D, fake: cross-entropy against label 0": Identity(d_fake, bce(y, zero), {y: UNIT}),
        "G, original: G's part of V (∂V/∂p_g)": Identity(g_orig, sp.diff(S.value_integrand(), S.b), {y: UNIT}),
        "G, non-saturating: cross-entropy of fakes against label 1": Identity(g_ns, bce(y, one), {y: UNIT}),
    }


LOSS_TABLE = claim(
    "LOSS-TABLE",
    "001's loss summary table",
    "D's loss on real samples is −log D(x) and on fakes −log(1 − D(G(z))) under both objectives; G's loss is log(1 − D(G(z))) for the original objective and −log D(G(z)) for the non-saturating one.",
    rows_check(
        "rows",
        "sympy: each entry against its definition: D's rows are the cross-entropy against the true label, G's original row is the derivative of V's integrand in p_g, G's non-saturating row is the cross-entropy of the fakes against label 1.",
        _loss_rows,
        (
            "−log D(x); −log(1 − D(G(z))); log(1 − D(G(z))); −log D(G(z))",
            (-sp.log(y), -sp.log(1 - y), sp.log(1 - y), -sp.log(y)),
        ),
        [
            (
                "D's labels swapped",
                "D's real row −log(1 − D(x)), its fake row −log D(G(z))",
                (-sp.log(1 - y), -sp.log(y), sp.log(1 - y), -sp.log(y)),
            ),
            (
                "original G sign flipped",
                "G's original row −log(1 − D(G(z)))",
                (-sp.log(y), -sp.log(1 - y), -sp.log(1 - y), -sp.log(y)),
            ),
        ],
    ),
    sources=(src(D001, "3.3 Loss Function Summary"),),
    assumptions=("real samples are labelled 1, fakes 0", "natural logarithm"),
    references=(GF16.at("§3.2.1–3.2.3"),),
)

CLAIMS = (TRAIN_ALT, NS_MOTIVATION, NS_TABLE_ROWS, NS_GRAD_MAG, EX4_GRAD_COMPARE, NS_FIXED_POINT, NS_EQUIV, LOSS_TABLE)

__all__ = ["CLAIMS"]
