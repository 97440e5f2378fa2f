"""Sweeps (:mod:`verify.sweep`, ``python -m verify sweep``): the spec, the cells, the measures, the files.

One tiny sweep (2 cells × 2 seeds × 50 steps, 200 test points, one seed per
task) runs twice for the module, serially and on a two-worker local cluster;
the tests read its files.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gantheory.nn import TrainConfig, torch_threads, train
from verify.__main__ import main
from verify.report.figures import figure_style
from verify.sweep import (
    Measures,
    SeedPlan,
    SweepSpec,
    cells,
    equilibrium_figure,
    load_spec,
    measure,
    parse_spec,
    summarise,
    sweep_tasks,
)

ROOT = Path(__file__).resolve().parents[2]

TINY_TOML = """\
name = "tiny"
[base]
data = "bimodal"
steps = 50
batch_size = 32
optimizer = "adam"
[grid]
lr_d = [1e-3, 3e-3]
[seeds]
count = 2
offset = 10000
group = 1
[measures]
n_test = 200
"""

TINY_YAML = """\
name: tiny
base:
  data: bimodal
  steps: 50
  batch_size: 32
  optimizer: adam
grid:
  lr_d: [1.0e-3, 3.0e-3]
seeds: {count: 2, offset: 10000, group: 1}
measures: {n_test: 200}
"""


def _spec(**tables: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "t", "base": {"steps": 5}, "grid": {"lr_d": [0.001, 0.003]}}
    data.update(tables)
    return data


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny sweep's output folders, by scheduler, and its spec file."""
    root = tmp_path_factory.mktemp("sweep")
    spec_path = root / "tiny.toml"
    spec_path.write_text(TINY_TOML, encoding="utf-8")
    out = {"spec": spec_path}
    for scheduler in ("serial", "local"):
        argv = ["sweep", str(spec_path), "--out", str(root / scheduler), "--scheduler", scheduler, "--quiet"]
        if scheduler == "local":
            argv += ["--workers", "2"]
        assert main(argv) == 0
        out[scheduler] = root / scheduler
    return out


def _table(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "table.json").read_text(encoding="utf-8"))


# --- the spec ---------------------------------------------------------------------------------------------------------


def test_toml_and_yaml_specs_parse_to_the_same_sweep(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(TINY_TOML, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(TINY_YAML, encoding="utf-8")
    spec = load_spec(tmp_path / "a.toml")
    assert spec == load_spec(tmp_path / "a.yaml")
    assert spec == SweepSpec(
        name="tiny",
        base=(("data", "bimodal"), ("steps", 50), ("batch_size", 32), ("optimizer", "adam")),
        grid=(("lr_d", (0.001, 0.003)),),
        seeds=SeedPlan(count=2, offset=10000, group=1),
        measures=Measures(n_test=200),
    )


def test_the_example_spec_parses() -> None:
    spec = load_spec(ROOT / "examples" / "sweep-bimodal.toml")
    assert spec.name == "bimodal-r1" and len(cells(spec)) == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"colour": "red"}, "colour: unknown key"),
        ({"name": None}, "name must be"),
        ({"name": "a/b"}, "name must be"),
        ({"base": [1, 2]}, "base must be a table"),
        ({"base": {"lr": 0.1}}, "base.lr: not a TrainConfig field"),
        ({"base": {"n_seeds": 4}}, r"base.n_seeds: set by \[seeds\]"),
        ({"base": {"steps": -1}}, "base: steps must be an integer ≥ 1"),
        ({"grid": {"lr_d": []}}, "grid.lr_d: must be a non-empty list"),
        ({"grid": {"lr_d": 0.001}}, "grid.lr_d: must be a non-empty list"),
        ({"grid": {"lr_d": [0.001, 0.001]}}, "grid.lr_d: repeats a value"),
        ({"grid": {"steps": [5, 6]}}, r"grid.steps: also set in \[base\]"),
        ({"grid": {"lr_d": [0.001, -1.0]}}, r"grid.lr_d\[1\]: lr_d must be a finite positive number"),
        ({"grid": {"lr_d": ["1e-3"]}}, "in YAML write a number with a decimal point"),
        ({"grid": {"momentum": [0.0, 0.5]}, "base": {"optimizer": "adam"}}, r"grid.momentum\[1\]: momentum applies"),
        (
            {"grid": {"optimizer": ["sgd", "adam"], "momentum": [0.0, 0.5]}},
            "grid cell optimizer=adam, momentum=0.5: momentum applies",
        ),
        ({"base": {"data": "digits"}, "grid": {}}, "not a 1-D or 2-D Gaussian mixture"),
        ({"seeds": {"count": 0}}, "seeds.count must be an integer ≥ 1"),
        ({"seeds": {"offset": -1}}, "seeds.offset must be an integer ≥ 0"),
        ({"seeds": {"group": 0}}, "seeds.group must be an integer ≥ 1"),
        ({"seeds": {"size": 4}}, "seeds.size: unknown key"),
        ({"measures": {"n_test": 3}}, "measures.n_test must be an integer ≥ 4"),
        ({"measures": {"alpha": 0.1}}, "measures.alpha: unknown key"),
    ],
)
def test_a_malformed_spec_is_refused_naming_the_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_spec(_spec(**data))


def test_a_spec_file_error_starts_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\n[grid]\nlr_d = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.toml: grid\.lr_d"):
        load_spec(path)


def test_a_spec_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_spec(path)


def test_a_spec_with_another_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\.toml, \.yaml or \.yml"):
        load_spec(path)


def test_a_missing_spec_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such spec file"):
        load_spec(tmp_path / "missing.toml")


# --- cells and tasks --------------------------------------------------------------------------------------------------


def test_cells_cross_the_grid_with_the_last_key_fastest() -> None:
    spec = parse_spec(_spec(grid={"lr_d": [0.001, 0.003], "r1_gamma": [0.0, 0.1, 1.0]}))
    assert cells(spec) == [{"lr_d": a, "r1_gamma": b} for a in (0.001, 0.003) for b in (0.0, 0.1, 1.0)]


def test_a_spec_without_a_grid_has_one_cell() -> None:
    assert cells(parse_spec({"name": "one"})) == [{}]


def test_seed_groups_cover_the_seeds_with_a_smaller_last_group() -> None:
    assert SeedPlan(count=5, offset=10000, group=2).groups() == [(10000, 2), (10002, 2), (10004, 1)]


def test_each_task_trains_one_group_of_one_cell() -> None:
    spec = parse_spec(_spec(seeds={"count": 3, "offset": 100, "group": 2}))
    tasks = sweep_tasks(spec, device="cpu")
    keys = ["t/cell0/seeds100-101", "t/cell0/seeds102-102", "t/cell1/seeds100-101", "t/cell1/seeds102-102"]
    assert [t.key for t in tasks] == keys
    configs = [t.args[0] for t in tasks]
    assert [(c.lr_d, c.seed_offset, c.n_seeds, c.device) for c in configs] == [
        (0.001, 100, 2, "cpu"),
        (0.001, 102, 1, "cpu"),
        (0.003, 100, 2, "cpu"),
        (0.003, 102, 1, "cpu"),
    ]


# --- the measures -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trained() -> Any:
    with torch_threads(1):
        return train(TrainConfig(n_seeds=2, steps=20, batch_size=32, device="cpu", seed_offset=10000))


def test_the_two_sample_test_holds_out_n_test_points(trained: Any) -> None:
    assert [r["n_test"] for r in measure(trained, 200)] == [200, 200]


def test_the_measures_draws_do_not_depend_on_the_group(trained: Any) -> None:
    alone = measure(trained.select([1]), 200)[0]
    together = measure(trained, 200)[1]
    for key in ("seed", "accuracy", "p_value", "rejected", "final_d_loss", "final_g_loss"):
        assert alone[key] == together[key]
    for key in ("sup_d_dev", "d_real_mean", "d_fake_mean"):  # D evaluated in a stack of 1 or 2: float32 rounding
        assert alone[key] == pytest.approx(together[key], rel=1e-6)


def test_a_run_with_a_generator_average_is_measured_with_the_average() -> None:
    with torch_threads(1):
        run = train(TrainConfig(n_seeds=1, steps=20, batch_size=32, device="cpu", g_ema=0.9))
    measured = measure(run, 200)[0]
    # the same run, its raw generators replaced by the averaged ones: the measures of that run
    averaged = measure(dataclasses.replace(run, g_params=run.g_ema_params, g_ema_params=None), 200)[0]
    raw = measure(dataclasses.replace(run, g_ema_params=None), 200)[0]
    assert measured == averaged
    assert measured["d_fake_mean"] != raw["d_fake_mean"]


def test_rejected_means_a_p_value_below_five_percent(trained: Any) -> None:
    assert all(r["rejected"] == (r["p_value"] < 0.05) for r in measure(trained, 200))


def test_a_cell_row_counts_seeds_not_rejected_with_a_wilson_interval() -> None:
    spec = parse_spec({"name": "one"})
    records = [
        {"cell": 0, "rejected": r, "accuracy": a, "sup_d_dev": s}
        for r, a, s in ((False, 0.5, 0.1), (True, 0.9, 0.3), (False, 0.52, 0.2))
    ]
    (row,) = summarise(spec, records)
    assert (row["n_seeds"], row["not_rejected"], row["median_accuracy"], row["median_sup_d_dev"]) == (3, 2, 0.52, 0.2)
    assert row["wilson95"] == pytest.approx([0.2077, 0.9385], abs=1e-4)  # Wilson (1927) for 2 of 3


# --- the tiny sweep ---------------------------------------------------------------------------------------------------


@pytest.mark.extended
def test_serial_and_two_workers_write_the_same_table(tiny: dict[str, Path]) -> None:
    serial, local = _table(tiny["serial"]), _table(tiny["local"])
    assert set(serial["timings"]["task_seconds"]) == set(local["timings"]["task_seconds"])
    del serial["timings"], local["timings"]
    assert json.dumps(serial, sort_keys=True) == json.dumps(local, sort_keys=True)


@pytest.mark.extended
def test_serial_and_two_workers_write_the_same_csv_and_figure(tiny: dict[str, Path]) -> None:
    for name in ("table.csv", "equilibrium.png"):
        assert (tiny["serial"] / name).read_bytes() == (tiny["local"] / name).read_bytes()


@pytest.mark.extended
def test_the_sweep_writes_its_files(tiny: dict[str, Path]) -> None:
    names = sorted(p.name for p in tiny["serial"].iterdir())
    assert names == ["environment.json", "equilibrium.png", "spec.toml", "table.csv", "table.json"]
    assert (tiny["serial"] / "spec.toml").read_text(encoding="utf-8") == TINY_TOML


@pytest.mark.extended
def test_the_table_has_a_row_per_cell_and_a_record_per_seed(tiny: dict[str, Path]) -> None:
    table = _table(tiny["serial"])
    assert [r["grid"] for r in table["cells"]] == [{"lr_d": 0.001}, {"lr_d": 0.003}]
    assert [(r["cell"], r["seed"]) for r in table["records"]] == [(0, 10000), (0, 10001), (1, 10000), (1, 10001)]


@pytest.mark.extended
def test_the_csv_has_a_header_and_a_line_per_cell(tiny: dict[str, Path]) -> None:
    lines = (tiny["serial"] / "table.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:4] == ["cell", "lr_d", "n_seeds", "not_rejected"]
    assert [line.split(",")[1] for line in lines[1:]] == ["0.001", "0.003"]


@pytest.mark.extended
def test_the_environment_names_the_scheduler_and_workers(tiny: dict[str, Path]) -> None:
    env = json.loads((tiny["local"] / "environment.json").read_text(encoding="utf-8"))
    assert env["sweep"] == {"devices": ["cpu"], "scheduler": "local", "workers": 2, "tasks": 4}
    assert env["torch"]["version"]


def test_a_two_key_grid_draws_a_heat_map() -> None:
    spec = parse_spec(_spec(grid={"lr_d": [0.001, 0.003], "r1_gamma": [0.0, 0.1]}))
    rows = [
        {"grid": c, "n_seeds": 4, "fraction_not_rejected": 0.5, "wilson95": [0.15, 0.85], "median_sup_d_dev": 0.1}
        for c in cells(spec)
    ]
    with figure_style():
        fig = equilibrium_figure(spec, rows)
    assert [len(ax.images) for ax in fig.axes[:2]] == [1, 1]


# --- the command line -------------------------------------------------------------------------------------------------


def test_the_command_runs_a_sweep_serially(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY_YAML.replace("count: 2", "count: 1"), encoding="utf-8")
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "verify", "sweep", str(spec), "--out", str(out), "--scheduler", "serial", "--quiet"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("lr_d=0.001: ")
    assert (out / "table.json").is_file() and (out / "spec.yaml").is_file()


def _exit_message(argv: list[str], match: str) -> str:
    """The one-line message ``main(argv)`` exits with; it must contain the regular expression ``match``."""
    with pytest.raises(SystemExit, match=match) as info:
        main(argv)
    assert isinstance(info.value.code, str), f"exit without a message: {info.value.code!r}"
    return info.value.code


def test_the_command_refuses_a_missing_spec_in_one_line(tmp_path: Path) -> None:
    message = _exit_message(["sweep", str(tmp_path / "missing.toml")], match=r"missing\.toml: no such spec file")
    assert message.startswith("error: ") and "\n" not in message


def test_the_command_refuses_an_invalid_spec_in_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text('name = "x"\n[seeds]\ngroup = 0\n', encoding="utf-8")
    message = _exit_message(["sweep", str(spec), "--out", str(tmp_path / "out")], match=r"seeds\.group must be")
    assert message == f"error: {spec}: seeds.group must be an integer ≥ 1, got 0"
    assert not (tmp_path / "out").exists()


def test_the_command_refuses_workers_with_serial_in_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.toml"
    spec.write_text(TINY_TOML, encoding="utf-8")
    argv = ["sweep", str(spec), "--scheduler", "serial", "--workers", "2", "--out", str(tmp_path)]
    message = _exit_message(argv, match="n_workers applies to scheduler='local' only")
    assert message.startswith("error: n_workers")
