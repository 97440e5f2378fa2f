r"""Classifier two-sample test (C2ST).

Is a generator's sample distinguishable from the data? Train a *fresh*
classifier on half of the pooled, labelled samples and measure its accuracy
on the other half. Under :math:`H_0: P = Q` no classifier beats chance, so
the number of correct held-out predictions is
:math:`\mathrm{Binomial}(n_{test}, \tfrac12)`; the one-sided p-value is
:math:`\Pr[\mathrm{Bin}(n_{test}, \tfrac12) \ge k]`.

The GAN's own discriminator is not used: it was trained on the same samples
and is a moving target, so its accuracy says little about the generator.

References
----------
.. [1] D. Lopez-Paz and M. Oquab, "Revisiting Classifier Two-Sample Tests",
   ICLR 2017, arXiv:1610.06545, §3 (the test) and §4 (C2ST-KNN with
   :math:`k = \lfloor \sqrt{n_{tr}} \rfloor`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from gantheory._validation import as_float_array

__all__ = ["C2STResult", "c2st"]


@dataclass(frozen=True)
class C2STResult:
    """Outcome of a classifier two-sample test.

    Attributes
    ----------
    accuracy : float
        Held-out accuracy of the fresh classifier.
    n_test : int
        Number of held-out points (half real, half generated).
    correct : int
        Correct held-out predictions.
    p_value : float
        One-sided exact binomial p-value of ``correct`` under :math:`H_0` (accuracy ½).
    """

    accuracy: float
    n_test: int
    correct: int
    p_value: float

    def rejects(self, alpha: float = 0.05) -> bool:
        """Whether the test rejects :math:`P = Q` at level ``alpha``."""
        return self.p_value < alpha


def _as_points(x: ArrayLike, name: str) -> NDArray[np.float64]:
    arr = as_float_array(x, name=name)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] < 4:
        raise ValueError(f"{name} must be an array of at least 4 points, shape (n,) or (n, d), got {arr.shape}")
    return arr


def c2st(
    real: ArrayLike,
    fake: ArrayLike,
    *,
    rng: np.random.Generator,
    test_fraction: float = 0.5,
    neighbours: int | None = None,
) -> C2STResult:
    r"""Classifier two-sample test with a k-nearest-neighbour classifier (C2ST-KNN).

    Parameters
    ----------
    real, fake : array_like, shape (n,) or (n, d)
        Equal-size samples from the data and from the generator.
    rng : numpy Generator
        Shuffles the pooled sample before the train/test split.
    test_fraction : float
        Share of the pooled points held out for testing.
    neighbours : int, optional
        :math:`k`; by default :math:`\lfloor \sqrt{n_{train}} \rfloor` (Lopez-Paz & Oquab 2017),
        made odd so that votes cannot tie.

    Returns
    -------
    C2STResult

    Raises
    ------
    ValueError
        If the samples differ in size or dimension, contain NaN or inf, or are too small.
    """
    from sklearn.neighbors import KNeighborsClassifier

    x = _as_points(real, "real")
    y = _as_points(fake, "fake")
    if x.shape != y.shape:
        raise ValueError(f"real and fake must have the same shape (equal-size samples), got {x.shape} and {y.shape}")
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must lie in (0, 1), got {test_fraction!r}")
    pooled = np.concatenate([x, y])
    labels = np.concatenate([np.ones(len(x), dtype=int), np.zeros(len(y), dtype=int)])
    order = rng.permutation(len(pooled))
    pooled, labels = pooled[order], labels[order]
    n_test = max(2, round(test_fraction * len(pooled)))
    train_x, test_x = pooled[n_test:], pooled[:n_test]
    train_y, test_y = labels[n_test:], labels[:n_test]
    k = neighbours if neighbours is not None else int(np.sqrt(len(train_x)))
    k = max(1, k | 1)
    model = KNeighborsClassifier(n_neighbors=k).fit(train_x, train_y)
    correct = int((model.predict(test_x) == test_y).sum())
    p_value = float(stats.binomtest(correct, n_test, 0.5, alternative="greater").pvalue)
    return C2STResult(correct / n_test, n_test, correct, p_value)
