"""Small torch GANs, trained K seeds at a time.

Modules
-------
device   resolve ``"auto"``/``"cpu"``/``"cuda"`` and the float dtype
models   stacks of K MLPs with parameters of shape (K, in, out), one batched pass for all seeds
data     samplers on an explicit torch.Generator: document 000's bimodal mixture, the PacGAN
         ring and grid, N(0, 1) as a fixed p_g, scikit-learn's 8×8 digits
losses   per-seed discriminator, minimax and non-saturating losses from logits; the R1 penalty
trainer  ``TrainConfig`` and ``train``: K independent GANs advanced by one step each

A run of K seeds is reproducible seed by seed: seed k of a batched run has the
initial weights and batches of a one-seed run with ``seed_offset=k``.
"""

from gantheory.nn.data import (
    SOURCES,
    DataSource,
    DigitsSource,
    GaussianMixtureSource,
    bimodal,
    digits,
    gaussian1d,
    get_source,
    grid25,
    optimal_logit,
    ring8,
    standard_normal,
)
from gantheory.nn.device import cuda_available, resolve_device, resolve_dtype, torch_threads
from gantheory.nn.losses import (
    GENERATOR_LOSSES,
    discriminator_loss,
    generator_loss,
    generator_loss_minimax,
    generator_loss_nonsaturating,
    r1_penalty,
)
from gantheory.nn.models import StackedMLP, discriminator_mlp, generator_mlp, num_seeds, select_seeds, stacked_linear
from gantheory.nn.trainer import (
    BatchedGAN,
    GANState,
    StepBatch,
    TrainConfig,
    TrainResult,
    seed_generator,
    step_batches,
    train,
)

__all__ = [
    "GENERATOR_LOSSES",
    "SOURCES",
    "BatchedGAN",
    "DataSource",
    "DigitsSource",
    "GANState",
    "GaussianMixtureSource",
    "StackedMLP",
    "StepBatch",
    "TrainConfig",
    "TrainResult",
    "bimodal",
    "cuda_available",
    "digits",
    "discriminator_loss",
    "discriminator_mlp",
    "gaussian1d",
    "generator_loss",
    "generator_loss_minimax",
    "generator_loss_nonsaturating",
    "generator_mlp",
    "get_source",
    "grid25",
    "num_seeds",
    "optimal_logit",
    "r1_penalty",
    "resolve_device",
    "resolve_dtype",
    "ring8",
    "seed_generator",
    "select_seeds",
    "stacked_linear",
    "standard_normal",
    "step_batches",
    "torch_threads",
    "train",
]
