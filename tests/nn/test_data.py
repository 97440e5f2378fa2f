"""The data sources of :mod:`gantheory.nn.data`: the stated protocols, densities and determinism.

Oracles: :class:`gantheory.densities.GaussianMixture` (float64 log-density of
document 000's mixture), ``scipy.stats.multivariate_normal`` for the 2-D
mixtures, :func:`gantheory.discriminator.optimal_discriminator` for
:math:`D^*`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import stats

from gantheory.densities import GaussianMixture
from gantheory.discriminator import optimal_discriminator
from gantheory.nn.data import (
    SOURCES,
    GaussianMixtureSource,
    bimodal,
    digits,
    get_source,
    grid25,
    optimal_logit,
    ring8,
    standard_normal,
)


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_bimodal_is_document_000s_mixture() -> None:
    # document 000, generate_real_data: modes at -2 and 2, standard deviation 0.5, equal weights
    src = bimodal()
    assert src.dim == 1
    assert src.weights == (0.5, 0.5)
    assert src.means == ((-2.0,), (2.0,))
    assert src.sigmas == (0.5, 0.5)


def test_ring8_has_eight_distinct_modes_on_the_unit_circle() -> None:
    # PacGAN: means (cos 2πk/8, sin 2πk/8), k = 0..7, σ = 0.01 (Lin et al. 2018, arXiv:1712.04086);
    # linspace(0, 2π, 8) would repeat a mode
    means = ring8().means_array()
    assert means.shape == (8, 2)
    np.testing.assert_allclose(np.hypot(means[:, 0], means[:, 1]), 1.0, atol=1e-15)
    gaps = np.linalg.norm(means[:, None, :] - means[None, :, :], axis=2)[~np.eye(8, dtype=bool)]
    assert gaps.min() == pytest.approx(2 * math.sin(math.pi / 8), abs=1e-12)
    angles = np.sort(np.mod(np.arctan2(means[:, 1], means[:, 0]), 2 * math.pi))
    np.testing.assert_allclose(np.diff(angles), 2 * math.pi / 8, atol=1e-12)
    assert ring8().sigmas == (0.01,) * 8


def test_grid25_is_pacgans_grid() -> None:
    # PacGAN: means {-4, -2, 0, 2, 4}², σ = 0.05 (Lin et al. 2018, arXiv:1712.04086)
    src = grid25()
    expected = {(float(a), float(b)) for a in (-4, -2, 0, 2, 4) for b in (-4, -2, 0, 2, 4)}
    assert set(src.means) == expected and len(src.means) == 25
    assert src.sigmas == (0.05,) * 25
    assert src.weights == pytest.approx((1 / 25,) * 25)


@pytest.mark.parametrize("name", ["bimodal", "ring8", "grid25", "normal", "digits"])
def test_same_generator_seed_gives_the_same_samples(name: str) -> None:
    src = get_source(name)
    a = src.sample(50, _gen(7))
    b = src.sample(50, _gen(7))
    c = src.sample(50, _gen(8))
    assert a.shape == (50, src.dim) and a.dtype == torch.float32
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_sampling_reads_only_the_given_generator() -> None:
    torch.manual_seed(0)
    a = bimodal().sample(20, _gen(1))
    torch.manual_seed(1)
    b = bimodal().sample(20, _gen(1))
    assert torch.equal(a, b)


def test_float64_samples_are_float64() -> None:
    assert ring8().sample(4, _gen(0), dtype="float64").dtype == torch.float64


def test_bimodal_sample_moments() -> None:
    # mean 0, variance 0.5² + 2² = 4.25; 40 000 draws: s.e. of the mean ≈ 0.0103, of the variance ≈ 0.02
    x = bimodal().sample(40_000, _gen(11), dtype="float64").squeeze(1).numpy()
    assert abs(x.mean()) < 5 * math.sqrt(4.25 / x.size)
    assert abs(x.var() - 4.25) < 0.1
    assert abs((x > 0).mean() - 0.5) < 5 * 0.5 / math.sqrt(x.size)


@pytest.mark.parametrize("name", ["ring8", "grid25"])
def test_mixture_samples_sit_at_their_modes_in_equal_shares(name: str) -> None:
    src = get_source(name)
    assert isinstance(src, GaussianMixtureSource)
    n = 20_000
    x = src.sample(n, _gen(3), dtype="float64").numpy()
    means = src.means_array()
    dist = np.linalg.norm(x[:, None, :] - means[None, :, :], axis=2)
    nearest = dist.argmin(axis=1)
    # a 2-D normal leaves its 5σ disc with probability exp(-12.5) ≈ 4e-6
    assert (dist.min(axis=1) < 5 * src.sigmas[0]).all()
    counts = np.bincount(nearest, minlength=src.n_modes)
    chi2 = float(((counts - n / src.n_modes) ** 2 / (n / src.n_modes)).sum())
    assert chi2 < stats.chi2.ppf(1 - 1e-6, src.n_modes - 1)


def test_bimodal_log_prob_matches_float64_gaussian_mixture() -> None:
    x = np.linspace(-8, 8, 401)
    oracle = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5]).logpdf(x)
    ours = bimodal().log_prob(torch.tensor(x).unsqueeze(1)).numpy()
    np.testing.assert_allclose(ours, oracle, rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("name", ["ring8", "grid25"])
def test_2d_log_prob_matches_scipy(name: str) -> None:
    src = get_source(name)
    assert isinstance(src, GaussianMixtureSource)
    x = src.sample(64, _gen(5), dtype="float64").numpy() + np.random.default_rng(0).normal(0, 0.02, (64, 2))
    oracle = np.log(
        sum(
            w * stats.multivariate_normal(mean=m, cov=s**2).pdf(x)
            for w, m, s in zip(src.weights, src.means, src.sigmas, strict=True)
        )
    )
    ours = src.log_prob(torch.tensor(x)).numpy()
    np.testing.assert_allclose(ours, oracle, rtol=1e-10)


def test_log_prob_keeps_the_input_dtype() -> None:
    assert bimodal().log_prob(torch.zeros(3, 1, dtype=torch.float32)).dtype == torch.float32


def test_optimal_logit_is_the_logit_of_p_over_p_plus_q() -> None:
    # Goodfellow et al. 2014, Prop. 1
    x = np.linspace(-4, 4, 81)
    p = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5]).pdf(x)
    q = GaussianMixture([1.0], [0.0], [1.0]).pdf(x)
    logit = optimal_logit(bimodal(), standard_normal(), torch.tensor(x).unsqueeze(1))
    np.testing.assert_allclose(torch.sigmoid(logit).numpy(), optimal_discriminator(p, q), rtol=1e-12, atol=1e-15)


def test_digits_are_the_1797_sklearn_images_scaled_to_the_unit_box() -> None:
    table = digits().data(dtype="float64").numpy()
    assert table.shape == (1797, 64)
    assert table.min() == -1.0 and table.max() == 1.0
    np.testing.assert_array_equal(np.round((table + 1) * 8), (table + 1) * 8)  # pixels v/8 − 1, v ∈ {0, …, 16}
    x = digits().sample(30, _gen(2), dtype="float64").numpy()
    assert all((table == row).all(axis=1).any() for row in x)


def test_registry_names_match_the_sources() -> None:
    assert set(SOURCES) == {"bimodal", "gaussian", "ring8", "grid25", "normal", "digits"}
    assert all(get_source(name).name == name for name in SOURCES)


BAD_MIXTURES = {
    "weights do not sum to 1": (
        dict(weights=(0.5, 0.6), means=((0.0,), (1.0,)), sigmas=(1.0, 1.0)),
        "weights must be non-negative and sum to 1",
    ),
    "negative weight": (
        dict(weights=(1.5, -0.5), means=((0.0,), (1.0,)), sigmas=(1.0, 1.0)),
        "weights must be non-negative and sum to 1",
    ),
    "zero sigma": (dict(weights=(1.0,), means=((0.0,),), sigmas=(0.0,)), "sigmas must be positive"),
    "means of the wrong length": (
        dict(weights=(0.5, 0.5), means=((0.0,),), sigmas=(1.0, 1.0)),
        "means must have shape \\(2, d\\), got \\(1, 1\\)",
    ),
    "nan mean": (dict(weights=(1.0,), means=((math.nan,),), sigmas=(1.0,)), "means must be finite"),
}


@pytest.mark.parametrize("name", sorted(BAD_MIXTURES))
def test_bad_mixture_raises_value_error(name: str) -> None:
    kwargs, message = BAD_MIXTURES[name]
    with pytest.raises(ValueError, match=message):
        GaussianMixtureSource("bad", **kwargs)


def test_bad_sampling_arguments_raise_value_error() -> None:
    with pytest.raises(ValueError, match="n must"):
        bimodal().sample(-1, _gen(0))
    with pytest.raises(ValueError, match="generator"):
        bimodal().sample(3, 0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dtype"):
        bimodal().sample(3, _gen(0), dtype="float16")
    with pytest.raises(ValueError, match="unknown data source"):
        get_source("mnist")
    with pytest.raises(ValueError, match="last dimension"):
        ring8().log_prob(torch.zeros(3, 1))
    with pytest.raises(ValueError, match="same dimension"):
        optimal_logit(ring8(), standard_normal(), torch.zeros(3, 2))
