"""Where the repository and the tutorial documents are."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def sources_folder() -> Path | None:
    """The documents folder: $GANTHEORY_SOURCES, else ../shared/sources beside the checkout, else None."""
    env = os.environ.get("GANTHEORY_SOURCES")
    if env:
        return Path(env)
    beside = REPO.parent / "shared" / "sources"
    return beside if beside.is_dir() else None
