"""The Hypothesis strategies reach the inputs where exact numerics break: zeros, disjoint supports, one-ulp pairs.

A property search over a strategy that never draws such an input cannot find the defect that lives there.
Each test asks Hypothesis (derandomised, no database) for a draw with the feature; failing to find one in
the budget fails the test.
"""

from __future__ import annotations

import numpy as np
from hypothesis import Phase, find, given, settings

from gantheory import strategies as S

# No shrink phase: the first draw with the feature is the evidence, and shrinking it only costs time.
SEARCH = settings(max_examples=2000, derandomize=True, database=None, deadline=None, phases=[Phase.generate])


def one_ulp_apart(pq: tuple[np.ndarray, np.ndarray]) -> bool:
    """Some entry of ``q`` is the float next to the same entry of ``p``."""
    p, q = pq
    gap = np.abs(p - q)
    return bool(np.any((gap > 0) & (gap <= np.spacing(np.maximum(p, q)))))


def disjoint(pq: tuple[np.ndarray, np.ndarray]) -> bool:
    p, q = pq
    return not np.any((p > 0) & (q > 0))


def test_probability_vectors_with_zeros_reach_a_zero_entry() -> None:
    p = find(S.probability_vectors(allow_zeros=True), lambda p: bool((p == 0).any()), settings=SEARCH)
    assert (p == 0).any() and p.sum() == 1.0


def test_pmf_pairs_with_zeros_reach_disjoint_supports() -> None:
    assert disjoint(find(S.pmf_pairs(allow_zeros=True), disjoint, settings=SEARCH))


def test_pmf_pairs_with_zeros_reach_mass_against_zero() -> None:
    def mass_against_zero(pq: tuple[np.ndarray, np.ndarray]) -> bool:
        p, q = pq
        return bool(np.any((p > 0) & (q == 0))) and bool(np.any((p > 0) & (q > 0)))

    assert mass_against_zero(find(S.pmf_pairs(allow_zeros=True), mass_against_zero, settings=SEARCH))


@given(S.disjoint_pmf_pairs())
def test_disjoint_pmf_pairs_are_always_disjoint_pmfs(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    assert disjoint(pq)
    assert abs(p.sum() - 1) <= 1e-15 and abs(q.sum() - 1) <= 1e-15


def test_near_equal_pmf_pairs_reach_one_ulp_pairs() -> None:
    assert one_ulp_apart(find(S.near_equal_pmf_pairs(), one_ulp_apart, settings=SEARCH))


def test_pmf_pairs_reach_one_ulp_pairs() -> None:
    assert one_ulp_apart(find(S.pmf_pairs(), one_ulp_apart, settings=SEARCH))


def test_near_equal_pmf_pairs_reach_identical_pairs() -> None:
    p, q = find(S.near_equal_pmf_pairs(), lambda pq: bool(np.array_equal(*pq)), settings=SEARCH)
    assert np.array_equal(p, q)


def test_probability_vectors_reach_the_smallest_allowed_mass() -> None:
    # min_mass is relative to the largest weight (1.0): the ratio of smallest to largest reaches it.
    p = find(S.probability_vectors(min_mass=1e-3), lambda p: p.min() / p.max() <= 1.0001e-3, settings=SEARCH)
    assert p.min() / p.max() >= 1e-3 * (1 - 1e-12)


def test_logits_reach_both_bounds() -> None:
    assert find(S.logits(bound=30.0), lambda x: x == 30.0, settings=SEARCH) == 30.0
    assert find(S.logits(bound=30.0), lambda x: x == -30.0, settings=SEARCH) == -30.0
