"""Expected verdicts: trained-GAN evidence on 2-D mixtures and real data (E6-ring, E6-grid, E7-digits).

These are the verdicts of pytest's quick profile. Its experiments are smoke runs of a few hundred steps, which
the checks refuse to judge (``undecided``: "decided in the full profile"), so every claim here is ``pending``;
their full-profile verdicts, which the committed report must hold, are in ``verdicts_full_profile.py``.
"""

EXPECTED: dict[str, str] = {
    "MODE-COVERAGE": "pending",
    "MODE-COLLAPSE.b": "pending",
    "EQ-ACC-50.digits": "pending",
}
