"""Run mutmut 3 so that it also mutates functions decorated only with ``@validated(...)``.

mutmut 3.8 skips every decorated function, which leaves the library's public functions
unmutated. ``validated`` is side-effect free, so the trampoline can keep it while the
original copy and the mutants drop it (the trampoline already validated the arguments,
as the library's own ``.unchecked`` does).

Usage, from the repository root, with the ``mutation`` extra installed::

    python tools/mutation/run_mutmut.py run --max-children 2 "gantheory.discriminator*"
    python tools/mutation/run_mutmut.py results
"""

import os
import sys
from pathlib import Path

import libcst as cst
from mutmut.mutation import file_mutation as fm


def _only_validated(node):
    return bool(node.decorators) and all(
        isinstance(d.decorator, cst.Call)
        and isinstance(d.decorator.func, cst.Name)
        and d.decorator.func.value == "validated"
        for d in node.decorators
    )


_orig_skip = fm.MutationVisitor._skip_node_and_children


def _skip(self, node):
    if isinstance(node, cst.FunctionDef) and _only_validated(node):
        position = self.get_metadata(fm.PositionProvider, node, None)
        if position and position.start.line in self._ignored_node_lines:
            self.ignored_functions.add(node.name.value)
            return True
        if node.name.value in fm.NEVER_MUTATE_FUNCTION_NAMES:
            return True
        return False
    return _orig_skip(self, node)


_orig_arrange = fm.function_trampoline_arrangement


def _arrange(function, mutants, class_name):
    decl, nodes, assign, names = _orig_arrange(function, mutants, class_name=class_name)
    if _only_validated(function):
        nodes = [nodes[0]] + [n.with_changes(decorators=[]) for n in nodes[1:]]
    return decl, nodes, assign, names


fm.MutationVisitor._skip_node_and_children = _skip
fm.function_trampoline_arrangement = _arrange

# A failing Hypothesis test shrinks its example before it reports, which only costs time here: a
# profile like the suite's "ci" without the shrink phase gives the same verdicts sooner.
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["PYTEST_ADDOPTS"] = "-p mutmut_noshrink"
os.environ["HYPOTHESIS_PROFILE"] = "mutmut"
# one thread: thread pools inherited across mutmut's fork can spin, and the CPU limit counts every thread
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[var] = "1"

from mutmut.__main__ import cli  # noqa: E402

sys.exit(cli())
