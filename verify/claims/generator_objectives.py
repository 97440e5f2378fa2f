"""Group C: generator objectives, original against non-saturating."""

from __future__ import annotations

CLAIMS: tuple = ()
