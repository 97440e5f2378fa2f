"""Stacked MLPs of :mod:`gantheory.nn.models` and the device helpers.

Oracle: torch autograd through a plain ``torch.bmm`` (and ``gradcheck`` /
``gradgradcheck`` in float64) for the hand-oriented products of the stacked
affine map, in each of its shape regimes.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gantheory.nn.device import resolve_device, resolve_dtype, torch_threads
from gantheory.nn.models import StackedMLP, discriminator_mlp, generator_mlp, select_seeds, stacked_linear

# (K, N, n_in, n_out): outer product (n_in = 1), narrow output (n_out = 1, 2), general
SHAPES = [(3, 7, 1, 5), (3, 7, 5, 1), (2, 9, 4, 2), (2, 5, 6, 8), (1, 4, 1, 1)]


def _tensors(shape: tuple[int, int, int, int], dtype: torch.dtype) -> tuple[torch.Tensor, ...]:
    k, n, i, o = shape
    g = torch.Generator().manual_seed(sum(shape))
    x = torch.randn(k, n, i, generator=g, dtype=dtype)
    w = torch.randn(k, i, o, generator=g, dtype=dtype)
    b = torch.randn(k, 1, o, generator=g, dtype=dtype)
    return x, w, b


@pytest.mark.parametrize("shape", SHAPES)
def test_stacked_linear_value_and_gradients_match_plain_bmm(shape: tuple[int, int, int, int]) -> None:
    x, w, b = (t.requires_grad_(True) for t in _tensors(shape, torch.float64))
    ours = stacked_linear(x, w, b)
    plain = torch.bmm(x, w) + b
    torch.testing.assert_close(ours, plain, rtol=1e-14, atol=1e-14)
    upstream = torch.randn_like(plain)
    got = torch.autograd.grad(ours, (x, w, b), upstream)
    want = torch.autograd.grad(plain, (x, w, b), upstream)
    for a, e in zip(got, want, strict=True):
        torch.testing.assert_close(a, e, rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("shape", SHAPES)
def test_stacked_linear_passes_gradcheck_and_gradgradcheck(shape: tuple[int, int, int, int]) -> None:
    inputs = tuple(t.requires_grad_(True) for t in _tensors(shape, torch.float64))
    assert torch.autograd.gradcheck(stacked_linear, inputs)
    assert torch.autograd.gradgradcheck(stacked_linear, inputs)


def test_stack_computes_what_each_network_computes_alone() -> None:
    net = StackedMLP(2, (5, 4), 3, activation="tanh", output_activation="tanh")
    gens = [torch.Generator().manual_seed(s) for s in range(3)]
    params = net.init_params(gens, scheme="uniform", dtype="float64")
    x = torch.randn(3, 6, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(9))
    out = net.forward(params, x)
    for k in range(3):
        h = x[k]
        for i in range(3):
            h = torch.tanh(h @ params[2 * i][k] + params[2 * i + 1][k])
        torch.testing.assert_close(out[k], h, rtol=1e-13, atol=1e-13)


def test_a_seeds_initial_weights_depend_on_its_generator_only() -> None:
    net = generator_mlp(1, (64,), 1)
    many = net.init_params([torch.Generator().manual_seed(s) for s in (10, 11, 12)])
    one = net.init_params([torch.Generator().manual_seed(11)])
    for a, b in zip(select_seeds(many, 1), one, strict=True):
        assert torch.equal(a, b)


def test_normal_init_is_document_000s() -> None:
    # document 000: W ~ 0.1·N(0, 1), b = 0
    net = discriminator_mlp(1, (64,))
    w1, b1, w2, b2 = net.init_params([torch.Generator().manual_seed(0)], scale=0.1, dtype="float64")
    assert w1.shape == (1, 1, 64) and w2.shape == (1, 64, 1)
    assert not b1.any() and not b2.any()
    assert 0.07 < float(torch.cat([w1.flatten(), w2.flatten()]).std()) < 0.13


def test_uniform_init_is_bounded_by_one_over_root_fan_in() -> None:
    net = StackedMLP(16, (32,), 1)
    w1, b1, w2, _ = net.init_params([torch.Generator().manual_seed(0)], scheme="uniform")
    assert w1.abs().max() <= 0.25 and b1.abs().max() <= 0.25 and b1.any()
    assert w2.abs().max() <= 1 / np.sqrt(32)


def test_leaky_relu_slope_is_used() -> None:
    net = StackedMLP(1, (1,), 1, negative_slope=0.2)
    params = (torch.ones(1, 1, 1), torch.zeros(1, 1, 1), torch.ones(1, 1, 1), torch.zeros(1, 1, 1))
    out = net(params, torch.tensor([[[-1.0], [2.0]]]))
    torch.testing.assert_close(out, torch.tensor([[[-0.2], [2.0]]]))


BAD_NETS = {
    "zero input": (dict(in_dim=0, widths=(4,), out_dim=1), "in_dim must be an integer ≥ 1, got 0"),
    "zero width": (dict(in_dim=1, widths=(0,), out_dim=1), "widths\\[0\\] must be a positive integer, got 0"),
    "width not a sequence": (dict(in_dim=1, widths=4, out_dim=1), "widths must be a sequence of integers, got 4"),
    "unknown activation": (
        dict(in_dim=1, widths=(4,), out_dim=1, activation="gelu"),
        "activation must be one of .*, got 'gelu'",
    ),
    "unknown output": (
        dict(in_dim=1, widths=(4,), out_dim=1, output_activation="sigmoid"),
        "output_activation must be one of .*, got 'sigmoid'",
    ),
    "negative slope": (
        dict(in_dim=1, widths=(4,), out_dim=1, negative_slope=-0.1),
        "negative_slope must be non-negative, got -0.1",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_NETS))
def test_bad_architecture_raises_value_error(name: str) -> None:
    kwargs, message = BAD_NETS[name]
    with pytest.raises(ValueError, match=message):
        StackedMLP(**kwargs)


def test_forward_rejects_mismatched_parameters_and_inputs() -> None:
    net = StackedMLP(2, (3,), 1)
    params = net.init_params([torch.Generator().manual_seed(0)] * 2)
    with pytest.raises(ValueError, match="shape"):
        net.forward(params, torch.zeros(3, 4, 2))
    with pytest.raises(ValueError, match="parameter"):
        net.forward(params[:2], torch.zeros(2, 4, 2))
    with pytest.raises(ValueError, match="scheme"):
        net.init_params([torch.Generator()], scheme="xavier")
    with pytest.raises(ValueError, match="outside"):
        select_seeds(params, 2)


def test_resolve_dtype_and_device() -> None:
    assert resolve_dtype("float64") is torch.float64
    assert resolve_device("cpu") == torch.device("cpu")
    with pytest.raises(ValueError, match="dtype"):
        resolve_dtype("bfloat16")
    with pytest.raises(ValueError, match="device"):
        resolve_device("tpu")


def test_torch_threads_restores_the_setting_even_after_an_error() -> None:
    before = torch.get_num_threads()
    with pytest.raises(RuntimeError, match="inside"), torch_threads(2):
        assert torch.get_num_threads() == 2
        raise RuntimeError("inside")
    assert torch.get_num_threads() == before


@pytest.mark.parametrize("n", [0, -1, 1.5, True])
def test_torch_threads_rejects_a_non_positive_integer(n: object) -> None:
    with pytest.raises(ValueError, match="positive integer"), torch_threads(n):  # type: ignore[arg-type]
        pass
