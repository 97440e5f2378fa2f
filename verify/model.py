"""The registry's data model: claims, checks, variants and outcomes.

A :class:`Check` is a test of one proposition, applied to *subjects*:

* ``stated``, the subject as the document states it (a formula, a number,
  a piece of code);
* ``corrected``, our corrected subject, run when ``stated`` fails; its
  :attr:`Correction.relation` says whether it keeps the document's
  conclusion under an added condition (``qualification``) or replaces it
  (``replacement``);
* ``controls``, deliberately wrong subjects that the test must refute:
  a check whose control passes has no teeth and is reported as an error.

The same test function runs on all of them, so a correction or a control
cannot be judged more leniently than the document. A :class:`Claim` holds
the checks; :func:`verify.runner.verdict_of` turns their outcomes into the
claim's verdict. No verdict is stored anywhere in the registry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from verify.context import Context

__all__ = [
    "Check",
    "Claim",
    "Correction",
    "Kind",
    "Outcome",
    "Relation",
    "Source",
    "Variant",
    "Verdict",
    "jsonable",
]


class Verdict(str, Enum):
    """A claim's verdict; the values are the strings written to ``report.json``."""

    VERIFIED = "verified"
    QUALIFIED = "qualified"
    REFUTED = "refuted"
    NOT_CHECKABLE = "not-checkable"
    PENDING = "pending"
    ERROR = "error"


class Kind(str, Enum):
    """How a check computes its outcome."""

    SYMBOLIC = "symbolic"  # sympy reduces a residual to 0, with a numeric cross-check
    NUMERIC = "numeric"  # closed forms and quadrature on concrete cases, against scipy/POT
    PROPERTY = "property"  # Hypothesis searches for a counterexample
    EMPIRICAL = "empirical"  # trained GANs, across seeds
    CODE_AUDIT = "code-audit"  # static reading or execution of the documents' code


class Relation(str, Enum):
    """How a correction relates to the document's statement."""

    #: Keeps the document's formula or conclusion, adding a condition, a
    #: convention or a narrower scope under which it holds.
    QUALIFICATION = "qualification"
    #: Replaces the document's formula, number or conclusion by another.
    REPLACEMENT = "replacement"


_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]*(\.[A-Za-z0-9-]+)?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: a document file name and a section heading (or a paper)."""

    document: str
    section: str

    def __str__(self) -> str:
        return f"{self.document} § {self.section}"


@dataclass(frozen=True)
class Variant:
    """A subject for a check's test, with a label and a statement in our words."""

    label: str
    statement: str
    subject: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Correction:
    """Our corrected subject for a check whose stated subject fails."""

    relation: Relation
    statement: str
    subject: Any = field(default=None, compare=False, repr=False)


def _finite_or_text(x: float) -> float | str:
    return x if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))


def jsonable(value: Any) -> Any:
    """Convert evidence values (numpy scalars and arrays, tuples, non-finite floats) to JSON types."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | str) or value is None:
        return value
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _finite_or_text(float(value))
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return repr(value)


@dataclass(frozen=True)
class Outcome:
    """The result of one test on one subject.

    ``holds`` is ``True`` or ``False`` when the test decided, and ``None``
    when it could not run (``reason`` says why: a missing document, an
    experiment not run in this profile).
    """

    holds: bool | None
    summary: str
    measurements: Mapping[str, Any] = field(default_factory=dict)
    counterexample: Mapping[str, Any] | None = None
    reason: str | None = None

    @staticmethod
    def passed(summary: str, **measurements: Any) -> Outcome:
        return Outcome(True, summary, jsonable(measurements))

    @staticmethod
    def failed(summary: str, counterexample: Mapping[str, Any] | None = None, **measurements: Any) -> Outcome:
        return Outcome(False, summary, jsonable(measurements), jsonable(counterexample))

    @staticmethod
    def undecided(reason: str) -> Outcome:
        return Outcome(None, reason, {}, None, reason)

    @staticmethod
    def decide(
        holds: bool, summary: str, counterexample: Mapping[str, Any] | None = None, **measurements: Any
    ) -> Outcome:
        """``passed`` or ``failed`` by ``holds``; the counterexample is kept only on failure."""
        if holds:
            return Outcome.passed(summary, **measurements)
        return Outcome.failed(summary, counterexample, **measurements)


Test = Callable[[Any, "Context"], Outcome]


@dataclass(frozen=True)
class Check:
    """One computation that bears on a claim.

    Parameters
    ----------
    name : str
        Stable within its claim, lower-case with hyphens.
    kind : Kind
        How the outcome is computed.
    method : str
        What is computed, in our words (shown in the report).
    test : callable
        ``test(subject, ctx) -> Outcome``.
    stated : Variant
        The document's subject.
    controls : tuple of Variant
        Wrong subjects the test must refute (at least one).
    corrected : Correction, optional
        Our subject, run when ``stated`` fails.
    decides : bool
        Whether the outcome enters the verdict. A check that only computes
        a related quantity for a literature claim has ``decides=False``.
    """

    name: str
    kind: Kind
    method: str
    test: Test = field(compare=False, repr=False)
    stated: Variant
    controls: tuple[Variant, ...]
    corrected: Correction | None = None
    decides: bool = True

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"check name {self.name!r} must be lower-case words joined by hyphens")
        if not self.controls:
            raise ValueError(f"check {self.name!r} has no negative control")
        labels = [c.label for c in self.controls]
        if len(set(labels)) != len(labels):
            raise ValueError(f"check {self.name!r} has two controls with the same label")


@dataclass(frozen=True)
class Claim:
    """A statement from the documents (or the literature they rest on), with its checks.

    Parameters
    ----------
    id : str
        Stable ID: the catalog's ID, with ``.a``, ``.b``, … where one
        catalog row holds several claims.
    title : str
        A few words.
    statement : str
        The claim, in our words, as the document makes it.
    sources : tuple of Source
        Document file names and section headings (or papers).
    checks : tuple of Check
        Computations; none for a purely literature claim.
    assumptions : tuple of str
        Conditions under which the checks evaluate the claim.
    references : tuple of str
        Literature that states or discusses the claim.
    notes : str
        Anything an expert reader should know that is not a check.
    """

    id: str
    title: str
    statement: str
    sources: tuple[Source, ...]
    checks: tuple[Check, ...] = ()
    assumptions: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    notes: str = ""

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"claim ID {self.id!r} is not of the form ABC-DEF or ABC-DEF.x")
        if not self.sources:
            raise ValueError(f"claim {self.id} has no source")
        names = [c.name for c in self.checks]
        if len(set(names)) != len(names):
            raise ValueError(f"claim {self.id} has two checks with the same name")
        if not any(c.decides for c in self.checks) and not self.references:
            raise ValueError(f"claim {self.id} has no deciding check and no literature reference")

    @property
    def catalog_id(self) -> str:
        """The catalog row this claim belongs to (its ID without the ``.x`` suffix)."""
        return self.id.split(".", 1)[0]
