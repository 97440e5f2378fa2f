"""The generator's linear shortcut from the latent to the sample (``StackedMLP(skip=True)``, ``TrainConfig.g_skip``).

Oracle: the plain per-seed formula :math:`f_k(x) = \\mathrm{MLP}_k(x) + x S_k` in float64, and the
network without a skip for the layers' weights.
"""

from __future__ import annotations

import dataclasses

import pytest
import torch

from gantheory.nn import TrainConfig, train
from gantheory.nn.models import StackedMLP, generator_mlp, select_seeds


def _params(net: StackedMLP, seeds: tuple[int, ...] = (3, 4)) -> tuple[torch.Tensor, ...]:
    return net.init_params([torch.Generator().manual_seed(s) for s in seeds], scheme="uniform", dtype="float64")


def test_skip_adds_the_latent_times_s_to_the_mlps_output() -> None:
    net = generator_mlp(3, (5,), 2, activation="leaky_relu", negative_slope=0.2, skip=True)
    params = _params(net)
    x = torch.randn(2, 7, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    out = net.forward(params, x)
    w1, b1, w2, b2, s = params
    for k in range(2):
        mlp = torch.nn.functional.leaky_relu(x[k] @ w1[k] + b1[k], 0.2) @ w2[k] + b2[k]
        torch.testing.assert_close(out[k], mlp + x[k] @ s[k], rtol=1e-13, atol=1e-13)


def test_skip_on_a_one_dimensional_latent_is_a_product_by_a_scalar() -> None:
    net = generator_mlp(1, (4,), 1, skip=True)
    params = _params(net, (0,))
    x = torch.linspace(-2, 2, 5, dtype=torch.float64).reshape(1, 5, 1)
    plain = StackedMLP(1, (4,), 1)
    torch.testing.assert_close(net(params, x) - plain(params[:-1], x), x * params[-1], rtol=1e-13, atol=1e-13)


def test_a_skip_leaves_the_layers_initial_weights_unchanged() -> None:
    with_skip = _params(generator_mlp(2, (6,), 2, skip=True))
    without = _params(generator_mlp(2, (6,), 2))
    assert len(with_skip) == len(without) + 1
    assert with_skip[-1].shape == (2, 2, 2)
    for a, b in zip(with_skip[:-1], without, strict=True):
        assert torch.equal(a, b)


def test_a_zero_mlp_with_a_skip_pushes_a_gaussian_forward_to_a_gaussian() -> None:
    net = generator_mlp(1, (8,), 1, skip=True)
    params = [torch.zeros_like(p) for p in _params(net, (0,))]
    params[-1] = torch.full((1, 1, 1), 0.5, dtype=torch.float64)
    params[-2] = torch.full((1, 1, 1), 2.0, dtype=torch.float64)  # the output bias: the mean
    z = torch.randn(1, 200_000, 1, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    x = net(tuple(params), z)[0, :, 0].numpy()
    # N(2, 0.5²) estimated from 2·10⁵ samples: standard errors 0.0011 (mean), 0.0008 (sd); 5 of them
    assert abs(x.mean() - 2.0) < 0.006 and abs(x.std() - 0.5) < 0.004


def test_check_params_wants_the_skip_weight() -> None:
    net = generator_mlp(2, (3,), 1, skip=True)
    params = _params(net)
    with pytest.raises(ValueError, match="skip weight"):
        net.check_params(params[:-1])
    with pytest.raises(ValueError, match="parameter 4 has shape"):
        net.check_params((*params[:-1], torch.zeros(2, 1, 1, dtype=torch.float64)))


def test_a_non_boolean_skip_is_refused() -> None:
    with pytest.raises((TypeError, ValueError), match="skip"):
        StackedMLP(1, (2,), 1, skip=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="g_skip"):
        TrainConfig(g_skip="yes")  # type: ignore[arg-type]


_CONFIG = TrainConfig(
    n_seeds=3,
    steps=30,
    batch_size=16,
    latent_dim=2,
    optimizer="adam",
    lr_d=1e-3,
    lr_g=1e-3,
    init="uniform",
    g_skip=True,
    device="cpu",
    seed=5,
    r1_gamma=1.0,
    g_ema=0.9,
)


def test_a_seed_trained_with_a_skip_in_a_group_equals_it_trained_alone() -> None:
    group = train(_CONFIG)
    alone = train(dataclasses.replace(_CONFIG, n_seeds=1, seed_offset=1))
    for a, b in zip(select_seeds(group.g_params, 1), alone.g_params, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-7)


def test_training_moves_the_skip_weight() -> None:
    longer = train(_CONFIG)
    one_step = train(dataclasses.replace(_CONFIG, steps=1))
    assert longer.g_params[-1].shape == (3, 2, 1)
    assert not torch.allclose(longer.g_params[-1], one_step.g_params[-1])


def test_a_run_without_the_skip_has_one_tensor_fewer_and_trains_differently() -> None:
    with_skip = train(_CONFIG)
    plain = train(dataclasses.replace(_CONFIG, g_skip=False))
    assert len(plain.g_params) == len(with_skip.g_params) - 1
    assert not torch.allclose(plain.g_params[0], with_skip.g_params[0])
