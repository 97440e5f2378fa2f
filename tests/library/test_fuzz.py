"""Every public callable of gantheory answers hostile input with a ValueError or TypeError naming the argument.

The callables are found by introspection (every public class and function of
every module, and the functions held by :data:`gantheory.losses.GENERATOR_COSTS`),
so a new one fails :func:`test_every_public_callable_has_a_valid_call` until it
gets a valid call in :data:`VALID_CALLS`. Hypothesis then replaces one argument of
a valid call at a time by a hostile value (NaN, ±inf, negative, zero, subnormal and
huge numbers, empty, 0-d and 2-d arrays, ints, bools, strings, None, complex and
object arrays, non-finite tensors, and random floats and float arrays) and asserts:

* the call raises ValueError or TypeError whose message names the argument, or
* it returns a result with no NaN in it.

Cases per run: :data:`FUZZ_CASES` for the active Hypothesis profile (1,000 on
``ci``, 20,000 on ``thorough``).
"""

from __future__ import annotations

import collections
import dataclasses
import importlib
import inspect
import math
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gantheory
from gantheory import dirac, support
from gantheory.densities import GaussianMixture, gaussian
from gantheory.equilibrium import MixtureTarget
from gantheory.losses import GENERATOR_COSTS
from gantheory.nn.data import gaussian1d
from gantheory.nn.trainer import TrainConfig

#: Callables whose documented result may hold NaN, with the reason.
DOCUMENTED_NAN = {
    "modes.mode_coverage": "reverse_kl is NaN when no sample is of high quality",
    "modes.coverage_stats": "reverse_kl is NaN for a seed without a high-quality sample",
    "twosample.mean_se": "the mean is NaN without a finite value, the standard error with fewer than two",
    "twosample.welch_t_greater": "the degrees of freedom are NaN when neither sample has any spread",
}

#: Cases per run of the fuzz test, by Hypothesis profile.
FUZZ_CASES = {"ci": 1_000, "dev": 1_000, "thorough": 20_000}

#: Classes that only hold results or declare interfaces: they are built by the
#: library from validated input, never from a user's raw values.
RECORDS = {
    "densities.Density",
    "dirac.DiracField",
    "dirac.Trajectory",
    "equilibrium.MixtureTarget",
    "fdivergences.FDivergence",
    "flows.FlowResult",
    "losses.GeneratorCost",
    "modes.CoverageStats",
    "modes.ModeCoverage",
    "support.LeakyMLP",
    "nn.data.DataSource",
    "nn.data.GaussianMixtureSource",
    "nn.data.DigitsSource",
    "nn.trainer.GANState",
    "nn.trainer.StepBatch",
    "nn.trainer.TrainResult",
    "quadrature.QuadratureError",
    "twosample.C2STResult",
    "twosample.CombinedC2ST",
    "wasserstein.FunctionClass",
    "wasserstein.IPMResult",
    "wasserstein.TransportResult",
}

PMF = [0.2, 0.3, 0.5]
PMF2 = [0.5, 0.25, 0.25]
LOGITS = torch.zeros(2, 3)
KEYS = torch.tensor([[0, 1], [2**32 - 1, 7]], dtype=torch.int64)
CONFIG = TrainConfig(n_seeds=1, steps=2, batch_size=4, g_widths=(4,), d_widths=(4,), data="gaussian", log_every=1)
MIX = MixtureTarget("two", np.array([0.5, 0.5]), np.array([[-1.0], [1.0]]), np.array([0.5, 0.5]))


def _uniform(x: np.ndarray) -> np.ndarray:
    return np.full_like(np.asarray(x, dtype=np.float64), 0.5)


def _sin_sum(x: np.ndarray) -> float:
    return float(np.sin(x).sum())


def _valid_calls() -> dict[str, dict[str, Any]]:
    """A valid call of every public callable: its keyword arguments."""
    g = gaussian(0.0, 1.0)
    h = GaussianMixture([0.5, 0.5], [-1.0, 1.0], [0.5, 0.5])
    rng = np.random.default_rng  # a fresh Generator each call: results do not depend on earlier draws
    samples = np.random.default_rng(0).normal(size=(40, 2))
    _support_mlp = support.leaky_mlp((2, 3), np.random.default_rng(0))
    return {
        # bumps
        "bumps.bump": {"u": [0.5, -2.0]},
        "bumps.bump_derivative": {"u": [0.5, -2.0]},
        # densities
        "densities.GaussianMixture": {"weights": [0.5, 0.5], "means": [-1.0, 1.0], "sigmas": [0.5, 0.5]},
        "densities.gaussian": {"mu": 0.0, "sigma": 1.0},
        "densities.gaussian_pearson_chi2": {"mu1": 0.0, "sigma1": 1.0, "mu2": 0.5, "sigma2": 1.5},
        "densities.TabulatedDensity": {"pdf_function": _uniform, "interval": (0.0, 2.0), "breakpoints": ()},
        # differences
        "differences.five_point_derivative": {"f": np.tanh, "x": 0.5, "h": 1e-3},
        # dirac
        "dirac.f_gan": {"t": [0.5, -1.0]},
        "dirac.f_gan_prime": {"t": [0.5, -1.0]},
        "dirac.f_gan_second": {"t": [0.5, -1.0]},
        "dirac.StandardGAN": {},
        "dirac.NonSaturatingGAN": {},
        "dirac.WassersteinGAN": {"clip": 1.0},
        "dirac.WassersteinGANGP": {"gamma": 0.7, "target": 1.0},
        "dirac.GradientPenaltyGAN": {"gamma": 0.3, "penalty": "r1", "base": "gan"},
        "dirac.InstanceNoiseGAN": {"sigma": 0.7, "expectation": "quadrature", "samples": 100, "loss": "gan"},
        "dirac.ConsensusGAN": {"gamma": 1.0},
        "dirac.make_field": {"name": "gan"},
        "dirac.jacobian_at_equilibrium": {"field": dirac.StandardGAN()},
        "dirac.eigenvalues_at_equilibrium": {"field": dirac.StandardGAN()},
        "dirac.numeric_jacobian": {"field": dirac.StandardGAN(), "point": (0.0, 0.0), "step": 1e-5},
        "dirac.update_jacobian": {"field": dirac.StandardGAN(), "scheme": "simultaneous", "step": 0.1, "d_steps": 1},
        "dirac.spectral_radius": {"matrix": [[0.5, 0.0], [0.0, 0.25]]},
        "dirac.simulate": {
            "field": dirac.StandardGAN(),
            "scheme": "simultaneous",
            "start": (1.0, 1.0),
            "step": 0.2,
            "steps": 5,
            "discriminator_step": 0.1,
            "d_steps": 1,
            "first": "discriminator",
        },
        # discriminator
        "discriminator.density_ratio": {"d": [0.5, 0.25]},
        "discriminator.empirical_value": {"d_real": [0.5, 0.75], "d_fake": [0.25]},
        "discriminator.optimal_discriminator": {"p": PMF, "q": PMF2, "outside": 0.5},
        "discriminator.value_function": {"d": [0.5, 0.5, 0.5], "p": PMF, "q": PMF2},
        "discriminator.virtual_criterion": {"p": PMF, "q": PMF2},
        "discriminator.bayes_accuracy": {"p": PMF, "q": PMF2},
        "discriminator.lsgan_optimal_discriminator": {"p": PMF, "q": PMF2, "a": -1.0, "b": 1.0},
        "discriminator.lsgan_criterion": {"p": PMF, "q": PMF2, "a": -1.0, "b": 1.0, "c": 0.0},
        # divergences
        "divergences.entropy": {"p": PMF, "base": 2.0},
        "divergences.kl_divergence": {"p": PMF, "q": PMF2, "base": 2.0},
        "divergences.reverse_kl_divergence": {"p": PMF, "q": PMF2, "base": 2.0},
        "divergences.js_divergence": {"p": PMF, "q": PMF2, "base": 2.0},
        "divergences.total_variation": {"p": PMF, "q": PMF2},
        "divergences.pearson_chi2": {"p": PMF, "q": PMF2},
        "divergences.neyman_chi2": {"p": PMF, "q": PMF2},
        "divergences.squared_hellinger": {"p": PMF, "q": PMF2},
        "divergences.f_divergence": {
            "p": PMF,
            "q": PMF2,
            "f": lambda t: (t - 1.0) ** 2,
            "f_at_zero": 1.0,
            "slope_at_infinity": math.inf,
        },
        # equilibrium
        "equilibrium.box_bin_masses": {"target": MIX, "edges": [np.linspace(-3.0, 3.0, 5)]},
        "equilibrium.support_grid": {"target": MIX, "points_per_axis": 5},
        "equilibrium.discriminator_deviation": {"d_values": [[0.4, 0.6]], "d_star": [0.5, 0.5]},
        "equilibrium.binned_distances": {"p_data": [0.5, 0.5], "p_g": [[0.25, 0.75]]},
        "equilibrium.mean_outputs": {"d_real": [[0.4, 0.6]], "d_fake": [[0.5, 0.3]]},
        # fdivergences
        "fdivergences.in_domain": {"domain": sp.Interval(0, 1), "x": [0.5, 2.0]},
        "fdivergences.points_spanning": {"domain": sp.Interval(0, 1)},
        "fdivergences.conjugate_by_supremum": {"f_numeric": lambda u: u * np.log(u), "t": 0.5},
        "fdivergences.table": {"pi": 0.3, "alpha_lt1": 0.5, "alpha_gt1": 2.0},
        "fdivergences.row": {"name": "kl"},
        "fdivergences.js_halved": {},
        # finite_differences
        "finite_differences.central_difference_gradient": {"f": _sin_sum, "x": [0.5, -1.0], "step": 1e-6},
        # flows
        "flows.criterion_gradient": {"p": PMF, "q": PMF2, "d": [0.5, 0.5, 0.5]},
        "flows.function_space_descent": {
            "p_data": PMF,
            "p_g": PMF2,
            "step": 0.5,
            "steps": 3,
            "discriminator": "optimal",
            "direction": "descent",
        },
        # losses
        "losses.softplus": {"x": [0.5, -2.0]},
        "losses.sigmoid": {"logits": [0.5, -2.0]},
        "losses.log_sigmoid": {"logits": [0.5, -2.0]},
        "losses.logit": {"d": [0.5, 0.25]},
        "losses.bce_with_logits": {"logits": [0.5, -2.0], "targets": [1.0, 0.0]},
        "losses.bce_logit_gradient": {"logits": [0.5, -2.0], "targets": [1.0, 0.0]},
        "losses.discriminator_loss": {
            "real_logits": [0.5, -2.0],
            "fake_logits": [0.1],
            "real_target": 0.9,
            "fake_target": 0.0,
        },
        "losses.generator_loss_minimax": {"fake_logits": [0.5, -2.0]},
        "losses.generator_loss_nonsaturating": {"fake_logits": [0.5, -2.0]},
        "losses.generator_loss_maximum_likelihood": {"fake_logits": [0.5, -2.0]},
        "losses.lsgan_discriminator_loss": {"real_out": [0.5, 0.2], "fake_out": [0.1], "a": -1.0, "b": 1.0},
        "losses.lsgan_generator_loss": {"fake_out": [0.5, 0.2], "c": 0.0},
        "losses.expected_flipped_targets": {"rho": 0.1},
        "losses.flip_labels": {"targets": [1.0, 0.0], "rho": 0.1, "rng": rng(0)},
        "losses.smoothed_optimal_discriminator": {"p": PMF, "q": PMF2, "real_target": 0.9, "fake_target": 0.0},
        "losses.smoothing_gradient_factor": {"d_star": [0.5, 0.25], "real_target": 0.9, "fake_target": 0.1},
        "losses.smoothed_virtual_criterion": {"p": PMF, "q": PMF2, "real_target": 0.9, "fake_target": 0.1},
        "losses.ranks_differently": {
            "cost_a": np.negative,
            "cost_b": np.log,
            "first": [0.01, 0.99],
            "second": [0.5],
            "margin": 1e-9,
        },
        **{
            f"losses.GENERATOR_COSTS[{cost}].{part}": {
                _first_parameter(getattr(GENERATOR_COSTS[cost], part)): [0.5, 0.25]
            }
            for cost in GENERATOR_COSTS
            for part in ("of_output", "d_output", "of_logit", "d_logit")
        },
        # modes
        "modes.ring_modes": {"n": 8, "radius": 1.0},
        "modes.grid_modes": {"values": [-2.0, 0.0, 2.0]},
        "modes.mode_coverage": {
            "samples": samples,
            "means": [[0.0, 0.0], [1.0, 1.0]],
            "sigma": 0.5,
            "threshold": 3.0,
            "min_count": 1,
        },
        "modes.coverage_stats": {
            "samples": samples[None],
            "means": [[0.0, 0.0], [1.0, 1.0]],
            "sigma": 0.5,
            "strict_count": 2,
            "threshold": 3.0,
        },
        "modes.distinct_modes": {"means": [[0.0, 0.0], [1.0, 1.0]]},
        # nn
        "nn.data.bimodal": {},
        "nn.data.gaussian1d": {"mean": 1.0, "sigma": 0.5},
        "nn.data.ring8": {"radius": 1.0, "sigma": 0.01},
        "nn.data.grid25": {"spacing": 2.0, "sigma": 0.05},
        "nn.data.standard_normal": {"dim": 1},
        "nn.data.digits": {},
        "nn.data.get_source": {"name": "gaussian"},
        "nn.data.optimal_logit": {"p_data": gaussian1d(), "p_g": gaussian1d(0.0, 1.0), "x": [[0.5], [1.0]]},
        "nn.device.cuda_available": {},
        "nn.device.resolve_device": {"device": "cpu"},
        "nn.device.resolve_dtype": {"dtype": "float32"},
        "nn.device.torch_threads": {"n": 1},
        "nn.losses.discriminator_loss": {"real_logits": LOGITS, "fake_logits": LOGITS},
        "nn.losses.generator_loss_minimax": {"fake_logits": LOGITS},
        "nn.losses.generator_loss_nonsaturating": {"fake_logits": LOGITS},
        "nn.losses.generator_loss": {"fake_logits": LOGITS, "kind": "minimax"},
        "nn.losses.r1_penalty": _r1_call(),
        "nn.metrics.wilson_interval": {"k": 3, "n": 10, "confidence": 0.95},
        "nn.metrics.clopper_pearson_interval": {"k": 3, "n": 10, "confidence": 0.95},
        "nn.metrics.binomial_upper_tail": {"k": 3, "n": 10, "p": 0.5},
        "nn.metrics.mean_interval": {"values": [0.1, 0.4, 0.3], "confidence": 0.95},
        "nn.metrics.mixture_bin_masses": {
            "weights": [0.5, 0.5],
            "means": [-1.0, 1.0],
            "sigmas": [0.5, 0.5],
            "edges": [-2.0, 0.0, 2.0],
        },
        "nn.metrics.latent_grid": {"cells": 64, "bound": 8.0},
        "nn.metrics.pushforward_cdf": {"values": [0.0, 1.0, 2.0, 3.0], "mass": [0.25, 0.5, 0.25], "points": [0.5, 1.5]},
        "nn.metrics.pushforward_bin_masses": {
            "values": [0.0, 1.0, 2.0, 3.0],
            "mass": [0.25, 0.5, 0.25],
            "edges": [-1.0, 0.5, 3.0],
        },
        "nn.metrics.pushforward_window_shares": {
            "values": [0.0, 1.0, 2.0, 3.0],
            "mass": [0.25, 0.5, 0.25],
            "centres": [0.0, 2.0],
            "half_width": 0.5,
        },
        "nn.metrics.empirical_bin_masses": {"samples": [[0.1, 0.2, 1.5]], "edges": [0.0, 1.0, 2.0]},
        "nn.metrics.binned_js": {"p": [[0.5, 0.5]], "q": [[0.25, 0.75]]},
        "nn.metrics.window_shares": {"samples": [[0.1, 0.2, 1.5]], "centres": [0.0, 1.0], "half_width": 0.5},
        "nn.metrics.covers_all": {"shares": [[0.2, 0.3]], "min_share": 0.1},
        "nn.models.stacked_linear": {
            "x": torch.zeros(2, 3, 4),
            "weight": torch.zeros(2, 4, 5),
            "bias": torch.zeros(2, 1, 5),
        },
        "nn.models.StackedMLP": {"in_dim": 1, "widths": (4,), "out_dim": 1, "activation": "leaky_relu"},
        "nn.models.generator_mlp": {"latent_dim": 1, "widths": (4,), "data_dim": 1},
        "nn.models.discriminator_mlp": {"data_dim": 1, "widths": (4,)},
        "nn.models.num_seeds": {"params": [torch.zeros(2, 3, 4)]},
        "nn.models.select_seeds": {"params": [torch.zeros(2, 3, 4)], "indices": 1},
        "nn.trainer.seed_generator": {"seed": 0, "index": 1, "stream": 2},
        "nn.counter_rng.stream_seed": {"seed": 0, "index": 1, "stream": 2},
        "nn.counter_rng.stream_keys": {"seed": 0, "indices": [0, 1], "stream": 2},
        "nn.counter_rng.philox4x32": {
            "counter": torch.zeros(3, 4, dtype=torch.int64),
            "key": torch.ones(2, dtype=torch.int64),
            "rounds": 10,
        },
        "nn.counter_rng.counter_words": {"start": 2**32 - 1, "n": 3, "device": "cpu"},
        "nn.counter_rng.random_raw": {"keys": KEYS, "start": 0, "n_blocks": 2},
        "nn.counter_rng.uniform": {"keys": KEYS, "start": 0, "n": 5, "dtype": torch.float64},
        "nn.counter_rng.normal": {"keys": KEYS, "start": 0, "n": 5, "dtype": torch.float32},
        "nn.counter_rng.normal_steps": {"keys": KEYS, "first_step": 1, "steps": 2, "per_step": 3},
        "nn.counter_rng.mixture_steps": {
            "keys": KEYS,
            "first_step": 1,
            "steps": 2,
            "per_step": 3,
            "weights": [0.5, 0.5],
            "means": [[-1.0], [1.0]],
            "sigmas": [0.5, 0.5],
            "dtype": torch.float32,
        },
        "nn.trainer.learning_rate_factor": {"schedule": "cosine", "step": 3, "steps": 10, "hold": 0, "final": 0.0},
        "nn.trainer.TrainConfig": {"n_seeds": 1, "steps": 2, "batch_size": 4, "lr_d": 1e-3, "data": "gaussian"},
        "nn.trainer.step_batches": {"config": CONFIG, "device": "cpu"},
        "nn.trainer.BatchedGAN": {"config": CONFIG},
        "nn.trainer.train": {"config": CONFIG, "progress": False, "callback_every": 1},
        "nn.trainer.observe_steps": {"observer": print},
        # quadrature
        "quadrature.integrate": {"fn": np.cos, "interval": (0.0, 1.0), "points": (0.5,), "epsrel": 1e-10},
        "quadrature.expectation": {"p": g, "g": np.cos},
        "quadrature.kl_divergence": {"p": g, "q": h},
        "quadrature.js_divergence": {"p": g, "q": h, "base": 2.0},
        "quadrature.total_variation": {"p": g, "q": h},
        "quadrature.pearson_chi2": {"p": h, "q": g},
        "quadrature.neyman_chi2": {"p": g, "q": h},
        "quadrature.squared_hellinger": {"p": g, "q": h},
        "quadrature.f_divergence": {"p": h, "q": g, "f": lambda t: np.abs(t - 1.0) / 2},
        "quadrature.value_function": {"d": _uniform, "p": g, "q": h},
        "quadrature.virtual_criterion": {"p": g, "q": h},
        "quadrature.log_optimal_discriminator": {"p": g, "q": h, "x": np.array([0.0, 1.0])},
        "quadrature.optimal_discriminator": {"p": g, "q": h, "x": np.array([0.0, 1.0])},
        # strategies
        "strategies.probability_vectors": {"min_size": 2, "max_size": 4, "min_mass": 0.01},
        "strategies.pmf_pairs": {"min_size": 2, "max_size": 4, "min_mass": 0.01},
        "strategies.pmf_triples": {"min_size": 2, "max_size": 4, "min_mass": 0.01},
        "strategies.disjoint_pmf_pairs": {"min_size": 2, "max_size": 4},
        "strategies.near_equal_pmf_pairs": {"min_size": 2, "max_size": 4, "max_relative_change": 1e-6},
        "strategies.gaussian_mixtures": {"max_components": 2, "mean_bound": 4.0, "min_sigma": 0.25, "max_sigma": 2.0},
        "strategies.gaussian_mixture_pairs": {"max_components": 2},
        "strategies.logits": {"bound": 30.0},
        # support
        "support.leaky_mlp": {"widths": (2, 3), "rng": rng(0), "slope": 0.2},
        "support.jacobian_rank": {"generator": _support_mlp, "latents": np.zeros((2, 2))},
        # symbolic
        "symbolic.sigmoid": {"x": sp.Symbol("x")},
        "symbolic.value_integrand": {"p": sp.Symbol("a", positive=True)},
        "symbolic.optimal_discriminator": {"p": sp.Symbol("a", positive=True)},
        "symbolic.criterion_integrand": {"p": sp.Symbol("a", positive=True)},
        "symbolic.kl_integrand": {"p": sp.Symbol("a", positive=True)},
        "symbolic.js_integrand": {"p": sp.Symbol("a", positive=True)},
        "symbolic.f_divergence_integrand": {"f": sp.log(sp.Symbol("u", positive=True))},
        "symbolic.lsgan_criterion_integrand": {"code_a": -1, "code_b": 1, "code_c": 0},
        "symbolic.generator_costs_of_logit": {"x": sp.Symbol("x")},
        "symbolic.generator_costs_of_output": {"d": sp.Symbol("y", positive=True)},
        "symbolic.binary_cross_entropy": {"d": sp.Symbol("y", positive=True), "t": 1},
        "symbolic.of_logit": {"expr": sp.log(sp.Symbol("y", positive=True)), "x": sp.Symbol("x")},
        "symbolic.derivative_sign": {"expr": sp.log(sp.Symbol("y", positive=True)), "points": 11},
        "symbolic.normal_log_density": {"x": sp.Symbol("x"), "mean": 0.5, "sd": 2.0},
        "symbolic.gaussian_integral": {"exponent": -(sp.Symbol("x") ** 2), "x": sp.Symbol("x")},
        "symbolic.gaussian_expectation": {
            "quadratic": sp.Symbol("x") ** 2,
            "x": sp.Symbol("x"),
            "mean": 0.5,
            "var": 2.0,
        },
        # twosample
        "twosample.c2st": {
            "real": samples,
            "fake": samples + 1.0,
            "rng": rng(1),
            "test_fraction": 0.5,
            "neighbours": 3,
        },
        "twosample.combined_c2st": {"real": samples, "fake": samples + 1.0, "rng": rng(1), "alpha": 0.05},
        "twosample.mean_se": {"values": [1.0, 2.0, 4.0]},
        "twosample.one_sample_t_less": {"values": [1.0, 2.0, 4.0], "mu0": 3.0},
        "twosample.welch_t_greater": {"a": [1.0, 2.0, 4.0], "b": [0.5, 1.0]},
        # wasserstein
        "wasserstein.wasserstein1_1d": {"u_values": [0.0, 1.0], "v_values": [0.5], "u_weights": [0.5, 0.5]},
        "wasserstein.wasserstein1_critic_1d": {"u_values": [0.0, 1.0], "v_values": [0.5], "u_weights": [0.5, 0.5]},
        "wasserstein.sup_norm_ball": {"n": 3, "radius": 1.0},
        "wasserstein.unit_interval_functions": {"n": 3},
        "wasserstein.lipschitz_functions": {"points": [0.0, 1.0, 3.0], "constant": 1.0},
        "wasserstein.non_decreasing_functions": {"n": 3},
        "wasserstein.ipm": {"p": PMF, "q": PMF2, "function_class": _sup_ball(), "absolute": True},
        "wasserstein.kantorovich_rubinstein_dual": {
            "x": [0.0, 1.0],
            "p": [0.5, 0.5],
            "y": [0.5, 2.0],
            "q": [0.25, 0.75],
            "lipschitz": 1.0,
        },
        "wasserstein.optimal_transport_lp": {"x": [0.0, 1.0], "p": [0.5, 0.5], "y": [0.5], "q": [1.0], "power": 2.0},
        "wasserstein.frechet_distance": {
            "mu1": [0.0, 0.0],
            "cov1": np.eye(2),
            "mu2": [1.0, 0.0],
            "cov2": 2 * np.eye(2),
        },
        "wasserstein.wasserstein2_squared_diagonal": {"mu1": [0.0], "var1": [1.0], "mu2": [1.0], "var2": [4.0]},
        "wasserstein.fit_gaussian": {"samples": samples},
        "wasserstein.sliced_wasserstein1": {
            "x": [[0.0, 0.0], [1.0, 0.0]],
            "p": [0.5, 0.5],
            "y": [[0.0, 1.0]],
            "q": [1.0],
            "directions": [[1.0, 0.0], [0.0, 1.0]],
        },
    }


def _first_parameter(fn: Callable[..., Any]) -> str:
    return next(iter(inspect.signature(fn).parameters))


def _r1_call() -> dict[str, Any]:
    x = torch.zeros(2, 3, 1, requires_grad=True)
    return {"real_logits": (2.0 * x).squeeze(2), "x_real": x, "gamma": 1.0}


def _sup_ball() -> Any:
    from gantheory.wasserstein import sup_norm_ball

    return sup_norm_ball(3)


def public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public class and function of gantheory, by ``module.name``, and the GENERATOR_COSTS functions."""
    for info in pkgutil.walk_packages(gantheory.__path__, "gantheory."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("gantheory.")
        for name in sorted({*getattr(module, "__all__", ()), *(n for n in vars(module) if not n.startswith("_"))}):
            obj = getattr(module, name)
            # defined in this module under its own name (not an alias such as a shared checker)
            defined_here = getattr(obj, "__module__", None) == info.name and getattr(obj, "__name__", None) == name
            if defined_here and (inspect.isfunction(obj) or inspect.isclass(obj)):
                if f"{short}.{name}" not in RECORDS:
                    yield f"{short}.{name}", obj
    for cost_name, cost in GENERATOR_COSTS.items():
        for part in ("of_output", "d_output", "of_logit", "d_logit"):
            yield f"losses.GENERATOR_COSTS[{cost_name}].{part}", getattr(cost, part)


CALLABLES = dict(public_callables())
VALID = _valid_calls()


def test_every_public_callable_has_a_valid_call() -> None:
    assert sorted(set(CALLABLES) - set(VALID)) == []
    assert sorted(set(VALID) - set(CALLABLES)) == []


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_valid_call_succeeds(name: str) -> None:
    result = _call(name, VALID[name])
    assert not _has_nan(result)


# ---------------------------------------------------------------------------
# Hostile values
# ---------------------------------------------------------------------------

NAN, INF = math.nan, math.inf
HOSTILE: dict[str, Any] = {
    "nan": NAN,
    "inf": INF,
    "-inf": -INF,
    "negative": -1.0,
    "zero": 0.0,
    "int": 3,
    "negative int": -2,
    "bool": True,
    "str": "x",
    "None": None,
    "complex": 1.0 + 2.0j,
    "subnormal": 5e-324,
    "huge": 1e308,
    "0-d array": np.array(0.5),
    "empty array": np.array([]),
    "empty list": [],
    "2-d array": np.full((2, 2), 0.25),
    "nan array": np.array([0.5, NAN]),
    "inf array": [0.5, INF],
    "complex array": np.array([0.5 + 7j, 0.5]),
    "object array": np.array([0.5, None], dtype=object),
    "str list": ["a", "b"],
    "bool array": np.array([True, False]),
    "negative array": [-0.5, 1.5],
    "huge array": [1e308, 1e308],
    "subnormal array": [5e-324, 1.0],
    "nan tensor": torch.full((2, 3), NAN),
    "inf tensor": torch.full((2, 3), -INF),
    "int tensor": torch.ones((2, 3), dtype=torch.int64),
    "empty tensor": torch.empty((2, 0)),
    "1-d tensor": torch.zeros(3),
}

hostile_values = st.one_of(
    st.sampled_from(sorted(HOSTILE)).map(HOSTILE.__getitem__),
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3)),
)


def _call(name: str, kwargs: dict[str, Any]) -> Any:
    fn = CALLABLES[name]
    with _quiet():
        result = fn(**kwargs)
        if inspect.isgenerator(result) or hasattr(result, "__next__"):
            result = next(iter(result))
        elif hasattr(result, "__enter__") and hasattr(result, "__exit__"):
            with result:
                pass
        return result


class _quiet:
    def __enter__(self) -> None:
        self._err = np.seterr(all="ignore")

    def __exit__(self, *exc: object) -> None:
        np.seterr(**self._err)


def _has_nan(result: Any, depth: int = 0) -> bool:
    if depth > 3:
        return False
    if isinstance(result, float):
        return math.isnan(result)
    if isinstance(result, (np.ndarray, np.floating)):
        return np.asarray(result).dtype.kind == "f" and bool(np.isnan(result).any())
    if isinstance(result, torch.Tensor):
        return result.is_floating_point() and bool(torch.isnan(result.detach()).any())
    if isinstance(result, (tuple, list)):
        return any(_has_nan(r, depth + 1) for r in result)
    if isinstance(result, dict):
        return any(_has_nan(r, depth + 1) for r in result.values())
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return any(_has_nan(getattr(result, f.name), depth + 1) for f in dataclasses.fields(result))
    return False


def _names_argument(message: str, arg: str) -> bool:
    return arg in message


OUTCOMES: collections.Counter[str] = collections.Counter()
FAILURES: list[str] = []
CASES = (sorted(VALID), [n for n in sorted(VALID) if VALID[n]])


def _fuzz_once(name: str, arg_index: int, value: Any) -> None:
    kwargs = dict(VALID[name])
    arg = sorted(kwargs)[arg_index % len(kwargs)]
    kwargs[arg] = value
    try:
        result = _call(name, kwargs)
    except (ValueError, TypeError) as exc:
        kind = "ValueError" if isinstance(exc, ValueError) else "TypeError"
        OUTCOMES[f"raised {kind}"] += 1
        if not _names_argument(str(exc), arg):
            FAILURES.append(f"{name}({arg}={value!r:.40}): {kind} does not name {arg}: {exc}")
        return
    except Exception as exc:  # any other type breaks the contract
        OUTCOMES[f"raised {type(exc).__name__}"] += 1
        FAILURES.append(f"{name}({arg}={value!r:.40}): {type(exc).__name__}: {exc}")
        return
    if _has_nan(result) and name not in DOCUMENTED_NAN:
        OUTCOMES["returned NaN"] += 1
        FAILURES.append(f"{name}({arg}={value!r:.40}) returned NaN")
    else:
        OUTCOMES["returned valid"] += 1


def test_hostile_arguments_get_a_clear_error() -> None:
    profile = settings._current_profile or "default"
    cases = FUZZ_CASES.get(profile, 1_000)
    OUTCOMES.clear()
    FAILURES.clear()

    @settings(max_examples=cases, suppress_health_check=list(HealthCheck), deadline=None)
    @given(name=st.sampled_from(CASES[1]), arg_index=st.integers(0, 7), value=hostile_values)
    def fuzz(name: str, arg_index: int, value: Any) -> None:
        _fuzz_once(name, arg_index, value)

    fuzz()
    total = sum(OUTCOMES.values())
    print(f"\nfuzz ({profile}): {total} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(OUTCOMES.items())))
    assert total >= cases
    assert FAILURES == [], "\n".join(sorted(set(FAILURES))[:60])
