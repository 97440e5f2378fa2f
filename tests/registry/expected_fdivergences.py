"""Expected verdicts: group F: the f-divergence view, f-GAN's Table 6 and its errata, LSGAN."""

EXPECTED: dict[str, str] = {}
