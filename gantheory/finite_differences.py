r"""Central-difference gradients of scalar functions of an array.

An oracle for gradients written out by hand: every entry of the argument is
moved by :math:`\pm h` in turn, and nothing about the function is assumed but
its smoothness near the point.

References
----------
.. [1] J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed.,
   Springer 2006, §8.1 (central differences: truncation error
   :math:`O(h^2)`, rounding error :math:`O(\epsilon |f| / h)`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gantheory._validation import FINITE, POSITIVE, as_float_array, function, validated

__all__ = ["central_difference_gradient"]


@validated(f=function, x=FINITE, step=POSITIVE)
def central_difference_gradient(
    f: Callable[[NDArray[np.float64]], float], x: ArrayLike, *, step: float = 1e-6
) -> NDArray[np.float64]:
    r"""The central-difference gradient of a scalar function :math:`f` at :math:`x`.

    .. math::
        \frac{\partial f}{\partial x_i}(x) \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}

    for every index :math:`i` of :math:`x` (:math:`e_i` the array with a 1 at
    :math:`i`, zeros elsewhere); :math:`x + h e_i` is evaluated before
    :math:`x - h e_i`.

    Parameters
    ----------
    f : callable
        ``f(array) -> float``, smooth on the box :math:`x \pm h`. It receives a
        fresh copy of :math:`x` at each evaluation, so it may keep or alter it.
    x : array_like, any shape, finite
    step : float
        :math:`h > 0` (normal float). Truncation error
        :math:`h^2 |\partial_i^3 f| / 6`, rounding error about
        :math:`\epsilon |f| / h`: the default suits float64 functions of size ~1.

    Returns
    -------
    ndarray of float64, the shape of ``x``
    """
    xa = as_float_array(x, name="x")
    grad = np.zeros_like(xa)
    for idx in np.ndindex(xa.shape):
        values = []
        for sign in (1.0, -1.0):
            moved = xa.copy()
            moved[idx] += sign * step
            values.append(float(f(moved)))
        grad[idx] = (values[0] - values[1]) / (2 * step)
    return grad
