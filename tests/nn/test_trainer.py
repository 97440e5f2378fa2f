"""The batched trainer of :mod:`gantheory.nn.trainer`: per-seed exactness, determinism, validation.

The central property: seed k of a K-seed run is the GAN that a one-seed run
with the same initial weights and batches trains. It is checked twice, against
the trainer itself with ``n_seeds=1, seed_offset=k`` and against an
independent per-seed loop written here with plain matrix products,
``binary_cross_entropy_with_logits`` and one torch optimiser per seed
(tolerance 1e-5 on every parameter after 100 steps).
"""

from __future__ import annotations

import dataclasses
import math
import os

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gantheory.nn import (
    BatchedGAN,
    TrainConfig,
    bimodal,
    optimal_logit,
    r1_penalty,
    resolve_device,
    standard_normal,
    step_batches,
    train,
)
from verify.tolerance import Tolerance, assert_close

#: Agreement required between seed k of a batched run and a one-seed run after 100 steps.
PER_SEED = Tolerance(
    rtol=0.0,
    atol=1e-5,
    why="seed k of a batched float32 run against a one-seed run: the same arithmetic, batched, rounds in another order",
)

#: The batched trainer against the independent per-seed loop, both in float64 (see the test that uses it).
FLOAT64_RUNS = Tolerance(rtol=0.0, atol=1e-9, why="the same algorithm in float64 agrees to ~1e-15; 1e-9 leaves room")

CPU = dict(device="cpu")

CONFIGS = {
    # document 000: SGD 0.005, batch 128, 1-64-1 leaky ReLU, non-saturating
    "doc000-sgd-ns": TrainConfig(n_seeds=3, steps=100, **CPU),
    "adam-minimax-k2": TrainConfig(
        n_seeds=3, steps=100, batch_size=32, optimizer="adam", lr_d=1e-3, lr_g=1e-3, loss="minimax", d_steps=2, **CPU
    ),
    "adam-r1-ring": TrainConfig(
        n_seeds=3,
        steps=100,
        batch_size=32,
        data="ring8",
        latent_dim=2,
        g_widths=(16, 16),
        d_widths=(16,),
        activation="relu",
        init="uniform",
        optimizer="adam",
        lr_d=1e-3,
        lr_g=1e-3,
        r1_gamma=1.0,
        **CPU,
    ),
}


def _assert_params_close(a: tuple[torch.Tensor, ...], b: tuple[torch.Tensor, ...], tol: Tolerance) -> None:
    """``assert_close`` on each pair of parameter tensors (same shapes, one tolerance)."""
    for x, y in zip(a, b, strict=True):
        assert_close(x.detach().cpu().numpy(), y.detach().cpu().numpy(), tol)


# --------------------------------------------------------------------------- an independent per-seed reference


def _mlp(params: list[torch.Tensor], x: torch.Tensor, config: TrainConfig, output: str) -> torch.Tensor:
    """One network: h = φ(h W + b), with a plain ``@`` (not the trainer's stacked affine function)."""
    h = x
    n_layers = len(params) // 2
    for i in range(n_layers):
        h = h @ params[2 * i] + params[2 * i + 1]
        act = config.activation if i < n_layers - 1 else output
        if act == "leaky_relu":
            h = F.leaky_relu(h, config.negative_slope)
        elif act == "relu":
            h = torch.relu(h)
        elif act == "tanh":
            h = torch.tanh(h)
    return h


def _optim(params: list[torch.Tensor], lr: float, config: TrainConfig) -> torch.optim.Optimizer:
    if config.optimizer == "sgd":
        return torch.optim.SGD(params, lr=lr)
    return torch.optim.Adam(params, lr=lr, betas=config.betas, eps=config.adam_eps)


def _reference_run(config: TrainConfig) -> list[tuple[list[torch.Tensor], list[torch.Tensor]]]:
    """Train each seed on its own from the trainer's initial weights and batches."""
    init = BatchedGAN(config)
    seeds = []
    for k in range(config.n_seeds):
        d = [p[k].detach().clone().requires_grad_(True) for p in init.d_params]
        g = [p[k].detach().clone().requires_grad_(True) for p in init.g_params]
        seeds.append((d, g, _optim(d, config.lr_d, config), _optim(g, config.lr_g, config)))
    for batch in step_batches(config):
        for k, (d, g, opt_d, opt_g) in enumerate(seeds):
            for j in range(config.d_steps):
                x_real = batch.x_real[j, k].clone().requires_grad_(config.r1_gamma > 0)
                with torch.no_grad():
                    x_fake = _mlp(g, batch.z_d[j, k], config, config.g_output)
                real = _mlp(d, x_real, config, "linear")
                fake = _mlp(d, x_fake, config, "linear")
                loss = F.binary_cross_entropy_with_logits(
                    real, torch.ones_like(real)
                ) + F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake))
                if config.r1_gamma > 0:
                    (grad,) = torch.autograd.grad(real.sum(), x_real, create_graph=True)
                    loss = loss + 0.5 * config.r1_gamma * grad.pow(2).sum(dim=1).mean()
                opt_d.zero_grad()
                loss.backward()
                opt_d.step()
            fake = _mlp(d, _mlp(g, batch.z_g[k], config, config.g_output), config, "linear")
            if config.loss == "non-saturating":
                g_loss = F.binary_cross_entropy_with_logits(fake, torch.ones_like(fake))
            else:
                g_loss = -F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake))
            grads = torch.autograd.grad(g_loss, g)
            for p, gr in zip(g, grads, strict=True):
                p.grad = gr
            opt_g.step()
    return [(d, g) for d, g, _, _ in seeds]


def _assert_matches_reference(config: TrainConfig, tol: Tolerance) -> None:
    """Every seed of ``train(config)`` has the parameters of the independent per-seed loop, within ``tol``."""
    result = train(config)
    for k, (d, g) in enumerate(_reference_run(config)):
        seed = result.select(k)
        _assert_params_close(seed.d_params, tuple(p.unsqueeze(0) for p in d), tol)
        _assert_params_close(seed.g_params, tuple(p.unsqueeze(0) for p in g), tol)


def test_batched_seed_equals_independent_per_seed_loop_doc000_float32() -> None:
    _assert_matches_reference(CONFIGS["doc000-sgd-ns"], PER_SEED)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_batched_seed_equals_independent_per_seed_loop_float64(name: str) -> None:
    # In float32 the two implementations round differently (fused multiply-adds, summation order), and GAN
    # dynamics amplify rounding differences; under Adam, which rescales tiny gradients to steps of size lr,
    # they reach ~1e-4 after 100 steps. In float64 the same algorithm must agree to ~1e-15; 1e-9 leaves room.
    _assert_matches_reference(dataclasses.replace(CONFIGS[name], dtype="float64"), FLOAT64_RUNS)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_batched_seed_equals_one_seed_run_with_offset(name: str) -> None:
    config = CONFIGS[name]
    batched = train(config)
    k = config.n_seeds - 1
    single = train(dataclasses.replace(config, n_seeds=1, seed_offset=k))
    assert single.seed_indices == (k,)
    _assert_params_close(batched.select(k).d_params, single.d_params, PER_SEED)
    _assert_params_close(batched.select(k).g_params, single.g_params, PER_SEED)
    assert_close(batched.d_loss[:, k], single.d_loss[:, 0], PER_SEED)


def test_two_runs_with_the_same_seed_are_identical() -> None:
    config = TrainConfig(n_seeds=3, steps=40, batch_size=32, optimizer="adam", lr_d=1e-3, lr_g=1e-3, **CPU)
    a, b = train(config), train(config)
    for x, y in zip(a.d_params + a.g_params, b.d_params + b.g_params, strict=True):
        assert torch.equal(x, y)
    assert np.array_equal(a.d_loss, b.d_loss)
    assert np.array_equal(a.g_loss, b.g_loss)


def test_different_seeds_give_different_runs() -> None:
    config = TrainConfig(n_seeds=2, steps=5, batch_size=16, **CPU)
    a, b = train(config), train(dataclasses.replace(config, seed=1))
    assert not torch.equal(a.d_params[0], b.d_params[0])
    assert not torch.equal(a.select(0).d_params[0], a.select(1).d_params[0])


def test_shorter_run_is_a_prefix_of_a_longer_one() -> None:
    config = TrainConfig(n_seeds=2, steps=40, batch_size=16, **CPU)  # chunk_steps is 32: crosses a chunk boundary
    assert config.chunk_steps < config.steps
    short, long = train(config), train(dataclasses.replace(config, steps=70))
    assert np.array_equal(short.d_loss, long.d_loss[:40])
    assert np.array_equal(short.g_loss, long.g_loss[:40])


@pytest.mark.parametrize("loss", ["minimax", "non-saturating"])
@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize("r1_gamma", [0.0, 10.0])
def test_losses_are_finite(loss: str, optimizer: str, r1_gamma: float) -> None:
    lr = 0.005 if optimizer == "sgd" else 1e-3
    config = TrainConfig(
        n_seeds=2, steps=30, batch_size=16, loss=loss, optimizer=optimizer, lr_d=lr, lr_g=lr, r1_gamma=r1_gamma, **CPU
    )
    result = train(config)
    assert result.d_loss.shape == result.g_loss.shape == result.r1.shape == (30, 2)
    assert np.isfinite(result.d_loss).all()
    assert np.isfinite(result.g_loss).all()
    assert np.isfinite(result.r1).all()
    assert (result.r1 > 0).all() if r1_gamma > 0 else (result.r1 == 0).all()
    assert all(torch.isfinite(p).all() for p in result.d_params + result.g_params)


def test_logged_losses_are_those_of_the_initial_networks_on_the_first_batch() -> None:
    config = TrainConfig(n_seeds=3, steps=1, batch_size=32, loss="minimax", **CPU)
    gan = BatchedGAN(config)
    batch = next(step_batches(config))
    result = train(config)
    for k in range(3):
        d = [p[k].detach() for p in gan.d_params]
        g = [p[k].detach() for p in gan.g_params]
        real = _mlp(d, batch.x_real[0, k], config, "linear")
        fake = _mlp(d, _mlp(g, batch.z_d[0, k], config, "linear"), config, "linear")
        d_loss = F.binary_cross_entropy_with_logits(real, torch.ones_like(real)) + F.binary_cross_entropy_with_logits(
            fake, torch.zeros_like(fake)
        )
        assert result.d_loss[0, k] == pytest.approx(float(d_loss), abs=1e-6)
    # weights N(0, 0.1²), zero biases: logits near 0, so L_D is near its equilibrium value log 4
    np.testing.assert_allclose(result.d_loss[0], math.log(4), atol=0.2)


def test_log_every_records_every_nth_step() -> None:
    result = train(TrainConfig(n_seeds=2, steps=10, batch_size=8, log_every=4, **CPU))
    np.testing.assert_array_equal(result.steps, [0, 4, 8])
    assert result.d_loss.shape == (3, 2)


def test_generator_step_leaves_every_discriminator_unchanged() -> None:
    config = TrainConfig(n_seeds=3, steps=1, batch_size=16, optimizer="adam", lr_d=1e-2, lr_g=1e-2, **CPU)
    gan = BatchedGAN(config)
    batch = next(step_batches(config))
    gan.d_step(batch.x_real[0], batch.z_d[0])  # creates Adam state for D
    d_before = tuple(p.detach().clone() for p in gan.d_params)
    state_before = {i: {k: v.clone() for k, v in s.items()} for i, s in enumerate(gan.d_optimizer.state.values())}
    d_grads_before = tuple(p.grad.clone() for p in gan.d_params)
    g_before = tuple(p.detach().clone() for p in gan.g_params)
    gan.g_step(batch.z_g)
    for before, after in zip(d_before, gan.d_params, strict=True):
        assert torch.equal(before, after)
    assert all(torch.equal(p.grad, g) for p, g in zip(gan.d_params, d_grads_before, strict=True))
    for i, s in enumerate(gan.d_optimizer.state.values()):
        for key, value in s.items():
            assert torch.equal(state_before[i][key], value)
    assert all(not torch.equal(b, a) for b, a in zip(g_before, gan.g_params, strict=True))


def test_discriminator_step_leaves_every_generator_unchanged() -> None:
    config = TrainConfig(n_seeds=3, steps=1, batch_size=16, **CPU)
    gan = BatchedGAN(config)
    batch = next(step_batches(config))
    g_before = tuple(p.detach().clone() for p in gan.g_params)
    gan.d_step(batch.x_real[0], batch.z_d[0])
    assert all(torch.equal(b, a) for b, a in zip(g_before, gan.g_params, strict=True))
    assert all(p.grad is None for p in gan.g_params)


def test_one_seeds_gradient_does_not_reach_another_seed() -> None:
    config = TrainConfig(n_seeds=3, steps=1, batch_size=16, **CPU)
    gan = BatchedGAN(config)
    batch = next(step_batches(config))
    x_real = batch.x_real[0].clone()
    before = tuple(p.detach().clone() for p in gan.d_params)
    x_real[1] = torch.nan  # poison seed 1's batch only
    gan.d_step(x_real, batch.z_d[0])
    for b, a in zip(before, gan.d_params, strict=True):
        assert torch.isfinite(a[[0, 2]]).all() and not torch.equal(b[[0, 2]], a[[0, 2]])
        assert not torch.isfinite(a[1]).all()


def test_r1_penalty_matches_central_finite_differences() -> None:
    # a tiny float64 tanh net, K = 2 seeds, 5 points in 2-D: ∂ℓ/∂x_j by (ℓ(x + h e_j) − ℓ(x − h e_j)) / 2h
    config = TrainConfig(n_seeds=2, steps=1, data="ring8", d_widths=(3,), activation="tanh", dtype="float64", **CPU)
    gan = BatchedGAN(config)
    x = torch.randn(2, 5, 2, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    gamma, h = 3.0, 1e-6
    xr = x.clone().requires_grad_(True)
    penalty = r1_penalty(gan.d_net(gan.d_params, xr), xr, gamma, create_graph=False)
    with torch.no_grad():
        grads = []
        for j in range(2):
            e = torch.zeros(2, dtype=torch.float64)
            e[j] = h
            up = gan.d_net(gan.d_params, x + e).squeeze(2)
            down = gan.d_net(gan.d_params, x - e).squeeze(2)
            grads.append((up - down) / (2 * h))
        expected = 0.5 * gamma * (grads[0] ** 2 + grads[1] ** 2).mean(dim=1)
    torch.testing.assert_close(penalty, expected, rtol=1e-7, atol=1e-10)


def test_r1_penalty_of_each_seed_matches_its_own_autograd() -> None:
    config = TrainConfig(n_seeds=3, steps=1, data="ring8", d_widths=(8, 8), dtype="float64", **CPU)
    gan = BatchedGAN(config)
    x = torch.randn(3, 7, 2, generator=torch.Generator().manual_seed(4), dtype=torch.float64)
    xr = x.clone().requires_grad_(True)
    batched = r1_penalty(gan.d_net(gan.d_params, xr), xr, 2.0, create_graph=False)
    for k in range(3):
        params = [p[k] for p in gan.d_params]
        xk = x[k].clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(_mlp(params, xk, config, "linear").sum(), xk)
        torch.testing.assert_close(batched[k], (grad.pow(2).sum(dim=1).mean()), rtol=1e-12, atol=0)


def test_fixed_fake_source_trains_only_the_discriminator() -> None:
    config = TrainConfig(n_seeds=2, steps=20, batch_size=32, fake_source="normal", **CPU)
    initial = BatchedGAN(config).state()
    result = train(config)
    assert np.isnan(result.g_loss).all()
    assert np.isfinite(result.d_loss).all()
    assert all(torch.equal(a, b) for a, b in zip(initial.g_params, result.g_params, strict=True))
    assert not torch.equal(initial.d_params[0], result.d_params[0])


def test_discriminator_against_fixed_pg_learns_the_sign_of_the_optimal_logit() -> None:
    # Prop. 1 of Goodfellow et al. (2014): D* = p_data / (p_data + p_g); at x = ±2 the bimodal data dominate
    # N(0, 1) and at x = 0 the reverse holds, so a trained D must put its logit on the sides of 0 that D* does.
    config = TrainConfig(
        n_seeds=2, steps=300, batch_size=64, fake_source="normal", optimizer="adam", lr_d=5e-3, lr_g=5e-3, **CPU
    )
    result = train(config)
    x = np.array([-2.0, 0.0, 2.0])
    target = optimal_logit(bimodal(), standard_normal(), torch.tensor(x).unsqueeze(1)).numpy()
    assert np.all(np.sign(result.discriminator_logit(x)) == np.sign(target))


def test_callback_receives_snapshots() -> None:
    seen: list[int] = []

    def record(step: int, state: object) -> None:
        seen.append(step)
        assert state.n_seeds == 2  # type: ignore[attr-defined]

    train(TrainConfig(n_seeds=2, steps=9, batch_size=8, **CPU), callback=record, callback_every=3)
    assert seen == [2, 5, 8]


def test_evaluation_helpers_have_per_seed_shapes_and_match_across_k() -> None:
    config = TrainConfig(n_seeds=3, steps=5, batch_size=16, **CPU)
    result = train(config)
    one = train(dataclasses.replace(config, n_seeds=1, seed_offset=2))
    assert result.sample(11).shape == (3, 11, 1)
    np.testing.assert_allclose(result.select(2).sample(11), one.sample(11), atol=1e-6)
    d = result.discriminator(np.linspace(-3, 3, 7))
    assert d.shape == (3, 7) and ((d > 0) & (d < 1)).all()
    np.testing.assert_allclose(result.discriminator_logit(np.zeros((4, 1)))[:, 0], result.d_params[-1][:, 0, 0], 0, 0.5)
    assert result.generate(np.zeros((3, 4, 1))).shape == (3, 4, 1)
    assert not np.array_equal(result.sample(5, stream=0), result.sample(5, stream=1))


def test_digits_run_with_tanh_generator() -> None:
    config = TrainConfig(
        n_seeds=2, steps=3, batch_size=8, data="digits", latent_dim=4, g_widths=(16,), d_widths=(16,), g_output="tanh"
    )
    result = train(dataclasses.replace(config, **CPU))
    samples = result.sample(5)
    assert samples.shape == (2, 5, 64) and np.abs(samples).max() <= 1


# --------------------------------------------------------------------------- validation

BAD_CONFIGS = {
    "no seeds": (dict(n_seeds=0), "n_seeds must be an integer ≥ 1, got 0"),
    "bool seeds": (dict(n_seeds=True), "n_seeds must be an integer ≥ 1, got True"),
    "no steps": (dict(steps=0), "steps must be an integer ≥ 1, got 0"),
    "negative batch": (dict(batch_size=-1), "batch_size must be an integer ≥ 1, got -1"),
    "zero width": (dict(g_widths=(0,)), "each of g_widths must be an integer ≥ 1, got 0"),
    "width not a sequence": (dict(d_widths=64), "d_widths must be a sequence of positive integers, got 64"),
    "unknown activation": (dict(activation="gelu"), "activation must be one of .*, got 'gelu'"),
    "unknown loss": (dict(loss="wasserstein"), "loss must be one of .*, got 'wasserstein'"),
    "unknown optimizer": (dict(optimizer="rmsprop"), "optimizer must be one of .*, got 'rmsprop'"),
    "zero lr": (dict(lr_d=0.0), "lr_d must be a finite positive number, got 0.0"),
    "nan lr": (dict(lr_g=math.nan), "lr_g must be a finite positive number, got nan"),
    "negative r1": (dict(r1_gamma=-1.0), "r1_gamma must be finite and ≥ 0, got -1.0"),
    "beta of 1": (
        dict(betas=(1.0, 0.999), optimizer="adam"),
        "betas must be two numbers in \\[0, 1\\), got \\(1.0, 0.999\\)",
    ),
    "unknown data": (dict(data="mnist"), "data must be one of .*, got 'mnist'"),
    "fake source of another dimension": (
        dict(fake_source="ring8"),
        "fake_source 'ring8' has dimension 2, data 'bimodal' has dimension 1",
    ),
    "unknown dtype": (dict(dtype="float16"), "dtype must be one of .*, got 'float16'"),
    "unknown device": (dict(device="tpu"), "device must be 'auto', 'cpu', 'cuda' or 'cuda:N', got 'tpu'"),
    "negative seed": (dict(seed=-1), "seed must be an integer ≥ 0, got -1"),
    "zero log_every": (dict(log_every=0), "log_every must be an integer ≥ 1, got 0"),
    "zero d_steps": (dict(d_steps=0), "d_steps must be an integer ≥ 1, got 0"),
    "momentum with adam": (dict(optimizer="adam", momentum=0.9), "momentum applies to optimizer='sgd' only"),
    "compile not a bool": (dict(compile="yes"), "compile must be a bool, got 'yes'"),
    "unknown init": (dict(init="xavier"), "init must be one of .*, got 'xavier'"),
}


@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_bad_config_raises_value_error(name: str) -> None:
    kwargs, message = BAD_CONFIGS[name]
    with pytest.raises(ValueError, match=message):
        TrainConfig(**kwargs)


def test_cuda_request_without_cuda_raises_value_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match="CUDA is not available"):
        resolve_device("cuda")
    with pytest.raises(ValueError, match="CUDA is not available"):
        BatchedGAN(TrainConfig(n_seeds=1, steps=1, device="cuda"))
    assert resolve_device("auto") == torch.device("cpu")


def test_step_with_wrong_shapes_raises_value_error() -> None:
    config = TrainConfig(n_seeds=2, steps=1, batch_size=4, **CPU)
    gan = BatchedGAN(config)
    with pytest.raises(ValueError, match="x_real"):
        gan.d_step(torch.zeros(3, 4, 1), torch.zeros(2, 4, 1))
    with pytest.raises(ValueError, match="exactly one"):
        gan.d_step(torch.zeros(2, 4, 1))
    with pytest.raises(ValueError, match="z"):
        gan.g_step(torch.zeros(2, 4, 2))


def test_select_rejects_positions_outside_the_stack() -> None:
    result = train(TrainConfig(n_seeds=2, steps=1, batch_size=4, **CPU))
    with pytest.raises(ValueError, match="position 2 is outside 0 … 1"):
        result.select(2)
    with pytest.raises(ValueError, match="positions is empty"):
        result.select([])


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("GANTHEORY_COMPILE_TESTS") != "1", reason="torch.compile takes ~10 s; set GANTHEORY_COMPILE_TESTS=1"
)
def test_compiled_run_agrees_with_eager_run() -> None:
    config = TrainConfig(n_seeds=4, steps=50, batch_size=32, **CPU)
    eager = train(config)
    compiled = train(dataclasses.replace(config, compile=True))
    compiled_tol = Tolerance(rtol=0.0, atol=1e-4, why="torch.compile fuses kernels: float32 rounding differs")
    _assert_params_close(eager.d_params, compiled.d_params, compiled_tol)
    _assert_params_close(eager.g_params, compiled.g_params, compiled_tol)
