"""Group E: equilibrium and convergence, with the Dirac-GAN and Goodfellow's Proposition 2."""

from __future__ import annotations

CLAIMS: tuple = ()
