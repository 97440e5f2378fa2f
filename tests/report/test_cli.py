"""The command line: ``list``, ``show``, ``cite``, and clear messages for wrong input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.registry.run_cache import result_of
from verify.__main__ import main
from verify.registry import all_claims


def _exit_message(argv: list[str], match: str) -> str:
    """The one-line message ``main(argv)`` exits with; it must contain the regular expression ``match``."""
    with pytest.raises(SystemExit, match=match) as info:
        main(argv)
    assert isinstance(info.value.code, str), f"exit without a message: {info.value.code!r}"
    return info.value.code


def test_list_prints_one_line_per_registered_claim(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [c.id for c in all_claims()]


def test_list_with_a_pattern_selects_claims(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--claims", "D-STAR*"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert ids and all(i.startswith("D-STAR") for i in ids)
    assert "D-STAR-HALF" in ids


def test_show_prints_the_computed_verdict_and_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "v-neg-bce", "--profile", "quick"]) == 0  # IDs are case-insensitive
    out = capsys.readouterr().out
    assert out.startswith("V-NEG-BCE: ")
    assert f"verdict: {result_of('V-NEG-BCE').verdict.value} (" in out
    assert "statement: " in out and "source: " in out
    assert "\ncheck " in out and "control" in out


def test_show_an_unknown_claim_fails_clearly() -> None:
    _exit_message(["show", "NO-SUCH-CLAIM"], match="no claim with ID 'NO-SUCH-CLAIM'")


def test_cite_names_the_claim_verdict_and_report(report_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = report_dir / "report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    entry = next(c for c in report["claims"] if c["id"] == "D-STAR-HALF")
    assert main(["cite", "D-STAR-HALF", "--report", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"gantheory {report['environment']['package']['version']} (commit ")
    assert f"claim D-STAR-HALF “{entry['title']}”: {entry['verdict']}." in out
    assert f"Verification report {path} (schema {report['schema_version']}, profile quick" in out
    for source in entry["sources"]:
        assert f"{source['document']} § {source['section']}" in out


def test_cite_prints_the_statement_verdict_corrections_and_caveats(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = report_dir / "report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    entry = next(c for c in report["claims"] if c["id"] == "D-STAR-HALF")
    assert main(["cite", "D-STAR-HALF", "--report", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"statement (the document's statement): {entry['statement']}" in out
    assert f"verdict: {entry['verdict']} ({entry['explanation']})" in out
    for assumption in entry["assumptions"]:
        assert f"caveat: {assumption}" in out


def test_cite_a_claim_missing_from_the_report_fails_clearly(report_dir: Path) -> None:
    _exit_message(["cite", "CG-JS", "--report", str(report_dir / "report.json")], match=r"CG-JS is not in .*; rerun")


def test_cite_without_a_report_fails_clearly(tmp_path: Path) -> None:
    _exit_message(["cite", "CG-JS", "--report", str(tmp_path / "missing.json")], match=r"no report at .*missing\.json")


def test_run_with_an_unknown_pattern_fails_clearly(tmp_path: Path) -> None:
    message = _exit_message(
        ["run", "--claims", "NO-SUCH-*", "--out", str(tmp_path), "--quiet"], match="no claim matches"
    )
    assert message == "error: no claim matches 'NO-SUCH-*'"
    assert list(tmp_path.iterdir()) == []


def test_run_with_a_missing_sources_folder_fails_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "no-documents-here"
    argv = ["run", "--claims", "D-STAR-HALF", "--sources", str(missing), "--out", str(tmp_path / "out"), "--quiet"]
    message = _exit_message(argv, match=r"--sources .* is not a folder")
    assert message == f"error: --sources {str(missing)!r} is not a folder"
    assert not (tmp_path / "out").exists()


def test_run_writes_only_the_formats_asked_for(tmp_path: Path) -> None:
    argv = ["run", "--claims", "D-STAR-HALF", "--profile", "quick", "--out", str(tmp_path), "--quiet"]
    assert main([*argv, "--no-figures", "--format", "json"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize("command", ["run", "show CG-JS"])
def test_cuda_without_cuda_fails_at_start_up(command: str, tmp_path: Path) -> None:
    from gantheory.nn import cuda_available

    if cuda_available():
        pytest.skip("this machine has CUDA")
    message = _exit_message(
        [*command.split(), "--device", "cuda", *(["--out", str(tmp_path)] if command == "run" else [])],
        match="--device cuda: CUDA is not available",
    )
    assert message.startswith("error: --device cuda: CUDA is not available")
    assert not any(tmp_path.iterdir())


def test_list_with_an_unknown_pattern_fails_clearly() -> None:
    assert _exit_message(["list", "--claims", "NOPE"], match="no claim matches 'NOPE'").startswith("error:")


def test_cite_a_corrupt_report_fails_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "report.json"
    broken.write_text("{not json", encoding="utf-8")
    message = _exit_message(["cite", "CG-JS", "--report", str(broken)], match="is not a readable report")
    assert message.startswith("error:")


def test_a_negative_seed_is_refused_before_anything_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match=r"^2$"):  # argparse's usage error; its message is on stderr
        main(["run", "--seed", "-1", "--claims", "CG-JS"])
    assert "must be an integer ≥ 0" in capsys.readouterr().err


def test_version_names_the_package_and_commit(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match=r"^0$"):  # argparse's --version prints and exits with status 0
        main(["--version"])
    assert capsys.readouterr().out.startswith("gantheory 0.1.0 (commit ")


def test_cite_a_report_without_its_provenance_fails_clearly(tmp_path: Path) -> None:
    incomplete = tmp_path / "report.json"
    incomplete.write_text('{"claims": [{"id": "CG-JS", "verdict": "verified"}]}', encoding="utf-8")
    message = _exit_message(["cite", "CG-JS", "--report", str(incomplete)], match="not a complete verification report")
    assert message.startswith(f"error: {incomplete} is not a complete verification report (missing")
