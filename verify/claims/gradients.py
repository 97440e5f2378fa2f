"""Generator gradients from the literature: the maximum-likelihood cost, Arjovsky–Bottou Theorems 2.4 and 2.5.

Catalog rows ML-COST, AB17-THM24, AB17-THM25 (group L) and DOMINATE (group E: a too-strong
discriminator and the generator's gradient).

Expected generator gradients are computed with D frozen at the optimal discriminator D* of the
generator at θ0, as the theorems state them: E_{p_θ}[cost(ℓ*_{θ0})] is integrated by adaptive
quadrature and differentiated in θ by five-point central differences, and the divergences on the
other side are differentiated the same way. The vanishing-gradient checks build a discriminator
D = D* + δ, with δ a smooth bump of norm ε = sup|δ| + sup|δ'| placed where the generator's
samples lie, and shrink ε. The tests are in :mod:`verify.cost_checks`.
"""

from __future__ import annotations

from functools import partial

import sympy as sp

from gantheory import quadrature
from gantheory.densities import Density
from gantheory.quadrature import kl_divergence
from verify.builders import claim, numeric_check, symbolic_check
from verify.cost_checks import (
    GradientIdentity,
    bound_holds,
    gradient_identity,
    ml_gradient_identity,
    saturation_check,
    thm25_sweep,
    vanishes,
)
from verify.model import Change, Origin
from verify.references import AB17, GF14B, GF16
from verify.sources import D003, D004, paper, src

# -- ML-COST ------------------------------------------------------------------------------------------------------------

# reference value for Goodfellow 2016 (arXiv:1701.00160, §3.2.3, the ML game), re-derived independently of this code
_ML_SOURCE = "independent numerical re-derivation: 0.70000000 for N(0, 1) against N(θ, 1), θ0 = 0.7"

ML_COST = claim(
    "ML-COST",
    "The maximum-likelihood generator cost",
    "With the discriminator optimal, the generator cost −exp(σ⁻¹(D(G(z)))) has expected gradient equal to the gradient of KL(p_data‖p_g), so descending it does maximum likelihood (the tutorial writes it with a ½, as all its costs, which halves both sides).",
    symbolic_check(
        "gaussian-closed-form",
        "p_data = N(0, 1), p_θ = N(θ, s²): E_{p_θ}[−exp(σ⁻¹(D*_{θ0}))] by completing the square, differentiated in θ at θ0, against ∂θ KL by Gaussian moments; sympy proves equality for all θ0 ∈ ℝ, s > 0.",
        ml_gradient_identity,
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
    numeric_check(
        "mixtures",
        "Location families on Gaussian mixtures (document 000's data among them, and the anchor case with its literature value 0.7): both sides by adaptive quadrature and five-point central differences in θ.",
        gradient_identity((0.7, _ML_SOURCE)),
        ("−exp(σ⁻¹(D*)) against KL(p_data‖p_θ)", ("maximum-likelihood", kl_divergence)),
        [
            ("reverse KL", "… against KL(p_θ‖p_data)", ("maximum-likelihood", lambda p, q: kl_divergence(q, p))),
            ("exp dropped", "the cost −D* = −σ(σ⁻¹(D*)) against KL(p_data‖p_θ)", ("raw D", kl_divergence)),
            ("minimax cost", "the cost log(1 − D*) against KL(p_data‖p_θ)", ("minimax", kl_divergence)),
        ],
        build=lambda a: GradientIdentity(*a),
    ),
    origin=Origin.LITERATURE,
    sources=(paper(str(GF16), "§3.2.4, Maximum likelihood game"), paper(str(GF14B), "§3")),
    assumptions=(
        "D = D* of the generator at θ0, held fixed while differentiating in θ",
        "p_g = p_θ a smooth family with densities; KL(p_data‖p_θ) finite",
    ),
    references=(GF16.at("§3.2.4"), str(GF14B)),
    notes="exp(σ⁻¹(D*)) = D*/(1 − D*) = p_data/p_θ0, so the cost reweights fakes by the density ratio.",
)

# -- AB17-THM25 ---------------------------------------------------------------------------------------------------------


def _thm25_rhs(kl: str, js_coefficient: float, p: Density, q: Density) -> float:
    """KL(direction) + js_coefficient·JS, whose gradient is the right side of Theorem 2.5."""
    k = kl_divergence(q, p) if kl == "reverse" else kl_divergence(p, q)
    return k + js_coefficient * quadrature.js_divergence(q, p)


# reference value for Arjovsky & Bottou 2017 (arXiv:1701.04862, Thm 2.5), re-derived independently of this code by quadrature and central differences
_THM25_SOURCE = "independent numerical re-derivation: LHS = RHS = 0.38845106 for N(0, 1) against N(θ, 1), θ0 = 0.7"


#: The controls of both checks of Theorem 2.5: (label, right side, (KL direction, JS coefficient)).
_THM25_CONTROLS = [
    ("JS sign flipped", "∇[KL(p_g‖p_r) + 2·JS]", ("reverse", 2.0)),
    ("factor 2 dropped", "∇[KL(p_g‖p_r) − JS]", ("reverse", -1.0)),
    ("KL reversed", "∇[KL(p_r‖p_g) − 2·JS]", ("forward", -2.0)),
]

AB17_THM25 = claim(
    "AB17-THM25",
    "Arjovsky–Bottou Theorem 2.5: the −log D gradient",
    "With D* = p_r/(p_{g,θ0} + p_r) fixed, the expected gradient E_z[−∇θ log D*(g_θ(z))] at θ0 equals ∇θ[KL(p_{g,θ}‖p_r) − 2·JS(p_{g,θ}‖p_r)] at θ0.",
    numeric_check(
        "anchor-and-mixtures",
        "Location families on Gaussian mixtures: the left side by quadrature of E_{p_θ}[−log D*_{θ0}] and five-point central differences in θ, the right side by central differences of quadrature KL and JS; the anchor case against the literature's 0.38845106.",
        gradient_identity((0.38845106, _THM25_SOURCE)),
        ("∇[KL(p_g‖p_r) − 2·JS]", ("reverse", -2.0)),
        _THM25_CONTROLS,
        build=lambda a: GradientIdentity("non-saturating", partial(_thm25_rhs, *a)),
    ),
    numeric_check(
        "gaussian-sweep",
        "Named and random (θ0, σ) ∈ [−2, 2] × [0.5, 2] with p_r = N(0, 1), p_θ = N(θ, σ²): the left side as E_{p_θ0}[−∂x log D*] (one quadrature), the right side from the closed-form KL gradient and ½E_{p_θ0}[(x − θ0)/σ² · log(2(1 − D*))] for the JS gradient, compared at rtol 1e-10.",
        thm25_sweep,
        ("∇[KL(p_g‖p_r) − 2·JS]", ("reverse", -2.0)),
        _THM25_CONTROLS,
    ),
    origin=Origin.LITERATURE,
    sources=(paper(str(AB17), "Theorem 2.5"),),
    assumptions=(
        "p_r and p_{g,θ} have densities; the family is smooth in θ",
        "natural logarithm; JS with the ½ weights",
    ),
    references=(AB17.at("Theorem 2.5"),),
    notes="The reverse KL term makes the non-saturating generator mode-seeking and the −2·JS term pushes p_g away from p_r; this is why its stationary points differ from those of the minimax dynamics (NS-FIXED-POINT).",
)

# -- AB17-THM24: a discriminator near the perfect one, D = D* + δ -----------------------------------------------------


AB17_THM24 = claim(
    "AB17-THM24",
    "Arjovsky–Bottou Theorem 2.4: vanishing minimax gradients",
    "If p_r and p_g lie on disjoint compact sets (or misaligned manifolds), ‖D − D*‖ < ε in the norm sup|D| + sup‖∇D‖, and E_z‖J_θ g_θ(z)‖² ≤ M², then ‖∇θ E_z log(1 − D(g_θ(z)))‖ < Mε/(1 − ε); the gradient vanishes as D approaches the perfect discriminator (Corollary 2.1).",
    numeric_check(
        "bound",
        "The generator gradient E_z[−δ'(g_θ(z))·∂θ g/(1 − δ)] by adaptive quadrature over z for 8 bump shapes and generators and ε from 0.5 to 1e-6, against the bound at ε(1 + 1e-9).",
        bound_holds,
        ("bound Mε/(1 − ε)", lambda eps, m: m * eps / (1 - eps)),
        [
            ("ε squared", "bound Mε²", lambda eps, m: m * eps**2),
            ("half the bound", "bound Mε/(2(1 − ε))", lambda eps, m: m * eps / (2 * (1 - eps))),
        ],
    ),
    origin=Origin.LITERATURE,
    sources=(paper(str(AB17), "Theorem 2.4 and Corollary 2.1"),),
    assumptions=(
        "a constructed example: D* = 0 on a neighbourhood of the generator's support, D = D* + δ with δ a smooth bump of norm exactly ε placed where the samples lie",
        "location generators θ + z (M = 1) and scale generators θ·z (M² = E z²), z uniform",
    ),
    references=(AB17.at("Theorem 2.4, Corollary 2.1"),),
)

# -- DOMINATE -----------------------------------------------------------------------------------------------------------


def _logit(minimax: bool, non_saturating: bool) -> tuple[str, dict[str, bool]]:
    """Whether each generator cost saturates in the logit ℓ of D(G(z)) = σ(ℓ)."""
    return "logit", {"minimax": minimax, "non-saturating": non_saturating}


DOMINATE = claim(
    "DOMINATE",
    "A too-strong discriminator kills learning",
    "Neither network may dominate for training to succeed; in particular, when the discriminator becomes too strong the generator's gradients vanish.",
    numeric_check(
        "vanishing-as-d-perfect",
        "D = D* + δ_ε near the generator's samples (the AB17-THM24 construction, bump width 0.05): the generator's expected gradient by quadrature at ε = 1e-1, 1e-3, 1e-5, and its order of decay in ε.",
        vanishes,
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
        ("confident rejection zeroes the minimax gradient but not the non-saturating one", _logit(True, False)),
        [("both vanish", "both gradients vanish under confident rejection", _logit(True, True))],
        decides=False,
    ),
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
)

CLAIMS = (ML_COST, AB17_THM24, AB17_THM25, DOMINATE)

__all__ = ["CLAIMS"]
