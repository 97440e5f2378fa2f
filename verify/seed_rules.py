"""Decision rules on statistics across seeds, shared by the trained-GAN claims.

A claim about trained GANs is decided on many runs, and a rule says when the
runs settle it: the "most runs" rule on a fraction of runs, the band rule on
an interval for a mean. Either may leave the question open; :func:`ruled`
then turns the summary into an undecided outcome with the rule's reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gantheory.nn.metrics import wilson_interval
from verify.model import Outcome

__all__ = ["fmt_ci", "in_band", "most", "ruled"]


def most(k: int, n: int) -> tuple[bool | None, tuple[float, float]]:
    """The "most runs" rule: True if the Wilson 95 % interval of k/n lies above ½, False if below, else None."""
    lo, hi = wilson_interval(k, n)
    return (True if lo > 0.5 else False if hi < 0.5 else None), (lo, hi)


def in_band(lo: float, hi: float, low: float, high: float) -> bool | None:
    """The band rule: True if the interval [lo, hi] lies in [low, high], False if wholly outside, else None."""
    if low <= lo and hi <= high:
        return True
    return False if hi < low or lo > high else None


def fmt_ci(ci: tuple[float, float]) -> str:
    return f"[{ci[0]:.2f}, {ci[1]:.2f}]"


def ruled(
    holds: bool | None,
    summary: str,
    open_: str,
    counterexample: Mapping[str, Any] | None = None,
    **measurements: Any,
) -> Outcome:
    """:meth:`Outcome.decide` when the rule decided; else undecided, the summary followed by ``open_`` (why)."""
    if holds is None:
        return Outcome.undecided(summary + open_)
    return Outcome.decide(holds, summary, counterexample, **measurements)
