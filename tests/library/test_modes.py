"""PacGAN's mode-coverage protocol: distinct modes, high-quality radius, covered modes, histogram KL."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gantheory.modes import coverage_stats, distinct_modes, grid_modes, mode_coverage, ring_modes


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


# ---------------------------------------------------------------------------
# Per-seed statistics
# ---------------------------------------------------------------------------


def _mixture_samples(means: np.ndarray, sigma: float, n_seeds: int = 4, n: int = 2500) -> np.ndarray:
    rng = np.random.default_rng(0)
    return np.stack(
        [means[rng.integers(0, len(means), n)] + sigma * rng.standard_normal((n, 2)) for _ in range(n_seeds)]
    )


def test_coverage_stats_of_mixture_samples_match_the_chi2_share() -> None:
    m = grid_modes()
    cov = coverage_stats(_mixture_samples(m, 0.05), m, 0.05, strict_count=20)
    assert (cov.modes == 25).all() and (cov.modes_strict == 25).all() and cov.counts.shape == (4, 25)
    # P(|ε| < 3) for ε ~ N(0, I₂) is 1 − e^{−9/2} ≈ 0.9889; 2500 points give a s.d. of 0.002
    assert np.all(np.abs(cov.hq - (1 - math.exp(-4.5))) < 0.01)


def test_coverage_stats_on_constructed_samples() -> None:
    m = grid_modes()
    even = np.repeat(m, 100, axis=0)
    thin = np.concatenate([np.repeat(m[:24], 104, axis=0), np.repeat(m[24:], 4, axis=0)])
    collapsed = np.repeat(m[:3], 834, axis=0)[:2500]
    far = m[np.arange(2500) % 25] + np.array([0.16, 0.0])  # 3.2σ from every mode: none of high quality
    cov = coverage_stats(np.stack([even, thin, collapsed, far]), m, 0.05, strict_count=20)
    np.testing.assert_array_equal(cov.modes, [25, 25, 3, 0])
    np.testing.assert_array_equal(cov.modes_strict, [25, 24, 3, 0])
    np.testing.assert_array_equal(cov.hq, [1.0, 1.0, 1.0, 0.0])
    assert cov.reverse_kl[0] == pytest.approx(0.0, abs=1e-15) and np.isnan(cov.reverse_kl[3])
    assert cov.reverse_kl[2] == pytest.approx(math.log(25 / 3), abs=1e-6)  # 834, 834, 832 points on 3 of 25 modes
    s = cov.summary()
    assert s["modes"]["mean"] == pytest.approx(53 / 4) and s["hq_percent"]["mean"] == 75.0
    assert s["reverse_kl"]["n"] == 3  # the seed without high-quality points is left out


def test_coverage_stats_rejects_flat_input() -> None:
    with pytest.raises(ValueError, match="samples must be a non-empty 3-D array"):
        coverage_stats(np.zeros((10, 2)), grid_modes(), 0.05, strict_count=1)


def test_distinct_modes_of_the_ring_and_of_a_linspace_ring() -> None:
    d = distinct_modes(ring_modes())
    assert d == {"n_modes": 8, "distinct": 8, "min_separation": pytest.approx(2 * math.sin(math.pi / 8))}
    theta = np.linspace(0, 2 * np.pi, 8)
    bad = distinct_modes(np.stack([np.cos(theta), np.sin(theta)], 1))
    assert bad["distinct"] == 7 and bad["min_separation"] == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="at least two modes"):
        distinct_modes([[0.0, 0.0]])
