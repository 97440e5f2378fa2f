"""The later builders of :mod:`verify.builders`: checks of one kind, and :func:`~verify.builders.claim`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from verify.builders import AS_STATED, CONTROL, check, claim, numeric_check, property_check, symbolic_check
from verify.model import Change, Check, Claim, Kind, Origin, Outcome
from verify.sources import D001, src


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
