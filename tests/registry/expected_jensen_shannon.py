"""Expected verdicts: group B: the Jensen–Shannon divergence."""

EXPECTED: dict[str, str] = {}
