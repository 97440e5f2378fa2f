"""A one-check synthetic claim, for the harness tests that run checks through the runner."""

from __future__ import annotations

from verify.model import Check, Claim, Origin, Source


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
