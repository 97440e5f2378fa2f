"""Expected verdicts: group E: equilibrium and convergence, with the Dirac-GAN and Goodfellow's Proposition 2."""

EXPECTED: dict[str, str] = {}
