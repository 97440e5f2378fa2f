"""The row IDs of the claims catalog, by group.

Kept here so that a test can check, without the catalog file, that every row
has at least one registered claim. A registered claim's ID is a catalog ID or
a catalog ID with a ``.x`` suffix (one row split into several claims).
"""

from __future__ import annotations

__all__ = ["CATALOG", "CATALOG_IDS"]

CATALOG: dict[str, tuple[str, ...]] = {
    "A. Value function, optimal discriminator, global optimum": (
        "MINIMAX-V",
        "V-TERM-ROLES",
        "V-NEG-BCE",
        "D-STAR",
        "D-STAR-HALF",
        "CG-MIN",
        "CG-JS",
        "EX2-JS-MIN",
    ),
    "B. Jensen–Shannon divergence": ("JS-DEF", "JS-SYM", "JS-BOUND", "JS-METRIC", "JS-ZERO"),
    "C. Generator objectives": (
        "TRAIN-ALT",
        "NS-MOTIVATION",
        "NS-TABLE-ROWS",
        "NS-GRAD-MAG",
        "EX4-GRAD-COMPARE",
        "NS-FIXED-POINT",
        "NS-EQUIV",
        "LOSS-TABLE",
        "ALGO-PSEUDO",
    ),
    "D. Losses as implemented, BCE, label tricks": (
        "D-LOSS-BCE",
        "D-LOSS-SCALE",
        "D002-LOSS",
        "D002-TERM-TABLE",
        "G-LOSS-NS",
        "LABEL1-TRICK",
        "G-OBJ-MAXD",
        "PHASES",
    ),
    "E. Equilibrium and convergence": ("EQ-D-HALF", "EQ-ACC-50", "CONVERGE-ALT", "DOMINATE", "DEMO-BIMODAL"),
    "F. Divergence view": (
        "FGAN-GENERAL",
        "FDIV-DEF",
        "FDIV-CONVEX",
        "FDIV-KL-ROW",
        "FDIV-RKL-ROW",
        "FDIV-JS-ROW",
        "FDIV-JS-GAN",
        "FDIV-TV-ROW",
        "FDIV-CHI2-ROW",
        "FDIV-CHI2-LSGAN",
        "IPM-DEF",
        "IPM-W1",
        "WGAN-DUAL",
        "WGAN-STABLE",
    ),
    "G. Document 000's code and plot": ("C000-GRADS", "C000-DATA", "PLOT-NEG-LOG4"),
    "H. Code audits": ("C003-WORKFLOW", "C003-CLASS", "C002-KERAS"),
    "I. Practical recipes": (
        "HP-ADAM",
        "HP-DIFF-LR",
        "HP-BATCH",
        "HP-LATENT",
        "Z-PRIOR",
        "ARCH-G",
        "ARCH-D",
        "NORM-TABLE",
        "LS-REAL",
        "LS-FAKE",
        "LS-CONFIDENCE",
        "NOISE-INPUT",
        "NOISE-LABEL-FLIP",
        "VARIANT-TABLE",
    ),
    "J. Variants, techniques, metrics": (
        "VARIANTS-LIST",
        "ARCH-CONSID",
        "CHALLENGES",
        "STABILIZE",
        "METRICS",
        "MODE-COLLAPSE",
        "EBGAN-OT",
        "ADV-LIM",
    ),
    "K. Conceptual claims and bibliography": (
        "DISC-MODELS",
        "GEN-MODELS",
        "G-DECODER",
        "LATENT-SMOOTH",
        "EVAL-QUAL",
        "DIST-NOT-SAMPLES",
        "ITER-COUNT",
        "HISTORY",
        "REFS",
    ),
    "L. Results from the literature": (
        "FGAN-TABLE6",
        "FGAN-ERRATA",
        "GF14-PROP2",
        "ML-COST",
        "AB17-THM24",
        "AB17-THM25",
        "DIRAC-SPECTRA",
        "DIRAC-SIM",
        "LSGAN-THM",
        "KR-DUALITY",
        "FID-GAUSS",
        "MODE-COVERAGE",
        "C2ST-HALF",
    ),
}

CATALOG_IDS: frozenset[str] = frozenset(i for ids in CATALOG.values() for i in ids)
