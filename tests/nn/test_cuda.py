"""The trainer's CUDA path, run for real where a GPU is present (skipped otherwise).

The per-seed streams are drawn on the CPU and moved to the device, so a CUDA run
sees the same batches as a CPU run of the same seeds: the two differ only by the
rounding of float32 reductions done in another order. Each test records the
difference it measured (``record_property``, in the JUnit XML of a GPU run).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import torch

from gantheory.nn import TrainConfig, cuda_available, train

pytestmark = pytest.mark.skipif(not cuda_available(), reason="needs CUDA")

#: Same as the CPU tests' per-seed tolerance: seed k of a K-seed run against a one-seed run.
PER_SEED_ATOL = 1e-5
#: CPU against CUDA after 50 SGD steps at rate 0.005: float32 sums of 128 terms, reordered, differ by
#: about 128 · 2⁻²⁴ ≈ 1e-5 relative per step; 50 steps of a map with gradients of order one stay within 1e-4.
DEVICE_ATOL = 1e-4

BASE = TrainConfig(n_seeds=4, steps=50, batch_size=128)


def _max_param_diff(a: tuple[torch.Tensor, ...], b: tuple[torch.Tensor, ...]) -> float:
    return max(float((x - y).abs().max()) for x, y in zip(a, b, strict=True))


def test_a_cuda_run_trains_on_the_gpu_and_returns_cpu_parameters() -> None:
    result = train(dataclasses.replace(BASE, device="cuda"))
    assert result.device.startswith("cuda")
    assert all(p.device.type == "cpu" for p in result.d_params + result.g_params)
    assert torch.isfinite(torch.as_tensor(result.d_loss)).all()


def test_seed_k_on_cuda_equals_a_one_seed_cuda_run(record_property: pytest.RecordProperty) -> None:
    config = dataclasses.replace(BASE, device="cuda")
    batched = train(config)
    k = config.n_seeds - 1
    single = train(dataclasses.replace(config, n_seeds=1, seed_offset=k))
    diff = _max_param_diff(batched.select(k).d_params + batched.select(k).g_params, single.d_params + single.g_params)
    record_property("max_abs_param_diff", diff)
    assert diff <= PER_SEED_ATOL


#: The SGD workload of document 000, and Adam with the R1 penalty (its double backward).
AGREEMENT_CONFIGS = {
    "sgd": BASE,
    "adam-r1": dataclasses.replace(BASE, optimizer="adam", lr_d=1e-3, lr_g=1e-3, r1_gamma=1.0),
}


@pytest.mark.parametrize("name", sorted(AGREEMENT_CONFIGS))
def test_a_cuda_run_agrees_with_the_cpu_run_of_the_same_seeds(
    name: str, record_property: pytest.RecordProperty
) -> None:
    config = AGREEMENT_CONFIGS[name]
    gpu = train(dataclasses.replace(config, device="cuda"))
    cpu = train(dataclasses.replace(config, device="cpu"))
    diff = _max_param_diff(gpu.d_params + gpu.g_params, cpu.d_params + cpu.g_params)
    record_property("max_abs_param_diff", diff)
    assert diff <= DEVICE_ATOL


def test_a_compiled_cuda_run_agrees_with_the_eager_one(record_property: pytest.RecordProperty) -> None:
    config = dataclasses.replace(BASE, device="cuda", steps=20)
    eager = train(config)
    compiled = train(dataclasses.replace(config, compile=True))
    diff = _max_param_diff(eager.d_params + eager.g_params, compiled.d_params + compiled.g_params)
    record_property("max_abs_param_diff", diff)
    assert diff <= DEVICE_ATOL


def test_an_equilibrium_task_runs_on_cuda() -> None:
    from verify.experiments.equilibrium import TARGETS, train_and_measure

    out = train_and_measure(TARGETS["EQ-gauss"], "quick", 0, 0, 2, steps=40, device="cuda")
    assert out["steps"] == 40
    assert len(out["checkpoints"][-1]["rejected"]) == 2


def test_a_sweep_on_cuda_records_the_device(tmp_path: Path) -> None:
    from verify.sweep import parse_spec, run_sweep

    spec = parse_spec(
        {
            "name": "cuda-smoke",
            "base": {"data": "bimodal", "steps": 30},
            "grid": {"lr_d": [1e-3, 3e-3]},
            "seeds": {"count": 2, "offset": 10000, "group": 2},
            "measures": {"n_test": 200},
        }
    )
    table = run_sweep(spec, tmp_path, scheduler="serial", device="cuda")
    assert len(table["cells"]) == 2
    env = (tmp_path / "environment.json").read_text(encoding="utf-8")
    assert '"cuda' in env
