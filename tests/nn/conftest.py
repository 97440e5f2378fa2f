"""Run the torch tests on one intra-op thread.

The models here are small (K ≤ 4 seeds, batches ≤ 128): a second OpenMP
thread saves little, and on a loaded two-core machine its barrier waits make
the suite several times slower. Results do not depend on the thread count
the tests compare within one process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch


@pytest.fixture(autouse=True)
def _one_torch_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)
