"""Generator gradients from the literature: the ML cost, Arjovsky–Bottou Theorems 2.4 and 2.5."""

from __future__ import annotations

CLAIMS: tuple = ()
