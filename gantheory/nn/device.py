"""Where the torch models run and in which precision.

``"auto"`` picks CUDA when a CUDA device is usable and the CPU otherwise;
``"cpu"`` and ``"cuda"`` (or ``"cuda:N"``) force a device. Asking for CUDA on
a machine without it is an error, not a silent fall-back to the CPU, so that a
benchmark or an experiment never reports CPU numbers under a CUDA label.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch

__all__ = ["DTYPES", "cuda_available", "resolve_device", "resolve_dtype", "torch_threads"]

from gantheory._validation import COUNT, instance, one_of, validated

#: Floating-point precisions the models accept, by name.
DTYPES: dict[str, torch.dtype] = {"float32": torch.float32, "float64": torch.float64}


def cuda_available() -> bool:
    """Whether torch can use a CUDA device in this process."""
    return bool(torch.cuda.is_available())


@validated(device=one_of(instance(str), instance(torch.device)))
def resolve_device(device: str | torch.device = "auto") -> torch.device:
    """Turn a device request into a concrete :class:`torch.device`.

    Parameters
    ----------
    device : str or torch.device
        ``"auto"`` (CUDA when available, else CPU), ``"cpu"``, ``"cuda"`` or
        ``"cuda:N"``.

    Returns
    -------
    torch.device
        ``cpu`` or ``cuda:N`` (``"cuda"`` resolves to the current CUDA device).

    Raises
    ------
    ValueError
        If the request is not one of the forms above, if CUDA is requested
        but not available, or if the CUDA index does not exist.
    """
    if isinstance(device, torch.device):
        name = str(device)
    elif isinstance(device, str):
        name = device.strip().lower()
    else:
        raise ValueError(f"device must be a string or torch.device, got {type(device).__name__}")
    if name == "auto":
        return torch.device("cuda", torch.cuda.current_device()) if cuda_available() else torch.device("cpu")
    if name == "cpu":
        return torch.device("cpu")
    if name == "cuda" or name.startswith("cuda:"):
        try:
            requested = torch.device(name)
        except RuntimeError:
            raise ValueError(f"device {device!r} is not a valid CUDA device name (use 'cuda' or 'cuda:N')") from None
        if not cuda_available():
            raise ValueError(
                f"device {device!r} was requested but CUDA is not available in this torch build or on this "
                "machine; use device='cpu' or device='auto'"
            )
        index = torch.cuda.current_device() if requested.index is None else requested.index
        if index >= torch.cuda.device_count():
            raise ValueError(f"device {device!r}: only {torch.cuda.device_count()} CUDA device(s) are present")
        return torch.device("cuda", index)
    raise ValueError(f"device must be 'auto', 'cpu', 'cuda' or 'cuda:N', got {device!r}")


@validated(dtype=one_of(instance(str), instance(torch.dtype)))
def resolve_dtype(dtype: str | torch.dtype) -> torch.dtype:
    """Return the torch floating dtype named by ``dtype`` (``"float32"`` or ``"float64"``).

    Raises
    ------
    ValueError
        For any other name or dtype.
    """
    if isinstance(dtype, torch.dtype):
        if dtype in DTYPES.values():
            return dtype
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    if isinstance(dtype, str) and dtype in DTYPES:
        return DTYPES[dtype]
    raise ValueError(f"dtype must be one of {sorted(DTYPES)}, got {dtype!r}")


@contextlib.contextmanager
@validated(n=COUNT)
def torch_threads(n: int = 1) -> Iterator[None]:
    """Run the block with ``n`` intra-op CPU threads, restoring torch's setting afterwards.

    The networks here are tiny: on a shared 2-core machine a second OpenMP
    thread adds barrier waits, and made batched training up to 10× slower
    (measured on the 2-core CPU of the benchmarks).
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)
