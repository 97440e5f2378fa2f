"""A one-check synthetic claim and its test, for the harness tests that run checks through the runner.

The synthetic check asks whether a subject is the minimum of C(G), −log 4 (Goodfellow et al. 2014,
arXiv:1406.2661, Theorem 1).
"""

from __future__ import annotations

import math

from verify.context import Context
from verify.model import Check, Claim, Origin, Outcome, Source
from verify.tolerance import Tolerance, compare

LOG4 = math.log(4.0)

#: The synthetic subjects are −log 4 as ``math.log`` computes it, or a value far from it.
MINIMUM = Tolerance(rtol=0.0, atol=1e-12, why="subjects are −LOG4 itself or at least 0.1 away from it")


def minimum_is_minus_log4(subject: float | None, ctx: Context) -> Outcome:
    """The test of the synthetic checks: is ``subject`` the minimum of C(G), −log 4? ``None``: not run."""
    if subject is None:
        return Outcome.undecided("experiment not run")
    return Outcome.decide(compare(subject, -LOG4, MINIMUM).ok, f"{subject} against −log 4", value=subject)


def synthetic_claim(check: Check, claim_id: str = "SYN-MIN", statement: str = "min C(G)") -> Claim:
    """A claim of our own (an extension: it cites no tutorial document) holding only ``check``."""
    return Claim(
        id=claim_id,
        title="synthetic",
        statement=statement,
        sources=(Source("synthetic", "none"),),
        checks=(check,),
        origin=Origin.EXTENSION,
    )
