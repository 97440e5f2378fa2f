"""Expected verdicts: integral probability metrics, Wasserstein-1 duality, the Fréchet distance."""

EXPECTED: dict[str, str] = {}
