"""The machine a report records (:mod:`verify.report.provenance`)."""

from __future__ import annotations

import torch

from verify.report.provenance import cpu_model, environment


def test_the_environment_names_the_cpu_and_torchs_kernel_instruction_set() -> None:
    cpu = environment()["cpu"]
    assert cpu == cpu_model()
    assert cpu["torch_capability"] == torch.backends.cpu.get_cpu_capability()


def test_the_cpu_model_is_a_non_empty_name_or_none() -> None:
    model = cpu_model()["model"]
    assert model is None or (isinstance(model, str) and model.strip() == model and model)


def test_the_cpuid_is_family_model_stepping_or_none() -> None:
    cpuid = cpu_model()["cpuid"]
    assert cpuid is None or (len(cpuid.split("/")) == 3 and all(part.strip() for part in cpuid.split("/")))
