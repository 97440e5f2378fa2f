"""The verdict rule: :func:`verify.runner.verdict_of` on a full truth table, and :func:`run_check` on corrections.

Everything that depends on how a correction declares what it changes lives in this module:
the table :data:`SINGLE` (one deciding check in each state, with the verdict it implies) and the
synthetic checks whose correction keeps or replaces the document's statement. The rest of the
runner's behaviour (controls, crashes, pending subjects) is in ``test_run_check.py``.

The rule for several checks is the *most severe* single verdict among the deciding checks, in the
order ``error > pending > refuted > qualified > verified``; a check that does not decide counts
only when it errs, and a claim with no deciding check is ``not-checkable``. Every pair and triple
of check states is compared with that rule.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pytest

from tests.harness.synthetic import LOG4, minimum_is_minus_log4, synthetic_claim
from verify.context import Context
from verify.model import Change, Check, Claim, Correction, Kind, Outcome, Variant, Verdict
from verify.runner import CheckResult, CheckStatus, VariantResult, run_check, run_claim, verdict_of

# --- check results in each state, built by hand --------------------------------------------------------------------

#: Check states: how the stated subject came out and, for a failing one, its correction's kind and outcome.
STATES = (
    "holds",
    "fails, no correction",
    "fails, qualification holds",
    "fails, qualification fails",
    "fails, replacement holds",
    "fails, replacement fails",
    "pending",
    "error",
)

#: The verdict of a claim with one deciding check in each state.
SINGLE: dict[str, Verdict] = {
    "holds": Verdict.VERIFIED,
    "fails, no correction": Verdict.REFUTED,
    "fails, qualification holds": Verdict.QUALIFIED,
    "fails, qualification fails": Verdict.REFUTED,
    "fails, replacement holds": Verdict.REFUTED,
    "fails, replacement fails": Verdict.REFUTED,
    "pending": Verdict.PENDING,
    "error": Verdict.ERROR,
}

SEVERITY = (Verdict.VERIFIED, Verdict.QUALIFIED, Verdict.REFUTED, Verdict.PENDING, Verdict.ERROR)

_RELATION = {"qualification": Change.ASSUMPTION, "replacement": Change.FORMULA}


def _never_called(subject: object, ctx: Context) -> Outcome:
    raise AssertionError("verdict_of must not run a check's test")


def _variant(label: str, holds: bool | None) -> VariantResult:
    outcome = Outcome.undecided("experiment not run") if holds is None else Outcome(holds, label)
    return VariantResult(label, label, outcome, 0.0)


def result(state: str, *, decides: bool = True, name: str = "c") -> CheckResult:
    """A check result in ``state`` (one of :data:`STATES`), as :func:`run_check` would build it."""
    relation = next((r for word, r in _RELATION.items() if word in state), None)
    check = Check(
        name=name,
        kind=Kind.NUMERIC,
        method="synthetic",
        test=_never_called,
        stated=Variant("as stated", "the document's subject"),
        controls=(Variant("control", "a wrong subject"),),
        corrected=None if relation is None else Correction(relation, "our subject"),
        decides=decides,
    )
    controls = (_variant("control", False),)
    if state == "holds":
        return CheckResult(check, CheckStatus.HOLDS, _variant("as stated", True), None, controls, None, 0.0)
    if state == "pending":
        return CheckResult(check, CheckStatus.PENDING, _variant("as stated", None), None, (), None, 0.0)
    if state == "error":
        return CheckResult(check, CheckStatus.ERROR, None, None, (), "ZeroDivisionError: synthetic", 0.0)
    corrected = None if relation is None else _variant("corrected", state.endswith("holds"))
    return CheckResult(check, CheckStatus.FAILS, _variant("as stated", False), corrected, controls, None, 0.0)


def most_severe(case: Sequence[tuple[str, bool]]) -> Verdict:
    """The rule stated in the module docstring, for ``(state, decides)`` pairs, written apart from the runner."""
    if any(state == "error" for state, _ in case):
        return Verdict.ERROR
    deciding = [SINGLE[state] for state, decides in case if decides]
    if not deciding:
        return Verdict.NOT_CHECKABLE
    return max(deciding, key=SEVERITY.index)


def _cases(width: int) -> list[tuple[tuple[str, bool], ...]]:
    """Every sequence of ``width`` (state, decides) pairs."""
    return list(itertools.product(itertools.product(STATES, (True, False)), repeat=width))


def _results(case: Sequence[tuple[str, bool]]) -> list[CheckResult]:
    return [result(state, decides=decides, name=f"check-{i}") for i, (state, decides) in enumerate(case)]


# --- verdict_of: one check ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_one_deciding_check_gives_its_tabulated_verdict(state: str) -> None:
    verdict, explanation = verdict_of([result(state)])
    assert verdict is SINGLE[state]
    assert explanation


@pytest.mark.parametrize("state", [s for s in STATES if s != "error"])
def test_one_check_that_does_not_decide_gives_not_checkable(state: str) -> None:
    assert verdict_of([result(state, decides=False)])[0] is Verdict.NOT_CHECKABLE


def test_an_error_in_a_check_that_does_not_decide_is_still_an_error() -> None:
    assert verdict_of([result("holds"), result("error", decides=False, name="side")])[0] is Verdict.ERROR


def test_no_checks_at_all_is_not_checkable() -> None:
    assert verdict_of([])[0] is Verdict.NOT_CHECKABLE


# --- verdict_of: every pair and triple of states --------------------------------------------------------------------


@pytest.mark.parametrize("width", [2, 3])
def test_several_checks_give_the_most_severe_deciding_verdict(width: int) -> None:
    wrong = []
    for case in _cases(width):
        computed, expected = verdict_of(_results(case))[0], most_severe(case)
        if computed is not expected:
            wrong.append((case, computed.value, expected.value))
    assert wrong == []


def test_the_order_of_checks_does_not_change_the_verdict() -> None:
    for case in _cases(2):
        forward, backward = _results(case), _results(case[::-1])
        assert verdict_of(forward)[0] is verdict_of(backward)[0], case


# --- verdict_of: what the explanation names ------------------------------------------------------------------------


def test_an_error_explanation_names_the_check_and_its_error() -> None:
    _, explanation = verdict_of([result("holds", name="fine"), result("error", name="broken")])
    assert explanation == "broken: ZeroDivisionError: synthetic"


def test_a_pending_explanation_gives_the_reason() -> None:
    _, explanation = verdict_of([result("holds", name="fine"), result("pending", name="trained")])
    assert explanation == "trained: experiment not run"


def test_a_refutation_names_the_check_without_a_correction_that_holds() -> None:
    results = [result("fails, qualification holds", name="kept"), result("fails, qualification fails", name="lost")]
    verdict, explanation = verdict_of(results)
    assert verdict is Verdict.REFUTED
    assert "fails as stated (kept, lost)" in explanation
    assert explanation.endswith("no correction holds for lost")


def test_a_replacement_says_the_corrected_statement_replaces_the_documents() -> None:
    verdict, explanation = verdict_of([result("fails, replacement holds", name="swap")])
    assert verdict is Verdict.REFUTED
    assert explanation.endswith("the correction changes the statement (swap: changed-formula)")


def test_verified_counts_only_the_deciding_checks() -> None:
    _, explanation = verdict_of(
        [
            result("holds", name="a"),
            result("holds", name="b"),
            result("fails, no correction", decides=False, name="side"),
        ]
    )
    assert explanation == "all 2 deciding checks hold as stated"


# --- run_check and run_claim on synthetic checks with corrections -------------------------------------------------


def minimum_check(stated: float, relation: Change | None = None, corrected: float | None = None) -> Check:
    return Check(
        name="minimum",
        kind=Kind.NUMERIC,
        method="compare with −log 4",
        test=minimum_is_minus_log4,
        stated=Variant("as stated", f"min C(G) = {stated}", stated),
        controls=(Variant("control: log 2 for log 4", "min C(G) = −log 2", -math.log(2.0)),),
        corrected=None if relation is None else Correction(relation, f"min C(G) = {corrected}", corrected),
    )


def _claim(check: Check) -> Claim:
    return synthetic_claim(check)


def test_a_stated_check_that_holds_runs_no_correction_and_is_verified() -> None:
    check = minimum_check(-LOG4, Change.FORMULA, -LOG4)
    r = run_check(check, Context())
    assert (r.status, r.corrected, r.error) == (CheckStatus.HOLDS, None, None)
    assert [c.outcome.holds for c in r.controls] == [False]
    assert run_claim(_claim(check), Context()).verdict is Verdict.VERIFIED


@pytest.mark.parametrize(
    ("relation", "verdict"),
    [(change, Verdict.QUALIFIED if change.keeps_statement else Verdict.REFUTED) for change in Change],
)
def test_a_failing_check_with_a_correction_that_holds_gets_the_verdict_of_its_kind(
    relation: Change, verdict: Verdict
) -> None:
    check = minimum_check(-math.log(2.0) - 1.0, relation, -LOG4)
    r = run_check(check, Context())
    assert r.status == CheckStatus.FAILS
    assert r.corrected is not None and r.corrected.outcome.holds is True
    assert r.corrected.label == f"corrected ({relation.value})"
    assert run_claim(_claim(check), Context()).verdict is verdict


@pytest.mark.parametrize("relation", list(Change))
def test_a_correction_that_fails_too_is_refuted(relation: Change) -> None:
    check = minimum_check(-1.0, relation, -2.0)
    r = run_check(check, Context())
    assert r.status == CheckStatus.FAILS and r.corrected is not None and r.corrected.outcome.holds is False
    assert run_claim(_claim(check), Context()).verdict is Verdict.REFUTED


def test_a_failing_check_without_a_correction_is_refuted() -> None:
    assert run_claim(_claim(minimum_check(-1.0)), Context()).verdict is Verdict.REFUTED


def test_an_undecided_correction_is_an_error() -> None:
    def undecided_for_the_correction(subject: float | None, ctx: Context) -> Outcome:
        return Outcome.undecided("no data") if subject is None else minimum_is_minus_log4(subject, ctx)

    check = minimum_check(-1.0, Change.ASSUMPTION, None)
    check = Check(
        check.name,
        check.kind,
        check.method,
        undecided_for_the_correction,
        check.stated,
        check.controls,
        check.corrected,
    )
    r = run_check(check, Context())
    assert r.status == CheckStatus.ERROR and r.error == "the correction could not be decided"
    assert run_claim(_claim(check), Context()).verdict is Verdict.ERROR
