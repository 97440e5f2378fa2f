"""Compare two ``report.json`` files: verdicts and evidence first, prose apart.

A refactor of the registry must leave every verdict and every computed number
where it was. :func:`compare_reports` walks two reports claim by claim and
check by check and sorts what differs into

* **evidence**: a verdict and its explanation, a check's status or error,
  and each subject's ``holds``, ``summary``, ``measurements``,
  ``counterexample`` and ``reason`` (and a correction's kind of change);
  an experiment's stable results;
* **prose**: titles, statements, methods, notes, assumptions, references,
  sources and variant labels, which a rewording may change on purpose.

Timings, the commit, the environment and the registry's and claims' fingerprints are never
compared: they differ between any two runs.

``python -m verify diff OLD NEW`` prints the differences and exits with status
1 when any evidence differs.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verify.experiments import TIMING_KEYS

__all__ = ["Difference", "ReportDiff", "compare_reports", "load_report"]

_EVIDENCE_VARIANT_KEYS = ("holds", "summary", "measurements", "counterexample", "reason", "change", "relation")
_PROSE_CLAIM_KEYS = ("title", "statement", "notes", "assumptions", "references", "sources", "origin")
_PROSE_CHECK_KEYS = ("kind", "method", "decides")
_CLOCK_KEYS = TIMING_KEYS | {"seconds"}


@dataclass(frozen=True)
class Difference:
    """One differing field, at a path such as ``CG-JS/pmf-identity/control: dropped ½/summary``."""

    path: str
    old: Any
    new: Any

    def describe(self, width: int = 160) -> str:
        old, new = (json.dumps(v, ensure_ascii=False, sort_keys=True) for v in (self.old, self.new))
        return f"{self.path}\n    old: {old[:width]}\n    new: {new[:width]}"


@dataclass(frozen=True)
class ReportDiff:
    """The evidence and prose differences between two reports."""

    evidence: tuple[Difference, ...]
    prose: tuple[Difference, ...]
    claims_compared: int

    @property
    def same_evidence(self) -> bool:
        return not self.evidence


def load_report(path: str | Path) -> Mapping[str, Any]:
    """A ``report.json`` (or the folder that holds one), parsed.

    Raises
    ------
    FileNotFoundError
        If ``path`` is neither a report file nor a folder with one.
    ValueError
        If the file is not a report (no ``claims`` list).
    """
    p = Path(path)
    if p.is_dir():
        p = p / "report.json"
    if not p.is_file():
        raise FileNotFoundError(f"no report at {path}")
    data = json.loads(p.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping) or not isinstance(data.get("claims"), list):
        raise ValueError(f"{path} is not a gantheory report: it has no 'claims' list")
    return data


def _by(items: Sequence[Mapping[str, Any]], key: str) -> dict[str, Mapping[str, Any]]:
    return {str(item[key]): item for item in items}


def _variants(check: Mapping[str, Any]) -> dict[str, Mapping[str, Any] | None]:
    found: dict[str, Mapping[str, Any] | None] = {"stated": check.get("stated"), "corrected": check.get("corrected")}
    for i, control in enumerate(check.get("controls") or ()):
        found[f"control {i + 1}"] = control
    return found


def _fields(
    path: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, keys: Sequence[str]
) -> Iterator[Difference]:
    if (old is None) != (new is None):
        yield Difference(path, old, new)
        return
    if old is None or new is None:
        return
    for key in keys:
        yield from _leaves(f"{path}/{key}", old.get(key), new.get(key))


def _leaves(path: str, old: Any, new: Any) -> Iterator[Difference]:
    """The differing leaves of two JSON values, each at its own path (``…/measurements/cases/3/ε``).

    Clock readings (the experiments' timing keys, and the ``seconds`` a program run records) are skipped.
    """
    if old == new:
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in sorted(set(old) | set(new), key=str):
            if key in _CLOCK_KEYS:
                continue
            yield from _leaves(f"{path}/{key}", old.get(key), new.get(key))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from _leaves(f"{path}/{i}", a, b)
    else:
        yield Difference(path, old, new)


def _missing(path: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Difference]:
    for name in sorted(set(old) ^ set(new)):
        yield Difference(f"{path}/{name}", name if name in old else None, name if name in new else None)


def compare_reports(
    old: Mapping[str, Any], new: Mapping[str, Any], *, claims: Collection[str] | None = None
) -> ReportDiff:
    """Differences in evidence and in prose between two parsed reports (see the module docstring).

    ``claims``, if given, restricts the comparison to those claim IDs (and leaves the experiments out).
    """
    evidence: list[Difference] = []
    prose: list[Difference] = []
    old_claims, new_claims = _by(old["claims"], "id"), _by(new["claims"], "id")
    if claims is not None:
        wanted = set(claims)
        old_claims = {k: v for k, v in old_claims.items() if k in wanted}
        new_claims = {k: v for k, v in new_claims.items() if k in wanted}
    evidence.extend(_missing("claims", old_claims, new_claims))
    shared = sorted(set(old_claims) & set(new_claims))
    for cid in shared:
        a, b = old_claims[cid], new_claims[cid]
        evidence.extend(_fields(cid, a, b, ("verdict", "explanation", "experiments")))
        prose.extend(_fields(cid, a, b, _PROSE_CLAIM_KEYS))
        checks_a, checks_b = _by(a.get("checks") or (), "name"), _by(b.get("checks") or (), "name")
        evidence.extend(_missing(f"{cid}/checks", checks_a, checks_b))
        for name in sorted(set(checks_a) & set(checks_b)):
            ca, cb = checks_a[name], checks_b[name]
            where = f"{cid}/{name}"
            evidence.extend(_fields(where, ca, cb, ("status", "error")))
            prose.extend(_fields(where, ca, cb, _PROSE_CHECK_KEYS))
            va, vb = _variants(ca), _variants(cb)
            evidence.extend(_missing(where, va, vb))
            for role in sorted(set(va) & set(vb)):
                evidence.extend(_fields(f"{where}/{role}", va[role], vb[role], _EVIDENCE_VARIANT_KEYS))
                prose.extend(_fields(f"{where}/{role}", va[role], vb[role], ("label", "statement")))
    exp_a, exp_b = ({}, {}) if claims is not None else (old.get("experiments") or {}, new.get("experiments") or {})
    evidence.extend(_missing("experiments", exp_a, exp_b))
    for name in sorted(set(exp_a) & set(exp_b)):
        evidence.extend(_leaves(f"experiments/{name}", exp_a[name], exp_b[name]))
    return ReportDiff(tuple(evidence), tuple(prose), len(shared))


def main(old_path: str | Path, new_path: str | Path, *, show_prose: bool = False, pattern: str | None = None) -> int:
    """Print the differences of two reports; 0 when the evidence is the same, 1 otherwise.

    ``pattern`` (comma-separated ID globs, as for ``run --claims``) restricts the comparison to the claims of
    the new report that it selects.
    """
    old, new = load_report(old_path), load_report(new_path)
    claims = None
    if pattern is not None:
        globs = [g.strip().upper() for g in pattern.split(",") if g.strip()]
        ids = [str(c["id"]) for c in new["claims"]]
        claims = {
            i
            for i in ids
            if any(fnmatch.fnmatchcase(i.upper(), g) or fnmatch.fnmatchcase(i.upper(), g + ".*") for g in globs)
        }
    diff = compare_reports(old, new, claims=claims)
    for d in diff.evidence:
        print("evidence  " + d.describe())
    if show_prose:
        for d in diff.prose:
            print("prose     " + d.describe())
    print(
        f"{diff.claims_compared} claims compared: {len(diff.evidence)} evidence differences, "
        f"{len(diff.prose)} prose differences"
    )
    return 0 if diff.same_evidence else 1
