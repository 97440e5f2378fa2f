"""Expected verdicts, and the claims tests/registry/test_claims.py is parametrised over.

The tables in ``expected_*.py`` (one per claim module) are the only place
where verdicts are written down. The registry computes them; if a
computation changes a verdict, the test fails and the change has to be looked
at, not silently published.

Each claim's tests run in the pytest-xdist group of its claim module
(tests/registry/conftest.py): with ``--dist loadgroup`` the claims that share
a trained-GAN experiment (they live in one module) are computed on one worker,
which trains it once, and the modules spread over the workers.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

import pytest

from verify.registry import CLAIM_MODULES


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


@cache
def claim_modules() -> dict[str, str]:
    """The claim module of every registered claim, by claim ID.

    Returns
    -------
    dict[str, str]
        Claim ID to the dotted name of the module of :data:`verify.registry.CLAIM_MODULES`
        that defines it, modules in catalog order and IDs sorted within each.
    """
    table: dict[str, str] = {}
    for module in CLAIM_MODULES:
        for claim_id in sorted(c.id for c in importlib.import_module(module).CLAIMS):
            table[claim_id] = module
    return table


def claim_params() -> list[pytest.ParameterSet]:
    """One ``claim_id`` parameter per registered claim, named ``<module>::<claim ID>``.

    Returns
    -------
    list[pytest.ParameterSet]
        For :func:`pytest.mark.parametrize`, e.g. ``losses::LOSS-MINIMAX.a``, in the order of
        :func:`claim_modules`.
    """
    return [
        pytest.param(claim_id, id=f"{module.rsplit('.', 1)[-1]}::{claim_id}")
        for claim_id, module in claim_modules().items()
    ]
