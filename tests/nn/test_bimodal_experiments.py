"""Statistics of the bimodal experiments (:mod:`gantheory.nn.metrics`, :mod:`verify.experiments.bimodal`).

Each helper is checked on inputs with a known answer: intervals against scipy's exact binomial
machinery, bin masses against normal CDFs, the binned JS against scipy's Jensen–Shannon distance,
coverage and the two-sample statistics on samplers whose answer is known by construction (the
data's own quantile map, a one-mode generator). The trained experiments themselves are slow and
marked ``slow``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

from gantheory import quadrature
from gantheory.densities import gaussian
from gantheory.nn import metrics as M
from verify.experiments import bimodal as B

# --- intervals and tail probabilities -------------------------------------------------------------------------------


def test_wilson_interval_known_values() -> None:
    # Wilson (1927) score interval; k = 0 of 16 is the textbook (0, 0.1936), 5 of 10 is (0.2366, 0.7634)
    assert M.wilson_interval(0, 16) == pytest.approx((0.0, 0.19361), abs=1e-5)
    assert M.wilson_interval(5, 10) == pytest.approx((0.23659, 0.76341), abs=1e-5)


@pytest.mark.parametrize(("k", "n"), [(0, 1), (3, 7), (12, 16), (60, 64), (64, 64)])
def test_wilson_interval_is_symmetric_and_contains_the_estimate(k: int, n: int) -> None:
    lo, hi = M.wilson_interval(k, n)
    lo2, hi2 = M.wilson_interval(n - k, n)
    assert (lo, hi) == pytest.approx((1 - hi2, 1 - lo2), abs=1e-12)
    assert lo <= k / n <= hi


@pytest.mark.parametrize(("k", "n"), [(0, 16), (3, 7), (12, 16), (64, 64), (31, 64)])
def test_clopper_pearson_matches_scipy(k: int, n: int) -> None:
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="exact")
    assert M.clopper_pearson_interval(k, n) == pytest.approx((ci.low, ci.high), abs=1e-10)


@pytest.mark.parametrize(("k", "n", "p"), [(0, 10, 0.5), (7, 64, 0.05), (11, 64, 0.1), (1100, 2000, 0.5)])
def test_binomial_upper_tail_matches_binomtest(k: int, n: int, p: float) -> None:
    expected = stats.binomtest(k, n, p, alternative="greater").pvalue
    assert M.binomial_upper_tail(k, n, p) == pytest.approx(expected, rel=1e-10)


def test_mean_interval_matches_scipy_t_interval() -> None:
    x = np.array([1.38, 1.39, 1.385, 1.37, 1.384])
    lo, hi = stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    assert M.mean_interval(x) == pytest.approx((x.mean(), lo, hi), rel=1e-12)


@pytest.mark.parametrize(
    ("k", "n", "message"),
    [
        (-1, 5, "k must be a non-negative integer, got -1"),
        (6, 5, "need 0 ≤ k ≤ n and n ≥ 1, got k=6, n=5"),
        (0, 0, "n must be a positive integer, got 0"),
        (1.0, 5, "k must be a non-negative integer, got 1.0"),
    ],
)
def test_counts_are_validated(k: object, n: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        M.wilson_interval(k, n)  # type: ignore[arg-type]


# --- bin masses, binned JS, coverage --------------------------------------------------------------------------------


def test_mixture_bin_masses_are_cdf_differences_with_tails() -> None:
    edges = np.array([-1.0, 0.0, 0.5, 2.0])
    masses = M.mixture_bin_masses([1.0], [0.3], [0.7], edges)
    cdf = stats.norm.cdf(edges, 0.3, 0.7)
    expected = np.concatenate([[cdf[0]], np.diff(cdf), [1 - cdf[-1]]])
    assert masses == pytest.approx(expected, abs=1e-15)
    assert masses.sum() == pytest.approx(1.0, abs=1e-15)


def test_data_masses_hold_the_bimodal_mixture() -> None:
    assert B.DATA_MASSES.sum() == pytest.approx(1.0, abs=1e-14)
    assert B.DATA_MASSES[0] + B.DATA_MASSES[-1] < 1e-14  # nothing beyond ±6
    assert B.DATA_MASSES.size == B.EDGES.size + 1


def test_pushforward_masses_of_an_affine_generator_match_its_normal_law() -> None:
    z, mass = M.latent_grid(2**15)
    values = 2.0 + 0.5 * z
    pushed = M.pushforward_bin_masses(values[None, :], mass, B.EDGES)[0]
    exact = M.mixture_bin_masses([1.0], [2.0], [0.5], B.EDGES)
    # within a cell the mass is spread uniformly instead of by φ: a second-order error in the cell width
    assert np.abs(pushed - exact).max() < 1e-7


def test_empirical_bin_masses_count_samples() -> None:
    edges = np.array([0.0, 1.0, 2.0])
    masses = M.empirical_bin_masses(np.array([[-0.5, 0.5, 0.5, 1.5, 2.5]]), edges)
    assert masses.tolist() == [[0.2, 0.4, 0.2, 0.2]]


def test_binned_js_matches_scipy_jensenshannon_squared() -> None:
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.ones(12), size=5)
    q = rng.dirichlet(np.ones(12), size=5)
    ours = M.binned_js(p, q)
    oracle = np.array([jensenshannon(a, b) ** 2 for a, b in zip(p, q, strict=True)])
    assert ours == pytest.approx(oracle, rel=1e-9)


def test_binned_js_extremes() -> None:
    p = np.array([0.5, 0.5, 0.0, 0.0])
    assert M.binned_js(p, p) == pytest.approx(0.0, abs=1e-15)
    assert M.binned_js(p, np.array([0.0, 0.0, 0.3, 0.7])) == pytest.approx(math.log(2), abs=1e-15)


def test_binned_js_names_both_arguments_when_they_do_not_broadcast() -> None:
    with pytest.raises(ValueError, match="p and q must broadcast"):
        M.binned_js([[0.5, 0.5]], np.ones((2, 3)) / 3)


def test_binned_js_is_a_lower_bound_that_tightens_as_bins_shrink() -> None:
    # data-processing inequality; quadrature gives the continuous JS of the mixture and one of its modes
    one_mode = gaussian(2.0, 0.5)
    exact = quadrature.js_divergence(B.DATA, one_mode)
    coarse = np.linspace(-6, 6, 13)
    values = [
        float(
            M.binned_js(
                M.mixture_bin_masses([0.5, 0.5], B.MODES, [0.5, 0.5], e), M.mixture_bin_masses([1.0], [2.0], [0.5], e)
            )
        )
        for e in (coarse, B.EDGES)
    ]
    assert values[0] <= values[1] <= exact + 1e-12
    assert values[1] == pytest.approx(exact, abs=1e-3)


def test_pushforward_window_shares_of_a_normal_are_its_probabilities() -> None:
    z, mass = M.latent_grid(2**15)
    shares = M.pushforward_window_shares((2.0 + 0.5 * z)[None, :], mass, B.MODES, B.WINDOW)[0]
    # the window of −2 reaches up to −0.5, five standard deviations below the mode at 2
    assert shares == pytest.approx([special.ndtr(-5.0), special.ndtr(3.0) - special.ndtr(-3.0)], abs=1e-8)


def test_window_shares_count_samples() -> None:
    x = np.array([-2.1, -0.4, 0.6, 2.0, 3.6])
    assert M.window_shares(x, B.MODES, B.WINDOW).tolist() == [0.2, 0.4]


def test_pushforward_cdf_spreads_a_steep_cell_over_its_image() -> None:
    # one cell of mass 1 whose image is [0, 4]: uniform on it
    cdf = M.pushforward_cdf(np.array([0.0, 4.0]), np.array([1.0]), np.array([-1.0, 1.0, 3.0, 5.0]))
    assert cdf.tolist() == [0.0, 0.25, 0.75, 1.0]


def test_covers_all_needs_every_mode() -> None:
    shares = np.array([[0.49, 0.49], [0.96, 0.0], [0.25, 0.25], [0.24, 0.5]])
    assert M.covers_all(shares, 0.25).tolist() == [True, False, True, False]


# --- the experiments' statistics on samplers with known answers -----------------------------------------------------


def test_mixture_quantile_pushes_the_normal_to_the_data() -> None:
    quantile = B.mixture_quantile(B.DATA)
    z = np.linspace(-5, 5, 101)
    assert B.DATA.cdf(quantile(z)) == pytest.approx(special.ndtr(z), abs=1e-6)


def test_a_perfect_generator_covers_both_modes_with_negligible_js() -> None:
    table = B.synthetic_table(B.mixture_quantile(B.DATA), 8, np.random.default_rng(11))
    assert all(table["covered"])
    # the steep cells in the gap between the modes spread their mass evenly: JS ≈ 1e-5, far below any GAN's
    assert max(table["js"]) < 2e-5
    assert np.mean(np.asarray(table["c2st_p"]) >= B.ALPHA) >= 0.75  # 8 draws of a test with size 5 %


def test_a_one_mode_generator_misses_a_mode_and_is_rejected() -> None:
    table = B.synthetic_table(lambda z: 2.0 + 0.5 * z, 4, np.random.default_rng(12))
    assert not any(table["covered"]) and not any(table["learned"])
    assert max(table["c2st_p"]) < 1e-10
    expected = quadrature.js_divergence(B.DATA, gaussian(2.0, 0.5))
    assert table["js"] == pytest.approx([expected] * 4, abs=2e-3)


def test_a_moment_matched_normal_covers_both_windows_but_is_rejected() -> None:
    table = B.synthetic_table(lambda z: math.sqrt(4.25) * z, 4, np.random.default_rng(13))
    assert all(table["covered"]) and not any(table["learned"])


def test_resubstitution_accuracy_is_biased_above_half_under_the_null() -> None:
    rng = np.random.default_rng(5)
    acc, p = B.resubstitution(B.DATA.sample(2000, rng), B.DATA.sample(2000, rng))
    assert acc > 0.52 and p < 0.01


def test_e2_support_holds_99_percent_of_the_average() -> None:
    p, q = gaussian(0.0, 1.0), gaussian(1.0, 1.0)
    lo, hi = B.e2_support(p, q)
    inside = 0.5 * (p.cdf(hi) - p.cdf(lo)) + 0.5 * (q.cdf(hi) - q.cdf(lo))
    assert inside == pytest.approx(0.99, abs=1e-6)


def test_time_to_equilibrium_is_the_first_checkpoint_that_qualifies() -> None:
    marks = {
        "steps": [0, 250, 500],
        "covered": [[False, False], [True, True], [True, True]],
        "js": [[0.3, 0.3], [0.05, 0.005], [0.008, 0.2]],
    }
    assert B._time_to_equilibrium(marks) == [500, 250]


def test_critical_accuracy_is_the_smallest_rejected_accuracy() -> None:
    a = B._critical_accuracy()
    k = round(a * B.N_TEST)
    assert M.binomial_upper_tail(k, B.N_TEST, 0.5) < B.ALPHA <= M.binomial_upper_tail(k - 1, B.N_TEST, 0.5)


def test_binned_d_star_is_exactly_half_for_the_data_and_far_from_it_for_one_mode() -> None:
    one_mode = M.mixture_bin_masses([1.0], [2.0], [0.5], B.EDGES)
    table = B.binned_d_star_table(np.stack([B.DATA_MASSES, one_mode]))
    assert table["dstar_sup_dev"][0] == 0.0
    assert table["dstar_sup_dev"][1] > 0.49


def test_data_region_is_the_two_three_sigma_windows() -> None:
    assert np.all(np.min(np.abs(B.REGION[:, None] - np.asarray(B.MODES)), axis=1) <= B.WINDOW + 1e-12)
    assert B.REGION.min() == -3.5 and B.REGION.max() == 3.5


# --- the claims' decision rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "expected"), [(16, 16, True), (12, 16, True), (8, 16, None), (4, 16, False), (0, 4, False)]
)
def test_most_runs_rule(k: int, n: int, expected: bool | None) -> None:
    from verify.seed_rules import most

    assert most(k, n)[0] is expected


def test_certificate_fails_when_one_setting_lets_failures_through() -> None:
    from verify.claims.empirical import _certificate

    flags = {"a": np.ones(16, dtype=bool), "b": np.zeros(8, dtype=bool)}
    out = _certificate(flags, "a test", "readout")
    assert out.holds is False and out.counterexample["setting"] == "b"


def test_certificate_holds_when_every_setting_flags_its_failures() -> None:
    from verify.claims.empirical import _certificate

    flags = {"a": np.ones(16, dtype=bool), "b": np.array([True] * 7 + [False])}
    assert _certificate(flags, "a test", "readout").holds is True


def test_certificate_is_undecided_with_too_few_failures() -> None:
    from verify.claims.empirical import _certificate

    assert _certificate({"a": np.ones(3, dtype=bool)}, "a test", "readout").holds is None


# --- trained experiments (slow) -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_quick_experiments_are_json_ready_and_deterministic() -> None:
    import json

    from verify.context import PROFILES, Context
    from verify.experiments import store
    from verify.model import jsonable

    runs = []
    for _ in range(2):
        ctx = Context(profile=PROFILES["quick"], device="cpu", experiments=store())
        res = ctx.experiment("E2")
        assert res is not None
        res = dict(res)
        for key in ("wall_seconds", "seed_steps_per_second"):
            res.pop(key)
        runs.append(json.dumps(jsonable(res), sort_keys=True, allow_nan=False))
    assert runs[0] == runs[1]


@pytest.mark.slow
def test_experiment_figures_have_deterministic_bytes(tmp_path: Path) -> None:
    from verify.context import PROFILES, Context
    from verify.experiments import EXPERIMENTS, store

    ctx = Context(profile=PROFILES["quick"], device="cpu", experiments=store())
    res = ctx.experiment("E3")
    assert res is not None
    first = EXPERIMENTS["E3"].figures(res, tmp_path / "a")
    second = EXPERIMENTS["E3"].figures(res, tmp_path / "b")
    assert [p for p, _ in first] == [p for p, _ in second] == ["figures/e3-generator-gradients.png"]
    assert (tmp_path / "a" / first[0][0]).read_bytes() == (tmp_path / "b" / second[0][0]).read_bytes()
