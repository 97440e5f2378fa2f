"""Expected verdicts: group C: generator objectives, original against non-saturating."""

EXPECTED: dict[str, str] = {
    "TRAIN-ALT": "not-checkable",
    "NS-MOTIVATION": "verified",
    "NS-TABLE-ROWS": "verified",
    "NS-GRAD-MAG": "qualified",
    "EX4-GRAD-COMPARE": "verified",
    "NS-FIXED-POINT": "qualified",
    "NS-EQUIV": "refuted",
    "LOSS-TABLE": "verified",
}
