"""Expected verdicts: groups G and H: the documents' code, read statically or executed.

Code-audit claims are listed with the verdict they get *with* the documents
(``GANTHEORY_SOURCES`` or ``--sources``); without them they are pending and
the registry tests skip them. C003-WORKFLOW and C003-CLASS are also pending
where Keras 3 is not installed (the ``audit`` extra).
"""

EXPECTED: dict[str, str] = {
    "C000-GRADS": "verified",
    "C000-DATA": "verified",
    "C003-WORKFLOW": "refuted",
    "C003-CLASS": "refuted",
    "C002-KERAS.a": "verified",
    "C002-KERAS.b": "qualified",
    "C002-KERAS.c": "verified",
    "C002-KERAS.d": "not-checkable",
    "ALGO-PSEUDO": "refuted",
}
