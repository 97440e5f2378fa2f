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

import numpy as np
import sympy as sp

from gantheory._validation import expression, instance, integer, real_or_symbol, validated

__all__ = [
    "a",
    "b",
    "binary_cross_entropy",
    "criterion_integrand",
    "derivative_sign",
    "ell",
    "f_divergence_integrand",
    "gaussian_expectation",
    "gaussian_integral",
    "generator_costs_of_logit",
    "generator_costs_of_output",
    "js_integrand",
    "kl_integrand",
    "lsgan_criterion_integrand",
    "normal_log_density",
    "of_logit",
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


def _expr(value: object) -> sp.Expr:
    """A validated argument as a sympy expression (a 0-d NumPy array by its value)."""
    if isinstance(value, sp.Basic):
        return value
    return sp.sympify(value.item() if isinstance(value, np.ndarray) else value)


@validated(d=expression, t=expression)
def binary_cross_entropy(d: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Binary cross-entropy of a prediction :math:`d \in (0, 1)` against a (soft) target :math:`t \in [0, 1]`.

    .. math:: \text{BCE}(d, t) = -t \log d - (1 - t) \log(1 - d)

    It is linear in :math:`t`, so a random target acts, in expectation, as its
    mean (label smoothing and flipping; Salimans et al. 2016, §3.4). The
    numeric form from logits is :func:`gantheory.losses.bce_with_logits`.
    """
    d, t = _expr(d), _expr(t)
    return -t * sp.log(d) - (1 - t) * sp.log(1 - d)


@validated(d=expression)
def generator_costs_of_output(d: sp.Expr = y) -> dict[str, sp.Expr]:
    r"""Per-sample generator costs as functions of :math:`D = D(G(z))` (no ½ weight); G minimises each.

    minimax :math:`\log(1 - D)` (the fake term of :math:`V`, Goodfellow et al. 2014, Eq. 1),
    non-saturating :math:`-\log D` (Goodfellow 2016, §3.2.3), maximum likelihood
    :math:`-D/(1 - D) = -\exp(\sigma^{-1}(D))` (§3.2.4), and ``raw D``, :math:`-D`:
    "maximise :math:`D(G(z))`" taken literally as an objective.
    :func:`of_logit` turns each into a function of the logit.
    """
    d = _expr(d)
    return {
        "minimax": sp.log(1 - d),
        "non-saturating": -sp.log(d),
        "maximum-likelihood": -d / (1 - d),
        "raw D": -d,
    }


@validated(expr=expression, x=expression)
def of_logit(expr: sp.Expr, x: sp.Expr = ell) -> sp.Expr:
    r"""An expression in :math:`y = D` rewritten as a function of the logit: :math:`y \mapsto \sigma(x)`.

    A discriminator that ends in a sigmoid passes the generator's parameters to
    a cost only through :math:`\ell`, so :math:`\partial/\partial\ell` of the
    result is what the generator receives.
    """
    return _expr(expr).subs(y, sigmoid(_expr(x)))


@validated(expr=expression, points=integer(ge=2))
def derivative_sign(expr: sp.Expr, points: int = 2001) -> tuple[sp.Expr, int]:
    r"""The derivative :math:`\mathrm d\,\text{expr}/\mathrm dy` and its sign on :math:`(0, 1)`.

    The derivative is sympy's; its sign is read at ``points`` equally spaced
    values of :math:`y` from :math:`10^{-6}` to :math:`1 - 10^{-6}`.

    Parameters
    ----------
    expr : sympy expression
        A function of :data:`y` (a discriminator output).
    points : int
        Grid size, at least 2.

    Returns
    -------
    derivative : sympy expression
    sign : int
        1 or −1 when the derivative has that sign at every grid point, else 0
        (it changes sign, vanishes, or is undefined somewhere).
    """
    grid = np.linspace(1e-6, 1 - 1e-6, points)
    deriv = sp.diff(_expr(expr), y)
    with np.errstate(all="ignore"):
        values = np.broadcast_to(np.asarray(sp.lambdify(y, deriv, "numpy")(grid), dtype=np.float64), grid.shape)
    signs = np.sign(values)
    return deriv, int(signs[0]) if np.all(signs == signs[0]) else 0


@validated(x=expression, mean=expression, sd=real_or_symbol(gt=0.0))
def normal_log_density(x: sp.Expr, mean: sp.Expr, sd: sp.Expr) -> sp.Expr:
    r"""The log-density of :math:`\mathcal N(\mu, \sigma^2)` at :math:`x`.

    .. math:: \log \varphi_{\mu,\sigma}(x) = -\frac{(x - \mu)^2}{2\sigma^2} - \log \sigma - \tfrac12 \log 2\pi
    """
    x, mean, sd = _expr(x), _expr(mean), _expr(sd)
    return -((x - mean) ** 2) / (2 * sd**2) - sp.log(sd) - sp.log(2 * sp.pi) / 2


def _quadratic_coefficients(expr: sp.Expr, x: sp.Symbol, name: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    try:
        poly = sp.Poly(sp.expand(_expr(expr)), x)
    except sp.PolynomialError as exc:
        raise ValueError(f"{name} must be a polynomial in {x}: {exc}") from None
    if poly.degree() > 2:
        raise ValueError(f"{name} must be at most quadratic in {x}, got degree {poly.degree()}")
    a, b, c = (poly.coeff_monomial(x**k) for k in (2, 1, 0))
    return a, b, c


@validated(exponent=expression, x=instance(sp.Symbol))
def gaussian_integral(exponent: sp.Expr, x: sp.Symbol) -> sp.Expr:
    r"""The integral over :math:`\mathbb R` of :math:`\exp` of a quadratic, by completing the square.

    .. math::
        \int_{-\infty}^{\infty} e^{A x^2 + B x + C}\,\mathrm dx = \sqrt{\frac{\pi}{-A}}\,
        \exp\Big(C - \frac{B^2}{4A}\Big), \qquad A < 0.

    It turns expectations of density ratios between Gaussians, such as the
    maximum-likelihood generator cost :math:`\mathbb E_{p_g}[-p_{data}/p_g]`
    (Goodfellow 2016, §3.2.4), into closed forms.

    Parameters
    ----------
    exponent : sympy expression
        Quadratic in ``x``; its :math:`x^2` coefficient must simplify to a negative expression.
    x : sympy.Symbol
        The integration variable.

    Raises
    ------
    ValueError
        If ``exponent`` is not exactly quadratic in ``x`` or sympy cannot show :math:`A < 0`.
    """
    a, b, c = _quadratic_coefficients(exponent, x, "exponent")
    if a == 0:
        raise ValueError(f"exponent must be quadratic in {x}, not {exponent}")
    if not sp.simplify(a).is_negative:
        raise ValueError(f"exponent: the {x}² coefficient {a} is not negative")
    return sp.sqrt(sp.pi / -a) * sp.exp(c - b**2 / (4 * a))


@validated(quadratic=expression, x=instance(sp.Symbol), mean=expression, var=real_or_symbol(ge=0.0))
def gaussian_expectation(quadratic: sp.Expr, x: sp.Symbol, mean: sp.Expr, var: sp.Expr) -> sp.Expr:
    r""":math:`\mathbb E[f(X)]` for a polynomial :math:`f` of degree ≤ 2 and :math:`X \sim \mathcal N(\mu, v)`.

    .. math:: \mathbb E[a X^2 + b X + c] = a (\mu^2 + v) + b \mu + c,

    from the first two moments; a log-density ratio of two Gaussians is such an
    :math:`f`, so KL divergences between Gaussians follow.

    Raises
    ------
    ValueError
        If ``quadratic`` is not a polynomial of degree ≤ 2 in ``x``.
    """
    a, b, c = _quadratic_coefficients(quadratic, x, "quadratic")
    mean, var = _expr(mean), _expr(var)
    return a * (mean**2 + var) + b * mean + c
