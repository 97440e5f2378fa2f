"""Fine print that the claim catalog did not list: densities, the order of updates, a cited title.

* D-STAR.density: 000 and 001 write D* as a ratio of densities, while the
  generators of the documents' code map a 100-dimensional latent into 784
  pixels, so their p_g has no density on ℝ⁷⁸⁴; D* is a Radon–Nikodym
  derivative, which needs none.
* TRAIN-ALT.simultaneous: 001 and 004 say the two networks are trained
  "simultaneously", while the procedures they give alternate (D first).
* DISC-MODELS.real: 004 says the discriminator learns what real data looks
  like; its optimum encodes p_data only relative to p_g, and nothing of it
  at p_g = p_data.
* C000-DATA.epochs: 000's training loop counts "epochs" that are single
  iterations on freshly drawn minibatches; there is no dataset to pass over.
* REFS.title: 001's first reference gives the 2014 paper's title wrongly.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gantheory import dirac, support
from gantheory.densities import GaussianMixture, gaussian
from gantheory.discriminator import density_ratio, empirical_value, optimal_discriminator
from gantheory.divergences import js_divergence
from verify.audit import Document, assigned_value, calls_per_pass, find_cell, needs_documents
from verify.builders import claim, code_audit, numeric_check
from verify.cases import BIMODAL
from verify.context import Context
from verify.model import Change, Claim, Outcome
from verify.references import AB17, FGAN, GF14, GF16, IMPROVED, LUCIC, MGN18, Work
from verify.sources import D000, D001, D002, D004, src
from verify.tolerance import EXACT, IDENTITY, compare

# -- D-STAR.density -----------------------------------------------------------

#: Latent points at which each generator's Jacobian rank is computed; with full-rank weight matrices and
#: nonzero activation slopes the rank is the same at every z, so a few points only guard against a degenerate draw.
RANK_POINTS = 4


def _density_exists(widths: tuple[int, ...], ctx: Context) -> Outcome:
    generator = support.leaky_mlp(widths, ctx.rng("weights"))
    rank = support.jacobian_rank(generator, ctx.rng("latents").standard_normal((RANK_POINTS, widths[0])))
    d = widths[-1]
    return Outcome.decide(
        rank == d,
        f"widths {widths}: max rank of J_G(z) over {RANK_POINTS} latent draws = {rank}, data dimension {d}",
        counterexample={"widths": list(widths), "rank": rank, "data_dimension": d},
        rank=rank,
        data_dimension=d,
    )


#: Document 002's generator (In [8]): latent_dim = 100, Dense 256 and 1024 with LeakyReLU(0.2), Dense 784 sigmoid.
DOC002_WIDTHS = (100, 256, 1024, 784)

#: Real and generated samples drawn for the singular pair; every value of V̂ below is exact whatever the number.
SINGULAR_SAMPLES = 2_000


@dataclass(frozen=True)
class Rule:
    """A discriminator x ∈ ℝ² → [0, 1] for P = N(0, I₂) against Q = law of (z, 0), z ∼ N(0, 1)."""

    label: str
    d: Callable[[np.ndarray], np.ndarray]


def _on_line(x: np.ndarray) -> np.ndarray:
    return x[:, 1] == 0.0


def _lebesgue_ratio(x: np.ndarray) -> np.ndarray:
    # Q has no Lebesgue density: its density in the pointwise formula is 0 almost everywhere.
    p = np.exp(-0.5 * (x**2).sum(axis=1)) / (2 * np.pi)
    return optimal_discriminator(p, np.zeros_like(p))


RADON_NIKODYM = Rule("dP/d(P + Q): 1 off the line, 0 on it", lambda x: np.where(_on_line(x), 0.0, 1.0))


def _attains_criterion(rule: Rule, ctx: Context) -> Outcome:
    rng = ctx.rng("samples")
    real = rng.standard_normal((SINGULAR_SAMPLES, 2))
    fake = np.column_stack([rng.standard_normal(SINGULAR_SAMPLES), np.zeros(SINGULAR_SAMPLES)])
    value = empirical_value(rule.d(real), rule.d(fake))
    # JS of a mutually singular pair equals that of two point masses on distinct atoms: it depends only on
    # the law of the likelihood ratio, here 0 or ∞
    criterion = -np.log(4.0) + 2 * js_divergence([1.0, 0.0], [0.0, 1.0])
    cmp = compare(value, criterion, IDENTITY)
    return Outcome.decide(
        cmp.ok,
        f"{rule.label}: V̂ = {value:.6g} on {SINGULAR_SAMPLES} + {SINGULAR_SAMPLES} samples against "
        f"C(G) = −log 4 + 2·JS = {criterion:.6g} ({IDENTITY})",
        counterexample={"value": value, "criterion": criterion},
        value=value,
        criterion=criterion,
    )


D_STAR_DENSITY = claim(
    "D-STAR.density",
    "D* as a ratio of densities, when p_g has no density",
    "For a fixed generator the optimal discriminator is D*(x) = p_data(x)/(p_data(x) + p_g(x)), with p_g the distribution induced by G; the documents' generators map a latent z of dimension 100 to data of dimension 784.",
    numeric_check(
        "support-dimension",
        f"Rank of the generator's Jacobian J_G(z) (product of the weight matrices and the activations' slopes) at {RANK_POINTS} latent draws, random Glorot-uniform weights: p_g can have a density on ℝᵈ only if the rank is d; with full-rank weights and nonzero slopes the rank is the same at every z, and rank d everywhere gives a density.",
        _density_exists,
        ("002's generator: 100 → 256 → 1024 → 784", DOC002_WIDTHS),
        [
            ("a 100-unit bottleneck", "784 → 1024 → 100 → 1024 → 784", (784, 1024, 100, 1024, 784)),
            ("one latent dimension short", "783 → 1024 → 1024 → 784", (783, 1024, 1024, 784)),
        ],
        corrected=(
            Change.ASSUMPTION,
            "p_g has a density: a generator with latent dimension and every layer at least 784, e.g. 784 → 1024 → 1024 → 784",
            (784, 1024, 1024, 784),
        ),
    ),
    numeric_check(
        "radon-nikodym",
        f"P = N(0, I₂) against the singular Q = law of (z, 0): the sample value V̂(D) = mean log D(x) + mean log(1 − D(G(z))) on {SINGULAR_SAMPLES} draws of each, against C(G) = −log 4 + 2·JS(P, Q) = 0, which the optimal discriminator attains.",
        _attains_criterion,
        (
            "the pointwise ratio p_data/(p_data + p_g) with Lebesgue densities (q = 0 a.e., so D ≡ 1)",
            Rule("the Lebesgue ratio", _lebesgue_ratio),
        ),
        [
            ("p and q swapped", "D = dQ/d(P + Q)", Rule("dQ/d(P + Q)", lambda x: np.where(_on_line(x), 1.0, 0.0))),
            ("D ≡ ½", "the equilibrium value D ≡ ½", Rule("D ≡ ½", lambda x: np.full(x.shape[0], 0.5))),
        ],
        corrected=(
            Change.ASSUMPTION,
            "D* = dP_data/d(P_data + P_g), a density with respect to P_data + P_g, which exists for every pair",
            RADON_NIKODYM,
        ),
    ),
    sources=(
        src(D000, "Optimal Discriminator"),
        src(D001, "2.1 Optimal Discriminator"),
        src(D002, "GAN Implementation 1"),
    ),
    assumptions=(
        "p_data(x) and p_g(x) read as Lebesgue densities on the data space, as the pointwise maximisation of 001 §2.1 reads them",
        "document 002's generator as written (latent_dim = 100; Dense 256 and 1024 with LeakyReLU(0.2); Dense 784 with a sigmoid), with Keras' default Glorot-uniform weights and zero biases",
    ),
    references=(GF14.at("Prop. 1 and its proof"), AB17.at("Lemma 1 (the support of p_g when dim Z < dim X)")),
    notes="Qualified: the statement needs p_g to have a density. A generator of latent dimension k with every layer at least d wide can give p_g a density on ℝᵈ; one with k < d, or any layer narrower than d, cannot (its image is a countable union of manifolds of dimension ≤ k, Lebesgue-null), and 002's first hidden layer has 256 < 784 units, so no latent size would help there. Without densities, D* = dP_data/d(P_data + P_g) (a Radon–Nikodym derivative, which always exists) still attains C(G) = −log 4 + 2·JS, with JS = log 2 and C(G) = 0 when the supports are disjoint; the pointwise ratio then has no meaning.",
)

# -- TRAIN-ALT.simultaneous ----------------------------------------------------

#: The Dirac-GAN of 004's procedure: phase 2 labels fakes as real, the non-saturating generator cost.
_NSGAN = dirac.NonSaturatingGAN()
#: Step size of both players; the schemes differ at first order in it, so any positive step separates them.
_STEP = 0.2
#: Random (θ, ψ) points at which one iteration of each scheme is compared.
SCHEME_POINTS = 64


@dataclass(frozen=True)
class Scheme:
    """One iteration of gradient descent on the Dirac-GAN, as :func:`gantheory.dirac.simulate` runs it."""

    scheme: str
    first: str = "generator"

    @property
    def label(self) -> str:
        return self.scheme if self.scheme == "simultaneous" else f"{self.scheme}, {self.first} first"


def _two_phase_iteration(theta: float, psi: float) -> tuple[float, float]:
    """004 § GAN Training Procedure, read literally: phase 1 moves D with G frozen, phase 2 moves G through the new D."""
    _, v_psi = _NSGAN.vector(theta, psi)
    psi = psi + _STEP * float(v_psi)
    v_theta, _ = _NSGAN.vector(theta, psi)
    return theta + _STEP * float(v_theta), psi


def _matches_procedure(scheme: Scheme, ctx: Context) -> Outcome:
    points = ctx.rng("points").uniform(-2.0, 2.0, size=(SCHEME_POINTS, 2))
    ours, procedure = [], []
    for theta, psi in points:
        tr = dirac.simulate(_NSGAN, scheme.scheme, start=(theta, psi), step=_STEP, steps=1, first=scheme.first)  # type: ignore[arg-type]
        ours.append((tr.theta[1], tr.psi[1]))
        procedure.append(_two_phase_iteration(theta, psi))
    cmp = compare(np.array(ours), np.array(procedure), EXACT)
    return Outcome.decide(
        cmp.ok,
        f"{scheme.label} against the two-phase iteration at {SCHEME_POINTS} points: {cmp.describe()}",
        counterexample={
            "point": points[cmp.worst_index // 2].tolist(),
            "scheme": cmp.worst_actual,
            "procedure": cmp.worst_expected,
        },
        max_abs_error=cmp.max_abs_error,
    )


TRAIN_ALT_SIMULTANEOUS = claim(
    "TRAIN-ALT.simultaneous",
    "The two networks are trained simultaneously",
    "A GAN consists of two neural networks, the generator and the discriminator, trained simultaneously.",
    numeric_check(
        "update-order",
        f"One iteration of gantheory.dirac.simulate with each scheme against 004's two phases written out from the gradient field, at {SCHEME_POINTS} points (θ, ψ) uniform in [−2, 2]²: both compute the same float64 operations when they describe the same update.",
        _matches_procedure,
        ("simultaneous gradient steps", Scheme("simultaneous")),
        [("generator first", "alternating, the generator's step first", Scheme("alternating", "generator"))],
        corrected=(
            Change.ASSUMPTION,
            "'simultaneously' as in one training loop: the two networks are updated in alternation, the discriminator first",
            Scheme("alternating", "discriminator"),
        ),
    ),
    sources=(src(D001, "Introduction"), src(D004, "What is a GAN?")),
    assumptions=(
        "'trained simultaneously' read as simultaneous gradient steps: both players move from the same current parameters",
        "tested on the Dirac-GAN (p_data = δ₀, p_θ = δ_θ, D_ψ(x) = σ(ψx)) with the non-saturating generator cost of 004's phase 2 and step 0.2",
    ),
    references=(
        GF14.at("Algorithm 1 (k discriminator steps, then one generator step)"),
        MGN18.at("§2.2 (simultaneous and alternating gradient descent)"),
    ),
    notes="Qualified: the procedures the documents give alternate, discriminator first (001 § 3.1 Standard Training Procedure; 004 § GAN Training Procedure and § One Training Iteration), as Goodfellow et al.'s Algorithm 1 does; 'simultaneously' holds only in the sense of one loop. The difference is not a detail: on the Dirac-GAN simultaneous gradient descent spirals away from the equilibrium, while alternating descent circles it (DIRAC-SPECTRA, DIRAC-SIM).",
)

# -- DISC-MODELS.real ---------------------------------------------------------

#: The grid on which densities and D* are compared: it holds 000's two modes (±2, σ = 0.5) to 6σ, and p_g = N(0, 1.5²)
#: stays above 1e-3 on it, so 1 − D* keeps at least 12 digits and the recovered p_data is exact to ~1e-13.
GRID = np.linspace(-5.0, 5.0, 1001)
_WIDE = gaussian(0.0, 1.5)
#: (name, p_data, p_g): two data laws at p_g = p_data, and the same two against a generator that has not converged.
RATIO_CASES: tuple[tuple[str, GaussianMixture, GaussianMixture], ...] = (
    ("N(0, 1), p_g = p_data", gaussian(0.0, 1.0), gaussian(0.0, 1.0)),
    ("000's bimodal data, p_g = p_data", BIMODAL, BIMODAL),
    ("N(0, 1) against p_g = N(0, 1.5²)", gaussian(0.0, 1.0), _WIDE),
    ("000's bimodal data against p_g = N(0, 1.5²)", BIMODAL, _WIDE),
)


@dataclass(frozen=True)
class Reading:
    """What p_data is read off the optimal discriminator: ``recover(D*, p_g)`` on :data:`GRID`, up to normalisation."""

    label: str
    recover: Callable[[np.ndarray, np.ndarray], np.ndarray]
    uses_generator: bool


def _normalised_on_grid(values: np.ndarray) -> np.ndarray:
    return values / np.trapezoid(values, GRID)


def _same_d_star_for_different_data(cases: list[tuple[str, np.ndarray, np.ndarray]]) -> dict[str, object] | None:
    """Two cases whose data laws differ while their optimal discriminators agree exactly, if any."""
    for (n1, p1, q1), (n2, p2, q2) in itertools.combinations(cases, 2):
        same_d = compare(optimal_discriminator(p1, q1), optimal_discriminator(p2, q2), EXACT).ok
        if same_d and not compare(p1, p2, IDENTITY).ok:
            return {"cases": [n1, n2], "max |Δp_data|": float(np.abs(p1 - p2).max()), "max |ΔD*|": 0.0}
    return None


def _recovers_data(reading: Reading, ctx: Context) -> Outcome:
    cases = [(name, p.pdf(GRID), q.pdf(GRID)) for name, p, q in RATIO_CASES]
    witness = None if reading.uses_generator else _same_d_star_for_different_data(cases)
    errors = {
        name: compare(
            _normalised_on_grid(reading.recover(optimal_discriminator(p, q), q)), _normalised_on_grid(p), IDENTITY
        )
        for name, p, q in cases
    }
    bad = {k: c.max_abs_error for k, c in errors.items() if not c.ok}
    why = f"; D* alone cannot tell the data laws apart: {witness}" if witness else ""
    return Outcome.decide(
        not bad and witness is None,
        f"{reading.label}: p_data recovered on {len(cases)} cases up to normalisation ({IDENTITY})"
        + (f"; fails on {bad}" if bad else ": all agree")
        + why,
        counterexample={"failed": bad, "indistinguishable": witness},
        max_abs_error={k: c.max_abs_error for k, c in errors.items()},
    )


DISC_MODELS_REAL = claim(
    "DISC-MODELS.real",
    "The discriminator learns what real data looks like",
    "Conceptually, the discriminator learns what real data looks like, by identifying subtle statistical patterns.",
    numeric_check(
        "what-d-star-determines",
        "Recover p_data on the grid from D* (and, for readings that use it, p_g) and compare with p_data after normalising both; a reading of D* alone fails as soon as two different data laws give the same D*.",
        _recovers_data,
        ("D* alone, normalised, is the data density", Reading("D* alone", lambda d, q: d, uses_generator=False)),
        [
            (
                "ratio inverted",
                "p_data = p_g·(1 − D*)/D*",
                Reading("p_g·(1 − D*)/D*", lambda d, q: q / density_ratio(d), uses_generator=True),
            ),
            ("D* as a weight", "p_data ∝ p_g·D*", Reading("p_g·D*", lambda d, q: q * d, uses_generator=True)),
        ],
        corrected=(
            Change.SCOPE,
            "relative to the current generator: D* encodes the ratio p_data/p_g = D*/(1 − D*), so p_data = p_g·D*/(1 − D*), and at p_g = p_data nothing",
            Reading("p_g·D*/(1 − D*)", lambda d, q: q * density_ratio(d), uses_generator=True),
        ),
    ),
    sources=(src(D004, "Discriminator Network"),),
    assumptions=(
        "what the discriminator learns is read off its optimum D* = p_data/(p_data + p_g) for the current generator (GF14 Prop. 1; D-STAR)",
        "p_data and p_g one-dimensional Gaussian mixtures compared on a grid of [−5, 5]: 000's bimodal data and N(0, 1), at p_g = p_data and at p_g = N(0, 1.5²)",
    ),
    references=(GF14.at("Prop. 1"),),
    notes="Qualified: D* is a function of p_data and p_g together; it determines p_data only relative to the current generator, through the ratio D*/(1 − D*) = p_data/p_g, and at the equilibrium p_g = p_data it is ½ for every data law, so it holds nothing of what the data look like. This is also why D ≈ ½ cannot by itself show that the generator succeeded (EQ-D-HALF.c).",
)


# -- C000-DATA.epochs ---------------------------------------------------------


@dataclass(frozen=True)
class EpochReading:
    """What one pass of 000's ``for epoch in range(n_epochs)`` loop is: over a stored dataset, or one iteration."""

    label: str
    fixed_dataset: bool
    d_updates: int | None = None
    g_updates: int | None = None


@dataclass(frozen=True)
class EpochBody:
    """What one pass of the loop body does, counted on its syntax tree."""

    d_updates: int
    g_updates: int
    fresh_real_draws: int
    real_samples: int


def _is_epoch_loop(node: ast.AST) -> bool:
    return isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == "epoch"


def _epoch_body(tree: ast.Module) -> EpochBody:
    loop = next(n for n in ast.walk(tree) if isinstance(n, ast.For) and _is_epoch_loop(n))
    constants = {}
    for name in ("batch_size", "d_steps"):
        value = assigned_value(tree, name)
        if isinstance(value, ast.Constant) and isinstance(value.value, int):
            constants[name] = value.value
    counts = calls_per_pass(loop, constants)
    draws = counts.get("generate_real_data", 0)
    return EpochBody(
        counts.get("train_discriminator", 0), counts.get("train_generator", 0), draws, draws * constants["batch_size"]
    )


@needs_documents(D000)
def _epoch_is(reading: EpochReading, ctx: Context, doc: Document) -> Outcome:
    cell = find_cell(doc, lambda t: any(_is_epoch_loop(n) for n in ast.walk(t)), "holds the training loop over epochs")
    body = _epoch_body(cell.tree())
    checks = {
        "fixed dataset": reading.fixed_dataset == (body.fresh_real_draws == 0),
        "D updates": reading.d_updates in (None, body.d_updates),
        "G updates": reading.g_updates in (None, body.g_updates),
    }
    wrong = [k for k, ok in checks.items() if not ok]
    return Outcome.decide(
        not wrong,
        f"{reading.label}: one pass of 000's epoch loop makes {body.d_updates} D and {body.g_updates} G updates and draws "
        f"{body.real_samples} fresh real samples ({body.fresh_real_draws} call of generate_real_data)"
        + (f"; the reading disagrees on {wrong}" if wrong else ""),
        counterexample={"disagrees_on": wrong},
        d_updates=body.d_updates,
        g_updates=body.g_updates,
        real_samples_per_epoch=body.real_samples,
    )


C000_EPOCHS = claim(
    "C000-DATA.epochs",
    "000 trains for 2,000 epochs",
    "Document 000's notebook trains its SimpleGAN for n_epochs = 2000 epochs, with batch_size = 128 and d_steps = 1, and prints and plots the losses by epoch.",
    code_audit(
        "loop-body",
        "Read 000's training cell's syntax tree: count, for one pass of `for epoch in range(n_epochs)`, the calls of train_discriminator and train_generator (inner `range` loops multiplied out with the cell's constants) and of generate_real_data, which draws fresh data.",
        _epoch_is,
        ("an epoch is a pass over the training data", EpochReading("a pass over a dataset", fixed_dataset=True)),
        [
            (
                "two generator updates",
                "one iteration with two G updates",
                EpochReading("1 D + 2 G updates", False, 1, 2),
            ),
            (
                "five D updates",
                "one iteration with five D updates (k = 5)",
                EpochReading("5 D + 1 G updates", False, 5, 1),
            ),
        ],
        corrected=(
            Change.ASSUMPTION,
            "'epoch' read as one training iteration: d_steps = 1 D update and one G update, each on a freshly drawn minibatch",
            EpochReading("one iteration", False, 1, 1),
        ),
    ),
    sources=(
        src(D000, "code cell 2: training configuration and loop"),
        src(D000, "code: plotting cell, Plot 1 (training losses)"),
    ),
    assumptions=("an epoch, as machine learning uses the word, is one pass over a stored training set",),
    notes="Qualified: the loop has no training set; each 'epoch' draws a fresh minibatch of 128 from generate_real_data and makes one discriminator and one generator update, so 2,000 epochs are 2,000 iterations (256,000 real draws, none reused). The x-axis 'Epoch' of the loss plot counts iterations. In the same notebook the dashed line labelled 'Decision boundary' in the D(x) plot is the level D = ½; the decision boundary is the set of x where the D(x) curve crosses it.",
)


# -- REFS.title ---------------------------------------------------------------

#: The works 001 § References cites with an arXiv identifier, under their titles on arXiv.
CITED: dict[str, Work] = {w.arxiv: w for w in (GF14, GF16, FGAN, IMPROVED, LUCIC) if w.arxiv}
_TITLE = re.compile(r'"([^"]+?)\.?"')
_ARXIV_ID = re.compile(r"arXiv:(\d{4}\.\d{4,5})")


def _normalised(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().rstrip(".").casefold()


@dataclass(frozen=True)
class TitleEdit:
    """001's reference titles, with ``titles`` replacing the printed title of the given arXiv identifiers."""

    label: str
    titles: tuple[tuple[str, str], ...] = ()


#: The correction of 001's first reference; the control exchanges two titles on top of it, so it fails for its own reason.
_CORRECTED_GF14 = (("1406.2661", "Generative Adversarial Nets"),)


@needs_documents(D001)
def _titles_match(edit: TitleEdit, ctx: Context, doc: Document) -> Outcome:
    printed: dict[str, str] = {}
    for line in doc.text.splitlines():
        ident, title = _ARXIV_ID.search(line), _TITLE.search(line)
        if re.match(r"^\d+\.\s", line) and ident and title:
            printed[ident.group(1)] = title.group(1)
    printed.update(dict(edit.titles))
    wrong = {
        k: {"printed": v, "arxiv": CITED[k].title}
        for k, v in printed.items()
        if k not in CITED or _normalised(v) != _normalised(CITED[k].title)
    }
    return Outcome.decide(
        bool(printed) and not wrong,
        f"{edit.label}: {len(printed)} titles of 001's numbered references against arXiv's, up to case and a final period"
        + (f"; differ: {wrong}" if wrong else ": all agree"),
        counterexample={"differ": wrong},
        titles=printed,
    )


REFS_TITLE = claim(
    "REFS.title",
    "001 cites the 2014 paper as 'Generative Adversarial Networks'",
    '001\'s first reference: Goodfellow, I., et al. (2014). "Generative Adversarial Networks." NeurIPS. arXiv:1406.2661.',
    code_audit(
        "titles",
        "Parse 001's numbered references (quoted title, arXiv identifier) and compare each title with the work's title on arXiv.",
        _titles_match,
        ("the titles as printed", TitleEdit("as printed")),
        [
            (
                "two titles exchanged",
                "the f-GAN and Improved Techniques titles exchanged (the first title corrected)",
                TitleEdit("exchanged", (*_CORRECTED_GF14, ("1606.00709", IMPROVED.title), ("1606.03498", FGAN.title))),
            )
        ],
        corrected=(
            Change.CONCLUSION,
            'Goodfellow, I., et al. (2014). "Generative Adversarial Nets." NIPS. arXiv:1406.2661',
            TitleEdit("corrected", _CORRECTED_GF14),
        ),
    ),
    sources=(src(D001, "References"),),
    assumptions=("titles compared up to case, spacing and a final period",),
    references=tuple(str(w) for w in (GF14, GF16, FGAN, IMPROVED, LUCIC)),
    notes="Refuted: arXiv:1406.2661 is 'Generative Adversarial Nets' (NIPS 2014), as 000 § Further Reading and 003 § Further Reading print it; 'Generative Adversarial Networks' is the title of other works (the 2016 tutorial's subtitle among them). The other four titles agree.",
)


#: Every claim above, in the order defined.
CLAIMS = tuple(v for v in list(globals().values()) if isinstance(v, Claim))

__all__ = ["CITED", "CLAIMS", "DOC002_WIDTHS", "RANK_POINTS", "SCHEME_POINTS", "SINGULAR_SAMPLES"]
