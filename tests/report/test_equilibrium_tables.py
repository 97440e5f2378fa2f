"""The equilibrium study's tables in the Markdown and HTML reports."""

from __future__ import annotations

from typing import Any

from verify.report.equilibrium import study_blocks


def _quantiles(m: float) -> dict[str, float]:
    return {"median": m, "q10": m, "q90": m, "max": m}


def _results(not_rejected: int, n: int) -> dict[str, Any]:
    final = {
        "rejection": {
            "n": n,
            "rejected": n - not_rejected,
            "fraction": (n - not_rejected) / n,
            "not_rejected_fraction": not_rejected / n,
            "ci95": [0.0, 0.1],
        },
        **{k: _quantiles(0.5) for k in ("knn_accuracy", "boosting_accuracy")},
        **{k: _quantiles(0.01) for k in ("sup_half", "sup_star", "tv")},
        "d_loss": _quantiles(1.386),
        "g_loss": _quantiles(0.693),
    }
    requirement = {
        "required_not_rejected": 0.9,
        "sup_half_max": 0.05,
        "all_modes": False,
        "met": not_rejected >= 0.9 * n,
    }
    row = {
        "label": "centre",
        "protocol": {"steps": 10, "g_widths": [64]},
        "seed_steps": 160,
        "not_rejected": 1.0,
        "median_knn_accuracy": 0.5,
        "median_boosting_accuracy": 0.5,
        "median_sup_half": 0.01,
        "median_tv": 0.01,
    }
    return {
        "seeds": list(range(n)),
        "config": {"steps": 10},
        "summary": {"final": final, "requirement": requirement},
        "search": {
            "results": [row],
            "chosen": "centre",
            "grid_size": 1,
            "tuning_seeds": 16,
            "budget_seed_steps": 160,
            "rule": "the rule",
        },
    }


def test_no_study_gives_no_blocks() -> None:
    assert study_blocks({"experiments": {"E1a": {"results": {}}}}) == []


def test_summary_row_says_whether_the_declared_target_is_met() -> None:
    report = {"experiments": {"EQ-a": {"results": _results(60, 64)}, "EQ-b": {"results": _results(10, 64)}}}
    blocks = study_blocks(report)
    rows = blocks[0]["rows"]
    assert [r[0] for r in rows] == ["EQ-a", "EQ-b"]
    assert rows[0][-1] == "met" and rows[1][-1] == "NOT met"
    assert rows[0][2] == "60/64 (94 %)"


def test_each_search_is_tabulated_with_its_choice() -> None:
    blocks = study_blocks({"experiments": {"EQ-a": {"results": _results(60, 64)}}})
    assert blocks[1]["title"] == "EQ-a: protocol search"
    assert blocks[1]["rows"][0][:3] == ["centre", "1", "✓"]
    assert "the rule" in blocks[1]["text"]
