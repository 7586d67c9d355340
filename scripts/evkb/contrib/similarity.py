"""Text comparisons for verification: folded titles, family names, journal names and abbreviations."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from .bibkey import ascii_fold

JOURNAL_STOPWORDS = frozenset("the of and for in on de la der und".split())


def words(text: str) -> list[str]:
    folded = ascii_fold(text).lower().replace("&", " and ")
    return re.findall(r"[a-z0-9]+", folded)


def title_similarity(a: str, b: str) -> float:
    x, y = " ".join(words(a)), " ".join(words(b))
    if not x or not y:
        return 1.0
    if x.startswith(y) or y.startswith(x):   # a subtitle left out
        return 1.0
    return SequenceMatcher(None, x, y).ratio()


def same_family(a: str, b: str) -> bool:
    x, y = words(a), words(b)
    if not x or not y:
        return True
    return x == y or x[-1] == y[-1] or "".join(x) == "".join(y)


def _journal_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in JOURNAL_STOPWORDS]


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """Each word of `short` starts a word of `long`, in order, and no word of `long` is left over."""
    if len(short) != len(long):
        return False
    return all(l.startswith(s) for s, l in zip(short, long))


def same_journal(given: str, names) -> bool:
    mine = _journal_words(given)
    for name in names:
        theirs = _journal_words(name)
        if not theirs or mine == theirs or _abbreviates(mine, theirs) or _abbreviates(theirs, mine):
            return True
    return not mine
