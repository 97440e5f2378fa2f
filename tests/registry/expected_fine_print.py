"""Expected verdicts: fine print the catalog did not list (densities, the order of updates, a cited title)."""

EXPECTED: dict[str, str] = {
    "D-STAR.density": "qualified",
    "TRAIN-ALT.simultaneous": "qualified",
    "DISC-MODELS.real": "qualified",
    "C000-DATA.epochs": "qualified",
    "REFS.title": "refuted",
}
