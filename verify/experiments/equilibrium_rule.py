"""The equilibrium search's selection rule and its committed record, read by the study and written by the search.

:mod:`verify.experiments.equilibrium_search` declares the grids and runs them on
the tuning seeds; :mod:`verify.experiments.equilibrium` applies :data:`RULE`
(:func:`choose`) to the record (:func:`load_record`) to fix each target's protocol.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["RECORD_PATH", "RULE", "choose", "load_record"]

#: Where the search's record lives (committed with the package: the study reads it).
RECORD_PATH = Path(__file__).with_name("equilibrium_search.json")

#: How the protocol is chosen, fixed before the search.
RULE = (
    "the protocol with the highest share of tuning seeds not rejected by the combined C2ST at the end of "
    "training; ties broken by the lower median final sup |D − ½| over the support, then by fewer seed-steps"
)


def choose(results: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """Apply :data:`RULE` to a target's tuning results."""
    if not results:
        raise ValueError("no tuning results to choose from")
    return min(results, key=lambda r: (-float(r["not_rejected"]), float(r["median_sup_half"]), int(r["seed_steps"])))


def load_record(path: Path = RECORD_PATH) -> dict[str, Any]:
    """The committed search record (``{}`` when the search has not been run)."""
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
