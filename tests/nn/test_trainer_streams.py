"""The ``streams`` option of :class:`gantheory.nn.TrainConfig`: generator batches unchanged, counter ones per seed."""

from __future__ import annotations

import dataclasses
import hashlib
import math

import pytest
import torch

from gantheory.nn import TrainConfig, step_batches, train
from gantheory.nn import trainer as trainer_module

CPU = {"device": "cpu"}

#: SHA-256 of every batch tensor's bytes, in order, drawn by step_batches before the streams option existed
#: (the generator path must keep producing these exactly).
GENERATOR_DIGESTS = [
    (
        {"n_seeds": 2, "steps": 3, "batch_size": 4, "d_steps": 2},
        "7773cb7dd1d3fddf8d1215f2bd0abc6ccf1fab9c3a24f9a5acefa439dd18e0db",
    ),
    (
        {
            "n_seeds": 2,
            "steps": 3,
            "batch_size": 4,
            "data": "ring8",
            "fake_source": "grid25",
            "dtype": "float64",
            "seed_offset": 3,
        },
        "d5da30d0c1776794d3d8e38f4f9e50788a6d6b4ece988c7f4c504426e27fee75",
    ),
]


def digest(config: TrainConfig) -> str:
    h = hashlib.sha256()
    for batch in step_batches(config):
        for t in (batch.x_real, batch.z_d, batch.x_fake, batch.z_g):
            if t is not None:
                h.update(t.contiguous().numpy().tobytes())
    return h.hexdigest()


def batches(config: TrainConfig) -> list[torch.Tensor]:
    """Every tensor of every step, seed axis first."""
    out = []
    for batch in step_batches(config):
        for t in (batch.x_real, batch.z_d, batch.x_fake):
            if t is not None:
                out.append(t.transpose(0, 1))
        if batch.z_g is not None:
            out.append(batch.z_g)
    return out


@pytest.mark.parametrize(("settings", "expected"), GENERATOR_DIGESTS)
def test_default_generator_batches_are_unchanged(settings, expected):
    config = TrainConfig(**settings, **CPU)
    assert config.streams == "generator"
    assert digest(config) == expected


@pytest.mark.parametrize(
    "settings",
    [
        {"d_steps": 2, "batch_size": 5, "latent_dim": 3},
        {"data": "ring8", "fake_source": "grid25", "dtype": "float64", "batch_size": 6},
    ],
)
def test_counter_seed_in_group_equals_seed_alone_for_any_chunk(monkeypatch, settings):
    group = TrainConfig(n_seeds=5, steps=7, streams="counter", **settings, **CPU)
    whole = batches(group)
    assert all(t.shape[0] == 5 for t in whole)
    for k in (0, 3):
        alone = batches(dataclasses.replace(group, n_seeds=1, seed_offset=k))
        assert all(torch.equal(a[0], w[k]) for a, w in zip(alone, whole, strict=True))
    monkeypatch.setattr(trainer_module, "_MAX_CHUNK_STEPS", 3)
    assert group.chunk_steps == 3
    rechunked = batches(group)
    assert all(torch.equal(a, w) for a, w in zip(rechunked, whole, strict=True))
    monkeypatch.setattr(trainer_module, "_COUNTER_CPU_NUMBERS", 1)  # one step per call
    stepwise = batches(group)
    assert all(torch.equal(a, w) for a, w in zip(stepwise, whole, strict=True))


def test_counter_batches_have_the_generator_shapes_and_differ_from_them():
    config = TrainConfig(n_seeds=3, steps=2, batch_size=4, d_steps=2, **CPU)
    gen = batches(config)
    ctr = batches(dataclasses.replace(config, streams="counter"))
    assert [t.shape for t in gen] == [t.shape for t in ctr]
    assert [t.dtype for t in gen] == [t.dtype for t in ctr]
    assert not torch.equal(gen[0], ctr[0])


def test_counter_training_runs_and_is_per_seed():
    config = TrainConfig(n_seeds=3, steps=20, batch_size=16, streams="counter", **CPU)
    result = train(config)
    single = train(dataclasses.replace(config, n_seeds=1, seed_offset=2))
    assert all(math.isfinite(v) for v in result.d_loss.ravel())
    for a, b in zip(result.select(2).g_params, single.g_params, strict=True):
        torch.testing.assert_close(a, b, rtol=0.0, atol=1e-5)


def test_streams_validation():
    with pytest.raises(ValueError, match="streams"):
        TrainConfig(streams="philox")
    with pytest.raises(ValueError, match=r"streams='counter'.*data='digits'"):
        TrainConfig(data="digits", g_output="tanh", streams="counter")
    TrainConfig(data="grid25", fake_source="ring8", streams="counter")


#: Counter batches drawn on CUDA against the CPU: the same bits, then log, sqrt, cos and sin in float32,
#: whose CUDA and CPU results may differ by a few units in the last place (2⁻²³ relative at |z| ≤ 6).
CUDA_BATCH_ATOL = 1e-5


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_counter_streams_on_cuda_match_the_cpu():
    from gantheory.nn import counter_rng

    keys = counter_rng.stream_keys(0, list(range(4)), 2)
    raw_cpu = counter_rng.random_raw(keys, 2**32 - 2, 64)
    assert torch.equal(counter_rng.random_raw(keys.to("cuda"), 2**32 - 2, 64).cpu(), raw_cpu)
    config = TrainConfig(n_seeds=4, steps=3, batch_size=8, streams="counter", device="cuda")
    on_cpu = [t for b in step_batches(config) for t in (b.x_real, b.z_d, b.z_g)]
    on_gpu = [t for b in step_batches(config, device="cuda") for t in (b.x_real, b.z_d, b.z_g)]
    assert all(g.device.type == "cuda" for g in on_gpu)
    for c, g in zip(on_cpu, on_gpu, strict=True):
        torch.testing.assert_close(g.cpu(), c, rtol=0.0, atol=CUDA_BATCH_ATOL)
