"""Reading drafts and documents as text (errors say what to do), and writing files whole."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tipcheck.errors import InputError

# Editorial drafts are kilobytes. Checking is linear in the text but costs about 4 s a
# megabyte, so a hook that meets a dump or a log file says so instead of hanging.
MAX_DRAFT_BYTES = 8 * 1024 * 1024


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
              (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))  # fmt: skip


def read_text(path: Path, limit: int = MAX_DRAFT_BYTES) -> str:
    """A draft or document as text; '-' reads standard input. Errors say what to do."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        name = str(path)
        if path.is_dir():
            raise InputError(f"{name}: is a directory; give a text file")
        data = read_bytes(path, limit)
    if len(data) > limit:
        raise InputError(f"{name}: too large (over {limit // (1024 * 1024)} MB); tipcheck checks drafts, "
                         "not dumps: split the file or check its parts")  # fmt: skip
    # UTF-32 first: its little-endian BOM begins with UTF-16's
    wide = next((enc for bom, enc in _WIDE_BOMS if data.startswith(bom)), None)
    if wide is None and b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes); give a UTF-8 text file")
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: invalid {wide.upper()} at byte {exc.start}; re-save the file as UTF-8"
            ) from None
        if "\x00" in text:
            raise InputError(f"{name}: looks like a binary file (NUL characters); give a text file")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at "
            f"offset {exc.start}); re-save the file as UTF-8"
        ) from None


def regular(path: Path) -> str | None:
    """Why a file that tipcheck keeps (a claims file, a baseline) cannot be read as one, or
    None: a FIFO would hang the run, a device ('/dev/zero') never end, a symlink loop raise."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:  # a symlink loop, a name too long
        return f"cannot read: {exc.strerror}"
    except (RuntimeError, ValueError):
        return "cannot read: a symbolic link loop or a bad name"
    return None if stat.S_ISREG(mode) else "not a regular file (a FIFO, a device or a socket)"


def read_bytes(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes of a file (enough to tell that it is too large), with errors
    that name it. Never reads a huge file whole."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; give a text file") from None
    except OSError as exc:  # permissions, a symlink loop, a name too long
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None


def write_atomic(path: Path, data: bytes, durable: bool = False, replace: bool = True) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename.

    A reader never sees half a file, a crash leaves the old one, and two writers racing
    each leave a complete one. `durable` also waits for the disk and gives the file the
    usual permissions (for files a user keeps and commits; a temporary file is private).
    With `replace` false the name must be new: the file is hard-linked to it, which
    raises FileExistsError if the name is taken, instead of renamed over it.
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
                mask = os.umask(0)
                os.umask(mask)
                os.fchmod(handle.fileno(), 0o666 & ~mask)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)  # gone already after a rename
