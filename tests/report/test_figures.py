"""The figures: each is drawn from the library, and its bytes depend neither on the reader's rcParams nor on the run."""

from __future__ import annotations

import importlib.util
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from verify.report import figures

NEEDS_FDIVERGENCES = pytest.mark.skipif(
    importlib.util.find_spec("gantheory.fdivergences") is None, reason="gantheory.fdivergences is not written yet"
)


def _spec(name: str) -> figures.FigureSpec:
    return next(s for s in figures.FIGURES if s.name == name)


def test_figure_names_are_unique_and_captioned() -> None:
    names = [s.name for s in figures.FIGURES]
    assert len(set(names)) == len(names)
    for spec in figures.FIGURES:
        assert spec.name.endswith(".png") and spec.caption
        assert figures.caption(spec.path) == spec.caption


def test_display_order_follows_the_figure_list() -> None:
    paths = [*sorted(s.path for s in figures.FIGURES), "figures/zz-unknown.png"]
    assert figures.display_order(paths) == [*(s.path for s in figures.FIGURES), "figures/zz-unknown.png"]


def test_bytes_do_not_depend_on_the_readers_rcparams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures, "FIGURES", (_spec("generator-costs.png"),))
    assert figures.write_figures(tmp_path / "a") == ["figures/generator-costs.png"]
    with matplotlib.rc_context({"lines.linewidth": 7.0, "font.size": 20.0, "axes.grid": False}):
        figures.write_figures(tmp_path / "b")
    a = (tmp_path / "a" / "figures" / "generator-costs.png").read_bytes()
    b = (tmp_path / "b" / "figures" / "generator-costs.png").read_bytes()
    assert a == b


def test_write_figures_leaves_the_rcparams_as_it_found_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures, "FIGURES", (_spec("optimal-discriminator.png"),))
    with matplotlib.rc_context({"lines.linewidth": 7.0}):
        figures.write_figures(tmp_path)
        assert matplotlib.rcParams["lines.linewidth"] == 7.0


@dataclass(frozen=True)
class _Row:
    name: str
    label: str

    def f_numeric(self, u: np.ndarray) -> np.ndarray:
        return u * np.log(u) if self.name == "kl" else -np.log(u)


def test_f_divergence_figure_draws_every_row_of_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("gantheory.fdivergences")
    fake.table = lambda: (_Row("kl", "Kullback–Leibler"), _Row("reverse-kl", "reverse KL"))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gantheory.fdivergences", fake)
    fig = _spec("f-divergence-generators.png").draw()
    assert fig is not None
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["Kullback–Leibler", "reverse KL"]


def test_f_divergence_figure_is_skipped_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gantheory.fdivergences", None)  # makes the import raise ImportError
    assert _spec("f-divergence-generators.png").draw() is None


@NEEDS_FDIVERGENCES
def test_f_divergence_figure_draws_the_real_table() -> None:
    from gantheory.fdivergences import table

    fig = _spec("f-divergence-generators.png").draw()
    assert fig is not None
    assert len(fig.axes[0].get_lines()) >= len(tuple(table()))


def test_optimal_discriminator_figure_shows_one_half_for_a_perfect_generator() -> None:
    fig = _spec("optimal-discriminator.png").draw()
    bottom = fig.axes[1]
    perfect = next(line for line in bottom.get_lines() if "p_g = p_{data}" in line.get_label())
    np.testing.assert_array_equal(perfect.get_ydata(), 0.5)
