"""Did you mean: the known word closest to one that is not known, for a message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6
"""How alike two words must be (difflib's ratio) to be offered as the one meant."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, case ignored, or None when none is close."""
    folded = {str(choice).casefold(): str(choice) for choice in choices}
    close = difflib.get_close_matches(str(word).casefold(), list(folded), n=1, cutoff=CUTOFF)
    return folded[close[0]] if close else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """"; did you mean 'x'?" when a close match exists, else ''."""
    found = closest(word, choices)
    return f"; did you mean '{found}'?" if found else ""
