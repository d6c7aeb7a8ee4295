"""Reading drafts and documents as text (errors say what to do), and writing files whole."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import InputError


def read_text(path: Path) -> str:
    """A draft or document as text; '-' reads standard input. Errors say what to do."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = str(path)
        if path.is_dir():
            raise InputError(f"{name}: is a directory; give a text file")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: looks like a binary file (NUL bytes); give a UTF-8 text file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None


def write_atomic(path: Path, data: bytes, durable: bool = False) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename.

    A reader never sees half a file, a crash leaves the old one, and two writers racing
    each leave a complete one. `durable` also waits for the disk (for files a user keeps).
    """
    folder = path.parent if str(path.parent) else Path(".")
    import tempfile  # only writers pay for its import

    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
