"""The builder of empirical checks, :func:`verify.builders.empirical`: a ``check`` of kind EMPIRICAL."""

from __future__ import annotations

from verify.builders import AS_STATED, CONTROL, check, empirical
from verify.context import Context
from verify.model import Change, Kind, Outcome

STATED = ("most runs pass", 3)
CONTROLS = [("none pass", "no run passes", 0)]
CORRECTED = (Change.CONCLUSION, "two runs pass", 2)


def _positive(subject: int, ctx: Context) -> Outcome:
    return Outcome.decide(subject > 0, f"subject {subject}")


def test_an_empirical_check_is_the_same_check_with_kind_empirical() -> None:
    built = empirical("runs-pass", "Count runs.", _positive, STATED, CONTROLS, corrected=CORRECTED, decides=False)
    expected = check(
        "runs-pass", Kind.EMPIRICAL, "Count runs.", _positive, STATED, CONTROLS, corrected=CORRECTED, decides=False
    )
    assert built == expected


def test_an_empirical_check_labels_its_variants_and_keeps_their_subjects() -> None:
    c = empirical("runs-pass", "Count runs.", _positive, STATED, CONTROLS)
    assert c.kind is Kind.EMPIRICAL and c.decides and c.corrected is None
    assert (c.stated.label, c.stated.statement, c.stated.subject) == (AS_STATED, *STATED)
    assert [(v.label, v.statement, v.subject) for v in c.controls] == [(CONTROL + "none pass", "no run passes", 0)]
