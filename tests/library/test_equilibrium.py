"""The equilibrium measures: the mixture target, binned distances, D's deviation, the combined C2ST."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from gantheory import divergences
from gantheory.equilibrium import (
    MixtureTarget,
    binned_distances,
    box_bin_masses,
    discriminator_deviation,
    support_grid,
)
from gantheory.nn import bimodal, ring8
from gantheory.nn.metrics import mixture_bin_masses
from gantheory.twosample import c2st, combined_c2st
from verify.tolerance import assert_close

BIMODAL = MixtureTarget.from_source(bimodal())
RING = MixtureTarget.from_source(ring8())


def test_log_density_of_the_bimodal_target_is_scipys_mixture() -> None:
    x = np.linspace(-5, 5, 41)
    expected = np.log(0.5 * stats.norm.pdf(x, -2, 0.5) + 0.5 * stats.norm.pdf(x, 2, 0.5))
    actual = BIMODAL.log_density(x)
    assert actual.shape == expected.shape
    assert_close(actual, expected)


def test_log_density_in_2d_is_the_product_of_the_axes() -> None:
    x = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, -1.0]])
    comp = [stats.multivariate_normal(m, 0.01**2 * np.eye(2)).logpdf(x) for m in RING.means]
    expected = np.logaddexp.reduce(np.stack(comp) + np.log(1 / 8), axis=0)
    assert_close(RING.log_density(x), expected)


def test_bin_masses_agree_with_the_independent_mixture_routine() -> None:
    edges = np.linspace(-4.5, 4.5, 37)
    expected = mixture_bin_masses([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5], edges)
    actual = BIMODAL.bin_masses(edges)
    assert actual.shape == expected.shape == (38,)
    assert_close(actual, expected)


def test_support_region_is_the_three_sigma_windows() -> None:
    assert BIMODAL.in_support(np.array([-2.0, -0.51, -0.49, 0.0, 3.49, 3.51])).tolist() == [
        True,
        True,
        False,
        False,
        True,
        False,
    ]
    grid = support_grid(BIMODAL, 801)
    assert grid.shape[1] == 1 and np.abs(np.abs(grid[:, 0]) - 2.0).max() <= 1.5 + 1e-12


def test_samples_have_the_target_moments() -> None:
    x = BIMODAL.sample(200_000, np.random.default_rng(0))
    assert x.shape == (200_000, 1)
    # mean 0, variance ½·0.25·2 + 4 = 4.25; standard errors ~0.005 and ~0.01
    assert abs(x.mean()) < 0.03 and abs(x.var() - 4.25) < 0.05


def test_binned_distances_match_the_library_divergences() -> None:
    rng = np.random.default_rng(3)
    p, q = rng.dirichlet(np.ones(12)), rng.dirichlet(np.ones(12), size=3)
    out = binned_distances(p, q)
    assert out["tv"].shape == out["js"].shape == (3,)
    assert_close(out["js"], [divergences.js_divergence(p, row) for row in q])
    assert_close(out["tv"], [divergences.total_variation(p, row) for row in q])


def test_binned_distances_vanish_on_equal_masses_and_a_swap_changes_nothing() -> None:
    p = np.array([0.2, 0.3, 0.5])
    assert binned_distances(p, p)["js"] == 0.0 and binned_distances(p, p)["tv"] == 0.0
    q = np.array([0.5, 0.3, 0.2])
    assert_close(binned_distances(p, q)["js"], binned_distances(q, p)["js"])


def test_discriminator_deviation_reads_the_worst_point() -> None:
    d = np.array([[0.5, 0.52, 0.47], [0.5, 0.5, 0.5]])
    out = discriminator_deviation(d, d_star=np.array([0.5, 0.5, 0.6]))
    assert_close(out["sup_half"], [0.03, 0.0])
    assert_close(out["sup_star"], [0.13, 0.1])


def test_discriminator_deviation_rejects_values_outside_the_unit_interval() -> None:
    with pytest.raises(ValueError, match=r"d_values must lie in \[0, 1\]"):
        discriminator_deviation(np.array([[1.2]]))


def test_combined_test_keeps_the_null_for_two_samples_of_one_law() -> None:
    rng = np.random.default_rng(11)
    a, b = BIMODAL.sample(2000, rng), BIMODAL.sample(2000, rng)
    assert not combined_c2st(a, b, rng=np.random.default_rng(1)).rejects


def test_combined_test_rejects_a_shifted_mode() -> None:
    # control: the right mode moved by 0.2 (0.4 σ)
    rng = np.random.default_rng(12)
    a = BIMODAL.sample(2000, rng)
    b = BIMODAL.sample(2000, rng)
    b[b > 0] += 0.2
    assert combined_c2st(a, b, rng=np.random.default_rng(1)).rejects


def test_bonferroni_p_value_is_twice_the_smaller_one() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=400), rng.normal(0.15, 1.0, size=400)
    test = combined_c2st(a, b, rng=np.random.default_rng(2))
    assert test.p_value == min(1.0, 2 * min(test.knn.p_value, test.boosting.p_value))
    assert test.rejects == (test.p_value < 0.05)


def test_boosting_classifier_is_a_deterministic_function_of_the_generator() -> None:
    rng = np.random.default_rng(6)
    a, b = rng.normal(size=300), rng.normal(size=300)
    one = c2st(a, b, rng=np.random.default_rng(9), classifier="boosting")
    two = c2st(a, b, rng=np.random.default_rng(9), classifier="boosting")
    assert one == two


def test_unknown_classifier_is_rejected() -> None:
    with pytest.raises(ValueError, match="classifier must be one of"):
        c2st(np.zeros(8), np.ones(8), rng=np.random.default_rng(0), classifier="svm")


def test_box_bin_masses_in_1d_are_the_renormalised_inner_bin_masses() -> None:
    edges = np.linspace(-4.5, 4.5, 37)
    inner = BIMODAL.bin_masses(edges)[1:-1]
    actual = box_bin_masses(BIMODAL, [edges])
    assert actual.shape == inner.shape
    assert_close(actual, inner / inner.sum())


def test_box_bin_masses_in_2d_factorise_over_the_axes_for_one_component() -> None:
    one = MixtureTarget("one", np.array([1.0]), np.array([[0.3, -0.2]]), np.array([0.5]))
    ex, ey = np.linspace(-2, 2, 9), np.linspace(-2.5, 2, 7)
    px = np.diff(stats.norm.cdf(ex, 0.3, 0.5))
    py = np.diff(stats.norm.cdf(ey, -0.2, 0.5))
    expected = np.outer(px, py).ravel()
    actual = box_bin_masses(one, [ex, ey])
    assert actual.shape == expected.shape
    assert_close(actual, expected / expected.sum())
