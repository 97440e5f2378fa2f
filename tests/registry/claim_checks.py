"""The assertions every registered claim must pass, as test functions built per claim module.

Each ``test_claims_<module>.py`` file calls :func:`registry_tests` with its claim
module, so that pytest-xdist's ``--dist loadfile`` gives each module's claims
to one worker: claims that share a trained-GAN experiment (they live in one
module) train it once, and the modules spread over the workers.

The tables in ``expected_*.py`` (one per claim module) are the only place
where verdicts are written down. The registry computes them; if a
computation changes a verdict, the test fails and the change has to be looked
at, not silently published.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.registry.run_cache import CONTEXT, result_of
from verify.model import Kind, Verdict
from verify.programs import NEEDS_KERAS
from verify.registry import all_claims
from verify.runner import CheckStatus

COMMITTED = REPO / "reports" / "report.json"


@cache
def expected() -> dict[str, str]:
    """The expected verdicts of all ``expected_*.py`` tables, merged (a claim may appear in one only)."""
    table: dict[str, str] = {}
    for path in sorted(Path(__file__).parent.glob("expected_*.py")):
        module = importlib.import_module(f"tests.registry.{path.stem}")
        overlap = set(table) & set(module.EXPECTED)
        assert not overlap, f"{path.name} repeats {sorted(overlap)}"
        table.update(module.EXPECTED)
    return table


def claim_ids(module: str) -> list[str]:
    """IDs of the claims defined in ``verify.claims.<module>``."""
    claims = importlib.import_module(f"verify.claims.{module}").CLAIMS
    return sorted(c.id for c in claims)


@cache
def _committed_verdicts() -> dict[str, str] | None:
    if not COMMITTED.is_file():
        return None
    return {c["id"]: c["verdict"] for c in json.loads(COMMITTED.read_text(encoding="utf-8"))["claims"]}


def _needs_documents(claim_id: str) -> bool:
    claim = next(c for c in all_claims() if c.id == claim_id)
    return CONTEXT.sources is None and any(k.kind is Kind.CODE_AUDIT and k.decides for k in claim.checks)


def verdict_is_expected(claim_id: str) -> None:
    if _needs_documents(claim_id):
        pytest.skip("code audit: set GANTHEORY_SOURCES to the documents folder")
    result = result_of(claim_id)
    if result.verdict is Verdict.PENDING and NEEDS_KERAS in result.explanation:
        pytest.skip(f"Keras audit: {NEEDS_KERAS}")
    assert result.verdict.value == expected()[claim_id], result.explanation


def every_control_is_refuted(claim_id: str) -> None:
    result = result_of(claim_id)
    for check in result.checks:
        if check.status == CheckStatus.PENDING:
            continue
        passed = [c.label for c in check.controls if c.outcome.holds is not False]
        assert passed == [], f"{check.check.name}: controls not refuted: {passed}"


def a_failing_check_has_a_correction_that_holds(claim_id: str) -> None:
    result = result_of(claim_id)
    for check in result.checks:
        if check.status != CheckStatus.FAILS:
            continue
        assert check.check.corrected is not None, f"{check.check.name} fails as stated but offers no correction"
        assert check.corrected is not None and check.corrected.outcome.holds, (
            f"{check.check.name}: the correction does not hold: {check.corrected}"
        )


def a_correction_is_refuted_in_its_controls(claim_id: str) -> None:
    """Where a correction was judged, the same test also refuted a control: the correction's test can fail."""
    result = result_of(claim_id)
    for check in result.checks:
        if check.corrected is None or check.corrected.outcome.holds is not True:
            continue
        refuted = [c.label for c in check.controls if c.outcome.holds is False]
        assert refuted, f"{check.check.name}: the correction holds but no control was refuted by the same test"


def committed_report_agrees(claim_id: str) -> None:
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


def registry_tests(module: str) -> tuple[Callable[[str], None], ...]:
    """The five parametrised tests of the claims of ``verify.claims.<module>``."""
    ids = claim_ids(module)

    def parametrised(check: Callable[[str], None], name: str) -> Callable[[str], None]:
        def test(claim_id: str) -> None:
            check(claim_id)

        test.__name__ = test.__qualname__ = name
        test.__doc__ = check.__doc__
        return pytest.mark.parametrize("claim_id", ids)(test)

    return (
        parametrised(verdict_is_expected, "test_verdict"),
        parametrised(every_control_is_refuted, "test_every_control_is_refuted"),
        parametrised(a_failing_check_has_a_correction_that_holds, "test_a_failing_check_has_a_correction_that_holds"),
        parametrised(a_correction_is_refuted_in_its_controls, "test_a_correction_is_refuted_in_its_controls"),
        parametrised(committed_report_agrees, "test_committed_report_agrees"),
    )
