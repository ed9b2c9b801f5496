"""A small least-recently-used mapping: every cache on the app's path is one of these.

A learner stepping back and forth, switching views or resizing through many
sizes must not grow memory without bound (issue 12's soak saw 2.3 MB per 1,000
keys). Each cache is sized so that what a learner revisits soon is still there.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most ``size`` entries; a lookup or a store makes an entry the most recent."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("an LRU cache holds at least one entry")
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The entry for ``key`` (now the most recent), or None."""
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Store ``value``, dropping the least recently used entries beyond the size."""
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def touch(self, key: K) -> None:
        """Make ``key`` the most recent, if it is there (evicted last)."""
        if key in self._entries:
            self._entries.move_to_end(key)

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()

    def values(self) -> Iterator[V]:
        """The entries, least recent first."""
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries
