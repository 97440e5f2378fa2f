"""The report's findings: what the documents get wrong and what needs a qualification, one line per claim.

A *finding* is a refuted or qualified claim with the correction its checks
proved: the corrected statement of each deciding check whose stated subject
failed and whose correction held. The line shown is that statement's
:func:`short_form`: the statement itself when it is short, else its first
clause, cut at the first sentence end, semicolon or dash outside brackets once
the line says something, so the one-line form is derived from the claim's
data and never written per claim. Findings are
grouped by the tutorial documents their claims cite; a claim citing only
papers (a literature claim, an extension) is listed under ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["FINDING_VERDICTS", "Finding", "claim_findings", "findings_by_document", "short_form"]

#: The verdicts that make a finding, each with the heading of its list.
FINDING_VERDICTS: dict[str, str] = {
    "refuted": "What the documents get wrong",
    "qualified": "What needs a qualification",
}

#: A one-line form is cut at the first break after this many characters (shorter heads say too little).
_MIN_HEAD = 40
#: And it is never longer than this many characters (cut at a word, with an ellipsis, when it would be).
_MAX_LINE = 220

_OPEN, _CLOSE = "([{", ")]}"
#: Where a statement may be cut: a sentence end, a semicolon, a dash between words.
_BREAKS = (". ", "; ", " — ")


@dataclass(frozen=True)
class Finding:
    """One refuted or qualified claim, with the correction its checks proved.

    Attributes
    ----------
    claim_id, title, verdict : str
        As in the report.
    correction : str
        The one-line form (:func:`short_form`) of the first proved correction.
    checks : tuple of str
        The deciding checks whose stated subject failed and whose correction held,
        in the claim's order; the first one's correction is :attr:`correction`.
    more : int
        How many further, different corrections the claim's other failing checks carry.
    """

    claim_id: str
    title: str
    verdict: str
    correction: str
    checks: tuple[str, ...]
    more: int = 0


def _breaks_at(text: str, i: int) -> bool:
    """Whether a break starts at ``text[i]``: a full stop only before a capital (not ``i.e. the``, ``al. 2018``)."""
    if text.startswith(". ", i):
        return text[i + 2 : i + 3].isupper()
    return any(text.startswith(b, i) for b in _BREAKS[1:])


def short_form(statement: str, *, min_head: int = _MIN_HEAD, limit: int = _MAX_LINE) -> str:
    """The one-line form of a corrected statement.

    The whole statement when it fits in ``limit`` characters; else the
    statement up to its first break (``". "`` before a capital, ``"; "`` or
    ``" — "``) that lies outside brackets and at least ``min_head`` characters
    in. A head still longer than ``limit`` is cut at the last space before it,
    with an ellipsis.

    Parameters
    ----------
    statement : str
        A corrected statement (one or more sentences).
    min_head : int
        Fewest characters before a break that may end the line.
    limit : int
        Most characters of the line.

    Returns
    -------
    str
        One line, without a trailing full stop.
    """
    text = " ".join(statement.split())
    if len(text) <= limit:
        return text.rstrip(" .")
    depth = 0
    cut = len(text)
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and i >= min_head and _breaks_at(text, i):
            cut = i
            break
    head = text[:cut].rstrip(" .")
    if len(head) > limit:
        space = head.rfind(" ", 0, limit)
        head = head[: space if space > min_head else limit].rstrip(" ,;:") + " …"
    return head


def _proved_corrections(claim: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(check name, corrected statement)`` of each deciding check that failed as stated and was corrected."""
    out = []
    for check in claim["checks"]:
        corrected = check.get("corrected") or {}
        if check.get("decides") and check["stated"].get("holds") is False and corrected.get("holds") is True:
            out.append((check["name"], corrected.get("statement") or ""))
    return out


def claim_findings(claim: Mapping[str, Any]) -> Finding | None:
    """The finding of a refuted or qualified claim (``None`` for other verdicts).

    A refuted claim whose failing checks have no correction that holds is
    still a finding: its line then says so, and points at the evidence.
    """
    if claim["verdict"] not in FINDING_VERDICTS:
        return None
    proved = _proved_corrections(claim)
    statements = list(dict.fromkeys(s for _, s in proved if s))
    if statements:
        correction = short_form(statements[0])
    else:
        correction = "no correction holds: " + short_form(claim.get("explanation") or "see the evidence")
    return Finding(
        claim_id=claim["id"],
        title=claim["title"],
        verdict=claim["verdict"],
        correction=correction,
        checks=tuple(name for name, _ in proved),
        more=max(len(statements) - 1, 0),
    )


def findings_by_document(
    report: Mapping[str, Any], verdict: str, documents: Sequence[str]
) -> list[tuple[str | None, list[Finding]]]:
    """The findings of one verdict, grouped by the tutorial documents their claims cite.

    Parameters
    ----------
    report : mapping
        The report dictionary.
    verdict : str
        ``refuted`` or ``qualified`` (a key of :data:`FINDING_VERDICTS`).
    documents : sequence of str
        The tutorial documents' file names, in display order. A claim citing
        several is listed under each; one citing none under ``None``, last.

    Returns
    -------
    list of (document or None, findings)
        Only groups with at least one finding, in the order of ``documents``;
        findings in the order of the claims' IDs.
    """
    if verdict not in FINDING_VERDICTS:
        raise ValueError(f"verdict must be one of {sorted(FINDING_VERDICTS)}, got {verdict!r}")
    groups: dict[str | None, list[Finding]] = {d: [] for d in documents}
    groups[None] = []
    for claim in sorted(report["claims"], key=lambda c: c["id"]):
        if claim["verdict"] != verdict:
            continue
        finding = claim_findings(claim)
        if finding is None:
            continue
        cited = [d for d in dict.fromkeys(s["document"] for s in claim["sources"]) if d in groups and d is not None]
        for document in cited or [None]:
            groups[document].append(finding)
    return [(d, rows) for d, rows in groups.items() if rows]
