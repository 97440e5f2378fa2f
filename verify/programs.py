"""The documents' programs run: 000's NumPy GAN, Keras blocks under Keras 3, and training pseudo-code in torch.

The runners of :mod:`verify.claims.code_audits`, whose claims read their results:

* :func:`simple_gan_gradients` executes 000's ``SimpleGAN`` in this process
  (its ``np.random`` a private, seeded ``RandomState``) and reads its
  hand-written gradients off one update, beside central differences of the
  losses its own methods return.
* :func:`keras_run` registers one Keras program (a document's block, with a
  :class:`~verify.audit.Patch`, called by our usage code); :func:`keras_test`
  turns an analysis of one program's result into a check's test. All of a
  document's programs run in one child process (:func:`keras_execution`),
  under Keras 3 on the torch backend, on scikit-learn's digits resized to
  MNIST's shape, with every weight of D and G compared bit for bit across each
  ``train_on_batch`` (:func:`verify.audit.keras_instrument`). Without Keras 3
  (the ``audit`` extra) the tests are pending.
* :func:`run_training_pseudo_code` executes training pseudo-code literally,
  with a tiny float64 torch D and G of ours bound to its names and optimisers
  that record the gradients they would apply; :func:`pseudo_code_driver` is
  its child-side driver, and :func:`pseudo_code_execution` runs every patch
  of the pseudo-code in one child process.
"""

from __future__ import annotations

import ast
import itertools
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from gantheory.finite_differences import central_difference_gradient
from verify import audit
from verify.audit import AS_WRITTEN, Document, Patch, needs_documents
from verify.context import Context
from verify.model import Outcome
from verify.sources import D000

__all__ = [
    "DIGITS_COUNT",
    "DIGITS_SHAPE",
    "FD_BATCH",
    "FD_STEP",
    "KERAS_BACKEND",
    "KERAS_BATCH",
    "KERAS_EPOCHS",
    "KINK_MARGIN",
    "NEEDS_KERAS",
    "SIMPLE_GAN_D",
    "SIMPLE_GAN_G",
    "Analysis",
    "KerasRun",
    "defines",
    "digits_as_mnist",
    "keras_cell",
    "keras_execution",
    "keras_missing",
    "keras_on",
    "keras_run",
    "keras_test",
    "loss_algebra_cases",
    "phases_isolated",
    "program_code",
    "pseudo_code_driver",
    "pseudo_code_execution",
    "ran",
    "run_seed",
    "run_training_pseudo_code",
    "simple_gan_gradients",
]


def defines(name: str) -> Callable[[ast.Module], bool]:
    """Whether a cell defines the function or class ``name``."""
    return lambda tree: any(isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name == name for n in ast.walk(tree))


def keras_cell(doc: Document, name: str) -> audit.Cell:
    """The cell of ``doc`` that defines ``name``."""
    return audit.find_cell(doc, defines(name), f"defines {name}")


def run_seed(ctx: Context, key: str) -> int:
    """A seed from the run's base seed and ``key`` alone, shared by every check: programs that several checks read
    run once."""
    return int(np.random.default_rng([ctx.seed, zlib.crc32(key.encode("utf-8"))]).integers(0, 2**31 - 1))


def program_code(patch: Patch, cell: audit.Cell) -> str:
    """The code to execute: the cell's own text as written (a slice of the pinned bytes), or the edited tree."""
    return cell.code if patch is AS_WRITTEN else ast.unparse(patch.apply(cell.tree()))


# ---------------------------------------------------------------------------
# 000's SimpleGAN, executed in this process
# ---------------------------------------------------------------------------

#: The parameters of 000's SimpleGAN, D's and G's.
SIMPLE_GAN_D = ("d_w1", "d_b1", "d_w2", "d_b2")
SIMPLE_GAN_G = ("g_w1", "g_b1", "g_w2", "g_b2")
#: Central-difference step, the margin every pre-activation keeps from the LeakyReLU kink, and the batch size.
FD_STEP = 1e-6
KINK_MARGIN = 1e-4
FD_BATCH = 16


def _simple_gan(doc: Document, seed: int) -> tuple[type, dict[str, Any]]:
    """000's SimpleGAN class, and the constructor arguments its training cell uses."""
    cell = audit.find_cell(doc, defines("SimpleGAN"), "defines SimpleGAN")
    cls = audit.execute_definitions(
        cell.code, ["SimpleGAN"], bindings={"np": audit.PrivateNumpy(seed)}, filename=f"<{doc.name} cell {cell.index}>"
    )["SimpleGAN"]
    train = audit.find_cell(doc, defines("generate_real_data"), "defines generate_real_data")
    config = audit.call_keywords(train.tree(), "SimpleGAN")
    if len(config) != 1:
        raise LookupError(f"{doc.name}: expected one SimpleGAN(...) call in the training cell, found {len(config)}")
    return cls, config[0]


def _pre_activations(gan: Any, x: np.ndarray, z: np.ndarray) -> np.ndarray:
    gan.generator_forward(z)
    g_pre = gan.g_h1_pre.copy()
    fake = gan.g_out.copy()
    gan.discriminator_forward(x)
    d_real = gan.d_h1_pre.copy()
    gan.discriminator_forward(fake)
    return np.concatenate([g_pre.ravel(), d_real.ravel(), gan.d_h1_pre.ravel()])


@lru_cache(maxsize=8)
def simple_gan_gradients(text: str, seed: int) -> dict[str, Any]:
    """Hand-written gradients of 000's SimpleGAN (read off its update with lr = 1) and central differences."""
    doc = Document(D000, text, audit.sha256_text(text))
    cls, config = _simple_gan(doc, seed)
    rng = np.random.default_rng(seed)
    gan = cls(latent_dim=config.get("latent_dim", 1), hidden_dim=config.get("hidden_dim", 32), lr=1.0)
    for _attempt in range(100):
        for name in SIMPLE_GAN_D + SIMPLE_GAN_G:
            setattr(gan, name, rng.normal(0.0, 0.5, getattr(gan, name).shape))
        modes = np.where(rng.random(FD_BATCH) < 0.5, -2.0, 2.0)
        x = (modes + 0.5 * rng.standard_normal(FD_BATCH)).reshape(-1, 1)
        z = rng.standard_normal((FD_BATCH, gan.latent_dim))
        if np.abs(_pre_activations(gan, x, z)).min() >= KINK_MARGIN:
            break
    else:  # pragma: no cover - 100 draws all within 1e-4 of a kink has probability ~0.3^100
        raise RuntimeError("no draw kept every pre-activation away from the LeakyReLU kink")
    start = {n: getattr(gan, n).copy() for n in SIMPLE_GAN_D + SIMPLE_GAN_G}

    def restore() -> None:
        for n, v in start.items():
            setattr(gan, n, v.copy())

    gan.lr = 1.0
    gan.train_discriminator(x, z)
    manual = {n: start[n] - getattr(gan, n) for n in SIMPLE_GAN_D}
    restore()
    gan.train_generator(z)
    manual.update({n: start[n] - getattr(gan, n) for n in SIMPLE_GAN_G})
    restore()

    gan.lr = 0.0  # the training methods then only return their loss
    losses = {"d": lambda: float(gan.train_discriminator(x, z)), "g": lambda: float(gan.train_generator(z))}

    def moved(name: str, loss: Callable[[], float]) -> Callable[[np.ndarray], float]:
        def at(w: np.ndarray) -> float:
            restore()
            setattr(gan, name, w)
            return loss()

        return at

    numeric = {
        n: central_difference_gradient(moved(n, losses[net]), start[n], step=FD_STEP)
        for net, names in (("d", SIMPLE_GAN_D), ("g", SIMPLE_GAN_G))
        for n in names
    }
    restore()
    return {
        "manual": manual,
        "numeric": numeric,
        "losses": {"d": losses["d"](), "g": losses["g"]()},
        "x": x,
        "z": z,
        "weights": start,
        "hidden_dim": gan.d_w1.shape[1],
        "params": int(sum(v.size for v in start.values())),
    }


# ---------------------------------------------------------------------------
# Keras programs
# ---------------------------------------------------------------------------

#: Why a Keras check is pending where Keras 3 is not installed.
NEEDS_KERAS = "needs Keras 3: pip install 'gantheory[audit]' (the audits run it on the torch backend)"
#: The backend the Keras audits run on (torch is a dependency of this package; TensorFlow and JAX are not).
KERAS_BACKEND = "torch"
#: Each Keras program trains this many iterations on batches of this size: enough to see every step twice.
KERAS_EPOCHS, KERAS_BATCH = 2, 8
#: Images of MNIST's shape, made from scikit-learn's digits (nothing is downloaded).
DIGITS_SHAPE = (28, 28, 1)
DIGITS_COUNT = 64


def keras_missing() -> str | None:
    """Why the Keras audits cannot run here (``None`` when Keras ≥ 3 is installed), without importing Keras."""
    import importlib.metadata
    import importlib.util

    if importlib.util.find_spec("keras") is None:
        return NEEDS_KERAS
    major = importlib.metadata.version("keras").split(".")[0]
    if not major.isdigit() or int(major) < 3:
        return f"{NEEDS_KERAS}; found keras {importlib.metadata.version('keras')}"
    return None


def keras_on(versions: Mapping[str, str]) -> str:
    """``Keras 3.x (torch 2.x backend)``, from an execution's versions."""
    return f"Keras {versions.get('keras')} ({versions.get('keras_backend')} {versions.get('torch')} backend)"


@lru_cache(maxsize=1)
def digits_as_mnist() -> np.ndarray:
    """scikit-learn's first 64 digits, bilinearly resized from 8 × 8 to 28 × 28 and scaled to [−1, 1] (tanh's range).

    Returns
    -------
    ndarray of float32, shape (64, 28, 28, 1)
    """
    from scipy import ndimage
    from sklearn.datasets import load_digits

    images = load_digits().images[:DIGITS_COUNT]  # values 0 … 16
    big = ndimage.zoom(images, (1, 28 / 8, 28 / 8), order=1)
    return (np.clip(big, 0.0, 16.0) / 8.0 - 1.0).astype(np.float32)[..., None]


@dataclass(frozen=True)
class KerasRun:
    """One Keras program: a document's block (the cell defining ``defines``) with a patch, called by our usage code."""

    document: str
    defines: str
    patch: Patch
    usage: str

    @property
    def label(self) -> str:
        return f"{self.defines}: {self.patch.description}"


#: Every Keras program of the registry, by document: one child process runs all of a document's programs.
_KERAS_RUNS: dict[str, list[KerasRun]] = {}


def keras_run(document: str, defines: str, patch: Patch, usage: str) -> KerasRun:
    """Register a program with the document's child process (once per label) and return it."""
    run = KerasRun(document, defines, patch, usage)
    runs = _KERAS_RUNS.setdefault(document, [])
    if all(r.label != run.label for r in runs):
        runs.append(run)
    return run


@lru_cache(maxsize=4)
def keras_execution(doc: Document, seed: int) -> audit.Execution:
    """Every registered program of ``doc``, run in one child process under Keras 3 on the torch backend."""
    params = (
        ("instrument", "keras"),
        ("seed", seed),
        ("IMG_SHAPE", list(DIGITS_SHAPE)),
        ("LATENT_DIM", 100),
        ("EPOCHS", KERAS_EPOCHS),
        ("BATCH", KERAS_BATCH),
    )
    programs = [
        audit.Program(
            run.label,
            program_code(run.patch, keras_cell(doc, run.defines)),
            f"<{doc.name} block {run.defines}>",
            run.usage,
            params=params,
        )
        for run in _KERAS_RUNS[doc.name]
    ]
    return audit.execute_isolated(
        programs, data={"X_TRAIN": digits_as_mnist()}, environment={"KERAS_BACKEND": KERAS_BACKEND}
    )


def _where(run: KerasRun, doc: Document, error: Mapping[str, Any]) -> str:
    line = error.get("line")
    if line is None:
        return "inside Keras"
    if error.get("filename") == "<usage>":
        return f"in our calling code (line {line})"
    if run.patch is AS_WRITTEN:
        return f"at document line {keras_cell(doc, run.defines).line + line - 1}"
    return f"at line {line} of the edited block"


#: Reads one program's result: (holds, summary, measurements).
Analysis = Callable[[KerasRun, audit.ProgramResult], tuple[bool, str, dict[str, Any]]]


def keras_test(analyse: Analysis) -> Callable[[KerasRun, Context], Outcome]:
    """A test that executes the run's document under Keras 3 (one child for all its programs) and analyses one."""

    def test(run: KerasRun, ctx: Context) -> Outcome:
        @needs_documents(run.document)
        def inner(run: KerasRun, ctx: Context, doc: Document) -> Outcome:
            missing = keras_missing()
            if missing is not None:
                return Outcome.undecided(missing)
            execution = keras_execution(doc, run_seed(ctx, "keras"))
            result = execution.result(run.label)
            versions = dict(execution.versions)
            on = keras_on(versions)
            if result.error is not None:
                err = result.error
                return Outcome.failed(
                    f"{run.patch.description}, run under {on}: raised {err['type']} {_where(run, doc, err)}: "
                    f"{err['message']}",
                    counterexample={"error": err["type"], "message": err["message"]},
                    versions=versions,
                    error=dict(err),
                    train_on_batch_calls=len(result.trace),
                    seconds=result.seconds,
                )
            ok, summary, measured = analyse(run, result)
            return Outcome.decide(
                ok,
                f"{run.patch.description}, run under {on} on {DIGITS_COUNT} digits resized to {DIGITS_SHAPE}, "
                f"{KERAS_EPOCHS} iterations of batch {KERAS_BATCH}: {summary}",
                versions=versions,
                seconds=result.seconds,
                keras_warnings=sorted({w for t in result.trace for w in t["warnings"]}),
                **measured,
            )

        return inner(run, ctx)

    return test


def _step_table(result: audit.ProgramResult) -> list[dict[str, Any]]:
    nets, changes = ("discriminator", "generator"), ("entries_changed", "max_abs_change")
    return [
        {
            "call": i,
            "model": t["model"],
            "trainable_weights": t["trainable_weights"],
            **{f"{net}_{what}": t["changes"][net][what] for net in nets for what in changes},
        }
        for i, t in enumerate(result.trace)
    ]


def ran(run: KerasRun, result: audit.ProgramResult) -> tuple[bool, str, dict[str, Any]]:
    models = [t["model"] for t in result.trace]
    ok = "discriminator" in models and "combined" in models
    return (
        ok,
        f"ran to the end without an error: {models.count('discriminator')} discriminator and "
        f"{models.count('combined')} combined train_on_batch calls" + ("" if ok else " (a training loop needs both)"),
        {"train_on_batch_calls": models},
    )


def phases_isolated(run: KerasRun, result: audit.ProgramResult) -> tuple[bool, str, dict[str, Any]]:
    """Every D step changes D and not G; every combined step changes G and not D (bit for bit)."""
    steps = _step_table(result)
    broken = []
    for s in steps:
        d, g = s["discriminator_entries_changed"], s["generator_entries_changed"]
        if s["model"] == "discriminator" and (d == 0 or g != 0):
            broken.append(f"call {s['call']} (discriminator): D {d} entries changed, G {g}")
        elif s["model"] == "combined" and (g == 0 or d != 0):
            broken.append(f"call {s['call']} (combined): G {g} entries changed, D {d}")
    kinds = {s["model"] for s in steps}
    if not {"discriminator", "combined"} <= kinds:
        broken.append(f"training calls seen only on {sorted(kinds)}")
    d_steps = [s for s in steps if s["model"] == "discriminator"]
    g_steps = [s for s in steps if s["model"] == "combined"]
    summary = (
        f"{len(d_steps)} D steps changed D in {sum(s['discriminator_entries_changed'] > 0 for s in d_steps)} and G in "
        f"{sum(s['generator_entries_changed'] > 0 for s in d_steps)}; {len(g_steps)} combined steps changed G in "
        f"{sum(s['generator_entries_changed'] > 0 for s in g_steps)} and D in "
        f"{sum(s['discriminator_entries_changed'] > 0 for s in g_steps)}"
    )
    return (
        not broken,
        summary + ("" if not broken else "; " + "; ".join(broken)),
        {"steps": steps, "violations": broken, "counterexample": {"violations": broken}},
    )


# ---------------------------------------------------------------------------
# Training pseudo-code, run literally with a tiny torch D and G
# ---------------------------------------------------------------------------

#: The names that training pseudo-code may read without their being a loss's input.
PSEUDO_NAMES = frozenset(
    {"num_epochs", "dataloader", "k", "m", "sample_noise", "D", "G", "log", "mean", "optimizer_D", "optimizer_G"}
)


def _method_call(stmt: ast.stmt, method: str) -> ast.Call | None:
    """The call of ``stmt`` if it is an expression statement ``<object>.method(...)``."""
    call = stmt.value if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) else None
    return call if call is not None and isinstance(call.func, ast.Attribute) and call.func.attr == method else None


def _loss_for_steps(tree: ast.Module) -> dict[str, tuple[str, ast.expr]]:
    """For each ``optimizer.step()``, the loss whose ``.backward()`` precedes it in the same block, and its value."""
    out: dict[str, tuple[str, ast.expr]] = {}
    for block, _ in audit._statement_lists(tree):
        for i, stmt in enumerate(block):
            call = _method_call(stmt, "step")
            if call is None:
                continue
            optimizer = ast.unparse(call.func.value)  # type: ignore[attr-defined]
            backward = next(
                (c for c in map(_method_call, reversed(block[:i]), itertools.repeat("backward")) if c), None
            )
            if backward is None:
                raise LookupError(f"no backward() before {optimizer}.step()")
            loss = ast.unparse(backward.func.value)  # type: ignore[attr-defined]
            values = [s.value for s in block[:i] if audit.assigns(loss)(s)]  # type: ignore[attr-defined]
            if not values:
                raise LookupError(f"{loss} is not assigned in the block of {optimizer}.step()")
            out[optimizer] = (loss, values[-1])
    return out


@dataclass
class _StepRecord:
    optimizer: str
    grads: list[Any]
    namespace: dict[str, Any]


class _Recorder:
    """Stands in for a torch optimiser: ``step()`` records the gradients it would apply; lr is 0."""

    def __init__(self, name: str, params: Sequence[Any], log: list[_StepRecord], namespace: dict[str, Any]) -> None:
        self.name, self.params, self.log, self.namespace = name, list(params), log, namespace

    def step(self) -> None:
        import torch

        grads = [p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p) for p in self.params]
        snapshot = {k: v for k, v in self.namespace.items() if isinstance(v, torch.Tensor)}
        self.log.append(_StepRecord(self.name, grads, snapshot))

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None


def _tiny_mlp(rng: np.random.Generator, out: Callable[[Any], Any]) -> Any:
    import torch

    class MLP(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w1 = torch.nn.Parameter(torch.tensor(rng.normal(0, 1.0, (1, 6))))
            self.b1 = torch.nn.Parameter(torch.tensor(rng.normal(0, 0.5, 6)))
            self.w2 = torch.nn.Parameter(torch.tensor(rng.normal(0, 0.7, (6, 1))))
            self.b2 = torch.nn.Parameter(torch.tensor(rng.normal(0, 0.5, 1)))

        def forward(self, x: Any) -> Any:
            return out(torch.tanh(x @ self.w1 + self.b1) @ self.w2 + self.b2)

    return MLP()


def run_training_pseudo_code(tree: ast.Module, seed: int) -> dict[str, Any]:
    """Run training pseudo-code with our tiny float64 D and G bound to its names; lr = 0, so only gradients matter.

    Binds ``num_epochs`` (1), ``dataloader`` (2 batches of 8), ``k`` (2), ``m`` (8), ``sample_noise``,
    ``sample_real``, ``D``, ``G``, ``log``, ``mean`` and recording ``optimizer_D``/``optimizer_G``. Returns, per
    ``step()``, the gradients the optimiser saw and (``fresh``) the gradients of that step's loss recomputed by
    autograd at the same parameters and inputs, for both networks.
    """
    import torch

    rng = np.random.default_rng(seed)
    gen = torch.Generator().manual_seed(int(rng.integers(0, 2**31 - 1)))
    disc, gnet = _tiny_mlp(rng, torch.sigmoid), _tiny_mlp(rng, lambda t: t)
    m, k = 8, 2
    batches = [torch.tensor(rng.normal(0, 1, (m, 1)) * 0.5 + 2.0) for _ in range(2)]
    namespace: dict[str, Any] = {"__builtins__": __builtins__}
    log: list[_StepRecord] = []
    namespace.update(
        num_epochs=1,
        dataloader=batches,
        k=k,
        m=m,
        sample_noise=lambda n: torch.randn(n, 1, generator=gen, dtype=torch.float64),
        sample_real=lambda n: torch.tensor(rng.normal(0, 1, (n, 1)) * 0.5 + 2.0),
        D=disc,
        G=gnet,
        log=torch.log,
        mean=torch.mean,
        optimizer_D=_Recorder("optimizer_D", list(disc.parameters()), log, namespace),
        optimizer_G=_Recorder("optimizer_G", list(gnet.parameters()), log, namespace),
    )
    missing = {u.name for u in audit.undefined_names(tree)} - set(namespace)
    if missing:
        raise LookupError(f"the pseudo-code reads names we do not bind: {sorted(missing)}")
    exec(compile(tree, "<001 §3.1 pseudo-code>", "exec"), namespace)
    losses = _loss_for_steps(tree)
    modules = {"optimizer_D": disc, "optimizer_G": gnet}
    records = []
    for i, rec in enumerate(log):
        loss_name, expr = losses[rec.optimizer]
        value = eval(compile(ast.Expression(expr), "<loss>", "eval"), {**namespace, **rec.namespace})
        fresh = {}
        for opt, module in modules.items():
            params = list(module.parameters())
            gs = torch.autograd.grad(value, params, retain_graph=True, allow_unused=True)
            fresh[opt] = [g if g is not None else torch.zeros_like(p) for g, p in zip(gs, params, strict=True)]
        records.append({"index": i, "optimizer": rec.optimizer, "loss": loss_name, "seen": rec.grads, "fresh": fresh})
    return {"records": records, "log": log, "batches_per_epoch": len(batches), "k": k, "losses": losses}


def _flat(ts: Sequence[Any]) -> np.ndarray:
    return np.concatenate([t.detach().numpy().ravel() for t in ts])


def _loss_values(expr: ast.expr, cases: Sequence[tuple[Any, Any]], real: str, noise: str) -> list[float]:
    import torch

    # D and G are the identity: then D(x_real) = a and D(G(z)) = b are the discriminator's outputs themselves
    base = {"D": lambda t: t, "G": lambda t: t, "mean": torch.mean, "log": torch.log}
    code = compile(ast.Expression(expr), "<loss>", "eval")

    def tensor(v: Any) -> Any:
        return torch.tensor(v, dtype=torch.float64)

    return [float(eval(code, {**base, real: tensor(a), noise: tensor(b)})) for a, b in cases]


def pseudo_code_driver(spec: Mapping[str, Any], data: Mapping[str, np.ndarray], trace: list[Any]) -> dict[str, Any]:
    """Child-side driver of ALGO-PSEUDO: run the pseudo-code literally and evaluate its two loss expressions.

    Returns, per optimiser step, the gradient seen and the fresh autograd gradients (flat lists), the D loss's
    inputs at each D step, and the D and G losses evaluated with D and G the identity on ``params["cases"]``.
    """
    tree = audit.parse(spec["code"], spec["filename"])
    run = run_training_pseudo_code(tree, int(spec["params"]["seed"]))
    (d_loss, d_expr), (g_loss, g_expr) = run["losses"]["optimizer_D"], run["losses"]["optimizer_G"]
    d_inputs, g_inputs = (
        sorted({n.id for n in ast.walk(e) if isinstance(n, ast.Name)} - PSEUDO_NAMES) for e in (d_expr, g_expr)
    )
    records = [
        {
            "index": r["index"],
            "optimizer": r["optimizer"],
            "loss": r["loss"],
            "seen": _flat(r["seen"]).tolist(),
            "fresh": {opt: _flat(g).tolist() for opt, g in r["fresh"].items()},
        }
        for r in run["records"]
    ]
    d_step_inputs = [
        {name: rec.namespace[name].detach().numpy().tolist() for name in d_inputs if name in rec.namespace}
        for rec in run["log"]
        if rec.optimizer == "optimizer_D"
    ]
    real = next((n for n in d_inputs if n not in g_inputs), None)
    noise = next(iter(g_inputs), None)
    if real is None or noise is None:
        raise LookupError(f"cannot tell the real batch from the noise among {d_inputs}, {g_inputs}")
    cases = spec["params"]["cases"]
    return {
        "records": records,
        "d_step_inputs": d_step_inputs,
        "d_loss": d_loss,
        "g_loss": g_loss,
        "d_inputs": d_inputs,
        "k": run["k"],
        "batches": run["batches_per_epoch"],
        "d_values": _loss_values(d_expr, cases, real, noise),
        "g_values": _loss_values(g_expr, cases, real, noise),
    }


def loss_algebra_cases(seed: int, n: int) -> list[tuple[list[float], list[float]]]:
    """Batches (a, b) of D's outputs on real and on fake samples: two named ones and ``n`` random ones."""
    rng = np.random.default_rng(seed)
    cases = [([0.5] * 4, [0.5] * 4), ([0.9, 0.99], [0.01, 0.2])]
    for _ in range(n):
        m = int(rng.integers(1, 33))
        cases.append((rng.uniform(1e-6, 1 - 1e-6, m).tolist(), rng.uniform(1e-6, 1 - 1e-6, m).tolist()))
    return cases


@lru_cache(maxsize=4)
def pseudo_code_execution(
    doc: Document, cell: audit.Cell, patches: tuple[Patch, ...], seed: int, random_cases: int
) -> audit.Execution:
    """Every patch of the pseudo-code ``cell``, run by :func:`pseudo_code_driver` in one child process."""
    params = (("seed", seed), ("cases", loss_algebra_cases(seed, random_cases)))
    runs = [
        audit.Program(
            p.description,
            program_code(p, cell),
            f"<{doc.name} §3.1 pseudo-code>",
            driver="verify.programs:pseudo_code_driver",
            params=params,
        )
        for p in patches
    ]
    return audit.execute_isolated(runs)
