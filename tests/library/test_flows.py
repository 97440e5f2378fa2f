"""Goodfellow's Proposition 2 on a finite support (:mod:`gantheory.flows`).

Oracles: the exact averaging step at η = 1, central differences of C(G),
:func:`gantheory.discriminator.virtual_criterion` and the JS divergence.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from gantheory import discriminator as disc
from gantheory import flows, strategies
from gantheory.divergences import js_divergence
from verify.tolerance import IDENTITY, Tolerance, assert_close


def _criterion(p: np.ndarray, q: np.ndarray) -> float:
    """C(G) written out without input checks, so q may leave the simplex for a finite difference."""
    s = p + q
    return float(np.sum(p * np.log(p / s)) + np.sum(q * np.log(q / s)))


def test_step_one_is_averaging() -> None:
    p, q = np.array([0.1, 0.2, 0.7]), np.array([0.6, 0.3, 0.1])
    res = flows.function_space_descent(p, q, step=1.0, steps=3)
    # q ∝ q^{1−η}(p + q)^η: at η = 1 this is (p + q)/2
    assert_close(res.q[1], (p + q) / 2)
    assert_close(res.q[3], p + (q - p) / 8)


@given(strategies.pmf_pairs(min_mass=1e-2))
def test_criterion_gradient_is_the_derivative_of_c(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    h = 1e-6
    fd = np.array([(_criterion(p, q + h * e) - _criterion(p, q - h * e)) / (2 * h) for e in np.eye(p.size)])
    assert_close(flows.criterion_gradient(p, q), fd, Tolerance(1e-6, 1e-7, why="central differences, step 1e-6"))


@given(strategies.pmf_pairs(min_size=2, max_size=12, allow_zeros=False))
def test_js_never_increases_and_vanishes(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    res = flows.function_space_descent(p, q, step=0.5, steps=100)
    assert np.diff(res.js).max() <= 1e-14
    assert res.js[-1] < 1e-12 and res.tv[-1] < 1e-6


def test_target_zeros_are_emptied() -> None:
    p, q = np.array([0.5, 0.5, 0.0]), np.full(3, 1 / 3)
    res = flows.function_space_descent(p, q, steps=200)
    assert res.q[-1][2] < 1e-12


def test_criterion_and_js_rows_match_the_library() -> None:
    p, q = np.array([0.05, 0.15, 0.3, 0.5]), np.array([0.4, 0.3, 0.2, 0.1])
    res = flows.function_space_descent(p, q, steps=5)
    for row, js, crit in zip(res.q, res.js, res.criterion, strict=True):
        assert_close(js, js_divergence(p, row), IDENTITY)
        assert_close(crit, disc.virtual_criterion(p, row), IDENTITY)


def test_frozen_discriminator_collapses_onto_one_point() -> None:
    p, q0 = np.full(4, 0.25), np.array([0.4, 0.3, 0.2, 0.1])
    d0 = disc.optimal_discriminator(p, q0)
    res = flows.function_space_descent(p, q0, steps=300, discriminator=lambda p_, q_: d0)
    # descent on the fixed linear objective log(1 − D0) piles the mass where p/q0 is largest
    assert res.q[-1][3] > 1 - 1e-9
    assert res.js[-1] > 0.3


def test_ascent_moves_away() -> None:
    p, q0 = np.full(4, 0.25), np.array([0.4, 0.3, 0.2, 0.1])
    res = flows.function_space_descent(p, q0, steps=50, direction="ascent")
    assert res.js[-1] > res.js[0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"p_g": [0.5, 0.5, 0.0], "p_data": [0.2, 0.3, 0.5]}, "positive wherever"),
        ({"step": 0.0}, "step"),
        ({"steps": 0}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"direction": "sideways"}, "direction"),
        ({"p_g": [0.5, 0.6, 0.1]}, "sums to"),
        ({"p_g": [0.5, 0.5]}, "shape"),
    ],
)
def test_invalid_input_raises(kwargs: dict, match: str) -> None:
    args = {"p_data": [0.2, 0.3, 0.5], "p_g": [0.3, 0.3, 0.4], **kwargs}
    with pytest.raises(ValueError, match=match):
        flows.function_space_descent(**args)


def test_gradient_rejects_a_discriminator_outside_the_unit_interval() -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        flows.criterion_gradient([0.5, 0.5], [0.5, 0.5], [0.5, 1.5])
