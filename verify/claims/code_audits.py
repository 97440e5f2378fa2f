"""Groups G and H (and 001's pseudo-code): the documents' code, read statically or executed.

Catalog rows C000-GRADS, C000-DATA, C003-WORKFLOW, C003-CLASS, C002-KERAS and
ALGO-PSEUDO, and PHASES (004's two training phases, checked on a torch GAN of
ours and on 003's class under Keras 3). The documents are read at run time from ``--sources`` and pinned
by SHA-256 (:mod:`verify.audit`); without them every code-audit check is
pending. Corrections and negative controls are the documents' own code with
a stated edit of its syntax tree (:class:`verify.audit.Patch`), applied at run
time: nothing of the documents is stored here.

* 000's ``SimpleGAN`` and ``generate_real_data`` are executed in a fresh
  namespace whose ``np.random`` is a private, seeded ``RandomState``.
* 002's cells (from the reshape on) and 003's two Keras blocks are executed
  under Keras 3 on the torch backend, in a child process with resource limits
  (:func:`verify.audit.execute_isolated`; the runners are in :mod:`verify.programs`), with our calling code and
  scikit-learn's digits resized to MNIST's shape; every weight of D and G is
  compared bit for bit across each ``train_on_batch``. Without Keras 3 (the
  ``audit`` extra) those checks are pending. The static readings (undefined
  names, compile → freeze → combined-compile order under Keras 2's rule, the
  generator step's labels and inputs) stay as informative checks.
* 001's §3.1 pseudo-code is valid Python: it is executed literally in a child
  process, with a tiny float64 torch D and G of our own bound to its names.
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
from verify import audit, programs
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
from verify.builders import claim, code_audit, numeric_check, property_check
from verify.cases import BIMODAL
from verify.checks import for_all
from verify.context import Context
from verify.model import Change, Check, Claim, Outcome
from verify.programs import KerasRun
from verify.references import BIMODALITY, DCGAN, DROPOUT, GF14, LEAKY_RELU, MNIST
from verify.sources import D000, D001, D002, D003, D004, src
from verify.tolerance import EXACT, IDENTITY, QUADRATURE, Tolerance, compare

#: Central finite differences of document 000's losses against its hand-written gradients.
FINITE_DIFFERENCE = Tolerance(
    rtol=1e-6,
    atol=1e-8,
    why="central differences with step h = 1e-6 on float64 losses of size ~1: truncation ~h²·|f'''|/6 ≲ 1e-11, round-off ~ε·|f|/h ≈ 2e-10 (measured worst 3e-10); every pre-activation is kept ≥ 1e-4 away from the LeakyReLU kink, so no difference straddles it; a factor-2 or sign error moves a gradient by its own size",
)

#: Gradients seen by an optimiser against gradients recomputed by autograd (float64, same graph).
AUTOGRAD = Tolerance(
    rtol=1e-9,
    atol=1e-12,
    why="both sides are float64 autograd results on the same tiny networks; they differ only by the order of floating-point additions when gradients accumulate (≲ 1e-15 relative)",
)


# -- Locating the documents' cells --------------------------------------------


def _all_assigned(tree: ast.AST, name: str) -> list[ast.expr]:
    return [n.value for n in ast.walk(tree) if assigns(name)(n)]


def _calls_attr(attr: str) -> Callable[[ast.Module], bool]:
    return lambda tree: any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == attr for n in ast.walk(tree)
    )


def _seed(ctx: Context, key: str) -> int:
    return int(ctx.rng(key).integers(0, 2**31 - 1))


# -- C000-GRADS ---------------------------------------------------------------


@needs_documents(D000)
def _grads_match(transform: Callable[[np.ndarray], np.ndarray], ctx: Context, doc: Document) -> Outcome:
    res = programs.simple_gan_gradients(doc.text, _seed(ctx, "simple-gan"))
    params = programs.SIMPLE_GAN_D + programs.SIMPLE_GAN_G
    actual = np.concatenate([transform(res["manual"][n]).ravel() for n in params])
    expected = np.concatenate([res["numeric"][n].ravel() for n in params])
    cmp = compare(actual, expected, FINITE_DIFFERENCE)
    names = [f"{n}{list(i)}" for n in params for i in np.ndindex(res["manual"][n].shape)]
    return Outcome.decide(
        cmp.ok,
        f"hand-written gradients of all {res['params']} parameters (D and G, hidden width {res['hidden_dim']}) against central differences of the code's own losses: {cmp.describe()} ({FINITE_DIFFERENCE})",
        counterexample={"parameter": names[cmp.worst_index], "manual": cmp.worst_actual, "numeric": cmp.worst_expected},
        parameters=res["params"],
        max_abs_error=cmp.max_abs_error,
        max_rel_error=cmp.max_rel_error,
        step=programs.FD_STEP,
        batch=programs.FD_BATCH,
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


def _simple_gan_cell(doc: Document) -> ast.Module:
    return audit.find_cell(doc, programs.defines("SimpleGAN"), "defines SimpleGAN").tree()


def _eps_of(doc: Document) -> float:
    values = {ast.literal_eval(v) for v in _all_assigned(_simple_gan_cell(doc), "eps")}
    if len(values) != 1:
        raise LookupError(f"{doc.name}: expected one value of eps in SimpleGAN, found {sorted(values)}")
    return float(values.pop())


def _leaky_slope(doc: Document) -> float:
    for node in ast.walk(_simple_gan_cell(doc)):
        if isinstance(node, ast.FunctionDef) and node.name == "leaky_relu":
            return float(ast.literal_eval(node.args.defaults[-1]))
    raise LookupError(f"{doc.name}: SimpleGAN.leaky_relu not found")


@needs_documents(D000)
def _losses_match(formulas: LossFormulas, ctx: Context, doc: Document) -> Outcome:
    res = programs.simple_gan_gradients(doc.text, _seed(ctx, "simple-gan"))
    eps, slope = _eps_of(doc), _leaky_slope(doc)
    out = _our_losses(res["weights"], res["x"], res["z"], slope)
    ours = np.array([formulas.d(out["d_real"], out["d_fake"], eps), formulas.g(out["d_fake"], eps)])
    code = np.array([res["losses"]["d"], res["losses"]["g"]])
    cmp = compare(code, ours, IDENTITY)
    return Outcome.decide(
        cmp.ok,
        f"losses returned by train_discriminator/train_generator against our formula on our own forward pass (ε = {eps:g}, LeakyReLU slope {slope:g}): {cmp.describe()} ({IDENTITY})",
        counterexample={"code (d, g)": code, "formula (d, g)": ours},
        code_losses=code,
        formula_losses=ours,
        eps=eps,
    )


def _bce_d(dr: np.ndarray, df: np.ndarray, eps: float) -> float:
    return float(-np.mean(np.log(dr + eps) + np.log(1 - df + eps)))


def _ns_g(df: np.ndarray, eps: float) -> float:
    return float(-np.mean(np.log(df + eps)))


C000_GRADS = claim(
    "C000-GRADS",
    "000's hand-written backpropagation",
    "Document 000's NumPy SimpleGAN updates D by the gradient of −mean[log(D(x)+ε) + log(1−D(G(z))+ε)] and G by the gradient of the non-saturating loss −mean log(D(G(z))+ε), both written out by hand through one LeakyReLU hidden layer and a sigmoid.",
    code_audit(
        "finite-differences",
        "Run train_discriminator and train_generator once with lr = 1 to read the hand-written gradient off the update; compare every entry with a central difference (h = 1e-6) of the loss the same method returns (run with lr = 0), ε included. The controls alter the hand-written gradient before the comparison.",
        _grads_match,
        ("the updates follow the gradients of the stated losses", lambda g: g),
        [
            ("gradient ×2", "a hand-written gradient twice too large", lambda g: 2.0 * g),
            ("sign flipped", "a hand-written gradient with the wrong sign", lambda g: -g),
        ],
    ),
    code_audit(
        "losses-as-stated",
        "The losses the two methods return, against our own forward pass of the same weights (LeakyReLU slope and ε read from the document) plugged into the stated formulas: D's BCE and G's non-saturating loss.",
        _losses_match,
        ("D: −mean[log(D(x)+ε) + log(1−D(G(z))+ε)]; G: −mean log(D(G(z))+ε)", LossFormulas(_bce_d, _ns_g)),
        [
            (
                "minimax G loss",
                "G: mean log(1 − D(G(z)) + ε), the saturating loss",
                LossFormulas(_bce_d, lambda df, eps: float(np.mean(np.log(1 - df + eps)))),
            ),
            (
                "sum for mean",
                "D's loss summed over the batch",
                LossFormulas(lambda dr, df, eps: float(-np.sum(np.log(dr + eps) + np.log(1 - df + eps))), _ns_g),
            ),
        ],
    ),
    assumptions=(
        "the class is executed from the document at run time; its weights are set to seeded N(0, 0.5²) values",
        "hidden width from the document's own SimpleGAN(...) call; a batch of 16 (instead of 128) so that no pre-activation lies within 1e-4 of the LeakyReLU kink",
    ),
    sources=(src(D000, "code cell 1: SimpleGAN.train_discriminator, SimpleGAN.train_generator"),),
    references=(GF14.at("Algorithm 1"),),
)

# -- C000-DATA ----------------------------------------------------------------


def _equal_mixture(mode: float, sigma: float) -> GaussianMixture:
    """½N(−mode, σ²) + ½N(mode, σ²)."""
    return GaussianMixture([0.5, 0.5], [-mode, mode], [sigma, sigma])


#: Plausible misreadings of document 000's mixture, which the sampler and density audits must tell apart from it.
_NEARBY_MIXTURES = [
    ("σ = 0.6", "½N(−2, 0.6²) + ½N(2, 0.6²)", _equal_mixture(2, 0.6)),
    ("weights 0.6/0.4", "0.6·N(−2, 0.5²) + 0.4·N(2, 0.5²)", GaussianMixture([0.6, 0.4], [-2, 2], [0.5, 0.5])),
]
#: Significance level of the Kolmogorov–Smirnov test of the executed sampler.
KS_ALPHA = 1e-3
_STATED_MIXTURE = ("½N(−2, 0.5²) + ½N(2, 0.5²)", BIMODAL)


@needs_documents(D000)
def _sampler_law(claimed: GaussianMixture, ctx: Context, doc: Document) -> Outcome:
    cell = audit.find_cell(doc, programs.defines("generate_real_data"), "defines generate_real_data")
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
        f"{n} draws of the executed generate_real_data against {claimed!r}: Kolmogorov–Smirnov D = {ks.statistic:.4g}, p = {ks.pvalue:.3g} (rejects below α = {KS_ALPHA:g}; critical D ≈ {1.9495 / np.sqrt(n):.3g})",
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
    cell = audit.find_cell(doc, lambda t: bool(_all_assigned(t, "true_pdf")), "assigns true_pdf")
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
        f"the plotted true_pdf expression integrates to {total:.15g} (quad error {err:.1g}) and against {claimed!r} on {x.size} points: {pointwise.describe()} ({IDENTITY})",
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
        f"{peaks.size} local maxima on a 1e-4 grid, at {np.round(peaks, 4).tolist()}; separation {sep:g} vs 2σ = {2 * sd:g} (an equal-weight, equal-variance mixture is bimodal iff the separation exceeds 2σ)",
        counterexample={"modes": peaks},
        modes=peaks,
        separation=sep,
        two_sigma=2 * sd,
    )


C000_DATA = claim(
    "C000-DATA",
    "000's training data: a bimodal mixture at ±2",
    "generate_real_data draws from an equal-weight mixture of N(−2, 0.5²) and N(2, 0.5²), which is bimodal, and the plotted true_pdf is that mixture's density.",
    code_audit(
        "sampler-law",
        "Execute the document's generate_real_data (its np.random replaced by a private seeded RandomState) for 100 000 draws and run a one-sample Kolmogorov–Smirnov test against the claimed mixture's CDF.",
        _sampler_law,
        _STATED_MIXTURE,
        [*_NEARBY_MIXTURES, ("modes ±1.8", "½N(−1.8, 0.5²) + ½N(1.8, 0.5²)", _equal_mixture(1.8, 0.5))],
    ),
    code_audit(
        "plotted-density",
        "Evaluate the document's true_pdf expression (read from its plotting cell) on 1201 points and integrate it over ℝ with scipy.quad; it must integrate to 1 and equal the claimed mixture's density.",
        _plotted_density,
        _STATED_MIXTURE,
        _NEARBY_MIXTURES,
    ),
    numeric_check(
        "bimodal",
        "Local maxima of the mixture density on a grid of step 1e-4 over [−8, 8]: exactly two, at ±2 (to 1e-3).",
        _modes,
        ("modes ±2, σ = 0.5: separation 4 > 2σ = 1", BIMODAL),
        [
            ("σ = 2.5", "modes ±2 with σ = 2.5: separation 4 < 2σ = 5, unimodal", _equal_mixture(2, 2.5)),
            ("modes ±0.4", "means ±0.4 with σ = 0.5: separation 0.8 < 1, unimodal", _equal_mixture(0.4, 0.5)),
        ],
    ),
    sources=(
        src(D000, "code cell 2: generate_real_data"),
        src(D000, "code cell 3: true_pdf (Plot 2)"),
        src(D000, "Summary"),
    ),
    references=(f"{BIMODALITY} (an equal mixture of two equal-variance normals is bimodal iff |μ1 − μ2| > 2σ)",),
)

# -- C003-WORKFLOW and C003-CLASS: static Keras audits ------------------------


def _in_document_lines(patch: Patch, cell: audit.Cell) -> ast.Module:
    """The patched cell; unedited, its line numbers are shifted to the document's."""
    tree = patch.apply(cell.tree())
    if patch is AS_WRITTEN:
        ast.increment_lineno(tree, cell.line - 1)
    return tree


def _recipe(block: str) -> Callable[[Patch, Context], Outcome]:
    @needs_documents(D003)
    def test(patch: Patch, ctx: Context, doc: Document) -> Outcome:
        cell = programs.keras_cell(doc, block)
        result = audit.keras_recipe_audit(_in_document_lines(patch, cell))
        return Outcome.decide(
            result.ok,
            (
                f"{patch.description}: names defined, every trained model compiled, compile → trainable = False → combined compile, generator step towards the 'real' labels"
                if result.ok
                else f"{patch.description}: {len(result.problems)} problem(s): " + "; ".join(result.problems)
            ),
            counterexample={"problems": list(result.problems)},
            block_first_line=cell.line,
            line_numbers="document lines" if patch is AS_WRITTEN else "lines of the edited code",
            **result.summary(),
        )

    return test


# -- C003-WORKFLOW and C003-CLASS: the Keras blocks executed under Keras 3 (verify.programs) ---


def _runs_method(what: str, ends: str) -> str:
    return f"Execute the {what} and our calling code in a child process under Keras 3 (torch backend) for {programs.KERAS_EPOCHS} iterations; {ends} must run to the end with discriminator and combined train_on_batch calls. The first error is reported with its document line."


_TRAINING_METHOD = "In the same execution, record every weight of D and of G before and after each train_on_batch call: every discriminator step must change D and leave G bit-identical, every combined step must change G and leave D bit-identical."


def _keras_check(
    name: str,
    method: str,
    analyse: programs.Analysis,
    stated: tuple[str, KerasRun],
    controls: Sequence[tuple[str, str, KerasRun]],
    corrected: tuple[str, KerasRun] | None = None,
) -> Check[KerasRun]:
    """A check whose subjects are Keras programs (all of a document's run in one child process), each read by
    ``analyse``; a correction is a change of the code."""
    fixed = None if corrected is None else (Change.FORMULA, *corrected)
    return code_audit(name, method, programs.keras_test(analyse), stated, controls, corrected=fixed)


_WORKFLOW_USAGE = """
generator = build_generator(LATENT_DIM)
discriminator = build_discriminator(tuple(IMG_SHAPE))
gan = build_gan(generator, discriminator, **accepted(build_gan, latent_dim=LATENT_DIM))
watch(discriminator=discriminator, generator=generator, combined=gan)
train_gan(generator, discriminator, gan, X_TRAIN, LATENT_DIM, EPOCHS, BATCH)
"""
#: A caller who has numpy imported and a global latent_dim, as a notebook user might.
_WORKFLOW_USAGE_WITH_GLOBALS = "import numpy as np\nlatent_dim = LATENT_DIM\n" + _WORKFLOW_USAGE
_CLASS_USAGE = """
gan = GAN(img_shape=tuple(IMG_SHAPE))
watch(discriminator=gan.discriminator, generator=gan.generator, combined=gan.combined)
gan.train(X_TRAIN, epochs=EPOCHS, batch_size=BATCH, sample_interval=EPOCHS)
"""


def _workflow_run(patch: Patch | str, *edits: audit.Edit, usage: str = _WORKFLOW_USAGE) -> KerasRun:
    """003's first block (the one defining build_gan), as written or with ``edits`` described by ``patch``."""
    return programs.keras_run(D003, "build_gan", patch if isinstance(patch, Patch) else Patch(patch, edits), usage)


def _class_run(patch: Patch | str, *edits: audit.Edit) -> KerasRun:
    """003's class GAN, as written or with ``edits`` described by ``patch``."""
    return programs.keras_run(D003, "GAN", patch if isinstance(patch, Patch) else Patch(patch, edits), _CLASS_USAGE)


def _assigns_call(target: str, function: str) -> Callable[[ast.stmt], bool]:
    """``target = function(...)``, e.g. ``d_loss_real = discriminator.train_on_batch(...)``."""
    return lambda s: (
        isinstance(s, ast.Assign)
        and any(ast.unparse(t) == target for t in s.targets)
        and isinstance(s.value, ast.Call)
        and ast.unparse(s.value.func) == function
    )


def _freezing_runs(
    run: Callable[..., KerasRun],
    base: str,
    edits: Sequence[audit.Edit],
    names: tuple[str, str],
    never_frozen: tuple[str, audit.Edit],
) -> tuple[KerasRun, KerasRun, KerasRun]:
    """The recipe (``base``: what its ``edits`` do) with D unfrozen before its first training call of an iteration and
    frozen again before the generator step; with its freeze removed (``never_frozen``: description, edit); and
    unfrozen but never frozen again. 003's two blocks differ in the ``names`` of D and of the combined model."""
    d, combined = names
    d_step = _assigns_call("d_loss_real", f"{d}.train_on_batch")
    g_step = _assigns_call("g_loss", f"{combined}.train_on_batch")
    return (
        run(
            f"with {base}, and the discriminator unfrozen before its steps and frozen again before the generator step",
            *edits,
            insert_before(d_step, f"{d}.trainable = True", "is the first D step of an iteration"),
            insert_before(g_step, f"{d}.trainable = False", "is the generator step"),
        ),
        run(never_frozen[0], *edits, never_frozen[1]),
        run(
            f"with {base} and the discriminator unfrozen before its steps but never frozen again",
            *edits,
            insert_before(d_step, f"{d}.trainable = True", "is the first D step"),
        ),
    )


_WORKFLOW_FIXES = (prepend("import numpy as np"), add_parameter("build_gan", "latent_dim"))
_COMPILE_D = 'discriminator.compile(optimizer="adam", loss="binary_crossentropy")'
_FREEZE_D = within("build_gan", sets_attribute("discriminator.trainable"))
_FREEZES_D = "freezes the discriminator in build_gan"

WORKFLOW_FIXED = Patch(
    "with numpy imported, latent_dim passed to build_gan and the discriminator compiled before it is frozen",
    (*_WORKFLOW_FIXES, insert_before(_FREEZE_D, _COMPILE_D, _FREEZES_D)),
)

_NP_AND_LATENT = Patch("with numpy imported and latent_dim passed only", _WORKFLOW_FIXES)

W_AS_WRITTEN = _workflow_run(AS_WRITTEN)
W_CALLER_GLOBALS = _workflow_run(
    "the block as written, called with numpy imported and a global latent_dim", usage=_WORKFLOW_USAGE_WITH_GLOBALS
)
W_NP_AND_LATENT = _workflow_run(_NP_AND_LATENT)
W_FIXED = _workflow_run(WORKFLOW_FIXED)
W_TRAINS, W_NEVER_FROZEN, W_UNFROZEN_ONLY = _freezing_runs(
    _workflow_run,
    "the three edits",
    WORKFLOW_FIXED.edits,
    ("discriminator", "gan"),
    ("with the three edits but trainable = False removed", audit.delete(_FREEZE_D)),
)

_KERAS_3_ASSUMPTIONS = (
    "executed in a child process under Keras 3 with the torch backend (`pip install tensorflow` installs TensorFlow ≥ 2.16, whose tf.keras is Keras 3); `tensorflow.keras` is bound to that Keras, no TensorFlow is installed",
    f"data: scikit-learn's digits resized to {programs.DIGITS_SHAPE} and scaled to [−1, 1]; {programs.KERAS_EPOCHS} iterations of batch {programs.KERAS_BATCH}; every weight of D and G compared bit for bit across each train_on_batch call",
)
_KERAS_REFERENCES = ("Keras 3 guide 'Transfer learning & fine-tuning' (change trainable, then compile again)",)
_UNFROZEN_ONLY = (
    "unfrozen, never frozen again",
    "D unfrozen before its steps but not frozen again before the generator step",
)
_UNCOMPILED = (
    "discriminator still uncompiled",
    "numpy imported and latent_dim passed, but the discriminator never compiled",
)

C003_WORKFLOW = claim(
    "C003-WORKFLOW",
    "003's first Keras block is a working training loop",
    "Document 003's 'Training & Prediction Workflow' block builds a generator and a discriminator, stacks them into a combined GAN with the discriminator frozen, and trains D on real and fake batches and G through the combined model with label 1: a working Keras GAN training loop.",
    _keras_check(
        "keras-runs",
        _runs_method("block", "the loop"),
        programs.ran,
        ("the block as written", W_AS_WRITTEN),
        [
            (
                "caller supplies numpy and latent_dim",
                "the block as written, called from a namespace that already has np and latent_dim",
                W_CALLER_GLOBALS,
            ),
            (*_UNCOMPILED, W_NP_AND_LATENT),
        ],
        corrected=(
            "The block does not run as written: build_gan reads latent_dim, which it is not given (NameError), train_gan reads np without importing numpy, and discriminator.train_on_batch is called on a discriminator that is never compiled (Keras 3 raises). With three edits — import numpy as np, give build_gan a latent_dim parameter, and compile the discriminator before setting trainable = False — it runs.",
            W_FIXED,
        ),
    ),
    _keras_check(
        "keras-training",
        _TRAINING_METHOD,
        programs.phases_isolated,
        ("the classic recipe: the block with the three edits that make it run", W_FIXED),
        [
            (
                "never frozen",
                "the three edits without trainable = False: D also changes in the combined step",
                W_NEVER_FROZEN,
            ),
            (*_UNFROZEN_ONLY, W_UNFROZEN_ONLY),
        ],
        corrected=(
            "Under Keras 3 the recipe does not train D: trainable = False, set in build_gan, is read by every later train_on_batch (not captured when the discriminator was compiled, as in Keras 2), so the discriminator's own steps see no trainable weights (Keras warns 'The model does not have any trainable weights') and leave it bit-identical. Setting discriminator.trainable = True before the discriminator's steps and False again before gan.train_on_batch in each iteration trains D in its steps and only G in the combined step.",
            W_TRAINS,
        ),
    ),
    code_audit(
        "keras-recipe",
        "Static reading under Keras 2's rule: parse the block; run the compiler's scope analysis (symtable) for names read but never bound; list the models trained with train_on_batch and those compiled; check that a model frozen with trainable = False was compiled before the freeze and that the combined model is compiled after it and trained towards all-ones labels.",
        _recipe("build_gan"),
        ("the block as written", AS_WRITTEN),
        [
            (*_UNCOMPILED, _NP_AND_LATENT),
            (
                "compiled after the freeze",
                "all three edits, but the discriminator compiled after trainable = False",
                Patch(
                    "with the discriminator compiled after it is frozen",
                    (*_WORKFLOW_FIXES, insert_after(_FREEZE_D, _COMPILE_D, _FREEZES_D)),
                ),
            ),
        ],
        corrected=(
            Change.FORMULA,
            "Statically, the three edits (import numpy, a latent_dim parameter, compile before the freeze) give the Keras 2 recipe; keras-training shows that under Keras 3 it still leaves the discriminator frozen.",
            WORKFLOW_FIXED,
        ),
        decides=False,
    ),
    assumptions=(
        *_KERAS_3_ASSUMPTIONS,
        "our calling code builds G and D with the block's functions, passes latent_dim where a function takes it, and calls train_gan; it binds no global of its own except in the control that says so",
    ),
    notes="Refuted, as before, but now on execution: the block stops at its first call (NameError for latent_dim in build_gan), and the three edits that make it run give the Keras 2 recipe, which under Keras 3 never updates the discriminator. The correction (toggle trainable around the two steps) is a change of the code, hence a replacement. The block also compiles the combined model with optimizer='adam', i.e. Keras's default Adam (learning rate 1e-3, β1 = 0.9), not the lr = 2e-4, β1 = 0.5 that 001 §6.1 and 003's own class use (see HP-ADAM).",
    sources=(src(D003, "Training & Prediction Workflow"), src(D003, "Setup Instructions")),
    references=(
        "Keras FAQ, 'How can I freeze Keras layers?' (trainable takes effect when compile() is called, Keras 2)",
        *_KERAS_REFERENCES,
    ),
)


@needs_documents(D003)
def _fresh_noise(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    steps = audit.generator_step_inputs(_in_document_lines(patch, programs.keras_cell(doc, "GAN")))
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
    lo, hi = _ACTIVATIONS[activation](np.array([-np.inf, np.inf]))
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
    activation = _last_activation(programs.keras_cell(doc, "GAN").tree(), "build_generator")
    out = _closure_of_range(activation)
    data = (scaling.f(0.0), scaling.f(255.0))
    cmp = compare(np.array(data), np.array(out), EXACT)
    return Outcome.decide(
        cmp.ok,
        f"the class's generator ends in {activation}, whose range has closure {list(out)}; pixels scaled by {scaling.label} span {list(data)}",
        counterexample={"output_range": out, "data_range": data},
        activation=activation,
        output_range=out,
        data_range=data,
    )


_G_STEP = "self.combined.train_on_batch"
_FRESH_DRAW = "noise = np.random.standard_normal((batch_size, self.latent_dim))"


def _mentions(matcher: Callable[[ast.stmt], bool], text: str) -> Callable[[ast.stmt], bool]:
    return lambda s: matcher(s) and text in ast.unparse(s)


_OUTPUT_WIDTH = _mentions(calls("model.add"), "np.prod(self.img_shape)")
_INT_WIDTH = replace_expression(
    _OUTPUT_WIDTH, "np.prod(self.img_shape)", "int(np.prod(self.img_shape))", "adds the output layer"
)
_INT_WIDTH_DESCRIPTION = "with the generator's output width passed to Dense as a Python int"
_NO_NUMPY = delete(imports("numpy"), "imports numpy")
_FREEZE_CLASS_D = sets_attribute("self.discriminator.trainable")

C_AS_WRITTEN = _class_run(AS_WRITTEN)
C_INT_WIDTH = _class_run(_INT_WIDTH_DESCRIPTION, _INT_WIDTH)
C_FLOAT_WIDTH = _class_run(
    "with the width passed as a float",
    replace_expression(_OUTPUT_WIDTH, "np.prod(self.img_shape)", "float(np.prod(self.img_shape))"),
)
C_NO_NUMPY = _class_run("with the int width but without the numpy import", _INT_WIDTH, _NO_NUMPY)
C_TOGGLED, C_NEVER_FROZEN, C_UNFROZEN_ONLY = _freezing_runs(
    _class_run,
    "the int width",
    (_INT_WIDTH,),
    ("self.discriminator", "self.combined"),
    ("with the int width and trainable = False removed", delete(_FREEZE_CLASS_D, "freezes the discriminator")),
)

C003_CLASS = claim(
    "C003-CLASS",
    "003's GAN class follows the classic Keras recipe",
    "Document 003's class GAN compiles the discriminator, then sets discriminator.trainable = False, then builds and compiles the combined model, and trains the generator through the combined model towards the 'valid' (all-ones) labels; so that each discriminator.train_on_batch trains D and each combined.train_on_batch trains G alone.",
    _keras_check(
        "keras-runs",
        _runs_method("class", "training"),
        programs.ran,
        ("the class as written", C_AS_WRITTEN),
        [
            ("width as a float", "Dense(float(np.prod(...)))", C_FLOAT_WIDTH),
            ("numpy import removed", "the int width, but numpy not imported", C_NO_NUMPY),
        ],
        corrected=(
            "Keras 3's Dense accepts only a Python int as its number of units; the generator's output layer is given np.prod(self.img_shape), a NumPy integer, so building the generator raises ValueError. Dense(int(np.prod(self.img_shape)), …) runs.",
            C_INT_WIDTH,
        ),
    ),
    _keras_check(
        "keras-training",
        _TRAINING_METHOD,
        programs.phases_isolated,
        (f"the classic recipe: the class {_INT_WIDTH_DESCRIPTION[5:]}", C_INT_WIDTH),
        [
            ("never frozen", "trainable = False removed: D also changes in the combined step", C_NEVER_FROZEN),
            (*_UNFROZEN_ONLY, C_UNFROZEN_ONLY),
        ],
        corrected=(
            "Under Keras 3 the recipe freezes D in its own steps: trainable = False is read by every later train_on_batch instead of being captured when the discriminator was compiled (Keras 2's rule, on which the recipe relies), so self.discriminator.train_on_batch sees no trainable weights (Keras warns 'The model does not have any trainable weights') and leaves D bit-identical; only the combined step trains, and it trains G alone. Setting self.discriminator.trainable = True before the discriminator's steps and False again before self.combined.train_on_batch, in each iteration, trains D in its steps and only G in the combined step.",
            C_TOGGLED,
        ),
    ),
    code_audit(
        "keras-recipe",
        "Static reading under Keras 2's rule, as for C003-WORKFLOW: names, compiled models, compile → trainable = False → combined compile within __init__, generator step towards all-ones labels.",
        _recipe("GAN"),
        ("the class as written", AS_WRITTEN),
        [
            (
                "frozen before compiling",
                "trainable = False set before the discriminator's own compile",
                Patch(
                    "with the freeze moved before the discriminator's compile",
                    (move_before(_FREEZE_CLASS_D, calls("self.discriminator.compile"), "freezes the discriminator"),),
                ),
            ),
            (
                "generator step labelled fake",
                "the combined model trained towards the all-zeros labels",
                Patch("with the generator step labelled fake", (replace_call_argument(_G_STEP, 1, "fake"),)),
            ),
            (
                "numpy import removed",
                "the class without its numpy import",
                Patch("without the numpy import", (_NO_NUMPY,)),
            ),
        ],
        decides=False,
    ),
    code_audit(
        "fresh-noise-g-step",
        "Cross-document: 004 §Phase 2 says fresh noise is drawn for the generator phase. Find the generator step (training call on the combined model), its noise variable, where that variable was last assigned, and whether another call used it in between.",
        _fresh_noise,
        ("the class as written draws fresh noise for the G step", AS_WRITTEN),
        [
            (
                "fresh draw not used",
                "noise drawn again into another variable, the generator step still reads the old one",
                Patch(
                    "with a fresh draw the generator step ignores",
                    (insert_before(calls(_G_STEP), "fresh_" + _FRESH_DRAW),),
                ),
            ),
            (
                "fresh draw after the step",
                "noise drawn again only after the generator step",
                Patch("with noise drawn after the generator step", (insert_after(calls(_G_STEP), _FRESH_DRAW),)),
            ),
        ],
        corrected=(
            Change.FORMULA,
            "The class reuses the discriminator step's noise (the batch it fed to generator.predict) for the generator step. That is still a valid stochastic gradient for G, but not the fresh draw 004 §Phase 2 describes; drawing noise again before the generator step gives that.",
            Patch("with noise drawn again before the generator step", (insert_before(calls(_G_STEP), _FRESH_DRAW),)),
        ),
        decides=False,
    ),
    code_audit(
        "tanh-data-range",
        "Read the activation of the generator's last Dense layer from the class; compare the closure of its range with the range of uint8 pixels under a scaling. The class itself does not scale X_train.",
        _tanh_range,
        ("pixels scaled to [−1, 1] by x/127.5 − 1", Scaling("x/127.5 − 1", lambda x: x / 127.5 - 1)),
        [
            ("x/255", "pixels scaled to [0, 1] (002's scaling)", Scaling("x/255", lambda x: x / 255)),
            ("raw pixels", "pixels left in [0, 255]", Scaling("x", lambda x: x)),
        ],
        decides=False,
    ),
    assumptions=(
        *_KERAS_3_ASSUMPTIONS,
        "our calling code: GAN(img_shape=(28, 28, 1)) with the default latent_dim = 100, then train(X, epochs, batch_size)",
    ),
    notes="Was verified on a static reading that assumed Keras 2's rule that `trainable` is captured at compile time. Run under Keras 3 (what the document's `pip install tensorflow` installs today) the class fails twice: building the generator raises (a NumPy integer as Dense's width), and once that is fixed the recipe never updates the discriminator, since Keras 3 reads `trainable` at each train_on_batch. Both corrections change the code, so the claim is refuted. The static order check stays as an informative reading of the Keras 2 recipe. train() also takes X_train as given: with the tanh output it must already be scaled to [−1, 1].",
    sources=(
        src(D003, "Code Structure"),
        src(D003, "Setup Instructions"),
        src(D004, "Phase 2: Training the Generator"),
    ),
    references=(
        "Keras FAQ, 'How can I freeze Keras layers?' (Keras 2: trainable is captured when compile() is called)",
        *_KERAS_REFERENCES,
        f"{DCGAN} (DCGAN: lr 2e-4, β1 = 0.5, images scaled to [−1, 1] for tanh)",
    ),
)

#: A deciding check for PHASES (004's two training phases), run on 003's class under Keras 3: the phases as 004
#: describes them are realised by toggling trainable around the two steps; the recipe that freezes D once, and a
#: D that is never frozen, each violate one phase. Defined here, beside the programs it shares with C003-CLASS.
PHASES_KERAS_CHECK = _keras_check(
    "keras-phases",
    "Run 003's class under Keras 3 (torch backend) with 004's phases made explicit: discriminator.trainable = True for Phase 1 (D.train_on_batch on real batches labelled 1 and generated batches labelled 0), False for Phase 2 (combined.train_on_batch on noise labelled 1). Every weight of D and G is compared bit for bit across each call: Phase 1 must change D and leave G unchanged; Phase 2 must change G, through D, and leave D unchanged.",
    programs.phases_isolated,
    ("004's phases: D trainable in Phase 1, frozen in Phase 2", C_TOGGLED),
    [
        (
            "D frozen once, before both phases",
            "the classic recipe (trainable = False once, before compiling the combined model): no Phase 1 update",
            C_INT_WIDTH,
        ),
        ("D never frozen", "D's weights also updated in Phase 2", C_NEVER_FROZEN),
    ],
)


# -- PHASES -------------------------------------------------------------------


@dataclass(frozen=True)
class Phases:
    """Which networks each phase's optimiser steps, and whether G's output is detached in the G step."""

    d_phase_steps: tuple[str, ...]
    g_phase_steps: tuple[str, ...]
    detach_in_g_phase: bool = False


def _phase_isolation(subject: Phases, ctx: Context) -> Outcome:
    """Test: one iteration of a tiny float64 torch GAN; the D phase leaves G bit-identical, the G phase leaves D
    bit-identical while G's gradient flows through D."""
    import torch

    gen = torch.Generator().manual_seed(int(ctx.rng("torch-seed").integers(2**31)))
    m = 16

    def randn(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=gen, dtype=torch.float64)

    def mlp() -> torch.nn.Sequential:
        net = torch.nn.Sequential(torch.nn.Linear(1, 8), torch.nn.LeakyReLU(0.2), torch.nn.Linear(8, 1)).double()
        with torch.no_grad():
            for p in net.parameters():
                p.copy_(0.5 * randn(*p.shape))
        return net

    nets = {"G": mlp(), "D": mlp()}
    bce_loss = torch.nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(m, 1, dtype=torch.float64), torch.zeros(m, 1, dtype=torch.float64)
    x_real = 2.0 + 0.5 * randn(m, 1)

    def params(*names: str) -> list[torch.nn.Parameter]:
        return [p for n in names for p in nets[n].parameters()]

    def unchanged(name: str, before: list[torch.Tensor]) -> bool:
        return all(torch.equal(p, b) for p, b in zip(params(name), before, strict=True))

    def descend(loss: torch.Tensor, names: tuple[str, ...], lr: float = 0.1) -> tuple[list[torch.Tensor], ...]:
        """Clear both networks' gradients, backpropagate, step ``names``; the parameters before the step."""
        before = tuple([p.detach().clone() for p in params(n)] for n in ("G", "D"))
        for p in params("G", "D"):
            p.grad = None
        loss.backward()
        # plain SGD by hand: torch.optim's first import costs ~1.4 s
        with torch.no_grad():
            for p in params(*names):
                if p.grad is not None:
                    p.sub_(lr * p.grad)
        return before

    # Phase 1: real labelled 1, fakes labelled 0
    fake = nets["G"](randn(m, 1))
    g0, d0 = descend(bce_loss(nets["D"](x_real), ones) + bce_loss(nets["D"](fake), zeros), subject.d_phase_steps)
    d_phase = {"G unchanged": unchanged("G", g0), "D changed": not unchanged("D", d0)}

    # Phase 2: fresh noise, fakes labelled 1
    fake = nets["G"](randn(m, 1))
    g1, d1 = descend(
        bce_loss(nets["D"](fake.detach() if subject.detach_in_g_phase else fake), ones), subject.g_phase_steps
    )
    g_grad = float(sum(float(p.grad.abs().sum()) for p in params("G") if p.grad is not None))
    g_phase = {
        "D unchanged": unchanged("D", d1),
        "G changed": not unchanged("G", g1),
        "gradient reached G through D": g_grad > 0,
    }

    observed = {"D phase": d_phase, "G phase": g_phase}
    broken = [f"{phase}: {k}" for phase, v in observed.items() for k, ok in v.items() if not ok]
    return Outcome.decide(
        not broken,
        "the phases are not isolated: " + "; ".join(broken)
        if broken
        else "D phase: G bit-identical, D updated; G phase: D bit-identical, G updated by a gradient that passed through D",
        counterexample={"violated": broken},
        observed=observed,
        generator_gradient_l1=g_grad,
    )


PHASES = claim(
    "PHASES",
    "The two training phases",
    "In the discriminator phase the generator's weights are frozen, real samples are labelled 1 and fakes 0, as in supervised learning; in the generator phase fresh noise is used, the error flows through D, and only G's weights are updated.",
    numeric_check(
        "phase-isolation",
        "One iteration of a float64 torch GAN (1-8-1 MLPs, SGD): parameters compared bit for bit before and after each phase, and the generator's gradient measured in the G phase.",
        _phase_isolation,
        ("the D phase steps D only; the G phase steps G only, through D", Phases(("D",), ("G",))),
        [
            ("D stepped in the G phase", "the G phase's optimiser also steps D", Phases(("D",), ("G", "D"))),
            ("G stepped in the D phase", "the D phase's optimiser also steps G", Phases(("G", "D"), ("G",))),
            (
                "no error through D",
                "G's output is detached before D in the G phase",
                Phases(("D",), ("G",), detach_in_g_phase=True),
            ),
        ],
        decides=False,
    ),
    PHASES_KERAS_CHECK,
    notes="A description of a procedure. In the G phase D's parameters receive gradients although they are not stepped; an implementation must clear them before the next D step. keras-phases runs document 003's class with the two phases made explicit under Keras 3, where trainable is read at every train_on_batch: D must be made trainable for Phase 1 and frozen for Phase 2 in every iteration; freezing it once (the Keras 2 recipe) leaves Phase 1 with nothing to train. With that deciding check the claim is verified.",
    sources=(
        src(D004, "Phase 1: Training the Discriminator"),
        src(D004, "Phase 2: Training the Generator"),
        src(D004, "One Training Iteration"),
    ),
    references=(GF14.at("Algorithm 1"),),
)


# -- C002-KERAS ---------------------------------------------------------------

#: MNIST as published: 60 000 training and 10 000 test images of 28 × 28 unsigned bytes
#: (LeCun, Cortes & Burges, "The MNIST database of handwritten digits"; LeCun et al. 1998, Proc. IEEE 86(11)).
MNIST_TRAIN = (60000, 28, 28)
MNIST_TEST = (10000, 28, 28)


def _shapes(train: tuple[int, ...] = MNIST_TRAIN, flat: int = 784) -> dict[str, Any]:
    return {"train": train, "test": MNIST_TEST, "flat": flat}


#: The claimed MNIST shapes, read from the notebook's printout and from executing its cells.
_SHAPES_STATED = ("(60000, 28, 28) and (10000, 28, 28) → 784", _shapes())
_SHAPES_CONTROLS = [
    ("756 pixels", "flattened to 756 = 28·27", _shapes(flat=756)),
    ("50 000 training images", "(50000, 28, 28): the split with a validation set", _shapes(train=(50000, 28, 28))),
]
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
    reshape = {
        ast.unparse(node.targets[0]): tuple(ast.literal_eval(a) for a in node.value.args)
        for node in ast.walk(after_cell.tree())
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func).endswith(".reshape")
    }
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


def _divisors(tree: ast.Module) -> set[float]:
    """The constants that the normalisation cell divides by."""
    return {
        float(n.right.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant)
    }


def _normalisation_cell(doc: Document) -> audit.Cell:
    return audit.find_cell(
        doc,
        lambda t: any(
            isinstance(n, ast.Assign) and isinstance(n.value, ast.BinOp) and isinstance(n.value.op, ast.Div)
            for n in t.body
        ),
        "normalises by division",
    )


@needs_documents(D002)
def _printed_range(claimed: tuple[int, int], ctx: Context, doc: Document) -> Outcome:
    cell = audit.find_cell(
        doc,
        lambda t: len(t.body) == 1 and isinstance(t.body[0], ast.Expr) and isinstance(t.body[0].value, ast.Subscript),
        "displays one image",
    )
    values = [int(v) for v in _PRINTED_INTS.findall(cell.output.split("[", 1)[1])]
    divisors = _divisors(_normalisation_cell(doc).tree())
    lo, hi = claimed
    ok = min(values) == lo and max(values) == hi and divisors == {float(hi - lo)} and lo == 0
    return Outcome.decide(
        ok,
        f"the printed image (uint8, {len(values)} values shown) spans [{min(values)}, {max(values)}]; the code divides by {sorted(divisors)}; /d is min-max normalisation iff min = 0 and d = max − min",
        counterexample={"printed_min": min(values), "printed_max": max(values), "divisors": sorted(divisors)},
        printed_min=min(values),
        printed_max=max(values),
        values_shown=len(values),
        divisors=sorted(divisors),
    )


def _generator_cell(doc: Document) -> audit.Cell:
    return audit.find_cell(
        doc,
        lambda t: any(isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "generator" for n in t.body),
        "builds the generator",
    )


@dataclass(frozen=True)
class KerasEdits:
    """Edits of 002's generator cell and of its normalisation cell."""

    description: str
    generator: Patch = AS_WRITTEN
    normalisation: Patch = AS_WRITTEN


@needs_documents(D002)
def _sigmoid_matches(edits: KerasEdits, ctx: Context, doc: Document) -> Outcome:
    activation = _last_activation(edits.generator.apply(_generator_cell(doc).tree()))
    divisors = _divisors(edits.normalisation.apply(_normalisation_cell(doc).tree()))
    if len(divisors) != 1:
        raise LookupError(f"expected one divisor in the normalisation cell, found {sorted(divisors)}")
    d = divisors.pop()
    data = (0.0 / d, 255.0 / d)  # uint8 pixels span [0, 255] (MNIST's printed image reaches both ends)
    out = _closure_of_range(activation)
    cmp = compare(np.array(data), np.array(out), EXACT)
    return Outcome.decide(
        cmp.ok,
        f"{edits.description}: the generator's last layer is {activation} (range closure {list(out)}); pixels divided by {d:g} span {list(data)}",
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


_C002_USAGE = """
import numpy as np
z = np.random.default_rng(SEED).standard_normal((64, latent_dim)).astype("float32")
images = generator.predict(np.concatenate([z, 1000.0 * z]), verbose=0)
scores = discriminator.predict(images, verbose=0)
RESULT = {
    "x_train_shape": list(X_train.shape), "x_test_shape": list(X_test.shape), "dtype": str(X_train.dtype),
    "data_min": float(X_train.min()), "data_max": float(X_train.max()),
    "generated_shape": list(images.shape), "generated_min": float(images.min()), "generated_max": float(images.max()),
    "scores_shape": list(scores.shape), "scores_min": float(scores.min()), "scores_max": float(scores.max()),
}
"""
#: Where the saturated generator must reach the ends of the data's range: float32 sigmoid/tanh saturate exactly.
_RANGE_END = 1e-3


def _mnist_shaped_digits() -> dict[str, np.ndarray]:
    """uint8 arrays of MNIST's published shapes, tiled from scikit-learn's digits resized to 28 × 28 (0 … 255)."""
    pixels = np.rint((programs.digits_as_mnist()[..., 0] + 1.0) * 127.5).astype(np.uint8)
    return {
        "X_train": np.resize(pixels, MNIST_TRAIN),
        "X_test": np.resize(pixels, MNIST_TEST),
        "y_train": np.zeros(MNIST_TRAIN[0], np.uint8),
        "y_test": np.zeros(MNIST_TEST[0], np.uint8),
    }


def _c002_cells(doc: Document) -> list[audit.Cell]:
    """002's cells from the reshape to the discriminator, in order (the loading cell downloads MNIST: left out)."""
    reshape = audit.find_cell(doc, _calls_attr("reshape"), "reshapes")
    return [c for c in doc.python_cells() if c.index >= reshape.index and c.code.strip() != "X_train[0]"]


@lru_cache(maxsize=2)
def _keras_002_execution(doc: Document, seed: int) -> audit.Execution:
    cells = _c002_cells(doc)
    gen, norm = _generator_cell(doc), _normalisation_cell(doc)
    runs = []
    for edits in _C002_EDITS:
        patched = {gen.index: edits.generator, norm.index: edits.normalisation}
        code = "\n".join(programs.program_code(patched.get(c.index, AS_WRITTEN), c) for c in cells)
        runs.append(
            audit.Program(
                edits.description,
                code,
                f"<{doc.name} cells {cells[0].index}-{cells[-1].index}>",
                _C002_USAGE,
                params=(("instrument", "keras"), ("seed", seed), ("SEED", seed)),
            )
        )
    return audit.execute_isolated(
        runs, data=_mnist_shaped_digits(), environment={"KERAS_BACKEND": programs.KERAS_BACKEND}
    )


def _c002_result(
    edits: KerasEdits, ctx: Context, doc: Document
) -> tuple[audit.ProgramResult, dict[str, str]] | Outcome:
    missing = programs.keras_missing()
    if missing is not None:
        return Outcome.undecided(missing)
    execution = _keras_002_execution(doc, programs.run_seed(ctx, "keras-002"))
    return execution.result(edits.description), dict(execution.versions)


@needs_documents(D002)
def _executed_range(edits: KerasEdits, ctx: Context, doc: Document) -> Outcome:
    got = _c002_result(edits, ctx, doc)
    if isinstance(got, Outcome):
        return got
    result, versions = got
    on = programs.keras_on(versions)
    if result.error is not None:
        return Outcome.failed(
            f"{edits.description}, run under {on}: raised {result.error['type']}: {result.error['message']}",
            error=dict(result.error),
            versions=versions,
        )
    v = result.values
    lo, hi = v["data_min"], v["data_max"]
    inside = lo <= v["generated_min"] and v["generated_max"] <= hi
    reaches = abs(v["generated_min"] - lo) <= _RANGE_END and abs(v["generated_max"] - hi) <= _RANGE_END
    fits = v["generated_shape"][1:] == [784] and v["scores_shape"] == [v["generated_shape"][0], 1]
    probabilities = 0.0 <= v["scores_min"] and v["scores_max"] <= 1.0
    return Outcome.decide(
        inside and reaches and fits and probabilities,
        f"{edits.description}, run under {on}: normalised pixels span [{lo:g}, {hi:g}]; the generator's outputs span [{v['generated_min']:.4g}, {v['generated_max']:.4g}] (saturated inputs included), shape {v['generated_shape']}; the discriminator returns {v['scores_shape']} in [{v['scores_min']:.3g}, {v['scores_max']:.3g}]",
        counterexample={"data_range": [lo, hi], "generated_range": [v["generated_min"], v["generated_max"]]},
        versions=versions,
        **v,
    )


@needs_documents(D002)
def _executed_reshape(claimed: Mapping[str, Any], ctx: Context, doc: Document) -> Outcome:
    got = _c002_result(_C002_AS_WRITTEN, ctx, doc)
    if isinstance(got, Outcome):
        return got
    result, versions = got
    if result.error is not None:
        return Outcome.failed(f"the cells raised {result.error['type']}: {result.error['message']}", versions=versions)
    v = result.values
    reshape = audit.find_cell(doc, _calls_attr("reshape"), "reshapes")
    printed = result.output.strip().splitlines()[:1]
    expected = [(claimed["train"][0], claimed["flat"]), (claimed["test"][0], claimed["flat"])]
    executed = [tuple(v["x_train_shape"]), tuple(v["x_test_shape"])]
    ok = executed == expected and printed == reshape.output.strip().splitlines()[:1]
    return Outcome.decide(
        ok,
        f"the reshape cell, run in a child process (Keras {versions.get('keras')}) on uint8 arrays of MNIST's published shapes {MNIST_TRAIN} and {MNIST_TEST}, gives {executed} (claimed {expected}) and prints {printed[0] if printed else '(nothing)'!r}, the notebook printed {reshape.output.strip()!r}",
        counterexample={"executed": executed, "claimed": expected},
        executed_shapes=[list(e) for e in executed],
        printed=printed,
        versions=versions,
    )


C002_KERAS_A = claim(
    "C002-KERAS.a",
    "002's MNIST shapes and the flattening to 784",
    "MNIST loads as (60000, 28, 28) training and (10000, 28, 28) test images, which 002 reshapes to vectors of 784 = 28·28.",
    code_audit(
        "printed-shapes",
        "Read the shapes printed by the notebook (the tuple of .shape values, and the print after the reshape), the reshape arguments from the code, and check them against the claim; 28·28 must equal the flat size. The printed shapes are also compared with MNIST's published sizes.",
        _mnist_shapes,
        _SHAPES_STATED,
        _SHAPES_CONTROLS,
    ),
    code_audit(
        "executed-reshape",
        "Execute 002's cells from the reshape on (in a child process, with Keras 3 on the torch backend) on uint8 arrays of MNIST's published shapes; the reshaped shapes must be the claimed ones and the cell's print must reproduce the line the notebook printed.",
        _executed_reshape,
        _SHAPES_STATED,
        _SHAPES_CONTROLS,
    ),
    sources=(src(D002, "GAN Implementation 1"),),
    references=(f"{MNIST} (MNIST: 60 000 + 10 000 images, 28 × 28)",),
)

C002_KERAS_B = claim(
    "C002-KERAS.b",
    "'/255 is min-max normalisation'",
    "Dividing the uint8 pixels by 255, as 002 does, is min-max normalisation (002 labels it so).",
    property_check(
        "equals-min-max",
        "Hypothesis over uint8 arrays (half of them containing both 0 and 255): x/255 against (x − min)/(max − min).",
        for_all(_uint8_arrays(), _div255_is_minmax, inputs="uint8 arrays", show=lambda x: x.tolist()),
        ("x/255 is min-max normalisation of any uint8 data", lambda x: True),
        [
            ("only max = 255", "equal whenever the maximum is 255", lambda x: int(x.max()) == 255),
            ("only min = 0", "equal whenever the minimum is 0", lambda x: int(x.min()) == 0),
        ],
        corrected=(
            Change.ASSUMPTION,
            "x/255 equals min-max normalisation exactly when the data's minimum is 0 and its maximum 255 (global, not per pixel: per-pixel min-max differs on MNIST, whose border pixels are always 0)",
            lambda x: int(x.min()) == 0 and int(x.max()) == 255,
        ),
    ),
    code_audit(
        "document-data-range",
        "Read the integers of the image the notebook prints (X_train[0]) and the divisor of its normalisation cell: uint8 data that reaches 0 and 255 has global min 0 and max 255, so /255 is min-max on it.",
        _printed_range,
        ("the data spans [0, 255]", (0, 255)),
        [("max 254", "the data spans [0, 254]", (0, 254)), ("min 1", "the data spans [1, 255]", (1, 255))],
    ),
    assumptions=(
        "min-max normalisation over the whole data set (x − min)/(max − min); scikit-learn's MinMaxScaler is per feature",
    ),
    notes="Qualified: x/255 is min-max normalisation under an added assumption on the data, a global minimum 0 and maximum 255, which 002's printed image satisfies (document-data-range); the formula and the conclusion stay as 002 writes them.",
    sources=(src(D002, "GAN Implementation 1"),),
    references=("scikit-learn documentation, sklearn.preprocessing.MinMaxScaler (per-feature (x − min)/(max − min))",),
)

_C002_AS_WRITTEN = KerasEdits("as written")
_C002_TANH = KerasEdits(
    "with a tanh output", generator=Patch("tanh", (replace_constant("sigmoid", "tanh", inside="Dense"),))
)
_C002_BY_127 = KerasEdits("with pixels /127.5", normalisation=Patch("/127.5", (replace_constant(255.0, 127.5),)))
_C002_EDITS = (_C002_AS_WRITTEN, _C002_TANH, _C002_BY_127)
_C002_STATED = ("sigmoid output, pixels /255", _C002_AS_WRITTEN)
_C002_CONTROLS = [
    ("tanh output", "the generator's last layer tanh", _C002_TANH),
    ("/127.5", "pixels divided by 127.5", _C002_BY_127),
]

C002_KERAS_C = claim(
    "C002-KERAS.c",
    "002's sigmoid output matches its /255 data",
    "002's generator ends in a sigmoid, giving outputs in [0, 1], the range of the pixels after /255.",
    code_audit(
        "output-range",
        "Read the activation of the generator's last Dense layer and the normalisation divisor from the cells; compare the closure of the activation's range (its limits at ∓∞) with [0/d, 255/d].",
        _sigmoid_matches,
        _C002_STATED,
        _C002_CONTROLS,
    ),
    code_audit(
        "executed-range",
        "Execute the cells; feed the built generator 64 standard-normal latent vectors and the same scaled by 1000 (which saturates its last layer), and the discriminator the generated images. The generator's outputs must lie in the normalised data's range and reach both of its ends (within 1e-3); the discriminator must take the generator's 784 outputs and return one probability per image.",
        _executed_range,
        _C002_STATED,
        _C002_CONTROLS,
    ),
    assumptions=(
        "executed: 002's cells from the reshape to the discriminator, under Keras 3 (torch backend) in a child process, on uint8 arrays of MNIST's shapes made from scikit-learn's digits (spanning 0 … 255); nothing is downloaded",
    ),
    sources=(src(D002, "GAN Implementation 1"),),
    references=(DCGAN.at("§3 (output nonlinearity matched to the data range)"),),
)

C002_KERAS_D = claim(
    "C002-KERAS.d",
    "002's remarks on LeakyReLU, dropout and latent size",
    "LeakyReLU keeps the gradient of negative inputs from vanishing, so the network keeps learning; dropout (0.3) in D reduces overfitting; the latent space usually has 100 to 200 dimensions.",
    numeric_check(
        "negative-side-gradient",
        "torch autograd derivative of LeakyReLU(slope 0.2, as in 002) at negative inputs: non-zero, unlike ReLU.",
        _negative_side_gradient,
        ("LeakyReLU with slope 0.2", 0.2),
        [("ReLU", "slope 0 (ReLU)", 0.0)],
        decides=False,
    ),
    notes="Whether dropout helps and which latent size suits MNIST are empirical questions; no computation here decides them.",
    sources=(src(D002, "GAN Implementation 1"),),
    references=(f"{LEAKY_RELU} (leaky ReLU)", str(DROPOUT), f"{DCGAN} (z of dimension 100)", f"{GF14} (dropout in D)"),
)

# -- ALGO-PSEUDO: 001 §3.1 executed literally with a tiny torch D and G -------


def _pseudo_patches() -> list[Patch]:
    """Every patch of the pseudo-code that ALGO-PSEUDO's checks run (one child process runs them all)."""
    found: dict[str, Patch] = {}
    for c in ALGO_PSEUDO.checks:
        for v in [c.stated, *c.controls] + ([c.corrected] if c.corrected else []):
            found.setdefault(v.subject.description, v.subject)
    return list(found.values())


def _pseudo_run(patch: Patch, ctx: Context, doc: Document) -> tuple[Mapping[str, Any], Mapping[str, str]]:
    """The child's results for ``patch``: the pseudo-code run with our tiny float64 torch D and G."""
    seed, cell = (
        programs.run_seed(ctx, "pseudo-code"),
        audit.find_cell(doc, _calls_attr("backward"), "calls backward()"),
    )
    execution = programs.pseudo_code_execution(doc, cell, tuple(_pseudo_patches()), seed, ctx.profile.random_cases)
    result = execution.result(patch.description)
    if result.error is not None:
        err = result.error
        raise RuntimeError(
            f"{patch.description}: the pseudo-code raised {err['type']} (line {err['line']}): {err['message']}"
        )
    return result.values, execution.versions


@needs_documents(D001)
def _literal_execution(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    run, versions = _pseudo_run(patch, ctx, doc)
    worst_rel, worst = 0.0, None
    rows = []
    accumulated: dict[str, np.ndarray] = {}
    explained = True
    for rec in run["records"]:
        seen, fresh = np.asarray(rec["seen"]), np.asarray(rec["fresh"][rec["optimizer"]])
        cmp = compare(seen, fresh, AUTOGRAD)
        rel = float(np.linalg.norm(seen - fresh) / max(np.linalg.norm(fresh), 1e-300))
        # literal PyTorch semantics without zero_grad: every backward adds into every parameter it reaches
        for opt in ("optimizer_D", "optimizer_G"):
            accumulated[opt] = accumulated.get(opt, 0.0) + np.asarray(rec["fresh"][opt])
        explained &= compare(seen, accumulated[rec["optimizer"]], AUTOGRAD).ok
        rows.append(
            {
                "step": rec["index"],
                "optimizer": rec["optimizer"],
                "loss": rec["loss"],
                "matches_fresh": cmp.ok,
                "relative_excess": rel,
            }
        )
        if not cmp.ok and rel > worst_rel:
            worst_rel, worst = rel, rows[-1]
    ok = all(r["matches_fresh"] for r in rows)
    first_g = next(r for r in rows if r["optimizer"] == "optimizer_G")
    through_g = any(
        np.linalg.norm(np.asarray(r["fresh"]["optimizer_G"])) > 0
        for r in run["records"]
        if r["optimizer"] == "optimizer_D"
    )
    return Outcome.decide(
        ok,
        f"{patch.description}, run in a child process under torch {versions.get('torch')}: {sum(r['matches_fresh'] for r in rows)}/{len(rows)} optimiser steps see exactly the gradient of the loss just computed"
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
        steps=rows,
        explained_by_accumulation=explained,
        d_loss_reaches_generator=through_g,
        first_generator_step_matches=first_g["matches_fresh"],
        k=run["k"],
        batches=run["batches"],
        versions=dict(versions),
    )


@needs_documents(D001)
def _fresh_real_batches(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    run, versions = _pseudo_run(patch, ctx, doc)
    steps = run["d_step_inputs"]
    reused = set()
    for a, b in itertools.pairwise(steps):
        for name in run["d_inputs"]:
            va, vb = a.get(name), b.get(name)
            if va is not None and vb is not None and np.shape(va) == np.shape(vb) and np.array_equal(va, vb):
                reused.add(name)
    return Outcome.decide(
        not reused,
        f"{patch.description}: over {len(steps)} discriminator steps (k = {run['k']}), the inputs of {run['d_loss']} "
        + (f"repeated between consecutive steps: {sorted(reused)}" if reused else "are all drawn afresh at every step"),
        counterexample={"reused": sorted(reused)},
        d_steps=len(steps),
        loss_inputs=run["d_inputs"],
        reused=sorted(reused),
        versions=dict(versions),
    )


@needs_documents(D001)
def _loss_algebra(patch: Patch, ctx: Context, doc: Document) -> Outcome:
    run, _ = _pseudo_run(patch, ctx, doc)
    cases = programs.loss_algebra_cases(programs.run_seed(ctx, "pseudo-code"), ctx.profile.random_cases)
    actual = [v for pair in zip(run["d_values"], run["g_values"], strict=True) for v in pair]
    expected = []
    for a, b in cases:
        a, b = np.asarray(a), np.asarray(b)
        expected += [-float(np.mean(np.log(a)) + np.mean(np.log(1 - b))), float(np.mean(np.log(1 - b)))]
    cmp = compare(np.array(actual), np.array(expected), IDENTITY)
    return Outcome.decide(
        cmp.ok,
        f"{patch.description}: {run['d_loss']} against −V̂ and {run['g_loss']} against V̂'s fake term on {len(cases)} batches of D outputs (evaluated in the child process): {cmp.describe()} ({IDENTITY})",
        counterexample={"actual": cmp.worst_actual, "expected": cmp.worst_expected},
        max_abs_error=cmp.max_abs_error,
    )


def _draws_noise(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Call)
        and ast.unparse(stmt.value.func) == "sample_noise"
    )


_ZERO_GRAD_D = insert_before(calls("d_loss.backward"), "optimizer_D.zero_grad()", "backpropagates d_loss")
_DETACH_IN_D_LOSS = replace_expression(assigns("d_loss"), "G(z)", "G(z).detach()", "assigns d_loss")
_FRESH_REAL = replace_value(assigns("x_real"), "sample_real(m)", "assigns x_real")

ALGO_PSEUDO = claim(
    "ALGO-PSEUDO",
    "001's training pseudo-code",
    "001 §3.1: for each batch, k times: draw noise, take the batch as x_real, descend d_loss = −mean(log D(x_real) + log(1 − D(G(z)))) (i.e. ascend V); then draw noise and descend g_loss = mean(log(1 − D(G(z)))) (or the non-saturating −mean log D(G(z))). Written with backward() and step(), it reads as PyTorch.",
    code_audit(
        "loss-algebra",
        "Evaluate the pseudo-code's own d_loss and g_loss expressions with D and G the identity, so that the inputs are D's outputs a = D(x), b = D(G(z)): d_loss must equal −V̂ = −[mean log a + mean log(1 − b)] and g_loss V̂'s fake term, so descending them ascends V in D and descends it in G.",
        _loss_algebra,
        ("the pseudo-code's losses", AS_WRITTEN),
        [
            (
                "d_loss sign flipped",
                "d_loss without its minus sign",
                Patch("with d_loss negated", (negate_value(assigns("d_loss"), "assigns d_loss"),)),
            ),
            (
                "g_loss = mean log D(G(z))",
                "a generator loss whose descent lowers D(G(z))",
                Patch(
                    "with g_loss = mean(log(D(G(z))))",
                    (replace_value(assigns("g_loss"), "mean(log(D(G(z))))", "assigns g_loss"),),
                ),
            ),
        ],
    ),
    code_audit(
        "literal-execution",
        "Execute the pseudo-code (1 epoch, 2 batches of 8, k = 2) with our D, G and recording optimisers; at each step() compare the gradient it would apply with the gradient of that step's loss recomputed by autograd at the same parameters and inputs; also test whether the seen gradients are running sums of all earlier backward passes.",
        _literal_execution,
        ("the pseudo-code as written", AS_WRITTEN),
        [
            (
                "detach only",
                "G(z) detached in the D loss, but no zero_grad()",
                Patch("with G(z) detached only", (_DETACH_IN_D_LOSS,)),
            ),
            (
                "zero_grad for D only",
                "optimizer_D.zero_grad() and detach, but G's gradients never zeroed",
                Patch("with only D's gradients zeroed", (_ZERO_GRAD_D, _DETACH_IN_D_LOSS)),
            ),
        ],
        corrected=(
            Change.FORMULA,
            "The losses and the alternation are right, but as PyTorch the loop needs optimizer.zero_grad() before each backward() — otherwise gradients accumulate across steps and G's step also carries ∇_G d_loss through the undetached G(z) — and G(z).detach() in the D loss (which also saves the backward pass through G).",
            Patch(
                "with zero_grad() before each backward() and G(z) detached in the D loss",
                (
                    _ZERO_GRAD_D,
                    insert_before(calls("g_loss.backward"), "optimizer_G.zero_grad()", "backpropagates g_loss"),
                    _DETACH_IN_D_LOSS,
                ),
            ),
        ),
    ),
    code_audit(
        "fresh-real-batches",
        "In the same literal execution, compare the inputs of the D loss between consecutive D steps: Algorithm 1 of Goodfellow et al. draws a fresh minibatch of data and of noise at each of the k steps.",
        _fresh_real_batches,
        ("each D step sees fresh data and noise", AS_WRITTEN),
        [
            (
                "noise drawn once",
                "fresh real batches, but the noise of the k steps drawn once before the loop",
                Patch(
                    "with fresh data but the D-step noise drawn once per batch",
                    (_FRESH_REAL, hoist("range(k)", _draws_noise, "draws noise")),
                ),
            ),
        ],
        corrected=(
            Change.FORMULA,
            "The pseudo-code sets x_real = batch inside the k-loop, so the k discriminator steps reuse one real batch (with fresh noise); drawing a real minibatch at each step, as Algorithm 1 does, restores it.",
            Patch("with a real minibatch drawn at each D step", (_FRESH_REAL,)),
        ),
        decides=False,
    ),
    assumptions=(
        "the pseudo-code is run literally as Python with PyTorch semantics: backward() adds into .grad, step() applies .grad",
        "our D and G: one tanh hidden layer of 6 units, float64; optimisers replaced by recorders (lr = 0)",
    ),
    notes="With k = 1 and one batch, the literal loop's G gradient is exactly ∇_G g_loss + ∇_G d_loss (measured as 'explained_by_accumulation'). D's gradients also pick up ∇_D g_loss from the generator step. 004 §Phase 1 says G is frozen during the D phase; in PyTorch that is what detach() (or requires_grad_(False)) does. Refuted: the losses and the alternation are right, but the loop runs correctly as PyTorch only after two lines are added (zero_grad() and detach()), a changed piece of code rather than a condition on it. Decision history: this was qualified while corrections carried a free label.",
    sources=(src(D001, "3.1 Standard Training Procedure"),),
    references=(
        GF14.at("Algorithm 1 (k steps of D on fresh minibatches of noise and data, then one step of G)"),
        "PyTorch documentation, torch.Tensor.backward (gradients accumulate in .grad) and torch.optim.Optimizer.zero_grad",
        "PyTorch examples, dcgan/main.py (zero_grad before each backward, fake.detach() in the D step)",
    ),
)

#: Every claim above, in the order defined.
CLAIMS = tuple(v for v in list(globals().values()) if isinstance(v, Claim))

__all__ = ["CLAIMS", "FINITE_DIFFERENCE", "PHASES_KERAS_CHECK"]
