"""The task engine: units of work run on a Dask cluster or in this process, results in task order.

A :class:`Task` is a module-level function with its arguments. :func:`run_tasks`
runs a list of them and returns their results in the order of the list,
whatever the number of workers and the order in which they finish:

* ``scheduler=None`` or ``"local"``: an embedded :class:`distributed.LocalCluster`
  of single-threaded worker processes, started for the call and closed after it;
* ``scheduler="serial"``: in this process, one task after the other, without a
  cluster (for debugging, and as the reference the parallel modes must match);
* any other string: the address of a running Dask scheduler
  (``tcp://host:8786``), whose workers must be able to import this package
  (and run fastest with ``distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_``
  set to ``null`` in their Dask configuration, see :func:`local_cluster`).

Every task runs inside :func:`gantheory.nn.torch_threads` ``(1)``, in worker and
serial mode alike, through the same wrapper, so a task's result does not depend
on where it ran: the networks here are small, and a second intra-op thread would
change the order of floating-point reductions without making them faster.

A worker process that dies is replaced by its nanny, and the scheduler reruns
the task it held on another worker; a task that raises is retried twice. A
task that depends on another names it with :class:`ResultOf`: the engine passes
the other task's result in its place, and Dask runs the two in that order.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LOCAL", "SERIAL", "ResultOf", "Task", "local_cluster", "run_tasks"]

#: The ``scheduler`` value that runs tasks in this process, without a cluster.
SERIAL = "serial"

#: The ``scheduler`` value (as well as ``None``) that starts an embedded local cluster.
LOCAL = "local"

#: Retries of a task that raises; a worker that dies is handled by the scheduler separately.
RETRIES = 2

#: Logger trees of Dask and its event loop: their start-up, shutdown and worker-restart
#: messages are routine here, and a failure reaches the caller as an exception anyway.
_LOGGERS = ("distributed", "tornado", "bokeh")


@dataclass(frozen=True)
class ResultOf:
    """The result of another task, as an argument of a task.

    Use it as a positional argument or a keyword value of a :class:`Task`; the
    task it names must come earlier in the list given to :func:`run_tasks`.

    Attributes
    ----------
    key : str
        The :attr:`Task.key` of the task whose result is passed.
    """

    key: str

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key:
            raise ValueError(f"key must be a non-empty string, got {self.key!r}")


@dataclass(frozen=True)
class Task:
    """One unit of work: ``fn(*args, **kwargs)``.

    Attributes
    ----------
    key : str
        Name of the task, unique within one :func:`run_tasks` call; it starts
        the task's Dask key (shown in logs and on a scheduler's dashboard).
    fn : callable
        A module-level function, so that a worker can import it by name
        (a lambda or a nested function is refused outside serial mode).
    args : tuple
        Positional arguments; picklable. A :class:`ResultOf` stands for another
        task's result.
    kwargs : mapping of str to object
        Keyword arguments; picklable, :class:`ResultOf` values allowed.

    Raises
    ------
    ValueError
        If ``key`` is empty.
    TypeError
        If ``key`` is not a string, ``fn`` is not callable, ``args`` is not a
        tuple or ``kwargs`` is not a mapping with string keys.
    """

    key: str
    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.key, str):
            raise TypeError(f"key must be a string, got {type(self.key).__name__}")
        if not self.key.strip():
            raise ValueError("key must be a non-empty string")
        if not callable(self.fn):
            raise TypeError(f"task {self.key!r}: fn must be callable, got {type(self.fn).__name__}")
        if not isinstance(self.args, tuple):
            raise TypeError(f"task {self.key!r}: args must be a tuple, got {type(self.args).__name__}")
        if not isinstance(self.kwargs, Mapping) or not all(isinstance(k, str) for k in self.kwargs):
            raise TypeError(f"task {self.key!r}: kwargs must be a mapping with string keys")

    def references(self) -> list[str]:
        """Keys of the tasks whose results this task takes (:class:`ResultOf` arguments), in argument order."""
        values = [*self.args, *self.kwargs.values()]
        return [v.key for v in values if isinstance(v, ResultOf)]


def _call(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    """Run one task, on a worker or in serial mode: the one code path of every task."""
    from gantheory.nn import torch_threads

    with torch_threads(1):
        return fn(*args, **kwargs)


def _check_importable(task: Task) -> None:
    """Refuse a function that a worker process could not import by name."""
    fn = task.fn
    qualname = getattr(fn, "__qualname__", "")
    if "<lambda>" in qualname:
        raise ValueError(f"task {task.key!r}: fn is a lambda; pass a module-level function (workers import it by name)")
    if "<locals>" in qualname:
        raise ValueError(
            f"task {task.key!r}: fn {qualname} is a nested function; pass a module-level function "
            "(workers import it by name)"
        )
    if getattr(fn, "__module__", None) == "__main__":
        return  # Dask ships functions of the main script by value
    try:
        pickle.dumps(fn)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        raise ValueError(f"task {task.key!r}: fn cannot be pickled by reference ({exc})") from None


def _check_tasks(tasks: object) -> list[Task]:
    if isinstance(tasks, (str, bytes, Mapping)) or not isinstance(tasks, Sequence):
        raise TypeError(f"tasks must be a sequence of Task, got {type(tasks).__name__}")
    out = list(tasks)
    seen: set[str] = set()
    for i, task in enumerate(out):
        if not isinstance(task, Task):
            raise TypeError(f"tasks[{i}] must be a Task, got {type(task).__name__}")
        if task.key in seen:
            raise ValueError(f"tasks: the key {task.key!r} is used twice")
        for ref in task.references():
            if ref not in seen:
                raise ValueError(f"task {task.key!r} takes the result of {ref!r}, which is not an earlier task")
        seen.add(task.key)
    return out


def _check_scheduler(scheduler: object) -> str:
    if scheduler is None:
        return LOCAL
    if not isinstance(scheduler, str):
        raise TypeError(f"scheduler must be a string or None, got {type(scheduler).__name__}")
    if not scheduler.strip():
        raise ValueError("scheduler must be 'local', 'serial' or a scheduler address, got an empty string")
    return scheduler.strip()


def _check_workers(n_workers: object, scheduler: str) -> int | None:
    if n_workers is None:
        return None
    if isinstance(n_workers, bool) or not isinstance(n_workers, int):
        raise TypeError(f"n_workers must be an integer or None, got {type(n_workers).__name__}")
    if n_workers < 1:
        raise ValueError(f"n_workers must be ≥ 1, got {n_workers}")
    if scheduler != LOCAL:
        raise ValueError(f"n_workers applies to scheduler='local' only, not to {scheduler!r}")
    return n_workers


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Dask's routine log lines and warnings off, for the duration of a run.

    Restores the logger levels afterwards. The warning filters cover the
    cluster's own threads in this process (worker processes keep theirs).
    """
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    levels = [lg.level for lg in loggers]
    with warnings.catch_warnings():
        for module in ("distributed", "tornado", "dask"):
            warnings.filterwarnings("ignore", module=rf"{module}(\..*)?$")
        warnings.filterwarnings("ignore", category=ResourceWarning)
        for lg in loggers:
            lg.setLevel(logging.CRITICAL)
        try:
            yield
        finally:
            for lg, level in zip(loggers, levels, strict=True):
                lg.setLevel(level)


@contextlib.contextmanager
def _restored_environ(names: Sequence[str]) -> Iterator[None]:
    """Put the named environment variables back as they were (the nanny sets them in this process)."""
    before = {name: os.environ.get(name) for name in names}
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def local_cluster(n_workers: int = 1) -> Iterator[Any]:
    """The LocalCluster :func:`run_tasks` starts: ``n_workers`` single-threaded worker processes.

    No dashboard, quiet logs and warnings, and worker processes without Dask's
    ``MALLOC_TRIM_THRESHOLD_`` setting: with it, glibc returns freed memory to
    the system so eagerly that training the small networks here ran about
    twice as slowly. The environment variables a nanny sets in this process
    before spawning a worker are restored on exit. Use it to share one cluster
    between several :func:`run_tasks` calls (pass ``cluster.scheduler_address``).

    Parameters
    ----------
    n_workers : int
        ≥ 1.

    Yields
    ------
    distributed.LocalCluster
    """
    if isinstance(n_workers, bool) or not isinstance(n_workers, int):
        raise TypeError(f"n_workers must be an integer, got {type(n_workers).__name__}")
    if n_workers < 1:
        raise ValueError(f"n_workers must be ≥ 1, got {n_workers}")
    import dask
    from distributed import LocalCluster

    spawn_env = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {})
    with (
        _quiet(),
        _restored_environ([*spawn_env, "PYTHONHASHSEED"]),
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}),
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as cluster,
    ):
        yield cluster


def _progress_bar(total: int, desc: str, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="task", file=sys.stderr, dynamic_ncols=True, disable=not enabled)


def _running(bar: Any) -> Callable[[], str]:
    """The heartbeat label of ``bar``: the tasks not yet done (as set in ``bar.pending``)."""

    def label() -> str:
        pending = getattr(bar, "pending", [])
        return ", ".join(pending[:3]) + (f" +{len(pending) - 3}" if len(pending) > 3 else "")

    return label


def _run_serial(tasks: list[Task], bar: Any) -> list[Any]:
    results: dict[str, Any] = {}
    for i, task in enumerate(tasks):
        bar.pending = [t.key for t in tasks[i:]]
        args = tuple(results[a.key] if isinstance(a, ResultOf) else a for a in task.args)
        kwargs = {k: results[v.key] if isinstance(v, ResultOf) else v for k, v in task.kwargs.items()}
        results[task.key] = _call(task.fn, args, kwargs)
        bar.update(1)
    return [results[t.key] for t in tasks]


def _dask_key(task: Task) -> str:
    from dask.base import tokenize

    # the token makes the key a function of the work, so two runs sharing a scheduler cannot collide
    return f"{task.key}-{tokenize(task.fn, task.args, dict(task.kwargs))}"


def _run_on(client: Any, tasks: list[Task], bar: Any) -> list[Any]:
    from distributed import as_completed

    futures: dict[str, Any] = {}
    try:
        for task in tasks:
            args = tuple(futures[a.key] if isinstance(a, ResultOf) else a for a in task.args)
            kwargs = {k: futures[v.key] if isinstance(v, ResultOf) else v for k, v in task.kwargs.items()}
            futures[task.key] = client.submit(
                _call, task.fn, args, kwargs, key=_dask_key(task), pure=False, retries=RETRIES
            )
        key_of = {future.key: task.key for task, future in zip(tasks, futures.values(), strict=True)}
        bar.pending = [t.key for t in tasks]
        for done in as_completed(list(futures.values())):
            if done.status == "error":
                done.result()  # raises the task's exception, with its remote traceback
            bar.pending = [k for k in bar.pending if k != key_of.get(done.key)]
            bar.update(1)
        return client.gather([futures[t.key] for t in tasks])
    finally:
        client.cancel(list(futures.values()))


def run_tasks(
    tasks: Sequence[Task],
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    progress: bool = False,
    desc: str = "tasks",
) -> list[Any]:
    """Run independent tasks and return their results in the order of ``tasks``.

    Parameters
    ----------
    tasks : sequence of Task
        Keys unique; a :class:`ResultOf` argument names an earlier task.
    scheduler : str or None
        ``None`` or ``"local"``: an embedded ``LocalCluster`` of ``n_workers``
        single-threaded worker processes (no dashboard), closed on return;
        ``"serial"``: in this process, in order, without a cluster; any other
        string: the address of a running Dask scheduler.
    n_workers : int, optional
        Workers of the local cluster (≥ 1); by default
        ``min(os.cpu_count(), len(tasks))``. Only with the local cluster.
    progress : bool
        Show a tqdm bar on stderr, advanced as tasks finish (tasks done, total, ETA).
    desc : str
        Label of the progress bar.

    Returns
    -------
    list
        ``fn(*args, **kwargs)`` of each task, in the order of ``tasks``.

    Raises
    ------
    ValueError
        For an empty ``scheduler`` string, ``n_workers < 1`` (or given with
        another scheduler), a repeated task key, a :class:`ResultOf` that names
        no earlier task, or (outside serial mode) a task whose ``fn`` is a
        lambda, a nested function or otherwise not importable by name.
    TypeError
        For arguments of the wrong type.
    OSError
        If the scheduler at an address cannot be reached.
    Exception
        Whatever a task raised, after its retries.

    Examples
    --------
    >>> run_tasks([Task("a", abs, (-2,)), Task("b", pow, (2, 5))], scheduler="serial")
    [2, 32]
    """
    mode = _check_scheduler(scheduler)
    workers = _check_workers(n_workers, mode)
    task_list = _check_tasks(tasks)
    if not isinstance(desc, str):
        raise TypeError(f"desc must be a string, got {type(desc).__name__}")
    if not task_list:
        return []
    if mode != SERIAL:
        for task in task_list:
            _check_importable(task)
    from verify.progress import Heartbeat, StepBars

    with (
        _progress_bar(len(task_list), desc, bool(progress)) as bar,
        Heartbeat(bar, _running(bar), show_age=False),
        StepBars(enabled=bool(progress)) as steps,
    ):
        if mode == SERIAL:
            return _run_serial(task_list, bar)
        from distributed import Client

        with _quiet():
            if mode == LOCAL:
                n = workers if workers is not None else max(1, min(os.cpu_count() or 1, len(task_list)))
                with local_cluster(n) as cluster, Client(cluster) as client:
                    steps.follow(client)
                    return _run_on(client, task_list, bar)
            with Client(mode) as client:
                steps.follow(client)
                return _run_on(client, task_list, bar)
