"""Input checks shared by the public functions.

Every public function validates its arguments here, so that bad input fails
early with a :class:`ValueError` that names the argument and the problem,
instead of propagating NaNs into a verdict.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = TypeVar("F", bound=Callable[..., Any])

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


def checked_array(x: ArrayLike) -> NDArray[np.float64]:
    """``x`` as a float64 array, for a body whose :func:`validated` decorator has checked it already.

    The decorator is where a public function's arguments are checked and named;
    checking them again in the body could never fail, so it would only be code
    that no test can reach.
    """
    return np.asarray(x, dtype=np.float64)


def same_shape(
    p: ArrayLike, q: ArrayLike, *, names: tuple[str, str] = ("p", "q")
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Two arguments that :func:`validated` has checked one by one, as float64 arrays of one shape.

    The decorator checks each argument alone; that two of them match is the one
    thing left for the body to check.
    """
    pa, qa = checked_array(p), checked_array(q)
    check_same_shape(pa, qa, names)
    return pa, qa


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


def check_unit_interval(value: float, *, name: str, open_: bool = False) -> float:
    """Return ``value`` as a float after checking it lies in [0, 1] (or (0, 1))."""
    v = float(value)
    bad = not np.isfinite(v) or v < 0 or v > 1 or (open_ and v in (0.0, 1.0))
    if bad:
        interval = "(0, 1)" if open_ else "[0, 1]"
        raise ValueError(f"{name} must lie in {interval}, got {value!r}")
    return v


# ---------------------------------------------------------------------------
# Argument specifications and the ``validated`` decorator
# ---------------------------------------------------------------------------
#
# A public function declares what each argument must be, once, in its
# decorator; ``validated`` checks the arguments a caller passed before the
# function runs (defaults are trusted), and checks that the result carries no
# NaN. The checks only read the arguments: the function receives exactly what
# the caller passed, so valid input gives the same result bit for bit.

Checker = Callable[[Any, str], None]

#: The largest magnitude a real argument may have by default. Beyond it a square
#: overflows float64 (1e154² ≈ 1e308), so sums of squares and variances turn into inf.
HUGE = 1e150


def _type_name(value: Any) -> str:
    return type(value).__name__


def _real_scalar(value: Any, name: str) -> float:
    """``value`` as a float, if it is a real number (int or float, not bool, str, None or complex)."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real number, got a bool ({value!r})")
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    if not isinstance(value, (numbers.Real, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {_type_name(value)} ({value!r:.60})")
    return float(value)


def real(
    *,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    lt: float | None = None,
    optional: bool = False,
    normal: bool = False,
    huge: float | None = None,
) -> Checker:
    """A finite real number within the given bounds.

    ``normal`` also rejects subnormal magnitudes (below 2.2e-308, whose
    reciprocal overflows); ``huge`` caps the magnitude; ``optional`` accepts None.
    """

    def check(value: Any, name: str) -> None:
        if value is None and optional:
            return
        v = _real_scalar(value, name)
        if math.isnan(v):
            raise ValueError(f"{name} is NaN; it must be a finite real number")
        if not math.isfinite(v):
            raise ValueError(f"{name} must be finite, got {value!r}")
        if huge is not None and abs(v) > huge:
            raise ValueError(f"{name} must have magnitude at most {huge:g}, got {value!r}")
        if normal and v != 0 and abs(v) < np.finfo(np.float64).tiny:
            raise ValueError(f"{name} is subnormal ({value!r}); its reciprocal overflows")
        _check_bounds(v, value, name, ge=ge, gt=gt, le=le, lt=lt)

    return check


def _check_bounds(
    v: float, value: Any, name: str, *, ge: float | None, gt: float | None, le: float | None, lt: float | None
) -> None:
    if ge is not None and le is not None and not ge <= v <= le:
        raise ValueError(f"{name} must lie in [{ge:g}, {le:g}], got {value!r}")
    if gt is not None and lt is not None and not gt < v < lt:
        raise ValueError(f"{name} must lie in ({gt:g}, {lt:g}), got {value!r}")
    tests = (
        (ge, lambda b: v >= b, "≥"),
        (gt, lambda b: v > b, ">"),
        (le, lambda b: v <= b, "≤"),
        (lt, lambda b: v < b, "<"),
    )
    for bound, holds, word in tests:
        if bound is not None and not holds(bound):
            what = {("≥", 0.0): "non-negative", (">", 0.0): "a positive number"}.get((word, bound), f"{word} {bound:g}")
            raise ValueError(f"{name} must be {what}, got {value!r}")


def real_or_inf(value: Any, name: str) -> None:
    """A real number, ±inf allowed, NaN not; or None."""
    if value is None:
        return
    v = _real_scalar(value, name)
    if math.isnan(v):
        raise ValueError(f"{name} is NaN")


def integer(*, ge: int | None = None, le: int | None = None, optional: bool = False) -> Checker:
    """A whole number (int or NumPy integer, not bool or float) within the given bounds."""

    def check(value: Any, name: str) -> None:
        if value is None and optional:
            return
        what = {0: "a non-negative integer", 1: "a positive integer"}.get(ge, "an integer")  # type: ignore[arg-type]
        if isinstance(value, (float, np.floating, bool, np.bool_)):
            # a number, but not a count: 2.5 steps, inf steps, True steps
            raise ValueError(f"{name} must be {what}, got {value!r}")
        if not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be {what}, got {_type_name(value)} ({value!r:.60})")
        if ge is not None and value < ge:
            raise ValueError(f"{name} must be {what if ge in (0, 1) else f'≥ {ge}'}, got {value!r}")
        if le is not None and value > le:
            raise ValueError(f"{name} must be ≤ {le}, got {value!r}")

    return check


def _check_array_bounds(
    arr: NDArray[np.float64], name: str, *, ge: float | None, le: float | None, gt: float | None, lt: float | None
) -> None:
    lo, hi = float(arr.min()), float(arr.max())
    if ge is not None and le is not None and (lo < ge or hi > le):
        raise ValueError(f"{name} must lie in [{ge:g}, {le:g}], got values in [{lo:.6g}, {hi:.6g}]")
    if gt is not None and lt is not None and (lo <= gt or hi >= lt):
        raise ValueError(f"{name} must lie in the open interval ({gt:g}, {lt:g}), got values in [{lo:.6g}, {hi:.6g}]")
    if ge is not None and lo < ge:
        word = "non-negative" if ge == 0 else f"≥ {ge:g}"
        raise ValueError(f"{name} must be {word}, got a value {lo:.6g}")
    if le is not None and hi > le:
        raise ValueError(f"{name} must be ≤ {le:g}, got a value {hi:.6g}")
    if gt is not None and lo <= gt:
        word = "positive" if gt == 0 else f"> {gt:g}"
        raise ValueError(f"{name} must be {word}, got a value {lo:.6g}")
    if lt is not None and hi >= lt:
        raise ValueError(f"{name} must be < {lt:g}, got a value {hi:.6g}")


def real_array(value: Any, name: str) -> NDArray[np.float64]:
    """``value`` as a float64 array, if it holds real numbers (ints or floats; not bools, complex, str or objects)."""
    if value is None or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real array, got {_type_name(value)}")
    if isinstance(value, (str, bytes)):
        raise ValueError(f"{name} must be numeric, got a string")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from None
    kind = arr.dtype.kind
    if kind in "USa":
        raise ValueError(f"{name} must be numeric, got strings")
    if kind == "b":
        raise TypeError(f"{name} must be a real array, got booleans")
    if kind == "c":
        raise TypeError(f"{name} must be a real array, got complex values")
    if kind == "O" and arr.size:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a real array, got objects ({arr.ravel()[0]!r:.40}, …)") from None
    elif kind not in "iufO":
        raise TypeError(f"{name} must be a real array, got dtype {arr.dtype}")
    return arr.astype(np.float64)


def pmf(value: Any, name: str) -> None:
    """A probability vector: real, 1-D, non-empty, non-negative, summing to 1 (see :func:`as_pmf`)."""
    as_pmf(real_array(value, name), name=name)


def array(
    *,
    ndim: int | tuple[int, ...] | None = None,
    min_size: int = 1,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    optional: bool = False,
    huge: float | None = None,
) -> Checker:
    """A real array (int or float dtype, no bool, complex, str or object) of finite values.

    ``ndim`` is the allowed number of dimensions (a 0-d array is not a vector),
    ``min_size`` the fewest elements, ``ge``/``le`` bounds on every value and
    ``huge`` a cap on their magnitude.
    """
    dims = (ndim,) if isinstance(ndim, int) else ndim

    def check(value: Any, name: str) -> None:
        if value is None and optional:
            return
        arr = real_array(value, name)
        arr = arr.astype(np.float64)
        if dims is not None and arr.ndim not in dims:
            allowed = " or ".join(f"{d}-D" for d in dims)
            raise ValueError(f"{name} must be a non-empty {allowed} array, got shape {arr.shape}")
        if arr.size < min_size:
            kind = " or ".join(f"{d}-D" for d in dims) + " " if dims else ""
            raise ValueError(f"{name} must be a non-empty {kind}array (≥ {min_size} element(s)), got shape {arr.shape}")
        if np.isnan(arr).any():
            raise ValueError(f"{name} contains NaN")
        if np.isinf(arr).any():
            raise ValueError(f"{name} contains an infinite value")
        if huge is not None and arr.size and np.abs(arr).max() > huge:
            raise ValueError(f"{name} has a value of magnitude above {huge:g} ({np.abs(arr).max():.6g})")
        if arr.size:
            _check_array_bounds(arr, name, ge=ge, le=le, gt=gt, lt=lt)

    return check


def numeric(value: Any, name: str) -> None:
    """Real numbers of any shape, NaN and ±inf allowed (for membership tests and the like)."""
    real_array(value, name)


#: Shared specifications.
PMF = pmf
FINITE = array()
NONNEGATIVE_VALUES = array(ge=0.0)
PROBABILITIES = array(ge=0.0, le=1.0)
OPEN_PROBABILITIES = array(gt=0.0, lt=1.0)
VECTOR = array(ndim=1)
NONNEGATIVE_VECTOR = array(ndim=1, ge=0.0)
POINTS = array(ndim=(1, 2))
REAL = real()
POSITIVE = real(gt=0.0, normal=True)
NONNEGATIVE = real(ge=0.0)
UNIT = real(ge=0.0, le=1.0)
OPEN_UNIT = real(gt=0.0, lt=1.0)
LOG_BASE = real(gt=1.0, optional=True)
COUNT = integer(ge=1)
NONNEGATIVE_COUNT = integer(ge=0)


def broadcast_as(a: NDArray[np.float64], shape: tuple[int, ...], names: tuple[str, str]) -> NDArray[np.float64]:
    """``a`` broadcast to ``shape``, or a ValueError naming both arguments."""
    try:
        return np.broadcast_to(a, shape)
    except ValueError:
        raise ValueError(f"{names[0]} of shape {a.shape} does not broadcast to {names[1]}'s shape {shape}") from None


def instance(*types: type, optional: bool = False) -> Checker:
    """An instance of one of ``types``."""
    names = " or ".join(t.__name__ for t in types)

    def check(value: Any, name: str) -> None:
        if value is None and optional:
            return
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise TypeError(f"{name} must be a {names}, got {_type_name(value)}")

    return check


def choice(*options: Any) -> Checker:
    """One of the given values (compared with ==, after a type check)."""

    def check(value: Any, name: str) -> None:
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or value not in options:
            raise ValueError(f"unknown {name} {value!r:.60}: {name} must be one of {options}")

    return check


def function(value: Any, name: str) -> None:
    """A callable."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {_type_name(value)}")


def generator(value: Any, name: str) -> None:
    """A :class:`numpy.random.Generator` (pass ``np.random.default_rng(seed)``, not a seed)."""
    if not isinstance(value, np.random.Generator):
        got = _type_name(value)
        raise TypeError(f"{name} must be a numpy.random.Generator (np.random.default_rng(seed)), got {got}")


def flag(value: Any, name: str) -> None:
    """A bool."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {_type_name(value)}")


def tensor(*, ndim: int | tuple[int, ...] | None = None, finite: bool = True) -> Checker:
    """A floating-point :class:`torch.Tensor`, of finite values unless ``finite=False``."""
    dims = (ndim,) if isinstance(ndim, int) else ndim

    def check(value: Any, name: str) -> None:
        import torch

        if not isinstance(value, torch.Tensor) or not torch.is_floating_point(value):
            raise TypeError(f"{name} must be a floating-point torch.Tensor, got {_type_name(value)}")
        if dims is not None and value.dim() not in dims:
            allowed = " or ".join(map(str, dims))
            raise ValueError(f"{name} must have {allowed} dimensions, got shape {tuple(value.shape)}")
        if value.numel() == 0:
            raise ValueError(f"{name} is empty (shape {tuple(value.shape)})")
        if finite and not bool(torch.isfinite(value.detach()).all()):
            raise ValueError(f"{name} has a NaN or infinite value")

    return check


def each(item: Checker, *, min_len: int = 1, length: int | None = None) -> Checker:
    """A sequence (tuple, list, 1-D array, set) whose every element passes ``item``."""

    def check(value: Any, name: str) -> None:
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            raise TypeError(f"{name} must be a sequence, got {_type_name(value)}")
        if hasattr(value, "shape") and not isinstance(value, np.ndarray):
            raise TypeError(f"{name} must be a sequence, got {_type_name(value)}")
        if isinstance(value, np.ndarray) and value.ndim != 1:
            raise ValueError(f"{name} must be a 1-D sequence, got shape {value.shape}")
        items = list(value)
        if length is not None and len(items) != length:
            raise ValueError(f"{name} must have {length} elements, got {len(items)}")
        if len(items) < min_len:
            raise ValueError(f"{name} must have at least {min_len} element(s), got {len(items)}")
        for k, v in enumerate(items):
            item(v, f"{name}[{k}]")

    return check


def one_of(*checkers: Checker) -> Checker:
    """Passes if any of ``checkers`` does; otherwise raises the first one's error."""

    def check(value: Any, name: str) -> None:
        errors: list[Exception] = []
        for c in checkers:
            try:
                c(value, name)
                return
            except (TypeError, ValueError) as exc:
                errors.append(exc)
        raise errors[0]

    return check


def real_or_symbol(*, gt: float | None = None, ge: float | None = None, optional: bool = False) -> Checker:
    """A finite real number within the bounds, or a sympy expression (a symbolic parameter)."""
    numeric = real(gt=gt, ge=ge, optional=optional)

    def check(value: Any, name: str) -> None:
        import sympy as sp

        if isinstance(value, sp.Basic) and not value.is_number:
            return
        numeric(float(value) if isinstance(value, sp.Basic) and value.is_real else value, name)

    return check


def expression(value: Any, name: str) -> None:
    """A sympy expression, or a finite real number (sympy takes it as a constant)."""
    import sympy as sp

    if isinstance(value, sp.Basic):
        return
    REAL(value, name)


def validate_fields(obj: Any, **specs: Checker) -> None:
    """Check the named attributes of a (frozen dataclass) instance, for use in ``__post_init__``."""
    for name, spec in specs.items():
        spec(getattr(obj, name), name)


INTERVAL = each(REAL, length=2)
REALS = each(REAL, min_len=0)
POINTS_2D = array(ndim=2)
PROBABILITIES_OR_NONE = array(ge=0.0, le=1.0, optional=True)
WEIGHTS_OR_NONE = array(ndim=1, ge=0.0, optional=True)


def validated(**specs: Checker) -> Callable[[F], F]:
    """Check the named arguments of a public function before it runs.

    Each keyword names a parameter and its checker (:func:`real`, :func:`array`,
    :func:`integer`, …). Arguments left at their default are not checked. The
    wrapped function gets the arguments unchanged, so it computes exactly what
    it computed before. The unchecked function stays reachable as ``.unchecked``
    for inner loops that have validated their inputs once.
    """

    def wrap(fn: F) -> F:
        sig = inspect.signature(fn)
        unknown = set(specs) - set(sig.parameters)
        if unknown:
            raise TypeError(f"validated({', '.join(sorted(unknown))}): not parameters of {fn.__qualname__}")

        @functools.wraps(fn)
        def checked(*args: Any, **kwargs: Any) -> Any:
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError as exc:
                raise TypeError(f"{fn.__name__}(): {exc}") from None
            for arg, value in bound.arguments.items():
                spec = specs.get(arg)
                if spec is not None:
                    spec(value, arg)
            return fn(*args, **kwargs)

        checked.__validated__ = specs  # type: ignore[attr-defined]
        checked.unchecked = fn  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return wrap
