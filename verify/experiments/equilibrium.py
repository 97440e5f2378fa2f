r"""The equilibrium study: trained GANs whose samples a two-sample test cannot tell from the data.

Four targets, each an isotropic Gaussian mixture (:data:`TARGETS`):

``EQ-gauss``
    a 1-D Gaussian :math:`\mathcal N(1, 0.5^2)`, the sanity case: an affine
    generator of a 1-D standard normal latent is exact;
``EQ-bimodal``
    document 000's mixture :math:`\tfrac12\mathcal N(-2, 0.5^2) + \tfrac12\mathcal N(2, 0.5^2)`;
``EQ-ring``
    PacGAN's ring of 8 Gaussians (radius 1, σ = 0.01);
``EQ-grid``
    PacGAN's grid of 25 Gaussians (spacing 2, σ = 0.05).

For each target the protocol (every :class:`~gantheory.nn.TrainConfig` field)
was chosen by a search declared in advance (:data:`SEARCH`) on *tuning seeds*
(seed indices from :data:`TUNING_OFFSET`), disjoint from the *reporting
seeds* (indices 0 … K − 1) that the report's numbers come from. The search's
grid, budget, rule and every protocol's tuning result are stored with the
study (``search`` in the results) and shown in the report.

Measures, at log-spaced checkpoints for every reporting seed (the averaged
generator when the protocol keeps one):

* the combined classifier two-sample test (:func:`gantheory.twosample.combined_c2st`:
  k-NN and gradient boosting, each with an exact binomial p-value, Bonferroni
  at α = 0.05) on :data:`N_SAMPLES` real and generated points per side
  (half of the pooled points held out, so ``n_test`` = :data:`N_SAMPLES`);
* total variation and Jensen–Shannon divergence between fixed bins (exact
  data masses; generated masses from :data:`N_BINNED` generator samples);
* :math:`\sup |D - \tfrac12|` over the support region (points within 3σ of a
  mode) and :math:`\sup |D - D^*|` at the bin centres of that region, with
  :math:`D^* = m_{data}/(m_{data} + m_g)` from the bin masses;
* the mean of D on real and on generated samples;
* both losses (the mean of the logged values over the last 1 % of steps before
  the checkpoint) against :math:`\log 4` (D's cross-entropy) and
  :math:`\log 2` (the non-saturating G loss) at the equilibrium.

Across seeds the rejection fraction is reported with a Clopper–Pearson 95 %
interval beside the 5 % a perfect generator would show.

References
----------
.. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014,
   arXiv:1406.2661, Proposition 1 and Theorem 1.
.. [2] L. Mescheder, A. Geiger, S. Nowozin, "Which Training Methods for GANs
   do actually Converge?", ICML 2018, arXiv:1801.04406 (R1, Adam with β₁ = 0).
.. [3] D. Lopez-Paz, M. Oquab, "Revisiting Classifier Two-Sample Tests",
   ICLR 2017, arXiv:1610.06545.
.. [4] Z. Lin et al., "PacGAN", NeurIPS 2018 (the ring and the grid).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from numpy.typing import NDArray

from gantheory.equilibrium import (
    MixtureTarget,
    binned_distances,
    box_bin_masses,
    discriminator_deviation,
    support_grid,
)
from gantheory.modes import mode_coverage
from gantheory.nn import GANState, TrainConfig, TrainResult, get_source, resolve_device, torch_threads, train
from gantheory.nn.metrics import binomial_upper_tail, clopper_pearson_interval, latent_grid, pushforward_bin_masses
from gantheory.twosample import combined_c2st
from verify.experiments import Experiment
from verify.experiments.equilibrium_rule import choose, load_record

if TYPE_CHECKING:
    from verify.context import Context

__all__ = [
    "ALPHA",
    "EXPERIMENTS",
    "N_SAMPLES",
    "SEARCH",
    "TARGETS",
    "TUNING_OFFSET",
    "EquilibriumTarget",
    "checkpoint_steps",
    "evaluate_states",
    "join_groups",
    "load_artifact",
    "run_target",
    "seed_groups",
    "train_and_measure",
]

Array = NDArray[np.float64]

#: Family-wise level of the combined two-sample test (each classifier at α/2).
ALPHA = 0.05
#: Real and generated points per side of each two-sample test; half of the pooled 2·N are held out.
N_SAMPLES = 4000
#: Generator samples behind the binned masses (in 1-D with a 1-D latent the masses are exact instead).
N_BINNED = 100_000
#: Bins per axis of the binned distances (over the 4σ box of the target).
BINS_PER_AXIS = {1: 64, 2: 48}
#: Support-grid points per axis for sup |D − ½|.
GRID_PER_AXIS = {1: 801, 2: 161}
#: Log-spaced checkpoints per run (the last is the end of training).
N_CHECKPOINTS = 8
#: First seed index of the tuning seeds; reporting seeds are 0 … K − 1.
TUNING_OFFSET = 10_000


@dataclass(frozen=True)
class Sizes:
    """How much evaluation a run does: the full profile's sizes are the study's; quick ones are smoke sizes."""

    n_samples: int
    n_binned: int
    n_checkpoints: int


SIZES = {
    "quick": Sizes(n_samples=400, n_binned=10_000, n_checkpoints=3),
    "full": Sizes(N_SAMPLES, N_BINNED, N_CHECKPOINTS),
}

#: Numpy streams of the evaluation (next to the seed index and the checkpoint).
_REAL, _SPLIT = 201, 202
#: GANState.sample streams: two-sample test, binned masses.
_FAKE_TEST, _FAKE_BINNED = 11, 12


@dataclass(frozen=True)
class EquilibriumTarget:
    """One target of the study and the protocol chosen for it.

    Attributes
    ----------
    name : str
        Experiment name (``EQ-…``).
    title : str
    protocol : mapping
        TrainConfig fields of the chosen protocol (``steps`` included).
    seeds : mapping
        Reporting seeds by scale (``quick``, ``full``).
    quick_steps : int
        Training steps under the quick profile (same code path, shorter).
    required_not_rejected : float or None
        The pre-declared share of reporting seeds the combined test must not reject.
    sup_half_max : float or None
        The pre-declared bound on the median final :math:`\\sup |D - ½|` (None: not required).
    all_modes : bool
        Whether every seed must also cover every mode (the ring).
    """

    name: str
    title: str
    protocol: Mapping[str, Any]
    seeds: Mapping[str, int]
    quick_steps: int
    required_not_rejected: float | None
    sup_half_max: float | None = None
    all_modes: bool = False

    @property
    def data(self) -> str:
        return str(self.protocol["data"])

    def mixture(self) -> MixtureTarget:
        return MixtureTarget.from_source(get_source(self.data))  # type: ignore[arg-type]

    def config(self, *, scale: str, n_seeds: int, seed: int, seed_offset: int = 0, device: str = "cpu") -> TrainConfig:
        fields = dict(self.protocol)
        if scale == "quick":
            fields["steps"] = self.quick_steps
        return TrainConfig(n_seeds=n_seeds, seed=seed, seed_offset=seed_offset, device=device, log_every=1, **fields)


def checkpoint_steps(steps: int, n: int = N_CHECKPOINTS) -> list[int]:
    """``n`` log-spaced step counts from about ``steps``/1000 (at least 10) to ``steps``, distinct, increasing."""
    if steps < 2:
        return [steps]
    first = max(10, steps // 1000) if steps > 10 else 1
    marks = np.unique(np.round(np.geomspace(first, steps, n)).astype(int))
    return [int(m) for m in marks]


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------


def _bin_edges(mixture: MixtureTarget) -> list[Array]:
    lo, hi = mixture.box()
    bins = BINS_PER_AXIS[mixture.dim]
    return [np.linspace(lo[i], hi[i], bins + 1) for i in range(mixture.dim)]


def _generated_bin_masses(state: GANState, edges: Sequence[Array], n_binned: int) -> Array:
    """Generated masses of the same bins, shape (K, bins), renormalised inside the box."""
    if len(edges) == 1 and state.config.latent_dim == 1:
        z, mass = latent_grid(2**14)
        values = state.generate(z)[..., 0]
        inner = pushforward_bin_masses(values, mass, edges[0])[:, 1:-1]
    else:
        x = state.sample(n_binned, stream=_FAKE_BINNED)
        inner = np.stack([np.histogramdd(x[k], bins=list(edges))[0].ravel() for k in range(state.n_seeds)])
    totals = inner.sum(axis=1, keepdims=True)
    return inner / np.where(totals > 0, totals, 1.0)


def _bin_centres(edges: Sequence[Array]) -> Array:
    mids = [0.5 * (e[:-1] + e[1:]) for e in edges]
    return np.stack([m.ravel() for m in np.meshgrid(*mids, indexing="ij")], axis=1)


def _rng(seed: int, index: int, stream: int, step: int) -> np.random.Generator:
    return np.random.default_rng([seed, index, stream, step])


def evaluate_states(
    state: GANState, mixture: MixtureTarget, step: int, *, base_seed: int, sizes: Sizes = SIZES["full"]
) -> dict[str, Any]:
    """Every measure of one checkpoint, per seed (lists of length K).

    Randomness comes from the seed index, the checkpoint's step and the run's
    base seed only, so a seed's measures do not depend on the other seeds of its group.
    """
    k = state.n_seeds
    n = sizes.n_samples
    fake = state.sample(n, stream=_FAKE_TEST)
    grid = support_grid(mixture, GRID_PER_AXIS[mixture.dim])
    d_grid = state.discriminator(grid)
    edges = _bin_edges(mixture)
    data_masses = box_bin_masses(mixture, edges)
    gen_masses = _generated_bin_masses(state, edges, sizes.n_binned)
    distances = binned_distances(data_masses, gen_masses)
    centres = _bin_centres(edges)
    inside = mixture.in_support(centres)
    d_star = data_masses[None, inside] / np.maximum(data_masses[None, inside] + gen_masses[:, inside], 1e-300)
    d_centres = state.discriminator(centres[inside])
    out: dict[str, list[Any]] = {
        key: []
        for key in (
            "knn_accuracy",
            "knn_p",
            "boosting_accuracy",
            "boosting_p",
            "rejected",
            "d_real_mean",
            "d_fake_mean",
            "d_accuracy",
            "d_accuracy_p",
            "resub_accuracy",
            "resub_p",
        )
    }
    for j, index in enumerate(state.seed_indices):
        real = mixture.sample(n, _rng(base_seed, index, _REAL, step))
        test = combined_c2st(real, fake[j], rng=_rng(base_seed, index, _SPLIT, step), alpha=ALPHA)
        out["knn_accuracy"].append(test.knn.accuracy)
        out["knn_p"].append(test.knn.p_value)
        out["boosting_accuracy"].append(test.boosting.accuracy)
        out["boosting_p"].append(test.boosting.p_value)
        out["rejected"].append(bool(test.rejects))
        single = state.select(j)
        d_real, d_fake = single.discriminator(real)[0], single.discriminator(fake[j])[0]
        out["d_real_mean"].append(float(d_real.mean()))
        out["d_fake_mean"].append(float(d_fake.mean()))
        # the GAN's own D as a classifier (real iff D > ½) on points it was not trained on
        correct = int((d_real > 0.5).sum() + (d_fake <= 0.5).sum())
        out["d_accuracy"].append(correct / (2 * n))
        out["d_accuracy_p"].append(binomial_upper_tail(correct, 2 * n, 0.5))
        resub = resubstitution_accuracy(real, fake[j])
        out["resub_accuracy"].append(resub / (2 * n))
        out["resub_p"].append(binomial_upper_tail(resub, 2 * n, 0.5))
    result: dict[str, Any] = {key: value for key, value in out.items()}
    result["sup_half"] = discriminator_deviation(d_grid)["sup_half"].tolist()
    result["d_support_min"] = d_grid.min(axis=1).tolist()
    result["d_support_max"] = d_grid.max(axis=1).tolist()
    result["sup_star"] = discriminator_deviation(d_centres, d_star)["sup_star"].tolist()
    result["tv"] = distances["tv"].tolist()
    result["js"] = distances["js"].tolist()
    if mixture.dim == 2:
        result["modes_covered"] = [
            int(mode_coverage(fake[j], mixture.means, float(mixture.sigmas[0])).modes_covered) for j in range(k)
        ]
    result["_k"] = k
    return result


def resubstitution_accuracy(real: Array, fake: Array) -> int:
    """Correct predictions of a k-NN classifier (k = ⌊√n⌋, odd) scored on the very points it was fitted to.

    A deliberately biased accuracy: it exceeds ½ even for identical distributions, which makes it the negative
    control of a chance-accuracy readout.
    """
    from sklearn.neighbors import KNeighborsClassifier

    x = np.concatenate([real, fake])
    y = np.concatenate([np.ones(len(real), dtype=int), np.zeros(len(fake), dtype=int)])
    k = max(1, int(np.sqrt(len(x))) | 1)
    return int((KNeighborsClassifier(n_neighbors=k).fit(x, y).predict(x) == y).sum())


def _loss_window(values: Array, step: int) -> Array:
    """Per-seed mean of the logged losses over the last 1 % of the ``step`` steps done (at least 10)."""
    width = max(10, step // 100)
    return values[max(0, step - width) : step].mean(axis=0)


def train_and_measure(
    target: EquilibriumTarget,
    scale: str,
    base_seed: int,
    seed_offset: int,
    n_seeds: int,
    steps: int | None = None,
    device: str = "cpu",
) -> dict[str, Any]:
    """Train one group of seeds and measure it at every checkpoint: one engine task.

    Returns per-checkpoint, per-seed measures, the final generated samples
    (float32, for the artefacts) and the D curve on the support for the figures.
    """
    from threadpoolctl import threadpool_limits

    config = target.config(scale=scale, n_seeds=n_seeds, seed=base_seed, seed_offset=seed_offset, device=device)
    if steps is not None:
        config = dataclasses.replace(config, steps=steps)
    mixture = target.mixture()
    sizes = SIZES[scale]
    marks = checkpoint_steps(config.steps, sizes.n_checkpoints)
    states: dict[int, GANState] = {}

    def keep(step: int, state: GANState) -> None:
        states[step + 1] = state.averaged() if state.g_ema_params is not None else state

    with torch_threads(1), threadpool_limits(1):
        result: TrainResult = train(config, callback=keep, callback_at=marks)
        checkpoints = []
        for step in marks:
            measures = evaluate_states(states[step], mixture, step, base_seed=base_seed, sizes=sizes)
            measures.pop("_k")
            measures["d_loss"] = _loss_window(result.d_loss, step).tolist()
            measures["g_loss"] = _loss_window(result.g_loss, step).tolist()
            checkpoints.append({"step": step, **measures})
        final = states[marks[-1]]
        curve_x = _curve_points(mixture)
        curves = [states[s].discriminator(curve_x).tolist() for s in marks] if mixture.dim == 1 else []
        generated = final.sample(sizes.n_samples, stream=_FAKE_TEST).astype(np.float32)
    return {
        "seeds": list(config.seed_indices),
        "steps": config.steps,
        "checkpoints": checkpoints,
        "d_curves": curves,
        "arrays": {"generated": generated},
        "wall_seconds": result.wall_time_s,
    }


def _curve_points(mixture: MixtureTarget) -> Array:
    lo, hi = mixture.box()
    return np.linspace(lo[0], hi[0], 161)


# ---------------------------------------------------------------------------
# Across seeds
# ---------------------------------------------------------------------------


def _merge(groups: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Concatenate the per-seed lists of several groups, checkpoint by checkpoint."""
    first = groups[0]
    merged = []
    for i, cp in enumerate(first["checkpoints"]):
        entry: dict[str, Any] = {"step": cp["step"]}
        for key in cp:
            if key != "step":
                entry[key] = [v for g in groups for v in g["checkpoints"][i][key]]
        merged.append(entry)
    curves = [[row for g in groups for row in g["d_curves"][i]] for i in range(len(first["d_curves"]))]
    return {
        "seeds": [s for g in groups for s in g["seeds"]],
        "steps": first["steps"],
        "checkpoints": merged,
        "d_curves": curves,
        "generated": np.concatenate([g["arrays"]["generated"] for g in groups]),
        "seconds": sum(float(g["wall_seconds"]) for g in groups),
    }


def _quantiles(values: Sequence[float]) -> dict[str, float]:
    v = np.asarray(values, dtype=np.float64)
    return {
        "median": float(np.median(v)),
        "q10": float(np.quantile(v, 0.1)),
        "q90": float(np.quantile(v, 0.9)),
        "max": float(v.max()),
    }


def _rejection(flags: Sequence[bool]) -> dict[str, Any]:
    n, k = len(flags), int(sum(bool(f) for f in flags))
    lo, hi = clopper_pearson_interval(k, n, 0.95)
    return {
        "rejected": k,
        "n": n,
        "fraction": k / n,
        "ci95": [lo, hi],
        "not_rejected_fraction": 1 - k / n,
        "null_rate": ALPHA,
    }


def summarise(merged: Mapping[str, Any], target: EquilibriumTarget) -> dict[str, Any]:
    """Across-seed summaries at each checkpoint, and the final verdict numbers against the declared bounds."""
    rows = []
    for cp in merged["checkpoints"]:
        row: dict[str, Any] = {"step": cp["step"], "rejection": _rejection(cp["rejected"])}
        for key in (
            "knn_accuracy",
            "boosting_accuracy",
            "sup_half",
            "sup_star",
            "tv",
            "js",
            "d_real_mean",
            "d_fake_mean",
            "d_loss",
            "g_loss",
        ):
            row[key] = _quantiles(cp[key])
        if "modes_covered" in cp:
            row["all_modes_fraction"] = float(np.mean(np.asarray(cp["modes_covered"]) == len(target.mixture().weights)))
        rows.append(row)
    final = rows[-1]
    requirement: dict[str, Any] = {
        "required_not_rejected": target.required_not_rejected,
        "sup_half_max": target.sup_half_max,
        "all_modes": target.all_modes,
        "not_rejected_fraction": final["rejection"]["not_rejected_fraction"],
        "median_sup_half": final["sup_half"]["median"],
    }
    met = True
    if target.required_not_rejected is not None:
        met &= final["rejection"]["not_rejected_fraction"] >= target.required_not_rejected
    if target.sup_half_max is not None:
        met &= final["sup_half"]["median"] <= target.sup_half_max
    if target.all_modes:
        requirement["all_modes_fraction"] = final.get("all_modes_fraction")
        met &= final.get("all_modes_fraction", 0.0) == 1.0
    requirement["met"] = bool(met) if target.required_not_rejected is not None else None
    return {"by_checkpoint": rows, "final": final, "requirement": requirement}


def _round(x: Any, digits: int = 6) -> Any:
    if isinstance(x, float):
        return round(x, digits) if math.isfinite(x) else None
    if isinstance(x, Mapping):
        return {k: _round(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_round(v, digits) for v in x]
    return x


def _base_seed(ctx: Context, name: str) -> int:
    return int(np.random.SeedSequence([ctx.seed, zlib.crc32(name.encode("utf-8"))]).generate_state(1)[0])


#: Seeds per engine task: a group is trained as one batched run.
GROUP = 16


def seed_groups(target: EquilibriumTarget, ctx: Context) -> list[functools.partial[dict[str, Any]]]:
    """The reporting seeds of ``target`` as groups of :data:`GROUP`, each a call of :func:`train_and_measure`.

    A seed's results do not depend on its group, so the groups may run anywhere
    (they are the experiment's parts, see :class:`verify.experiments.Experiment`).
    """
    scale = ctx.profile.experiments
    n_seeds = int(target.seeds[scale])
    base_seed = _base_seed(ctx, target.name)
    group = min(GROUP, n_seeds)
    return [
        functools.partial(
            train_and_measure, target, scale, base_seed, offset, min(group, n_seeds - offset), device=ctx.device
        )
        for offset in range(0, n_seeds, group)
    ]


def run_target(target: EquilibriumTarget, ctx: Context) -> dict[str, Any]:
    """Train the reporting seeds of ``target`` in groups of :data:`GROUP` and measure them."""
    return join_groups(target, ctx, [group() for group in seed_groups(target, ctx)])


def join_groups(target: EquilibriumTarget, ctx: Context, groups: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The study's results for ``target`` from its trained and measured seed groups, in seed order."""
    scale = ctx.profile.experiments
    n_seeds = int(target.seeds[scale])
    base_seed = _base_seed(ctx, target.name)
    merged = _merge(groups)
    mixture = target.mixture()
    summary = summarise(merged, target)
    config = target.config(scale=scale, n_seeds=n_seeds, seed=base_seed, device=ctx.device)
    return {
        "config": {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(config).items()},
        "seeds": merged["seeds"],
        "base_seed": base_seed,
        "device": str(resolve_device(ctx.device)),
        "torch": torch.__version__,
        "torch_threads": 1,
        "profile": scale,
        "protocol_length": scale == "full",
        "target": {
            "name": mixture.name,
            "weights": mixture.weights.tolist(),
            "means": mixture.means.tolist(),
            "sigmas": mixture.sigmas.tolist(),
        },
        "measures": {
            "n_samples_per_side": SIZES[scale].n_samples,
            "n_test": SIZES[scale].n_samples,
            "alpha": ALPHA,
            "rule": "rejected when either classifier's exact binomial p-value is below α/2 (Bonferroni)",
            "n_binned": SIZES[scale].n_binned,
            "bins_per_axis": BINS_PER_AXIS[mixture.dim],
        },
        "search": SEARCH.get(target.name),
        "summary": _round(summary),
        "per_seed_final": _round({k: v for k, v in merged["checkpoints"][-1].items() if k != "step"}),
        "curve_x": _round(_curve_points(mixture).tolist()) if mixture.dim == 1 else [],
        "d_curves_median": _round(np.median(np.asarray(merged["d_curves"]), axis=1).tolist())
        if merged["d_curves"]
        else [],
        "checkpoint_steps": [cp["step"] for cp in merged["checkpoints"]],
        "arrays": {"generated": merged["generated"], "seeds": np.asarray(merged["seeds"], dtype=np.int64)},
        "training_seconds": round(merged["seconds"], 3),
    }


# ---------------------------------------------------------------------------
# Artefacts
# ---------------------------------------------------------------------------


def _write_artifact(results: Mapping[str, Any], folder: Path, name: str) -> Path:
    target = results["target"]
    path = folder / "artifacts" / "equilibrium" / f"{name}.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        generated=np.asarray(results["arrays"]["generated"], dtype=np.float32),
        seeds=np.asarray(results["arrays"]["seeds"], dtype=np.int64),
        weights=np.asarray(target["weights"], dtype=np.float64),
        means=np.asarray(target["means"], dtype=np.float64),
        sigmas=np.asarray(target["sigmas"], dtype=np.float64),
    )
    return path


def load_artifact(path: str | Path) -> dict[str, Any]:
    """Read an equilibrium artefact (``reports/artifacts/equilibrium/<target>.npz``).

    Returns
    -------
    dict
        ``generated`` float32 (n_seeds, n_samples, d): each reporting seed's final
        generator samples; ``seeds`` (n_seeds,); the target as ``weights`` (k,),
        ``means`` (k, d) and ``sigmas`` (k,) of an isotropic Gaussian mixture, and
        ``target``, the same as a :class:`gantheory.equilibrium.MixtureTarget`.

    Examples
    --------
    >>> from gantheory.twosample import combined_c2st
    >>> art = load_artifact("reports/artifacts/equilibrium/EQ-bimodal.npz")  # doctest: +SKIP
    >>> real = art["target"].sample(4000, np.random.default_rng(0))  # doctest: +SKIP
    >>> combined_c2st(real, art["generated"][0], rng=np.random.default_rng(1)).rejects  # doctest: +SKIP
    """
    with np.load(Path(path)) as data:
        out: dict[str, Any] = {key: data[key] for key in ("generated", "seeds", "weights", "means", "sigmas")}
    out["target"] = MixtureTarget(Path(path).stem, out["weights"], out["means"], out["sigmas"])
    return out


# ---------------------------------------------------------------------------
# The targets, the declared search, and the chosen protocols
# ---------------------------------------------------------------------------

#: What each target is, and what it must reach (declared with the search, before any reporting run):
#: (title, share of reporting seeds not rejected, bound on the median final sup |D − ½|, every mode covered).
_DECLARED: dict[str, tuple[str, float | None, float | None, bool]] = {
    "EQ-gauss": ("1-D Gaussian N(1, 0.5²), the sanity case", 0.9, 0.05, False),
    "EQ-bimodal": ("document 000's mixture ½N(−2, 0.5²) + ½N(2, 0.5²)", 0.9, 0.05, False),
    "EQ-ring": ("PacGAN's ring of 8 Gaussians (radius 1, σ 0.01)", 0.8, None, True),
    "EQ-grid": ("PacGAN's grid of 25 Gaussians (spacing 2, σ 0.05), reported whatever it reaches", None, None, False),
}
#: Reporting seeds by scale, and the quick profile's training steps.
REPORTING_SEEDS = {"quick": 2, "full": 64}
QUICK_STEPS = 200

_TUPLE_FIELDS = ("g_widths", "d_widths", "betas")


def _chosen_protocol(entry: Mapping[str, Any]) -> dict[str, Any]:
    protocol = dict(choose(entry["results"])["protocol"])
    for key in _TUPLE_FIELDS:
        if key in protocol:
            protocol[key] = tuple(protocol[key])
    return protocol


def _targets() -> dict[str, EquilibriumTarget]:
    record = load_record()
    targets = {}
    for name, (title, share, bound, all_modes) in _DECLARED.items():
        if name not in record:  # the search has not been run for it: the study leaves it out
            continue
        SEARCH[name] = record[name]
        targets[name] = EquilibriumTarget(
            name, title, _chosen_protocol(record[name]), REPORTING_SEEDS, QUICK_STEPS, share, bound, all_modes
        )
    return targets


#: The search record of each target, as committed (grid, budget, rule, every protocol's tuning result).
SEARCH: dict[str, Any] = {}


def _figures(results: Mapping[str, Any], folder: Path) -> list[tuple[str, str]]:
    from verify.experiments.equilibrium_figures import draw_target

    name = str(results["experiment"])
    _write_artifact(results, folder, name)
    return draw_target(results, folder, name)


@dataclass(frozen=True)
class _Run:
    """``run(ctx)`` of one target (a picklable callable)."""

    name: str

    def __call__(self, ctx: Context) -> dict[str, Any]:
        return {"experiment": self.name, **run_target(TARGETS[self.name], ctx)}


@dataclass(frozen=True)
class _Parts:
    """``parts(ctx)`` of one target: its seed groups."""

    name: str

    def __call__(self, ctx: Context) -> list[functools.partial[dict[str, Any]]]:
        return seed_groups(TARGETS[self.name], ctx)


@dataclass(frozen=True)
class _Join:
    """``join(ctx, groups)`` of one target."""

    name: str

    def __call__(self, ctx: Context, groups: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        return {"experiment": self.name, **join_groups(TARGETS[self.name], ctx, groups)}


TARGETS: dict[str, EquilibriumTarget] = _targets()
EXPERIMENTS: tuple[Experiment, ...] = tuple(
    Experiment(t.name, t.title, _Run(t.name), _figures, _Parts(t.name), _Join(t.name)) for t in TARGETS.values()
)
