"""Every claim's expected full-profile verdict is written down, and the committed report (a full run) has it.

The per-claim comparison in ``claim_checks.committed_report_agrees`` skips the claims that are pending in
pytest's quick run; this one compares every claim, those included, without running anything.
"""

from __future__ import annotations

import json

import pytest

from tests.paths import REPO
from tests.registry.claim_checks import expected
from tests.registry.verdicts_full_profile import FULL_PROFILE
from verify.model import Verdict

REPORT_PATH = REPO / "reports" / "report.json"


def expected_full_profile() -> dict[str, str]:
    """Each registered claim's expected verdict under the full profile."""
    return {**expected(), **FULL_PROFILE}


def test_full_profile_entries_are_registered_claims() -> None:
    assert sorted(set(FULL_PROFILE) - set(expected())) == []


def test_full_profile_entries_differ_from_the_quick_profile() -> None:
    same = sorted(cid for cid, verdict in FULL_PROFILE.items() if expected()[cid] == verdict)
    assert same == [], "these entries repeat the quick-profile verdict: remove them"


def test_full_profile_entries_are_decided_verdicts() -> None:
    decided = {v.value for v in Verdict} - {Verdict.PENDING.value, Verdict.ERROR.value}
    assert {cid: v for cid, v in FULL_PROFILE.items() if v not in decided} == {}


def test_no_claim_is_expected_pending_under_the_full_profile() -> None:
    assert sorted(cid for cid, v in expected_full_profile().items() if v == Verdict.PENDING.value) == []


def test_the_committed_report_has_every_expected_full_profile_verdict() -> None:
    if not REPORT_PATH.is_file():
        pytest.skip("no committed report: tests/report/test_committed_report.py::test_committed_report_exists fails")
    report = json.loads(REPORT_PATH.read_text(encoding="utf-8"))
    if report["run"]["profile"]["name"] != "full":
        pytest.skip("the committed report is not a full run: test_committed_report_is_a_full_run_of_every_claim fails")
    committed = {c["id"]: c["verdict"] for c in report["claims"]}
    wanted = expected_full_profile()
    differ = [
        f"{cid}: expected {wanted[cid]}, report {committed[cid]}"
        for cid in sorted(set(wanted) & set(committed))
        if wanted[cid] != committed[cid]
    ]
    assert differ == [], "\n".join(differ)
