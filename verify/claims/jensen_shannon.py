"""Group B: the Jensen–Shannon divergence."""

from __future__ import annotations

CLAIMS: tuple = ()
