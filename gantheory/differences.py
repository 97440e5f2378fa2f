r"""Finite-difference derivatives of scalar functions.

The GAN theorems about expected generator gradients (Arjovsky & Bottou 2017,
Theorems 2.4–2.5; the maximum-likelihood cost of Goodfellow 2016, §3.2.4)
differentiate quadratures in a generator parameter; a high-order central
difference keeps the truncation error below the quadrature's.

References
----------
.. [1] B. Fornberg, "Generation of finite difference formulas on arbitrarily
   spaced grids", Math. Comp. 51(184), 1988 (the five-point stencil).
"""

from __future__ import annotations

from collections.abc import Callable

from gantheory._validation import POSITIVE, REAL, function, validated

__all__ = ["five_point_derivative"]


@validated(f=function, x=REAL, h=POSITIVE)
def five_point_derivative(f: Callable[[float], float], x: float, h: float = 1e-3) -> float:
    r"""The five-point central difference of :math:`f` at :math:`x`.

    .. math::
        f'(x) \approx \frac{-f(x + 2h) + 8 f(x + h) - 8 f(x - h) + f(x - 2h)}{12 h},

    with truncation error :math:`h^4 f^{(5)}(\xi)/30` and rounding error about
    :math:`\epsilon |f| / h`.

    Parameters
    ----------
    f : callable
        A real function of one real variable, smooth on :math:`[x - 2h, x + 2h]`.
    x : float
    h : float
        Step, > 0.

    Returns
    -------
    float
    """
    return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h)
