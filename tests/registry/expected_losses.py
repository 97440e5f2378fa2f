"""Expected verdicts: group D: losses as implemented, BCE, label tricks (and the label-smoothing recipes of group I)."""

EXPECTED: dict[str, str] = {}
