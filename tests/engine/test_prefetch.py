"""The report's experiments run up front as engine tasks (:mod:`verify.prefetch`, ``Context.prefetch_experiments``).

The property that matters, results bit-identical to the in-process path, is
checked on the two cheapest quick-profile experiments (E3 and E2) on a
two-worker cluster. The rest uses stand-in experiments, registered for one
test and run in serial mode (in this process, so the registration is seen).
"""

from __future__ import annotations

import functools
import inspect
import json
import pickle
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from verify import experiments as registry
from verify.context import PROFILES, Context
from verify.experiments import Experiment, split_timings, store
from verify.model import Check, Claim, Kind, Outcome, Source, Variant
from verify.prefetch import experiment_needs, experiment_tasks, experiments_needed, prefetch
from verify.registry import all_claims, select

QUICK = PROFILES["quick"]

# --- stand-in experiments ---------------------------------------------------------------------------------------------

CALLS: list[str] = []


def run_base(ctx: Context) -> dict[str, Any]:
    CALLS.append("T-BASE")
    return {"config": {}, "seeds": [0], "device": "cpu", "value": ctx.seed % 97}


def run_derived(ctx: Context) -> dict[str, Any]:
    CALLS.append("T-DERIVED")
    base = ctx.experiment("T-BASE")
    return {"config": {}, "seeds": [0], "device": "cpu", "value": None if base is None else base["value"] + 1}


def run_broken(ctx: Context) -> dict[str, Any]:
    raise RuntimeError("cannot train")


def _square(i: int) -> int:
    CALLS.append(f"part {i}")
    return i * i


def _broken_part() -> int:
    raise RuntimeError("part failed")


def parts_of(ctx: Context) -> list[functools.partial[int]]:
    return [functools.partial(_square, i) for i in range(1 + ctx.seed % 3, 5 + ctx.seed % 3)]


def join_parts(ctx: Context, values: Sequence[int]) -> dict[str, Any]:
    return {"config": {}, "seeds": [0], "device": "cpu", "values": list(values)}


def run_parted(ctx: Context) -> dict[str, Any]:
    return join_parts(ctx, [part() for part in parts_of(ctx)])


def broken_parts(ctx: Context) -> list[Any]:
    return [functools.partial(_square, 1), _broken_part]


def run_broken_parts(ctx: Context) -> dict[str, Any]:
    return join_parts(ctx, [part() for part in broken_parts(ctx)])


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    CALLS.clear()
    for name, run in (("T-BASE", run_base), ("T-DERIVED", run_derived), ("T-BROKEN", run_broken)):
        monkeypatch.setitem(registry.EXPERIMENTS, name, Experiment(name, f"stand-in {name}", run))
    monkeypatch.setitem(
        registry.EXPERIMENTS,
        "T-PARTS",
        Experiment("T-PARTS", "stand-in of parts", run_parted, None, parts_of, join_parts),
    )
    monkeypatch.setitem(
        registry.EXPERIMENTS,
        "T-BROKEN-PART",
        Experiment("T-BROKEN-PART", "stand-in with a failing part", run_broken_parts, None, broken_parts, join_parts),
    )


def _stable(results: Mapping[str, Any]) -> str:
    return json.dumps(split_timings(results)[0], sort_keys=True)


# --- the engine path ------------------------------------------------------------------------------------------------


@pytest.mark.extended
def test_an_experiment_on_a_cluster_worker_equals_the_in_process_result() -> None:
    lazy = Context(profile=QUICK, device="cpu", experiments=store())
    expected = _stable(lazy.experiment("E3"))
    ctx = Context(profile=QUICK, device="cpu", experiments=store())
    assert prefetch(ctx, ["E3"], scheduler="local", n_workers=1) == ("E3",)
    assert _stable(ctx.experiments_run()["E3"]) == expected


@pytest.mark.extended
def test_an_experiment_of_parts_on_a_cluster_worker_equals_the_in_process_result() -> None:
    lazy = Context(profile=QUICK, device="cpu", experiments=store())
    expected = _stable(lazy.experiment("EQ-gauss"))
    ctx = Context(profile=QUICK, device="cpu", experiments=store())
    assert prefetch(ctx, ["EQ-gauss"], scheduler="local", n_workers=1) == ("EQ-gauss",)
    assert _stable(ctx.experiments_run()["EQ-gauss"]) == expected


@pytest.mark.slow
def test_experiments_on_two_workers_equal_the_in_process_results() -> None:
    lazy = Context(profile=QUICK, device="cpu", experiments=store())
    expected = {name: _stable(lazy.experiment(name)) for name in ("E3", "E2")}
    ctx = Context(profile=QUICK, device="cpu", experiments=store())
    assert prefetch(ctx, ["E3", "E2"], scheduler="local", n_workers=2) == ("E2", "E3")
    assert {name: _stable(res) for name, res in ctx.experiments_run().items()} == expected


def test_a_prefetched_experiment_records_its_seconds(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    prefetch(ctx, ["T-BASE"], scheduler="serial")
    assert set(ctx.experiment_seconds()) == {"T-BASE"} and ctx.experiment_seconds()["T-BASE"] >= 0


def test_a_prefetched_experiment_is_not_run_again_when_a_check_asks(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    prefetch(ctx, ["T-BASE"], scheduler="serial")
    assert ctx.for_check("X-Y", "z").experiment("T-BASE")["value"] == ctx.seed % 97
    assert CALLS == ["T-BASE"]


def test_a_dependency_runs_first_and_is_handed_to_the_dependent(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    assert prefetch(ctx, ["T-DERIVED"], scheduler="serial") == ("T-BASE", "T-DERIVED")
    assert CALLS == ["T-BASE", "T-DERIVED"]  # the dependent read the handed result: T-BASE ran once
    assert ctx.experiment("T-DERIVED")["value"] == ctx.experiment("T-BASE")["value"] + 1


def test_a_cached_dependency_is_passed_without_a_task(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    ctx.experiment("T-BASE")
    assert [t.key for t in experiment_tasks(ctx, ["T-DERIVED"])] == ["experiment-T-DERIVED"]


def test_an_experiment_that_raises_is_left_to_the_lazy_path(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    assert prefetch(ctx, ["T-BROKEN", "T-BASE"], scheduler="serial") == ("T-BASE",)
    assert "T-BROKEN" not in ctx.experiments_run()
    with pytest.raises(RuntimeError, match="cannot train"):
        ctx.experiment("T-BROKEN")  # where the check records the error, as without a prefetch


def test_an_experiment_of_parts_gets_a_task_per_part_and_a_join(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    keys = [t.key for t in experiment_tasks(ctx, ["T-PARTS"])]
    assert keys == [*(f"experiment-T-PARTS-part-{i}" for i in range(4)), "experiment-T-PARTS"]


def test_a_joined_experiment_equals_its_in_process_run(stand_ins: None) -> None:
    lazy = Context(profile=QUICK, experiments=store())
    ctx = Context(profile=QUICK, experiments=store())
    assert prefetch(ctx, ["T-PARTS"], scheduler="serial") == ("T-PARTS",)
    assert ctx.experiments_run()["T-PARTS"] == lazy.experiment("T-PARTS")
    assert ctx.experiment_seconds()["T-PARTS"] >= 0


def test_a_failing_part_leaves_the_experiment_to_the_lazy_path(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, experiments=store())
    assert prefetch(ctx, ["T-BROKEN-PART", "T-BASE"], scheduler="serial") == ("T-BASE",)
    with pytest.raises(RuntimeError, match="part failed"):
        ctx.experiment("T-BROKEN-PART")


def test_an_experiment_needs_both_parts_and_join() -> None:
    with pytest.raises(ValueError, match="both parts and join"):
        Experiment("T-HALF", "half", run_parted, None, parts_of, None)


def test_the_equilibrium_targets_are_made_of_their_seed_groups() -> None:
    full = Context(profile=PROFILES["full"], experiments=store())
    groups = registry.EXPERIMENTS["EQ-gauss"].parts(full)  # type: ignore[misc]
    assert [(g.args[3], g.args[4]) for g in groups] == [(0, 16), (16, 16), (32, 16), (48, 16)]


def test_nothing_is_prefetched_without_experiments(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, run_experiments=False, experiments=store())
    assert prefetch(ctx, ["T-BASE"], scheduler="serial") == ()
    assert CALLS == [] and ctx.experiments_run() == {}


def test_an_unknown_experiment_is_refused() -> None:
    with pytest.raises(ValueError, match="no experiment 'NO-SUCH'"):
        prefetch(Context(experiments=store()), ["NO-SUCH"], scheduler="serial")


# --- dependencies and the probe ---------------------------------------------------------------------------------------


def test_e4_is_found_to_read_e1a() -> None:
    assert experiment_needs("E4", registry.EXPERIMENTS) == ("E1a",)


def test_e1a_is_found_to_read_nothing() -> None:
    assert experiment_needs("E1a", registry.EXPERIMENTS) == ()


def test_a_stand_in_dependency_is_read_from_the_source(stand_ins: None) -> None:
    assert experiment_needs("T-DERIVED", registry.EXPERIMENTS) == ("T-BASE",)


def test_the_probe_names_the_experiment_an_empirical_claim_reads() -> None:
    assert experiments_needed(select("EX4-GRAD-COMPARE.train"), Context(profile=QUICK, experiments=store())) == ("E3",)


def test_the_probe_names_nothing_for_claims_without_empirical_checks() -> None:
    assert experiments_needed(select("D-STAR-HALF,V-NEG-BCE"), Context(profile=QUICK, experiments=store())) == ()


def test_only_empirical_checks_read_experiments() -> None:
    # the probe's premise: it runs the empirical checks only
    readers = []
    for claim in all_claims():
        for check in claim.checks:
            try:
                source = inspect.getsource(inspect.unwrap(check.test))
            except (OSError, TypeError):
                continue
            if ".experiment(" in source and check.kind is not Kind.EMPIRICAL:
                readers.append(f"{claim.id}/{check.name}")
    assert readers == []


def _asks_for_e2(subject: object, ctx: Context) -> Outcome:
    return Outcome.undecided("E2 not run") if ctx.experiment("E2") is None else Outcome.passed("ran")


def _must_not_run(subject: object, ctx: Context) -> Outcome:
    raise AssertionError("the probe ran a non-empirical check")


def test_the_probe_runs_only_empirical_checks() -> None:
    variant = Variant("as stated", "…")
    control = (Variant("control", "…"),)
    claim = Claim(
        id="T-PROBE",
        title="probe",
        statement="…",
        sources=(Source("000_2023e3cfc1f17277.txt", "a section"),),
        checks=(
            Check("symbolic", Kind.SYMBOLIC, "…", _must_not_run, variant, control),
            Check("trained", Kind.EMPIRICAL, "…", _asks_for_e2, variant, control),
        ),
    )
    assert experiments_needed([claim], Context(profile=QUICK, experiments=store())) == ("E2",)


# --- the context on the wire ------------------------------------------------------------------------------------------


def test_a_context_pickles_without_its_experiment_results(stand_ins: None) -> None:
    ctx = Context(profile=QUICK, seed=5, experiments=store())
    ctx.experiment("T-BASE")
    copy = pickle.loads(pickle.dumps(ctx))
    assert copy == ctx
    assert copy.experiments_run() == {} and copy.experiment_seconds() == {}
    assert set(ctx.experiments_run()) == {"T-BASE"}  # the original keeps its cache


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("", {}, 1.0), ValueError, "name must be a non-empty string"),
        (("E", [], 1.0), TypeError, "results must be a mapping"),
        (("E", {}, -1.0), ValueError, "seconds must be a finite number"),
    ],
)
def test_record_experiment_validates_its_arguments(args: tuple, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        Context().record_experiment(*args)
