"""Where tipcheck keeps derived data between runs.

Everything in the cache can be rebuilt from the registry and the code; deleting the
folder is always safe. The folder is `$TIPCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/tipcheck`,
else `~/.cache/tipcheck`. `TIPCHECK_NO_CACHE=1` turns it off: every run then starts cold.
"""

from __future__ import annotations

import os
from pathlib import Path


def directory() -> Path | None:
    """The cache folder, or None when caching is off: turned off, or a folder that someone
    else could write to (another user's, or one anyone may write to), whose files could
    change a verdict. The cache can only make a run faster, never different."""
    if os.environ.get("TIPCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("TIPCHECK_CACHE_DIR")
    if explicit:
        folder = Path(explicit)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "tipcheck"
    return folder if _own(folder) else None


def _own(folder: Path) -> bool:
    """Whether a cache folder (if it exists) is the user's alone to write."""
    try:
        st = folder.stat()
    except FileNotFoundError:
        return True  # made by this run, with the usual permissions
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows: no owner bits to check
        return True
    # (a group-writable folder is the rule where each user has a group of their own)
    return st.st_uid == getuid() and not st.st_mode & 0o002


class Memo:
    """A dict kept in the cache folder between runs, read on first use and written back
    at exit if it grew. A missing, damaged or unwritable file only costs speed.

    With a `budget` (bytes), the file is kept under it when written: the entries this run
    did not use go first, oldest first, down to three quarters of it. A memo read on every
    run (compiled patterns) then stays as fast to read however many drafts it has seen."""

    def __init__(self, name: str, budget: int | None = None) -> None:
        self.name = name
        self.budget = budget
        self._entries: dict | None = None
        self._dirty = False
        self._used: set = set()

    def get(self, key: object) -> object | None:
        """An entry, or None; an entry got is kept before the others when the file is trimmed."""
        found = self.entries().get(key)
        if found is not None:
            self._used.add(key)
        return found

    def entries(self) -> dict:
        if self._entries is None:
            self._entries = {}
            folder = directory()
            if folder is not None:
                import marshal

                try:
                    data = marshal.loads((folder / self.name).read_bytes())
                except (OSError, ValueError, EOFError, TypeError):
                    data = None  # no memo yet, or a damaged one: start afresh
                if isinstance(data, dict):
                    self._entries = data
        return self._entries

    def put(self, key: object, value: object) -> None:
        self.entries()[key] = value
        self._used.add(key)
        if not self._dirty:
            import atexit

            atexit.register(self._save)
            self._dirty = True

    def _save(self) -> None:
        folder = directory()
        if folder is None or self._entries is None:
            return
        import contextlib
        import marshal

        from tipcheck.support.files import write_atomic

        with contextlib.suppress(OSError, ValueError):  # a read-only or full disk costs speed only
            folder.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps(self._entries)
            if self.budget is not None and len(data) > self.budget:
                data = marshal.dumps(_trimmed(self._entries, self._used, self.budget * 3 // 4))
            write_atomic(folder / self.name, data)


def _trimmed(entries: dict, used: set, budget: int) -> dict:
    """The entries that fit in `budget` bytes: those used this run last to go, and among
    the others the oldest (a dict keeps the order entries were put in) first."""
    import marshal

    order = [k for k in entries if k not in used] + [k for k in entries if k in used]
    sizes = {k: len(marshal.dumps((k, entries[k]))) for k in order}
    total, start = sum(sizes.values()), 0
    while total > budget and start < len(order):
        total -= sizes[order[start]]
        start += 1
    return {k: entries[k] for k in order[start:]}
