"""The f-divergence and LSGAN integrands of gantheory.symbolic against the numeric functions they integrate to."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from gantheory import discriminator, divergences
from gantheory import symbolic as S
from verify.tolerance import IDENTITY, assert_close

p = np.array([0.1, 0.2, 0.3, 0.4])
q = np.array([0.4, 0.35, 0.15, 0.1])


def _summed(expr: sp.Expr) -> float:
    """Σ_x of an integrand in S.a, S.b over the support of p and q."""
    fn = sp.lambdify((S.a, S.b), expr, "numpy")
    return float(np.sum(fn(p, q)))


@pytest.mark.parametrize(
    ("f", "divergence"),
    [
        (S.u * sp.log(S.u), divergences.kl_divergence),
        (-sp.log(S.u), divergences.reverse_kl_divergence),
        ((S.u - 1) ** 2, divergences.pearson_chi2),
        (sp.Abs(S.u - 1) / 2, divergences.total_variation),
    ],
)
def test_f_divergence_integrand_sums_to_the_divergence(f: sp.Expr, divergence) -> None:
    assert_close(_summed(S.f_divergence_integrand(f)), divergence(p, q), IDENTITY)


def test_f_divergence_integrand_of_u_log_u_is_the_kl_integrand() -> None:
    assert sp.simplify(S.f_divergence_integrand(S.u * sp.log(S.u)) - S.kl_integrand()) == 0


def test_f_divergence_integrand_takes_other_points() -> None:
    x, y = sp.symbols("x y", positive=True)
    assert S.f_divergence_integrand((S.u - 1) ** 2, x, y) == y * (x / y - 1) ** 2


@pytest.mark.parametrize("coding", [(-1, 1, 0), (0, 1, 1), (0, 2, 1), (1, 1, 0)])
def test_lsgan_criterion_integrand_sums_to_the_numeric_criterion(coding: tuple[int, int, int]) -> None:
    assert_close(_summed(S.lsgan_criterion_integrand(*coding)), discriminator.lsgan_criterion(p, q, *coding), IDENTITY)


def test_lsgan_criterion_integrand_with_mao_coding_is_half_the_symmetric_chi2() -> None:
    # b − c = 1 and b − a = 2: ½(p + q)(D* − c)² = ½(p − q)²/(p + q)
    expected = (S.a - S.b) ** 2 / (2 * (S.a + S.b))
    assert sp.simplify(S.lsgan_criterion_integrand(-1, 1, 0) - expected) == 0
