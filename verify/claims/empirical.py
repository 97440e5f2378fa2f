"""Trained-GAN evidence: equilibrium, coverage and two-sample tests across seeds."""

from __future__ import annotations

CLAIMS: tuple = ()
