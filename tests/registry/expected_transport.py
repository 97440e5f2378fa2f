"""Expected verdicts: integral probability metrics, Wasserstein-1 duality, the Fréchet distance."""

EXPECTED: dict[str, str] = {
    "IPM-DEF": "verified",
    "IPM-W1": "verified",
    "WGAN-DUAL": "verified",
    "WGAN-STABLE.a": "verified",
    "WGAN-STABLE.b": "not-checkable",
    "KR-DUALITY": "verified",
    "FID-GAUSS": "verified",
    "METRICS.a": "verified",
    "METRICS.b": "not-checkable",
}
