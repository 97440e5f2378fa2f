"""Counterexample search with Hypothesis, for property checks.

:func:`find_counterexample` asks Hypothesis for an input on which a
proposition fails. If one exists among the examples tried, Hypothesis shrinks
it to a minimal one, which the report shows; otherwise the number of
examples tried is the evidence. Searches are derandomised and use no example
database, so a run is reproducible.

Hypothesis also draws literal constants harvested from the local modules that
are loaded; :func:`verify.registry.all_claims` loads every module of
``gantheory`` and ``verify`` first, so the searches of a run do not depend on
which modules happened to be imported before it. This module imports none of
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
