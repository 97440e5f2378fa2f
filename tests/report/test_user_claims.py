"""``--claims-from``: a user's own ``CLAIMS`` run with the same runner, verdict rule and report."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.paths import REPO
from verify.__main__ import main
from verify.model import Claim
from verify.registry import all_claims
from verify.user_claims import claim_pool, load_claims

EXAMPLE = REPO / "examples" / "instructor_claims.py"


def _run_json(out: Path, *extra: str) -> dict:
    argv = ["run", "--claims-from", str(EXAMPLE), "--profile", "quick", "--out", str(out), "--no-figures", "--quiet"]
    assert main([*argv, *extra]) == 0
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The worked example's report (all three formats), written once."""
    return _run_json(tmp_path_factory.mktemp("example"))


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_worked_example_defines_two_claims() -> None:
    claims = load_claims(EXAMPLE)
    assert [c.id for c in claims] == ["LECT-OPT-VALUE", "LECT-DSTAR-STEP"]
    assert all(isinstance(c, Claim) for c in claims)


def test_the_worked_example_runs_instead_of_the_registry(example_report: dict) -> None:
    report = example_report
    verdicts = {c["id"]: c["verdict"] for c in report["claims"]}
    assert verdicts == {"LECT-OPT-VALUE": "refuted", "LECT-DSTAR-STEP": "verified"}
    assert report["run"]["claims_registered"] == 2


def test_the_refuted_example_carries_its_correction_and_refuted_control(example_report: dict) -> None:
    entry = next(c for c in example_report["claims"] if c["id"] == "LECT-OPT-VALUE")
    [check] = entry["checks"]
    assert check["stated"]["holds"] is False and check["stated"]["counterexample"]
    assert check["corrected"]["holds"] is True and check["corrected"]["relation"] == "replacement"
    assert [c["holds"] for c in check["controls"]] == [False]


def test_with_builtin_runs_the_example_beside_the_registry(tmp_path: Path) -> None:
    report = _run_json(tmp_path / "out", "--with-builtin", "--claims", "LECT-*,D-STAR-HALF", "--format", "json")
    assert sorted(c["id"] for c in report["claims"]) == ["D-STAR-HALF", "LECT-DSTAR-STEP", "LECT-OPT-VALUE"]
    assert report["run"]["claims_registered"] == len(all_claims()) + 2


def test_a_module_name_loads_like_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "mycourse"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "claims.py").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert [c.id for c in load_claims("mycourse.claims")] == ["LECT-OPT-VALUE", "LECT-DSTAR-STEP"]


def test_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        load_claims(tmp_path / "nope.py")


def test_an_unknown_module_fails_clearly() -> None:
    with pytest.raises(ValueError, match="neither a file nor an importable module"):
        load_claims("no_such_module_of_claims")


def test_a_file_without_claims_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="defines no CLAIMS"):
        load_claims(_write(tmp_path, "empty.py", "X = 1\n"))


def test_claims_of_the_wrong_type_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"CLAIMS\[0\] is a str, not a verify.model.Claim"):
        load_claims(_write(tmp_path, "wrong.py", "CLAIMS = ['CG-JS']\n"))


def test_an_error_inside_the_file_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.py", "raise RuntimeError('lecture not finished')\n")
    with pytest.raises(ValueError, match="importing it raised RuntimeError: lecture not finished"):
        load_claims(path)


def test_an_id_that_clashes_with_the_registry_fails_with_builtin(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "clash.py",
        """
        from verify.registry import get
        CLAIMS = (get("CG-JS"),)
        """,
    )
    assert [c.id for c in claim_pool([path])] == ["CG-JS"]
    with pytest.raises(ValueError, match="claim ID CG-JS appears twice"):
        claim_pool([path], with_builtin=True)


def test_the_cli_reports_a_bad_claims_file_before_running(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.py", "X = 1\n")
    with pytest.raises(SystemExit, match="defines no CLAIMS") as info:
        main(["run", "--claims-from", str(path), "--out", str(tmp_path / "out"), "--quiet"])
    assert str(info.value.code).startswith("error: --claims-from")
    assert not (tmp_path / "out").exists()


def test_list_and_show_read_the_users_claims(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--claims-from", str(EXAMPLE)]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["LECT-DSTAR-STEP", "LECT-OPT-VALUE"]
    assert main(["show", "LECT-DSTAR-STEP", "--claims-from", str(EXAMPLE), "--profile", "quick"]) == 0
    assert "verdict: verified" in capsys.readouterr().out
