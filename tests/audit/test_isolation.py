"""Document code runs in a child process: limits, environment, working directory, results, and the SHA-256 pin.

Synthetic programs only (no documents, no Keras), except the pin tests, which need the real document whose
pin they exercise.
"""

from __future__ import annotations

import ast
import os
import pathlib
import shutil
from pathlib import Path

import pytest

from tests.paths import sources_folder
from verify import audit, programs
from verify.cases import BIMODAL
from verify.claims import code_audits
from verify.context import Context
from verify.sources import D000

_PROBE = """
import os, resource
RESULT = {
    "environment": dict(os.environ),
    "cwd": os.getcwd(),
    "cpu": list(resource.getrlimit(resource.RLIMIT_CPU)),
    "address_space": list(resource.getrlimit(resource.RLIMIT_AS)),
    "file_size": list(resource.getrlimit(resource.RLIMIT_FSIZE)),
    "data_sum": float(DATA.sum()),
    "param": PARAM,
}
"""
_LIMITS = audit.Limits(timeout_s=120, program_timeout_s=20, cpu_s=60, memory_bytes=2 * 2**30, file_bytes=2**20)


@pytest.fixture(scope="module")
def probed() -> audit.Execution:
    import numpy as np

    os.environ["GANTHEORY_TEST_SECRET"] = "must not reach the child"
    try:
        programs = [
            audit.Program("probe", _PROBE, "<probe>", params=(("PARAM", [1, 2]),)),
            audit.Program("raises", "x = 1\ny = 2\nraise KeyError('at line 3')\n", "<raises>"),
            audit.Program("allocates", "block = bytearray(3 * 2**30)\n", "<allocates>"),
            audit.Program("writes", "open('big', 'wb').write(bytes(2 * 2**20))\n", "<writes>"),
            audit.Program("after an error", "RESULT = {'ran': True}\n", "<after>"),
        ]
        return audit.execute_isolated(
            programs, data={"DATA": np.arange(4.0)}, environment={"KERAS_BACKEND": "torch"}, limits=_LIMITS
        )
    finally:
        del os.environ["GANTHEORY_TEST_SECRET"]


def test_the_child_sees_only_the_kept_variables(probed: audit.Execution) -> None:
    env = probed.result("probe").values["environment"]
    assert "GANTHEORY_TEST_SECRET" not in env
    allowed = {"PATH", "LANG", "LC_ALL", "SYSTEMROOT", "HOME", "TMPDIR", "KERAS_HOME", "PYTHONHASHSEED"}
    allowed |= {"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "KERAS_BACKEND", "LC_CTYPE"}
    assert set(env) <= allowed, sorted(set(env) - allowed)
    assert env["KERAS_BACKEND"] == "torch" and env["OMP_NUM_THREADS"] == "1"


def test_the_child_works_in_a_temporary_directory_that_is_removed(probed: audit.Execution) -> None:
    values = probed.result("probe").values
    cwd = Path(values["cwd"])
    assert cwd.name.startswith("gantheory-audit-") and cwd != Path.cwd()
    assert values["environment"]["HOME"] == str(cwd)
    assert not cwd.exists()


def test_the_child_runs_under_the_limits(probed: audit.Execution) -> None:
    values = probed.result("probe").values
    assert values["cpu"] == [_LIMITS.cpu_s] * 2
    assert values["address_space"] == [_LIMITS.memory_bytes] * 2
    assert values["file_size"] == [_LIMITS.file_bytes] * 2


def test_data_and_parameters_are_bound_by_name(probed: audit.Execution) -> None:
    values = probed.result("probe").values
    assert values["data_sum"] == 6.0 and values["param"] == [1, 2]


def test_an_error_is_recorded_with_its_line_and_the_next_program_runs(probed: audit.Execution) -> None:
    error = probed.result("raises").error
    assert error is not None and error["type"] == "KeyError" and error["line"] == 3
    assert probed.result("after an error").values == {"ran": True}


def test_memory_beyond_the_limit_is_refused(probed: audit.Execution) -> None:
    error = probed.result("allocates").error
    assert error is not None and error["type"] == "MemoryError"


def test_a_file_beyond_the_limit_is_refused(probed: audit.Execution) -> None:
    error = probed.result("writes").error
    assert error is not None and error["type"] in {"OSError", "PermissionError"}  # EFBIG: SIGXFSZ is ignored by Python


def test_a_program_past_its_time_is_stopped_and_the_next_runs() -> None:
    limits = audit.Limits(timeout_s=60, program_timeout_s=1)
    run = audit.execute_isolated(
        [
            audit.Program("loops", "x = 0\nwhile True:\n    x += 1\n", "<loops>"),
            audit.Program("next", "RESULT = {'ok': 1}", "<n>"),
        ],
        limits=limits,
    )
    error = run.result("loops").error
    assert error is not None and error["type"] == "_ProgramTimeout" and error["line"] in {2, 3}
    assert run.result("next").values == {"ok": 1}


def test_a_child_past_its_wall_clock_limit_is_killed() -> None:
    sleeper = "import time\nwhile True:\n    time.sleep(0.05)\n"
    with pytest.raises(audit.IsolationError, match="limit"):
        audit.execute_isolated([audit.Program("sleeps", sleeper, "<s>")], limits=audit.Limits(timeout_s=2))


def test_a_child_that_dies_raises() -> None:
    with pytest.raises(audit.IsolationError, match="status"):
        audit.execute_isolated([audit.Program("exits", "import os\nos._exit(3)\n", "<x>")])


# ---------------------------------------------------------------------------
# The pin is checked on the bytes that are executed, read once
# ---------------------------------------------------------------------------

_DEF = b'def generate_real_data(n_samples):\n    """Generate samples from a bimodal Gaussian mixture."""\n'


def _injected(pinned: bytes, marker: Path) -> bytes:
    """Document 000 with a line inside generate_real_data (which the sampler audit executes) that leaves a marker."""
    assert pinned.count(_DEF) == 1
    line = f"    __import__('pathlib').Path({str(marker)!r}).write_text('injected code ran')\n"
    return pinned.replace(_DEF, _DEF + line.encode("utf-8"))


@pytest.fixture()
def copied(tmp_path: Path) -> Path:
    folder = sources_folder()
    if folder is None or not (folder / D000).is_file():
        pytest.skip("set GANTHEORY_SOURCES to the documents folder")
    target = tmp_path / "sources"
    target.mkdir()
    shutil.copy(folder / D000, target / D000)
    return target


def _swap_on_read(monkeypatch: pytest.MonkeyPatch, path: Path, first: bytes, later: bytes) -> list[str]:
    """Make the first read of ``path`` see ``first`` and every later read ``later`` (the file is rewritten)."""
    reads: list[str] = []
    original = {name: getattr(pathlib.Path, name) for name in ("read_bytes", "read_text")}

    def hooked(name: str):
        def read(self: pathlib.Path, *args, **kwargs):
            if self.resolve() != path.resolve():
                return original[name](self, *args, **kwargs)
            with path.open("wb") as fh:
                fh.write(first if not reads else later)
            reads.append(name)
            try:
                return original[name](self, *args, **kwargs)
            finally:
                with path.open("wb") as fh:
                    fh.write(later)

        return read

    for name in ("read_bytes", "read_text"):
        monkeypatch.setattr(pathlib.Path, name, hooked(name))
    return reads


def _sampler_law(sources: Path) -> audit.Outcome:
    check = code_audits.C000_DATA.checks[0]
    return check.test(BIMODAL, Context(sources=sources).for_check("C000-DATA", check.name))


def test_a_document_swapped_after_it_is_read_runs_the_pinned_bytes(
    copied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, marker = copied / D000, tmp_path / "marker"
    pinned = path.read_bytes()
    reads = _swap_on_read(monkeypatch, path, pinned, _injected(pinned, marker))
    outcome = _sampler_law(copied)
    assert outcome.holds is True
    assert reads == ["read_bytes"]  # one read: hashed and executed are the same bytes
    assert not marker.exists()


def test_a_document_swapped_back_after_an_injected_read_is_not_executed(
    copied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what reading twice let through: the text read for execution is injected, the bytes hashed later are pinned
    path, marker = copied / D000, tmp_path / "marker"
    pinned = path.read_bytes()
    _swap_on_read(monkeypatch, path, _injected(pinned, marker), pinned)
    outcome = _sampler_law(copied)
    assert outcome.holds is None and "SHA-256" in outcome.summary
    assert not marker.exists()


def test_the_injection_would_run_if_it_were_read(copied: Path, tmp_path: Path) -> None:
    # control: the injected document, executed without the pin, does leave the marker
    marker = tmp_path / "marker"
    text = _injected((copied / D000).read_bytes(), marker).decode("utf-8")
    doc = audit.Document(D000, text, audit.sha256_text(text))
    cell = audit.find_cell(
        doc,
        lambda t: any(isinstance(n, ast.FunctionDef) and n.name == "generate_real_data" for n in t.body),
        "defines generate_real_data",
    )
    sample = audit.execute_definitions(
        cell.code, ["generate_real_data"], bindings={"np": audit.PrivateNumpy(0)}, filename="<injected>"
    )["generate_real_data"]
    sample(3)
    assert marker.read_text() == "injected code ran"


# ---------------------------------------------------------------------------
# Without Keras the Keras checks are pending
# ---------------------------------------------------------------------------


def test_keras_checks_without_keras_are_pending(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = sources_folder()
    if folder is None:
        pytest.skip("set GANTHEORY_SOURCES to the documents folder")
    monkeypatch.setattr(programs, "keras_missing", lambda: programs.NEEDS_KERAS)
    for check in (c for c in code_audits.C003_CLASS.checks if c.name.startswith("keras-") and c.decides):
        outcome = check.test(check.stated.subject, Context(sources=folder))
        assert outcome.holds is None and outcome.summary == programs.NEEDS_KERAS


def test_keras_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    assert programs.keras_missing() == programs.NEEDS_KERAS
    assert "gantheory[audit]" in programs.NEEDS_KERAS
