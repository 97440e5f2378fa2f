"""Deterministic matplotlib figures: one style, one size and resolution, PNGs without software metadata.

Every figure of the suite (the report's, the experiments', a sweep's) is
drawn inside :func:`figure_style` on a :func:`new_figure` and written by
:func:`save_figure`, so that its PNG bytes depend only on the installed
software, whatever ``matplotlibrc`` the reader has.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DPI", "FIGURE_SIZE", "figure_style", "new_figure", "save_figure"]

#: Resolution of every PNG (dots per inch).
DPI = 110

#: Size of a one-panel figure, in inches.
FIGURE_SIZE = (6.4, 4.0)

#: Settings on top of matplotlib's defaults (``svg.hashsalt`` pins the ids of
#: an SVG, should a figure ever be saved as one).
_RC = {
    "svg.hashsalt": "gantheory",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Matplotlib's defaults plus the report's few settings, whatever the reader's matplotlibrc says.

    Every figure of the report (experiments' included) is drawn inside this
    context, so that its PNG bytes depend only on the installed software.
    """
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_RC)
        yield


def new_figure(width: float = FIGURE_SIZE[0], height: float = FIGURE_SIZE[1]) -> Figure:
    """An Agg-backed figure of the report's resolution (no pyplot, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def save_figure(fig: Figure, folder: Path, name: str) -> str:
    """Save ``fig`` as ``folder/figures/name`` (PNG, no software metadata); return the relative path."""
    out = Path(folder) / "figures"
    out.mkdir(parents=True, exist_ok=True)
    fig.savefig(out / name, format="png", dpi=DPI, metadata={"Software": None})
    return f"figures/{name}"
