"""Trained GANs on document 000's bimodal data, across many seeds.

Experiments
-----------
E1a  document 000's own setting (the :class:`~gantheory.nn.TrainConfig` defaults: 1-64-1 leaky-ReLU
     networks, N(0, 0.1²) weights, SGD at 0.005, batch 128, 2000 steps, non-saturating loss)
E1b  a setting tuned to come close to the equilibrium (Adam, three D steps per G step, light R1 on real data,
     annealed learning rates)
E1c  the first tuning attempt (Adam, R1 with γ = 1, 4000 steps), whose discriminator the penalty keeps near ½
E2   discriminators trained to convergence against fixed, known p_data and p_g (one case with p_g = p_data),
     against the analytic D*
E3   generator gradients early in training: minimax against non-saturating (001, exercise 4)
E4   D:G update ratio 1:1 against 5:1 in document 000's setting (001, exercise 5)

Every trained run is summarised by the same per-seed statistics (:func:`sampler_table`,
:func:`discriminator_table`), which the claims in :mod:`verify.claims.empirical` read; the
claims push their deliberately wrong subjects (a one-mode generator, a constant discriminator…)
through the same functions. What a run is judged on:

* **coverage**: the share of the generator's mass within 3σ = 1.5 of each mode, computed from G's
  values on a fine latent grid (no sampling noise); a mode is covered when its share is at least ¼
  (the data put 0.4987 there);
* **JS**: the Jensen–Shannon divergence between the exact masses of p_data and of p_g on 120 bins of
  width 0.1 over [−6, 6] plus two tails (p_g's masses from G's values at the edges of 2¹⁵ latent cells,
  each cell's mass spread over its image): a lower bound on JS(p_data ‖ p_g) by the data-processing
  inequality;
* **C2ST**: :func:`gantheory.twosample.c2st` (k-NN, held-out half, exact binomial p-value) on 2000 real
  and 2000 generated samples (n_test = 2000);
* **learned the mixture**: both modes covered and the C2ST does not reject at 5%;
* **D ≈ ½**: sup over the data region R = {|x ∓ 2| ≤ 1.5} of |D(x) − ½| at most 0.1 (for D = D*, the
  density ratio p_g/p_data stays within [2/3, 3/2] on R).

All randomness is seeded from the run's base seed (``ctx.seed``), the experiment and the seed
index; torch runs on one intra-op thread while an experiment trains (the networks are tiny).
"""

from __future__ import annotations

import dataclasses
import math
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from numpy.typing import NDArray
from scipy import special, stats

from gantheory.densities import GaussianMixture
from gantheory.nn import (
    BatchedGAN,
    GANState,
    TrainConfig,
    TrainResult,
    seed_generator,
    torch_threads,
    train,
)
from gantheory.nn import metrics as M
from gantheory.nn.data import GaussianMixtureSource, bimodal
from gantheory.nn.losses import generator_loss
from gantheory.twosample import c2st
from verify.experiments import Experiment
from verify.plotting import figure_style, new_figure, save_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from verify.context import Context

__all__ = [
    "ALPHA",
    "DATA",
    "DATA_MASSES",
    "D_HALF_BAND",
    "E1B_SETTING",
    "E1C_SETTING",
    "E2_CASES",
    "E2_EQUAL",
    "EDGES",
    "EXPERIMENTS",
    "JS_EQUILIBRIUM",
    "MIN_SHARE",
    "MODES",
    "N_TEST",
    "REGION",
    "SIZES",
    "Sizes",
    "binned_d_star_table",
    "discriminator_table",
    "generator_law",
    "mixture_quantile",
    "resubstitution",
    "sampler_table",
    "synthetic_table",
]

Array = NDArray[np.float64]

# ---------------------------------------------------------------------------
# The data, the bins and the thresholds
# ---------------------------------------------------------------------------

#: Document 000's data: ½ N(−2, 0.5²) + ½ N(2, 0.5²).
DATA = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
MODES = (-2.0, 2.0)
SIGMA = 0.5
#: Half-width of a mode's window: 3σ, the PacGAN/VEEGAN "high-quality" radius.
WINDOW = 3 * SIGMA
#: A mode is covered when at least this share of p_g lies in its window (half the data's 0.4987).
MIN_SHARE = 0.25
#: Bin edges for JS: width 0.1 on [−6, 6] (p_data's mass outside is 1e-15), plus two tail bins.
EDGES = np.round(np.linspace(-6.0, 6.0, 121), 10)
DATA_MASSES = M.mixture_bin_masses([0.5, 0.5], MODES, [SIGMA, SIGMA], EDGES)
#: The data region R: the two 3σ windows (99.73 % of p_data), on a grid.
REGION = np.concatenate([np.linspace(-3.5, -0.5, 61), np.linspace(0.5, 3.5, 61)])
#: "D ≈ ½" means sup_R |D − ½| ≤ 0.1; for D = D* that is p_g/p_data ∈ [2/3, 3/2] on R.
D_HALF_BAND = 0.1
#: Level of the two-sample tests, and held-out points per C2ST (the exact one-sided binomial test at 5 % needs
#: accuracy ≥ 0.519 at n_test = 2000).
ALPHA = 0.05
N_TEST = 2000
#: Samples per class for the trained discriminator's own held-out accuracy (n = 2000 in all).
N_D_ACCURACY = 1000
#: "At equilibrium" at a checkpoint (E4's time to equilibrium): both modes covered and binned JS ≤ 0.01 nats.
JS_EQUILIBRIUM = 0.01

LATENT_CELLS = 2**15
CHECKPOINT_CELLS = 2**12
#: Display grids for the figures.
XGRID = np.linspace(-5.0, 5.0, 161)
ZGRID = np.linspace(-3.0, 3.0, 61)
HIST_EDGES = np.round(np.linspace(-5.0, 5.0, 51), 10)
DISPLAY = (0, 1, 2)

#: Random streams of the evaluation (numpy SeedSequence keys next to the seed index).
_REAL_C2ST, _SPLIT_C2ST, _REAL_DACC, _REAL_C2ST2, _SPLIT_C2ST2 = 101, 102, 103, 104, 105
#: Fake-sample streams of GANState.sample for the same purposes.
_FAKE_C2ST, _FAKE_DACC, _FAKE_C2ST2 = 0, 1, 2

#: The setting we tuned to come closest to the equilibrium within the budget (E1b): Adam with DCGAN's
#: betas, three D steps per G step, a light R1 penalty on real data (Mescheder et al. 2018), and the
#: learning rates held for 1500 steps, then decayed geometrically to 1e-5 over the last 500;
#: networks, initialisation, data, batch and loss as in document 000.
E1B_SETTING: dict[str, Any] = dict(
    optimizer="adam",
    lr_d=1e-3,
    lr_g=1e-3,
    betas=(0.5, 0.999),
    r1_gamma=0.1,
    d_steps=3,
    steps=2000,
    lr_schedule="exponential",
    lr_hold_steps=1500,
    lr_final_factor=1e-5 / 1e-3,  # the rate ends at 1e-5
)
#: The first tuning attempt (E1c): Adam, R1 with γ = 1 (the Dirac-GAN's critical damping), 4000 steps.
#: Its discriminator is held near ½ by the penalty whatever the generator does.
E1C_SETTING: dict[str, Any] = dict(optimizer="adam", lr_d=1e-3, lr_g=1e-3, betas=(0.5, 0.999), r1_gamma=1.0, steps=4000)

#: Recipe for a discriminator trained to convergence against a fixed p_g (E2): Adam, then a tenth of
#: the rate for the last quarter of the steps, no penalty.
FIT_STEPS = 1000
FIT_BATCH = 256
FIT_LR, FIT_FINAL_LR, FIT_FINAL_FRACTION = 1e-3, 1e-4, 0.25
FIT_CHUNK = 50

#: E3: discriminator steps (Adam 3e-3) against the initial generator before the gradients are measured.
E3_D_STEPS = (0, 20, 100, 300)
E3_LR = 3e-3
E3_BATCH = 1024


@dataclasses.dataclass(frozen=True)
class Sizes:
    """How many seeds each experiment trains in a profile (steps are the same in both, except E1c's)."""

    e1a_seeds: int
    e1b_seeds: int
    e1c_seeds: int
    e2_seeds: int
    e3_seeds: int
    e4_seeds: int
    e1c_steps: int = 4000
    checkpoint_every: int = 250


SIZES = {
    "quick": Sizes(e1a_seeds=12, e1b_seeds=8, e1c_seeds=4, e2_seeds=6, e3_seeds=8, e4_seeds=4, e1c_steps=2000),
    "full": Sizes(e1a_seeds=64, e1b_seeds=64, e1c_seeds=32, e2_seeds=32, e3_seeds=64, e4_seeds=32),
}


def _sizes(ctx: Context) -> Sizes:
    return SIZES[ctx.profile.experiments]


def _seed(ctx: Context, purpose: str) -> int:
    """A training seed for one purpose, derived from the run's base seed."""
    return (int(ctx.seed) + zlib.crc32(purpose.encode("utf-8"))) % 2**31


def _rng(seed: int, index: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, index, stream])


def _round(a: Any, digits: int = 6) -> Any:
    arr = np.asarray(a, dtype=np.float64)
    return np.round(arr, digits).tolist()


def _provenance(ctx: Context, wall: float, seed_steps: int) -> dict[str, Any]:
    return {
        "device": _device_name(ctx),
        "torch": torch.__version__,
        "torch_threads": 1,
        "wall_seconds": round(wall, 3),
        "seed_steps": seed_steps,
        "seed_steps_per_second": round(seed_steps / wall, 1) if wall > 0 else None,
    }


def _device_name(ctx: Context) -> str:
    from gantheory.nn import resolve_device

    return str(resolve_device(ctx.device))


# ---------------------------------------------------------------------------
# Statistics shared by the experiments and by the claims' controls
# ---------------------------------------------------------------------------


def mixture_quantile(mixture: GaussianMixture) -> Callable[[Array], Array]:
    """The map z ↦ F⁻¹(Φ(z)) that pushes N(0, 1) to ``mixture`` (a "perfect generator"), by interpolation."""
    lo, hi = mixture.interval
    x = np.linspace(lo - 4.0, hi + 4.0, 400_001)
    cdf = mixture.cdf(x)
    keep = np.concatenate([[True], np.diff(cdf) > 0])
    xs, cs = x[keep], cdf[keep]
    return lambda z: np.interp(special.ndtr(np.asarray(z, dtype=np.float64)), cs, xs)


def generator_law(grid_values: Array, grid_mass: Array) -> tuple[Array, Array]:
    """Mode shares (K, 2) and JS bin masses (K, B + 2) of K generators, from their values at the latent cell edges."""
    shares = M.pushforward_window_shares(grid_values, grid_mass, MODES, WINDOW)
    return shares, M.pushforward_bin_masses(grid_values, grid_mass, EDGES)


def sampler_table(
    shares: Array, masses: Array, real: Array, fake: Array, split_rngs: Sequence[np.random.Generator]
) -> dict[str, Any]:
    """Per-run coverage, binned JS and C2ST for K generators.

    Parameters
    ----------
    shares, masses : ndarray, shapes (K, 2) and (K, B + 2)
        Each generator's mass in the two mode windows and on the JS bins (:func:`generator_law`).
    real, fake : ndarray, shape (K, n)
        Held-out data and generated samples per run (n = :data:`N_TEST`).
    split_rngs : sequence of numpy Generator, length K
        The C2ST's train/test shuffles.

    Returns
    -------
    dict of per-run lists: ``shares`` (K × 2), ``covered``, ``js``, ``c2st_accuracy``, ``c2st_p``, ``learned``.
    """
    covered = M.covers_all(shares, MIN_SHARE)
    js = M.binned_js(DATA_MASSES, masses)
    tests = [c2st(r, f, rng=g) for r, f, g in zip(real, fake, split_rngs, strict=True)]
    acc = np.array([t.accuracy for t in tests])
    p = np.array([t.p_value for t in tests])
    return {
        "shares": _round(shares),
        "covered": covered.tolist(),
        "js": _round(js, 7),
        "c2st_accuracy": _round(acc),
        "c2st_p": _round(p, 8),
        "learned": (covered & (p >= ALPHA)).tolist(),
    }


def synthetic_table(quantile: Callable[[Array], Array], n_runs: int, rng: np.random.Generator) -> dict[str, Any]:
    """:func:`sampler_table` for ``n_runs`` independent runs of a fixed generator x = quantile(z), z ∼ N(0, 1)."""
    z, mass = M.latent_grid(LATENT_CELLS)
    shares, masses = generator_law(quantile(z)[None, :], mass)
    real = np.stack([DATA.sample(N_TEST, rng) for _ in range(n_runs)])
    fake = np.stack([quantile(rng.standard_normal(N_TEST)) for _ in range(n_runs)])
    splits = [np.random.default_rng(rng.integers(2**63)) for _ in range(n_runs)]
    return sampler_table(np.repeat(shares, n_runs, axis=0), np.repeat(masses, n_runs, axis=0), real, fake, splits)


def resubstitution(real: Array, fake: Array) -> tuple[float, float]:
    """A deliberately wrong two-sample statistic: k-NN accuracy on the very points it was fitted to.

    Returns the accuracy and the binomial p-value the C2ST would (wrongly) attach to it.
    """
    from sklearn.neighbors import KNeighborsClassifier

    x = np.concatenate([real, fake])[:, None]
    y = np.concatenate([np.ones(real.size, dtype=int), np.zeros(fake.size, dtype=int)])
    k = max(1, int(np.sqrt(x.shape[0])) | 1)
    correct = int((KNeighborsClassifier(n_neighbors=k).fit(x, y).predict(x) == y).sum())
    return correct / y.size, float(stats.binomtest(correct, y.size, 0.5, alternative="greater").pvalue)


def discriminator_table(state: GANState, real: Array, fake: Array, prefix: str) -> dict[str, Any]:
    """Per-run readouts of K discriminators: D on the data region, on held-out real and fake samples.

    ``real`` and ``fake`` have shape (K, n); the held-out accuracy thresholds D at ½ and its p-value is
    the exact one-sided binomial test against ½ (a fixed classifier on fresh samples).
    """
    k = state.n_seeds
    region = state.discriminator(np.broadcast_to(REGION[:, None], (k, REGION.size, 1)).copy())
    d_real = state.discriminator(real[..., None])
    d_fake = state.discriminator(fake[..., None])
    correct = (d_real > 0.5).sum(axis=1) + (d_fake <= 0.5).sum(axis=1)
    n = real.shape[1] + fake.shape[1]
    p = [M.binomial_upper_tail(int(c), n, 0.5) for c in correct]
    lo, hi = region.min(axis=1), region.max(axis=1)
    return {
        f"{prefix}_region_min": _round(lo),
        f"{prefix}_region_max": _round(hi),
        f"{prefix}_sup_dev": _round(np.maximum(np.abs(lo - 0.5), np.abs(hi - 0.5))),
        f"{prefix}_real_mean": _round(d_real.mean(axis=1)),
        f"{prefix}_fake_mean": _round(d_fake.mean(axis=1)),
        f"{prefix}_accuracy": _round(correct / n),
        f"{prefix}_accuracy_p": _round(p, 8),
    }


#: JS bins whose centres lie in the data region R (for the binned optimal discriminator).
_CENTRES = 0.5 * (EDGES[1:] + EDGES[:-1])
_IN_REGION = np.min(np.abs(_CENTRES[:, None] - np.asarray(MODES)), axis=1) <= WINDOW


def binned_d_star_table(masses: Array) -> dict[str, Any]:
    """Per-run range over R of the optimal discriminator of the binned laws, p_data(b)/(p_data(b) + p_g(b)).

    ``masses`` are p_g's exact JS-bin masses (K, B + 2). Among discriminators constant on each bin this is the
    optimum (Goodfellow et al. 2014, Prop. 1, applied to the binned distributions); it is ½ on a bin exactly
    when p_g and p_data give the bin the same mass.
    """
    data = DATA_MASSES[1:-1][_IN_REGION]
    g = np.asarray(masses)[:, 1:-1][:, _IN_REGION]
    d = data / (data + g)  # data > 0 on every bin of R
    lo, hi = d.min(axis=1), d.max(axis=1)
    return {
        "dstar_region_min": _round(lo),
        "dstar_region_max": _round(hi),
        "dstar_sup_dev": _round(np.maximum(np.abs(lo - 0.5), np.abs(hi - 0.5))),
    }


def _generate_on_grid(state: GANState, z: Array, chunk: int = 4096) -> Array:
    parts = [state.generate(z[i : i + chunk, None])[..., 0] for i in range(0, z.size, chunk)]
    return np.concatenate(parts, axis=1)


def _real_samples(seed: int, indices: Sequence[int], stream: int, n: int) -> Array:
    return np.stack([DATA.sample(n, _rng(seed, i, stream)) for i in indices])


# ---------------------------------------------------------------------------
# Training helpers
# ---------------------------------------------------------------------------


def _fit_discriminators(
    config: TrainConfig, real_source: GaussianMixtureSource, fake_source: GaussianMixtureSource
) -> GANState:
    """Train K fresh discriminators against a fixed p_g with the fit recipe; returns their state."""
    gan = BatchedGAN(config)
    idx = config.seed_indices
    real_gens = [seed_generator(config.seed, i, 2) for i in idx]
    fake_gens = [seed_generator(config.seed, i, 4) for i in idx]
    b, steps = config.batch_size, config.steps
    switch = round(steps * (1 - FIT_FINAL_FRACTION))
    for start in range(0, steps, FIT_CHUNK):
        c = min(FIT_CHUNK, steps - start)
        real = torch.stack([real_source.sample(c * b, g).view(c, b, 1) for g in real_gens], dim=1)
        fakes = torch.stack([fake_source.sample(c * b, g).view(c, b, 1) for g in fake_gens], dim=1)
        for j in range(c):
            if start + j == switch:
                for group in gan.d_optimizer.param_groups:
                    group["lr"] = FIT_FINAL_LR
            gan.d_step(real[j], x_fake=fakes[j])
    return gan.state()


def _fit_config(base: TrainConfig, seed: int, n_seeds: int) -> TrainConfig:
    return dataclasses.replace(
        base,
        n_seeds=n_seeds,
        steps=FIT_STEPS,
        batch_size=FIT_BATCH,
        optimizer="adam",
        lr_d=FIT_LR,
        lr_g=FIT_LR,
        betas=(0.9, 0.999),
        r1_gamma=0.0,
        d_steps=1,
        momentum=0.0,
        seed=seed,
        seed_offset=0,
        fake_source=None,
    )


@dataclasses.dataclass
class _Checkpoints:
    """What the training callback records: coverage and JS per seed, histograms of the display seeds."""

    steps: list[int] = dataclasses.field(default_factory=list)
    covered: list[list[bool]] = dataclasses.field(default_factory=list)
    js: list[list[float]] = dataclasses.field(default_factory=list)
    hist: list[list[list[float]]] = dataclasses.field(default_factory=list)

    def record(self, step: int, state: GANState) -> None:
        z, mass = M.latent_grid(CHECKPOINT_CELLS)
        values = _generate_on_grid(state, z)
        shares, masses = generator_law(values, mass)
        self.steps.append(step)
        self.covered.append(M.covers_all(shares, MIN_SHARE).tolist())
        self.js.append(_round(M.binned_js(DATA_MASSES, masses), 7))
        shown = [i for i in DISPLAY if i < state.n_seeds]
        masses = M.pushforward_bin_masses(values[shown], mass, HIST_EDGES)[:, 1:-1]
        self.hist.append(_round(masses / np.diff(HIST_EDGES), 5))

    def as_dict(self) -> dict[str, Any]:
        """Compact summaries: per checkpoint across seeds, per seed the step equilibrium was first reached, and the
        first display seed's density at four checkpoints (for the figure)."""
        js = np.asarray(self.js, dtype=np.float64)
        n = len(self.steps)
        picks = sorted({0, n // 4, n // 2, n - 1})
        return {
            "steps": self.steps,
            "covered_fraction": _round(np.asarray(self.covered, dtype=np.float64).mean(axis=1), 4),
            "js_median": _round(np.median(js, axis=1), 6),
            "js_q10": _round(np.quantile(js, 0.1, axis=1), 6),
            "js_q90": _round(np.quantile(js, 0.9, axis=1), 6),
            "time_to_equilibrium": _time_to_equilibrium({"steps": self.steps, "covered": self.covered, "js": self.js}),
            "display_steps": [self.steps[j] for j in picks],
            "display_density": [self.hist[j][0] for j in picks],
        }


def _loss_curves(values: Array, blocks: int = 100) -> dict[str, Any]:
    """Block means of a (steps, K) loss history: across-seed mean, 10 % and 90 % quantiles per block."""
    steps, k = values.shape
    size = max(1, steps // blocks)
    n = steps // size
    blocked = values[: n * size].reshape(n, size, k).mean(axis=1)
    return {
        "step": (np.arange(n) * size + (size - 1) / 2).tolist(),
        "mean": _round(blocked.mean(axis=1)),
        "q10": _round(np.quantile(blocked, 0.1, axis=1)),
        "q90": _round(np.quantile(blocked, 0.9, axis=1)),
    }


def _final_loss(values: Array) -> Array:
    """Per-seed mean of the last 10 % of the logged steps (smooths minibatch noise)."""
    tail = max(1, values.shape[0] // 10)
    return values[-tail:].mean(axis=0)


# ---------------------------------------------------------------------------
# E1a, E1b: full evaluation of trained GANs
# ---------------------------------------------------------------------------


def _train_with_checkpoints(config: TrainConfig, every: int) -> tuple[TrainResult, _Checkpoints]:
    """Train with :func:`gantheory.nn.train` (its learning-rate schedule included), recording checkpoints."""
    marks = _Checkpoints()
    marks.record(0, BatchedGAN(config).state())
    result = train(config, callback=lambda step, state: marks.record(step + 1, state), callback_every=every)
    return result, marks


def _evaluate_gan(result: Any, seed: int, *, init_state: GANState | None) -> dict[str, Any]:
    """All per-seed statistics of a trained stack (see the module docstring)."""
    idx = result.seed_indices
    z, mass = M.latent_grid(LATENT_CELLS)
    values = _generate_on_grid(result, z)
    real = _real_samples(seed, idx, _REAL_C2ST, N_TEST)
    fake = result.sample(N_TEST, stream=_FAKE_C2ST)[..., 0]
    shares, masses = generator_law(values, mass)
    table = sampler_table(shares, masses, real, fake, [_rng(seed, i, _SPLIT_C2ST) for i in idx])
    # a second, independent two-sample test (fresh samples and split) for EQ-ACC-50.c's correction
    real2 = _real_samples(seed, idx, _REAL_C2ST2, N_TEST)
    fake2 = result.sample(N_TEST, stream=_FAKE_C2ST2)[..., 0]
    second = [c2st(r, f, rng=_rng(seed, i, _SPLIT_C2ST2)) for r, f, i in zip(real2, fake2, idx, strict=True)]
    table["c2st2_accuracy"] = _round([t.accuracy for t in second])
    table["c2st2_p"] = _round([t.p_value for t in second], 8)
    d_real = _real_samples(seed, idx, _REAL_DACC, N_D_ACCURACY)
    d_fake = result.sample(N_D_ACCURACY, stream=_FAKE_DACC)[..., 0]
    table.update(discriminator_table(result, d_real, d_fake, "d"))
    if init_state is not None:
        table.update(
            {k: v for k, v in discriminator_table(init_state, d_real, d_fake, "init").items() if "sup_dev" in k}
        )
    table.update(binned_d_star_table(masses))
    table["final_d_loss"] = _round(_final_loss(result.d_loss))
    table["final_g_loss"] = _round(_final_loss(result.g_loss))
    table["_values"] = values  # dropped before the results are returned
    table["_mass"] = mass
    return table


def _display(result: Any, table: dict[str, Any]) -> dict[str, Any]:
    """Curves for the figures, for the display seeds: D, binned D*, final density and G(z)."""
    shown = [i for i in DISPLAY if i < result.n_seeds]
    values, mass = table["_values"][shown], table["_mass"]
    fine = M.pushforward_bin_masses(values, mass, EDGES)[:, 1:-1]
    data = DATA_MASSES[1:-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        d_star = np.where(data + fine > 0, data / (data + fine), np.nan)
    centres = 0.5 * (EDGES[1:] + EDGES[:-1])
    inside = (centres > XGRID[0]) & (centres < XGRID[-1])
    out: dict[str, Any] = {
        "seed_positions": shown,
        "x": _round(XGRID, 4),
        "d": _round(result.select(shown).discriminator(XGRID), 5),
        "bin_centres": _round(centres[inside], 4),
        "d_star_binned": [
            [None if not np.isfinite(v) else round(float(v), 5) for v in row] for row in d_star[:, inside]
        ],
        "z": _round(ZGRID, 4),
        "g": _round(result.select(shown).generate(ZGRID)[..., 0], 5),
        "hist_edges": _round(HIST_EDGES, 4),
        "final_density": _round(M.pushforward_bin_masses(values, mass, HIST_EDGES)[:, 1:-1] / np.diff(HIST_EDGES), 5),
    }
    return out


def _summary(table: Mapping[str, Any]) -> dict[str, Any]:
    """Across-seed summaries: fractions with Wilson 95 % intervals, means with t intervals."""
    k = len(table["covered"])

    def fraction(flags: Sequence[bool]) -> dict[str, Any]:
        n = int(np.sum(flags))
        lo, hi = M.wilson_interval(n, k)
        return {"count": n, "of": k, "fraction": round(n / k, 4), "wilson95": [round(lo, 4), round(hi, 4)]}

    def mean(values: Sequence[float]) -> dict[str, Any]:
        v = np.asarray(values, dtype=np.float64)
        m, lo, hi = M.mean_interval(v) if v.size >= 2 else (float(v.mean()), math.nan, math.nan)
        return {
            "mean": round(m, 5),
            "sd": round(float(v.std(ddof=1)) if v.size > 1 else 0.0, 5),
            "t95": [round(lo, 5), round(hi, 5)],
            "min": round(float(v.min()), 5),
            "max": round(float(v.max()), 5),
        }

    out = {
        "covered": fraction(table["covered"]),
        "c2st_not_rejected": fraction(np.asarray(table["c2st_p"]) >= ALPHA),
        "learned": fraction(table["learned"]),
        "d_near_half": fraction(np.asarray(table["d_sup_dev"]) <= D_HALF_BAND),
        "js": mean(table["js"]),
        "c2st_accuracy": mean(table["c2st_accuracy"]),
        "d_sup_dev": mean(table["d_sup_dev"]),
        "d_real_mean": mean(table["d_real_mean"]),
        "d_fake_mean": mean(table["d_fake_mean"]),
        "d_accuracy": mean(table["d_accuracy"]),
        "final_d_loss": mean(table["final_d_loss"]),
        "final_g_loss": mean(table["final_g_loss"]),
        "levels": {"log 4": round(math.log(4), 6), "log 2": round(math.log(2), 6)},
    }
    out["dstar_sup_dev"] = mean(table["dstar_sup_dev"])
    out["dstar_near_half"] = fraction(np.asarray(table["dstar_sup_dev"]) <= D_HALF_BAND)
    return out


def _gan_experiment(
    ctx: Context,
    name: str,
    n_seeds: int,
    setting: Mapping[str, Any],
) -> dict:
    sizes = _sizes(ctx)
    seed = _seed(ctx, name)
    config = TrainConfig(n_seeds=n_seeds, device=ctx.device, seed=seed, **setting)
    with torch_threads(1):
        start = time.perf_counter()
        result, marks = _train_with_checkpoints(config, sizes.checkpoint_every)
        train_wall = time.perf_counter() - start
        init_state = BatchedGAN(config).state()
        table = _evaluate_gan(result, seed, init_state=init_state)
        display = _display(result, table)
        wall = time.perf_counter() - start
    for key in [k for k in table if k.startswith("_")]:
        del table[key]
    return {
        "config": dataclasses.asdict(config),
        "seeds": list(config.seed_indices),
        "base_seed": seed,
        **_provenance(ctx, wall, n_seeds * config.steps),
        "training_seconds": round(train_wall, 3),
        "training_seed_steps_per_second": round(result.seed_steps_per_second, 1),
        "thresholds": {
            "mode_window_half_width": WINDOW,
            "min_share": MIN_SHARE,
            "alpha": ALPHA,
            "n_test": N_TEST,
            "d_half_band": D_HALF_BAND,
            "js_bins": "120 bins of width 0.1 on [−6, 6] plus two tails; exact masses for p_data and p_g",
            "binned_d_star": "p_data(bin)/(p_data(bin) + p_g(bin)) on the JS bins whose centres lie in R, exact masses",
        },
        "per_seed": table,
        "summary": _summary(table),
        "losses": {"d": _loss_curves(result.d_loss), "g": _loss_curves(result.g_loss)},
        "checkpoints": marks.as_dict(),
        "display": display,
    }


def run_e1a(ctx: Context) -> dict[str, Any]:
    """Document 000's setting (the TrainConfig defaults) on many seeds."""
    return _gan_experiment(ctx, "E1a", _sizes(ctx).e1a_seeds, {})


def run_e1b(ctx: Context) -> dict[str, Any]:
    """The tuned setting :data:`E1B_SETTING` (its learning-rate schedule included) on many seeds."""
    return _gan_experiment(ctx, "E1b", _sizes(ctx).e1b_seeds, E1B_SETTING)


def run_e1c(ctx: Context) -> dict[str, Any]:
    """The first tuning attempt :data:`E1C_SETTING` (R1 γ = 1); the quick profile trains it for half the steps."""
    sizes = _sizes(ctx)
    return _gan_experiment(ctx, "E1c", sizes.e1c_seeds, {**E1C_SETTING, "steps": sizes.e1c_steps})


# ---------------------------------------------------------------------------
# E2: discriminators trained against fixed, known distributions
# ---------------------------------------------------------------------------

E2_CASES: dict[str, tuple[GaussianMixtureSource, GaussianMixtureSource]] = {
    "N(0, 1) vs N(1, 1)": (
        GaussianMixtureSource("normal", (1.0,), ((0.0,),), (1.0,)),
        GaussianMixtureSource("shifted", (1.0,), ((1.0,),), (1.0,)),
    ),
    "N(0, 1) vs N(0, 2²)": (
        GaussianMixtureSource("normal", (1.0,), ((0.0,),), (1.0,)),
        GaussianMixtureSource("wide", (1.0,), ((0.0,),), (2.0,)),
    ),
    "bimodal vs N(0, 1)": (bimodal(), GaussianMixtureSource("normal", (1.0,), ((0.0,),), (1.0,))),
    "bimodal vs bimodal (p_g = p_data)": (bimodal(), bimodal()),
}
#: The E2 case in which the generator has succeeded exactly.
E2_EQUAL = "bimodal vs bimodal (p_g = p_data)"

#: Points at which E2 compares D with D*: 31 points over the central 99 % of (p_data + p_g)/2.
E2_POINTS = 31


def as_mixture(source: GaussianMixtureSource) -> GaussianMixture:
    """The numpy density of a torch data source."""
    return GaussianMixture(source.weights, [m[0] for m in source.means], source.sigmas)


def e2_support(p: GaussianMixture, q: GaussianMixture) -> tuple[float, float]:
    """The central 99 % interval of ½(p + q): the 0.5 % and 99.5 % quantiles."""
    mix = GaussianMixture(
        np.concatenate([0.5 * p.weights, 0.5 * q.weights]),
        np.concatenate([p.means, q.means]),
        np.concatenate([p.sigmas, q.sigmas]),
    )
    quantile = mixture_quantile(mix)
    lo, hi = quantile(np.array(stats.norm.ppf([0.005, 0.995])))
    return float(lo), float(hi)


def run_e2(ctx: Context) -> dict[str, Any]:
    """Discriminators fitted (Adam, the fit recipe) against fixed p_g; their outputs on the support."""
    n = _sizes(ctx).e2_seeds
    seed = _seed(ctx, "E2")
    base = TrainConfig(n_seeds=n, device=ctx.device, seed=seed)
    cases = {}
    start = time.perf_counter()
    with torch_threads(1):
        for i, (label, (p_src, q_src)) in enumerate(E2_CASES.items()):
            config = _fit_config(base, seed + i, n)
            state = _fit_discriminators(config, p_src, q_src)
            p, q = as_mixture(p_src), as_mixture(q_src)
            lo, hi = e2_support(p, q)
            x = np.linspace(lo, hi, E2_POINTS)
            real = np.stack([p.sample(N_D_ACCURACY, _rng(seed + i, j, _REAL_DACC)) for j in range(n)])
            fake = np.stack([q.sample(N_D_ACCURACY, _rng(seed + i, j, _REAL_C2ST2)) for j in range(n)])
            readout = discriminator_table(state, real, fake, "d")
            if (
                label == E2_EQUAL
            ):  # k-NN scored on its own training points: a resubstitution readout of the p_g = p_data case
                readout["resub_p"] = _round([resubstitution(r, f)[1] for r, f in zip(real, fake, strict=True)], 8)
            cases[label] = {
                "p_data": repr(p),
                "p_g": repr(q),
                "support": [round(lo, 6), round(hi, 6)],
                "x": _round(x),
                "d": _round(state.discriminator(x), 5),
                **{
                    k: readout[k]
                    for k in ("d_region_min", "d_region_max", "d_sup_dev", "d_accuracy", "d_accuracy_p", "resub_p")
                    if k in readout
                },
            }
    wall = time.perf_counter() - start
    steps = n * FIT_STEPS * len(E2_CASES)
    return {
        "config": {
            **dataclasses.asdict(_fit_config(base, seed, n)),
            "recipe": f"Adam {FIT_LR:g} (β 0.9, 0.999), batch {FIT_BATCH} real + {FIT_BATCH} fake, {FIT_STEPS} "
            f"steps, rate {FIT_FINAL_LR:g} for the last {FIT_FINAL_FRACTION:.0%}; no penalty",
        },
        "seeds": list(range(n)),
        "base_seed": seed,
        **_provenance(ctx, wall, steps),
        "cases": cases,
    }


# ---------------------------------------------------------------------------
# E3: generator gradients, minimax against non-saturating
# ---------------------------------------------------------------------------


def _generator_gradients(gan: BatchedGAN, z: torch.Tensor) -> dict[str, Any]:
    """Per-seed parameter-gradient norms of both generator losses and per-sample logit-gradient magnitudes."""
    d_params = tuple(p.detach() for p in gan.d_params)
    z = z.to(device=gan.device, dtype=gan.dtype)
    out: dict[str, Any] = {}
    for loss in ("minimax", "non-saturating"):
        params = tuple(p.detach().clone().requires_grad_(True) for p in gan.g_params)
        logits = gan.d_net(d_params, gan.g_net(params, z))
        total = generator_loss(logits, loss).sum()
        grads = torch.autograd.grad(total, params)
        sq = sum(g.pow(2).flatten(1).sum(dim=1) for g in grads)
        out[f"{loss}_grad_norm"] = _round(sq.sqrt().to("cpu", torch.float64).numpy(), 9)
    with torch.no_grad():
        d_fake = (
            torch.sigmoid(gan.d_net(d_params, gan.g_net(gan.g_params, z))).squeeze(2).to("cpu", torch.float64).numpy()
        )
    # per-sample |∂ cost/∂ℓ|: minimax log(1 − σ(ℓ)) gives σ(ℓ) = D, non-saturating −log σ(ℓ) gives 1 − D
    out["d_fake_mean"] = _round(d_fake.mean(axis=1), 7)
    out["minimax_logit_grad_mean"] = _round(d_fake.mean(axis=1), 7)
    out["non-saturating_logit_grad_mean"] = _round((1 - d_fake).mean(axis=1), 7)
    out["_d_fake"] = d_fake
    return out


def _d_only_steps(gan: BatchedGAN, steps: int, seed: int, *, swap: bool) -> None:
    """Discriminator steps against the current (frozen) generators; ``swap`` labels the fakes as real."""
    source = bimodal()
    idx = gan.config.seed_indices
    real_gens = [seed_generator(seed, i, 2) for i in idx]
    noise_gens = [seed_generator(seed, i, 3) for i in idx]
    b = gan.config.batch_size
    for _ in range(steps):
        real = torch.stack([source.sample(b, g) for g in real_gens]).to(gan.device, gan.dtype)
        z = torch.stack([torch.randn(b, 1, generator=g) for g in noise_gens]).to(gan.device, gan.dtype)
        with torch.no_grad():
            fake = gan.g_net(gan.g_params, z)
        if swap:
            gan.d_step(fake, x_fake=real)
        else:
            gan.d_step(real, x_fake=fake)


def run_e3(ctx: Context) -> dict[str, Any]:
    """Gradients reaching the generator while D rejects its samples, and when D is fooled by construction."""
    n = _sizes(ctx).e3_seeds
    seed = _seed(ctx, "E3")
    # document 000's networks and initialisation; D is moved by Adam (000's SGD at 0.005 barely moves it in 300 steps)
    config = TrainConfig(n_seeds=n, device=ctx.device, seed=seed, optimizer="adam", lr_d=E3_LR, lr_g=E3_LR)
    start = time.perf_counter()
    states: dict[str, Any] = {}
    with torch_threads(1):
        z = torch.stack([torch.randn(E3_BATCH, 1, generator=seed_generator(seed, i, 9)) for i in range(n)])
        for swap in (False, True):
            gan = BatchedGAN(config)
            done = 0
            for target in E3_D_STEPS if not swap else (E3_D_STEPS[-1],):
                _d_only_steps(gan, target - done, seed + done + (7 if swap else 0), swap=swap)
                done = target
                key = f"labels swapped, {target} D steps" if swap else f"{target} D steps"
                states[key] = _generator_gradients(gan, z)
    wall = time.perf_counter() - start
    example = {k: _round(np.sort(v.pop("_d_fake")[0])[:: E3_BATCH // 64], 5) for k, v in states.items()}
    return {
        "config": {**dataclasses.asdict(config), "d_steps_measured": list(E3_D_STEPS), "eval_batch": E3_BATCH},
        "seeds": list(range(n)),
        "base_seed": seed,
        **_provenance(ctx, wall, n * 2 * E3_D_STEPS[-1]),
        "early_state": f"{E3_D_STEPS[-1]} D steps",
        "late_state": f"labels swapped, {E3_D_STEPS[-1]} D steps",
        "states": states,
        "display_d_fake_seed0": example,
    }


# ---------------------------------------------------------------------------
# E4: D:G ratio 1:1 against 5:1
# ---------------------------------------------------------------------------


def _time_to_equilibrium(marks: Mapping[str, Any]) -> list[int | None]:
    """Per seed, the first checkpoint step with both modes covered and binned JS ≤ :data:`JS_EQUILIBRIUM`."""
    covered = np.asarray(marks["covered"], dtype=bool)
    js = np.asarray(marks["js"], dtype=np.float64)
    ok = covered & (js <= JS_EQUILIBRIUM)
    out: list[int | None] = []
    for k in range(ok.shape[1]):
        hit = np.flatnonzero(ok[:, k])
        out.append(int(marks["steps"][hit[0]]) if hit.size else None)
    return out


def run_e4(ctx: Context) -> dict[str, Any]:
    """Document 000's setting with five D steps per G step; the 1:1 arm is E1a (same seeds and batches)."""
    sizes = _sizes(ctx)
    n = sizes.e4_seeds
    seed = _seed(ctx, "E1a")  # the same seeds as E1a: the arms differ only in the ratio
    config = TrainConfig(n_seeds=n, device=ctx.device, seed=seed, d_steps=5)
    with torch_threads(1):
        start = time.perf_counter()
        result, marks = _train_with_checkpoints(config, sizes.checkpoint_every)
        train_wall = time.perf_counter() - start
        table = _evaluate_gan(result, seed, init_state=None)
        wall = time.perf_counter() - start
    for key in [k for k in table if k.startswith("_")]:
        del table[key]
    one = ctx.experiment("E1a")
    arms: dict[str, Any] = {}
    for label, res_table, res_marks in (
        ("1:1", one["per_seed"] if one else None, one["checkpoints"] if one else None),
        ("5:1", table, marks.as_dict()),
    ):
        if res_table is None:
            continue
        times = res_marks["time_to_equilibrium"]
        arms[label] = {
            "seeds": len(res_table["covered"]),
            "summary": _summary(res_table),
            "reached_equilibrium": sum(t is not None for t in times),
            "median_step_reached": float(np.median([t for t in times if t is not None]))
            if any(t is not None for t in times)
            else None,
            "js_by_checkpoint_median": res_marks["js_median"],
            "covered_by_checkpoint": res_marks["covered_fraction"],
            "checkpoint_steps": res_marks["steps"],
        }
    return {
        "config": dataclasses.asdict(config),
        "seeds": list(config.seed_indices),
        "base_seed": seed,
        **_provenance(ctx, wall, n * config.steps),
        "training_seconds": round(train_wall, 3),
        "training_seed_steps_per_second": round(result.seed_steps_per_second, 1),
        "per_seed": table,
        "summary": _summary(table),
        "losses": {"d": _loss_curves(result.d_loss), "g": _loss_curves(result.g_loss)},
        "checkpoints": marks.as_dict(),
        "arms": arms,
        "js_equilibrium": JS_EQUILIBRIUM,
    }


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def _data_pdf(x: Array) -> Array:
    return DATA.pdf(x)


def _training_figure(res: Mapping[str, Any], title: str) -> Figure:
    fig = new_figure(12.0, 10.0)
    grid = fig.add_gridspec(3, 2)
    ax = fig.add_subplot(grid[0, :])
    for key, colour, label in (("d", "C0", "D loss"), ("g", "C1", "G loss")):
        c = res["losses"][key]
        ax.plot(c["step"], c["mean"], color=colour, lw=1.5, label=f"{label}: mean over seeds")
        ax.fill_between(
            c["step"], c["q10"], c["q90"], color=colour, alpha=0.2, lw=0, label=f"{label}: 10–90 % of seeds"
        )
    ax.axhline(math.log(4), color="C0", ls="--", lw=1, label="D loss at equilibrium: log 4")
    ax.axhline(math.log(2), color="C1", ls="--", lw=1, label="G loss at equilibrium: log 2")
    ax.axhline(-math.log(4), color="0.3", ls=":", lw=1, label="−log 4 (000's 'Optimal' line; no loss reaches it)")
    ax.set_xlabel("step")
    ax.set_ylabel("loss (block means)")
    ax.set_title(f"{title}: training losses across {len(res['seeds'])} seeds")
    ax.legend(loc="lower right", fontsize=7, ncol=2)

    x = np.linspace(-5, 5, 401)
    disp = res["display"]
    marks = res["checkpoints"]
    edges = np.asarray(disp["hist_edges"])
    ax = fig.add_subplot(grid[1, 0])
    colours = ["0.75", "C2", "C4", "C3"]
    for colour, step, dens in zip(colours, marks["display_steps"], marks["display_density"], strict=False):
        ax.stairs(np.asarray(dens), edges, color=colour, lw=1.4, label=f"step {step}")
    ax.plot(x, _data_pdf(x), color="k", lw=1.5, label="p_data")
    ax.set_ylim(0, 1.2)
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    ax.set_title(f"p_g of seed {res['seeds'][disp['seed_positions'][0]]} during training (exact bin masses)")
    ax.legend(fontsize=7)

    ax = fig.add_subplot(grid[1, 1])
    for j, pos in enumerate(disp["seed_positions"]):
        ax.stairs(np.asarray(disp["final_density"][j]), edges, color=f"C{j}", lw=1.4, label=f"seed {res['seeds'][pos]}")
    ax.plot(x, _data_pdf(x), color="k", lw=1.5, label="p_data")
    ax.set_ylim(0, 1.2)
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    ax.set_title("final p_g of three seeds")
    ax.legend(fontsize=7)

    ax = fig.add_subplot(grid[2, 0])
    xg = np.asarray(disp["x"])
    centres = np.asarray(disp["bin_centres"])
    pos0 = disp["seed_positions"][0]
    ax.axvspan(-3.5, -0.5, color="C0", alpha=0.07, lw=0)
    ax.axvspan(0.5, 3.5, color="C0", alpha=0.07, lw=0, label="data region R")
    ax.plot(xg, disp["d"][0], color="C2", lw=1.8, label="D of the trained GAN")
    d_star = np.array([np.nan if v is None else v for v in disp["d_star_binned"][0]], dtype=np.float64)
    ax.plot(centres, d_star, color="k", lw=1.0, ls="--", label="D* of the binned p_data, p_g (exact masses)")
    ax.axhline(0.5, color="0.4", lw=0.8)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("x")
    ax.set_ylabel("D(x)")
    ax.set_title(f"discriminator of seed {res['seeds'][pos0]} against D*")
    ax.legend(fontsize=7, loc="upper right")

    ax = fig.add_subplot(grid[2, 1])
    for j, pos in enumerate(disp["seed_positions"]):
        ax.plot(disp["z"], disp["g"][j], color=f"C{j}", lw=1.5, label=f"seed {res['seeds'][pos]}")
    for m in MODES:
        ax.axhline(m, color="0.5", ls="--", lw=0.8)
    ax.set_xlabel("latent z")
    ax.set_ylabel("G(z)")
    ax.set_title("generator mappings z → G(z)")
    ax.legend(fontsize=7)
    return fig


def _seeds_figure(res: Mapping[str, Any], title: str) -> Figure:
    table = res["per_seed"]
    k = len(table["covered"])
    covered = np.asarray(table["covered"], dtype=bool)
    fig = new_figure(12.0, 3.6)
    axes = fig.subplots(1, 5)
    jitter = np.random.default_rng(0).uniform(-0.25, 0.25, k)  # fixed: the same bytes for the same results
    panels = (
        ("smaller mode share", np.asarray(table["shares"]).min(axis=1), MIN_SHARE, "coverage threshold ¼"),
        ("binned JS (nats)", np.asarray(table["js"]), None, None),
        ("C2ST held-out accuracy", np.asarray(table["c2st_accuracy"]), _critical_accuracy(), "5 % critical value"),
        ("sup over R of |D − ½|", np.asarray(table["d_sup_dev"]), D_HALF_BAND, "D ≈ ½ band"),
        ("final D loss", np.asarray(table["final_d_loss"]), math.log(4), "log 4"),
    )
    for ax, (label, values, line, line_label) in zip(axes, panels, strict=True):
        ax.scatter(jitter[covered], values[covered], s=10, color="C0", label="both modes covered")
        ax.scatter(jitter[~covered], values[~covered], s=10, color="C3", marker="x", label="a mode missed")
        if line is not None:
            ax.axhline(line, color="0.3", ls="--", lw=0.9, label=line_label)
        ax.set_xlim(-0.6, 0.6)
        ax.set_xticks([])
        ax.set_title(label, fontsize=9)
        ax.legend(fontsize=6, loc="best")
    fig.suptitle(f"{title}: one point per seed ({k} seeds)", fontsize=10)
    return fig


def _critical_accuracy() -> float:
    """Smallest held-out accuracy the C2ST rejects at level ALPHA with n_test = N_TEST."""
    k = int(stats.binom.isf(ALPHA, N_TEST, 0.5)) + 1
    return k / N_TEST


def _e1_figures(tag: str, title: str) -> Callable[[Mapping[str, Any], Path], list[tuple[str, str]]]:
    def draw(res: Mapping[str, Any], folder: Path) -> list[tuple[str, str]]:
        with figure_style():
            a = save_figure(_training_figure(res, title), folder, f"{tag}-training.png")
            b = save_figure(_seeds_figure(res, title), folder, f"{tag}-seeds.png")
        s = res["summary"]
        return [
            (
                a,
                f"{title}, {len(res['seeds'])} seeds: losses with their true equilibrium levels log 4 and log 2 "
                "(mean and 10–90 % band), one seed's p_g during training, three seeds' final p_g, a trained D "
                "against the optimal D* of the binned distributions (p_g's bin masses computed exactly from G on a "
                "latent grid; no density estimate), and the generator mappings. "
                f"Learned the mixture: {s['learned']['count']} of {s['learned']['of']} seeds.",
            ),
            (
                b,
                f"{title}: per-seed statistics (coverage share, binned JS, C2ST accuracy with its 5 % critical value, "
                "sup over the data region of |D − ½|, final D loss against log 4).",
            ),
        ]

    return draw


def _e2_figures(res: Mapping[str, Any], folder: Path) -> list[tuple[str, str]]:
    with figure_style():
        cases = res["cases"]
        fig = new_figure(12.0, 3.8)
        axes = fig.subplots(1, len(cases))
        for ax, (label, case) in zip(axes, cases.items(), strict=True):
            x = np.asarray(case["x"])
            d = np.asarray(case["d"])
            p, q = _case_densities(label)
            d_star = special.expit(p.logpdf(x) - q.logpdf(x))
            ax.fill_between(x, d.min(axis=0), d.max(axis=0), color="C0", alpha=0.25, lw=0, label="trained D, all seeds")
            ax.plot(x, d[0], color="C0", lw=1.2, label="trained D, seed 0")
            ax.plot(x, d_star, color="k", ls="--", lw=1.2, label="D* = σ(log p_data − log p_g)")
            ax.set_ylim(-0.02, 1.02)
            ax.set_xlabel("x (central 99 % of (p_data + p_g)/2)")
            ax.set_title(label, fontsize=9)
            ax.legend(fontsize=7)
        axes[0].set_ylabel("D(x)")
        path = save_figure(fig, folder, "e2-optimal-discriminator.png")
    return [
        (
            path,
            f"E2: discriminators trained against fixed p_data and p_g ({len(res['seeds'])} seeds per case) against "
            "the analytic D*, on the central 99 % of the two distributions' average.",
        )
    ]


def _case_densities(label: str) -> tuple[GaussianMixture, GaussianMixture]:
    p, q = E2_CASES[label]
    return as_mixture(p), as_mixture(q)


def _e3_figures(res: Mapping[str, Any], folder: Path) -> list[tuple[str, str]]:
    with figure_style():
        fig = new_figure(12.0, 4.0)
        left, right = fig.subplots(1, 2)
        for j, (key, state) in enumerate(res["states"].items()):
            mm = np.asarray(state["minimax_grad_norm"])
            ns = np.asarray(state["non-saturating_grad_norm"])
            dg = float(np.mean(state["d_fake_mean"]))
            left.scatter(mm, ns, s=9, color=f"C{j}", label=f"{key} (mean D(G(z)) = {dg:.3f})")
        lims = [1e-6, 1e1]
        left.plot(lims, lims, color="0.4", lw=0.8, ls="--", label="equal norms")
        left.set_xscale("log")
        left.set_yscale("log")
        left.set_xlabel("‖∇_θG‖ of the minimax loss")
        left.set_ylabel("‖∇_θG‖ of the non-saturating loss")
        left.set_title("generator parameter-gradient norms, one point per seed", fontsize=9)
        left.legend(fontsize=6)
        for j, (key, values) in enumerate(res["display_d_fake_seed0"].items()):
            d = np.asarray(values)
            right.scatter(d, d, s=6, color=f"C{j}", marker="o")
            right.scatter(d, 1 - d, s=6, color=f"C{j}", marker="^", label=key)
        right.plot([], [], "ko", ms=3, label="minimax: |∂cost/∂ℓ| = D")
        right.plot([], [], "k^", ms=3, label="non-saturating: |∂cost/∂ℓ| = 1 − D")
        right.set_xscale("log")
        right.set_xlabel("D(G(z)) per sample (seed 0)")
        right.set_ylabel("per-sample |∂ cost / ∂ logit|")
        right.set_title("per-sample logit gradients", fontsize=9)
        right.legend(fontsize=6)
        path = save_figure(fig, folder, "e3-generator-gradients.png")
    return [
        (
            path,
            "E3: gradients reaching document 000's generator at initialisation and after 20–300 discriminator steps "
            "(Adam 3e-3) against it, for the minimax and the non-saturating loss; the last state has D trained with "
            "the labels swapped, so that D(G(z)) > ½.",
        )
    ]


def _e4_figures(res: Mapping[str, Any], folder: Path) -> list[tuple[str, str]]:
    with figure_style():
        fig = new_figure(12.0, 3.8)
        left, right = fig.subplots(1, 2)
        for j, (label, arm) in enumerate(res["arms"].items()):
            steps = arm["checkpoint_steps"]
            left.plot(steps, arm["covered_by_checkpoint"], color=f"C{j}", marker="o", ms=3, label=f"D:G {label}")
            right.plot(steps, arm["js_by_checkpoint_median"], color=f"C{j}", marker="o", ms=3, label=f"D:G {label}")
        right.axhline(JS_EQUILIBRIUM, color="0.4", ls="--", lw=0.8, label="equilibrium threshold")
        left.set_ylim(-0.02, 1.02)
        left.set_xlabel("generator step")
        left.set_ylabel("fraction of seeds covering both modes")
        right.set_yscale("log")
        right.set_xlabel("generator step")
        right.set_ylabel("median binned JS (nats)")
        left.legend(fontsize=7)
        right.legend(fontsize=7)
        fig.suptitle("E4: document 000's setting with one and with five D steps per G step", fontsize=10)
        path = save_figure(fig, folder, "e4-dg-ratio.png")
    return [
        (
            path,
            "E4: coverage of both modes and median binned JS against training steps, D:G ratio 1:1 (E1a) against 5:1.",
        )
    ]


EXPERIMENTS = (
    Experiment(
        "E1a",
        "Document 000's SimpleGAN setting on its bimodal data, many seeds",
        run_e1a,
        _e1_figures("e1a", "E1a (000's setting)"),
    ),
    Experiment(
        "E1b",
        "A tuned setting (Adam, 3 D steps per G step, light R1, annealed rates) on 000's bimodal data, many seeds",
        run_e1b,
        _e1_figures("e1b", "E1b (tuned)"),
    ),
    Experiment(
        "E1c",
        "The first tuning attempt (Adam, R1 γ = 1, 4000 steps): a discriminator pinned near ½",
        run_e1c,
        _e1_figures("e1c", "E1c (R1 γ = 1)"),
    ),
    Experiment("E2", "Discriminators trained against fixed, known p_data and p_g", run_e2, _e2_figures),
    Experiment("E3", "Generator gradients early in training: minimax against non-saturating", run_e3, _e3_figures),
    Experiment("E4", "D:G update ratio 1:1 against 5:1 in document 000's setting", run_e4, _e4_figures),
)
