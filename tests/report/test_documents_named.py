"""The report names each document by its title beside its file name, and holds no path of the machine."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from tests.paths import sources_folder
from verify.registry import all_claims
from verify.report.data import portable_command, portable_path
from verify.report.figures import FIGURES, claims_supported
from verify.report.html import render_html
from verify.report.markdown import anchor, md_text, render_markdown
from verify.sources import DOCUMENTS, TITLES, document_title


@pytest.mark.sources
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_recorded_title_is_the_documents_own(name: str) -> None:
    folder = sources_folder()
    if folder is None:
        pytest.skip("set GANTHEORY_SOURCES to the documents folder")
    assert document_title((folder / name).read_text(encoding="utf-8")) == TITLES[name]


def test_every_document_has_a_title() -> None:
    assert sorted(TITLES) == sorted(DOCUMENTS)


def test_a_title_drops_a_leading_decoration() -> None:
    assert document_title("\n# 🎓 Generative Adversarial Networks\n\ntext") == "Generative Adversarial Networks"


def test_an_untitled_document_is_named_by_its_opening_words() -> None:
    text = "GANs are a class of generative models introduced in 2014 by Goodfellow and colleagues.\n"
    assert document_title(text) == "untitled; opens “GANs are a class of generative models introduced in 2014 …”"


def test_an_empty_document_has_no_title() -> None:
    with pytest.raises(ValueError, match="text"):
        document_title(" \n\t")


def test_report_md_names_each_document_by_title(report: dict[str, Any]) -> None:
    text = render_markdown(report)
    for name, title in TITLES.items():
        assert f"### `{name}` — {md_text(title)}" in text


def test_report_html_names_each_document_by_title(report: dict[str, Any]) -> None:
    page = render_html(report)
    for name, title in TITLES.items():
        assert f"<code>{name}</code> — {html.escape(title)}" in page


def test_a_claims_anchor_is_its_id() -> None:
    assert [anchor(i) for i in ("CG-JS", "EQ-ACC-50.c")] == ["CG-JS", "EQ-ACC-50.c"]


def test_a_path_inside_the_working_folder_is_relative(tmp_path: Path) -> None:
    assert portable_path(tmp_path / "reports", cwd=tmp_path) == "reports"


def test_a_folder_beside_the_checkout_is_relative(tmp_path: Path) -> None:
    assert portable_path(tmp_path / "shared" / "sources", cwd=tmp_path / "checkout") == "../shared/sources"


def test_a_path_elsewhere_keeps_only_its_name(tmp_path: Path) -> None:
    assert portable_path("/elsewhere/far/away/documents", cwd=tmp_path / "a" / "b") == "…/documents"


def test_a_relative_path_is_kept_as_given() -> None:
    assert portable_path("../shared/sources") == "../shared/sources"


def test_a_command_loses_its_absolute_paths(tmp_path: Path) -> None:
    command = f"python -m verify run --sources {tmp_path}/docs --out={tmp_path}/out --claims 'CG-*'"
    assert portable_command(command, cwd=tmp_path) == "python -m verify run --sources docs --out=out --claims 'CG-*'"


def test_every_claim_a_figure_names_is_registered() -> None:
    registered = {c.id for c in all_claims()}
    assert sorted({i for spec in FIGURES for i in spec.claims} - registered) == []


def test_an_experiment_figure_supports_the_claims_reading_the_experiment(report: dict[str, Any]) -> None:
    first, second = report["claims"][0], report["claims"][1]
    first["experiments"], second["experiments"] = ["E1a"], ["E1b"]
    assert claims_supported("figures/e1a-seeds.png", report) == [first["id"]]
    assert claims_supported("figures/e1b-training.png", report) == [second["id"]]
    assert claims_supported("figures/unknown.png", report) == []
