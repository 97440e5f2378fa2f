r"""Test your own GAN: the report's classifier two-sample test on samples saved as ``.npy``.

``python -m verify c2st REAL.npy FAKE.npy`` runs the test the report's
equilibrium study runs (:func:`gantheory.twosample.combined_c2st`): a fresh
k-nearest-neighbour classifier and a fresh gradient-boosting classifier each
learn to tell the two samples apart on one half of the pooled points and are
scored on the other half. Under :math:`H_0: P_{real} = P_{fake}` each number of
correct held-out predictions is :math:`\mathrm{Binomial}(n_{test}, \tfrac12)`,
which gives an exact one-sided p-value; the two are combined by Bonferroni's
rule, so a perfect generator is rejected with probability at most
:math:`\alpha`. The same is available as :func:`two_sample_test`.

"Not rejected" is not proof that the distributions are equal: it says that
these classifiers, on this many points, found no difference.

References
----------
.. [1] D. Lopez-Paz and M. Oquab, "Revisiting Classifier Two-Sample Tests",
   ICLR 2017, arXiv:1610.06545.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gantheory.twosample import C2STResult, combined_c2st

__all__ = ["TwoSampleTest", "add_arguments", "load_samples", "main", "two_sample_test"]


@dataclass(frozen=True)
class TwoSampleTest:
    """Outcome of :func:`two_sample_test`.

    Attributes
    ----------
    knn, boosting : C2STResult
        Each classifier's held-out accuracy, counts and exact binomial p-value.
    p_value : float
        Bonferroni-combined p-value :math:`\\min(1, 2\\min(p_{knn}, p_{boost}))`.
    alpha : float
        The family-wise level.
    n_points : int
        Points of each sample that were used.
    dimension : int
        Dimension of a point.
    """

    knn: C2STResult
    boosting: C2STResult
    p_value: float
    alpha: float
    n_points: int
    dimension: int

    @property
    def rejects(self) -> bool:
        """Whether the samples are distinguishable at level ``alpha``."""
        return self.p_value < self.alpha

    @property
    def verdict(self) -> str:
        """``"rejected"`` (the classifiers tell the samples apart) or ``"not rejected"``."""
        return "rejected" if self.rejects else "not rejected"

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        per = {
            name: {"accuracy": r.accuracy, "n_test": r.n_test, "correct": r.correct, "p_value": r.p_value}
            for name, r in (("knn", self.knn), ("boosting", self.boosting))
        }
        return {
            "verdict": self.verdict,
            "p_value": self.p_value,
            "alpha": self.alpha,
            "n_points": self.n_points,
            "dimension": self.dimension,
            **per,
        }


def two_sample_test(
    real: ArrayLike,
    fake: ArrayLike,
    *,
    seed: int = 0,
    alpha: float = 0.05,
    test_fraction: float = 0.5,
    subsample: bool = False,
) -> TwoSampleTest:
    r"""Classifier two-sample test of a generator's sample against the data's.

    Parameters
    ----------
    real, fake : array_like, shape (n,) or (n, d)
        Samples from the data and from the generator, float, finite.
    seed : int
        Seed of the train/test splits, the boosting classifier and any subsampling:
        the result is a deterministic function of the samples and the seed.
    alpha : float
        Family-wise level in (0, 1).
    test_fraction : float
        Share of the pooled points held out for scoring.
    subsample : bool
        If the samples differ in size, draw (without replacement) as many points from
        the larger as the smaller has; otherwise unequal sizes are an error.

    Returns
    -------
    TwoSampleTest

    Raises
    ------
    ValueError
        If the samples differ in dimension, or in size without ``subsample``, contain NaN or
        inf, have fewer than 4 points, or if ``alpha``, ``seed`` or ``test_fraction`` is out of range.
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    x = _points(real, "real")
    y = _points(fake, "fake")
    if x.shape[1] != y.shape[1]:
        raise ValueError(f"real and fake points differ in dimension: {x.shape[1]} and {y.shape[1]}")
    rng = np.random.default_rng(seed)
    if len(x) != len(y):
        if not subsample:
            raise ValueError(
                f"real has {len(x)} points and fake {len(y)}: the test needs equal sizes "
                "(pass subsample=True, or --subsample, to draw the smaller size from both)"
            )
        n = min(len(x), len(y))
        x = x[np.sort(rng.choice(len(x), n, replace=False))]
        y = y[np.sort(rng.choice(len(y), n, replace=False))]
    combined = combined_c2st(x, y, rng=rng, alpha=alpha, test_fraction=test_fraction)
    return TwoSampleTest(combined.knn, combined.boosting, combined.p_value, combined.alpha, len(x), x.shape[1])


def _points(values: ArrayLike, name: str) -> NDArray[np.float64]:
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold numbers, got an array of dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"{name} must have shape (n,) or (n, d) (flatten images first), got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or inf")
    return arr


def load_samples(path: Path, key: str | None = None) -> NDArray[np.float64]:
    """Read a sample from ``.npy``, or from ``.npz`` (the array ``key``, or its only array).

    Raises
    ------
    ValueError
        If the file is missing or unreadable, or the ``.npz`` does not single out one array.
    """
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        loaded = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{path}: not a NumPy .npy or .npz file ({exc})") from None
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            names = list(loaded.files)
            if key is None and len(names) != 1:
                raise ValueError(f"{path} holds arrays {names}: name one with --key")
            if key is not None and key not in names:
                raise ValueError(f"{path} has no array {key!r}; it holds {names}")
            return np.asarray(loaded[key if key is not None else names[0]])
    return np.asarray(loaded)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``c2st`` subcommand's arguments."""
    p.add_argument("real", type=Path, help="the data's sample: .npy (or .npz), shape (n,) or (n, d)")
    p.add_argument("fake", type=Path, help="the generator's sample, same dimension (and size, unless --subsample)")
    p.add_argument("--key", help="the array to read from .npz files")
    p.add_argument("--alpha", type=float, default=0.05, help="family-wise level (default 0.05)")
    p.add_argument("--seed", type=int, default=0, help="seed of the splits and the boosting classifier (default 0)")
    p.add_argument("--subsample", action="store_true", help="draw the smaller sample's size from both")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")


def main(args: argparse.Namespace) -> int:
    """Run ``c2st`` with parsed arguments; 0 whatever the verdict."""
    try:
        real = load_samples(args.real, args.key)
        fake = load_samples(args.fake, args.key)
        result = two_sample_test(real, fake, seed=args.seed, alpha=args.alpha, subsample=args.subsample)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None
    if args.format == "json":
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
        return 0
    lines = [f"points: {result.n_points} of each, dimension {result.dimension}"]
    for name, r in (("knn", result.knn), ("boosting", result.boosting)):
        lines.append(f"c2st_{name}_accuracy: {r.accuracy:.4f}  ({r.correct}/{r.n_test} held-out points)")
        lines.append(f"c2st_{name}_p_value: {r.p_value:.4g}")
    lines.append(f"p_value (Bonferroni, both classifiers): {result.p_value:.4g}")
    meaning = "the classifiers tell the samples apart" if result.rejects else "these classifiers found no difference"
    lines.append(f"verdict: {result.verdict} at alpha = {result.alpha:g} ({meaning})")
    print("\n".join(lines))
    return 0
