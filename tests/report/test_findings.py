"""The findings page: refuted and qualified claims, one line each with the proved correction, first in both reports."""

from __future__ import annotations

import re
from typing import Any

import pytest

from verify.report.findings import FINDING_VERDICTS, claim_findings, findings_by_document, short_form
from verify.report.html import render_html
from verify.report.markdown import check_anchor, render_markdown
from verify.sources import D000, D001, DOCUMENTS

# ----------------------------------------------------------------------------------------------- the one-line form


def test_a_short_statement_is_kept_whole() -> None:
    statement = "L_D = −log D(x) − log(1 − D(G(z))): the first term on real data, the second on generated samples."
    assert short_form(statement) == statement.rstrip(".")


def test_a_long_statement_is_cut_at_its_first_clause() -> None:
    head = "the notebook's setting learns neither the mixture nor its two modes"
    assert short_form(head + "; " + "a tuned setting does better, " * 12) == head


def test_a_break_inside_brackets_does_not_cut() -> None:
    head = "converges with a penalty (locally; Mescheder et al. 2018, Thm 4.1) and a small step"
    assert short_form(head + "; " + "other remedies exist too, " * 12) == head


def test_a_full_stop_before_a_lower_case_word_does_not_cut() -> None:
    head = "V = −2 × the mean BCE over a balanced batch, i.e. the negative of the summed cross-entropy"
    assert short_form(head + ". " + "More words follow here. " * 12) == head


@pytest.mark.parametrize("length", [50, 221, 1000])
def test_the_line_is_never_longer_than_the_limit(length: int) -> None:
    assert len(short_form("word " * (length // 5))) <= 220 + 2


# ------------------------------------------------------------------------------------------- findings of a report


def _failing(claim: dict[str, Any], verdict: str, correction: str, relation: str) -> None:
    """Edit ``claim`` so that its first check failed as stated and ``correction`` held."""
    claim["verdict"] = verdict
    check = claim["checks"][0]
    check["decides"] = True
    check["stated"]["holds"] = False
    check["corrected"] = {"relation": relation, "statement": correction, "holds": True, "label": "corrected"}


def test_the_finding_is_the_proved_correction_of_the_failing_check(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    _failing(claim, "refuted", "the true value is log 4", "replacement")
    finding = claim_findings(claim)
    assert finding is not None
    assert (finding.correction, finding.checks) == ("the true value is log 4", (claim["checks"][0]["name"],))


def test_a_verified_claim_is_not_a_finding(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    claim["verdict"] = "verified"
    assert claim_findings(claim) is None


def test_a_claim_is_listed_under_each_document_it_cites(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    _failing(claim, "qualified", "holds for natural logarithms", "qualification")
    claim["sources"] = [{"document": D001, "section": "§1"}, {"document": D000, "section": "§2"}]
    groups = dict(findings_by_document(report, "qualified", list(DOCUMENTS)))
    assert claim["id"] in [f.claim_id for f in groups[D000]]
    assert claim["id"] in [f.claim_id for f in groups[D001]]


def test_a_claim_citing_only_papers_is_listed_under_other_sources(report: dict[str, Any]) -> None:
    claim = report["claims"][0]
    _failing(claim, "refuted", "p and q exchanged", "replacement")
    claim["sources"] = [{"document": "Nowozin et al. 2016, arXiv:1606.00709", "section": "Table 1"}]
    groups = dict(findings_by_document(report, "refuted", list(DOCUMENTS)))
    assert [f.claim_id for f in groups[None]] == [claim["id"]]


def test_every_refuted_and_qualified_claim_is_a_finding(report: dict[str, Any]) -> None:
    for verdict in FINDING_VERDICTS:
        wanted = {c["id"] for c in report["claims"] if c["verdict"] == verdict}
        listed = {f.claim_id for _, rows in findings_by_document(report, verdict, list(DOCUMENTS)) for f in rows}
        assert listed == wanted


# ---------------------------------------------------------------------------------------------- where they appear


def _findings_report(report: dict[str, Any]) -> dict[str, Any]:
    _failing(report["claims"][0], "refuted", "the true value is log 4", "replacement")
    return report


def test_report_md_opens_with_the_findings_then_the_summary(report: dict[str, Any]) -> None:
    text = render_markdown(_findings_report(report))
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings[:3] == ["What the documents get wrong", "What needs a qualification", "Summary"]


def test_report_html_opens_with_the_findings_then_the_summary(report: dict[str, Any]) -> None:
    page = render_html(_findings_report(report))
    order = [page.index(f'id="{a}"') for a in ("findings-refuted", "findings-qualified", "summary", "claims")]
    assert order == sorted(order)


def test_a_finding_links_to_its_check_in_both_reports(report: dict[str, Any]) -> None:
    report = _findings_report(report)
    claim = report["claims"][0]
    target = check_anchor(claim["id"], claim["checks"][0]["name"])
    markdown = render_markdown(report)
    findings = markdown[: markdown.index("## Summary")]
    assert f"](#{target})" in findings and "the true value is log 4" in findings
    assert f'<a id="{target}" name="{target}"></a>' in markdown
    page = render_html(report)
    assert f'href="#{target}"' in page and f'id="{target}"' in page
