"""The derivation API: each step of a chain proved by sympy with a float64 check, the first failure located."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from gantheory import symbolic as S
from verify.context import PROFILES, Context
from verify.derivation import Derivation, Step, WrongStep, check_derivation, derive, step_checks
from verify.proof import UNIT, Inconclusive

a, b, y = S.a, S.b, S.y
F = S.value_integrand()  # a log y + b log(1 − y)


def _check(d: Derivation):
    return check_derivation(d, rng=np.random.default_rng(0))


def _ctx() -> Context:
    return Context(profile=PROFILES["quick"], seed=0).for_check("TEST", "derivation")


def test_a_true_chain_of_equalities_is_proved_at_every_step() -> None:
    d = Derivation(
        "derivative of the pointwise objective",
        sp.diff(F, y),
        (Step("=", a / y - b / (1 - y), "differentiate"), Step("=", (a - (a + b) * y) / (y * (1 - y)), "combine")),
        domains={y: UNIT},
    )
    proof = _check(d)
    assert proof.holds and proof.first_failure is None
    assert [s.status for s in proof.steps] == ["proved", "proved"]


def test_a_wrong_middle_step_is_the_first_failure_with_a_counterexample() -> None:
    wrong = (a - (a + b) * y) / (y * (1 + y))  # 1 + y for 1 − y
    d = Derivation(
        "slip",
        sp.diff(F, y),
        (Step("=", a / y - b / (1 - y)), Step("=", wrong), Step("=", a / y - b / (1 - y) + 0 * y)),
        domains={y: UNIT},
    )
    proof = _check(d)
    first = proof.first_failure
    assert first is not None and (first.index, first.status) == (2, "refuted")
    point = {s: first.counterexample[str(s)] for s in (a, b, y)}
    lhs_minus_rhs = float((a / y - b / (1 - y) - wrong).subs(point))
    assert abs(lhs_minus_rhs) > 1e-6
    assert lhs_minus_rhs == pytest.approx(first.counterexample["lhs - rhs"], rel=1e-9)
    assert "step 2 of 3" in proof.describe()


def test_a_true_strict_inequality_is_proved() -> None:
    d = Derivation(
        "concavity", sp.diff(F, y, 2), (Step("=", -a / y**2 - b / (1 - y) ** 2), Step("<", 0)), {}, {y: UNIT}
    )
    assert _check(d).holds


def test_a_false_inequality_is_refuted_where_the_gap_is_negative() -> None:
    d = Derivation("convexity (false)", -a / y**2 - b / (1 - y) ** 2, (Step(">", 0),), domains={y: UNIT})
    [step] = _check(d).steps
    assert step.status == "refuted"
    point = {s: step.counterexample[str(s)] for s in (a, b, y)}
    assert float((-a / y**2 - b / (1 - y) ** 2).subs(point)) < 0


def test_an_inequality_sympy_cannot_decide_is_inconclusive_never_proved() -> None:
    # 0 ≤ JS integrand ≤ ((a + b)/2) log 2 holds, but sympy's assumptions cannot see it
    d = Derivation("JS bound", S.js_integrand(), (Step("<=", (a + b) / 2 * sp.log(2)),))
    [step] = _check(d).steps
    assert step.status == "inconclusive" and not step.holds


def test_derive_raises_inconclusive_rather_than_passing() -> None:
    d = Derivation("JS bound", S.js_integrand(), (Step("<=", (a + b) / 2 * sp.log(2)),))
    with pytest.raises(Inconclusive, match="is inconclusive: sympy could not decide the sign of the gap"):
        derive(d, _ctx())


def test_derive_fails_with_the_failing_step_as_counterexample() -> None:
    d = Derivation("swap", sp.diff(F, y).subs(y, b / (a + b)), (Step("=", 0),))
    outcome = derive(d, _ctx())
    assert outcome.holds is False and outcome.counterexample["step"] == 1


def test_relations_are_spelled_canonically_and_unknown_ones_refused() -> None:
    assert Step("<=", a).relation == "≤" and Step(">=", a).relation == "≥"
    with pytest.raises(ValueError, match="relation must be one of"):
        Step("≈", a)


def test_step_checks_give_one_check_per_line_each_with_its_control() -> None:
    d = Derivation(
        "two lines", sp.diff(F, y), (Step("=", a / y - b / (1 - y)), Step("=", (a - (a + b) * y) / (y * (1 - y))))
    )
    checks = step_checks(
        d, {1: (WrongStep("sign", a / y + b / (1 - y)),), 2: (WrongStep("dropped b", (a - a * y) / (y * (1 - y))),)}
    )
    assert [c.name for c in checks] == ["step-1", "step-2"]
    assert all(len(c.controls) == 1 for c in checks)


def test_step_checks_refuse_a_step_without_control() -> None:
    d = Derivation("one line", sp.diff(F, y), (Step("=", a / y - b / (1 - y)),))
    with pytest.raises(ValueError, match=r"steps \[1\] have no negative control"):
        step_checks(d, {})
