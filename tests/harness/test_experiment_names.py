"""An experiment name that no experiment has is a defect, never a ``pending`` verdict."""

from __future__ import annotations

import pickle

import pytest

from tests.harness.synthetic import synthetic_claim
from verify import experiments as registry
from verify.context import Context
from verify.model import Check, Kind, Outcome, Variant, Verdict
from verify.runner import run_claim


def test_an_unknown_experiment_raises_and_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"no experiment named 'E6-gird'; the registered experiments are: .*E6-grid"):
        Context(experiments=registry.store()).experiment("E6-gird")


def test_an_unknown_experiment_raises_even_with_experiments_off() -> None:
    with pytest.raises(ValueError, match="E6-gird"):
        Context(run_experiments=False, experiments=registry.store()).experiment("E6-gird")


def test_a_known_experiment_with_experiments_off_is_none() -> None:
    assert Context(run_experiments=False, experiments=registry.store()).experiment("E6-grid") is None


def test_a_recorded_result_is_returned_under_its_own_name() -> None:
    ctx = Context(run_experiments=False)
    ctx.record_experiment("T-RECORDED", {"value": 1}, 0.0)
    assert ctx.experiment("T-RECORDED") == {"value": 1}


def test_a_claim_that_reads_a_misspelt_experiment_is_an_error_not_pending() -> None:
    def reads(subject: str, ctx: Context) -> Outcome:
        results = ctx.experiment(subject)
        return Outcome.undecided("experiment not run") if results is None else Outcome.passed("ran")

    check = Check(
        name="reads",
        kind=Kind.EMPIRICAL,
        method="reads an experiment",
        test=reads,
        stated=Variant("as stated", "reads a misspelt experiment", "E6-gird"),
        controls=(Variant("control", "reads another", "E6-ring"),),
    )
    claim = synthetic_claim(check, "SYN-EXP", "s")
    result = run_claim(claim, Context(run_experiments=False, experiments=registry.store()))
    assert result.verdict is Verdict.ERROR
    assert "no experiment named 'E6-gird'" in result.explanation


def test_a_store_without_a_registry_knows_no_experiment() -> None:
    with pytest.raises(ValueError, match=r"registered experiments are: none \(this store was built without"):
        Context().experiment("E6-grid")


def test_a_context_pickles_with_its_registry_but_without_results() -> None:
    ctx = Context(run_experiments=False, experiments=registry.store())
    ctx.record_experiment("T-RECORDED", {"value": 1}, 0.0)
    copy = pickle.loads(pickle.dumps(ctx))
    assert copy.config == ctx.config and copy.experiments_run() == {}
    assert copy.experiments.registry.keys() == registry.EXPERIMENTS.keys()


def test_gathering_raises_for_a_listed_module_that_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "EXPERIMENT_MODULES", (*registry.EXPERIMENT_MODULES, "verify.experiments.absent"))
    with pytest.raises(ModuleNotFoundError, match=r"verify\.experiments\.absent"):
        registry._gather()


def test_gathering_the_listed_modules_finds_every_registered_experiment() -> None:
    assert registry._gather().keys() == registry.EXPERIMENTS.keys()
