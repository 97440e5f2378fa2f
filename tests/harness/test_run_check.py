"""The runner's handling of one check: controls must be refuted, crashes are reported, pending stops early.

The synthetic check (``tests/harness/synthetic.py``) asks whether a subject is the minimum of C(G), −log 4.
Its verdicts under corrections are in ``test_verdict_rule.py``.
"""

from __future__ import annotations

import math

import numpy as np

from tests.harness.synthetic import LOG4, minimum_is_minus_log4, synthetic_claim
from verify.context import Context
from verify.model import Check, Kind, Outcome, Test, Variant, Verdict
from verify.runner import CheckStatus, run_check, run_claim


def check_of(stated: float | None, *controls: float | None, test: Test = minimum_is_minus_log4) -> Check:
    return Check(
        name="minimum",
        kind=Kind.NUMERIC,
        method="compare with −log 4",
        test=test,
        stated=Variant("as stated", "min C(G) = −log 4", stated),
        controls=tuple(Variant(f"control {i}", f"min C(G) = {c}", c) for i, c in enumerate(controls)),
    )


def verdict(check: Check) -> Verdict:
    return run_claim(synthetic_claim(check), Context()).verdict


def test_a_refuted_control_leaves_a_holding_check_verified() -> None:
    check = check_of(-LOG4, -math.log(2.0), LOG4)
    r = run_check(check, Context())
    assert (r.status, r.error, r.teeth) == (CheckStatus.HOLDS, None, True)
    assert verdict(check) is Verdict.VERIFIED


def test_a_passing_control_is_an_error_not_a_verification() -> None:
    check = check_of(-LOG4, -math.log(2.0), -LOG4)  # the second control is the right value: no teeth
    r = run_check(check, Context())
    assert r.status == CheckStatus.ERROR and not r.teeth
    assert r.error == "control “control 1” passed: the check has no teeth"
    assert verdict(check) is Verdict.ERROR


def test_a_passing_control_is_an_error_even_when_the_stated_subject_fails() -> None:
    check = check_of(-1.0, -LOG4)
    assert run_check(check, Context()).status == CheckStatus.ERROR
    assert verdict(check) is Verdict.ERROR


def test_an_undecided_control_is_an_error() -> None:
    check = check_of(-LOG4, None)
    r = run_check(check, Context())
    assert (r.status, r.error) == (CheckStatus.ERROR, "control “control 0” could not be decided")


def test_an_undecided_stated_subject_is_pending_and_runs_no_control() -> None:
    ran: list[object] = []

    def recording(subject: float | None, ctx: Context) -> Outcome:
        ran.append(subject)
        return minimum_is_minus_log4(subject, ctx)

    check = check_of(None, -1.0, test=recording)
    r = run_check(check, Context())
    assert (r.status, r.controls, ran) == (CheckStatus.PENDING, (), [None])
    assert verdict(check) is Verdict.PENDING


def test_a_check_that_raises_is_an_error_that_names_the_exception() -> None:
    def crashing(subject: float, ctx: Context) -> Outcome:
        return Outcome.decide(1.0 / (subject + LOG4) > 0, "divides by the residual")

    r = run_check(check_of(-LOG4, -1.0, test=crashing), Context())
    assert r.status == CheckStatus.ERROR
    assert r.error is not None and r.error.startswith(
        "ZeroDivisionError: float division by zero (at test_run_check.py:"
    )


def test_a_check_that_returns_no_outcome_is_an_error() -> None:
    r = run_check(check_of(-LOG4, -1.0, test=lambda subject, ctx: True), Context())
    assert r.status == CheckStatus.ERROR
    assert r.error is not None and r.error.startswith("TypeError: check minimum returned bool, not an Outcome")


def test_an_error_in_a_control_keeps_what_ran_before_it() -> None:
    def crashes_on_controls(subject: float, ctx: Context) -> Outcome:
        if subject > 0:
            raise RuntimeError("no such case")
        return minimum_is_minus_log4(subject, ctx)

    r = run_check(check_of(-LOG4, -1.0, 1.0, test=crashes_on_controls), Context())
    assert r.status == CheckStatus.ERROR
    assert r.stated is not None and r.stated.outcome.holds
    assert [c.label for c in r.controls] == ["control 0"]


def test_controls_are_not_shrunk_and_see_the_stated_subjects_random_cases() -> None:
    seen: list[tuple[float, bool, float]] = []

    def recording(subject: float, ctx: Context) -> Outcome:
        seen.append((subject, ctx.shrink, float(ctx.rng("cases").random())))
        return minimum_is_minus_log4(subject, ctx)

    run_check(check_of(-LOG4, -1.0, 1.0, test=recording), Context().for_check("SYN-MIN", "minimum"))
    assert [(s, shrink) for s, shrink, _ in seen] == [(-LOG4, True), (-1.0, False), (1.0, False)]
    draws = np.array([d for _, _, d in seen])
    assert np.all(draws == draws[0])
