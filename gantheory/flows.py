r"""Goodfellow et al. (2014), Proposition 2, in function space on a finite support.

The generator is the probability vector :math:`q = p_g` itself ("enough
capacity"). At every step the discriminator is set to its optimum for the
current generator, :math:`D^*_q = p/(p + q)`, and :math:`q` takes a step that
improves

.. math::
    U(q, D) = \sum_x p(x) \log D(x) + q(x) \log(1 - D(x)),

which is linear (so convex) in :math:`q`. Its gradient in :math:`q` at
:math:`D = D^*_q` is :math:`\log(1 - D^*_q(x)) = \log\frac{q(x)}{p(x) + q(x)}`,
which is also the gradient of :math:`C(q) = \max_D U(q, D)` (the envelope
argument of the proof: the derivative of a supremum of convex functions at a
point contains the derivative of the maximising function there).

The step is exponentiated-gradient (entropic mirror) descent on the simplex,

.. math::
    q_{t+1}(x) \propto q_t(x)\, \exp\bigl(-\eta\, g_t(x)\bigr)
              = q_t(x)^{1-\eta}\bigl(p(x) + q_t(x)\bigr)^{\eta}
    \quad\text{for } g_t = \log(1 - D^*_{q_t}),

which stays in the simplex without projection. With :math:`\eta = 1` it is the
averaging :math:`q_{t+1} = (p + q_t)/2`.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Prop. 2 and its proof.
.. [2] A. Beck and M. Teboulle, "Mirror descent and nonlinear projected
   subgradient methods for convex optimization", Oper. Res. Lett. 31(3), 2003.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from gantheory._validation import (
    COUNT,
    PMF,
    POSITIVE,
    PROBABILITIES_OR_NONE,
    as_pmf_pair,
    check_positive,
    choice,
    function,
    one_of,
    validated,
)
from gantheory.discriminator import optimal_discriminator
from gantheory.divergences import LOG2

__all__ = ["FlowResult", "criterion_gradient", "function_space_descent"]

Array = NDArray[np.float64]
DiscriminatorRule = Callable[[Array, Array], Array]


@validated(p=PMF, q=PMF, d=PROBABILITIES_OR_NONE)
def criterion_gradient(p: ArrayLike, q: ArrayLike, d: ArrayLike | None = None) -> Array:
    r"""Gradient of :math:`U(q, D)` in :math:`q`: :math:`\log(1 - D(x))`.

    .. math::
        \frac{\partial U}{\partial q(x)} = \log(1 - D(x)),
        \qquad \text{at } D = D^*_q:\ \log\frac{q(x)}{p(x) + q(x)}

    Parameters
    ----------
    p, q : array_like, shape (n,)
        :math:`p_{data}` and :math:`p_g`.
    d : array_like, shape (n,), optional
        Discriminator values in [0, 1]; :math:`D^*_q` when omitted.

    Returns
    -------
    ndarray, shape (n,)
        Non-positive; ``-inf`` where :math:`D(x) = 1` (at :math:`D^*_q`: where :math:`q(x) = 0 < p(x)`).
    """
    pa, qa = as_pmf_pair(p, q, names=("p", "q"))
    return _log_one_minus(optimal_discriminator(pa, qa) if d is None else d, pa.shape)


def _log_one_minus(d: ArrayLike, shape: tuple[int, ...]) -> Array:
    da = np.asarray(d, dtype=np.float64)
    if da.shape != shape:
        raise ValueError(f"d must have the shape of p, {shape}, got {da.shape}")
    if not np.all(np.isfinite(da)) or np.any((da < 0) | (da > 1)):
        raise ValueError("d must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        return np.log1p(-da)


@dataclass(frozen=True)
class FlowResult:
    """Iterates of :func:`function_space_descent`.

    Attributes
    ----------
    q : ndarray, shape (steps + 1, n)
        The generator's pmf at every step (row 0 is the start).
    js : ndarray, shape (steps + 1,)
        :math:`D_{JS}(p_{data} \\| q_t)` in nats.
    criterion : ndarray, shape (steps + 1,)
        :math:`C(q_t) = -\\log 4 + 2 D_{JS}` (Goodfellow et al. 2014, Thm 1).
    tv : ndarray, shape (steps + 1,)
        Total variation :math:`\\delta(p_{data}, q_t)`.
    """

    q: Array
    js: Array
    criterion: Array
    tv: Array


@validated(
    p_data=PMF,
    p_g=PMF,
    step=POSITIVE,
    steps=COUNT,
    discriminator=one_of(choice("optimal"), function),
    direction=choice("descent", "ascent"),
)
def function_space_descent(
    p_data: ArrayLike,
    p_g: ArrayLike,
    *,
    step: float = 0.5,
    steps: int = 200,
    discriminator: DiscriminatorRule | Literal["optimal"] = "optimal",
    direction: Literal["descent", "ascent"] = "descent",
) -> FlowResult:
    r"""Exponentiated-gradient steps on :math:`p_g`, with the discriminator reset every step.

    .. math::
        D_t = \text{discriminator}(p, q_t), \qquad
        q_{t+1} \propto q_t \exp\bigl(\mp\eta \log(1 - D_t)\bigr)

    (``-`` for descent, ``+`` for ascent).

    Parameters
    ----------
    p_data, p_g : array_like, shape (n,)
        Target and initial pmfs. :math:`p_g` must be positive wherever
        :math:`p_{data}` is: a multiplicative update cannot create mass.
    step : float
        :math:`\eta > 0`.
    steps : int
        Number of updates.
    discriminator : "optimal" or callable
        ``"optimal"`` recomputes :math:`D^*_{q_t} = p/(p + q_t)` each step
        (Prop. 2's hypothesis); a callable ``(p, q) -> D`` replaces it (for
        instance a discriminator frozen at its initial optimum).
    direction : {"descent", "ascent"}

    Returns
    -------
    FlowResult
    """
    p, q = as_pmf_pair(p_data, p_g, names=("p_data", "p_g"))
    eta = check_positive(step, name="step")
    n_steps = int(steps)
    if n_steps < 1 or n_steps != steps:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    if direction not in ("descent", "ascent"):
        raise ValueError(f"direction must be 'descent' or 'ascent', got {direction!r}")
    if np.any((p > 0) & (q == 0)):
        raise ValueError("p_g must be positive wherever p_data is (a multiplicative update cannot create mass)")
    sign = -1.0 if direction == "descent" else 1.0
    rule: DiscriminatorRule = optimal_discriminator if discriminator == "optimal" else discriminator  # type: ignore[assignment]

    qs = np.empty((n_steps + 1, p.size))
    qs[0] = q
    for t in range(n_steps):
        if discriminator == "optimal":
            # log(1 − D*) = log q − log(p + q), without re-validating p and q at every step
            with np.errstate(divide="ignore", invalid="ignore"):
                g = np.log(q) - np.log(p + q)
            g = np.where(q > 0, g, 0.0)  # where q = 0 the update keeps it 0 whatever g is
        else:
            g = _log_one_minus(rule(p, q), p.shape)
        # log-domain update; the shift by the max keeps exp() in range
        with np.errstate(divide="ignore", invalid="ignore"):
            logq = np.log(q) + sign * eta * g
        if np.isnan(logq).any() or not np.isfinite(logq).any():
            raise FloatingPointError(f"the update left the simplex at step {t + 1} (a coordinate under- or overflowed)")
        finite = np.isfinite(logq)
        logq = np.where(finite, logq - logq[finite].max(), -np.inf)
        q = np.exp(logq)
        q = q / q.sum()
        qs[t + 1] = q
    js = _js_rows(p, qs)
    return FlowResult(qs, js, 2.0 * js - 2.0 * LOG2, np.clip(0.5 * np.abs(qs - p).sum(axis=1), 0.0, 1.0))


def _js_rows(p: Array, qs: Array) -> Array:
    """JS(p ‖ q_t) for every row, as :func:`gantheory.divergences.js_divergence` computes it (rows are pmfs)."""
    m = 0.5 * (p + qs)
    value = 0.5 * special.kl_div(p, m).sum(axis=1) + 0.5 * special.kl_div(qs, m).sum(axis=1)
    return np.clip(value, 0.0, LOG2)
