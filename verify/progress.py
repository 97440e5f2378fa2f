"""Progress bars that keep moving while one long item runs.

A tqdm bar redraws only when it is advanced, so a claim or an experiment that
runs for minutes freezes it (elapsed time, ETA and all). :class:`Heartbeat`
redraws a bar from a daemon thread every ``interval`` seconds, with a label
naming what runs and for how long; the bar then never sits still for more than
``interval`` seconds.

Inside an experiment, every training reports its steps
(:func:`gantheory.nn.trainer.observe_steps` with :func:`step_reporter`): in this
process straight to the nested bars of :class:`StepBars`; on a Dask worker as a
``log_event`` on :data:`PROGRESS_TOPIC`, which the driver's client forwards to
the same bars (seeds, steps done, rate and ETA per experiment). Bars go to
stderr, never into the report.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

__all__ = ["PROGRESS_TOPIC", "Heartbeat", "StepBars", "step_reporter"]

#: The Dask event topic of training steps.
PROGRESS_TOPIC = "gantheory-training-steps"

#: Step bars of this process (serial runs), fed directly rather than through Dask events.
_LOCAL_SINKS: list[Callable[[Mapping[str, Any]], None]] = []


class Heartbeat:
    """Redraw ``bar`` every ``interval`` seconds, its postfix set to ``label()`` and the current item's age.

    Parameters
    ----------
    bar : tqdm
        The bar (disabled bars are left alone).
    label : callable, optional
        ``label() -> str``: what is running now (a claim ID, the experiments not yet done).
    interval : float
        Seconds between redraws (> 0).
    show_age : bool
        Append the current item's age (seconds since :meth:`started`) to the label.

    Examples
    --------
    >>> from tqdm import tqdm
    >>> with tqdm(total=1, disable=True) as bar, Heartbeat(bar, lambda: "E1b") as beat:  # doctest: +SKIP
    ...     beat.started()  # a new item begins: its age restarts at 0
    """

    def __init__(
        self, bar: Any, label: Callable[[], str] | None = None, *, interval: float = 1.0, show_age: bool = True
    ) -> None:
        if not interval > 0:
            raise ValueError(f"interval must be > 0 seconds, got {interval!r}")
        self._bar = bar
        self._label = label
        self._interval = float(interval)
        self._show_age = show_age
        self._stop = threading.Event()
        self._since = time.monotonic()
        self._thread: threading.Thread | None = None

    def started(self) -> None:
        """A new item starts now (its age, shown in the postfix, restarts)."""
        self._since = time.monotonic()
        self.beat()

    def beat(self) -> None:
        """Set the postfix and redraw once."""
        if getattr(self._bar, "disable", False):
            return
        text = self._label() if self._label is not None else ""
        if self._show_age:
            text = f"{text} {time.monotonic() - self._since:.0f} s".strip()
        self._bar.set_postfix_str(text, refresh=True)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.beat()

    def __enter__(self) -> Heartbeat:
        if not getattr(self._bar, "disable", False):
            self._thread = threading.Thread(target=self._run, name="progress-heartbeat", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def _emit(payload: Mapping[str, Any]) -> None:
    for sink in list(_LOCAL_SINKS):
        sink(payload)
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):  # not on a Dask worker
        return
    worker.log_event(PROGRESS_TOPIC, dict(payload))


def step_reporter(experiment: str, *, every_s: float = 0.5) -> Callable[[Any, int], None]:
    """An observer for :func:`gantheory.nn.trainer.observe_steps`: reports ``experiment``'s steps.

    At most one report per ``every_s`` seconds, besides the first and the last step of each training.
    """
    last = [float("-inf")]

    def report(config: Any, done: int) -> None:
        now = time.monotonic()
        if done not in (1, config.steps) and now - last[0] < every_s:
            return
        last[0] = now
        _emit({"experiment": experiment, "seeds": int(config.n_seeds), "step": int(done), "steps": int(config.steps)})

    return report


class StepBars:
    """Nested tqdm bars, one per experiment in training: ``E1b (64 seeds)  1200/3000 steps [ETA]``.

    A context manager; it receives the reports of this process while open, and
    :meth:`follow` adds those of a Dask client's workers.
    """

    def __init__(self, *, enabled: bool = True) -> None:
        self._enabled = enabled
        self._bars: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._clients: list[Any] = []

    def __call__(self, payload: Mapping[str, Any]) -> None:
        """Show one report (``experiment``, ``seeds``, ``step``, ``steps``)."""
        if not self._enabled:
            return
        from tqdm import tqdm

        name, step, steps = str(payload["experiment"]), int(payload["step"]), int(payload["steps"])
        desc = f"  {name} ({payload['seeds']} seeds)"
        with self._lock:
            bar = self._bars.get(name)
            if bar is not None and (steps != bar.total or step < bar.n):
                bar.reset(total=steps)  # the experiment's next training
            if bar is None:
                bar = tqdm(total=steps, desc=desc, unit="step", leave=False, file=sys.stderr, dynamic_ncols=True)
                self._bars[name] = bar
            bar.set_description_str(desc, refresh=False)
            bar.update(step - bar.n)
            if step >= steps:
                bar.close()
                del self._bars[name]

    def follow(self, client: Any) -> None:
        """Also show the reports of ``client``'s workers (a ``distributed.Client``)."""
        if self._enabled:
            client.subscribe_topic(PROGRESS_TOPIC, lambda event: self(event[1]))
            self._clients.append(client)

    def __enter__(self) -> StepBars:
        if self._enabled:
            _LOCAL_SINKS.append(self)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self in _LOCAL_SINKS:
            _LOCAL_SINKS.remove(self)
        for client in self._clients:
            try:
                client.unsubscribe_topic(PROGRESS_TOPIC)
            except Exception:  # the client may already be closing; the bars close anyway
                pass
        with self._lock:
            for bar in self._bars.values():
                bar.close()
            self._bars.clear()
