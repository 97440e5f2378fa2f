r"""A counter-based random stream on any torch device: Philox4x32-10, vectorised over keys.

Philox (Salmon et al. 2011) maps a 128-bit *counter* and a 64-bit *key* to
128 random bits by ten rounds of a keyed bijection, so the :math:`n`-th
block of a stream is computed directly, without the blocks before it: every
seed (one key each) and every position (one counter each) is one element of
a tensor operation, on the CPU or a GPU alike.

Words are 32-bit unsigned integers held in ``torch.int64`` tensors (torch's
unsigned 32-bit type lacks most arithmetic). The 64-bit products of the
rounds are taken from one wrapping int64 product where a probe confirms that
the device wraps, and from 16-bit partial products otherwise; both are exact. A counter is four words
:math:`(c_0, c_1, c_2, c_3)`, :math:`c_0` the least significant, i.e. the
integer :math:`\sum_i c_i 2^{32 i}`; a key is two words :math:`(k_0, k_1)`.
One round, with the multipliers :math:`M_0, M_1` and
:math:`\operatorname{hi}, \operatorname{lo}` the upper and lower 32 bits of
a 64-bit product, is

.. math::
    (c_0, c_1, c_2, c_3) \mapsto
    \big(\operatorname{hi}(M_1 c_2) \oplus c_1 \oplus k_0,\;
         \operatorname{lo}(M_1 c_2),\;
         \operatorname{hi}(M_0 c_0) \oplus c_3 \oplus k_1,\;
         \operatorname{lo}(M_0 c_0)\big),

and the key is bumped by the Weyl constants :math:`(W_0, W_1)` modulo
:math:`2^{32}` between rounds. This is Random123's ``philox4x32_R(10, …)``:
the tests compare it with that library's published known-answer vectors.

A *stream* is one key's counter space. The sampling functions read blocks
``start, start + 1, …`` of it and use the four words of each block in order:

* uniforms (:func:`uniform`): float32 takes one word per value, float64 two;
* normals (:func:`normal`): Box–Muller on consecutive pairs of uniforms;
* per-step draws (:func:`normal_steps`, :func:`mixture_steps`): step
  :math:`t` owns a fixed range of blocks, so a chunk of steps is the
  concatenation of its steps whatever the chunk's length.

Keys come from :func:`stream_seed`, the same :class:`numpy.random.SeedSequence`
value that seeds the trainer's CPU generators, so streams of different seeds
and purposes are as independent as those generators.

References
----------
.. [1] J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random
   numbers: as easy as 1, 2, 3", SC'11, doi:10.1145/2063384.2063405, §4 (Philox)
   and Table 2 (constants).
.. [2] G. E. P. Box, M. E. Muller, "A Note on the Generation of Random Normal
   Deviates", Ann. Math. Statist. 29 (1958) 610–611.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import torch

from gantheory.nn.device import resolve_device

__all__ = [
    "LANE",
    "ROUNDS",
    "counter_words",
    "mixture_steps",
    "normal",
    "normal_steps",
    "philox4x32",
    "random_raw",
    "stream_keys",
    "stream_seed",
    "uniform",
]

#: Philox4x32 multipliers and Weyl key increments (Salmon et al. 2011, Table 2; Random123's philox.h).
_M0 = 0xD2511F53
_M1 = 0xCD9E8D57
_W0 = 0x9E3779B9
_W1 = 0xBB67AE85
#: The round count of Philox4x32-10, the variant the paper recommends (its safety margin over the 7 that pass BigCrush).
ROUNDS = 10
_MASK32 = 0xFFFFFFFF
_MASK16 = 0xFFFF
#: Counter offset between the lanes of a stream (counter word 2): a draw never runs into the next lane.
LANE = 2**64
_COUNTER_END = 2**128
#: How far the weights may sum from 1: the tolerance of GaussianMixtureSource, whose weights these are.
_WEIGHT_SUM_TOLERANCE = 1e-9


def stream_seed(seed: int, index: int, stream: int) -> int:
    """The 63-bit seed of one random stream of one seed: ``SeedSequence([seed, index, stream])``.

    Two 32-bit words of the sequence's state, the first the high one, masked to
    63 bits (a torch generator's seed must fit a signed 64-bit integer). The
    trainer's CPU generators are seeded with it, and :func:`stream_keys` uses it
    as a Philox key.

    Parameters
    ----------
    seed, index, stream : int
        Non-negative integers: the run's seed, the seed index, the stream number.

    Returns
    -------
    int
        In :math:`[0, 2^{63})`.

    Raises
    ------
    ValueError
        If an argument is not a non-negative integer.
    """
    for name, v in (("seed", seed), ("index", index), ("stream", stream)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            raise ValueError(f"{name} must be a non-negative integer, got {v!r}")
    hi, lo = np.random.SeedSequence([int(seed), int(index), int(stream)]).generate_state(2, dtype=np.uint32)
    return ((int(hi) << 32) | int(lo)) & (2**63 - 1)


def stream_keys(seed: int, indices: Sequence[int], stream: int) -> torch.Tensor:
    r"""Philox keys of one stream for several seed indices, :math:`k_0 + 2^{32} k_1` = :func:`stream_seed`.

    Parameters
    ----------
    seed : int
    indices : sequence of int
        The seed indices, one key each (non-empty).
    stream : int

    Returns
    -------
    torch.Tensor, shape (K, 2), int64, on the CPU
        Words :math:`(k_0, k_1)` of each key; move it to the device that is to draw.
    """
    if isinstance(indices, (str, bytes)) or not isinstance(indices, Sequence) or len(indices) == 0:
        raise ValueError(f"indices must be a non-empty sequence of integers, got {indices!r}")
    for i in indices:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or i < 0:
            raise ValueError(f"indices must hold non-negative integers, got {i!r}")
    values = [stream_seed(seed, i, stream) for i in indices]
    words = [[v & _MASK32, v >> 32] for v in values]
    return torch.tensor(words, dtype=torch.int64)


def _check_keys(keys: object) -> torch.Tensor:
    if not isinstance(keys, torch.Tensor) or keys.dtype != torch.int64 or keys.dim() != 2 or keys.shape[1] != 2:
        raise ValueError("keys must be an int64 tensor of shape (K, 2)")
    if keys.shape[0] == 0 or bool(((keys < 0) | (keys > _MASK32)).any()):
        raise ValueError("keys must be non-empty and hold 32-bit words (0 … 2**32 − 1)")
    return keys


def _check_count(value: object, name: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value!r}")
    return value


def _float_dtype(dtype: object) -> torch.dtype:
    if not isinstance(dtype, torch.dtype) or dtype not in (torch.float32, torch.float64):
        raise ValueError(f"dtype must be torch.float32 or torch.float64, got {dtype!r}")
    return dtype  # type: ignore[return-value]


def _mulhilo_split(a: torch.Tensor, m: int) -> tuple[torch.Tensor, torch.Tensor]:
    r"""High and low words of :math:`a \cdot m` for 32-bit :math:`a` and the constant :math:`m`, overflow-free.

    The 64-bit product does not fit a signed 64-bit integer, so :math:`m` is
    split into 16-bit halves: :math:`a m = 2^{16} a m_h + a m_l` with both
    partial products below :math:`2^{48}`, and :math:`t = a m_h + \lfloor a m_l / 2^{16} \rfloor
    < 2^{49}` gives :math:`\operatorname{hi} = \lfloor t / 2^{16} \rfloor` and
    :math:`\operatorname{lo} = 2^{16} (t \bmod 2^{16}) + (a m_l \bmod 2^{16})`.
    """
    low = a * (m & _MASK16)
    t = a * (m >> 16) + (low >> 16)
    return t >> 16, ((t & _MASK16) << 16) | (low & _MASK16)


def _mulhilo_wrapping(a: torch.Tensor, m: int) -> tuple[torch.Tensor, torch.Tensor]:
    r"""The same words from one int64 product that wraps modulo :math:`2^{64}`.

    The product :math:`p < 2^{64}` is held as :math:`p - 2^{64}` when it exceeds
    :math:`2^{63} - 1`; its bit pattern is :math:`p`'s, so an arithmetic shift by
    32 and a mask give :math:`\operatorname{hi}`, and a mask gives :math:`\operatorname{lo}`.
    Exact only where int64 multiplication wraps (:func:`_multiply_wraps`).
    """
    p = a * m
    return (p >> 32) & _MASK32, p & _MASK32


#: 32-bit operands whose products with both multipliers cover the sign bit and the largest word.
_WRAP_PROBES = (0xFFFFFFFF, 0xFFFFFFFE, 0x80000000, 0x9E3779B9, 0x13198A2E, 1, 0)


@functools.cache
def _multiply_wraps(device: str) -> bool:
    """Whether int64 products on ``device`` wrap modulo 2**64, checked on products that overflow.

    Signed overflow has no defined result in C++, though every torch backend
    computes it in two's complement; the fast path is used only where this
    probe confirms it, and the overflow-free split everywhere else.
    """
    a = torch.tensor(_WRAP_PROBES, dtype=torch.int64, device=device)
    for m in (_M0, _M1):
        expected = [(v * m) % 2**64 for v in _WRAP_PROBES]
        signed = [e - 2**64 if e >= 2**63 else e for e in expected]
        if (a * m).tolist() != signed:
            return False
    return True


def _mulhilo(a: torch.Tensor, m: int) -> tuple[torch.Tensor, torch.Tensor]:
    if _multiply_wraps(str(a.device)):
        return _mulhilo_wrapping(a, m)
    return _mulhilo_split(a, m)


def philox4x32(counter: torch.Tensor, key: torch.Tensor, rounds: int = ROUNDS) -> torch.Tensor:
    r"""The Philox4x32 bijection of counters under keys (see the module's round formula).

    Parameters
    ----------
    counter : torch.Tensor, shape (..., 4), int64
        Words :math:`(c_0, c_1, c_2, c_3)`, each in :math:`[0, 2^{32})`.
    key : torch.Tensor, shape (..., 2), int64
        Words :math:`(k_0, k_1)`; broadcast against ``counter``'s leading dimensions.
    rounds : int
        Number of rounds (10 for Philox4x32-10).

    Returns
    -------
    torch.Tensor, shape (broadcast, 4), int64
        The four output words, each in :math:`[0, 2^{32})`.
    """
    if not isinstance(counter, torch.Tensor) or counter.dtype != torch.int64 or counter.shape[-1:] != (4,):
        raise ValueError("counter must be an int64 tensor of shape (..., 4)")
    if not isinstance(key, torch.Tensor) or key.dtype != torch.int64 or key.shape[-1:] != (2,):
        raise ValueError("key must be an int64 tensor of shape (..., 2)")
    _check_count(rounds, "rounds", 1)
    for name, t in (("counter", counter), ("key", key)):
        if t.numel() and bool(((t < 0) | (t > _MASK32)).any()):
            raise ValueError(f"{name} must hold 32-bit words (0 … 2**32 − 1)")
    return _rounds(counter, key, rounds)


def _rounds(counter: torch.Tensor, key: torch.Tensor, rounds: int) -> torch.Tensor:
    # unchecked: the samplers' counters and keys are valid by construction, and a check costs a device sync
    c0, c1, c2, c3 = counter.unbind(-1)
    k0, k1 = key.unbind(-1)
    for r in range(rounds):
        if r:
            k0 = (k0 + _W0) & _MASK32
            k1 = (k1 + _W1) & _MASK32
        hi0, lo0 = _mulhilo(c0, _M0)
        hi1, lo1 = _mulhilo(c2, _M1)
        c0, c1, c2, c3 = hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0
    return torch.stack(torch.broadcast_tensors(c0, c1, c2, c3), dim=-1)


def counter_words(start: int, n: int, *, device: str | torch.device = "cpu") -> torch.Tensor:
    r"""The counters :math:`\text{start}, \dots, \text{start} + n - 1` as words, carries included.

    Parameters
    ----------
    start : int
        First counter, :math:`0 \le \text{start}` and :math:`\text{start} + n \le 2^{128}`.
    n : int
        Number of counters (≥ 0).
    device : str or torch.device

    Returns
    -------
    torch.Tensor, shape (n, 4), int64
        Row :math:`j` holds the words of :math:`\text{start} + j`, least significant first.
    """
    _check_count(start, "start")
    _check_count(n, "n")
    if start + n > _COUNTER_END:
        raise ValueError(f"counters start + n = {start + n} exceed 2**128")
    device = resolve_device(device)
    # word 0 plus the offset fits int64 (n < 2**62 in any tensor), and each carry is 0 or 1 from then on
    carry = torch.arange(n, dtype=torch.int64, device=device)
    words = []
    for i in range(4):
        w = carry + ((start >> (32 * i)) & _MASK32)
        words.append(w & _MASK32)
        carry = w >> 32
    return torch.stack(words, dim=-1)


def random_raw(keys: torch.Tensor, start: int, n_blocks: int) -> torch.Tensor:
    """The 32-bit output words of blocks ``start … start + n_blocks − 1`` of each key's stream.

    Parameters
    ----------
    keys : torch.Tensor, shape (K, 2), int64
        From :func:`stream_keys`; the output lives on their device.
    start : int
        First counter (see :func:`counter_words`).
    n_blocks : int
        Blocks per key (≥ 0); each gives four words.

    Returns
    -------
    torch.Tensor, shape (K, 4 · n_blocks), int64
        Block :math:`j`'s words :math:`x_0 … x_3` at positions :math:`4j … 4j + 3`.
    """
    keys = _check_keys(keys)
    _check_count(n_blocks, "n_blocks")
    return _raw(keys, start, n_blocks)


def _raw(keys: torch.Tensor, start: int, n_blocks: int) -> torch.Tensor:
    counters = counter_words(start, n_blocks, device=keys.device)
    out = _rounds(counters.unsqueeze(0), keys.unsqueeze(1), ROUNDS)
    return out.reshape(keys.shape[0], 4 * n_blocks)


def _per_block(dtype: torch.dtype) -> int:
    """Values per Philox block: four float32 uniforms or normals, two float64 ones."""
    return 4 if dtype == torch.float32 else 2


def uniform(keys: torch.Tensor, start: int, n: int, *, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    r"""Uniforms on the open interval (0, 1) from blocks ``start, start + 1, …``.

    With :math:`b` = 23 (float32) or 52 (float64) random bits :math:`j`, the value
    is :math:`u = (2j + 1)\,2^{-(b+1)}`: the midpoints of :math:`2^b` equal cells,
    each exactly representable (:math:`b + 1` bits fill the significand), so
    :math:`2^{-(b+1)} \le u \le 1 - 2^{-(b+1)}`, never 0 or 1, and
    :math:`\mathbb E u = 1/2` exactly. float32 takes the top 23 bits of one
    word; float64 the top 52 bits of the 64-bit word :math:`x_0 + 2^{32} x_1`
    (then :math:`x_2 + 2^{32} x_3`) of each block. One bit fewer than the
    significand (24, 53) is what keeps every value exact and off 1: the
    midpoints of :math:`2^{24}` cells need 25 bits.

    Parameters
    ----------
    keys : torch.Tensor, shape (K, 2), int64
    start : int
        First block (counter).
    n : int
        Values per key (≥ 0); :math:`\lceil n / 4 \rceil` blocks for float32,
        :math:`\lceil n / 2 \rceil` for float64.
    dtype : torch.float32 or torch.float64

    Returns
    -------
    torch.Tensor, shape (K, n), ``dtype``, on the keys' device
    """
    dt = _float_dtype(dtype)
    _check_count(n, "n")
    return _uniform(_check_keys(keys), start, n, dt)


def _uniform(keys: torch.Tensor, start: int, n: int, dt: torch.dtype) -> torch.Tensor:
    words = _raw(keys, start, -(-n // _per_block(dt)))
    if dt == torch.float32:
        bits = words >> 9
        u = (2 * bits + 1).to(torch.float32) * 2.0**-24
    else:
        pairs = words.view(words.shape[0], -1, 2)
        bits = (pairs[..., 1] << 20) | (pairs[..., 0] >> 12)
        # 2j + 1 < 2**53 converts to float64 exactly
        u = (2 * bits + 1).to(torch.float64) * 2.0**-53
    return u[:, :n]


def normal(keys: torch.Tensor, start: int, n: int, *, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    r"""Standard normals by Box–Muller from the uniforms of :func:`uniform` at the same blocks.

    Each consecutive pair :math:`(u_1, u_2)` gives

    .. math::
        z_1 = \sqrt{-2\ln u_1}\,\cos 2\pi u_2, \qquad z_2 = \sqrt{-2\ln u_1}\,\sin 2\pi u_2,

    independent :math:`\mathcal N(0, 1)` (Box & Muller 1958), computed in ``dtype``.
    As :math:`u_1 \ge 2^{-24}` (float32), :math:`|z| \le \sqrt{48 \ln 2} \approx 5.8`
    there; float64 (:math:`u_1 \ge 2^{-53}`) reaches :math:`\sqrt{106 \ln 2} \approx 8.6`.

    Parameters
    ----------
    keys : torch.Tensor, shape (K, 2), int64
    start : int
    n : int
        Values per key (≥ 0): :math:`\lceil n / 4 \rceil` blocks for float32,
        :math:`\lceil n / 2 \rceil` for float64.
    dtype : torch.float32 or torch.float64

    Returns
    -------
    torch.Tensor, shape (K, n)
    """
    dt = _float_dtype(dtype)
    _check_count(n, "n")
    return _normal(_check_keys(keys), start, n, dt)


def _normal(keys: torch.Tensor, start: int, n: int, dt: torch.dtype) -> torch.Tensor:
    per = _per_block(dt)
    u = _uniform(keys, start, per * -(-n // per), dt).view(keys.shape[0], -1, 2)
    radius = torch.sqrt(-2.0 * torch.log(u[..., 0]))
    angle = (2.0 * math.pi) * u[..., 1]
    z = torch.stack((radius * torch.cos(angle), radius * torch.sin(angle)), dim=-1)
    return z.view(keys.shape[0], -1)[:, :n]


def _step_blocks(per_step: int, per_block: int) -> int:
    return -(-per_step // per_block)


def _steps_of(
    draw: str, keys: torch.Tensor, first_step: int, steps: int, per_step: int, lane: int, dtype: torch.dtype
) -> torch.Tensor:
    """(K, steps, per_step) values, step t reading its own blocks of ``lane`` (see :func:`normal_steps`)."""
    _check_count(first_step, "first_step")
    _check_count(steps, "steps")
    _check_count(per_step, "per_step", 1)
    per = _per_block(dtype)
    blocks = _step_blocks(per_step, per)
    if (first_step + steps) * blocks > LANE:
        raise ValueError("the steps run past the 2**64 blocks of a lane")
    fn = _uniform if draw == "uniform" else _normal
    values = fn(keys, lane * LANE + first_step * blocks, steps * blocks * per, dtype)
    return values.view(keys.shape[0], steps, blocks * per)[:, :, :per_step]


def normal_steps(
    keys: torch.Tensor, first_step: int, steps: int, per_step: int, *, dtype: torch.dtype = torch.float32
) -> torch.Tensor:
    r"""``per_step`` standard normals for each of steps ``first_step … first_step + steps − 1``.

    Step :math:`t` reads blocks :math:`t\,m \dots (t + 1)\,m - 1` of lane 0 with
    :math:`m = \lceil \text{per\_step} / v \rceil` (:math:`v` values per block: 4
    float32, 2 float64), so its values do not depend on which steps are drawn
    with it: a chunk of steps equals the steps drawn one by one.

    Parameters
    ----------
    keys : torch.Tensor, shape (K, 2), int64
    first_step, steps : int
        ≥ 0.
    per_step : int
        ≥ 1.
    dtype : torch.float32 or torch.float64

    Returns
    -------
    torch.Tensor, shape (K, steps, per_step)
    """
    return _steps_of("normal", _check_keys(keys), first_step, steps, per_step, 0, _float_dtype(dtype))


def _real_array(value: object, name: str, ndim: int) -> np.ndarray:
    if isinstance(value, torch.Tensor):
        value = value.detach().to("cpu").numpy() if not value.is_complex() else value
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of real numbers: {exc}") from None
    if raw.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be an array of real numbers, got dtype {raw.dtype}")
    a = raw.astype(np.float64)
    if a.ndim != ndim or 0 in a.shape or not np.isfinite(a).all():
        raise ValueError(f"{name} must be a non-empty {ndim}-D array of finite numbers, got shape {a.shape}")
    return a


def _mixture_arrays(weights: object, means: object, sigmas: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    w = _real_array(weights, "weights", 1)
    mu = _real_array(means, "means", 2)
    s = _real_array(sigmas, "sigmas", 1)
    if (w < 0).any() or abs(float(w.sum()) - 1.0) > _WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"weights must be non-negative and sum to 1, got {w.tolist()}")
    if mu.shape[0] != w.size:
        raise ValueError(f"means must have one row per weight ({w.size}), got shape {mu.shape}")
    if s.shape != w.shape or (s <= 0).any():
        raise ValueError(f"sigmas must hold one positive value per weight ({w.size}), got {s.tolist()}")
    return w, mu, s


def mixture_steps(
    keys: torch.Tensor,
    first_step: int,
    steps: int,
    per_step: int,
    weights: Sequence[float],
    means: Sequence[Sequence[float]],
    sigmas: Sequence[float],
    *,
    dtype: torch.dtype = torch.float32,
) -> torch.Tensor:
    r"""``per_step`` points of an isotropic Gaussian mixture for each of the steps.

    Point :math:`i` takes the component :math:`m_i = \#\{l < M - 1 : u_i \ge F_l\}`
    (:math:`F_l = \sum_{j \le l} w_j` the cumulative weights, :math:`u_i` a
    float64 uniform: the inverse of the mixture's CDF) and is
    :math:`\mu_{m_i} + \sigma_{m_i} \varepsilon_i` with standard normals
    :math:`\varepsilon_i \in \mathbb R^d`. The uniforms come from lane 0 of the
    stream and the normals from lane 1, each laid out by step as in
    :func:`normal_steps` (the normals with :math:`\text{per\_step} \cdot d` per step).

    Parameters
    ----------
    keys : torch.Tensor, shape (K, 2), int64
    first_step, steps, per_step : int
    weights : sequence of float, length M
        Non-negative, summing to 1.
    means : sequence of sequences of float, shape (M, d)
    sigmas : sequence of float, length M
        Positive.
    dtype : torch.float32 or torch.float64
        Of the points (the component uniforms are float64 either way).

    Returns
    -------
    torch.Tensor, shape (K, steps, per_step, d)
    """
    keys = _check_keys(keys)
    dt = _float_dtype(dtype)
    w, mu, s = _mixture_arrays(weights, means, sigmas)
    dev = keys.device
    u = _steps_of("uniform", keys, first_step, steps, per_step, 0, torch.float64)
    cdf = torch.tensor(np.cumsum(w)[:-1], dtype=torch.float64, device=dev)
    component = (u.unsqueeze(-1) >= cdf).sum(-1)
    d = mu.shape[1]
    eps = _steps_of("normal", keys, first_step, steps, per_step * d, 1, dt).view(keys.shape[0], steps, per_step, d)
    centres = torch.tensor(mu, dtype=dt, device=dev)[component]
    scales = torch.tensor(s, dtype=dt, device=dev)[component].unsqueeze(-1)
    return centres + scales * eps
