"""Where tipcheck keeps derived data between runs.

Everything in the cache can be rebuilt from the registry and the code; deleting the
folder is always safe. The folder is `$TIPCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/tipcheck`,
else `~/.cache/tipcheck`. `TIPCHECK_NO_CACHE=1` turns it off: every run then starts cold.
"""

from __future__ import annotations

import os
from pathlib import Path


def directory() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("TIPCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("TIPCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tipcheck"
