"""The counter-based stream of :mod:`gantheory.nn.counter_rng`: bits, distributions, step layout.

Bit-exactness is checked against an independent reference written here with
Python integers, generic in the word width. At 32-bit words it must give
Random123's published known-answer vectors for Philox4x32-10; at 64-bit
words it must give :class:`numpy.random.Philox`, which is Philox4x64-10
(numpy has no 4x32 variant: its key is two 64-bit words and its counter
four). The reference thus carries numpy's check over to the round function,
key schedule and word order the torch code implements at 32 bits.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import stats

from gantheory.nn import counter_rng as cr
from gantheory.nn.data import grid25

#: Multipliers and Weyl increments by word width (Salmon et al. 2011, Table 2; Random123's philox.h).
_CONSTANTS = {
    32: ((0xD2511F53, 0xCD9E8D57), (0x9E3779B9, 0xBB67AE85)),
    64: ((0xD2E7470EE14C6C93, 0xCA5A826395121157), (0x9E3779B97F4A7C15, 0xBB67AE8584CAA73B)),
}

#: Random123's tests/kat_vectors, the three "philox4x32 10" lines: counter (4 words), key (2), output (4).
KAT_4X32_10 = [
    ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((0xFFFFFFFF,) * 4, (0xFFFFFFFF,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    (
        (0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344),
        (0xA4093822, 0x299F31D0),
        (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1),
    ),
]

#: Significance of the distribution tests, and their width in standard errors.
ALPHA = 0.001
N_SE = 5.0


def reference(counter: list[int], key: list[int], width: int, rounds: int = 10) -> list[int]:
    """PhiloxNx{width}-R on Python integers: the round of the module docstring, key bumped between rounds."""
    (m0, m1), (w0, w1) = _CONSTANTS[width]
    mask = (1 << width) - 1
    c, k = list(counter), list(key)
    for r in range(rounds):
        if r:
            k = [(k[0] + w0) & mask, (k[1] + w1) & mask]
        p0, p1 = m0 * c[0], m1 * c[2]
        c = [(p1 >> width) ^ c[1] ^ k[0], p1 & mask, (p0 >> width) ^ c[3] ^ k[1], p0 & mask]
    return c


def words(value: int, n: int, width: int) -> list[int]:
    return [(value >> (width * i)) & ((1 << width) - 1) for i in range(n)]


@pytest.mark.parametrize(("counter", "key", "expected"), KAT_4X32_10)
def test_torch_and_reference_give_random123_known_answers(counter, key, expected):
    assert reference(list(counter), list(key), 32) == list(expected)
    out = cr.philox4x32(torch.tensor(counter), torch.tensor(key))
    assert out.tolist() == list(expected)


@pytest.mark.parametrize("wraps", [True, False])
def test_both_products_are_exact(monkeypatch, wraps):
    # the overflow-free split and the wrapping product must agree with Python's integers, and the known answers
    a = [0, 1, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF]
    a += torch.randint(0, 2**32, (200,), generator=torch.Generator().manual_seed(0)).tolist()
    fn = cr._mulhilo_wrapping if wraps else cr._mulhilo_split
    for m in (0xD2511F53, 0xCD9E8D57):
        hi, lo = fn(torch.tensor(a), m)
        assert hi.tolist() == [(v * m) >> 32 for v in a]
        assert lo.tolist() == [(v * m) & 0xFFFFFFFF for v in a]
    monkeypatch.setattr(cr, "_multiply_wraps", lambda device: wraps)
    for counter, key, expected in KAT_4X32_10:
        assert cr.philox4x32(torch.tensor(counter), torch.tensor(key)).tolist() == list(expected)


def test_cpu_multiplication_wraps():
    # torch's CPU int64 product wraps: the fast path is the one the CPU uses
    assert cr._multiply_wraps("cpu")


@pytest.mark.parametrize("key", [0, 12345, 2**128 - 1, 0x0123456789ABCDEF_FEDCBA9876543210])
@pytest.mark.parametrize("counter", [0, 5, 2**64 - 2, 2**128 - 1, 2**256 - 3])
def test_reference_at_64_bits_is_numpy_philox(key, counter):
    # numpy: key word 0 = low 64 bits, counter word 0 least significant, incremented before each block,
    # random_raw yielding the block's four words in order
    raw = [int(x) for x in np.random.Philox(key=key, counter=counter).random_raw(8)]
    expected = []
    for j in (1, 2):
        expected += reference(words((counter + j) % 2**256, 4, 64), words(key, 2, 64), 64)
    assert raw == expected


@pytest.mark.parametrize("start", [0, 2**32 - 3, 2**64 - 2, 2**96 - 1, 2**128 - 5])
def test_random_raw_matches_reference_across_counter_carries(start):
    keys = [0, 0xFFFFFFFF_FFFFFFFF, 0x299F31D0_A4093822]
    t = cr.random_raw(torch.tensor([words(k, 2, 32) for k in keys]), start, 5)
    for row, key in zip(t.tolist(), keys, strict=True):
        expected = []
        for j in range(5):
            expected += reference(words(start + j, 4, 32), words(key, 2, 32), 32)
        assert row == expected


def test_counter_words_carry_and_bounds():
    assert cr.counter_words(2**32 - 1, 2).tolist() == [[2**32 - 1, 0, 0, 0], [0, 1, 0, 0]]
    assert cr.counter_words(2**128 - 1, 1).tolist() == [[2**32 - 1] * 4]
    with pytest.raises(ValueError, match="2\\*\\*128"):
        cr.counter_words(2**128 - 1, 2)


def test_keys_are_the_generator_seeds():
    from gantheory.nn.trainer import seed_generator

    keys = cr.stream_keys(3, [0, 7], 2)
    for (k0, k1), i in zip(keys.tolist(), [0, 7], strict=True):
        assert k0 + (k1 << 32) == cr.stream_seed(3, i, 2) == seed_generator(3, i, 2).initial_seed()
    assert len({tuple(r) for r in cr.stream_keys(0, list(range(50)), 2).tolist()}) == 50
    with pytest.raises(ValueError, match="index"):
        cr.stream_seed(0, -1, 0)
    with pytest.raises(ValueError, match="keys"):
        cr.random_raw(torch.tensor([[2**32, 0]]), 0, 1)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_uniforms_open_interval_and_bit_layout(dtype):
    keys = cr.stream_keys(0, [0, 1], 0)
    u = cr.uniform(keys, 0, 200_000, dtype=dtype)
    assert u.dtype == dtype and u.shape == (2, 200_000)
    assert bool((u > 0).all()) and bool((u < 1).all())
    # the extremes of the convention are representable and strictly inside (0, 1)
    bits = 23 if dtype == torch.float32 else 52
    lo_hi = (torch.tensor([1, 2 ** (bits + 1) - 1], dtype=torch.float64) * 2.0 ** -(bits + 1)).to(dtype)
    assert 0 < float(lo_hi[0]) and float(lo_hi[1]) < 1
    raw = cr.random_raw(keys, 0, 2)[0].tolist()
    if dtype == torch.float32:
        expected = [((x >> 9) * 2 + 1) * 2.0**-24 for x in raw]
    else:
        expected = [((((raw[i + 1] << 32) | raw[i]) >> 12) * 2 + 1) * 2.0**-53 for i in (0, 2, 4, 6)]
    assert u[0, : len(expected)].tolist() == expected


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_normals_pass_ks(dtype):
    z = cr.normal(cr.stream_keys(1, [4], 3), 0, 100_000, dtype=dtype)[0].to(torch.float64).numpy()
    assert stats.kstest(z, "norm").pvalue > ALPHA
    assert np.isfinite(z).all()


def test_normals_are_box_muller_of_the_uniforms():
    keys = cr.stream_keys(0, [2], 3)
    u = cr.uniform(keys, 10, 4, dtype=torch.float64)[0].tolist()
    z = cr.normal(keys, 10, 4, dtype=torch.float64)[0].tolist()
    r = [math.sqrt(-2 * math.log(u[0])), math.sqrt(-2 * math.log(u[2]))]
    expected = [r[0] * math.cos(2 * math.pi * u[1]), r[0] * math.sin(2 * math.pi * u[1])]
    expected += [r[1] * math.cos(2 * math.pi * u[3]), r[1] * math.sin(2 * math.pi * u[3])]
    assert z == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_mixture_frequencies_and_moments():
    source = grid25()
    n = 50_000
    x = cr.mixture_steps(cr.stream_keys(0, [0], 2), 0, 1, n, source.weights, source.means, source.sigmas)
    x = x[0, 0].to(torch.float64).numpy()
    mu = source.means_array()
    nearest = ((x[:, None, :] - mu[None]) ** 2).sum(-1).argmin(1)
    counts = np.bincount(nearest, minlength=source.n_modes)
    p = np.asarray(source.weights)
    assert np.all(np.abs(counts / n - p) <= N_SE * np.sqrt(p * (1 - p) / n))
    # mixture moments: mean Σ w μ, per-coordinate variance σ² + Σ w μ² − (Σ w μ)²
    mean = p @ mu
    var = source.sigmas[0] ** 2 + p @ mu**2 - mean**2
    assert np.all(np.abs(x.mean(0) - mean) <= N_SE * np.sqrt(var / n))
    fourth = ((x - mean) ** 4).mean(0)
    assert np.all(np.abs(x.var(0) - var) <= N_SE * np.sqrt((fourth - var**2) / n))
    # within a mode the offsets are N(0, σ²)
    offsets = (x - mu[nearest]).ravel() / source.sigmas[0]
    assert stats.kstest(offsets, "norm").pvalue > ALPHA


def test_one_dimensional_mixture_components():
    x = cr.mixture_steps(cr.stream_keys(0, [0], 2), 0, 2, 10_000, (0.25, 0.75), ((-3.0,), (3.0,)), (0.1, 0.2))
    assert x.shape == (1, 2, 10_000, 1)
    share = float((x < 0).double().mean())
    assert abs(share - 0.25) <= N_SE * math.sqrt(0.25 * 0.75 / 20_000)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_steps_do_not_depend_on_chunking_or_group(dtype):
    keys = cr.stream_keys(0, [0, 1, 2, 3, 4], 3)
    per_step = 7  # not a multiple of the values per block: steps are padded to whole blocks
    whole = cr.normal_steps(keys, 0, 6, per_step, dtype=dtype)
    parts = torch.cat([cr.normal_steps(keys, s, n, per_step, dtype=dtype) for s, n in ((0, 1), (1, 3), (4, 2))], 1)
    assert torch.equal(whole, parts)
    assert torch.equal(whole[3:4], cr.normal_steps(keys[3:4], 0, 6, per_step, dtype=dtype))
    m = cr.mixture_steps(keys, 2, 3, 5, (0.5, 0.5), ((-1.0,), (1.0,)), (0.5, 0.5), dtype=dtype)
    single = cr.mixture_steps(keys[2:3], 3, 1, 5, (0.5, 0.5), ((-1.0,), (1.0,)), (0.5, 0.5), dtype=dtype)
    assert torch.equal(m[2:3, 1:2], single)


def test_validation():
    keys = cr.stream_keys(0, [0], 0)
    with pytest.raises(ValueError, match="dtype"):
        cr.uniform(keys, 0, 3, dtype=torch.float16)
    with pytest.raises(ValueError, match="per_step"):
        cr.normal_steps(keys, 0, 1, 0)
    with pytest.raises(ValueError, match="lane"):
        cr.normal_steps(keys, 2**63, 2, 2**5)
    with pytest.raises(ValueError, match="means"):
        cr.mixture_steps(keys, 0, 1, 1, (1.0,), ((0.0,), (1.0,)), (1.0,))
