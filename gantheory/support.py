r"""Where a generator's distribution lives: the rank of an MLP generator's Jacobian.

A generator :math:`G : \mathbb{R}^k \to \mathbb{R}^d` pushes the latent law
forward to :math:`p_g`. If :math:`G` is Lipschitz and :math:`k < d`, the image
:math:`G(\mathbb{R}^k)` has Hausdorff dimension at most :math:`k`, so Lebesgue
measure zero in :math:`\mathbb{R}^d`, and :math:`p_g` has no density
(Arjovsky & Bottou 2017, Lemma 1). More generally the image of a piecewise
smooth map is a countable union of manifolds of dimension at most
:math:`\max_z \operatorname{rank} J_G(z)`; a density needs that rank to be
:math:`d` on a set of positive latent measure.

For a multilayer perceptron with elementwise activations :math:`\phi_l`,

.. math::
    J_G(z) = W_L\, \operatorname{diag}\bigl(\phi'_{L-1}(a_{L-1})\bigr)\, W_{L-1} \cdots
             \operatorname{diag}\bigl(\phi'_1(a_1)\bigr)\, W_1,

so :math:`\operatorname{rank} J_G(z) \le \min(k, n_1, \dots, n_{L-1}, d)` for
hidden widths :math:`n_l`, whatever the weights: a bottleneck anywhere caps
the dimension of :math:`p_g`'s support.

References
----------
.. [1] M. Arjovsky and L. Bottou, "Towards Principled Methods for Training
   Generative Adversarial Networks", ICLR 2017, arXiv:1701.04862, Lemma 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from gantheory._validation import COUNT, array, each, generator, instance, real, validated

__all__ = ["LeakyMLP", "jacobian_rank", "leaky_mlp"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class LeakyMLP:
    """A multilayer perceptron: LeakyReLU between layers, a sigmoid output.

    Attributes
    ----------
    weights : tuple of ndarray
        ``weights[l]`` has shape ``(n_{l+1}, n_l)``; ``n_0`` is the latent dimension.
    biases : tuple of ndarray
        ``biases[l]`` has shape ``(n_{l+1},)``.
    slope : float
        The LeakyReLU slope on negative inputs, in (0, 1].
    """

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    slope: float

    @property
    def widths(self) -> tuple[int, ...]:
        """``(k, n_1, …, d)``: the latent dimension, the hidden widths and the output dimension."""
        return (self.weights[0].shape[1], *(w.shape[0] for w in self.weights))

    def jacobian(self, z: Array) -> Array:
        r"""The Jacobian :math:`J_G(z)`, shape ``(d, k)``, at one latent point ``z`` of shape ``(k,)``."""
        x = np.asarray(z, dtype=np.float64)
        if x.shape != (self.widths[0],):
            raise ValueError(f"z must have shape ({self.widths[0]},), got {x.shape}")
        jac = np.eye(x.size)
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            a = w @ x + b
            if i < last:
                slope = np.where(a > 0, 1.0, self.slope)
                x = a * slope
            else:
                s = 1.0 / (1.0 + np.exp(-a))
                slope = s * (1.0 - s)
            jac = (slope[:, None] * w) @ jac
        return jac


@validated(widths=each(COUNT, min_len=2), rng=generator, slope=real(gt=0.0, le=1.0))
def leaky_mlp(widths: Sequence[int], rng: np.random.Generator, *, slope: float = 0.2) -> LeakyMLP:
    r"""A :class:`LeakyMLP` with Glorot-uniform weights and zero biases (Keras' ``Dense`` defaults).

    Parameters
    ----------
    widths : sequence of int
        ``(k, n_1, …, d)``, at least two entries, each positive.
    rng : numpy.random.Generator
        The weights' source.
    slope : float
        The LeakyReLU slope, in (0, 1].

    Notes
    -----
    Glorot uniform draws :math:`W_{ij} \sim U(-r, r)`, :math:`r = \sqrt{6/(n_{in} + n_{out})}`
    (Glorot & Bengio 2010); such a matrix has full rank with probability 1.
    """
    dims = [int(n) for n in widths]
    weights = tuple(
        rng.uniform(-np.sqrt(6.0 / (n_in + n_out)), np.sqrt(6.0 / (n_in + n_out)), size=(n_out, n_in))
        for n_in, n_out in itertools.pairwise(dims)
    )
    return LeakyMLP(weights, tuple(np.zeros(n) for n in dims[1:]), float(slope))


@validated(generator=instance(LeakyMLP), latents=array(ndim=2))
def jacobian_rank(generator: LeakyMLP, latents: Array) -> int:
    r"""The largest rank of :math:`J_G(z)` over the rows of ``latents`` (shape ``(n, k)``).

    The rank is numpy's: singular values above
    :math:`\sigma_{max} \max(d, k)\, \varepsilon` count, the threshold at which
    float64 rounding of the product can no longer be told from a zero
    singular value (Golub & Van Loan, *Matrix Computations*, §5.4).
    """
    zs = np.asarray(latents, dtype=np.float64)
    if zs.shape[1] != generator.widths[0]:
        raise ValueError(f"latents must have shape (n, {generator.widths[0]}), got {zs.shape}")
    return max(int(np.linalg.matrix_rank(generator.jacobian(z))) for z in zs)
