"""Central-difference gradients of :mod:`gantheory.finite_differences` against torch autograd in float64."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gantheory.finite_differences import central_difference_gradient
from verify.tolerance import Tolerance, assert_close

#: h = 1e-6 on float64 functions of size ~1: truncation ~h²·|f'''|/6 ≲ 1e-12, rounding ~ε·|f|/h ≈ 1e-10.
CENTRAL = Tolerance(rtol=1e-6, atol=1e-8, why="central differences, h = 1e-6, float64 functions of size ~1")


def _softplus_loss(w: torch.Tensor | np.ndarray) -> torch.Tensor:
    """A smooth scalar of a (3, 2) weight matrix, as torch computes it."""
    t = torch.as_tensor(w, dtype=torch.float64)
    x = torch.tensor([[0.3, -1.2, 0.7], [1.5, 0.2, -0.4]], dtype=torch.float64)
    return torch.nn.functional.softplus(x @ t).mean() + torch.sin(t).sum()


def test_the_gradient_of_a_matrix_argument_matches_torch_autograd() -> None:
    w = np.random.default_rng(0).normal(0.0, 0.5, (3, 2))
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    _softplus_loss(wt).backward()
    numeric = central_difference_gradient(lambda v: float(_softplus_loss(v)), w)
    assert numeric.shape == w.shape and numeric.dtype == np.float64
    assert_close(numeric, wt.grad.numpy(), CENTRAL)


def test_a_quadratic_has_the_exact_gradient_up_to_rounding() -> None:
    # central differences are exact for quadratics: only rounding remains
    a = np.array([[2.0, 0.5], [0.5, 1.0]])
    x = np.array([0.3, -0.8])
    numeric = central_difference_gradient(lambda v: float(v @ a @ v), x, step=1e-4)
    assert_close(numeric, 2 * a @ x, Tolerance(rtol=1e-9, atol=1e-10, why="rounding only: ε·|f|/h ≈ 1e-12"))


def test_a_scalar_argument_gives_a_0d_gradient() -> None:
    assert central_difference_gradient(lambda v: float(np.exp(v)), 0.0).shape == ()
    assert abs(float(central_difference_gradient(lambda v: float(np.exp(v)), 0.0)) - 1.0) < 1e-9


def test_the_function_gets_a_fresh_copy_and_the_point_is_left_alone() -> None:
    x = np.array([1.0, 2.0])
    seen: list[np.ndarray] = []

    def f(v: np.ndarray) -> float:
        seen.append(v)
        v[:] = 0.0  # altering its argument must not leak into later evaluations
        return 0.0

    central_difference_gradient(f, x)
    assert len(seen) == 4 and len({id(v) for v in seen}) == 4
    assert x.tolist() == [1.0, 2.0]


def test_the_plus_side_is_evaluated_first() -> None:
    points: list[float] = []
    central_difference_gradient(lambda v: points.append(float(v[0])) or 0.0, np.array([0.0]), step=0.5)
    assert points == [0.5, -0.5]


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"f": 3.0, "x": [0.0]}, TypeError, "f"),
        ({"f": np.sum, "x": [0.0, np.nan]}, ValueError, "x"),
        ({"f": np.sum, "x": []}, ValueError, "x"),
        ({"f": np.sum, "x": [0.0], "step": 0.0}, ValueError, "step"),
        ({"f": np.sum, "x": [0.0], "step": -1e-6}, ValueError, "step"),
    ],
)
def test_invalid_input_raises_naming_the_argument(kwargs: dict, error: type[Exception], names: str) -> None:
    with pytest.raises(error, match=names):
        central_difference_gradient(**kwargs)
