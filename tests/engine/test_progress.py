"""Progress bars keep moving while one long item runs, and stay out of stdout."""

from __future__ import annotations

import io
import time

import pytest
from tqdm import tqdm

from verify.progress import Heartbeat


def _redraws(stream: io.StringIO) -> list[str]:
    return [frame for frame in stream.getvalue().split("\r") if frame.strip()]


def test_a_heartbeat_redraws_a_bar_whose_item_runs_long() -> None:
    stream = io.StringIO()
    with tqdm(total=2, file=stream, mininterval=0) as bar, Heartbeat(bar, lambda: "E6-grid", interval=0.05) as beat:
        beat.started()
        time.sleep(0.5)  # one item, no update: without the heartbeat the bar would be drawn once
        frames = _redraws(stream)
    assert len(frames) >= 4
    assert "E6-grid" in frames[-1] and frames[-1].rstrip().endswith("s]")


def test_the_postfix_names_the_current_item_and_its_age() -> None:
    stream = io.StringIO()
    with tqdm(total=1, file=stream, mininterval=0) as bar:
        beat = Heartbeat(bar, lambda: "MODE-COLLAPSE.b", interval=10)
        beat.started()
        beat.beat()
    assert "MODE-COLLAPSE.b 0 s" in stream.getvalue()


def test_a_disabled_bar_gets_no_heartbeat_thread() -> None:
    with tqdm(total=1, disable=True) as bar, Heartbeat(bar, interval=0.01) as beat:
        assert beat._thread is None


def test_the_interval_must_be_positive() -> None:
    with tqdm(total=1, disable=True) as bar, pytest.raises(ValueError, match="interval must be > 0"):
        Heartbeat(bar, interval=0)


def test_show_keeps_progress_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from verify.__main__ import main

    assert main(["show", "D-STAR-HALF", "--profile", "quick"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("D-STAR-HALF: ")
    assert captured.err.startswith("running D-STAR-HALF on the quick profile (")


def test_a_training_reports_its_first_and_last_step_and_throttles_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    import verify.progress
    from gantheory.nn.trainer import TrainConfig, observe_steps, train
    from verify.progress import step_reporter

    reports: list[dict] = []
    monkeypatch.setattr(verify.progress, "_LOCAL_SINKS", [reports.append])
    with observe_steps(step_reporter("E-test", every_s=3600)):
        train(TrainConfig(n_seeds=3, steps=40, device="cpu"))
    assert reports == [
        {"experiment": "E-test", "seeds": 3, "step": 1, "steps": 40},
        {"experiment": "E-test", "seeds": 3, "step": 40, "steps": 40},
    ]


def test_step_bars_show_seeds_steps_and_a_rate(capsys: pytest.CaptureFixture[str]) -> None:
    from verify.progress import StepBars, step_reporter

    with StepBars():
        report = step_reporter("E1b", every_s=0)
        config = type("Config", (), {"n_seeds": 64, "steps": 10})()
        for done in range(1, 11):
            report(config, done)
    err = capsys.readouterr().err
    assert "E1b (64 seeds)" in err and "/10 [" in err and "step/s" in err


def test_progress_bars_of_a_run_stay_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from verify.engine import Task, run_tasks

    assert run_tasks([Task("a", abs, (-2,))], scheduler="serial", progress=True) == [2]
    captured = capsys.readouterr()
    assert captured.out == "" and "1/1" in captured.err
