"""Claim definitions, one module per catalog group (see ``verify.registry.CLAIM_MODULES``)."""
