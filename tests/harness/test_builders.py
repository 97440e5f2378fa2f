"""The builders of :mod:`verify.builders` (checks of one kind, claims) build what the model's constructors would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from verify.builders import (
    AS_STATED,
    CONTROL,
    check,
    claim,
    code_audit,
    empirical,
    numeric_check,
    property_check,
    symbolic_check,
)
from verify.context import Context
from verify.model import Change, Check, Claim, Kind, Origin, Outcome
from verify.references import GF14
from verify.sources import D000, D001, src


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
    built = claim(
        "X-ONE",
        "A title",
        "A statement.",
        first,
        second,
        sources=sources,
        references=(GF14, "a citation"),
        notes="A note.",
    )
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
    assert (
        claim("X-TWO", "A title", "A statement.", sources=(src(D000, "Introduction"),), references=(GF14,)).checks == ()
    )


def test_claim_takes_its_checks_only_as_arguments() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'checks'"):
        claim("X-THREE", "A title", "A statement.", sources=(src(D000, "Introduction"),), checks=(_a_check(),))  # type: ignore[call-arg]


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


def _positive(subject: int, ctx: Any) -> Outcome:
    return Outcome.decide(subject > 0, f"{subject} > 0")


@pytest.mark.parametrize(
    ("builder", "kind"),
    [(numeric_check, Kind.NUMERIC), (symbolic_check, Kind.SYMBOLIC), (property_check, Kind.PROPERTY)],
)
def test_a_one_kind_builder_is_check_with_that_kind(builder: Callable[..., Check[Any]], kind: Kind) -> None:
    arguments = (("one is positive", 1), [("negative", "minus one is positive", -1)])
    options: dict[str, Any] = {
        "corrected": (Change.FORMULA, "two is positive", 2),
        "build": lambda x: 10 * x,
        "decides": False,
    }
    built = builder("positive", "the sign of an integer", _positive, *arguments, **options)
    assert built == check("positive", kind, "the sign of an integer", _positive, *arguments, **options)
    assert built.kind is kind and built.decides is False
    assert [built.stated.label, built.controls[0].label] == [AS_STATED, CONTROL + "negative"]
    assert [built.stated.subject, built.controls[0].subject, built.corrected.subject] == [10, -10, 20]


def test_a_one_kind_builder_defaults_as_check_does() -> None:
    built = numeric_check("positive", "the sign", _positive, ("one is positive", 1), [("zero", "zero is", 0)])
    assert built.corrected is None and built.decides is True and built.stated.subject == 1


def _checks() -> tuple[Check[Any], ...]:
    return tuple(
        numeric_check(name, "the sign", _positive, ("one is positive", 1), [("zero", "zero is", 0)])
        for name in ("first", "second")
    )


def test_claim_is_the_claim_with_its_checks_in_order() -> None:
    fields: dict[str, Any] = {
        "sources": (src(D001, "4.1 f-GAN Framework"),),
        "assumptions": ("an assumption",),
        "references": ("a reference",),
        "notes": "a note",
        "origin": Origin.DOCUMENT,
    }
    built = claim("ABC-DEF", "A title", "A statement.", *_checks(), **fields)
    assert built == Claim(id="ABC-DEF", title="A title", statement="A statement.", checks=_checks(), **fields)
    assert [c.name for c in built.checks] == ["first", "second"]


#: Built as a claim module builds its claims: by a statement of the module's body.
MODULE_LEVEL = claim("ABC-DEF", "A title", "A statement.", *_checks(), sources=(src(D001, "4.1 f-GAN Framework"),))


def test_claim_keeps_claims_defaults_and_is_located_where_the_module_calls_it() -> None:
    built = MODULE_LEVEL
    assert (built.assumptions, built.references, built.notes, built.origin) == ((), (), "", Origin.DOCUMENT)
    assert built.defined_at.startswith(f"{__name__}:")
