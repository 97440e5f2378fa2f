r"""Check a derivation line by line: a chain of expressions joined by ``=``, ``≤``, ``<``, ``≥``, ``>``.

A :class:`Derivation` is what a proof on a blackboard looks like:

.. math::
    e_0 \;R_1\; e_1 \;R_2\; e_2 \;\cdots\; R_n\; e_n,
    \qquad R_i \in \{=, \le, <, \ge, >\},

each step with its justification in words and the conditions it needs.
:func:`check_derivation` decides every step in two independent ways, as
:func:`verify.proof.prove_identity` does for one identity:

* an equality :math:`e_{i-1} = e_i` is proved by :func:`~verify.proof.prove_identity`
  (sympy reduces the difference to 0, and float64 values at 200 points agree);
* an inequality :math:`e_{i-1} \le e_i` is evaluated in float64 at the same
  points, where :math:`e_i - e_{i-1} < 0` beyond rounding refutes it with that
  point as counterexample; it is proved when sympy's assumption system shows
  the (simplified) difference nonnegative (positive for a strict one), where
  a symbol sampled from the unit interval is rewritten as :math:`s/(1+s)`,
  :math:`s > 0`, so that sympy knows both it and :math:`1 - y` are positive.

A step is ``proved``, ``refuted`` (with a counterexample) or ``inconclusive``
(sympy could not decide what the numbers do not refute: never a pass). The
derivation holds when every step is proved; :attr:`DerivationProof.first_failure`
is the first step that is not. :func:`derive` is the same as a check test
(``test(subject, ctx) -> Outcome``) for claims.

Symbols carry their domains: sympy assumptions (``positive=True``) and, for
the numeric check, a :class:`~verify.proof.Domain` per symbol (default:
:data:`~verify.proof.POSITIVE` for positive symbols, :data:`~verify.proof.REAL`
otherwise). For example, the concavity of the discriminator's pointwise objective:

>>> import numpy as np, sympy as sp
>>> from verify.proof import UNIT
>>> a, b, y = sp.symbols("a b y", positive=True)
>>> f = a * sp.log(y) + b * sp.log(1 - y)
>>> d = Derivation(
...     "the discriminator's objective is concave",
...     sp.diff(f, y, 2),
...     (Step("=", -a / y**2 - b / (1 - y) ** 2, "differentiate twice"),
...      Step("<", sp.Integer(0), "both terms are negative")),
...     domains={y: UNIT},
... )
>>> check_derivation(d, rng=np.random.default_rng(0)).holds
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from verify.model import Outcome
from verify.proof import POSITIVE, REAL, UNIT, Domain, Inconclusive, _evaluate, _short, prove_identity, time_limit
from verify.tolerance import SYMBOLIC_NUMERIC, Tolerance

if TYPE_CHECKING:
    from verify.context import Context

__all__ = [
    "RELATIONS",
    "Derivation",
    "DerivationProof",
    "Step",
    "StepProof",
    "WrongStep",
    "check_derivation",
    "derive",
    "step_checks",
]

#: Accepted relation symbols, with their canonical spelling.
RELATIONS: dict[str, str] = {"=": "=", "==": "=", "<=": "≤", "≤": "≤", "<": "<", ">=": "≥", "≥": "≥", ">": ">"}


@dataclass(frozen=True)
class Step:
    """One line of a derivation: ``relation expr`` relative to the previous line.

    Parameters
    ----------
    relation : {"=", "≤", "<", "≥", ">"}
        How ``expr`` relates to the previous expression (``<=`` and ``>=`` are accepted too).
    expr : sympy expression
        The new expression.
    why : str
        The justification, in words (shown in the report).
    assumptions : tuple of str
        Conditions this step needs beyond the derivation's, in words.
    domains : mapping of Symbol to Domain
        Narrower sampling domains for this step's numeric check.
    """

    relation: str
    expr: sp.Expr
    why: str = ""
    assumptions: tuple[str, ...] = ()
    domains: Mapping[sp.Symbol, Domain] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"relation must be one of {sorted(set(RELATIONS.values()))}, got {self.relation!r}")
        object.__setattr__(self, "relation", RELATIONS[self.relation])
        object.__setattr__(self, "expr", sp.sympify(self.expr))


@dataclass(frozen=True)
class Derivation:
    """A chain ``start R₁ e₁ R₂ e₂ …`` with the domains of its symbols.

    Parameters
    ----------
    title : str
        What is derived.
    start : sympy expression
        The first expression.
    steps : tuple of Step
        At least one.
    assumptions : tuple of str
        Conditions of the whole derivation, in words (the domains are listed automatically).
    domains : mapping of Symbol to Domain
        Sampling domains of the numeric checks.
    """

    title: str
    start: sp.Expr
    steps: tuple[Step, ...]
    assumptions: tuple[str, ...] = ()
    domains: Mapping[sp.Symbol, Domain] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"derivation {self.title!r} has no steps")
        if not all(isinstance(s, Step) for s in self.steps):
            raise ValueError(f"derivation {self.title!r}: every step must be a Step")
        object.__setattr__(self, "start", sp.sympify(self.start))
        object.__setattr__(self, "steps", tuple(self.steps))

    def symbols(self) -> list[sp.Symbol]:
        """Every free symbol of the chain, sorted by name."""
        free = set(self.start.free_symbols)
        for s in self.steps:
            free |= s.expr.free_symbols
        return sorted(free, key=str)

    def domain_of(self, symbol: sp.Symbol, step: Step | None = None) -> Domain:
        """Where ``symbol``'s numeric samples come from (the step's domain first, then the derivation's)."""
        if step is not None and symbol in step.domains:
            return step.domains[symbol]
        if symbol in self.domains:
            return self.domains[symbol]
        return POSITIVE if symbol.is_positive else REAL

    def lines(self) -> list[str]:
        """The chain as text, one line per expression, each step with its justification."""
        out = [f"  {sp.sstr(self.start)}"]
        for s in self.steps:
            why = f"    [{s.why}]" if s.why else ""
            out.append(f"{s.relation} {sp.sstr(s.expr)}{why}")
        return out


@dataclass(frozen=True)
class StepProof:
    """The decision on one step (``index`` counts from 1)."""

    index: int
    relation: str
    lhs: str
    rhs: str
    why: str
    status: str  # "proved", "refuted" or "inconclusive"
    detail: str
    counterexample: Mapping[str, float] | None = None

    @property
    def holds(self) -> bool:
        return self.status == "proved"

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.index,
            "relation": self.relation,
            "lhs": self.lhs,
            "rhs": self.rhs,
            "why": self.why,
            "status": self.status,
            "detail": self.detail,
            "counterexample": dict(self.counterexample) if self.counterexample else None,
        }


@dataclass(frozen=True)
class DerivationProof:
    """Outcome of :func:`check_derivation`: one :class:`StepProof` per step."""

    title: str
    steps: tuple[StepProof, ...]

    @property
    def holds(self) -> bool:
        """Whether every step is proved."""
        return all(s.holds for s in self.steps)

    @property
    def first_failure(self) -> StepProof | None:
        """The first step that is not proved (refuted or inconclusive), or ``None``."""
        return next((s for s in self.steps if not s.holds), None)

    def describe(self) -> str:
        """One sentence: every step proved, or the first failing step and why."""
        if self.holds and len(self.steps) == 1:
            s = self.steps[0]
            return f"proved {s.lhs} {s.relation} {s.rhs}: {s.detail}"
        if self.holds:
            return f"all {len(self.steps)} steps proved (sympy, with a float64 check at each step)"
        s = self.first_failure
        assert s is not None
        where = f"step {s.index} of {len(self.steps)} ({s.lhs} {s.relation} {s.rhs})"
        return f"{where} is {s.status}: {s.detail}"


def _sample(
    derivation: Derivation, step: Step, symbols: list[sp.Symbol], rng: np.random.Generator, points: int
) -> dict[sp.Symbol, np.ndarray]:
    return {s: derivation.domain_of(s, step).sample(rng, points) for s in symbols}


def _prove_inequality(
    lhs: sp.Expr,
    rhs: sp.Expr,
    relation: str,
    derivation: Derivation,
    step: Step,
    *,
    rng: np.random.Generator,
    points: int,
    timeout_s: float,
    tol: Tolerance,
) -> tuple[str, str, Mapping[str, float] | None]:
    # gap ≥ 0 (or > 0) is what the step asserts
    gap = sp.sympify(rhs - lhs) if relation in ("≤", "<") else sp.sympify(lhs - rhs)
    strict = relation in ("<", ">")
    symbols = sorted(gap.free_symbols, key=str)
    n = points if symbols else 1
    sample = _sample(derivation, step, symbols, rng, n)
    terms = list(sp.Add.make_args(sp.expand(gap)))
    values = np.array([_evaluate(t, symbols, sample, n) for t in terms])
    total = values.sum(axis=0)
    allowed = tol.atol + tol.rtol * np.abs(values).sum(axis=0)
    with np.errstate(invalid="ignore"):
        shortfall = np.where(np.isfinite(total), -total - allowed, np.inf)
    worst = int(np.argmax(shortfall))
    if shortfall[worst] > 0:
        counter = {str(s): float(sample[s][worst]) for s in symbols}
        counter["gap"] = float(total[worst])
        sense = "> 0" if strict else "≥ 0"
        return "refuted", f"the gap {_short(gap)} should be {sense} but is {total[worst]:.6g} at this point", counter

    # Unit-interval symbols become s/(1+s), s > 0: then y > 0 and 1 − y > 0 are both visible to sympy.
    unit = {s: sp.Symbol(f"{s}_s", positive=True) for s in symbols if derivation.domain_of(s, step) is UNIT}
    forms = [gap]
    if unit:
        forms.append(gap.subs({s: t / (1 + t) for s, t in unit.items()}))
    try:
        with time_limit(timeout_s):
            for form in list(forms):
                forms.append(sp.factor(sp.simplify(form)))
            for form in forms:
                decided = form.is_positive if strict else form.is_nonnegative
                if decided:
                    how = "positive" if strict else "nonnegative"
                    detail = (
                        f"sympy shows the gap {_short(gap)} {how}; numerically its minimum is "
                        f"{float(np.nanmin(total)):.3g} at {n} points"
                    )
                    return "proved", detail, None
    except TimeoutError:
        pass
    return (
        "inconclusive",
        f"sympy could not decide the sign of the gap {_short(gap)} (numerically ≥ {float(np.nanmin(total)):.3g})",
        None,
    )


def check_derivation(
    derivation: Derivation,
    *,
    rng: np.random.Generator,
    timeout_s: float = 30.0,
    points: int = 200,
    tol: Tolerance = SYMBOLIC_NUMERIC,
) -> DerivationProof:
    """Decide every step of ``derivation``.

    Parameters
    ----------
    derivation : Derivation
    rng : numpy Generator
        Source of the numeric sample points (each step draws its own, in order).
    timeout_s : float
        Time limit of the symbolic work of each step.
    points : int
        Numeric sample points per step.
    tol : Tolerance
        Rounding allowance of the numeric checks, scaled by the size of the summands.

    Returns
    -------
    DerivationProof
        Every step's status; ``first_failure`` is the first one not proved.
    """
    proofs = []
    previous = derivation.start
    for i, step in enumerate(derivation.steps, start=1):
        lhs, rhs = previous, step.expr
        common = {"index": i, "relation": step.relation, "lhs": _short(lhs), "rhs": _short(rhs), "why": step.why}
        if step.relation == "=":
            symbols = sorted((lhs - rhs).free_symbols | lhs.free_symbols | rhs.free_symbols, key=str)
            domains = {s: derivation.domain_of(s, step) for s in symbols}
            try:
                proof = prove_identity(lhs, rhs, rng=rng, domains=domains, timeout_s=timeout_s, points=points, tol=tol)
            except Inconclusive as exc:
                proofs.append(StepProof(**common, status="inconclusive", detail=str(exc)))
            else:
                status = "proved" if proof.holds else "refuted"
                proofs.append(
                    StepProof(**common, status=status, detail=proof.describe(), counterexample=proof.counterexample)
                )
        else:
            status, detail, counter = _prove_inequality(
                lhs, rhs, step.relation, derivation, step, rng=rng, points=points, timeout_s=timeout_s, tol=tol
            )
            proofs.append(StepProof(**common, status=status, detail=detail, counterexample=counter))
        previous = rhs
    return DerivationProof(derivation.title, tuple(proofs))


def derive(subject: Derivation, ctx: Context) -> Outcome:
    """Check test: every step of the derivation ``subject`` is proved.

    A refuted step fails the check, with that step's counterexample; a step that
    sympy cannot decide while the numbers agree raises :class:`~verify.proof.Inconclusive`
    (an error of the harness, never a pass).
    """
    proof = check_derivation(subject, rng=ctx.rng("derivation"), timeout_s=ctx.profile.symbolic_timeout_s)
    first = proof.first_failure
    if first is not None and first.status == "inconclusive":
        raise Inconclusive(proof.describe())
    counter = None
    if first is not None:
        counter = {"step": first.index, "relation": f"{first.lhs} {first.relation} {first.rhs}"}
        counter.update(first.counterexample or {})
    return Outcome.decide(
        proof.holds,
        proof.describe(),
        counterexample=counter,
        derivation=subject.lines(),
        steps=[s.as_dict() for s in proof.steps],
    )


@dataclass(frozen=True)
class WrongStep:
    """A negative control for one step: the same line with a wrong expression (or relation)."""

    label: str
    expr: sp.Expr
    relation: str | None = None


def step_checks(
    derivation: Derivation, controls: Mapping[int, tuple[WrongStep, ...]], *, prefix: str = "step"
) -> tuple[Any, ...]:
    """One symbolic :class:`~verify.model.Check` per step of ``derivation``, so a report shows each line checked.

    Step ``i`` (from 1) becomes the check ``{prefix}-i``: the one-step derivation from line
    ``i − 1`` to line ``i`` under the derivation's domains, tested by :func:`derive`.
    ``controls[i]`` are wrong versions of that line, which the same test must refute;
    every step needs at least one.

    Raises
    ------
    ValueError
        If a step has no control.
    """
    from verify.model import Check, Kind, Variant

    missing = [i for i in range(1, len(derivation.steps) + 1) if not controls.get(i)]
    if missing:
        raise ValueError(f"derivation {derivation.title!r}: steps {missing} have no negative control")
    checks = []
    previous = derivation.start
    for i, step in enumerate(derivation.steps, start=1):
        one = Derivation(f"{derivation.title}, step {i}", previous, (step,), derivation.assumptions, derivation.domains)
        line = f"{sp.sstr(previous)} {step.relation} {sp.sstr(step.expr)}"
        wrong = []
        for c in controls[i]:
            bad = Step(c.relation or step.relation, c.expr, step.why, step.assumptions, step.domains)
            wrong.append(
                Variant(
                    f"control: {c.label}",
                    f"{sp.sstr(previous)} {bad.relation} {sp.sstr(bad.expr)}",
                    Derivation(one.title, previous, (bad,), derivation.assumptions, derivation.domains),
                )
            )
        checks.append(
            Check(
                name=f"{prefix}-{i}",
                kind=Kind.SYMBOLIC,
                method=f"line {i} of the derivation ({step.why or 'no justification given'}): "
                + ("sympy reduces the difference to 0" if step.relation == "=" else "sympy decides the sign of the gap")
                + ", with a float64 check at 200 points",
                test=derive,
                stated=Variant("as stated", line, one),
                controls=tuple(wrong),
            )
        )
        previous = step.expr
    return tuple(checks)
