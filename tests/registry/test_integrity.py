"""The registry is well formed: IDs, sources, catalog coverage, controls."""

from __future__ import annotations

from verify.catalog import CATALOG_IDS
from verify.model import Kind
from verify.registry import all_claims, select
from verify.sources import DOCUMENTS


def test_claim_ids_are_catalog_ids_or_their_splits() -> None:
    assert sorted({c.catalog_id for c in all_claims()} - CATALOG_IDS) == []


def test_every_catalog_row_has_a_claim() -> None:
    assert sorted(CATALOG_IDS - {c.catalog_id for c in all_claims()}) == []


def test_document_sources_name_known_documents() -> None:
    for claim in all_claims():
        for s in claim.sources:
            if s.document.endswith(".txt"):
                assert s.document in DOCUMENTS, (claim.id, s.document)


def test_every_check_has_a_control() -> None:
    for claim in all_claims():
        for check in claim.checks:
            assert check.controls, (claim.id, check.name)


def test_literature_claims_cite_their_literature() -> None:
    for claim in all_claims():
        if not any(c.decides for c in claim.checks):
            assert claim.references, claim.id


def test_empirical_and_audit_checks_are_labelled() -> None:
    kinds = {k.kind for c in all_claims() for k in c.checks}
    assert kinds <= set(Kind)


def test_select_by_prefix_includes_splits() -> None:
    ids = [c.id for c in select("CG-JS")]
    assert ids and all(i == "CG-JS" or i.startswith("CG-JS.") for i in ids)
