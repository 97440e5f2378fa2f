"""Tolerances, each with its reason, and the one comparison helper that uses them.

Checks call :func:`compare` and turn its :class:`Comparison` into an
:class:`~verify.model.Outcome`; tests call :func:`assert_close`. Both use a
named :class:`Tolerance`, so every number a verdict rests on has a written
justification next to it.

An element passes when ``|actual − expected| ≤ atol + rtol·|expected|`` (the
rule of :func:`numpy.isclose`). Infinities must match exactly; NaN never passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "CONJUGATE",
    "EXACT",
    "IDENTITY",
    "QUADRATURE",
    "SYMBOLIC_NUMERIC",
    "Comparison",
    "Tolerance",
    "assert_close",
    "compare",
]


@dataclass(frozen=True)
class Tolerance:
    """An absolute and a relative tolerance, and why they have these values."""

    rtol: float
    atol: float
    why: str

    def __str__(self) -> str:
        return f"rtol={self.rtol:g}, atol={self.atol:g}"


#: Identities between float64 sums over at most a few hundred terms.
IDENTITY = Tolerance(
    rtol=1e-10,
    atol=1e-12,
    why=(
        "sums of ≤ 64 float64 terms, each with relative error ~1e-16, accumulate ≲ 1e-14; "
        "1e-10 relative is our target and leaves four orders of headroom, "
        "atol 1e-12 covers values that are exactly 0"
    ),
)

#: Identities where both sides come from adaptive quadrature.
QUADRATURE = Tolerance(
    rtol=1e-10,
    atol=1e-11,
    why=(
        "each integral is computed piecewise with scipy.quad at epsrel=1e-12 (error estimates "
        "are checked ≤ 1e-9 absolute, typically ~1e-14); 1e-10 relative is our target"
    ),
)

#: Closed-form Fenchel conjugates against a numeric supremum.
CONJUGATE = Tolerance(
    rtol=1e-9,
    atol=1e-9,
    why=(
        "the supremum is found by bounded scalar optimisation over log u to xatol ~1e-12; "
        "near a maximum the objective is flat, so its value is accurate to ~1e-12 even when "
        "u is not; 1e-9 is our target"
    ),
)

#: Residuals of a sympy identity evaluated numerically at sample points.
SYMBOLIC_NUMERIC = Tolerance(
    rtol=1e-9,
    atol=1e-10,
    why=(
        "lambdified float64 evaluation of both sides at points in the stated domain; the "
        "expressions involve logs of ratios, whose evaluation error is ~1e-15 relative"
    ),
)

#: Quantities that are exactly representable (counts, bounds attained exactly).
EXACT = Tolerance(rtol=0.0, atol=0.0, why="the compared values are exact in float64")


@dataclass(frozen=True)
class Comparison:
    """Outcome of comparing two arrays under a tolerance."""

    ok: bool
    max_abs_error: float
    max_rel_error: float
    worst_index: int
    worst_actual: float
    worst_expected: float

    def describe(self) -> str:
        return (
            f"max |Δ| = {self.max_abs_error:.3g}, max rel. Δ = {self.max_rel_error:.3g} "
            f"(worst: {self.worst_actual!r} vs {self.worst_expected!r})"
        )


def compare(actual: ArrayLike, expected: ArrayLike, tol: Tolerance) -> Comparison:
    """Compare elementwise under ``tol`` and report the worst element."""
    a = np.atleast_1d(np.asarray(actual, dtype=np.float64))
    e = np.atleast_1d(np.asarray(expected, dtype=np.float64))
    a, e = np.broadcast_arrays(a, e)
    same_inf = np.isinf(a) & np.isinf(e) & (np.sign(a) == np.sign(e))
    with np.errstate(invalid="ignore"):
        diff = np.where(same_inf, 0.0, np.abs(a - e))
    diff = np.where(np.isnan(diff), np.inf, diff)
    scale = np.where(np.isfinite(e), np.abs(e), 0.0)
    allowed = tol.atol + tol.rtol * scale
    excess = diff - allowed
    worst = int(np.argmax(excess)) if excess.size else 0
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(scale > 0, diff / scale, np.where(diff > 0, np.inf, 0.0))
    return Comparison(
        ok=bool((diff <= allowed).all()),
        max_abs_error=float(diff.max()) if diff.size else 0.0,
        max_rel_error=float(rel.max()) if rel.size else 0.0,
        worst_index=worst,
        worst_actual=float(a.flat[worst]) if a.size else float("nan"),
        worst_expected=float(e.flat[worst]) if e.size else float("nan"),
    )


def assert_close(actual: ArrayLike, expected: ArrayLike, tol: Tolerance = IDENTITY) -> None:
    """Raise ``AssertionError`` naming the worst element if ``actual`` and ``expected`` differ beyond ``tol``.

    The shapes must be equal, or ``expected`` a scalar (the value every element must have). Unlike
    :func:`compare`, which broadcasts, this refuses arrays of different shapes: an actual of shape
    (2, 1) against an expected of shape (3,) would otherwise be six comparisons that can all pass.

    Raises
    ------
    AssertionError
        If the shapes differ (naming both), or if some element differs beyond ``tol``.
    """
    actual_shape, expected_shape = np.shape(actual), np.shape(expected)
    if expected_shape != () and tuple(actual_shape) != tuple(expected_shape):
        raise AssertionError(
            f"shape mismatch: actual has shape {tuple(actual_shape)}, expected has shape {tuple(expected_shape)}"
        )
    c = compare(actual, expected, tol)
    if not c.ok:
        raise AssertionError(f"not close under {tol}: {c.describe()}")
