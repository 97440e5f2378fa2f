"""Group D: losses as implemented, BCE, label tricks (and the label-smoothing recipes of group I)."""

from __future__ import annotations

CLAIMS: tuple = ()
