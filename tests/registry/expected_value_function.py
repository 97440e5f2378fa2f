"""Expected verdicts: group A, the value function, the optimal discriminator and the global optimum."""

EXPECTED: dict[str, str] = {
    "MINIMAX-V": "verified",
    "V-TERM-ROLES": "verified",
    "V-NEG-BCE": "verified",
    "D-STAR": "verified",
    "D-STAR-HALF": "verified",
    "CG-MIN": "verified",
    "CG-JS": "verified",
    "EX2-JS-MIN": "verified",
}
