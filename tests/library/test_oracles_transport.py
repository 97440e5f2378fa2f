"""Wasserstein distances, IPMs and the Fréchet distance against scipy and POT, on asymmetric cases.

Written to kill the mutants the other library tests let live (``mutmut``, see ``pyproject.toml``): the
critics' direction and sign, the one-sided IPM on a class that is not symmetric (F ≠ −F), weighted and
unnormalised inputs, and every input check by the argument it names.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import ot
import pytest
from scipy import linalg, stats

from gantheory import wasserstein as W

X = np.array([0.0, 1.0, 3.5])
PX = np.array([0.2, 0.5, 0.3])
Y = np.array([-1.0, 2.0, 2.5, 6.0])
QY = np.array([0.1, 0.4, 0.25, 0.25])


def test_w1_on_the_line_matches_scipy_with_weights() -> None:
    assert W.wasserstein1_1d(X, Y, PX, QY) == pytest.approx(stats.wasserstein_distance(X, Y, PX, QY), rel=1e-14)


def test_w1_on_the_line_normalises_unnormalised_weights() -> None:
    assert W.wasserstein1_1d(X, Y, 4 * PX, 0.5 * QY) == pytest.approx(W.wasserstein1_1d(X, Y, PX, QY), rel=1e-14)


def test_w1_with_uniform_weights_matches_scipy() -> None:
    assert W.wasserstein1_1d(X, Y) == pytest.approx(stats.wasserstein_distance(X, Y), rel=1e-14)


def test_the_1d_critic_attains_w1_with_the_right_sign() -> None:
    z, f = W.wasserstein1_critic_1d(X, Y, PX, QY)
    f_at = dict(zip(z.tolist(), f.tolist(), strict=True))
    gain = sum(w * f_at[x] for x, w in zip(X, PX, strict=True)) - sum(w * f_at[y] for y, w in zip(Y, QY, strict=True))
    assert gain == pytest.approx(stats.wasserstein_distance(X, Y, PX, QY), rel=1e-14)
    assert f[0] == 0.0
    assert set(np.round(np.diff(f) / np.diff(z), 12).tolist()) <= {-1.0, 0.0, 1.0}


def test_the_kantorovich_rubinstein_dual_matches_pot_in_two_dimensions() -> None:
    x = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, -1.0]])
    y = np.array([[0.5, 0.5], [2.0, 2.0]])
    p, q = np.array([0.5, 0.3, 0.2]), np.array([0.6, 0.4])
    exact = ot.emd2(p, q, ot.dist(x, y, metric="euclidean"))
    dual = W.kantorovich_rubinstein_dual(x, p, y, q)
    assert dual.value == pytest.approx(exact, rel=1e-9)
    z = np.vstack([x, y])
    assert float(dual.critic @ np.concatenate([p, -q])) == pytest.approx(exact, rel=1e-9)
    assert np.all(np.abs(dual.critic[:, None] - dual.critic[None, :]) <= ot.dist(z, z, "euclidean") + 1e-9)
    assert W.kantorovich_rubinstein_dual(x, p, y, q, lipschitz=2.0).value == pytest.approx(2 * exact, rel=1e-9)


@pytest.mark.parametrize("power", [1.0, 2.0, 0.5])
def test_the_primal_transport_lp_matches_pot(power: float) -> None:
    x, y = X[:, None], Y[:, None]
    exact = ot.emd2(PX, QY, ot.dist(x, y, metric="euclidean") ** power)
    result = W.optimal_transport_lp(X, PX, Y, QY, power=power)
    assert result.cost == pytest.approx(exact, rel=1e-9)
    assert result.plan.sum(axis=1) == pytest.approx(PX, abs=1e-12)
    assert result.plan.sum(axis=0) == pytest.approx(QY, abs=1e-12)


# --- IPMs on a class that is not symmetric ----------------------------------------------------------------------------

#: f ∈ [0, 1]² with f_0 ≤ 0.2: sup (f_0 − f_1) = 0.2 but sup (f_1 − f_0) = 1 for P = δ_0, Q = δ_1.
LOPSIDED = W.FunctionClass(2, np.array([[1.0, 0.0]]), np.array([0.2]), (0.0, 1.0), "lopsided")


def test_a_one_sided_ipm_takes_the_direction_of_p_minus_q() -> None:
    result = W.ipm([1.0, 0.0], [0.0, 1.0], LOPSIDED, absolute=False)
    assert result.value == pytest.approx(0.2)
    assert float(result.critic @ np.array([1.0, -1.0])) == pytest.approx(0.2)


def test_an_absolute_ipm_takes_the_larger_side_and_flips_its_critic() -> None:
    result = W.ipm([1.0, 0.0], [0.0, 1.0], LOPSIDED)
    assert result.value == pytest.approx(1.0)
    assert float(result.critic @ np.array([1.0, -1.0])) == pytest.approx(1.0)


def test_an_absolute_ipm_keeps_the_upper_side_when_it_is_larger() -> None:
    result = W.ipm([0.0, 1.0], [1.0, 0.0], LOPSIDED)
    assert result.value == pytest.approx(1.0)
    assert float(result.critic @ np.array([-1.0, 1.0])) == pytest.approx(1.0)


def test_the_sup_norm_ball_ipm_is_twice_the_radius_times_tv() -> None:
    p, q = np.array([0.5, 0.3, 0.2]), np.array([0.1, 0.1, 0.8])
    tv = 0.5 * float(np.abs(p - q).sum())
    assert W.ipm(p, q, W.sup_norm_ball(3, 1.5)).value == pytest.approx(2 * 1.5 * tv)
    assert W.ipm(p, q, W.unit_interval_functions(3)).value == pytest.approx(tv)


def test_an_unbounded_class_gives_an_infinite_ipm_and_no_critic() -> None:
    free = W.FunctionClass(2, None, None, (None, None), "all functions")
    assert W.ipm([1.0, 0.0], [0.0, 1.0], free) == W.IPMResult(math.inf, None)
    assert W.ipm([1.0, 0.0], [0.0, 1.0], free, absolute=False) == W.IPMResult(math.inf, None)


def test_lipschitz_functions_in_1d_constrain_only_sorted_neighbours() -> None:
    fc = W.lipschitz_functions([2.0, 0.0, 5.0], 1.0)
    assert fc.a_ub.shape == (4, 3) and sorted(fc.b_ub.tolist()) == [2.0, 2.0, 3.0, 3.0]
    assert W.ipm([1.0, 0.0, 0.0], [0.0, 0.0, 1.0], fc).value == pytest.approx(3.0)


def test_lipschitz_functions_in_2d_constrain_every_pair() -> None:
    fc = W.lipschitz_functions([[0.0, 0.0], [3.0, 4.0], [0.0, 1.0]], 2.0)
    assert fc.a_ub.shape == (6, 3) and sorted(fc.b_ub.tolist()) == pytest.approx(
        2 * np.repeat([1.0, math.sqrt(18.0), 5.0], 2)
    )


# --- Fréchet distance, Gaussian fits, sliced W1 -----------------------------------------------------------------------


def test_frechet_distance_in_1d_is_the_squared_w2_between_gaussians() -> None:
    assert W.frechet_distance(1.0, 4.0, -0.5, 0.25) == pytest.approx(1.5**2 + (2.0 - 0.5) ** 2, rel=1e-14)


def test_frechet_distance_in_2d_matches_scipys_sqrtm() -> None:
    c1 = np.array([[2.0, 0.3], [0.3, 1.0]])
    c2 = np.array([[0.5, -0.2], [-0.2, 1.5]])
    mu1, mu2 = np.array([0.0, 1.0]), np.array([1.0, -1.0])
    exact = float(np.sum((mu1 - mu2) ** 2) + np.trace(c1 + c2 - 2 * linalg.sqrtm(c1 @ c2).real))
    assert W.frechet_distance(mu1, c1, mu2, c2) == pytest.approx(exact, rel=1e-12)


def test_fit_gaussian_is_the_mean_and_the_unbiased_covariance() -> None:
    x = np.array([[0.0, 1.0], [2.0, 0.0], [4.0, 5.0]])
    mean, cov = W.fit_gaussian(x)
    assert mean.tolist() == pytest.approx([2.0, 2.0])
    assert cov.ravel().tolist() == pytest.approx(np.cov(x.T, ddof=1).ravel().tolist())
    assert W.fit_gaussian([1.0, 3.0])[1].tolist() == [[2.0]]


def test_sliced_w1_is_the_mean_w1_of_the_projections_on_normalised_directions() -> None:
    x = np.array([[0.0, 0.0], [1.0, 2.0]])
    y = np.array([[3.0, 1.0], [0.0, -1.0], [1.0, 1.0]])
    p, q = np.array([0.25, 0.75]), np.array([0.5, 0.25, 0.25])
    directions = np.array([[2.0, 0.0], [1.0, 1.0], [0.0, -3.0]])
    unit = directions / np.linalg.norm(directions, axis=1)[:, None]
    exact = np.mean([stats.wasserstein_distance(x @ w, y @ w, p, q) for w in unit])
    assert W.sliced_wasserstein1(x, p, y, q, directions) == pytest.approx(float(exact), rel=1e-14)


# --- input checks, by the argument they name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: W.wasserstein1_1d([], [1.0]),
            r"^u_values must be a non-empty 1-D array \(≥ 1 element\(s\)\), got shape \(0,\)$",
        ),
        (lambda: W.wasserstein1_1d([1.0], [[1.0]]), r"^v_values must be a non-empty 1-D array, got shape \(1, 1\)$"),
        (
            lambda: W.wasserstein1_1d([1.0, 2.0], [1.0], [1.0]),
            r"^u_weights must have shape \(2,\), one weight per entry of u_values, got \(1,\)$",
        ),
        (
            lambda: W.wasserstein1_1d([1.0], [1.0, 2.0], None, [1.5, -0.5]),
            r"^v_weights must be non-negative, got a value -0.5$",
        ),
        (lambda: W.wasserstein1_1d([1.0], [1.0], [0.0]), r"^u_weights must have a positive sum$"),
        (lambda: W.wasserstein1_critic_1d([], [1.0]), r"^u_values must be"),
        (lambda: W.wasserstein1_critic_1d([1.0], [1.0], None, [-1.0]), r"^v_weights must be non-negative"),
        (lambda: W.sup_norm_ball(0), r"^n must be a positive integer, got 0$"),
        (lambda: W.sup_norm_ball(2.5), r"^n must be a positive integer, got 2.5$"),
        (lambda: W.sup_norm_ball(2, -1.0), r"^radius "),
        (lambda: W.unit_interval_functions(-1), r"^n must be a positive integer"),
        (lambda: W.lipschitz_functions([0.0, 1.0], 0.0), r"^constant must be a positive number"),
        (lambda: W.lipschitz_functions(np.zeros((0, 2))), r"^points must be a non-empty 1-D or 2-D array"),
        (
            lambda: W.ipm([1.0, 0.0], [1.0], W.sup_norm_ball(2)),
            r"^p and q must have shape \(2,\), got \(2,\) and \(1,\)$",
        ),
        (lambda: W.ipm([1.0], [1.0], W.sup_norm_ball(2)), r"^p and q must have shape \(2,\), got \(1,\) and \(1,\)$"),
        (lambda: W.kantorovich_rubinstein_dual([[0.0, 1.0]], [1.0], [0.0], [1.0]), r"^x and y must have the same dim"),
        (
            lambda: W.kantorovich_rubinstein_dual([0.0], [0.5, 0.5], [0.0], [1.0]),
            r"^p must have shape \(1,\), one weight per point of x, and q shape \(1,\)",
        ),
        (
            lambda: W.kantorovich_rubinstein_dual([0.0], [1.0], [0.0, 1.0], [1.0]),
            r"^p must have shape \(1,\), one weight per point of x, and q shape \(2,\)",
        ),
        (
            lambda: W.kantorovich_rubinstein_dual([0.0], [1.0], [0.0], [1.0], lipschitz=-1.0),
            r"^lipschitz must be a positive number",
        ),
        (lambda: W.optimal_transport_lp([0.0], [1.0], [1.0], [1.0], power=0.0), r"^power "),
        (lambda: W.frechet_distance([0.0, 0.0], np.eye(2), [0.0], 1.0), r"^mu1 and mu2 must be 1-D of the same length"),
        (lambda: W.frechet_distance([[0.0]], 1.0, [[0.0]], 1.0), r"^mu1 must be a non-empty 0-D or 1-D array"),
        (lambda: W.frechet_distance([0.0, 0.0], np.eye(3), [0.0, 0.0], np.eye(2)), r"^cov1 must have shape \(2, 2\)"),
        (lambda: W.frechet_distance([0.0, 0.0], np.eye(2), [0.0, 0.0], [[1.0, 0.5], [0.0, 1.0]]), r"^cov2 is not sym"),
        (
            lambda: W.frechet_distance([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], [0.0, 0.0], np.eye(2)),
            r"^cov1 is not positive semi-definite \(smallest eigenvalue -1\)$",
        ),
        (lambda: W.fit_gaussian([[1.0, 2.0]]), r"^at least two samples are needed for a covariance$"),
        (lambda: W.fit_gaussian(np.zeros((0, 2))), r"^samples must be a non-empty 1-D or 2-D array"),
        (
            lambda: W.sliced_wasserstein1([[0.0, 0.0]], [1.0], [[1.0, 1.0]], [1.0], [[1.0, 0.0, 0.0]]),
            r"^directions must have dimension 2, got 3$",
        ),
        (
            lambda: W.sliced_wasserstein1([[0.0, 0.0]], [1.0], [[1.0, 1.0]], [1.0], [[1.0, 0.0], [0.0, 0.0]]),
            r"^directions contains a zero vector$",
        ),
        (
            lambda: W.sliced_wasserstein1([[0.0, 0.0]], [1.0], [[1.0, 1.0]], [1.0], np.zeros((0, 2))),
            r"^directions must be a non-empty 1-D or 2-D array",
        ),
    ],
)
def test_input_errors_name_the_argument(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_a_psd_covariance_within_rounding_is_accepted() -> None:
    nearly = np.array([[1.0, 1.0], [1.0, 1.0 - 1e-15]])  # smallest eigenvalue ~ −5e-16: rounding, not a defect
    assert W.frechet_distance([0.0, 0.0], nearly, [0.0, 0.0], nearly) == pytest.approx(0.0, abs=1e-12)
