r"""The Dirac-GAN of Mescheder, Geiger and Nowozin (2018): vector fields, spectra, simulations.

The data distribution is a point mass at 0, the generator a point mass at
:math:`\theta` and the discriminator linear, :math:`D_\psi(x) = \psi x`. With
the general objective

.. math::
    L(\theta, \psi) = \mathbb E_{p_\theta}[f(D_\psi(x))] + \mathbb E_{p_D}[f(-D_\psi(x))]
                    = f(\psi\theta) + f(0),

the generator descends :math:`L` and the discriminator ascends it, so plain
gradient descent follows the vector field

.. math::
    v(\theta, \psi) = \bigl(-\partial_\theta L,\; \partial_\psi L\bigr)
                    = \bigl(-\psi f'(\psi\theta),\; \theta f'(\psi\theta)\bigr).

For the standard GAN :math:`f(t) = -\log(1 + e^{-t})`, so
:math:`f'(0) = \tfrac12` and :math:`f''(0) = -\tfrac14`; for the WGAN
:math:`f(t) = t`. The unique equilibrium is :math:`(\theta, \psi) = (0, 0)`.

Each field is a small frozen dataclass with a float64 ``vector`` (numpy,
broadcasting over arrays), a sympy ``symbolic_vector`` and a ``project``
step (weight clipping for the WGAN). :func:`jacobian_at_equilibrium` and
:func:`eigenvalues_at_equilibrium` linearise a field with sympy;
:func:`update_jacobian` linearises one step of simultaneous or alternating
gradient descent; :func:`simulate` runs either scheme and returns the
trajectory.

Parameters of a field (``gamma``, ``sigma``) may be floats for numerics or
sympy symbols for the symbolic methods (the numeric ones then raise).

References
----------
.. [1] L. Mescheder, A. Geiger, S. Nowozin, "Which Training Methods for GANs
   do actually Converge?", ICML 2018, arXiv:1801.04406, §2–§4 (the Dirac-GAN,
   Lemma 2.2 for simultaneous GD, Lemma 2.3/Thm 2.4 for alternating GD,
   Thm 4.1 for R1/R2).
.. [2] L. Mescheder, ``LMescheder/GAN_stability``, ``notebooks/diracgan``:
   the authors' vector fields and the simulation protocol (step 0.2, start
   (1, 1), 500 steps).
.. [3] L. Mescheder, S. Nowozin, A. Geiger, "The Numerics of GANs", NeurIPS
   2017, arXiv:1705.10461 (consensus optimisation).
.. [4] C. K. Sønderby et al., "Amortised MAP Inference for Image
   Super-resolution", ICLR 2017, arXiv:1610.04490 (instance noise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray
from scipy import special

from gantheory._validation import (
    COUNT,
    FINITE,
    HUGE,
    INTERVAL,
    NONNEGATIVE,
    NONNEGATIVE_COUNT,
    POSITIVE,
    array,
    as_float_array,
    check_positive,
    choice,
    each,
    generator,
    instance,
    one_of,
    real,
    real_or_symbol,
    validate_fields,
    validated,
)

__all__ = [
    "PSI",
    "THETA",
    "ConsensusGAN",
    "DiracField",
    "GradientPenaltyGAN",
    "InstanceNoiseGAN",
    "NonSaturatingGAN",
    "StandardGAN",
    "Trajectory",
    "WassersteinGAN",
    "WassersteinGANGP",
    "eigenvalues_at_equilibrium",
    "f_gan",
    "f_gan_prime",
    "f_gan_second",
    "jacobian_at_equilibrium",
    "make_field",
    "numeric_jacobian",
    "simulate",
    "spectral_radius",
    "update_jacobian",
]

Array = NDArray[np.float64]
Scheme = Literal["simultaneous", "alternating"]

#: The names :func:`make_field` knows.
FIELD_NAMES = ("gan", "nsgan", "wgan", "wgan-gp", "r1", "r2", "nsgan-r1", "instance-noise", "consensus")

#: The largest step :func:`simulate` takes: the fields are O(1) near the equilibrium,
#: so a step above it leaves the float64 range within a few iterations.
MAX_STEP = 1e3

#: The generator's parameter θ (the location of the point mass p_θ = δ_θ).
THETA = sp.Symbol("theta", real=True)
#: The discriminator's parameter ψ (the slope of D_ψ(x) = ψ x).
PSI = sp.Symbol("psi", real=True)


# ---------------------------------------------------------------------------
# The loss function f of the standard GAN
# ---------------------------------------------------------------------------


@validated(t=FINITE)
def f_gan(t: ArrayLike) -> Array:
    r""":math:`f(t) = -\log(1 + e^{-t}) = \log\sigma(t)`, computed as ``-logaddexp(0, -t)``."""
    return -np.logaddexp(0.0, -as_float_array(t, name="t"))


@validated(t=FINITE)
def f_gan_prime(t: ArrayLike) -> Array:
    r""":math:`f'(t) = \sigma(-t)`; :math:`f'(0) = \tfrac12`."""
    return np.asarray(special.expit(-as_float_array(t, name="t")), dtype=np.float64)


@validated(t=FINITE)
def f_gan_second(t: ArrayLike) -> Array:
    r""":math:`f''(t) = -\sigma(t)\sigma(-t)`; :math:`f''(0) = -\tfrac14`."""
    ta = as_float_array(t, name="t")
    return -special.expit(ta) * special.expit(-ta)


def _f_gan_symbolic(t: sp.Expr) -> sp.Expr:
    return -sp.log(1 + sp.exp(-t))


def _numeric(value: float | sp.Expr, name: str) -> float:
    try:
        return float(value)
    except TypeError:
        raise ValueError(f"{name} is symbolic ({value}); give a number for numeric evaluation") from None


def _sym(value: float | sp.Expr) -> sp.Expr:
    """A parameter for sympy: floats given as exact decimals become rationals."""
    if isinstance(value, sp.Basic):
        return value
    return sp.nsimplify(value, rational=True)


# ---------------------------------------------------------------------------
# Vector fields
# ---------------------------------------------------------------------------


class DiracField:
    r"""A gradient vector field :math:`v(\theta, \psi)` of the Dirac-GAN.

    Subclasses define :meth:`vector` (float64) and :meth:`symbolic_vector`
    (sympy); :meth:`project` is applied after every update (the identity
    except for weight clipping).
    """

    #: Short name used in reports.
    name: ClassVar[str] = "field"

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        """The field ``(v_θ, v_ψ)`` at ``(θ, ψ)``; arrays broadcast."""
        raise NotImplementedError

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        """The field as sympy expressions in ``theta`` and ``psi``."""
        raise NotImplementedError

    def project(self, theta: Array, psi: Array) -> tuple[Array, Array]:
        """Post-step projection (identity unless overridden)."""
        return theta, psi

    def symbolic_jacobian(self) -> sp.Matrix:
        r"""Jacobian :math:`\partial v / \partial(\theta, \psi)` at the equilibrium (0, 0)."""
        v1, v2 = self.symbolic_vector(THETA, PSI)
        jac = sp.Matrix([[sp.diff(v1, THETA), sp.diff(v1, PSI)], [sp.diff(v2, THETA), sp.diff(v2, PSI)]])
        return sp.simplify(jac.subs({THETA: 0, PSI: 0}))


def _xy(theta: ArrayLike, psi: ArrayLike) -> tuple[Array, Array]:
    return as_float_array(theta, name="theta"), as_float_array(psi, name="psi")


@dataclass(frozen=True)
class StandardGAN(DiracField):
    r"""The minimax GAN: :math:`v = (-\psi f'(\psi\theta), \theta f'(\psi\theta))`, :math:`f = \log\sigma`.

    Jacobian at (0, 0): :math:`\begin{pmatrix}0 & -f'(0)\\ f'(0) & 0\end{pmatrix}`,
    eigenvalues :math:`\pm f'(0) i = \pm i/2` (Mescheder et al. 2018, §2.2).
    """

    name: ClassVar[str] = "GAN"

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        fp = f_gan_prime(p * t)
        return -p * fp, t * fp

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        loss = _f_gan_symbolic(psi * theta)
        return -sp.diff(loss, theta), sp.diff(loss, psi)


@dataclass(frozen=True)
class NonSaturatingGAN(DiracField):
    r"""The non-saturating GAN: the generator descends :math:`-f(-\psi\theta)`.

    .. math::
        v = \bigl(-\psi f'(-\psi\theta),\; \theta f'(\psi\theta)\bigr)

    Same Jacobian at (0, 0) as :class:`StandardGAN` (eigenvalues :math:`\pm i/2`).
    """

    name: ClassVar[str] = "NS-GAN"

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        return -p * f_gan_prime(-p * t), t * f_gan_prime(p * t)

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        gen_loss = -_f_gan_symbolic(-psi * theta)
        disc_loss = _f_gan_symbolic(psi * theta)
        return -sp.diff(gen_loss, theta), sp.diff(disc_loss, psi)


@dataclass(frozen=True)
class WassersteinGAN(DiracField):
    r"""The WGAN, :math:`f(t) = t`: :math:`v = (-\psi, \theta)`, with :math:`\psi` clipped to :math:`[-c, c]`.

    Eigenvalues at (0, 0): :math:`\pm i` (clipping is inactive near the
    equilibrium). ``clip=None`` disables clipping; the authors' notebook
    uses ``clip=1``.
    """

    clip: float | None = 1.0
    name: ClassVar[str] = "WGAN"

    def __post_init__(self) -> None:
        validate_fields(self, clip=real(gt=0.0, optional=True))
        if self.clip is not None:
            check_positive(self.clip, name="clip")

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        return -p + 0.0 * t, t + 0.0 * p

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        loss = psi * theta
        return -sp.diff(loss, theta), sp.diff(loss, psi)

    def project(self, theta: Array, psi: Array) -> tuple[Array, Array]:
        if self.clip is None:
            return theta, psi
        return theta, np.clip(psi, -self.clip, self.clip)


@dataclass(frozen=True)
class WassersteinGANGP(DiracField):
    r"""WGAN with the gradient penalty :math:`\tfrac{\gamma}{2}(|\nabla_x D_\psi| - g_0)^2`.

    In the Dirac-GAN the penalty is :math:`\tfrac{\gamma}{2}(|\psi| - g_0)^2`, so

    .. math::
        v = \bigl(-\psi,\; \theta - \gamma(|\psi| - g_0)\operatorname{sign}\psi\bigr)

    Not differentiable at :math:`\psi = 0` when :math:`g_0 \ne 0`, so it has
    no Jacobian at the equilibrium: :meth:`symbolic_jacobian` raises.
    The authors' notebook uses :math:`\gamma = 0.7`, :math:`g_0 = 1`.
    """

    gamma: float = 0.7
    target: float = 1.0
    name: ClassVar[str] = "WGAN-GP"

    def __post_init__(self) -> None:
        validate_fields(self, gamma=POSITIVE, target=NONNEGATIVE)
        check_positive(self.gamma, name="gamma")
        if not np.isfinite(self.target) or self.target < 0:
            raise ValueError(f"target must be a finite non-negative number, got {self.target!r}")

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        return -p + 0.0 * t, t - self.gamma * (np.abs(p) - self.target) * np.sign(p)

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        g, g0 = _sym(self.gamma), _sym(self.target)
        return -psi, theta - g * (sp.Abs(psi) - g0) * sp.sign(psi)

    def symbolic_jacobian(self) -> sp.Matrix:
        if self.target != 0:
            raise ValueError(
                "the WGAN-GP field is not differentiable at psi = 0 (the penalty has a kink there): "
                "no Jacobian at the equilibrium"
            )
        return sp.Matrix([[0, -1], [1, -_sym(self.gamma)]])


@dataclass(frozen=True)
class GradientPenaltyGAN(DiracField):
    r"""GAN (or NS-GAN) with a zero-centred gradient penalty R1 or R2 of weight :math:`\gamma`.

    R1 penalises :math:`\tfrac{\gamma}{2}\mathbb E_{p_D}\|\nabla_x D_\psi\|^2`, R2 the same under
    :math:`p_\theta`; in the Dirac-GAN both equal :math:`\tfrac{\gamma}{2}\psi^2`, so

    .. math::
        v = \bigl(-\psi f'(\psi\theta),\; \theta f'(\psi\theta) - \gamma\psi\bigr),
        \qquad \lambda = -\frac{\gamma}{2} \pm \sqrt{\frac{\gamma^2}{4} - f'(0)^2}

    (Mescheder et al. 2018, §4.1): locally convergent for every :math:`\gamma > 0`,
    critically damped at :math:`\gamma = 2f'(0) = 1`.

    Parameters
    ----------
    gamma : float or sympy expression
        Penalty weight (> 0 for numerics).
    penalty : {"r1", "r2"}
    base : {"gan", "nsgan", "wgan"}
        The unregularised field the penalty is added to (``wgan``: :math:`f(t) = t`,
        no clipping, :math:`\lambda = -\gamma/2 \pm \sqrt{\gamma^2/4 - 1}`).
    """

    gamma: float | sp.Expr = 0.3
    penalty: Literal["r1", "r2"] = "r1"
    base: Literal["gan", "nsgan", "wgan"] = "gan"

    def __post_init__(self) -> None:
        validate_fields(
            self, gamma=real_or_symbol(gt=0.0), penalty=choice("r1", "r2"), base=choice("gan", "nsgan", "wgan")
        )
        if self.penalty not in ("r1", "r2"):
            raise ValueError(f"penalty must be 'r1' or 'r2', got {self.penalty!r}")
        if self.base not in ("gan", "nsgan", "wgan"):
            raise ValueError(f"base must be 'gan', 'nsgan' or 'wgan', got {self.base!r}")
        if not isinstance(self.gamma, sp.Basic):
            v = float(self.gamma)
            if not np.isfinite(v) or v < 0:
                raise ValueError(f"gamma must be a finite non-negative number, got {self.gamma!r}")

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"{_BASE_NAMES[self.base]} + {self.penalty.upper()}"

    def _base(self) -> DiracField:
        if self.base == "wgan":
            return WassersteinGAN(clip=None)
        return NonSaturatingGAN() if self.base == "nsgan" else StandardGAN()

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        v1, v2 = self._base().vector(t, p)
        return v1, v2 - _numeric(self.gamma, "gamma") * p

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        v1, v2 = self._base().symbolic_vector(theta, psi)
        # D ascends L − (γ/2)ψ²: its gradient loses γψ
        penalty = _sym(self.gamma) / 2 * psi**2
        return v1, v2 - sp.diff(penalty, psi)


_BASE_NAMES = {"gan": "GAN", "nsgan": "NS-GAN", "wgan": "WGAN"}

#: Gauss–Hermite nodes for the instance-noise expectation (see :class:`InstanceNoiseGAN`).
_HERMITE_NODES = 64
# probabilists' form: E[g(Z)], Z ~ N(0, 1), is Σ w_i g(√2 t_i)/√π; computed once
_GH_T, _GH_W = np.polynomial.hermite.hermgauss(_HERMITE_NODES)
_GH_Z = np.sqrt(2.0) * _GH_T
_GH_P = _GH_W / np.sqrt(np.pi)


@dataclass(frozen=True)
class InstanceNoiseGAN(DiracField):
    r"""GAN with instance noise: real and fake samples are blurred by :math:`\mathcal N(0, \sigma^2)`.

    .. math::
        v_\theta = -\psi\, \mathbb E_\varepsilon[f'(\psi(\theta + \varepsilon))], \qquad
        v_\psi = \mathbb E_\varepsilon[(\theta + \varepsilon) f'(\psi(\theta + \varepsilon))]
               - \mathbb E_{x}[x f'(-\psi x)],

    with :math:`\varepsilon, x \sim \mathcal N(0, \sigma^2)`. Jacobian at (0, 0):
    :math:`\begin{pmatrix}0 & -f'(0)\\ f'(0) & 2\sigma^2 f''(0)\end{pmatrix}`, so
    :math:`\lambda = f''(0)\sigma^2 \pm \sqrt{f''(0)^2\sigma^4 - f'(0)^2}` (Mescheder et al. 2018, §3):
    locally convergent because :math:`f''(0) = -\tfrac14 < 0`.

    Parameters
    ----------
    sigma : float or sympy expression
        Noise standard deviation (> 0 for numerics).
    expectation : {"quadrature", "monte-carlo"}
        ``quadrature``: deterministic 64-node Gauss–Hermite rule (exact for
        polynomials of degree ≤ 127; for the logistic integrands here it is
        accurate to ~1e-12 while :math:`|\psi|\sigma \lesssim 3`).
        ``monte-carlo``: ``samples`` fresh draws per evaluation from the
        generator passed to :meth:`vector` (the authors' notebook uses 1000).
    samples : int
        Monte Carlo sample size.
    loss : {"gan", "wgan"}
        :math:`f(t) = \log\sigma(t)` or the WGAN's :math:`f(t) = t`; with the
        latter :math:`f'' = 0` and the noise averages out of the Jacobian.
    """

    sigma: float | sp.Expr = 0.7
    expectation: Literal["quadrature", "monte-carlo"] = "quadrature"
    samples: int = 1000
    loss: Literal["gan", "wgan"] = "gan"

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"{_BASE_NAMES[self.loss]} + instance noise"

    def _fp(self, t: Array) -> Array:
        return f_gan_prime(t) if self.loss == "gan" else np.ones_like(t)

    def _f_symbolic(self, t: sp.Expr) -> sp.Expr:
        return _f_gan_symbolic(t) if self.loss == "gan" else t

    def __post_init__(self) -> None:
        validate_fields(
            self,
            sigma=real_or_symbol(gt=0.0),
            expectation=choice("quadrature", "monte-carlo"),
            samples=COUNT,
            loss=choice("gan", "wgan"),
        )
        if self.loss not in ("gan", "wgan"):
            raise ValueError(f"loss must be 'gan' or 'wgan', got {self.loss!r}")
        if self.expectation not in ("quadrature", "monte-carlo"):
            raise ValueError(f"expectation must be 'quadrature' or 'monte-carlo', got {self.expectation!r}")
        if int(self.samples) < 1:
            raise ValueError(f"samples must be a positive integer, got {self.samples!r}")
        if not isinstance(self.sigma, sp.Basic):
            check_positive(self.sigma, name="sigma")

    def _noise(self, rng: np.random.Generator | None) -> tuple[Array, Array, Array, Array]:
        s = _numeric(self.sigma, "sigma")
        if self.expectation == "quadrature":
            nodes = s * _GH_Z
            return nodes, _GH_P, nodes, _GH_P
        if rng is None:
            raise ValueError("the Monte Carlo instance-noise field needs a numpy Generator (rng=...)")
        n = int(self.samples)
        w = np.full(n, 1.0 / n)
        return s * rng.standard_normal(n), w, s * rng.standard_normal(n), w

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        eps, w_eps, x, w_x = self._noise(rng)
        tb, pb = np.broadcast_arrays(t, p)
        fake = tb[..., None] + eps  # blurred fake samples
        fp_fake = self._fp(pb[..., None] * fake)
        v1 = -pb * (fp_fake @ w_eps)
        v2 = (fake * fp_fake) @ w_eps - (x * self._fp(-pb[..., None] * x)) @ w_x
        return np.asarray(v1, dtype=np.float64), np.asarray(v2, dtype=np.float64)

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        """The integrands, with the noise symbols ε and x still free (see :meth:`symbolic_jacobian`)."""
        eps, x = sp.symbols("epsilon x", real=True)
        fake_loss = self._f_symbolic(psi * (theta + eps))
        real_loss = self._f_symbolic(-psi * x)
        return -sp.diff(fake_loss, theta), sp.diff(fake_loss + real_loss, psi)

    def symbolic_jacobian(self) -> sp.Matrix:
        r"""Jacobian at (0, 0): differentiate under the expectation, then take Gaussian moments.

        At :math:`\theta = \psi = 0` each entry is a polynomial in the noise,
        whose expectation uses :math:`\mathbb E\varepsilon = 0`,
        :math:`\mathbb E\varepsilon^2 = \sigma^2` (and so on, by the Gaussian moments).
        """
        eps, x = sp.symbols("epsilon x", real=True)
        v1, v2 = self.symbolic_vector(THETA, PSI)
        sigma = _sym(self.sigma)
        rows = []
        for v in (v1, v2):
            row = []
            for var in (THETA, PSI):
                entry = sp.expand(sp.diff(v, var).subs({THETA: 0, PSI: 0}))
                row.append(_gaussian_expectation(entry, (eps, x), sigma))
            rows.append(row)
        return sp.simplify(sp.Matrix(rows))


def _gaussian_expectation(expr: sp.Expr, noise: tuple[sp.Symbol, ...], sigma: sp.Expr) -> sp.Expr:
    """E[expr] for independent N(0, σ²) noise symbols, expr a polynomial in them."""
    poly = sp.Poly(expr, *noise)
    total = sp.Integer(0)
    for powers, coeff in poly.terms():
        moment = sp.Integer(1)
        for k in powers:
            # E[N(0, σ²)^k] = 0 for odd k and σ^k (k − 1)!! for even k
            moment *= 0 if k % 2 else sigma**k * sp.factorial2(k - 1)
        total += coeff * moment
    return sp.simplify(total)


@dataclass(frozen=True)
class ConsensusGAN(DiracField):
    r"""Consensus optimisation: :math:`w = v - \gamma \nabla \tfrac12\|v\|^2` with :math:`v` the GAN field.

    At (0, 0), :math:`v = 0`, so :math:`J_w = J_v - \gamma J_v^\top J_v` and
    :math:`\lambda = -\gamma f'(0)^2 \pm f'(0) i` (Mescheder et al. 2017).
    """

    gamma: float | sp.Expr = 1.0
    name: ClassVar[str] = "GAN + consensus"

    def __post_init__(self) -> None:
        validate_fields(self, gamma=real_or_symbol(gt=0.0))
        if not isinstance(self.gamma, sp.Basic):
            check_positive(self.gamma, name="gamma")

    def vector(self, theta: ArrayLike, psi: ArrayLike, rng: np.random.Generator | None = None) -> tuple[Array, Array]:
        t, p = _xy(theta, psi)
        s = p * t
        fp, fpp = f_gan_prime(s), f_gan_second(s)
        v1, v2 = -p * fp, t * fp
        # ∇ of ½‖v‖² = ½(θ² + ψ²) f'(ψθ)², by the chain rule
        r2 = t**2 + p**2
        g1 = t * fp**2 + r2 * fp * fpp * p
        g2 = p * fp**2 + r2 * fp * fpp * t
        gamma = _numeric(self.gamma, "gamma")
        return v1 - gamma * g1, v2 - gamma * g2

    def symbolic_vector(self, theta: sp.Expr = THETA, psi: sp.Expr = PSI) -> tuple[sp.Expr, sp.Expr]:
        v1, v2 = StandardGAN().symbolic_vector(theta, psi)
        half_norm = (v1**2 + v2**2) / 2
        g = _sym(self.gamma)
        return v1 - g * sp.diff(half_norm, theta), v2 - g * sp.diff(half_norm, psi)


@validated(name=choice(*FIELD_NAMES))
def make_field(name: str, **params: Any) -> DiracField:
    """A field by name.

    Names: ``gan``, ``nsgan``, ``wgan``, ``wgan-gp``, ``r1``, ``r2``, ``nsgan-r1``,
    ``instance-noise``, ``consensus``.

    Keyword parameters are passed to the field's class (``gamma``, ``sigma``, ``clip``, ``target``, …).
    """
    factories = {
        "gan": lambda: StandardGAN(**params),
        "nsgan": lambda: NonSaturatingGAN(**params),
        "wgan": lambda: WassersteinGAN(**params),
        "wgan-gp": lambda: WassersteinGANGP(**params),
        "r1": lambda: GradientPenaltyGAN(penalty="r1", **params),
        "r2": lambda: GradientPenaltyGAN(penalty="r2", **params),
        "nsgan-r1": lambda: GradientPenaltyGAN(penalty="r1", base="nsgan", **params),
        "instance-noise": lambda: InstanceNoiseGAN(**params),
        "consensus": lambda: ConsensusGAN(**params),
    }
    if name not in factories:
        raise ValueError(f"unknown Dirac-GAN field {name!r}; choose one of {sorted(factories)}")
    return factories[name]()


# ---------------------------------------------------------------------------
# Linearisation
# ---------------------------------------------------------------------------


@validated(field=instance(DiracField))
def jacobian_at_equilibrium(field: DiracField) -> sp.Matrix:
    r"""Sympy Jacobian :math:`\partial v/\partial(\theta, \psi)` of ``field`` at the equilibrium (0, 0).

    Raises
    ------
    ValueError
        For a field that is not differentiable there (WGAN-GP with :math:`g_0 > 0`).
    """
    return field.symbolic_jacobian()


@validated(field=instance(DiracField))
def eigenvalues_at_equilibrium(field: DiracField) -> list[sp.Expr]:
    """Eigenvalues (with multiplicity) of :func:`jacobian_at_equilibrium`, as sympy expressions."""
    out: list[sp.Expr] = []
    for value, multiplicity in jacobian_at_equilibrium(field).eigenvals().items():
        out.extend([sp.simplify(value)] * int(multiplicity))
    return out


#: A point of parameter space where the field's products θψ stay finite in float64.
_POINT = each(real(huge=HUGE), length=2)


@validated(field=instance(DiracField), point=_POINT, step=POSITIVE)
def numeric_jacobian(
    field: DiracField, point: tuple[float, float] = (0.0, 0.0), *, step: float = 1e-5
) -> NDArray[np.float64]:
    r"""Central-difference Jacobian of the float64 field at ``point``.

    .. math::
        J_{:, j} \approx \frac{v(z + h e_j) - v(z - h e_j)}{2h}

    An independent check of :func:`jacobian_at_equilibrium` (truncation error
    :math:`O(h^2)`, rounding :math:`O(\epsilon/h)`: ~1e-10 at the default step).
    """
    h = check_positive(step, name="step")
    z = as_float_array(point, name="point")
    if z.shape != (2,):
        raise ValueError(f"point must be (theta, psi), got shape {z.shape}")
    jac = np.empty((2, 2))
    for j in range(2):
        e = np.zeros(2)
        e[j] = h
        plus = np.array(field.vector(*(z + e)), dtype=np.float64)
        minus = np.array(field.vector(*(z - e)), dtype=np.float64)
        jac[:, j] = (plus - minus) / (2 * h)
    return jac


def _projected(field: DiracField, theta: float, psi: float) -> tuple[float, float]:
    t, p = field.project(np.asarray(theta), np.asarray(psi))
    return float(t), float(p)


@validated(
    field=instance(DiracField),
    scheme=choice("simultaneous", "alternating"),
    step=real_or_symbol(gt=0.0),
    discriminator_step=real_or_symbol(gt=0.0, optional=True),
    d_steps=COUNT,
)
def update_jacobian(
    field: DiracField,
    scheme: Scheme,
    step: float | sp.Expr,
    *,
    discriminator_step: float | sp.Expr | None = None,
    d_steps: int = 1,
) -> sp.Matrix:
    r"""Jacobian at (0, 0) of one step of gradient descent, as a sympy matrix.

    With :math:`J` the field's Jacobian, :math:`h_g` = ``step`` and
    :math:`h_d` = ``discriminator_step`` (default ``step``):

    * simultaneous: :math:`M = I + \operatorname{diag}(h_g, h_d)\, J`;
    * alternating (generator first, then ``d_steps`` discriminator steps):
      :math:`M = A_d^{n_d} A_g` with
      :math:`A_g = \begin{pmatrix}1 + h_g J_{11} & h_g J_{12}\\ 0 & 1\end{pmatrix}`,
      :math:`A_d = \begin{pmatrix}1 & 0\\ h_d J_{21} & 1 + h_d J_{22}\end{pmatrix}`.

    For the GAN, simultaneous GD has :math:`|\lambda|^2 = 1 + h^2 f'(0)^2 > 1`
    (divergence) and alternating GD :math:`\det M = 1` (no contraction).
    """
    if scheme not in ("simultaneous", "alternating"):
        raise ValueError(f"scheme must be 'simultaneous' or 'alternating', got {scheme!r}")
    if int(d_steps) < 1:
        raise ValueError(f"d_steps must be a positive integer, got {d_steps!r}")
    jac = jacobian_at_equilibrium(field)
    hg = _sym(step)
    hd = _sym(step if discriminator_step is None else discriminator_step)
    if scheme == "simultaneous":
        return sp.simplify(sp.eye(2) + sp.diag(hg, hd) * jac)
    a_g = sp.Matrix([[1 + hg * jac[0, 0], hg * jac[0, 1]], [0, 1]])
    a_d = sp.Matrix([[1, 0], [hd * jac[1, 0], 1 + hd * jac[1, 1]]])
    return sp.simplify(a_d ** int(d_steps) * a_g)


@validated(matrix=one_of(instance(sp.MatrixBase), array(ndim=2)))
def spectral_radius(matrix: sp.Matrix | ArrayLike) -> float:
    """Largest eigenvalue modulus of a numeric (or numerically evaluable sympy) matrix."""
    m = np.array(sp.Matrix(matrix).evalf(), dtype=np.complex128) if isinstance(matrix, sp.MatrixBase) else matrix
    arr = np.asarray(m, dtype=np.complex128)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"matrix must be square, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("matrix has a non-finite entry")
    return float(np.abs(np.linalg.eigvals(arr)).max())


# ---------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Trajectory:
    """Iterates of a gradient-descent scheme on a Dirac-GAN field.

    Attributes
    ----------
    theta, psi : ndarray, shape (steps + 1,)
        The iterates, starting with the (projected) start point.
    field : str
        The field's name.
    scheme : str
        ``simultaneous`` or ``alternating``.
    """

    theta: Array
    psi: Array
    field: str
    scheme: str

    @property
    def distance(self) -> Array:
        r"""Distance :math:`\sqrt{\theta^2 + \psi^2}` to the equilibrium (0, 0) at every iterate."""
        return np.hypot(self.theta, self.psi)

    @property
    def radius_squared(self) -> Array:
        r""":math:`\theta^2 + \psi^2` at every iterate."""
        return self.theta**2 + self.psi**2


def _alternating_step(
    field: DiracField,
    theta: float,
    psi: float,
    steps: tuple[float, float, int],
    first: str,
    gen: np.random.Generator | None,
) -> tuple[float, float]:
    """One alternating iteration: a generator step and ``d_steps`` discriminator steps, in the order ``first``."""
    hg, hd, d_steps = steps

    def generator_step(t: float, p: float) -> tuple[float, float]:
        v1, _ = field.vector(t, p, gen)
        return _projected(field, t + hg * float(v1), p)

    def discriminator_steps(t: float, p: float) -> tuple[float, float]:
        for _ in range(d_steps):
            _, v2 = field.vector(t, p, gen)
            t, p = _projected(field, t, p + hd * float(v2))
        return t, p

    if first == "generator":
        return discriminator_steps(*generator_step(theta, psi))
    return generator_step(*discriminator_steps(theta, psi))


@validated(
    field=instance(DiracField),
    scheme=choice("simultaneous", "alternating"),
    start=INTERVAL,
    step=real(gt=0.0, le=MAX_STEP),
    steps=COUNT,
    discriminator_step=real(gt=0.0, le=MAX_STEP, optional=True),
    d_steps=COUNT,
    rng=one_of(generator, NONNEGATIVE_COUNT, instance(type(None))),
    first=choice("generator", "discriminator"),
)
def simulate(
    field: DiracField,
    scheme: Scheme = "simultaneous",
    *,
    start: tuple[float, float] = (1.0, 1.0),
    step: float = 0.2,
    steps: int = 500,
    discriminator_step: float | None = None,
    d_steps: int = 1,
    rng: np.random.Generator | int | None = None,
    first: Literal["generator", "discriminator"] = "generator",
) -> Trajectory:
    r"""Run simultaneous or alternating gradient descent on a Dirac-GAN field.

    * simultaneous: :math:`(\theta, \psi) \leftarrow (\theta + h_g v_\theta, \psi + h_d v_\psi)`, both at the old point;
    * alternating: :math:`\theta \leftarrow \theta + h_g v_\theta(\theta, \psi)`, then ``d_steps`` times
      :math:`\psi \leftarrow \psi + h_d v_\psi(\theta, \psi)` at the new :math:`\theta`
      (``first="generator"``, Mescheder et al. 2018's order); with ``first="discriminator"`` the
      ``d_steps`` discriminator updates come first and the generator step sees the updated :math:`\psi`
      (the order of the two-phase training iteration of Goodfellow et al. 2014, Algorithm 1).

    ``field.project`` (weight clipping) follows every update. The defaults are
    the authors' protocol: step 0.2, start (1, 1), 500 steps.

    Parameters
    ----------
    field : DiracField
    scheme : {"simultaneous", "alternating"}
    start : (float, float)
        Initial :math:`(\theta_0, \psi_0)`.
    step : float
        Generator step size :math:`h_g > 0`.
    steps : int
        Number of outer iterations.
    discriminator_step : float, optional
        :math:`h_d`; ``step`` when omitted.
    d_steps : int
        Discriminator updates per generator update (alternating only).
    rng : numpy Generator or int, optional
        Noise source for Monte Carlo fields (an int is a seed). Never global state.
    first : {"generator", "discriminator"}
        Which player moves first in an alternating iteration (ignored when simultaneous).

    Returns
    -------
    Trajectory
    """
    if scheme not in ("simultaneous", "alternating"):
        raise ValueError(f"scheme must be 'simultaneous' or 'alternating', got {scheme!r}")
    hg = check_positive(step, name="step")
    hd = hg if discriminator_step is None else check_positive(discriminator_step, name="discriminator_step")
    n = int(steps)
    if n < 1 or n != steps:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    if int(d_steps) < 1 or int(d_steps) != d_steps:
        raise ValueError(f"d_steps must be a positive integer, got {d_steps!r}")
    z0 = as_float_array(start, name="start")
    if z0.shape != (2,):
        raise ValueError(f"start must be (theta, psi), got shape {z0.shape}")
    gen = np.random.default_rng(rng) if isinstance(rng, int | np.integer) else rng

    theta, psi = _projected(field, float(z0[0]), float(z0[1]))
    thetas = np.empty(n + 1)
    psis = np.empty(n + 1)
    thetas[0], psis[0] = theta, psi
    for k in range(1, n + 1):
        if scheme == "simultaneous":
            v1, v2 = field.vector(theta, psi, gen)
            theta, psi = _projected(field, theta + hg * float(v1), psi + hd * float(v2))
        else:
            theta, psi = _alternating_step(field, theta, psi, (hg, hd, int(d_steps)), first, gen)
        if not (np.isfinite(theta) and np.isfinite(psi)):
            raise FloatingPointError(f"{field.name} ({scheme}) left the float64 range at step {k}")
        thetas[k], psis[k] = theta, psi
    return Trajectory(thetas, psis, field.name, scheme)
