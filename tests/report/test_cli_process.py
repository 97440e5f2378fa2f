"""The command line as a user meets it, in a fresh process: every wrong input ends in one clear line, never a traceback.

Most cases fail before any claim runs, so each costs an interpreter start.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO
from verify.__main__ import _parser

#: Run ``verify.__main__.main`` with the claim registry broken: a fault of the suite, not of the input.
BROKEN_REGISTRY = """
import sys
import verify.registry

def all_claims():
    raise RuntimeError("the registry broke\\nand said more on a second line")

verify.registry.all_claims = all_claims
from verify.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _verify(*argv: str, cwd: Path = REPO, env: dict[str, str] | None = None, code: str | None = None):
    """``python -m verify ARGV`` (or ``python -c CODE ARGV``) in a fresh interpreter."""
    command = [sys.executable, *(["-c", code] if code else ["-m", "verify"]), *argv]
    full_env = {**os.environ, "COLUMNS": "80", "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300)


def _one_error_line(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 or code == 2, result.stderr  # argparse (exit 2) adds its usage line
    return lines[-1]


@pytest.mark.extended
@pytest.mark.parametrize("target", ["/dev/null", "a-file"])
def test_out_that_is_not_a_folder_is_refused_before_any_claim_runs(tmp_path: Path, target: str) -> None:
    out = Path(target) if target.startswith("/") else tmp_path / target
    if not out.exists():
        out.write_text("not a folder\n", encoding="utf-8")
    line = _one_error_line(_verify("run", "--out", str(out), "--quiet"))
    assert line == f"error: --out {out} is not a folder; give a folder (new, empty, or holding an earlier report)"


@pytest.mark.extended
def test_out_that_cannot_be_written_is_refused_before_any_claim_runs(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere a permission bit allows: take a file system that refuses
        out = Path("/proc/gantheory-report")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "reports"
    line = _one_error_line(_verify("run", "--out", str(out), "--quiet"))
    assert line.startswith(f"error: --out {out} cannot be written: ")
    assert not out.exists()


@pytest.mark.extended
def test_out_that_is_a_repository_root_is_refused() -> None:
    line = _one_error_line(_verify("run", "--out", ".", "--quiet"))
    assert line.startswith("error: --out . is a repository root")


@pytest.mark.extended
def test_a_negative_seed_is_refused(tmp_path: Path) -> None:
    line = _one_error_line(_verify("run", "--seed", "-1", "--out", str(tmp_path / "r")), code=2)
    assert line.endswith("argument --seed: must be an integer ≥ 0, got -1")


@pytest.mark.extended
def test_an_empty_claims_pattern_is_an_error(tmp_path: Path) -> None:
    line = _one_error_line(_verify("run", "--claims", "", "--out", str(tmp_path / "r"), "--quiet"))
    assert line == "error: '' names no claim; give comma-separated ID globs such as 'CG-*,JS-SYM'"
    assert not (tmp_path / "r").exists()


@pytest.mark.extended
def test_every_pattern_that_matches_nothing_is_named(tmp_path: Path) -> None:
    argv = ("run", "--claims", "CG-JS,NOPE-*,also-not", "--out", str(tmp_path / "r"), "--quiet")
    assert _one_error_line(_verify(*argv)) == "error: no claim matches 'NOPE-*', 'also-not'"
    assert not (tmp_path / "r").exists()


@pytest.mark.extended
def test_cite_a_missing_report(tmp_path: Path) -> None:
    line = _one_error_line(_verify("cite", "CG-JS", "--report", str(tmp_path / "none.json")))
    assert line == f"error: no report at {tmp_path / 'none.json'}; run `python -m verify` first"


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        pytest.param("[1, 2]", marks=pytest.mark.extended),
        pytest.param("\udcff", marks=pytest.mark.extended),
    ],
)
def test_cite_a_corrupt_report(tmp_path: Path, text: str) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    line = _one_error_line(_verify("cite", "CG-JS", "--report", str(path)))
    assert line.startswith(f"error: {path} is not a")
    assert "verification report" in line or "readable report" in line


def test_an_internal_error_is_one_line_pointing_to_debug() -> None:
    line = _one_error_line(_verify("list", "--claims", "CG-*", code=BROKEN_REGISTRY))
    assert line == "error: internal error RuntimeError: the registry broke (rerun with --debug for the traceback)"


@pytest.mark.extended
def test_debug_shows_the_traceback_of_an_internal_error() -> None:
    result = _verify("list", "--debug", "--claims", "CG-*", code=BROKEN_REGISTRY)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip().endswith("second line")


def test_help_lists_every_command_on_one_line() -> None:
    result = _verify("--help")
    assert result.returncode == 0
    (commands,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    lines = result.stdout.splitlines()
    for action in commands._choices_actions:
        (i,) = [i for i, line in enumerate(lines) if re.match(rf"\s+{re.escape(action.dest)}\s", line)]
        assert action.help and lines[i].rstrip().endswith(action.help), lines[i]
    assert "--version" in result.stdout and "--debug" in result.stdout


@pytest.mark.extended
def test_version_names_the_package_and_commit() -> None:
    result = _verify("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"gantheory \S+ \(commit ([0-9a-f]{12}|unknown)\)\n", result.stdout)


def test_a_partial_run_never_replaces_the_reference_report(tmp_path: Path) -> None:
    reference = tmp_path / "reports"
    reference.mkdir()
    (reference / "report.json").write_text('{"the": "reference"}\n', encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    argv = ("run", "--claims", "D-STAR-HALF", "--profile", "quick", "--no-figures", "--quiet")
    result = _verify(*argv, cwd=tmp_path, env={"TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(p.name for p in reference.iterdir()) == ["report.json"]
    assert (reference / "report.json").read_text(encoding="utf-8") == '{"the": "reference"}\n'
    (written,) = re.findall(r"writing to (\S+), not reports/", result.stderr)
    report = json.loads((Path(written) / "report.json").read_text(encoding="utf-8"))
    assert Path(written).is_relative_to(scratch)
    assert [c["id"] for c in report["claims"]] == ["D-STAR-HALF"]
