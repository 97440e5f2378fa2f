"""Building blocks for check tests.

A check's test is a function ``test(subject, ctx) -> Outcome``. Most tests
in the registry have one of three shapes, built here:

* :func:`prove` — the subject is an :class:`Identity` (two sympy
  expressions); sympy must reduce their difference to 0 and a numeric
  evaluation must agree (:mod:`verify.proof`).
* :func:`for_all` — the subject parametrises a proposition about one input;
  Hypothesis searches the strategy for an input on which it fails
  (:mod:`verify.search`).
* :func:`agree_on_cases` — the subject computes a value on concrete cases
  (named ones and random ones from the check's seeded generator), compared
  under a named :class:`~verify.tolerance.Tolerance` with the value it should
  equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from verify.context import Context
from verify.model import Outcome, jsonable
from verify.proof import Domain, prove_identity
from verify.search import find_counterexample
from verify.tolerance import Tolerance, compare

__all__ = ["Case", "Identity", "agree_on_cases", "for_all", "prove"]


@dataclass(frozen=True)
class Identity:
    """A subject for :func:`prove`: ``lhs == rhs`` on the symbols' domains."""

    lhs: sp.Expr
    rhs: sp.Expr
    domains: Mapping[sp.Symbol, Domain] = field(default_factory=dict)


def prove(subject: Identity, ctx: Context) -> Outcome:
    """Test: sympy proves ``lhs == rhs`` and the numbers agree."""
    proof = prove_identity(
        subject.lhs,
        subject.rhs,
        rng=ctx.rng("identity"),
        domains=subject.domains,
        timeout_s=ctx.profile.symbolic_timeout_s,
    )
    return Outcome.decide(
        proof.holds,
        proof.describe(),
        counterexample=proof.counterexample,
        lhs=sp.sstr(subject.lhs),
        rhs=sp.sstr(subject.rhs),
        residual=proof.residual,
        canonicaliser=proof.canonicaliser,
        numeric_points=proof.points,
        numeric_max_abs=proof.numeric_max_abs,
    )


def for_all(
    strategy: st.SearchStrategy[Any],
    proposition: Callable[[Any, Any], bool],
    *,
    inputs: str,
    show: Callable[[Any], Any] = lambda x: x,
    examples: Sequence[Any] = (),
) -> Callable[[Any, Context], Outcome]:
    """Test: ``proposition(subject, x)`` holds for every ``x`` Hypothesis draws from ``strategy``.

    Parameters
    ----------
    strategy : SearchStrategy
        Inputs within the claim's assumptions.
    proposition : callable
        ``proposition(subject, x) -> bool``.
    inputs : str
        What the inputs are, for the report ("pmf pairs on 2–8 points").
    show : callable
        Turns a counterexample into report-ready data.
    examples : sequence
        Explicit inputs tried before the search, for every subject: known
        witnesses, so that refuting a control never depends on search luck.
    """

    def test(subject: Any, ctx: Context) -> Outcome:
        for i, example in enumerate(examples):
            if not proposition(subject, example):
                return Outcome.failed(
                    f"counterexample: explicit example {i + 1} of {len(examples)}",
                    counterexample={"input": show(example)},
                    examples=i + 1,
                )
        search = find_counterexample(strategy, lambda x: bool(proposition(subject, x)), ctx)
        if search.found:
            how = "shrunk by Hypothesis" if ctx.shrink else "first found, not shrunk"
            return Outcome.failed(
                f"counterexample after {len(examples)} explicit and {search.examples} drawn {inputs} ({how})",
                counterexample={"input": show(search.counterexample)},
                examples=search.examples,
            )
        return Outcome.passed(
            f"no counterexample in {len(examples)} explicit and {search.examples} drawn {inputs}",
            examples=len(examples) + search.examples,
        )

    return test


@dataclass(frozen=True)
class Case:
    """A concrete input with a name for the report."""

    name: str
    value: Any


def agree_on_cases(
    cases: Callable[[Context], Sequence[Case]],
    evaluate: Callable[[Any, Any], tuple[float, float]],
    tol: Tolerance,
    *,
    what: str,
) -> Callable[[Any, Context], Outcome]:
    """Test: ``evaluate(subject, case) = (actual, expected)`` agree under ``tol`` on every case.

    Parameters
    ----------
    cases : callable
        ``cases(ctx)`` returns the cases; random ones should come from ``ctx.rng``.
    evaluate : callable
        ``evaluate(subject, case.value) -> (actual, expected)``.
    tol : Tolerance
    what : str
        The compared quantity, for the report ("C(G) against −log 4 + 2·JS").
    """

    def test(subject: Any, ctx: Context) -> Outcome:
        cs = list(cases(ctx))
        pairs = [evaluate(subject, c.value) for c in cs]
        actual = np.array([p[0] for p in pairs], dtype=np.float64)
        expected = np.array([p[1] for p in pairs], dtype=np.float64)
        cmp = compare(actual, expected, tol)
        worst = cs[cmp.worst_index]
        summary = f"{what} on {len(cs)} cases: {cmp.describe()} ({tol})"
        return Outcome.decide(
            cmp.ok,
            summary,
            counterexample={
                "case": worst.name,
                "input": jsonable(_show(worst.value)),
                "actual": cmp.worst_actual,
                "expected": cmp.worst_expected,
            },
            cases=len(cs),
            max_abs_error=cmp.max_abs_error,
            max_rel_error=cmp.max_rel_error,
            tolerance=str(tol),
        )

    return test


def _show(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_show(v) for v in value]
    if isinstance(value, np.ndarray | int | float | str | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {k: _show(v) for k, v in value.items()}
    return repr(value)
