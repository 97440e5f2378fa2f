"""Expected verdicts: trained-GAN evidence: equilibrium, coverage and two-sample tests across seeds.

The quick profile's verdicts; those that differ under the full profile are in ``verdicts_full_profile.py``.
"""

EXPECTED: dict[str, str] = {
    "C2ST-HALF": "verified",
    "D-STAR.train": "verified",
    "DEMO-BIMODAL": "refuted",
    "EQ-ACC-50.b": "pending",
    "EQ-ACC-50.c": "qualified",
    "EQ-D-HALF.b": "pending",
    "EQ-D-HALF.c": "qualified",
    "EX4-GRAD-COMPARE.train": "verified",
    "PLOT-NEG-LOG4.b": "pending",
    "TRAIN-ALT.ratio": "not-checkable",
}
