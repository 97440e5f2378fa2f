"""W1, IPMs as linear programs, Kantorovich–Rubinstein duality and the Fréchet distance (:mod:`gantheory.wasserstein`).

Oracles: ``scipy.stats.wasserstein_distance``, POT (``ot.emd2``, ``ot.wasserstein_1d``,
``ot.gaussian.bures_wasserstein_distance``), ``scipy.linalg.sqrtm`` and closed forms.
"""

from __future__ import annotations

import math

import numpy as np
import ot
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import linalg, stats

from gantheory import wasserstein as W
from gantheory.divergences import total_variation
from verify.tolerance import IDENTITY, Tolerance, assert_close

#: LP objective values (HiGHS vertices) against network-simplex and sorting oracles: measured ≤ 1e-14.
LP = Tolerance(rtol=1e-9, atol=1e-11, why="HiGHS vertex solutions of small LPs; measured errors ≤ 1e-14")
#: Matrix square roots of SPD matrices with condition ≲ 1e3.
SQRT = Tolerance(rtol=1e-9, atol=1e-10, why="eigendecomposition / Schur square roots, error ~cond·eps")

points = st.lists(st.floats(-50, 50, allow_nan=False), min_size=1, max_size=12)
weights_of = st.floats(1e-3, 1.0, allow_nan=False)


@st.composite
def weighted_samples(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(draw(points))
    w = np.asarray(draw(st.lists(weights_of, min_size=x.size, max_size=x.size)))
    return x, w / w.sum()


def _batch(seed: int, count: int, dim: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        n, m = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        x, y = rng.normal(size=(n, dim)), rng.normal(size=(m, dim)) * 1.5 + 0.5
        out.append((x, rng.dirichlet(np.ones(n)), y, rng.dirichlet(np.ones(m))))
    return out


@given(weighted_samples(), weighted_samples())
def test_w1_matches_scipy(u: tuple[np.ndarray, np.ndarray], v: tuple[np.ndarray, np.ndarray]) -> None:
    expected = stats.wasserstein_distance(u[0], v[0], u[1], v[1])
    assert_close(W.wasserstein1_1d(u[0], v[0], u[1], v[1]), expected, Tolerance(1e-10, 1e-11, why="two exact sums"))


@given(weighted_samples(), weighted_samples())
def test_w1_matches_pot(u: tuple[np.ndarray, np.ndarray], v: tuple[np.ndarray, np.ndarray]) -> None:
    expected = float(ot.wasserstein_1d(u[0], v[0], u[1], v[1], p=1))
    assert_close(W.wasserstein1_1d(u[0], v[0], u[1], v[1]), expected, Tolerance(1e-9, 1e-10, why="quantile sums"))


@given(st.floats(-1e3, 1e3, allow_nan=False))
def test_w1_between_point_masses_is_the_distance(theta: float) -> None:
    assert W.wasserstein1_1d([0.0], [theta]) == abs(theta)


def test_w1_scipy_reference_values() -> None:
    # scipy's own test values (scipy/stats/tests/test_stats.py):
    # W([0,1],[0]) = .5, W([0,1,2],[1,2,3]) = 1, W([−5],[5]) = 10
    assert W.wasserstein1_1d([0, 1], [0]) == 0.5
    assert W.wasserstein1_1d([0, 1, 2], [1, 2, 3]) == 1.0
    assert W.wasserstein1_1d([-5], [5]) == 10.0


@given(weighted_samples(), weighted_samples())
def test_critic_is_1_lipschitz_and_attains_w1(
    u: tuple[np.ndarray, np.ndarray], v: tuple[np.ndarray, np.ndarray]
) -> None:
    z, f = W.wasserstein1_critic_1d(u[0], v[0], u[1], v[1])
    gaps = np.diff(z)
    assert np.all(np.abs(np.diff(f)) <= gaps * (1 + 1e-12) + 1e-12)
    value = np.interp(u[0], z, f) @ u[1] - np.interp(v[0], z, f) @ v[1]
    assert_close(value, W.wasserstein1_1d(u[0], v[0], u[1], v[1]), Tolerance(1e-9, 1e-10, why="two exact sums"))


@pytest.mark.parametrize("dim", [1, 2, 3])
def test_dual_equals_primal_equals_emd2(dim: int) -> None:
    for x, p, y, q in _batch(10 + dim, 12, dim):
        emd = float(ot.emd2(p, q, ot.dist(x, y, metric="euclidean")))
        assert_close(W.kantorovich_rubinstein_dual(x, p, y, q).value, emd, LP)
        assert_close(W.optimal_transport_lp(x, p, y, q).cost, emd, LP)


def test_transport_plan_has_the_marginals() -> None:
    x, p, y, q = _batch(3, 1, 2)[0]
    plan = W.optimal_transport_lp(x, p, y, q).plan
    assert plan.min() >= 0
    assert_close(plan.sum(axis=1), p, LP)
    assert_close(plan.sum(axis=0), q, LP)


def test_transport_between_near_equal_pmfs_is_never_negative() -> None:
    # regression: HiGHS returned plan entries of −5e-10 and a cost of −1.5e-10 on this pair (same points,
    # marginals a relative 1e-9 apart); the exact cost is ≥ 0 and tiny
    rng = np.random.default_rng(0)
    for _ in range(300):
        n = int(rng.integers(2, 12))
        x, p = rng.normal(size=(n, 1)), rng.dirichlet(np.ones(n))
        q = p * (1 + 1e-9 * rng.normal(size=n))
        result = W.optimal_transport_lp(x, p, x, q / q.sum())
        assert result.plan.min() >= 0
        assert 0 <= result.cost < 1e-8


def test_squared_cost_is_w2_squared() -> None:
    for x, p, y, q in _batch(4, 8, 2):
        assert_close(W.optimal_transport_lp(x, p, y, q, power=2).cost, float(ot.emd2(p, q, ot.dist(x, y))), LP)


def test_lipschitz_constant_scales_the_dual() -> None:
    x, p, y, q = _batch(5, 1, 2)[0]
    one = W.kantorovich_rubinstein_dual(x, p, y, q).value
    assert_close(W.kantorovich_rubinstein_dual(x, p, y, q, lipschitz=3.0).value, 3 * one, LP)


def test_pot_dual_variables_case_is_100() -> None:
    # POT test/test_ot.py::test_dual_variables: W1 = |300 − 400| = 100
    a, b = ot.datasets.make_1D_gauss(500, 300, 5), ot.datasets.make_1D_gauss(600, 400, 10)
    assert_close(W.wasserstein1_1d(np.arange(500.0), np.arange(600.0), a, b), 100.0, LP)


def test_sup_norm_ball_ipm_is_twice_tv() -> None:
    # seeded pairs rather than Hypothesis: each case costs two LP solves
    rng = np.random.default_rng(5)
    pairs = [(np.array([1.0, 0.0]), np.array([0.0, 1.0])), (np.full(3, 1 / 3), np.full(3, 1 / 3))]
    pairs += [(rng.dirichlet(np.full(n, 0.5)), rng.dirichlet(np.full(n, 0.5))) for n in rng.integers(2, 30, 30)]
    for p, q in pairs:
        assert_close(W.ipm(p, q, W.sup_norm_ball(p.size)).value, 2 * total_variation(p, q), LP)


def test_unit_interval_ipm_is_tv_and_needs_no_absolute_value() -> None:
    rng = np.random.default_rng(6)
    for _ in range(10):
        p, q = rng.dirichlet(np.ones(7)), rng.dirichlet(np.ones(7))
        assert_close(W.ipm(p, q, W.unit_interval_functions(7), absolute=False).value, total_variation(p, q), LP)


def test_unconstrained_class_gives_infinity() -> None:
    fc = W.FunctionClass(3, None, None, (None, None), "all functions")
    assert W.ipm([0.2, 0.3, 0.5], [0.5, 0.3, 0.2], fc).value == float("inf")
    assert W.ipm([0.2, 0.3, 0.5], [0.2, 0.3, 0.5], fc).value == 0.0


def test_non_decreasing_ipm_is_the_kolmogorov_distance() -> None:
    # extreme points of the class are the indicators 1[x ≥ x_k]: the IPM is max_k |F_P(x_k) − F_Q(x_k)|
    rng = np.random.default_rng(10)
    for n in (1, 2, 5, 9):
        p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
        gap = np.cumsum(q) - np.cumsum(p)
        fc = W.non_decreasing_functions(n)
        assert_close(W.ipm(p, q, fc).value, float(np.abs(gap).max()), LP)
        assert_close(W.ipm(p, q, fc, absolute=False).value, max(float(gap.max()), 0.0), LP)


def test_non_decreasing_one_sided_ipm_is_asymmetric() -> None:
    p, q, fc = np.array([0.5, 0.5]), np.array([0.0, 1.0]), W.non_decreasing_functions(2)
    assert_close(W.ipm(p, q, fc, absolute=False).value, 0.0, LP)
    assert_close(W.ipm(q, p, fc, absolute=False).value, 0.5, LP)


def test_ipm_critic_attains_the_value_when_the_downward_direction_wins() -> None:
    # non-decreasing f into [0, 1] on two points, c = p − q = (½, −½): Σ f·c = ½ (f₁ − f₂) ≤ 0 upward,
    # and f = (0, 1) gives ½ downward; the critic returned for |·| is −f, with Σ critic·(p − q) = ½
    p, q, fc = np.array([0.5, 0.5]), np.array([0.0, 1.0]), W.non_decreasing_functions(2)
    result = W.ipm(p, q, fc)
    assert_close(result.value, 0.5, LP)
    assert_close(result.critic, np.array([0.0, -1.0]), LP)


def test_ipm_critic_attains_the_value_when_the_upward_direction_wins() -> None:
    # the same class with p and q swapped: c = (−½, ½), the upward f = (0, 1) gives ½ and is returned as is
    p, q, fc = np.array([0.0, 1.0]), np.array([0.5, 0.5]), W.non_decreasing_functions(2)
    result = W.ipm(p, q, fc)
    assert_close(result.value, 0.5, LP)
    assert_close(result.critic, np.array([0.0, 1.0]), LP)


def test_ipm_critic_pairs_with_p_minus_q_to_the_value() -> None:
    # Σ critic·(p − q) = value for the absolute IPM, whichever direction attains it
    rng = np.random.default_rng(12)
    for n in (2, 5, 9):
        p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
        for fc in (W.non_decreasing_functions(n), W.sup_norm_ball(n, radius=2.0)):
            for a, b in ((p, q), (q, p)):
                result = W.ipm(a, b, fc)
                assert_close(float(result.critic @ (a - b)), result.value, LP)


def _spd(rng: np.random.Generator, d: int) -> np.ndarray:
    a = rng.normal(size=(d, d))
    return a @ a.T + 0.1 * np.eye(d)


def test_frechet_matches_pot_bures_wasserstein() -> None:
    rng = np.random.default_rng(8)
    for _ in range(20):
        d = int(rng.integers(1, 7))
        m1, m2, c1, c2 = rng.normal(size=d), rng.normal(size=d), _spd(rng, d), _spd(rng, d)
        expected = float(ot.gaussian.bures_wasserstein_distance(m1, m2, c1, c2)) ** 2
        assert_close(W.frechet_distance(m1, c1, m2, c2), expected, SQRT)


def test_frechet_matches_the_heusel_form() -> None:
    rng = np.random.default_rng(9)
    for _ in range(20):
        d = int(rng.integers(2, 7))
        m1, m2, c1, c2 = rng.normal(size=d), rng.normal(size=d), _spd(rng, d), _spd(rng, d)
        heusel = np.sum((m1 - m2) ** 2) + np.trace(c1 + c2) - 2 * np.trace(linalg.sqrtm(c1 @ c2)).real
        assert_close(W.frechet_distance(m1, c1, m2, c2), heusel, SQRT)


@given(st.floats(-5, 5), st.floats(0.1, 5), st.floats(-5, 5), st.floats(0.1, 5))
def test_frechet_1d_closed_form(m1: float, s1: float, m2: float, s2: float) -> None:
    # W2² of 1-D Gaussians: (μ1 − μ2)² + (σ1 − σ2)²
    expected = (m1 - m2) ** 2 + (s1 - s2) ** 2
    assert_close(W.frechet_distance(m1, s1**2, m2, s2**2), expected, Tolerance(1e-9, 1e-12, why="one square root"))


def test_frechet_commuting_covariances() -> None:
    a, b = np.array([1.0, 4.0, 0.25]), np.array([9.0, 1.0, 0.25])
    expected = 1.0 + np.sum((np.sqrt(a) - np.sqrt(b)) ** 2)
    assert_close(W.frechet_distance(np.zeros(3), np.diag(a), np.array([1.0, 0, 0]), np.diag(b)), expected, IDENTITY)


def test_diagonal_w2_closed_form_equals_frechet_and_pot() -> None:
    rng = np.random.default_rng(11)
    for d in (1, 2, 5):
        m1, m2, a, b = rng.normal(size=d), rng.normal(size=d), rng.uniform(0.1, 4.0, d), rng.uniform(0.1, 4.0, d)
        closed = W.wasserstein2_squared_diagonal(m1, a, m2, b)
        assert_close(closed, W.frechet_distance(m1, np.diag(a), m2, np.diag(b)), SQRT)
        pot = float(ot.gaussian.bures_wasserstein_distance(m1, m2, np.diag(a), np.diag(b))) ** 2
        assert_close(closed, pot, SQRT)
    assert W.wasserstein2_squared_diagonal([1.0], [4.0], [3.0], [9.0]) == 5.0  # (1 − 3)² + (2 − 3)²


def test_frechet_is_zero_for_equal_and_symmetric() -> None:
    rng = np.random.default_rng(2)
    m, c, m2, c2 = rng.normal(size=4), _spd(rng, 4), rng.normal(size=4), _spd(rng, 4)
    assert W.frechet_distance(m, c, m, c) < 1e-12
    assert_close(W.frechet_distance(m, c, m2, c2), W.frechet_distance(m2, c2, m, c), SQRT)


def test_frechet_accepts_a_singular_covariance() -> None:
    c = np.diag([1.0, 0.0])
    assert_close(W.frechet_distance(np.zeros(2), c, np.zeros(2), np.eye(2)), 1.0, IDENTITY)


def test_fit_gaussian_is_the_unbiased_sample_moments() -> None:
    x = np.random.default_rng(3).normal(size=(50, 3))
    mean, cov = W.fit_gaussian(x)
    assert_close(mean, x.mean(axis=0))
    assert_close(cov, np.cov(x, rowvar=False))


def test_sliced_w1_of_a_line_embedded_in_the_plane() -> None:
    x, p, y, q = _batch(12, 1, 1)[0]
    emb = lambda v: np.hstack([v, np.zeros_like(v)])  # noqa: E731
    # one direction along the line gives W1; the orthogonal direction gives 0
    assert_close(W.sliced_wasserstein1(emb(x), p, emb(y), q, [[1.0, 0.0]]), W.wasserstein1_1d(x[:, 0], y[:, 0], p, q))
    assert W.sliced_wasserstein1(emb(x), p, emb(y), q, [[0.0, 2.0]]) == 0.0


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: W.wasserstein1_1d([], [1.0]), "non-empty"),
        (lambda: W.wasserstein1_1d([0.0, np.nan], [1.0]), "NaN"),
        (lambda: W.wasserstein1_1d([0.0, 1.0], [1.0], [0.5, -0.5]), "negative"),
        (lambda: W.wasserstein1_1d([0.0, 1.0], [1.0], [0.5]), "shape"),
        (lambda: W.wasserstein1_1d([0.0, 1.0], [1.0], [0.0, 0.0]), "positive sum"),
        (lambda: W.ipm([0.5, 0.5], [0.5, 0.5], W.sup_norm_ball(3)), "shape"),
        (lambda: W.ipm([0.5, 0.6], [0.5, 0.5], W.sup_norm_ball(2)), "sums to"),
        (lambda: W.sup_norm_ball(2, radius=0.0), "radius"),
        (lambda: W.lipschitz_functions([0.0, 1.0], constant=-1.0), "constant"),
        (lambda: W.kantorovich_rubinstein_dual([[0.0, 1.0]], [1.0], [0.0], [1.0]), "dimension"),
        (lambda: W.optimal_transport_lp([0.0, 1.0], [1.0], [0.0], [1.0]), "shape"),
        (lambda: W.frechet_distance([0.0], [[1.0, 0.0], [0.0, 1.0]], [0.0], [[1.0]]), "shape"),
        (lambda: W.frechet_distance([0.0, 0.0], [[1.0, 0.5], [0.0, 1.0]], [0.0, 0.0], np.eye(2)), "symmetric"),
        (lambda: W.frechet_distance([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], [0.0, 0.0], np.eye(2)), "semi-definite"),
        (lambda: W.frechet_distance([0.0], [[1.0]], [0.0, 1.0], np.eye(2)), "same length"),
        (lambda: W.fit_gaussian(np.zeros((1, 2))), "two samples"),
        (lambda: W.wasserstein2_squared_diagonal([0.0], [1.0], [0.0, 1.0], [1.0, 1.0]), "one length"),
        (lambda: W.wasserstein2_squared_diagonal([0.0], [-1.0], [0.0], [1.0]), "negative variance"),
        (lambda: W.non_decreasing_functions(0), "positive integer"),
        (lambda: W.sliced_wasserstein1([[0.0, 0.0]], [1.0], [[1.0, 0.0]], [1.0], [[0.0, 0.0]]), "zero vector"),
    ],
)
def test_invalid_input_raises(call: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()  # type: ignore[operator]


def test_dual_by_constraint_generation_equals_emd2() -> None:
    # 150 + 150 points in 2-D have 44,850 pairs, above ALL_PAIRS_LIMIT: the LP adds pairs as they are violated
    rng = np.random.default_rng(7)
    x, y = rng.normal(size=(150, 2)), rng.normal(size=(150, 2)) + 0.5
    p, q = rng.dirichlet(np.ones(150)), rng.dirichlet(np.ones(150))
    assert 300 * 299 // 2 > W.ALL_PAIRS_LIMIT
    emd = float(ot.emd2(p, q, ot.dist(x, y, metric="euclidean")))
    result = W.kantorovich_rubinstein_dual(x, p, y, q)
    assert_close(result.value, emd, LP)
    z = np.vstack([x, y])
    gaps = np.abs(result.critic[:, None] - result.critic[None, :]) - np.linalg.norm(z[:, None] - z[None, :], axis=2)
    assert gaps.max() <= 1e-6  # the critic is 1-Lipschitz on every pair, not only on those in the LP


def test_function_classes_name_themselves() -> None:
    # the names appear in the LP's failure messages
    assert W.sup_norm_ball(3, radius=2.0).name == "sup-norm ball of radius 2"
    assert W.unit_interval_functions(3).name == "functions with values in [0, 1]"
    assert W.lipschitz_functions([0.0, 1.0], constant=3.0).name == "3-Lipschitz functions"
    assert W.non_decreasing_functions(3).name == "non-decreasing functions into [0, 1]"


def test_lipschitz_class_defaults_to_constant_one() -> None:
    # Kantorovich–Rubinstein on the line: the IPM over 1-Lipschitz functions is W1
    x = np.array([0.0, 1.0, 3.0, 4.5])
    p, q = np.array([0.1, 0.4, 0.2, 0.3]), np.array([0.3, 0.1, 0.5, 0.1])
    assert_close(W.ipm(p, q, W.lipschitz_functions(x)).value, W.wasserstein1_1d(x, x, p, q), LP)


def test_lipschitz_ipm_on_a_single_point_is_zero() -> None:
    # one point gives no pair to constrain: the only pmf is (1), and Σ f·(p − q) = 0
    assert W.ipm([1.0], [1.0], W.lipschitz_functions([0.0])).value == 0.0


def test_ipm_is_infinite_without_a_critic_when_only_the_downward_direction_is_unbounded() -> None:
    # non-decreasing f without bounds: Σ f·(p − q) with p = (1, 0), q = (0, 1) is f₁ − f₂ ≤ 0 upward, while
    # −(f₁ − f₂) grows without bound as f₂ → ∞
    rows = np.array([[1.0, -1.0]])  # f₁ ≤ f₂
    fc = W.FunctionClass(2, rows, np.zeros(1), (None, None), "non-decreasing functions")
    result = W.ipm([1.0, 0.0], [0.0, 1.0], fc)
    assert result.value == float("inf")
    assert result.critic is None


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: W.wasserstein1_1d([0.0], [0.0, 1.0], None, [0.5]), r"v_weights must have shape \(2,\), .*v_values"),
        (lambda: W.wasserstein1_1d([0.0], [0.0, 1.0], None, [0.0, 0.0]), "v_weights must have a positive sum"),
        (lambda: W.wasserstein1_critic_1d([0.0, 1.0], [0.0], [0.5], None), r"u_weights must have shape \(2,\)"),
        (lambda: W.wasserstein1_critic_1d([0.0], [0.0, 1.0], None, [0.5]), r"v_weights must have shape \(2,\)"),
        (lambda: W.optimal_transport_lp([0.0, 1.0, 2.0], [1.0], [0.0], [1.0]), r"p must have shape \(3,\)"),
        (lambda: W.wasserstein2_squared_diagonal([0.0], [-1.0], [0.0], [1.0]), "var1 has a negative variance"),
        (lambda: W.wasserstein2_squared_diagonal([0.0], [1.0], [0.0], [-1.0]), "var2 has a negative variance"),
    ],
)
def test_invalid_input_names_the_argument(call: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()  # type: ignore[operator]


def test_diagonal_w2_accepts_point_masses() -> None:
    # variance 0 is a Dirac mass: W2² between δ₀ and δ₃ is 3² = 9
    assert W.wasserstein2_squared_diagonal([0.0], [0.0], [3.0], [0.0]) == 9.0


def test_covariance_symmetry_is_checked_relative_to_its_scale() -> None:
    # entries ~1e4: an asymmetry of 1e-7 is below COVARIANCE_RTOL·scale = 1e-10·1e4 = 1e-6, so it is accepted
    c = np.array([[1e4, 1e3], [1e3 + 1e-7, 1e4]])
    assert math.isfinite(W.frechet_distance(np.zeros(2), c, np.zeros(2), c))


def test_covariance_eigenvalue_tolerance_grows_with_scale_and_dimension() -> None:
    # smallest eigenvalue −1e-6 at scale 1e4 in 2-D: within COVARIANCE_RTOL·scale·d = 1e-10·1e4·2 = 2e-6
    c = np.diag([1e4, -1e-6])
    assert math.isfinite(W.frechet_distance(np.zeros(2), c, np.zeros(2), np.eye(2)))


#: A rank-one covariance's zero eigenvalues come out of eigvalsh as ±4e-16; their square roots, ~2e-8, enter twice.
RANK_DEFICIENT = Tolerance(rtol=0.0, atol=1e-7, why="square roots of eigenvalues that are zero up to ~4e-16")


def test_frechet_distance_of_a_rank_one_gaussian_to_itself_is_zero() -> None:
    v = np.array([1.0, 2.0, 3.0])
    c = np.outer(v, v) / 7.0
    assert_close(W.frechet_distance(np.zeros(3), c, np.zeros(3), c), 0.0, RANK_DEFICIENT)
