"""Where a post's sentences begin and end: one rule for the recognizers, the re-casing of
shouted sentences and the engine's filters, so that they all agree on what "its sentence" is."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

# A sentence ends at . ! ? (and any closing quote or bracket) before a space or the end of the
# text, or at a line break. Not at the full stop of "Dr." or "St.", nor inside "3.2" or "example.com".
SENTENCE_BREAK = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bMt)(?<!\bvs)"
                            r"(?:[.!?]+[\"'’”)\]]*(?=\s|$)|\n)\s*")


class Sentences:
    """The sentences of one text, split once: a long post has hundreds of findings to place."""

    def __init__(self, text: str) -> None:
        breaks = list(SENTENCE_BREAK.finditer(text))
        self._break_starts = [match.start() for match in breaks]
        self._break_ends = [match.end() for match in breaks]
        self._length = len(text)

    def bounds(self, index: int) -> tuple[int, int]:
        """From the end of the last break before `index` to the start of the first break at or
        after it (a break that `index` falls inside belongs to neither side)."""
        before = bisect_right(self._break_ends, index)
        after = bisect_left(self._break_starts, index)
        return (self._break_ends[before - 1] if before else 0,
                self._break_starts[after] if after < len(self._break_starts) else self._length)

    def with_breaks(self) -> list[tuple[int, int]]:
        """Each sentence with the stops and spaces after it: every character belongs to one."""
        starts = [0] + [end for end in self._break_ends if end < self._length]
        return list(zip(starts, starts[1:] + [self._length]))


@lru_cache(maxsize=8)
def sentences_of(text: str) -> Sentences:
    """The sentences of a text that several recognizers ask about in turn."""
    return Sentences(text)


def capitalised_by_position(text: str, index: int) -> bool:
    """Whether the word at index may be capitalised by its place rather than as a name: first in
    the text, or after punctuation other than a comma or an apostrophe (a full stop, a colon, a
    dash, an emoji)."""
    before = text[:index].rstrip()
    return not before or not (before[-1].isalnum() or before[-1] in ",'’")


def in_quotation(text: str, index: int) -> bool:
    """Whether `index` lies inside a quotation: after an odd number of straight double quotes,
    or after an opening curly quote not yet closed."""
    before = text[:index]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")
