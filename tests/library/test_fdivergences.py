"""gantheory.fdivergences: the float64 twins, the conjugate by supremum, the table's structure and validation."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy import special

from gantheory import divergences as dv
from gantheory import fdivergences as F
from gantheory.discriminator import virtual_criterion
from gantheory.strategies import pmf_pairs
from gantheory.symbolic import u
from tests.cases import exact_one_ulp_pairs
from verify.tolerance import CONJUGATE, IDENTITY, assert_close

ROWS = F.table()
BY_NAME = {r.name: r for r in ROWS}
IDS = [r.name for r in ROWS]
#: Rows whose printed conjugate is wrong on part of its printed domain (the far left).
PARTIAL = {"pearson": -2.0, "alpha-gt1": -1.0}  # −1/(α − 1) with α = 2


def _exact(expr: sp.Expr, symbol: sp.Symbol, x: float) -> float:
    """``expr`` at ``x`` with 30 significant digits, as a float (the oracle for the lambdified twins)."""
    return float(sp.N(expr.subs(symbol, sp.Float(x, 30)), 30))


def _inside(row: F.FDivergence) -> np.ndarray:
    pts = F.points_spanning(row.domain)
    if row.name in PARTIAL:
        pts = pts[pts >= PARTIAL[row.name]]
    return pts


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def test_table_has_the_twelve_rows_in_order() -> None:
    assert tuple(r.name for r in ROWS) == F.NAMES
    assert len(set(F.NAMES)) == 12


def test_row_matches_table() -> None:
    assert F.row("kl") == BY_NAME["kl"]
    assert F.row("js-weighted", pi=0.3).f == BY_NAME["js-weighted"].f


def test_parameters_enter_sympy_as_exact_rationals() -> None:
    jsw = F.row("js-weighted", pi=0.3)
    assert jsw.params["pi"] == 0.3
    assert sp.Rational(3, 10) in jsw.f.atoms(sp.Rational)
    assert not jsw.f.atoms(sp.Float)
    assert F.row("alpha-lt1", alpha=0.25).domain == sp.Interval.open(-sp.oo, sp.Rational(4, 3))


def test_js_halved_is_half_the_js_row() -> None:
    assert sp.simplify(F.js_halved().f - BY_NAME["js"].f / 2) == 0


# ---------------------------------------------------------------------------
# numeric twins equal the sympy forms
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_f_numeric_equals_sympy(name: str) -> None:
    row = BY_NAME[name]
    us = np.array([1e-3, 0.3, 1.0, 2.5, 1e3])
    assert_close(row.f_numeric(us), [_exact(row.f, F.u, x) for x in us], IDENTITY)


@pytest.mark.parametrize("name", IDS)
def test_conjugate_numeric_equals_sympy(name: str) -> None:
    row = BY_NAME[name]
    ts = F.points_spanning(row.domain)
    assert_close(row.conjugate_numeric(ts), [_exact(row.conjugate, F.t, x) for x in ts], IDENTITY)


@pytest.mark.parametrize("name", IDS)
def test_activation_numeric_equals_sympy(name: str) -> None:
    row = BY_NAME[name]
    vs = np.array([-20.0, -1.0, 0.0, 2.0, 30.0])
    assert_close(row.activation_numeric(vs), [_exact(row.activation, F.v, x) for x in vs], IDENTITY)


@pytest.mark.parametrize("name", IDS)
def test_f_prime_numeric_equals_sympy(name: str) -> None:
    row = BY_NAME[name]
    us = np.array([1e-3, 0.3, 2.5, 1e3])
    assert_close(row.f_prime_numeric(us), [_exact(row.f_prime, F.u, x) for x in us], IDENTITY)


def test_f_numeric_at_zero_is_the_limit() -> None:
    assert BY_NAME["kl"].f_numeric(0.0) == 0.0
    assert BY_NAME["reverse-kl"].f_numeric(np.array([0.0, 1.0])).tolist() == [np.inf, 0.0]
    assert_close(BY_NAME["js"].f_numeric(0.0), np.log(2.0))


def test_conjugate_is_infinite_off_its_domain() -> None:
    assert BY_NAME["gan"].conjugate_numeric(np.array([0.0, 0.5])).tolist() == [np.inf, np.inf]
    assert BY_NAME["total-variation"].conjugate_numeric(0.6) == np.inf


def test_stable_forms_do_not_overflow() -> None:
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        gan = BY_NAME["gan"]
        assert_close(gan.activation_numeric(-800.0), -800.0)  # log σ(v) ≈ v for v → −∞
        # −log(1 − e^t) = −log(−expm1(t)), exact where 1 − e^t cancels
        assert_close(gan.conjugate_numeric(-1e-12), -float(mpmath.log(-mpmath.expm1(mpmath.mpf("-1e-12")))))
        # W(e^{1−t}) through Wright's omega: e^{701} overflows float64
        jeffrey = BY_NAME["jeffrey"]
        w = mpmath.lambertw(mpmath.exp(701))
        assert_close(jeffrey.conjugate_numeric(-700.0), float(w + 1 / w - 700 - 2))


# ---------------------------------------------------------------------------
# generators: convex, normalised
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_f_is_midpoint_convex_on_a_log_grid(name: str) -> None:
    f = BY_NAME[name].f_numeric
    x = np.logspace(-3, 3, 61)
    xs, ys = np.meshgrid(x, x)
    gap = 0.5 * (f(xs) + f(ys)) - f(0.5 * (xs + ys))
    scale = np.abs(f(xs)) + np.abs(f(ys))
    assert (gap >= -1e-12 * (1 + scale)).all()


@pytest.mark.parametrize("name", [n for n in IDS if n != "gan"])
def test_f_at_one_is_zero(name: str) -> None:
    assert abs(float(BY_NAME[name].f_numeric(1.0))) <= 1e-15


def test_gan_row_is_not_normalised() -> None:
    assert_close(BY_NAME["gan"].f_numeric(1.0), -np.log(4.0))


# ---------------------------------------------------------------------------
# conjugates against the numeric supremum
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_printed_conjugate_equals_supremum_where_valid(name: str) -> None:
    row = BY_NAME[name]
    ts = _inside(row)
    sup = [F.conjugate_by_supremum(row.f_numeric, x) for x in ts]
    assert_close(row.conjugate_numeric(ts), sup, CONJUGATE)


@pytest.mark.parametrize(("name", "t", "value"), [("pearson", -3.0, -1.0), ("alpha-gt1", -2.0, -0.5)])
def test_printed_conjugate_fails_on_the_far_left(name: str, t: float, value: float) -> None:
    row = BY_NAME[name]
    assert_close(F.conjugate_by_supremum(row.f_numeric, t), value, CONJUGATE)  # −f(0+)
    assert float(row.conjugate_numeric(t)) > value + 0.1


def test_js_halved_conjugate_equals_supremum() -> None:
    row = F.js_halved()
    ts = F.points_spanning(row.domain)
    assert_close(row.conjugate_numeric(ts), [F.conjugate_by_supremum(row.f_numeric, x) for x in ts], CONJUGATE)


@pytest.mark.parametrize("t", [-5.0, -1.0, 0.0, 0.7, 3.0, 20.0])
def test_conjugate_by_supremum_kl(t: float) -> None:
    assert_close(F.conjugate_by_supremum(lambda x: x * np.log(x), t), np.exp(t - 1.0), CONJUGATE)


def test_conjugate_by_supremum_flat_part_and_infinity() -> None:
    pearson = lambda x: (x - 1.0) ** 2  # noqa: E731
    assert F.conjugate_by_supremum(pearson, -3.0) == pytest.approx(-1.0, abs=1e-12)
    tv = BY_NAME["total-variation"].f_numeric
    assert F.conjugate_by_supremum(tv, 0.5) == pytest.approx(0.5, abs=1e-12)  # boundary of dom f*, finite
    assert F.conjugate_by_supremum(tv, 0.6) == np.inf
    assert F.conjugate_by_supremum(BY_NAME["gan"].f_numeric, 0.0) == np.inf  # grows like log u
    neyman = BY_NAME["neyman"].f_numeric
    assert F.conjugate_by_supremum(neyman, 1.0) == pytest.approx(2.0, abs=1e-6)  # approached as u → ∞
    assert isinstance(F.conjugate_by_supremum(pearson, 1.0), float)


# ---------------------------------------------------------------------------
# activations, domains
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_activation_lands_in_the_domain(name: str) -> None:
    row = BY_NAME[name]
    assert F.in_domain(row.domain, row.activation_numeric(np.linspace(-30.0, 30.0, 601))).all()


@pytest.mark.parametrize("name", IDS)
def test_optimal_critic_lands_in_the_domain(name: str) -> None:
    row = BY_NAME[name]
    assert F.in_domain(row.domain, row.f_prime_numeric(np.logspace(-3, 3, 61))).all()


def test_points_spanning_reach_the_far_left() -> None:
    pts = F.points_spanning(sp.S.Reals)
    assert pts.min() == -30.0 and pts.max() == 30.0 and 0.0 in pts
    half_line = F.points_spanning(sp.Interval.open(-sp.oo, 1))
    assert half_line.max() < 1.0 and half_line.min() == -29.0
    closed = F.points_spanning(sp.Interval(-0.5, 0.5))
    assert closed[0] == -0.5 and closed[-1] == 0.5


def test_in_domain_respects_open_ends() -> None:
    assert F.in_domain(sp.Interval.open(-sp.oo, 0), [-1.0, 0.0]).tolist() == [True, False]
    assert F.in_domain(sp.Interval(-0.5, 0.5), [-0.5, 0.5, 0.51]).tolist() == [True, True, False]
    assert not F.in_domain(sp.S.Reals, [np.nan]).any()


# ---------------------------------------------------------------------------
# divergences on pmfs against the library's and scipy's
# ---------------------------------------------------------------------------

NAMED = {
    "kl": lambda p, q: float(special.rel_entr(p, q).sum()),
    "reverse-kl": lambda p, q: float(special.rel_entr(q, p).sum()),
    "total-variation": dv.total_variation,
    "pearson": dv.pearson_chi2,
    "neyman": dv.neyman_chi2,
    "squared-hellinger": dv.squared_hellinger,
    "jeffrey": lambda p, q: float(special.rel_entr(p, q).sum() + special.rel_entr(q, p).sum()),
    "js": lambda p, q: 2 * dv.js_divergence(p, q),  # the un-halved f gives 2·JS
    "gan": virtual_criterion,  # 2·JS − log 4 = C(G)
}


@given(st.sampled_from(sorted(NAMED)), pmf_pairs(allow_zeros=True))
def test_divergence_matches_named_divergences(name: str, pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    assert_close(BY_NAME[name].divergence(p, q), NAMED[name](p, q), IDENTITY)


def test_divergence_of_js_halved_is_js() -> None:
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.2, 0.8])
    assert_close(F.js_halved().divergence(p, q), dv.js_divergence(p, q), IDENTITY)


def test_variational_bound_is_tight_at_the_optimal_critic() -> None:
    p, q = np.array([0.1, 0.2, 0.7]), np.array([0.3, 0.3, 0.4])
    for row in ROWS:
        assert_close(row.variational_bound(p, q, row.f_prime_numeric(p / q)), row.divergence(p, q), IDENTITY)
        assert row.variational_bound(p, q, row.activation_numeric(np.array([0.3, -1.0, 2.0]))) <= row.divergence(p, q)


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("no-such-row", {}, "unknown name 'no-such-row': name must be one of"),
        ("kl", {"pi": 0.3}, r"row 'kl' takes no parameter \['pi'\]"),
        ("js-weighted", {"pi": 1.5}, r"pi must lie in \(0, 1\), got 1.5"),
        ("js-weighted", {"pi": 0.0}, r"pi must lie in \(0, 1\), got 0.0"),
        ("js-weighted", {"pi": float("nan")}, "pi must be finite, got nan"),
        ("alpha-lt1", {"alpha": 0.0}, "alpha-lt1 needs alpha < 1 and alpha ≠ 0, got 0.0"),
        ("alpha-lt1", {"alpha": 1.5}, "alpha-lt1 needs alpha < 1 and alpha ≠ 0, got 1.5"),
        ("alpha-gt1", {"alpha": 0.5}, "alpha-gt1 needs alpha > 1, got 0.5"),
    ],
)
def test_row_rejects_bad_names_and_parameters(name: str, params: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        F.row(name, **params)


def test_numeric_twins_reject_bad_input() -> None:
    kl = BY_NAME["kl"]
    for bad, message in (
        (-1.0, r"u must be non-negative \(a density ratio\)"),
        (np.nan, "u contains NaN"),
        (np.inf, "u contains an infinite value"),
    ):
        with pytest.raises(ValueError, match=message):
            kl.f_numeric(bad)
    with pytest.raises(ValueError, match="u must be positive, got 0"):
        kl.f_prime_numeric(0.0)
    with pytest.raises(ValueError, match="t contains an infinite value"):
        kl.conjugate_numeric(np.inf)
    with pytest.raises(ValueError, match="v contains NaN"):
        kl.activation_numeric(np.nan)
    with pytest.raises(ValueError, match=r"critic and p must have the same shape, got \(1,\) and \(2,\)"):
        kl.variational_bound([0.5, 0.5], [0.5, 0.5], [0.0])
    with pytest.raises(ValueError, match=r"p sums to 1\.1, not 1"):
        kl.divergence([0.5, 0.6], [0.5, 0.5])


def test_conjugate_by_supremum_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="t is NaN; it must be a finite real number"):
        F.conjugate_by_supremum(np.exp, np.nan)
    with pytest.raises(ValueError, match="f returned NaN at u = "):
        F.conjugate_by_supremum(lambda x: np.full_like(x, np.nan), 0.0)


def test_fdivergence_rejects_malformed_rows() -> None:
    kl = BY_NAME["kl"]
    with pytest.raises(ValueError, match=r"x: domain must be a sympy Interval, got \{1\}"):
        F.FDivergence("x", "x", kl.f, kl.conjugate, sp.FiniteSet(1), kl.activation, kl.f_prime_at_1)
    with pytest.raises(ValueError, match=r"x: f has unexpected symbols \['t'\]"):
        F.FDivergence("x", "x", kl.f + F.t, kl.conjugate, kl.domain, kl.activation, kl.f_prime_at_1)
    with pytest.raises(ValueError, match=r"domain must be a sympy Interval, got \{1\}"):
        F.in_domain(sp.FiniteSet(1), [1.0])


# ---------------------------------------------------------------------------
# never negative
# ---------------------------------------------------------------------------


def test_rows_are_never_negative_on_exactly_normalised_one_ulp_pairs() -> None:
    # Regression: the kl, reverse-kl, js and js-halved rows gave values down to −5.5e-17 here.
    pairs = exact_one_ulp_pairs(20141406, 300, sizes=(4, 4), bits=22)
    for row in (*ROWS, F.js_halved()):
        if row.name == "gan":
            continue
        values = np.array([row.divergence(p, q) for p, q in pairs])
        assert (values >= 0.0).all(), (row.name, values.min())
        assert values.max() < 1e-15, row.name  # the exact values are ~1e-34


def test_gan_row_is_not_clamped() -> None:
    # f(1) = −log 4: D_f = 2·JS − log 4 lies below 0, and is not made 0
    p = np.array([0.5, 0.5])
    assert_close(BY_NAME["gan"].divergence(p, p), -2 * np.log(2.0), IDENTITY)


def test_a_generator_that_is_not_convex_is_not_clamped() -> None:
    # f(u) = −(u − 1)² has f(1) = 0 but is concave: its D_f = −χ² is negative, and stays so
    concave = F.FDivergence("concave", "concave", -((u - 1) ** 2), -F.t, sp.S.Reals, F.v, sp.S.Zero)
    p, q = np.array([0.25, 0.75]), np.array([0.5, 0.5])
    assert_close(concave.divergence(p, q), -dv.pearson_chi2(p, q), IDENTITY)


def test_rows_of_an_overflowing_ratio_use_the_slope_at_infinity_or_refuse() -> None:
    # q has a subnormal entry next to p = ½: TV takes ½·f'(∞) = ¼ there; KL's term ½·log(½/5e-324) is out of f's reach
    p, q = np.array([0.5, 0.5]), np.array([1.0, 5e-324])
    assert_close(BY_NAME["total-variation"].divergence(p, q), 0.5, IDENTITY)
    with pytest.raises(ValueError, match="overflows"):
        BY_NAME["kl"].divergence(p, q)


# ---------------------------------------------------------------------------
# entries pinned to f-GAN's Table 6 (arXiv:1606.00709) and to derivatives of f; each test builds its rows
# itself rather than reading the module's ROWS, so that a test run in a forked process sees the code it forks with
# ---------------------------------------------------------------------------

#: The rows' display labels, with the parameters of :func:`F.table`'s defaults.
LABELS = {
    "total-variation": "Total variation",
    "kl": "Kullback–Leibler",
    "reverse-kl": "Reverse KL",
    "pearson": "Pearson χ²",
    "neyman": "Neyman χ²",
    "squared-hellinger": "Squared Hellinger",
    "jeffrey": "Jeffrey",
    "js": "Jensen–Shannon (f-GAN, un-halved)",
    "js-weighted": "Jensen–Shannon-weighted (π = 3/10)",
    "gan": "GAN",
    "alpha-lt1": "α-divergence (α = 1/2 < 1)",
    "alpha-gt1": "α-divergence (α = 2 > 1)",
}


def test_rows_carry_their_labels() -> None:
    assert {r.name: r.label for r in F.table()} == LABELS
    assert (F.js_halved().name, F.js_halved().label) == ("js-halved", "Jensen–Shannon (halved)")


@pytest.mark.parametrize("name", [*IDS, "js-halved"])
def test_printed_f_prime_at_one_is_the_derivative_of_f(name: str) -> None:
    row = F.js_halved() if name == "js-halved" else F.row(name)
    # e.g. GAN: f(u) = u log u − (u + 1) log(u + 1) has f'(u) = log(u/(u + 1)), so f'(1) = −log 2
    assert sp.simplify(sp.diff(row.f, u).subs(u, 1) - row.f_prime_at_1) == 0


def test_gan_activation_is_log_sigmoid() -> None:
    # Table 6: g_f(v) = −log(1 + e^{−v}) = log σ(v)
    v = np.linspace(-20.0, 20.0, 41)
    assert_close(F.row("gan").activation_numeric(v), -np.logaddexp(0.0, -v), IDENTITY)


def test_js_activation_is_log2_plus_log_sigmoid() -> None:
    # Table 6: g_f(v) = log 2 − log(1 + e^{−v}), onto dom f* = (−∞, log 2)
    v = np.linspace(-20.0, 20.0, 41)
    assert_close(F.row("js").activation_numeric(v), np.log(2.0) - np.logaddexp(0.0, -v), IDENTITY)
    assert F.row("js").domain == sp.Interval.open(-sp.oo, sp.log(2))


def test_js_halved_activation_and_domain_are_half_those_of_the_js_row() -> None:
    # halving f halves the critic: g(v) = ½ log 2 − ½ log(1 + e^{−v}) onto t < ½ log 2
    halved, js = F.js_halved(), F.row("js")
    assert sp.simplify(halved.activation - js.activation / 2) == 0
    assert halved.domain == sp.Interval.open(-sp.oo, sp.log(2) / 2)


def test_row_defaults_are_the_tables_parameters() -> None:
    # π = 0.3, α = ½ and α = 2: the defaults of F.table
    assert dict(F.row("js-weighted").params) == {"pi": 0.3}
    assert dict(F.row("alpha-lt1").params) == {"alpha": 0.5}
    assert dict(F.row("alpha-gt1").params) == {"alpha": 2.0}


def test_table_passes_its_parameters_to_the_rows() -> None:
    rows = {r.name: dict(r.params) for r in F.table(pi=0.2, alpha_lt1=0.25, alpha_gt1=3.0)}
    assert (rows["js-weighted"], rows["alpha-lt1"], rows["alpha-gt1"]) == ({"pi": 0.2}, {"alpha": 0.25}, {"alpha": 3.0})
