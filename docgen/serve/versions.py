"""The versions of cluster files this server has shown or saved, by their sha256, in memory.

A page remembers which version of the file its form was made from (its ETag); what
the user types is compared with that version, not with whatever is on disk now, so a
teammate's `git pull` cannot turn an edit into a wrong one. A change notice compares
two versions (before and after a guided task). The store keeps the most recent
versions up to a byte budget; an old tag that has been dropped is treated like a file
changed behind the page (reload).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

MAX_BYTES = 32_000_000
"""The store's budget: some hundreds of versions of typical (20 KB) cluster files."""


def sha256(data: bytes) -> str:
    """The SHA-256 of `data` in hex: a version's key."""
    return hashlib.sha256(data).hexdigest()


class Versions:
    """sha256 → bytes, most recently used last, within `budget` bytes in all."""

    def __init__(self, budget: int = MAX_BYTES) -> None:
        self.budget = budget
        self.kept: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def remember(self, data: bytes) -> str:
        """Keep `data`; its sha256."""
        key = sha256(data)
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return key
            self.kept[key] = data
            self.size += len(data)
            while self.size > self.budget and len(self.kept) > 1:
                _, dropped = self.kept.popitem(last=False)
                self.size -= len(dropped)
        return key

    def get(self, key: str) -> bytes | None:
        """The bytes whose sha256 is `key` (an ETag's quotes allowed), if still kept."""
        key = key.strip().strip('"')
        with self.lock:
            data = self.kept.get(key)
            if data is not None:
                self.kept.move_to_end(key)
            return data


VERSIONS = Versions()
"""One store per server process (the pages are served by one process)."""
