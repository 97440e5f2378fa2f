"""Shared pytest setup: Hypothesis profiles, where the tutorial documents are, and xdist groups.

The profile is ``ci`` (200 derandomised examples per test) unless
``HYPOTHESIS_PROFILE`` or ``--hypothesis-profile`` names another.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import settings

from verify.context import register_hypothesis_profiles

register_hypothesis_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Falsifying arrays print with every digit, so a printed counterexample reproduces.
np.set_printoptions(floatmode="unique")

if os.environ.get("PYTEST_XDIST_WORKER"):
    # Under pytest-xdist each worker gets one core: torch's default of one thread per
    # core would oversubscribe the machine and slow every worker down.
    import torch

    torch.set_num_threads(1)


#: Fixture scopes whose value one process builds once for all the tests of a file.
_FILE_SCOPES = frozenset({"module", "class"})


def _uses_a_file_scoped_fixture(item: pytest.Item) -> bool:
    # pytest has no public way to ask for the scope of the fixtures an item uses.
    if not isinstance(item, pytest.Function):
        return False
    return any(defs[-1].scope in _FILE_SCOPES for defs in item._fixtureinfo.name2fixturedefs.values() if defs)


# tryfirst: pytest-xdist's worker reads the xdist_group marks in its own implementation of this hook.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep the tests of a file that share a module- or class-scoped fixture on one xdist worker.

    With ``--dist loadgroup`` a test without an ``xdist_group`` may run on any worker, so a
    fixture built once per file (a tiny training run, a browser) would be built on every
    worker that runs one of its tests; grouping these tests by file builds it once.
    The group is named after the file. A test that already has a group keeps it.

    Parameters
    ----------
    items
        The collected tests.
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is None and _uses_a_file_scoped_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
