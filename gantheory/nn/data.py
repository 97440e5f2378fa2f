r"""Data sources for the torch GANs, sampled from an explicit :class:`torch.Generator`.

Every source draws its samples from the generator it is given and from
nothing else, so a seed's data stream is reproducible on its own (the
batched trainer gives each seed its own generator). Samples are drawn on the
CPU; move them to a device yourself.

=============  ====  ==============================================================  ==========
name           dim   distribution                                                    density
=============  ====  ==============================================================  ==========
``bimodal``    1     :math:`\tfrac12\mathcal N(-2, 0.5^2) + \tfrac12\mathcal N(2, 0.5^2)` (document 000)   yes
``ring8``      2     8 modes :math:`(\cos 2\pi k/8, \sin 2\pi k/8)`, :math:`\sigma = 0.01` (PacGAN)        yes
``grid25``     2     25 modes :math:`\{-4,-2,0,2,4\}^2`, :math:`\sigma = 0.05` (PacGAN)                    yes
``normal``     1     :math:`\mathcal N(0, 1)`: a fixed, known :math:`p_g`                                  yes
``digits``     64    scikit-learn's 1797 8×8 digits, pixels scaled to :math:`[-1, 1]`                     no
=============  ====  ==============================================================  ==========

The 2-D mixtures follow the protocol of VEEGAN as implemented by PacGAN
(mode means :math:`2\pi k/8` with :math:`k = 0, \dots, 7`: eight *distinct*
angles; ``np.linspace(0, 2π, 8)``, found in some public code, repeats the
first mode). The ``normal`` source is the fixed generator distribution for
"discriminator against a fixed :math:`p_g`" experiments, where the trained
logit is compared with :math:`\log p_{data}(x) - \log p_g(x)`
(:func:`optimal_logit`).

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Prop. 1 (:math:`D^* = p_{data}/(p_{data} + p_g)`).
.. [2] A. Srivastava et al., "VEEGAN", NeurIPS 2017, §5 (ring and grid mixtures).
.. [3] Z. Lin et al., "PacGAN", NeurIPS 2018, §5 and its code (σ = 0.01 ring, σ = 0.05 grid).
.. [4] scikit-learn, ``sklearn.datasets.load_digits`` (UCI optical digits, 8×8, values 0–16).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np
import torch
from numpy.typing import NDArray

from gantheory._validation import COUNT, HUGE, POSITIVE, REAL, array, instance, one_of, tensor, validated
from gantheory.nn.device import resolve_dtype

__all__ = [
    "SOURCES",
    "DataSource",
    "DigitsSource",
    "GaussianMixtureSource",
    "bimodal",
    "digits",
    "get_source",
    "grid25",
    "optimal_logit",
    "ring8",
    "standard_normal",
]


@runtime_checkable
class DataSource(Protocol):
    """What the trainer needs from a data source."""

    @property
    def name(self) -> str:
        """Short name (the key in :data:`SOURCES`)."""
        ...

    @property
    def dim(self) -> int:
        """Dimension of one sample."""
        ...

    def sample(self, n: int, generator: torch.Generator, *, dtype: str | torch.dtype = "float32") -> torch.Tensor:
        """``n`` independent samples, shape (n, dim), drawn from ``generator`` only."""
        ...


def _check_n(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    return n


def _check_generator(generator: object) -> torch.Generator:
    if not isinstance(generator, torch.Generator) or generator.device.type != "cpu":
        raise ValueError("generator must be a CPU torch.Generator")
    return generator


@dataclass(frozen=True)
class GaussianMixtureSource:
    r"""Mixture of isotropic normal components in :math:`\mathbb R^d`.

    .. math::
        p(x) = \sum_{m=1}^M w_m\,(2\pi\sigma_m^2)^{-d/2}
               \exp\!\Big(-\frac{\lVert x - \mu_m \rVert^2}{2\sigma_m^2}\Big)

    Parameters
    ----------
    name : str
    weights : tuple of float, length M
        Non-negative, summing to 1 (within 1e-9).
    means : tuple of tuple of float, shape (M, d)
    sigmas : tuple of float, length M
        Component standard deviations, > 0.

    Raises
    ------
    ValueError
        On inconsistent lengths, a negative or unnormalised weight, a
        non-positive sigma or a non-finite value.
    """

    name: str
    weights: tuple[float, ...]
    means: tuple[tuple[float, ...], ...]
    sigmas: tuple[float, ...]

    def __post_init__(self) -> None:
        w = np.asarray(self.weights, dtype=np.float64)
        mu = np.asarray(self.means, dtype=np.float64)
        s = np.asarray(self.sigmas, dtype=np.float64)
        if w.ndim != 1 or w.size == 0:
            raise ValueError(f"weights must be a non-empty 1-D sequence, got shape {w.shape}")
        if mu.ndim != 2 or mu.shape[0] != w.size or mu.shape[1] == 0:
            raise ValueError(f"means must have shape ({w.size}, d), got {mu.shape}")
        if s.shape != w.shape:
            raise ValueError(f"sigmas must have shape {w.shape}, got {s.shape}")
        for name, values in (("weights", w), ("means", mu), ("sigmas", s)):
            if not np.isfinite(values).all():
                raise ValueError(f"{name} must be finite, got {getattr(self, name)!r}")
        if (w < 0).any() or abs(float(w.sum()) - 1.0) > 1e-9:
            raise ValueError(f"weights must be non-negative and sum to 1, got {self.weights!r}")
        if (s <= 0).any():
            raise ValueError(f"sigmas must be positive, got {self.sigmas!r}")
        object.__setattr__(self, "weights", tuple(float(v) for v in w))
        object.__setattr__(self, "means", tuple(tuple(float(v) for v in row) for row in mu))
        object.__setattr__(self, "sigmas", tuple(float(v) for v in s))

    @property
    def dim(self) -> int:
        """Dimension d of a sample."""
        return len(self.means[0])

    @property
    def n_modes(self) -> int:
        """Number of components M."""
        return len(self.weights)

    def means_array(self) -> NDArray[np.float64]:
        """Component means as a float64 array of shape (M, d) (for :mod:`gantheory.modes`)."""
        return np.asarray(self.means, dtype=np.float64)

    def sample(self, n: int, generator: torch.Generator, *, dtype: str | torch.dtype = "float32") -> torch.Tensor:
        r"""Draw ``n`` samples: a component :math:`m \sim w`, then :math:`\mu_m + \sigma_m \varepsilon`.

        The component inverts the mixture's CDF at a uniform draw.

        Two draws from ``generator``, in this order: ``n`` float64 uniforms,
        then ``n × d`` standard normals in ``dtype``.

        Returns
        -------
        torch.Tensor, shape (n, d), on the CPU
        """
        n = _check_n(n)
        g = _check_generator(generator)
        dt = resolve_dtype(dtype)
        u = torch.rand(n, generator=g, dtype=torch.float64)
        cdf = torch.tensor(np.cumsum(self.weights)[:-1], dtype=torch.float64)
        component = torch.searchsorted(cdf, u, right=True)
        eps = torch.randn(n, self.dim, generator=g, dtype=dt)
        centres = torch.tensor(self.means, dtype=dt).index_select(0, component)
        if len(set(self.sigmas)) == 1:
            return centres.add_(eps, alpha=self.sigmas[0])
        scales = torch.tensor(self.sigmas, dtype=dt).index_select(0, component).unsqueeze(1)
        return centres.addcmul_(scales, eps)

    def log_prob(self, x: torch.Tensor) -> torch.Tensor:
        r""":math:`\log p(x)` by ``logsumexp`` over components, in ``x``'s dtype.

        Parameters
        ----------
        x : torch.Tensor, shape (..., d)

        Returns
        -------
        torch.Tensor, shape (...)
        """
        if not isinstance(x, torch.Tensor):
            x = torch.as_tensor(np.asarray(x, dtype=np.float64))
        if x.shape[-1:] != (self.dim,):
            raise ValueError(f"x must have a last dimension of {self.dim}, got shape {tuple(x.shape)}")
        if not torch.is_floating_point(x):
            x = x.to(torch.float64)
        means = torch.tensor(self.means, dtype=x.dtype, device=x.device)
        sigmas = torch.tensor(self.sigmas, dtype=x.dtype, device=x.device)
        log_w = torch.log(torch.tensor(self.weights, dtype=x.dtype, device=x.device))
        sq = ((x.unsqueeze(-2) - means) ** 2).sum(-1)
        d = self.dim
        log_comp = -0.5 * sq / sigmas**2 - d * torch.log(sigmas) - 0.5 * d * math.log(2 * math.pi)
        return torch.logsumexp(log_w + log_comp, dim=-1)


@lru_cache(maxsize=1)
def _digits_array() -> NDArray[np.float64]:
    from sklearn.datasets import load_digits

    images = load_digits().data  # (1797, 64), integers 0 … 16
    arr = np.asarray(images, dtype=np.float64) / 8.0 - 1.0
    arr.setflags(write=False)
    return arr


@lru_cache(maxsize=2)
def _digits_tensor(dtype: torch.dtype) -> torch.Tensor:
    return torch.tensor(_digits_array(), dtype=dtype)


@dataclass(frozen=True)
class DigitsSource:
    r"""scikit-learn's 8×8 handwritten digits as 64-vectors in :math:`[-1, 1]`.

    A pixel :math:`v \in \{0, \dots, 16\}` becomes :math:`v/8 - 1`. Sampling
    draws images uniformly with replacement (one ``randint`` from the
    generator); the data ship with scikit-learn, nothing is downloaded. Use a
    generator with ``output_activation="tanh"`` to match the range.
    """

    name: str = "digits"

    @property
    def dim(self) -> int:
        """64 pixels."""
        return 64

    def data(self, *, dtype: str | torch.dtype = "float32") -> torch.Tensor:
        """All 1797 images, shape (1797, 64)."""
        return _digits_tensor(resolve_dtype(dtype)).clone()

    def sample(self, n: int, generator: torch.Generator, *, dtype: str | torch.dtype = "float32") -> torch.Tensor:
        """``n`` images drawn uniformly with replacement, shape (n, 64)."""
        n = _check_n(n)
        g = _check_generator(generator)
        table = _digits_tensor(resolve_dtype(dtype))
        index = torch.randint(table.shape[0], (n,), generator=g)
        return table[index]


def bimodal() -> GaussianMixtureSource:
    r"""Document 000's data: :math:`\tfrac12\mathcal N(-2, 0.5^2) + \tfrac12\mathcal N(2, 0.5^2)`."""
    return GaussianMixtureSource("bimodal", (0.5, 0.5), ((-2.0,), (2.0,)), (0.5, 0.5))


@validated(mean=REAL, sigma=POSITIVE)
def gaussian1d(mean: float = 1.0, sigma: float = 0.5) -> GaussianMixtureSource:
    r"""A single 1-D normal, :math:`\mathcal N(1, 0.5^2)` by default: an affine map of a standard normal latent."""
    return GaussianMixtureSource("gaussian", (1.0,), ((float(mean),),), (float(sigma),))


@validated(radius=POSITIVE, sigma=POSITIVE)
def ring8(radius: float = 1.0, sigma: float = 0.01) -> GaussianMixtureSource:
    r"""Eight equal modes at :math:`r(\cos 2\pi k/8, \sin 2\pi k/8)`, :math:`k = 0, \dots, 7`.

    PacGAN's ring has :math:`r = 1`, :math:`\sigma = 0.01`; the eight angles are distinct.
    """
    angles = [2.0 * math.pi * k / 8 for k in range(8)]
    means = tuple((radius * math.cos(a), radius * math.sin(a)) for a in angles)
    return GaussianMixtureSource("ring8", (1 / 8,) * 8, means, (sigma,) * 8)


@validated(spacing=POSITIVE, sigma=POSITIVE)
def grid25(spacing: float = 2.0, sigma: float = 0.05) -> GaussianMixtureSource:
    r"""25 equal modes on :math:`\{-2s, -s, 0, s, 2s\}^2` (PacGAN: s = 2, σ = 0.05)."""
    values = [spacing * i for i in (-2, -1, 0, 1, 2)]
    means = tuple((a, b) for a in values for b in values)
    return GaussianMixtureSource("grid25", (1 / 25,) * 25, means, (sigma,) * 25)


@validated(dim=COUNT)
def standard_normal(dim: int = 1) -> GaussianMixtureSource:
    r""":math:`\mathcal N(0, I_d)`, the fixed and known :math:`p_g` of "D against fixed :math:`p_g`" runs."""
    if isinstance(dim, bool) or not isinstance(dim, int) or dim < 1:
        raise ValueError(f"dim must be a positive integer, got {dim!r}")
    return GaussianMixtureSource("normal", (1.0,), ((0.0,) * dim,), (1.0,))


def digits() -> DigitsSource:
    """scikit-learn's 8×8 digits in :math:`[-1, 1]^{64}`."""
    return DigitsSource()


#: The named sources, as the trainer's ``data`` and ``fake_source`` options spell them.
SOURCES: dict[str, DataSource] = {
    "bimodal": bimodal(),
    "gaussian": gaussian1d(),
    "ring8": ring8(),
    "grid25": grid25(),
    "normal": standard_normal(),
    "digits": digits(),
}


@validated(name=instance(str))
def get_source(name: str) -> DataSource:
    """The source registered under ``name`` in :data:`SOURCES`.

    Raises
    ------
    ValueError
        For an unknown name.
    """
    if name not in SOURCES:
        raise ValueError(f"unknown data source {name!r}; choose one of {sorted(SOURCES)}")
    return SOURCES[name]


@validated(
    p_data=instance(GaussianMixtureSource), p_g=instance(GaussianMixtureSource), x=one_of(tensor(), array(huge=HUGE))
)
def optimal_logit(
    p_data: GaussianMixtureSource, p_g: GaussianMixtureSource, x: torch.Tensor | Sequence[float]
) -> torch.Tensor:
    r"""Logit of the optimal discriminator for fixed densities, :math:`\log p_{data}(x) - \log p_g(x)`.

    .. math::
        D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)} = \sigma\big(\log p_{data}(x) - \log p_g(x)\big)

    (Goodfellow et al. 2014, Prop. 1), exact where both densities are positive.

    Parameters
    ----------
    p_data, p_g : GaussianMixtureSource
        Of the same dimension d.
    x : torch.Tensor or array_like, shape (..., d)

    Returns
    -------
    torch.Tensor, shape (...)
    """
    if p_data.dim != p_g.dim:
        raise ValueError(f"p_data and p_g must have the same dimension, got {p_data.dim} and {p_g.dim}")
    xt = x if isinstance(x, torch.Tensor) else torch.as_tensor(np.asarray(x, dtype=np.float64))
    return p_data.log_prob(xt) - p_g.log_prob(xt)
