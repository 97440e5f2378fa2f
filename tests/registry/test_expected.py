"""The expected-verdict tables and the per-module claim test files cover the registry exactly."""

from __future__ import annotations

from pathlib import Path

from tests.registry.claim_checks import expected
from verify.registry import CLAIM_MODULES, all_claims


def test_every_registered_claim_has_an_expected_verdict() -> None:
    ids = {c.id for c in all_claims()}
    assert sorted(ids - set(expected())) == []
    assert sorted(set(expected()) - ids) == []


def test_every_claim_module_has_its_test_file() -> None:
    here = Path(__file__).parent
    missing = [m for m in CLAIM_MODULES if not (here / f"test_claims_{m.rsplit('.', 1)[1]}.py").is_file()]
    assert missing == []
