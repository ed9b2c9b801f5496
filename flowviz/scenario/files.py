"""Read a scenario's files: regular files only, bounded in size, UTF-8 text.

Apart from :mod:`flowviz.scenario.yamlsafe` (which parses what is read here) so
that a start-up that finds the scenario in the cache reads its files without
importing PyYAML.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from flowviz.errors import Problem

MAX_FILE_BYTES = 1024 * 1024
"""A scenario file larger than this is refused before parsing (1 MiB)."""


class YamlError(Exception):
    """The file could not be read as YAML; carries one located :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


_KINDS_OF_FILE = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Opening a FIFO for reading waits for a writer; O_NONBLOCK makes open() return at
# once, so a FIFO swapped in after the stat() is caught by the fstat() instead of
# hanging. On a regular file O_NONBLOCK changes nothing.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def not_a_file(mode: int) -> str | None:
    """Why a file of ``mode`` cannot be a scenario file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file; scenarios are read from regular files only"


def os_problem(exc: OSError, shown: str) -> Problem:
    """A reading error in the user's words (a symlink loop is not a missing file)."""
    if exc.errno == errno.ELOOP:
        return Problem(shown, "is a symlink loop: following its symbolic links never ends")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Problem(shown, "no such file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem(shown, "cannot be read: permission denied")
    if exc.errno == errno.EISDIR:
        return Problem(shown, "is a folder, not a file")
    return Problem(shown, f"cannot be read: {exc.strerror or exc}")


def read_text(path: Path, shown: str) -> str:
    """Read a regular file as UTF-8 text, refusing huge files and undecodable bytes.

    FIFOs, devices and sockets are refused before they are opened (a FIFO would
    wait forever for a writer), and checked again on the opened descriptor.
    """
    try:
        reason = not_a_file(os.stat(path).st_mode)
        if reason is not None:
            raise YamlError(Problem(shown, reason))
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            reason = not_a_file(os.fstat(fd).st_mode)
            if reason is not None:
                raise YamlError(Problem(shown, reason))
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise YamlError(os_problem(exc, shown)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            Problem(shown, f"is larger than {MAX_FILE_BYTES // 1024} KiB; not a scenario file?")
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            Problem(shown, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})", line, column)
        ) from None


