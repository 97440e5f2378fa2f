"""Document 003's Keras blocks executed under Keras 3 (torch backend): what each train_on_batch changes.

Skipped where the documents or Keras 3 (the ``audit`` extra) are missing. All programs of document 003 run
in one child process, once per pytest worker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import sources_folder
from verify import audit, programs
from verify.claims import code_audits as ca
from verify.context import Context
from verify.sources import D003

# The registry's own tests run the same Keras audits by default; these detailed measurements are extended tests.
pytestmark = [pytest.mark.sources, pytest.mark.extended]


@pytest.fixture(scope="module")
def folder() -> Path:
    path = sources_folder()
    if path is None:
        pytest.skip("set GANTHEORY_SOURCES to the documents folder")
    missing = programs.keras_missing()
    if missing is not None:
        pytest.skip(missing)
    return path


@pytest.fixture(scope="module")
def execution(folder: Path) -> audit.Execution:
    ctx = Context(sources=folder)
    doc = audit.open_document(ctx, D003)
    assert isinstance(doc, audit.Document)
    return programs.keras_execution(doc, programs.run_seed(ctx, "keras"))


def _steps(execution: audit.Execution, run: programs.KerasRun, model: str) -> list[dict]:
    result = execution.result(run.label)
    assert result.error is None, result.error
    steps = [t for t in result.trace if t["model"] == model]
    assert steps
    return steps


def test_the_evidence_names_keras_3_on_torch(execution: audit.Execution) -> None:
    assert execution.versions["keras"].split(".")[0] == "3"
    assert execution.versions["keras_backend"] == "torch" and "torch" in execution.versions


def test_the_class_as_written_stops_at_the_generators_output_layer(execution: audit.Execution) -> None:
    error = execution.result(ca.C_AS_WRITTEN.label).error
    assert error is not None and error["type"] == "ValueError" and "units" in error["message"]
    assert execution.result(ca.C_AS_WRITTEN.label).trace == ()


def test_the_recipe_leaves_the_discriminator_bit_identical_in_its_own_steps(execution: audit.Execution) -> None:
    for step in _steps(execution, ca.C_INT_WIDTH, "discriminator"):
        assert step["trainable_weights"] == 0
        assert step["changes"]["discriminator"]["entries_changed"] == 0
        assert step["changes"]["generator"]["entries_changed"] == 0
        assert "The model does not have any trainable weights." in step["warnings"]


def test_the_recipes_combined_step_trains_the_generator_alone(execution: audit.Execution) -> None:
    for step in _steps(execution, ca.C_INT_WIDTH, "combined"):
        assert step["changes"]["generator"]["entries_changed"] > 0
        assert step["changes"]["discriminator"]["entries_changed"] == 0


def test_toggling_trainable_trains_each_network_in_its_own_step(execution: audit.Execution) -> None:
    for step in _steps(execution, ca.C_TOGGLED, "discriminator"):
        assert step["changes"]["discriminator"]["entries_changed"] > 0
        assert step["changes"]["generator"]["entries_changed"] == 0
    for step in _steps(execution, ca.C_TOGGLED, "combined"):
        assert step["changes"]["generator"]["entries_changed"] > 0
        assert step["changes"]["discriminator"]["entries_changed"] == 0


def test_a_discriminator_never_frozen_changes_in_the_combined_step(execution: audit.Execution) -> None:
    assert all(
        s["changes"]["discriminator"]["entries_changed"] > 0 for s in _steps(execution, ca.C_NEVER_FROZEN, "combined")
    )


def test_the_workflow_block_stops_at_latent_dim(execution: audit.Execution) -> None:
    error = execution.result(ca.W_AS_WRITTEN.label).error
    assert error is not None and error["type"] == "NameError" and "latent_dim" in error["message"]


def test_the_workflow_with_the_keras_2_fix_still_never_trains_d(execution: audit.Execution) -> None:
    assert all(
        s["changes"]["discriminator"]["entries_changed"] == 0 for s in _steps(execution, ca.W_FIXED, "discriminator")
    )


def test_phases_check_holds_for_the_toggled_class_and_refutes_its_controls(folder: Path) -> None:
    ctx = Context(sources=folder).for_check("PHASES", ca.PHASES_KERAS_CHECK.name)
    check = ca.PHASES_KERAS_CHECK
    assert check.test(check.stated.subject, ctx).holds is True
    assert [check.test(c.subject, ctx).holds for c in check.controls] == [False] * len(check.controls)
