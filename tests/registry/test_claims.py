"""The assertions every registered claim must pass: each test runs once per claim of every claim module.

The claims are those of :data:`verify.registry.CLAIM_MODULES`, so a new claim module is tested
with no new test file. Test IDs name the module and the claim, e.g.
``test_verdict[losses::LOSS-MINIMAX.a]``; tests/registry/conftest.py puts each in the
pytest-xdist group of its claim module.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from tests.paths import REPO
from tests.registry.claim_checks import claim_params, expected
from tests.registry.run_cache import CONTEXT, result_of
from verify.model import Kind, Verdict
from verify.programs import NEEDS_KERAS
from verify.registry import all_claims
from verify.runner import CheckStatus

COMMITTED = REPO / "reports" / "report.json"

CLAIMS = claim_params()


@cache
def _committed_verdicts() -> dict[str, str] | None:
    if not COMMITTED.is_file():
        return None
    return {c["id"]: c["verdict"] for c in json.loads(COMMITTED.read_text(encoding="utf-8"))["claims"]}


def _needs_documents(claim_id: str) -> bool:
    claim = next(c for c in all_claims() if c.id == claim_id)
    return CONTEXT.sources is None and any(k.kind is Kind.CODE_AUDIT and k.decides for k in claim.checks)


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_verdict(claim_id: str) -> None:
    if _needs_documents(claim_id):
        pytest.skip("code audit: set GANTHEORY_SOURCES to the documents folder")
    result = result_of(claim_id)
    if result.verdict is Verdict.PENDING and NEEDS_KERAS in result.explanation:
        pytest.skip(f"Keras audit: {NEEDS_KERAS}")
    assert result.verdict.value == expected()[claim_id], result.explanation


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_every_control_is_refuted(claim_id: str) -> None:
    result = result_of(claim_id)
    for check in result.checks:
        if check.status == CheckStatus.PENDING:
            continue
        passed = [c.label for c in check.controls if c.outcome.holds is not False]
        assert passed == [], f"{check.check.name}: controls not refuted: {passed}"


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_a_failing_check_has_a_correction_that_holds(claim_id: str) -> None:
    result = result_of(claim_id)
    for check in result.checks:
        if check.status != CheckStatus.FAILS:
            continue
        assert check.check.corrected is not None, f"{check.check.name} fails as stated but offers no correction"
        assert check.corrected is not None and check.corrected.outcome.holds, (
            f"{check.check.name}: the correction does not hold: {check.corrected}"
        )


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_a_correction_is_refuted_in_its_controls(claim_id: str) -> None:
    """Where a correction was judged, the same test also refuted a control: the correction's test can fail."""
    result = result_of(claim_id)
    for check in result.checks:
        if check.corrected is None or check.corrected.outcome.holds is not True:
            continue
        refuted = [c.label for c in check.controls if c.outcome.holds is False]
        assert refuted, f"{check.check.name}: the correction holds but no control was refuted by the same test"


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_committed_report_agrees(claim_id: str) -> None:
    """The committed full-profile report has the verdict pytest computes (quick profile)."""
    committed = _committed_verdicts()
    if committed is None:
        pytest.skip("no committed report: tests/report/test_committed_report.py::test_committed_report_exists fails")
    if claim_id not in committed:
        pytest.skip("not in the committed report: test_committed_report_has_every_registered_claim fails")
    result = result_of(claim_id)
    if result.verdict is Verdict.PENDING:
        pytest.skip("pending in this pytest run (no documents folder, or experiments off)")
    assert result.verdict.value == committed[claim_id], (
        f"report says {committed[claim_id]}, pytest computes {result.verdict.value}: regenerate reports/ "
        "with `python -m verify run --sources <documents folder>`"
    )
