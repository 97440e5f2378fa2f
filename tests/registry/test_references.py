"""``verify.references``: each cited work once, its BibTeX entry, and the works a reference string names."""

from __future__ import annotations

import pytest

from verify.references import GF14, WORKS, Work, cited_works
from verify.registry import all_claims


def test_every_reference_of_a_registered_claim_that_names_a_paper_finds_its_work() -> None:
    refs = {r for c in all_claims() for r in c.references}
    # the only references that are not papers: documentation, code and web pages (no authors, no year)
    unmatched = {r for r in refs if not cited_works(r)}
    assert all(not any(str(year) in r.split(",")[0] for year in range(1950, 2030)) for r in unmatched), unmatched


def test_a_reference_to_a_place_in_a_work_finds_the_work() -> None:
    assert cited_works(GF14.at("Theorem 1")) == (GF14,)


def test_two_works_joined_by_a_semicolon_are_both_found_in_order() -> None:
    a, b = WORKS["sajjadi2018assessing"], WORKS["kynkaanniemi2019improved"]
    assert cited_works(f"{a}; {b} (precision and recall)") == (a, b)


def test_a_reference_that_only_starts_like_a_work_is_not_that_work() -> None:
    assert cited_works(f"{GF14}x") == ()


@pytest.mark.parametrize(
    ("key", "entry_type", "venue_field"),
    [
        ("goodfellow2014generative", "inproceedings", "booktitle"),
        ("lin1991divergence", "article", "journal"),
        ("schilling2002is", "article", "journal"),
        ("cover2006elements", "book", "publisher"),
        ("villani2009optimal", "book", "publisher"),
        ("goodfellow2016nips", "misc", None),
    ],
)
def test_a_works_bibtex_entry_type_follows_its_venue(key: str, entry_type: str, venue_field: str | None) -> None:
    entry = WORKS[key].bibtex()
    assert entry.startswith(f"@{entry_type}{{{key},")
    for field in ("booktitle", "journal", "publisher"):
        assert (f"  {field} = " in entry) == (field == venue_field)


def test_a_work_key_that_is_not_surname_year_word_is_refused() -> None:
    with pytest.raises(ValueError, match="must be surname \\+ year \\+ first title word"):
        Work("Goodfellow2014", ("Goodfellow",), 2014, "Generative Adversarial Nets")
