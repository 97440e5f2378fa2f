"""Each claim is run at most once per pytest session, with the quick profile."""

from __future__ import annotations

from functools import cache

from tests.paths import sources_folder
from verify.context import PROFILES, Context
from verify.experiments import store
from verify.registry import get
from verify.runner import ClaimResult, run_claim

CONTEXT = Context(profile=PROFILES["quick"], sources=sources_folder(), experiments=store())


@cache
def result_of(claim_id: str) -> ClaimResult:
    return run_claim(get(claim_id), CONTEXT)
