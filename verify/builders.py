"""Builders for the shapes that claims repeat: variants, checks, and identities with edited sides.

A claim module states *what* differs between the document's subject, our
correction and the controls; the builders supply what is the same:

* :func:`stated` and :func:`control` are variants with the report's labels
  (``as stated``, ``control: …``);
* :func:`check` takes variants as short tuples, ``(statement, subject)`` for
  the stated one and ``(label, statement, subject)`` for each control;
* :func:`identity` is a symbolic check of ``lhs == rhs`` whose variants give
  only the side that changes (the right-hand side by default, or any
  argument of a ``build`` function);
* :func:`numeric_check`, :func:`symbolic_check`, :func:`property_check`,
  :func:`code_audit` and :func:`empirical` are :func:`check` with its kind fixed;
* :func:`claim` is a :class:`~verify.model.Claim` with its checks as positional
  arguments after the statement, and :func:`sections` cites several sections
  of one document.

Example
-------
>>> import sympy as sp
>>> a, b = sp.symbols("a b", positive=True)
>>> c = identity(
...     "pointwise-identity",
...     "sympy: (a + b)/2 against the stated mean.",
...     lhs=(a + b) / 2,
...     stated=("the mean is (a + b)/2", (a + b) / 2),
...     controls=[("½ dropped", "the mean is a + b", a + b)],
... )
>>> [v.label for v in (c.stated, *c.controls)]
['as stated', 'control: ½ dropped']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import sympy as sp

from verify.checks import Identity, prove
from verify.model import Change, Check, Claim, Correction, Kind, Origin, Source, Test, Variant
from verify.proof import Domain
from verify.sources import src

__all__ = [
    "AS_STATED",
    "CONTROL",
    "check",
    "claim",
    "code_audit",
    "control",
    "controls",
    "correction",
    "empirical",
    "identity",
    "numeric_check",
    "property_check",
    "sections",
    "stated",
    "symbolic_check",
]

S = TypeVar("S")

#: The label of the document's subject in the report.
AS_STATED = "as stated"
#: The prefix of every control's label in the report.
CONTROL = "control: "

#: ``(label, statement, subject)``: a control, with its label's ``control: `` prefix left out.
ControlSpec = tuple[str, str, Any]
#: ``(change, statement, subject)``: a correction.
CorrectionSpec = tuple[Change, str, Any]


def stated(statement: str, subject: S) -> Variant[S]:
    """The document's subject: a :class:`~verify.model.Variant` labelled ``as stated``."""
    return Variant(AS_STATED, statement, subject)


def control(label: str, statement: str, subject: S) -> Variant[S]:
    """A deliberately wrong subject, labelled ``control: <label>``."""
    if label.startswith(CONTROL):
        raise ValueError(f"control label {label!r} repeats the {CONTROL!r} prefix that control() adds")
    return Variant(CONTROL + label, statement, subject)


def controls(*specs: ControlSpec, build: Callable[[Any], Any] | None = None) -> tuple[Variant[Any], ...]:
    """Controls from ``(label, statement, subject)`` tuples; ``build(subject)`` first, if given."""
    make = build or (lambda x: x)
    return tuple(control(label, statement, make(subject)) for label, statement, subject in specs)


def correction(change: Change, statement: str, subject: S) -> Correction[S]:
    """Our corrected subject (:class:`~verify.model.Correction`), with what it changes."""
    return Correction(change, statement, subject)


def check(
    name: str,
    kind: Kind,
    method: str,
    test: Test[Any],
    stated: tuple[str, Any],
    controls: Sequence[ControlSpec],
    *,
    corrected: CorrectionSpec | None = None,
    build: Callable[[Any], Any] | None = None,
    decides: bool = True,
) -> Check[Any]:
    """A :class:`~verify.model.Check` from short variant tuples.

    Parameters
    ----------
    name, kind, method, test, decides
        As for :class:`~verify.model.Check`.
    stated : (statement, subject)
        The document's subject.
    controls : sequence of (label, statement, subject)
        Wrong subjects; ``label`` without the ``control: `` prefix.
    corrected : (change, statement, subject), optional
        Our corrected subject.
    build : callable, optional
        Applied to every subject first: variants then give only what differs
        (a right-hand side, a constant, an edited formula).
    """
    make = build or (lambda x: x)
    return Check(
        name=name,
        kind=kind,
        method=method,
        test=test,
        stated=Variant(AS_STATED, stated[0], make(stated[1])),
        controls=tuple(control(label, statement, make(subject)) for label, statement, subject in controls),
        corrected=None if corrected is None else Correction(corrected[0], corrected[1], make(corrected[2])),
        decides=decides,
    )


def identity(
    name: str,
    method: str,
    *,
    stated: tuple[str, Any],
    controls: Sequence[ControlSpec],
    lhs: sp.Expr | None = None,
    build: Callable[[Any], Identity] | None = None,
    domains: Mapping[sp.Symbol, Domain] | None = None,
    corrected: CorrectionSpec | None = None,
    decides: bool = True,
) -> Check[Identity]:
    """A symbolic check that sympy proves an identity, its variants given as edits of one side.

    With ``lhs``, each variant's subject is a right-hand side and the identity
    is ``lhs == rhs`` on ``domains``. With ``build``, each subject is passed to
    ``build`` (``build(candidate) -> Identity``), for identities whose varying
    part is not a side (a candidate substituted into a derivative, a constant).

    Raises
    ------
    ValueError
        If neither or both of ``lhs`` and ``build`` are given.
    """
    if (lhs is None) == (build is None):
        raise ValueError("identity() needs exactly one of lhs (variants give the rhs) and build")
    if build is None:
        fixed_lhs, fixed_domains = lhs, dict(domains or {})

        def build(rhs: Any) -> Identity:
            return Identity(fixed_lhs, sp.sympify(rhs), fixed_domains)

    elif domains is not None:
        raise ValueError("identity(): give the domains inside build's Identity, not as domains=")
    return check(
        name, Kind.SYMBOLIC, method, prove, stated, controls, corrected=corrected, build=build, decides=decides
    )


# -- Checks of one kind: check() with its kind fixed ------------------------------------------------------------------


def _of_kind(kind: Kind, what: str) -> Callable[..., Check[Any]]:
    """:func:`check` with ``kind`` fixed: ``(name, method, test, stated, controls, *, corrected, build, decides)``."""

    def build_check(
        name: str,
        method: str,
        test: Test[Any],
        stated: tuple[str, Any],
        controls: Sequence[ControlSpec] = (),
        *,
        corrected: CorrectionSpec | None = None,
        build: Callable[[Any], Any] | None = None,
        decides: bool = True,
    ) -> Check[Any]:
        return check(name, kind, method, test, stated, controls, corrected=corrected, build=build, decides=decides)

    build_check.__name__ = build_check.__qualname__ = f"{kind.name.lower()}_check"
    build_check.__doc__ = f":func:`check` of kind :attr:`~verify.model.Kind.{kind.name}`: {what}."
    return build_check


#: :func:`check` of kind NUMERIC, without the ``kind`` argument.
numeric_check = _of_kind(Kind.NUMERIC, "computations on concrete cases")
#: :func:`check` of kind SYMBOLIC, without the ``kind`` argument.
symbolic_check = _of_kind(Kind.SYMBOLIC, "a sympy test of each variant's subject")
#: :func:`check` of kind PROPERTY, without the ``kind`` argument.
property_check = _of_kind(Kind.PROPERTY, "a Hypothesis search (``test`` from ``for_all``)")
#: :func:`check` of kind CODE_AUDIT, without the ``kind`` argument.
code_audit = _of_kind(Kind.CODE_AUDIT, "the documents' code, read or executed")
#: :func:`check` of kind EMPIRICAL, without the ``kind`` argument.
empirical = _of_kind(Kind.EMPIRICAL, "subjects measured across seeds or runs")


# -- Claims -----------------------------------------------------------------------------------------------------------


def claim(
    id: str,
    title: str,
    statement: str,
    *checks: Check[Any],
    sources: tuple[Source, ...],
    assumptions: tuple[str, ...] = (),
    references: Sequence[object] = (),
    notes: str = "",
    origin: Origin = Origin.DOCUMENT,
) -> Claim:
    """A :class:`~verify.model.Claim` whose checks follow its statement as positional arguments.

    Parameters
    ----------
    id, title, statement
        As for :class:`~verify.model.Claim`.
    *checks : Check
        The claim's checks, in the order the report lists them.
    sources, assumptions, notes, origin
        As for :class:`~verify.model.Claim`, with its defaults.
    references : sequence
        The literature; each item's ``str`` is its citation (a string, or a
        work of :mod:`verify.references`).

    The claim records where the module calls this function (``defined_at``), not this line.
    """
    return Claim(
        id=id,
        title=title,
        statement=statement,
        sources=sources,
        checks=checks,
        assumptions=assumptions,
        references=tuple(map(str, references)),
        notes=notes,
        origin=origin,
    )


# -- Sources -----------------------------------------------------------------------------------------------------------


def sections(document: str, *headings: str) -> tuple[Source, ...]:
    """Sources in several sections of one document: ``src(document, h)`` for each heading, in the order given.

    Raises
    ------
    ValueError
        If no heading is given, or ``document`` is not one of the documents (from :func:`verify.sources.src`).

    Example
    -------
    >>> from verify.sources import D001
    >>> [s.section for s in sections(D001, "2.1 Optimal Discriminator", "Key Equations Summary")]
    ['2.1 Optimal Discriminator', 'Key Equations Summary']
    """
    if not headings:
        raise ValueError(f"sections({document!r}) names no section")
    return tuple(src(document, heading) for heading in headings)
