"""Every claim's computed verdict equals the verdict we expect, and every control is refuted.

The tables in ``expected_*.py`` (one per claim module) are the only place
where verdicts are written down. The registry
computes them; if a computation changes a verdict, this test fails and the
change has to be looked at, not silently published.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.registry.run_cache import CONTEXT, result_of
from verify.model import Kind, Verdict
from verify.registry import all_claims
from verify.runner import CheckStatus


def _expected() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted(Path(__file__).parent.glob("expected_*.py")):
        module = importlib.import_module(f"tests.registry.{path.stem}")
        overlap = set(table) & set(module.EXPECTED)
        assert not overlap, f"{path.name} repeats {sorted(overlap)}"
        table.update(module.EXPECTED)
    return table


EXPECTED = _expected()

CLAIM_IDS = [c.id for c in all_claims()]

#: One xdist group per claim: all tests of a claim run in one worker, which computes it once.
CLAIMS = [pytest.param(i, marks=pytest.mark.xdist_group(i)) for i in CLAIM_IDS]

COMMITTED = REPO / "reports" / "report.json"


@cache
def _committed_verdicts() -> dict[str, str] | None:
    if not COMMITTED.is_file():
        return None
    return {c["id"]: c["verdict"] for c in json.loads(COMMITTED.read_text(encoding="utf-8"))["claims"]}


def _needs_documents(claim_id: str) -> bool:
    claim = next(c for c in all_claims() if c.id == claim_id)
    return CONTEXT.sources is None and any(k.kind is Kind.CODE_AUDIT and k.decides for k in claim.checks)


def test_every_registered_claim_has_an_expected_verdict() -> None:
    assert sorted(set(CLAIM_IDS) - set(EXPECTED)) == []
    assert sorted(set(EXPECTED) - set(CLAIM_IDS)) == []


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_verdict(claim_id: str) -> None:
    if _needs_documents(claim_id):
        pytest.skip("code audit: set GANTHEORY_SOURCES to the documents folder")
    result = result_of(claim_id)
    assert result.verdict.value == EXPECTED[claim_id], result.explanation


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
