"""Expected verdicts: group F: the f-divergence view, f-GAN's Table 6 and its errata, LSGAN."""

EXPECTED: dict[str, str] = {
    # document 001 §4.1
    "FGAN-GENERAL": "verified",
    "FDIV-DEF": "verified",
    "FDIV-CONVEX": "verified",
    "FDIV-KL-ROW": "verified",
    "FDIV-RKL-ROW": "verified",
    "FDIV-JS-ROW": "refuted",
    "FDIV-JS-GAN": "verified",
    "FDIV-TV-ROW": "verified",
    "FDIV-CHI2-ROW": "verified",
    "FDIV-CHI2-LSGAN": "refuted",
    # f-GAN Table 6, row by row
    "FGAN-TABLE6.TV": "qualified",
    "FGAN-TABLE6.KL": "verified",
    "FGAN-TABLE6.RKL": "verified",
    "FGAN-TABLE6.PEARSON": "qualified",
    "FGAN-TABLE6.NEYMAN": "verified",
    "FGAN-TABLE6.HELLINGER": "verified",
    "FGAN-TABLE6.JEFFREY": "verified",
    "FGAN-TABLE6.JS": "verified",
    "FGAN-TABLE6.JSW": "verified",
    "FGAN-TABLE6.GAN": "verified",
    "FGAN-TABLE6.ALPHA-LT1": "verified",
    "FGAN-TABLE6.ALPHA-GT1": "qualified",
    # f-GAN errata
    "FGAN-ERRATA.PEARSON-NEYMAN-SWAP": "not-checkable",
    "FGAN-ERRATA.JS-FACTOR": "not-checkable",
    "FGAN-ERRATA.PEARSON-DOMAIN": "qualified",
    "FGAN-ERRATA.ACTIVATION-ORIENTATION": "verified",
    "FGAN-ERRATA.GAN-NORMALISATION": "not-checkable",
    "FGAN-ERRATA.TV-DERIVATIVE": "qualified",
    "FGAN-ERRATA.JSW-SIGN": "not-checkable",
    "FGAN-ERRATA.ALPHA-INTEGRAND": "not-checkable",
    # LSGAN, Mao et al. 2017
    "LSGAN-THM.a": "not-checkable",
    "LSGAN-THM.b": "verified",
    "LSGAN-THM.c": "verified",
}
