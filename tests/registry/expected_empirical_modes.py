"""Expected verdicts: trained-GAN evidence on 2-D mixtures and real data."""

EXPECTED: dict[str, str] = {}
