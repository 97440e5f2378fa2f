"""Each claim's tests in the pytest-xdist group of its claim module.

The claims of one module share trained experiments, which tests/registry/run_cache.py
caches per process: with ``--dist loadgroup`` one worker runs a module's claims and
trains each experiment once, while the modules spread over the workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.registry.claim_checks import claim_modules

CLAIM_TESTS = Path(__file__).with_name("test_claims.py")


# tryfirst: pytest-xdist's worker reads the xdist_group marks in its own implementation of this hook.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test of tests/registry/test_claims.py with ``xdist_group(<its claim's module>)``.

    Parameters
    ----------
    items
        The collected tests, of the whole session (a conftest's hook is not limited to its folder).
    """
    modules = claim_modules()
    for item in items:
        if isinstance(item, pytest.Function) and item.path == CLAIM_TESTS:
            item.add_marker(pytest.mark.xdist_group(modules[item.callspec.params["claim_id"]]))
