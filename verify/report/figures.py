r"""Figures of the report (matplotlib, Agg, PNG).

Every figure is drawn from :mod:`gantheory` functions, with matplotlib's
default style (whatever ``matplotlibrc`` the reader has), a fixed size and
resolution, and no ``Software`` entry in the PNG metadata, so that two runs
on the same installation write byte-identical files.

The figures, in the order of :data:`FIGURES`:

* ``generator-costs.png``: the three per-sample generator costs of
  Goodfellow's tutorial (minimax :math:`\log(1 - D)`, non-saturating
  :math:`-\log D`, maximum likelihood :math:`-D/(1 - D)`) against
  :math:`D(G(z))`;
* ``generator-cost-gradients.png``: the magnitude of their derivatives with
  respect to the discriminator's logit, against :math:`D(G(z))` on a logit
  axis;
* ``f-divergence-generators.png``: the generators :math:`f(u)` of f-GAN's
  table (skipped while :mod:`gantheory.fdivergences` is not installed);
* ``optimal-discriminator.png``: :math:`D^*(x) = p(x)/(p(x) + q(x))` for
  document 000's bimodal data against a standard normal generator, and
  against a generator equal to the data (:math:`D^* \equiv \tfrac12`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from verify.plotting import DPI, FIGURE_SIZE, figure_style, new_figure, save_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "DPI",
    "FIGURES",
    "FigureSpec",
    "caption",
    "claims_supported",
    "display_order",
    "figure_style",
    "new_figure",
    "save_figure",
    "write_figures",
]

_LINESTYLES = ("-", "--", "-.", ":")


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its file name under ``figures/``, a caption, the function that draws it, the claims it shows.

    ``draw`` returns ``None`` when what it needs is not installed (the figure
    is then skipped, not written). ``claims`` are the IDs of the claims whose
    subject the figure draws (the report links the figure to those it holds).
    """

    name: str
    caption: str
    draw: Callable[[], Figure | None]
    claims: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """Path relative to the report folder."""
        return f"figures/{self.name}"


def _figure(
    nrows: int = 1, *, width: float = FIGURE_SIZE[0], height: float = FIGURE_SIZE[1], sharex: bool = False
) -> tuple[Figure, list]:
    fig = new_figure(width, height)
    axes = fig.subplots(nrows, 1, sharex=sharex, squeeze=False)[:, 0]
    return fig, list(axes)


_GRADIENT_LABELS = {
    "minimax": r"minimax: $D$",
    "non-saturating": r"non-saturating: $1 - D$",
    "maximum-likelihood": r"maximum likelihood: $D/(1 - D)$",
}

_COST_LABELS = {
    "minimax": r"minimax: $\log(1 - D)$",
    "non-saturating": r"non-saturating: $-\log D$",
    "maximum-likelihood": r"maximum likelihood: $-D/(1 - D)$",
}


def _generator_costs() -> Figure:
    from gantheory.losses import GENERATOR_COSTS

    d = np.linspace(5e-4, 1.0 - 5e-4, 2001)
    fig, (ax,) = _figure()
    for i, (name, cost) in enumerate(GENERATOR_COSTS.items()):
        ax.plot(d, cost.of_output(d), lw=2, ls=_LINESTYLES[i % 4], label=_COST_LABELS.get(name, name))
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-5.0, 5.0)
    ax.set_xlabel(r"$D(G(z))$: the discriminator's probability that a generated sample is real")
    ax.set_ylabel("generator cost per sample (G minimises)")
    ax.set_title("Three generator costs as functions of the discriminator's output")
    ax.annotate(
        "early in training D rejects\ngenerated samples: D(G(z)) ≈ 0",
        xy=(0.02, -3.6),
        fontsize=8,
        color="0.3",
    )
    ax.legend(loc="upper right")
    return fig


def _generator_cost_gradients() -> Figure:
    from scipy import special

    from gantheory.losses import GENERATOR_COSTS

    # Evenly spaced logits, so the logit-scaled axis is sampled evenly.
    ell = np.linspace(-9.0, 9.0, 1801)
    d = special.expit(ell)
    fig, (ax,) = _figure()
    for i, (name, cost) in enumerate(GENERATOR_COSTS.items()):
        ax.plot(d, np.abs(cost.d_logit(ell)), lw=2, ls=_LINESTYLES[i % 4], label=_GRADIENT_LABELS.get(name, name))
    ax.set_xscale("logit")
    ax.set_yscale("log")
    ax.set_xlim(float(d[0]), float(d[-1]))
    ax.set_ylim(1e-4, 1e4)
    ax.set_xlabel(r"$D(G(z))$ (logit scale)")
    ax.set_ylabel(r"$|\partial\,\mathrm{cost} / \partial \ell|$, $\ell = \sigma^{-1}(D(G(z)))$")
    ax.set_title("Gradient reaching the generator through the logit")
    ax.annotate(
        "where D rejects generated samples (left),\nthe minimax cost's gradient vanishes",
        xy=(2e-4, 4.0),
        fontsize=8,
        color="0.3",
    )
    ax.legend(loc="upper left")
    return fig


def _f_divergence_generators() -> Figure | None:
    try:
        from gantheory.fdivergences import table
    except ImportError:
        return None
    u = np.linspace(0.01, 4.0, 800)
    fig, (ax,) = _figure(width=8.0, height=4.4)
    for i, row in enumerate(table()):
        # f may be infinite or undefined at a grid point (e.g. log u near 0): those points are not drawn.
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            f = np.asarray(row.f_numeric(u), dtype=np.float64)
        f = np.where(np.isfinite(f), f, np.nan)
        ax.plot(u, f, lw=1.6, ls=_LINESTYLES[(i // 10) % 4], color=f"C{i % 10}", label=str(row.label or row.name))
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.axvline(1.0, color="0.4", lw=0.8, ls=":")
    ax.set_xlim(0.0, 4.0)
    ax.set_ylim(-3.0, 4.0)
    ax.set_xlabel(r"$u = p(x)/q(x)$")
    ax.set_ylabel(r"$f(u)$")
    ax.set_title(r"Generators $f$ of the f-divergences $D_f(P\,\|\,Q) = \mathbb{E}_Q\, f(p/q)$")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    return fig


def _optimal_discriminator() -> Figure:
    from gantheory.densities import GaussianMixture, gaussian
    from gantheory.quadrature import optimal_discriminator

    # Document 000's data: modes at ±2, standard deviation 0.5, equal weights.
    data = GaussianMixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
    generator = gaussian(0.0, 1.0)
    x = np.linspace(-4.5, 4.5, 1801)
    fig, (top, bottom) = _figure(2, height=5.6, sharex=True)
    top.plot(x, data.pdf(x), lw=2, color="C0", label=r"$p_{data}$: modes at $\pm 2$, $\sigma = 0.5$")
    top.plot(x, generator.pdf(x), lw=2, ls="--", color="C1", label=r"$p_g = \mathcal{N}(0, 1)$")
    top.set_ylim(0.0, 0.55)
    top.set_ylabel("density")
    top.set_title("The best discriminator for a fixed generator")
    top.legend(loc="upper center", fontsize=8, ncol=2)
    bottom.plot(x, optimal_discriminator(data, generator, x), lw=2, color="C1", label=r"$p_g = \mathcal{N}(0, 1)$")
    bottom.plot(
        x,
        optimal_discriminator(data, data, x),
        lw=2,
        ls="--",
        color="C2",
        label=r"$p_g = p_{data}$: $D^* \equiv \frac{1}{2}$",
    )
    bottom.set_ylim(-0.03, 1.25)
    bottom.set_xlim(float(x[0]), float(x[-1]))
    bottom.set_xlabel("$x$")
    bottom.set_ylabel(r"$D^*(x) = \dfrac{p_{data}(x)}{p_{data}(x) + p_g(x)}$")
    bottom.legend(loc="upper center", fontsize=8, ncol=2)
    return fig


def _dirac_trajectories() -> Figure:
    from gantheory import dirac

    runs = (
        ("GAN, simultaneous GD", dirac.make_field("gan"), "simultaneous"),
        ("GAN, alternating GD", dirac.make_field("gan"), "alternating"),
        ("GAN + R1 (γ = 0.3), alternating", dirac.make_field("r1", gamma=0.3), "alternating"),
        ("GAN + instance noise (σ = 0.7), alternating", dirac.make_field("instance-noise", sigma=0.7), "alternating"),
    )
    fig = new_figure(11.0, 4.2)
    left, right = fig.subplots(1, 2)
    for i, (label, field, scheme) in enumerate(runs):
        t = dirac.simulate(field, scheme)  # the authors' protocol: step 0.2, start (1, 1), 500 steps
        left.plot(t.theta, t.psi, lw=1.0, ls=_LINESTYLES[i % 4], label=label)
        right.semilogy(t.distance, lw=1.2, ls=_LINESTYLES[i % 4], label=label)
    left.plot([0], [0], "k*", ms=10, label="equilibrium (0, 0)")
    left.set_xlabel(r"generator parameter $\theta$")
    left.set_ylabel(r"discriminator parameter $\psi$")
    left.set_title("Dirac-GAN trajectories from (1, 1)")
    left.legend(fontsize=7, loc="lower left")
    right.set_xlabel("iteration")
    right.set_ylabel("distance to the equilibrium")
    right.set_title("Distance to equilibrium (step 0.2)")
    return fig


def _proposition_two_flow() -> Figure:
    from gantheory.flows import function_space_descent

    x = np.linspace(-4.0, 4.0, 41)
    p = 0.5 * np.exp(-((x + 2.0) ** 2) / 0.5) + 0.5 * np.exp(-((x - 2.0) ** 2) / 0.5)
    p /= p.sum()
    q = np.exp(-(x**2) / 2.0)
    q /= q.sum()
    optimal = function_space_descent(p, q, step=0.5, steps=60)
    frozen = function_space_descent(p, q, step=0.5, steps=60, discriminator=lambda pp, qq, d0=q: pp / (pp + d0))
    fig = new_figure(11.0, 4.0)
    left, right = fig.subplots(1, 2)
    left.semilogy(np.maximum(optimal.js, 1e-16), label="D = D* recomputed every step")
    left.semilogy(np.maximum(frozen.js, 1e-16), ls="--", label="D frozen at the first D*")
    left.set_xlabel("step")
    left.set_ylabel(r"$D_{JS}(p_{data} \| p_g)$ (nats)")
    left.set_title("Proposition 2 in function space")
    left.legend(fontsize=8)
    for t, ls in ((0, ":"), (3, "-."), (60, "-")):
        right.plot(x, optimal.q[t], ls=ls, label=f"p_g after {t} steps")
    right.plot(x, p, "k", lw=2.0, alpha=0.35, label="p_data")
    right.set_xlabel("x (41-point grid)")
    right.set_ylabel("probability")
    right.set_title("The generator's pmf moves onto the data")
    right.legend(fontsize=8)
    return fig


#: The report's figures, in display order.
FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        "generator-costs.png",
        "The minimax, non-saturating and maximum-likelihood generator costs per sample, against the "
        "discriminator's output D(G(z)) (Goodfellow 2016, §3.2.6).",
        _generator_costs,
        ("NS-MOTIVATION", "NS-EQUIV", "G-LOSS-NS", "ML-COST"),
    ),
    FigureSpec(
        "generator-cost-gradients.png",
        "Magnitude of each generator cost's derivative with respect to the discriminator's logit, against "
        "D(G(z)) on a logit axis: the minimax cost's gradient vanishes where the discriminator rejects samples.",
        _generator_cost_gradients,
        ("NS-GRAD-MAG", "DOMINATE", "EX4-GRAD-COMPARE"),
    ),
    FigureSpec(
        "f-divergence-generators.png",
        "The convex generators f(u) of the f-divergences in f-GAN's table (Nowozin et al. 2016).",
        _f_divergence_generators,
        ("FDIV-DEF", "FDIV-CONVEX", "FDIV-JS-ROW", "FDIV-KL-ROW", "FDIV-RKL-ROW", "FDIV-TV-ROW", "FDIV-CHI2-ROW"),
    ),
    FigureSpec(
        "optimal-discriminator.png",
        "Optimal discriminator D* = p_data/(p_data + p_g) for document 000's bimodal data against a "
        "standard normal generator, and against a perfect generator (D* = ½ everywhere).",
        _optimal_discriminator,
        ("D-STAR", "D-STAR-HALF"),
    ),
    FigureSpec(
        "dirac-gan-trajectories.png",
        "Dirac-GAN (Mescheder et al. 2018) from (θ, ψ) = (1, 1) with step 0.2 for 500 steps: simultaneous gradient "
        "descent spirals out, alternating descent circles, a zero-centred gradient penalty (R1) or instance noise "
        "converges to the equilibrium.",
        _dirac_trajectories,
        ("DIRAC-SIM", "DIRAC-SPECTRA", "CONVERGE-ALT"),
    ),
    FigureSpec(
        "proposition-2-flow.png",
        "Goodfellow et al. (2014), Proposition 2, on a 41-point grid: updating p_g along the gradient of C(G) with the "
        "discriminator reset to D* at every step drives JS(p_data ‖ p_g) to 0; with D frozen at its first optimum, "
        "p_g overshoots and JS grows again.",
        _proposition_two_flow,
        ("GF14-PROP2",),
    ),
)


def caption(path: str) -> str | None:
    """The caption of a figure given its path relative to the report folder, if it is one of :data:`FIGURES`."""
    for spec in FIGURES:
        if spec.path == path:
            return spec.caption
    return None


def claims_supported(path: str, report: Mapping[str, Any]) -> list[str]:
    """IDs of the report's claims that a figure supports, in ID order.

    A figure of :data:`FIGURES` supports the claims its spec names; a figure
    of an experiment (``figures/e1a-seeds.png`` of ``E1a``, the experiment
    whose name, lower-cased, is the longest prefix of the file name) supports
    the claims whose checks read that experiment (the report's per-claim
    ``experiments``).
    """
    ids = {c["id"] for c in report.get("claims", [])}
    for spec in FIGURES:
        if spec.path == path:
            return sorted(ids.intersection(spec.claims))
    name = path.rsplit("/", 1)[-1].lower()
    read = {e for c in report.get("claims", []) for e in c.get("experiments", [])}
    owners = [e for e in read if name.startswith(e.lower() + "-")]
    if not owners:
        return []
    owner = max(owners, key=len)
    return sorted(c["id"] for c in report["claims"] if owner in c.get("experiments", []))


def display_order(paths: list[str]) -> list[str]:
    """``paths`` in the order of :data:`FIGURES` (the report stores them sorted); unknown paths last."""
    rank = {spec.path: i for i, spec in enumerate(FIGURES)}
    return sorted(paths, key=lambda p: (rank.get(p, len(rank)), p))


def write_figures(folder: Path) -> list[str]:
    """Write the report's figures under ``folder / "figures"``; return their paths relative to ``folder``.

    Figures whose library module is not installed are skipped. The bytes of
    every PNG depend only on the installed software, not on the run.
    """
    written: list[str] = []
    with figure_style():
        for spec in FIGURES:
            fig = spec.draw()
            if fig is None:
                continue
            written.append(save_figure(fig, folder, spec.name))
    return written
