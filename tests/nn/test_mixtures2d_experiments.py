"""E6/E7 statistics and claim tests on synthetic subjects with known answers; tiny runs of the experiments."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gantheory.modes import coverage_stats, distinct_modes, ring_modes
from verify.claims import empirical_modes as em
from verify.context import PROFILES, Context, ExperimentStore
from verify.experiments import EXPERIMENTS, store
from verify.experiments import mixtures2d as mx

QUICK = Context(profile=PROFILES["quick"], device="cpu", experiments=store())
FULL = Context(profile=PROFILES["full"], device="cpu", experiments=store())

# ---------------------------------------------------------------------------
# Protocol constants and the published table
# ---------------------------------------------------------------------------


def test_the_experiments_are_registered() -> None:
    assert {"E6-ring", "E6-grid", "E7-digits"} <= set(EXPERIMENTS)


def test_strict_threshold_is_a_fifth_of_an_even_share() -> None:
    assert mx.strict_min_count(8) == 63  # 0.2 × 2500 / 8 = 62.5
    assert mx.strict_min_count(25) == 20  # 0.2 × 2500 / 25 = 20 exactly


def test_pacgan_table_holds_the_issue_numbers() -> None:
    grid, ring = mx.PACGAN_TABLE1["grid"], mx.PACGAN_TABLE1["ring"]
    assert grid["PacGAN4"]["modes"] == (24.8, 0.2) and grid["GAN"]["modes"] == (17.3, 0.8)
    assert ring["GAN"]["hq_percent"] == (98.2, 0.2) and ring["PacGAN2"]["modes"] == (7.9, 0.1)


def test_e6_ring_has_eight_distinct_modes() -> None:
    d = distinct_modes(mx.RING.means())
    assert d["distinct"] == 8 and d["min_separation"] == pytest.approx(2 * math.sin(math.pi / 8))
    np.testing.assert_allclose(mx.RING.means(), ring_modes(), atol=1e-12)


def test_linspace_ring_control_has_seven_distinct_modes() -> None:
    control = next(c for c in em.MODE_COVERAGE.checks if c.name == "ring-modes-distinct").controls[0].subject
    assert distinct_modes(control)["distinct"] == 7


def test_balanced_accuracy_on_known_outputs() -> None:
    assert mx.balanced_accuracy(np.array([0.9, 0.8]), np.array([0.1, 0.2])) == 1.0
    assert mx.balanced_accuracy(np.array([0.9, 0.1]), np.array([0.1, 0.9])) == 0.5
    assert mx.balanced_accuracy(np.full(4, 0.5), np.full(4, 0.5)) == 0.5  # ½ is called fake


def _samples(draw: em.Draw, spec: mx.MixtureSpec, n_seeds: int = 5, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([draw(rng, spec.means(), spec.sigma, mx.N_EVAL) for _ in range(n_seeds)])


def test_data_samples_cover_every_mode_at_the_chi2_quality() -> None:
    cov = coverage_stats(_samples(em.draw_data, mx.GRID), mx.GRID.means(), mx.GRID.sigma, strict_count=20)
    assert (cov.modes == 25).all() and (cov.modes_strict == 25).all()
    # P(|ε| < 3) for ε ~ N(0, I₂) is 1 − e^{−9/2} ≈ 0.9889; 2500 samples give a s.d. of 0.002
    assert np.all(np.abs(cov.hq - (1 - math.exp(-4.5))) < 0.01)
    assert np.all(cov.reverse_kl < 0.02)


def test_collapsed_samples_cover_three_modes() -> None:
    cov = coverage_stats(_samples(em.draw_collapsed, mx.GRID), mx.GRID.means(), mx.GRID.sigma, strict_count=20)
    assert (cov.modes == 3).all()
    # reverse KL of a histogram even over 3 of 25 modes: log(25/3)
    np.testing.assert_allclose(cov.reverse_kl, math.log(25 / 3), atol=0.01)


def test_wide_samples_are_rarely_of_high_quality() -> None:
    cov = coverage_stats(_samples(em.draw_wide, mx.RING), mx.RING.means(), mx.RING.sigma, strict_count=63)
    # within 3σ of the own mode at 5σ noise: 1 − e^{−9/50} ≈ 0.165 (neighbours are > 70σ away)
    assert np.all(np.abs(cov.hq - (1 - math.exp(-0.18))) < 0.03)
    assert (cov.modes == 8).all()


# ---------------------------------------------------------------------------
# Claim tests on synthetic subjects
# ---------------------------------------------------------------------------

GRID_DATA = em.Sampler("E6-grid", "data", em.draw_data)
GRID_COLLAPSED = em.Sampler("E6-grid", "collapsed", em.draw_collapsed)
GRID_WIDE = em.Sampler("E6-grid", "wide", em.draw_wide)


def test_drops_modes_refutes_the_data_and_holds_for_a_collapsed_sampler() -> None:
    assert em.drops_modes(GRID_DATA, QUICK).holds is False
    assert em.drops_modes(GRID_COLLAPSED, QUICK).holds is True


def test_covers_at_quality_holds_for_the_data() -> None:
    assert em.covers_at_quality(em.CoverageTarget(GRID_DATA, 24.5, 0.9), QUICK).holds is True


def test_covers_at_quality_refutes_collapse_and_noise() -> None:
    assert em.covers_at_quality(em.CoverageTarget(GRID_COLLAPSED, 24.5, 0.9), QUICK).holds is False
    out = em.covers_at_quality(em.CoverageTarget(GRID_WIDE, 24.5, 0.9), QUICK)
    assert out.holds is False and out.measurements["modes_mean"] == 25


def test_covers_more_is_one_sided() -> None:
    assert em.covers_more(em.Comparison(GRID_DATA, GRID_COLLAPSED), QUICK).holds is True
    assert em.covers_more(em.Comparison(GRID_COLLAPSED, GRID_DATA), QUICK).holds is False
    assert em.covers_more(em.Comparison(GRID_DATA, GRID_DATA), QUICK).holds is False


def _e6_results(arms: dict[str, list[int]], *, full: bool = True) -> dict[str, Any]:
    def arm(modes: list[int]) -> dict[str, Any]:
        n = len(modes)
        return {
            "modes": modes,
            "modes_strict": modes,
            "hq": [0.95] * n,
            "reverse_kl": [0.05] * n,
            "counts": [[100] * 25] * n,
        }

    return {
        "config": {"steps": 12000 if full else 300, "full_steps": 12000, "profile": "full" if full else "quick"},
        "protocol_length": full,
        "settings": {k: arm(v) for k, v in arms.items()},
    }


def _ctx_with(results: dict[str, Any]) -> Context:
    experiments = ExperimentStore()
    for name, value in results.items():
        experiments.record(name, value, 0.0)
    return Context(profile=PROFILES["full"], experiments=experiments)


def test_trained_subject_reads_the_experiment() -> None:
    ctx = _ctx_with({"E6-grid": _e6_results({"baseline": [17, 18, 16, 19, 17, 18, 16, 17, 18, 19]})})
    out = em.drops_modes(em.Trained("E6-grid", "baseline"), ctx)
    assert out.holds is True and out.measurements["modes_mean"] == pytest.approx(17.5)


def test_strict_subject_counts_with_our_threshold() -> None:
    results = _e6_results({"baseline": [8] * 10})
    results["settings"]["baseline"]["modes_strict"] = [4, 5, 3, 4, 6, 4, 5, 3, 4, 5]
    ctx = _ctx_with({"E6-ring": results})
    assert em.drops_modes(em.Trained("E6-ring", "baseline"), ctx).holds is False
    out = em.drops_modes(em.Trained("E6-ring", "baseline", strict=True), ctx)
    assert out.holds is True and out.measurements["count"].startswith("strict")


def test_truncated_runs_leave_the_check_undecided() -> None:
    ctx = _ctx_with({"E6-grid": _e6_results({"baseline": [17, 18]}, full=False)})
    out = em.drops_modes(em.Trained("E6-grid", "baseline"), ctx)
    assert out.holds is None and "full profile" in (out.reason or "")


def test_experiments_switched_off_leave_the_check_undecided() -> None:
    ctx = Context(profile=PROFILES["full"], run_experiments=False, experiments=store())
    assert em.drops_modes(em.Trained("E6-grid", "baseline"), ctx).holds is None


def test_claimed_coverage_level_uses_both_thresholds() -> None:
    ctx = _ctx_with({"E6-grid": _e6_results({"best": [25, 25, 24, 25, 25, 25, 25, 25, 25, 24]})})
    subject = em.Trained("E6-grid", "best")
    assert em.covers_at_quality(em.CoverageTarget(subject, 24.5, 0.90), ctx).holds is True
    assert em.covers_at_quality(em.CoverageTarget(subject, 24.9, 0.90), ctx).holds is False
    assert em.covers_at_quality(em.CoverageTarget(subject, 24.5, 0.96), ctx).holds is False


@dataclasses.dataclass(frozen=True)
class _Given:
    values: dict[str, np.ndarray]

    def per_seed(self, ctx: Context) -> dict[str, np.ndarray]:
        return self.values

    def describe(self) -> str:
        return "given numbers"


def test_accuracy_band_three_ways() -> None:
    near = _Given({"d_accuracy": np.array([0.49, 0.51, 0.50, 0.52, 0.48, 0.50, 0.51, 0.49])})
    far = _Given({"d_accuracy": np.array([0.70, 0.72, 0.69, 0.71, 0.70, 0.73, 0.68, 0.70])})
    edge = _Given({"d_accuracy": np.array([0.53, 0.57, 0.55, 0.56, 0.54, 0.55, 0.58, 0.52])})
    assert em.accuracy_in_band(em.AccuracyBand(near, 0.45, 0.55), QUICK).holds is True
    assert em.accuracy_in_band(em.AccuracyBand(far, 0.45, 0.55), QUICK).holds is False
    assert em.accuracy_in_band(em.AccuracyBand(edge, 0.45, 0.55), QUICK).holds is None


def test_lookup_discriminator_is_perfect() -> None:
    out = em.accuracy_in_band(em.AccuracyBand(em.LookupDiscriminator(n_seeds=2), 0.45, 0.55), QUICK)
    assert out.holds is False and out.measurements["d_accuracy_mean"] == 1.0


def test_c2st_conclusions() -> None:
    n = 8
    indist = _Given({"c2st_accuracy": np.full(n, 0.5), "c2st_p": np.array([0.5, 0.3, 0.04, 0.7, 0.2, 0.9, 0.6, 0.1])})
    dist = _Given({"c2st_accuracy": np.full(n, 0.9), "c2st_p": np.full(n, 1e-9)})
    mixed = _Given({"c2st_accuracy": np.full(n, 0.55), "c2st_p": np.array([1e-3] * 4 + [0.5] * 4)})
    assert em.c2st_concludes(em.TwoSampleConclusion(indist, "indistinguishable"), QUICK).holds is True
    assert em.c2st_concludes(em.TwoSampleConclusion(dist, "indistinguishable"), QUICK).holds is False
    assert em.c2st_concludes(em.TwoSampleConclusion(dist, "distinguishable"), QUICK).holds is True
    assert em.c2st_concludes(em.TwoSampleConclusion(mixed, "distinguishable"), QUICK).holds is None


def test_pixel_marginal_digits_are_told_apart() -> None:
    out = em.c2st_concludes(em.TwoSampleConclusion(em.PixelMarginalGenerator(n_seeds=2), "indistinguishable"), QUICK)
    assert out.holds is False and out.measurements["c2st_accuracy_mean"] > 0.7


def test_real_halves_are_not_told_apart() -> None:
    # Two random halves of the same images: the C2ST should not reject.
    from gantheory.twosample import c2st

    real = em._digits()
    rng = np.random.default_rng(7)
    order = rng.permutation(len(real))
    half = len(real) // 2
    res = c2st(real[order[:half]], real[order[half : 2 * half]], rng=rng)
    assert res.p_value > 0.01


# ---------------------------------------------------------------------------
# Tiny runs of the experiments (same code path, a few steps)
# ---------------------------------------------------------------------------

TINY_GRID = dataclasses.replace(mx.GRID, seeds={"quick": 2, "full": 2}, steps={"quick": 12, "full": 24})
TINY_DIGITS = dataclasses.replace(mx.DIGITS_SPEC, seeds={"quick": 2, "full": 2}, steps={"quick": 6, "full": 12})


@pytest.fixture(scope="module")
def tiny_grid() -> dict[str, Any]:
    return mx.run_mixture(TINY_GRID, QUICK)


def test_mixture_results_are_json_ready_and_complete(tiny_grid: dict[str, Any]) -> None:
    text = json.dumps(tiny_grid, allow_nan=True)
    assert len(text) < 60_000
    assert set(tiny_grid["settings"]) == {"baseline", "best", "plain_averaged", "r1_final"}
    assert tiny_grid["seeds"] == [0, 1] and tiny_grid["device"] == "cpu" and tiny_grid["protocol_length"] is False
    assert tiny_grid["means"]["distinct"] == 25
    for arm in tiny_grid["settings"].values():
        assert len(arm["modes"]) == 2 and len(arm["counts"][0]) == 25
        assert all(sum(c) <= mx.N_EVAL for c in arm["counts"])


def test_mixture_runs_are_deterministic(tiny_grid: dict[str, Any]) -> None:
    again = mx.run_mixture(TINY_GRID, QUICK)
    assert json.dumps(again["settings"]) == json.dumps(tiny_grid["settings"])  # NaN-safe comparison


def test_mixture_figures_have_deterministic_bytes(tiny_grid: dict[str, Any], tmp_path: Path) -> None:
    a = mx._mixture_figures(TINY_GRID, tiny_grid, tmp_path / "a")
    assert mx._mixture_figures(TINY_GRID, tiny_grid, tmp_path / "b") == a
    assert [p for p, _ in a] == ["figures/e6-grid-samples.png", "figures/e6-grid-coverage.png"]
    for path, caption in a:
        assert caption and (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def test_digits_run_and_figures(tmp_path: Path) -> None:
    res = mx.run_digits(QUICK, TINY_DIGITS)
    json.dumps(res)
    assert res["seeds"] == [0, 1] and res["protocol_length"] is False
    per = res["per_seed"]
    assert all(0.0 <= a <= 1.0 for a in per["d_accuracy"] + per["c2st_accuracy"])
    assert len(res["shown"]["generated"]) == 25 and len(res["shown"]["generated"][0]) == 64
    a = mx._digits_figures(res, tmp_path / "a")
    b = mx._digits_figures(res, tmp_path / "b")
    for (path, _), (path_b, _) in zip(a, b, strict=True):
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path_b).read_bytes()


def test_averaged_generator_is_bias_corrected() -> None:
    # With β close to 1 and few steps, an uncorrected average would shrink the weights towards 0.
    recipe = mx.GRID.r1
    assert recipe.ema == 0.999
    config = recipe.config(n_seeds=1, steps=5, seed=3, device="cpu")
    state, averaged, _ = mx.train_recipe(recipe, config)
    assert averaged is not None
    for w, a in zip(state.g_params, averaged.g_params, strict=True):
        assert float((a - w).abs().max()) < 0.1 * float(w.abs().max()) + 1e-6


# ---------------------------------------------------------------------------
# Full-profile runs (slow; deselected by default)
# ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["E6-ring", "E6-grid", "E7-digits"])
def test_full_profile_experiment_runs_at_protocol_length(name: str) -> None:
    res = EXPERIMENTS[name].run(FULL)
    json.dumps(res)
    assert res["protocol_length"] is True and len(res["seeds"]) >= 8
