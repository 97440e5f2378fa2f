"""Losses of :mod:`gantheory.losses` and their hand-derived derivatives, against torch autograd in float64.

Torch is the oracle for every value and derivative. Logits go up to |ℓ| = 700, where a naive
log σ(ℓ) or log(1 − σ(ℓ)) rounds to log 0; invalid input must raise ``ValueError``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from gantheory import losses as L
from gantheory import strategies
from gantheory.densities import gaussian
from gantheory.discriminator import optimal_discriminator
from verify.tolerance import EXACT, IDENTITY, Tolerance, assert_close

#: Logits from saturated-negative to saturated-positive, with the stability extremes.
LOGITS = np.concatenate([[-700.0, -300.0, -40.0, -20.0], np.linspace(-12.0, 12.0, 49), [20.0, 40.0, 300.0, 700.0]])


def _t(x: np.ndarray, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _autograd(fn, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Value and elementwise derivative of a torch function applied elementwise."""
    xt = _t(x, grad=True)
    out = fn(xt)
    out.sum().backward()
    return out.detach().numpy(), xt.grad.numpy()


def _softplus_t(x: torch.Tensor) -> torch.Tensor:
    # torch's F.softplus switches to x above a threshold (an error of e^−20 relative); logaddexp is exact
    return torch.logaddexp(torch.zeros_like(x), x)


# ---------------------------------------------------------------------------
# Elementary functions
# ---------------------------------------------------------------------------


def test_softplus_matches_torch() -> None:
    assert_close(L.softplus(LOGITS), _softplus_t(_t(LOGITS)).numpy(), IDENTITY)


def test_sigmoid_matches_torch() -> None:
    assert_close(L.sigmoid(LOGITS), torch.sigmoid(_t(LOGITS)).numpy(), IDENTITY)


def test_log_sigmoid_matches_torch() -> None:
    assert_close(L.log_sigmoid(LOGITS), F.logsigmoid(_t(LOGITS)).numpy(), IDENTITY)


def test_logit_matches_torch() -> None:
    d = np.array([1e-12, 1e-3, 0.25, 0.5, 0.9, 1 - 1e-9])
    assert_close(L.logit(d), torch.logit(_t(d)).numpy(), IDENTITY)


def test_logit_rejects_zero_and_one() -> None:
    for bad in (0.0, 1.0):
        with pytest.raises(ValueError, match="infinite"):
            L.logit(np.array([0.5, bad]))


# ---------------------------------------------------------------------------
# Cross-entropy
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_bce_with_logits_matches_torch(target: float) -> None:
    expected = F.binary_cross_entropy_with_logits(
        _t(LOGITS), torch.full((LOGITS.size,), target, dtype=torch.float64), reduction="none"
    )
    assert_close(L.bce_with_logits(LOGITS, target), expected.numpy(), IDENTITY)


@pytest.mark.parametrize("target", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_bce_logit_gradient_matches_autograd(target: float) -> None:
    tt = torch.full((LOGITS.size,), target, dtype=torch.float64)
    _, grad = _autograd(lambda x: F.binary_cross_entropy_with_logits(x, tt, reduction="none"), LOGITS)
    assert_close(L.bce_logit_gradient(LOGITS, target), grad, IDENTITY)


def test_bce_logit_gradient_lies_in_minus_one_one() -> None:
    g = np.concatenate([L.bce_logit_gradient(LOGITS, t) for t in (0.0, 0.3, 1.0)])
    assert np.all((g >= -1.0) & (g <= 1.0))


@pytest.mark.parametrize(("real_target", "fake_target"), [(1.0, 0.0), (0.9, 0.0), (0.9, 0.1)])
def test_discriminator_loss_and_its_gradients_match_torch(real_target: float, fake_target: float) -> None:
    rng = np.random.default_rng(7)
    real, fake = rng.uniform(-30, 30, 17), rng.uniform(-30, 30, 11)
    rt, ft = _t(real, grad=True), _t(fake, grad=True)
    loss = F.binary_cross_entropy_with_logits(
        rt, torch.full_like(rt, real_target)
    ) + F.binary_cross_entropy_with_logits(ft, torch.full_like(ft, fake_target))
    loss.backward()
    ours = L.discriminator_loss(real, fake, real_target=real_target, fake_target=fake_target)
    assert_close(ours, float(loss.detach()), IDENTITY)
    # the gradient of a batch mean is the per-sample gradient σ(ℓ) − t over the batch size
    assert_close(L.bce_logit_gradient(real, real_target) / real.size, rt.grad.numpy(), IDENTITY)
    assert_close(L.bce_logit_gradient(fake, fake_target) / fake.size, ft.grad.numpy(), IDENTITY)


def test_discriminator_loss_at_equilibrium_is_log_4() -> None:
    assert_close(L.discriminator_loss(np.zeros(5), np.zeros(3)), math.log(4.0), IDENTITY)


def test_discriminator_loss_defaults_to_hard_targets() -> None:
    # targets (1, 0): softplus(−ℓ_real) + softplus(ℓ_fake); at ℓ_real = 0, ℓ_fake = log 3 that is
    # log 2 + log(1 + 3) = log 8, where a fake target of 1 would give log 2 + log(1 + ⅓) = log(8/3)
    assert_close(L.discriminator_loss(np.zeros(1), np.array([math.log(3.0)])), math.log(8.0), IDENTITY)


@pytest.mark.parametrize("fn", [L.bce_with_logits, L.bce_logit_gradient])
def test_targets_that_do_not_broadcast_to_the_logits_raise(fn) -> None:
    with pytest.raises(ValueError, match=r"targets of shape \(3,\) does not broadcast to logits's shape \(2,\)"):
        fn(np.zeros(2), np.full(3, 0.5))


# ---------------------------------------------------------------------------
# Generator costs
# ---------------------------------------------------------------------------

_TORCH_COSTS = {
    "minimax": lambda x: -_softplus_t(x),  # log(1 − σ(x))
    "non-saturating": lambda x: _softplus_t(-x),  # −log σ(x)
    "maximum-likelihood": lambda x: -torch.exp(x),
}
_LIBRARY_COSTS = {
    "minimax": L.generator_loss_minimax,
    "non-saturating": L.generator_loss_nonsaturating,
    "maximum-likelihood": L.generator_loss_maximum_likelihood,
}


@pytest.mark.parametrize("name", list(_TORCH_COSTS))
def test_generator_cost_of_logit_matches_torch(name: str) -> None:
    value, _ = _autograd(_TORCH_COSTS[name], LOGITS)
    assert_close(_LIBRARY_COSTS[name](LOGITS), value, IDENTITY)
    assert_close(L.GENERATOR_COSTS[name].of_logit(LOGITS), value, IDENTITY)


@pytest.mark.parametrize("name", list(_TORCH_COSTS))
def test_generator_cost_logit_derivative_matches_autograd(name: str) -> None:
    _, grad = _autograd(_TORCH_COSTS[name], LOGITS)
    assert_close(L.GENERATOR_COSTS[name].d_logit(LOGITS), grad, IDENTITY)


_TORCH_OF_OUTPUT = {
    "minimax": lambda d: torch.log1p(-d),
    "non-saturating": lambda d: -torch.log(d),
    "maximum-likelihood": lambda d: -d / (1 - d),
}


@pytest.mark.parametrize("name", list(_TORCH_OF_OUTPUT))
def test_generator_cost_output_derivative_matches_autograd(name: str) -> None:
    d = np.array([1e-9, 1e-4, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-6])
    value, grad = _autograd(_TORCH_OF_OUTPUT[name], d)
    assert_close(L.GENERATOR_COSTS[name].of_output(d), value, IDENTITY)
    assert_close(L.GENERATOR_COSTS[name].d_output(d), grad, IDENTITY)


@pytest.mark.parametrize("name", list(_TORCH_COSTS))
@pytest.mark.parametrize("part", ["of_output", "d_output", "d_logit"])
def test_generator_cost_computes_in_float64_from_float32_input(name: str, part: str) -> None:
    # a float32 D (as a float32 network gives) is widened first: the cost of the float32 value, evaluated in
    # float64, not a float32 result that has lost eight digits
    x32 = np.array([0.1, 0.5, 0.9], dtype=np.float32)
    fn = getattr(L.GENERATOR_COSTS[name], part)
    out = fn(x32)
    assert out.dtype == np.float64
    assert_close(out, fn(x32.astype(np.float64)), EXACT)


@pytest.mark.parametrize("name", list(_TORCH_COSTS))
def test_generator_cost_is_the_same_function_of_d_and_of_the_logit(name: str) -> None:
    # up to ℓ = 5: beyond it 1 − σ(ℓ) is formed with a relative error ~1e-16/(1 − D), which only the logit form avoids
    ell = np.linspace(-30, 5, 71)
    cost = L.GENERATOR_COSTS[name]
    assert_close(cost.of_logit(ell), cost.of_output(L.sigmoid(ell)), IDENTITY)


def test_bce_against_label_one_is_the_non_saturating_cost() -> None:
    assert_close(L.bce_with_logits(LOGITS, 1.0), L.generator_loss_nonsaturating(LOGITS), IDENTITY)


def test_minimax_cost_is_minus_the_bce_against_label_zero() -> None:
    assert_close(L.generator_loss_minimax(LOGITS), -L.bce_with_logits(LOGITS, 0.0), IDENTITY)


# ---------------------------------------------------------------------------
# Least-squares losses
# ---------------------------------------------------------------------------


def test_lsgan_discriminator_loss_and_gradients_match_torch() -> None:
    rng = np.random.default_rng(11)
    real, fake = rng.uniform(-2, 2, 9), rng.uniform(-2, 2, 6)
    rt, ft = _t(real, grad=True), _t(fake, grad=True)
    loss = 0.5 * ((rt - 1.0) ** 2).mean() + 0.5 * ((ft + 1.0) ** 2).mean()
    loss.backward()
    assert_close(L.lsgan_discriminator_loss(real, fake, a=-1.0, b=1.0), float(loss.detach()), IDENTITY)
    assert_close((real - 1.0) / real.size, rt.grad.numpy(), IDENTITY)
    assert_close((fake + 1.0) / fake.size, ft.grad.numpy(), IDENTITY)


def test_lsgan_generator_loss_matches_torch() -> None:
    fake = np.linspace(-2, 2, 9)
    value, grad = _autograd(lambda f: 0.5 * (f - 0.0) ** 2, fake)
    assert_close(L.lsgan_generator_loss(fake, 0.0), value, IDENTITY)
    assert_close(fake, grad, IDENTITY)


# ---------------------------------------------------------------------------
# Stability and validation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fn",
    [
        L.softplus,
        L.sigmoid,
        L.log_sigmoid,
        L.generator_loss_minimax,
        L.generator_loss_nonsaturating,
        L.generator_loss_maximum_likelihood,
        lambda x: L.bce_with_logits(x, 0.3),
        lambda x: L.bce_logit_gradient(x, 0.3),
    ],
)
def test_finite_at_logits_up_to_700(fn) -> None:
    assert np.all(np.isfinite(fn(np.array([-700.0, -709.0 + 9.0, 0.0, 700.0]))))


def test_log_losses_are_exact_in_the_saturated_tails() -> None:
    # −log σ(−700) = 700 + log(1 + e^−700) and log(1 − σ(700)) = −700 − log(1 + e^−700), to the last bit
    assert L.generator_loss_nonsaturating(np.array([-700.0]))[0] == 700.0
    assert L.generator_loss_minimax(np.array([700.0]))[0] == -700.0


_LOGIT_FUNCTIONS = [
    L.sigmoid,
    L.log_sigmoid,
    L.generator_loss_minimax,
    L.generator_loss_nonsaturating,
    L.generator_loss_maximum_likelihood,
    lambda x: L.bce_with_logits(x, 1.0),
    lambda x: L.bce_logit_gradient(x, 1.0),
    lambda x: L.discriminator_loss(x, np.zeros(2)),
    lambda x: L.discriminator_loss(np.zeros(2), x),
]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("fn", _LOGIT_FUNCTIONS)
def test_non_finite_logits_raise(fn, bad: float) -> None:
    with pytest.raises(ValueError, match=r"NaN|infinite"):
        fn(np.array([0.0, bad]))


@pytest.mark.parametrize("target", [-0.1, 1.5, math.nan])
def test_out_of_range_targets_raise(target: float) -> None:
    message = r"targets contains NaN|targets must lie in \[0, 1\]"
    with pytest.raises(ValueError, match=message):
        L.bce_with_logits(np.zeros(3), target)
    with pytest.raises(ValueError, match=message):
        L.bce_logit_gradient(np.zeros(3), target)


@pytest.mark.parametrize(
    ("real_target", "fake_target", "message"),
    [
        (1.2, 0.0, r"real_target must lie in \[0, 1\], got 1.2"),
        (1.0, -0.5, r"fake_target must lie in \[0, 1\], got -0.5"),
        (math.nan, 0.0, "real_target is NaN"),
    ],
)
def test_out_of_range_soft_targets_raise(real_target: float, fake_target: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        L.discriminator_loss(np.zeros(2), np.zeros(2), real_target=real_target, fake_target=fake_target)
    with pytest.raises(ValueError, match=message):
        L.smoothed_optimal_discriminator(np.ones(2), np.ones(2), real_target=real_target, fake_target=fake_target)


def test_maximum_likelihood_cost_rejects_overflowing_logits() -> None:
    with pytest.raises(ValueError, match="overflow"):
        L.generator_loss_maximum_likelihood(np.array([710.0]))


@pytest.mark.parametrize("rho", [-0.1, 1.1, math.nan])
def test_flip_probability_out_of_range_raises(rho: float) -> None:
    message = r"rho is NaN|rho must lie in \[0, 1\]"
    with pytest.raises(ValueError, match=message):
        L.expected_flipped_targets(rho)
    with pytest.raises(ValueError, match=message):
        L.flip_labels(np.ones(3), rho, np.random.default_rng(0))


# ---------------------------------------------------------------------------
# Label flipping and smoothing
# ---------------------------------------------------------------------------


@given(
    strategies.logits(bound=700.0),
    st.floats(0.0, 1.0, allow_nan=False),
    st.sampled_from([0.0, 1.0]),
)
def test_label_flipping_equals_soft_targets_in_expectation(logit: float, rho: float, label: float) -> None:
    ell = np.array([logit])
    flipped = (1 - rho) * L.bce_with_logits(ell, label) + rho * L.bce_with_logits(ell, 1.0 - label)
    real_t, fake_t = L.expected_flipped_targets(rho)
    soft = L.bce_with_logits(ell, real_t if label == 1.0 else fake_t)
    assert_close(flipped, soft, IDENTITY)


def test_flip_labels_flips_at_the_requested_rate() -> None:
    n, rho = 200_000, 0.05
    labels = np.concatenate([np.ones(n // 2), np.zeros(n // 2)])
    flipped = L.flip_labels(labels, rho, np.random.default_rng(2016))
    rate = float(np.mean(flipped != labels))
    assert abs(rate - rho) < 5 * math.sqrt(rho * (1 - rho) / n)  # five binomial standard errors
    assert set(np.unique(flipped)) <= {0.0, 1.0}


@given(st.tuples(st.floats(0.0, 1.0), st.floats(0.0, 1.0)).filter(lambda ab: ab[0] + ab[1] > 0))
def test_smoothed_optimum_minimises_the_expected_soft_bce(ab: tuple[float, float]) -> None:
    a, b = ab
    alpha, beta = 0.9, 0.1
    d = float(L.smoothed_optimal_discriminator(np.array([a]), np.array([b]), real_target=alpha, fake_target=beta)[0])
    ell = torch.tensor([math.log(d / (1 - d))], dtype=torch.float64, requires_grad=True)
    loss = a * F.binary_cross_entropy_with_logits(ell, torch.tensor([alpha], dtype=torch.float64)) + (
        b * F.binary_cross_entropy_with_logits(ell, torch.tensor([beta], dtype=torch.float64))
    )
    loss.backward()
    assert abs(float(ell.grad[0])) <= 1e-12 * (a + b) + 1e-15  # stationary, and the loss is convex in ℓ
    assert beta <= d <= alpha


def test_smoothed_optimum_with_hard_targets_is_the_optimal_discriminator() -> None:
    rng = np.random.default_rng(3)
    p, q = rng.dirichlet(np.ones(8)), rng.dirichlet(np.ones(8))
    assert_close(L.smoothed_optimal_discriminator(p, q), optimal_discriminator(p, q), IDENTITY)


def test_smoothing_gradient_factor_matches_autograd() -> None:
    # R = ∂x log D*_{α,β} / ∂x log D* for data N(0, 1) and generator N(3, 1), by autograd through the densities
    alpha, beta = 0.9, 0.1
    x = np.linspace(-1.0, 5.0, 13)
    xt = _t(x, grad=True)
    log_p = -0.5 * xt**2
    log_q = -0.5 * (xt - 3.0) ** 2
    d_star = torch.sigmoid(log_p - log_q)
    hard = torch.autograd.grad(torch.log(d_star).sum(), xt, retain_graph=True)[0]
    soft = torch.autograd.grad(torch.log(beta + (alpha - beta) * d_star).sum(), xt)[0]
    d_np = L.smoothed_optimal_discriminator(gaussian(0.0, 1.0).pdf(x), gaussian(3.0, 1.0).pdf(x))
    ours = L.smoothing_gradient_factor(d_np, real_target=alpha, fake_target=beta)
    assert_close(ours, (soft / hard).numpy(), IDENTITY)


def test_one_sided_smoothing_leaves_the_gradient_factor_at_one() -> None:
    d = np.array([1e-12, 1e-3, 0.5, 1.0])
    assert_close(L.smoothing_gradient_factor(d, real_target=0.9, fake_target=0.0), np.ones(4), IDENTITY)


def test_smoothing_gradient_factor_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="positive"):
        L.smoothing_gradient_factor(np.array([0.0]), real_target=0.9, fake_target=0.1)
    with pytest.raises(ValueError, match="exceed"):
        L.smoothing_gradient_factor(np.array([0.5]), real_target=0.1, fake_target=0.9)


# ---------------------------------------------------------------------------
# Accuracy in the tails
# ---------------------------------------------------------------------------

#: Logits where softplus(ℓ) − ℓ and σ(ℓ) − 1 have cancelled to 0 in float64.
TAIL = np.array([34.0, 40.0, 100.0, 700.0])


def test_bce_with_logits_keeps_a_tiny_loss() -> None:
    # BCE(ℓ, 1) = log(1 + e^−ℓ): 1.7e-15 at ℓ = 34, not 0; and the mirror image at t = 0
    expected = np.log1p(np.exp(-TAIL))
    tight = Tolerance(1e-15, 0.0, "log1p(exp(−ℓ)) to a few ulps, no cancellation")
    assert_close(L.bce_with_logits(TAIL, 1.0), expected, tight)
    assert_close(L.bce_with_logits(-TAIL, 0.0), expected, tight)
    assert L.bce_with_logits(np.array([34.0]), 1.0)[0] > 1.7e-15


def test_bce_with_soft_targets_keeps_both_tails() -> None:
    # t·softplus(−ℓ) + (1 − t)·softplus(ℓ) at ℓ = 40, t = 0.25: 0.25·e^−40 + 0.75·(40 + e^−40)
    ell = np.array([40.0])
    expected = 0.25 * math.exp(-40.0) + 0.75 * (40.0 + math.log1p(math.exp(-40.0)))
    assert_close(L.bce_with_logits(ell, 0.25), np.array([expected]), Tolerance(1e-15, 0.0, "two exact terms"))


def test_bce_logit_gradient_keeps_a_tiny_gradient() -> None:
    # σ(ℓ) − 1 = −σ(−ℓ) = −e^−ℓ/(1 + e^−ℓ): −4.2e-18 at ℓ = 40, not 0
    expected = -1.0 / (1.0 + np.exp(TAIL))
    tight = Tolerance(1e-15, 0.0, "σ(−ℓ) to a few ulps, no cancellation")
    assert_close(L.bce_logit_gradient(TAIL, 1.0), expected, tight)
    assert_close(L.bce_logit_gradient(-TAIL, 0.0), -expected, tight)
    assert L.bce_logit_gradient(np.array([40.0]), 1.0)[0] < 0.0


def test_maximum_likelihood_logit_derivative_rejects_overflowing_logits() -> None:
    with pytest.raises(ValueError, match="overflow"):
        L.GENERATOR_COSTS["maximum-likelihood"].d_logit(np.array([710.0]))


def test_lsgan_generator_loss_with_a_nonzero_target() -> None:
    # ½ (f − c)² with c = 1 at f = 0, 1, 3: ½·1, 0, ½·4; a sign slip, ½ (f + c)², would give ½, 2, 8
    assert L.lsgan_generator_loss(np.array([0.0, 1.0, 3.0]), 1.0).tolist() == [0.5, 0.0, 2.0]


def test_lsgan_discriminator_loss_with_asymmetric_targets() -> None:
    # a = 0, b = 1: ½ mean (r − 1)² + ½ mean f²; r = (1, 3) gives ½·(0 + 4)/2 = 1, f = (2,) gives ½·4 = 2
    assert L.lsgan_discriminator_loss(np.array([1.0, 3.0]), np.array([2.0]), a=0.0, b=1.0) == 3.0


def test_smoothed_optimum_is_the_mean_target_where_both_densities_vanish() -> None:
    # (α, β) = (1, ½): (α + β)/2 = ¾ where p + q = 0 (any value is optimal there);
    # live points β + (α − β) p/(p + q): p = 1, q = 0 gives 1 and p = 1, q = 3 gives ½ + ½·¼ = ⅝
    d = L.smoothed_optimal_discriminator(np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.0, 3.0]), fake_target=0.5)
    assert d.tolist() == [0.75, 1.0, 0.625]


def test_smoothed_optimum_is_one_half_where_both_densities_vanish_with_hard_targets() -> None:
    # the default targets (1, 0) give (1 + 0)/2 = ½ there, the fill of the hard-label D*
    assert L.smoothed_optimal_discriminator(np.array([0.0, 1.0]), np.array([0.0, 1.0])).tolist() == [0.5, 0.5]


def test_smoothed_optimum_survives_densities_whose_sum_overflows() -> None:
    d = L.smoothed_optimal_discriminator(np.array([1e308]), np.array([1.5e308]))
    assert_close(d, np.array([0.4]), IDENTITY)


@pytest.mark.parametrize("target", [0.25, 0.3, 0.4, 0.7, 1.0])
def test_bce_logit_gradient_at_logit_zero_is_one_half_minus_the_target_exactly(target: float) -> None:
    # σ(0) − t = ½ − t, one subtraction that Sterbenz's lemma makes exact for t ∈ [¼, 1]
    assert L.bce_logit_gradient(0.0, target) == 0.5 - target
