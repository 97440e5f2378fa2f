"""The one-kind check builders of :mod:`verify.builders` are :func:`~verify.builders.check` with the kind fixed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from verify.builders import AS_STATED, CONTROL, check, numeric_check, property_check, symbolic_check
from verify.model import Change, Check, Kind, Outcome


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
