r"""GAN losses computed from discriminator logits, with their derivatives.

A discriminator outputs a logit :math:`\ell` and the probability
:math:`D = \sigma(\ell)`. Every loss here is written in terms of
:math:`\ell` with ``softplus`` (:math:`\log(1 + e^{x})`, computed by
``np.logaddexp(0, x)``), so that it stays finite where
:math:`\log \sigma(\ell)` would round to :math:`\log 0`. All functions are
elementwise (per sample); take the mean over a batch yourself.

The three generator costs of Goodfellow's tutorial, per sample and without
its ½ batch weight:

============  =============================  ============================  ================================
cost          value                          :math:`\partial/\partial D`   :math:`\partial/\partial \ell`
============  =============================  ============================  ================================
minimax       :math:`\log(1 - D)`            :math:`-1/(1 - D)`            :math:`-D`
non-sat.      :math:`-\log D`                :math:`-1/D`                  :math:`-(1 - D)`
max. lik.     :math:`-D/(1 - D) = -e^\ell`   :math:`-1/(1 - D)^2`          :math:`-D/(1 - D)`
============  =============================  ============================  ================================

References
----------
.. [1] I. Goodfellow, "NIPS 2016 Tutorial: Generative Adversarial Networks",
   arXiv:1701.00160, §3.2.3–3.2.6.
.. [2] T. Salimans et al., "Improved Techniques for Training GANs",
   NeurIPS 2016, arXiv:1606.03498, §3.4 (one-sided label smoothing).
.. [3] X. Mao et al., "Least Squares GANs", ICCV 2017, arXiv:1611.04076.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from gantheory._validation import (
    FINITE,
    NONNEGATIVE,
    NONNEGATIVE_VECTOR,
    OPEN_PROBABILITIES,
    PROBABILITIES,
    REAL,
    UNIT,
    array,
    broadcast_as,
    checked_array,
    function,
    generator,
    same_shape,
    validated,
)

__all__ = [
    "GENERATOR_COSTS",
    "GeneratorCost",
    "bce_logit_gradient",
    "bce_with_logits",
    "discriminator_loss",
    "expected_flipped_targets",
    "flip_labels",
    "generator_loss_maximum_likelihood",
    "generator_loss_minimax",
    "generator_loss_nonsaturating",
    "log_sigmoid",
    "logit",
    "lsgan_discriminator_loss",
    "lsgan_generator_loss",
    "ranks_differently",
    "sigmoid",
    "smoothed_optimal_discriminator",
    "smoothed_virtual_criterion",
    "smoothing_gradient_factor",
    "softplus",
]

Array = NDArray[np.float64]


@validated(x=FINITE)
def softplus(x: ArrayLike) -> Array:
    r""":math:`\log(1 + e^{x})`, exact for large :math:`|x|`."""
    return np.asarray(np.logaddexp(0.0, checked_array(x)))


@validated(logits=FINITE)
def sigmoid(logits: ArrayLike) -> Array:
    r""":math:`\sigma(\ell) = 1 / (1 + e^{-\ell})`."""
    return np.asarray(special.expit(checked_array(logits)))


@validated(logits=FINITE)
def log_sigmoid(logits: ArrayLike) -> Array:
    r""":math:`\log \sigma(\ell) = -\operatorname{softplus}(-\ell)`."""
    return -softplus(-checked_array(logits))


@validated(d=PROBABILITIES)
def logit(d: ArrayLike) -> Array:
    r""":math:`\sigma^{-1}(D) = \log(D / (1 - D))` for :math:`D \in (0, 1)`."""
    da = checked_array(d)
    if ((da == 0) | (da == 1)).any():
        raise ValueError("d must lie in the open interval (0, 1): the logit is infinite at D = 0 or D = 1")
    return np.asarray(special.logit(da))


@validated(logits=FINITE, targets=PROBABILITIES)
def bce_with_logits(logits: ArrayLike, targets: ArrayLike) -> Array:
    r"""Binary cross-entropy of soft targets :math:`t \in [0, 1]`, from logits.

    .. math::
        \text{BCE}(\ell, t) = -t \log \sigma(\ell) - (1 - t) \log(1 - \sigma(\ell))
                            = t \operatorname{softplus}(-\ell) + (1 - t) \operatorname{softplus}(\ell)

    The last form is computed: both terms are non-negative, so it keeps full
    relative accuracy where the loss is tiny. The equal form
    :math:`\operatorname{softplus}(\ell) - t\,\ell` cancels there: at
    :math:`\ell = 34`, :math:`t = 1` it gives 0 instead of
    :math:`\log(1 + e^{-34}) \approx 1.7 \times 10^{-15}`.
    """
    la = checked_array(logits)
    ta = broadcast_as(checked_array(targets), la.shape, ("targets", "logits"))
    return ta * softplus(-la) + (1.0 - ta) * softplus(la)


@validated(logits=FINITE, targets=PROBABILITIES)
def bce_logit_gradient(logits: ArrayLike, targets: ArrayLike) -> Array:
    r"""Derivative of :func:`bce_with_logits` with respect to the logit.

    .. math::
        \frac{\partial}{\partial \ell} \text{BCE}(\ell, t) = \sigma(\ell) - t

    It lies in :math:`[-1, 1]` for every finite logit, so the cross-entropy
    never saturates while the prediction is wrong: this is why the
    non-saturating generator cost (target 1 on fakes) keeps a gradient of
    size :math:`1 - D` when :math:`D(G(z)) \to 0` (Goodfellow 2016, §3.2.3).

    For :math:`\ell > 0` it is computed as :math:`(1 - t) - \sigma(-\ell)`:
    for large :math:`\ell`, :math:`\sigma(\ell)` rounds to 1, and
    :math:`\sigma(\ell) - 1` would lose the :math:`-\sigma(-\ell) \approx -e^{-\ell}`
    that is the whole gradient at :math:`t = 1`. At :math:`\ell = 0` the direct
    :math:`\tfrac12 - t` is exact for :math:`t \in [\tfrac14, 1]` (Sterbenz), where
    :math:`(1 - t) - \tfrac12` rounds :math:`1 - t` first.
    """
    la = checked_array(logits)
    ta = broadcast_as(checked_array(targets), la.shape, ("targets", "logits"))
    return np.asarray(np.where(la > 0, (1.0 - ta) - special.expit(-la), special.expit(la) - ta))


@validated(real_logits=FINITE, fake_logits=FINITE, real_target=UNIT, fake_target=UNIT)
def discriminator_loss(
    real_logits: ArrayLike,
    fake_logits: ArrayLike,
    *,
    real_target: float = 1.0,
    fake_target: float = 0.0,
) -> float:
    r"""Discriminator loss: the sum of the mean BCE on real and on fake samples.

    .. math::
        L_D = -\overline{\log D(x)} - \overline{\log(1 - D(G(z)))}

    with hard targets; this is :math:`-V` estimated on a batch (document
    000's ``d_loss``). Its equilibrium value, at :math:`D \equiv \tfrac12`, is
    :math:`\log 4`. Soft targets give label smoothing (Salimans et al. 2016
    use ``real_target=0.9``, ``fake_target=0``).
    """
    real = bce_with_logits(real_logits, real_target)
    fake = bce_with_logits(fake_logits, fake_target)
    return float(real.mean() + fake.mean())


@validated(fake_logits=FINITE)
def generator_loss_minimax(fake_logits: ArrayLike) -> Array:
    r"""Minimax generator cost :math:`\log(1 - D(G(z))) = -\operatorname{softplus}(\ell)`, minimised by G."""
    return -softplus(checked_array(fake_logits))


@validated(fake_logits=FINITE)
def generator_loss_nonsaturating(fake_logits: ArrayLike) -> Array:
    r"""Non-saturating generator cost :math:`-\log D(G(z)) = \operatorname{softplus}(-\ell)`, minimised by G."""
    return softplus(-checked_array(fake_logits))


@validated(fake_logits=FINITE)
def generator_loss_maximum_likelihood(fake_logits: ArrayLike) -> Array:
    r"""Maximum-likelihood generator cost :math:`-\exp(\sigma^{-1}(D)) = -e^{\ell} = -D/(1-D)` (tutorial §3.2.4).

    It is also its own derivative in :math:`\ell`.

    Raises
    ------
    ValueError
        If :math:`e^{\ell}` overflows float64 (:math:`\ell > \log(\text{max float}) \approx 709.78`).
    """
    la = checked_array(fake_logits)
    with np.errstate(over="raise"):
        try:
            return -np.exp(la)
        except FloatingPointError:
            raise ValueError("fake_logits above ~709 are not supported: exp(logit) overflows float64") from None


@validated(real_out=FINITE, fake_out=FINITE, a=REAL, b=REAL)
def lsgan_discriminator_loss(real_out: ArrayLike, fake_out: ArrayLike, a: float, b: float) -> float:
    r"""Least-squares discriminator loss (Mao et al. 2017).

    .. math::
        \tfrac12 \overline{(D(x) - b)^2} + \tfrac12 \overline{(D(G(z)) - a)^2}
    """
    r = checked_array(real_out)
    f = checked_array(fake_out)
    return float(0.5 * ((r - b) ** 2).mean() + 0.5 * ((f - a) ** 2).mean())


@validated(fake_out=FINITE, c=REAL)
def lsgan_generator_loss(fake_out: ArrayLike, c: float) -> Array:
    r"""Least-squares generator cost per sample, :math:`\tfrac12 (D(G(z)) - c)^2`."""
    return 0.5 * (checked_array(fake_out) - c) ** 2


@validated(rho=UNIT)
def expected_flipped_targets(rho: float) -> tuple[float, float]:
    r"""Targets that random label flipping with probability :math:`\rho` gives in expectation.

    Flipping each label independently with probability :math:`\rho` makes the
    expected BCE equal to the BCE with soft targets :math:`(1 - \rho, \rho)`
    for real and fake samples, because BCE is linear in its target.
    """
    r = float(rho)
    return 1.0 - r, r


@validated(targets=PROBABILITIES, rho=UNIT, rng=generator)
def flip_labels(targets: ArrayLike, rho: float, rng: np.random.Generator) -> Array:
    r"""Replace each hard label :math:`t` by :math:`1 - t` with probability :math:`\rho`."""
    t = checked_array(targets)
    flip = rng.random(t.shape) < rho
    return np.where(flip, 1.0 - t, t)


@validated(p=NONNEGATIVE_VECTOR, q=NONNEGATIVE_VECTOR, real_target=UNIT, fake_target=UNIT)
def smoothed_optimal_discriminator(
    p: ArrayLike, q: ArrayLike, *, real_target: float = 1.0, fake_target: float = 0.0
) -> Array:
    r"""Optimal discriminator for the cross-entropy with soft targets.

    Minimising :math:`\mathbb E_{p}[\text{BCE}(D, \alpha)] + \mathbb E_{q}[\text{BCE}(D, \beta)]`
    pointwise over :math:`D` gives (Salimans et al. 2016, §3.4)

    .. math::
        D^*_{\alpha,\beta}(x) = \frac{\alpha\, p(x) + \beta\, q(x)}{p(x) + q(x)}
                              = \beta + (\alpha - \beta)\, D^*(x),

    with :math:`D^* = p/(p+q)` the hard-label optimum; it lies between
    :math:`\beta` and :math:`\alpha`.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Non-negative values of :math:`p_{data}` and :math:`p_g` at the same points.
    real_target, fake_target : float
        :math:`\alpha` and :math:`\beta` in :math:`[0, 1]`.

    Returns
    -------
    ndarray, shape (n,)
        Where :math:`p + q = 0` the value :math:`(\alpha + \beta)/2` (any value is optimal there).
    """
    pa, qa = same_shape(p, q)
    alpha, beta = float(real_target), float(fake_target)
    with np.errstate(over="ignore"):
        total = pa + qa
    # p/(p + q) is scale-free: where p + q overflows, both are divided by the larger first
    big = np.isinf(total)
    if big.any():
        scale = np.maximum(pa[big], qa[big])
        pa, qa = pa.copy(), qa.copy()
        pa[big], qa[big] = pa[big] / scale, qa[big] / scale
        total[big] = pa[big] + qa[big]
    out = np.full_like(total, 0.5 * (alpha + beta))
    live = total > 0
    out[live] = beta + (alpha - beta) * (pa[live] / total[live])
    return out


@validated(p=NONNEGATIVE_VECTOR, q=NONNEGATIVE_VECTOR, real_target=UNIT, fake_target=UNIT)
def smoothed_virtual_criterion(p: ArrayLike, q: ArrayLike, *, real_target: float, fake_target: float) -> float:
    r"""The generator's criterion under soft labels, :math:`C_{\alpha,\beta}(q) = \max_D V_{\alpha,\beta}(D, q)`.

    With targets :math:`\alpha` (real) and :math:`\beta` (fake), the discriminator maximises

    .. math::
        V_{\alpha,\beta}(D, q) = \sum_x p\,[\alpha \log D + (1 - \alpha) \log(1 - D)]
                                 + q\,[\beta \log D + (1 - \beta) \log(1 - D)],

    whose maximum, at :math:`D^* = A/(A + B)` (:func:`smoothed_optimal_discriminator`), is

    .. math::
        C_{\alpha,\beta}(q) = \sum_x A \log\frac{A}{A + B} + B \log\frac{B}{A + B},
        \qquad A = \alpha p + \beta q,\ B = (1 - \alpha) p + (1 - \beta) q,

    with :math:`0 \log 0 = 0`. Hard labels (1, 0) give :func:`gantheory.discriminator.virtual_criterion`
    (Goodfellow et al. 2014, Thm. 1); soft ones are label smoothing (Salimans et al. 2016, §3.4).

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Non-negative values of :math:`p_{data}` and :math:`p_g` (probability vectors).
    real_target, fake_target : float
        :math:`\alpha, \beta \in [0, 1]`.

    Returns
    -------
    float
    """
    pa, qa = same_shape(p, q)
    alpha, beta = float(real_target), float(fake_target)
    a = alpha * pa + beta * qa
    b = (1 - alpha) * pa + (1 - beta) * qa
    total = a + b
    # where A + B = 0 both terms are 0·log 0 = 0: only the other points contribute
    live = total > 0
    a, b, total = a[live], b[live], total[live]
    return float(np.sum(special.xlogy(a, a / total)) + np.sum(special.xlogy(b, b / total)))


@validated(d_star=PROBABILITIES, real_target=UNIT, fake_target=UNIT)
def smoothing_gradient_factor(d_star: ArrayLike, *, real_target: float, fake_target: float) -> Array:
    r"""How much soft targets scale the non-saturating generator's pull at the optimal discriminator.

    With :math:`D^*_{\alpha,\beta} = \beta + (\alpha - \beta) D^*` (see
    :func:`smoothed_optimal_discriminator`), the generator's per-sample
    gradient :math:`\nabla_x \log D` changes by the factor

    .. math::
        R = \frac{\nabla_x \log D^*_{\alpha,\beta}}{\nabla_x \log D^*}
          = \frac{(\alpha - \beta)\, D^*}{\beta + (\alpha - \beta)\, D^*}.

    :math:`R \equiv 1` when :math:`\beta = 0` (one-sided smoothing), while for
    :math:`\beta > 0`, :math:`R \to 0` where :math:`D^* \to 0`: samples far
    from the data stop being pulled toward it (Salimans et al. 2016, §3.4).

    Parameters
    ----------
    d_star : array_like
        Hard-label optimal discriminator values in :math:`(0, 1]`.
    real_target, fake_target : float
        :math:`\alpha > \beta \ge 0`.
    """
    d = checked_array(d_star)
    if (d == 0).any():
        raise ValueError("d_star must be positive: log D* and its gradient are undefined at D* = 0")
    alpha, beta = float(real_target), float(fake_target)
    if not alpha > beta:
        raise ValueError(f"real_target must exceed fake_target, got {alpha!r} and {beta!r}")
    return np.asarray((alpha - beta) * d / (beta + (alpha - beta) * d))


@dataclass(frozen=True)
class GeneratorCost:
    r"""A per-sample generator cost as a function of :math:`D` and of the logit :math:`\ell`.

    Attributes
    ----------
    name : str
        Short identifier (``"minimax"``, ``"non-saturating"``, ``"maximum-likelihood"``).
    of_output : callable
        Cost as a function of :math:`D \in (0, 1)`.
    d_output : callable
        :math:`\partial \text{cost} / \partial D`.
    of_logit : callable
        Cost as a function of :math:`\ell`.
    d_logit : callable
        :math:`\partial \text{cost} / \partial \ell`.
    """

    name: str
    of_output: Callable[[Array], Array]
    d_output: Callable[[Array], Array]
    of_logit: Callable[[ArrayLike], Array]
    d_logit: Callable[[Array], Array]


# The costs as functions of D ∈ (0, 1), and their derivatives in D and in the logit.


@validated(d=OPEN_PROBABILITIES)
def _minimax_of_output(d: ArrayLike) -> Array:
    return np.log1p(-np.asarray(d, dtype=np.float64))


@validated(d=OPEN_PROBABILITIES)
def _minimax_d_output(d: ArrayLike) -> Array:
    return -1.0 / (1.0 - np.asarray(d, dtype=np.float64))


@validated(ell=FINITE)
def _minimax_d_logit(ell: ArrayLike) -> Array:
    return -special.expit(np.asarray(ell, dtype=np.float64))


@validated(d=OPEN_PROBABILITIES)
def _nonsaturating_of_output(d: ArrayLike) -> Array:
    return -np.log(np.asarray(d, dtype=np.float64))


@validated(d=OPEN_PROBABILITIES)
def _nonsaturating_d_output(d: ArrayLike) -> Array:
    return -1.0 / np.asarray(d, dtype=np.float64)


@validated(ell=FINITE)
def _nonsaturating_d_logit(ell: ArrayLike) -> Array:
    return -special.expit(-np.asarray(ell, dtype=np.float64))


@validated(d=OPEN_PROBABILITIES)
def _maximum_likelihood_of_output(d: ArrayLike) -> Array:
    da = np.asarray(d, dtype=np.float64)
    return -da / (1.0 - da)


@validated(d=OPEN_PROBABILITIES)
def _maximum_likelihood_d_output(d: ArrayLike) -> Array:
    return -1.0 / (1.0 - np.asarray(d, dtype=np.float64)) ** 2


def _generator_costs() -> dict[str, GeneratorCost]:
    return {
        "minimax": GeneratorCost(
            "minimax",
            of_output=_minimax_of_output,
            d_output=_minimax_d_output,
            of_logit=generator_loss_minimax,
            d_logit=_minimax_d_logit,
        ),
        "non-saturating": GeneratorCost(
            "non-saturating",
            of_output=_nonsaturating_of_output,
            d_output=_nonsaturating_d_output,
            of_logit=generator_loss_nonsaturating,
            d_logit=_nonsaturating_d_logit,
        ),
        "maximum-likelihood": GeneratorCost(
            "maximum-likelihood",
            of_output=_maximum_likelihood_of_output,
            d_output=_maximum_likelihood_d_output,
            of_logit=generator_loss_maximum_likelihood,
            # d(−e^ℓ)/dℓ = −e^ℓ: the same function, with its check that e^ℓ does not overflow
            d_logit=generator_loss_maximum_likelihood,
        ),
    }


#: The generator costs of Goodfellow's tutorial (§3.2.6), keyed by name.
GENERATOR_COSTS: dict[str, GeneratorCost] = _generator_costs()


#: Smallest difference of two expected costs that counts as a preference (float64 ties are ignored).
PREFERENCE_MARGIN = 1e-9


@validated(
    cost_a=function,
    cost_b=function,
    first=array(ndim=1, gt=0.0, lt=1.0),
    second=array(ndim=1, gt=0.0, lt=1.0),
    margin=NONNEGATIVE,
)
def ranks_differently(
    cost_a: Callable[[Array], Array],
    cost_b: Callable[[Array], Array],
    first: ArrayLike,
    second: ArrayLike,
    *,
    margin: float = PREFERENCE_MARGIN,
) -> bool:
    r"""Whether two expected generator costs prefer different generators of a pair.

    With the discriminator fixed, a generator is described by the outputs
    :math:`D(G(z))` on its samples, equally likely; its objective under a cost
    :math:`c` is the mean :math:`\mathbb E[c(D)]`, which G minimises. The two
    costs disagree on generators :math:`A, B` when

    .. math::
        \Delta_a = \mathbb E_A[c_a] - \mathbb E_B[c_a], \quad
        \Delta_b = \mathbb E_A[c_b] - \mathbb E_B[c_b], \qquad
        |\Delta_a| > m,\ |\Delta_b| > m,\ \Delta_a \Delta_b < 0.

    Costs that are increasing functions of one another per sample agree on
    one-sample generators, but need not agree on means: :math:`\log(1 - D)`
    and :math:`-\log D` weigh samples differently (Goodfellow 2016, §3.2.3).

    Parameters
    ----------
    cost_a, cost_b : callable
        Per-sample costs, elementwise on arrays of :math:`D \in (0, 1)`.
    first, second : array_like, shape (n,) and (m,)
        The two generators' values of :math:`D(G(z))`, in :math:`(0, 1)`.
    margin : float
        :math:`m \ge 0`: differences up to it are ties.

    Returns
    -------
    bool
    """
    a, b = checked_array(first), checked_array(second)
    da = float(cost_a(a).mean() - cost_a(b).mean())
    db = float(cost_b(a).mean() - cost_b(b).mean())
    return (da > margin and db < -margin) or (da < -margin and db > margin)
