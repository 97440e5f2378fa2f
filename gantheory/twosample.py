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

Across seeds, per-run statistics (modes covered, an accuracy) are compared
with t-tests: :func:`one_sample_t_less` against a claimed value and
:func:`welch_t_greater` between two arms, both computed directly (scipy's
``ttest_1samp`` warns on nearly constant counts); :func:`mean_se` gives the
mean ± standard error that the reports quote.

References
----------
.. [1] D. Lopez-Paz and M. Oquab, "Revisiting Classifier Two-Sample Tests",
   ICLR 2017, arXiv:1610.06545, §3 (the test) and §4 (C2ST-KNN with
   :math:`k = \lfloor \sqrt{n_{tr}} \rfloor`).
.. [2] G. Ke et al., "LightGBM", NeurIPS 2017 (the histogram boosting that
   scikit-learn's ``HistGradientBoostingClassifier`` follows).
.. [3] B. L. Welch, "The generalization of 'Student's' problem when several different
   population variances are involved", Biometrika 34 (1947) (the degrees of freedom).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from gantheory._validation import (
    HUGE,
    OPEN_UNIT,
    POINTS,
    array,
    as_float_array,
    choice,
    generator,
    integer,
    numeric,
    real,
    validated,
)

__all__ = [
    "CLASSIFIERS",
    "C2STResult",
    "CombinedC2ST",
    "c2st",
    "combined_c2st",
    "mean_se",
    "one_sample_t_less",
    "welch_t_greater",
]

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


# ---------------------------------------------------------------------------
# t-tests across seeds
# ---------------------------------------------------------------------------

#: Per-seed values of a t-test: a 1-D array of at least two finite numbers, whose squares do not overflow.
_SEED_VALUES = array(ndim=1, min_size=2, huge=HUGE)


@validated(values=numeric)
def mean_se(values: ArrayLike) -> dict[str, float]:
    r"""Mean, standard error and count of per-seed values, non-finite ones dropped.

    .. math:: \bar v = \frac1n \sum_i v_i, \qquad \mathrm{se} = \frac{s}{\sqrt n},
       \quad s^2 = \frac{1}{n - 1} \sum_i (v_i - \bar v)^2

    Parameters
    ----------
    values : array_like
        Any shape; NaN and ±inf entries are left out (a seed without the statistic).

    Returns
    -------
    dict
        ``n`` (finite values), ``mean`` (NaN when n = 0) and ``se`` (NaN when n < 2).
    """
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    n = int(v.size)
    if n == 0:
        return {"n": 0, "mean": math.nan, "se": math.nan}
    se = float(v.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    return {"n": n, "mean": float(v.mean()), "se": se}


@validated(values=_SEED_VALUES, mu0=real(huge=HUGE))
def one_sample_t_less(values: ArrayLike, mu0: float) -> float:
    r"""One-sided one-sample t-test p-value for :math:`H_1: \mathrm{mean} < \mu_0`.

    .. math:: t = \frac{\bar v - \mu_0}{s/\sqrt n}, \qquad p = F_{t_{n-1}}(t)

    Parameters
    ----------
    values : array_like, shape (n,)
        Finite per-seed values, n ≥ 2.
    mu0 : float
        The value under :math:`H_0`.

    Returns
    -------
    float
        The p-value. With zero spread the test degenerates: 0 when every value is
        below :math:`\mu_0`, 1 otherwise.

    Notes
    -----
    Equal to ``scipy.stats.ttest_1samp(values, mu0, alternative="less").pvalue``, without its
    precision warning on nearly constant counts.
    """
    v = np.asarray(values, dtype=np.float64)
    sd = float(v.std(ddof=1))
    if sd == 0:
        return 0.0 if v[0] < mu0 else 1.0
    t = (float(v.mean()) - mu0) / (sd / math.sqrt(v.size))
    return float(stats.t.cdf(t, v.size - 1))


@validated(a=_SEED_VALUES, b=_SEED_VALUES)
def welch_t_greater(a: ArrayLike, b: ArrayLike) -> dict[str, float]:
    r"""Welch's two-sample t-test of :math:`H_1: \mathrm{mean}(a) > \mathrm{mean}(b)` (unequal variances).

    .. math:: t = \frac{\bar a - \bar b}{\sqrt{s_a^2/n_a + s_b^2/n_b}}, \qquad
       \nu = \frac{(s_a^2/n_a + s_b^2/n_b)^2}{\frac{(s_a^2/n_a)^2}{n_a - 1} + \frac{(s_b^2/n_b)^2}{n_b - 1}},
       \qquad p = 1 - F_{t_\nu}(t)

    Parameters
    ----------
    a, b : array_like, shape (n_a,) and (n_b,)
        Finite per-seed values, at least two per group.

    Returns
    -------
    dict
        ``diff`` (difference of means), ``se``, ``t``, ``df`` (ν, the Welch–Satterthwaite degrees of
        freedom) and the one-sided ``p``. With zero spread in both samples ``df`` is NaN, ``t`` is ±inf
        (0 for equal means) and ``p`` is 0 if mean(a) > mean(b), else 1.

    Notes
    -----
    Equal to ``scipy.stats.ttest_ind(a, b, equal_var=False, alternative="greater")``.
    """
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    diff = float(x.mean() - y.mean())
    vx, vy = float(x.var(ddof=1)) / x.size, float(y.var(ddof=1)) / y.size
    se = math.sqrt(vx + vy)
    if se == 0:
        t_inf = math.copysign(math.inf, diff) if diff else 0.0
        return {"diff": diff, "se": 0.0, "t": t_inf, "df": math.nan, "p": 0.0 if diff > 0 else 1.0}
    df = (vx + vy) ** 2 / (vx**2 / (x.size - 1) + vy**2 / (y.size - 1))
    t = diff / se
    return {"diff": diff, "se": se, "t": t, "df": df, "p": float(stats.t.sf(t, df))}
