"""Input checks shared by the public functions.

Every public function validates its arguments here, so that bad input fails
early with a :class:`ValueError` that names the argument and the problem,
instead of propagating NaNs into a verdict.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: How far a probability vector may sum from 1 and still be accepted.
#: A pmf normalised in float64 carries a summation error of about n·eps
#: (≈1e-14 for n = 64); 1e-9 accepts that and typed values such as
#: ``[0.2, 0.3, 0.5]`` while rejecting vectors that were never normalised.
PMF_SUM_ATOL = 1e-9

#: How far a density's integral may be from 1 and still be accepted.
#: ``scipy.integrate.quad`` reaches ~1e-12 on smooth densities; 1e-6 leaves
#: room for densities with kinks while still catching unnormalised input.
DENSITY_INTEGRAL_ATOL = 1e-6


def as_float_array(x: ArrayLike, *, name: str) -> NDArray[np.float64]:
    """Convert ``x`` to a float64 array, rejecting NaN and infinities."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from None
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if np.isinf(arr).any():
        raise ValueError(f"{name} contains an infinite value")
    return arr


def as_pmf(p: ArrayLike, *, name: str = "p", atol: float = PMF_SUM_ATOL) -> NDArray[np.float64]:
    """Return ``p`` as a validated 1-D probability vector.

    Raises
    ------
    ValueError
        If ``p`` is not 1-D and non-empty, has NaN, infinite or negative
        entries, or does not sum to 1 within ``atol``.
    """
    arr = as_float_array(p, name=name)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got shape {arr.shape}")
    if (arr < 0).any():
        raise ValueError(f"{name} has a negative probability ({arr.min():.6g})")
    total = float(arr.sum())
    if abs(total - 1.0) > atol:
        raise ValueError(f"{name} sums to {total!r}, not 1 (tolerance {atol:g}); normalise it first")
    return arr


def as_pmf_pair(
    p: ArrayLike, q: ArrayLike, *, names: tuple[str, str] = ("p", "q")
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate two probability vectors on the same support."""
    pa = as_pmf(p, name=names[0])
    qa = as_pmf(q, name=names[1])
    if pa.shape != qa.shape:
        raise ValueError(f"{names[0]} and {names[1]} must have the same shape, got {pa.shape} and {qa.shape}")
    return pa, qa


def as_probabilities(d: ArrayLike, *, name: str = "d") -> NDArray[np.float64]:
    """Validate discriminator outputs: finite values in the closed interval [0, 1]."""
    arr = as_float_array(d, name=name)
    if ((arr < 0) | (arr > 1)).any():
        raise ValueError(f"{name} must lie in [0, 1], got values in [{arr.min():.6g}, {arr.max():.6g}]")
    return arr


def as_logits(logits: ArrayLike, *, name: str = "logits") -> NDArray[np.float64]:
    """Validate logits: finite real numbers (a logit of ±inf is a saturated D, not a number)."""
    return as_float_array(logits, name=name)


def check_same_shape(a: NDArray[np.float64], b: NDArray[np.float64], names: tuple[str, str]) -> None:
    """Raise if two arrays that are combined elementwise differ in shape."""
    if a.shape != b.shape:
        raise ValueError(f"{names[0]} and {names[1]} must have the same shape, got {a.shape} and {b.shape}")


def check_positive(value: float, *, name: str) -> float:
    """Return ``value`` as a float after checking it is finite and > 0."""
    v = float(value)
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a finite positive number, got {value!r}")
    return v


def check_finite(value: float, *, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite real number."""
    try:
        v = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a real number: {exc}") from None
    if not np.isfinite(v):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return v


def check_log_base(value: float, *, name: str = "base") -> float:
    """Return ``value`` as a float after checking it is a usable logarithm base: finite and > 1.

    Base 1 has log 1 = 0 (a division by zero), and a base in (0, 1) has a negative
    logarithm, which would turn every non-negative divergence negative.
    """
    v = check_positive(value, name=name)
    if v <= 1.0:
        raise ValueError(f"{name} must be greater than 1, got {value!r}")
    return v


def check_unit_interval(value: float, *, name: str, open_: bool = False) -> float:
    """Return ``value`` as a float after checking it lies in [0, 1] (or (0, 1))."""
    v = float(value)
    bad = not np.isfinite(v) or v < 0 or v > 1 or (open_ and v in (0.0, 1.0))
    if bad:
        interval = "(0, 1)" if open_ else "[0, 1]"
        raise ValueError(f"{name} must lie in {interval}, got {value!r}")
    return v
