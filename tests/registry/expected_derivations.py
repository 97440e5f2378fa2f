"""Expected verdicts: document 001's proofs of §2.1 and §2.2, checked line by line."""

EXPECTED: dict[str, str] = {
    "D-STAR.proof": "verified",
    "CG-JS.proof": "verified",
}
