"""The five-point derivative of :mod:`gantheory.differences` and the bump of :mod:`gantheory.bumps`."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gantheory.bumps import bump, bump_derivative, bump_steepest_point
from gantheory.differences import five_point_derivative
from verify.tolerance import Tolerance, assert_close

#: A five-point difference with step 1e-3 of these smooth functions: truncation h⁴·|f⁽⁵⁾|/30 ≈ 1e-13, rounding ≈ 1e-13.
FIVE_POINT = Tolerance(rtol=1e-9, atol=1e-10, why="five-point differences, step 1e-3, of functions with |f⁽⁵⁾| ≲ 10³")


@pytest.mark.parametrize(
    ("f", "df", "x"), [(math.sin, math.cos, 0.7), (math.exp, math.exp, -1.3), (math.log, lambda t: 1 / t, 2.0)]
)
def test_five_point_derivative_of_elementary_functions(f, df, x) -> None:
    assert_close(five_point_derivative(f, x), df(x), FIVE_POINT)


def test_five_point_derivative_is_exact_for_quartics() -> None:
    # the stencil's truncation error is h⁴ f⁽⁵⁾/30, zero for polynomials of degree ≤ 4
    assert five_point_derivative(lambda t: t**4 - 2 * t**3, 1.5, h=0.25) == pytest.approx(
        4 * 1.5**3 - 6 * 1.5**2, rel=1e-14
    )


def test_five_point_derivative_rejects_a_non_positive_step() -> None:
    with pytest.raises(ValueError, match="h"):
        five_point_derivative(math.sin, 0.0, h=0.0)


def test_bump_is_supported_on_the_open_interval() -> None:
    u = np.array([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0])
    values = bump(u)
    assert np.all(values[[0, 1, 5, 6]] == 0.0)
    assert np.all(values[2:5] > 0.0)
    assert values[3] == math.exp(-1.0)


def test_bump_derivative_is_the_derivative_of_the_bump() -> None:
    for u in np.linspace(-0.95, 0.95, 39):
        expected = five_point_derivative(lambda t: float(bump(np.array([t]))[0]), float(u), h=1e-4)
        assert_close(
            bump_derivative(np.array([u]))[0], expected, Tolerance(rtol=1e-7, atol=1e-9, why="step 1e-4 near |u| = 1")
        )


def test_bump_steepest_point_solves_three_u_to_the_fourth_equal_one() -> None:
    u_star, slope = bump_steepest_point()
    assert u_star == pytest.approx(3 ** (-0.25), abs=1e-9)
    assert slope == pytest.approx(-float(bump_derivative(np.array([3 ** (-0.25)]))[0]), rel=1e-12)
    assert slope >= np.max(np.abs(bump_derivative(np.linspace(-0.999, 0.999, 20001))))
