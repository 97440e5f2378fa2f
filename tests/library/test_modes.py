"""PacGAN's mode-coverage protocol: distinct modes, high-quality radius, covered modes, histogram KL."""

from __future__ import annotations

import numpy as np
import pytest

from gantheory.modes import grid_modes, mode_coverage, ring_modes


def test_the_ring_has_eight_distinct_modes_on_the_unit_circle() -> None:
    m = ring_modes()
    assert len(np.unique(np.round(m, 12), axis=0)) == 8
    np.testing.assert_allclose(np.hypot(m[:, 0], m[:, 1]), 1.0, rtol=0, atol=1e-15)


def test_linspace_ring_would_repeat_a_mode() -> None:
    # The pitfall ring_modes avoids: linspace(0, 2π, 8) puts θ = 0 and θ = 2π on one point.
    theta = np.linspace(0, 2 * np.pi, 8)
    pts = np.round(np.stack([np.cos(theta), np.sin(theta)], 1), 12)
    assert len(np.unique(pts, axis=0)) == 7
    with pytest.raises(ValueError, match="not distinct"):
        mode_coverage(np.zeros((3, 2)), np.stack([np.cos(theta), np.sin(theta)], 1).round(12), 0.01)


def test_grid_has_25_modes_spaced_by_two() -> None:
    m = grid_modes()
    assert m.shape == (25, 2) and set(np.unique(m)) == {-4.0, -2.0, 0.0, 2.0, 4.0}


def test_a_perfect_sample_covers_every_mode_evenly() -> None:
    m = grid_modes()
    x = np.repeat(m, 100, axis=0)
    cov = mode_coverage(x, m, 0.05)
    assert (
        cov.modes_covered == 25 and cov.high_quality_fraction == 1.0 and cov.reverse_kl == pytest.approx(0.0, abs=1e-15)
    )


def test_collapse_onto_one_mode() -> None:
    m = ring_modes()
    cov = mode_coverage(np.tile(m[0], (50, 1)), m, 0.01)
    assert cov.modes_covered == 1
    assert cov.reverse_kl == pytest.approx(np.log(8))


def test_points_beyond_three_sigma_are_low_quality() -> None:
    m = ring_modes()
    cov = mode_coverage(m + np.array([0.031, 0.0]), m, 0.01)  # 3.1σ away from every mode
    assert cov.modes_covered == 0 and cov.high_quality_fraction == 0.0 and np.isnan(cov.reverse_kl)


def test_dimension_mismatch_raises() -> None:
    with pytest.raises(ValueError, match="same d"):
        mode_coverage(np.zeros((4, 3)), ring_modes(), 0.01)
