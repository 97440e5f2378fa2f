r"""GAN losses in torch, from discriminator logits, one value per seed.

Logits have shape ``(K, N)`` or ``(K, N, 1)``: seed :math:`k`'s batch of N
logits :math:`\ell = \sigma^{-1}(D)`. Each function returns a tensor of shape
``(K,)``: seed :math:`k`'s loss, a mean over its own batch. Seeds never mix,
so the gradient of the *sum* over seeds with respect to seed :math:`k`'s
parameters is the gradient of seed :math:`k`'s loss: one ``backward`` of
``loss.sum()`` trains K independent GANs.

All losses are written with ``softplus`` (:math:`\log(1 + e^x)`), which is
exact for large :math:`|\ell|`, where :math:`\log\sigma(\ell)` would round to
:math:`\log 0`; the NumPy versions are in :mod:`gantheory.losses`.

================  ===============================================  =========================================
loss              per sample                                       in logits
================  ===============================================  =========================================
discriminator     :math:`-\log D(x) - \log(1 - D(G(z)))`            :math:`\mathrm{sp}(-\ell_r) + \mathrm{sp}(\ell_f)`
G, minimax        :math:`\log(1 - D(G(z)))`                        :math:`-\mathrm{sp}(\ell_f)`
G, non-saturating :math:`-\log D(G(z))`                            :math:`\mathrm{sp}(-\ell_f)`
R1                :math:`\tfrac{\gamma}{2}\lVert\nabla_x \ell(x)\rVert^2`, :math:`x \sim p_{data}`  (autograd)
================  ===============================================  =========================================

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Eq. (1) and §3 (the non-saturating generator loss).
.. [2] L. Mescheder, A. Geiger, S. Nowozin, "Which Training Methods for GANs
   do actually Converge?", ICML 2018, arXiv:1801.04406, Eq. (9) (R1).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from gantheory._validation import NONNEGATIVE, choice, flag, tensor, validated

__all__ = [
    "GENERATOR_LOSSES",
    "discriminator_loss",
    "generator_loss",
    "generator_loss_minimax",
    "generator_loss_nonsaturating",
    "r1_penalty",
]

#: Generator losses by name, as :class:`gantheory.nn.trainer.TrainConfig` spells them.
GENERATOR_LOSSES = ("minimax", "non-saturating")


def _per_seed_logits(logits: torch.Tensor, name: str) -> torch.Tensor:
    if not isinstance(logits, torch.Tensor) or not torch.is_floating_point(logits):
        raise ValueError(f"{name} must be a floating-point torch.Tensor")
    if logits.dim() == 3 and logits.shape[2] == 1:
        return logits.squeeze(2)
    if logits.dim() != 2:
        raise ValueError(f"{name} must have shape (K, N) or (K, N, 1), got {tuple(logits.shape)}")
    return logits


@validated(real_logits=tensor(ndim=(2, 3)), fake_logits=tensor(ndim=(2, 3)))
def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    r"""Per-seed discriminator loss, :math:`-\hat V`: binary cross-entropy with targets 1 (real) and 0 (fake).

    .. math::
        L_D^{(k)} = \frac1{N_r}\sum_i \operatorname{softplus}\big(-\ell_k(x_i)\big)
                  + \frac1{N_f}\sum_j \operatorname{softplus}\big(\ell_k(G_k(z_j))\big)
                  = -\overline{\log D_k(x)} - \overline{\log\big(1 - D_k(G_k(z))\big)}

    Its value at the equilibrium :math:`D \equiv \tfrac12` is :math:`\log 4`
    (Goodfellow et al. 2014, Theorem 1: :math:`C(G^*) = -\log 4`).

    Parameters
    ----------
    real_logits : torch.Tensor, shape (K, N_r) or (K, N_r, 1)
    fake_logits : torch.Tensor, shape (K, N_f) or (K, N_f, 1)

    Returns
    -------
    torch.Tensor, shape (K,)
    """
    r = _per_seed_logits(real_logits, "real_logits")
    f = _per_seed_logits(fake_logits, "fake_logits")
    if r.shape[0] != f.shape[0]:
        raise ValueError(f"real and fake logits must have the same K, got {r.shape[0]} and {f.shape[0]}")
    return F.softplus(-r).mean(dim=1) + F.softplus(f).mean(dim=1)


@validated(fake_logits=tensor(ndim=(2, 3)))
def generator_loss_minimax(fake_logits: torch.Tensor) -> torch.Tensor:
    r"""Per-seed minimax generator loss, minimised by G.

    .. math::
        L_G^{(k)} = \overline{\log\big(1 - D_k(G_k(z))\big)} = -\overline{\operatorname{softplus}(\ell_k)}

    Its gradient vanishes as :math:`D(G(z)) \to 0`, the saturation that
    motivates the non-saturating loss (Goodfellow et al. 2014, §3).

    Parameters
    ----------
    fake_logits : torch.Tensor, shape (K, N) or (K, N, 1)

    Returns
    -------
    torch.Tensor, shape (K,)
    """
    return -F.softplus(_per_seed_logits(fake_logits, "fake_logits")).mean(dim=1)


@validated(fake_logits=tensor(ndim=(2, 3)))
def generator_loss_nonsaturating(fake_logits: torch.Tensor) -> torch.Tensor:
    r"""Per-seed non-saturating generator loss, minimised by G.

    .. math::
        L_G^{(k)} = -\overline{\log D_k(G_k(z))} = \overline{\operatorname{softplus}(-\ell_k)}

    Parameters
    ----------
    fake_logits : torch.Tensor, shape (K, N) or (K, N, 1)

    Returns
    -------
    torch.Tensor, shape (K,)
    """
    return F.softplus(-_per_seed_logits(fake_logits, "fake_logits")).mean(dim=1)


@validated(fake_logits=tensor(ndim=(2, 3)), kind=choice(*GENERATOR_LOSSES))
def generator_loss(fake_logits: torch.Tensor, kind: str) -> torch.Tensor:
    """Per-seed generator loss named by ``kind`` (one of :data:`GENERATOR_LOSSES`).

    Raises
    ------
    ValueError
        For an unknown ``kind``.
    """
    # the decorator has checked fake_logits (or, in training, the caller chose not to)
    if kind == "minimax":
        return generator_loss_minimax.unchecked(fake_logits)  # type: ignore[attr-defined]
    if kind == "non-saturating":
        return generator_loss_nonsaturating.unchecked(fake_logits)  # type: ignore[attr-defined]
    raise ValueError(f"kind must be one of {GENERATOR_LOSSES}, got {kind!r}")


@validated(real_logits=tensor(ndim=(2, 3)), x_real=tensor(ndim=3), gamma=NONNEGATIVE, create_graph=flag)
def r1_penalty(
    real_logits: torch.Tensor, x_real: torch.Tensor, gamma: float, *, create_graph: bool = True
) -> torch.Tensor:
    r"""Per-seed R1 gradient penalty on real data (Mescheder et al. 2018, Eq. (9)).

    .. math::
        R_1^{(k)} = \frac{\gamma}{2}\,\frac1N \sum_{i=1}^N \big\lVert \nabla_x \ell_k(x)\big|_{x = x_{k,i}} \big\rVert^2

    where :math:`\ell_k` is seed :math:`k`'s discriminator *logit* (the
    paper's :math:`D_\psi`, before the sigmoid). One autograd call gives all
    the input gradients: :math:`\ell_k(x_{k,i})` depends on :math:`x_{k,i}`
    alone, so the gradient of :math:`\sum_{k,i} \ell_k(x_{k,i})` with respect
    to :math:`x_{k,i}` is :math:`\nabla_x \ell_k(x_{k,i})`. This holds for
    networks that treat samples independently (MLPs, no batch
    normalisation).

    Parameters
    ----------
    real_logits : torch.Tensor, shape (K, N) or (K, N, 1)
        The discriminators' logits at ``x_real``, computed from ``x_real``.
    x_real : torch.Tensor, shape (K, N, d)
        Real samples, with ``requires_grad=True`` set before the logits
        were computed.
    gamma : float
        Penalty weight :math:`\gamma \ge 0`.
    create_graph : bool
        Keep the graph of the gradient so the penalty can be differentiated
        with respect to the discriminator's parameters (needed for training).

    Returns
    -------
    torch.Tensor, shape (K,)

    Raises
    ------
    ValueError
        If ``gamma`` is negative or not finite, ``x_real`` does not require
        gradients, or the shapes disagree.
    """
    g = float(gamma)
    if not math.isfinite(g) or g < 0:
        raise ValueError(f"gamma must be finite and ≥ 0, got {gamma!r}")
    logits = _per_seed_logits(real_logits, "real_logits")
    if not isinstance(x_real, torch.Tensor) or x_real.dim() != 3:
        raise ValueError("x_real must be a torch.Tensor of shape (K, N, d)")
    if not x_real.requires_grad:
        raise ValueError("x_real must require gradients (set x_real.requires_grad_(True) before computing the logits)")
    if tuple(logits.shape) != tuple(x_real.shape[:2]):
        raise ValueError(f"logits of shape {tuple(logits.shape)} do not match x_real of shape {tuple(x_real.shape)}")
    (grad,) = torch.autograd.grad(logits.sum(), x_real, create_graph=create_graph)
    return 0.5 * g * grad.pow(2).sum(dim=2).mean(dim=1)
