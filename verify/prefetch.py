"""The report's experiments, run up front as engine tasks.

Without this module an experiment runs lazily, in-process, the first time a
check asks :meth:`Context.experiment <verify.context.Context.experiment>` for
it, so the experiments of a report run one after the other.
:func:`prefetch` runs them first, one :func:`verify.engine.run_tasks` task per experiment, in
parallel, and fills the context's cache; the claims then read the cached
results exactly as they would have read results computed in-process (each
experiment seeds everything from the context's seed and runs on one torch
thread, so the numbers are the same bits wherever it ran).

Which experiments a run needs
    :func:`experiments_needed` runs a *probe*: only the checks of kind
    :attr:`~verify.model.Kind.EMPIRICAL` (the only ones that read experiments),
    each on its stated subject, its correction and its controls, with a
    store (:class:`~verify.context.ExperimentStore`) that records the name
    and answers ``None`` (as when experiments are not run). A check given
    ``None`` stops and reports itself pending, so the probe costs little and
    trains nothing. It finds every experiment a check asks for first; one
    that a check would ask for only after another experiment returned results
    is not seen, and then runs in-process when asked (the lazy path), with the
    same results, only not in parallel. Conversely the probe also asks on
    behalf of corrections and controls, which the runner reaches only when a
    stated subject is decided, so an experiment may run that the claims then
    do not read (it is reported with the others).

Experiments that read other experiments
    An experiment may call ``ctx.experiment(other)`` itself (E4 reads E1a).
    :func:`experiment_needs` finds those names in the experiment's source: the
    literal ``ctx.experiment("…")`` calls of its ``run`` function and of the
    functions of its module that it calls. The dependent experiment's task
    takes the other's task result (:class:`verify.engine.ResultOf`), so Dask
    runs it afterwards, on a context whose cache already holds those results.
    A dependency the scan misses is computed by the worker itself: the same
    numbers, only computed twice.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from verify.context import Context, ExperimentStore, Runnable
from verify.engine import ResultOf, Task, run_tasks
from verify.model import Claim, Kind

__all__ = [
    "ExperimentRun",
    "PartRun",
    "experiment_needs",
    "experiment_tasks",
    "experiments_needed",
    "join_experiment",
    "prefetch",
    "run_experiment",
    "run_part",
]


@dataclass(frozen=True)
class ExperimentRun:
    """What one experiment task returns.

    Attributes
    ----------
    name : str
    results : mapping or None
        The experiment's results; ``None`` if it raised.
    seconds : float
        Wall time of the experiment on the worker (its dependencies excluded).
    error : str or None
        The exception, formatted, if it raised.
    """

    name: str
    results: Mapping[str, Any] | None
    seconds: float
    error: str | None = None


def run_experiment(name: str, ctx: Context, needs: tuple[str, ...], *runs: ExperimentRun) -> ExperimentRun:
    """The task of one experiment: run it on ``ctx`` with the results it reads already cached.

    Parameters
    ----------
    name : str
        A registered experiment.
    ctx : Context
        The run's configuration (as a worker receives it: without cached results).
    needs : tuple of str
        The experiments ``name`` reads, in the order of ``runs``.
    *runs : ExperimentRun
        Their results, put into the cache of ``ctx`` before the experiment runs.

    Returns
    -------
    ExperimentRun
        An exception the experiment raised is returned, not raised: the engine
        would otherwise retry a deterministic failure.
    """
    if len(needs) != len(runs):
        raise ValueError(f"needs names {len(needs)} experiments but {len(runs)} results were given")
    for dependency, run in zip(needs, runs, strict=True):
        if run.results is not None:
            ctx.record_experiment(dependency, run.results, run.seconds)
    from gantheory.nn.trainer import observe_steps
    from verify.progress import step_reporter

    start = time.perf_counter()
    try:
        with observe_steps(step_reporter(name)):  # nested progress bars: seeds, steps, ETA
            results = ctx.experiment(name)
    except Exception as exc:  # reported to the driver, which leaves the experiment to the lazy path
        return ExperimentRun(name, None, time.perf_counter() - start, _formatted(exc))
    if results is None:
        return ExperimentRun(name, None, time.perf_counter() - start, "the context did not run it")
    return ExperimentRun(name, results, ctx.experiment_seconds().get(name, time.perf_counter() - start))


@dataclass(frozen=True)
class PartRun:
    """What one part of an experiment made of parts returns (see :class:`verify.experiments.Experiment`).

    Attributes
    ----------
    value : object
        The part's value; ``None`` if it raised.
    seconds : float
        Wall time of the part on the worker.
    error : str or None
        The exception, formatted, if it raised.
    """

    value: Any
    seconds: float
    error: str | None = None


def _formatted(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1:]
    at = f" (at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def run_part(name: str, index: int, part: Callable[[], Any]) -> PartRun:
    """The task of part ``index`` of experiment ``name``: call it, returning (not raising) its exception."""
    from gantheory.nn.trainer import observe_steps
    from verify.progress import step_reporter

    start = time.perf_counter()
    try:
        with observe_steps(step_reporter(f"{name} part {index + 1}")):
            value = part()
    except Exception as exc:  # a deterministic failure: retrying it on another worker would only repeat it
        return PartRun(None, time.perf_counter() - start, _formatted(exc))
    return PartRun(value, time.perf_counter() - start)


def join_experiment(name: str, ctx: Context, *parts: PartRun) -> ExperimentRun:
    """The task that joins the parts of experiment ``name`` into its results.

    Its seconds are the parts' worker seconds and the join's, the time the
    experiment would have taken in one process.
    """
    experiment = ctx.experiments.registry[name]
    spent = sum(p.seconds for p in parts)
    failed = [p.error for p in parts if p.error is not None]
    if failed:
        return ExperimentRun(name, None, spent, failed[0])
    start = time.perf_counter()
    try:
        results = experiment.join(ctx, [p.value for p in parts])  # type: ignore[attr-defined]
    except Exception as exc:
        return ExperimentRun(name, None, spent + time.perf_counter() - start, _formatted(exc))
    return ExperimentRun(name, results, spent + time.perf_counter() - start)


# ---------------------------------------------------------------------------------------------------------------------
# Dependencies between experiments
# ---------------------------------------------------------------------------------------------------------------------


def _parse(source: str) -> ast.AST | None:
    try:
        return ast.parse(source)
    except SyntaxError:
        pass
    # a lambda's lines may belong to a larger expression: parse from the lambda on
    start = source.find("lambda")
    if start < 0:
        return None
    try:
        return ast.parse(source[start:].rstrip().rstrip(",)"))
    except SyntaxError:
        return None


def _requested(fn: Callable[..., Any], seen: set[int]) -> set[str]:
    """Literal ``….experiment("name")`` calls in ``fn`` and in the functions of its module that it calls."""
    fn = inspect.unwrap(fn)
    if id(fn) in seen:
        return set()
    seen.add(id(fn))
    try:
        tree = _parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError):
        return set()
    if tree is None:
        return set()
    module = inspect.getmodule(fn)
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "experiment"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
        elif isinstance(func, ast.Name) and module is not None:
            target = getattr(module, func.id, None)
            if inspect.isfunction(target) and target.__module__ == module.__name__:
                names |= _requested(target, seen)
    return names


def experiment_needs(name: str, registry: Mapping[str, Runnable]) -> tuple[str, ...]:
    """The experiments of ``registry`` that experiment ``name`` reads through ``ctx.experiment``, in registry order.

    Read from the source (see the module docstring); transitive dependencies
    are not included (use :func:`_closure`).

    Raises
    ------
    ValueError
        If ``name`` is not in ``registry``.
    """
    if name not in registry:
        raise ValueError(f"no experiment {name!r}; registered: {', '.join(registry)}")
    found = _requested(registry[name].run, set()) - {name}
    return tuple(n for n in registry if n in found)


def _closure(names: Iterable[str], registry: Mapping[str, Runnable]) -> list[str]:
    """``names`` and the experiments they read, directly or not, each after what it reads."""

    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:  # a cycle is left to the lazy path of the worker
            return
        visiting.add(name)
        for dependency in experiment_needs(name, registry):
            visit(dependency)
        visiting.discard(name)
        order.append(name)

    for name in sorted(set(names), key=list(registry).index):
        visit(name)
    return order


# ---------------------------------------------------------------------------------------------------------------------
# The probe
# ---------------------------------------------------------------------------------------------------------------------


class _ProbeStore(ExperimentStore):
    """A store that records which experiments are asked for and answers that none was run."""

    def __init__(self, registry: Mapping[str, Runnable]) -> None:
        super().__init__(registry)
        self.asked: list[str] = []

    def get(self, name: str, ctx: Context) -> Mapping[str, Any] | None:
        if name not in self.asked:
            self.asked.append(name)
        return None


def experiments_needed(claims: Iterable[Claim], ctx: Context) -> tuple[str, ...]:
    """The registered experiments the empirical checks of ``claims`` ask for, in registry order.

    A probe (see the module docstring): each empirical check's test runs on
    every subject with a context that records the names asked for and answers
    ``None``; an exception in a probed test is ignored (the real run reports it).

    Parameters
    ----------
    claims : iterable of Claim
    ctx : Context
        The run's context (its profile and seed reach the probed checks).

    Returns
    -------
    tuple of str
    """
    store = _ProbeStore(ctx.experiments.registry)
    probe = Context(replace(ctx.config, run_experiments=True), store)
    for claim in claims:
        for check in claim.checks:
            if check.kind is not Kind.EMPIRICAL:
                continue
            subjects = [check.stated.subject, *(c.subject for c in check.controls)]
            if check.corrected is not None:
                subjects.append(check.corrected.subject)
            check_ctx = probe.for_check(claim.id, check.name)
            for subject in subjects:
                try:
                    check.test(subject, check_ctx)
                except Exception:  # a test that cannot cope with a missing experiment has still named it
                    continue
    asked = set(store.asked)
    return tuple(n for n in ctx.experiments.registry if n in asked)


# ---------------------------------------------------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------------------------------------------------


def _task_key(name: str) -> str:
    return f"experiment-{name}"


def experiment_tasks(ctx: Context, names: Sequence[str]) -> list[Task]:
    """One :func:`run_experiment` task per experiment of ``names`` and of what they read, dependencies first.

    Experiments already in the cache of ``ctx`` get no task; a task that reads
    one receives the cached results directly. An experiment made of parts that
    reads no other experiment gets one :func:`run_part` task per part and a
    :func:`join_experiment` task that takes their values.
    """
    cached = ctx.experiments_run()
    seconds = ctx.experiment_seconds()
    bare = Context(ctx.config, ctx.experiments.fresh())
    registry = ctx.experiments.registry
    tasks = []
    for name in _closure(names, registry):
        if name in cached:
            continue
        needs = experiment_needs(name, registry)
        parts = getattr(registry[name], "parts", None)
        if parts is not None and not needs:
            calls = parts(bare)
            keys = [f"{_task_key(name)}-part-{i}" for i in range(len(calls))]
            tasks += [
                Task(key, run_part, (name, i, call)) for i, (key, call) in enumerate(zip(keys, calls, strict=True))
            ]
            tasks.append(Task(_task_key(name), join_experiment, (name, bare, *(ResultOf(k) for k in keys))))
            continue
        inputs = tuple(
            ExperimentRun(d, cached[d], seconds.get(d, 0.0)) if d in cached else ResultOf(_task_key(d)) for d in needs
        )
        tasks.append(Task(_task_key(name), run_experiment, (name, bare, needs, *inputs)))
    return tasks


def prefetch(
    ctx: Context,
    names: Iterable[str],
    *,
    scheduler: str | None = "local",
    n_workers: int | None = None,
    progress: bool = False,
) -> tuple[str, ...]:
    """Run experiments as engine tasks and record their results in ``ctx``.

    The experiments ``names`` need (an experiment that reads another's
    results) run too, first. Experiments already in the store are not rerun;
    with ``run_experiments`` off nothing runs. An experiment that raises is
    left out of the store, so a check that asks for it runs it there and
    reports its error as it would have without the prefetch.

    Parameters
    ----------
    ctx : Context
        The run's context; its store's registry names the experiments that exist.
    names : iterable of str
        Experiment names of that registry.
    scheduler, n_workers, progress
        As for :func:`verify.engine.run_tasks`.

    Returns
    -------
    tuple of str
        The experiments whose results were recorded, in the order they were submitted.

    Raises
    ------
    ValueError
        For a name that is not a registered experiment, or a bad ``scheduler``/``n_workers``.
    """
    registry = ctx.experiments.registry
    if isinstance(names, str):
        raise TypeError("names must be an iterable of experiment names, not a string")
    wanted = list(names)
    for name in wanted:
        if name not in registry:
            known = ", ".join(registry) or "none (the context's store was built without a registry)"
            raise ValueError(f"names: no experiment {name!r}; registered: {known}")
    if not ctx.run_experiments:
        return ()
    tasks = experiment_tasks(ctx, wanted)
    runs = run_tasks(tasks, scheduler=scheduler, n_workers=n_workers, progress=progress, desc="experiments")
    fetched = []
    for run in runs:
        if isinstance(run, ExperimentRun) and run.results is not None:
            ctx.record_experiment(run.name, run.results, run.seconds)
            fetched.append(run.name)
    return tuple(fetched)
