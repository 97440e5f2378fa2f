"""Groups G and H (and 001's pseudo-code): the documents' code, read statically or executed.

Catalog rows C000-GRADS, C000-DATA, C003-WORKFLOW, C003-CLASS, C002-KERAS and
ALGO-PSEUDO. The documents are read at run time from ``--sources`` and pinned
by SHA-256 (:mod:`verify.audit`); without them every code-audit check is
pending. Corrections and negative controls are the documents' own code with
a stated edit of its syntax tree (:class:`verify.audit.Patch`), applied at run
time: nothing of the documents is stored here.

* 000's ``SimpleGAN`` and ``generate_real_data`` are executed in a fresh
  namespace whose ``np.random`` is a private, seeded ``RandomState``.
* 003's two Keras blocks are audited statically (TensorFlow is not needed):
  undefined names by the compiler's scope analysis, the compile → freeze →
  combined-compile order, the generator step's labels and inputs.
* 001's §3.1 pseudo-code is valid Python: it is executed literally, with a
  tiny float64 torch D and G of our own bound to its names.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from hypothesis import strategies as st
from scipy import integrate, special, stats

from gantheory.densities import GaussianMixture
from verify import audit
from verify.audit import (
    AS_WRITTEN,
    Document,
    Patch,
    add_parameter,
    assigns,
    calls,
    delete,
    hoist,
    imports,
    insert_after,
    insert_before,
    move_before,
    needs_documents,
    negate_value,
    prepend,
    replace_call_argument,
    replace_constant,
    replace_expression,
    replace_value,
    sets_attribute,
    within,
)
from verify.checks import for_all
from verify.context import Context
from verify.model import Change, Check, Claim, Correction, Kind, Outcome, Variant
from verify.sources import D000, D001, D002, D003, D004, src
from verify.tolerance import EXACT, IDENTITY, QUADRATURE, Tolerance, compare

GF14 = "Goodfellow et al. 2014, arXiv:1406.2661"

#: Central finite differences of document 000's losses against its hand-written gradients.
FINITE_DIFFERENCE = Tolerance(
    rtol=1e-6,
    atol=1e-8,
    why=(
        "central differences with step h = 1e-6 on float64 losses of size ~1: truncation ~h²·|f'''|/6 ≲ 1e-11, "
        "round-off ~ε·|f|/h ≈ 2e-10 (measured worst 3e-10); every pre-activation is kept ≥ 1e-4 away from the "
        "LeakyReLU kink, so no difference straddles it; a factor-2 or sign error moves a gradient by its own size"
    ),
)

#: Gradients seen by an optimiser against gradients recomputed by autograd (float64, same graph).
AUTOGRAD = Tolerance(
    rtol=1e-9,
    atol=1e-12,
    why=(
        "both sides are float64 autograd results on the same tiny networks; they differ only by the order of "
        "floating-point additions when gradients accumulate (≲ 1e-15 relative)"
    ),
)

# ---------------------------------------------------------------------------
# Locating the documents' cells
# ---------------------------------------------------------------------------


def _defines(name: str) -> Callable[[ast.Module], bool]:
    return lambda tree: any(isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name == name for n in ast.walk(tree))


def _assigns_name(name: str) -> Callable[[ast.Module], bool]:
    return lambda tree: any(
        isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
        for n in ast.walk(tree)
    )


def _calls_attr(attr: str) -> Callable[[ast.Module], bool]:
    return lambda tree: any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == attr for n in ast.walk(tree)
    )


def _seed(ctx: Context, key: str) -> int:
    return int(ctx.rng(key).integers(0, 2**31 - 1))


# ---------------------------------------------------------------------------
# C000-GRADS
# ---------------------------------------------------------------------------

_D_PARAMS = ("d_w1", "d_b1", "d_w2", "d_b2")
_G_PARAMS = ("g_w1", "g_b1", "g_w2", "g_b2")
_FD_STEP = 1e-6
_KINK_MARGIN = 1e-4
_FD_BATCH = 16


def _simple_gan(doc: Document, seed: int) -> tuple[type, dict[str, Any]]:
    """000's SimpleGAN class, and the constructor arguments its training cell uses."""
    cell = audit.find_cell(doc, _defines("SimpleGAN"), "defines SimpleGAN")
    cls = audit.execute_definitions(
        cell.code, ["SimpleGAN"], bindings={"np": audit.PrivateNumpy(seed)}, filename=f"<{doc.name} cell {cell.index}>"
    )["SimpleGAN"]
    train = audit.find_cell(doc, _defines("generate_real_data"), "defines generate_real_data")
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
def _gradients_of_000(text: str, seed: int) -> dict[str, Any]:
    """Hand-written gradients of 000's SimpleGAN (read off its update with lr = 1) and central differences."""
    doc = Document(D000, text, audit.sha256_text(text))
    cls, config = _simple_gan(doc, seed)
    rng = np.random.default_rng(seed)
    gan = cls(latent_dim=config.get("latent_dim", 1), hidden_dim=config.get("hidden_dim", 32), lr=1.0)
    for _attempt in range(100):
        for name in _D_PARAMS + _G_PARAMS:
            setattr(gan, name, rng.normal(0.0, 0.5, getattr(gan, name).shape))
        modes = np.where(rng.random(_FD_BATCH) < 0.5, -2.0, 2.0)
        x = (modes + 0.5 * rng.standard_normal(_FD_BATCH)).reshape(-1, 1)
        z = rng.standard_normal((_FD_BATCH, gan.latent_dim))
        if np.abs(_pre_activations(gan, x, z)).min() >= _KINK_MARGIN:
            break
    else:  # pragma: no cover - 100 draws all within 1e-4 of a kink has probability ~0.3^100
        raise RuntimeError("no draw kept every pre-activation away from the LeakyReLU kink")
    start = {n: getattr(gan, n).copy() for n in _D_PARAMS + _G_PARAMS}

    def restore() -> None:
        for n, v in start.items():
            setattr(gan, n, v.copy())

    gan.lr = 1.0
    gan.train_discriminator(x, z)
    manual = {n: start[n] - getattr(gan, n) for n in _D_PARAMS}
    restore()
    gan.train_generator(z)
    manual.update({n: start[n] - getattr(gan, n) for n in _G_PARAMS})
    restore()

    gan.lr = 0.0  # the training methods then only return their loss
    losses = {"d": lambda: float(gan.train_discriminator(x, z)), "g": lambda: float(gan.train_generator(z))}
    numeric = {}
    for names, loss in ((_D_PARAMS, losses["d"]), (_G_PARAMS, losses["g"])):
        for n in names:
            g = np.zeros_like(start[n])
            for idx in np.ndindex(g.shape):
                values = []
                for sign in (1.0, -1.0):
                    restore()
                    getattr(gan, n)[idx] += sign * _FD_STEP
                    values.append(loss())
                g[idx] = (values[0] - values[1]) / (2 * _FD_STEP)
            numeric[n] = g
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


@needs_documents(D000)
def _grads_match(transform: Callable[[np.ndarray], np.ndarray], ctx: Context, doc: Document) -> Outcome:
    res = _gradients_of_000(doc.text, _seed(ctx, "simple-gan"))
    actual = np.concatenate([transform(res["manual"][n]).ravel() for n in _D_PARAMS + _G_PARAMS])
    expected = np.concatenate([res["numeric"][n].ravel() for n in _D_PARAMS + _G_PARAMS])
    cmp = compare(actual, expected, FINITE_DIFFERENCE)
    names = [f"{n}{list(i)}" for n in _D_PARAMS + _G_PARAMS for i in np.ndindex(res["manual"][n].shape)]
    return Outcome.decide(
        cmp.ok,
        f"hand-written gradients of all {res['params']} parameters (D and G, hidden width {res['hidden_dim']}) "
        f"against central differences of the code's own losses: {cmp.describe()} ({FINITE_DIFFERENCE})",
        counterexample={"parameter": names[cmp.worst_index], "manual": cmp.worst_actual, "numeric": cmp.worst_expected},
        parameters=res["params"],
        max_abs_error=cmp.max_abs_error,
        max_rel_error=cmp.max_rel_error,
        step=_FD_STEP,
        batch=_FD_BATCH,
        d_loss=res["losses"]["d"],
        g_loss=res["losses"]["g"],
    )


def _leaky(x: np.ndarray, slope: float) -> np.ndarray:
    return np.where(x > 0, x, slope * x)


def _our_losses(weights: Mapping[str, np.ndarray], x: np.ndarray, z: np.ndarray, slope: float) -> dict[str, Any]:
    """Our own forward pass of the network 000 describes: one LeakyReLU hidden layer, sigmoid output for D."""
    fake = _leaky(z @ weights["g_w1"] + weights["g_b1"], slope) @ weights["g_w2"] + weights["g_b2"]

    def d(v: np.ndarray) -> np.ndarray:
        return special.expit(_leaky(v @ weights["d_w1"] + weights["d_b1"], slope) @ weights["d_w2"] + weights["d_b2"])

    return {"d_real": d(x), "d_fake": d(fake)}


@dataclass(frozen=True)
class LossFormulas:
    """The two losses as functions of D's outputs and the ε added inside the logs."""

    d: Callable[[np.ndarray, np.ndarray, float], float]
    g: Callable[[np.ndarray, float], float]


def _eps_of(doc: Document) -> float:
    cell = audit.find_cell(doc, _defines("SimpleGAN"), "defines SimpleGAN")
    values = {ast.literal_eval(v) for v in _all_assigned(cell.tree(), "eps")}
    if len(values) != 1:
        raise LookupError(f"{doc.name}: expected one value of eps in SimpleGAN, found {sorted(values)}")
    return float(values.pop())


def _all_assigned(tree: ast.AST, name: str) -> list[ast.expr]:
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
    ]


def _leaky_slope(doc: Document) -> float:
    cell = audit.find_cell(doc, _defines("SimpleGAN"), "defines SimpleGAN")
    for node in ast.walk(cell.tree()):
        if isinstance(node, ast.FunctionDef) and node.name == "leaky_relu":
            defaults = node.args.defaults
            return float(ast.literal_eval(defaults[-1]))
    raise LookupError(f"{doc.name}: SimpleGAN.leaky_relu not found")


@needs_documents(D000)
def _losses_match(formulas: LossFormulas, ctx: Context, doc: Document) -> Outcome:
    res = _gradients_of_000(doc.text, _seed(ctx, "simple-gan"))
    eps, slope = _eps_of(doc), _leaky_slope(doc)
    out = _our_losses(res["weights"], res["x"], res["z"], slope)
    ours = np.array([formulas.d(out["d_real"], out["d_fake"], eps), formulas.g(out["d_fake"], eps)])
    code = np.array([res["losses"]["d"], res["losses"]["g"]])
    cmp = compare(code, ours, IDENTITY)
    return Outcome.decide(
        cmp.ok,
        f"losses returned by train_discriminator/train_generator against our formula on our own forward pass "
        f"(ε = {eps:g}, LeakyReLU slope {slope:g}): {cmp.describe()} ({IDENTITY})",
        counterexample={"code (d, g)": code, "formula (d, g)": ours},
        code_losses=code,
        formula_losses=ours,
        eps=eps,
    )


def _bce_d(dr: np.ndarray, df: np.ndarray, eps: float) -> float:
    return float(-np.mean(np.log(dr + eps) + np.log(1 - df + eps)))


def _ns_g(df: np.ndarray, eps: float) -> float:
    return float(-np.mean(np.log(df + eps)))


C000_GRADS = Claim(
    id="C000-GRADS",
    title="000's hand-written backpropagation",
    statement=(
        "Document 000's NumPy SimpleGAN updates D by the gradient of −mean[log(D(x)+ε) + log(1−D(G(z))+ε)] and G by "
        "the gradient of the non-saturating loss −mean log(D(G(z))+ε), both written out by hand through one LeakyReLU "
        "hidden layer and a sigmoid."
    ),
    sources=(src(D000, "code cell 1: SimpleGAN.train_discriminator, SimpleGAN.train_generator"),),
    assumptions=(
        "the class is executed from the document at run time; its weights are set to seeded N(0, 0.5²) values",
        "hidden width from the document's own SimpleGAN(...) call; a batch of 16 (instead of 128) so that no "
        "pre-activation lies within 1e-4 of the LeakyReLU kink",
    ),
    references=("Goodfellow et al. 2014, arXiv:1406.2661, Algorithm 1",),
    checks=(
        Check(
            name="finite-differences",
            kind=Kind.CODE_AUDIT,
            method=(
                "Run train_discriminator and train_generator once with lr = 1 to read the hand-written gradient off the "
                "update; compare every entry with a central difference (h = 1e-6) of the loss the same method returns "
                "(run with lr = 0), ε included. The controls alter the hand-written gradient before the comparison."
            ),
            test=_grads_match,
            stated=Variant("as stated", "the updates follow the gradients of the stated losses", lambda g: g),
            controls=(
                Variant("control: gradient ×2", "a hand-written gradient twice too large", lambda g: 2.0 * g),
                Variant("control: sign flipped", "a hand-written gradient with the wrong sign", lambda g: -g),
            ),
        ),
        Check(
            name="losses-as-stated",
            kind=Kind.CODE_AUDIT,
            method=(
                "The losses the two methods return, against our own forward pass of the same weights (LeakyReLU slope and "
                "ε read from the document) plugged into the stated formulas: D's BCE and G's non-saturating loss."
            ),
            test=_losses_match,
            stated=Variant(
                "as stated",
                "D: −mean[log(D(x)+ε) + log(1−D(G(z))+ε)]; G: −mean log(D(G(z))+ε)",
                LossFormulas(_bce_d, _ns_g),
            ),
            controls=(
                Variant(
                    "control: minimax G loss",
                    "G: mean log(1 − D(G(z)) + ε), the saturating loss",
                    LossFormulas(_bce_d, lambda df, eps: float(np.mean(np.log(1 - df + eps)))),
                ),
                Variant(
                    "control: sum for mean",
                    "D's loss summed over the batch",
                    LossFormulas(lambda dr, df, eps: float(-np.sum(np.log(dr + eps) + np.log(1 - df + eps))), _ns_g),
                ),
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------
# C000-DATA
# ---------------------------------------------------------------------------

#: Document 000's data as the claim states it: modes ±2, standard deviation 0.5, equal weights.
BIMODAL = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
#: Plausible misreadings of that mixture, which the sampler and density audits must tell apart from it.
_NEARBY_MIXTURES = (
    Variant("control: σ = 0.6", "½N(−2, 0.6²) + ½N(2, 0.6²)", GaussianMixture([0.5, 0.5], [-2, 2], [0.6, 0.6])),
    Variant(
        "control: weights 0.6/0.4", "0.6·N(−2, 0.5²) + 0.4·N(2, 0.5²)", GaussianMixture([0.6, 0.4], [-2, 2], [0.5, 0.5])
    ),
)
#: Significance level of the Kolmogorov–Smirnov test of the executed sampler.
KS_ALPHA = 1e-3


@needs_documents(D000)
def _sampler_law(claimed: GaussianMixture, ctx: Context, doc: Document) -> Outcome:
    cell = audit.find_cell(doc, _defines("generate_real_data"), "defines generate_real_data")
    n = 400_000 if ctx.profile.name == "full" else 100_000
    sample = audit.execute_definitions(
        cell.code,
        ["generate_real_data"],
        bindings={"np": audit.PrivateNumpy(_seed(ctx, "sampler"))},
        filename=f"<{doc.name} cell {cell.index}>",
    )["generate_real_data"](n)
    if np.shape(sample) != (n, 1):
        return Outcome.failed(f"generate_real_data({n}) returned shape {np.shape(sample)}, not ({n}, 1)")
    ks = stats.kstest(np.ravel(sample), claimed.cdf)
    return Outcome.decide(
        bool(ks.pvalue >= KS_ALPHA),
        f"{n} draws of the executed generate_real_data against {claimed!r}: Kolmogorov–Smirnov D = {ks.statistic:.4g}, "
        f"p = {ks.pvalue:.3g} (rejects below α = {KS_ALPHA:g}; critical D ≈ {1.9495 / np.sqrt(n):.3g})",
        counterexample={"ks_statistic": ks.statistic, "p_value": ks.pvalue},
        draws=n,
        ks_statistic=ks.statistic,
        p_value=ks.pvalue,
        sample_mean=float(np.mean(sample)),
        sample_sd=float(np.std(sample)),
        fraction_positive=float(np.mean(np.asarray(sample) > 0)),
    )


@needs_documents(D000)
def _plotted_density(claimed: GaussianMixture, ctx: Context, doc: Document) -> Outcome:
    cell = audit.find_cell(doc, _assigns_name("true_pdf"), "assigns true_pdf")
    var = [n.id for n in ast.walk(audit.assigned_value(cell.tree(), "true_pdf")) if isinstance(n, ast.Name)]
    grids = [v for v in dict.fromkeys(var) if v != "np"]
    if len(grids) != 1:
        raise LookupError(f"{doc.name}: the true_pdf expression should read one grid variable, reads {grids}")

    expression = audit.assignment_function(
        cell.code, "true_pdf", grids[0], bindings={"np": np}, filename=f"<{doc.name} cell {cell.index}>"
    )

    def doc_pdf(x: np.ndarray) -> np.ndarray:
        return np.asarray(expression(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    rng = ctx.rng("density-points")
    x = np.concatenate([np.linspace(-5, 5, 1001), rng.uniform(-8, 8, 200)])
    pointwise = compare(doc_pdf(x), claimed.pdf(x), IDENTITY)
    total, err = integrate.quad(
        lambda t: float(doc_pdf(np.array([t]))[0]), -np.inf, np.inf, epsabs=1e-13, epsrel=1e-12, limit=200
    )
    mass = compare(total, 1.0, QUADRATURE)
    worst = x[pointwise.worst_index]
    return Outcome.decide(
        pointwise.ok and mass.ok,
        f"the plotted true_pdf expression integrates to {total:.15g} (quad error {err:.1g}) and against "
        f"{claimed!r} on {x.size} points: {pointwise.describe()} ({IDENTITY})",
        counterexample={"x": worst, "document": pointwise.worst_actual, "claimed": pointwise.worst_expected},
        integral=total,
        max_abs_error=pointwise.max_abs_error,
        points=x.size,
    )


def _modes(claimed: GaussianMixture, ctx: Context) -> Outcome:
    x = np.linspace(-8, 8, 160_001)
    y = claimed.pdf(x)
    peaks = x[1:-1][(y[1:-1] > y[:-2]) & (y[1:-1] > y[2:])]
    ok = peaks.size == 2 and bool(np.all(np.abs(np.sort(peaks) - np.array([-2.0, 2.0])) <= 1e-3))
    sep = float(np.ptp(claimed.means))
    sd = float(claimed.sigmas.max())
    return Outcome.decide(
        ok,
        f"{peaks.size} local maxima on a 1e-4 grid, at {np.round(peaks, 4).tolist()}; separation {sep:g} vs 2σ = {2 * sd:g} "
        "(an equal-weight, equal-variance mixture is bimodal iff the separation exceeds 2σ)",
        counterexample={"modes": peaks},
        modes=peaks,
        separation=sep,
        two_sigma=2 * sd,
    )


C000_DATA = Claim(
    id="C000-DATA",
    title="000's training data: a bimodal mixture at ±2",
    statement=(
        "generate_real_data draws from an equal-weight mixture of N(−2, 0.5²) and N(2, 0.5²), which is bimodal, and the "
        "plotted true_pdf is that mixture's density."
    ),
    sources=(
        src(D000, "code cell 2: generate_real_data"),
        src(D000, "code cell 3: true_pdf (Plot 2)"),
        src(D000, "Summary"),
    ),
    references=(
        "Schilling, Watkins & Watkins 2002, 'Is human height bimodal?', The American Statistician 56(3):223–229 "
        "(an equal mixture of two equal-variance normals is bimodal iff |μ1 − μ2| > 2σ)",
    ),
    checks=(
        Check(
            name="sampler-law",
            kind=Kind.CODE_AUDIT,
            method=(
                "Execute the document's generate_real_data (its np.random replaced by a private seeded RandomState) for "
                "100 000 draws and run a one-sample Kolmogorov–Smirnov test against the claimed mixture's CDF."
            ),
            test=_sampler_law,
            stated=Variant("as stated", "½N(−2, 0.5²) + ½N(2, 0.5²)", BIMODAL),
            controls=(
                *_NEARBY_MIXTURES,
                Variant(
                    "control: modes ±1.8",
                    "½N(−1.8, 0.5²) + ½N(1.8, 0.5²)",
                    GaussianMixture([0.5, 0.5], [-1.8, 1.8], [0.5, 0.5]),
                ),
            ),
        ),
        Check(
            name="plotted-density",
            kind=Kind.CODE_AUDIT,
            method=(
                "Evaluate the document's true_pdf expression (read from its plotting cell) on 1201 points and integrate "
                "it over ℝ with scipy.quad; it must integrate to 1 and equal the claimed mixture's density."
            ),
            test=_plotted_density,
            stated=Variant("as stated", "½N(−2, 0.5²) + ½N(2, 0.5²)", BIMODAL),
            controls=_NEARBY_MIXTURES,
        ),
        Check(
            name="bimodal",
            kind=Kind.NUMERIC,
            method="Local maxima of the mixture density on a grid of step 1e-4 over [−8, 8]: exactly two, at ±2 (to 1e-3).",
            test=_modes,
            stated=Variant("as stated", "modes ±2, σ = 0.5: separation 4 > 2σ = 1", BIMODAL),
            controls=(
                Variant(
                    "control: σ = 2.5",
                    "modes ±2 with σ = 2.5: separation 4 < 2σ = 5, unimodal",
                    GaussianMixture([0.5, 0.5], [-2, 2], [2.5, 2.5]),
                ),
                Variant(
                    "control: modes ±0.4",
                    "means ±0.4 with σ = 0.5: separation 0.8 < 1, unimodal",
                    GaussianMixture([0.5, 0.5], [-0.4, 0.4], [0.5, 0.5]),
                ),
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------
# C003-WORKFLOW and C003-CLASS: static Keras audits
# ---------------------------------------------------------------------------


def _keras_cell(doc: Document, defines: str) -> audit.Cell:
    return audit.find_cell(doc, _defines(defines), f"defines {defines}")


def _in_document_lines(patch: Patch, cell: audit.Cell) -> ast.Module:
    """The patched cell; unedited, its line numbers are shifted to the document's."""
    tree = patch.apply(cell.tree())
    if patch is AS_WRITTEN:
        ast.increment_lineno(tree, cell.line - 1)
    return tree


def _recipe(defines: str) -> Callable[[Patch, Context], Outcome]:
    @needs_documents(D003)
    def test(patch: Patch, ctx: Context, doc: Document) -> Outcome:
        cell = _keras_cell(doc, defines)
        tree = _in_document_lines(patch, cell)
        result = audit.keras_recipe_audit(tree)
        where = "document lines" if patch is AS_WRITTEN else "lines of the edited code"
        return Outcome.decide(
            result.ok,
            (
                f"{patch.description}: names defined, every trained model compiled, compile → trainable = False → "
                "combined compile, generator step towards the 'real' labels"
                if result.ok
                else f"{patch.description}: {len(result.problems)} problem(s): " + "; ".join(result.problems)
            ),
            counterexample={"problems": list(result.problems)},
            block_first_line=cell.line,
            line_numbers=where,
            **result.summary(),
        )

    return test


_WORKFLOW_FIXES = (
    prepend("import numpy as np"),
    add_parameter("build_gan", "latent_dim"),
)
_COMPILE_D = 'discriminator.compile(optimizer="adam", loss="binary_crossentropy")'
_FREEZE_D = within("build_gan", sets_attribute("discriminator.trainable"))

WORKFLOW_FIXED = Patch(
    "with numpy imported, latent_dim passed to build_gan and the discriminator compiled before it is frozen",
    (*_WORKFLOW_FIXES, insert_before(_FREEZE_D, _COMPILE_D, "freezes the discriminator in build_gan")),
)

C003_WORKFLOW = Claim(
    id="C003-WORKFLOW",
    title="003's first Keras block is a working training loop",
    statement=(
        "Document 003's 'Training & Prediction Workflow' block builds a generator and a discriminator, stacks them into "
        "a combined GAN with the discriminator frozen, and trains D on real and fake batches and G through the combined "
        "model with label 1: a working Keras GAN training loop."
    ),
    sources=(src(D003, "Training & Prediction Workflow"),),
    assumptions=(
        "static audit: TensorFlow is not executed; models are matched by the names of the variables holding them",
        "Keras semantics: an uncompiled model cannot be trained (Keras 3 trainer._assert_compile_called raises "
        "'You must call compile() before …'; Keras 2 raises a RuntimeError), and `trainable` takes effect at compile "
        "time (Keras FAQ, 'How can I freeze Keras layers?')",
    ),
    references=("Keras FAQ, 'How can I freeze Keras layers?' (trainable takes effect when compile() is called)",),
    checks=(
        Check(
            name="keras-recipe",
            kind=Kind.CODE_AUDIT,
            method=(
                "Parse the block; run the compiler's scope analysis (symtable) for names read but never bound; list the "
                "models trained with train_on_batch and those compiled; check that a model frozen with trainable = False "
                "was compiled before the freeze and that the combined model is compiled after it and trained towards "
                "all-ones labels."
            ),
            test=_recipe("build_gan"),
            stated=Variant("as stated", "the block as written", AS_WRITTEN),
            corrected=Correction(
                Change.FORMULA,
                "The block does not run as written: it reads np without importing numpy (train_gan), reads latent_dim "
                "inside build_gan where it is not defined, and calls discriminator.train_on_batch on a discriminator that "
                "is never compiled. With three edits — import numpy as np, give build_gan a latent_dim parameter, and "
                "compile the discriminator inside build_gan before setting trainable = False — it passes the same audit.",
                WORKFLOW_FIXED,
            ),
            controls=(
                Variant(
                    "control: discriminator still uncompiled",
                    "numpy imported and latent_dim passed, but the discriminator never compiled",
                    Patch("with numpy imported and latent_dim passed only", _WORKFLOW_FIXES),
                ),
                Variant(
                    "control: compiled after the freeze",
                    "all three edits, but the discriminator compiled after trainable = False",
                    Patch(
                        "with the discriminator compiled after it is frozen",
                        (
                            *_WORKFLOW_FIXES,
                            insert_after(_FREEZE_D, _COMPILE_D, "freezes the discriminator in build_gan"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    notes=(
        "The block also compiles the combined model with optimizer='adam', i.e. Keras's default Adam (learning rate "
        "1e-3, β1 = 0.9), not the lr = 2e-4, β1 = 0.5 that 001 §6.1 and 003's own class use (see HP-ADAM)."
    ),
)


@needs_documents(D003)
def _fresh_noise(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    tree = _in_document_lines(patch, _keras_cell(doc, "GAN"))
    steps = audit.generator_step_inputs(tree)
    if not steps:
        return Outcome.failed(f"{patch.description}: no generator step through a combined model was found")
    reused = [s for s in steps if not s.fresh]
    detail = "; ".join(
        f"{s.step} (line {s.step_line}) reads {s.variable}, drawn at line {s.assigned_line} and already used by "
        + ", ".join(f"{call} (line {ln})" for ln, call in s.used_between)
        for s in reused
    )
    return Outcome.decide(
        not reused,
        f"{patch.description}: " + (detail if reused else "every generator step reads noise drawn after the D step"),
        counterexample={"reused": [s.variable for s in reused]},
        generator_steps=len(steps),
        reused_inputs=[s.variable for s in reused],
    )


_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": special.expit,
    "tanh": np.tanh,
    "linear": lambda t: t,
    "relu": lambda t: np.maximum(t, 0.0),
}


def _closure_of_range(activation: str) -> tuple[float, float]:
    """Closure of an increasing activation's range: its limits at ∓∞ (exact in float64 for these)."""
    f = _ACTIVATIONS[activation]
    lo, hi = f(np.array([-np.inf, np.inf]))
    return float(lo), float(hi)


def _last_activation(tree: ast.AST, within_function: str | None = None) -> str:
    scope: ast.AST = tree
    if within_function is not None:
        defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == within_function]
        if len(defs) != 1:
            raise LookupError(f"expected one function {within_function}, found {len(defs)}")
        scope = defs[0]
    layers = audit.call_keywords(scope, "Dense")
    if not layers:
        raise LookupError("no Dense layer found")
    return str(layers[-1].get("activation", "linear"))


@dataclass(frozen=True)
class Scaling:
    """How uint8 pixels are scaled before training (an increasing affine map)."""

    label: str
    f: Callable[[float], float]


@needs_documents(D003)
def _tanh_range(scaling: Scaling, ctx: Context, doc: Document) -> Outcome:
    activation = _last_activation(_keras_cell(doc, "GAN").tree(), "build_generator")
    out = _closure_of_range(activation)
    data = (scaling.f(0.0), scaling.f(255.0))
    cmp = compare(np.array(data), np.array(out), EXACT)
    return Outcome.decide(
        cmp.ok,
        f"the class's generator ends in {activation}, whose range has closure {list(out)}; pixels scaled by "
        f"{scaling.label} span {list(data)}",
        counterexample={"output_range": out, "data_range": data},
        activation=activation,
        output_range=out,
        data_range=data,
    )


_G_STEP = "self.combined.train_on_batch"
_FRESH_DRAW = "noise = np.random.standard_normal((batch_size, self.latent_dim))"

C003_CLASS = Claim(
    id="C003-CLASS",
    title="003's GAN class follows the classic Keras recipe",
    statement=(
        "Document 003's class GAN compiles the discriminator, then sets discriminator.trainable = False, then builds and "
        "compiles the combined model, and trains the generator through the combined model towards the 'valid' (all-ones) "
        "labels."
    ),
    sources=(src(D003, "Code Structure"), src(D004, "Phase 2: Training the Generator")),
    assumptions=(
        "static audit: TensorFlow is not executed",
        "Keras 2 semantics: `trainable` is captured when a model is compiled (Keras FAQ), which is what makes the recipe work",
    ),
    references=(
        "Keras FAQ, 'How can I freeze Keras layers?'",
        "Radford, Metz & Chintala 2016, arXiv:1511.06434 (DCGAN: lr 2e-4, β1 = 0.5, images scaled to [−1, 1] for tanh)",
    ),
    checks=(
        Check(
            name="keras-recipe",
            kind=Kind.CODE_AUDIT,
            method=(
                "The same static audit as C003-WORKFLOW on the class block: names, compiled models, "
                "compile → trainable = False → combined compile within __init__, generator step towards all-ones labels."
            ),
            test=_recipe("GAN"),
            stated=Variant("as stated", "the class as written", AS_WRITTEN),
            controls=(
                Variant(
                    "control: frozen before compiling",
                    "trainable = False set before the discriminator's own compile",
                    Patch(
                        "with the freeze moved before the discriminator's compile",
                        (
                            move_before(
                                sets_attribute("self.discriminator.trainable"),
                                calls("self.discriminator.compile"),
                                "freezes the discriminator",
                            ),
                        ),
                    ),
                ),
                Variant(
                    "control: generator step labelled fake",
                    "the combined model trained towards the all-zeros labels",
                    Patch("with the generator step labelled fake", (replace_call_argument(_G_STEP, 1, "fake"),)),
                ),
                Variant(
                    "control: numpy import removed",
                    "the class without its numpy import",
                    Patch("without the numpy import", (delete(imports("numpy"), "imports numpy"),)),
                ),
            ),
        ),
        Check(
            name="fresh-noise-g-step",
            kind=Kind.CODE_AUDIT,
            method=(
                "Cross-document: 004 §Phase 2 says fresh noise is drawn for the generator phase. Find the generator "
                "step (training call on the combined model), its noise variable, where that variable was last assigned, "
                "and whether another call used it in between."
            ),
            test=_fresh_noise,
            stated=Variant("as stated", "the class as written draws fresh noise for the G step", AS_WRITTEN),
            corrected=Correction(
                Change.FORMULA,
                "The class reuses the discriminator step's noise (the batch it fed to generator.predict) for the generator "
                "step. That is still a valid stochastic gradient for G, but not the fresh draw 004 §Phase 2 describes; "
                "drawing noise again before the generator step gives that.",
                Patch(
                    "with noise drawn again before the generator step", (insert_before(calls(_G_STEP), _FRESH_DRAW),)
                ),
            ),
            controls=(
                Variant(
                    "control: fresh draw not used",
                    "noise drawn again into another variable, the generator step still reads the old one",
                    Patch(
                        "with a fresh draw the generator step ignores",
                        (insert_before(calls(_G_STEP), "fresh_" + _FRESH_DRAW),),
                    ),
                ),
                Variant(
                    "control: fresh draw after the step",
                    "noise drawn again only after the generator step",
                    Patch("with noise drawn after the generator step", (insert_after(calls(_G_STEP), _FRESH_DRAW),)),
                ),
            ),
            decides=False,
        ),
        Check(
            name="tanh-data-range",
            kind=Kind.CODE_AUDIT,
            method=(
                "Read the activation of the generator's last Dense layer from the class; compare the closure of its range "
                "with the range of uint8 pixels under a scaling. The class itself does not scale X_train."
            ),
            test=_tanh_range,
            stated=Variant(
                "as stated", "pixels scaled to [−1, 1] by x/127.5 − 1", Scaling("x/127.5 − 1", lambda x: x / 127.5 - 1)
            ),
            controls=(
                Variant(
                    "control: x/255", "pixels scaled to [0, 1] (002's scaling)", Scaling("x/255", lambda x: x / 255)
                ),
                Variant("control: raw pixels", "pixels left in [0, 255]", Scaling("x", lambda x: x)),
            ),
            decides=False,
        ),
    ),
    notes=(
        "The recipe depends on Keras 2's rule that `trainable` is captured at compile time; Keras 3's trainer carries a "
        "'TODO: respect compiled trainable state' comment, so with Keras 3 the discriminator's own training after "
        "`trainable = False` should be re-checked by running it (not done here: no TensorFlow). train() also takes "
        "X_train as given: with the tanh output it must already be scaled to [−1, 1]."
    ),
)

# ---------------------------------------------------------------------------
# C002-KERAS
# ---------------------------------------------------------------------------

#: MNIST as published: 60 000 training and 10 000 test images of 28 × 28 unsigned bytes
#: (LeCun, Cortes & Burges, "The MNIST database of handwritten digits"; LeCun et al. 1998, Proc. IEEE 86(11)).
MNIST_TRAIN = (60000, 28, 28)
MNIST_TEST = (10000, 28, 28)
_TUPLE = re.compile(r"\((\d+(?:\s*,\s*\d+)*)\s*,?\s*\)")


def _shape_tuples(text: str) -> list[tuple[int, ...]]:
    return [tuple(int(v) for v in m.group(1).split(",")) for m in _TUPLE.finditer(text)]


def _printed_shapes(doc: Document) -> dict[str, dict[str, tuple[int, ...]]]:
    """Shapes printed before and after the reshape, keyed by the variable whose .shape was printed."""
    before_cell = audit.find_cell(
        doc,
        lambda t: (
            len(t.body) == 1
            and isinstance(t.body[0], ast.Expr)
            and isinstance(t.body[0].value, ast.Tuple)
            and all(isinstance(e, ast.Attribute) and e.attr == "shape" for e in t.body[0].value.elts)
        ),
        "displays a tuple of shapes",
    )
    names = [ast.unparse(e.value) for e in before_cell.tree().body[0].value.elts]  # type: ignore[attr-defined]
    before = dict(zip(names, ast.literal_eval(before_cell.output.strip()), strict=True))
    after_cell = audit.find_cell(doc, _calls_attr("reshape"), "reshapes")
    prints = [n for n in ast.walk(after_cell.tree()) if isinstance(n, ast.Call) and ast.unparse(n.func) == "print"]
    printed = [ast.unparse(a.value) for a in prints[0].args if isinstance(a, ast.Attribute)]
    after = dict(zip(printed, _shape_tuples(after_cell.output), strict=True))
    reshape = {}
    for node in ast.walk(after_cell.tree()):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and ast.unparse(node.value.func).endswith(".reshape")
        ):
            reshape[ast.unparse(node.targets[0])] = tuple(ast.literal_eval(a) for a in node.value.args)
    return {"before": before, "after": after, "reshape": reshape}


@needs_documents(D002)
def _mnist_shapes(claimed: Mapping[str, Any], ctx: Context, doc: Document) -> Outcome:
    shapes = _printed_shapes(doc)
    problems = []
    for var, shape in (("X_train", claimed["train"]), ("X_test", claimed["test"])):
        if shapes["before"].get(var) != shape:
            problems.append(f"{var} printed as {shapes['before'].get(var)}, claimed {shape}")
        target = (shape[0], claimed["flat"])
        if int(np.prod(shape[1:])) != claimed["flat"]:
            problems.append(f"{shape[1:]} has {int(np.prod(shape[1:]))} pixels, not {claimed['flat']}")
        if shapes["reshape"].get(var) != target:
            problems.append(f"{var} reshaped to {shapes['reshape'].get(var)}, claimed {target}")
        if shapes["after"].get(var) != target:
            problems.append(f"{var} printed after the reshape as {shapes['after'].get(var)}, claimed {target}")
    published = shapes["before"].get("X_train") == MNIST_TRAIN and shapes["before"].get("X_test") == MNIST_TEST
    return Outcome.decide(
        not problems,
        "printed shapes, reshape arguments and printed results agree with the claim"
        if not problems
        else "; ".join(problems),
        counterexample={"problems": problems},
        printed_before={k: list(v) for k, v in shapes["before"].items()},
        reshape_arguments={k: list(v) for k, v in shapes["reshape"].items()},
        printed_after={k: list(v) for k, v in shapes["after"].items()},
        matches_published_mnist=published,
    )


def _uint8_arrays() -> st.SearchStrategy[np.ndarray]:
    raw = st.lists(st.integers(0, 255), min_size=1, max_size=32)
    spanning = raw.map(lambda xs: [0, 255, *xs])
    return st.one_of(raw, spanning).map(lambda xs: np.asarray(xs, dtype=np.uint8))


def _div255_is_minmax(condition: Callable[[np.ndarray], bool], x: np.ndarray) -> bool:
    """Where ``condition`` holds, x/255 equals global min-max normalisation (x − min)/(max − min)."""
    if not condition(x):
        return True
    lo, hi = float(x.min()), float(x.max())
    if hi == lo:
        return False  # min-max is undefined (0/0); /255 is not
    a = x.astype(np.float64) / 255.0
    b = (x.astype(np.float64) - lo) / (hi - lo)
    return bool(np.allclose(a, b, rtol=0.0, atol=1e-15))


_PRINTED_INTS = re.compile(r"\d+")


@needs_documents(D002)
def _printed_range(claimed: tuple[int, int], ctx: Context, doc: Document) -> Outcome:
    cell = audit.find_cell(
        doc,
        lambda t: len(t.body) == 1 and isinstance(t.body[0], ast.Expr) and isinstance(t.body[0].value, ast.Subscript),
        "displays one image",
    )
    values = [int(v) for v in _PRINTED_INTS.findall(cell.output.split("[", 1)[1])]
    norm = audit.find_cell(doc, _normalises, "normalises by division")
    divisors = {
        float(n.right.value)
        for n in ast.walk(norm.tree())
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant)
    }
    lo, hi = claimed
    ok = min(values) == lo and max(values) == hi and divisors == {float(hi - lo)} and lo == 0
    return Outcome.decide(
        ok,
        f"the printed image (uint8, {len(values)} values shown) spans [{min(values)}, {max(values)}]; the code divides by "
        f"{sorted(divisors)}; /d is min-max normalisation iff min = 0 and d = max − min",
        counterexample={"printed_min": min(values), "printed_max": max(values), "divisors": sorted(divisors)},
        printed_min=min(values),
        printed_max=max(values),
        values_shown=len(values),
        divisors=sorted(divisors),
    )


def _normalises(tree: ast.Module) -> bool:
    return any(
        isinstance(n, ast.Assign) and isinstance(n.value, ast.BinOp) and isinstance(n.value.op, ast.Div)
        for n in tree.body
    )


def _builds_generator(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "generator" for n in tree.body)


@dataclass(frozen=True)
class KerasEdits:
    """Edits of 002's generator cell and of its normalisation cell."""

    description: str
    generator: Patch = AS_WRITTEN
    normalisation: Patch = AS_WRITTEN


@needs_documents(D002)
def _sigmoid_matches(edits: KerasEdits, ctx: Context, doc: Document) -> Outcome:
    gen = audit.find_cell(doc, _builds_generator, "builds the generator")
    activation = _last_activation(edits.generator.apply(gen.tree()))
    norm = audit.find_cell(doc, _normalises, "normalises by division")
    divisors = {
        float(n.right.value)
        for n in ast.walk(edits.normalisation.apply(norm.tree()))
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant)
    }
    if len(divisors) != 1:
        raise LookupError(f"expected one divisor in the normalisation cell, found {sorted(divisors)}")
    d = divisors.pop()
    data = (0.0 / d, 255.0 / d)  # uint8 pixels span [0, 255] (MNIST's printed image reaches both ends)
    out = _closure_of_range(activation)
    cmp = compare(np.array(data), np.array(out), EXACT)
    return Outcome.decide(
        cmp.ok,
        f"{edits.description}: the generator's last layer is {activation} (range closure {list(out)}); pixels divided by "
        f"{d:g} span {list(data)}",
        counterexample={"output_range": out, "data_range": data},
        activation=activation,
        divisor=d,
        output_range=out,
        data_range=data,
    )


def _leaky_gradient(slope: float, x: float) -> float:
    import torch

    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    torch.nn.functional.leaky_relu(t, negative_slope=slope).backward()
    assert t.grad is not None
    return float(t.grad)


def _negative_side_gradient(slope: float, ctx: Context) -> Outcome:
    xs = -np.concatenate([[1e-6, 0.5, 3.0], ctx.rng("negative-inputs").uniform(1e-3, 10, 8)])
    grads = np.array([_leaky_gradient(slope, float(x)) for x in xs])
    return Outcome.decide(
        bool(np.all(grads > 0)),
        f"torch autograd derivative at {xs.size} negative inputs: min {grads.min():g}, max {grads.max():g}",
        counterexample={"x": xs[int(np.argmin(grads))], "derivative": grads.min()},
        derivatives=grads,
    )


C002_KERAS_A = Claim(
    id="C002-KERAS.a",
    title="002's MNIST shapes and the flattening to 784",
    statement="MNIST loads as (60000, 28, 28) training and (10000, 28, 28) test images, which 002 reshapes to vectors of 784 = 28·28.",
    sources=(src(D002, "GAN Implementation 1"),),
    references=(
        "LeCun, Bottou, Bengio & Haffner 1998, Proc. IEEE 86(11):2278–2324 (MNIST: 60 000 + 10 000 images, 28 × 28)",
    ),
    checks=(
        Check(
            name="printed-shapes",
            kind=Kind.CODE_AUDIT,
            method=(
                "Read the shapes printed by the notebook (the tuple of .shape values, and the print after the reshape), the "
                "reshape arguments from the code, and check them against the claim; 28·28 must equal the flat size. "
                "The printed shapes are also compared with MNIST's published sizes."
            ),
            test=_mnist_shapes,
            stated=Variant(
                "as stated",
                "(60000, 28, 28) and (10000, 28, 28) → 784",
                {"train": MNIST_TRAIN, "test": MNIST_TEST, "flat": 784},
            ),
            controls=(
                Variant(
                    "control: 756 pixels",
                    "flattened to 756 = 28·27",
                    {"train": MNIST_TRAIN, "test": MNIST_TEST, "flat": 756},
                ),
                Variant(
                    "control: 50 000 training images",
                    "(50000, 28, 28): the split with a validation set",
                    {"train": (50000, 28, 28), "test": MNIST_TEST, "flat": 784},
                ),
            ),
        ),
    ),
)

C002_KERAS_B = Claim(
    id="C002-KERAS.b",
    title="'/255 is min-max normalisation'",
    statement="Dividing the uint8 pixels by 255, as 002 does, is min-max normalisation (002 labels it so).",
    sources=(src(D002, "GAN Implementation 1"),),
    assumptions=(
        "min-max normalisation over the whole data set (x − min)/(max − min); scikit-learn's MinMaxScaler is per feature",
    ),
    references=("scikit-learn documentation, sklearn.preprocessing.MinMaxScaler (per-feature (x − min)/(max − min))",),
    notes=(
        "Qualified: x/255 is min-max normalisation under an added assumption on the data, a global minimum 0 and "
        "maximum 255, which 002's printed image satisfies (document-data-range); the formula and the conclusion "
        "stay as 002 writes them."
    ),
    checks=(
        Check(
            name="equals-min-max",
            kind=Kind.PROPERTY,
            method="Hypothesis over uint8 arrays (half of them containing both 0 and 255): x/255 against (x − min)/(max − min).",
            test=for_all(_uint8_arrays(), _div255_is_minmax, inputs="uint8 arrays", show=lambda x: x.tolist()),
            stated=Variant("as stated", "x/255 is min-max normalisation of any uint8 data", lambda x: True),
            corrected=Correction(
                Change.ASSUMPTION,
                "x/255 equals min-max normalisation exactly when the data's minimum is 0 and its maximum 255 (global, not "
                "per pixel: per-pixel min-max differs on MNIST, whose border pixels are always 0)",
                lambda x: int(x.min()) == 0 and int(x.max()) == 255,
            ),
            controls=(
                Variant("control: only max = 255", "equal whenever the maximum is 255", lambda x: int(x.max()) == 255),
                Variant("control: only min = 0", "equal whenever the minimum is 0", lambda x: int(x.min()) == 0),
            ),
        ),
        Check(
            name="document-data-range",
            kind=Kind.CODE_AUDIT,
            method=(
                "Read the integers of the image the notebook prints (X_train[0]) and the divisor of its normalisation "
                "cell: uint8 data that reaches 0 and 255 has global min 0 and max 255, so /255 is min-max on it."
            ),
            test=_printed_range,
            stated=Variant("as stated", "the data spans [0, 255]", (0, 255)),
            controls=(
                Variant("control: max 254", "the data spans [0, 254]", (0, 254)),
                Variant("control: min 1", "the data spans [1, 255]", (1, 255)),
            ),
        ),
    ),
)

C002_KERAS_C = Claim(
    id="C002-KERAS.c",
    title="002's sigmoid output matches its /255 data",
    statement="002's generator ends in a sigmoid, giving outputs in [0, 1], the range of the pixels after /255.",
    sources=(src(D002, "GAN Implementation 1"),),
    checks=(
        Check(
            name="output-range",
            kind=Kind.CODE_AUDIT,
            method=(
                "Read the activation of the generator's last Dense layer and the normalisation divisor from the cells; "
                "compare the closure of the activation's range (its limits at ∓∞) with [0/d, 255/d]."
            ),
            test=_sigmoid_matches,
            stated=Variant("as stated", "sigmoid output, pixels /255", KerasEdits("as written")),
            controls=(
                Variant(
                    "control: tanh output",
                    "the generator's last layer tanh",
                    KerasEdits(
                        "with a tanh output",
                        generator=Patch("tanh", (replace_constant("sigmoid", "tanh", inside="Dense"),)),
                    ),
                ),
                Variant(
                    "control: /127.5",
                    "pixels divided by 127.5",
                    KerasEdits("with pixels /127.5", normalisation=Patch("/127.5", (replace_constant(255.0, 127.5),))),
                ),
            ),
        ),
    ),
    references=("Radford, Metz & Chintala 2016, arXiv:1511.06434, §3 (output nonlinearity matched to the data range)",),
)

C002_KERAS_D = Claim(
    id="C002-KERAS.d",
    title="002's remarks on LeakyReLU, dropout and latent size",
    statement=(
        "LeakyReLU keeps the gradient of negative inputs from vanishing, so the network keeps learning; dropout (0.3) "
        "in D reduces overfitting; the latent space usually has 100 to 200 dimensions."
    ),
    sources=(src(D002, "GAN Implementation 1"),),
    references=(
        "Maas, Hannun & Ng 2013, 'Rectifier nonlinearities improve neural network acoustic models', ICML WDLASL (leaky ReLU)",
        "Srivastava et al. 2014, 'Dropout', JMLR 15:1929–1958",
        "Radford, Metz & Chintala 2016, arXiv:1511.06434 (z of dimension 100)",
        "Goodfellow et al. 2014, arXiv:1406.2661 (dropout in D)",
    ),
    checks=(
        Check(
            name="negative-side-gradient",
            kind=Kind.NUMERIC,
            method="torch autograd derivative of LeakyReLU(slope 0.2, as in 002) at negative inputs: non-zero, unlike ReLU.",
            test=_negative_side_gradient,
            stated=Variant("as stated", "LeakyReLU with slope 0.2", 0.2),
            controls=(Variant("control: ReLU", "slope 0 (ReLU)", 0.0),),
            decides=False,
        ),
    ),
    notes="Whether dropout helps and which latent size suits MNIST are empirical questions; no computation here decides them.",
)

# ---------------------------------------------------------------------------
# ALGO-PSEUDO: 001 §3.1 executed literally with a tiny torch D and G
# ---------------------------------------------------------------------------

_PSEUDO_NAMES = frozenset(
    {"num_epochs", "dataloader", "k", "m", "sample_noise", "D", "G", "log", "mean", "optimizer_D", "optimizer_G"}
)


def _pseudo_cell(doc: Document) -> audit.Cell:
    return audit.find_cell(doc, _calls_attr("backward"), "calls backward()")


def _loss_for_steps(tree: ast.Module) -> dict[str, tuple[str, ast.expr]]:
    """For each ``optimizer.step()``, the loss whose ``.backward()`` precedes it in the same block, and its value."""
    out: dict[str, tuple[str, ast.expr]] = {}
    for block, _ in audit._statement_lists(tree):
        for i, stmt in enumerate(block):
            call = stmt.value if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) else None
            if call is None or not isinstance(call.func, ast.Attribute) or call.func.attr != "step":
                continue
            optimizer = ast.unparse(call.func.value)
            loss = None
            for prev in reversed(block[:i]):
                if (
                    isinstance(prev, ast.Expr)
                    and isinstance(prev.value, ast.Call)
                    and isinstance(prev.value.func, ast.Attribute)
                    and prev.value.func.attr == "backward"
                ):
                    loss = ast.unparse(prev.value.func.value)
                    break
            if loss is None:
                raise LookupError(f"no backward() before {optimizer}.step()")
            values = [
                s.value
                for s in block[:i]
                if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == loss for t in s.targets)
            ]
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
        env = {**namespace, **rec.namespace}
        value = eval(compile(ast.Expression(expr), "<loss>", "eval"), env)
        fresh = {}
        for opt, module in modules.items():
            params = list(module.parameters())
            gs = torch.autograd.grad(value, params, retain_graph=True, allow_unused=True)
            fresh[opt] = [g if g is not None else torch.zeros_like(p) for g, p in zip(gs, params, strict=True)]
        records.append({"index": i, "optimizer": rec.optimizer, "loss": loss_name, "seen": rec.grads, "fresh": fresh})
    return {"records": records, "log": log, "batches_per_epoch": len(batches), "k": k, "losses": losses}


def _flat(ts: Sequence[Any]) -> np.ndarray:
    return np.concatenate([t.detach().numpy().ravel() for t in ts])


@needs_documents(D001)
def _literal_execution(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    tree = patch.apply(_pseudo_cell(doc).tree())
    run = run_training_pseudo_code(tree, _seed(ctx, "pseudo-code"))
    worst_rel, worst = 0.0, None
    summary_rows = []
    accumulated: dict[str, np.ndarray] = {}
    explained = True
    for rec in run["records"]:
        seen, fresh = _flat(rec["seen"]), _flat(rec["fresh"][rec["optimizer"]])
        cmp = compare(seen, fresh, AUTOGRAD)
        rel = float(np.linalg.norm(seen - fresh) / max(np.linalg.norm(fresh), 1e-300))
        # literal PyTorch semantics without zero_grad: every backward adds into every parameter it reaches
        for opt in ("optimizer_D", "optimizer_G"):
            accumulated[opt] = accumulated.get(opt, 0.0) + _flat(rec["fresh"][opt])
        explained &= compare(seen, accumulated[rec["optimizer"]], AUTOGRAD).ok
        summary_rows.append(
            {
                "step": rec["index"],
                "optimizer": rec["optimizer"],
                "loss": rec["loss"],
                "matches_fresh": cmp.ok,
                "relative_excess": rel,
            }
        )
        if not cmp.ok and rel > worst_rel:
            worst_rel, worst = rel, summary_rows[-1]
    ok = all(r["matches_fresh"] for r in summary_rows)
    first_g = next(r for r in summary_rows if r["optimizer"] == "optimizer_G")
    through_g = any(
        np.linalg.norm(_flat(r["fresh"]["optimizer_G"])) > 0 for r in run["records"] if r["optimizer"] == "optimizer_D"
    )
    return Outcome.decide(
        ok,
        f"{patch.description}: {sum(r['matches_fresh'] for r in summary_rows)}/{len(summary_rows)} optimiser steps see "
        "exactly the gradient of the loss just computed"
        + (
            ""
            if ok
            else f"; worst excess {worst_rel:.3g} of the gradient's norm at step {worst['step']} ({worst['optimizer']})"
        )
        + (
            "; each seen gradient is the running sum of all earlier backward passes (no zero_grad)"
            if (not ok and explained)
            else ""
        )
        + ("; the D loss reaches G's parameters through the undetached G(z)" if through_g else ""),
        counterexample=worst,
        steps=summary_rows,
        explained_by_accumulation=explained,
        d_loss_reaches_generator=through_g,
        first_generator_step_matches=first_g["matches_fresh"],
        k=run["k"],
        batches=run["batches_per_epoch"],
    )


@needs_documents(D001)
def _fresh_real_batches(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    import torch

    tree = patch.apply(_pseudo_cell(doc).tree())
    run = run_training_pseudo_code(tree, _seed(ctx, "pseudo-code"))
    loss_name, expr = run["losses"]["optimizer_D"]
    inputs = sorted({n.id for n in ast.walk(expr) if isinstance(n, ast.Name)} - _PSEUDO_NAMES)
    d_steps = [r for r in run["log"] if r.optimizer == "optimizer_D"]
    reused = set()
    for a, b in itertools.pairwise(d_steps):
        for name in inputs:
            va, vb = a.namespace.get(name), b.namespace.get(name)
            if (
                isinstance(va, torch.Tensor)
                and isinstance(vb, torch.Tensor)
                and va.shape == vb.shape
                and torch.equal(va, vb)
            ):
                reused.add(name)
    return Outcome.decide(
        not reused,
        f"{patch.description}: over {len(d_steps)} discriminator steps (k = {run['k']}), the inputs of {loss_name} "
        + (f"repeated between consecutive steps: {sorted(reused)}" if reused else "are all drawn afresh at every step"),
        counterexample={"reused": sorted(reused)},
        d_steps=len(d_steps),
        loss_inputs=inputs,
        reused=sorted(reused),
    )


def _v_hat(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.log(a)) + np.mean(np.log(1 - b)))


def _loss_algebra_cases(ctx: Context) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = ctx.rng("d-values")
    cases = [(np.full(4, 0.5), np.full(4, 0.5)), (np.array([0.9, 0.99]), np.array([0.01, 0.2]))]
    for _ in range(ctx.profile.random_cases):
        m = int(rng.integers(1, 33))
        cases.append((rng.uniform(1e-6, 1 - 1e-6, m), rng.uniform(1e-6, 1 - 1e-6, m)))
    return cases


@needs_documents(D001)
def _loss_algebra(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    tree = patch.apply(_pseudo_cell(doc).tree())
    losses = _loss_for_steps(tree)
    (d_name, d_expr), (g_name, g_expr) = losses["optimizer_D"], losses["optimizer_G"]
    d_inputs = sorted({n.id for n in ast.walk(d_expr) if isinstance(n, ast.Name)} - _PSEUDO_NAMES)
    g_inputs = sorted({n.id for n in ast.walk(g_expr) if isinstance(n, ast.Name)} - _PSEUDO_NAMES)
    # D and G are the identity: then D(x_real) = a and D(G(z)) = b are the discriminator's outputs themselves
    base = {"D": lambda t: t, "G": lambda t: t, "mean": np.mean, "log": np.log, "np": np}
    actual, expected = [], []
    for a, b in _loss_algebra_cases(ctx):
        real = next((n for n in d_inputs if n not in g_inputs), None)
        noise = next(iter(g_inputs), None)
        if real is None or noise is None:
            raise LookupError(f"cannot tell the real batch from the noise among {d_inputs}, {g_inputs}")
        env = {**base, real: a, noise: b}
        actual += [float(eval(compile(ast.Expression(d_expr), "<d>", "eval"), env))]
        actual += [float(eval(compile(ast.Expression(g_expr), "<g>", "eval"), env))]
        expected += [-_v_hat(a, b), float(np.mean(np.log(1 - b)))]
    cmp = compare(np.array(actual), np.array(expected), IDENTITY)
    return Outcome.decide(
        cmp.ok,
        f"{patch.description}: {d_name} against −V̂ and {g_name} against V̂'s fake term on "
        f"{len(actual) // 2} batches of D outputs: {cmp.describe()} ({IDENTITY})",
        counterexample={"actual": cmp.worst_actual, "expected": cmp.worst_expected},
        max_abs_error=cmp.max_abs_error,
    )


def _draws_noise(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Call)
        and ast.unparse(stmt.value.func) == "sample_noise"
    )


_ZERO_GRAD_AND_DETACH = Patch(
    "with zero_grad() before each backward() and G(z) detached in the D loss",
    (
        insert_before(calls("d_loss.backward"), "optimizer_D.zero_grad()", "backpropagates d_loss"),
        insert_before(calls("g_loss.backward"), "optimizer_G.zero_grad()", "backpropagates g_loss"),
        replace_expression(assigns("d_loss"), "G(z)", "G(z).detach()", "assigns d_loss"),
    ),
)

ALGO_PSEUDO = Claim(
    id="ALGO-PSEUDO",
    title="001's training pseudo-code",
    statement=(
        "001 §3.1: for each batch, k times: draw noise, take the batch as x_real, descend "
        "d_loss = −mean(log D(x_real) + log(1 − D(G(z)))) (i.e. ascend V); then draw noise and descend "
        "g_loss = mean(log(1 − D(G(z)))) (or the non-saturating −mean log D(G(z))). Written with backward() and step(), "
        "it reads as PyTorch."
    ),
    sources=(src(D001, "3.1 Standard Training Procedure"),),
    assumptions=(
        "the pseudo-code is run literally as Python with PyTorch semantics: backward() adds into .grad, step() applies .grad",
        "our D and G: one tanh hidden layer of 6 units, float64; optimisers replaced by recorders (lr = 0)",
    ),
    references=(
        f"{GF14}, Algorithm 1 (k steps of D on fresh minibatches of noise and data, then one step of G)",
        "PyTorch documentation, torch.Tensor.backward (gradients accumulate in .grad) and torch.optim.Optimizer.zero_grad",
        "PyTorch examples, dcgan/main.py (zero_grad before each backward, fake.detach() in the D step)",
    ),
    checks=(
        Check(
            name="loss-algebra",
            kind=Kind.CODE_AUDIT,
            method=(
                "Evaluate the pseudo-code's own d_loss and g_loss expressions with D and G the identity, so that the "
                "inputs are D's outputs a = D(x), b = D(G(z)): d_loss must equal −V̂ = −[mean log a + mean log(1 − b)] "
                "and g_loss V̂'s fake term, so descending them ascends V in D and descends it in G."
            ),
            test=_loss_algebra,
            stated=Variant("as stated", "the pseudo-code's losses", AS_WRITTEN),
            controls=(
                Variant(
                    "control: d_loss sign flipped",
                    "d_loss without its minus sign",
                    Patch("with d_loss negated", (negate_value(assigns("d_loss"), "assigns d_loss"),)),
                ),
                Variant(
                    "control: g_loss = mean log D(G(z))",
                    "a generator loss whose descent lowers D(G(z))",
                    Patch(
                        "with g_loss = mean(log(D(G(z))))",
                        (replace_value(assigns("g_loss"), "mean(log(D(G(z))))", "assigns g_loss"),),
                    ),
                ),
            ),
        ),
        Check(
            name="literal-execution",
            kind=Kind.CODE_AUDIT,
            method=(
                "Execute the pseudo-code (1 epoch, 2 batches of 8, k = 2) with our D, G and recording optimisers; at each "
                "step() compare the gradient it would apply with the gradient of that step's loss recomputed by autograd "
                "at the same parameters and inputs; also test whether the seen gradients are running sums of all earlier "
                "backward passes."
            ),
            test=_literal_execution,
            stated=Variant("as stated", "the pseudo-code as written", AS_WRITTEN),
            corrected=Correction(
                Change.FORMULA,
                "The losses and the alternation are right, but as PyTorch the loop needs optimizer.zero_grad() before each "
                "backward() — otherwise gradients accumulate across steps and G's step also carries ∇_G d_loss through the "
                "undetached G(z) — and G(z).detach() in the D loss (which also saves the backward pass through G).",
                _ZERO_GRAD_AND_DETACH,
            ),
            controls=(
                Variant(
                    "control: detach only",
                    "G(z) detached in the D loss, but no zero_grad()",
                    Patch(
                        "with G(z) detached only",
                        (replace_expression(assigns("d_loss"), "G(z)", "G(z).detach()", "assigns d_loss"),),
                    ),
                ),
                Variant(
                    "control: zero_grad for D only",
                    "optimizer_D.zero_grad() and detach, but G's gradients never zeroed",
                    Patch(
                        "with only D's gradients zeroed",
                        (
                            insert_before(calls("d_loss.backward"), "optimizer_D.zero_grad()", "backpropagates d_loss"),
                            replace_expression(assigns("d_loss"), "G(z)", "G(z).detach()", "assigns d_loss"),
                        ),
                    ),
                ),
            ),
        ),
        Check(
            name="fresh-real-batches",
            kind=Kind.CODE_AUDIT,
            method=(
                "In the same literal execution, compare the inputs of the D loss between consecutive D steps: Algorithm 1 "
                "of Goodfellow et al. draws a fresh minibatch of data and of noise at each of the k steps."
            ),
            test=_fresh_real_batches,
            stated=Variant("as stated", "each D step sees fresh data and noise", AS_WRITTEN),
            corrected=Correction(
                Change.FORMULA,
                "The pseudo-code sets x_real = batch inside the k-loop, so the k discriminator steps reuse one real batch "
                "(with fresh noise); drawing a real minibatch at each step, as Algorithm 1 does, restores it.",
                Patch(
                    "with a real minibatch drawn at each D step",
                    (replace_value(assigns("x_real"), "sample_real(m)", "assigns x_real"),),
                ),
            ),
            controls=(
                Variant(
                    "control: noise drawn once",
                    "fresh real batches, but the noise of the k steps drawn once before the loop",
                    Patch(
                        "with fresh data but the D-step noise drawn once per batch",
                        (
                            replace_value(assigns("x_real"), "sample_real(m)", "assigns x_real"),
                            hoist("range(k)", _draws_noise, "draws noise"),
                        ),
                    ),
                ),
            ),
            decides=False,
        ),
    ),
    notes=(
        "With k = 1 and one batch, the literal loop's G gradient is exactly ∇_G g_loss + ∇_G d_loss (measured as "
        "'explained_by_accumulation'). D's gradients also pick up ∇_D g_loss from the generator step. 004 §Phase 1 says "
        "G is frozen during the D phase; in PyTorch that is what detach() (or requires_grad_(False)) does. "
        "Refuted: the losses and the alternation are right, but the loop runs correctly as PyTorch only after two "
        "lines are added (zero_grad() and detach()), a changed piece of code rather than a condition on it. Decision "
        "history: this was qualified while corrections carried a free label."
    ),
)

CLAIMS = (
    C000_GRADS,
    C000_DATA,
    C003_WORKFLOW,
    C003_CLASS,
    C002_KERAS_A,
    C002_KERAS_B,
    C002_KERAS_C,
    C002_KERAS_D,
    ALGO_PSEUDO,
)

__all__ = ["BIMODAL", "CLAIMS", "FINITE_DIFFERENCE", "run_training_pseudo_code"]
