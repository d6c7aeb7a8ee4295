"""Locks between processes that update the same files, and the workers forked under one.

A lock is an exclusive `flock` on a file beside what it guards (Unix). Its descriptor is
inherited by every process forked while it is held, and the lock lasts while any of them
keeps it open: a parsing worker closes its copies and dies with the process that started
it, so that a run killed mid-way leaves no lock behind for the next.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


def held() -> tuple[int, ...]:
    """The descriptors of the locks this process holds now."""
    return tuple(_HELD)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock between processes that update the same index (Unix); readers
    need none, because every file is replaced whole."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: atomic renames alone keep it consistent
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        _HELD.add(handle.fileno())
        try:
            yield
        finally:
            _HELD.discard(handle.fileno())
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# The descriptors of the locks this process holds: a worker forked while one is held
# closes its copies, or the lock would live as long as the worker does.
_HELD: set[int] = set()


def start_worker(held: tuple[int, ...]) -> None:
    """A parsing worker: it dies with the process that started it (killed, that process
    cannot stop it) and holds none of its locks."""
    for fd in held:
        with contextlib.suppress(OSError):
            os.close(fd)
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
        if os.getppid() == 1:  # the parent died before the line above ran
            os._exit(1)
    except (OSError, AttributeError):  # pragma: no cover - not Linux: the lock copies are closed all the same
        pass
