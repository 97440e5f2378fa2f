"""Groups I, J, K: recipes, variants, techniques and concepts (mostly literature claims).

Most rows are advice or history: they are ``not-checkable`` and carry the
papers behind them. Where part of a row can be computed, it is — as a
deciding check when the statement is mathematics (Adam's defaults, spectral
normalisation, the Lipschitz continuity of a generator, what minimises the
sample-based criterion), or as an informative check (``decides=False``) when
it only bears on the advice (minibatch noise ∝ 1/m, batch dependence of
normalisation layers, the settings in the documents' own code).

Cross-document checks read the documents at run time (:mod:`verify.audit`)
and are pending without them.
"""

from __future__ import annotations

import ast
import inspect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import integrate, special
from scipy.spatial.distance import jensenshannon

from gantheory import discriminator as disc
from gantheory.divergences import LOG2, js_divergence
from verify import audit
from verify import references as ref
from verify.audit import Document, needs_documents
from verify.builders import claim, code_audit, numeric_check, property_check
from verify.cases import BIMODAL
from verify.context import Context
from verify.model import Change, Claim, Outcome
from verify.sources import D000, D001, D002, D003, D004, src
from verify.tolerance import EXACT, IDENTITY, Tolerance, compare

# -- HP-ADAM ------------------------------------------------------------------

#: Adam's defaults as published: α = 0.001, β1 = 0.9, β2 = 0.999 (Kingma & Ba 2015, Algorithm 1).
ADAM_PAPER_BETAS = (0.9, 0.999)
#: keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, …): positional order and defaults
#: (Keras API reference, keras.optimizers.Adam).
KERAS_ADAM = (("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.999))


def _torch_adam_defaults(claimed: tuple[float, float], ctx: Context) -> Outcome:
    import torch

    params = inspect.signature(torch.optim.Adam.__init__).parameters
    betas = tuple(float(b) for b in params["betas"].default)
    lr = float(params["lr"].default)
    ok = betas == tuple(claimed) and ADAM_PAPER_BETAS == tuple(claimed)
    return Outcome.decide(
        ok,
        f"torch {torch.__version__}: Adam's default betas = {betas} (lr = {lr:g}); Kingma & Ba's Algorithm 1: {ADAM_PAPER_BETAS}; claimed {tuple(claimed)}",
        counterexample={"torch_default": betas, "paper": ADAM_PAPER_BETAS, "claimed": tuple(claimed)},
        torch_version=torch.__version__,
        torch_betas=betas,
        torch_lr=lr,
    )


def _adam_calls(doc: Document) -> list[dict[str, Any]]:
    """Every explicit Adam(...) constructor in a document's Python cells, with Keras's defaults filled in."""
    found = []
    for cell, tree in doc.parsed_python_cells():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "Adam":
                settings = dict(KERAS_ADAM)
                for (name, _), arg in zip(KERAS_ADAM, node.args, strict=False):
                    settings[name] = float(ast.literal_eval(arg))
                for kw in node.keywords:
                    if kw.arg in settings:
                        settings[kw.arg] = float(ast.literal_eval(kw.value))
                found.append({"document": doc.name[:3], "line": cell.line + node.lineno - 1, **settings})
    return found


@needs_documents(D002, D003)
def _adam_in_code(table: dict[str, float], ctx: Context, d002: Document, d003: Document) -> Outcome:
    calls = _adam_calls(d002) + _adam_calls(d003)
    if not calls:
        return Outcome.failed("no Adam(...) call found in 002 or 003")
    off = [
        {"document": c["document"], "line": c["line"], "setting": k, "code": c[k], "table": v}
        for c in calls
        for k, v in table.items()
        if not math.isclose(c[k], v, rel_tol=1e-12)
    ]
    listed = "; ".join(f"{o['document']} line {o['line']}: {o['setting']} = {o['code']:g}" for o in off)
    return Outcome.decide(
        not off,
        f"{len(calls)} Adam(...) calls in 002 and 003 against {table}: " + ("all agree" if not off else listed),
        counterexample={"disagreements": off},
        calls=calls,
    )


HP_ADAM_A = claim(
    "HP-ADAM.a",
    "Adam's default β1 is 0.9 and β2 = 0.999",
    "Adam's default momentum coefficients are β1 = 0.9 (so the advised 0.5 is lower than the default) and β2 = 0.999.",
    numeric_check(
        "defaults",
        "Read torch.optim.Adam's default betas with inspect.signature and compare with the paper's Algorithm 1.",
        _torch_adam_defaults,
        ("defaults (0.9, 0.999)", (0.9, 0.999)),
        [
            ("β1 = 0.5", "defaults (0.5, 0.999), the GAN setting", (0.5, 0.999)),
            ("β2 = 0.99", "defaults (0.9, 0.99)", (0.9, 0.99)),
        ],
    ),
    sources=(src(D001, "6.1 Hyperparameters"),),
    references=(ref.ADAM.at("Algorithm 1"),),
)

HP_ADAM_B = claim(
    "HP-ADAM.b",
    "Adam lr 2e-4, β1 = 0.5 for G and D",
    "Use Adam with learning rate 0.0002 and β1 = 0.5 (β2 = 0.999) for both G and D.",
    code_audit(
        "settings-in-code",
        "Read every explicit Adam(...) constructor in 002's and 003's code (positional arguments mapped to Keras's order learning_rate, beta_1, beta_2; omitted ones at Keras's defaults) and compare with 001's table.",
        _adam_in_code,
        ("lr 2e-4, β1 0.5, β2 0.999 (001 §6.1)", {"learning_rate": 2e-4, "beta_1": 0.5, "beta_2": 0.999}),
        [
            ("lr 1e-3", "Adam's default learning rate", {"learning_rate": 1e-3, "beta_1": 0.5}),
            ("β1 0.9", "Adam's default β1", {"learning_rate": 2e-4, "beta_1": 0.9}),
        ],
        corrected=(
            Change.FORMULA,
            "The documents' code follows the table's lr and β1, but 002 sets β2 = 0.9 (the value WGAN-GP uses), not 0.999",
            {"learning_rate": 2e-4, "beta_1": 0.5},
        ),
        decides=False,
    ),
    notes="Heuristic advice from DCGAN's experiments; no computation decides it. 003's first block compiles with optimizer='adam', i.e. Keras's defaults (lr 1e-3, β1 0.9).",
    sources=(src(D001, "6.1 Hyperparameters"), src(D002, "GAN Implementation 1"), src(D003, "Code Structure")),
    references=(
        f"{ref.DCGAN}, §4 (lr 0.0002; β1 = 0.9 oscillated, 0.5 stabilised training)",
        ref.ADAM.at("Algorithm 1"),
    ),
)

# -- HP-DIFF-LR ---------------------------------------------------------------


@needs_documents(D003)
def _class_rates(relation: Callable[[float, float], bool], ctx: Context, doc: Document) -> Outcome:
    cell = audit.find_cell(
        doc, lambda t: any(isinstance(n, ast.ClassDef) and n.name == "GAN" for n in t.body), "defines GAN"
    )
    rates: dict[str, float] = {}
    for e in audit.events(cell.tree()):
        if e.kind == "call" and e.name == "compile":
            call = e.node
            assert isinstance(call, ast.Call)
            for kw in call.keywords:
                if kw.arg == "optimizer" and isinstance(kw.value, ast.Call) and kw.value.args:
                    rates[e.receiver] = float(ast.literal_eval(kw.value.args[0]))
    if set(rates) != {"self.discriminator", "self.combined"}:
        raise LookupError(f"expected the discriminator's and the combined model's optimisers, found {sorted(rates)}")
    lr_d, lr_g = rates["self.discriminator"], rates["self.combined"]
    return Outcome.decide(
        relation(lr_d, lr_g),
        f"003's class: discriminator lr = {lr_d:g}, combined (generator) lr = {lr_g:g}",
        counterexample={"lr_D": lr_d, "lr_G": lr_g},
        lr_discriminator=lr_d,
        lr_generator=lr_g,
    )


HP_DIFF_LR = claim(
    "HP-DIFF-LR",
    "Different learning rates for G and D",
    "G and D are typically given different learning rates.",
    code_audit(
        "rates-in-003-class",
        "Read the learning rates of the optimisers passed to compile() for D and for the combined model in 003's class.",
        _class_rates,
        ("different rates for D and G", lambda d, g: d != g),
        [("D four times faster", "lr_D = 4·lr_G (SAGAN's TTUR setting)", lambda d, g: d == 4 * g)],
        corrected=(
            Change.CONCLUSION,
            "003's own class (like 001 §6.1 and DCGAN) uses one rate, 2e-4, for both; different rates are the TTUR practice, not a universal one",
            lambda d, g: d == g,
        ),
        decides=False,
    ),
    notes="The documents disagree: 001 §6.1 advises the same rate for G and D, 003 says they typically differ.",
    sources=(src(D003, "Key Hyperparameters"), src(D001, "6.1 Hyperparameters")),
    references=(
        f"{ref.TTUR} (two time-scale update rule)",
        f"{ref.SAGAN} (TTUR: 1e-4 for G, 4e-4 for D)",
        f"{ref.DCGAN} (one rate for both)",
    ),
)

# -- HP-BATCH -----------------------------------------------------------------


def _log_d(x: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, -x)  # log σ(x): D(x) = σ(x)


def _log_1md(x: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, x)  # log(1 − σ(x))


def _per_sample_variance() -> float:
    """Var log D(X) + Var log(1 − D(Y)) for X ~ 000's data, Y ~ N(0, 1), D = σ, by quadrature."""

    def moments(pdf: Callable[[float], float], f: Callable[[np.ndarray], np.ndarray]) -> float:
        m1 = integrate.quad(lambda t: pdf(t) * float(f(np.array(t))), -30, 30, limit=200)[0]
        m2 = integrate.quad(lambda t: pdf(t) * float(f(np.array(t))) ** 2, -30, 30, limit=200)[0]
        return m2 - m1**2

    real = moments(lambda t: float(BIMODAL.pdf(t)), _log_d)
    fake = moments(lambda t: float(np.exp(-t * t / 2) / np.sqrt(2 * np.pi)), _log_1md)
    return real + fake


def _minibatch_noise(exponent: float, ctx: Context) -> Outcome:
    rng = ctx.rng("minibatches")
    replicates = 2000
    sigma2 = _per_sample_variance()
    rows = []
    for m in (32, 64, 128):
        x = BIMODAL.sample(replicates * m, rng).reshape(replicates, m)
        y = rng.standard_normal((replicates, m))
        v = _log_d(x).mean(axis=1) + _log_1md(y).mean(axis=1)
        empirical = float(np.var(v, ddof=1))
        predicted = sigma2 / m**exponent
        rows.append({"m": m, "empirical": empirical, "predicted": predicted, "ratio": empirical / predicted})
    # the sample variance of R normal-ish values has relative s.d. √(2/(R−1)) ≈ 3.2%; allow 5 of them
    band = 5 * math.sqrt(2 / (replicates - 1))
    ok = all(abs(r["ratio"] - 1) <= band for r in rows)
    return Outcome.decide(
        ok,
        f"variance of the minibatch estimate of V over {replicates} batches, against σ²/m^{exponent:g} (σ² = {sigma2:.4g} by quadrature): ratios {[round(r['ratio'], 3) for r in rows]} (allowed 1 ± {band:.3f})",
        counterexample={"rows": rows},
        rows=rows,
        per_sample_variance=sigma2,
    )


HP_BATCH = claim(
    "HP-BATCH",
    "Batch size 32–128; larger batches stabilise training",
    "Use batches of 32–128; larger batches stabilise training.",
    numeric_check(
        "minibatch-noise",
        "The computable part: for 000's data, D = σ and G(z) = z, the variance of the minibatch estimate V̂ = mean log D(x) + mean log(1 − D(G(z))) over 2000 batches of m = 32, 64, 128, against σ²/m with σ² computed by quadrature.",
        _minibatch_noise,
        ("noise variance ∝ 1/m", 1.0),
        [("∝ 1/√m", "noise variance ∝ 1/√m", 0.5)],
        decides=False,
    ),
    notes="Less noise is not the same as stability; whether larger batches stabilise a given GAN is empirical.",
    sources=(src(D001, "6.1 Hyperparameters"),),
    references=(
        f"{ref.DCGAN}, §4 (batch 128)",
        f"{ref.BIGGAN} (larger batches improve scores, and training later collapses)",
        ref.LUCIC,
    ),
)

HP_LATENT = claim(
    "HP-LATENT",
    "Latent dimension 100–512 (or 100–200)",
    "The latent dimension is 100–512 (001), or usually 100–200 (002).",
    notes="A convention of image GANs; 000's 1-D example uses latent dimension 1. The two documents' ranges differ.",
    sources=(
        src(D001, "5.1 Generator Architecture"),
        src(D001, "6.1 Hyperparameters"),
        src(D002, "GAN Implementation 1"),
    ),
    references=(f"{ref.DCGAN} (z of dimension 100)", f"{ref.STYLEGAN} (512)", ref.BIGGAN),
)

Z_PRIOR = claim(
    "Z-PRIOR",
    "The latent prior is Gaussian or uniform",
    "The latent noise is drawn from a standard Gaussian N(0, I) or a uniform U(−1, 1).",
    sources=(
        src(D000, "The Adversarial Game"),
        src(D001, "1.1 Core Components"),
        src(D002, "Generator Training"),
        src(D004, "Generator Network"),
    ),
    references=(
        f"{ref.GF14} (Figure 1: z sampled uniformly)",
        f"{ref.DCGAN} (uniform z)",
        f"{ref.STYLEGAN} (Gaussian z)",
    ),
)

# -- ARCH-G, ARCH-D -----------------------------------------------------------

_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {"sigmoid": special.expit, "tanh": np.tanh}


@dataclass(frozen=True)
class OutputAndScaling:
    """An output activation and the scaling of uint8 pixels it is paired with."""

    activation: str
    scaling: str
    f: Callable[[float], float]


def _ranges_match(pair: OutputAndScaling, ctx: Context) -> Outcome:
    out = tuple(float(v) for v in _ACTIVATIONS[pair.activation](np.array([-np.inf, np.inf])))
    data = (pair.f(0.0), pair.f(255.0))
    cmp = compare(np.array(data), np.array(out), EXACT)
    return Outcome.decide(
        cmp.ok,
        f"{pair.activation} has range closure {list(out)}; pixels scaled by {pair.scaling} span {list(data)}",
        counterexample={"output": out, "data": data},
        output_range=out,
        data_range=data,
    )


ARCH_G = claim(
    "ARCH-G",
    "Generator design: BN except output, ReLU, tanh output",
    "The generator uses batch normalisation except at the output, ReLU (LeakyReLU in some variants) and a tanh output for images normalised to [−1, 1].",
    numeric_check(
        "tanh-range",
        "The closure of the output activation's range (its limits at ∓∞) against the range of scaled uint8 pixels.",
        _ranges_match,
        ("tanh output, pixels scaled by x/127.5 − 1", OutputAndScaling("tanh", "x/127.5 − 1", lambda x: x / 127.5 - 1)),
        [
            (
                "sigmoid output",
                "sigmoid output with [−1, 1] pixels",
                OutputAndScaling("sigmoid", "x/127.5 − 1", lambda x: x / 127.5 - 1),
            ),
            ("[0, 1] pixels", "tanh output with pixels /255", OutputAndScaling("tanh", "x/255", lambda x: x / 255)),
        ],
        decides=False,
    ),
    sources=(src(D001, "5.1 Generator Architecture"),),
    references=(f"{ref.DCGAN}, §3 (architecture guidelines; images scaled to tanh's range [−1, 1])", ref.BN),
)

ARCH_D = claim(
    "ARCH-D",
    "Discriminator design: LeakyReLU 0.2, strided convolutions, sigmoid or linear output",
    "The discriminator uses LeakyReLU (slope ~0.2), batch normalisation (controversial), strided convolutions instead of pooling, and a sigmoid output (linear for Wasserstein).",
    sources=(src(D001, "5.2 Discriminator Architecture"),),
    references=(
        f"{ref.DCGAN}, §3",
        f"{ref.WGAN} (the critic's output is unbounded: no sigmoid)",
        f"{ref.WGANGP} (no batch norm in the critic with a gradient penalty)",
    ),
)

# -- NORM-TABLE ---------------------------------------------------------------


def _batch_independent(kind: str, ctx: Context) -> Outcome:
    import torch

    rng = ctx.rng("batches")
    with torch.random.fork_rng(devices=[]):  # layer construction must not touch the global torch RNG
        layer = {
            "layer": torch.nn.LayerNorm(8, dtype=torch.float64),
            "batch": torch.nn.BatchNorm1d(8, dtype=torch.float64),
        }[kind]
    layer.train()
    worst = 0.0
    for _ in range(5):
        base = torch.tensor(rng.normal(0, 1, (16, 8)))
        other = base.clone()
        other[1:] = torch.tensor(rng.normal(3, 2, (15, 8)))  # same first sample, different batch-mates
        with torch.no_grad():
            delta = float((layer(base)[0] - layer(other)[0]).abs().max())
        worst = max(worst, delta)
    return Outcome.decide(
        compare(worst, 0.0, IDENTITY).ok,
        f"{kind} normalisation in training mode: the first sample's output changes by at most {worst:.3g} when the other 15 samples of its batch are replaced ({IDENTITY})",
        counterexample={"max_change": worst},
        max_change=worst,
    )


NORM_TABLE = claim(
    "NORM-TABLE",
    "Normalisation techniques and their trade-offs",
    "Batch norm helps G but may cause mode collapse in D; spectral norm stabilises D and is slightly slower; layer norm is independent of the batch but may reduce quality; instance norm suits style transfer and textures.",
    numeric_check(
        "batch-independence",
        "The computable part of 'independent of batch': in training mode, replace the other samples of a batch and see whether the first sample's normalised output changes (torch, float64).",
        _batch_independent,
        ("layer norm: a sample's output does not depend on its batch-mates", "layer"),
        [("batch norm", "batch norm in training mode", "batch")],
        decides=False,
    ),
    sources=(src(D001, "6.2 Normalization Techniques"),),
    references=(
        ref.BN,
        ref.LN,
        ref.IN,
        ref.SN,
        f"{ref.IMPROVED} (virtual batch normalisation: batch norm couples the samples of a batch)",
        ref.WGANGP,
    ),
)

VARIANT_TABLE = claim(
    "VARIANT-TABLE",
    "Pros and cons of GAN variants",
    "Original GAN: sharp samples, implicit density / unstable, mode collapse. DCGAN: stable architecture guidelines / limited resolution. WGAN: smooth gradients, meaningful loss / slow (weight clipping). WGAN-GP: better than clipping / expensive gradient penalty. StyleGAN: state of the art, controllable / complex, costly.",
    sources=(src(D001, "Representation Comparison"),),
    references=(ref.GF14, ref.DCGAN, ref.WGAN, ref.WGANGP, ref.STYLEGAN, ref.GF16),
)

VARIANTS_LIST = claim(
    "VARIANTS-LIST",
    "Key GAN variants",
    "DCGAN (convolutional), WGAN (Wasserstein distance), cGAN (conditional), CycleGAN (unpaired translation), StyleGAN (controllable synthesis), SRGAN (super-resolution), BigGAN (large scale), pix2pix (paired translation).",
    sources=(src(D003, "Key Variants"),),
    references=(ref.DCGAN, ref.WGAN, ref.CGAN, ref.CYCLEGAN, ref.STYLEGAN, ref.SRGAN, ref.BIGGAN, ref.PIX2PIX),
)

# -- ARCH-CONSID: spectral normalisation --------------------------------------

#: Power iteration for the spectral norm, run to convergence.
POWER_ITERATION = Tolerance(
    rtol=1e-6,
    atol=1e-9,
    why="torch's spectral_norm estimates σ_max by power iteration; 100 iterations shrink the error like (σ2/σ1)^200 (measured ≤ 1e-10 on random 16 × 16 Gaussian matrices, usually ~1e-16); 1e-6 leaves room for slowly separating spectra while any real violation (the controls reach 4 and 150) is caught",
)


@dataclass(frozen=True)
class MLPSpec:
    """A critic x ∈ ℝ⁴ → ℝ: three linear layers with an activation between them."""

    label: str
    spectral_norm: bool
    activation: str  # "leaky" (slope 0.2) or "leaky2" (2 × leaky: not 1-Lipschitz)
    weight_scale: float = 1.0


def _build_mlp(spec: MLPSpec, rng: np.random.Generator) -> tuple[Any, list[Any]]:
    import torch
    from torch.nn.utils.parametrizations import spectral_norm

    sizes = [(4, 16), (16, 16), (16, 1)]
    layers = []
    with torch.random.fork_rng(devices=[]):  # construction draws from the global RNG; its values are overwritten
        for fan_in, fan_out in sizes:
            layer = torch.nn.Linear(fan_in, fan_out, dtype=torch.float64)
            with torch.no_grad():
                layer.weight.copy_(torch.tensor(rng.normal(0, spec.weight_scale, (fan_out, fan_in))))
                layer.bias.copy_(torch.tensor(rng.normal(0, 0.1, fan_out)))
            if spec.spectral_norm:
                layer = spectral_norm(layer, n_power_iterations=100)
                p = layer.parametrizations.weight[0]
                p._u.copy_(torch.nn.functional.normalize(torch.tensor(rng.normal(size=fan_out)), dim=0))
                p._v.copy_(torch.nn.functional.normalize(torch.tensor(rng.normal(size=fan_in)), dim=0))
            layers.append(layer)
    scale = 2.0 if spec.activation == "leaky2" else 1.0

    class Act(torch.nn.Module):
        def forward(self, t: Any) -> Any:
            return scale * torch.nn.functional.leaky_relu(t, 0.2)

    net = torch.nn.Sequential(layers[0], Act(), layers[1], Act(), layers[2])
    net.train()
    with torch.no_grad():
        net(torch.zeros(1, 4, dtype=torch.float64))  # one training-mode pass runs the power iterations
    net.eval()
    return net, layers


def _one_lipschitz(spec: MLPSpec, ctx: Context) -> Outcome:
    import torch

    rng = ctx.rng("critic")
    net, layers = _build_mlp(spec, rng)
    sigmas = [float(np.linalg.svd(layer.weight.detach().numpy(), compute_uv=False)[0]) for layer in layers]
    x = torch.tensor(rng.normal(0, 2, (512, 4)), requires_grad=True)
    (grad,) = torch.autograd.grad(net(x).sum(), x)
    grad_norms = grad.norm(dim=1).detach().numpy()
    a, b = torch.tensor(rng.normal(0, 2, (2000, 4))), torch.tensor(rng.normal(0, 2, (2000, 4)))
    b = a + (b - a) * torch.tensor(10.0 ** rng.uniform(-6, 0, (2000, 1)))
    with torch.no_grad():
        ratios = ((net(a) - net(b)).abs().squeeze(1) / (a - b).norm(dim=1)).numpy()
    t = torch.linspace(-10, 10, 20001, dtype=torch.float64, requires_grad=True)
    (slope,) = torch.autograd.grad(net[1](t).sum(), t)
    act_lipschitz = float(slope.abs().max())
    bound = float(np.prod(sigmas)) * act_lipschitz ** (len(layers) - 1)
    measured = max(float(grad_norms.max()), float(ratios.max()))
    certified = compare(max(bound, 1.0), 1.0, POWER_ITERATION).ok
    consistent = measured <= bound * (1 + POWER_ITERATION.rtol) + POWER_ITERATION.atol
    return Outcome.decide(
        certified and consistent,
        f"{spec.label}: layer spectral norms by SVD {np.round(sigmas, 9).tolist()}, activation slope ≤ {act_lipschitz:g}, so Lip(f) ≤ {bound:.9g}; measured max ‖∇f‖ over 512 inputs {grad_norms.max():.6g} and max |f(x) − f(y)|/‖x − y‖ over 2000 pairs {ratios.max():.6g} (certified bound must be ≤ 1, {POWER_ITERATION})",
        counterexample={
            "spectral_norms": sigmas,
            "activation_lipschitz": act_lipschitz,
            "bound": bound,
            "measured": measured,
        },
        spectral_norms=sigmas,
        activation_lipschitz=act_lipschitz,
        lipschitz_bound=bound,
        max_gradient_norm=float(grad_norms.max()),
        max_difference_ratio=float(ratios.max()),
    )


ARCH_CONSID_A = claim(
    "ARCH-CONSID.a",
    "Spectral normalisation constrains the discriminator's Lipschitz constant",
    "Spectral normalisation divides each weight matrix by its largest singular value, which bounds the Lipschitz constant of the discriminator: with 1-Lipschitz activations the network is 1-Lipschitz.",
    numeric_check(
        "one-lipschitz",
        "Build a 4-16-16-1 critic (float64, weights N(0, 1)) with torch.nn.utils.parametrizations.spectral_norm (100 power iterations); the certified bound ∏ σ_max(W_l) × (activation slope)^2, with σ_max by SVD of each normalised weight and the slope by autograd on a grid, must be ≤ 1; the gradient norm at 512 random inputs and |f(x) − f(y)|/‖x − y‖ on 2000 pairs must respect it.",
        _one_lipschitz,
        ("spectrally normalised layers, LeakyReLU(0.2)", MLPSpec("spectral norm, LeakyReLU", True, "leaky")),
        [
            (
                "no spectral norm",
                "the same critic without spectral normalisation",
                MLPSpec("no spectral norm", False, "leaky"),
            ),
            (
                "2-Lipschitz activation",
                "spectrally normalised layers with activation 2·LeakyReLU (the activations must be 1-Lipschitz)",
                MLPSpec("spectral norm, 2·LeakyReLU", True, "leaky2"),
            ),
        ],
    ),
    assumptions=(
        "a fully connected critic with LeakyReLU(0.2) activations (1-Lipschitz)",
        "power iteration run to convergence",
    ),
    sources=(
        src(D003, "Architectural Considerations"),
        src(D003, "Stabilization Techniques"),
        src(D001, "6.2 Normalization Techniques"),
    ),
    references=(f"{ref.SN}, §2.1 (Lip(f) ≤ ∏ σ(W_l) for 1-Lipschitz activations)",),
)

ARCH_CONSID_B = claim(
    "ARCH-CONSID.b",
    "Progressive growing, self-attention, AdaIN",
    "Progressive growing raises resolution during training; self-attention captures long-range dependencies; AdaIN gives style control.",
    sources=(src(D003, "Architectural Considerations"),),
    references=(ref.PGGAN, ref.SAGAN, ref.ADAIN, ref.STYLEGAN),
)

CHALLENGES = claim(
    "CHALLENGES",
    "Training challenges",
    "GAN training suffers from mode collapse, vanishing gradients when D is too strong, oscillation instead of convergence, hard evaluation, sensitivity to hyperparameters and high compute cost.",
    notes="The vanishing-gradient and non-convergence parts are computed in groups C and E (NS-*, DOMINATE, DIRAC-*).",
    sources=(
        src(D003, "Training Challenges"),
        src(D003, "Advantages & Limitations"),
        src(D004, "Challenges in Training GANs"),
        src(D001, "Representation Comparison"),
    ),
    references=(ref.GF16, ref.AB17, ref.MGN18, ref.LUCIC, ref.IMPROVED),
)

# -- STABILIZE: the gradient penalty ------------------------------------------

#: WGAN-GP's penalty weight λ = 10 (Gulrajani et al. 2017, Algorithm 1 defaults).
GP_LAMBDA = 10.0


@dataclass(frozen=True)
class CriticRecord:
    """A 1-D piecewise-linear critic, its global Lipschitz constant and its WGAN-GP penalty on interpolates."""

    name: str
    lipschitz: float
    penalty: float
    min_grad: float
    max_grad: float


def _critic_records(ctx: Context) -> list[CriticRecord]:
    import torch

    rng = ctx.rng("interpolates")
    real = rng.uniform(-1.0, 1.0, 256)  # data on [−1, 1]
    fake = rng.uniform(-2.0, 0.0, 256)  # generator samples on [−2, 0]
    eps = rng.uniform(0, 1, 256)
    xhat = torch.tensor(eps * real + (1 - eps) * fake, requires_grad=True)  # interpolates lie in [−2, 1]

    def kinked(t: Any) -> Any:  # slope 1 on [−3, 3], slope 5 outside: 5-Lipschitz, 1 on every interpolate
        return t + 4 * (torch.relu(t - 3) - torch.relu(-t - 3))

    critics = {
        "f(x) = 0.5x": (lambda t: 0.5 * t, 0.5),
        "f(x) = x": (lambda t: t, 1.0),
        "f(x) = 2x": (lambda t: 2 * t, 2.0),
        "slope 1 on [−3, 3], 5 outside": (kinked, 5.0),
    }
    out = []
    for name, (f, lip) in critics.items():
        (g,) = torch.autograd.grad(f(xhat).sum(), xhat)
        norms = g.abs().detach().numpy()
        penalty = GP_LAMBDA * float(np.mean((norms - 1.0) ** 2))
        out.append(CriticRecord(name, lip, penalty, float(norms.min()), float(norms.max())))
    return out


def _penalty_semantics(holds_for: Callable[[CriticRecord], bool], ctx: Context) -> Outcome:
    records = _critic_records(ctx)
    bad = [r for r in records if not holds_for(r)]
    table = [
        {
            "critic": r.name,
            "lipschitz": r.lipschitz,
            "penalty": r.penalty,
            "grad_on_interpolates": [r.min_grad, r.max_grad],
        }
        for r in records
    ]
    return Outcome.decide(
        not bad,
        "WGAN-GP penalty λ·E[(‖∇f(x̂)‖ − 1)²] (λ = 10) on 256 interpolates between data on [−1, 1] and samples on [−2, 0]: "
        + "; ".join(f"{r.name}: Lip {r.lipschitz:g}, penalty {r.penalty:.3g}" for r in records),
        counterexample={"critic": bad[0].name if bad else None, "table": table},
        critics=table,
    )


STABILIZE_A = claim(
    "STABILIZE.a",
    "The gradient penalty enforces the Lipschitz constraint",
    "WGAN-GP's gradient penalty enforces the critic's 1-Lipschitz constraint.",
    numeric_check(
        "penalty-semantics",
        "Compute the WGAN-GP penalty (torch autograd on interpolates) for four 1-D critics: slopes 0.5, 1 and 2, and one with slope 1 on [−3, 3] and 5 outside; test the stated relation between the penalty and the critic's global Lipschitz constant on each.",
        _penalty_semantics,
        (
            "enforced: a critic that the objective admits (finite penalty) is 1-Lipschitz",
            lambda r: not math.isfinite(r.penalty) or r.lipschitz <= 1.0,
        ),
        [
            ("one-sided", "every 1-Lipschitz critic has zero penalty", lambda r: r.lipschitz > 1.0 or r.penalty == 0.0),
            (
                "global",
                "zero penalty implies a globally 1-Lipschitz critic",
                lambda r: r.penalty > 0.0 or r.lipschitz <= 1.0,
            ),
        ],
        corrected=(
            Change.CONCLUSION,
            "The penalty encourages rather than enforces: it is finite for every critic (a slope-2 critic pays λ·1), two-sided (it also penalises slopes below 1) and only sees the interpolates — it is zero exactly when ‖∇f‖ = 1 on them and positive when the gradient exceeds 1 there, whatever f does elsewhere",
            lambda r: (
                (r.penalty == 0.0) == (r.min_grad == 1.0 == r.max_grad) and (r.max_grad <= 1.0 or r.penalty > 0.0)
            ),
        ),
    ),
    assumptions=(
        "the penalty of Gulrajani et al.: λ·E_x̂[(‖∇f(x̂)‖ − 1)²] with x̂ uniform on segments between data and generator samples",
    ),
    notes="Refuted in the strict sense of 'enforces': the correction changes the conclusion to 'encourages' (the penalty is finite for every critic and sees only the interpolates). Gulrajani et al. themselves call it a soft version of the constraint; the penalty works as a regulariser, which this verdict does not dispute. Decision history: this was qualified while corrections carried a free label.",
    sources=(src(D003, "Stabilization Techniques"),),
    references=(
        f"{ref.WGANGP}, §4 (a soft version of the constraint, a two-sided penalty, sampled along straight lines)",
    ),
)

STABILIZE_B = claim(
    "STABILIZE.b",
    "Feature matching, minibatch discrimination, label smoothing, spectral normalisation",
    "Feature matching, minibatch discrimination, label smoothing and spectral normalisation stabilise training.",
    notes="Label smoothing is computed in group D (LS-*); spectral normalisation's Lipschitz bound in ARCH-CONSID.a.",
    sources=(src(D003, "Stabilization Techniques"),),
    references=(ref.IMPROVED, ref.SN, ref.GF16),
)

MODE_COLLAPSE_A = claim(
    "MODE-COLLAPSE.a",
    "Mode collapse and its remedies",
    "Mode collapse is the generator producing a limited variety of samples; remedies include minibatch features, unrolled GANs and other objectives.",
    sources=(
        src(D003, "Mode Collapse"),
        src(D003, "Training Challenges"),
        src(D004, "Challenges in Training GANs"),
        src(D001, "Representation Comparison"),
    ),
    references=(f"{ref.GF16}, §5.1.1 (mode collapse)", f"{ref.IMPROVED} (minibatch discrimination)", ref.UNROLLED),
)

EBGAN_OT = claim(
    "EBGAN-OT",
    "Energy-based GANs and optimal transport",
    "Energy-based GANs view the discriminator as an energy function; optimal transport gives a geometric foundation for many GAN variants.",
    sources=(src(D003, "Energy-Based GANs"), src(D003, "Optimal Transport")),
    references=(ref.EBGAN, ref.WGAN, ref.VILLANI, ref.PEYRE),
)

ADV_LIM = claim(
    "ADV-LIM",
    "Advantages and limitations",
    "GANs give high-quality samples, learn without labels and estimate densities implicitly; they are unstable, prone to mode collapse, hard to evaluate, costly and sensitive to hyperparameters.",
    notes="'Implicit density estimation': a GAN defines p_g only through sampling; it gives no density to evaluate.",
    sources=(src(D003, "Advantages & Limitations"),),
    references=(f"{ref.GF16}, §2 (GANs in the taxonomy of generative models: implicit density)", ref.LUCIC, ref.BORJI),
)

DISC_MODELS = claim(
    "DISC-MODELS",
    "Discriminative models learn P(y | x)",
    "Discriminative models learn P(y | x); examples are CNN classifiers, logistic regression, SVMs, decision trees and random forests.",
    notes="SVMs, trees and forests learn decision functions rather than calibrated probabilities P(y | x).",
    sources=(src(D004, "Discriminative Models"),),
    references=(ref.NGJORDAN, ref.BISHOP06.at("§1.5.4")),
)

GEN_MODELS = claim(
    "GEN-MODELS",
    "Generative models learn P(x)",
    "Generative models learn the data distribution P(x); examples are GANs, VAEs and diffusion models.",
    sources=(src(D004, "Generative Models"),),
    references=(ref.NGJORDAN, ref.GF14, ref.VAE, ref.DDPM),
)

G_DECODER = claim(
    "G-DECODER",
    "The generator resembles a decoder",
    "The generator maps z ∼ N(0, I) to a sample of the data's shape, like the decoder of an autoencoder.",
    sources=(src(D004, "Generator Network"),),
    references=(ref.VAE, ref.DCGAN),
)

# -- LATENT-SMOOTH ------------------------------------------------------------

#: Float64 evaluation of a small MLP against an analytic bound.
LIPSCHITZ_BOUND = Tolerance(
    rtol=1e-9,
    atol=1e-12,
    why="float64 forward passes of a 3-layer MLP and an SVD; rounding is ~1e-15 relative, 1e-9 leaves a wide margin",
)


@dataclass(frozen=True)
class GeneratorSpec:
    """An MLP generator ℝ⁴ → ℝ⁸ with a named activation and a claimed Lipschitz bound."""

    label: str
    activation: Callable[[np.ndarray], np.ndarray]
    bound: Callable[[Sequence[np.ndarray]], float]


def _spectral_product(weights: Sequence[np.ndarray]) -> float:
    return float(np.prod([np.linalg.svd(w, compute_uv=False)[0] for w in weights]))


def _forward(
    spec: GeneratorSpec, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray], z: np.ndarray
) -> np.ndarray:
    h = z
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        h = h @ w.T + b
        if i < len(weights) - 1:
            h = spec.activation(h)
    return h


def _nearby_latents(spec: GeneratorSpec, ctx: Context) -> Outcome:
    rng = ctx.rng("generator")
    dims = [(16, 4), (16, 16), (8, 16)]
    weights = [rng.normal(0, 1 / np.sqrt(fan_in), (fan_out, fan_in)) for fan_out, fan_in in dims]
    biases = [rng.normal(0, 0.5, fan_out) for fan_out, _ in dims]
    bound = spec.bound(weights)
    z1 = rng.normal(0, 1, (4000, 4))
    z2 = z1 + rng.normal(0, 1, (4000, 4)) * 10.0 ** rng.uniform(-6, 0, (4000, 1))
    ratios = np.linalg.norm(
        _forward(spec, weights, biases, z1) - _forward(spec, weights, biases, z2), axis=1
    ) / np.linalg.norm(z1 - z2, axis=1)
    steps = []
    for a, b in zip(rng.normal(0, 2, (20, 4)), rng.normal(0, 2, (20, 4)), strict=True):
        path = a + np.linspace(0, 1, 1001)[:, None] * (b - a)
        out = _forward(spec, weights, biases, path)
        steps.append(np.linalg.norm(np.diff(out, axis=0), axis=1) / np.linalg.norm(np.diff(path, axis=0), axis=1))
    path_ratios = np.concatenate(steps)
    worst = float(max(ratios.max(), path_ratios.max()))
    ok = worst <= bound * (1 + LIPSCHITZ_BOUND.rtol) + LIPSCHITZ_BOUND.atol
    return Outcome.decide(
        ok,
        f"{spec.label}: claimed bound L = {bound:.6g}; max ‖G(z1) − G(z2)‖/‖z1 − z2‖ = {ratios.max():.6g} over 4000 pairs at distances 1e-6–1 and {path_ratios.max():.6g} along 20 interpolation paths of 1000 steps",
        counterexample={"bound": bound, "worst_ratio": worst},
        bound=bound,
        max_pair_ratio=float(ratios.max()),
        max_path_ratio=float(path_ratios.max()),
    )


LATENT_SMOOTH_A = claim(
    "LATENT-SMOOTH.a",
    "Nearby latents give similar outputs",
    "Nearby latent vectors produce similar outputs, and interpolating in latent space changes the output smoothly.",
    property_check(
        "lipschitz-bound",
        "A random 4-16-16-8 tanh MLP in float64: L = ∏ σ_max(W_l) by SVD; the ratio ‖G(z1) − G(z2)‖/‖z1 − z2‖ on 4000 random pairs (distances 1e-6 to 1) and along 20 latent interpolation paths must stay ≤ L.",
        _nearby_latents,
        ("tanh MLP, L = product of spectral norms", GeneratorSpec("tanh MLP", np.tanh, _spectral_product)),
        [
            (
                "hard threshold",
                "the same MLP with a step activation 1[h > 0]",
                GeneratorSpec("step MLP", lambda h: (h > 0).astype(np.float64), _spectral_product),
            ),
            (
                "square-root activation",
                "the same MLP with sign(h)·√|h|: continuous, but not Lipschitz at 0",
                GeneratorSpec("signed-square-root MLP", lambda h: np.sign(h) * np.sqrt(np.abs(h)), _spectral_product),
            ),
        ],
    ),
    assumptions=(
        "G is a fully connected network with 1-Lipschitz activations (tanh here); its Lipschitz constant is at most the product of its layers' spectral norms",
    ),
    notes="This holds for any continuous G of this form, trained or not; 'organised meaningfully' is the empirical part.",
    sources=(src(D004, "Latent Space Representation"),),
    references=(f"{ref.SN}, §2.1 (Lipschitz bound of a layered network)", f"{ref.STYLEGAN} (perceptual path length)"),
)

LATENT_SMOOTH_B = claim(
    "LATENT-SMOOTH.b",
    "The latent space encodes concepts",
    "The latent space encodes abstract concepts such as shape, texture or style.",
    sources=(src(D004, "Latent Space Representation"),),
    references=(f"{ref.DCGAN}, §6 (vector arithmetic on z)", ref.INTERFACE, ref.STYLEGAN),
)

# -- EVAL-QUAL: a cross-document count ----------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_METRIC_NAMES = {
    "IS": "Inception Score",
    "FID": "Fréchet Inception Distance",
    "PPL": "Perceptual Path Length",
    "SWD": "Sliced Wasserstein",
}


def _section_bullets(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if (m := _HEADING.match(ln)) and m.group(2) == heading), None)
    if start is None:
        raise LookupError(f"no heading {heading!r}")
    bullets = []
    for ln in lines[start + 1 :]:
        if _HEADING.match(ln) or ln.strip() == "---":
            break
        if ln.lstrip().startswith("- "):
            bullets.append(ln)
    return bullets


@needs_documents(D003)
def _listed_metrics(claim_about_count: Callable[[int], bool], ctx: Context, doc: Document) -> Outcome:
    bullets = _section_bullets(doc.text, "Quantitative Metrics")
    named = sorted(k for k, v in _METRIC_NAMES.items() if any(v in b for b in bullets))
    return Outcome.decide(
        claim_about_count(len(bullets)),
        f"003 §Quantitative Metrics lists {len(bullets)} quantitative metrics (recognised: {', '.join(named) or 'none'})",
        counterexample={"count": len(bullets)},
        listed=len(bullets),
        recognised=named,
    )


EVAL_QUAL = claim(
    "EVAL-QUAL",
    "GANs lack quantitative evaluation metrics",
    "GANs lack clear quantitative evaluation (and convergence) metrics and are often evaluated qualitatively.",
    code_audit(
        "metrics-listed-in-003",
        "Cross-document: count the entries under 003's 'Quantitative Metrics' heading.",
        _listed_metrics,
        ("no quantitative metric is available", lambda n: n == 0),
        [
            ("ten or more", "at least ten metrics listed", lambda n: n >= 10),
            ("FID only", "exactly one metric listed", lambda n: n == 1),
        ],
        corrected=(
            Change.CONCLUSION,
            "The document set itself lists quantitative metrics (003: IS, FID, precision/recall, PPL, SWD); what is missing is an agreed measure and a convergence criterion for training",
            lambda n: n >= 1,
        ),
        decides=False,
    ),
    sources=(src(D004, "Challenges in Training GANs"), src(D003, "Training Challenges")),
    references=(ref.THEIS, ref.BORJI, ref.TTUR, ref.IMPROVED, ref.LUCIC),
)

# -- DIST-NOT-SAMPLES ---------------------------------------------------------


@dataclass(frozen=True)
class Objective:
    """Which criterion is minimised over generators, and the minimiser claimed for it."""

    data: str  # "empirical" (n training points) or "population" (p_data itself)
    claimed_alpha: float  # q_α = α·p̂ + (1 − α)·p_data; α = 0 is p_data, α = 1 memorises the samples


def _criterion_over_alphas(data: str, n: int, alphas: np.ndarray) -> np.ndarray:
    """C(G) = max_D V on q_α, exactly, on n atoms plus one bin for p_data's continuous part.

    p̂ puts 1/n on each training point; p_data (continuous) puts no mass on any point. On the continuous
    part p_data and q_α's continuous component are proportional, so the likelihood ratio there is constant
    and lumping it into one bin leaves every f-divergence, hence C(G), unchanged.
    """
    empirical = np.append(np.full(n, 1.0 / n), 0.0)
    population = np.append(np.zeros(n), 1.0)
    target = empirical if data == "empirical" else population
    out = []
    for a in alphas:
        q = a * empirical + (1 - a) * population
        value = disc.virtual_criterion(target, q / q.sum())
        # The verdict rests on this value: check it against an oracle that shares no code with it,
        # C(G) = −log 4 + 2·JS (Goodfellow et al. 2014, Theorem 1) with scipy's Jensen–Shannon distance.
        oracle = -math.log(4.0) + 2.0 * float(jensenshannon(target, q / q.sum())) ** 2
        if not math.isclose(value, oracle, rel_tol=1e-9, abs_tol=1e-12):
            raise ArithmeticError(f"virtual_criterion gives {value!r}, −log 4 + 2·JS (scipy) gives {oracle!r}")
        out.append(value)
    return np.array(out)


def _minimiser(objective: Objective, ctx: Context) -> Outcome:
    rng = ctx.rng("training-set")
    n = 20
    train = BIMODAL.sample(n, rng)  # 000's data: distinct atoms a.s.
    alphas = np.linspace(0.0, 1.0, 11)
    c = _criterion_over_alphas(objective.data, np.unique(train).size, alphas)
    best = int(np.argmin(c))
    claimed = int(np.argmin(np.abs(alphas - objective.claimed_alpha)))
    unique = bool(np.all(np.delete(c, best) > c[best] + 1e-9))
    ok = best == claimed and unique
    js_hat = js_divergence(np.append(np.full(n, 1.0 / n), 0.0), np.append(np.zeros(n), 1.0))
    return Outcome.decide(
        ok,
        f"{objective.data} criterion over q_α = α·p̂ + (1 − α)·p_data (n = {n} training points): minimum {c[best]:.6g} at α = {alphas[best]:g}; at the true distribution (α = 0) C = {c[0]:.6g}, at memorisation (α = 1) C = {c[-1]:.6g}; JS(p̂ ‖ p_data) = {js_hat:.6g} (log 2 = {LOG2:.6g})",
        counterexample={"argmin_alpha": alphas[best], "claimed_alpha": objective.claimed_alpha, "criterion": c},
        alphas=alphas,
        criterion=c,
        js_empirical_vs_true=js_hat,
    )


DIST_NOT_SAMPLES = claim(
    "DIST-NOT-SAMPLES",
    "The generator learns the distribution, not the samples",
    "A GAN's generator learns the data distribution, not the individual training samples.",
    numeric_check(
        "minimiser",
        "Draw 20 training points from 000's mixture; over generators q_α = α·p̂ + (1 − α)·p_data (α = 0, 0.1, …, 1) compute C(G) exactly (atoms plus one lumped continuous bin) for the sample-based or the population criterion, and compare its minimiser with the claimed one.",
        _minimiser,
        ("trained on samples, the criterion's minimiser is the data distribution (α = 0)", Objective("empirical", 0.0)),
        [
            (
                "population, memorise",
                "the population criterion is minimised by memorising (α = 1)",
                Objective("population", 1.0),
            ),
            ("empirical, halfway", "on samples the minimiser is α = 0.5", Objective("empirical", 0.5)),
        ],
        corrected=(
            Change.ASSUMPTION,
            "The population criterion (expectations under p_data) is minimised by p_data. On n samples with an optimal discriminator the minimiser is the empirical distribution — memorisation — and p_data itself scores C = 0, the worst value, since JS(p̂ ‖ p_data) = log 2. Learning the distribution rather than the samples therefore rests on limited capacity and regularisation of D and G (Arora et al. 2017).",
            Objective("population", 0.0),
        ),
    ),
    assumptions=(
        "training sees n samples: the data term of V is an average over them (the empirical distribution p̂)",
        "the discriminator is optimal, i.e. the criterion is C(G) = −log 4 + 2·JS(p̂ ‖ p_g)",
        "p_data is continuous (000's mixture), so p̂ and p_data are mutually singular",
    ),
    sources=(src(D002, "Intuition: Matching Distributions"),),
    references=(
        f"{ref.GF14}, Theorem 1 (the population criterion is minimised at p_g = p_data)",
        f"{ref.ARORA} (with finite samples, generalisation needs a capacity-limited discriminator)",
    ),
)

ITER_COUNT = claim(
    "ITER-COUNT",
    "Training takes tens of thousands of iterations",
    "The two-phase iteration is repeated tens of thousands of times.",
    notes="An order of magnitude, not a rule: 000's 1-D example trains for 2000 iterations.",
    sources=(src(D004, "One Training Iteration"),),
    references=(ref.DCGAN, ref.WGANGP, ref.BIGGAN),
)

# -- HISTORY and REFS: cross-document reading ---------------------------------

#: arXiv identifiers of the references cited with one (first author, arXiv ID), from the arXiv listings.
KNOWN_ARXIV = {
    ("Goodfellow", "1406.2661"): "Generative Adversarial Nets",
    ("Goodfellow", "1701.00160"): "NIPS 2016 Tutorial: Generative Adversarial Networks",
    ("Nowozin", "1606.00709"): "f-GAN",
    ("Salimans", "1606.03498"): "Improved Techniques for Training GANs",
    ("Lucic", "1711.10337"): "Are GANs Created Equal?",
}
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ARXIV = re.compile(r"arXiv:(\d{2})(\d{2})\.\d{4,5}")


def _arxiv_year(identifier: str) -> int:
    """arXiv identifiers since April 2007 begin with YYMM (arXiv help, 'Understanding the arXiv identifier')."""
    return 2000 + int(identifier[:2])


@needs_documents(D000, D001, D002, D003, D004)
def _dated_consistently(year: int, ctx: Context, *docs: Document) -> Outcome:
    found: dict[str, list[int]] = {}
    for doc in docs:
        years = []
        for line in doc.text.splitlines():
            if "introduced" in line.lower() and "Goodfellow" in line:
                years += [int(y) for y in _YEAR.findall(line)]
        found[doc.name[:3]] = sorted(set(years))
    arxiv = _arxiv_year("1406.2661")
    dated = {k: v for k, v in found.items() if v}
    ok = bool(dated) and all(v == [year] for v in dated.values()) and arxiv == year
    return Outcome.decide(
        ok,
        f"years next to 'introduced … Goodfellow': {found}; arXiv:1406.2661 was posted in {arxiv}-06; claimed {year}",
        counterexample={"years": found},
        years_by_document=found,
        undated=[k for k, v in found.items() if not v],
        arxiv_year=arxiv,
    )


HISTORY = claim(
    "HISTORY",
    "GANs were introduced by Goodfellow et al. in 2014",
    "GANs were introduced by Ian Goodfellow and colleagues in 2014.",
    code_audit(
        "dated-consistently",
        "Cross-document: collect the years on lines that say GANs were introduced by Goodfellow, in all five documents, and the year encoded in the arXiv identifier 1406.2661 (YYMM).",
        _dated_consistently,
        ("2014", 2014),
        [("2016", "2016", 2016), ("2012", "2012", 2012)],
        decides=False,
    ),
    sources=(
        src(D000, "Introduction"),
        src(D001, "Introduction"),
        src(D002, "opening paragraph"),
        src(D003, "Historical Context"),
        src(D004, "Historical Context and Limitations"),
    ),
    references=(ref.GF14,),
)


@needs_documents(D001)
def _references_check(allowed_lag: frozenset[int], ctx: Context, doc: Document) -> Outcome:
    lines = [ln for ln in doc.text.splitlines() if "arXiv:" in ln and re.match(r"^\d+\.\s", ln)]
    rows, problems = [], []
    for ln in lines:
        author = re.search(r"\*\*([A-Z][^\s,]+),", ln)
        year = re.search(r"\((\d{4})\)", ln)
        ident = re.search(r"arXiv:(\d{4}\.\d{4,5})", ln)
        if not (author and year and ident):
            problems.append(f"unparsed reference line {ln[:20]}…")
            continue
        row = {"author": author.group(1), "year": int(year.group(1)), "arxiv": ident.group(1)}
        row["known"] = (row["author"], row["arxiv"]) in KNOWN_ARXIV
        row["lag"] = row["year"] - _arxiv_year(row["arxiv"])
        rows.append(row)
        cited = f"{row['author']} {row['year']}"
        if not row["known"]:
            problems.append(f"{cited}: arXiv:{row['arxiv']} is not this author's paper in our table")
        if row["lag"] not in allowed_lag:
            problems.append(f"{cited}: cited year differs from the arXiv posting year by {row['lag']}")
    matched = "all match the arXiv listings, with venue years within one year of posting"
    return Outcome.decide(
        bool(rows) and not problems,
        f"{len(rows)} references with arXiv identifiers in 001: " + (matched if not problems else "; ".join(problems)),
        counterexample={"problems": problems},
        references=rows,
    )


REFS = claim(
    "REFS",
    "The documents' bibliographies",
    "The cited works: Goodfellow et al. 2014; Goodfellow's 2016 tutorial; Nowozin et al. 2016; Salimans et al. 2016; Lucic et al. 2018; Arjovsky et al. 2017; Gulrajani et al. 2017; Karras et al. 2018; Zhu et al. 2017; Brock et al. 2019.",
    code_audit(
        "arxiv-identifiers",
        "Cross-document: parse 001's numbered references (first author, year, arXiv identifier); each identifier must be that author's paper in our table, and the cited (venue) year within the allowed distance of the posting year encoded in the identifier.",
        _references_check,
        ("venue year within one year of the arXiv posting", frozenset({-1, 0, 1})),
        [("same year", "cited year equals the posting year", frozenset({0}))],
        decides=False,
    ),
    notes="The NIPS 2016 tutorial was posted in January 2017 (1701.00160); Lucic et al. appeared at NeurIPS 2018, posted in 2017.",
    sources=(src(D000, "Further Reading"), src(D001, "References"), src(D003, "Further Reading")),
    references=(
        ref.GF14,
        ref.GF16,
        ref.FGAN,
        ref.IMPROVED,
        ref.LUCIC,
        ref.WGAN,
        ref.WGANGP,
        ref.PGGAN,
        ref.CYCLEGAN,
        ref.BIGGAN,
    ),
)


#: Every claim above, in the order defined.
CLAIMS = tuple(v for v in list(globals().values()) if isinstance(v, Claim))

__all__ = ["CLAIMS", "GP_LAMBDA", "KNOWN_ARXIV", "POWER_ITERATION"]
