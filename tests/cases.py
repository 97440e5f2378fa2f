"""Seeded batches of concrete inputs shared by the library and oracle tests.

Property tests draw from Hypothesis; identities that are cheap per case are
also checked on these fixed batches, which cover more cases per second.
"""

from __future__ import annotations

import numpy as np

Pair = tuple[np.ndarray, np.ndarray]

#: The suite's base seed (verify.context.DEFAULT_SEED), so test batches are fixed.
SEED = 20141406


def seeded_pmf_pairs(
    seed: int = SEED, count: int = 300, *, max_size: int = 16, concentration: float = 0.7, head: tuple[Pair, ...] = ()
) -> list[Pair]:
    """``head`` followed by Dirichlet pmf pairs of size 2..``max_size``; every third pair has ~30% zeros."""
    rng = np.random.default_rng(seed)
    out = list(head)
    while len(out) < count:
        n = int(rng.integers(2, max_size + 1))
        p, q = rng.dirichlet(np.full(n, concentration)), rng.dirichlet(np.full(n, concentration))
        if len(out) % 3 == 0:
            p[rng.random(n) < 0.3] = 0.0
            q[rng.random(n) < 0.3] = 0.0
            if p.sum() == 0 or q.sum() == 0:
                continue
        out.append((p / p.sum(), q / q.sum()))
    return out


def exact_one_ulp_pairs(
    seed: int, count: int, *, sizes: tuple[int, int] = (2, 6), bits: int = 33
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Dyadic pmfs that sum to 1 exactly, each with the same pmf after one ulp of mass moved between two entries.

    The entries are multiples of 2^−bits; the moved step is the larger of the two entries' ulps, a multiple of
    both, so both moves are exact and the second pmf also sums to 1 exactly.
    """
    from fractions import Fraction

    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        n = int(rng.integers(sizes[0], sizes[1] + 1))
        k = rng.integers(1, 2 ** (bits - 3), size=n)
        k[-1] = 2**bits - k[:-1].sum()
        p = k / 2.0**bits
        i, j = rng.choice(n, size=2, replace=False)
        step = max(np.spacing(p[i]), np.spacing(p[j]))
        q = p.copy()
        q[i] -= step
        q[j] += step
        assert sum(map(Fraction, q.tolist())) == 1
        out.append((p, q))
    return out
