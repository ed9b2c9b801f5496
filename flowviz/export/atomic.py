"""Write a set of files all or nothing: no clobbering without ``force``, never half a set.

An export writes many files. Everything is rendered in memory first; then
:func:`write_files`:

1. checks every target, so a refusal to overwrite leaves the folder untouched;
2. writes every file into a private staging folder beside the targets
   (``.flowviz-export-<pid>-<random>``, mode 0700), so a full disk or an
   interruption leaves nothing but that folder, which it then removes;
3. moves the files in. Without ``force`` each is *linked* into place
   (:func:`os.link` never replaces: a file someone created after step 1 makes
   it fail instead of being overwritten). With ``force`` each replaces its
   target (:func:`os.replace`), the old file first kept aside by a link. If a
   move fails, the ones already made are undone, so the folder is as it was.

A run killed with ``kill -9`` cannot clean up after itself; the next run
removes staging folders whose process is gone (or that are older than
:data:`STALE_SECONDS`), and the ``.NAME.xxxxxxxx.tmp`` files older versions of
flowviz left beside their targets once they are that old.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from flowviz.errors import UserError

STAGING_PREFIX = ".flowviz-export-"
"""Staging folders are named ``.flowviz-export-<pid>-<random>`` inside the output folder."""
TEMP_SUFFIX = ".tmp"
"""Older flowviz wrote ``.<target name>.<8 hex digits>.tmp`` beside each target."""
STALE_SECONDS = 10 * 60
"""Leftovers this old are removed even when their owner cannot be told to be gone."""

_STAGING = re.compile(re.escape(STAGING_PREFIX) + r"(\d+)-[A-Za-z0-9_]+$")
_OLD_TEMP = re.compile(r"^\..+\.[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$")
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}


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


def _write(handle: BinaryIO, data: bytes) -> None:
    """The one call that puts bytes in a file (tests make it fail midway)."""
    handle.write(data)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, someone else's
        return True
    return True


def clean_leftovers(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove what killed exports left in ``folder``; return what was removed.

    Only our own names and only the current user's files: a staging folder whose
    process is gone or that is older than :data:`STALE_SECONDS`, and old-style
    ``.NAME.xxxxxxxx.tmp`` files older than that. Never follows a symlink.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        staging = _STAGING.match(entry.name)
        if staging is None and not _OLD_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue
        stale = now - info.st_mtime > STALE_SECONDS
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if staging is not None and stat.S_ISDIR(info.st_mode):
                if stale or not _pid_alive(int(staging.group(1))):
                    shutil.rmtree(path)
                    removed.append(path)
            elif staging is None and stat.S_ISREG(info.st_mode) and stale:
                path.unlink()
                removed.append(path)
    return removed


def _stage(staging: Path, files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write each file into ``staging`` under its own name; UserError on the first failure."""
    staged: list[Path] = []
    for index, (target, data) in enumerate(files):
        path = staging / target.name
        try:
            # 0o666 lets the umask decide the mode, as a plain open() would; O_EXCL
            # because the name must be ours alone.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as handle:
                _write(handle, data)
        except OSError as exc:
            raise UserError(
                f"cannot write {target}: {_reason(exc)}; nothing was written "
                f"({index} of {len(files)} files were ready, none moved into place)"
            ) from exc
        staged.append(path)
    return staged


def _link_into_place(staged: Path, target: Path) -> None:
    """Put ``staged`` at ``target`` unless something is there (then FileExistsError)."""
    try:
        os.link(staged, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: claim the name exclusively, then replace
        # our own empty placeholder (a reader may briefly see it empty, never clobbered).
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(staged, target)


def _move_in(
    staged: Sequence[Path], targets: Sequence[Path], staging: Path, *, force: bool
) -> None:
    """Move every staged file to its target, or none of them."""
    done: list[tuple[Path, Path | None, bool]] = []  # (target, old file kept aside, existed)
    try:
        for index, (source, target) in enumerate(zip(staged, targets, strict=True)):
            if not force:
                _link_into_place(source, target)
                done.append((target, None, False))
                continue
            aside = staging / f".old-{index}"
            backup: Path | None = aside
            existed = True
            try:
                os.link(target, aside, follow_symlinks=False)
            except FileNotFoundError:
                backup, existed = None, False
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                backup = None  # cannot keep the old file aside: it cannot come back
            os.replace(source, target)
            done.append((target, backup, existed))
    except BaseException as exc:
        for target, kept, existed in reversed(done):
            with contextlib.suppress(OSError):
                if kept is not None:
                    os.replace(kept, target)
                elif not existed:
                    target.unlink()
        if not isinstance(exc, OSError):
            raise
        failed = targets[len(done)]
        if isinstance(exc, FileExistsError):
            raise UserError(
                f"{failed} appeared while exporting (use --force to overwrite); "
                "nothing was written"
            ) from exc
        raise UserError(f"cannot write {failed}: {_reason(exc)}; nothing was written") from exc


def write_files(files: Sequence[tuple[Path, bytes]], *, force: bool) -> list[Path]:
    """Write every ``(path, data)``, all or nothing; return the paths written.

    Raises :class:`UserError`, with the folder as it was, when a target exists
    (unless ``force``), a folder is in the way, or the disk refuses.
    """
    paths = [path for path, _ in files]
    folders = list(dict.fromkeys(path.parent for path in paths))
    for folder in folders:
        ensure_folder(folder)
        clean_leftovers(folder)
    check_targets(paths, force=force)
    if len({path.name for path in paths}) != len(paths) or len(folders) > 1:
        # One staging folder per output folder would work, but nothing needs it.
        raise ValueError("write_files takes distinct names in one folder")
    if not files:
        return []
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=folders[0])
        )
    except OSError as exc:
        raise UserError(f"cannot write to {folders[0]}: {_reason(exc)}") from exc
    try:
        staged = _stage(staging, files)
        _move_in(staged, paths, staging, force=force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths


def write_atomically(path: Path, data: bytes) -> None:
    """Write one file whole or not at all, replacing what is there."""
    write_files([(path, data)], force=True)

