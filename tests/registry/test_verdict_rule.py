"""One rule for qualified against refuted, and whose claim each claim is.

The verdict of a failing check follows from what its correction changes
(:class:`verify.model.Change`), so two claims with the same mathematics get
the same verdict; literature results and our extensions are counted apart
from the documents' claims.
"""

from __future__ import annotations

import pytest

from tests.registry.claim_checks import expected
from tests.registry.run_cache import CONTEXT, result_of
from verify.model import Change, Check, Claim, Correction, Kind, Origin, Outcome, Source, Variant, Verdict
from verify.registry import all_claims, get
from verify.report.data import counts_by_origin, document_counts
from verify.runner import run_claim

#: Claims that rest on the same mathematics, with why; each pair must share its verdict.
SAME_MATHEMATICS: tuple[tuple[str, str, str], ...] = (
    ("LS-FAKE", "NOISE-LABEL-FLIP", "flipping labels at rate ε is, in expectation, smoothing to (1 − ε, ε)"),
    ("V-NEG-BCE", "D-LOSS-BCE", "V and 000's d_loss are ± the same sum of the two per-class cross-entropies"),
    ("EQ-D-HALF.c", "EQ-ACC-50.c", "both ask whether the GAN's own D at chance certifies the generator"),
)

_DOCUMENT = "000_2023e3cfc1f17277.txt"


def _claim_with(change: Change | None, *, stated_holds: bool, corrected_holds: bool = True) -> Claim:
    """A one-check claim whose outcomes are fixed booleans, with a correction of the given kind."""

    def test(subject: bool, ctx: object) -> Outcome:
        return Outcome.decide(subject, "fixed outcome")

    return Claim(
        id="SYNTHETIC-RULE",
        title="synthetic",
        statement="synthetic",
        sources=(Source(_DOCUMENT, "Summary"),),
        checks=(
            Check(
                name="fixed",
                kind=Kind.NUMERIC,
                method="a fixed outcome",
                test=test,
                stated=Variant("as stated", "fixed", stated_holds),
                corrected=None if change is None else Correction(change, "fixed", corrected_holds),
                controls=(Variant("control: false", "fixed", False),),
            ),
        ),
    )


@pytest.mark.parametrize("change", [Change.ASSUMPTION, Change.SCOPE])
def test_an_assumption_or_a_narrower_scope_qualifies(change: Change) -> None:
    assert run_claim(_claim_with(change, stated_holds=False), CONTEXT).verdict is Verdict.QUALIFIED


@pytest.mark.parametrize("change", [Change.FORMULA, Change.CONCLUSION])
def test_a_changed_formula_or_conclusion_refutes(change: Change) -> None:
    assert run_claim(_claim_with(change, stated_holds=False), CONTEXT).verdict is Verdict.REFUTED


@pytest.mark.parametrize("change", list(Change))
def test_a_correction_that_fails_refutes_whatever_its_kind(change: Change) -> None:
    claim = _claim_with(change, stated_holds=False, corrected_holds=False)
    assert run_claim(claim, CONTEXT).verdict is Verdict.REFUTED


@pytest.mark.parametrize("change", list(Change))
def test_a_correction_is_not_run_when_the_statement_holds(change: Change) -> None:
    assert run_claim(_claim_with(change, stated_holds=True), CONTEXT).verdict is Verdict.VERIFIED


def test_a_correction_needs_a_change_kind() -> None:
    with pytest.raises(TypeError, match="Change"):
        Correction("qualification", "a free label", None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("first", "second", "why"), SAME_MATHEMATICS)
def test_same_mathematics_same_expected_verdict(first: str, second: str, why: str) -> None:
    assert expected()[first] == expected()[second], why


# The default run already computes each claim's verdict against its expected one (test_verdict) and
# holds the expected verdicts of each pair equal (above); this recomputation trains GANs, so it is slow.
@pytest.mark.slow
@pytest.mark.parametrize(("first", "second", "why"), SAME_MATHEMATICS)
def test_same_mathematics_same_computed_verdict(first: str, second: str, why: str) -> None:
    assert result_of(first).verdict is result_of(second).verdict, why


def test_a_claim_citing_no_document_cannot_be_a_documents() -> None:
    with pytest.raises(ValueError, match="cites no tutorial document"):
        Claim(
            id="SYNTHETIC-PAPER",
            title="t",
            statement="s",
            sources=(Source("A paper 2016", "Table 1"),),
            references=("r",),
        )


def test_extensions_are_labelled_as_extensions() -> None:
    for claim in all_claims():
        says_extension = claim.title.startswith("Extension (not a claim of the documents)")
        assert says_extension == (claim.origin is Origin.EXTENSION), claim.id


def test_named_extensions_are_not_the_documents() -> None:
    for claim_id in ("EQ-ACC-50.c", "EQ-ACC-50.digits", "EQ-D-HALF.c", "LSGAN-THM.c"):
        assert get(claim_id).origin is Origin.EXTENSION, claim_id


def _entry(claim_id: str, verdict: str, origin: str) -> dict[str, object]:
    return {"id": claim_id, "verdict": verdict, "origin": origin, "sources": [{"document": _DOCUMENT, "section": "s"}]}


def test_document_counts_leave_out_claims_the_document_does_not_make() -> None:
    claims = [
        _entry("A", "verified", "document"),
        _entry("B", "refuted", "extension"),
        _entry("C", "refuted", "literature"),
    ]
    counts = document_counts(claims)[_DOCUMENT]
    assert counts["verified"] == 1
    assert counts["refuted"] == 0


def test_counts_by_origin_keep_each_origin_apart() -> None:
    claims = [_entry("A", "verified", "document"), _entry("B", "refuted", "extension")]
    counts = counts_by_origin(claims)
    assert (counts["document"]["verified"], counts["document"]["refuted"]) == (1, 0)
    assert (counts["extension"]["verified"], counts["extension"]["refuted"]) == (0, 1)
