"""Expected verdicts: generator gradients from the literature: the ML cost, Arjovsky–Bottou Theorems 2.4 and 2.5."""

EXPECTED: dict[str, str] = {
    "ML-COST": "verified",
    "AB17-THM24": "verified",
    "AB17-THM25": "verified",
    "DOMINATE": "qualified",
}
