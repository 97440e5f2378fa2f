"""The task engine (:mod:`verify.engine`): order, bit-identity across modes, a dying worker, errors.

One local cluster (two single-threaded worker processes) is shared by the tests
of this module through its scheduler address; one more is started by
``run_tasks`` itself. Task functions are module-level, as workers import them.
"""

from __future__ import annotations

import operator
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from gantheory.nn import TrainConfig, train
from verify.engine import ResultOf, Task, local_cluster, run_tasks

# --- task functions ---------------------------------------------------------------------------------------------------


def train_params(seed_offset: int) -> tuple[torch.Tensor, ...]:
    """A small real training job: 4 seeds, 30 steps; its final parameters."""
    result = train(TrainConfig(n_seeds=4, steps=30, batch_size=32, device="cpu", seed_offset=seed_offset))
    return (*result.d_params, *result.g_params)


def sleep_then(value: int, seconds: float) -> tuple[int, float]:
    time.sleep(seconds)
    return value, time.monotonic()


def die_once(marker_dir: str, value: int) -> int:
    """Kill this process the first time (no marker yet); return ``2 * value`` afterwards."""
    marker = Path(marker_dir) / "died"
    if not marker.exists():
        marker.touch()
        os._exit(1)
    return 2 * value


def torch_thread_count() -> int:
    return torch.get_num_threads()


def fail(message: str) -> None:
    raise RuntimeError(message)


def malloc_trim_threshold() -> str | None:
    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


# --- fixtures ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    """The scheduler address of a two-worker local cluster shared by this module's tests."""
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


# --- results ----------------------------------------------------------------------------------------------------------


@pytest.mark.extended
def test_serial_and_two_local_workers_train_bit_identical_networks() -> None:
    tasks = [Task(f"train-{k}", train_params, (k,)) for k in (0, 4, 8)]
    serial = run_tasks(tasks, scheduler="serial")
    parallel = run_tasks(tasks, scheduler="local", n_workers=2)
    assert len(serial) == len(parallel) == 3
    for a, b in zip(serial, parallel, strict=True):
        assert all(torch.equal(x, y) for x, y in zip(a, b, strict=True))


@pytest.mark.extended
def test_results_come_back_in_task_order_whatever_the_completion_order(address: str) -> None:
    delays = [1.0, 0.0, 0.5, 0.0]
    out = run_tasks([Task(f"sleep-{i}", sleep_then, (i, s)) for i, s in enumerate(delays)], scheduler=address)
    assert [v for v, _ in out] == [0, 1, 2, 3]
    finished = [t for _, t in out]
    assert finished != sorted(finished)  # the premise: they did not finish in task order


@pytest.mark.extended
def test_a_worker_killed_mid_task_is_replaced_and_the_task_rerun(address: str, tmp_path: Path) -> None:
    reference_dir = tmp_path / "reference"
    reference_dir.mkdir()
    (reference_dir / "died").touch()  # the serial reference must not kill pytest
    expected = run_tasks([Task("die", die_once, (str(reference_dir), 21))], scheduler="serial")
    dying_dir = tmp_path / "dying"
    dying_dir.mkdir()
    out = run_tasks([Task("die", die_once, (str(dying_dir), 21)), Task("other", abs, (-5,))], scheduler=address)
    assert (dying_dir / "died").exists()  # the first attempt did die
    assert out == [*expected, 5] == [42, 5]


@pytest.mark.extended
def test_a_scheduler_address_runs_the_same_training_as_serial(address: str) -> None:
    tasks = [Task("train-2", train_params, (2,))]
    (serial,) = run_tasks(tasks, scheduler="serial")
    (remote,) = run_tasks(tasks, scheduler=address)
    assert all(torch.equal(x, y) for x, y in zip(serial, remote, strict=True))


@pytest.mark.extended
def test_a_task_takes_an_earlier_tasks_result(address: str) -> None:
    tasks = [Task("a", pow, (2, 3)), Task("b", operator.add, (ResultOf("a"), 1)), Task("c", max, (0, 5), {})]
    assert run_tasks(tasks, scheduler=address) == run_tasks(tasks, scheduler="serial") == [8, 9, 5]


@pytest.mark.extended
def test_a_task_error_reaches_the_caller(address: str) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        run_tasks([Task("fail", fail, ("boom",))], scheduler=address)


@pytest.mark.extended
def test_workers_run_without_the_malloc_trim_threshold_of_dask(address: str) -> None:
    # with it, training the small networks ran about twice as slowly
    assert run_tasks([Task("malloc", malloc_trim_threshold)], scheduler=address) == [None]


@pytest.mark.extended
def test_a_local_cluster_leaves_this_process_environment_as_it_was() -> None:
    names = ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "PYTHONHASHSEED")
    before = {name: os.environ.get(name) for name in names}
    with local_cluster(1):
        pass
    assert {name: os.environ.get(name) for name in names} == before


def test_tasks_run_on_one_torch_thread() -> None:
    before = torch.get_num_threads()
    assert run_tasks([Task("threads", torch_thread_count)], scheduler="serial") == [1]
    assert torch.get_num_threads() == before


def test_no_tasks_give_no_results_and_start_nothing() -> None:
    assert run_tasks([], scheduler="tcp://127.0.0.1:1") == []


def test_progress_bar_counts_tasks_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    run_tasks([Task(f"t{i}", abs, (i,)) for i in range(3)], scheduler="serial", progress=True, desc="demo")
    err = capsys.readouterr().err
    assert "demo" in err and "3/3" in err


# --- errors -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheduler", ["", "   "])
def test_an_empty_scheduler_is_refused(scheduler: str) -> None:
    with pytest.raises(ValueError, match="scheduler"):
        run_tasks([Task("a", abs, (1,))], scheduler=scheduler)


@pytest.mark.parametrize("n_workers", [0, -1])
def test_fewer_than_one_worker_is_refused(n_workers: int) -> None:
    with pytest.raises(ValueError, match="n_workers"):
        run_tasks([Task("a", abs, (1,))], n_workers=n_workers)


def test_workers_with_a_non_local_scheduler_are_refused() -> None:
    with pytest.raises(ValueError, match="n_workers"):
        run_tasks([Task("a", abs, (1,))], scheduler="serial", n_workers=2)


def test_a_lambda_is_refused_before_a_cluster_starts() -> None:
    with pytest.raises(ValueError, match="lambda"):
        run_tasks([Task("a", lambda: 1)], scheduler="local")


def test_a_nested_function_is_refused_before_a_cluster_starts() -> None:
    def inner() -> int:
        return 1

    with pytest.raises(ValueError, match="nested function"):
        run_tasks([Task("a", inner)], scheduler="local")


def test_a_lambda_runs_in_serial_mode() -> None:
    assert run_tasks([Task("a", lambda: 7)], scheduler="serial") == [7]


def test_a_repeated_key_is_refused() -> None:
    with pytest.raises(ValueError, match="used twice"):
        run_tasks([Task("a", abs, (1,)), Task("a", abs, (2,))], scheduler="serial")


def test_a_reference_to_a_later_task_is_refused() -> None:
    with pytest.raises(ValueError, match="not an earlier task"):
        run_tasks([Task("a", abs, (ResultOf("b"),)), Task("b", abs, (2,))], scheduler="serial")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"key": "", "fn": abs}, ValueError, "key"),
        ({"key": 3, "fn": abs}, TypeError, "key"),
        ({"key": "a", "fn": 3}, TypeError, "fn"),
        ({"key": "a", "fn": abs, "args": [1]}, TypeError, "args"),
        ({"key": "a", "fn": abs, "kwargs": {1: 2}}, TypeError, "kwargs"),
    ],
)
def test_a_malformed_task_is_refused(kwargs: dict, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        Task(**kwargs)


def test_tasks_must_be_a_sequence_of_tasks() -> None:
    with pytest.raises(TypeError, match=r"tasks\[1\]"):
        run_tasks([Task("a", abs, (1,)), "b"], scheduler="serial")  # type: ignore[list-item]
