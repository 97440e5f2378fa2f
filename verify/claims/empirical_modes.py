"""Trained-GAN evidence on 2-D mixtures and real data: mode coverage, two-sample tests."""

from __future__ import annotations

CLAIMS: tuple = ()
