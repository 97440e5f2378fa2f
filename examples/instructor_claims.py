"""An instructor's own claims, checked by gantheory's runner: ``python -m verify run --claims-from`` this file.

Two statements from a (fictional) week-3 lecture on GANs:

* ``LECT-OPT-VALUE``: "at the global optimum the value of the game is log 4".
  The sign is wrong — at p_g = p_data the optimal discriminator is ½ everywhere
  and V(D*, G) = log ½ + log ½ = −log 4 — so the claim is refuted, and the
  report shows the counterexample and the corrected value. The negative
  control (−log 2, a dropped factor 2) must be refuted by the same test.
* ``LECT-DSTAR-STEP``: the lecture's derivation that D*(x) = p(x)/(p(x) + q(x))
  is the stationary point of y ↦ p log y + q log(1 − y), checked line by line
  with :mod:`verify.derivation`. Its control swaps p and q in the last line.

Run it with::

    python -m verify run --claims-from examples/instructor_claims.py --profile quick --out lecture-report
    python -m verify run --claims-from examples/instructor_claims.py --with-builtin --claims 'LECT-*,CG-JS'
"""

from __future__ import annotations

import sympy as sp

from verify.checks import Identity, prove
from verify.derivation import Derivation, Step, derive
from verify.model import Change, Check, Claim, Correction, Kind, Source, Variant
from verify.proof import UNIT

# Pointwise values: p = p_data(x) > 0 and q = p_g(x) > 0, y = D(x) in (0, 1).
p, q, y = sp.symbols("p q y", positive=True)

LECTURE = "week-3-lecture-notes.md"  # any document: a Source is a file name and a section heading

#: V's integrand at the optimum: p_g = p_data (q = p) and D = ½; integrating over p_data gives V(D*, G).
AT_OPTIMUM = p * sp.log(sp.Rational(1, 2)) + p * sp.log(1 - sp.Rational(1, 2))

OPT_VALUE = Claim(
    id="LECT-OPT-VALUE",
    title="The value of the game at the global optimum",
    statement="At the global optimum p_g = p_data, with D = D* = ½, the value V(D*, G) equals log 4.",
    sources=(Source(LECTURE, "Slide 14: the global optimum"),),
    assumptions=("natural logarithm", "pointwise: the integrand at x, integrated against p_data(x)"),
    references=("Goodfellow et al. 2014, arXiv:1406.2661, Theorem 1",),
    checks=(
        Check(
            name="integrand-at-optimum",
            kind=Kind.SYMBOLIC,
            method="p log D + p log(1 − D) at D = ½ against the stated value times p (so that it integrates "
            "to the stated value), by sympy with a float64 check",
            test=prove,
            stated=Variant("as stated", "V(D*, G) = log 4", Identity(AT_OPTIMUM, p * sp.log(4))),
            corrected=Correction(
                Change.FORMULA,
                "V(D*, G) = −log 4 ≈ −1.386: the sign is negative, since each log ½ is negative",
                Identity(AT_OPTIMUM, -p * sp.log(4)),
            ),
            controls=(
                Variant(
                    "control: −log 2", "V(D*, G) = −log 2 (a dropped factor 2)", Identity(AT_OPTIMUM, -p * sp.log(2))
                ),
            ),
        ),
    ),
)

#: The lecture's derivation: the derivative of the discriminator's pointwise objective vanishes at D*.
F = p * sp.log(y) + q * sp.log(1 - y)
STATIONARY = Derivation(
    "the pointwise objective is stationary at D*",
    sp.diff(F, y).subs(y, p / (p + q)),
    (
        Step("=", p / (p / (p + q)) - q / (1 - p / (p + q)), "d/dy log y = 1/y and d/dy log(1 − y) = −1/(1 − y)"),
        Step("=", sp.Integer(0), "1 − p/(p + q) = q/(p + q), so both terms equal p + q"),
    ),
    domains={y: UNIT},
)
SWAPPED = Derivation(
    "the pointwise objective is stationary at q/(p + q)",
    sp.diff(F, y).subs(y, q / (p + q)),
    (Step("=", sp.Integer(0), "p and q swapped"),),
)

DSTAR_STEP = Claim(
    id="LECT-DSTAR-STEP",
    title="The optimal discriminator is the stationary point",
    statement="For fixed p, q > 0 the derivative of p log y + q log(1 − y) vanishes at y = p/(p + q).",
    sources=(Source(LECTURE, "Slide 12: the optimal discriminator"),),
    assumptions=("p, q > 0 at the point x", "y in (0, 1)"),
    checks=(
        Check(
            name="derivation",
            kind=Kind.SYMBOLIC,
            method="each line of the lecture's derivation by sympy, with a float64 check at 200 points",
            test=derive,
            stated=Variant("as stated", "f'(D*) = 0, line by line", STATIONARY),
            controls=(Variant("control: p and q swapped", "f'(q/(p + q)) = 0", SWAPPED),),
        ),
    ),
)

#: What ``--claims-from`` reads.
CLAIMS = (OPT_VALUE, DSTAR_STEP)
