"""Document 001's proofs of §2.1 (the optimal discriminator) and §2.2 (the global optimum), line by line.

Claims D-STAR.proof and CG-JS.proof (splits of catalog rows D-STAR and
CG-JS, whose statements are checked in :mod:`verify.claims.value_function`).
Here the proofs themselves are checked: each line of the document's derivation
is one check (:func:`verify.derivation.step_checks`), proved by sympy with a
float64 cross-check, with a negative control per line — the slip a student
is most likely to make at that line — that the same test must refute.

Everything is pointwise, in a = p_data(x) > 0, b = p_g(x) > 0 and y = D(x)
in (0, 1) (the symbols of :mod:`gantheory.symbolic`). §2.2's last lines
integrate: the term −(a + b)·log 2 integrates to −2 log 2 = −log 4 because
both densities integrate to 1, and 2·(the JS integrand) to 2·D_JS.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from gantheory import symbolic as S
from verify.builders import claim
from verify.derivation import Derivation, Step, WrongStep, step_checks
from verify.model import Check, Claim
from verify.proof import UNIT
from verify.references import GF14
from verify.sources import D001, src

a, b, y = S.a, S.b, S.y
LOG2 = sp.log(2)


def _lines(prefix: str, derivation: Derivation, *wrong: tuple[Any, ...]) -> tuple[Check[Any], ...]:
    """One check per line of ``derivation``; ``wrong[i]``, the control of line i + 1, is (label, expr[, relation])."""
    return step_checks(derivation, {i: (WrongStep(*w),) for i, w in enumerate(wrong, start=1)}, prefix=prefix)


# -- D-STAR.proof: 001 §2.1 ---------------------------------------------------

#: The pointwise objective f(y) = a log y + b log(1 − y) that §2.1 maximises.
F = S.value_integrand()

DERIVATIVE = Derivation(
    "the derivative of the pointwise objective",
    sp.diff(F, y),
    (Step("=", a / y - b / (1 - y), "d/dy log y = 1/y, d/dy log(1 − y) = −1/(1 − y)"),),
    domains={y: UNIT},
)

SOLVE = Derivation(
    "the stationarity condition, solved for y",
    y * (1 - y) * (a / y - b / (1 - y)),
    (
        Step("=", a * (1 - y) - b * y, "multiply a/y = b/(1 − y) by y(1 − y) > 0: a(1 − y) = b·y"),
        Step("=", a - (a + b) * y, "collect the terms in y: a = y(a + b)"),
    ),
    domains={y: UNIT},
)

ROOT = Derivation(
    "the root of the stationarity condition",
    (a - (a + b) * y).subs(y, S.optimal_discriminator()),
    (Step("=", sp.Integer(0), "at y = a/(a + b) the condition a − (a + b)·y vanishes"),),
)

SECOND_ORDER = Derivation(
    "the second-order condition (not written in 001 §2.1)",
    sp.diff(F, y, 2),
    (
        Step("=", -a / y**2 - b / (1 - y) ** 2, "differentiate a/y − b/(1 − y) once more"),
        Step("<", sp.Integer(0), "both terms are negative for a, b > 0 and y in (0, 1)"),
    ),
    domains={y: UNIT},
)

D_STAR_PROOF = claim(
    "D-STAR.proof",
    "The proof of the optimal discriminator, line by line",
    "001 §2.1 proves D* = a/(a + b) by maximising f(D) = a log D + b log(1 − D) pointwise: df/dD = a/D − b/(1 − D) = 0, so a(1 − D*) = b·D*, a = D*(a + b) and D* = a/(a + b). Each line holds; the second-order condition f'' < 0, which makes the stationary point the maximum, is not written in the document and is checked here as well.",
    *_lines("derivative", DERIVATIVE, ("chain rule's sign dropped", a / y + b / (1 - y))),
    *_lines(
        "solve",
        SOLVE,
        ("cross-multiplied the wrong way", a * y - b * (1 - y)),
        ("b subtracted instead of added", a - (a - b) * y),
    ),
    *_lines("root", ROOT, ("p and q swapped", (a - (a + b) * y).subs(y, b / (a + b)))),
    *_lines(
        "second-order",
        SECOND_ORDER,
        ("second term's sign flipped", -a / y**2 + b / (1 - y) ** 2),
        ("a minimum: f'' > 0", sp.Integer(0), ">"),
    ),
    sources=(src(D001, "2.1 Optimal Discriminator"),),
    assumptions=("a = p_data(x) > 0, b = p_g(x) > 0 at the point x", "D(x) = y in (0, 1)"),
    references=(GF14.at("Prop. 1"),),
)

# -- CG-JS.proof: 001 §2.2 ----------------------------------------------------

M = (a + b) / 2  # the mixture density m(x) at the point
#: 2m, kept unevaluated so that the report shows the line as the document writes it
TWO_M = sp.Mul(2, M, evaluate=False)

CRITERION = Derivation(
    "C(G) in terms of D_JS, pointwise",
    S.value_integrand(a, b, S.optimal_discriminator()),
    (
        Step("=", a * sp.log(a / (a + b)) + b * sp.log(b / (a + b)), "substitute D* = a/(a + b), 1 − D* = b/(a + b)"),
        Step("=", a * sp.log(a / TWO_M) + b * sp.log(b / TWO_M), "a + b = 2m with m = (a + b)/2"),
        Step(
            "=",
            -(a + b) * LOG2 + S.kl_integrand(a, M) + S.kl_integrand(b, M),
            "log(x/2m) = log(x/m) − log 2; integrated, −(a + b)·log 2 gives −log 4 and the rest KL(p‖m) + KL(q‖m)",
        ),
        Step("=", -(a + b) * LOG2 + sp.Mul(2, S.js_integrand(), evaluate=False), "D_JS = ½ KL(p‖m) + ½ KL(q‖m)"),
    ),
)

CG_JS_PROOF = Claim(
    id="CG-JS.proof",
    title="The proof of C(G) = −log 4 + 2·D_JS, line by line",
    statement="001 §2.2 substitutes D* into V, writes p_data + p_g = 2m with m = ½(p_data + p_g), splits off log 2 from each logarithm to get −log 4 + KL(p_data‖m) + KL(p_g‖m), and recognises 2·D_JS(p_data‖p_g). Each line holds.",
    sources=(src(D001, "2.2 Global Optimum"),),
    assumptions=(
        "natural logarithm",
        "pointwise in a = p_data(x) > 0 and b = p_g(x) > 0; ∫ a dx = ∫ b dx = 1 turns −(a + b)·log 2 into −log 4",
        "D_JS with the ½ weights (001 §2.3)",
    ),
    references=(GF14.at("Theorem 1"),),
    checks=_lines(
        "line",
        CRITERION,
        ("1 − D* taken as a/(a + b)", a * sp.log(a / (a + b)) + b * sp.log(a / (a + b))),
        ("m without the ½", a * sp.log(a / (2 * (a + b))) + b * sp.log(b / (2 * (a + b)))),
        ("log 4 for log 2 per term", -(a + b) * sp.log(4) + S.kl_integrand(a, M) + S.kl_integrand(b, M)),
        ("D_JS without its ½ weights", -(a + b) * LOG2 + S.js_integrand()),
    ),
)

CLAIMS = (D_STAR_PROOF, CG_JS_PROOF)
