"""Where a report came from: package and library versions, git state, machine, torch build."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

import gantheory

__all__ = ["cpu_model", "environment", "git_state", "library_versions"]

_LIBRARIES = ("numpy", "scipy", "sympy", "hypothesis", "matplotlib", "pot", "scikit-learn", "tqdm", "torch")


def library_versions() -> dict[str, str | None]:
    """Installed versions of the libraries results depend on (``None`` when missing)."""
    out: dict[str, str | None] = {}
    for name in _LIBRARIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_state(root: Path | None = None) -> dict[str, Any]:
    """Commit (40 hex digits) and dirty flag of the checkout holding this package, if any."""
    root = root or Path(gantheory.__file__).resolve().parent.parent

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status)}


def torch_build() -> dict[str, Any] | None:
    """Torch version, thread count, CUDA availability and device name, if torch is installed."""
    try:
        import torch
    except ImportError:
        return None
    cuda = torch.cuda.is_available()
    return {
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "cuda_available": cuda,
        "cuda_version": torch.version.cuda,
        "cuda_device": torch.cuda.get_device_name(0) if cuda else None,
        "deterministic_algorithms": torch.are_deterministic_algorithms_enabled(),
    }


def cpu_model() -> dict[str, str | None]:
    """The processor, and the instruction set torch's CPU kernels dispatch to.

    Floating-point results of the same code can differ in their last bits between
    processors whose kernels use different vector instructions (AVX2 against
    AVX-512), and a GAN's training magnifies them; this names what a rerun elsewhere
    has to match. ``cpuid`` is x86's family/model/stepping: two processors with the
    same marketing name (``AMD EPYC``) and the same instruction set can still be
    different generations, and give different last bits.
    """
    import torch

    fields: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if not line.strip():
                    break  # the first processor's block is enough
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:  # not Linux
        fields = {}
    parts = [fields.get(k) for k in ("cpu family", "model", "stepping")]
    cpuid = "/".join(str(v) for v in parts) if all(parts) else None
    model = fields.get("model name")
    return {
        "model": model or platform.processor() or None,
        "cpuid": cpuid,
        "torch_capability": torch.backends.cpu.get_cpu_capability(),
    }


def environment() -> dict[str, Any]:
    """Everything about the software and machine that a reader needs to reproduce a report."""
    return {
        "package": {"name": "gantheory", "version": gantheory.__version__},
        "git": git_state(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "cpu": cpu_model(),
        "libraries": library_versions(),
        "torch": torch_build(),
    }
