r"""The smooth compactly supported bump function, for perturbations of a discriminator.

.. math::
    \psi(u) = \begin{cases} \exp\big(-1/(1 - u^2)\big) & |u| < 1 \\ 0 & |u| \ge 1 \end{cases}

is :math:`C^\infty` on :math:`\mathbb R` with support :math:`[-1, 1]`. Scaled and
shifted, it gives a perturbation :math:`\delta` of a discriminator with prescribed
norm :math:`\sup|\delta| + \sup|\delta'|` placed exactly where a generator's samples
lie, which is how Arjovsky & Bottou's (2017) Theorem 2.4 is put to the test: its
bound holds for every :math:`D` with :math:`\lVert D - D^*\rVert < \varepsilon`.

References
----------
.. [1] M. Arjovsky and L. Bottou, "Towards Principled Methods for Training
   Generative Adversarial Networks", ICLR 2017, arXiv:1701.04862, Theorem 2.4.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from gantheory._validation import FINITE, validated

__all__ = ["bump", "bump_derivative", "bump_steepest_point"]

Array = NDArray[np.float64]


@validated(u=FINITE)
def bump(u: ArrayLike) -> Array:
    r"""The bump :math:`\psi(u) = \exp(-1/(1 - u^2))` on :math:`(-1, 1)`, 0 outside; elementwise.

    Its maximum is :math:`\psi(0) = e^{-1}`.
    """
    ua = np.asarray(u, dtype=np.float64)
    out = np.zeros_like(ua)
    inside = np.abs(ua) < 1
    out[inside] = np.exp(-1.0 / (1.0 - ua[inside] ** 2))
    return out


@validated(u=FINITE)
def bump_derivative(u: ArrayLike) -> Array:
    r""":math:`\psi'(u) = \psi(u) \cdot \big(-2u / (1 - u^2)^2\big)` on :math:`(-1, 1)`, 0 outside; elementwise."""
    ua = np.asarray(u, dtype=np.float64)
    out = np.zeros_like(ua)
    inside = np.abs(ua) < 1
    ui = ua[inside]
    out[inside] = np.exp(-1.0 / (1.0 - ui**2)) * (-2.0 * ui / (1.0 - ui**2) ** 2)
    return out


@cache
def bump_steepest_point() -> tuple[float, float]:
    r"""Where the bump falls fastest on :math:`(0, 1)`, and its slope there.

    Returns
    -------
    u_star : float
        The minimiser of :math:`\psi'` on :math:`(0, 1)`, by bounded scalar minimisation
        (to :math:`10^{-12}`); it solves :math:`3u^4 = 1`, :math:`u^* = 3^{-1/4} \approx 0.7598`.
    slope : float
        :math:`\sup_u |\psi'(u)| = -\psi'(u^*)`.
    """
    res = optimize.minimize_scalar(
        lambda u: float(bump_derivative(np.array([u]))[0]),
        bounds=(0.05, 0.95),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return float(res.x), float(-res.fun)
