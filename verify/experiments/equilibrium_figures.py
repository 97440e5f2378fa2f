"""Figures of the equilibrium study: D(x) converging to ½, and the two-sample test along training."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from verify.plotting import figure_style, new_figure, save_figure

__all__ = ["draw_target"]


def _band(ax, steps: list[int], rows: list[Mapping[str, Any]], key: str, label: str, color: str) -> None:
    med = [r[key]["median"] for r in rows]
    lo = [r[key]["q10"] for r in rows]
    hi = [r[key]["q90"] for r in rows]
    ax.plot(steps, med, marker="o", ms=3, color=color, label=f"{label} (median)")
    ax.fill_between(steps, lo, hi, color=color, alpha=0.2, lw=0, label=f"{label} (10–90 %)")


def draw_target(results: Mapping[str, Any], folder: Path, name: str) -> list[tuple[str, str]]:
    """The study's headline figure for one target; returns ``[(relative path, caption)]``."""
    rows = results["summary"]["by_checkpoint"]
    steps = [int(r["step"]) for r in rows]
    n = len(results["seeds"])
    tag = name.lower()
    with figure_style():
        one_d = bool(results["d_curves_median"])
        fig = new_figure(11.0, 3.6)
        axes = fig.subplots(1, 3 if one_d else 2)
        axes = list(np.atleast_1d(axes))
        if one_d:
            ax = axes.pop(0)
            x = np.asarray(results["curve_x"])
            curves = np.asarray(results["d_curves_median"])
            rows_y = np.arange(len(steps))
            mesh = ax.pcolormesh(x, rows_y, curves, cmap="RdBu_r", vmin=0.3, vmax=0.7, shading="nearest")
            ax.set_yticks(rows_y, [f"{s:,}" for s in steps], fontsize=7)
            ax.set_xlabel("x")
            ax.set_ylabel("training step (log-spaced checkpoints)")
            ax.set_title(f"median D(x) across {n} seeds", fontsize=9)
            fig.colorbar(mesh, ax=ax, fraction=0.05, pad=0.02).set_label("D(x)", fontsize=8)
        ax = axes[0]
        _band(ax, steps, rows, "knn_accuracy", "k-NN C2ST", "tab:blue")
        _band(ax, steps, rows, "boosting_accuracy", "boosting C2ST", "tab:orange")
        n_test = int(results["measures"]["n_test"])
        ax.axhline(0.5, color="0.3", lw=1)
        ax.set_xscale("log")
        ax.set_xlabel("training step")
        ax.set_ylabel(f"held-out accuracy (n_test = {n_test:,})")
        ax.legend(fontsize=6)
        ax = axes[1]
        _band(ax, steps, rows, "sup_half", "sup |D − ½| on the support", "tab:green")
        _band(ax, steps, rows, "sup_star", "sup |D − D*| at bin centres", "tab:purple")
        ax.axhline(0.05, color="0.3", lw=1, ls="--", label="0.05")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("training step")
        ax.set_ylabel("largest deviation of D over the support")
        ax.legend(fontsize=6)
        final = results["summary"]["final"]["rejection"]
        fig.suptitle(
            f"{name}: combined C2ST rejects {final['rejected']} of {final['n']} seeds at the end "
            f"({final['fraction']:.0%}; a perfect generator: about 5 %)",
            fontsize=10,
        )
        path = save_figure(fig, folder, f"{tag}-equilibrium.png")
    caption = (
        f"{name}: "
        + ("median D(x) across seeds at each log-spaced checkpoint (left); " if one_d else "")
        + "the median held-out accuracy of the two C2ST classifiers with their 10–90 % band across seeds, "
        "and sup |D − ½| over the support and sup |D − D*| at bin centres (D* from the binned generated masses), "
        "against the training step."
    )
    return [(path, caption)]
