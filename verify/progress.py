"""Progress bars that keep moving while one long item runs.

A tqdm bar redraws only when it is advanced, so a claim or an experiment that
runs for minutes freezes it (elapsed time, ETA and all). :class:`Heartbeat`
redraws a bar from a daemon thread every ``interval`` seconds, with a label
naming what runs and for how long; the bar then never sits still for more than
``interval`` seconds. Bars go to stderr, never into the report.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

__all__ = ["Heartbeat"]


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
