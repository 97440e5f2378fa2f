"""Each row of f-GAN's table, built in the test, against divergences and conjugates computed independently.

``test_fdivergences.py`` checks the rows built once at import. These tests build every row in their own
body, with parameters other than the defaults, and compare it with oracles that do not use the row: scipy's
``rel_entr`` and ``jensenshannon`` for D_f, a numeric supremum for the conjugate f*, and the domain's end
for the activation. (A mutation test forks its workers after import, so only rows built here carry a mutant.)
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special
from scipy.spatial.distance import jensenshannon

from gantheory import fdivergences as F

p = np.array([0.1, 0.2, 0.3, 0.4])
q = np.array([0.4, 0.35, 0.15, 0.1])
KL, RKL = float(special.rel_entr(p, q).sum()), float(special.rel_entr(q, p).sum())
JS = float(jensenshannon(p, q) ** 2)
PI, A_LT1, A_GT1 = 0.25, 0.25, 3.0


def _weighted_js(pi: float) -> float:
    m = pi * p + (1 - pi) * q
    return pi * float(special.rel_entr(p, m).sum()) + (1 - pi) * float(special.rel_entr(q, m).sum())


def _alpha(a: float) -> float:
    return (float(np.sum(p**a * q ** (1 - a))) - 1) / (a * (a - 1))


#: D_f(p‖q) of each row (parameters PI, A_LT1, A_GT1), computed without the row.
ORACLE = {
    "total-variation": 0.5 * float(np.abs(p - q).sum()),
    "kl": KL,
    "reverse-kl": RKL,
    "pearson": float(np.sum((p - q) ** 2 / q)),
    "neyman": float(np.sum((p - q) ** 2 / p)),
    "squared-hellinger": float(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)),
    "jeffrey": KL + RKL,
    "js": 2 * JS,
    "js-weighted": _weighted_js(PI),
    "gan": 2 * JS - math.log(4.0),
    "alpha-lt1": _alpha(A_LT1),
    "alpha-gt1": _alpha(A_GT1),
}

PARAMS = {"js-weighted": {"pi": PI}, "alpha-lt1": {"alpha": A_LT1}, "alpha-gt1": {"alpha": A_GT1}}


def build(name: str) -> F.FDivergence:
    return F.row(name, **PARAMS.get(name, {}))


@pytest.mark.parametrize("name", F.NAMES)
def test_the_rows_divergence_matches_its_oracle(name: str) -> None:
    assert build(name).divergence(p, q) == pytest.approx(ORACLE[name], rel=1e-12)


@pytest.mark.parametrize("name", F.NAMES)
def test_the_rows_generator_is_zero_at_one_except_gans(name: str) -> None:
    expected = -math.log(4.0) if name == "gan" else 0.0
    assert float(build(name).f_numeric(np.array([1.0]))[0]) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("name", F.NAMES)
def test_the_rows_derivative_matches_a_central_difference(name: str) -> None:
    row, h = build(name), 1e-6
    for x in (0.5, 2.0, 3.0):
        diff = (row.f_numeric(np.array([x + h])) - row.f_numeric(np.array([x - h])))[0] / (2 * h)
        assert float(row.f_prime_numeric(np.array([x]))[0]) == pytest.approx(float(diff), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", F.NAMES)
def test_the_rows_conjugate_is_the_supremum_at_its_optimal_critic_values(name: str) -> None:
    # At t = f'(u) the supremum of t·u' − f(u') is attained at u' = u, inside every row's valid range.
    row = build(name)
    for x in (0.5, 1.5, 2.5):
        t = float(row.f_prime_numeric(np.array([x]))[0])
        exact = t * x - float(row.f_numeric(np.array([x]))[0])
        assert float(row.conjugate_numeric(np.array([t]))[0]) == pytest.approx(exact, rel=1e-9, abs=1e-12)
        assert F.conjugate_by_supremum(row.f_numeric, t) == pytest.approx(exact, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("name", F.NAMES)
def test_the_rows_activation_lands_in_the_domain_and_reaches_its_end(name: str) -> None:
    row = build(name)
    values = row.activation_numeric(np.linspace(-30.0, 30.0, 601))
    assert F.in_domain(row.domain, values).all()
    top, bottom = float(row.domain.sup), float(row.domain.inf)
    assert float(values.max()) == pytest.approx(top, abs=1e-9) or (top == math.inf and values.max() > 20)
    assert float(values.min()) == pytest.approx(bottom, abs=1e-9) or (bottom == -math.inf and values.min() < -20)


def test_the_table_builds_its_documented_defaults() -> None:
    rows = {r.name: r for r in F.table()}
    assert tuple(rows) == F.NAMES
    assert rows["js-weighted"].params == {"pi": 0.3}
    assert rows["alpha-lt1"].params == {"alpha": 0.5}
    assert rows["alpha-gt1"].params == {"alpha": 2.0}
    assert rows["js-weighted"].divergence(p, q) == pytest.approx(_weighted_js(0.3), rel=1e-12)
    assert rows["alpha-lt1"].divergence(p, q) == pytest.approx(_alpha(0.5), rel=1e-12)
    assert rows["alpha-gt1"].divergence(p, q) == pytest.approx(_alpha(2.0), rel=1e-12)


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("js-weighted", {"pi": 1.0}, r"^pi must lie in \(0, 1\), got 1.0$"),
        ("js-weighted", {"pi": 0.0}, r"^pi must lie in \(0, 1\), got 0.0$"),
        ("alpha-lt1", {"alpha": 0.0}, r"^alpha-lt1 needs alpha < 1 and alpha ≠ 0, got 0.0$"),
        ("alpha-lt1", {"alpha": 1.0}, r"^alpha-lt1 needs alpha < 1"),
        ("alpha-gt1", {"alpha": 1.0}, r"^alpha-gt1 needs alpha > 1, got 1.0$"),
    ],
)
def test_a_row_parameter_out_of_range_is_named(name: str, params: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        F.row(name, **params)
