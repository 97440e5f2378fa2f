"""Run checks and turn their outcomes into verdicts.

For each check the runner evaluates, with the same test function:

1. the stated subject;
2. if it fails, the corrected subject;
3. every control, each of which must fail.

A claim's verdict follows from those outcomes and from nothing else
(:func:`verdict_of`):

* ``error`` if any check raised, or any control passed (no teeth), or a
  control or correction could not be decided;
* ``not-checkable`` if the claim has no deciding check;
* ``pending`` if a deciding check could not run here (missing document,
  experiment not run);
* ``verified`` if every deciding check holds as stated;
* ``qualified`` if some fail as stated and each of those has a correction
  that holds and only adds an assumption or narrows the scope
  (:attr:`verify.model.Change.keeps_statement`);
* ``refuted`` otherwise: some check fails as stated and its correction
  changes a constant, a formula or the conclusion, or no correction holds.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from verify.context import Context
from verify.model import Check, Claim, Outcome, Verdict

__all__ = [
    "CheckResult",
    "CheckStatus",
    "ClaimResult",
    "VariantResult",
    "run_check",
    "run_claim",
    "run_claims",
    "verdict_of",
]


class CheckStatus:
    """Status strings of a check (not verdicts: a claim has a verdict, a check a status)."""

    HOLDS = "holds"
    FAILS = "fails"
    PENDING = "pending"
    ERROR = "error"


@dataclass(frozen=True)
class VariantResult:
    """One subject's outcome."""

    label: str
    statement: str
    outcome: Outcome
    seconds: float


@dataclass(frozen=True)
class CheckResult:
    """Everything one check computed."""

    check: Check
    status: str
    stated: VariantResult | None
    corrected: VariantResult | None
    controls: tuple[VariantResult, ...]
    error: str | None
    seconds: float

    @property
    def teeth(self) -> bool:
        """Whether every control was refuted."""
        return bool(self.controls) and all(c.outcome.holds is False for c in self.controls)


@dataclass(frozen=True)
class ClaimResult:
    """A claim's verdict with the results it was computed from."""

    claim: Claim
    verdict: Verdict
    explanation: str
    checks: tuple[CheckResult, ...]
    seconds: float


def _evaluate(check: Check, variant_label: str, statement: str, subject: object, ctx: Context) -> VariantResult:
    start = time.perf_counter()
    outcome = check.test(subject, ctx)
    if not isinstance(outcome, Outcome):
        raise TypeError(f"check {check.name} returned {type(outcome).__name__}, not an Outcome")
    return VariantResult(variant_label, statement, outcome, time.perf_counter() - start)


def _format_exception(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def run_check(check: Check, ctx: Context) -> CheckResult:
    """Run a check's stated subject, its correction if needed, and its controls."""
    start = time.perf_counter()
    stated = corrected = None
    controls: list[VariantResult] = []
    try:
        stated = _evaluate(check, check.stated.label, check.stated.statement, check.stated.subject, ctx)
        if stated.outcome.holds is None:
            return CheckResult(check, CheckStatus.PENDING, stated, None, (), None, time.perf_counter() - start)
        status = CheckStatus.HOLDS if stated.outcome.holds else CheckStatus.FAILS
        if not stated.outcome.holds and check.corrected is not None:
            corrected = _evaluate(
                check,
                f"corrected ({check.corrected.change.value})",
                check.corrected.statement,
                check.corrected.subject,
                ctx,
            )
        control_ctx = replace(ctx, shrink=False)  # a control must be refuted, not minimised
        for control in check.controls:
            controls.append(_evaluate(check, control.label, control.statement, control.subject, control_ctx))
    except Exception as exc:  # a crashing check is a result: it is reported, not swallowed
        return CheckResult(
            check,
            CheckStatus.ERROR,
            stated,
            corrected,
            tuple(controls),
            _format_exception(exc),
            time.perf_counter() - start,
        )
    problems = [f"control “{c.label}” passed: the check has no teeth" for c in controls if c.outcome.holds]
    problems += [f"control “{c.label}” could not be decided" for c in controls if c.outcome.holds is None]
    if corrected is not None and corrected.outcome.holds is None:
        problems.append("the correction could not be decided")
    if problems:
        return CheckResult(
            check,
            CheckStatus.ERROR,
            stated,
            corrected,
            tuple(controls),
            "; ".join(problems),
            time.perf_counter() - start,
        )
    return CheckResult(check, status, stated, corrected, tuple(controls), None, time.perf_counter() - start)


def verdict_of(results: Sequence[CheckResult]) -> tuple[Verdict, str]:
    """The claim verdict implied by its checks' results, with a one-line explanation."""
    errors = [r for r in results if r.status == CheckStatus.ERROR]
    if errors:
        return Verdict.ERROR, "; ".join(f"{r.check.name}: {r.error}" for r in errors)
    deciding = [r for r in results if r.check.decides]
    if not deciding:
        return Verdict.NOT_CHECKABLE, "no computation can decide this claim; related quantities are computed below"
    pending = [r for r in deciding if r.status == CheckStatus.PENDING]
    if pending:
        return Verdict.PENDING, "; ".join(
            f"{r.check.name}: {r.stated.outcome.reason if r.stated else 'not run'}" for r in pending
        )
    failing = [r for r in deciding if r.status == CheckStatus.FAILS]
    if not failing:
        return Verdict.VERIFIED, f"all {len(deciding)} deciding checks hold as stated"
    unrescued = [r for r in failing if r.corrected is None or not r.corrected.outcome.holds]
    replaced = [r for r in failing if r.check.corrected is not None and not r.check.corrected.change.keeps_statement]
    names = ", ".join(r.check.name for r in failing)
    if unrescued:
        return (
            Verdict.REFUTED,
            f"fails as stated ({names}); no correction holds for {', '.join(r.check.name for r in unrescued)}",
        )
    if replaced:
        changes = ", ".join(f"{r.check.name}: {r.check.corrected.change.value}" for r in replaced)  # type: ignore[union-attr]
        return Verdict.REFUTED, f"fails as stated ({names}); the correction changes the statement ({changes})"
    changes = ", ".join(f"{r.check.name}: {r.check.corrected.change.value}" for r in failing)  # type: ignore[union-attr]
    return Verdict.QUALIFIED, f"fails as stated ({names}); holds as stated once qualified ({changes})"


def run_claim(claim: Claim, ctx: Context) -> ClaimResult:
    """Run every check of a claim and compute its verdict."""
    start = time.perf_counter()
    results = tuple(run_check(check, ctx.for_check(claim.id, check.name)) for check in claim.checks)
    verdict, explanation = verdict_of(results)
    return ClaimResult(claim, verdict, explanation, results, time.perf_counter() - start)


def run_claims(claims: Iterable[Claim], ctx: Context, *, progress: bool = False) -> list[ClaimResult]:
    """Run claims in order, optionally with a progress bar on stderr."""
    claims = list(claims)
    if not progress:
        return [run_claim(c, ctx) for c in claims]
    from tqdm import tqdm

    from verify.progress import Heartbeat

    out = []
    current = ""
    with (
        tqdm(total=len(claims), desc="claims", unit="claim", file=sys.stderr, dynamic_ncols=True) as bar,
        Heartbeat(bar, lambda: current) as beat,
    ):
        for claim in claims:
            current = claim.id
            beat.started()  # a claim that runs for minutes still moves the bar, with its age
            out.append(run_claim(claim, ctx))
            bar.update(1)
    return out
