"""Groups G and H: the documents' code, read statically or executed."""

from __future__ import annotations

CLAIMS: tuple = ()
