"""The expected-verdict tables and the parameters of test_claims.py cover the registry exactly."""

from __future__ import annotations

from tests.registry.claim_checks import claim_params, expected
from verify.registry import all_claims


def test_every_registered_claim_has_an_expected_verdict() -> None:
    ids = {c.id for c in all_claims()}
    assert sorted(ids - set(expected())) == []
    assert sorted(set(expected()) - ids) == []


def test_every_registered_claim_is_a_parameter_of_test_claims_once() -> None:
    ids = [param.values[0] for param in claim_params()]
    assert sorted(ids) == sorted(c.id for c in all_claims())
