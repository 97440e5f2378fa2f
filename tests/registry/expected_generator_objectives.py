"""Expected verdicts: group C: generator objectives, original against non-saturating."""

EXPECTED: dict[str, str] = {}
