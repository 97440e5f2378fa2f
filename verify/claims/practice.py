"""Groups I, J, K: recipes, variants, metrics and concepts (mostly literature claims)."""

from __future__ import annotations

CLAIMS: tuple = ()
