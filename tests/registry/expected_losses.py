"""Expected verdicts: group D: losses as implemented, BCE, label tricks (and the label-smoothing recipes of group I)."""

EXPECTED: dict[str, str] = {
    "D-LOSS-BCE": "verified",
    "D-LOSS-SCALE": "verified",
    "D002-LOSS": "refuted",
    "D002-TERM-TABLE": "verified",
    "G-LOSS-NS": "verified",
    "LABEL1-TRICK": "verified",
    "G-OBJ-MAXD": "verified",
    "PHASES": "verified",
    "LS-REAL": "verified",
    "LS-FAKE": "verified",
    "LS-CONFIDENCE": "verified",
    "NOISE-LABEL-FLIP": "verified",
    "PLOT-NEG-LOG4.a": "refuted",
}
