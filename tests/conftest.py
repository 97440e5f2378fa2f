"""Shared pytest setup: Hypothesis profiles and where the tutorial documents are.

The profile is ``ci`` (200 derandomised examples per test) unless
``HYPOTHESIS_PROFILE`` or ``--hypothesis-profile`` names another.
"""

from __future__ import annotations

import os

import numpy as np
from hypothesis import settings

from verify.context import register_hypothesis_profiles

register_hypothesis_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Falsifying arrays print with every digit, so a printed counterexample reproduces.
np.set_printoptions(floatmode="unique")

if os.environ.get("PYTEST_XDIST_WORKER"):
    # Under pytest-xdist each worker gets one core: torch's default of one thread per
    # core would oversubscribe the machine and slow every worker down.
    import torch

    torch.set_num_threads(1)
