"""Counterexample search with Hypothesis, for property checks.

:func:`find_counterexample` asks Hypothesis for an input on which a
proposition fails. If one exists among the examples tried, Hypothesis shrinks
it to a minimal one, which the report shows; otherwise the number of
examples tried is the evidence. Searches are derandomised and use no example
database, so a run is reproducible.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from hypothesis import find
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from verify.context import Context

__all__ = ["Search", "Worst", "find_counterexample"]

T = TypeVar("T")


@dataclass(frozen=True)
class Search:
    """Result of a search: the minimal counterexample (or ``None``) and how many examples were tried."""

    counterexample: Any | None
    examples: int

    @property
    def found(self) -> bool:
        return self.counterexample is not None


@cache
def _import_every_local_module() -> None:
    """Import every module of gantheory and verify, once.

    Hypothesis seeds generation with literal constants harvested from the
    *local* modules present in ``sys.modules`` (``hypothesis.internal.
    conjecture.providers``), so a derandomised search would depend on which of
    our modules happened to be imported (``pytest`` imports more than
    ``python -m verify``). Importing them all first makes the constant pool,
    and hence every search, the same in every process.
    """
    import gantheory

    for package in (gantheory, importlib.import_module("verify")):
        for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)


def find_counterexample(strategy: st.SearchStrategy[T], holds: Callable[[T], bool], ctx: Context) -> Search:
    """Search for an input on which ``holds`` is false.

    Parameters
    ----------
    strategy : SearchStrategy
        Inputs inside the claim's stated assumptions.
    holds : callable
        The proposition, evaluated on one input.
    ctx : Context
        Supplies the profile's ``max_examples``.

    Returns
    -------
    Search
        ``examples`` counts the inputs evaluated before the first
        counterexample (or all of them when none was found).
    """
    _import_every_local_module()
    tried = 0
    found = False

    def violates(x: T) -> bool:
        nonlocal tried, found
        bad = not holds(x)
        if not found:
            tried += 1
            found = bad
        return bad

    try:
        example = find(strategy, violates, settings=ctx.search_settings())
    except NoSuchExample:
        return Search(None, tried)
    return Search(example, tried)


class Worst:
    """Keeps the largest value of a measured quantity across examples (e.g. a relative error)."""

    def __init__(self) -> None:
        self.value = 0.0
        self.at: Any = None

    def update(self, value: float, at: Any = None) -> float:
        if value > self.value or self.at is None:
            self.value = float(value)
            self.at = at
        return value
