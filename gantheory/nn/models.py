r"""Stacks of K independent multilayer perceptrons, evaluated in one batched pass.

A stack holds the parameters of K networks with the same architecture, one
per seed, along a leading *seed* axis: layer :math:`l` has a weight of shape
``(K, n_{l-1}, n_l)`` and a bias of shape ``(K, 1, n_l)``. Inputs have shape
``(K, N, n_0)``: row :math:`k` is fed to network :math:`k` only, and

.. math::
    h^{(l)}_k = \phi\big(h^{(l-1)}_k W^{(l)}_k + b^{(l)}_k\big), \qquad k = 1, \dots, K,

is computed for all :math:`k` at once with batched matrix products. No
operation mixes seeds, so a stack of K networks computes exactly what K
separate networks with the same weights compute (up to float rounding).

The affine map has its own autograd function. On the CPU a batched product
whose output has a narrow last dimension (a discriminator's logit, a 1-D
sample) is several times faster computed transposed, and a product over an
inner dimension of 1 (a 1-D input) is an outer product best done by
broadcasting; the function picks the fast form for the forward pass *and* for
both gradients, which autograd's own ``bmm`` backward does not. Its backward
is built from differentiable operations, so second derivatives (the R1
penalty) work.

Parameters are plain tensors in a tuple ``(W1, b1, W2, b2, …)``, not an
``nn.Module``: the trainer, the optimisers and :func:`torch.compile` all work
on the tuple directly, and :func:`select_seeds` slices it.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661 (MLP generator and discriminator).
.. [2] K. He et al., "Delving Deep into Rectifiers", ICCV 2015,
   arXiv:1502.01852 (the uniform initialisation that ``torch.nn.Linear`` uses).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from gantheory._validation import (
    COUNT,
    NONNEGATIVE,
    NONNEGATIVE_COUNT,
    each,
    instance,
    one_of,
    tensor,
    validate_fields,
    validated,
)
from gantheory.nn.device import resolve_device, resolve_dtype

__all__ = [
    "ACTIVATIONS",
    "INIT_SCHEMES",
    "OUTPUT_ACTIVATIONS",
    "StackedMLP",
    "discriminator_mlp",
    "generator_mlp",
    "num_seeds",
    "select_seeds",
    "stacked_linear",
]

#: Hidden-layer nonlinearities.
ACTIVATIONS = ("leaky_relu", "relu", "tanh")
#: Output nonlinearities: none (a logit, or an unbounded sample) or tanh (samples in [−1, 1]).
OUTPUT_ACTIVATIONS = ("linear", "tanh")
#: Weight initialisations, see :meth:`StackedMLP.init_params`.
INIT_SCHEMES = ("normal", "uniform")

#: Products whose output has at most this many columns are computed transposed on the CPU.
_NARROW = 16

Params = tuple[torch.Tensor, ...]


def _bmm(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Batched product ``a @ b`` for ``a`` (K, M, P), ``b`` (K, P, Q), in the fastest orientation."""
    m, p, q = a.shape[1], a.shape[2], b.shape[2]
    if p == 1:
        return a * b
    if q <= _NARROW and q < m:
        return torch.bmm(b.mT, a.mT).mT
    return torch.bmm(a, b)


def _affine(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """``x @ w + b`` per seed, without autograd bookkeeping of its own."""
    m, p, q = x.shape[1], x.shape[2], w.shape[2]
    if p == 1:
        return torch.addcmul(b, x, w)
    if q <= _NARROW and q < m:
        return torch.baddbmm(b.mT, w.mT, x.mT).mT
    return torch.baddbmm(b, x, w)


class _StackedAffine(torch.autograd.Function):
    """``x @ w + b`` per seed with gradients in the fast orientation (see the module docstring)."""

    # The ctx-in-forward form: the setup_context form makes every call bind the signature with inspect, which
    # costs more than the arithmetic at small K.
    @staticmethod
    def forward(ctx, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x, w)
        return _affine(x, w, b)

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        grad_x = _bmm(grad, w.mT) if ctx.needs_input_grad[0] else None
        grad_w = _bmm(x.mT, grad) if ctx.needs_input_grad[1] else None
        grad_b = grad.sum(dim=1, keepdim=True) if ctx.needs_input_grad[2] else None
        return grad_x, grad_w, grad_b


@validated(x=tensor(ndim=3, finite=False), weight=tensor(ndim=3, finite=False), bias=tensor(ndim=3, finite=False))
def stacked_linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    r"""Affine map of K stacked layers, :math:`y_k = x_k W_k + b_k`.

    Parameters
    ----------
    x : torch.Tensor, shape (K, N, n_in)
        One batch of N inputs per seed.
    weight : torch.Tensor, shape (K, n_in, n_out)
        Seed :math:`k`'s weight is ``weight[k]``; note the (in, out) layout,
        the transpose of ``torch.nn.Linear.weight``.
    bias : torch.Tensor, shape (K, 1, n_out)

    Returns
    -------
    torch.Tensor, shape (K, N, n_out)
    """
    if torch.is_grad_enabled() and (x.requires_grad or weight.requires_grad or bias.requires_grad):
        return _StackedAffine.apply(x, weight, bias)
    return _affine(x, weight, bias)


def _activate(h: torch.Tensor, name: str, negative_slope: float) -> torch.Tensor:
    if name == "leaky_relu":
        return F.leaky_relu(h, negative_slope)
    if name == "relu":
        return F.relu(h)
    if name == "tanh":
        return torch.tanh(h)
    if name == "linear":
        return h
    raise ValueError(f"unknown activation {name!r}")


def _init_weight(
    n_in: int, n_out: int, scheme: str, scale: float, generator: torch.Generator, dtype: torch.dtype
) -> torch.Tensor:
    if scheme == "normal":
        return torch.randn(n_in, n_out, generator=generator, dtype=dtype) * scale
    bound = 1.0 / math.sqrt(n_in)
    return torch.empty(n_in, n_out, dtype=dtype).uniform_(-bound, bound, generator=generator)


def _check_int(value: object, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value!r}")
    return value


@dataclass(frozen=True)
class StackedMLP:
    r"""Architecture of a stack of K identical-shape MLPs (the parameters live outside).

    .. math::
        f_k(x) = \psi\Big(W^{(L)}_k\,\phi\big(\cdots \phi(x W^{(1)}_k + b^{(1)}_k) \cdots\big) + b^{(L)}_k
        + [\text{skip}]\, x S_k\Big)

    with hidden nonlinearity :math:`\phi` and output nonlinearity :math:`\psi`;
    with ``skip`` a linear map :math:`S_k` of shape ``(in_dim, out_dim)`` takes
    the input straight to the output, past the hidden layers (He et al.
    2016's shortcut, here from the latent to the sample). A skip makes an
    affine pushforward of a Gaussian latent, a Gaussian, reachable from any
    hidden weights: the hidden layers only have to add what is not Gaussian.

    Parameters
    ----------
    in_dim : int
        Input dimension :math:`n_0 \ge 1`.
    widths : tuple of int
        Hidden-layer widths (may be empty: a single affine layer).
    out_dim : int
        Output dimension :math:`\ge 1`.
    activation : {"leaky_relu", "relu", "tanh"}
        Hidden nonlinearity :math:`\phi`.
    negative_slope : float
        Slope of the leaky ReLU for negative inputs (document 000: 0.01).
    output_activation : {"linear", "tanh"}
        :math:`\psi`; ``"linear"`` for a discriminator's logit.
    skip : bool
        Add the linear shortcut :math:`x S_k`; its weight is the last tensor
        of the parameter tuple (no bias of its own: :math:`b^{(L)}` serves).

    Raises
    ------
    ValueError
        On a non-positive dimension or width, or an unknown nonlinearity.
    """

    in_dim: int
    widths: tuple[int, ...]
    out_dim: int
    activation: str = "leaky_relu"
    negative_slope: float = 0.01
    output_activation: str = "linear"
    skip: bool = False

    def __post_init__(self) -> None:
        validate_fields(
            self,
            activation=instance(str),
            output_activation=instance(str),
            skip=instance(bool),
            negative_slope=NONNEGATIVE,
            widths=one_of(each(COUNT, min_len=0), instance(int)),
        )
        _check_int(self.in_dim, "in_dim", minimum=1)
        _check_int(self.out_dim, "out_dim", minimum=1)
        if isinstance(self.widths, int) or not isinstance(self.widths, Sequence):
            raise ValueError(f"widths must be a sequence of integers, got {self.widths!r}")
        object.__setattr__(self, "widths", tuple(self.widths))
        for w in self.widths:
            _check_int(w, "each width", minimum=1)
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if self.output_activation not in OUTPUT_ACTIVATIONS:
            raise ValueError(f"output_activation must be one of {OUTPUT_ACTIVATIONS}, got {self.output_activation!r}")
        slope = float(self.negative_slope)
        if not math.isfinite(slope) or slope < 0:
            raise ValueError(f"negative_slope must be finite and ≥ 0, got {self.negative_slope!r}")

    @property
    def layer_dims(self) -> tuple[tuple[int, int], ...]:
        """``(n_in, n_out)`` of each affine layer, input to output."""
        dims = (self.in_dim, *self.widths, self.out_dim)
        return tuple(itertools.pairwise(dims))

    def param_shapes(self, n_seeds: int) -> tuple[tuple[int, ...], ...]:
        """Shapes of ``(W1, b1, W2, b2, …)`` for a stack of ``n_seeds`` networks."""
        _check_int(n_seeds, "n_seeds", minimum=1)
        shapes: list[tuple[int, ...]] = []
        for n_in, n_out in self.layer_dims:
            shapes += [(n_seeds, n_in, n_out), (n_seeds, 1, n_out)]
        if self.skip:
            shapes.append((n_seeds, self.in_dim, self.out_dim))
        return tuple(shapes)

    def init_params(
        self,
        generators: Sequence[torch.Generator],
        *,
        scheme: str = "normal",
        scale: float = 0.1,
        dtype: str | torch.dtype = "float32",
        device: str | torch.device = "cpu",
    ) -> Params:
        r"""Initial parameters, seed :math:`k`'s drawn from ``generators[k]`` only.

        Schemes:

        * ``"normal"``: :math:`W_{ij} \sim \mathcal N(0, s^2)`, :math:`b = 0`
          (document 000's SimpleGAN with :math:`s = 0.1`);
        * ``"uniform"``: :math:`W_{ij}, b_j \sim \mathcal U(-1/\sqrt{n_{in}}, 1/\sqrt{n_{in}})`,
          the default of ``torch.nn.Linear`` (He et al. 2015's Kaiming-uniform
          with :math:`a = \sqrt 5`); ``scale`` is ignored.

        Each generator draws the layers in order, weight before bias, then the
        skip weight :math:`S` (drawn like a weight of shape ``(in_dim, out_dim)``),
        on the CPU and in ``dtype``; so seed :math:`k`'s weights depend on its
        generator alone, not on K, the device, or the other seeds, and the
        layers of a network with a skip equal those of the same network without.

        Parameters
        ----------
        generators : sequence of torch.Generator, length K
            CPU generators, one per seed; they are advanced.
        scheme : {"normal", "uniform"}
        scale : float
            Standard deviation :math:`s > 0` of the ``"normal"`` scheme.
        dtype : {"float32", "float64"} or torch.dtype
        device : str or torch.device
            Where the returned tensors live (see :func:`resolve_device`).

        Returns
        -------
        tuple of torch.Tensor
            ``(W1, b1, …)`` with the shapes of :meth:`param_shapes`; leaf
            tensors that do not require gradients.
        """
        if scheme not in INIT_SCHEMES:
            raise ValueError(f"scheme must be one of {INIT_SCHEMES}, got {scheme!r}")
        s = float(scale)
        if not math.isfinite(s) or s <= 0:
            raise ValueError(f"scale must be a finite positive number, got {scale!r}")
        if len(generators) == 0:
            raise ValueError("generators must hold one torch.Generator per seed, got none")
        for g in generators:
            if not isinstance(g, torch.Generator) or g.device.type != "cpu":
                raise ValueError("generators must be CPU torch.Generator objects")
        dt = resolve_dtype(dtype)
        dev = resolve_device(device)
        per_seed: list[list[torch.Tensor]] = []
        for g in generators:
            tensors: list[torch.Tensor] = []
            for n_in, n_out in self.layer_dims:
                tensors.append(_init_weight(n_in, n_out, scheme, s, g, dt))
                if scheme == "normal":
                    tensors.append(torch.zeros(1, n_out, dtype=dt))
                else:
                    bound = 1.0 / math.sqrt(n_in)
                    tensors.append(torch.empty(1, n_out, dtype=dt).uniform_(-bound, bound, generator=g))
            if self.skip:
                tensors.append(_init_weight(self.in_dim, self.out_dim, scheme, s, g, dt))
            per_seed.append(tensors)
        return tuple(torch.stack(group).to(dev) for group in zip(*per_seed, strict=True))

    def check_params(self, params: Sequence[torch.Tensor]) -> int:
        """Validate a parameter tuple against the architecture and return K.

        Raises
        ------
        ValueError
            If the number of tensors or a shape does not match.
        """
        n_tensors = 2 * len(self.layer_dims) + self.skip
        if len(params) != n_tensors:
            shortcut = " and the skip weight" if self.skip else ""
            raise ValueError(f"expected {n_tensors} parameter tensors (W, b per layer{shortcut}), got {len(params)}")
        k = params[0].shape[0] if params[0].dim() == 3 else 0
        if k < 1:
            raise ValueError(f"W1 must have shape (K, {self.in_dim}, …), got {tuple(params[0].shape)}")
        expected = self.param_shapes(k)
        for i, (p, shape) in enumerate(zip(params, expected, strict=True)):
            if tuple(p.shape) != shape:
                raise ValueError(f"parameter {i} has shape {tuple(p.shape)}, expected {shape}")
        return k

    def forward(self, params: Sequence[torch.Tensor], x: torch.Tensor) -> torch.Tensor:
        """Evaluate all K networks, network :math:`k` on ``x[k]``.

        Parameters
        ----------
        params : sequence of torch.Tensor
            ``(W1, b1, …)`` as returned by :meth:`init_params`.
        x : torch.Tensor, shape (K, N, in_dim)

        Returns
        -------
        torch.Tensor, shape (K, N, out_dim)

        Raises
        ------
        ValueError
            If ``params`` does not fit the architecture or ``x`` has the wrong shape.
        """
        k = self.check_params(params)
        if x.dim() != 3 or x.shape[0] != k or x.shape[2] != self.in_dim:
            raise ValueError(f"x must have shape ({k}, N, {self.in_dim}), got {tuple(x.shape)}")
        return self(params, x)

    def __call__(self, params: Sequence[torch.Tensor], x: torch.Tensor) -> torch.Tensor:
        """Unchecked :meth:`forward`, for hot loops whose shapes are known to be right."""
        h = x
        last = len(params) // 2 - 1
        for i in range(last):
            h = _activate(stacked_linear(h, params[2 * i], params[2 * i + 1]), self.activation, self.negative_slope)
        out = stacked_linear(h, params[2 * last], params[2 * last + 1])
        if self.skip:
            out = out + _bmm(x, params[-1])
        return _activate(out, self.output_activation, self.negative_slope)


@validated(latent_dim=COUNT, widths=each(COUNT, min_len=0), data_dim=COUNT, negative_slope=NONNEGATIVE)
def generator_mlp(
    latent_dim: int,
    widths: Sequence[int],
    data_dim: int,
    *,
    activation: str = "leaky_relu",
    negative_slope: float = 0.01,
    output_activation: str = "linear",
    skip: bool = False,
) -> StackedMLP:
    r"""A generator :math:`G: \mathbb R^{d_z} \to \mathbb R^{d_x}` (document 000: ``generator_mlp(1, (64,), 1)``).

    ``skip`` adds the linear shortcut from the latent to the sample (see :class:`StackedMLP`).
    """
    return StackedMLP(latent_dim, tuple(widths), data_dim, activation, negative_slope, output_activation, skip)


@validated(data_dim=COUNT, widths=each(COUNT, min_len=0), negative_slope=NONNEGATIVE)
def discriminator_mlp(
    data_dim: int,
    widths: Sequence[int],
    *,
    activation: str = "leaky_relu",
    negative_slope: float = 0.01,
) -> StackedMLP:
    r"""A discriminator returning the logit :math:`\ell(x)`, :math:`D(x) = \sigma(\ell(x))`."""
    return StackedMLP(data_dim, tuple(widths), 1, activation, negative_slope, "linear")


@validated(params=each(tensor(finite=False)))
def num_seeds(params: Sequence[torch.Tensor]) -> int:
    """K, the length of the leading seed axis of a parameter tuple."""
    if len(params) == 0:
        raise ValueError("params is empty")
    return int(params[0].shape[0])


@validated(params=each(tensor(finite=False)), indices=one_of(NONNEGATIVE_COUNT, each(NONNEGATIVE_COUNT)))
def select_seeds(params: Sequence[torch.Tensor], indices: int | Sequence[int]) -> Params:
    """The sub-stack of the networks at positions ``indices`` (an int keeps a stack of one).

    Raises
    ------
    ValueError
        If an index is outside ``0 … K−1`` or none is given.
    """
    k = num_seeds(params)
    idx = [indices] if isinstance(indices, int) else list(indices)
    if not idx:
        raise ValueError("indices is empty")
    for i in idx:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < k:
            raise ValueError(f"seed position {i!r} is outside 0 … {k - 1}")
    index = torch.tensor(idx, dtype=torch.long, device=params[0].device)
    return tuple(p.index_select(0, index) for p in params)
