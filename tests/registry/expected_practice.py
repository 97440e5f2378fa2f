"""Expected verdicts: groups I, J, K: recipes, variants, metrics and concepts (mostly literature claims)."""

EXPECTED: dict[str, str] = {}
