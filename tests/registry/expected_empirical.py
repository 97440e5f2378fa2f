"""Expected verdicts: trained-GAN evidence: equilibrium, coverage and two-sample tests across seeds."""

EXPECTED: dict[str, str] = {}
