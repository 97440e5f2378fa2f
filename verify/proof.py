"""Symbolic proofs of identities with sympy, under a time limit, with a numeric cross-check.

:func:`prove_identity` decides ``lhs == rhs`` on a stated domain in two
independent ways:

1. symbolically: the residual ``lhs − rhs`` is passed through a fixed
   sequence of canonicalisers (``expand_log``, ``cancel``, ``simplify``)
   until one returns exactly 0;
2. numerically: both sides are evaluated in float64 at points drawn from the
   domain of each symbol.

The identity is *proved* when (1) reaches 0 and (2) agrees; *refuted* when (2)
finds a point where the sides differ (that point is the counterexample).
If sympy cannot reach 0 but the numbers agree, the result is inconclusive and
:class:`Inconclusive` is raised: the runner reports it as an error of the
harness, never as a pass.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import sympy as sp

from verify.tolerance import SYMBOLIC_NUMERIC, Tolerance

__all__ = [
    "POSITIVE",
    "REAL",
    "UNIT",
    "Domain",
    "Inconclusive",
    "Proof",
    "prove_identity",
    "time_limit",
]


class Inconclusive(RuntimeError):
    """Sympy could not decide an identity that the numbers do not refute."""


@dataclass(frozen=True)
class Domain:
    """Where a symbol's numeric samples are drawn from."""

    name: str
    sample: Callable[[np.random.Generator, int], np.ndarray]


#: Positive reals, log-uniform over six decades (densities, ratios).
POSITIVE = Domain("(0, ∞), log-uniform on [1e-3, 1e3]", lambda rng, n: 10.0 ** rng.uniform(-3, 3, n))
#: The open unit interval (discriminator outputs).
UNIT = Domain("(0, 1), uniform on [1e-6, 1 − 1e-6]", lambda rng, n: rng.uniform(1e-6, 1 - 1e-6, n))
#: Reals (logits, parameters).
REAL = Domain("ℝ, uniform on [−10, 10]", lambda rng, n: rng.uniform(-10.0, 10.0, n))


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeoutError`` in the block after ``seconds`` (main thread with SIGALRM only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def _expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"sympy did not finish within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Proof:
    """Outcome of :func:`prove_identity`."""

    holds: bool
    residual: str
    canonicaliser: str | None
    numeric_max_abs: float
    points: int
    counterexample: Mapping[str, float] | None

    def describe(self) -> str:
        if self.holds:
            return (
                f"sympy reduces lhs − rhs to 0 ({self.canonicaliser}); numerically "
                f"|lhs − rhs| ≤ {self.numeric_max_abs:.2g} at {self.points} points"
            )
        return (
            f"lhs − rhs does not vanish: residual {self.residual}; numerically "
            f"max |lhs − rhs| = {self.numeric_max_abs:.3g}"
        )


def _canonicalisers(all_positive: bool) -> list[tuple[str, Callable[[sp.Expr], sp.Expr]]]:
    steps: list[tuple[str, Callable[[sp.Expr], sp.Expr]]] = [
        ("as written", lambda e: e),
        ("expand_log", lambda e: sp.expand(sp.expand_log(e))),
        ("cancel(together)", lambda e: sp.cancel(sp.together(e))),
        ("simplify", sp.simplify),
    ]
    if all_positive:
        # force=True ignores assumptions; sound here because every symbol is positive,
        # and needed for logs of sums such as log(a/(a+b)).
        steps.append(("expand_log(force) + simplify", lambda e: sp.simplify(sp.expand_log(e, force=True))))
    return steps


def _domain_of(symbol: sp.Symbol) -> Domain:
    if symbol.is_positive:
        return POSITIVE
    return REAL


def prove_identity(
    lhs: sp.Expr,
    rhs: sp.Expr,
    *,
    rng: np.random.Generator,
    domains: Mapping[sp.Symbol, Domain] | None = None,
    timeout_s: float = 30.0,
    points: int = 200,
    tol: Tolerance = SYMBOLIC_NUMERIC,
) -> Proof:
    """Decide ``lhs == rhs`` on the domain of its free symbols.

    Parameters
    ----------
    lhs, rhs : sympy expressions
    rng : numpy Generator
        Source of the numeric sample points.
    domains : mapping, optional
        Per-symbol sampling domains; by default positive symbols are sampled
        from :data:`POSITIVE` and others from :data:`REAL`.
    timeout_s : float
        Time limit for all symbolic steps together.
    points : int
        Number of numeric sample points.

    Raises
    ------
    Inconclusive
        If sympy cannot reduce the residual to 0 while the numbers agree.
    """
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    residual = sp.sympify(lhs - rhs)
    symbols = sorted(residual.free_symbols | lhs.free_symbols | rhs.free_symbols, key=str)
    domains = dict(domains or {})
    sample = {s: domains.get(s, _domain_of(s)).sample(rng, points) for s in symbols}
    if not symbols:
        points = 1

    # Evaluate each summand separately: the residual's rounding error scales with
    # the size of the summands, not with the (possibly zero) residual itself.
    terms = [*sp.Add.make_args(lhs), *(-t for t in sp.Add.make_args(rhs))]
    values = np.array([_evaluate(t, symbols, sample, points) for t in terms])
    residual_values = values.sum(axis=0)
    scale = np.abs(values).sum(axis=0)
    allowed = tol.atol + tol.rtol * scale
    with np.errstate(invalid="ignore"):
        excess = np.where(np.isfinite(residual_values), np.abs(residual_values) - allowed, np.inf)
    worst = int(np.argmax(excess))
    ok = bool(np.all(excess <= 0))
    max_abs = float(np.nanmax(np.abs(residual_values))) if np.isfinite(residual_values).any() else float("inf")
    counter = {str(s): float(sample[s][worst]) for s in symbols}
    counter["lhs - rhs"] = float(residual_values[worst])

    if not ok:
        # A numeric counterexample settles it; only a cheap canonical form of the residual is shown.
        shown = residual
        try:
            with time_limit(min(timeout_s, 5.0)):
                shown = sp.cancel(sp.together(sp.expand_log(residual)))
        except TimeoutError:
            pass
        return Proof(False, _short(shown), None, max_abs, points, counter)

    canonicaliser = None
    reduced = residual
    all_positive = all(bool(s.is_positive) for s in residual.free_symbols)
    try:
        with time_limit(timeout_s):
            for name, step in _canonicalisers(all_positive):
                reduced = step(residual)
                if reduced == 0:
                    canonicaliser = name
                    break
    except TimeoutError:
        pass

    if canonicaliser is None:
        raise Inconclusive(
            f"sympy left the residual {_short(reduced)} although it vanishes numerically "
            f"(max |Δ| = {max_abs:.2g} at {points} points)"
        )
    return Proof(True, "0", canonicaliser, max_abs, points, None)


def _evaluate(expr: sp.Expr, symbols: list[sp.Symbol], sample: Mapping[sp.Symbol, np.ndarray], n: int) -> np.ndarray:
    """Real float64 values of ``expr`` at the sample points (NaN where it is complex or undefined)."""
    if not symbols:
        return np.full(n, complex(sp.N(expr, 30)).real if sp.N(expr).is_real else np.nan)
    f = sp.lambdify(symbols, expr, modules=["numpy", "scipy"])
    with np.errstate(all="ignore"):
        v = np.broadcast_to(np.asarray(f(*(sample[s] for s in symbols)), dtype=np.complex128), (n,))
    return np.where(np.abs(v.imag) > 0, np.nan, v.real)


def _short(expr: sp.Expr, limit: int = 160) -> str:
    text = sp.sstr(expr)
    return text if len(text) <= limit else text[: limit - 1] + "…"
