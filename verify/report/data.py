"""The report as data: one JSON-ready dictionary built from claim results.

The dictionary is the single source for every rendering (JSON, Markdown,
HTML). Its key order is canonical (``sort_keys``) and everything that changes
between two runs of the same code on the same machine (clock time, wall time
per claim) sits under ``timings``, so two reports differ elsewhere only when
a result differs.

Schema (version :data:`SCHEMA_VERSION`)::

    schema_version, registry_fingerprint, environment{...}, run{...},
    summary{verdict: count}, summary_by_origin{origin: {verdict: count}},
    document_counts{document: {verdict: count}}, claims[{id, title, statement,
    sources, assumptions, references, notes, origin, fingerprint, verdict,
    explanation, experiments[name], checks[{name, kind, method, decides, status, error,
    teeth, stated, corrected{..., change, relation}, controls}]}], figures[...],
    figure_captions{path: caption}, experiments{name: {title, results}}, timings{...}

A report holds no path of the machine that made it: the documents folder and
the paths in the recorded command are written relative to the working folder
(:func:`portable_path`), so a committed report reads the same on every machine.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from verify.context import Context
from verify.model import Check, Claim, Kind, Origin, Verdict, is_document_name, jsonable
from verify.runner import CheckResult, ClaimResult, VariantResult

__all__ = [
    "SCHEMA_VERSION",
    "build_report",
    "claim_experiments",
    "counts_by_origin",
    "describe_claim",
    "document_counts",
    "portable_command",
    "portable_path",
    "registry_fingerprint",
]

#: Bump when a key is renamed or removed; adding keys keeps the version.
SCHEMA_VERSION = 1


def _describe_check(check: Check) -> dict[str, Any]:
    return {
        "name": check.name,
        "kind": check.kind.value,
        "method": check.method,
        "decides": check.decides,
        "stated": {"label": check.stated.label, "statement": check.stated.statement},
        "corrected": None
        if check.corrected is None
        else {
            "change": check.corrected.change.value,
            "relation": check.corrected.relation,
            "statement": check.corrected.statement,
        },
        "controls": [{"label": c.label, "statement": c.statement} for c in check.controls],
    }


def describe_claim(claim: Claim) -> dict[str, Any]:
    """The registry's description of a claim: everything but computed results."""
    return {
        "id": claim.id,
        "title": claim.title,
        "statement": claim.statement,
        "sources": [{"document": s.document, "section": s.section} for s in claim.sources],
        "assumptions": list(claim.assumptions),
        "references": list(claim.references),
        "notes": claim.notes,
        "origin": claim.origin.value,
        "checks": [_describe_check(c) for c in claim.checks],
    }


def registry_fingerprint(claims: Iterable[Claim]) -> str:
    """SHA-256 of the canonical JSON of the claims' descriptions (not of their results)."""
    blob = json.dumps([describe_claim(c) for c in claims], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _variant(v: VariantResult | None, relation: str | None = None, change: str | None = None) -> dict[str, Any] | None:
    if v is None:
        return None
    out = {
        "label": v.label,
        "statement": v.statement,
        "holds": v.outcome.holds,
        "summary": v.outcome.summary,
        "measurements": jsonable(v.outcome.measurements),
        "counterexample": jsonable(v.outcome.counterexample),
        "reason": v.outcome.reason,
    }
    if relation is not None:
        out["relation"] = relation
    if change is not None:
        out["change"] = change
    return out


def _check(r: CheckResult) -> dict[str, Any]:
    desc = _describe_check(r.check)
    relation = r.check.corrected.relation if r.check.corrected else None
    return {
        "name": desc["name"],
        "kind": desc["kind"],
        "method": desc["method"],
        "decides": desc["decides"],
        "status": r.status,
        "error": r.error,
        "teeth": r.teeth,
        "stated": _variant(r.stated) or {**desc["stated"], "holds": None},
        "corrected": _variant(r.corrected, relation, r.check.corrected.change.value if r.check.corrected else None)
        if r.corrected
        else (None if desc["corrected"] is None else {**desc["corrected"], "holds": None, "summary": "not needed"}),
        "controls": [_variant(c) for c in r.controls],
    }


def claim_experiments(claim: Claim, ctx: Context) -> list[str]:
    """The trained-GAN experiments a claim's empirical checks read, in registry order (none without such checks).

    Found by the same probe that chooses the experiments to run
    (:func:`verify.prefetch.experiments_needed`), which trains nothing.
    """
    if not any(c.kind is Kind.EMPIRICAL for c in claim.checks):
        return []
    from verify.prefetch import experiments_needed

    return list(experiments_needed([claim], ctx))


def _claim(r: ClaimResult, ctx: Context) -> dict[str, Any]:
    d = describe_claim(r.claim)
    d["fingerprint"] = registry_fingerprint([r.claim])
    d["verdict"] = r.verdict.value
    d["explanation"] = r.explanation
    d["experiments"] = claim_experiments(r.claim, ctx)
    d["checks"] = [_check(c) for c in r.checks]
    return d


def portable_path(path: str | os.PathLike[str] | None, *, cwd: str | os.PathLike[str] | None = None) -> str | None:
    """A path as a report may hold it: relative to ``cwd``, never absolute.

    A relative path is kept as given. An absolute one is written relative to
    ``cwd`` (the working folder by default) when it lies inside ``cwd`` or its
    parent (a documents folder beside the checkout: ``../shared/sources``);
    any other absolute path is reduced to ``…/`` and its last component, which
    names the folder without saying where the machine keeps it.

    Parameters
    ----------
    path : str or path-like or None
    cwd : str or path-like, optional

    Returns
    -------
    str or None
        ``None`` for ``None``.
    """
    if path is None:
        return None
    text = os.fspath(path)
    if not os.path.isabs(os.path.expanduser(text)):
        return text
    absolute = os.path.normpath(os.path.expanduser(text))
    base = os.path.abspath(cwd if cwd is not None else os.getcwd())
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive (Windows)
        relative = None
    if relative is not None and not relative.startswith(os.pardir + os.sep + os.pardir) and relative != os.pardir * 2:
        return relative
    return "…/" + (os.path.basename(absolute) or "")


def portable_command(command: str, *, cwd: str | os.PathLike[str] | None = None) -> str:
    """A recorded command line with each absolute path argument (``/x``, ``--out=/x``) made :func:`portable_path`."""
    import shlex

    def portable(token: str) -> str:
        option, eq, value = token.partition("=")
        if eq and option.startswith("-") and os.path.isabs(os.path.expanduser(value)):
            return f"{option}={portable_path(value, cwd=cwd)}"
        if os.path.isabs(os.path.expanduser(token)):
            return portable_path(token, cwd=cwd) or token
        return token

    try:
        tokens = shlex.split(command)
    except ValueError:  # unbalanced quotes: keep the text, it was typed that way
        return command
    return " ".join(shlex.quote(portable(t)) for t in tokens)


def _portable_sources(sources: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(sources)
    if out.get("folder") is not None:
        out["folder"] = portable_path(out["folder"])
    return out


def _portable_timings(timings: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(timings)
    if isinstance(out.get("command"), str):
        out["command"] = portable_command(out["command"])
    return out


def _tally(verdicts: Iterable[str]) -> dict[str, int]:
    counts = {v.value: 0 for v in Verdict}
    for v in verdicts:
        counts[v] += 1
    return counts


def counts_by_origin(claims: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Verdict counts of report claims (``claims`` entries), apart for each :class:`~verify.model.Origin`.

    A claim written before origins were recorded counts as a document's.
    """
    claims = list(claims)
    return {
        o.value: _tally(c["verdict"] for c in claims if c.get("origin", Origin.DOCUMENT.value) == o.value)
        for o in Origin
    }


def document_counts(claims: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """For each tutorial document a claim cites: verdict counts of the claims the document makes.

    Literature results and our extensions cite a document for context only;
    they never count for or against it (they are in :func:`counts_by_origin`).
    """
    out: dict[str, list[str]] = {}
    for c in claims:
        documents = {s["document"] for s in c["sources"] if is_document_name(s["document"])}
        for d in documents:
            out.setdefault(d, [])
            if c.get("origin", Origin.DOCUMENT.value) == Origin.DOCUMENT.value:
                out[d].append(c["verdict"])
    return {d: _tally(v) for d, v in sorted(out.items())}


def build_report(
    results: Sequence[ClaimResult],
    ctx: Context,
    *,
    environment: Mapping[str, Any],
    all_registered: Sequence[Claim],
    selection: str | None,
    sources: Mapping[str, Any],
    figures: Sequence[str],
    timings: Mapping[str, Any],
    experiments: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Assemble the report dictionary.

    ``experiments`` maps each trained-GAN experiment that ran to its title and
    JSON-ready results (configuration, seeds, device, per-seed statistics);
    wall times and throughputs belong in ``timings``.
    """
    summary = _tally(r.verdict.value for r in results)
    claims = [_claim(r, ctx) for r in sorted(results, key=lambda r: r.claim.id)]
    return {
        "schema_version": SCHEMA_VERSION,
        "registry_fingerprint": registry_fingerprint(all_registered),
        "environment": dict(environment),
        "run": {
            "profile": {
                "name": ctx.profile.name,
                "max_examples": ctx.profile.max_examples,
                "random_cases": ctx.profile.random_cases,
                "symbolic_timeout_s": ctx.profile.symbolic_timeout_s,
                "experiments": ctx.profile.experiments,
            },
            "hypothesis": {
                "derandomize": True,
                "database": None,
                "deadline": None,
                "max_examples": ctx.profile.max_examples,
            },
            "seed": ctx.seed,
            "selection": selection,
            "claims_run": len(results),
            "claims_registered": len(all_registered),
            "experiments_enabled": ctx.run_experiments,
            "device": ctx.device,
            "sources": _portable_sources(sources),
        },
        "summary": summary,
        "summary_by_origin": counts_by_origin(claims),
        "document_counts": document_counts(claims),
        "claims": claims,
        "figures": sorted(figures),
        "experiments": jsonable(dict(experiments or {})),
        "timings": _portable_timings(timings),
    }
