"""Expected verdicts: group E: equilibrium and convergence, with the Dirac-GAN and Goodfellow's Proposition 2."""

EXPECTED: dict[str, str] = {
    "EQ-D-HALF.a": "verified",
    "EQ-ACC-50.a": "verified",
    "CONVERGE-ALT": "refuted",
    "DIRAC-SPECTRA": "verified",
    "DIRAC-SIM": "verified",
    "GF14-PROP2": "verified",
    "NOISE-INPUT": "not-checkable",
}
