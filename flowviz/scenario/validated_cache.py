"""Remember scenarios that passed the schema, so start-up can skip re-checking them.

Checking the schema costs about 4 ms for a bundled OpenStack scenario, and the
counterpart check (the other era's step numbers, read from its YAML) another
7 ms, every time the walkthrough opens the same unchanged scenario. We record a
digest of (flowviz version, schema, every file's bytes) after a successful
check; a later load with the same digest skips both. Cross-reference checks
still run every time (they are cheap). The cache is a plain file under the
user's cache folder; if it cannot be read or written nothing breaks, flowviz
just validates again. ``FLOWVIZ_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from flowviz import __version__
from flowviz.scenario.schema import schema_bytes

MAX_ENTRIES = 256


def cache_file() -> Path | None:
    if os.environ.get("FLOWVIZ_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flowviz" / "validated-scenarios"


def digest(contents: list[bytes]) -> str:
    """The key of one scenario's exact bytes under this flowviz and schema."""
    schema = schema_bytes()
    hasher = hashlib.sha256(__version__.encode() + b"\0" + schema)
    for content in contents:
        hasher.update(b"\0" + hashlib.sha256(content).digest())
    return hasher.hexdigest()


def _entries(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return []


def is_known(key: str) -> bool:
    path = cache_file()
    return path is not None and key in _entries(path)


def remember(key: str) -> None:
    """Record ``key``; best effort, written atomically, never raises."""
    path = cache_file()
    if path is None:
        return
    entries = [*[e for e in _entries(path) if e != key][-(MAX_ENTRIES - 1) :], key]
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".validated-")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write("\n".join(entries) + "\n")
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
