"""Group F: the f-divergence view, f-GAN's Table 6 and its errata, LSGAN."""

from __future__ import annotations

CLAIMS: tuple = ()
