"""Run the torch tests on one intra-op thread.

The models here are small (K ≤ 4 seeds, batches ≤ 128): a second OpenMP
thread saves little, and on a loaded two-core machine its barrier waits make
the suite several times slower. Results do not depend on the thread count
the tests compare within one process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gantheory.nn import torch_threads


@pytest.fixture(autouse=True)
def _one_torch_thread() -> Iterator[None]:
    with torch_threads(1):
        yield
