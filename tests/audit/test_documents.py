"""The auditor on the real tutorial documents (skipped when they are not available).

Set ``GANTHEORY_SOURCES`` to the documents folder, or keep ``../shared/sources``
beside the checkout. Nothing of the documents is stored in the repository: these
tests read them at run time and assert only facts about them (counts, names,
line numbers, verdict-relevant findings).
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from tests.paths import sources_folder
from verify import audit
from verify.context import Context
from verify.programs import run_training_pseudo_code
from verify.sources import D000, D001, D002, D003, D004, DOCUMENTS


def _global_rng_state() -> np.ndarray:
    """NumPy's legacy global random state: what executing a document must leave untouched."""
    return np.random.get_state()[1].copy()  # noqa: NPY002


pytestmark = pytest.mark.sources


@pytest.fixture(scope="module")
def folder() -> Path:
    path = sources_folder()
    if path is None:
        pytest.skip("set GANTHEORY_SOURCES to the documents folder")
    return path


def _doc(folder: Path, name: str) -> audit.Document:
    doc = audit.open_document(Context(sources=folder), name)
    assert isinstance(doc, audit.Document), doc
    return doc


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_matches_its_pinned_hash(folder: Path, name: str) -> None:
    assert _doc(folder, name).matches_pin


@pytest.mark.parametrize(
    ("name", "languages"),
    [
        (D000, ["python"] * 3),
        (D001, ["python"]),
        (D002, ["python"] * 9),
        (D003, ["python", "python", "bash"]),
        (D004, []),
    ],
)
def test_code_cells_per_document(folder: Path, name: str, languages: list[str]) -> None:
    cells = _doc(folder, name).cells
    assert [c.language for c in cells] == languages
    for cell in cells:
        if cell.language == "python":
            cell.tree()  # every Python cell parses


def test_002_outputs_are_separated_from_code(folder: Path) -> None:
    cells = _doc(folder, D002).cells
    with_output = [c for c in cells if c.output]
    assert len(with_output) == 6
    assert all(ast.parse(c.code) for c in with_output)


def _block(folder: Path, defines: str) -> ast.Module:
    cell = audit.find_cell(
        _doc(folder, D003),
        lambda t: any(isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name == defines for n in ast.walk(t)),
        f"defines {defines}",
    )
    return cell.tree()


def test_003_workflow_has_exactly_three_problems(folder: Path) -> None:
    result = audit.keras_recipe_audit(_block(folder, "build_gan"))
    assert {(u.name, u.scope) for u in result.undefined} == {("np", "train_gan"), ("latent_dim", "build_gan")}
    assert result.trained - result.compiled == {"discriminator"}
    assert len(result.problems) == 3


def test_003_class_follows_the_recipe_but_reuses_noise(folder: Path) -> None:
    tree = _block(folder, "GAN")
    assert audit.keras_recipe_audit(tree).ok
    (step,) = audit.generator_step_inputs(tree)
    assert not step.fresh and [call for _, call in step.used_between] == ["self.generator.predict"]


def test_001_pseudo_code_reads_only_the_names_we_bind(folder: Path) -> None:
    (cell,) = _doc(folder, D001).python_cells()
    names = {u.name for u in audit.undefined_names(cell.tree())}
    assert names == {"num_epochs", "dataloader", "k", "m", "sample_noise", "D", "G", "log", "mean"} | {
        "optimizer_D",
        "optimizer_G",
    }


def test_001_literal_generator_step_is_the_sum_of_both_losses_gradients(folder: Path) -> None:
    (cell,) = _doc(folder, D001).python_cells()
    run = run_training_pseudo_code(cell.tree(), seed=11)
    first_g = next(i for i, r in enumerate(run["records"]) if r["optimizer"] == "optimizer_G")
    records = run["records"][: first_g + 1]

    def flat(ts: list) -> np.ndarray:
        return np.concatenate([t.numpy().ravel() for t in ts])

    accumulated = sum(flat(r["fresh"]["optimizer_G"]) for r in records)
    seen = flat(records[-1]["seen"])
    np.testing.assert_allclose(seen, accumulated, rtol=1e-10, atol=1e-13)
    assert not np.allclose(seen, flat(records[-1]["fresh"]["optimizer_G"]))


def test_000_simple_gan_runs_without_touching_global_rng(folder: Path) -> None:
    doc = _doc(folder, D000)
    cell = audit.find_cell(
        doc, lambda t: any(isinstance(n, ast.ClassDef) and n.name == "SimpleGAN" for n in t.body), "defines SimpleGAN"
    )
    before = _global_rng_state()
    cls = audit.execute_definitions(cell.code, ["SimpleGAN"], bindings={"np": audit.PrivateNumpy(1)}, filename="<000>")
    gan = cls["SimpleGAN"](latent_dim=1, hidden_dim=4, lr=0.01)
    assert gan.generate(5).shape == (5, 1)
    assert np.array_equal(_global_rng_state(), before)
