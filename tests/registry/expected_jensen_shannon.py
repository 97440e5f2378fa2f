"""Expected verdicts: group B: the Jensen–Shannon divergence."""

EXPECTED: dict[str, str] = {
    "JS-DEF": "verified",
    "JS-SYM": "verified",
    "JS-BOUND": "verified",
    "JS-METRIC": "verified",
    "JS-ZERO": "verified",
}
