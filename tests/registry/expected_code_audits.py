"""Expected verdicts: groups G and H: the documents' code, read statically or executed."""

EXPECTED: dict[str, str] = {}
