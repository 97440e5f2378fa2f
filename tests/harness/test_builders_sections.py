"""``verify.builders.sections``: the sources of several sections of one document, in order."""

from __future__ import annotations

import pytest

from verify.builders import sections
from verify.sources import D000, D001, src


def test_one_source_per_heading_in_the_order_given() -> None:
    headings = ("Key Equations Summary", "2.1 Optimal Discriminator")
    assert sections(D001, *headings) == tuple(src(D001, h) for h in headings)


def test_spread_beside_other_sources_it_keeps_their_order() -> None:
    got = (src(D000, "Global Optimum"), *sections(D001, "2.2 Global Optimum", "Key Equations Summary"))
    assert [(s.document, s.section) for s in got] == [
        (D000, "Global Optimum"),
        (D001, "2.2 Global Optimum"),
        (D001, "Key Equations Summary"),
    ]


def test_no_heading_is_refused() -> None:
    with pytest.raises(ValueError, match="names no section"):
        sections(D001)


def test_an_unknown_document_is_refused_as_src_refuses_it() -> None:
    with pytest.raises(ValueError, match=r"unknown document 'nope\.txt'"):
        sections("nope.txt", "Anything")
