"""The Dirac-GAN of :mod:`gantheory.dirac`: fields, Jacobians, update maps, simulations, input checks.

Oracles: the closed-form fields of Mescheder et al. (2018), sympy's own
differentiation, central differences, scipy quadrature for the instance-noise
expectations, and an independent re-implementation of the update loops.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate, special

from gantheory import dirac
from verify.tolerance import IDENTITY, Tolerance, assert_close

#: Central differences (step 1e-5) of smooth fields: truncation ~1e-10, rounding ~1e-11.
FD = Tolerance(rtol=1e-7, atol=1e-8, why="central differences with step 1e-5 of logistic-based fields")
#: Adaptive quadrature (scipy.quad, epsabs 1e-13) against a 64-node Gauss–Hermite rule.
GH = Tolerance(rtol=1e-10, atol=1e-11, why="both rules reach ~1e-13 on these analytic integrands for |ψσ| ≤ 2")

FIELDS = (
    dirac.StandardGAN(),
    dirac.NonSaturatingGAN(),
    dirac.WassersteinGAN(clip=None),
    dirac.GradientPenaltyGAN(0.3),
    dirac.GradientPenaltyGAN(0.7, penalty="r2", base="nsgan"),
    dirac.GradientPenaltyGAN(1.0, base="wgan"),
    dirac.ConsensusGAN(1.0),
)

coords = st.floats(-3.0, 3.0, allow_nan=False)


def test_gan_field_is_the_closed_form() -> None:
    t, p = np.meshgrid(np.linspace(-3, 3, 13), np.linspace(-3, 3, 13))
    v1, v2 = dirac.StandardGAN().vector(t, p)
    s = special.expit(-p * t)  # f'(ψθ) = σ(−ψθ) for f = log σ
    assert_close(v1, -p * s)
    assert_close(v2, t * s)


def test_f_derivatives_at_zero() -> None:
    # f'(0) = ½ and f''(0) = −¼ (Mescheder et al. 2018, §2)
    assert dirac.f_gan_prime(0.0) == 0.5
    assert dirac.f_gan_second(0.0) == -0.25
    assert_close(dirac.f_gan(0.0), -np.log(2.0))


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_symbolic_field_equals_numeric_field(field: dirac.DiracField) -> None:
    s1, s2 = field.symbolic_vector()
    f = sp.lambdify((dirac.THETA, dirac.PSI), (s1, s2), "numpy")
    t, p = np.meshgrid(np.linspace(-3, 3, 25), np.linspace(-3, 3, 25))
    expected = np.array(np.broadcast_arrays(*f(t, p)), dtype=np.float64)
    actual = np.array(field.vector(t, p), dtype=np.float64)
    assert_close(actual, expected, Tolerance(rtol=1e-12, atol=1e-13, why="two float64 evaluations of one formula"))


@pytest.mark.parametrize(
    "field",
    (*FIELDS, dirac.InstanceNoiseGAN(0.7), dirac.InstanceNoiseGAN(1.3), dirac.InstanceNoiseGAN(0.5, loss="wgan")),
    ids=lambda f: f"{f.name}-{getattr(f, 'sigma', '')}",
)
def test_symbolic_jacobian_equals_central_differences(field: dirac.DiracField) -> None:
    exact = np.array(dirac.jacobian_at_equilibrium(field).evalf(), dtype=np.float64)
    assert_close(dirac.numeric_jacobian(field), exact, FD)


def test_gan_jacobian_is_exact() -> None:
    assert dirac.jacobian_at_equilibrium(dirac.StandardGAN()) == sp.Matrix(
        [[0, -sp.Rational(1, 2)], [sp.Rational(1, 2), 0]]
    )


def test_r1_eigenvalues_closed_form() -> None:
    g = sp.Symbol("gamma", positive=True)
    eigs = dirac.eigenvalues_at_equilibrium(dirac.GradientPenaltyGAN(g))
    expected = {-g / 2 + sp.sqrt(g**2 / 4 - sp.Rational(1, 4)), -g / 2 - sp.sqrt(g**2 / 4 - sp.Rational(1, 4))}
    assert {sp.simplify(e) for e in eigs} == {sp.simplify(e) for e in expected}


def test_instance_noise_jacobian_closed_form() -> None:
    s = sp.Symbol("sigma", positive=True)
    jac = dirac.jacobian_at_equilibrium(dirac.InstanceNoiseGAN(s))
    # [[0, −f′(0)], [f′(0), 2σ²f″(0)]] with f′(0) = ½, f″(0) = −¼
    assert sp.simplify(jac - sp.Matrix([[0, -sp.Rational(1, 2)], [sp.Rational(1, 2), -(s**2) / 2]])) == sp.zeros(2)


def test_consensus_jacobian_closed_form() -> None:
    g = sp.Symbol("gamma", positive=True)
    jac = dirac.jacobian_at_equilibrium(dirac.ConsensusGAN(g))
    assert sp.simplify(jac - sp.Matrix([[-g / 4, -sp.Rational(1, 2)], [sp.Rational(1, 2), -g / 4]])) == sp.zeros(2)


@given(t=coords, p=coords)
def test_consensus_field_is_v_minus_gamma_grad_half_norm(t: float, p: float) -> None:
    gan, gamma, h = dirac.StandardGAN(), 0.8, 1e-6

    def half_norm(a: float, b: float) -> float:
        v = np.array(gan.vector(a, b))
        return 0.5 * float(v @ v)

    grad = np.array(
        [
            (half_norm(t + h, p) - half_norm(t - h, p)) / (2 * h),
            (half_norm(t, p + h) - half_norm(t, p - h)) / (2 * h),
        ]
    )
    expected = np.array(gan.vector(t, p)) - gamma * grad
    assert_close(np.array(dirac.ConsensusGAN(gamma).vector(t, p)), expected, Tolerance(1e-6, 1e-8, why="FD step 1e-6"))


@pytest.mark.parametrize(("t", "p", "sigma"), [(0.3, -0.8, 0.7), (1.0, 1.0, 0.7), (-1.5, 0.4, 1.2), (0.0, 2.0, 0.5)])
def test_instance_noise_quadrature_matches_scipy_quad(t: float, p: float, sigma: float) -> None:
    def expect(g: object) -> float:
        value, _ = integrate.quad(
            lambda e: g(e) * np.exp(-(e**2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi)),  # type: ignore[operator]
            -12 * sigma,
            12 * sigma,
            epsabs=1e-13,
            epsrel=1e-13,
            limit=200,
        )
        return value

    fp = dirac.f_gan_prime
    v1 = -p * expect(lambda e: fp(p * (t + e)))
    v2 = expect(lambda e: (t + e) * fp(p * (t + e))) - expect(lambda x: x * fp(-p * x))
    assert_close(np.array(dirac.InstanceNoiseGAN(sigma).vector(t, p)), np.array([v1, v2]), GH)


def test_instance_noise_monte_carlo_agrees_with_quadrature() -> None:
    quad = np.array(dirac.InstanceNoiseGAN(0.7).vector(0.6, -0.9))
    mc = np.array(
        dirac.InstanceNoiseGAN(0.7, expectation="monte-carlo", samples=400_000).vector(
            0.6, -0.9, np.random.default_rng(7)
        )
    )
    # each component is a mean of bounded terms with standard deviation < 1: 5 s.e. at n = 4e5 is < 0.008
    assert np.abs(mc - quad).max() < 0.008


def test_monte_carlo_field_needs_a_generator() -> None:
    with pytest.raises(ValueError, match="Generator"):
        dirac.InstanceNoiseGAN(0.7, expectation="monte-carlo").vector(0.1, 0.2)


def test_monte_carlo_simulation_is_reproducible_from_a_seed() -> None:
    field = dirac.InstanceNoiseGAN(0.7, expectation="monte-carlo", samples=100)
    a = dirac.simulate(field, "alternating", steps=30, rng=11)
    b = dirac.simulate(field, "alternating", steps=30, rng=np.random.default_rng(11))
    assert np.array_equal(a.theta, b.theta) and np.array_equal(a.psi, b.psi)


def test_simultaneous_gd_radius_grows_by_the_exact_factor() -> None:
    # θ'² + ψ'² = (θ² + ψ²)(1 + h² f′(ψθ)²): the cross terms of the two updates cancel
    h = 0.2
    tr = dirac.simulate(dirac.StandardGAN(), "simultaneous", step=h, steps=200)
    factor = 1 + h**2 * dirac.f_gan_prime(tr.psi[:-1] * tr.theta[:-1]) ** 2
    assert_close(tr.radius_squared[1:], tr.radius_squared[:-1] * factor)
    assert np.all(np.diff(tr.radius_squared) > 0)


def test_alternating_update_map_has_determinant_one() -> None:
    h = sp.Symbol("h", positive=True)
    m = dirac.update_jacobian(dirac.StandardGAN(), "alternating", h)
    assert sp.simplify(m.det()) == 1
    assert sp.simplify(m.trace() - (2 - h**2 / 4)) == 0


def test_simultaneous_update_map_eigenvalue_modulus() -> None:
    m = dirac.update_jacobian(dirac.StandardGAN(), "simultaneous", 0.2)
    assert_close(dirac.spectral_radius(m), np.sqrt(1 + 0.2**2 / 4))


def test_alternating_map_with_several_discriminator_steps_is_the_composition() -> None:
    field = dirac.GradientPenaltyGAN(0.3)
    kwargs = {"step": 0.2, "discriminator_step": 0.1, "d_steps": 5}
    m = np.array(dirac.update_jacobian(field, "alternating", **kwargs).evalf(), dtype=float)  # type: ignore[arg-type]
    # linearise the simulator itself: one outer step from a tiny displacement, by central differences
    eps = 1e-7
    cols = []
    for e in np.eye(2):
        plus = dirac.simulate(field, "alternating", start=tuple(eps * e), steps=1, **kwargs)  # type: ignore[arg-type]
        minus = dirac.simulate(field, "alternating", start=tuple(-eps * e), steps=1, **kwargs)  # type: ignore[arg-type]
        cols.append((np.array([plus.theta[1], plus.psi[1]]) - np.array([minus.theta[1], minus.psi[1]])) / (2 * eps))
    assert_close(np.stack(cols, axis=1), m, Tolerance(1e-6, 1e-8, why="central differences, step 1e-7"))


@pytest.mark.parametrize("scheme", ["simultaneous", "alternating"])
def test_simulate_matches_a_plain_loop(scheme: str) -> None:
    # an independent loop: the authors' protocol written out for the GAN field
    h, t, p = 0.2, 1.0, 1.0
    thetas, psis = [t], [p]
    for _ in range(500):
        if scheme == "simultaneous":
            s = special.expit(-p * t)
            t, p = t - h * p * s, p + h * t * s
        else:
            t = t - h * p * special.expit(-p * t)
            p = p + h * t * special.expit(-p * t)
        thetas.append(t)
        psis.append(p)
    tr = dirac.simulate(dirac.StandardGAN(), scheme)  # type: ignore[arg-type]
    assert_close(tr.theta, np.array(thetas), IDENTITY)
    assert_close(tr.psi, np.array(psis), IDENTITY)


def test_r1_converges_and_plain_alternating_gd_cycles() -> None:
    assert dirac.simulate(dirac.GradientPenaltyGAN(0.3), "alternating").distance[-1] < 1e-3
    d = dirac.simulate(dirac.StandardGAN(), "alternating").distance
    assert 0.5 * d[0] < d.min() and d.max() < 2 * d[0]


def test_wgan_clipping_keeps_psi_in_range() -> None:
    tr = dirac.simulate(dirac.WassersteinGAN(clip=0.3), "simultaneous", steps=100)
    assert np.abs(tr.psi).max() <= 0.3


def test_wgan_gp_has_no_jacobian_at_the_kink() -> None:
    with pytest.raises(ValueError, match="not differentiable"):
        dirac.jacobian_at_equilibrium(dirac.WassersteinGANGP())


def test_make_field_builds_each_named_field() -> None:
    for name in ("gan", "nsgan", "wgan", "wgan-gp", "r1", "r2", "nsgan-r1", "instance-noise", "consensus"):
        assert isinstance(dirac.make_field(name), dirac.DiracField)
    assert dirac.make_field("r1", gamma=1.0) == dirac.GradientPenaltyGAN(1.0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: dirac.simulate(dirac.StandardGAN(), steps=0), "steps"),
        (lambda: dirac.simulate(dirac.StandardGAN(), step=-0.1), "step"),
        (lambda: dirac.simulate(dirac.StandardGAN(), start=(np.nan, 1.0)), "NaN"),
        (lambda: dirac.simulate(dirac.StandardGAN(), start=(1.0, 1.0, 1.0)), "start"),
        (lambda: dirac.simulate(dirac.StandardGAN(), "extragradient"), "scheme"),  # type: ignore[arg-type]
        (lambda: dirac.make_field("lsgan"), "unknown"),
        (lambda: dirac.InstanceNoiseGAN(0.0), "sigma"),
        (lambda: dirac.GradientPenaltyGAN(0.3, penalty="r3"), "penalty"),  # type: ignore[arg-type]
        (lambda: dirac.WassersteinGAN(clip=-1.0), "clip"),
        (lambda: dirac.StandardGAN().vector(np.inf, 0.0), "infinite"),
        (lambda: dirac.GradientPenaltyGAN(sp.Symbol("g")).vector(0.1, 0.1), "symbolic"),
        (lambda: dirac.numeric_jacobian(dirac.StandardGAN(), (0.0, 0.0, 0.0)), "point"),
    ],
)
def test_invalid_input_raises(call: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()  # type: ignore[operator]


def test_discriminator_first_is_the_discriminator_steps_then_the_generator_step() -> None:
    field, h = dirac.StandardGAN(), 0.2
    t, p = 0.7, -0.4
    for _ in range(2):
        p = p + h * t * special.expit(-p * t)
    t = t - h * p * special.expit(-p * t)
    tr = dirac.simulate(field, "alternating", start=(0.7, -0.4), step=h, steps=1, d_steps=2, first="discriminator")
    assert_close(np.array([tr.theta[1], tr.psi[1]]), np.array([t, p]))


def test_the_two_alternating_orders_differ_after_one_iteration() -> None:
    field = dirac.StandardGAN()
    g = dirac.simulate(field, "alternating", start=(0.7, -0.4), steps=1, first="generator")
    d = dirac.simulate(field, "alternating", start=(0.7, -0.4), steps=1, first="discriminator")
    assert (g.theta[1], g.psi[1]) != (d.theta[1], d.psi[1])


def test_simulate_rejects_an_unknown_first_player() -> None:
    with pytest.raises(ValueError, match="first"):
        dirac.simulate(dirac.StandardGAN(), "alternating", first="critic")  # type: ignore[arg-type]
