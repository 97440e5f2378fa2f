"""Reading the tutorial documents' code: cells, scopes, call order, isolated execution.

The documents are never copied into this repository. Code-audit checks read
them at run time from the folder given with ``--sources`` (``ctx.sources``),
pin each one by its SHA-256 (:data:`verify.sources.DOCUMENTS`) and work on
their code through the helpers here:

* :func:`split_cells` cuts a document into code cells: notebook exports
  (``In [None]:`` / ``In [7]:`` markers, with printed outputs after the code)
  and Markdown fences (```` ```python ````);
* :func:`undefined_names` runs the compiler's own scope analysis
  (:mod:`symtable`) over module, class and function scopes against the
  builtins;
* :func:`events` lists method calls and attribute assignments in source order
  with their enclosing function, from which :func:`keras_recipe_audit` checks
  the Keras GAN recipe (compile → ``trainable = False`` → combined compile)
  and :func:`generator_step_inputs` finds inputs that the generator step
  reuses from the discriminator step;
* :class:`Patch` edits a cell's syntax tree (insert, delete, move, replace)
  so that a correction or a negative control is the document's own code with
  a stated, minimal change, applied at run time;
* :func:`execute_isolated` runs document code, with our calling code, in a
  fresh ``python -I`` child process: resource limits, a per-program and a
  whole-child timeout, a temporary working directory, an environment stripped
  to PATH, locale and thread counts, results back as JSON;
  :func:`keras_instrument` records what each Keras ``train_on_batch`` changes;
* :func:`open_document` reads a document once and pins the bytes it decodes;
* :func:`execute_definitions` and :func:`evaluate_assignment` run a cell's
  functions, classes or one expression in a fresh namespace, with ``np``
  bound to NumPy whose ``np.random`` is a private, seeded ``RandomState``, so
  that executing a document never touches global random state.

Evidence written to reports names line numbers, identifiers and numbers,
never the documents' code itself.
"""

from __future__ import annotations

import ast
import builtins
import copy
import functools
import hashlib
import re
import symtable
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from verify.context import Context
from verify.model import Outcome, jsonable
from verify.sources import DOCUMENTS

__all__ = [
    "AS_WRITTEN",
    "NEEDS_DOCUMENTS",
    "Cell",
    "Document",
    "Event",
    "InputReuse",
    "Patch",
    "PatchError",
    "PrivateNumpy",
    "RecipeAudit",
    "UndefinedName",
    "add_parameter",
    "assigned_value",
    "assignment_function",
    "assigns",
    "call_keywords",
    "calls",
    "calls_per_pass",
    "delete",
    "evaluate_assignment",
    "events",
    "execute_definitions",
    "find_cell",
    "generator_step_inputs",
    "hoist",
    "imports",
    "insert_after",
    "insert_before",
    "keras_recipe_audit",
    "move_before",
    "needs_documents",
    "negate_value",
    "open_document",
    "parse",
    "prepend",
    "replace_call_argument",
    "replace_constant",
    "replace_expression",
    "replace_value",
    "sets_attribute",
    "sha256_text",
    "split_cells",
    "undefined_names",
    "within",
]

#: The reason a code audit gives when no documents folder was passed.
NEEDS_DOCUMENTS = "needs the documents: run with --sources DIR"

# ---------------------------------------------------------------------------
# Documents and cells
# ---------------------------------------------------------------------------

_MARKER = re.compile(r"^In \[(None|\d*)\]:\s*$")
_FENCE_OPEN = re.compile(r"^```\s*([A-Za-z0-9_+.-]*)\s*$")
_FENCE_CLOSE = re.compile(r"^```\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")


@dataclass(frozen=True)
class Cell:
    """One code cell of a document.

    Attributes
    ----------
    index : int
        Position among the document's code cells (0-based).
    marker : str
        ``In [None]``, ``In [7]`` or ```` ```python ````.
    language : str
        ``python`` for notebook cells and Python fences, else the fence's tag.
    code : str
        The cell's source.
    output : str
        Text printed after the code (notebook exports only), else ``""``.
    line : int
        1-based line of the cell's first code line in the document.
    section : str
        The nearest Markdown heading above the cell (``""`` if none).
    """

    index: int
    marker: str
    language: str
    code: str
    output: str
    line: int
    section: str

    def tree(self) -> ast.Module:
        """The cell's syntax tree (raises ``SyntaxError`` if it does not parse)."""
        return parse(self.code, f"<cell {self.index}, line {self.line}>")


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _looks_like_output(paragraph: str) -> bool:
    """A printed value: one expression statement without a single name (a tuple of numbers, say)."""
    try:
        tree = ast.parse(paragraph)
    except SyntaxError:
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return False
    return not any(isinstance(n, ast.Name) for n in ast.walk(tree))


def _is_comment_only(paragraph: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in paragraph.splitlines())


def _paragraphs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(start, stop) line ranges of the non-blank runs of ``lines``."""
    out, start = [], None
    for i, ln in enumerate(lines):
        if ln.strip() and start is None:
            start = i
        elif not ln.strip() and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(lines)))
    return out


def _notebook_cell(lines: Sequence[str]) -> tuple[int, int, int]:
    """Split a notebook block into code and output.

    Returns ``(code_start, code_stop, output_stop)`` as offsets into ``lines``.
    The code is the longest run of blank-line-separated paragraphs that
    parses as Python (a block may be split by blank lines inside a function),
    stopping at a paragraph that looks like a printed value;
    trailing comment-only paragraphs (often a Markdown heading that follows
    the cell) are left out. The output runs to the next Markdown heading.
    """
    paras = _paragraphs(lines)
    if not paras:
        return 0, 0, 0
    taken = [paras[0]]
    for k, para in enumerate(paras[1:], start=1):
        if _looks_like_output("\n".join(lines[para[0] : para[1]])):
            break
        if _parses("\n".join(lines[paras[0][0] : para[1]])):
            taken = paras[: k + 1]
    while len(taken) > 1 and _is_comment_only("\n".join(lines[taken[-1][0] : taken[-1][1]])):
        taken.pop()
    code_start, code_stop = taken[0][0], taken[-1][1]
    out_stop = code_stop
    for i in range(code_stop, len(lines)):
        if _HEADING.match(lines[i]):
            break
        out_stop = i + 1
    return code_start, code_stop, out_stop


@functools.lru_cache(maxsize=32)
def split_cells(text: str) -> tuple[Cell, ...]:
    """The code cells of a document, in order.

    Notebook exports mark a cell with a line ``In [None]:`` or ``In [k]:``;
    Markdown documents fence code with ```` ```lang ```` … ```` ``` ````.
    """
    lines = text.splitlines()
    raw: list[tuple[int, int, str, str, str]] = []  # (first line, stop, marker, language, output)
    code_lines: set[int] = set()

    markers = [i for i, ln in enumerate(lines) if _MARKER.match(ln)]
    for j, m in enumerate(markers):
        block_stop = markers[j + 1] if j + 1 < len(markers) else len(lines)
        block = lines[m + 1 : block_stop]
        c0, c1, o1 = _notebook_cell(block)
        if c1 <= c0:
            continue
        output = "\n".join(block[c1:o1]).strip("\n")
        raw.append((m + 1 + c0, m + 1 + c1, lines[m].strip().rstrip(":"), "python", output))
        code_lines.update(range(m + 1 + c0, m + 1 + c1))

    i = 0
    while i < len(lines):
        opened = _FENCE_OPEN.match(lines[i])
        if opened and i not in code_lines and opened.group(1):
            j = i + 1
            while j < len(lines) and not _FENCE_CLOSE.match(lines[j]):
                j += 1
            raw.append((i + 1, j, f"```{opened.group(1)}", opened.group(1).lower(), ""))
            code_lines.update(range(i, j + 1))
            i = j + 1
            continue
        i += 1

    cells = []
    for index, (start, stop, marker, language, output) in enumerate(sorted(raw)):
        section = ""
        for k in range(start - 1, -1, -1):
            heading = _HEADING.match(lines[k])
            if heading and k not in code_lines:
                section = heading.group(2)
                break
        cells.append(Cell(index, marker, language, "\n".join(lines[start:stop]), output, start + 1, section))
    return tuple(cells)


@dataclass(frozen=True)
class Document:
    """A tutorial document as read for one check, with its SHA-256."""

    name: str
    text: str = field(repr=False)
    sha256: str

    @property
    def pinned_sha256(self) -> str:
        return DOCUMENTS[self.name]

    @property
    def matches_pin(self) -> bool:
        return self.sha256 == self.pinned_sha256

    @property
    def cells(self) -> tuple[Cell, ...]:
        return split_cells(self.text)

    def python_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.language == "python")

    def parsed_python_cells(self) -> Iterator[tuple[Cell, ast.Module]]:
        """Each Python cell that parses, with its syntax tree (notebook fragments that do not parse are skipped)."""
        for cell in self.python_cells():
            try:
                yield cell, cell.tree()
            except SyntaxError:
                continue

    def evidence(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "sha256_matches_pinned": self.matches_pin}


def open_document(ctx: Context, name: str) -> Document | Outcome:
    """The document, or an undecided outcome (no folder, missing file, different version).

    The file is read once: its SHA-256 is computed on the very bytes that are
    decoded into :attr:`Document.text`, so that the text an audit parses or
    executes is the text whose hash matched the pin (reading the file a second
    time would let it change in between).
    """
    if ctx.sources is None:
        return Outcome.undecided(NEEDS_DOCUMENTS)
    if name not in DOCUMENTS:
        raise KeyError(f"{name} is not a registered document")
    path = ctx.sources / name
    if not path.is_file():
        return Outcome.undecided(f"document {name} is not in {ctx.sources}")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != DOCUMENTS[name]:
        return Outcome.undecided(
            f"{name} has SHA-256 {digest[:12]}…, not the pinned {DOCUMENTS[name][:12]}…: "
            "this audit was written for the pinned version"
        )
    return Document(name, data.decode("utf-8"), digest)


def needs_documents(*names: str) -> Callable[[Callable[..., Outcome]], Callable[[Any, Context], Outcome]]:
    """Decorate ``test(subject, ctx, *documents)`` into ``test(subject, ctx)``.

    The wrapper reads and pins the documents (undecided without them) and adds
    each document's SHA-256, and that it matches the pinned one, to the evidence.
    """

    def wrap(fn: Callable[..., Outcome]) -> Callable[[Any, Context], Outcome]:
        @functools.wraps(fn)
        def test(subject: Any, ctx: Context) -> Outcome:
            docs: list[Document] = []
            for name in names:
                doc = open_document(ctx, name)
                if isinstance(doc, Outcome):
                    return doc
                docs.append(doc)
            out = fn(subject, ctx, *docs)
            if out.holds is None:
                return out
            pins = "; ".join(f"{d.name[:3]} SHA-256 {d.sha256[:12]}… matches the pinned version" for d in docs)
            measurements = dict(out.measurements)
            measurements["documents"] = jsonable({d.name: d.evidence() for d in docs})
            return replace(out, summary=f"{out.summary} [{pins}]", measurements=measurements)

        return test

    return wrap


def find_cell(doc: Document, predicate: Callable[[ast.Module], bool], what: str) -> Cell:
    """The one Python cell of ``doc`` whose syntax tree satisfies ``predicate``.

    Raises ``LookupError`` when none or several do: the document changed in a
    way the audit must be told about.
    """
    found = []
    for cell, tree in doc.parsed_python_cells():
        if predicate(tree):
            found.append(cell)
    if len(found) != 1:
        raise LookupError(f"{doc.name}: expected one cell that {what}, found {len(found)}")
    return found[0]


# ---------------------------------------------------------------------------
# Syntax-tree helpers
# ---------------------------------------------------------------------------


def parse(code: str, filename: str = "<document cell>") -> ast.Module:
    """``ast.parse`` with a filename for error messages."""
    return ast.parse(code, filename=filename)


def _unparse(node: ast.AST) -> str:
    return ast.unparse(node)


@dataclass(frozen=True)
class UndefinedName:
    """A name that some scope reads but that no enclosing scope, import or builtin binds."""

    name: str
    scope: str
    line: int

    def __str__(self) -> str:
        return f"{self.name!r} in {self.scope} (line {self.line})"


def _first_load(node: ast.AST, name: str) -> int | None:
    lines = [
        n.lineno for n in ast.walk(node) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
    ]
    return min(lines) if lines else None


def undefined_names(source: str | ast.Module, *, predefined: Iterable[str] = ()) -> tuple[UndefinedName, ...]:
    """Names read somewhere in ``code`` that nothing binds, by the compiler's scope analysis.

    A module-level read resolves against the module's bindings (assignments,
    imports, ``def``, ``class``, names declared ``global`` and assigned in a
    function) and the builtins; a read in a function or class body that the
    compiler resolves as global does the same. Names bound in a class body
    are not visible in its methods, exactly as in Python. The analysis is
    flow-insensitive: a name bound anywhere at module level counts as bound.
    A ``from m import *`` makes every global read unknowable, so none is reported.

    ``source`` is code or a syntax tree; line numbers are those of the tree
    (for a cell's own tree, lines within the cell).
    """
    if isinstance(source, str):
        code, tree = source, ast.parse(source)
    else:
        code, tree = ast.unparse(source), source
    top = symtable.symtable(code, "<document cell>", "exec")
    if any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names) for n in ast.walk(tree)):
        return ()
    bound = set(dir(builtins)) | set(predefined) | {"__name__", "__file__", "__doc__"}
    tables = []

    def collect(t: symtable.SymbolTable, qual: str) -> None:
        tables.append((t, qual))
        for child in t.get_children():
            collect(child, child.get_name() if qual == "<module>" else f"{qual}.{child.get_name()}")

    collect(top, "<module>")
    for t, _ in tables:
        for s in t.get_symbols():
            if t is top and (s.is_assigned() or s.is_imported()):
                bound.add(s.get_name())
            if t is not top and s.is_declared_global() and (s.is_assigned() or s.is_imported()):
                bound.add(s.get_name())
    nodes = _function_nodes(tree)
    found = []
    for t, qual in tables:
        for s in t.get_symbols():
            name = s.get_name()
            if not s.is_referenced() or name in bound:
                continue
            if t is top:
                unresolved = not (s.is_assigned() or s.is_imported())
            else:
                unresolved = s.is_global()
            if not unresolved:
                continue
            parts = qual.split(".")
            while parts and ".".join(parts) not in nodes:
                parts.pop()  # a lambda or comprehension: look in its enclosing function
            scope_node = nodes[".".join(parts)] if parts else tree
            line = _first_load(scope_node, name) or _first_load(tree, name) or 0
            found.append(UndefinedName(name, qual, line))
    return tuple(sorted(found, key=lambda u: (u.line, u.name, u.scope)))


@dataclass(frozen=True)
class Event:
    """A method call or an attribute assignment, with where it happens.

    ``kind`` is ``call`` (``receiver.name(args)``) or ``set`` (``receiver.name = value``);
    ``scope`` is the qualified name of the enclosing function (``<module>`` at top level).
    """

    kind: str
    scope: str
    line: int
    col: int
    receiver: str
    name: str
    node: ast.AST = field(compare=False, repr=False)

    @property
    def target(self) -> str:
        return f"{self.receiver}.{self.name}"


def events(tree: ast.Module) -> tuple[Event, ...]:
    """Method calls and attribute assignments of ``tree`` in source order."""
    out: list[Event] = []

    def visit(node: ast.AST, scope: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = node.name if scope == "<module>" else f"{scope}.{node.name}"
            for child in ast.iter_child_nodes(node):
                visit(child, inner)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            out.append(
                Event("call", scope, node.lineno, node.col_offset, _unparse(node.func.value), node.func.attr, node)
            )
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute):
                    out.append(
                        Event("set", scope, node.lineno, node.col_offset, _unparse(target.value), target.attr, node)
                    )
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, "<module>")
    return tuple(sorted(out, key=lambda e: (e.line, e.col)))


def _is_false(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def _function_nodes(tree: ast.Module) -> dict[str, ast.AST]:
    out: dict[str, ast.AST] = {"<module>": tree}

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = child.name if scope == "<module>" else f"{scope}.{child.name}"
                out[inner] = child
                visit(child, inner)
            else:
                visit(child, scope)

    visit(tree, "<module>")
    return out


def _own_nodes(scope_node: ast.AST) -> Iterator[ast.AST]:
    """Nodes of a function body, not descending into nested functions or classes."""
    stack = list(ast.iter_child_nodes(scope_node))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


def _assignment_lines(scope_node: ast.AST, name: str) -> list[tuple[int, ast.AST]]:
    """Lines where ``name`` is (re)bound in a scope, with the bound value (``None`` for parameters and loops)."""
    found: list[tuple[int, ast.AST]] = []
    if isinstance(scope_node, ast.FunctionDef | ast.AsyncFunctionDef):
        args = scope_node.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            if a.arg == name:
                found.append((scope_node.lineno, ast.Constant(None)))
    for node in _own_nodes(scope_node):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append((node.lineno, node.value))
        elif isinstance(node, ast.AugAssign | ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.target.id == name:
                found.append((node.lineno, node.value or ast.Constant(None)))
        elif isinstance(node, ast.For) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.target)):
            found.append((node.lineno, ast.Constant(None)))
    return sorted(found, key=lambda t: t[0])


@dataclass(frozen=True)
class RecipeAudit:
    """What :func:`keras_recipe_audit` found.

    ``trained``: receivers of ``train_on_batch``/``fit``; ``compiled``:
    receivers of ``compile``; ``frozen``: ``(scope, receiver, line)`` of each
    ``receiver.trainable = False``; ``combined``: models compiled after
    another model was frozen in the same function (the stacked G→D model).
    """

    undefined: tuple[UndefinedName, ...]
    trained: frozenset[str]
    compiled: frozenset[str]
    frozen: tuple[tuple[str, str, int], ...]
    combined: frozenset[str]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, Any]:
        return {
            "undefined_names": [str(u) for u in self.undefined],
            "trained_models": sorted(self.trained),
            "compiled_models": sorted(self.compiled),
            "frozen": [f"{r} in {s} (line {ln})" for s, r, ln in self.frozen],
            "combined_models": sorted(self.combined),
            "problems": list(self.problems),
        }


_TRAIN_METHODS = {"train_on_batch", "fit"}


def _ones_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in {"ones", "ones_like"}
    )


def keras_recipe_audit(tree: ast.Module) -> RecipeAudit:
    """Static audit of a Keras GAN: names, compilation, freezing order and generator-step labels.

    Rules (models are matched by the text of the receiver, e.g. ``self.discriminator``):

    1. every name read is defined (:func:`undefined_names`);
    2. every model trained with ``train_on_batch``/``fit`` is compiled somewhere
       (Keras refuses to train an uncompiled model);
    3. where a model that is also trained on its own is frozen
       (``model.trainable = False``), its last ``compile`` in that function comes
       *before* the freeze (Keras 2 captures ``trainable`` at compile time: the
       Keras FAQ "How can I freeze Keras layers?"), and another model is
       compiled *after* it (the combined model, in which it stays frozen);
    4. the combined model is trained with targets assigned from ``ones``
       (fakes labelled real).
    """
    undefined = undefined_names(tree)
    evs = events(tree)
    trained = frozenset(e.receiver for e in evs if e.kind == "call" and e.name in _TRAIN_METHODS)
    compiled = frozenset(e.receiver for e in evs if e.kind == "call" and e.name == "compile")
    problems = [f"name {u} is never defined or imported" for u in undefined]
    problems += [
        f"{r} is trained with train_on_batch/fit but never compiled (Keras raises: compile() must come first)"
        for r in sorted(trained - compiled)
    ]
    frozen: list[tuple[str, str, int]] = []
    combined: set[str] = set()
    for e in evs:
        if not (e.kind == "set" and e.name == "trainable" and isinstance(e.node, ast.Assign)):
            continue
        if not _is_false(e.node.value):
            continue
        frozen.append((e.scope, e.receiver, e.line))
        same_scope = [x for x in evs if x.scope == e.scope and x.kind == "call" and x.name == "compile"]
        own = [x.line for x in same_scope if x.receiver == e.receiver]
        after = [x for x in same_scope if x.receiver != e.receiver and x.line > e.line]
        combined.update(x.receiver for x in after)
        if e.receiver in trained and e.receiver in compiled:
            if not own:
                problems.append(
                    f"{e.receiver} is frozen in {e.scope} (line {e.line}) but compiled in another function: "
                    "the order of compile and freeze cannot be established"
                )
            elif max(own) > e.line:
                problems.append(
                    f"{e.receiver} is compiled (line {max(own)}) after it is frozen (line {e.line}) in {e.scope}: "
                    "its own training step would see no trainable weights"
                )
        if not after:
            problems.append(f"no other model is compiled after {e.receiver} is frozen in {e.scope} (line {e.line})")
    scopes = _function_nodes(tree)
    for e in evs:
        if not (e.kind == "call" and e.name in _TRAIN_METHODS and e.receiver in combined):
            continue
        call = e.node
        assert isinstance(call, ast.Call)
        label = call.args[1] if len(call.args) > 1 else None
        ok = False
        if isinstance(label, ast.Name):
            before = [v for ln, v in _assignment_lines(scopes[e.scope], label.id) if ln <= e.line]
            ok = bool(before) and _ones_call(before[-1])
        if not ok:
            problems.append(
                f"the generator step {e.target} (line {e.line}) is not trained towards the all-ones 'real' labels"
            )
    return RecipeAudit(undefined, trained, compiled, tuple(frozen), frozenset(combined), tuple(problems))


@dataclass(frozen=True)
class InputReuse:
    """The input of one generator step and where it was last drawn.

    ``used_between`` lists ``(line, call)`` for each use of the same value
    between its last assignment and the generator step (for instance by
    ``generator.predict`` in the discriminator step): empty means fresh.
    """

    scope: str
    step_line: int
    step: str
    variable: str
    assigned_line: int
    used_between: tuple[tuple[int, str], ...]

    @property
    def fresh(self) -> bool:
        return not self.used_between


def generator_step_inputs(tree: ast.Module) -> tuple[InputReuse, ...]:
    """For each training call on a combined model, whether its input is reused from earlier calls."""
    audit = keras_recipe_audit(tree)
    scopes = _function_nodes(tree)
    evs = events(tree)
    out = []
    for e in evs:
        if not (e.kind == "call" and e.name in _TRAIN_METHODS and e.receiver in audit.combined):
            continue
        call = e.node
        assert isinstance(call, ast.Call)
        if not call.args or not isinstance(call.args[0], ast.Name):
            continue
        var = call.args[0].id
        scope_node = scopes[e.scope]
        assigned = [ln for ln, _ in _assignment_lines(scope_node, var) if ln < e.line]
        last = assigned[-1] if assigned else 0
        uses = []
        for other in evs:
            if other.scope != e.scope or other.kind != "call" or not (last < other.line < e.line):
                continue
            other_call = other.node
            assert isinstance(other_call, ast.Call)
            if any(isinstance(a, ast.Name) and a.id == var for a in other_call.args):
                uses.append((other.line, other.target))
        out.append(InputReuse(e.scope, e.line, e.target, var, last, tuple(uses)))
    return tuple(out)


def assigned_value(tree: ast.AST, name: str, *, occurrence: int = 0) -> ast.expr:
    """The value expression of the ``occurrence``-th assignment ``name = …`` anywhere in ``tree``."""
    found = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    found.sort(key=lambda v: (v.lineno, v.col_offset))
    if len(found) <= occurrence:
        raise LookupError(f"no assignment number {occurrence} to {name!r}")
    return found[occurrence]


def _callee(node: ast.AST) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _range_count(loop: ast.For, constants: Mapping[str, int]) -> int:
    arg = loop.iter.args[0] if isinstance(loop.iter, ast.Call) and _callee(loop.iter) == "range" else None
    if isinstance(arg, ast.Constant) and isinstance(arg.value, int):
        return arg.value
    if isinstance(arg, ast.Name) and arg.id in constants:
        return constants[arg.id]
    raise LookupError(f"cannot count the passes of the inner loop over {ast.unparse(loop.iter)}")


def calls_per_pass(loop: ast.For, constants: Mapping[str, int]) -> dict[str, int]:
    """How often one pass of ``loop``'s body calls each function or method, by its last name.

    Inner ``for _ in range(n)`` loops multiply their calls by ``n``, a literal or a
    name of ``constants``; any other inner loop raises ``LookupError``, since its
    count cannot be read off the code.
    """
    counts: dict[str, int] = {}

    def visit(stmts: list[ast.stmt], times: int) -> None:
        for stmt in stmts:
            if isinstance(stmt, ast.For):
                visit(stmt.body, times * _range_count(stmt, constants))
                continue
            for node in ast.walk(stmt):
                name = _callee(node)
                if name is not None:
                    counts[name] = counts.get(name, 0) + times

    visit(loop.body, 1)
    return counts


def call_keywords(tree: ast.AST, callee: str) -> list[dict[str, Any]]:
    """Literal keyword arguments of every call whose function is written ``callee``, in source order."""
    out = []
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _unparse(n.func) == callee]
    for node in sorted(found, key=lambda n: (n.lineno, n.col_offset)):
        kws = {}
        for kw in node.keywords:
            if kw.arg is None:
                continue
            try:
                kws[kw.arg] = ast.literal_eval(kw.value)
            except ValueError:
                kws[kw.arg] = _unparse(kw.value)
        out.append(kws)
    return out


# ---------------------------------------------------------------------------
# Patches: minimal, stated edits of a cell's syntax tree
# ---------------------------------------------------------------------------


class PatchError(LookupError):
    """A patch did not find what it edits: the document differs from the one the patch was written for."""


Matcher = Callable[[ast.stmt], bool]
Edit = Callable[[ast.Module], None]


def _statement_lists(tree: ast.AST) -> Iterator[tuple[list[ast.stmt], str]]:
    """Every list of statements in ``tree`` with the qualified name of its enclosing function."""

    def visit(node: ast.AST, scope: str) -> Iterator[tuple[list[ast.stmt], str]]:
        inner = scope
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = node.name if scope == "<module>" else f"{scope}.{node.name}"
        for attr in ("body", "orelse", "finalbody"):
            block = getattr(node, attr, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block, inner
        for child in ast.iter_child_nodes(node):
            yield from visit(child, inner)

    yield from visit(tree, "<module>")


def _simple(stmt: ast.stmt) -> bool:
    return not hasattr(stmt, "body")


def sets_attribute(target: str) -> Matcher:
    """Statements ``target = …`` where ``target`` is written like ``discriminator.trainable``."""
    return lambda s: isinstance(s, ast.Assign) and any(_unparse(t) == target for t in s.targets)


def calls(function: str) -> Matcher:
    """Simple statements that call ``function`` (written like ``d_loss.backward``)."""
    return lambda s: _simple(s) and any(isinstance(n, ast.Call) and _unparse(n.func) == function for n in ast.walk(s))


def assigns(name: str) -> Matcher:
    """Statements ``name = …``."""
    return lambda s: isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)


def imports(module: str) -> Matcher:
    """``import module`` statements (any alias)."""
    return lambda s: isinstance(s, ast.Import) and any(a.name == module for a in s.names)


def within(function: str, matcher: Matcher) -> Callable[[ast.stmt, str], bool]:
    """``matcher`` restricted to statements directly or indirectly inside the function ``function``."""

    def match(stmt: ast.stmt, scope: str) -> bool:
        return (scope == function or scope.endswith(f".{function}")) and matcher(stmt)

    match.scoped = True  # type: ignore[attr-defined]
    return match


def _matches(match: Callable[..., bool], stmt: ast.stmt, scope: str) -> bool:
    if getattr(match, "scoped", False):
        return bool(match(stmt, scope))
    return bool(match(stmt))


def _locate(tree: ast.Module, match: Callable[..., bool], what: str) -> tuple[list[ast.stmt], int]:
    found = [
        (block, i) for block, scope in _statement_lists(tree) for i, s in enumerate(block) if _matches(match, s, scope)
    ]
    if len(found) != 1:
        raise PatchError(f"expected exactly one statement that {what}, found {len(found)}")
    return found[0]


def _statements(source: str) -> list[ast.stmt]:
    return ast.parse(source).body


def prepend(source: str) -> Edit:
    """Insert ``source`` at the top of the cell."""

    def edit(tree: ast.Module) -> None:
        tree.body[0:0] = _statements(source)

    return edit


def insert_before(match: Callable[..., bool], source: str, what: str = "matches") -> Edit:
    """Insert ``source`` just before the one statement that ``match`` selects."""

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        block[i:i] = _statements(source)

    return edit


def insert_after(match: Callable[..., bool], source: str, what: str = "matches") -> Edit:
    """Insert ``source`` just after the one statement that ``match`` selects."""

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        block[i + 1 : i + 1] = _statements(source)

    return edit


def delete(match: Callable[..., bool], what: str = "matches") -> Edit:
    """Remove the one statement that ``match`` selects."""

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        del block[i]
        if not block:
            block.append(ast.Pass())

    return edit


def move_before(match: Callable[..., bool], anchor: Callable[..., bool], what: str = "matches") -> Edit:
    """Move the statement ``match`` selects to just before the one ``anchor`` selects."""

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        stmt = block.pop(i)
        target, j = _locate(tree, anchor, f"anchors a move ({what})")
        target.insert(j, stmt)

    return edit


def hoist(loop_iter: str, match: Callable[[ast.stmt], bool], what: str = "matches") -> Edit:
    """Move the one statement ``match`` selects in the loop ``for … in loop_iter`` to just before that loop."""

    def edit(tree: ast.Module) -> None:
        found = []
        for block, _ in _statement_lists(tree):
            for i, loop in enumerate(block):
                if isinstance(loop, ast.For) and _unparse(loop.iter) == loop_iter:
                    found += [(block, i, loop, j) for j, s in enumerate(loop.body) if match(s)]
        if len(found) != 1:
            raise PatchError(f"expected one statement that {what} in a loop over {loop_iter}, found {len(found)}")
        block, i, loop, j = found[0]
        block.insert(i, loop.body.pop(j))
        if not loop.body:
            loop.body.append(ast.Pass())

    return edit


def add_parameter(function: str, parameter: str, default: str | None = None) -> Edit:
    """Give the function ``function`` a new last positional parameter (optionally with a default)."""

    def edit(tree: ast.Module) -> None:
        defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function]
        if len(defs) != 1:
            raise PatchError(f"expected one function {function!r}, found {len(defs)}")
        args = defs[0].args
        args.args.append(ast.arg(parameter))
        if default is not None:
            args.defaults.append(ast.parse(default, mode="eval").body)
        elif args.defaults:
            raise PatchError(f"{function} has defaults: a new parameter needs one too")

    return edit


def replace_expression(match: Callable[..., bool], old: str, new: str, what: str = "matches") -> Edit:
    """In the one statement ``match`` selects, replace each sub-expression written ``old`` by ``new``."""

    class Swap(ast.NodeTransformer):
        count = 0

        def generic_visit(self, node: ast.AST) -> ast.AST:
            if isinstance(node, ast.expr) and _unparse(node) == old:
                self.count += 1
                return ast.parse(new, mode="eval").body
            return super().generic_visit(node)

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        swap = Swap()
        block[i] = swap.visit(block[i])
        if swap.count == 0:
            raise PatchError(f"no sub-expression {old!r} in the statement that {what}")

    return edit


def replace_value(match: Callable[..., bool], new: str, what: str = "matches") -> Edit:
    """Replace the right-hand side of the one assignment ``match`` selects by the expression ``new``."""

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        stmt = block[i]
        if not isinstance(stmt, ast.Assign):
            raise PatchError(f"the statement that {what} is not an assignment")
        stmt.value = ast.parse(new, mode="eval").body

    return edit


def negate_value(match: Callable[..., bool], what: str = "matches") -> Edit:
    """Flip the sign of the right-hand side of the one assignment ``match`` selects."""

    def edit(tree: ast.Module) -> None:
        block, i = _locate(tree, match, what)
        stmt = block[i]
        if not isinstance(stmt, ast.Assign):
            raise PatchError(f"the statement that {what} is not an assignment")
        stmt.value = ast.UnaryOp(ast.USub(), stmt.value)

    return edit


def replace_call_argument(function: str, index: int, new: str) -> Edit:
    """Replace positional argument ``index`` of every call to ``function`` by the expression ``new``."""

    def edit(tree: ast.Module) -> None:
        hits = 0
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _unparse(node.func) == function and len(node.args) > index:
                node.args[index] = ast.parse(new, mode="eval").body
                hits += 1
        if not hits:
            raise PatchError(f"no call to {function} with an argument {index}")

    return edit


def replace_constant(old: Any, new: Any, *, inside: str | None = None) -> Edit:
    """Replace every constant ``old`` by ``new``, or only those inside calls to ``inside`` (e.g. ``Dense``)."""

    def edit(tree: ast.Module) -> None:
        scopes = (
            [tree]
            if inside is None
            else [c for c in ast.walk(tree) if isinstance(c, ast.Call) and _unparse(c.func) == inside]
        )
        hits = 0
        for scope in scopes:
            for n in ast.walk(scope):
                if isinstance(n, ast.Constant) and type(n.value) is type(old) and n.value == old:
                    n.value = new
                    hits += 1
        if not hits:
            raise PatchError(f"no constant {old!r}" + (f" in a call to {inside}" if inside else ""))

    return edit


@dataclass(frozen=True)
class Patch:
    """A described list of edits, applied to a copy of a cell's syntax tree.

    The empty patch is the document as written (line numbers stay the
    cell's). After edits, the tree is unparsed and parsed again, so that line
    numbers follow the edited order.
    """

    description: str
    edits: tuple[Edit, ...] = field(default=(), compare=False, repr=False)

    def apply(self, tree: ast.Module) -> ast.Module:
        if not self.edits:
            return copy.deepcopy(tree)  # keeps the cell's own line numbers
        edited = copy.deepcopy(tree)
        for edit in self.edits:
            try:
                edit(edited)
            except PatchError as error:
                # the edit says what it did not find; which patch it belongs to is known only here
                raise PatchError(f"patch {self.description!r}: {error}") from None
        ast.fix_missing_locations(edited)
        return ast.parse(ast.unparse(edited))


AS_WRITTEN = Patch("the document's code as written")

# ---------------------------------------------------------------------------
# Executing a document's code in isolation
# ---------------------------------------------------------------------------


class PrivateNumpy:
    """NumPy, except that ``.random`` is a private ``RandomState`` with a given seed.

    Bound as ``np`` in the namespace of executed document code, so that its
    ``np.random.randn`` and friends draw from a seeded generator and leave
    NumPy's global state alone.
    """

    def __init__(self, seed: int) -> None:
        self.random = np.random.RandomState(seed)

    def __getattr__(self, name: str) -> Any:
        return getattr(np, name)


def execute_definitions(
    code: str, names: Sequence[str], *, bindings: Mapping[str, Any], filename: str
) -> dict[str, Any]:
    """Define the functions and classes ``names`` of a cell in a fresh namespace and return them.

    Only the ``def``/``class`` statements named are executed: a cell's imports,
    top-level calls, training loops and plots are not. Module names the
    definitions use (``np``) must be given in ``bindings``.
    """
    tree = ast.parse(code)
    keep = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name in names]
    missing = set(names) - {n.name for n in keep}
    if missing:
        raise LookupError(f"{filename}: no top-level definition of {sorted(missing)}")
    namespace: dict[str, Any] = {"__builtins__": builtins, "__name__": "document_cell", **bindings}
    exec(compile(ast.Module(body=keep, type_ignores=[]), filename, "exec"), namespace)
    return {n: namespace[n] for n in names}


def assignment_function(
    code: str, target: str, argument: str, *, bindings: Mapping[str, Any], filename: str
) -> Callable[[Any], Any]:
    """The right-hand side of ``target = …`` as a function of the one variable ``argument`` it reads."""
    value = assigned_value(ast.parse(code), target)
    expr = ast.Expression(body=value)
    ast.fix_missing_locations(expr)
    compiled = compile(expr, filename, "eval")
    base = {"__builtins__": builtins, **bindings}
    return lambda x: eval(compiled, {**base, argument: x})


def evaluate_assignment(
    code: str, target: str, *, bindings: Mapping[str, Any], filename: str, occurrence: int = 0
) -> Any:
    """Evaluate the right-hand side of the assignment ``target = …`` of a cell with the given bindings."""
    value = assigned_value(ast.parse(code), target, occurrence=occurrence)
    expr = ast.Expression(body=value)
    ast.fix_missing_locations(expr)
    namespace = {"__builtins__": builtins, **bindings}
    return eval(compile(expr, filename, "eval"), namespace)


def sha256_text(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes (what :attr:`Document.sha256` pins)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------
# Running document code in a child process
# ---------------------------------------------------------------------------

#: Variables a child keeps from our environment: where executables are, and the locale. Nothing else of the
#: user's (no PYTHONPATH, no HOME, no tokens) reaches the documents' code.
_KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
_RESULT_FILE = "result.json"
_REQUEST_FILE = "request.json"
_DATA_FILE = "inputs.npz"
_OUTPUT_LIMIT = 4000


class IsolationError(RuntimeError):
    """A child process running document code died, ran out of time or left no readable result."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of a child process that runs document code.

    Attributes
    ----------
    timeout_s : float
        Wall-clock limit for the whole child; the process group is killed after it.
    program_timeout_s : int
        Wall-clock limit for one program inside the child (``SIGALRM``).
    cpu_s : int
        CPU-time limit (``RLIMIT_CPU``).
    memory_bytes : int
        Address-space limit (``RLIMIT_AS``); importing torch alone maps about 1.5 GB.
    file_bytes : int
        Largest file the child may write (``RLIMIT_FSIZE``).
    threads : int
        Intra-op threads of OpenMP, BLAS and torch in the child.
    """

    timeout_s: float = 240.0
    program_timeout_s: int = 60
    cpu_s: int = 300
    memory_bytes: int = 8 * 2**30
    file_bytes: int = 64 * 2**20
    threads: int = 1

    def apply(self) -> None:
        """Set the limits in the calling process (run in the child, before ``exec``)."""
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (self.cpu_s, self.cpu_s))
        resource.setrlimit(resource.RLIMIT_AS, (self.memory_bytes, self.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_bytes, self.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass(frozen=True)
class Program:
    """A piece of document code, and our usage code that calls it, for :func:`execute_isolated`.

    Attributes
    ----------
    label : str
        Names the program's result.
    code : str
        The (possibly patched) document code, executed as a module.
    filename : str
        Shown in tracebacks; errors are located by line within it.
    usage : str
        Our code, run after ``code`` in the same namespace (the calls a user of the document's code writes).
    driver : str
        ``module:function`` of the child-side function that runs the program (default :func:`run_program`).
    params : tuple of (str, object)
        JSON-able constants bound by name in the namespace (and passed to the driver).
    """

    label: str
    code: str
    filename: str
    usage: str = ""
    driver: str = "verify.audit:run_program"
    params: tuple[tuple[str, Any], ...] = ()

    def request(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "code": self.code,
            "filename": self.filename,
            "usage": self.usage,
            "driver": self.driver,
            "params": dict(self.params),
        }


@dataclass(frozen=True)
class ProgramResult:
    """What one program did in the child.

    ``error`` is ``None`` or ``{"type", "message", "filename", "line"}`` (the line of the deepest frame in the
    document's code or our usage code); ``values`` is what the driver returned; ``trace`` the instrument's records
    (for Keras programs, one per ``train_on_batch``); ``output`` the first characters the program printed.
    """

    label: str
    error: Mapping[str, Any] | None
    values: Mapping[str, Any]
    trace: tuple[Mapping[str, Any], ...]
    warnings: tuple[str, ...]
    output: str
    seconds: float


@dataclass(frozen=True)
class Execution:
    """The results of one child process, with the versions of what it ran on."""

    results: tuple[ProgramResult, ...]
    versions: Mapping[str, str]
    seconds: float

    def result(self, label: str) -> ProgramResult:
        for r in self.results:
            if r.label == label:
                return r
        raise KeyError(f"no program labelled {label!r} in this execution")


def child_environment(threads: int, extra: Mapping[str, str], home: str) -> dict[str, str]:
    """The environment of a child: PATH and locale from ours, thread counts, ``extra``, and HOME in its temp dir."""
    import os

    env = {k: os.environ[k] for k in _KEPT_VARIABLES if k in os.environ}
    env.update({k: str(threads) for k in _THREAD_VARIABLES})
    env.update({"HOME": home, "TMPDIR": home, "KERAS_HOME": f"{home}/.keras", "PYTHONHASHSEED": "0"})
    env.update(extra)
    return env


_BOOTSTRAP = "import sys; sys.path.insert(0, sys.argv[1]); from verify.audit import child_main; child_main()"


def _package_root() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent.parent)


def execute_isolated(
    programs: Sequence[Program],
    *,
    data: Mapping[str, np.ndarray] | None = None,
    environment: Mapping[str, str] | None = None,
    limits: Limits = Limits(),
) -> Execution:
    """Run ``programs`` one after another in a fresh Python process and return their results.

    The child runs ``python -I`` (no user site, no ``PYTHON*`` variables, not the caller's directory on the
    path) in a new temporary working directory that is deleted afterwards, in its own session, with the
    :class:`Limits` set by ``setrlimit`` before it starts, and an environment of PATH, locale, thread counts and
    ``environment`` only. ``data`` arrays travel in an ``.npz`` file and are bound by name; results come back as
    JSON (never pickle): nothing the documents' code writes can run code in this process. Each program gets a
    fresh namespace; an error in one is recorded and the next runs.

    Raises
    ------
    IsolationError
        If the child exceeds ``limits.timeout_s``, is killed, or leaves no readable result.
    """
    import json
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gantheory-audit-") as tmp:
        with open(os.path.join(tmp, _REQUEST_FILE), "w", encoding="utf-8") as fh:
            json.dump({"programs": [p.request() for p in programs], "limits": limits.__dict__}, fh)
        np.savez(os.path.join(tmp, _DATA_FILE), **dict(data or {}))
        env = child_environment(limits.threads, dict(environment or {}), tmp)
        proc = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOTSTRAP, _package_root()],
            cwd=tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=limits.apply,  # set in the child between fork and exec
        )
        try:
            _, stderr = proc.communicate(timeout=limits.timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise IsolationError(f"the child ran past its {limits.timeout_s:g} s limit and was killed") from None
        tail = stderr.decode("utf-8", "replace")[-_OUTPUT_LIMIT:]
        path = os.path.join(tmp, _RESULT_FILE)
        if proc.returncode != 0 or not os.path.isfile(path):
            raise IsolationError(f"the child exited with status {proc.returncode} and no result: {tail}")
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
    results = tuple(
        ProgramResult(
            r["label"],
            r["error"],
            r["values"],
            tuple(r["trace"]),
            tuple(r["warnings"]),
            r["output"],
            r["seconds"],
        )
        for r in raw["results"]
    )
    return Execution(results, raw["versions"], time.perf_counter() - start)


def _versions() -> dict[str, str]:
    import platform
    import sys

    out = {"python": platform.python_version(), "numpy": np.__version__}
    if "torch" in sys.modules:
        out["torch"] = sys.modules["torch"].__version__
    if "keras" in sys.modules:
        keras = sys.modules["keras"]
        out["keras"] = keras.__version__
        out["keras_backend"] = keras.backend.backend()
    return out


def _error_of(exc: BaseException, filenames: Sequence[str]) -> dict[str, Any]:
    import traceback

    line, where = None, None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in filenames:
            line, where = frame.lineno, frame.filename
    return {"type": type(exc).__name__, "message": str(exc)[:500], "filename": where, "line": line}


class _ProgramTimeout(Exception):
    """One program inside the child ran past ``Limits.program_timeout_s``."""


def child_main() -> None:
    """Entry point of the child process (see :func:`execute_isolated`); reads and writes its working directory."""
    import contextlib
    import importlib
    import io
    import json
    import signal
    import time
    import warnings

    with open(_REQUEST_FILE, encoding="utf-8") as fh:
        request = json.load(fh)
    with np.load(_DATA_FILE, allow_pickle=False) as npz:
        data = {k: npz[k] for k in npz.files}
    limits = Limits(**request["limits"])

    def alarm(signum: int, frame: Any) -> None:
        raise _ProgramTimeout(f"ran past {limits.program_timeout_s} s")

    signal.signal(signal.SIGALRM, alarm)
    results = []
    for spec in request["programs"]:
        module, _, name = spec["driver"].partition(":")
        driver = getattr(importlib.import_module(module), name)
        printed = io.StringIO()
        start = time.perf_counter()
        values: dict[str, Any] = {}
        trace: list[dict[str, Any]] = []
        error = None
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(printed):
            warnings.simplefilter("always")
            # NumPy 2's notice about torch's __array__, raised inside Keras/torch interop, not by the documents
            warnings.filterwarnings("ignore", message=".*copy keyword.*", category=DeprecationWarning)
            signal.alarm(limits.program_timeout_s)
            try:
                values = driver(spec, data, trace)
            except BaseException as exc:  # the document's code may raise anything; it is the measurement
                error = _error_of(exc, (spec["filename"], "<usage>"))
            finally:
                signal.alarm(0)
        results.append(
            {
                "label": spec["label"],
                "error": error,
                "values": jsonable(values),
                "trace": jsonable(trace),
                "warnings": sorted({f"{w.category.__name__}: {w.message}"[:300] for w in caught}),
                "output": printed.getvalue()[:_OUTPUT_LIMIT],
                "seconds": time.perf_counter() - start,
            }
        )
    with open(_RESULT_FILE, "w", encoding="utf-8") as fh:
        json.dump({"results": results, "versions": _versions()}, fh)


def run_program(spec: Mapping[str, Any], data: Mapping[str, np.ndarray], trace: list[dict[str, Any]]) -> dict[str, Any]:
    """The default driver: execute the document's code, then our usage code, in one fresh namespace.

    The namespace binds the ``data`` arrays and ``params`` by name; what the usage code leaves in a dict named
    ``RESULT`` is returned. With ``params["instrument"] == "keras"`` Keras is set up first
    (:func:`keras_instrument`).
    """
    params = dict(spec["params"])
    namespace: dict[str, Any] = {"__name__": "__document__", "__builtins__": builtins, **data, **params}
    if params.get("instrument") == "keras":
        namespace.update(keras_instrument(int(params.get("seed", 0)), trace))
    exec(compile(spec["code"], spec["filename"], "exec"), namespace)
    if spec["usage"]:
        exec(compile(spec["usage"], "<usage>", "exec"), namespace)
    return dict(namespace.get("RESULT", {}))


# ---------------------------------------------------------------------------
# Keras in the child: TensorFlow's names, seeds, and a record of every train_on_batch
# ---------------------------------------------------------------------------


def _tensorflow_alias(keras: Any) -> None:
    """Bind ``tensorflow``, ``tensorflow.keras`` and its submodules to standalone Keras 3.

    TensorFlow ≥ 2.16 ships Keras 3 as ``tf.keras``; we run the same Keras on the torch backend, so a
    document's ``from tensorflow.keras.layers import Dense`` gets Keras 3's ``Dense``. Anything else of
    TensorFlow is absent and raises ``AttributeError`` when used.
    """
    import sys
    import types

    tf = types.ModuleType("tensorflow")
    tf.keras = keras  # type: ignore[attr-defined]
    sys.modules["tensorflow"] = tf
    sys.modules["tensorflow.keras"] = keras
    for sub in ("models", "layers", "optimizers", "losses", "datasets", "utils"):
        sys.modules[f"tensorflow.keras.{sub}"] = getattr(keras, sub)


def _drop_tensorflow_alias() -> None:
    import sys

    for name in [m for m in sys.modules if m == "tensorflow" or m.startswith("tensorflow.")]:
        del sys.modules[name]


def _weights(model: Any) -> list[np.ndarray]:
    import keras

    return [np.array(keras.ops.convert_to_numpy(v), copy=True) for v in model.weights]


def keras_instrument(seed: int, trace: list[dict[str, Any]]) -> dict[str, Any]:
    """Seed Keras, alias TensorFlow to it, and record what each ``train_on_batch`` changes.

    Returns the names bound in the program's namespace: ``watch(**models)`` registers models by role
    (``discriminator``, ``generator``, ``combined``), ``accepted(f, **kw)`` the keywords ``f`` takes. Every
    later ``Model.train_on_batch`` appends to ``trace`` the role of the model trained, its number of
    trainable weights at the call, and the largest absolute change and the number of changed entries of each
    watched model's weights across the call (bit for bit), with the warnings Keras gave.
    """
    import inspect
    import warnings

    import keras
    import torch

    torch.set_num_threads(1)
    watched: dict[str, Any] = {}

    def role(model: Any) -> str:
        return next((r for r, m in watched.items() if m is model), "unwatched")

    # one wrapper at a time: a later program of the same child replaces, never wraps, an earlier one's
    original = getattr(keras.Model, "_unwrapped_train_on_batch", keras.Model.train_on_batch)
    keras.Model._unwrapped_train_on_batch = original
    _drop_tensorflow_alias()  # Keras seeds TensorFlow too when a module of that name is loaded
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    _tensorflow_alias(keras)

    def train_on_batch(self: Any, *args: Any, **kwargs: Any) -> Any:
        before = {r: _weights(m) for r, m in watched.items() if r != "combined"}
        record: dict[str, Any] = {"model": role(self), "trainable_weights": len(self.trainable_weights)}
        trace.append(record)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.filterwarnings("ignore", message=".*copy keyword.*", category=DeprecationWarning)
            out = original(self, *args, **kwargs)
        changes = {}
        for r, old in before.items():
            new = _weights(watched[r])
            changes[r] = {
                "max_abs_change": float(max((np.max(np.abs(a - b)) for a, b in zip(new, old, strict=True)), default=0)),
                "entries_changed": int(sum(int(np.count_nonzero(a != b)) for a, b in zip(new, old, strict=True))),
                "entries": int(sum(a.size for a in old)),
            }
        record["changes"] = changes
        record["warnings"] = sorted({str(w.message)[:200] for w in caught})
        return out

    keras.Model.train_on_batch = train_on_batch

    def watch(**models: Any) -> None:
        watched.update(models)

    def accepted(function: Callable[..., Any], **keywords: Any) -> dict[str, Any]:
        names = inspect.signature(function).parameters
        return {k: v for k, v in keywords.items() if k in names}

    return {"watch": watch, "accepted": accepted}
