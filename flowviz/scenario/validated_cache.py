"""Remember scenarios that passed every check, so the next start reads them at once.

Parsing YAML and checking a scenario (schema, cross-references, its counterpart)
costs tens of milliseconds and imports PyYAML, every time the walkthrough opens
the same unchanged scenario. After a successful load we store, under a digest
of (flowviz version, schema, every file's bytes), the merged data and the
warnings it gave, as JSON; a later load whose files hash to the same digest
builds the model straight from that data.

Each entry is one file in the user's own cache folder, written atomically. An
entry that cannot be read, is not JSON, names another digest or does not build
is ignored (and rewritten by the full load that follows): a corrupt or stale
file costs a re-check, not a crash. JSON carries no code, so an entry is data
like the scenario's own files. At most :data:`MAX_ENTRIES` are kept, the least
recently used going first. ``FLOWVIZ_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from flowviz import __version__, cache_files
from flowviz.errors import Problem
from flowviz.scenario.schema import schema_bytes

MAX_ENTRIES = 64
MAX_ENTRY_BYTES = 4 * 1024 * 1024
"""A scenario whose data takes more than this as JSON is not stored (YAML aliases
can make a 1 MiB file's data far larger): the cache stays bounded on disk."""
FORMAT = 1
"""Bumped when an entry's layout changes (the digest covers flowviz's version too)."""


def cache_folder() -> Path | None:
    return cache_files.folder("scenarios")


def digest(contents: list[bytes]) -> str:
    """The key of one scenario's exact bytes under this flowviz and schema."""
    hasher = hashlib.sha256(__version__.encode() + b"\0" + schema_bytes())
    for content in contents:
        hasher.update(b"\0" + hashlib.sha256(content).digest())
    return hasher.hexdigest()


def recall(key: str) -> tuple[dict[str, Any], tuple[Problem, ...]] | None:
    """The merged data and warnings stored for ``key``, or None (never raises)."""
    folder = cache_folder()
    if folder is None:
        return None
    entry = cache_files.read_entry(folder / f"{key}.json")
    try:
        if entry["format"] != FORMAT or entry["key"] != key:
            return None
        data = entry["data"]
        warnings = tuple(Problem(str(p), str(m), _line(n), _line(c), "warning")
                         for p, m, n, c in entry["warnings"])
    except (ValueError, KeyError, TypeError):
        return None
    return (data, warnings) if isinstance(data, dict) else None


def _line(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError("not a line number")


def remember(key: str, data: dict[str, Any], warnings: tuple[Problem, ...]) -> None:
    """Store a scenario that passed; best effort, written atomically, never raises.

    Only data that JSON gives back exactly is stored (YAML can hold keys that
    are not text, which JSON would turn into text)."""
    folder = cache_folder()
    if folder is None:
        return
    try:
        text = json.dumps({"format": FORMAT, "key": key, "data": data,
                           "warnings": [[w.path, w.message, w.line, w.column] for w in warnings]},
                          ensure_ascii=False, allow_nan=False)
        if len(text) > MAX_ENTRY_BYTES or json.loads(text)["data"] != data:
            return
    except (TypeError, ValueError, RecursionError):
        return
    cache_files.write_entry(folder / f"{key}.json", text, keep=MAX_ENTRIES)
