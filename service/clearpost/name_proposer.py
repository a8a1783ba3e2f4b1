"""Proposes the names the rules missed: a learned reading of every word no finding covers.

The rules take a word for a name on evidence they can state (a census name, a title, "my
patient X", "X's daughter"). Some names come with none they know: a word-name ("Sparrow was
discharged"), a surname after a first name they did not take, a name in a hashtag they do not
know ("#TeamBasalt"). This logistic model, trained with the second opinion on the hand-annotated
corpora (scripts/train-second-opinion), reads each word the rules left alone, hashtags word by
word: its spelling, whether the census or the dictionary knows it, the words on either side and
the kinds of PHI found in the post. It proposes the word as a name when its chance of being one
reaches the threshold in data/second_opinion.yaml, and every other mention of it with it.
Lowercase dictionary words are never read: "hope", "dot" and "jot" are far more often words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import load_yaml, word_list
from .recognizers.census import census_names
from .recognizers.vocabulary import is_english_word, not_name_words
from .second_opinion import Span, load_weights, probability

WEIGHTS_FILE = "name_proposer_weights.tsv"
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words in handles, e-mail addresses and links are read by their own recognizers.
NOT_PROSE = re.compile(r"@\w+|\S*(?:://|www\.|@|/)\S*")
# A hashtag is read word by word ("#TeamBasalt" → "Team", "Basalt"): a name is often one of them.
HASHTAG = re.compile(r"#\w+")
# What a name's span leaves out: "Sparrow's" → "Sparrow".
NAME_TAIL = re.compile(r"(?:['’]s|['’-])$")
SENTENCE_END_BEFORE = re.compile(r"(?:^|[.!?:\n]\s*)$")
NEIGHBOURS = (-2, -1, 1, 2)


# Both are asked of every word of every post typed, and the same words keep coming back.
@lru_cache(maxsize=16384)
def is_candidate(word: str) -> bool:
    """A word that could be a name: no stop word, nothing the rules know is never a name, and no
    lowercase English word unless the census knows it as a first name ("jade", "rose")."""
    lowered = word.lower()
    if lowered in STOP_WORDS or NAME_TAIL.sub("", lowered) in never_a_name():
        return False
    return not word.islower() or not is_english_word(lowered) or lowered in census_names("first")


@cache
def never_a_name() -> frozenset[str]:
    """What the rules know is no patient's name, and public figures known by one word."""
    return not_name_words() | frozenset(name for name in word_list("public_figures.txt") if " " not in name)


def _shape(word: str) -> str:
    """"McAllister" → "XxXxx", "jip" → "xx", "Tomás" → "Xxx": the spelling pattern, runs capped at two."""
    shape = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)[:6]


def _char(char: str) -> str:
    """A neighbouring character as a feature names it (the weights file is one feature per line)."""
    return {"": "none", "\n": "newline"}.get(char, "space" if char.isspace() else char)


@lru_cache(maxsize=16384)
def _known_as(word: str) -> str:
    """Which vocabularies know the word (census First and Last names, English) and its case."""
    lowered = NAME_TAIL.sub("", word.lower())
    return "".join(mark for mark, known in (("F", lowered in census_names("first")), ("L", lowered in census_names("last")),
                                             ("E", is_english_word(lowered))) if known) + "|" + _shape(word)[:2]


class Word(NamedTuple):
    start: int
    end: int
    text: str
    in_hashtag: bool


def hashtag_words(text: str, start: int, end: int) -> list[Word]:
    """The words of the hashtag text[start:end] ("#TeamBasalt4Ever" → "Team", "Basalt", "Ever"):
    a capital starts a word, a digit ends one; a hashtag in capitals is one word."""
    words, begin = [], None
    for i in range(start + 1, end + 1):
        char = text[i] if i < end else ""
        if begin is not None and (not char.isalpha() or char.isupper() and not text[i - 1].isupper()):
            words.append(Word(begin, i, text[begin:i], True))
            begin = None
        if begin is None and char.isalpha():
            begin = i
    return words


@dataclass(frozen=True)
class Post:
    """A post as the proposer reads it: its words, the rules' findings and where names never are."""
    text: str
    words: list[Word]
    findings: Sequence[Span]
    excluded: list[tuple[int, int]]

    @classmethod
    def read(cls, text: str, findings: Sequence[Span], never_names: Sequence[tuple[int, int]]) -> Post:
        hashtags = [m.span() for m in HASHTAG.finditer(text)]
        words = [Word(m.start(), m.end(), m.group(), False) for m in WORD.finditer(text)
                 if not any(s <= m.start() < e for s, e in hashtags)]
        words = sorted(words + [word for span in hashtags for word in hashtag_words(text, *span)])
        return cls(text, words, findings, [m.span() for m in NOT_PROSE.finditer(text)] + list(never_names))

    def covered(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.findings)

    def candidates(self, covered_too: bool = False) -> list[int]:
        """Indexes of the words the model reads: those no finding covers (all of them to train it)."""
        return [i for i, word in enumerate(self.words)
                if is_candidate(word.text) and not any(s < word.end and word.start < e for s, e in self.excluded)
                and (covered_too or not self.covered(word.start, word.end))]

    def features(self, index: int) -> dict[str, float]:
        start, end, spelled, in_hashtag = self.words[index]
        lowered = NAME_TAIL.sub("", spelled.lower())
        text = self.text
        found = {"bias": 1.0, f"shape={_shape(spelled)}": 1.0, f"suffix={lowered[-3:]}": 1.0, f"length={min(len(lowered), 8)}": 1.0,
                 f"known={_known_as(spelled)}": 1.0}
        if in_hashtag:
            # Its neighbours in the hashtag say more than the letters beside it ("Team…", "…Strong").
            found["in_hashtag"] = 1.0
            found[f"hashtag_{'start' if text[start - 1] == '#' else 'middle'}"] = 1.0
        else:
            found[f"before_char={_char(text[start - 1:start])}"] = found[f"after_char={_char(text[end:end + 1])}"] = 1.0
            if SENTENCE_END_BEFORE.search(text, max(0, start - 3), start):
                found["sentence_start"] = 1.0
        for offset in NEIGHBOURS:
            j = index + offset
            found[f"word{offset:+d}={self.words[j].text.lower() if 0 <= j < len(self.words) else '<none>'}"] = 1.0
        for j, side in ((index - 1, "before"), (index + 1, "after")):
            if 0 <= j < len(self.words):
                found[f"{side}_known={_known_as(self.words[j].text)}"] = 1.0
        for entity in {f.entity for f in self.findings}:
            found[f"with={entity}"] = 1.0
        # A surname beside a first name the rules found ("Winona Bull Tail"), or the same word
        # found as a name elsewhere in the post.
        names = [f for f in self.findings if f.entity == "PERSON" and not (f.start < end and start < f.end)]
        for j, side in ((index - 1, "after_name"), (index + 1, "before_name")):
            if 0 <= j < len(self.words):
                other = self.words[j]
                gap = text[min(end, other.end):max(start, other.start)]
                if gap.strip(" ") == "" and any(f.start < other.end and other.start < f.end for f in names):
                    found[side] = 1.0
        if any(text[f.start:f.end].lower() == lowered for f in names):
            found["named_elsewhere"] = 1.0
        return found


@dataclass(frozen=True)
class NameProposer:
    weights: dict[str, float]
    threshold: float

    @classmethod
    def load(cls, weights: dict[str, float] | None = None) -> NameProposer:
        """The shipped model, or these weights (training) with the shipped threshold."""
        return cls(load_weights(WEIGHTS_FILE) if weights is None else weights, load_yaml("second_opinion.yaml")["propose_names"])

    def probabilities(self, post: Post) -> dict[int, float]:
        """Each uncovered candidate word's chance of being a name, by its index."""
        return {i: probability(self.weights, post.features(i)) for i in post.candidates()}

    def propose(self, text: str, findings: Sequence[Span], never_names: Sequence[tuple[int, int]]) -> list[tuple[int, int, float]]:
        """Names no finding covers, as (start, end, probability), in order; neighbouring words as one."""
        post = Post.read(text, findings, never_names)
        chances = self.probabilities(post)
        return names_above(post, chances, self.threshold)


def names_above(post: Post, chances: dict[int, float], threshold: float) -> list[tuple[int, int, float]]:
    """The words at or above the threshold and every other mention of them, neighbours joined."""
    def spelled(i: int) -> str:
        return NAME_TAIL.sub("", post.words[i].text)

    chosen = {i for i, chance in chances.items() if chance >= threshold}
    spellings = {spelled(i) for i in chosen}
    chosen |= {i for i in chances if spelled(i) in spellings}
    spans: list[tuple[int, int, float]] = []
    for i in sorted(chosen):
        start = post.words[i].start
        end = start + len(spelled(i))
        chance = max(chances[i], threshold)
        # Words of one name: "Sparrow Quill", "#TeamNakashimaReyes".
        if spans and post.text[spans[-1][1]:start] in (" ", ""):
            spans[-1] = (spans[-1][0], end, max(spans[-1][2], chance))
        else:
            spans.append((start, end, chance))
    return spans
