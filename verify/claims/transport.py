"""Integral probability metrics, Wasserstein-1 duality, the Fréchet distance."""

from __future__ import annotations

CLAIMS: tuple = ()
