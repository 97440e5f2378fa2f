"""The trainer's learning-rate schedules, TTUR rates, generator average and R1 switch (TrainConfig fields)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch

from gantheory.nn import BatchedGAN, GANState, TrainConfig, train
from gantheory.nn.trainer import learning_rate_factor

CPU = dict(device="cpu")
T = 40


def _factors(schedule: str, *, hold: int = 0, final: float = 0.0) -> np.ndarray:
    return np.array([learning_rate_factor(schedule, t, T, hold=hold, final=final) for t in range(T)])


def test_constant_schedule_is_one_at_every_step() -> None:
    assert (_factors("constant") == 1.0).all()


def test_cosine_schedule_starts_at_one_halves_at_midpoint_and_decays_monotonically() -> None:
    f = _factors("cosine")
    assert f[0] == 1.0 and f[T // 2] == pytest.approx(0.5, abs=1e-15)
    assert (np.diff(f) < 0).all() and 0 < f[-1] < 0.01


def test_cosine_schedule_decays_towards_its_final_factor_after_the_hold() -> None:
    f = _factors("cosine", hold=10, final=0.2)
    assert (f[:10] == 1.0).all() and f[10] == 1.0
    # ½(1 + cos π s) at s = (T − 1 − h)/(T − h), lifted onto [f, 1]
    s = (T - 1 - 10) / (T - 10)
    assert f[-1] == pytest.approx(0.2 + 0.8 * 0.5 * (1 + math.cos(math.pi * s)), rel=1e-15)


def test_step_schedule_switches_to_its_factor_at_the_hold() -> None:
    f = _factors("step", hold=25, final=0.1)
    assert (f[:25] == 1.0).all() and (f[25:] == 0.1).all()


def test_exponential_schedule_is_geometric_and_ends_at_its_factor() -> None:
    f = _factors("exponential", hold=20, final=1e-2)
    assert (f[:20] == 1.0).all() and f[-1] == pytest.approx(1e-2, rel=1e-14)
    ratios = f[21:] / f[20:-1]
    np.testing.assert_allclose(ratios, (1e-2) ** (1 / 20), rtol=1e-13)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(lr_schedule="linear"), "lr_schedule"),
        (dict(lr_schedule="step", lr_final_factor=0.0), "lr_final_factor"),
        (dict(lr_schedule="cosine", lr_hold_steps=50), "lr_hold_steps"),
        (dict(lr_final_factor=1.5), "lr_final_factor"),
        (dict(g_ema=1.0), "g_ema"),
        (dict(g_ema=-0.1), "g_ema"),
    ],
)
def test_bad_schedule_and_average_settings_are_rejected(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        TrainConfig(steps=50, **kwargs)


def test_learning_rate_factor_rejects_a_step_past_the_run() -> None:
    with pytest.raises(ValueError, match="step must be < steps"):
        learning_rate_factor("cosine", T, T)


def test_scheduled_rates_reach_both_optimisers_with_their_own_base_rates() -> None:
    # TTUR: each player keeps its own base rate; the schedule scales both by the same factor.
    config = TrainConfig(
        n_seeds=2, steps=T, batch_size=8, optimizer="adam", lr_d=4e-3, lr_g=1e-3, lr_schedule="cosine", **CPU
    )
    gan = BatchedGAN(config)
    gan.set_learning_rates(T - 1)
    factor = learning_rate_factor("cosine", T - 1, T)
    assert gan.d_optimizer.param_groups[0]["lr"] == 4e-3 * factor
    assert gan.g_optimizer.param_groups[0]["lr"] == 1e-3 * factor


def test_ttur_generator_rate_scales_the_generator_step_and_leaves_the_discriminator_alone() -> None:
    # One SGD step: D moves first (its step does not see lr_g); G's update is −lr_g ∇, linear in lr_g.
    base = TrainConfig(n_seeds=2, steps=1, batch_size=16, lr_d=0.01, lr_g=0.01, dtype="float64", **CPU)
    start = BatchedGAN(base).state()
    slow, fast = train(base), train(dataclasses.replace(base, lr_g=0.03))
    for a, b in zip(slow.d_params, fast.d_params, strict=True):
        assert torch.equal(a, b)
    for w0, a, b in zip(start.g_params, slow.g_params, fast.g_params, strict=True):
        torch.testing.assert_close(b - w0, 3 * (a - w0), rtol=1e-9, atol=1e-15)


def test_scheduled_run_differs_from_the_constant_run_only_after_the_hold() -> None:
    base = TrainConfig(n_seeds=1, steps=12, batch_size=16, optimizer="adam", lr_d=1e-3, lr_g=1e-3, **CPU)
    held = dataclasses.replace(base, lr_schedule="step", lr_hold_steps=8, lr_final_factor=0.5)
    a, b = train(base), train(held)
    np.testing.assert_array_equal(a.d_loss[:9], b.d_loss[:9])  # losses are recorded before each step's update
    assert not np.array_equal(a.d_loss[9:], b.d_loss[9:])


def test_generator_average_is_the_bias_corrected_exponential_average_of_the_iterates() -> None:
    beta, steps = 0.8, 6
    config = TrainConfig(n_seeds=2, steps=steps, batch_size=16, g_ema=beta, **CPU)
    iterates: list[GANState] = []
    result = train(config, callback=lambda step, state: iterates.append(state), callback_every=1)
    weights = np.array([(1 - beta) * beta ** (steps - 1 - t) for t in range(steps)]) / (1 - beta**steps)
    for i, average in enumerate(result.g_ema_params or ()):
        expected = sum(w * it.g_params[i].double() for w, it in zip(weights, iterates, strict=True))
        torch.testing.assert_close(average.double(), expected, rtol=1e-5, atol=1e-7)


def test_uncorrected_average_would_fail_the_same_comparison() -> None:
    # control: without the 1/(1 − β^t) correction the average shrinks towards the zero start
    beta, steps = 0.8, 6
    result = train(TrainConfig(n_seeds=1, steps=steps, batch_size=16, g_ema=beta, **CPU))
    averaged, final = result.averaged().g_params[0], result.g_params[0]
    uncorrected = averaged * (1 - beta**steps)
    assert float((uncorrected - final).abs().max()) > 10 * float((averaged - final).abs().max())


def test_averaged_state_needs_an_average() -> None:
    result = train(TrainConfig(n_seeds=1, steps=2, batch_size=8, **CPU))
    assert result.g_ema_params is None
    with pytest.raises(ValueError, match="no generator average"):
        result.averaged()


def test_average_follows_seed_selection() -> None:
    result = train(TrainConfig(n_seeds=3, steps=4, batch_size=8, g_ema=0.5, **CPU))
    picked = result.select(2)
    assert picked.g_ema_params is not None and result.g_ema_params is not None
    assert torch.equal(picked.g_ema_params[0][0], result.g_ema_params[0][2])


def test_r1_field_switches_the_penalty_on() -> None:
    off = train(TrainConfig(n_seeds=2, steps=3, batch_size=16, **CPU))
    on = train(TrainConfig(n_seeds=2, steps=3, batch_size=16, r1_gamma=1.0, **CPU))
    assert (off.r1 == 0).all() and (on.r1 > 0).all()
    assert not torch.equal(off.d_params[0], on.d_params[0])


def test_callback_at_fires_after_the_named_step_counts_only() -> None:
    seen: list[int] = []
    train(
        TrainConfig(n_seeds=1, steps=10, batch_size=8, **CPU),
        callback=lambda s, _: seen.append(s),
        callback_at=[1, 4, 10],
    )
    assert seen == [0, 3, 9]


def test_callback_at_rejects_a_step_past_the_run() -> None:
    with pytest.raises(ValueError, match="past the run"):
        train(TrainConfig(n_seeds=1, steps=3, batch_size=8, **CPU), callback=lambda s, _: None, callback_at=[4])
