"""Throughput of the batched GAN trainer against per-seed loops, in seed-steps per second.

One *seed-step* is one discriminator step and one generator step of one GAN.
The workload is document 000's SimpleGAN: 1-D bimodal data (modes ±2, σ 0.5),
a 1-64-1 leaky-ReLU (slope 0.01) generator and discriminator, plain SGD at
learning rate 0.005, batch 128, the non-saturating generator loss, one D step
per G step. For each K in ``--ks`` it measures, side by side and in this order:

numpy loop
    our own NumPy implementation in the style of document 000 (hand-written
    backpropagation, one network pair at a time), CPU only;
torch loop
    a straightforward per-seed torch loop: ``nn.Sequential`` networks,
    ``BCEWithLogitsLoss``, one ``torch.optim.SGD`` pair per seed, trained one
    seed after another;
batched
    :func:`gantheory.nn.train` with ``n_seeds=K``, eager;
compiled
    the same with ``compile=True`` (:func:`torch.compile`), after a warm-up
    run that compiles the graphs for this K (compile time is reported apart);
data only
    :func:`gantheory.nn.trainer.step_batches` alone: the per-seed random
    streams that the trainer draws its batches from (on the CPU, then moved
    to the device), without training; the trainer cannot run faster than this;
device batches
    the trainer's own :meth:`~gantheory.nn.BatchedGAN.d_step` and
    :meth:`~gantheory.nn.BatchedGAN.g_step` fed with batches drawn on the
    device in one call per tensor from one generator: the arithmetic of the
    trainer without its per-seed streams (seed k is then *not* reproducible
    in another group), the rate a device-side per-seed stream could reach;
counter data, counter batched
    the same two measurements of the trainer with ``streams="counter"``:
    :func:`~gantheory.nn.trainer.step_batches` alone, and :func:`gantheory.nn.train`
    (eager), on per-seed Philox streams drawn on the device for all K seeds
    at once (seed k reproducible in any group);
layout
    the K seeds split into groups of ``--layout-group`` seeds, each group a
    compiled training task of :func:`verify.engine.run_tasks` on a Dask
    ``LocalCluster`` of ``--layout-workers`` single-threaded worker processes
    (the layout of the sweeps and of the report's experiments); every worker
    compiles its graphs in a warm-up first, and the clock covers the whole
    map, task dispatch and result transfer included.

The footer gives the physical ceiling: the floating-point operations of one
seed-step of the workload (the matrix products of the forward and backward
passes) and the rate they would run at if the whole step ran at this CPU's
measured single-precision matrix-multiply rate.

The loops' throughput does not depend on K (they run seeds one after
another), so they are timed on ``min(K, --loop-seeds)`` seeds. Every timing
covers the training loop only (data drawing included, network construction
excluded) and is the best of ``--repeats`` runs, which damps the noise of a
shared machine. Run ``python benchmarks/bench_trainer.py --help`` for the
options; ``--quick`` gives a one-minute smoke run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np
import torch
from torch import nn

from gantheory.nn import BatchedGAN, TrainConfig, TrainResult, cuda_available, torch_threads, train
from gantheory.nn.trainer import step_batches

#: Document 000's settings.
BATCH = 128
HIDDEN = 64
LR = 0.005
SLOPE = 0.01
TARGET_K = 128
#: Targets at K = 128 on a 2-core CPU: seed-steps/s, and ratios to the per-seed torch and NumPy loops.
TARGET_RATE = 25_000.0
TARGET_LOOP_RATIO = 60.0
TARGET_NUMPY_RATIO = 10.0
#: The GPU goal, seed-steps/s, at the largest K measured.
TARGET_GPU_RATE = 1_000_000.0


# --------------------------------------------------------------------------- NumPy loop (document 000's style)


class NumpySimpleGAN:
    """A 1-H-1 leaky-ReLU GAN in NumPy with explicit gradients, trained by SGD on the non-saturating loss."""

    def __init__(self, rng: np.random.Generator, hidden: int = HIDDEN) -> None:
        self.rng = rng
        self.g = [rng.normal(0, 0.1, (1, hidden)), np.zeros(hidden), rng.normal(0, 0.1, (hidden, 1)), np.zeros(1)]
        self.d = [rng.normal(0, 0.1, (1, hidden)), np.zeros(hidden), rng.normal(0, 0.1, (hidden, 1)), np.zeros(1)]

    @staticmethod
    def _forward(p: list[np.ndarray], x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        pre = x @ p[0] + p[1]
        act = np.where(pre > 0, pre, SLOPE * pre)
        return pre, act, act @ p[2] + p[3]

    @staticmethod
    def _backward(
        p: list[np.ndarray], x: np.ndarray, pre: np.ndarray, act: np.ndarray, grad_out: np.ndarray
    ) -> tuple[list[np.ndarray], np.ndarray]:
        """Parameter gradients and the input gradient, given dLoss/d(output)."""
        grad_act = grad_out @ p[2].T
        grad_pre = grad_act * np.where(pre > 0, 1.0, SLOPE)
        grads = [x.T @ grad_pre, grad_pre.sum(0), act.T @ grad_out, grad_out.sum(0)]
        return grads, grad_pre @ p[0].T

    def _real(self, n: int) -> np.ndarray:
        centre = np.where(self.rng.random(n) < 0.5, -2.0, 2.0)
        return (centre + 0.5 * self.rng.standard_normal(n)).reshape(-1, 1)

    def step(self) -> None:
        b = BATCH
        x_real = self._real(b)
        _, _, fake = self._forward(self.g, self.rng.standard_normal((b, 1)))
        # D: softplus(-ℓ_r) + softplus(ℓ_f); dL/dℓ_r = (σ(ℓ_r) − 1)/B, dL/dℓ_f = σ(ℓ_f)/B
        pre_r, act_r, logit_r = self._forward(self.d, x_real)
        pre_f, act_f, logit_f = self._forward(self.d, fake)
        grads_r, _ = self._backward(self.d, x_real, pre_r, act_r, (1 / (1 + np.exp(-logit_r)) - 1) / b)
        grads_f, _ = self._backward(self.d, fake, pre_f, act_f, (1 / (1 + np.exp(-logit_f))) / b)
        for p, gr, gf in zip(self.d, grads_r, grads_f, strict=True):
            p -= LR * (gr + gf)
        # G: softplus(-ℓ_f), through the fixed D into G
        z = self.rng.standard_normal((b, 1))
        pre_g, act_g, fake = self._forward(self.g, z)
        pre_f, act_f, logit_f = self._forward(self.d, fake)
        _, grad_fake = self._backward(self.d, fake, pre_f, act_f, (1 / (1 + np.exp(-logit_f)) - 1) / b)
        grads_g, _ = self._backward(self.g, z, pre_g, act_g, grad_fake)
        for p, gg in zip(self.g, grads_g, strict=True):
            p -= LR * gg


def time_numpy_loop(n_seeds: int, steps: int) -> float:
    """Seconds to train ``n_seeds`` NumPy GANs for ``steps`` steps, one after another."""
    gans = [NumpySimpleGAN(np.random.default_rng(k)) for k in range(n_seeds)]
    start = time.perf_counter()
    for gan in gans:
        for _ in range(steps):
            gan.step()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- straightforward per-seed torch loop


def _mlp() -> nn.Sequential:
    return nn.Sequential(nn.Linear(1, HIDDEN), nn.LeakyReLU(SLOPE), nn.Linear(HIDDEN, 1))


def time_torch_loop(n_seeds: int, steps: int, device: torch.device) -> float:
    """Seconds to train ``n_seeds`` torch GANs for ``steps`` steps, one after another."""
    runs = []
    for k in range(n_seeds):
        gen = torch.Generator(device=device).manual_seed(k)
        g_net, d_net = _mlp().to(device), _mlp().to(device)
        with torch.no_grad():
            for layer in (*g_net, *d_net):
                if isinstance(layer, nn.Linear):
                    layer.weight.normal_(0.0, 0.1, generator=gen)
                    layer.bias.zero_()
        opts = torch.optim.SGD(g_net.parameters(), lr=LR), torch.optim.SGD(d_net.parameters(), lr=LR)
        runs.append((gen, g_net, d_net, *opts))
    bce = nn.BCEWithLogitsLoss()
    ones = torch.ones(BATCH, 1, device=device)
    zeros = torch.zeros(BATCH, 1, device=device)
    _sync(device)
    start = time.perf_counter()
    for gen, g_net, d_net, opt_g, opt_d in runs:
        for _ in range(steps):
            centre = torch.where(torch.rand(BATCH, 1, generator=gen, device=device) < 0.5, -2.0, 2.0)
            x_real = centre + 0.5 * torch.randn(BATCH, 1, generator=gen, device=device)
            x_fake = g_net(torch.randn(BATCH, 1, generator=gen, device=device)).detach()
            d_loss = bce(d_net(x_real), ones) + bce(d_net(x_fake), zeros)
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()
            g_loss = bce(d_net(g_net(torch.randn(BATCH, 1, generator=gen, device=device))), ones)
            opt_g.zero_grad()
            g_loss.backward()
            opt_g.step()
    _sync(device)
    return time.perf_counter() - start


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


# --------------------------------------------------------------------------- measurement


def batched_config(k: int, steps: int, device: str, compile_: bool, streams: str = "generator") -> TrainConfig:
    """Document 000's settings for K seeds (the defaults of TrainConfig)."""
    return TrainConfig(
        n_seeds=k,
        steps=steps,
        device=device,
        compile=compile_,
        batch_size=BATCH,
        lr_d=LR,
        lr_g=LR,
        streams=streams,
    )


def time_data_only(k: int, steps: int, device: str, streams: str = "generator") -> float:
    """Seconds to draw the batches of a K-seed run of ``steps`` steps from the per-seed streams."""
    dev = torch.device(device)
    config = batched_config(k, steps, device, False, streams)
    _sync(dev)
    start = time.perf_counter()
    for _ in step_batches(config, device=dev):
        pass
    _sync(dev)
    return time.perf_counter() - start


def time_device_batches(k: int, steps: int, device: str, compile_: bool) -> float:
    """Seconds for the trainer's steps on batches drawn on the device by one generator (no per-seed streams)."""
    dev = torch.device(device)
    gan = BatchedGAN(batched_config(k, steps, device, compile_))
    gen = torch.Generator(device=dev).manual_seed(0)

    def step(s: int) -> None:
        centre = torch.where(torch.rand(k, BATCH, 1, generator=gen, device=dev) < 0.5, -2.0, 2.0)
        x_real = centre + 0.5 * torch.randn(k, BATCH, 1, generator=gen, device=dev)
        gan.set_learning_rates(s)
        gan.d_step(x_real, torch.randn(k, BATCH, 1, generator=gen, device=dev))
        gan.g_step(torch.randn(k, BATCH, 1, generator=gen, device=dev))

    for s in range(3):  # warm-up: the allocator, and the compiled graphs when compiling
        step(s)
    _sync(dev)
    start = time.perf_counter()
    for s in range(steps):
        step(s)
    _sync(dev)
    return time.perf_counter() - start


def train_group(k: int, steps: int, offset: int, device: str, compile_: bool) -> float:
    """One layout task: train seeds ``offset … offset + k − 1`` and return the training loop's seconds."""
    config = batched_config(k, steps, device, compile_)
    return train(dataclasses.replace(config, seed_offset=offset)).wall_time_s


def _warm_up_worker(k: int, device: str, compile_: bool) -> None:
    with torch_threads(1):
        train(batched_config(k, 3, device, compile_))


def time_layout(k: int, steps: int, device: str, args: argparse.Namespace) -> tuple[float, float]:
    """Seconds for the Dask layout to train K seeds for ``steps`` steps (best of the repeats), and the
    warm-up's seconds; each repeat maps one compiled task per group of ``--layout-group`` seeds."""
    from distributed import Client

    from verify.engine import Task, local_cluster, run_tasks

    group = min(k, args.layout_group)
    offsets = range(0, k, group)
    tasks = [
        Task(f"group-{o}", train_group, (min(group, k - o), steps, o, device, not args.no_compile)) for o in offsets
    ]
    with local_cluster(args.layout_workers) as cluster, Client(cluster.scheduler_address) as client:
        t0 = time.perf_counter()
        client.run(_warm_up_worker, group, device, not args.no_compile)
        warm = time.perf_counter() - t0
        best = math.inf
        for _ in range(args.repeats):
            start = time.perf_counter()
            run_tasks(tasks, scheduler=cluster.scheduler_address)
            best = min(best, time.perf_counter() - start)
    return best, warm


def step_flops(hidden: int = HIDDEN, batch: int = BATCH) -> int:
    r"""Floating-point operations of the matrix products of one seed-step of the workload.

    A dense layer of :math:`n_{in} \times n_{out}` costs :math:`2 n_{in} n_{out}` per point forward
    and twice that backward (the input and the weight gradients). The D step passes :math:`2B`
    points through D forward and backward; the G step passes :math:`B` latents through G forward
    and backward and their images through D forward and backward (input gradient only, D is held
    fixed): :math:`(2B \cdot 3 + B \cdot 3 + B \cdot 2) \cdot 2 \cdot 2H = 44 B H`.
    """
    per_point = 2 * (1 * hidden + hidden * 1)
    return (2 * batch * 3 + batch * 3 + batch * 2) * per_point


def matmul_rate(threads: int, size: int = 512, repeats: int = 20) -> float:
    """This CPU's float32 matrix-multiply rate, FLOP/s, on ``threads`` threads (best of ``repeats``)."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    best = math.inf
    with torch_threads(threads):
        torch.mm(a, b)
        for _ in range(repeats):
            start = time.perf_counter()
            torch.mm(a, b)
            best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best


def batched_steps(k: int, budget: int, lo: int, hi: int) -> int:
    """Steps for a batched run of K seeds: about ``budget`` seed-steps, within [lo, hi]."""
    return int(min(hi, max(lo, budget // k)))


def measure_device(
    device: str, ks: Sequence[int], compile_ks: Sequence[int], args: argparse.Namespace
) -> list[dict[str, float]]:
    """One row per K. The repeats go round the methods in turn, so a burst of load elsewhere hits one
    repeat of each method rather than every repeat of one; each cell keeps its best repeat."""
    dev = torch.device(device)
    rows = []
    for k in ks:
        n_loop = min(k, args.loop_seeds)
        steps = batched_steps(k, args.budget, args.min_steps, args.max_steps)
        row: dict[str, float] = {"K": k}
        train(batched_config(k, 3, device, False))  # warm-up: lazy imports, allocator
        if k in compile_ks:
            t0 = time.perf_counter()
            train(batched_config(k, 3, device, True))  # compiles the graphs for this K
            row["compile_s"] = time.perf_counter() - t0
        runs: dict[str, tuple[float, Callable[[], float]]] = {}
        if dev.type == "cpu" and not args.skip_numpy:
            runs["numpy"] = (n_loop * args.loop_steps, lambda n=n_loop: time_numpy_loop(n, args.loop_steps))
        runs["torch_loop"] = (n_loop * args.loop_steps, lambda n=n_loop: time_torch_loop(n, args.loop_steps, dev))
        finals: dict[bool, TrainResult] = {}

        def run_batched(compile_: bool, k: int = k, steps: int = steps, finals: dict = finals) -> float:
            result = train(batched_config(k, steps, device, compile_))
            finals[compile_] = result
            return result.wall_time_s

        def run_counter(k: int = k, steps: int = steps) -> float:
            return train(batched_config(k, steps, device, False, "counter")).wall_time_s

        runs["batched"] = (k * steps, lambda run=run_batched: run(False))
        if k in compile_ks:
            runs["compiled"] = (k * steps, lambda run=run_batched: run(True))
        if args.data_columns:
            runs["data_only"] = (k * steps, lambda k=k, steps=steps: time_data_only(k, steps, device))
            runs["device_batches"] = (
                k * steps,
                lambda k=k, steps=steps: time_device_batches(k, steps, device, k in compile_ks),
            )
            runs["data_only_counter"] = (
                k * steps,
                lambda k=k, steps=steps: time_data_only(k, steps, device, "counter"),
            )
            runs["batched_counter"] = (k * steps, run_counter)
        for _ in range(args.repeats):
            for name, (work, measure) in runs.items():
                row[name] = max(row.get(name, 0.0), work / measure())
        if dev.type == "cpu" and k in args.layout_ks:
            seconds, warm = time_layout(k, steps, device, args)
            row["layout"] = k * steps / seconds
            row["layout_warm_up_s"] = warm
        if k in compile_ks:
            row["compiled_vs_eager_max_abs_dparam"] = max(
                float((a - b).abs().max())
                for a, b in zip(
                    finals[True].d_params + finals[True].g_params,
                    finals[False].d_params + finals[False].g_params,
                    strict=True,
                )
            )
        row["batched_steps"] = steps
        row["loop_seeds"] = n_loop
        rows.append(row)
        print(
            f"  [{device}] K={k:4d} done: " + ", ".join(f"{key}={_fmt(v)}" for key, v in row.items() if key != "K"),
            file=sys.stderr,
            flush=True,
        )
    return rows


def _fmt(v: float) -> str:
    if isinstance(v, int):
        return str(v)
    return f"{v:.3g}" if v < 1 else f"{v:,.0f}"


def print_table(device: str, rows: list[dict[str, float]]) -> None:
    columns = [
        ("numpy", "numpy loop"),
        ("torch_loop", "torch loop"),
        ("batched", "batched"),
        ("compiled", "compiled"),
        ("layout", "dask layout"),
        ("data_only", "data only"),
        ("device_batches", "device batches"),
        ("data_only_counter", "counter data"),
        ("batched_counter", "counter train"),
    ]
    present = [(key, title) for key, title in columns if any(key in r for r in rows)]
    head = f"{'K':>5} " + "".join(f"{title:>15}" for _, title in present)
    head += f"{'batched/loop':>14}{'compiled/loop':>15}{'layout/loop':>13}{'layout/numpy':>14}{'compile s':>11}"
    print(f"\nseed-steps per second on {device}")
    print(head)
    print("-" * len(head))
    for r in rows:
        line = f"{r['K']:>5} " + "".join(f"{r[key]:>15,.0f}" if key in r else f"{'–':>15}" for key, _ in present)
        ratio = r["batched"] / r["torch_loop"]
        line += f"{ratio:>13.1f}×"
        line += f"{r['compiled'] / r['torch_loop']:>14.1f}×" if "compiled" in r else f"{'–':>15}"
        line += f"{r['layout'] / r['torch_loop']:>12.1f}×" if "layout" in r else f"{'–':>13}"
        line += f"{r['layout'] / r['numpy']:>13.1f}×" if "layout" in r and "numpy" in r else f"{'–':>14}"
        line += f"{r['compile_s']:>11.1f}" if "compile_s" in r else f"{'–':>11}"
        print(line)
    for r in rows:
        if r["K"] != TARGET_K:
            continue
        best = max(r["batched"], r.get("compiled", 0.0), r.get("layout", 0.0))
        checks = [
            (f"≥ {TARGET_RATE:,.0f} seed-steps/s", best >= TARGET_RATE, f"{best:,.0f}"),
            (f"≥ {TARGET_LOOP_RATIO:.0f}× torch loop", best / r["torch_loop"] >= TARGET_LOOP_RATIO, None),
        ]
        if "numpy" in r:
            checks.append((f"≥ {TARGET_NUMPY_RATIO:.0f}× NumPy loop", best / r["numpy"] >= TARGET_NUMPY_RATIO, None))
        print(f"targets at K={TARGET_K} (best column {best:,.0f} seed-steps/s):")
        for label, met, _ in checks:
            print(f"  {label}: {'met' if met else 'NOT met'}")
        r["targets"] = {label: met for label, met, _ in checks}
    sys.stdout.flush()


def print_gpu_goal(rows: list[dict[str, float]]) -> dict[str, object]:
    """The GPU goal at the largest K: the best reproducible column, and the steps on device-drawn batches."""
    r = max(rows, key=lambda row: row["K"])
    best = max(r.get(key, 0.0) for key in ("batched", "compiled"))
    goal = {"K": r["K"], "best_reproducible": best, "met": best >= TARGET_GPU_RATE}
    verdict = "met" if goal["met"] else "NOT met"
    print(f"GPU goal at K={r['K']}: ≥ {TARGET_GPU_RATE:,.0f} seed-steps/s: {verdict}", end="")
    print(f" by the trainer ({best:,.0f})", end="")
    if "device_batches" in r:
        goal["device_batches"] = r["device_batches"]
        goal["device_batches_met"] = r["device_batches"] >= TARGET_GPU_RATE
        print(f"; its steps on device-drawn batches: {r['device_batches']:,.0f}", end="")
    if "data_only" in r:
        print(f"; its per-seed streams alone: {r['data_only']:,.0f}", end="")
    if "batched_counter" in r:
        goal["batched_counter"] = r["batched_counter"]
        goal["batched_counter_met"] = r["batched_counter"] >= TARGET_GPU_RATE
        print(
            f"; with counter streams: {r['batched_counter']:,.0f} (streams alone {r['data_only_counter']:,.0f})", end=""
        )
    print()
    return goal


def print_ceiling(rows: list[dict[str, float]], ceiling: dict[str, float]) -> None:
    flops = ceiling["step_flops"]
    print(
        f"\nceiling: one seed-step is {flops / 1e3:,.0f} kFLOP of matrix products (44·B·H); "
        f"float32 matmul on this CPU: {ceiling['matmul_1_thread'] / 1e9:.1f} GFLOP/s on 1 thread, "
        f"{ceiling['matmul_all_threads'] / 1e9:.1f} on {ceiling['threads']}, i.e. at most "
        f"{ceiling['matmul_all_threads'] / flops:,.0f} seed-steps/s"
    )
    for r in rows:
        best = max(r.get(key, 0.0) for key in ("batched", "compiled", "layout"))
        print(
            f"  K={r['K']:>4}: best {best:,.0f} seed-steps/s = {best * flops / ceiling['matmul_all_threads']:.1%} of it"
        )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--quick", action="store_true", help="smoke run: fewer steps, one repeat, compile at K=128 only")
    p.add_argument("--ks", type=int, nargs="+", default=[1, 8, 32, 128, 512], help="numbers of seeds K")
    p.add_argument("--device", choices=["cpu", "cuda", "all"], default="all", help="'all': CPU, and CUDA when present")
    p.add_argument("--no-compile", action="store_true", help="skip the torch.compile column")
    p.add_argument("--compile-ks", type=int, nargs="*", default=None, help="K values with a compiled run (default all)")
    p.add_argument("--repeats", type=int, default=None, help="timed runs per cell, best kept (default 3, quick 1)")
    p.add_argument("--budget", type=int, default=None, help="seed-steps per batched run (default 40000, quick 6000)")
    p.add_argument("--loop-steps", type=int, default=None, help="steps per seed in the loops (default 300, quick 60)")
    p.add_argument("--loop-seeds", type=int, default=None, help="seeds timed in the loops (default 8, quick 2)")
    p.add_argument("--max-steps", type=int, default=None, help="most steps of a batched run (default 400, quick 60)")
    p.add_argument("--threads", type=int, default=None, help="torch intra-op threads (default: torch's choice)")
    p.add_argument("--skip-numpy", action="store_true", help="leave out the NumPy loop")
    p.add_argument("--layout-ks", type=int, nargs="*", default=None, help="K values with a Dask layout run")
    p.add_argument("--layout-workers", type=int, default=2, help="worker processes of the layout (default 2)")
    p.add_argument("--layout-group", type=int, default=32, help="seeds per layout task (default 32)")
    p.add_argument(
        "--data-columns",
        action="store_true",
        help="also time the per-seed streams alone (data only), the steps on device-drawn batches, and the "
        "trainer and its streams with streams='counter'",
    )
    p.add_argument("--json", type=str, default=None, help="also write the measurements to this JSON file")
    args = p.parse_args(argv)
    quick = args.quick
    args.repeats = args.repeats or (1 if quick else 3)
    args.budget = args.budget or (6000 if quick else 40000)
    args.loop_steps = args.loop_steps or (60 if quick else 300)
    args.loop_seeds = args.loop_seeds or (2 if quick else 8)
    args.min_steps, default_max = (10, 60) if quick else (30, 400)
    args.max_steps = args.max_steps or default_max
    if args.compile_ks is None:
        args.compile_ks = [TARGET_K] if quick else list(args.ks)
    if args.no_compile:
        args.compile_ks = []
    if args.layout_ks is None:
        args.layout_ks = [k for k in args.ks if k >= 2 * args.layout_group] or [max(args.ks)]
    if args.layout_workers < 1 or args.layout_group < 1:
        p.error("--layout-workers and --layout-group must be ≥ 1")
    for name in ("repeats", "budget", "loop_steps", "loop_seeds"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be ≥ 1")
    if any(k < 1 for k in args.ks):
        p.error("--ks must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    devices = []
    if args.device in ("cpu", "all"):
        devices.append("cpu")
    if args.device == "cuda" and not cuda_available():
        print("--device cuda: CUDA is not available", file=sys.stderr)
        return 2
    if args.device in ("cuda", "all") and cuda_available():
        devices.append("cuda")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    print(
        f"torch {torch.__version__}, numpy {np.__version__}, python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, torch threads {torch.get_num_threads()}, load average {load[0]:.2f}"
    )
    if "cuda" in devices:
        print(f"CUDA device: {torch.cuda.get_device_name()}")
    print(
        f"workload: document 000's SimpleGAN (1-{HIDDEN}-1 leaky ReLU, batch {BATCH}, SGD {LR}); "
        f"loops timed on min(K, {args.loop_seeds}) seeds × {args.loop_steps} steps; "
        f"batched runs ≈ {args.budget} seed-steps; best of {args.repeats}"
    )
    results: dict[str, object] = {"args": {k: v for k, v in vars(args).items()}, "devices": {}}
    ceiling = {
        "step_flops": float(step_flops()),
        "matmul_1_thread": matmul_rate(1),
        "matmul_all_threads": matmul_rate(os.cpu_count() or 1),
        "threads": float(os.cpu_count() or 1),
    }
    results["ceiling"] = ceiling
    for device in devices:
        rows = measure_device(device, args.ks, args.compile_ks, args)
        results["devices"][device] = rows  # type: ignore[index]
        print_table(device, rows)
        if device == "cpu":
            print_ceiling(rows, ceiling)
        else:
            results["gpu_goal"] = print_gpu_goal(rows)
    load_end = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    print(f"\nload average at the end: {load_end[0]:.2f} (values well above 0 mean other work shared the CPU)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
