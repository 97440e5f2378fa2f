"""The Makefile's set-up, read with ``make -n`` (prints the commands, runs none): order, overrides, stamps."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paths import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _dry(*args: str, venv: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TORCH_SPEC", "TORCH_INDEX", "EXTRAS", "MAKEFLAGS"}}
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", *args, f"VENV={venv}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines()


def _index(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines) if needle in line)


def test_make_test_creates_the_venv_installs_cpu_torch_first_then_the_project_then_tests(tmp_path: Path) -> None:
    lines = _dry("test", venv=tmp_path / "v")
    venv, torch = _index(lines, "-m venv"), _index(lines, '"torch==2.13.0"')
    project, pytest_run = _index(lines, 'install -e ".[test,audit]"'), _index(lines, "-m pytest")
    assert venv < torch < project < pytest_run
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in lines[torch]


def test_make_report_runs_the_report_after_the_same_install(tmp_path: Path) -> None:
    lines = _dry("report", venv=tmp_path / "v")
    assert _index(lines, 'install -e ".[test,audit]"') < _index(lines, "-m verify run")


def test_torch_spec_and_index_are_overridable(tmp_path: Path) -> None:
    lines = _dry("test", "TORCH_SPEC=torch==2.5.1", "TORCH_INDEX=", venv=tmp_path / "v")
    torch = lines[_index(lines, '"torch==2.5.1"')]
    assert "--extra-index-url" not in torch


def test_the_extras_are_one_variable(tmp_path: Path) -> None:
    lines = _dry("test", "EXTRAS=test", venv=tmp_path / "v")
    assert any('install -e ".[test]"' in line for line in lines)


def test_docs_add_the_docs_extra_and_build_with_warnings_as_errors(tmp_path: Path) -> None:
    lines = _dry("docs", venv=tmp_path / "v")
    assert _index(lines, 'install -e ".[test,audit,docs]"') < _index(lines, "-m sphinx -W")


def test_an_up_to_date_install_is_skipped(tmp_path: Path) -> None:
    venv = tmp_path / "v"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.touch()
    stamp = venv / ".installed-test_audit-torch__2.13.0"
    stamp.touch()
    # the stamp is newer than everything it depends on: .venv's python, pyproject.toml and the Makefile
    newest = max(p.stat().st_mtime for p in (python, REPO / "pyproject.toml", REPO / "Makefile"))
    os.utime(python, (newest - 20, newest - 20))
    os.utime(stamp, (newest - 10, newest - 10))
    for dep in (REPO / "pyproject.toml", REPO / "Makefile"):
        if dep.stat().st_mtime > newest - 10:
            pytest.skip(f"{dep.name} was modified in the last seconds")
    lines = _dry("test", venv=venv)
    assert not any("pip" in line for line in lines)
    assert any("-m pytest" in line for line in lines)
