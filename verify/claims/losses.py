"""Group D: losses as implemented, the cross-entropy, the label-1 trick, and label smoothing and flipping.

Catalog rows D-LOSS-BCE, D-LOSS-SCALE, D002-LOSS, D002-TERM-TABLE, G-LOSS-NS, LABEL1-TRICK,
and G-OBJ-MAXD (group D; PHASES, checked on 003's class, is with the code audits); LS-REAL, LS-FAKE, LS-CONFIDENCE and NOISE-LABEL-FLIP (the label
recipes of group I); and PLOT-NEG-LOG4.a, the equilibrium levels of the losses document 000 plots
(group G; the trained half, PLOT-NEG-LOG4.b, is with the empirical claims).

Soft targets α (real) and β (fake) change the optimal discriminator to β + (α − β)·D*
(Salimans et al. 2016, §3.4). The non-saturating generator follows ∇ log D, so at that optimum
its pull is the hard-label one times R = (α − β)D*/(β + (α − β)D*): constant (1) when β = 0,
vanishing where D* → 0 when β > 0. The label checks compute R by finite differences on a
Gaussian pair and compare it with that closed form.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy import optimize, special

from gantheory import losses as L
from gantheory import strategies
from gantheory import symbolic as S
from gantheory.densities import gaussian
from gantheory.symbolic import binary_cross_entropy as bce
from gantheory.symbolic import of_logit
from verify.builders import ControlSpec, CorrectionSpec, claim, identity, numeric_check, property_check, symbolic_check
from verify.cases import random_pmf_pairs
from verify.checks import Case, Identity, agree_on_cases, for_all, prove
from verify.context import Context
from verify.cost_checks import derivative_signs, directions_check, ranking_check, rows_check, saturation_check
from verify.model import Change, Check, Outcome
from verify.proof import REAL, UNIT
from verify.references import GF14, GF16, IMPROVED
from verify.sources import D000, D001, D002, D003, D004, src
from verify.tolerance import IDENTITY, Tolerance, compare

Array = NDArray[np.float64]
y, ell = S.y, S.ell
#: D's output on a fake sample, next to y = D(x) on a real one.
y_fake = sp.Symbol("y_fake", positive=True)
#: A soft target or a flip probability in (0, 1).
rho = sp.Symbol("rho", positive=True)
_ONE, _ZERO = sp.Integer(1), sp.Integer(0)

# -- Batches of logits shared by the numeric checks ---------------------------------------------------------------------


def _logit_batches(ctx: Context) -> list[Case]:
    """Named and random (real logits, fake logits) batches, |ℓ| ≤ 10 so that D and 1 − D are formed accurately."""
    rng = ctx.rng("logit-batches")
    cases = [
        Case("D ≡ ½ (logits 0)", (np.zeros(4), np.zeros(4))),
        Case("confident and correct", (np.full(3, 8.0), np.full(3, -8.0))),
        Case("confident and wrong", (np.full(3, -8.0), np.full(3, 8.0))),
    ]
    for i in range(ctx.profile.random_cases):
        m = int(rng.integers(1, 129))
        cases.append(Case(f"random batch {i} (m={m})", (rng.uniform(-10, 10, m), rng.uniform(-10, 10, m))))
    return cases


# -- D-LOSS-BCE ---------------------------------------------------------------------------------------------------------

_D000_LOSS = -(sp.log(y) + sp.log(1 - y_fake))


def _two_sample_identity(real_label: int, sign: int = 1) -> Identity:
    rhs = sign * (bce(y, sp.Integer(real_label)) + bce(y_fake, sp.Integer(1 - real_label)))
    return Identity(_D000_LOSS, rhs, {y: UNIT, y_fake: UNIT})


def _d_loss_000(real: Array, fake: Array, reduce: Callable[[Array], Any] = np.mean) -> float:
    # document 000's d_loss without its eps guard: −mean(log D(x) + log(1 − D(G(z))))
    return float(-reduce(np.log(L.sigmoid(real)) + np.log(1 - L.sigmoid(fake))))


def _against_library(formula: Callable[[Array, Array], float], case: tuple[Array, Array]) -> tuple[float, float]:
    real, fake = case
    return formula(real, fake), L.discriminator_loss(real, fake)


D_LOSS_BCE = claim(
    "D-LOSS-BCE",
    "D is trained with the binary cross-entropy",
    "The discriminator is a binary classifier trained with the cross-entropy, real samples labelled 1 and fakes 0; document 000's loss −[mean log D(x) + mean log(1 − D(G(z)))] is that cross-entropy.",
    identity(
        "bce-identity",
        "sympy: −[log D(x) + log(1 − D(G(z)))] against BCE(D(x), 1) + BCE(D(G(z)), 0), with BCE(d, t) = −t log d − (1 − t) log(1 − d).",
        build=lambda a: _two_sample_identity(*a),
        stated=("real labelled 1, fake 0", (1,)),
        controls=[
            ("labels swapped", "real labelled 0, fake 1", (0,)),
            ("sign flipped", "the loss is +BCE summed with the opposite sign", (1, -1)),
        ],
    ),
    numeric_check(
        "batch-formula",
        "000's d_loss formula evaluated on batches of logits (named and random, |ℓ| ≤ 10) against the library's discriminator_loss, the mean BCE with targets 1 on real and 0 on fake samples (tested against torch).",
        agree_on_cases(_logit_batches, _against_library, IDENTITY, what="000's d_loss against the BCE"),
        ("−mean(log D(x) + log(1 − D(G(z))))", _d_loss_000),
        [
            ("labels swapped", "−mean(log(1 − D(x)) + log D(G(z)))", lambda r, f: _d_loss_000(f, r)),
            (
                "sum over the batch",
                "−sum(log D(x) + log(1 − D(G(z)))), a sum instead of a mean",
                lambda r, f: _d_loss_000(r, f, np.sum),
            ),
        ],
    ),
    sources=(
        src(D000, "code: SimpleGAN.train_discriminator"),
        src(D001, "3.1 Standard Training Procedure"),
        src(D003, "Conceptual Explanation"),
        src(D004, "Discriminator Network"),
        src(D004, "Loss Functions in GANs"),
    ),
    assumptions=("equal numbers of real and fake samples in a batch", "000's eps = 1e-8 guard left out"),
    references=(GF16.at("§3.2.1"),),
    notes="Verified with 'the cross-entropy' read as the sum of the real-class and the fake-class mean BCEs, which is what 000's d_loss computes; the mean over the pooled balanced batch is half of it (D-LOSS-SCALE). V-NEG-BCE is decided under the same reading, so the two claims, which rest on the same identity, get the same verdict.",
)

# -- D-LOSS-SCALE -------------------------------------------------------------------------------------------------------


def _concatenated(combine: Callable[[float, float], float], case: tuple[Array, Array]) -> tuple[float, float]:
    """003's combination of its two train_on_batch losses against the mean BCE over the concatenated batch."""
    real, fake = case
    m = min(real.size, fake.size)  # Keras' two calls use batches of the same size
    real, fake = real[:m], fake[:m]
    loss_real = float(L.bce_with_logits(real, 1.0).mean())
    loss_fake = float(L.bce_with_logits(fake, 0.0).mean())
    both = L.bce_with_logits(np.concatenate([real, fake]), np.concatenate([np.ones(m), np.zeros(m)]))
    return combine(loss_real, loss_fake), float(both.mean())


def _scale_identity(k: sp.Expr) -> Identity:
    half_sum = sp.Rational(1, 2) * (bce(y, _ONE) + bce(y_fake, _ZERO))
    return Identity(half_sum, k * _D000_LOSS, {y: UNIT, y_fake: UNIT})


D_LOSS_SCALE = claim(
    "D-LOSS-SCALE",
    "003 averages the real and fake cross-entropies",
    "Document 003's combined discriminator loss 0.5·(d_loss_real + d_loss_fake) is the average of the real and the fake cross-entropies.",
    numeric_check(
        "concatenated-batch",
        "On batches of logits: 0.5·(mean BCE on real, target 1 + mean BCE on fake, target 0) against the mean BCE over the concatenated batch with its labels.",
        agree_on_cases(_logit_batches, _concatenated, IDENTITY, what="003's d_loss against the concatenated BCE"),
        ("0.5·(real + fake)", lambda r, f: 0.5 * (r + f)),
        [
            ("sum", "real + fake, without the 0.5", lambda r, f: r + f),
            ("real only", "0.5·real, the fake half dropped", lambda r, f: 0.5 * r),
        ],
    ),
    identity(
        "relation-to-000",
        "sympy: ½[BCE(D(x), 1) + BCE(D(G(z)), 0)] against k × 000's −[log D(x) + log(1 − D(G(z)))].",
        build=_scale_identity,
        stated=("003's loss is half of 000's (k = ½)", sp.Rational(1, 2)),
        controls=[
            ("same scale", "003's loss equals 000's (k = 1)", sp.Integer(1)),
            ("twice", "003's loss is twice 000's (k = 2)", sp.Integer(2)),
        ],
    ),
    sources=(src(D003, "Training & Prediction Workflow"), src(D003, "Code Structure")),
    assumptions=("the two train_on_batch calls use batches of the same size",),
    references=(GF16.at("§3.2.1 (J^(D) with ½ weights)"),),
    notes="It is the mean cross-entropy over the concatenated balanced batch, half of document 000's d_loss, with the same minimiser and gradients scaled by ½. In 003's code the number is only reported: D takes two separate gradient steps, one per train_on_batch call (the code audits look at that).",
)

# -- D002-LOSS ----------------------------------------------------------------------------------------------------------


def _bayes_minimiser(subject: tuple[sp.Expr, sp.Expr], ctx: Context) -> Outcome:
    """Test: the expected loss a·(loss on a real input) + b·(loss on a fake input) is stationary at D* = a/(a + b)."""
    real_term, fake_term = subject
    deriv = sp.diff(S.a * real_term + S.b * fake_term, y)
    outcome = prove(Identity(deriv.subs(y, S.optimal_discriminator()), sp.Integer(0)), ctx)
    stationary = [sp.sstr(sp.simplify(r)) for r in sp.solve(sp.Eq(deriv, 0), y)]
    return Outcome(
        outcome.holds,
        outcome.summary + f"; the expected loss is stationary at D = {', '.join(stationary) or 'nowhere'}",
        {**outcome.measurements, "stationary_at": stationary},
        outcome.counterexample,
    )


_SAME_ARGUMENT = -sp.log(y) - sp.log(1 - y)

D002_LOSS = claim(
    "D002-LOSS",
    "002's discriminator loss",
    "The discriminator's loss is L_D = −log(D(z)) − log(1 − D(z)), both terms evaluated at the same input.",
    symbolic_check(
        "optimal-discriminator",
        "sympy: with a = p_data(x), b = p_g(x), the expected loss a·ℓ_real(D) + b·ℓ_fake(D) must be stationary at the Bayes discriminator D* = a/(a + b); sympy also solves for where it is stationary.",
        _bayes_minimiser,
        (
            "both terms at the same input: −log D − log(1 − D) on real and fake inputs alike",
            (_SAME_ARGUMENT, _SAME_ARGUMENT),
        ),
        [
            ("labels swapped", "−log(1 − D(x)) − log D(G(z))", (-sp.log(1 - y), -sp.log(y))),
            ("fake term dropped", "−log D(x) only", (-sp.log(y), sp.Integer(0))),
        ],
        corrected=(
            Change.FORMULA,
            "L_D = −log D(x) − log(1 − D(G(z))): the first term on real data, the second on generated samples",
            (-sp.log(y), -sp.log(1 - y)),
        ),
    ),
    sources=(src(D002, "Discriminator loss function"),),
    assumptions=("the loss is applied to every input, real or fake, as written",),
    references=(GF14.at("Eq. (1)"), GF16.at("§3.2.1")),
    notes="Written with one argument, −log D − log(1 − D) is minimised at D = ½ whatever the input's label: it teaches D nothing. The table under it and the usual loss evaluate the first term on real data x and the second on fakes G(z).",
)

# -- D002-TERM-TABLE ----------------------------------------------------------------------------------------------------

_REAL_TERM = "log D(x) is high when real data is classified real (D(x) → 1)"
_FAKE_TERM = "log(1 − D(G(z))) is high when fakes are classified fake (D(G(z)) → 0)"
_TERM_ROLES = {_REAL_TERM: (sp.log(y), 1), _FAKE_TERM: (sp.log(1 - y), -1)}


def _bernoulli_nll(sign: int, real_label: int) -> dict[str, Identity]:
    def log_lik(d: sp.Expr, t: int) -> sp.Expr:
        return t * sp.log(d) + (1 - t) * sp.log(1 - d)  # log of d^t (1 − d)^(1 − t)

    nll = -(log_lik(y, real_label) + log_lik(y_fake, 1 - real_label))
    loss = sign * -(sp.log(y) + sp.log(1 - y_fake))
    return {"the loss is the negative log-likelihood of the labels": Identity(loss, nll, {y: UNIT, y_fake: UNIT})}


D002_TERM_TABLE = claim(
    "D002-TERM-TABLE",
    "002's table of the discriminator loss terms",
    "log D(x) is high when real data is classified as real; log(1 − D(G(z))) is high when fakes are classified as fake; the minus sign is there because gradient descent minimises the negative log-likelihood.",
    directions_check(
        "term-directions",
        "sympy: sign of d/dD of each term on a grid of (0, 1).",
        _TERM_ROLES,
        "log D(x) rises with D(x); log(1 − D(G(z))) falls as D(G(z)) rises",
        [
            ("fake term reversed", "log(1 − D(G(z))) rises with D(G(z))", {_FAKE_TERM: (sp.log(1 - y), 1)}),
            ("real term reversed", "log D(x) falls as D(x) rises", {_REAL_TERM: (sp.log(y), -1)}),
        ],
    ),
    rows_check(
        "negative-log-likelihood",
        "sympy: −[log D(x) + log(1 − D(G(z)))] against −log of the Bernoulli likelihood D^t (1 − D)^(1 − t) of the labels.",
        _bernoulli_nll,
        ("the minus sign makes the loss the labels' NLL (real 1, fake 0)", (1, 1)),
        [
            ("sign dropped", "the loss without the minus sign", (-1, 1)),
            ("labels swapped", "the NLL of real labelled 0 and fake 1", (1, 0)),
        ],
    ),
    sources=(src(D002, "Discriminator loss function"),),
    assumptions=("real labelled 1, fake 0; D(x) is the probability of 'real'",),
    references=(GF16.at("§3.2.1"),),
)

# -- G-LOSS-NS ----------------------------------------------------------------------------------------------------------


def _descent_goal(subject: tuple[sp.Expr, int], ctx: Context) -> Outcome:
    """Test: the loss is strictly monotone in D(G(z)) on (0, 1), its infimum is at the claimed end, and there its logit gradient vanishes."""
    loss, goal = subject
    signs = derivative_signs({"loss": (loss, -1 if goal == 1 else 1)}, ctx)
    end = 1 if goal == 1 else 0
    infimum = sp.limit(loss, y, end, "-" if end == 1 else "+")
    logit_grad = sp.diff(of_logit(loss), ell)
    grad_at_goal = sp.limit(logit_grad, ell, sp.oo if end == 1 else -sp.oo)
    measurements = {
        "infimum": sp.sstr(infimum),
        "logit gradient": sp.sstr(sp.simplify(logit_grad)),
        "logit gradient at the goal": sp.sstr(grad_at_goal),
    }
    if not signs.holds:
        return Outcome.failed(
            f"descending the loss does not drive D(G(z)) → {goal}: {signs.summary}",
            counterexample={"claimed goal": goal, **(signs.counterexample or {})},
            **measurements,
        )
    return Outcome.passed(
        f"strictly {'decreasing' if goal == 1 else 'increasing'} in D(G(z)), infimum {infimum} as D → {goal}, where the logit gradient tends to {grad_at_goal}",
        **measurements,
    )


def _g_loss_000(fake: Array) -> Array:
    # document 000's g_loss per sample, without its eps guard: −log D(G(z))
    return -np.log(L.sigmoid(fake))


def _g_against_library(formula: Callable[[Array], Array], case: tuple[Array, Array]) -> tuple[float, float]:
    _, fake = case
    return float(formula(fake).mean()), float(L.generator_loss_nonsaturating(fake).mean())


G_LOSS_NS = claim(
    "G-LOSS-NS",
    "The generator minimises −log D(G(z))",
    "The generator minimises L_G = −log D(G(z)) by gradient descent, with the goal D(G(z)) → 1.",
    symbolic_check(
        "descent-goal",
        "sympy: the sign of dL/dD on (0, 1), the infimum of L at the claimed end, and the limit of the logit gradient ∂L/∂ℓ = −(1 − D) there (it vanishes only at the goal).",
        _descent_goal,
        ("descending −log D(G(z)) drives D(G(z)) → 1", (-sp.log(y), 1)),
        [
            ("goal D → 0", "descending −log D(G(z)) drives D(G(z)) → 0", (-sp.log(y), 0)),
            ("sign dropped", "descending log D(G(z)) drives D(G(z)) → 1", (sp.log(y), 1)),
        ],
    ),
    numeric_check(
        "code-000",
        "000's g_loss formula −mean(log D(G(z))) on batches of logits against the library's non-saturating cost.",
        agree_on_cases(_logit_batches, _g_against_library, IDENTITY, what="000's g_loss against −log σ(ℓ)"),
        ("−mean log D(G(z))", _g_loss_000),
        [
            ("minimax cost", "mean log(1 − D(G(z)))", lambda f: np.log(1 - L.sigmoid(f))),
            ("sign dropped", "mean log D(G(z))", lambda f: np.log(L.sigmoid(f))),
        ],
    ),
    sources=(
        src(D002, "Generator Training (Step 4)"),
        src(D000, "code: SimpleGAN.train_generator"),
        src(D001, "3.2 Alternative Generator Objective"),
        src(D001, "3.3 Loss Function Summary"),
    ),
    assumptions=("D(x) = σ(ℓ(x))",),
    references=(GF16.at("§3.2.3"),),
)

# -- LABEL1-TRICK -------------------------------------------------------------------------------------------------------


def _label_rows(t: sp.Expr) -> dict[str, Identity]:
    sig = S.sigmoid(ell)
    return {
        "value: BCE(D(G(z)), t) = −log D(G(z))": Identity(bce(y, t), -sp.log(y), {y: UNIT}),
        "logit gradient: ∂BCE/∂ℓ = σ(ℓ) − 1 < 0, so descent raises D(G(z))": Identity(
            sp.diff(bce(sig, t), ell), sig - 1, {ell: REAL}
        ),
    }


def _equals_ns(target: float, logit_value: float) -> bool:
    ours = float(L.bce_with_logits(np.array([logit_value]), target)[0])
    ns = float(L.generator_loss_nonsaturating(np.array([logit_value]))[0])
    return abs(ours - ns) <= 1e-13 * max(1.0, abs(ns))


LABEL1_TRICK = claim(
    "LABEL1-TRICK",
    "Fakes labelled 'real' in the generator step",
    "In the generator step the fakes are fed to D labelled real (1) and the cross-entropy is minimised, so that D comes to classify them as real.",
    rows_check(
        "target-one",
        "sympy: BCE(D, t) against −log D, and its logit derivative against σ(ℓ) − 1.",
        _label_rows,
        ("fakes labelled 1", (sp.Integer(1),)),
        [
            ("label 0", "fakes keep their label 0", (sp.Integer(0),)),
            ("smoothed label 0.9", "fakes labelled 0.9", (sp.Rational(9, 10),)),
        ],
    ),
    property_check(
        "stable-equality",
        "Hypothesis over logits in [−700, 700]: the library's bce_with_logits(ℓ, t) against its non-saturating cost softplus(−ℓ), to 1e-13 relative (both are stable softplus forms).",
        for_all(strategies.logits(bound=700.0), _equals_ns, inputs="logits in [−700, 700]"),
        ("target 1", 1.0),
        [("label 0", "target 0", 0.0), ("smoothed label 0.9", "target 0.9", 0.9)],
    ),
    sources=(
        src(D004, "Phase 2: Training the Generator"),
        src(D004, "Loss Functions in GANs"),
        src(D003, "Training & Prediction Workflow"),
        src(D003, "Code Structure"),
    ),
    assumptions=("D(x) = σ(ℓ(x)); Keras' binary_crossentropy clipping at 1e-7 left out",),
    references=(GF16.at("§3.2.3 ('we flip the target used to construct the cross-entropy cost')"),),
    notes="With target 1 the cross-entropy is exactly the non-saturating cost −log D(G(z)) (Goodfellow 2014, §3).",
)

# -- G-OBJ-MAXD ---------------------------------------------------------------------------------------------------------

_NS_COST = "non-saturating: −log D(G(z))"
_G_COSTS_DECREASE = {
    "minimax: log(1 − D(G(z)))": (sp.log(1 - y), -1),
    _NS_COST: (-sp.log(y), -1),
    "cross-entropy against label 1": (bce(y, sp.Integer(1)), -1),
}


G_OBJ_MAXD = claim(
    "G-OBJ-MAXD",
    "The generator's objective: maximise D(G(z))",
    "The generator's objective can be summarised as maximising D(G(z)).",
    directions_check(
        "per-sample-direction",
        "sympy: sign of d/dD of each generator cost the documents use, on a grid of (0, 1).",
        _G_COSTS_DECREASE,
        "minimising each cost raises D(G(z))",
        [("log D minimised", "minimising log D(G(z)) raises D(G(z))", {_NS_COST: (sp.log(y), -1)})],
    ),
    ranking_check(
        "as-an-objective",
        "With D fixed, generators as lists of their samples' D(G(z)): the example {0.01, 0.99} against {0.5}, then Hypothesis, look for a pair that E[D(G(z))] and the implemented E[−log D(G(z))] order differently.",
        (
            "maximising E[D(G(z))] prefers the same generators as the label-1 cross-entropy (up to 4 sample values)",
            ("−D", "−log D", 4),
        ),
        (
            Change.CONCLUSION,
            "taken literally as an expected objective, E[D(G(z))] is not the one the generator minimises: some pair of two-sample generators is ordered differently by E[D(G(z))] and E[−log D(G(z))]",
            ("−D", "−log D", 2, True),
        ),
        [
            ("log D minimised", "E[D] and E[log D] (to be minimised) agree", ("−D", "log D", 4)),
            (
                "a rescaled objective",
                "E[D] and E[3·D] order some pair of two-sample generators differently",
                ("−D", "−3·D", 2, True),
            ),
        ],
        decides=False,
    ),
    saturation_check(
        "literal-objective-saturates",
        "sympy: the limit of |∂/∂ℓ (−σ(ℓ))| = D(1 − D) as ℓ → −∞, against the non-saturating cost's.",
        (
            "E[D(G(z))] taken literally saturates like the minimax cost; the label-1 cross-entropy does not",
            ("logit", {"raw D": True, "non-saturating": False}),
        ),
        [
            (
                "E[D] does not saturate",
                "the logit gradient of D(G(z)) stays away from 0",
                ("logit", {"raw D": False, "non-saturating": False}),
            )
        ],
        decides=False,
    ),
    sources=(src(D004, "Phase 2: Training the Generator"),),
    assumptions=("D fixed during the generator step; D(x) = σ(ℓ(x))",),
    references=(GF16.at("§3.2.3"),),
    notes="Every generator cost in the documents falls as D(G(z)) rises, so each sample is pushed toward higher D(G(z)): as a summary of what the generator does to each sample the statement holds, and the deciding check (per-sample-direction) verifies it. The objective actually minimised is E[−log D(G(z))] (label-1 cross-entropy); E[D(G(z))] taken literally is a different objective, with logit gradient D(1 − D) that vanishes as D → 0, which the informative checks show. Decision history: this claim was qualified through a one-sample ranking check that agreed for any two decreasing costs and so could not fail; the per-sample statement is decided by the derivative signs instead, and the literal reading is informative because the document offers the sentence as a summary, not as the objective.",
)

# -- Label smoothing and flipping (LS-REAL, LS-FAKE, LS-CONFIDENCE, NOISE-LABEL-FLIP) -----------------------------------


def _smoothed_stationarity(alpha: sp.Expr, beta: sp.Expr, claimed: sp.Expr) -> Identity:
    expected = S.a * bce(y, alpha) + S.b * bce(y, beta)
    return Identity(sp.diff(expected, y).subs(y, claimed), sp.Integer(0))


#: Where the generator's pull is measured: data N(0, 1), generator N(3, 1), x from −1 to 6.
_PULL_DATA, _PULL_GEN = gaussian(0.0, 1.0), gaussian(3.0, 1.0)
_PULL_GRID = np.linspace(-1.0, 6.0, 29)  # includes x = 3, the generator's mode
_PULL_STEP = 1e-5

#: Agreement of finite-difference ratios of log D (constant ratio; cross-check with the closed form).
PULL_RATIO = Tolerance(
    rtol=1e-6,
    atol=1e-7,
    why="ratios of central differences (step 1e-5) of log D: truncation error ~h²·f'''/6 ≈ 1e-10 relative; where D* ≪ β the smoothed D*_{α,β} changes by only ~1e-9 relative across the step, so the difference of its logs loses ~7 digits and R is good to ~2e-9 absolute (observed); atol 1e-7 and rtol 1e-6 leave 50× headroom",
)


def _log_d(x: Array, alpha: float, beta: float) -> Array:
    d = L.smoothed_optimal_discriminator(_PULL_DATA.pdf(x), _PULL_GEN.pdf(x), real_target=alpha, fake_target=beta)
    return np.log(d)


def _pull_preserved(subject: tuple[float, float], ctx: Context) -> Outcome:
    """Test: with soft targets (α, β), ∇_x log D*_{α,β} is the hard-label ∇_x log D* times a constant."""
    alpha, beta = subject
    x, h = _PULL_GRID, _PULL_STEP
    smooth = (_log_d(x + h, alpha, beta) - _log_d(x - h, alpha, beta)) / (2 * h)
    hard = (_log_d(x + h, 1.0, 0.0) - _log_d(x - h, 1.0, 0.0)) / (2 * h)
    ratio = smooth / hard
    d_star = L.smoothed_optimal_discriminator(_PULL_DATA.pdf(x), _PULL_GEN.pdf(x))
    closed = L.smoothing_gradient_factor(d_star, real_target=alpha, fake_target=beta)
    agreement = compare(ratio, closed, PULL_RATIO)
    if not agreement.ok:
        raise AssertionError(
            f"finite differences disagree with the closed form R = (α − β)D*/D*_αβ: {agreement.describe()}"
        )
    at3 = int(np.argmin(np.abs(x - 3.0)))
    spread = compare(ratio, np.full_like(ratio, ratio.mean()), PULL_RATIO)
    measurements = {
        "R at x = 3 (the generator's mode)": float(ratio[at3]),
        "D* at x = 3": float(d_star[at3]),
        "R range": [float(ratio.min()), float(ratio.max())],
        "closed form": "R = (α − β)·D* / (β + (α − β)·D*)",
    }
    if not spread.ok:
        lo = int(np.argmin(ratio))
        return Outcome.failed(
            f"the non-saturating generator's pull is scaled by a factor that varies from {ratio.min():.3g} to {ratio.max():.3g}; at x = 3, where D* = {d_star[at3]:.3g}, it is {ratio[at3]:.3g}",
            counterexample={"x": float(x[lo]), "D*": float(d_star[lo]), "R": float(ratio[lo])},
            **measurements,
        )
    return Outcome.passed(
        f"the pull is the hard-label one times {ratio.mean():.6g} at all {x.size} points", **measurements
    )


def _uniform_targets(*rationals: str) -> Identity:
    """The cross-entropy averaged over t ∼ U[lo, hi] against the cross-entropy at a fixed target, from "lo", "hi", "target"."""
    lo, hi, claimed = map(sp.Rational, rationals)
    t = sp.Symbol("t", positive=True)
    mean_loss = sp.integrate(bce(y, t), (t, lo, hi)) / (hi - lo)
    return Identity(mean_loss, bce(y, claimed), {y: UNIT})


def _uniform_check(
    name: str, method: str, stated: tuple[str, Any], controls: list[ControlSpec], decides: bool = True
) -> Check[Any]:
    """A :func:`_uniform_targets` identity; variants give (lo, hi, target) as exact rationals ("7/10")."""
    return identity(
        name, method, build=lambda a: _uniform_targets(*a), stated=stated, controls=controls, decides=decides
    )


def _pull_check(
    stated: tuple[str, Any], corrected: CorrectionSpec | None, controls: list[ControlSpec], *, decides: bool = True
) -> Check[Any]:
    return numeric_check(
        "generator-pull",
        "Data N(0, 1), generator N(3, 1), D at its optimum for the soft targets (α, β): the ratio of ∂_x log D*_{α,β} to the hard-label ∂_x log D* by central differences at 29 points in [−1, 6] (cross-checked against the closed form). The recipe leaves the non-saturating generator's gradient field intact iff the ratio is constant.",
        _pull_preserved,
        stated,
        controls,
        corrected=corrected,
        decides=decides,
    )


@dataclass(frozen=True)
class SmoothedGame:
    """Soft targets (α real, β fake) and the generator claimed to minimise max_D of the smoothed value."""

    alpha: float
    beta: float
    minimiser: Callable[[Array], Array]


def _minimises_smoothed(subject: SmoothedGame, pq: tuple[Array, Array]) -> bool:
    p, q = pq
    criterion = L.smoothed_virtual_criterion
    at_best = criterion(p, subject.minimiser(p), real_target=subject.alpha, fake_target=subject.beta)
    return criterion(p, q, real_target=subject.alpha, fake_target=subject.beta) >= at_best - 1e-12 * (1 + abs(at_best))


#: Generators claimed to minimise the smoothed criterion: the data itself, and two wrong ones for the controls.
_CANDIDATES: dict[str, Callable[[Array], Array]] = {
    "p_data": lambda p: p,
    "sharpened": lambda p: p**2 / np.sum(p**2),
    "uniform": lambda p: np.full_like(p, 1.0 / p.size),
}


def _optimum_check(targets: tuple[float, float], text: str) -> Check[Any]:
    return property_check(
        "optimum-kept",
        "Hypothesis over pmf pairs (p_data, p_g), equal and disjoint pairs included: the generator's criterion under the smoothed labels, C(p_g) = max_D of the soft-target value (closed form at D* = A/(A + B)), is no lower anywhere than at the claimed minimiser.",
        for_all(
            strategies.pmf_pairs(),
            _minimises_smoothed,
            inputs="(p_data, p_g) pairs",
            show=lambda t: [v.tolist() for v in t],
        ),
        (f"{text}: p_g = p_data still minimises the generator's criterion", "p_data"),
        [
            ("a sharpened generator", f"{text}: p_g ∝ p_data² minimises it", "sharpened"),
            ("a uniform generator", f"{text}: the uniform p_g minimises it", "uniform"),
        ],
        build=lambda name: SmoothedGame(*targets, _CANDIDATES[name]),
    )


#: The library's soft-target D* against scipy's minimiser of the expected cross-entropy at one point.
ARGMIN_D = Tolerance(
    rtol=0.0,
    atol=1e-8,
    why="minimize_scalar locates the minimiser to xatol 1e-10 in the logit, so D to ≤ ¼·1e-10 (dD/dℓ ≤ ¼) plus the flatness of the objective near its minimum (~1e-9 in D at the masses here); 1e-8 leaves headroom while a dropped factor α − β or a wrong fill is off by ≥ 0.05",
)

#: Where p_data and p_g vanish alone, together and nowhere: the points the pointwise optimum treats apart.
_SUPPORT_PATTERNS = Case(
    "p only, both, q only, neither", (np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.5, 0.5, 0.0]))
)


def _smoothed_d_within(subject: tuple[float, float, float, float], ctx: Context) -> Outcome:
    """gantheory's D*_{α,β} is scipy's pointwise minimiser where p + q > 0 and lies in [lo, hi] everywhere."""
    alpha, beta, lo, hi = subject
    cases = [_SUPPORT_PATTERNS, *random_pmf_pairs(ctx)]
    worst = 0.0
    for case in cases:
        p, q = case.value
        d = L.smoothed_optimal_discriminator(p, q, real_target=alpha, fake_target=beta)
        live = np.flatnonzero(p + q > 0)
        oracle = np.array([_optimal_d_numeric(alpha, beta, float(p[i]), float(q[i])) for i in live])
        cmp = compare(d[live], oracle, ARGMIN_D)
        worst = max(worst, cmp.max_abs_error)
        outside = np.flatnonzero((d < lo) | (d > hi))
        if not cmp.ok or outside.size:
            where = int(outside[0]) if outside.size else int(live[cmp.worst_index])
            return Outcome.failed(
                f"{case.name}, targets ({alpha:g}, {beta:g}): D* = {d[where]:.12g} at p = {p[where]:.6g}, "
                f"q = {q[where]:.6g}; scipy's minimiser agrees: {cmp.ok} ({cmp.describe()}); "
                f"within [{lo:g}, {hi:g}] everywhere: {not outside.size}",
                counterexample={"case": case.name, "p": float(p[where]), "q": float(q[where]), "D*": float(d[where])},
            )
    return Outcome.passed(
        f"on {len(cases)} pmf pairs (zeros included) gantheory's D* for targets ({alpha:g}, {beta:g}) is scipy's "
        f"minimiser of p·BCE(D, α) + q·BCE(D, β) where p + q > 0 (max |Δ| {worst:.2g}, {ARGMIN_D}) and lies in "
        f"[{lo:g}, {hi:g}] at every point, those outside both supports included",
        cases=len(cases),
        max_abs_error=worst,
    )


_NINE, _TENTH = sp.Rational(9, 10), sp.Rational(1, 10)

LS_REAL = claim(
    "LS-REAL",
    "Real labels 0.9 (or uniform in [0.7, 1])",
    "Smooth the real labels: use 0.9, or draw them uniformly from [0.7, 1.0], instead of 1.",
    identity(
        "smoothed-optimum",
        "sympy: d/dD of a·BCE(D, α) + b·BCE(D, 0) vanishes at the claimed optimum (a = p_data, b = p_g).",
        build=lambda claimed: _smoothed_stationarity(_NINE, sp.Integer(0), claimed),
        stated=("with α = 0.9, D* = 0.9·p/(p + q)", _NINE * S.a / (S.a + S.b)),
        controls=[
            ("smoothing ignored", "D* = p/(p + q)", S.a / (S.a + S.b)),
            ("two-sided formula", "D* = (0.9p + 0.1q)/(p + q)", (_NINE * S.a + _TENTH * S.b) / (S.a + S.b)),
        ],
    ),
    _pull_check(
        ("real target 0.9, fake 0", (0.9, 0.0)),  # 0.9: 001 §6.3
        None,
        [
            ("fake smoothed instead", "real 1, fake 0.1", (1.0, 0.1)),
            ("both smoothed", "real 0.9, fake 0.1", (0.9, 0.1)),
        ],
    ),
    _uniform_check(
        "uniform-targets",
        "sympy: the cross-entropy averaged over a target t ∼ U[0.7, 1] against the cross-entropy at a fixed target.",
        ("U[0.7, 1] targets act as the target 0.85 (so D* = 0.85·p/(p + q), same pull)", ("7/10", "1", "17/20")),
        [
            ("the lower end", "U[0.7, 1] targets act as the target 0.7", ("7/10", "1", "7/10")),
            ("no effect", "U[0.7, 1] targets act as the hard target 1", ("7/10", "1", "1")),
        ],
    ),
    sources=(src(D001, "6.3 Label Smoothing"),),
    assumptions=("fake labels stay 0 (the real side alone, as this row states it)", "D trained to its optimum"),
    references=(IMPROVED.at("§3.4 (one-sided label smoothing)"), GF16.at("§4.2")),
    notes="With real target α and fake target 0, D* = α·p/(p + q): D never exceeds α, and log D* = log α + log(p/(p + q)), so the non-saturating generator's gradient is unchanged. Random targets enter the cross-entropy linearly: U[0.7, 1] acts, in expectation, as the target 0.85.",
)

LS_FAKE = claim(
    "LS-FAKE",
    "Fake labels 0.1 (or uniform in [0, 0.3])",
    "Smooth the fake labels too: use 0.1, or draw them uniformly from [0.0, 0.3], instead of 0.",
    identity(
        "smoothed-optimum",
        "sympy: d/dD of a·BCE(D, 0.9) + b·BCE(D, 0.1) vanishes at the claimed optimum.",
        build=lambda claimed: _smoothed_stationarity(_NINE, _TENTH, claimed),
        stated=(
            "targets (0.9, 0.1) give D* = (0.9p + 0.1q)/(p + q), between 0.1 and 0.9",
            (_NINE * S.a + _TENTH * S.b) / (S.a + S.b),
        ),
        controls=[
            ("fake target ignored", "D* = 0.9·p/(p + q)", _NINE * S.a / (S.a + S.b)),
            ("p and q swapped", "D* = (0.9q + 0.1p)/(p + q)", (_NINE * S.b + _TENTH * S.a) / (S.a + S.b)),
        ],
    ),
    _optimum_check((0.9, 0.1), "targets (0.9, 0.1)"),  # 0.9 and 0.1: 001 §6.3
    numeric_check(
        "bounded-optimum",
        "gantheory.losses.smoothed_optimal_discriminator on pmf pairs (points where p, q or both vanish included), against scipy's bounded minimisation of p·BCE(D, α) + q·BCE(D, β) at each point with p + q > 0 (an oracle that needs no formula), and against the stated range at every point.",
        _smoothed_d_within,
        ("targets (0.9, 0.1) give a D* between 0.1 and 0.9 everywhere", (0.9, 0.1, 0.1, 0.9)),
        [
            ("fake target ignored", "targets (0.9, 0) give a D* between 0.1 and 0.9", (0.9, 0.0, 0.1, 0.9)),
            ("real target ignored", "targets (1, 0.1) give a D* between 0.1 and 0.9", (1.0, 0.1, 0.1, 0.9)),
        ],
    ),
    _pull_check(
        ("real 0.9, fake 0.1, judged by whether the generator's pull is intact", (0.9, 0.1)),
        (
            Change.FORMULA,
            "keep the fake labels at 0 and smooth only the real ones (one-sided smoothing, Salimans et al. 2016): D* = 0.9·p/(p + q) still caps D, and the generator's pull is unchanged",
            (0.9, 0.0),
        ),
        [("fake only", "real 1, fake 0.1", (1.0, 0.1)), ("small fake target", "real 0.9, fake 0.05", (0.9, 0.05))],
        decides=False,
    ),
    _uniform_check(
        "uniform-fake-targets",
        "sympy: the cross-entropy averaged over a target t ∼ U[0, 0.3] against the cross-entropy at a fixed target.",
        ("U[0, 0.3] fake targets act as the target 0.15 (the same defect as 0.1)", ("0", "3/10", "3/20")),
        [("no effect", "U[0, 0.3] fake targets act as the hard target 0", ("0", "3/10", "0"))],
        decides=False,
    ),
    sources=(src(D001, "6.3 Label Smoothing"),),
    assumptions=(
        "real labels 0.9, as the same recipe says",
        "D trained to its optimum; the generator uses the non-saturating cost",
    ),
    references=(
        IMPROVED.at("§3.4 (smooth only the positive labels; a fake target β > 0 keeps p_model in D*'s numerator)"),
        GF16.at("§4.2"),
    ),
    notes="With targets (0.9, 0.1), D* = (0.9p + 0.1q)/(p + q) ≥ 0.1. The recipe keeps the game's solution: the generator's criterion max_D V_{0.9, 0.1} is Σ(p + q)·h(0.1 + 0.8·p/(p + q)) with h convex, minimised exactly at p_g = p_data (optimum-kept). What it costs is the pull on rejected samples: off the data (p ≪ q) D* → 0.1 and stops depending on p, so the non-saturating generator's pull toward the data, ∇_x log D*, is multiplied by R = 0.8·D*/(0.1 + 0.8·D*), which tends to 0 exactly where samples are confidently rejected (R ≈ 0.081 at the mode of N(3, 1) against data N(0, 1)); Salimans et al. smooth only the real labels for that reason. Verdict: verified, because the document offers the targets as a recipe against an over-confident D (LS-CONFIDENCE) and its optimum is intact; the weaker pull is a property the document does not deny, so it is reported by an informative check. Decision history: this claim was refuted on that pull while NOISE-LABEL-FLIP, the same soft targets (1 − ε, ε) reached by random flips, was qualified; one reading now decides both.",
)


def _softplus(t: float) -> float:
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def _optimal_d_numeric(alpha: float, beta: float, a: float, b: float) -> float:
    """argmin over D of a·BCE(D, α) + b·BCE(D, β), by bounded minimisation over the logit in [−60, 60]."""

    def expected(t: float) -> float:
        # BCE(σ(t), target) = softplus(t) − target·t, in scalar arithmetic (this runs ~10⁴ times per search)
        return a * (_softplus(t) - alpha * t) + b * (_softplus(t) - beta * t)

    res = optimize.minimize_scalar(expected, bounds=(-60.0, 60.0), method="bounded", options={"xatol": 1e-10})
    return float(special.expit(res.x))


def _within_confidence(subject: tuple[float, float, float], ab: tuple[float, float]) -> bool:
    alpha, beta, cap = subject
    d = _optimal_d_numeric(alpha, beta, *ab)
    return max(d, 1.0 - d) <= cap + 1e-6  # the minimiser is located to ~1e-10 in the logit


_MASS = st.one_of(st.just(0.0), st.floats(1e-6, 1.0, allow_nan=False))

LS_CONFIDENCE = claim(
    "LS-CONFIDENCE",
    "Label smoothing keeps D from being too confident",
    "Smoothing the labels (real 0.9, fake 0.1) prevents the discriminator from becoming too confident.",
    property_check(
        "bounded-optimum",
        "Hypothesis over densities (a, b) = (p_data(x), p_g(x)) ≥ 0, zeros included: D* found by bounded minimisation of a·BCE(D, α) + b·BCE(D, β) over the logit in [−60, 60] (not from the closed form); its confidence max(D*, 1 − D*) must not exceed the cap.",
        for_all(
            st.tuples(_MASS, _MASS).filter(lambda ab: ab[0] + ab[1] > 0),
            _within_confidence,
            inputs="(p_data(x), p_g(x)) pairs",
        ),
        ("targets (0.9, 0.1): D* ∈ [0.1, 0.9], confidence ≤ 0.9", (0.9, 0.1, 0.9)),  # targets 0.9 and 0.1: 001 §6.3
        [
            ("hard labels", "targets (1, 0) with confidence ≤ 0.9", (1.0, 0.0, 0.9)),
            ("one-sided", "targets (0.9, 0) with confidence ≤ 0.9", (0.9, 0.0, 0.9)),
        ],
    ),
    sources=(src(D001, "6.3 Label Smoothing"),),
    assumptions=("D trained to its optimum for the smoothed cross-entropy",),
    references=(IMPROVED.at("§3.4"), GF16.at("§4.2")),
    notes="With targets (α, β) the optimum is β + (α − β)·p/(p + q) ∈ [β, α] for every p, q, including disjoint supports where hard labels give D* = 0 or 1. One-sided smoothing (β = 0) caps only the real side.",
)


def _flip_rows(real: sp.Expr, fake: sp.Expr) -> dict[str, Identity]:
    def flipped(label: sp.Expr, other: sp.Expr, target: sp.Expr) -> Identity:
        return Identity((1 - rho) * bce(y, label) + rho * bce(y, other), bce(y, target), {y: UNIT, rho: UNIT})

    return {
        "real label 1 flipped with probability ρ": flipped(_ONE, _ZERO, real),
        "fake label 0 flipped with probability ρ": flipped(_ZERO, _ONE, fake),
    }


NOISE_LABEL_FLIP = claim(
    "NOISE-LABEL-FLIP",
    "Randomly flip labels (e.g. 5 % of the time)",
    "Add label noise: flip the discriminator's labels at random, for example 5 % of the time.",
    rows_check(
        "flip-expectation",
        "sympy: the cross-entropy averaged over a flip with probability ρ against the cross-entropy at a soft target.",
        _flip_rows,
        ("flipping gives the soft targets 1 − ρ (real) and ρ (fake)", (1 - rho, rho)),
        [
            ("targets swapped", "flipping gives real ρ and fake 1 − ρ", (rho, 1 - rho)),
            ("no effect", "flipping leaves the expected targets at 1 and 0", (sp.Integer(1), sp.Integer(0))),
        ],
    ),
    _optimum_check((0.95, 0.05), "both labels flipped 5 % of the time, in expectation targets (0.95, 0.05)"),
    _pull_check(
        # 5 %: 001 §6.4
        (
            "both labels flipped 5 % of the time: expected targets (0.95, 0.05), judged by whether the generator's pull is intact",
            (0.95, 0.05),
        ),
        (
            Change.FORMULA,
            "flip only the real labels (5 % of them): in expectation one-sided smoothing with target 0.95, which leaves the generator's pull unchanged",
            (0.95, 0.0),
        ),
        [
            ("fake labels only", "only fake labels flipped: expected targets (1, 0.05)", (1.0, 0.05)),
            ("30 % flips", "both labels flipped 30 % of the time", (0.7, 0.3)),
        ],
        decides=False,
    ),
    sources=(src(D001, "6.4 Adding Noise"),),
    assumptions=("each label flipped independently with probability ρ = 0.05", "D trained to its optimum"),
    references=(IMPROVED.at("§3.4"), GF16.at("§4.2")),
    notes="The cross-entropy is linear in its target, so flipping with probability ρ equals, in expectation, the soft targets (1 − ρ, ρ): two-sided smoothing, decided exactly as LS-FAKE is. The optimum p_g = p_data is kept (optimum-kept), so the recipe is verified; the generator's pull on confidently rejected samples weakens, which the informative generator-pull check reports (flipping only the real labels, one-sided smoothing with α = 1 − ρ, avoids it). Decision history: this claim was qualified and LS-FAKE refuted on the same mathematics; both are now decided by one reading.",
)

# -- PLOT-NEG-LOG4.a ----------------------------------------------------------------------------------------------------

_HALF = sp.Rational(1, 2)


def _level_rows(d_level: sp.Expr, g_level: sp.Expr) -> dict[str, Identity]:
    return {
        "D loss (000's d_loss) at D ≡ ½": Identity(-sp.log(_HALF) - sp.log(1 - _HALF), d_level),
        "minimum of the expected D loss when p_g = p_data": Identity(-S.criterion_integrand(S.a, S.a) / S.a, d_level),
        "G loss (000's g_loss, −log D) at D ≡ ½": Identity(-sp.log(_HALF), g_level),
    }


PLOT_NEG_LOG4_A = claim(
    "PLOT-NEG-LOG4.a",
    "000's plotted D and G losses have the equilibrium level −log 4",
    "In document 000's loss plot, the optimal (equilibrium) level of the plotted D and G losses is −log 4.",
    rows_check(
        "equilibrium-levels",
        "sympy: each plotted loss at D ≡ ½, and the minimum over D of the expected D loss at p_g = p_data, against the claimed level.",
        _level_rows,
        ("both lines at −log 4", (-sp.log(4), -sp.log(4))),
        [
            ("levels swapped", "D loss at log 2, G loss at log 4", (sp.log(2), sp.log(4))),
            ("V's sign", "D loss at −log 4 (the value of V), G loss at log 2", (-sp.log(4), sp.log(2))),
        ],
        corrected=(
            Change.FORMULA,
            "the D loss's equilibrium level is log 4 ≈ 1.386 and the G loss's is log 2 ≈ 0.693; −log 4 is the value of V",
            (sp.log(4), sp.log(2)),
        ),
    ),
    sources=(src(D000, "code: plotting cell, Plot 1 (training losses)"),),
    assumptions=(
        "the plotted curves are 000's d_loss = −[mean log D(x) + mean log(1 − D(G(z)))] and g_loss = −mean log D(G(z))",
        "equilibrium: p_g = p_data and D ≡ ½; 000's eps = 1e-8 shifts the levels by ~4e-8",
    ),
    references=(GF14.at("Theorem 1 (−log 4 is the value of V = −d_loss, not of the losses)"),),
    notes="Both plotted losses are cross-entropies, hence ≥ 0: neither can reach −log 4 ≈ −1.386. At equilibrium d_loss = log 4 ≈ 1.386 and g_loss = log 2 ≈ 0.693. The trained curves are PLOT-NEG-LOG4.b.",
)

CLAIMS = (
    D_LOSS_BCE,
    D_LOSS_SCALE,
    D002_LOSS,
    D002_TERM_TABLE,
    G_LOSS_NS,
    LABEL1_TRICK,
    G_OBJ_MAXD,
    LS_REAL,
    LS_FAKE,
    LS_CONFIDENCE,
    NOISE_LABEL_FLIP,
    PLOT_NEG_LOG4_A,
)

__all__ = ["CLAIMS"]
