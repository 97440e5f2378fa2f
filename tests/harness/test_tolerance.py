"""``assert_close``: the comparison the tests use, which must fail where the values or the shapes differ."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from verify.tolerance import EXACT, IDENTITY, assert_close, compare


def test_equal_arrays_of_the_same_shape_pass() -> None:
    x = np.linspace(0.0, 1.0, 6).reshape(2, 3)
    assert_close(x, x.copy(), EXACT)


def test_a_scalar_expected_is_the_value_of_every_element() -> None:
    assert_close(np.full((2, 3), 0.5), 0.5, EXACT)


@pytest.mark.parametrize(
    ("actual_shape", "expected_shape"),
    [((2, 1), (3,)), ((3,), (1, 3)), ((), (1,)), ((3,), (2,))],
)
def test_a_shape_mismatch_is_refused_naming_both_shapes(
    actual_shape: tuple[int, ...], expected_shape: tuple[int, ...]
) -> None:
    actual, expected = np.zeros(actual_shape), np.zeros(expected_shape)
    message = f"shape mismatch: actual has shape {actual_shape}, expected has shape {expected_shape}"
    with pytest.raises(AssertionError, match=re.escape(message)):
        assert_close(actual, expected, EXACT)


def test_the_refused_shapes_would_pass_if_broadcast() -> None:
    # the control: compare() broadcasts (2, 1) against (3,) into six equal pairs, so only the shape check refuses
    assert compare(np.zeros((2, 1)), np.zeros(3), EXACT).ok
    assert compare(np.zeros(3), np.zeros((1, 3)), EXACT).ok


def test_values_beyond_the_tolerance_fail_naming_the_worst_element() -> None:
    with pytest.raises(AssertionError, match=r"not close under rtol=1e-10, atol=1e-12: .*worst: 2\.5 vs 2\.0"):
        assert_close([1.0, 2.5], [1.0, 2.0], IDENTITY)


def test_nan_never_passes_and_infinities_must_match() -> None:
    with pytest.raises(AssertionError, match="not close"):
        assert_close(math.nan, math.nan, IDENTITY)
    with pytest.raises(AssertionError, match="not close"):
        assert_close(math.inf, -math.inf, IDENTITY)
    assert_close(math.inf, math.inf, EXACT)
