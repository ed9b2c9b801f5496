"""Files in flowviz's cache folder: found, written atomically, bounded in number.

Every cache on disk (validated scenarios, start-up pictures) is a folder of JSON
entries under ``$XDG_CACHE_HOME/flowviz`` (``~/.cache/flowviz``). Nothing here
raises: a cache that cannot be read or written only costs the work it saves.
``FLOWVIZ_NO_CACHE=1`` turns every cache off.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def folder(name: str) -> Path | None:
    """The cache folder ``name`` (not created), or None when caching is off."""
    if os.environ.get("FLOWVIZ_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flowviz" / name


def read_entry(path: Path) -> Any:
    """The JSON in ``path`` (marked recently used), or None if it cannot be had."""
    try:
        value = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return value


def write_entry(path: Path, text: str, *, keep: int) -> bool:
    """Write ``text`` to ``path`` atomically, then keep only the ``keep`` most recently
    used entries of its folder. False if it could not be written."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return False
        prune(path.parent, keep)
        return True
    return False


def prune(where: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently used ``*.json`` entries of ``where``."""
    entries = []
    for path in where.glob("*.json"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime_ns, path))
    entries.sort()
    for _, path in entries[: max(0, len(entries) - keep)]:
        with contextlib.suppress(OSError):
            path.unlink()
