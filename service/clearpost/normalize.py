"""Text as a reader sees it, for detection, with a map back to what was typed.

Pasted or deliberately disguised text can hide an identifier from pattern and name matching
while looking unchanged on screen: zero-width characters inside a name ("J\u200bane"), a soft
hyphen inside an MRN, full-width digits ("４４８２９１３"), a Cyrillic "а" in a Latin name.
Detection runs on the normalised text; every finding is mapped back to the span of the
original text it came from, so the underline sits on what the physician typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Protocol, TypeVar

from .lexicon import load_yaml

KEPT_CONTROLS = "\t\n\r"
REPLACEMENT = "\ufffd"
# A word, for deciding whether its look-alike letters are a disguise: letters and marks only.
WORD = re.compile(r"[^\W\d_]+")


class Span(Protocol):
    start: int
    end: int


SpanT = TypeVar("SpanT", bound=Span)


@dataclass(frozen=True)
class _Rules:
    invisible: frozenset[int]
    homoglyphs: dict[str, str]
    base_letters: dict[str, str]
    # Runs of characters that read as typed (printable ASCII, tab and line breaks), copied whole.
    plain_run: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_yaml("normalize.yaml")
    invisible: set[int] = set()
    for entry in data["invisible_ranges"]:
        first, _, last = str(entry).partition("..")
        invisible.update(range(int(first, 16), int(last or first, 16) + 1))
    homoglyphs = {str(source): str(target) for source, target in data["homoglyphs"].items()}
    base_letters = {str(source): str(target) for source, target in data["base_letters"].items()}
    if any(len(source) != 1 or len(target) != 1 for source, target in (*homoglyphs.items(), *base_letters.items())):
        raise ValueError("normalize.yaml: homoglyphs and base letters map one character to one character")
    plain = "".join(char for char in KEPT_CONTROLS + "".join(map(chr, range(0x20, 0x7F))) if ord(char) not in invisible)
    return _Rules(frozenset(invisible), homoglyphs, base_letters, re.compile(f"[{re.escape(plain)}]+"))


def _is_invisible(char: str, rules: _Rules) -> bool:
    return unicodedata.category(char) == "Cf" or ord(char) in rules.invisible


def _fold(cluster: str, rules: _Rules) -> str:
    """One base character and its combining marks, as detection should read them."""
    visible = "".join(char for char in cluster if not _is_invisible(char, rules))
    folded = []
    for char in unicodedata.normalize("NFKC", visible):
        if char.isascii():
            folded.append(" " if unicodedata.category(char) == "Cc" and char not in KEPT_CONTROLS else char)
        elif (digit := unicodedata.decimal(char, None)) is not None:
            folded.append(str(digit))  # Arabic-Indic, Devanagari, … digits NFKC leaves alone
        elif unicodedata.category(char) == "Cc":
            folded.append(" ")
        elif unicodedata.category(char) == "Cs":
            folded.append(REPLACEMENT)  # a lone surrogate (half an emoji from JavaScript): spaCy cannot encode it
        elif char in rules.base_letters:
            folded.append(rules.base_letters[char])
        elif ord(char) > 0xFF and char.isalpha() and (base := unicodedata.normalize("NFKD", char)[0]).isascii() and base.isalpha():
            # "Kōji", "Khải", "Ştefan": letters beyond Latin-1 read as their base letter, so that
            # name patterns stay within Latin-1 (wider character classes slow every regex down).
            folded.append(base)
        else:
            folded.append(char)
    return "".join(folded)


def _needs_folding(text: str) -> bool:
    return not text.isascii() or any(unicodedata.category(char) == "Cc" and char not in KEPT_CONTROLS for char in text)


@dataclass(frozen=True)
class NormalizedText:
    """`text` for detection; character i of it came from original[starts[i]:ends[i]]."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None  # None: text is the original, offsets are shared
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that text[start:end] (non-empty) came from."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    def restore(self, spans: Iterable[SpanT]) -> list[SpanT]:
        """`spans` (sorted, non-overlapping, on `text`) moved onto the original text. Two spans
        that split one original character (a ligature NFKC expanded) would overlap there: the
        later one is dropped, so the result stays non-overlapping."""
        restored: list[SpanT] = []
        for span in spans:
            start, end = self.original_span(span.start, span.end)
            if restored and start < restored[-1].end:
                continue
            restored.append(span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end))
        return restored


def normalize(text: str) -> NormalizedText:
    if not _needs_folding(text):
        return NormalizedText(text, text)
    rules = _rules()
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    while index < len(text):
        if run := rules.plain_run.match(text, index):
            # Its last character folds with the combining marks after it, if any.
            run_end = run.end() - (run.end() < len(text) and unicodedata.category(text[run.end()])[0] == "M")
            if run_end > index:
                pieces.append(text[index:run_end])
                starts.extend(range(index, run_end))
                ends.extend(range(index + 1, run_end + 1))
                index = run_end
                continue
        # A base character with its combining marks folds as one: NFKC composes "e\u0301" to "é".
        cluster_end = index + 1
        while cluster_end < len(text) and unicodedata.category(text[cluster_end])[0] == "M":
            cluster_end += 1
        folded = _fold(text[index:cluster_end], rules)
        pieces.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([cluster_end] * len(folded))
        index = cluster_end
    folded_text = _undisguise_words("".join(pieces), rules)
    return NormalizedText(text, folded_text, tuple(starts), tuple(ends))


def _undisguise_words(text: str, rules: _Rules) -> str:
    """Replace look-alike letters in words made only of Latin letters and look-alikes (one
    character for one, so the offset map is unchanged)."""
    homoglyphs = rules.homoglyphs

    def undisguise(match: re.Match[str]) -> str:
        word = match.group()
        if not any(char in homoglyphs for char in word):
            return word
        if not all(char in homoglyphs or _is_latin(char) for char in word):
            return word
        return "".join(homoglyphs.get(char, char) for char in word)

    return WORD.sub(undisguise, text)


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.category(char)[0] == "M" or unicodedata.name(char, "").startswith("LATIN ")
