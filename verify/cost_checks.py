"""Tests and check builders shared by the claims about generator costs and losses.

The tests take tables of per-sample costs, sympy expressions in y = D ∈ (0, 1) (or in the logit ℓ,
D = σ(ℓ)): :func:`prove_rows` proves a table of identities, :func:`derivative_signs` reads the
direction a cost pushes D, :func:`saturation` takes the limits of the gradients as D → 0, and
:func:`same_ranking` asks whether two expected costs prefer the same generators. The builders
(:func:`rows_check`, :func:`directions_check`, :func:`saturation_check`, :func:`ranking_check`)
make a check of each from its variants' subjects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from numpy.typing import NDArray

from gantheory import symbolic as S
from gantheory.losses import ranks_differently
from verify.builders import ControlSpec, CorrectionSpec, check
from verify.checks import Identity, for_all, prove
from verify.context import Context
from verify.model import Check, Kind, Outcome

__all__ = [
    "COSTS",
    "PER_SAMPLE_COSTS",
    "Ranking",
    "derivative_signs",
    "directions_check",
    "prove_rows",
    "ranking_check",
    "rows_check",
    "same_ranking",
    "saturation",
    "saturation_check",
]

Array = NDArray[np.float64]
y, ell = S.y, S.ell

#: Per-sample generator costs as functions of y = D(G(z)); G minimises each.
COSTS: dict[str, sp.Expr] = S.generator_costs_of_output()


def prove_rows(rows: Mapping[str, Identity], ctx: Context) -> Outcome:
    """Test: every row's identity is proved (sympy and numbers); fails naming the rows that do not hold."""
    outcomes = {name: prove(identity, ctx) for name, identity in rows.items()}
    failing = [name for name, o in outcomes.items() if not o.holds]
    detail = {name: o.summary for name, o in outcomes.items()}
    if failing:
        first = outcomes[failing[0]]
        return Outcome.failed(
            f"{len(failing)} of {len(rows)} rows do not hold: {', '.join(failing)}",
            counterexample={"row": failing[0], **(first.counterexample or {})},
            rows=detail,
        )
    return Outcome.passed(f"all {len(rows)} rows proved", rows=detail)


def derivative_signs(subject: Mapping[str, tuple[sp.Expr, int]], ctx: Context) -> Outcome:
    """Test: each named expression in y has the claimed sign of d/dy on (0, 1).

    The derivative and its sign on a grid come from :func:`gantheory.symbolic.derivative_sign`.
    """
    found: dict[str, dict[str, object]] = {}
    wrong = []
    for name, (expr, claimed) in subject.items():
        deriv, sign = S.derivative_sign(expr)
        found[name] = {"derivative": sp.sstr(deriv), "sign on (0,1)": sign, "claimed": claimed}
        if sign != claimed:
            wrong.append(name)
    if wrong:
        return Outcome.failed(
            f"the sign of d/dD disagrees with the claim for: {', '.join(wrong)}",
            counterexample={"term": wrong[0], **found[wrong[0]]},
            derivatives=found,
        )
    return Outcome.passed(f"the claimed direction holds for all {len(subject)} terms", derivatives=found)


def saturation(subject: tuple[str, Mapping[str, bool]], ctx: Context) -> Outcome:
    """Test: which costs saturate, i.e. whose gradient magnitude tends to 0 as D(G(z)) → 0.

    ``subject = (wrt, {cost name: claimed to saturate})`` with ``wrt`` ``"logit"`` or ``"output"``:
    the limit of |∂cost/∂ℓ| as ℓ → −∞ (or of |∂cost/∂D| as D → 0⁺) is computed by sympy.
    """
    wrt, claims = subject
    limits: dict[str, str] = {}
    wrong = []
    for name, claimed in claims.items():
        if wrt == "logit":
            lim = sp.limit(sp.Abs(sp.diff(S.of_logit(COSTS[name]), ell)), ell, -sp.oo)
        else:
            lim = sp.limit(sp.Abs(sp.diff(COSTS[name], y)), y, 0, "+")
        limits[name] = sp.sstr(lim)
        if bool(lim == 0) != claimed:
            wrong.append(name)
    what = "|∂cost/∂ℓ| as ℓ → −∞" if wrt == "logit" else "|∂cost/∂D| as D → 0⁺"
    if wrong:
        return Outcome.failed(
            f"{what}: the claimed saturation is wrong for {', '.join(wrong)}",
            counterexample={"cost": wrong[0], "limit": limits[wrong[0]], "claimed saturates": claims[wrong[0]]},
            limits=limits,
        )
    return Outcome.passed(f"{what}: " + ", ".join(f"{k} → {v}" for k, v in limits.items()), limits=limits)


@dataclass(frozen=True)
class Ranking:
    """Two generator costs claimed to order generators the same way.

    A generator is described by the discriminator outputs D(G(z)) on its samples (1 to
    ``support`` equally likely values); its objective is the mean cost. ``support = 1`` compares
    the costs sample by sample.
    """

    cost_a: Callable[[Array], Array]
    cost_b: Callable[[Array], Array]
    support: int
    #: ``True`` claims the opposite: some pair of generators is ordered differently by the two costs.
    disagree: bool = False


#: Per-sample costs of D = D(G(z)) that the ranking checks compare, elementwise on arrays; G minimises each.
PER_SAMPLE_COSTS: dict[str, Callable[[Array], Array]] = {
    "log(1 − D)": lambda d: np.log1p(-d),
    "2·log(1 − D)": lambda d: 2 * np.log1p(-d),
    "−log D": lambda d: -np.log(d),
    "log D": lambda d: np.log(d),
    "−D": lambda d: -d,
    "−3·D": lambda d: -3 * d,
}

#: Two generators on which "minimise E log(1 − D)" and "maximise E log D" disagree (our example).
SPLIT_VS_MIDDLE = (np.array([0.01, 0.99]), np.array([0.5]))


def _disagree(r: Ranking, a: Array, b: Array) -> bool:
    return ranks_differently(r.cost_a, r.cost_b, a, b)


def _generators(support: int) -> st.SearchStrategy[Array]:
    d = st.floats(1e-3, 1 - 1e-3, allow_nan=False)
    return st.lists(d, min_size=1, max_size=support).map(lambda v: np.asarray(v, dtype=np.float64))


def same_ranking(subject: Ranking, ctx: Context) -> Outcome:
    """Test: the two expected costs prefer the same generator of every pair (or, if ``disagree``, not).

    The fixed pair :data:`SPLIT_VS_MIDDLE` is tried first (when the support allows two values),
    then Hypothesis searches pairs of generators for a disagreement. A claimed disagreement
    holds exactly when the agreement claim fails, so both can fail.
    """
    if subject.disagree:
        agreement = same_ranking(replace(subject, disagree=False), ctx)
        if agreement.holds is None:
            return agreement
        return Outcome.decide(
            not agreement.holds,
            ("a pair of generators is ordered differently: " if not agreement.holds else "no pair disagrees: ")
            + agreement.summary,
            counterexample={"agreement": agreement.summary},
            pair=(agreement.counterexample or {}),
        )
    fixed = None
    if subject.support >= 2 and _disagree(subject, *SPLIT_VS_MIDDLE):
        a, b = SPLIT_VS_MIDDLE
        fixed = {
            "generator A: D(G(z))": a.tolist(),
            "generator B: D(G(z))": b.tolist(),
            "cost a: E_A, E_B": [float(subject.cost_a(a).mean()), float(subject.cost_a(b).mean())],
            "cost b: E_A, E_B": [float(subject.cost_b(a).mean()), float(subject.cost_b(b).mean())],
        }
    search = for_all(
        st.tuples(_generators(subject.support), _generators(subject.support)),
        lambda r, ab: not _disagree(r, *ab),
        inputs=f"pairs of generators with 1–{subject.support} values of D(G(z))",
        show=lambda ab: [v.tolist() for v in ab],
    )(subject, ctx)
    if fixed is not None:
        return Outcome.failed(
            "the two expected costs prefer different generators; " + search.summary,
            counterexample={"fixed example": fixed, "search": (search.counterexample or {}).get("input")},
        )
    return search


# ---------------------------------------------------------------------------
# Builders: each variant gives only the subject's varying part
# ---------------------------------------------------------------------------


def rows_check(
    name: str,
    method: str,
    rows: Callable[..., Mapping[str, Identity]],
    stated: tuple[str, tuple[Any, ...]],
    controls: Sequence[ControlSpec],
    *,
    corrected: CorrectionSpec | None = None,
    decides: bool = True,
) -> Check[Any]:
    """A symbolic :func:`prove_rows` check of a table of identities; each variant gives ``rows``' arguments."""
    return check(
        name,
        Kind.SYMBOLIC,
        method,
        prove_rows,
        stated,
        controls,
        corrected=corrected,
        build=lambda a: rows(*a),
        decides=decides,
    )


def directions_check(
    name: str,
    method: str,
    table: Mapping[str, tuple[sp.Expr, int]],
    statement: str,
    controls: Sequence[ControlSpec],
    *,
    decides: bool = True,
) -> Check[Any]:
    """A :func:`derivative_signs` check of ``{term: (expression, claimed sign)}``; controls give edited rows."""
    return check(
        name,
        Kind.SYMBOLIC,
        method,
        derivative_signs,
        (statement, {}),
        controls,
        build=lambda edits: {**table, **edits},
        decides=decides,
    )


def saturation_check(
    name: str,
    method: str,
    stated: tuple[str, tuple[str, Mapping[str, bool]]],
    controls: Sequence[ControlSpec],
    *,
    decides: bool = True,
) -> Check[Any]:
    """A symbolic :func:`saturation` check; each variant gives ``(wrt, {cost: saturates})``."""
    return check(name, Kind.SYMBOLIC, method, saturation, stated, controls, decides=decides)


def ranking_check(
    name: str,
    method: str,
    stated: tuple[str, tuple[Any, ...]],
    corrected: CorrectionSpec,
    controls: Sequence[ControlSpec],
    *,
    decides: bool = True,
) -> Check[Any]:
    """A :func:`same_ranking` property check; each variant gives ``(cost a, cost b, support[, disagree])``.

    The costs are named by their keys in :data:`PER_SAMPLE_COSTS`.
    """

    def build(a: tuple[Any, ...]) -> Ranking:
        return Ranking(PER_SAMPLE_COSTS[a[0]], PER_SAMPLE_COSTS[a[1]], *a[2:])

    return check(
        name, Kind.PROPERTY, method, same_ranking, stated, controls, corrected=corrected, build=build, decides=decides
    )
