r"""Train K independent small GANs at once: one step advances every seed.

The parameters of K generators and K discriminators are stacked along a
leading seed axis (:mod:`gantheory.nn.models`). A step is the alternating
scheme of Goodfellow et al. (2014), Algorithm 1, for every seed at once:

1. ``d_steps`` times (the D:G ratio :math:`k`): draw :math:`x_1 \dots x_B \sim p_{data}` and
   :math:`z_1 \dots z_B \sim \mathcal N(0, I)`, and take one optimiser step on
   :math:`L_D = -\overline{\log D(x)} - \overline{\log(1 - D(G(z)))} + R_1`;
2. draw fresh :math:`z_1 \dots z_B` and take one optimiser step on the
   generator loss (minimax :math:`\overline{\log(1 - D(G(z)))}` or
   non-saturating :math:`-\overline{\log D(G(z))}`), with D held fixed.

Each optimiser step minimises :math:`\sum_k L^{(k)}`; because seed
:math:`k`'s loss depends on seed :math:`k`'s parameters only, its gradient
is seed :math:`k`'s own, and SGD and Adam, which act elementwise, update
every seed exactly as a separate optimiser would.

Randomness
----------
Seed :math:`k` of a run (its *seed index* is ``config.seed_offset + k``)
owns CPU :class:`torch.Generator` objects seeded from
``(config.seed, seed index, stream)`` through :class:`numpy.random.SeedSequence`,
one per stream: D's initial weights, G's initial weights, real data, latent
noise, fixed-:math:`p_g` samples, and evaluation noise. Nothing reads torch's
global RNG. Batches are drawn per seed in chunks of
:attr:`TrainConfig.chunk_steps` steps (a few generator calls per stream and
chunk, which keeps the loop over seeds cheap: under 1 ms per step at
K = 128 on one CPU core, about 6 % of an eager step) and stacked. Chunk sizes do not
depend on K, so a run with ``n_seeds=1, seed_offset=k`` sees the same
initial weights and batches as seed :math:`k` of a batched run, on any
device; a shorter run is a prefix of a longer one.

With :attr:`TrainConfig.streams` = ``"counter"`` the batches come instead
from counter-based Philox streams on the training device
(:mod:`gantheory.nn.counter_rng`), all K seeds in one call per tensor and
chunk; the same independence of K and of the chunk size holds.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Algorithm 1 and §3.
.. [2] L. Mescheder, A. Geiger, S. Nowozin, "Which Training Methods for GANs
   do actually Converge?", ICML 2018, arXiv:1801.04406, §4.1 (R1).
.. [3] D. Kingma, J. Ba, "Adam", ICLR 2015, arXiv:1412.6980.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import torch
from numpy.typing import ArrayLike, NDArray

from gantheory._validation import (
    COUNT,
    NONNEGATIVE_COUNT,
    UNIT,
    each,
    flag,
    function,
    instance,
    integer,
    one_of,
    validated,
)
from gantheory.nn.counter_rng import mixture_steps, normal_steps, stream_keys, stream_seed
from gantheory.nn.data import SOURCES, GaussianMixtureSource, get_source
from gantheory.nn.device import DTYPES, resolve_device, resolve_dtype
from gantheory.nn.losses import GENERATOR_LOSSES
from gantheory.nn.losses import discriminator_loss as _checked_discriminator_loss
from gantheory.nn.losses import generator_loss as _checked_generator_loss
from gantheory.nn.losses import r1_penalty as _checked_r1_penalty
from gantheory.nn.models import (
    ACTIVATIONS,
    INIT_SCHEMES,
    OUTPUT_ACTIVATIONS,
    StackedMLP,
    discriminator_mlp,
    generator_mlp,
    select_seeds,
)

__all__ = [
    "OPTIMIZERS",
    "SCHEDULES",
    "STREAMS",
    "BatchedGAN",
    "GANState",
    "StepBatch",
    "TrainConfig",
    "TrainResult",
    "learning_rate_factor",
    "observe_steps",
    "seed_generator",
    "step_batches",
    "train",
]

#: Optimisers by name.
OPTIMIZERS = ("sgd", "adam")

#: Learning-rate schedules by name (:func:`learning_rate_factor`).
SCHEDULES = ("constant", "cosine", "step", "exponential")

#: Kinds of per-seed random streams for the batches (:attr:`TrainConfig.streams`).
STREAMS = ("generator", "counter")

#: Random streams of one seed; the value enters the SeedSequence, so never renumber.
STREAM_D_INIT = 0
STREAM_G_INIT = 1
STREAM_DATA = 2
STREAM_NOISE = 3
STREAM_FAKE = 4
STREAM_EVAL = 5

#: Random numbers a seed may pre-draw per stream chunk (float32: 64 KiB), and the longest chunk.
_CHUNK_NUMBERS = 2**14
_MAX_CHUNK_STEPS = 32
#: Numbers of all seeds together per counter-stream call on a CPU: past about a million (8 MB int64
#: tensors) the Philox rounds ran at half their rate on a 2-core test machine, from cache misses.
_COUNTER_CPU_NUMBERS = 2**20

Params = tuple[torch.Tensor, ...]


def seed_generator(seed: int, index: int, stream: int) -> torch.Generator:
    """A CPU generator for one random stream of one seed.

    The torch seed is 63 bits of ``SeedSequence([seed, index, stream])``
    (:func:`gantheory.nn.counter_rng.stream_seed`, also the key of the
    ``streams="counter"`` path), so
    streams and seeds are statistically independent and a seed's streams do
    not depend on how many seeds run beside it.

    Parameters
    ----------
    seed : int
        The run's seed (:attr:`TrainConfig.seed`), ≥ 0.
    index : int
        The seed index, ≥ 0.
    stream : int
        Which stream (``STREAM_*`` constants of this module), ≥ 0.
    """
    g = torch.Generator(device="cpu")
    g.manual_seed(stream_seed(seed, index, stream))
    return g


@validated(schedule=instance(str), step=NONNEGATIVE_COUNT, steps=COUNT, hold=NONNEGATIVE_COUNT, final=UNIT)
def learning_rate_factor(schedule: str, step: int, steps: int, *, hold: int = 0, final: float = 0.0) -> float:
    r"""The factor :math:`\eta_t/\eta_0` that a learning-rate schedule applies before step :math:`t`.

    With :math:`h` = ``hold``, :math:`f` = ``final``, :math:`T` = ``steps`` and
    :math:`s = (t - h)/(T - h)` for :math:`t \ge h` (the factor is 1 for :math:`t < h`):

    .. math::
        \text{constant: } 1, \qquad
        \text{cosine: } f + (1 - f)\,\tfrac12\big(1 + \cos \pi s\big), \qquad
        \text{step: } f, \qquad
        \text{exponential: } f^{\,s + 1/(T - h)}

    The cosine schedule is SGDR's annealing without restarts (Loshchilov &
    Hutter 2017, Eq. (5)); the exponential one reaches :math:`f` exactly at the
    last step :math:`t = T - 1`.

    Parameters
    ----------
    schedule : {"constant", "cosine", "step", "exponential"}
    step : int
        The 0-based step :math:`t` about to be taken, in ``[0, steps)``.
    steps : int
        Steps of the run, :math:`T \ge 1`.
    hold : int
        Steps at the base rate, :math:`0 \le h < T`.
    final : float
        :math:`f \in [0, 1]`.

    Returns
    -------
    float
        In :math:`[\min(f, 1), 1]`.

    References
    ----------
    .. [1] I. Loshchilov, F. Hutter, "SGDR: Stochastic Gradient Descent with Warm
       Restarts", ICLR 2017, arXiv:1608.03983.
    """
    _choice_field(schedule, "schedule", SCHEDULES)
    _int_field(steps, "steps", 1)
    _int_field(hold, "hold", 0)
    _int_field(step, "step", 0)
    if step >= steps:
        raise ValueError(f"step must be < steps = {steps}, got {step!r}")
    if schedule == "constant" or step < hold:
        return 1.0
    if hold >= steps:
        raise ValueError(f"hold must be < steps = {steps}, got {hold!r}")
    # the expressions keep the exact float operations of the experiments' former loops
    if schedule == "cosine":
        return final + (1.0 - final) * (0.5 * (1.0 + math.cos(math.pi * (step - hold) / (steps - hold))))
    if schedule == "step":
        return final
    return final ** ((step - hold + 1) / (steps - hold))


def _int_field(value: object, name: str, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value!r}")


def _positive_field(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite positive number, got {value!r}")


def _choice_field(value: object, name: str, choices: Sequence[object]) -> None:
    # compared by type first: an array or tensor compared with a string has no truth value
    if not any(type(value) is type(c) and value == c for c in choices):
        raise ValueError(f"{name} must be one of {tuple(choices)}, got {value!r}")


# The training step calls the losses unchecked: a run whose logits overflow is a
# result (a diverged seed, recorded as such), not a caller's mistake.
discriminator_loss = _checked_discriminator_loss.unchecked  # type: ignore[attr-defined]
generator_loss = _checked_generator_loss.unchecked  # type: ignore[attr-defined]
r1_penalty = _checked_r1_penalty.unchecked  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TrainConfig:
    r"""Every setting of a batched GAN run. The defaults are document 000's SimpleGAN.

    Document 000 trains a 1-64-1 leaky-ReLU (slope 0.01) generator and
    discriminator on :math:`\tfrac12\mathcal N(-2, 0.5^2) + \tfrac12\mathcal N(2, 0.5^2)`
    with plain SGD at learning rate 0.005, batch 128, one D step per G step,
    the non-saturating generator loss, 2000 steps, a 1-D standard normal
    latent, and weights :math:`\mathcal N(0, 0.1^2)` with zero biases.

    Parameters
    ----------
    n_seeds : int
        K, the number of independent GANs trained together (≥ 1).
    steps : int
        Generator steps (≥ 1); the discriminator takes ``d_steps`` per step.
    batch_size : int
        Samples per seed in each real, fake and latent batch (≥ 1).
    latent_dim : int
        Dimension of :math:`z \sim \mathcal N(0, I)` (≥ 1).
    g_widths, d_widths : tuple of int
        Hidden widths of the generator and discriminator MLPs.
    activation : {"leaky_relu", "relu", "tanh"}
        Hidden nonlinearity of both networks.
    negative_slope : float
        Leaky-ReLU slope for negative inputs.
    g_output : {"linear", "tanh"}
        Output nonlinearity of the generator (``"tanh"`` for ``digits``).
    g_skip : bool
        Give the generator a linear shortcut from the latent to the sample,
        :math:`G(z) = \mathrm{MLP}(z) + zS` (:class:`~gantheory.nn.models.StackedMLP`'s
        ``skip``). Off by default; when on, the initial MLP weights are the
        same as without it and :math:`S` is drawn after them.
    init : {"normal", "uniform"}
        Weight initialisation (:meth:`gantheory.nn.models.StackedMLP.init_params`).
    init_scale : float
        Standard deviation of the ``"normal"`` initialisation.
    loss : {"minimax", "non-saturating"}
        Generator loss.
    r1_gamma : float
        Weight :math:`\gamma \ge 0` of the R1 penalty :math:`\tfrac\gamma2\mathbb E\lVert\nabla_x\ell\rVert^2`
        on real data (0 disables it).
    optimizer : {"sgd", "adam"}
        The same kind for both players.
    lr_d, lr_g : float
        Learning rates (> 0).
    betas : tuple of float
        Adam's :math:`(\beta_1, \beta_2)`, each in [0, 1); DCGAN's (0.5, 0.999) by default.
    adam_eps : float
        Adam's :math:`\epsilon` (> 0).
    momentum : float
        SGD momentum in [0, 1) (document 000: 0).
    d_steps : int
        Discriminator steps per generator step, the :math:`k` of Goodfellow et al.'s Algorithm 1 (≥ 1).
    lr_schedule : {"constant", "cosine", "step", "exponential"}
        How both learning rates change with the step :math:`t` (see
        :func:`learning_rate_factor`); each player's rate is its base rate
        (``lr_d``, ``lr_g``: different rates are the two time-scale update
        rule, TTUR, of Heusel et al. 2017) times the same factor.
    lr_hold_steps : int
        Steps at the base rates before the schedule starts to decay (≥ 0, < ``steps``).
    lr_final_factor : float
        The factor the schedule ends at: ``"cosine"`` decays to it (0 by default),
        ``"exponential"`` reaches it at the last step, ``"step"`` switches to it
        after ``lr_hold_steps``. In [0, 1]; > 0 for ``"step"`` and ``"exponential"``.
    g_ema : float
        Decay :math:`\beta \in [0, 1)` of an exponential moving average of the
        generator's weights (0 disables it); see :attr:`GANState.g_ema_params`.
    data : str
        Name of the real-data source in :data:`gantheory.nn.data.SOURCES`.
    fake_source : str or None
        If set, the name of a source used *instead of* the generator: D is
        trained against this fixed :math:`p_g`, G is neither used nor
        trained, and the logged G loss is NaN.
    dtype : {"float32", "float64"}
    device : str
        ``"auto"``, ``"cpu"``, ``"cuda"`` or ``"cuda:N"`` (resolved when training starts).
    seed : int
        Seed of the run (≥ 0).
    seed_offset : int
        Seed index of the first of the K seeds (≥ 0); seed :math:`k` of the
        run has index ``seed_offset + k``.
    compile : bool
        Compile the loss-and-gradient computations with :func:`torch.compile`.
        The D objective stays eager when ``r1_gamma > 0`` (the penalty needs a
        double backward, which compiled graphs do not support).
    log_every : int
        Record the losses of steps ``0, log_every, 2·log_every, …`` (≥ 1).
    streams : {"generator", "counter"}
        Where the batches' random numbers come from (the initial weights come
        from CPU generators either way). ``"generator"``: one CPU
        :class:`torch.Generator` per seed and stream, drawn seed by seed and
        moved to the device. ``"counter"``: Philox4x32-10 on the training device
        (:mod:`gantheory.nn.counter_rng`), keyed by the same seeds, drawing all
        K seeds in one vectorised call per tensor and chunk, with step
        :math:`t` at its own counters, so seed :math:`k`'s batches still do not
        depend on K or on the chunk size (they differ from the
        ``"generator"`` ones). Only the Gaussian-mixture sources
        (:class:`gantheory.nn.data.GaussianMixtureSource`) support it, as
        ``data`` and as ``fake_source``.

    Raises
    ------
    ValueError
        On any out-of-range or unknown setting.
    """

    n_seeds: int = 8
    steps: int = 2000
    batch_size: int = 128
    latent_dim: int = 1
    g_widths: tuple[int, ...] = (64,)
    d_widths: tuple[int, ...] = (64,)
    activation: str = "leaky_relu"
    negative_slope: float = 0.01
    g_output: str = "linear"
    g_skip: bool = False
    init: str = "normal"
    init_scale: float = 0.1
    loss: str = "non-saturating"
    r1_gamma: float = 0.0
    optimizer: str = "sgd"
    lr_d: float = 0.005
    lr_g: float = 0.005
    betas: tuple[float, float] = (0.5, 0.999)
    adam_eps: float = 1e-8
    momentum: float = 0.0
    d_steps: int = 1
    lr_schedule: str = "constant"
    lr_hold_steps: int = 0
    lr_final_factor: float = 0.0
    g_ema: float = 0.0
    data: str = "bimodal"
    fake_source: str | None = None
    dtype: str = "float32"
    device: str = "auto"
    seed: int = 0
    seed_offset: int = 0
    compile: bool = False
    log_every: int = 1
    streams: str = "generator"

    def __post_init__(self) -> None:
        for name in ("n_seeds", "steps", "batch_size", "latent_dim", "d_steps", "log_every"):
            _int_field(getattr(self, name), name, 1)
        for name in ("seed", "seed_offset"):
            _int_field(getattr(self, name), name, 0)
        for name in ("g_widths", "d_widths"):
            widths = getattr(self, name)
            if isinstance(widths, (int, str)) or not isinstance(widths, Sequence):
                raise ValueError(f"{name} must be a sequence of positive integers, got {widths!r}")
            for w in widths:
                _int_field(w, f"each of {name}", 1)
            object.__setattr__(self, name, tuple(widths))
        _choice_field(self.activation, "activation", ACTIVATIONS)
        _choice_field(self.g_output, "g_output", OUTPUT_ACTIVATIONS)
        _choice_field(self.init, "init", INIT_SCHEMES)
        _choice_field(self.loss, "loss", GENERATOR_LOSSES)
        _choice_field(self.optimizer, "optimizer", OPTIMIZERS)
        _choice_field(self.data, "data", tuple(SOURCES))
        _choice_field(self.dtype, "dtype", tuple(DTYPES))
        for name in ("init_scale", "lr_d", "lr_g", "adam_eps"):
            _positive_field(getattr(self, name), name)
        slope = self.negative_slope
        if isinstance(slope, bool) or not isinstance(slope, (int, float)) or not math.isfinite(slope) or slope < 0:
            raise ValueError(f"negative_slope must be finite and ≥ 0, got {slope!r}")
        gamma = self.r1_gamma
        if isinstance(gamma, bool) or not isinstance(gamma, (int, float)) or not math.isfinite(gamma) or gamma < 0:
            raise ValueError(f"r1_gamma must be finite and ≥ 0, got {gamma!r}")
        if not isinstance(self.momentum, (int, float)) or not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must lie in [0, 1), got {self.momentum!r}")
        if self.momentum and self.optimizer != "sgd":
            raise ValueError("momentum applies to optimizer='sgd' only")
        _choice_field(self.lr_schedule, "lr_schedule", SCHEDULES)
        _int_field(self.lr_hold_steps, "lr_hold_steps", 0)
        if self.lr_hold_steps >= self.steps and self.lr_schedule != "constant":
            raise ValueError(f"lr_hold_steps must be < steps = {self.steps}, got {self.lr_hold_steps!r}")
        final = self.lr_final_factor
        if isinstance(final, bool) or not isinstance(final, (int, float)) or not 0 <= final <= 1:
            raise ValueError(f"lr_final_factor must lie in [0, 1], got {final!r}")
        if final == 0 and self.lr_schedule in ("step", "exponential"):
            raise ValueError(f"lr_final_factor must be > 0 for lr_schedule={self.lr_schedule!r}")
        ema = self.g_ema
        if isinstance(ema, bool) or not isinstance(ema, (int, float)) or not 0 <= ema < 1:
            raise ValueError(f"g_ema must lie in [0, 1), got {ema!r}")
        betas = self.betas
        if (
            isinstance(betas, str)
            or not isinstance(betas, Sequence)
            or len(betas) != 2
            or not all(isinstance(b, (int, float)) and not isinstance(b, bool) and 0 <= b < 1 for b in betas)
        ):
            raise ValueError(f"betas must be two numbers in [0, 1), got {betas!r}")
        object.__setattr__(self, "betas", (float(betas[0]), float(betas[1])))
        if self.fake_source is not None:
            _choice_field(self.fake_source, "fake_source", tuple(SOURCES))
            if get_source(self.fake_source).dim != get_source(self.data).dim:
                raise ValueError(
                    f"fake_source {self.fake_source!r} has dimension {get_source(self.fake_source).dim}, "
                    f"data {self.data!r} has dimension {get_source(self.data).dim}"
                )
        if not isinstance(self.device, str) or not (
            self.device in ("auto", "cpu", "cuda") or self.device.startswith("cuda:")
        ):
            raise ValueError(f"device must be 'auto', 'cpu', 'cuda' or 'cuda:N', got {self.device!r}")
        for name in ("compile", "g_skip"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be a bool, got {getattr(self, name)!r}")
        _choice_field(self.streams, "streams", STREAMS)
        if self.streams == "counter":
            for name in ("data", "fake_source"):
                value = getattr(self, name)
                if value is not None and not isinstance(get_source(value), GaussianMixtureSource):
                    raise ValueError(
                        f"streams='counter' supports the Gaussian-mixture sources only; {name}={value!r} is not one "
                        "(use streams='generator')"
                    )

    @property
    def data_dim(self) -> int:
        """Dimension of a data sample (the generator's output)."""
        return get_source(self.data).dim

    @property
    def seed_indices(self) -> tuple[int, ...]:
        """Seed indices of the K seeds: ``seed_offset, …, seed_offset + K − 1``."""
        return tuple(range(self.seed_offset, self.seed_offset + self.n_seeds))

    @property
    def chunk_steps(self) -> int:
        """Steps of batches pre-drawn per generator call: about 16k numbers per seed, at most 32 steps.

        Depends on the batch shapes only, never on K.
        """
        b = self.batch_size
        per_step = self.d_steps * b * (self.data_dim + self.latent_dim) + b * self.latent_dim
        return max(1, min(_MAX_CHUNK_STEPS, _CHUNK_NUMBERS // per_step))

    def generator_net(self) -> StackedMLP:
        """The generator's architecture."""
        return generator_mlp(
            self.latent_dim,
            self.g_widths,
            self.data_dim,
            activation=self.activation,
            negative_slope=self.negative_slope,
            output_activation=self.g_output,
            skip=self.g_skip,
        )

    def discriminator_net(self) -> StackedMLP:
        """The discriminator's architecture (logit output)."""
        return discriminator_mlp(
            self.data_dim, self.d_widths, activation=self.activation, negative_slope=self.negative_slope
        )


@dataclass(frozen=True)
class StepBatch:
    """The random input of one training step for all K seeds (on the CPU unless moved).

    Attributes
    ----------
    x_real : torch.Tensor, shape (d_steps, K, B, data_dim)
        Real data, one batch per discriminator step.
    z_d : torch.Tensor or None, shape (d_steps, K, B, latent_dim)
        Latent noise of the discriminator steps (None with a ``fake_source``).
    x_fake : torch.Tensor or None, shape (d_steps, K, B, data_dim)
        Samples of the fixed :math:`p_g` (only with a ``fake_source``).
    z_g : torch.Tensor or None, shape (K, B, latent_dim)
        Latent noise of the generator step (None with a ``fake_source``).
    """

    x_real: torch.Tensor
    z_d: torch.Tensor | None
    x_fake: torch.Tensor | None
    z_g: torch.Tensor | None


@validated(config=instance(TrainConfig))
def step_batches(config: TrainConfig, *, device: str | torch.device = "cpu") -> Iterator[StepBatch]:
    """The batches :func:`train` uses, step by step, for ``config.steps`` steps.

    Seed :math:`k`'s slice (``[:, k]`` of ``x_real``) depends only on
    ``(config.seed, config.seed_indices[k])``, the batch shapes and
    ``config.streams``. With ``streams="counter"`` the batches are drawn on
    ``device`` itself (see :attr:`TrainConfig.streams`).

    Parameters
    ----------
    config : TrainConfig
    device : str or torch.device
        Where the yielded tensors live.
    """
    dev = resolve_device(device)
    if config.streams == "counter":
        yield from _counter_batches(config, dev)
    else:
        yield from _generator_batches(config, dev)


def _generator_batches(config: TrainConfig, dev: torch.device) -> Iterator[StepBatch]:
    dt = resolve_dtype(config.dtype)
    source = get_source(config.data)
    fake = None if config.fake_source is None else get_source(config.fake_source)
    indices = config.seed_indices
    data_gens = [seed_generator(config.seed, i, STREAM_DATA) for i in indices]
    noise_gens = [seed_generator(config.seed, i, STREAM_NOISE) for i in indices]
    fake_gens = [seed_generator(config.seed, i, STREAM_FAKE) for i in indices]
    c, d, b = config.chunk_steps, config.d_steps, config.batch_size
    dim, latent = source.dim, config.latent_dim
    done = 0
    while done < config.steps:
        real = torch.stack([source.sample(c * d * b, g, dtype=dt).view(c, d, b, dim) for g in data_gens], dim=2)
        real = real.to(dev)
        if fake is None:
            noise = torch.stack([torch.randn(c, d + 1, b, latent, generator=g, dtype=dt) for g in noise_gens], dim=2)
            noise = noise.to(dev)
            fakes = None
        else:
            noise = None
            fakes = torch.stack([fake.sample(c * d * b, g, dtype=dt).view(c, d, b, dim) for g in fake_gens], dim=2)
            fakes = fakes.to(dev)
        for i in range(min(c, config.steps - done)):
            yield StepBatch(
                x_real=real[i],
                z_d=None if noise is None else noise[i, :d],
                x_fake=None if fakes is None else fakes[i],
                z_g=None if noise is None else noise[i, d],
            )
        done += c


def _counter_batches(config: TrainConfig, dev: torch.device) -> Iterator[StepBatch]:
    # one Philox stream per seed and purpose, keyed like the generators; step t reads its own counters
    dt = resolve_dtype(config.dtype)
    source = cast(GaussianMixtureSource, get_source(config.data))
    fake = None if config.fake_source is None else cast(GaussianMixtureSource, get_source(config.fake_source))
    indices = config.seed_indices
    data_keys = stream_keys(config.seed, indices, STREAM_DATA).to(dev)
    noise_keys = stream_keys(config.seed, indices, STREAM_NOISE).to(dev)
    fake_keys = stream_keys(config.seed, indices, STREAM_FAKE).to(dev)
    k, d, b = config.n_seeds, config.d_steps, config.batch_size
    dim, latent = source.dim, config.latent_dim
    c = config.chunk_steps
    if dev.type == "cpu":
        # the results do not depend on the chunk: on a CPU, keep each call's int64 intermediates near the cache
        per_step = d * b * (1 + dim) + (d * b * (1 + dim) if fake is not None else (d + 1) * b * latent)
        c = max(1, min(c, _COUNTER_CPU_NUMBERS // (k * per_step)))

    def points(mixture: GaussianMixtureSource, keys: torch.Tensor, first: int, n: int) -> torch.Tensor:
        x = mixture_steps(keys, first, n, d * b, mixture.weights, mixture.means, mixture.sigmas, dtype=dt)
        return x.view(k, n, d, b, dim).permute(1, 2, 0, 3, 4).contiguous()

    done = 0
    while done < config.steps:
        n = min(c, config.steps - done)
        real = points(source, data_keys, done, n)
        noise = fakes = None
        if fake is None:
            z = normal_steps(noise_keys, done, n, (d + 1) * b * latent, dtype=dt)
            noise = z.view(k, n, d + 1, b, latent).permute(1, 2, 0, 3, 4).contiguous()
        else:
            fakes = points(fake, fake_keys, done, n)
        for i in range(n):
            yield StepBatch(
                x_real=real[i],
                z_d=None if noise is None else noise[i, :d],
                x_fake=None if fakes is None else fakes[i],
                z_g=None if noise is None else noise[i, d],
            )
        done += n


def _as_points(x: ArrayLike | torch.Tensor, k: int, dim: int, dtype: torch.dtype, name: str) -> torch.Tensor:
    """Points as a (K, N, dim) tensor: (N, dim) and, for dim 1, (N,) are shared by all seeds."""
    t = x.detach().to("cpu") if isinstance(x, torch.Tensor) else torch.as_tensor(np.asarray(x, dtype=np.float64))
    t = t.to(dtype)
    if not torch.isfinite(t).all():
        raise ValueError(f"{name} contains NaN or an infinite value")
    if t.dim() == 1 and dim == 1:
        t = t.unsqueeze(1)
    if t.dim() == 2 and t.shape[1] == dim:
        return t.unsqueeze(0).expand(k, -1, -1)
    if t.dim() == 3 and t.shape[0] == k and t.shape[2] == dim:
        return t
    raise ValueError(f"{name} must have shape (N, {dim}) or ({k}, N, {dim}), got {tuple(t.shape)}")


@dataclass(frozen=True)
class GANState:
    r"""K trained (or training) GANs: stacked parameters on the CPU, with evaluation helpers.

    Attributes
    ----------
    config : TrainConfig
        The run's settings (the architecture comes from here).
    seed_indices : tuple of int
        Seed index of each of the K positions.
    d_params, g_params : tuple of torch.Tensor
        Stacked discriminator and generator parameters ``(W1, b1, …)``,
        detached, on the CPU, leading dimension K.
    g_ema_params : tuple of torch.Tensor or None
        With ``config.g_ema`` = :math:`\beta > 0`, the bias-corrected moving
        average of the generator's weights after :math:`t` steps,
        :math:`\bar\theta_t = \sum_{s \le t} (1 - \beta)\beta^{t - s}\theta_s / (1 - \beta^t)`
        (Yazıcı et al. 2019, arXiv:1806.04498; bias-corrected like Adam's
        moments); ``None`` otherwise. :meth:`averaged` swaps it in.
    """

    config: TrainConfig
    seed_indices: tuple[int, ...]
    d_params: Params
    g_params: Params
    g_ema_params: Params | None = None

    @property
    def n_seeds(self) -> int:
        """K."""
        return len(self.seed_indices)

    def discriminator_logit(self, x: ArrayLike | torch.Tensor) -> NDArray[np.float64]:
        r"""Each seed's logit :math:`\ell_k(x) = \sigma^{-1}(D_k(x))`.

        Parameters
        ----------
        x : array_like or torch.Tensor, shape (N, d), (K, N, d), or (N,) when d = 1
            Points; a 2-D array is evaluated by every seed.

        Returns
        -------
        ndarray, shape (K, N)
            Computed in the run's dtype, returned as float64.
        """
        net = self.config.discriminator_net()
        pts = _as_points(x, self.n_seeds, net.in_dim, self.d_params[0].dtype, "x")
        with torch.no_grad():
            out = net(self.d_params, pts)
        return out.squeeze(2).to(torch.float64).numpy()

    def discriminator(self, x: ArrayLike | torch.Tensor) -> NDArray[np.float64]:
        r"""Each seed's :math:`D_k(x) = \sigma(\ell_k(x))`, shape (K, N) (see :meth:`discriminator_logit`)."""
        logit = torch.from_numpy(self.discriminator_logit(x))
        return torch.sigmoid(logit).numpy()

    def generate(self, z: ArrayLike | torch.Tensor) -> NDArray[np.float64]:
        r"""Each seed's :math:`G_k(z)`.

        Parameters
        ----------
        z : array_like or torch.Tensor, shape (N, latent_dim), (K, N, latent_dim), or (N,) when latent_dim = 1

        Returns
        -------
        ndarray, shape (K, N, data_dim)
        """
        net = self.config.generator_net()
        pts = _as_points(z, self.n_seeds, net.in_dim, self.g_params[0].dtype, "z")
        with torch.no_grad():
            out = net(self.g_params, pts)
        return out.to(torch.float64).numpy()

    def sample(self, n: int, *, stream: int = 0) -> NDArray[np.float64]:
        r"""``n`` samples of each seed's generator, :math:`G_k(z)`, :math:`z \sim \mathcal N(0, I)`.

        Seed :math:`k`'s noise comes from its own evaluation generator
        (seeded by ``(config.seed, seed index, evaluation stream, stream)``),
        so the samples are reproducible and do not depend on K.

        Parameters
        ----------
        n : int
            Samples per seed (≥ 1).
        stream : int
            Picks an independent set of noise (≥ 0).

        Returns
        -------
        ndarray, shape (K, n, data_dim)
        """
        _int_field(n, "n", 1)
        _int_field(stream, "stream", 0)
        dt = self.g_params[0].dtype
        z = torch.stack(
            [
                torch.randn(n, self.config.latent_dim, generator=_eval_generator(self.config.seed, i, stream), dtype=dt)
                for i in self.seed_indices
            ]
        )
        return self.generate(z)

    def select(self, positions: int | Sequence[int]) -> GANState:
        """The GANs at positions ``positions`` (0 … K−1) of this stack, as a new state."""
        idx = [positions] if isinstance(positions, int) else list(positions)
        return dataclasses.replace(
            self,
            seed_indices=tuple(self.seed_indices[i] for i in _checked_positions(idx, self.n_seeds)),
            d_params=select_seeds(self.d_params, idx),
            g_params=select_seeds(self.g_params, idx),
            g_ema_params=None if self.g_ema_params is None else select_seeds(self.g_ema_params, idx),
        )

    def averaged(self) -> GANState:
        """The same discriminators with the averaged generators (:attr:`g_ema_params`).

        Raises
        ------
        ValueError
            If the run kept no average (``config.g_ema == 0``).
        """
        if self.g_ema_params is None:
            raise ValueError("this state has no generator average: train with g_ema > 0")
        return dataclasses.replace(self, g_params=self.g_ema_params, g_ema_params=None)


def _eval_generator(seed: int, index: int, stream: int) -> torch.Generator:
    hi, lo = np.random.SeedSequence([seed, index, STREAM_EVAL, stream]).generate_state(2, dtype=np.uint32)
    g = torch.Generator(device="cpu")
    g.manual_seed(((int(hi) << 32) | int(lo)) & (2**63 - 1))
    return g


def _checked_positions(idx: Sequence[int], k: int) -> list[int]:
    if not idx:
        raise ValueError("positions is empty")
    for i in idx:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < k:
            raise ValueError(f"position {i!r} is outside 0 … {k - 1}")
    return list(idx)


@dataclass(frozen=True)
class TrainResult(GANState):
    r"""The outcome of :func:`train`: final parameters, loss curves, timing.

    Attributes
    ----------
    steps : ndarray of int, shape (n_logged,)
        The (0-based) steps whose losses were recorded: ``0, log_every, …``.
    d_loss : ndarray, shape (n_logged, K)
        Discriminator cross-entropy :math:`-\overline{\log D(x)} - \overline{\log(1 - D(G(z)))}`
        of the last D step of each recorded step, before its update, without
        the R1 term (:math:`\log 4` at the equilibrium).
    g_loss : ndarray, shape (n_logged, K)
        The generator loss of the recorded step, before its update (NaN with a
        ``fake_source``).
    r1 : ndarray, shape (n_logged, K)
        The R1 penalty :math:`\tfrac\gamma2\overline{\lVert\nabla_x\ell\rVert^2}` of the
        same D step (0 when ``r1_gamma = 0``).
    wall_time_s : float
        Seconds spent in the training loop, data generation included.
    device : str
        Where it ran.
    """

    steps: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    d_loss: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    g_loss: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    r1: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    wall_time_s: float = 0.0
    device: str = "cpu"

    @property
    def seed_steps_per_second(self) -> float:
        """Throughput: K × steps / wall time."""
        return self.n_seeds * self.config.steps / self.wall_time_s if self.wall_time_s > 0 else math.inf

    def select(self, positions: int | Sequence[int]) -> TrainResult:
        """The runs at positions ``positions`` (0 … K−1), parameters and loss columns alike."""
        idx = [positions] if isinstance(positions, int) else list(positions)
        state = GANState.select(self, idx)
        return dataclasses.replace(
            self,
            seed_indices=state.seed_indices,
            d_params=state.d_params,
            g_params=state.g_params,
            g_ema_params=state.g_ema_params,
            d_loss=self.d_loss[:, idx],
            g_loss=self.g_loss[:, idx],
            r1=self.r1[:, idx],
        )


def _optimizer(params: Params, lr: float, config: TrainConfig) -> torch.optim.Optimizer:
    if config.optimizer == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=config.momentum)
    return torch.optim.Adam(params, lr=lr, betas=config.betas, eps=config.adam_eps)


class BatchedGAN:
    """K GANs with their optimisers; :meth:`d_step` and :meth:`g_step` advance all K at once.

    :func:`train` drives this class; use it directly to interleave your own
    measurements with the steps.

    Parameters
    ----------
    config : TrainConfig
        ``config.device`` is resolved here (a ValueError if CUDA is asked for
        and absent).

    Attributes
    ----------
    d_params, g_params : tuple of torch.Tensor
        The live stacked parameters (leaf tensors that require gradients).
    d_optimizer, g_optimizer : torch.optim.Optimizer
    device : torch.device
    """

    @validated(config=instance(TrainConfig))
    def __init__(self, config: TrainConfig) -> None:
        if not isinstance(config, TrainConfig):
            raise ValueError(f"config must be a TrainConfig, got {type(config).__name__}")
        self.config = config
        self.device = resolve_device(config.device)
        self.dtype = resolve_dtype(config.dtype)
        self.d_net = config.discriminator_net()
        self.g_net = config.generator_net()
        self.d_params: Params = self._initial_params(self.d_net, STREAM_D_INIT)
        self.g_params: Params = self._initial_params(self.g_net, STREAM_G_INIT)
        self.d_optimizer = _optimizer(self.d_params, config.lr_d, config)
        self.g_optimizer = _optimizer(self.g_params, config.lr_g, config)
        self.g_steps_done = 0
        self._g_ema_sums: Params | None = (
            tuple(torch.zeros_like(p, requires_grad=False) for p in self.g_params) if config.g_ema > 0 else None
        )
        d_objective: Callable[..., tuple[torch.Tensor, torch.Tensor]] = self._d_objective
        g_objective: Callable[..., tuple[torch.Tensor, torch.Tensor]] = self._g_objective
        if config.compile:
            if config.r1_gamma == 0:
                d_objective = torch.compile(d_objective, dynamic=False)
            g_objective = torch.compile(g_objective, dynamic=False)
        self._d_objective_fn = d_objective
        self._g_objective_fn = g_objective

    def set_learning_rates(self, step: int) -> None:
        """Set both optimisers' rates for step ``step`` from the config's schedule (:func:`learning_rate_factor`).

        A constant schedule leaves the rates untouched.
        """
        config = self.config
        if config.lr_schedule == "constant":
            return
        factor = learning_rate_factor(
            config.lr_schedule, step, config.steps, hold=config.lr_hold_steps, final=config.lr_final_factor
        )
        for optimizer, base in ((self.d_optimizer, config.lr_d), (self.g_optimizer, config.lr_g)):
            for group in optimizer.param_groups:
                group["lr"] = base * factor

    def _initial_params(self, net: StackedMLP, stream: int) -> Params:
        # one generator per seed and stream: seed k's weights do not depend on K or on the other network
        config = self.config
        params = net.init_params(
            [seed_generator(config.seed, i, stream) for i in config.seed_indices],
            scheme=config.init,
            scale=config.init_scale,
            dtype=self.dtype,
            device=self.device,
        )
        return tuple(p.requires_grad_(True) for p in params)

    @property
    def n_seeds(self) -> int:
        """K."""
        return self.config.n_seeds

    def _fakes(self, g_params: Params, z: torch.Tensor | None, x_fake: torch.Tensor | None) -> torch.Tensor:
        if x_fake is not None:
            return x_fake
        # callers pass noise whenever they pass no fakes (step_batches draws one or the other)
        return self.g_net(tuple(p.detach() for p in g_params), cast(torch.Tensor, z))

    def _d_objective(
        self,
        d_params: Params,
        g_params: Params,
        x_real: torch.Tensor,
        z: torch.Tensor | None,
        x_fake: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        # real and fake batches go through D in one pass; the fakes carry no graph back to G
        fakes = self._fakes(g_params, z, x_fake)
        n = x_real.shape[1]
        logits = self.d_net(d_params, torch.cat([x_real, fakes], dim=1))
        loss = discriminator_loss(logits[:, :n], logits[:, n:])
        return loss.sum(), loss

    def _d_objective_r1(
        self,
        d_params: Params,
        g_params: Params,
        x_real: torch.Tensor,
        z: torch.Tensor | None,
        x_fake: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        fakes = self._fakes(g_params, z, x_fake)
        x_real = x_real.detach().requires_grad_(True)
        real_logits = self.d_net(d_params, x_real)
        fake_logits = self.d_net(d_params, fakes)
        loss = discriminator_loss(real_logits, fake_logits)
        penalty = r1_penalty(real_logits, x_real, self.config.r1_gamma)
        return (loss + penalty).sum(), loss, penalty

    def _g_objective(self, g_params: Params, d_params: Params, z: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits = self.d_net(d_params, self.g_net(g_params, z))
        loss = generator_loss(logits, self.config.loss)
        return loss.sum(), loss

    def _check(self, t: torch.Tensor | None, dim: int, name: str) -> torch.Tensor:
        if not isinstance(t, torch.Tensor):
            raise ValueError(f"{name} must be a torch.Tensor")
        if t.dim() != 3 or t.shape[0] != self.n_seeds or t.shape[2] != dim:
            raise ValueError(f"{name} must have shape ({self.n_seeds}, B, {dim}), got {tuple(t.shape)}")
        return t.to(device=self.device, dtype=self.dtype)

    def d_step(
        self, x_real: torch.Tensor, z: torch.Tensor | None = None, *, x_fake: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """One optimiser step of every discriminator.

        Parameters
        ----------
        x_real : torch.Tensor, shape (K, B, data_dim)
        z : torch.Tensor, shape (K, B_f, latent_dim), optional
            Latent noise; the fakes are :math:`G_k(z_k)`, computed without a
            graph (G is not changed).
        x_fake : torch.Tensor, shape (K, B_f, data_dim), optional
            Fakes given directly (a fixed :math:`p_g`); exactly one of ``z``
            and ``x_fake``.

        Returns
        -------
        d_loss, r1 : torch.Tensor, shape (K,)
            Each seed's cross-entropy and R1 penalty before the update (detached).
        """
        if (z is None) == (x_fake is None):
            raise ValueError("pass exactly one of z and x_fake")
        xr = self._check(x_real, self.d_net.in_dim, "x_real")
        zz = None if z is None else self._check(z, self.g_net.in_dim, "z")
        xf = None if x_fake is None else self._check(x_fake, self.d_net.in_dim, "x_fake")
        self.d_optimizer.zero_grad(set_to_none=True)
        if self.config.r1_gamma > 0:
            total, loss, penalty = self._d_objective_r1(self.d_params, self.g_params, xr, zz, xf)
        else:
            total, loss = self._d_objective_fn(self.d_params, self.g_params, xr, zz, xf)
            penalty = torch.zeros_like(loss)
        total.backward()
        self.d_optimizer.step()
        return loss.detach(), penalty.detach()

    def g_step(self, z: torch.Tensor) -> torch.Tensor:
        """One optimiser step of every generator against its (fixed) discriminator.

        The discriminators enter through detached copies of their parameters,
        so no gradient reaches them and their values and optimiser state are
        untouched.

        Parameters
        ----------
        z : torch.Tensor, shape (K, B, latent_dim)

        Returns
        -------
        torch.Tensor, shape (K,)
            Each seed's generator loss before the update (detached).
        """
        zz = self._check(z, self.g_net.in_dim, "z")
        self.g_optimizer.zero_grad(set_to_none=True)
        total, loss = self._g_objective_fn(self.g_params, tuple(p.detach() for p in self.d_params), zz)
        total.backward()
        self.g_optimizer.step()
        self.g_steps_done += 1
        if self._g_ema_sums is not None:
            beta = self.config.g_ema
            with torch.no_grad():
                for acc, p in zip(self._g_ema_sums, self.g_params, strict=True):
                    acc.mul_(beta).add_(p, alpha=1.0 - beta)
        return loss.detach()

    def _g_ema_state(self) -> Params | None:
        if self._g_ema_sums is None or self.g_steps_done == 0:
            return None
        scale = 1.0 - self.config.g_ema**self.g_steps_done
        return tuple((acc / scale).to("cpu") for acc in self._g_ema_sums)

    def state(self) -> GANState:
        """A CPU snapshot of the current parameters."""
        return GANState(
            config=self.config,
            seed_indices=self.config.seed_indices,
            d_params=tuple(p.detach().to("cpu", copy=True) for p in self.d_params),
            g_params=tuple(p.detach().to("cpu", copy=True) for p in self.g_params),
            g_ema_params=self._g_ema_state(),
        )


#: Observers of every :func:`train` call in this process (see :func:`observe_steps`).
_STEP_OBSERVERS: list[Callable[[TrainConfig, int], None]] = []


@validated(observer=function)
@contextlib.contextmanager
def observe_steps(observer: Callable[[TrainConfig, int], None]) -> Iterator[None]:
    """Call ``observer(config, steps_done)`` after every step of every :func:`train` inside the block.

    For progress displays of code that trains deep inside (an experiment, a
    sweep): the observer sees the run's :class:`TrainConfig` (seeds, steps) and
    the number of steps done, ``1 … config.steps``. It should return quickly.

    Examples
    --------
    >>> done = []
    >>> with observe_steps(lambda config, n: done.append(n)):
    ...     _ = train(TrainConfig(n_seeds=1, steps=3, device="cpu"))
    >>> done
    [1, 2, 3]
    """
    _STEP_OBSERVERS.append(observer)
    try:
        yield
    finally:
        _STEP_OBSERVERS.remove(observer)


@validated(
    config=instance(TrainConfig),
    progress=flag,
    callback=one_of(function, instance(type(None))),
    callback_every=integer(ge=1, optional=True),
    callback_at=one_of(each(NONNEGATIVE_COUNT, min_len=0), instance(type(None))),
)
def train(
    config: TrainConfig,
    *,
    progress: bool = False,
    callback: Callable[[int, GANState], None] | None = None,
    callback_every: int | None = None,
    callback_at: Sequence[int] | None = None,
) -> TrainResult:
    """Train ``config.n_seeds`` independent GANs together.

    Before step :math:`t` the learning rates follow ``config.lr_schedule``;
    after each generator step the generator average (``config.g_ema``) is
    updated. Both are in :class:`BatchedGAN`, so a hand-written loop over its
    ``set_learning_rates``, ``d_step`` and ``g_step`` trains the same way.

    Parameters
    ----------
    config : TrainConfig
    progress : bool
        Show a tqdm progress bar on stderr.
    callback : callable, optional
        ``callback(step, state)`` after steps ``callback_every − 1``,
        ``2·callback_every − 1``, … with a CPU snapshot :class:`GANState`
        (for curves of mode coverage and the like).
    callback_every : int, optional
        Defaults to ``config.log_every``.
    callback_at : sequence of int, optional
        Instead of ``callback_every``: call ``callback`` once each of these
        numbers of steps is done (each in ``1 … config.steps``; e.g.
        log-spaced checkpoints), with ``step`` = that number − 1.

    Returns
    -------
    TrainResult

    Raises
    ------
    ValueError
        If the device is unavailable or an argument is invalid.

    Examples
    --------
    >>> result = train(TrainConfig(n_seeds=2, steps=5, device="cpu"))
    >>> result.d_loss.shape, result.sample(3).shape
    ((5, 2), (2, 3, 1))
    """
    if not isinstance(config, TrainConfig):
        raise ValueError(f"config must be a TrainConfig, got {type(config).__name__}")
    every = config.log_every if callback_every is None else callback_every
    _int_field(every, "callback_every", 1)
    if callback is not None and not callable(callback):
        raise ValueError("callback must be callable")
    marks: frozenset[int] | None = None
    if callback_at is not None:
        if callback_every is not None:
            raise ValueError("pass callback_every or callback_at, not both")
        for n in callback_at:
            _int_field(n, "each of callback_at", 1)
            if n > config.steps:
                raise ValueError(f"callback_at holds {n}, past the run's {config.steps} steps")
        marks = frozenset(callback_at)
    gan = BatchedGAN(config)
    k = config.n_seeds
    logged = np.arange(0, config.steps, config.log_every, dtype=np.int64)
    hist = torch.full((3, logged.size, k), math.nan, dtype=gan.dtype, device=gan.device)
    batches = step_batches(config, device=gan.device)
    if progress:
        from tqdm import tqdm

        batches = tqdm(batches, total=config.steps, desc=f"train K={k}", unit="step")
    nan = torch.full((k,), math.nan, dtype=gan.dtype, device=gan.device)
    start = time.perf_counter()
    for step, batch in enumerate(batches):
        gan.set_learning_rates(step)
        for j in range(config.d_steps):
            if batch.x_fake is None:
                d_loss, penalty = gan.d_step(batch.x_real[j], cast(torch.Tensor, batch.z_d)[j])
            else:
                d_loss, penalty = gan.d_step(batch.x_real[j], x_fake=batch.x_fake[j])
        g_loss = nan if batch.z_g is None else gan.g_step(batch.z_g)
        if step % config.log_every == 0:
            row = step // config.log_every
            hist[0, row] = d_loss
            hist[1, row] = g_loss
            hist[2, row] = penalty
        if callback is not None and ((step + 1) in marks if marks is not None else (step + 1) % every == 0):
            callback(step, gan.state())
        for observer in _STEP_OBSERVERS:
            observer(config, step + 1)
    if gan.device.type == "cuda":
        torch.cuda.synchronize(gan.device)
    wall = time.perf_counter() - start
    final = gan.state()
    h = hist.to("cpu", torch.float64).numpy()
    return TrainResult(
        config=config,
        seed_indices=final.seed_indices,
        d_params=final.d_params,
        g_params=final.g_params,
        g_ema_params=final.g_ema_params,
        steps=logged,
        d_loss=h[0],
        g_loss=h[1],
        r1=h[2],
        wall_time_s=wall,
        device=str(gan.device),
    )
