"""The document auditor on small synthetic snippets written for these tests (no document needed).

Each snippet exhibits one pattern the code audits look for in the tutorial
documents: notebook cells with printed outputs, fenced blocks, names read but
never bound, a model trained without being compiled, a model frozen before it
is compiled, noise reused between the discriminator and generator steps,
gradients that accumulate without ``zero_grad``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from verify import audit
from verify.claims.code_audits import C003_WORKFLOW
from verify.context import Context
from verify.programs import run_training_pseudo_code
from verify.runner import run_claim
from verify.sources import D003


def _global_rng_state() -> np.ndarray:
    """NumPy's legacy global random state: what executing a document must leave untouched."""
    return np.random.get_state()[1].copy()  # noqa: NPY002


NOTEBOOK = '''# A notebook

Some prose before the code.

In [None]:
import numpy as np

class Model:
    """A model."""

    def __init__(self):
        self.w = np.random.randn(2)

    def double(self, x):
        return 2 * x

In [3]:
a.shape, b.shape

((3, 4), (5,))

In [4]:
print(1)

1

## A heading after the cell

More prose.
'''

FENCED = """# Title

## Section A

Text.

```python
x = 1

y = x + 1
```

## Section B

```bash
pip install nothing
```
"""


def test_notebook_cell_keeps_blank_lines_inside_a_class() -> None:
    cells = audit.split_cells(NOTEBOOK)
    assert [c.marker for c in cells] == ["In [None]", "In [3]", "In [4]"]
    assert "def double" in cells[0].code
    assert cells[0].line == 6
    assert cells[0].section == "A notebook"


def test_printed_value_is_output_not_code() -> None:
    cells = audit.split_cells(NOTEBOOK)
    assert cells[1].code == "a.shape, b.shape"
    assert cells[1].output == "((3, 4), (5,))"
    assert cells[2].code == "print(1)"
    assert cells[2].output == "1"


def test_markdown_after_the_last_cell_is_neither_code_nor_output() -> None:
    last = audit.split_cells(NOTEBOOK)[-1]
    assert "heading" not in last.code
    assert "heading" not in last.output


def test_fenced_cells_carry_language_and_section() -> None:
    cells = audit.split_cells(FENCED)
    assert [(c.language, c.section) for c in cells] == [("python", "Section A"), ("bash", "Section B")]
    assert cells[0].code == "x = 1\n\ny = x + 1"


UNDEFINED = """
import os

def build(width):
    return np.zeros(width) + depth + len(os.sep)

class Box:
    size = 3

    def area(self):
        return size * size

def setter():
    global counter
    counter = 1

print(counter, [i for i in range(3)], (lambda q: q)(2))
"""


def test_undefined_names_follow_python_scoping() -> None:
    found = {(u.name, u.scope) for u in audit.undefined_names(UNDEFINED)}
    assert found == {("np", "build"), ("depth", "build"), ("size", "Box.area")}


def test_undefined_name_reports_its_line() -> None:
    lines = {u.name: u.line for u in audit.undefined_names(UNDEFINED)}
    assert lines["np"] == 5 and lines["size"] == 11


def test_star_import_makes_globals_unknowable() -> None:
    assert audit.undefined_names("from numpy import *\nprint(zeros(3))") == ()


# A Keras-style GAN written for these tests: the critic is frozen but never compiled,
# np and Model are never imported, and the generator step reuses the critic step's noise.
KERAS_BROKEN = """
def make_models(gen, critic):
    critic.trainable = False
    stacked = Model(gen.input, critic(gen.output))
    stacked.compile(loss="bce", optimizer="adam")
    return stacked

def fit(gen, critic, stacked, data, steps):
    ones = np.ones((8, 1))
    zeros = np.zeros((8, 1))
    for _ in range(steps):
        z = np.random.normal(size=(8, 4))
        critic.train_on_batch(data[:8], ones)
        critic.train_on_batch(gen.predict(z), zeros)
        stacked.train_on_batch(z, ones)
"""

FIXED = audit.Patch(
    "imports, critic compiled before the freeze, fresh noise",
    (
        audit.prepend("import numpy as np\nfrom keras import Model"),
        audit.insert_before(audit.sets_attribute("critic.trainable"), 'critic.compile(loss="bce", optimizer="adam")'),
        audit.insert_before(audit.calls("stacked.train_on_batch"), "z = np.random.normal(size=(8, 4))"),
    ),
)


def test_uncompiled_critic_and_missing_imports_are_problems() -> None:
    result = audit.keras_recipe_audit(ast.parse(KERAS_BROKEN))
    assert {u.name for u in result.undefined} == {"np", "Model"}
    assert any("critic is trained" in p and "never compiled" in p for p in result.problems)
    assert result.combined == frozenset({"stacked"})


def test_fixed_recipe_passes() -> None:
    assert audit.keras_recipe_audit(FIXED.apply(ast.parse(KERAS_BROKEN))).ok


def test_compiling_after_the_freeze_is_a_problem() -> None:
    late = audit.Patch(
        "compiled after the freeze",
        (
            audit.prepend("import numpy as np\nfrom keras import Model"),
            audit.insert_after(
                audit.sets_attribute("critic.trainable"), 'critic.compile(loss="bce", optimizer="adam")'
            ),
        ),
    )
    problems = audit.keras_recipe_audit(late.apply(ast.parse(KERAS_BROKEN))).problems
    assert len(problems) == 1 and "after it is frozen" in problems[0]


def test_generator_step_towards_zeros_is_a_problem() -> None:
    wrong = audit.Patch(
        "labels zeros", (*FIXED.edits, audit.replace_call_argument("stacked.train_on_batch", 1, "zeros"))
    )
    problems = audit.keras_recipe_audit(wrong.apply(ast.parse(KERAS_BROKEN))).problems
    assert len(problems) == 1 and "all-ones" in problems[0]


def test_reused_noise_is_found() -> None:
    (step,) = audit.generator_step_inputs(ast.parse(KERAS_BROKEN))
    assert step.variable == "z" and not step.fresh
    assert [call for _, call in step.used_between] == ["gen.predict"]


def test_fresh_noise_is_fresh() -> None:
    (step,) = audit.generator_step_inputs(FIXED.apply(ast.parse(KERAS_BROKEN)))
    assert step.fresh


def test_patch_needs_exactly_one_target() -> None:
    tree = ast.parse("a = 1\na = 2\n")
    with pytest.raises(audit.PatchError, match=r"patch 'ambiguous': expected exactly one statement .*, found 2"):
        audit.Patch("ambiguous", (audit.delete(audit.assigns("a")),)).apply(tree)
    with pytest.raises(audit.PatchError, match=r"patch 'missing': expected exactly one statement .*, found 0"):
        audit.Patch("missing", (audit.delete(audit.assigns("b")),)).apply(tree)


def test_patch_edits_are_structural() -> None:
    tree = ast.parse(
        "def f(a):\n    return a\nfor i in range(3):\n    u = draw()\n    v = 2\nloss = mean(x)\nw = h(x, 'relu')\n"
    )
    patch = audit.Patch(
        "several edits",
        (
            audit.add_parameter("f", "b", default="0"),
            audit.hoist("range(3)", audit.assigns("u")),
            audit.negate_value(audit.assigns("loss")),
            audit.replace_value(audit.assigns("v"), "3"),
            audit.replace_constant("relu", "tanh", inside="h"),
            audit.move_before(audit.assigns("w"), audit.assigns("loss")),
        ),
    )
    assert ast.unparse(patch.apply(tree)).splitlines() == [
        "def f(a, b=0):",
        "    return a",
        "u = draw()",
        "for i in range(3):",
        "    v = 3",
        "w = h(x, 'tanh')",
        "loss = -mean(x)",
    ]


def test_empty_patch_keeps_the_cells_line_numbers() -> None:
    tree = ast.parse("\n\n\nx = 1\n")
    assert audit.AS_WRITTEN.apply(tree).body[0].lineno == 4


EXECUTABLE = """
import numpy as np

np.random.seed(0)
raise RuntimeError("top-level code must not run")

def draw(n):
    return np.random.randn(n)

grid = np.linspace(0, 1, 3)
density = 2 * grid + offset
"""


def test_only_definitions_are_executed_and_global_rng_is_untouched() -> None:
    before = _global_rng_state()
    draw = audit.execute_definitions(
        EXECUTABLE, ["draw"], bindings={"np": audit.PrivateNumpy(7)}, filename="<synthetic>"
    )["draw"]
    first = draw(4)
    assert np.array_equal(_global_rng_state(), before)
    again = audit.execute_definitions(EXECUTABLE, ["draw"], bindings={"np": audit.PrivateNumpy(7)}, filename="<s>")
    assert np.array_equal(again["draw"](4), first)


def test_assignment_function_evaluates_one_expression() -> None:
    f = audit.assignment_function(EXECUTABLE, "density", "grid", bindings={"offset": 1.0}, filename="<synthetic>")
    assert np.array_equal(f(np.array([0.0, 1.0])), np.array([1.0, 3.0]))


def test_audit_without_documents_is_pending() -> None:
    result = run_claim(C003_WORKFLOW, Context(sources=None))
    assert result.verdict.value == "pending"
    assert audit.NEEDS_DOCUMENTS in result.explanation


def test_document_with_another_hash_is_pending(tmp_path: Path) -> None:
    (tmp_path / D003).write_text("```python\nx = 1\n```\n", encoding="utf-8")
    outcome = audit.open_document(Context(sources=tmp_path), D003)
    assert outcome.holds is None and "SHA-256" in outcome.summary


# Training pseudo-code written for this test: one loop, the non-saturating G loss, no zero_grad.
LOOP = """
for step in range(num_epochs):
    noise = sample_noise(m)
    loss_d = -mean(log(D(dataloader[0])) + log(1 - D(G(noise))))
    loss_d.backward()
    optimizer_D.step()
    noise = sample_noise(m)
    loss_g = -mean(log(D(G(noise))))
    loss_g.backward()
    optimizer_G.step()
"""


def _generator_step(tree: ast.Module) -> dict:
    run = run_training_pseudo_code(tree, seed=3)
    return next(r for r in run["records"] if r["optimizer"] == "optimizer_G")


def test_without_zero_grad_the_generator_step_carries_the_discriminator_loss() -> None:
    rec = _generator_step(ast.parse(LOOP))
    seen = np.concatenate([g.numpy().ravel() for g in rec["seen"]])
    fresh = np.concatenate([g.numpy().ravel() for g in rec["fresh"]["optimizer_G"]])
    assert not np.allclose(seen, fresh)


def test_with_zero_grad_the_generator_step_sees_its_own_gradient() -> None:
    patch = audit.Patch("zero_grad", (audit.insert_before(audit.calls("loss_g.backward"), "optimizer_G.zero_grad()"),))
    rec = _generator_step(patch.apply(ast.parse(LOOP)))
    seen = np.concatenate([g.numpy().ravel() for g in rec["seen"]])
    fresh = np.concatenate([g.numpy().ravel() for g in rec["fresh"]["optimizer_G"]])
    np.testing.assert_allclose(seen, fresh, rtol=1e-12, atol=1e-15)


def _first_loop(code: str) -> ast.For:
    return next(n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.For))


def test_calls_per_pass_multiplies_inner_range_loops() -> None:
    loop = _first_loop("for e in range(9):\n    for _ in range(k):\n        a.f()\n    g()\n    g()\n")
    assert audit.calls_per_pass(loop, {"k": 3}) == {"f": 3, "g": 2}


def test_calls_per_pass_refuses_a_loop_it_cannot_count() -> None:
    loop = _first_loop("for e in range(9):\n    for x in xs:\n        f()\n")
    with pytest.raises(LookupError, match="cannot count the passes"):
        audit.calls_per_pass(loop, {})
