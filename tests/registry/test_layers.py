"""The modules form layers, and no module imports from a layer above its own.

library (``gantheory``) < engine < claims and experiments < report and command line;
CONTRIBUTING.md lists which module is in which layer. Every import statement is
read, including those inside functions, so a lazy import cannot hide an upward edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LIBRARY, ENGINE, CLAIMS, TOP = 1, 2, 3, 4
ENGINE_MODULES = {
    "verify",
    "verify.model",
    "verify.context",
    "verify.runner",
    "verify.checks",
    "verify.builders",
    "verify.proof",
    "verify.search",
    "verify.tolerance",
    "verify.engine",
    "verify.prefetch",
    "verify.progress",
    "verify.sources",
    "verify.audit",
    "verify.references",
    "verify.plotting",
    "verify.derivation",
}
CLAIMS_MODULES = {
    "verify.cases",
    "verify.cost_checks",
    "verify.fdivergence_tests",
    "verify.programs",
    "verify.seed_rules",
    "verify.registry",
    "verify.catalog",
}
TOP_MODULES = {"verify.__main__", "verify.cite", "verify.c2st", "verify.sweep", "verify.user_claims"}


def layer(module: str) -> int:
    """The layer of a module of ours (a package's ``__init__`` is the package's name)."""
    if module == "gantheory" or module.startswith("gantheory."):
        return LIBRARY
    if module in ENGINE_MODULES:
        return ENGINE
    if module in CLAIMS_MODULES or module.startswith(("verify.claims", "verify.experiments")):
        return CLAIMS
    if module in TOP_MODULES or module.startswith("verify.report"):
        return TOP
    raise AssertionError(f"{module} is in no layer: add it to a layer here and in CONTRIBUTING.md")


def _modules() -> list[tuple[str, Path]]:
    found = []
    for package in ("gantheory", "verify"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join(parts), path))
    return found


def _imported(module: str, path: Path) -> set[str]:
    """The modules of ours that ``module`` imports, anywhere in its body."""
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    ours = {n for n in names if n.split(".")[0] in ("gantheory", "verify")}
    known = {m for m, _ in _modules()}
    # ``from verify import audit`` names a module; ``from verify.model import Claim`` names an attribute
    return {n if n in known else n.rpartition(".")[0] for n in ours} & known


MODULES = _modules()


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_no_module_imports_from_a_layer_above_its_own(module: str, path: Path) -> None:
    own = layer(module)
    upward = sorted(m for m in _imported(module, path) if layer(m) > own)
    assert not upward, f"{module} (layer {own}) imports {upward}"


def test_no_claim_module_imports_another_claim_module() -> None:
    crossing = {
        module: sorted(m for m in _imported(module, path) if m.startswith("verify.claims.") and m != module)
        for module, path in MODULES
        if module.startswith("verify.claims.")
    }
    assert not {m: v for m, v in crossing.items() if v}


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    # the control: an engine module that imports a claim module is caught
    fake = tmp_path / "runner.py"
    fake.write_text("def f():\n    from verify.claims import value_function\n", encoding="utf-8")
    assert any(layer(m) > ENGINE for m in _imported("verify.runner", fake))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_two_modules_import_each_other_even_lazily() -> None:
    graph = {m: _imported(m, p) - {m} for m, p in MODULES}
    assert _cycles(graph) == []


def test_the_cycle_check_sees_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
