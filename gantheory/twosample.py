r"""Classifier two-sample test (C2ST).

Is a generator's sample distinguishable from the data? Train a *fresh*
classifier on half of the pooled, labelled samples and measure its accuracy
on the other half. Under :math:`H_0: P = Q` no classifier beats chance, so
the number of correct held-out predictions is
:math:`\mathrm{Binomial}(n_{test}, \tfrac12)`; the one-sided p-value is
:math:`\Pr[\mathrm{Bin}(n_{test}, \tfrac12) \ge k]`.

The GAN's own discriminator is not used: it was trained on the same samples
and is a moving target, so its accuracy says little about the generator.

Two classifier families are offered: k-nearest neighbours (the default) and
histogram gradient boosting. Each sees a different kind of departure (k-NN a
local density ratio at one bandwidth, boosting axis-aligned regions at any
scale); :func:`combined_c2st` runs both and combines them by Bonferroni's
rule, so a perfect generator is rejected with probability at most α.

References
----------
.. [1] D. Lopez-Paz and M. Oquab, "Revisiting Classifier Two-Sample Tests",
   ICLR 2017, arXiv:1610.06545, §3 (the test) and §4 (C2ST-KNN with
   :math:`k = \lfloor \sqrt{n_{tr}} \rfloor`).
.. [2] G. Ke et al., "LightGBM", NeurIPS 2017 (the histogram boosting that
   scikit-learn's ``HistGradientBoostingClassifier`` follows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from gantheory._validation import OPEN_UNIT, POINTS, as_float_array, choice, generator, integer, validated

__all__ = ["CLASSIFIERS", "C2STResult", "CombinedC2ST", "c2st", "combined_c2st"]

#: Classifier families of :func:`c2st`.
CLASSIFIERS = ("knn", "boosting")


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


@validated(
    real=POINTS,
    fake=POINTS,
    rng=generator,
    test_fraction=OPEN_UNIT,
    neighbours=integer(ge=1, optional=True),
    classifier=choice(*CLASSIFIERS),
)
def c2st(
    real: ArrayLike,
    fake: ArrayLike,
    *,
    rng: np.random.Generator,
    test_fraction: float = 0.5,
    neighbours: int | None = None,
    classifier: str = "knn",
) -> C2STResult:
    r"""Classifier two-sample test with a k-nearest-neighbour (C2ST-KNN) or a boosting classifier.

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
        made odd so that votes cannot tie (``classifier="knn"`` only).
    classifier : {"knn", "boosting"}
        ``"boosting"`` is scikit-learn's ``HistGradientBoostingClassifier``
        with its defaults, no early stopping and a random state drawn from
        ``rng``, so the test is a deterministic function of ``rng``.

    Returns
    -------
    C2STResult

    Raises
    ------
    ValueError
        If the samples differ in size or dimension, contain NaN or inf, or are too small.
    """
    if classifier not in CLASSIFIERS:
        raise ValueError(f"classifier must be one of {CLASSIFIERS}, got {classifier!r}")
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
    if classifier == "knn":
        from sklearn.neighbors import KNeighborsClassifier

        k = neighbours if neighbours is not None else int(np.sqrt(len(train_x)))
        model = KNeighborsClassifier(n_neighbors=max(1, k | 1))
    else:
        from sklearn.ensemble import HistGradientBoostingClassifier

        model = HistGradientBoostingClassifier(early_stopping=False, random_state=int(rng.integers(2**31 - 1)))
    from threadpoolctl import threadpool_limits

    # one OpenMP thread: the fits are small, and on a shared machine extra threads wait at barriers
    with threadpool_limits(limits=1, user_api="openmp"):
        model.fit(train_x, train_y)
        correct = int((model.predict(test_x) == test_y).sum())
    p_value = float(stats.binomtest(correct, n_test, 0.5, alternative="greater").pvalue)
    return C2STResult(correct / n_test, n_test, correct, p_value)


@dataclass(frozen=True)
class CombinedC2ST:
    """Both classifier two-sample tests on the same samples, combined by Bonferroni's rule.

    Attributes
    ----------
    knn, boosting : C2STResult
    alpha : float
        The family-wise level.
    """

    knn: C2STResult
    boosting: C2STResult
    alpha: float

    @property
    def rejects(self) -> bool:
        r"""Whether either test's p-value is below :math:`\alpha/2` (family-wise level :math:`\le \alpha`)."""
        return min(self.knn.p_value, self.boosting.p_value) < self.alpha / 2

    @property
    def p_value(self) -> float:
        r"""The Bonferroni-adjusted p-value :math:`\min(1, 2\min(p_{knn}, p_{boost}))`."""
        return min(1.0, 2.0 * min(self.knn.p_value, self.boosting.p_value))


@validated(real=POINTS, fake=POINTS, rng=generator, alpha=OPEN_UNIT, test_fraction=OPEN_UNIT)
def combined_c2st(
    real: ArrayLike, fake: ArrayLike, *, rng: np.random.Generator, alpha: float = 0.05, test_fraction: float = 0.5
) -> CombinedC2ST:
    r"""Run the k-NN and the boosting C2ST on the same samples and combine them.

    Under :math:`H_0: P = Q` each p-value is (super-)uniform, so
    :math:`\Pr[\min(p_1, p_2) < \alpha/2] \le \alpha` by the union bound.

    Parameters
    ----------
    real, fake : array_like, shape (n,) or (n, d)
        Equal-size samples.
    rng : numpy Generator
        Each test draws its own split (and the boosting seed) from it, in a fixed order.
    alpha : float
        Family-wise level in (0, 1).
    test_fraction : float
        Share of the pooled points each test holds out.

    Returns
    -------
    CombinedC2ST
    """
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha!r}")
    knn = c2st(real, fake, rng=rng, test_fraction=test_fraction, classifier="knn")
    boosting = c2st(real, fake, rng=rng, test_fraction=test_fraction, classifier="boosting")
    return CombinedC2ST(knn, boosting, float(alpha))
