"""Concrete cases that claims of several groups share: document 000's data, random pmf and mixture pairs.

Random cases draw from the running check's generator (:meth:`verify.context.Context.rng`) under a key of
their own, so a check sees the same cases whichever module defines it.
"""

from __future__ import annotations

import numpy as np

from gantheory.densities import GaussianMixture, gaussian
from verify.checks import Case
from verify.context import Context

__all__ = ["BIMODAL", "random_mixture_pairs", "random_pmf_pairs"]


#: Document 000's data: modes at ±2, standard deviation 0.5, equal weights.
BIMODAL = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])


def random_pmf_pairs(ctx: Context, *, zeros: bool = True) -> list[Case]:
    """Named edge cases and random pmf pairs (Dirichlet, sizes 2–64), some with zeros."""
    rng = ctx.rng("pmf-pairs")
    cases = [
        Case("equal", (np.full(4, 0.25), np.full(4, 0.25))),
        Case("disjoint supports", (np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.3, 0.7]))),
        Case("one-hot vs uniform", (np.array([1.0, 0.0, 0.0]), np.full(3, 1 / 3))),
    ]
    for i in range(ctx.profile.random_cases):
        n = int(rng.integers(2, 65))
        p, q = rng.dirichlet(np.full(n, 0.5)), rng.dirichlet(np.full(n, 0.5))
        if zeros and i % 3 == 0:
            # zero out ~30% of each vector's entries, keeping its largest one
            p = np.where((rng.random(n) < 0.3) & (p < p.max()), 0.0, p)
            q = np.where((rng.random(n) < 0.3) & (q < q.max()), 0.0, q)
            p, q = p / p.sum(), q / q.sum()
        cases.append(Case(f"random pmf pair {i} (n={n})", (p, q)))
    return cases


def random_mixture_pairs(ctx: Context) -> list[Case]:
    """Document 000's data against Gaussians, and random 1–3 component mixture pairs."""
    rng = ctx.rng("mixture-pairs")
    cases = [
        Case("bimodal data vs N(0, 1)", (BIMODAL, gaussian(0.0, 1.0))),
        Case("bimodal data vs N(2, 0.5²) (one mode)", (BIMODAL, gaussian(2.0, 0.5))),
        Case("N(0, 1) vs N(0.7, 1)", (gaussian(0.0, 1.0), gaussian(0.7, 1.0))),
    ]
    for i in range(max(2, ctx.profile.random_cases // 4)):
        pair = []
        for _ in range(2):
            k = int(rng.integers(1, 4))
            pair.append(GaussianMixture(rng.dirichlet(np.ones(k)), rng.uniform(-4, 4, k), rng.uniform(0.3, 2.0, k)))
        cases.append(Case(f"random mixture pair {i}", tuple(pair)))
    return cases
