"""Sympy facts about f-GAN's table: conjugates by the stationarity recipe, convexity, f′(1), the JS factor."""

from __future__ import annotations

import pytest
import sympy as sp

from gantheory import fdivergences as F
from gantheory import symbolic as S

ROWS = {r.name: r for r in F.table()}
u = F.u
SMOOTH = [n for n in F.NAMES if n != "total-variation"]


def _stationarity_conjugate(f: sp.Expr, t: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """Solve f′(u) = t for the maximiser u*(t) and return (u*, t·u* − f(u*)).

    sympy does not track where u* > 0: the caller supplies a ``t`` symbol whose assumptions say where it holds.
    """
    (u_star,) = sp.solve(sp.Eq(sp.diff(f, u), t), u)
    return u_star, t * u_star - f.subs(u, u_star)


def test_stationarity_gives_the_kl_conjugate() -> None:
    t = sp.Symbol("t", real=True)
    u_star, conj = _stationarity_conjugate(ROWS["kl"].f, t)
    assert sp.simplify(u_star - sp.exp(t - 1)) == 0
    assert sp.simplify(conj - ROWS["kl"].conjugate.subs(F.t, t)) == 0


def test_stationarity_gives_the_pearson_conjugate_only_where_the_maximiser_is_positive() -> None:
    t = sp.Symbol("t", real=True)
    u_star, conj = _stationarity_conjugate(ROWS["pearson"].f, t)
    assert sp.expand(conj - ROWS["pearson"].conjugate.subs(F.t, t)) == 0
    # u* = 1 + t/2 is a density ratio only for t > −2: the printed dom f* = ℝ is too wide
    assert sp.solve_univariate_inequality(u_star > 0, t, relational=False) == sp.Interval.open(-2, sp.oo)


def test_stationarity_gives_the_gan_conjugate() -> None:
    t = sp.Symbol("t", negative=True)  # dom f* = ℝ₋ as printed
    u_star, conj = _stationarity_conjugate(ROWS["gan"].f, t)
    assert sp.simplify(u_star - sp.exp(t) / (1 - sp.exp(t))) == 0
    # t = −log(1 + w) with w > 0 covers t < 0 and makes every log argument positive, so force=True is sound
    w = sp.Symbol("w", positive=True)
    residual = (conj - ROWS["gan"].conjugate.subs(F.t, t)).subs(t, -sp.log(1 + w))
    assert sp.simplify(sp.expand_log(sp.simplify(residual), force=True)) == 0


def test_stationarity_gives_the_reverse_kl_conjugate() -> None:
    t = sp.Symbol("t", negative=True)
    _, conj = _stationarity_conjugate(ROWS["reverse-kl"].f, t)
    assert sp.simplify(conj - ROWS["reverse-kl"].conjugate.subs(F.t, t)) == 0


@pytest.mark.parametrize("name", SMOOTH)
def test_second_derivative_is_positive(name: str) -> None:
    d2 = sp.factor(sp.simplify(sp.diff(ROWS[name].f, u, 2)))
    assert d2.is_positive, d2


def test_total_variation_second_derivative_is_a_positive_atom() -> None:
    d2 = sp.diff(ROWS["total-variation"].f, u, 2)
    assert d2 == sp.DiracDelta(u - 1)


@pytest.mark.parametrize("name", SMOOTH)
def test_printed_f_prime_at_one_is_the_derivative(name: str) -> None:
    row = ROWS[name]
    assert sp.simplify(sp.diff(row.f, u).subs(u, 1) - row.f_prime_at_1) == 0


def test_total_variation_is_not_differentiable_at_one() -> None:
    d = sp.diff(ROWS["total-variation"].f, u)
    assert sp.limit(d, u, 1, "-") == -sp.Rational(1, 2)
    assert sp.limit(d, u, 1, "+") == sp.Rational(1, 2)


def test_js_row_integrand_is_twice_the_js_integrand() -> None:
    a, b = S.a, S.b
    integrand = b * ROWS["js"].f.subs(u, a / b)
    assert sp.simplify(sp.expand_log(integrand - 2 * S.js_integrand(), force=True)) == 0


def test_gan_row_integrand_is_the_virtual_criterion() -> None:
    a, b = S.a, S.b
    integrand = b * ROWS["gan"].f.subs(u, a / b)
    assert sp.simplify(sp.expand_log(integrand - S.criterion_integrand(), force=True)) == 0


def test_activation_limits_are_the_domain_ends() -> None:
    v = F.v
    for name in ("js", "gan", "alpha-lt1"):
        row = ROWS[name]
        assert sp.limit(row.activation, v, sp.oo) == row.domain.sup
        assert sp.limit(row.activation, v, -sp.oo) == -sp.oo
