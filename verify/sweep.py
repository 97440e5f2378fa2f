r"""Hyperparameter sweeps: train a grid of settings over many seeds and measure each run at the end.

A sweep is described by a TOML or YAML file (:func:`load_spec`)::

    name = "bimodal-r1"
    [base]            # TrainConfig fields shared by every cell
    data = "bimodal"
    steps = 600
    [grid]            # TrainConfig fields crossed as a full Cartesian product
    lr_d = [1e-3, 3e-3]
    r1_gamma = [0.0, 0.1]
    [seeds]
    count = 8         # seeds per cell
    offset = 10000    # seed index of the first seed (tuning seeds are ≥ 10000)
    group = 4         # seeds per task, the unit of work sent to a worker
    [measures]
    n_test = 2000     # held-out points of the two-sample test

Each cell of the grid (:func:`cells`) trains ``count`` seeds in tasks of
``group`` seeds (:func:`sweep_tasks`), run by :func:`verify.engine.run_tasks`.
Every trained seed is then measured (:func:`measure`):

* the classifier two-sample test :func:`gantheory.twosample.c2st` on
  ``n_test`` real and ``n_test`` generated points with half of the pooled
  sample held out, so exactly ``n_test`` points are tested; the run counts
  as *rejected* when :math:`p < 0.05`;
* :math:`\sup_x |D(x) - \tfrac12|` over the data's support, which is 0 for the
  discriminator of the equilibrium :math:`p_g = p_{data}`: an even grid over the
  box of the means widened by 4 σ (2001 points on
  :math:`[\min_m \mu_m - 4\sigma, \max_m \mu_m + 4\sigma]` in 1-D, 101 × 101 in
  2-D), restricted to the support region of :mod:`gantheory.equilibrium`
  (:func:`support_points`);
* the mean of D on real and on generated samples (:func:`gantheory.equilibrium.mean_outputs`),
  and the last logged D and G losses.

The measures of a seed draw from generators seeded by ``(config.seed, seed
index, stream)`` with streams that the trainer does not use, so they do not
depend on how seeds are grouped into tasks, nor on where a task ran.

:func:`run_sweep` writes, atomically, into the output folder: ``table.json``
(one row per cell and the per-seed records; clock readings only under
``timings``), ``table.csv`` (the rows), the spec file as given, ``environment.json``
(software, devices, scheduler, workers) and ``equilibrium.png`` (per cell, the
fraction of seeds the test did not reject, with its Wilson 95 % interval, beside
the median :math:`\sup|D - \tfrac12|`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from gantheory.nn import GaussianMixtureSource, TrainConfig, get_source, seed_generator, train
from verify.engine import SERIAL, Task, run_tasks

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gantheory.nn import TrainResult

__all__ = [
    "ALPHA",
    "SPEC_SUFFIXES",
    "Measures",
    "SeedPlan",
    "SweepSpec",
    "cell_config",
    "cells",
    "equilibrium_figure",
    "load_spec",
    "measure",
    "parse_spec",
    "run_group",
    "run_sweep",
    "summarise",
    "support_points",
    "sweep_tasks",
]

#: Level of the two-sample test: a run is rejected when the test's p-value is below it.
ALPHA = 0.05

#: File suffixes :func:`load_spec` reads, by format.
SPEC_SUFFIXES = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}

#: Random streams of the measures. The trainer's :func:`~gantheory.nn.seed_generator` streams are 0–5; these
#: values enter the seed sequences, so never renumber them.
STREAM_REAL = 100  # real test points, through seed_generator(seed, index, STREAM_REAL)
STREAM_FAKE = 101  # generated test points, through GANState.sample(n, stream=STREAM_FAKE)
STREAM_C2ST = 102  # the two-sample test's shuffle, numpy default_rng([seed, index, STREAM_C2ST])

#: Points per axis of the grid over the support box (before it is cut down to the support region).
GRID_POINTS_1D = 2001
GRID_POINTS_2D = 101

#: Fields set by ``[seeds]``, not by ``[base]`` or ``[grid]``.
_SEED_FIELDS = frozenset({"n_seeds", "seed_offset"})
_CONFIG_FIELDS = tuple(f.name for f in dataclasses.fields(TrainConfig) if f.name not in _SEED_FIELDS)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TOP_KEYS = ("name", "base", "grid", "seeds", "measures")


# ---------------------------------------------------------------------------------------------------------------------
# The spec
# ---------------------------------------------------------------------------------------------------------------------


def _int_at(value: object, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{where} must be an integer ≥ {minimum}, got {value!r}")
    return value


@dataclass(frozen=True)
class SeedPlan:
    """Which seeds each cell trains, and how many go into one task.

    Attributes
    ----------
    count : int
        Seeds per cell (≥ 1).
    offset : int
        Seed index of the first seed (≥ 0); tuning sweeps use indices ≥ 10000,
        away from the report's experiments.
    group : int
        Seeds per task (≥ 1); the last group of a cell is smaller when
        ``count`` is not a multiple of it.
    """

    count: int = 8
    offset: int = 10000
    group: int = 4

    def __post_init__(self) -> None:
        _int_at(self.count, "seeds.count", 1)
        _int_at(self.offset, "seeds.offset", 0)
        _int_at(self.group, "seeds.group", 1)

    def groups(self) -> list[tuple[int, int]]:
        """``(first seed index, size)`` of each task's seeds, in order."""
        return [
            (self.offset + start, min(self.group, self.count - start)) for start in range(0, self.count, self.group)
        ]


@dataclass(frozen=True)
class Measures:
    """Settings of the per-seed measures.

    Attributes
    ----------
    n_test : int
        Held-out points of the two-sample test (≥ 4): ``n_test`` real and
        ``n_test`` generated points are pooled and half of them held out.
    """

    n_test: int = 2000

    def __post_init__(self) -> None:
        _int_at(self.n_test, "measures.n_test", 4)


@dataclass(frozen=True)
class SweepSpec:
    """A parsed, validated sweep (see the module docstring for the file format).

    Attributes
    ----------
    name : str
        Letters, digits, ``.``, ``_`` and ``-``; names the default output folder.
    base : tuple of (str, object)
        :class:`~gantheory.nn.TrainConfig` fields shared by every cell, in file order.
    grid : tuple of (str, tuple)
        Each swept field with its values, in file order.
    seeds : SeedPlan
    measures : Measures
    """

    name: str
    base: tuple[tuple[str, Any], ...] = ()
    grid: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    seeds: SeedPlan = SeedPlan()
    measures: Measures = Measures()

    def as_dict(self) -> dict[str, Any]:
        """The spec as JSON-ready data (tuples as lists)."""
        return _jsonable(
            {
                "name": self.name,
                "base": dict(self.base),
                "grid": {k: list(v) for k, v in self.grid},
                "seeds": dataclasses.asdict(self.seeds),
                "measures": dataclasses.asdict(self.measures),
            }
        )


def _frozen(value: Any) -> Any:
    """Lists as tuples (hashable, and what TrainConfig stores for its sequence fields)."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    return value


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{key} must be a table of keys and values, got {type(value).__name__}")
    return value


def _check_fields(table: Mapping[str, Any], where: str) -> None:
    for key in table:
        if key in _SEED_FIELDS:
            raise ValueError(f"{where}.{key}: set by [seeds] (count, offset, group), not here")
        if key not in _CONFIG_FIELDS:
            raise ValueError(f"{where}.{key}: not a TrainConfig field; the fields are {', '.join(_CONFIG_FIELDS)}")


def _yaml_hint(overrides: Mapping[str, Any]) -> str:
    for key, value in overrides.items():
        if isinstance(value, str):
            try:
                float(value)
            except ValueError:
                continue
            # YAML 1.1 reads 1e-3 (no decimal point) as a string
            return f" ({key} is the string {value!r}; in YAML write a number with a decimal point, e.g. 1.0e-3)"
    return ""


def _config_problem(overrides: Mapping[str, Any]) -> str | None:
    """Why TrainConfig, or the measures, refuse these settings; ``None`` if they do not."""
    try:
        config = TrainConfig(**overrides)
    except (ValueError, TypeError) as exc:
        return f"{exc}{_yaml_hint(overrides)}"
    source = get_source(config.data)
    if not isinstance(source, GaussianMixtureSource) or source.dim not in (1, 2):
        return (
            f"data {config.data!r} is not a 1-D or 2-D Gaussian mixture; the sweep measures "
            "sup |D − ½| on a grid over the data's support"
        )
    return None


def parse_spec(data: Mapping[str, Any]) -> SweepSpec:
    """Validate a sweep read from a file (a mapping) and return it as a :class:`SweepSpec`.

    Parameters
    ----------
    data : mapping
        With ``name`` and the optional tables ``base``, ``grid``, ``seeds`` and ``measures``.

    Returns
    -------
    SweepSpec

    Raises
    ------
    ValueError
        Naming the offending key: an unknown key or table, a missing or
        malformed ``name``, a key that is not a TrainConfig field (or is set by
        ``[seeds]``), a field both in ``base`` and in ``grid``, a grid entry that
        is not a non-empty list of distinct values, a value TrainConfig refuses
        (given with the cell it belongs to), data that is not a 1-D or 2-D
        Gaussian mixture, or a seed or measure setting out of range.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"a sweep spec must be a table of keys and values, got {type(data).__name__}")
    unknown = [k for k in data if k not in _TOP_KEYS]
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown key; a spec has {', '.join(_TOP_KEYS)}")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"name must be letters, digits, '.', '_' or '-' (a folder name), got {name!r}")
    base = {k: _frozen(v) for k, v in _table(data, "base").items()}
    raw_grid = _table(data, "grid")
    _check_fields(base, "base")
    _check_fields(raw_grid, "grid")
    grid: dict[str, tuple[Any, ...]] = {}
    for key, values in raw_grid.items():
        if key in base:
            raise ValueError(f"grid.{key}: also set in [base]; a field is either shared or swept")
        if not isinstance(values, list) or not values:
            raise ValueError(f"grid.{key}: must be a non-empty list of values, got {values!r}")
        frozen = tuple(_frozen(v) for v in values)
        if any(frozen[:i].count(v) for i, v in enumerate(frozen)):
            raise ValueError(f"grid.{key}: repeats a value in {values!r}")
        grid[key] = frozen
    base_problem = _config_problem(base)
    if base_problem and not grid:
        raise ValueError(f"base: {base_problem}")
    if not base_problem:  # a value is judged on its own only where the shared fields are valid on their own
        for key, values in grid.items():
            for i, value in enumerate(values):
                problem = _config_problem({**base, key: value})
                if problem:
                    raise ValueError(f"grid.{key}[{i}]: {problem}")
    for assignment in itertools.product(*grid.values()):
        cell = dict(zip(grid, assignment, strict=True))
        problem = _config_problem({**base, **cell})
        if problem:
            # a shared field wrong whatever the swept ones are is the base's fault
            raise ValueError(
                f"base: {problem}" if problem == base_problem else f"grid cell {_cell_label(cell)}: {problem}"
            )
    seeds = _table(data, "seeds")
    measures = _table(data, "measures")
    for table, where, allowed in ((seeds, "seeds", ("count", "offset", "group")), (measures, "measures", ("n_test",))):
        extra = [k for k in table if k not in allowed]
        if extra:
            raise ValueError(f"{where}.{extra[0]}: unknown key; [{where}] has {', '.join(allowed)}")
    return SweepSpec(
        name=name,
        base=tuple(base.items()),
        grid=tuple(grid.items()),
        seeds=SeedPlan(**seeds),
        measures=Measures(**measures),
    )


def _read(path: Path) -> Mapping[str, Any]:
    kind = SPEC_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path}: a spec is a .toml, .yaml or .yml file")
    text = path.read_text(encoding="utf-8")
    if kind == "toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML ({exc})") from None
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
    if data is None:
        raise ValueError(f"{path}: the file is empty")
    return data


def load_spec(path: str | os.PathLike[str]) -> SweepSpec:
    """Read and validate a sweep spec from a ``.toml``, ``.yaml`` or ``.yml`` file.

    Parameters
    ----------
    path : path-like

    Returns
    -------
    SweepSpec

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        For another suffix, a file that does not parse, or a spec that
        :func:`parse_spec` refuses; the message starts with the path.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such spec file")
    data = _read(p)
    try:
        return parse_spec(data)
    except ValueError as exc:
        raise ValueError(f"{p}: {exc}") from None


def cells(spec: SweepSpec) -> list[dict[str, Any]]:
    """The grid's cells, each the swept fields' values, in a fixed order.

    The order is the Cartesian product of the grid's values with the keys in
    file order and the last key varying fastest; a spec without a grid has one
    cell, ``{}``.
    """
    keys = [k for k, _ in spec.grid]
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*(v for _, v in spec.grid))]


def cell_config(spec: SweepSpec, cell: Mapping[str, Any], *, device: str | None = None) -> TrainConfig:
    """The TrainConfig of one cell for all its seeds (``n_seeds=count``, ``seed_offset=offset``).

    ``device``, when given, replaces the spec's device.
    """
    overrides = {**dict(spec.base), **cell}
    if device is not None:
        overrides["device"] = device
    return TrainConfig(**overrides, n_seeds=spec.seeds.count, seed_offset=spec.seeds.offset)


def _cell_label(cell: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={_display(v)}" for k, v in cell.items()) or "all"


def _display(value: Any) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_display(v) for v in value) + ")"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# ---------------------------------------------------------------------------------------------------------------------
# The measures and the task
# ---------------------------------------------------------------------------------------------------------------------


def support_points(source: GaussianMixtureSource) -> np.ndarray:
    r"""Where :math:`\sup|D - \tfrac12|` is taken: :func:`gantheory.equilibrium.support_grid` of a 1-D or 2-D mixture.

    An even grid over the box of the means widened by 4 σ (2001 points in 1-D,
    101 × 101 in 2-D), restricted to the points near a mode.

    Returns
    -------
    ndarray, shape (n, d)
    """
    from gantheory.equilibrium import MixtureTarget, support_grid

    if source.dim not in (1, 2):
        raise ValueError(f"source must be 1- or 2-dimensional, got dimension {source.dim}")
    per_axis = GRID_POINTS_1D if source.dim == 1 else GRID_POINTS_2D
    return support_grid(MixtureTarget.from_source(source), per_axis)


def _finite_or_none(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def measure(result: TrainResult, n_test: int) -> list[dict[str, Any]]:
    r"""The end-of-training measures of every seed of a run (see the module docstring).

    Parameters
    ----------
    result : TrainResult
        A run on a 1-D or 2-D Gaussian-mixture source.
    n_test : int
        Held-out points of the two-sample test (≥ 4).

    Returns
    -------
    list of dict
        Per seed, in the run's order: ``seed`` (its index), ``accuracy``,
        ``p_value`` and ``n_test`` of the C2ST, ``rejected`` (:math:`p <` :data:`ALPHA`),
        ``sup_d_dev`` (:math:`\sup|D - \tfrac12|` on :func:`support_points`),
        ``d_real_mean``, ``d_fake_mean``, ``final_d_loss`` and ``final_g_loss``
        (``None`` when not finite, e.g. the G loss of a fixed-:math:`p_g` run).
        A run that keeps a generator average (``g_ema > 0``) is measured with the
        averaged generators, the ones it produces (as the equilibrium study does).
    """
    from gantheory.equilibrium import discriminator_deviation, mean_outputs
    from gantheory.twosample import c2st

    _int_at(n_test, "n_test", 4)
    config = result.config
    source = get_source(config.data)
    if not isinstance(source, GaussianMixtureSource) or source.dim not in (1, 2):
        raise ValueError(f"data {config.data!r} is not a 1-D or 2-D Gaussian mixture")
    real = np.stack(
        [
            source.sample(n_test, seed_generator(config.seed, i, STREAM_REAL), dtype=config.dtype)
            .to(torch.float64)
            .numpy()
            for i in result.seed_indices
        ]
    )
    generators = result if result.g_ema_params is None else result.averaged()
    fake = generators.sample(n_test, stream=STREAM_FAKE)
    means = mean_outputs(result.discriminator(real), result.discriminator(fake))
    sup_dev = discriminator_deviation(result.discriminator(support_points(source)))["sup_half"]
    records = []
    for k, index in enumerate(result.seed_indices):
        # n_test points per side, half of the pooled 2·n_test held out: n_test tested points
        test = c2st(real[k], fake[k], rng=np.random.default_rng([config.seed, index, STREAM_C2ST]), test_fraction=0.5)
        records.append(
            {
                "seed": int(index),
                "accuracy": float(test.accuracy),
                "p_value": float(test.p_value),
                "n_test": int(test.n_test),
                "rejected": bool(test.p_value < ALPHA),
                "sup_d_dev": float(sup_dev[k]),
                "d_real_mean": float(means["d_real_mean"][k]),
                "d_fake_mean": float(means["d_fake_mean"][k]),
                "final_d_loss": _finite_or_none(float(result.d_loss[-1, k])),
                "final_g_loss": _finite_or_none(float(result.g_loss[-1, k])),
            }
        )
    return records


def run_group(config: TrainConfig, measures: Measures) -> dict[str, Any]:
    """The task of a sweep: train one group of seeds of one cell, then measure each seed.

    Parameters
    ----------
    config : TrainConfig
        The cell's settings with ``n_seeds`` and ``seed_offset`` of the group.
    measures : Measures

    Returns
    -------
    dict
        ``records`` (:func:`measure`), ``device`` (where it trained) and
        ``seconds`` (training and measuring, wall clock).
    """
    start = time.perf_counter()
    result = train(config)
    trained = time.perf_counter() - start
    records = measure(result, measures.n_test)
    return {
        "records": records,
        "device": result.device,
        "seconds": {"train": round(trained, 3), "total": round(time.perf_counter() - start, 3)},
    }


def _task_key(spec: SweepSpec, cell_index: int, first: int, size: int) -> str:
    return f"{spec.name}/cell{cell_index}/seeds{first}-{first + size - 1}"


def sweep_tasks(spec: SweepSpec, *, device: str | None = None) -> list[Task]:
    """One :func:`run_group` task per cell and seed group, cell by cell (:func:`cells` order), groups in order.

    ``device``, when given, replaces the spec's device.
    """
    tasks = []
    for i, cell in enumerate(cells(spec)):
        config = cell_config(spec, cell, device=device)
        for first, size in spec.seeds.groups():
            group = dataclasses.replace(config, n_seeds=size, seed_offset=first)
            tasks.append(Task(_task_key(spec, i, first, size), run_group, (group, spec.measures)))
    return tasks


# ---------------------------------------------------------------------------------------------------------------------
# Tables, figure, files
# ---------------------------------------------------------------------------------------------------------------------


def summarise(spec: SweepSpec, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per cell: its grid values, seeds, the fraction not rejected with its Wilson 95 % interval, medians.

    Parameters
    ----------
    spec : SweepSpec
    records : sequence of dict
        Per-seed records (:func:`measure`) with a ``cell`` index each.

    Returns
    -------
    list of dict
        ``cell``, ``grid``, ``n_seeds``, ``not_rejected``, ``fraction_not_rejected``,
        ``wilson95`` (lower, upper), ``median_accuracy``, ``median_sup_d_dev``.
    """
    from gantheory.nn.metrics import wilson_interval

    rows = []
    for i, cell in enumerate(cells(spec)):
        mine = [r for r in records if r["cell"] == i]
        n = len(mine)
        if n == 0:
            raise ValueError(f"records: cell {i} ({_cell_label(cell)}) has no records")
        kept = sum(not r["rejected"] for r in mine)
        lo, hi = wilson_interval(kept, n)
        rows.append(
            {
                "cell": i,
                "grid": _jsonable(cell),
                "n_seeds": n,
                "not_rejected": kept,
                "fraction_not_rejected": kept / n,
                "wilson95": [float(lo), float(hi)],
                "median_accuracy": float(np.median([r["accuracy"] for r in mine])),
                "median_sup_d_dev": float(np.median([r["sup_d_dev"] for r in mine])),
            }
        )
    return rows


def _csv_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return json.dumps(_jsonable(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_text(spec: SweepSpec, rows: Sequence[Mapping[str, Any]]) -> str:
    keys = [k for k, _ in spec.grid]
    header = ["cell", *keys, "n_seeds", "not_rejected", "fraction_not_rejected", "wilson_low", "wilson_high"]
    header += ["median_accuracy", "median_sup_d_dev"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [_csv_value(v) for v in (row["cell"], *(row["grid"][k] for k in keys), row["n_seeds"], row["not_rejected"])]
            + [_csv_value(v) for v in (row["fraction_not_rejected"], *row["wilson95"])]
            + [_csv_value(row["median_accuracy"]), _csv_value(row["median_sup_d_dev"])]
        )
    return buf.getvalue()


def _rows_of(items: list[str], shape: tuple[int, int]) -> list[list[str]]:
    return [items[i * shape[1] : (i + 1) * shape[1]] for i in range(shape[0])]


def _heat_map(fig: Figure, ax: Any, values: np.ndarray, text: list[list[str]], spec: SweepSpec, **kw: Any) -> None:
    (row_key, row_values), (col_key, col_values) = spec.grid
    image = ax.imshow(values, origin="lower", aspect="auto", **kw)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            r, g, b, _ = image.cmap(image.norm(values[i, j]))
            dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5  # luma of the cell's colour
            ax.text(j, i, text[i][j], ha="center", va="center", fontsize=8, color="white" if dark else "black")
    ax.set_xticks(range(len(col_values)), [_display(v) for v in col_values])
    ax.set_yticks(range(len(row_values)), [_display(v) for v in row_values])
    ax.set_xlabel(col_key)
    ax.set_ylabel(row_key)
    ax.grid(False)
    fig.colorbar(image, ax=ax, shrink=0.85)


def equilibrium_figure(spec: SweepSpec, rows: Sequence[Mapping[str, Any]]) -> Figure:
    """Per cell, the fraction of seeds not rejected (Wilson 95 %) beside the median sup|D − ½|.

    Heat maps over the two swept fields for a 2-D grid; bars, one per cell, otherwise.
    """
    from verify.plotting import new_figure

    fraction = np.array([r["fraction_not_rejected"] for r in rows])
    sup = np.array([r["median_sup_d_dev"] for r in rows])
    n = rows[0]["n_seeds"] if rows else 0
    fig = new_figure(11.0, 4.2)
    left, right = fig.subplots(1, 2)
    if len(spec.grid) == 2:
        shape = (len(spec.grid[0][1]), len(spec.grid[1][1]))
        ci = [r["wilson95"] for r in rows]
        text_f = [f"{f:.2f}\n[{lo:.2f}, {hi:.2f}]" for f, (lo, hi) in zip(fraction, ci, strict=True)]
        text_s = [f"{s:.3f}" for s in sup]
        _heat_map(fig, left, fraction.reshape(shape), _rows_of(text_f, shape), spec, vmin=0.0, vmax=1.0, cmap="viridis")
        _heat_map(fig, right, sup.reshape(shape), _rows_of(text_s, shape), spec, vmin=0.0, vmax=0.5, cmap="magma_r")
    else:
        x = np.arange(len(rows))
        lo = np.array([r["wilson95"][0] for r in rows])
        hi = np.array([r["wilson95"][1] for r in rows])
        one_key = len(spec.grid) == 1
        labels = [_display(next(iter(r["grid"].values()))) if one_key else _cell_label(r["grid"]) for r in rows]
        left.bar(x, fraction, color="C0", yerr=np.stack([fraction - lo, hi - fraction]), capsize=3)
        left.set_ylim(0, 1.05)
        right.bar(x, sup, color="C1")
        right.set_ylim(0, max(0.5, float(sup.max()) * 1.05 if sup.size else 0.5))
        tilt = not one_key and len(rows) > 3
        for ax in (left, right):
            ax.set_xticks(x, labels, rotation=30 if tilt else 0, ha="right" if tilt else "center")
            if one_key:
                ax.set_xlabel(spec.grid[0][0])
    left.set_title(f"fraction of seeds the C2ST does not reject (n = {n}, Wilson 95 %)", fontsize=9)
    right.set_title("median sup |D − ½| over the support", fontsize=9)
    fig.suptitle(f"{spec.name}: {n} seeds per cell, {spec.measures.n_test} held-out test points", fontsize=10)
    return fig


def _write_atomic(path: Path, data: bytes) -> None:
    # a fresh name beside the target, opened like any new file so it gets the usual permissions
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_figure(spec: SweepSpec, rows: Sequence[Mapping[str, Any]], out: Path) -> Path:
    from verify.plotting import figure_style, save_figure

    staging = Path(tempfile.mkdtemp(prefix=".figure-", dir=out))
    try:
        with figure_style():
            relative = save_figure(equilibrium_figure(spec, rows), staging, "equilibrium.png")
        target = out / "equilibrium.png"
        os.replace(staging / relative, target)
        return target
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _workers(scheduler: str | None, n_workers: int | None, n_tasks: int) -> int | None:
    if scheduler == SERIAL:
        return 1
    if scheduler in (None, "local"):
        return n_workers if n_workers is not None else max(1, min(os.cpu_count() or 1, n_tasks))
    return None  # those of the scheduler at an address


def run_sweep(
    spec: SweepSpec,
    out: str | os.PathLike[str],
    *,
    spec_path: str | os.PathLike[str] | None = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    device: str | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Run a sweep through :func:`verify.engine.run_tasks` and write its files into ``out``.

    Parameters
    ----------
    spec : SweepSpec
    out : path-like
        Output folder (created if missing).
    spec_path : path-like, optional
        The spec file, copied into ``out`` as given; without it the parsed spec
        is written as ``spec.json``.
    scheduler, n_workers, progress
        As for :func:`~verify.engine.run_tasks`.
    device : str, optional
        Replaces the spec's device (``cpu``, ``cuda``, ``auto``).

    Returns
    -------
    dict
        The content of ``table.json``.
    """
    from verify.report import dump_json
    from verify.report.provenance import environment

    if not isinstance(spec, SweepSpec):
        raise TypeError(f"spec must be a SweepSpec, got {type(spec).__name__}")
    folder = Path(out)
    tasks = sweep_tasks(spec, device=device)
    start = time.perf_counter()
    outputs = run_tasks(tasks, scheduler=scheduler, n_workers=n_workers, progress=progress, desc=spec.name)
    wall = time.perf_counter() - start
    per_cell = len(spec.seeds.groups())
    records = [{"cell": i // per_cell, **record} for i, output in enumerate(outputs) for record in output["records"]]
    rows = summarise(spec, records)
    table = {
        "schema_version": 1,
        "name": spec.name,
        "spec": spec.as_dict(),
        "cells": rows,
        "records": records,
        "timings": {
            "wall_seconds": round(wall, 3),
            "task_seconds": {t.key: o["seconds"] for t, o in zip(tasks, outputs, strict=True)},
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        **environment(),
        "sweep": {
            "devices": sorted({o["device"] for o in outputs}),
            "scheduler": scheduler or "local",
            "workers": _workers(scheduler, n_workers, len(tasks)),
            "tasks": len(tasks),
        },
    }
    _write_atomic(folder / "table.csv", _csv_text(spec, rows).encode("utf-8"))
    _write_figure(spec, rows, folder)
    _write_atomic(folder / "environment.json", dump_json(env).encode("utf-8"))
    if spec_path is not None:
        source = Path(spec_path)
        _write_atomic(folder / f"spec{source.suffix.lower()}", source.read_bytes())
    else:
        _write_atomic(folder / "spec.json", dump_json(spec.as_dict()).encode("utf-8"))
    _write_atomic(folder / "table.json", dump_json(table).encode("utf-8"))  # last: a new table implies new companions
    return table
