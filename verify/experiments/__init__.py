"""Trained-GAN experiments that empirical checks read their evidence from.

An :class:`Experiment` trains networks (through :mod:`gantheory.nn`) and
returns JSON-ready results: per-seed statistics, the configuration, the
seeds and the device. A run's :class:`~verify.context.ExperimentStore`
(:func:`store`) runs each experiment at most once, so several claims share one set of trained
networks. Each experiment's size follows ``ctx.profile.experiments``
(``quick`` for pytest, ``full`` for the reference report) through the same
code path. An empirical check whose experiment is not run in an invocation
(``--no-experiments``) is ``pending``.

Experiment modules (``verify/experiments/<name>.py``) each expose
``EXPERIMENTS: tuple[Experiment, ...]``; :data:`EXPERIMENTS` gathers them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.context import ExperimentStore

if TYPE_CHECKING:
    from verify.context import Context

__all__ = ["EXPERIMENTS", "EXPERIMENT_MODULES", "TIMING_KEYS", "Experiment", "split_timings", "store"]

#: Keys under which an experiment's results may record clock measurements (wall time,
#: throughput). They vary between reruns, so the report moves them to its ``timings`` block.
TIMING_KEYS = frozenset(
    {
        "wall_seconds",
        "seed_steps_per_second",
        "training_seed_steps_per_second",
        "training_seconds",
        "train_seconds",
        "timing",
    }
)


#: Keys whose values are arrays for files beside the report (artefacts), never part of report.json.
ARRAY_KEYS = frozenset({"arrays"})


def split_timings(results: Any) -> tuple[Any, Any]:
    """``results`` without the :data:`TIMING_KEYS` (at any depth), and those entries with their paths.

    Entries under :data:`ARRAY_KEYS` are dropped from both: they are written as artefact files.

    Returns ``(stable, clocks)``: ``clocks`` mirrors the nesting of ``results`` (mappings and
    lists) but holds only the timing entries (``None`` where there are none).
    """
    if isinstance(results, Mapping):
        stable: dict[str, Any] = {}
        clocks: dict[str, Any] = {}
        for key, value in results.items():
            if key in ARRAY_KEYS:
                continue
            if key in TIMING_KEYS:
                clocks[key] = value
                continue
            stable[key], inner = split_timings(value)
            if inner:
                clocks[key] = inner
        return stable, (clocks or None)
    if isinstance(results, list):
        # clock entries inside lists too (one record per protocol of a search, say)
        pairs = [split_timings(item) for item in results]
        inner_clocks = [c for _, c in pairs]
        return [s for s, _ in pairs], (inner_clocks if any(c is not None for c in inner_clocks) else None)
    return results, None


Results = Mapping[str, Any]


@dataclass(frozen=True)
class Experiment:
    """A named training experiment.

    Attributes
    ----------
    name : str
        Short stable name (``E1a``, ``E6-grid``…), used by checks and in the report.
    title : str
        What is trained, in a few words.
    run : callable
        ``run(ctx) -> results``; JSON-ready (numbers, lists, strings), with at least
        ``config`` (every hyperparameter), ``seeds`` (the seed indices) and ``device``.
    figures : callable, optional
        ``figures(results, folder) -> [(relative path, caption)]``: PNGs written under
        ``folder`` with :func:`verify.plotting.save_figure`, drawn inside
        :func:`~verify.plotting.figure_style` (deterministic bytes for given results).
    parts, join : callable, optional
        An experiment made of independent pieces (seed groups): ``parts(ctx)`` lists
        picklable zero-argument callables, and ``join(ctx, values)`` turns their
        values, in that order, into the results. ``run(ctx)`` must equal
        ``join(ctx, [part() for part in parts(ctx)])``; :mod:`verify.prefetch`
        then runs each part as its own engine task, so one experiment's groups
        spread over the workers. Both or neither.
    """

    name: str
    title: str
    run: Callable[[Context], Results]
    figures: Callable[[Results, Path], list[tuple[str, str]]] | None = None
    parts: Callable[[Context], Sequence[Callable[[], Any]]] | None = None
    join: Callable[[Context, Sequence[Any]], Results] | None = None

    def __post_init__(self) -> None:
        if (self.parts is None) != (self.join is None):
            raise ValueError(f"experiment {self.name!r}: give both parts and join, or neither")

    def __reduce__(self) -> tuple[Callable[[str], Experiment], tuple[str]]:
        # by name: its functions may be closures, and a worker process has the same registry
        return _registered, (self.name,)


def _registered(name: str) -> Experiment:
    return EXPERIMENTS[name]


#: Experiment modules, in report order.
EXPERIMENT_MODULES: tuple[str, ...] = (
    "verify.experiments.bimodal",
    "verify.experiments.mixtures2d",
    "verify.experiments.equilibrium",
)


def _gather() -> dict[str, Experiment]:
    found: dict[str, Experiment] = {}
    for name in EXPERIMENT_MODULES:
        # A listed module that cannot be imported is an error, never an empty contribution:
        # skipping it would turn every check that reads its experiments into ``pending``.
        module = importlib.import_module(name)
        for exp in module.EXPERIMENTS:
            if exp.name in found:
                raise ValueError(f"experiment {exp.name} is defined twice")
            found[exp.name] = exp
    return found


EXPERIMENTS: dict[str, Experiment] = _gather()


def store() -> ExperimentStore:
    """An empty :class:`~verify.context.ExperimentStore` over every registered experiment, for one run."""
    return ExperimentStore(EXPERIMENTS)
