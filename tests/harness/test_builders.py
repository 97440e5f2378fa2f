"""The claim and code-audit builders of :mod:`verify.builders` build what the model's constructors would."""

from __future__ import annotations

from typing import Any

import pytest

from verify.builders import AS_STATED, CONTROL, check, claim, code_audit, empirical
from verify.context import Context
from verify.model import Change, Claim, Kind, Outcome
from verify.references import GF14
from verify.sources import D000, src


def _holds(subject: bool, ctx: Context) -> Outcome:
    return Outcome.decide(subject, f"subject {subject}")


def _a_check(name: str = "a-check") -> Any:
    return check(name, Kind.NUMERIC, "Read the subject.", _holds, ("true", True), [("false", "false", False)])


def test_code_audit_is_a_check_of_kind_code_audit() -> None:
    audit_check = code_audit(
        "reads-code",
        "Read the subject.",
        _holds,
        ("true", True),
        [("false", "false", False)],
        corrected=(Change.FORMULA, "true again", True),
        decides=False,
    )
    assert audit_check.kind is Kind.CODE_AUDIT
    assert (audit_check.stated.label, audit_check.controls[0].label) == (AS_STATED, CONTROL + "false")
    assert audit_check.corrected is not None and audit_check.corrected.change is Change.FORMULA
    assert not audit_check.decides


def test_claim_equals_the_claim_built_by_keywords() -> None:
    first, second = _a_check("first"), _a_check("second")
    sources = (src(D000, "Introduction"),)
    built = claim("X-ONE", "A title", "A statement.", sources, (GF14, "a citation"), first, second, notes="A note.")
    by_keywords = Claim(
        id="X-ONE",
        title="A title",
        statement="A statement.",
        sources=sources,
        references=(str(GF14), "a citation"),
        checks=(first, second),
        notes="A note.",
    )
    assert built == by_keywords
    assert built.references == (str(GF14), "a citation")


def test_claim_without_checks_has_none() -> None:
    assert claim("X-TWO", "A title", "A statement.", (src(D000, "Introduction"),), (GF14,)).checks == ()


def test_claim_takes_its_checks_only_as_arguments() -> None:
    with pytest.raises(TypeError):
        claim("X-THREE", "A title", "A statement.", (src(D000, "Introduction"),), (), checks=(_a_check(),))


def test_an_empirical_check_is_the_same_check_with_kind_empirical() -> None:
    stated, controls, corrected = ("most runs pass", True), [("none pass", "no run passes", False)], None
    built = empirical("runs-pass", "Count runs.", _holds, stated, controls, corrected=corrected, decides=False)
    expected = check("runs-pass", Kind.EMPIRICAL, "Count runs.", _holds, stated, controls, decides=False)
    assert built == expected


def test_an_empirical_check_labels_its_variants_and_keeps_their_subjects() -> None:
    c = empirical("runs-pass", "Count runs.", _holds, ("most runs pass", True), [("none pass", "no run passes", False)])
    assert c.kind is Kind.EMPIRICAL and c.decides and c.corrected is None
    assert (c.stated.label, c.stated.statement, c.stated.subject) == (AS_STATED, "most runs pass", True)
    assert [(v.label, v.subject) for v in c.controls] == [(CONTROL + "none pass", False)]
