"""Hypothesis strategies for probability vectors, densities and logits.

Public and reusable: ``verify`` draws from them at run time and the tests
draw from them under pytest, so a counterexample found by one is
reproducible by the other.

Vectors are built, not filtered: positive weights are drawn and normalised,
which always lands on the simplex and shrinks to short, readable weights.
Options after the bounds are keyword-only, following Hypothesis's own
strategies.

Examples
--------
>>> from hypothesis import given
>>> from gantheory.divergences import js_divergence
>>> @given(pmf_pairs())
... def test_js_is_symmetric(pq):
...     p, q = pq
...     assert abs(js_divergence(p, q) - js_divergence(q, p)) < 1e-15
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

from gantheory._validation import COUNT, POSITIVE, flag, integer, real, validated
from gantheory.densities import GaussianMixture

__all__ = [
    "disjoint_pmf_pairs",
    "gaussian_mixture_pairs",
    "gaussian_mixtures",
    "logits",
    "near_equal_pmf_pairs",
    "pmf_pairs",
    "pmf_triples",
    "probability_vectors",
]

Pmf = NDArray[np.float64]


def _weights(n: int, *, min_mass: float, allow_zeros: bool) -> st.SearchStrategy[list[float]]:
    mass = st.floats(min_mass, 1.0, allow_nan=False, allow_subnormal=False)
    element = st.one_of(st.just(0.0), mass) if allow_zeros else mass
    return st.lists(element, min_size=n, max_size=n).filter(lambda w: sum(w) > 0)


def _normalise(w: list[float]) -> Pmf:
    arr = np.asarray(w, dtype=np.float64)
    return arr / arr.sum()


@validated(
    min_size=COUNT, max_size=COUNT, size=integer(ge=1, optional=True), min_mass=real(ge=0.0, lt=1.0), allow_zeros=flag
)
@st.composite
def probability_vectors(
    draw: st.DrawFn,
    *,
    min_size: int = 2,
    max_size: int = 8,
    size: int | None = None,
    min_mass: float = 1e-3,
    allow_zeros: bool = False,
) -> Pmf:
    """Probability vectors: non-negative float64 arrays summing to 1.

    Parameters
    ----------
    min_size, max_size : int
        Bounds on the support size (ignored when ``size`` is given).
    min_mass : float
        Smallest non-zero weight before normalisation, relative to the largest
        (1.0); it bounds how small a non-zero probability can get.
    allow_zeros : bool
        Whether some entries may be exactly zero (support mismatch).
    """
    n = size if size is not None else draw(st.integers(min_size, max_size))
    return _normalise(draw(_weights(n, min_mass=min_mass, allow_zeros=allow_zeros)))


@validated(min_size=COUNT, max_size=COUNT, min_mass=real(ge=0.0, lt=1.0), allow_zeros=flag)
@st.composite
def pmf_pairs(
    draw: st.DrawFn,
    *,
    min_size: int = 2,
    max_size: int = 8,
    min_mass: float = 1e-3,
    allow_zeros: bool = False,
) -> tuple[Pmf, Pmf]:
    """Pairs ``(p, q)`` of probability vectors on one support."""
    n = draw(st.integers(min_size, max_size))
    p = draw(probability_vectors(size=n, min_mass=min_mass, allow_zeros=allow_zeros))
    q = draw(probability_vectors(size=n, min_mass=min_mass, allow_zeros=allow_zeros))
    return p, q


@validated(min_size=COUNT, max_size=COUNT, min_mass=real(ge=0.0, lt=1.0), allow_zeros=flag)
@st.composite
def pmf_triples(
    draw: st.DrawFn,
    *,
    min_size: int = 2,
    max_size: int = 8,
    min_mass: float = 1e-3,
    allow_zeros: bool = False,
) -> tuple[Pmf, Pmf, Pmf]:
    """Triples ``(p, q, r)`` on one support, for triangle inequalities."""
    n = draw(st.integers(min_size, max_size))
    vecs = [draw(probability_vectors(size=n, min_mass=min_mass, allow_zeros=allow_zeros)) for _ in range(3)]
    return vecs[0], vecs[1], vecs[2]


@validated(min_size=COUNT, max_size=COUNT)
@st.composite
def disjoint_pmf_pairs(draw: st.DrawFn, *, min_size: int = 2, max_size: int = 8) -> tuple[Pmf, Pmf]:
    """Pairs whose supports do not intersect (each puts mass only where the other has none)."""
    n = draw(st.integers(max(min_size, 2), max_size))
    split = draw(st.integers(1, n - 1))
    owner = np.asarray(draw(st.permutations([0] * split + [1] * (n - split))))
    mass = st.floats(1e-3, 1.0, allow_nan=False, allow_subnormal=False)
    w = np.asarray(draw(st.lists(mass, min_size=n, max_size=n)))
    p = np.where(owner == 0, w, 0.0)
    q = np.where(owner == 1, w, 0.0)
    return p / p.sum(), q / q.sum()


@validated(min_size=COUNT, max_size=COUNT, max_relative_change=real(gt=0.0, lt=1.0))
@st.composite
def near_equal_pmf_pairs(
    draw: st.DrawFn, *, min_size: int = 2, max_size: int = 8, max_relative_change: float = 1e-6
) -> tuple[Pmf, Pmf]:
    """Pairs with ``q`` a tiny relative perturbation of ``p``: the regime of cancellation errors."""
    p = draw(probability_vectors(min_size=min_size, max_size=max_size))
    eps = draw(
        st.lists(
            st.floats(-max_relative_change, max_relative_change, allow_nan=False),
            min_size=p.size,
            max_size=p.size,
        )
    )
    q = p * (1.0 + np.asarray(eps))
    return p, q / q.sum()


@validated(max_components=COUNT, mean_bound=POSITIVE, min_sigma=POSITIVE, max_sigma=POSITIVE)
@st.composite
def gaussian_mixtures(
    draw: st.DrawFn,
    *,
    max_components: int = 3,
    mean_bound: float = 4.0,
    min_sigma: float = 0.25,
    max_sigma: float = 2.0,
) -> GaussianMixture:
    """1-D Gaussian mixtures with bounded means and standard deviations."""
    k = draw(st.integers(1, max_components))
    w = draw(st.lists(st.floats(0.05, 1.0, allow_nan=False), min_size=k, max_size=k))
    mu = draw(st.lists(st.floats(-mean_bound, mean_bound, allow_nan=False), min_size=k, max_size=k))
    sd = draw(st.lists(st.floats(min_sigma, max_sigma, allow_nan=False), min_size=k, max_size=k))
    return GaussianMixture(_normalise(w), mu, sd)


def gaussian_mixture_pairs(**kwargs: Any) -> st.SearchStrategy[tuple[GaussianMixture, GaussianMixture]]:
    """Pairs of independent :func:`gaussian_mixtures` (keyword arguments are passed on)."""
    return st.tuples(gaussian_mixtures(**kwargs), gaussian_mixtures(**kwargs))


@validated(bound=POSITIVE)
def logits(*, bound: float = 30.0) -> st.SearchStrategy[float]:
    """Finite logits in ``[-bound, bound]``; ±30 spans D from 1e-13 to 1 − 1e-13."""
    return st.floats(-bound, bound, allow_nan=False, allow_infinity=False)
