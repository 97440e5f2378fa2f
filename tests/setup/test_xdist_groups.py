"""pytest-xdist's ``--dist loadgroup`` runs the tests of one ``xdist_group`` on one worker.

The claims' tests rely on it (tests/registry/conftest.py adds the groups in a
``pytest_collection_modifyitems`` hook) to compute each claim module's experiments
once. Nothing fails when the groups are lost, the suite only gets slower: this
test runs a tiny suite grouped the same way and looks where its tests ran.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

CONFTEST = """
import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.xdist_group("one"))
"""

# Four tests on two workers: without the group, load balancing gives each worker some.
TESTS = """
import pytest


@pytest.mark.parametrize("i", range(4))
def test_grouped(i):
    pass
"""


def test_a_group_added_by_a_conftest_hook_runs_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_grouped.py").write_text(TESTS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_CORE_"))}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # starting two workers takes seconds; this only bounds a hang
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workers = set(re.findall(r"^\[(gw\d+)\].* PASSED ", done.stdout, flags=re.MULTILINE))
    assert len(workers) == 1, (
        f"the group ran on {sorted(workers)}: this pytest and pytest-xdist lose groups added by a hook "
        f"(pytest-xdist writes the group into a node ID field that pytest 9.2 no longer reads)\n{done.stdout}"
    )
