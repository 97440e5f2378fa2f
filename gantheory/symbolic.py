r"""Sympy forms of the GAN objects, pointwise in the densities.

Integrals over :math:`x` are linear, so identities between GAN functionals
reduce to identities between their integrands at a single point, with
:math:`a = p_{data}(x) > 0`, :math:`b = p_g(x) > 0` and :math:`y = D(x) \in (0, 1)`.
The symbols carry those assumptions (``positive=True``), which sympy needs
to combine logarithms.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, Prop. 1, Thm. 1.
.. [2] I. Goodfellow, "NIPS 2016 Tutorial: GANs", arXiv:1701.00160, §3.2.
.. [3] S. Nowozin, B. Cseke and R. Tomioka, "f-GAN: Training Generative Neural Samplers using Variational
   Divergence Minimization", NeurIPS 2016, arXiv:1606.00709, Eq. (2).
.. [4] X. Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017, arXiv:1611.04076, §3.2.
"""

from __future__ import annotations

import sympy as sp

from gantheory._validation import expression, validated

__all__ = [
    "a",
    "b",
    "criterion_integrand",
    "ell",
    "f_divergence_integrand",
    "generator_costs_of_logit",
    "js_integrand",
    "kl_integrand",
    "lsgan_criterion_integrand",
    "optimal_discriminator",
    "sigmoid",
    "u",
    "value_integrand",
    "y",
]

#: :math:`p_{data}(x)` and :math:`p_g(x)` at one point.
a, b = sp.symbols("a b", positive=True)
#: A discriminator output :math:`D(x)`, between 0 and 1.
y = sp.Symbol("y", positive=True)
#: A density ratio :math:`u = p/q > 0` (the argument of an f-divergence generator).
u = sp.Symbol("u", positive=True)
#: A logit :math:`\ell = \sigma^{-1}(D)`.
ell = sp.Symbol("ell", real=True)


@validated(x=expression)
def sigmoid(x: sp.Expr) -> sp.Expr:
    r""":math:`\sigma(x) = 1/(1 + e^{-x})`."""
    return 1 / (1 + sp.exp(-x))


@validated(p=expression, q=expression, d=expression)
def value_integrand(p: sp.Expr = a, q: sp.Expr = b, d: sp.Expr = y) -> sp.Expr:
    r"""Integrand of :math:`V(D, G)`: :math:`p \log D + q \log(1 - D)`."""
    return p * sp.log(d) + q * sp.log(1 - d)


@validated(p=expression, q=expression)
def optimal_discriminator(p: sp.Expr = a, q: sp.Expr = b) -> sp.Expr:
    r""":math:`D^* = p / (p + q)`."""
    return p / (p + q)


@validated(p=expression, q=expression)
def criterion_integrand(p: sp.Expr = a, q: sp.Expr = b) -> sp.Expr:
    r"""Integrand of :math:`C(G)`: :math:`p \log\frac{p}{p+q} + q \log\frac{q}{p+q}`."""
    return p * sp.log(p / (p + q)) + q * sp.log(q / (p + q))


@validated(p=expression, q=expression)
def kl_integrand(p: sp.Expr = a, q: sp.Expr = b) -> sp.Expr:
    r"""Integrand of :math:`D_{KL}(P\|Q)`: :math:`p \log(p/q)`."""
    return p * sp.log(p / q)


@validated(p=expression, q=expression)
def js_integrand(p: sp.Expr = a, q: sp.Expr = b) -> sp.Expr:
    r"""Integrand of :math:`D_{JS}`.

    .. math::
        \tfrac12 p \log\frac{p}{m} + \tfrac12 q \log\frac{q}{m}, \qquad m = \tfrac12 (p + q)
    """
    m = (p + q) / 2
    return sp.Rational(1, 2) * kl_integrand(p, m) + sp.Rational(1, 2) * kl_integrand(q, m)


@validated(f=expression, p=expression, q=expression)
def f_divergence_integrand(f: sp.Expr, p: sp.Expr = a, q: sp.Expr = b) -> sp.Expr:
    r"""Integrand of :math:`D_f(P\|Q) = \int q f(p/q)` for a generator :math:`f(u)` in :data:`u` (f-GAN, Eq. 2).

    .. math::
        q \, f\!\left(\frac{p}{q}\right)
    """
    return q * sp.sympify(f).subs(u, p / q)


@validated(code_a=expression, code_b=expression, code_c=expression, p=expression, q=expression)
def lsgan_criterion_integrand(
    code_a: sp.Expr, code_b: sp.Expr, code_c: sp.Expr, p: sp.Expr = a, q: sp.Expr = b
) -> sp.Expr:
    r"""Integrand of LSGAN's generator criterion at the optimal least-squares discriminator (Mao et al. 2017, §3.2).

    With the labels :math:`a` (generated), :math:`b` (real) and :math:`c` (the generator's target):

    .. math::
        \tfrac12 (p + q) \left(D^* - c\right)^2, \qquad D^* = \frac{b\, p + a\, q}{p + q}

    (:func:`gantheory.discriminator.lsgan_criterion` sums it over a finite support).
    """
    d_star = (code_b * p + code_a * q) / (p + q)
    return sp.Rational(1, 2) * (p + q) * (d_star - code_c) ** 2


@validated(x=expression)
def generator_costs_of_logit(x: sp.Expr = ell) -> dict[str, sp.Expr]:
    r"""The tutorial's per-sample generator costs as functions of the logit :math:`\ell` (no ½ weight).

    minimax :math:`\log(1 - \sigma(\ell))`, non-saturating :math:`-\log \sigma(\ell)`,
    maximum likelihood :math:`-e^{\ell}`.
    """
    d = sigmoid(x)
    return {
        "minimax": sp.log(1 - d),
        "non-saturating": -sp.log(d),
        "maximum-likelihood": -sp.exp(x),
    }
