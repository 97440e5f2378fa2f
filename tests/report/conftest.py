"""Shared fixtures of the report tests: one small report, generated once per session through the CLI."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from verify.__main__ import main

#: Fast claims (symbolic, well under a second together), one of them with a failing stated subject.
FAST_CLAIMS = "D-STAR-HALF,NS-FIXED-POINT,V-NEG-BCE,V-TERM-ROLES"


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report folder written by ``python -m verify run`` on :data:`FAST_CLAIMS` (quick profile, no figures)."""
    out = tmp_path_factory.mktemp("report")
    argv = ["run", "--claims", FAST_CLAIMS, "--profile", "quick", "--out", str(out), "--no-figures", "--quiet"]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="session")
def _report_data(report_dir: Path) -> dict[str, Any]:
    return json.loads((report_dir / "report.json").read_text(encoding="utf-8"))


@pytest.fixture
def report(_report_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh deep copy of the small report's dictionary (tests may edit it)."""
    return copy.deepcopy(_report_data)
