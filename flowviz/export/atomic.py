"""Write a set of files safely: no clobbering without ``force``, never half a file.

An export writes many files. Everything is rendered in memory first; then
:func:`write_files` checks every target before it writes any, so a refusal to
overwrite leaves the folder untouched. Each file is written to a temporary file
in the same folder and moved into place with :func:`os.replace`, which is atomic
on one file system: a reader (or an export cut short by an error or Ctrl-C)
sees the old file or the whole new one, never a prefix of it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from flowviz.errors import UserError

TEMP_SUFFIX = ".tmp"
"""Temporary files are named ``.<target name>.<random>.tmp`` beside their target."""


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) when missing; UserError if that is impossible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise UserError(f"cannot create folder {folder}: a file is in the way") from exc
    except OSError as exc:
        raise UserError(f"cannot create folder {folder}: {_reason(exc)}") from exc
    if not folder.is_dir():
        raise UserError(f"cannot write to {folder}: not a folder")


def check_targets(paths: Sequence[Path], *, force: bool) -> None:
    """UserError naming the first target that exists (unless ``force``) or is a folder."""
    for path in paths:
        if path.is_dir():
            raise UserError(f"cannot write {path}: a folder of that name exists")
        if not force and (path.exists() or path.is_symlink()):
            raise UserError(f"{path} already exists (use --force to overwrite)")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        # os.open with 0o666 lets the umask decide the mode, as a plain open() would;
        # O_EXCL makes sure the temporary name is ours alone.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            _write(handle, data)
        os.replace(temp, path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path}: {_reason(exc)}") from exc
        raise


def _write(handle: BinaryIO, data: bytes) -> None:
    """The one call that puts bytes in a file (tests make it fail midway)."""
    handle.write(data)


def write_files(files: Sequence[tuple[Path, bytes]], *, force: bool) -> list[Path]:
    """Write every ``(path, data)``; check all targets first; return the paths written."""
    paths = [path for path, _ in files]
    for folder in dict.fromkeys(path.parent for path in paths):
        ensure_folder(folder)
    check_targets(paths, force=force)
    for path, data in files:
        write_atomically(path, data)
    return paths
