"""Trained-GAN experiments that empirical checks read their evidence from.

``EXPERIMENTS`` maps an experiment name (``E1a``, ``E1b``, …) to a function
``run(ctx) -> Mapping`` returning JSON-ready results. A context runs each
experiment at most once, so several claims can share one set of trained
networks. An empirical check whose experiment is not registered, or not run
in this invocation, is ``pending``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from verify.context import ExperimentRunner

EXPERIMENTS: dict[str, ExperimentRunner] = {}

__all__ = ["EXPERIMENTS", "Any", "Mapping"]
