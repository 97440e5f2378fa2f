r"""The discriminator side of the GAN game on probability vectors.

For a fixed generator the game reduces, point by point, to maximising
:math:`a \log D + b \log(1 - D)` with :math:`a = p_{data}(x)`,
:math:`b = p_g(x)` (Goodfellow et al. 2014, Prop. 1). These functions
evaluate that game exactly on a finite support; :mod:`gantheory.quadrature`
holds the same functionals for 1-D densities.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Eq. (1), Prop. 1, Theorem 1.
.. [2] X. Mao et al., "Least Squares Generative Adversarial Networks",
   ICCV 2017, arXiv:1611.04076, §3.2.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from gantheory._validation import (
    NONNEGATIVE_VALUES,
    PMF,
    REAL,
    UNIT,
    array,
    check_same_shape,
    checked_array,
    same_shape,
    validated,
)
from gantheory.divergences import total_variation

__all__ = [
    "bayes_accuracy",
    "density_ratio",
    "empirical_value",
    "lsgan_criterion",
    "lsgan_optimal_discriminator",
    "optimal_discriminator",
    "value_function",
    "virtual_criterion",
]


@validated(p=NONNEGATIVE_VALUES, q=NONNEGATIVE_VALUES, outside=UNIT)
def optimal_discriminator(p: ArrayLike, q: ArrayLike, *, outside: float = 0.5) -> NDArray[np.float64]:
    r"""Optimal discriminator for a fixed generator.

    .. math::
        D^*_G(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Non-negative values of :math:`p_{data}` and :math:`p_g` at the same
        points: two probability vectors, or two densities evaluated on a grid.
    outside : float
        Value returned where :math:`p + q = 0`. There :math:`D` does not enter
        :math:`V` and every value is optimal (Goodfellow et al. 2014, proof
        of Prop. 1); ½ is the conventional choice.

    Returns
    -------
    ndarray, shape (n,)
        :math:`D^*` in :math:`[0, 1]`.
    """
    pa, qa = same_shape(p, q)
    total = pa + qa
    out = np.full_like(total, float(outside))
    live = total > 0
    out[live] = pa[live] / total[live]
    return out


@validated(d=array(ndim=1, ge=0.0, le=1.0), p=PMF, q=PMF)
def value_function(d: ArrayLike, p: ArrayLike, q: ArrayLike) -> float:
    r"""The GAN value on a finite support.

    .. math::
        V(D, G) = \sum_x p_{data}(x) \log D(x) + p_g(x) \log(1 - D(x))

    Uses :math:`0 \log 0 = 0`, so :math:`D(x) = 0` costs nothing where
    :math:`p_{data}(x) = 0`; :math:`V = -\infty` if :math:`D = 0` where
    :math:`p_{data} > 0` (or :math:`D = 1` where :math:`p_g > 0`).

    Parameters
    ----------
    d : array_like, shape (n,)
        Discriminator outputs in :math:`[0, 1]`.
    p, q : array_like, shape (n,)
        Probability vectors :math:`p_{data}` and :math:`p_g`.
    """
    pa, qa = same_shape(p, q)
    da = checked_array(d)
    check_same_shape(da, pa, ("d", "p"))
    # xlogy(p, 0) is −inf for p > 0 without a floating-point warning: no errstate needed
    return float(special.xlogy(pa, da).sum() + special.xlogy(qa, 1.0 - da).sum())


@validated(d=array(ndim=1, ge=0.0, le=1.0))
def density_ratio(d: ArrayLike) -> NDArray[np.float64]:
    r"""The density ratio that a discriminator's output encodes.

    .. math::
        r(x) = \frac{D(x)}{1 - D(x)}, \qquad
        r = \frac{p_{data}}{p_g} \text{ at } D = D^*_G = \frac{p_{data}}{p_{data} + p_g}

    (Goodfellow et al. 2014, Prop. 1, solved for the ratio), so
    :math:`p_{data} = p_g \cdot r` where :math:`p_g > 0`: the optimal
    discriminator determines :math:`p_{data}` only together with :math:`p_g`.

    Parameters
    ----------
    d : array_like, shape (n,)
        Discriminator outputs in :math:`[0, 1]`.

    Returns
    -------
    ndarray, shape (n,)
        :math:`r \in [0, \infty]`; :math:`+\infty` where :math:`D = 1`. Where
        :math:`1 - D` is below about :math:`10^{-12}` the ratio keeps only a few
        digits: :math:`1 - D` is computed from a rounded :math:`D`.
    """
    da = checked_array(d)
    with np.errstate(divide="ignore"):
        return da / (1.0 - da)


@validated(d_real=array(ndim=1, ge=0.0, le=1.0), d_fake=array(ndim=1, ge=0.0, le=1.0))
def empirical_value(d_real: ArrayLike, d_fake: ArrayLike) -> float:
    r"""The GAN value estimated on samples: the mean log-likelihood of the discriminator's labels.

    .. math::
        \hat V(D, G) = \frac1n \sum_{i=1}^n \log D(x_i) + \frac1m \sum_{j=1}^m \log\bigl(1 - D(G(z_j))\bigr),
        \qquad x_i \sim p_{data},\; z_j \sim p_z

    an unbiased estimate of :math:`V(D, G)` (Goodfellow et al. 2014, Eq. 1) that
    needs no density: it applies when :math:`p_g` or :math:`p_{data}` has none.

    Parameters
    ----------
    d_real : array_like, shape (n,)
        :math:`D` at real samples, in :math:`[0, 1]`.
    d_fake : array_like, shape (m,)
        :math:`D` at generated samples, in :math:`[0, 1]`.

    Returns
    -------
    float
        :math:`\hat V \le 0`; :math:`-\infty` when :math:`D = 0` at a real sample
        or :math:`D = 1` at a generated one.
    """
    real, fake = checked_array(d_real), checked_array(d_fake)
    with np.errstate(divide="ignore"):
        return float(np.log(real).mean() + np.log1p(-fake).mean())


@validated(p=PMF, q=PMF)
def virtual_criterion(p: ArrayLike, q: ArrayLike) -> float:
    r"""Goodfellow's virtual training criterion :math:`C(G) = \max_D V(D, G)`.

    .. math::
        C(G) = \sum_x p_{data}(x) \log\frac{p_{data}(x)}{p_{data}(x) + p_g(x)}
             + p_g(x) \log\frac{p_g(x)}{p_{data}(x) + p_g(x)}

    Returns
    -------
    float
        A value in :math:`[-\log 4, 0]`.
    """
    pa, qa = same_shape(p, q)
    s = pa + qa
    # where p + q = 0 both terms are 0·log 0 = 0: only the other points contribute
    live = s > 0
    pa, qa, s = pa[live], qa[live], s[live]
    return float(special.xlogy(pa, pa / s).sum()) + float(special.xlogy(qa, qa / s).sum())


@validated(p=PMF, q=PMF)
def bayes_accuracy(p: ArrayLike, q: ArrayLike) -> float:
    r"""Accuracy of the Bayes classifier between equally likely real and fake samples.

    .. math::
        \text{acc}^* = \tfrac12 \sum_x \max(p_{data}(x), p_g(x))
                     = \tfrac12 + \tfrac12\, \delta(p_{data}, p_g)

    with :math:`\delta` the total variation distance. It equals ½ exactly
    when :math:`p_g = p_{data}`.
    """
    return 0.5 + 0.5 * total_variation(p, q)


@validated(p=PMF, q=PMF, a=REAL, b=REAL)
def lsgan_optimal_discriminator(p: ArrayLike, q: ArrayLike, a: float, b: float) -> NDArray[np.float64]:
    r"""Optimal least-squares discriminator (Mao et al. 2017, Eq. 4).

    .. math::
        D^*(x) = \frac{b\, p_{data}(x) + a\, p_g(x)}{p_{data}(x) + p_g(x)}

    for the loss :math:`\tfrac12 \mathbb E_{p_{data}}[(D - b)^2] + \tfrac12 \mathbb E_{p_g}[(D - a)^2]`.
    """
    pa, qa = same_shape(p, q)
    a, b = float(a), float(b)
    s = pa + qa
    out = np.full_like(s, 0.5 * (a + b))
    live = s > 0
    out[live] = (b * pa[live] + a * qa[live]) / s[live]
    return out


@validated(p=PMF, q=PMF, a=REAL, b=REAL, c=REAL)
def lsgan_criterion(p: ArrayLike, q: ArrayLike, a: float, b: float, c: float) -> float:
    r"""Generator's least-squares criterion at the optimal discriminator.

    .. math::
        C(G) = \tfrac12 \sum_x \left(p_{data}(x) + p_g(x)\right) \left(D^*(x) - c\right)^2

    With :math:`b - c = 1` and :math:`b - a = 2` this equals
    :math:`\tfrac12 \sum_x (p_{data} - p_g)^2 / (p_{data} + p_g)`
    (Mao et al. 2017, Theorem 1).
    """
    pa, qa = same_shape(p, q)
    d = lsgan_optimal_discriminator(pa, qa, a, b)
    return float(0.5 * ((pa + qa) * (d - float(c)) ** 2).sum())
