"""Placeholder: experiments arrive with issue 3."""

from __future__ import annotations

EXPERIMENTS: tuple = ()
