"""The one registry of claims, shared by ``python -m verify`` and ``pytest``.

Claims are defined in the modules of :mod:`verify.claims`, grouped as the
catalog groups them; each module exposes ``CLAIMS``. This module gathers them,
checks the registry's integrity (unique IDs) and selects claims by pattern.
"""

from __future__ import annotations

import fnmatch
import importlib
import pkgutil
from functools import cache

from verify.model import Claim

__all__ = ["CLAIM_MODULES", "all_claims", "get", "import_every_local_module", "select"]

#: The claim modules, in catalog order.
CLAIM_MODULES: tuple[str, ...] = (
    "verify.claims.value_function",
    "verify.claims.derivations",
    "verify.claims.jensen_shannon",
    "verify.claims.generator_objectives",
    "verify.claims.losses",
    "verify.claims.equilibrium",
    "verify.claims.fdivergences",
    "verify.claims.transport",
    "verify.claims.gradients",
    "verify.claims.code_audits",
    "verify.claims.practice",
    "verify.claims.empirical",
    "verify.claims.empirical_modes",
    "verify.claims.fine_print",
)


@cache
def all_claims() -> tuple[Claim, ...]:
    """Every registered claim, sorted by ID (after :func:`import_every_local_module`).

    Raises
    ------
    ValueError
        If two claims share an ID.
    """
    import_every_local_module()
    claims: list[Claim] = []
    for name in CLAIM_MODULES:
        claims.extend(importlib.import_module(name).CLAIMS)
    seen: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in seen:
            raise ValueError(f"claim ID {claim.id} is registered twice")
        seen[claim.id] = claim
    return tuple(sorted(claims, key=lambda c: c.id))


@cache
def import_every_local_module() -> None:
    """Import every module of gantheory and verify, once.

    Hypothesis seeds generation with literal constants harvested from the
    *local* modules present in ``sys.modules`` (``hypothesis.internal.
    conjecture.providers``), so a derandomised search would depend on which of
    our modules happened to be imported (``pytest`` imports more than
    ``python -m verify``). Importing them all first makes the constant pool,
    and hence every search, the same in every process.
    """
    import gantheory

    for package in (gantheory, importlib.import_module("verify")):
        for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)


def get(claim_id: str, claims: tuple[Claim, ...] | None = None) -> Claim:
    """The claim with this ID (case-insensitive), from ``claims`` (default: the registry)."""
    wanted = claim_id.upper()
    for claim in all_claims() if claims is None else claims:
        if claim.id.upper() == wanted:
            return claim
    raise KeyError(f"no claim with ID {claim_id!r}; `python -m verify list` shows them all")


def select(pattern: str | None, claims: tuple[Claim, ...] | None = None) -> tuple[Claim, ...]:
    """Claims whose ID matches any comma-separated glob in ``pattern`` (all when ``None``).

    A pattern without a wildcard also matches the claim's sub-IDs, so ``CG-JS``
    selects ``CG-JS`` and ``CG-JS.a``. ``claims`` is the pool to select from
    (default: the registry; :func:`verify.user_claims.claim_pool` builds others).

    Raises
    ------
    KeyError
        When ``pattern`` holds no glob (``''``, ``','``) or any of its globs
        matches no claim; the message names every such glob.
    """
    if pattern is None:
        return all_claims() if claims is None else claims
    globs = [g.strip() for g in pattern.split(",") if g.strip()]
    if not globs:
        raise KeyError(f"{pattern!r} names no claim; give comma-separated ID globs such as 'CG-*,JS-SYM'")
    claims = all_claims() if claims is None else claims
    chosen: dict[str, Claim] = {}
    unmatched = []
    for g in globs:
        forms = [g.upper()] if any(ch in g for ch in "*?[") else [g.upper(), g.upper() + ".*"]
        hits = [c for c in claims if any(fnmatch.fnmatchcase(c.id.upper(), f) for f in forms)]
        if not hits:
            unmatched.append(g)
        chosen.update((c.id, c) for c in hits)
    if unmatched:
        raise KeyError("no claim matches " + ", ".join(repr(g) for g in unmatched))
    return tuple(c for c in claims if c.id in chosen)
