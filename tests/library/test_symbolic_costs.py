"""Sympy forms of the generator costs and the Gaussian closed forms of :mod:`gantheory.symbolic`.

Each form is checked against an independent computation: numeric evaluation, sympy's own
integration, or the library's float64 losses, which are tested against torch.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from gantheory import losses as L
from gantheory import symbolic as S
from verify.tolerance import IDENTITY, assert_close

x = sp.Symbol("x", real=True)
mu, theta = sp.symbols("mu theta", real=True)
sd = sp.Symbol("sigma", positive=True)
D_VALUES = np.array([1e-6, 0.01, 0.3, 0.5, 0.8, 0.99])


def test_binary_cross_entropy_matches_the_float64_loss_from_logits() -> None:
    t = sp.Symbol("t")
    bce = sp.lambdify((S.y, t), S.binary_cross_entropy(S.y, t), "numpy")
    for target in (0.0, 0.1, 0.5, 1.0):
        assert_close(bce(D_VALUES, target), L.bce_with_logits(L.logit(D_VALUES), target), IDENTITY)


def test_binary_cross_entropy_is_linear_in_its_target() -> None:
    t0, t1, w = sp.symbols("t0 t1 w")
    mixed = S.binary_cross_entropy(S.y, (1 - w) * t0 + w * t1)
    parts = (1 - w) * S.binary_cross_entropy(S.y, t0) + w * S.binary_cross_entropy(S.y, t1)
    assert sp.simplify(mixed - parts) == 0


@pytest.mark.parametrize("name", ["minimax", "non-saturating", "maximum-likelihood"])
def test_costs_of_the_output_are_the_library_costs(name: str) -> None:
    cost = sp.lambdify(S.y, S.generator_costs_of_output()[name], "numpy")
    assert_close(cost(D_VALUES), L.GENERATOR_COSTS[name].of_output(D_VALUES), IDENTITY)


@pytest.mark.parametrize("name", ["minimax", "non-saturating", "maximum-likelihood"])
def test_of_logit_gives_the_costs_of_the_logit(name: str) -> None:
    rewritten = S.of_logit(S.generator_costs_of_output()[name])
    assert sp.simplify(rewritten - S.generator_costs_of_logit()[name]) == 0


def test_of_logit_of_raw_d_is_minus_the_sigmoid() -> None:
    assert sp.simplify(S.of_logit(S.generator_costs_of_output()["raw D"]) + S.sigmoid(S.ell)) == 0


@pytest.mark.parametrize(
    ("expr", "sign"),
    [(sp.log(S.y), 1), (sp.log(1 - S.y), -1), (-S.y / (1 - S.y), -1), ((S.y - sp.Rational(1, 2)) ** 2, 0), (S.y**0, 0)],
)
def test_derivative_sign_on_the_unit_interval(expr: sp.Expr, sign: int) -> None:
    derivative, found = S.derivative_sign(expr)
    assert sp.simplify(derivative - sp.diff(expr, S.y)) == 0
    assert found == sign


def test_derivative_sign_rejects_a_grid_of_one_point() -> None:
    with pytest.raises(ValueError, match="points"):
        S.derivative_sign(S.y, points=1)


def test_normal_log_density_is_the_gaussian_density() -> None:
    f = sp.lambdify(x, S.normal_log_density(x, 0.5, 2.0), "numpy")
    grid = np.linspace(-5.0, 5.0, 11)
    assert_close(f(grid), -((grid - 0.5) ** 2) / 8.0 - math.log(2.0) - 0.5 * math.log(2 * math.pi), IDENTITY)


def test_gaussian_integral_agrees_with_sympy_integration() -> None:
    exponent = S.normal_log_density(x, mu, sd) + theta * x  # ∫ φ·e^{θx} = the moment generating function
    closed = S.gaussian_integral(exponent, x)
    assert sp.simplify(closed - sp.exp(mu * theta + sd**2 * theta**2 / 2)) == 0
    direct = sp.integrate(sp.exp(S.normal_log_density(x, 1, 2) - x / 3), (x, -sp.oo, sp.oo))
    assert abs(sp.N(S.gaussian_integral(S.normal_log_density(x, 1, 2) - x / 3, x) - direct, 40)) < 1e-30


@pytest.mark.parametrize("exponent", [x, x**2, x**3 - x**2, sp.exp(x)])
def test_gaussian_integral_rejects_exponents_that_are_not_concave_quadratics(exponent: sp.Expr) -> None:
    with pytest.raises(ValueError, match="exponent"):
        S.gaussian_integral(exponent, x)


def test_gaussian_expectation_gives_the_kl_divergence_of_two_gaussians() -> None:
    # KL(N(μ, σ²) ‖ N(0, 1)) = (σ² + μ² − 1)/2 − log σ
    kl = S.gaussian_expectation(S.normal_log_density(x, mu, sd) - S.normal_log_density(x, 0, 1), x, mu, sd**2)
    assert sp.simplify(kl - ((sd**2 + mu**2 - 1) / 2 - sp.log(sd))) == 0


def test_gaussian_expectation_rejects_a_cubic() -> None:
    with pytest.raises(ValueError, match="quadratic"):
        S.gaussian_expectation(x**3, x, 0, 1)
