"""The registry's data model: claims, checks, variants and outcomes.

A :class:`Check` is a test of one proposition, applied to *subjects*:

* ``stated``, the subject as the document states it (a formula, a number,
  a piece of code);
* ``corrected``, our corrected subject, run when ``stated`` fails; its
  :attr:`Correction.change` declares what the correction changes (an added
  assumption, a narrowed domain or scope, a changed constant or formula, a
  changed conclusion), and :attr:`Change.keeps_statement` turns that kind
  into the verdict's rule: the first two qualify the statement, the last two
  refute it;
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
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import FrameType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import numpy as np

if TYPE_CHECKING:
    from verify.context import Context

__all__ = [
    "Change",
    "Check",
    "Claim",
    "Correction",
    "Kind",
    "Origin",
    "Outcome",
    "Source",
    "Variant",
    "Verdict",
    "is_document_name",
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


class Change(str, Enum):
    """What a correction changes in the statement it corrects.

    The kind, not a label chosen per claim, decides between ``qualified`` and
    ``refuted`` (:attr:`keeps_statement`): a statement that holds once an
    assumption is added or its domain is narrowed is qualified; one whose
    constant, formula or conclusion must change is refuted.
    """

    #: The statement holds as written once a condition or convention it left
    #: implicit is added (a density exists, D is optimal, f′ read as a subgradient).
    ASSUMPTION = "added-assumption"
    #: The statement holds as written on a smaller domain or for fewer cases
    #: (t ≥ −2 instead of ℝ, the minimax loss and not both losses).
    SCOPE = "narrowed-scope"
    #: A number, a formula or a piece of code must change (a factor ½, p and q
    #: swapped, a missing line of code, a penalty added to the objective).
    FORMULA = "changed-formula"
    #: What the statement concludes must change (“encourages” for “enforces”,
    #: “not equivalent” for “equivalent”, “does not reach” for “reaches”).
    CONCLUSION = "changed-conclusion"

    @property
    def keeps_statement(self) -> bool:
        """Whether the document's statement survives the correction (a qualification)."""
        return self in (Change.ASSUMPTION, Change.SCOPE)

    @property
    def relation(self) -> str:
        """``qualification`` or ``replacement``: the kind's effect on the verdict, as the report words it."""
        return "qualification" if self.keeps_statement else "replacement"


class Origin(str, Enum):
    """Who makes a claim; only a document's claims are counted for or against a document."""

    #: A tutorial document states it.
    DOCUMENT = "document"
    #: A published result the documents rest on (a paper's theorem or table), checked on its own.
    LITERATURE = "literature"
    #: Ours: a converse, an extension or an experiment that no document states.
    EXTENSION = "extension"


_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]*(\.[A-Za-z0-9-]+)?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: A tutorial document's file name (``000_2023e3cfc1f17277.txt``); other sources are papers.
#: A document is named by its file name (no spaces, an extension such as .txt or .md); a paper by a citation.
_DOCUMENT = re.compile(r"^[^\s/]+\.[A-Za-z][A-Za-z0-9]*$")


def is_document_name(name: str) -> bool:
    """Whether a source's name is a tutorial document's file name (rather than a paper's)."""
    return bool(_DOCUMENT.match(name))


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: a document file name and a section heading (or a paper)."""

    document: str
    section: str

    def __str__(self) -> str:
        return f"{self.document} § {self.section}"


#: The type of a check's subject (an :class:`~verify.checks.Identity`, a formula, a piece of code …).
S = TypeVar("S")


@dataclass(frozen=True)
class Variant(Generic[S]):
    """A subject for a check's test, with a label and a statement in our words.

    :func:`verify.builders.stated` and :func:`verify.builders.control` give the report's labels.
    """

    label: str
    statement: str
    subject: S = field(default=None, compare=False, repr=False)  # type: ignore[assignment]


@dataclass(frozen=True)
class Correction(Generic[S]):
    """Our corrected subject for a check whose stated subject fails.

    ``change`` declares what the correction changes; it fixes the verdict
    (:attr:`Change.keeps_statement`), so it must describe the edit truthfully.
    """

    change: Change
    statement: str
    subject: S = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if not isinstance(self.change, Change):
            raise TypeError(f"a correction's change must be a Change, not {self.change!r}")

    @property
    def relation(self) -> str:
        """``qualification`` or ``replacement``, as implied by :attr:`change`."""
        return self.change.relation


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


#: ``test(subject, ctx) -> Outcome``.
Test = Callable[[S, "Context"], Outcome]


@dataclass(frozen=True)
class Check(Generic[S]):
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
    test: Test[S] = field(compare=False, repr=False)
    stated: Variant[S]
    controls: tuple[Variant[S], ...]
    corrected: Correction[S] | None = None
    decides: bool = True

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"check name {self.name!r} must be lower-case words joined by hyphens")
        if not self.controls:
            raise ValueError(f"check {self.name!r} has no negative control")
        labels = [c.label for c in self.controls]
        if len(set(labels)) != len(labels):
            raise ValueError(f"check {self.name!r} has two controls with the same label")


def _definition_site() -> str:
    """``module:line`` of the module-level statement being executed when a claim is built.

    A claim built by a builder function is found where the module calls the builder: the
    innermost frame that runs a module body, else the first frame outside this module.
    """
    frame: FrameType | None = sys._getframe(2)
    first = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "?")
        if first is None and module not in (__name__, "dataclasses"):
            first = f"{module}:{frame.f_lineno}"
        if frame.f_code.co_name == "<module>" and module not in (__name__, "dataclasses"):
            return f"{module}:{frame.f_lineno}"
        frame = frame.f_back
    return first or "?"


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
    origin : Origin
        Who makes the claim. A claim whose sources name no tutorial document
        cannot be a document's; a literature result or an extension of ours
        is counted apart and never against a document.
    """

    id: str
    title: str
    statement: str
    sources: tuple[Source, ...]
    checks: tuple[Check[Any], ...] = ()
    assumptions: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    notes: str = ""
    origin: Origin = Origin.DOCUMENT
    #: ``module:line`` of the statement that built the claim (set on construction), so that a
    #: generated ID (``FGAN-TABLE6.kl``) can be found in the source: ``python -m verify list`` prints it.
    defined_at: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.defined_at:
            object.__setattr__(self, "defined_at", _definition_site())
        if not isinstance(self.origin, Origin):
            raise TypeError(f"claim {self.id}: origin must be an Origin, not {self.origin!r}")
        if not _ID.match(self.id):
            raise ValueError(f"claim ID {self.id!r} is not of the form ABC-DEF or ABC-DEF.x")
        if not self.sources:
            raise ValueError(f"claim {self.id} has no source")
        names = [c.name for c in self.checks]
        if len(set(names)) != len(names):
            raise ValueError(f"claim {self.id} has two checks with the same name")
        if self.origin is Origin.DOCUMENT and not any(is_document_name(s.document) for s in self.sources):
            raise ValueError(f"claim {self.id} cites no tutorial document: its origin is literature or extension")
        if not any(c.decides for c in self.checks) and not self.references:
            raise ValueError(f"claim {self.id} has no deciding check and no literature reference")

    @property
    def catalog_id(self) -> str:
        """The catalog row this claim belongs to (its ID without the ``.x`` suffix)."""
        return self.id.split(".", 1)[0]
