"""Expected generator costs of :mod:`gantheory.losses`: which generator two costs prefer; the soft-label criterion."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gantheory import losses as L
from gantheory import strategies
from gantheory.discriminator import virtual_criterion
from verify.tolerance import IDENTITY, assert_close

MINIMAX = L.GENERATOR_COSTS["minimax"].of_output
NON_SATURATING = L.GENERATOR_COSTS["non-saturating"].of_output


def test_minimax_and_non_saturating_costs_rank_a_split_generator_differently() -> None:
    # E log(1 − D) prefers {0.01, 0.99} (≈ −2.31 against −0.69), E[−log D] prefers {0.5} (0.69 against ≈ 2.31)
    assert L.ranks_differently(MINIMAX, NON_SATURATING, [0.01, 0.99], [0.5])


@given(st.floats(1e-3, 1 - 1e-3), st.floats(1e-3, 1 - 1e-3))
def test_decreasing_costs_agree_on_one_sample_generators(a: float, b: float) -> None:
    assert not L.ranks_differently(MINIMAX, NON_SATURATING, [a], [b])


def test_a_cost_never_disagrees_with_itself_rescaled() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        a, b = rng.uniform(1e-3, 1 - 1e-3, rng.integers(1, 5)), rng.uniform(1e-3, 1 - 1e-3, rng.integers(1, 5))
        assert not L.ranks_differently(MINIMAX, lambda d: 2 * np.log1p(-d), a, b)


def test_differences_within_the_margin_are_ties() -> None:
    assert not L.ranks_differently(MINIMAX, NON_SATURATING, [0.01, 0.99], [0.5], margin=10.0)


def test_ranks_differently_rejects_outputs_outside_the_open_interval() -> None:
    with pytest.raises(ValueError, match="first"):
        L.ranks_differently(MINIMAX, NON_SATURATING, [0.0, 0.5], [0.5])


@given(strategies.pmf_pairs(allow_zeros=True))
def test_smoothed_criterion_with_hard_labels_is_the_virtual_criterion(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    assert_close(
        L.smoothed_virtual_criterion(p, q, real_target=1.0, fake_target=0.0), virtual_criterion(p, q), IDENTITY
    )


@given(strategies.pmf_pairs(), st.floats(0.55, 1.0), st.floats(0.0, 0.45))
def test_smoothed_criterion_is_the_value_at_the_smoothed_optimum(
    pq: tuple[np.ndarray, np.ndarray], alpha: float, beta: float
) -> None:
    p, q = pq
    d = L.smoothed_optimal_discriminator(p, q, real_target=alpha, fake_target=beta)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = p * (alpha * np.log(d) + (1 - alpha) * np.log1p(-d)) + q * (
            beta * np.log(d) + (1 - beta) * np.log1p(-d)
        )
    value = float(np.sum(np.where((p + q) > 0, np.nan_to_num(terms, nan=0.0, neginf=0.0), 0.0)))
    assert_close(L.smoothed_virtual_criterion(p, q, real_target=alpha, fake_target=beta), value, IDENTITY)


@given(strategies.pmf_pairs())
def test_smoothed_criterion_is_minimised_by_the_data(pq: tuple[np.ndarray, np.ndarray]) -> None:
    # two-sided targets (0.9, 0.1) keep p_g = p_data as the generator's optimum (Salimans et al. 2016, §3.4)
    p, q = pq
    at_data = L.smoothed_virtual_criterion(p, p, real_target=0.9, fake_target=0.1)
    assert L.smoothed_virtual_criterion(p, q, real_target=0.9, fake_target=0.1) >= at_data - 1e-12


def test_smoothed_criterion_rejects_supports_of_different_sizes() -> None:
    with pytest.raises(ValueError, match="same shape"):
        L.smoothed_virtual_criterion([0.5, 0.5], [1.0], real_target=0.9, fake_target=0.0)


# linear costs k·D on the generators {0.5} and {0.25} give Δ = k/4 exactly: with the margin ¼, k = ±1 is a tie,
# k = ±2 a difference beyond it and k = ±½ one inside it
@pytest.mark.parametrize(
    ("k_a", "k_b", "expected"),
    [
        (2.0, -2.0, True),
        (-2.0, 2.0, True),
        (1.0, -2.0, False),
        (2.0, -1.0, False),
        (-1.0, 2.0, False),
        (-2.0, 1.0, False),
        (2.0, 0.5, False),
        (-2.0, -0.5, False),
        (2.0, 2.0, False),
    ],
)
def test_costs_disagree_only_when_both_differences_pass_the_margin_with_opposite_signs(
    k_a: float, k_b: float, expected: bool
) -> None:
    assert L.ranks_differently(lambda d: k_a * d, lambda d: k_b * d, [0.5], [0.25], margin=0.25) is expected
