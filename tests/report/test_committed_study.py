"""The committed report's equilibrium evidence follows from its own experiment results.

The claims that read the equilibrium study are pending in pytest's quick profile; replaying the committed
full-profile experiment results through them checks their code against the committed verdicts and summaries.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from tests.paths import REPO
from verify.context import PROFILES, Context
from verify.registry import get
from verify.runner import run_claim

REPORT = REPO / "reports" / "report.json"
CERTIFIED_CHECKS = {
    "EQ-D-HALF.b": "half-when-certified",
    "EQ-ACC-50.b": "chance-when-certified",
    "PLOT-NEG-LOG4.b": "final-loss-levels-certified",
}


@cache
def _committed() -> dict[str, Any] | None:
    return json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.is_file() else None


def _report() -> dict[str, Any]:
    report = _committed()
    if report is None:
        pytest.skip("no committed report: test_committed_report_exists fails")
    return report


class _Replay(Context):
    """A full-profile context whose experiments are the committed report's results."""

    def experiment(self, name: str) -> Any:
        return _report()["experiments"].get(name, {}).get("results")


@pytest.mark.parametrize("claim_id", sorted(CERTIFIED_CHECKS))
def test_certified_check_reproduces_the_committed_evidence(claim_id: str) -> None:
    report = _report()
    committed = next(c for c in report["claims"] if c["id"] == claim_id)
    name = CERTIFIED_CHECKS[claim_id]
    old = next(k for k in committed["checks"] if k["name"] == name)
    result = run_claim(get(claim_id), _Replay(profile=PROFILES["full"], seed=report["run"]["seed"]))
    check = next(r for r in result.checks if r.check.name == name)
    assert check.stated.outcome.summary == old["stated"]["summary"]
    assert [c.outcome.summary for c in check.controls] == [c["summary"] for c in old["controls"]]
    assert all(c.outcome.holds is False for c in check.controls)
    assert result.verdict.value == committed["verdict"]
