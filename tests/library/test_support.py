"""The Jacobian of an MLP generator (:mod:`gantheory.support`): the product rule, its rank bound, input checks."""

from __future__ import annotations

import numpy as np
import pytest

from gantheory import support
from verify.tolerance import Tolerance, assert_close

#: Central differences (step 1e-6) of a piecewise-linear map with a sigmoid output, away from its kinks.
FD = Tolerance(rtol=1e-6, atol=1e-8, why="central differences with step 1e-6: truncation ~1e-12, rounding ~1e-10")


def _latents(k: int, n: int = 3, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, k))


def test_jacobian_is_the_central_difference_of_the_forward_map() -> None:
    g = support.leaky_mlp((3, 5, 4), np.random.default_rng(1))
    z, h = _latents(3)[0], 1e-6

    def forward(x: np.ndarray) -> np.ndarray:
        a = g.weights[0] @ x
        a = np.where(a > 0, a, g.slope * a)
        return 1.0 / (1.0 + np.exp(-(g.weights[1] @ a)))

    numeric = np.column_stack([(forward(z + h * e) - forward(z - h * e)) / (2 * h) for e in np.eye(3)])
    assert_close(g.jacobian(z), numeric, FD)


def test_rank_is_capped_by_the_latent_dimension() -> None:
    g = support.leaky_mlp((10, 64, 32), np.random.default_rng(2))
    assert support.jacobian_rank(g, _latents(10)) == 10


def test_rank_is_capped_by_the_narrowest_hidden_layer() -> None:
    g = support.leaky_mlp((32, 64, 7, 64, 32), np.random.default_rng(3))
    assert support.jacobian_rank(g, _latents(32)) == 7


def test_rank_reaches_the_data_dimension_when_no_layer_is_narrower() -> None:
    g = support.leaky_mlp((20, 24, 20), np.random.default_rng(4))
    assert support.jacobian_rank(g, _latents(20)) == 20


def test_widths_are_the_layer_sizes() -> None:
    assert support.leaky_mlp((2, 3, 4), np.random.default_rng(5)).widths == (2, 3, 4)


def test_leaky_mlp_rejects_a_single_width() -> None:
    with pytest.raises(ValueError, match="widths"):
        support.leaky_mlp((4,), np.random.default_rng(0))


def test_leaky_mlp_rejects_a_slope_above_one() -> None:
    with pytest.raises(ValueError, match="slope"):
        support.leaky_mlp((2, 2), np.random.default_rng(0), slope=1.5)


def test_jacobian_rejects_a_latent_of_the_wrong_shape() -> None:
    g = support.leaky_mlp((3, 4), np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"z must have shape \(3,\)"):
        g.jacobian(np.zeros(4))


def test_jacobian_rank_rejects_no_latents() -> None:
    g = support.leaky_mlp((3, 4), np.random.default_rng(0))
    with pytest.raises(ValueError, match="latents"):
        support.jacobian_rank(g, np.zeros((0, 3)))
