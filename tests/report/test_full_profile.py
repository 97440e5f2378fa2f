"""The full profile, run here without trained networks, reaches the committed report's verdicts.

pytest's registry tests run the quick profile, which draws fewer random cases
and Hypothesis examples than the full profile that wrote ``reports/``. A
defect that only the larger draws expose (a quadrature error estimate fooled by
a kink once made FDIV-TV-ROW ``refuted`` in the full profile alone) passes the
quick tests. This slow test reruns every claim that needs no experiment under
the report's own profile and seed, so such a defect is caught before a report
is regenerated and committed. About two minutes on 2 cores: ``pytest -m slow``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.paths import REPO, sources_folder
from verify.context import PROFILES, Context
from verify.experiments import store
from verify.model import Verdict
from verify.registry import all_claims
from verify.runner import run_claim

REPORT_PATH = REPO / "reports" / "report.json"


def _committed() -> dict[str, Any]:
    if not REPORT_PATH.is_file():
        pytest.skip("no committed report: test_committed_report_exists fails")
    return json.loads(REPORT_PATH.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("claim", all_claims(), ids=lambda c: c.id)
def test_full_profile_reaches_the_committed_verdict(claim: Any) -> None:
    report = _committed()
    run = report["run"]
    ctx = Context(
        profile=PROFILES[run["profile"]["name"]],
        seed=run["seed"],
        sources=sources_folder(),
        run_experiments=False,
        experiments=store(),
    )
    result = run_claim(claim, ctx)
    if result.verdict is Verdict.PENDING:
        pytest.skip("needs an experiment or the documents folder")
    committed = {c["id"]: c["verdict"] for c in report["claims"]}
    assert result.verdict.value == committed[claim.id], (
        f"{claim.id}: the report says {committed[claim.id]}, the full profile computes {result.verdict.value}"
    )
