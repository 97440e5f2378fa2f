"""``python -m verify cite``: text, BibTeX and JSON citations of a report's verdicts, one claim or all."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from verify.__main__ import main
from verify.cite import Citation, bibtex_entry

#: Fields every BibTeX entry of a claim carries.
BIB_FIELDS = {"author", "title", "howpublished", "version", "date", "year", "month", "note"}


def _braced(text: str, i: int) -> tuple[str, int]:
    """The content of the balanced ``{…}`` group opening at ``text[i]``, and the index after it."""
    assert text[i] == "{", f"expected '{{' at {i}: {text[i : i + 20]!r}"
    depth, j = 0, i
    while True:
        if text[j] == "\\":  # an escaped character never opens or closes a group
            j += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1 : j], j + 1
        j += 1


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """A strict reader of the BibTeX written by ``cite``: ``(type, key, fields)`` per entry.

    Anything outside ``@type{key, name = {value}, …}`` entries except blank lines is an error,
    and so is an unbalanced brace.
    """
    entries, i = [], 0
    head = re.compile(r"\s*@(\w+)\{([^,\s{}]+),")
    field = re.compile(r"\s*(\w+)\s*=\s*")
    while text[i:].strip():
        m = head.match(text, i)
        assert m, f"not an entry at {i}: {text[i : i + 40]!r}"
        kind, key, i = m.group(1), m.group(2), m.end()
        fields: dict[str, str] = {}
        while True:
            if re.match(r"\s*\}", text[i:]):
                i = text.index("}", i) + 1
                break
            f = field.match(text, i)
            assert f, f"not a field at {i}: {text[i : i + 40]!r}"
            assert f.group(1) not in fields, f"field {f.group(1)} twice in {key}"
            value, i = _braced(text, f.end())
            fields[f.group(1)] = value
            comma = re.match(r"\s*,", text[i:])
            if comma:
                i += comma.end()
        entries.append((kind, key, fields))
    return entries


def _cite(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["cite", *argv]) == 0
    return capsys.readouterr().out


def _entry(report_dir: Path, claim_id: str) -> dict[str, Any]:
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return next(c for c in report["claims"] if c["id"] == claim_id)


def test_text_citation_prints_statement_verdict_correction_and_caveats(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _entry(report_dir, "NS-FIXED-POINT")
    assert entry["verdict"] == "qualified"  # a claim with a correction
    out = _cite(capsys, "NS-FIXED-POINT", "--report", str(report_dir / "report.json"))
    assert f"statement (the document's statement): {entry['statement']}" in out
    assert f"verdict: qualified ({entry['explanation']})" in out
    corrected = [c for c in entry["checks"] if c["stated"]["holds"] is False]
    assert corrected
    for c in corrected:
        label = f"correction (qualification, {c['corrected']['change']}, check {c['name']}): "
        assert label + c["corrected"]["statement"] in out
    assert all(f"caveat: {a}" in out for a in entry["assumptions"])
    assert "at report.html#NS-FIXED-POINT." in out


def test_text_citation_names_the_reports_commit_and_date(report_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    out = _cite(capsys, "D-STAR-HALF", "--report", str(report_dir / "report.json"))
    commit = (report["environment"]["git"].get("commit") or "unknown")[:12]
    assert f"(commit {commit}" in out and f"generated {report['timings']['started_utc']}" in out


def test_json_citation_carries_the_anchor_commit_and_date(report_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    data = json.loads(_cite(capsys, "ns-fixed-point", "--format", "json", "--report", str(report_dir / "report.json")))
    assert data["claim_id"] == "NS-FIXED-POINT" and data["anchor"] == "report.html#NS-FIXED-POINT"
    assert data["commit"] == (report["environment"]["git"].get("commit") or "unknown")
    assert data["date"] == report["timings"]["started_utc"]
    assert data["verdict"] == "qualified" and data["corrections"]
    assert {c["relation"] for c in data["corrections"]} == {"qualification"}


def test_bibtex_citation_of_one_claim_parses_with_every_field(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _cite(capsys, "NS-FIXED-POINT", "--format", "bibtex", "--report", str(report_dir / "report.json"))
    [(kind, key, fields), *works] = parse_bibtex(out)
    assert (kind, key) == ("misc", "gantheory:NS-FIXED-POINT")
    assert set(fields) == BIB_FIELDS | {"related"}
    assert fields["related"].split(",") == [k for _, k, _ in works]
    assert "Verdict: qualified." in fields["note"] and "Correction (qualification, added-assumption)" in fields["note"]


def test_cite_all_writes_a_bib_with_one_unique_key_per_claim(report_dir: Path, tmp_path: Path) -> None:
    bib = tmp_path / "claims.bib"
    argv = ["cite", "--all", "--format", "bibtex", "--report", str(report_dir / "report.json"), "--out", str(bib)]
    assert main(argv) == 0
    entries = parse_bibtex(bib.read_text(encoding="utf-8"))
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    keys = [key for _, key, _ in entries]
    assert len(keys) == len(set(keys))
    claims = [(key, fields) for _, key, fields in entries if key.startswith("gantheory:")]
    assert sorted(key for key, _ in claims) == sorted(f"gantheory:{c['id']}" for c in report["claims"])
    assert all(set(fields) - {"related"} == BIB_FIELDS for _, fields in claims)


def test_cite_all_follows_the_claims_with_each_cited_work_once(report_dir: Path, tmp_path: Path) -> None:
    bib = tmp_path / "claims.bib"
    assert (
        main(["cite", "--all", "--format", "bibtex", "--report", str(report_dir / "report.json"), "--out", str(bib)])
        == 0
    )
    entries = parse_bibtex(bib.read_text(encoding="utf-8"))
    related = {k for _, key, f in entries if key.startswith("gantheory:") for k in f.get("related", "").split(",") if k}
    works = [key for _, key, _ in entries if not key.startswith("gantheory:")]
    assert related and sorted(works) == sorted(related)
    first_work = next(i for i, (_, key, _) in enumerate(entries) if not key.startswith("gantheory:"))
    assert all(not key.startswith("gantheory:") for _, key, _ in entries[first_work:])


def test_bibtex_escapes_special_characters_and_keeps_braces_balanced() -> None:
    citation = Citation(
        claim_id="X-1",
        title="50% of {p_g} & D_# ~ ^ \\ $",
        verdict="refuted",
        explanation="",
        statement="",
        sources=("doc_a.txt § 1 {2}",),
        references=(),
        corrections=(),
        caveats=(),
        anchor="report.html#X-1",
        report="r.json",
        schema_version=1,
        package_version="0.1.0",
        commit="abc",
        dirty=False,
        profile="quick",
        seed=0,
        date="2026-01-02T00:00:00+00:00",
    )
    [(_, key, fields)] = parse_bibtex(bibtex_entry(citation))
    assert key == "gantheory:X-1"
    expected = r"{Claim X-1: 50\% of \{p\_g\} \& D\_\# \textasciitilde{} \textasciicircum{} \textbackslash{} \$}"
    assert fields["title"] == expected
    assert (fields["year"], fields["month"], fields["date"]) == ("2026", "01", "2026-01-02")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cite"], "cite needs a claim ID"),
        (["cite", "CG-JS", "--all"], "not both"),
        (["cite", "NO-SUCH-CLAIM"], "no claim with ID 'NO-SUCH-CLAIM'"),
    ],
)
def test_cite_with_wrong_arguments_fails_clearly(argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit, match=re.escape(message)) as info:
        main(argv)
    assert isinstance(info.value.code, str) and info.value.code.startswith("error: ")


def test_cite_to_an_unwritable_file_fails_clearly(report_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "claims.bib"
    with pytest.raises(SystemExit, match="No such file or directory") as info:
        main(["cite", "--all", "--report", str(report_dir / "report.json"), "--out", str(target)])
    assert str(info.value.code).startswith("error: --out")
    assert not target.parent.exists()
