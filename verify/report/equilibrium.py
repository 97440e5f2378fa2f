"""The equilibrium study's tables, as rows of text cells that the Markdown and HTML reports both render."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["study_blocks"]

_PROTOCOL_KEYS = (
    ("g_widths", "G"),
    ("g_skip", "latent skip"),
    ("d_widths", "D"),
    ("latent_dim", "z"),
    ("activation", "act"),
    ("lr_d", "lr_D"),
    ("lr_g", "lr_G"),
    ("betas", "β"),
    ("r1_gamma", "R1 γ"),
    ("d_steps", "D steps"),
    ("lr_schedule", "schedule"),
    ("g_ema", "EMA"),
    ("batch_size", "batch"),
    ("steps", "steps"),
)


def _protocol(p: Mapping[str, Any]) -> str:
    parts = []
    for key, short in _PROTOCOL_KEYS:
        if key in p:
            v = p[key]
            text = "×".join(str(x) for x in v) if isinstance(v, (list, tuple)) and key.endswith("widths") else v
            parts.append(f"{short} {text}")
    return ", ".join(str(x) for x in parts)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f} %"


def study_blocks(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The study's blocks: ``{"title", "text", "header", "rows"}`` each, in report order (empty without the study)."""
    entries = {k: v["results"] for k, v in sorted(report.get("experiments", {}).items()) if k.startswith("EQ-")}
    if not entries:
        return []
    summary_rows = []
    for name, res in entries.items():
        s = res["summary"]
        final, req = s["final"], s["requirement"]
        rej = final["rejection"]
        lo, hi = rej["ci95"]
        met = {True: "met", False: "NOT met", None: "reported only"}[req["met"]]
        wanted = []
        if req["required_not_rejected"] is not None:
            wanted.append(f"≥ {_pct(req['required_not_rejected'])} not rejected")
        if req["sup_half_max"] is not None:
            wanted.append(f"median sup|D − ½| ≤ {req['sup_half_max']:g}")
        if req["all_modes"]:
            all_modes = req.get("all_modes_fraction")
            wanted.append(f"all modes covered (seeds: {_pct(all_modes)})")
        summary_rows.append(
            [
                name,
                f"{len(res['seeds'])} × {res['config']['steps']:,}",
                f"{rej['n'] - rej['rejected']}/{rej['n']} ({_pct(rej['not_rejected_fraction'])})",
                f"{_pct(rej['fraction'])} [{_pct(lo)}, {_pct(hi)}]",
                f"{final['knn_accuracy']['median']:.3f} / {final['boosting_accuracy']['median']:.3f}",
                f"{final['sup_half']['median']:.3f} ({final['sup_half']['q90']:.3f})",
                f"{final['sup_star']['median']:.3f}",
                f"{final['tv']['median']:.3f}",
                f"{final['d_loss']['median']:.3f} / {final['g_loss']['median']:.3f}",
                "; ".join(wanted) or "—",
                met,
            ]
        )
    blocks: list[dict[str, Any]] = [
        {
            "title": "The equilibrium study",
            "text": (
                "Trained GANs read against the equilibrium: each target's protocol was chosen by a search on "
                "tuning seeds (indices from 10 000) under a rule fixed before it ran; the numbers below come from "
                "the reporting seeds (0 … 63) only. A seed is rejected when either classifier of the two-sample "
                "test (k-NN, gradient boosting; exact binomial, n_test = 4000) has p < 2.5 % (Bonferroni at 5 %): "
                "a perfect generator is rejected in about 5 % of seeds. Medians across seeds at the end of training; "
                "90 % quantile in brackets; the rejection share with its Clopper–Pearson 95 % interval. Losses: "
                "D's cross-entropy against log 4 = 1.386, the non-saturating G loss against log 2 = 0.693."
            ),
            "header": [
                "target",
                "seeds × steps",
                "not rejected",
                "rejected [95 % CI]",
                "accuracy k-NN / boosting",
                "sup|D − ½| (q90)",
                "sup|D − D*|",
                "binned TV",
                "D loss / G loss",
                "declared target",
                "",
            ],
            "rows": summary_rows,
        }
    ]
    for name, res in entries.items():
        search = res.get("search")
        if not search:
            continue
        rows = []
        rounds = sorted({int(r.get("round", 1)) for r in search["results"]})
        for r in search["results"]:
            rows.append(
                [
                    r["label"],
                    str(r.get("round", 1)),
                    "✓" if r["label"] == search["chosen"] else "",
                    _protocol(r["protocol"]),
                    f"{r['seed_steps']:,}",
                    _pct(r["not_rejected"]),
                    f"{r['median_knn_accuracy']:.3f} / {r['median_boosting_accuracy']:.3f}",
                    f"{r['median_sup_half']:.3f}",
                    f"{r['median_tv']:.3f}",
                ]
            )
        blocks.append(
            {
                "title": f"{name}: protocol search",
                "text": (
                    f"{search['grid_size']} protocols × {search['tuning_seeds']} tuning seeds, "
                    f"{search['budget_seed_steps']:,} seed-steps in all. Rule: {search['rule']}. "
                    f"Chosen: {search['chosen']}."
                    + (
                        f" The search ran in {len(rounds)} rounds ({', '.join(map(str, rounds))}; the round numbers "
                        "are shared by the targets) on the same tuning seeds; each later round "
                        "was declared, with its reason, after the previous round's record and before it ran "
                        "(`verify/experiments/equilibrium_search.py`), and the rule is applied to all rounds together."
                        if len(rounds) > 1
                        else ""
                    )
                ),
                "header": [
                    "protocol",
                    "round",
                    "chosen",
                    "settings",
                    "seed-steps",
                    "not rejected",
                    "accuracy k-NN / boosting",
                    "sup|D − ½|",
                    "binned TV",
                ],
                "rows": rows,
            }
        )
    return blocks
