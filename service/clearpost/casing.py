"""Posts typed in capitals, re-cased for detection.

In "CONGRATS TO HARPREET KAUR ON FINISHING CHEMO!!!" every word looks like an acronym or a
name, so neither spaCy nor the name rules can tell which is which. A sentence that shouts is
read as the writer would have typed it in normal case: English words in lowercase, words no
vocabulary knows (names, mostly) capitalised, short acronyms left as they are. The change keeps
every character in place, so findings need no mapping back.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import load_yaml, word_list
from .recognizers.census import census_names
from .recognizers.vocabulary import is_english_word
from .sentences import Sentences

CAPITALS_WORD = re.compile(r"\b[A-Z][A-Z'’]+\b")
LETTER = re.compile(r"[A-Za-z]")
VOWEL = re.compile(r"[AEIOUY]")
# HL7's field and component separators together: "|…^".
CODED_DATA = re.compile(r"\|[^\s|]*\^")
# A paragraph shouts when at least this share of its letters are capitals (and it has some words).
SHOUTING_SHARE = 0.65
MIN_LETTERS = 12


@cache
def _everyday_names() -> frozenset[str]:
    """Census names that are also everyday words or clinical shorthand ("BILL", "AMA", "PA")."""
    return word_list("ambiguous_names.txt") | word_list("not_names.txt") \
        | frozenset(load_yaml("name_candidates.yaml")["extra_words"]) | frozenset(w for w in census_names("first") if len(w) <= 3 and is_english_word(w))


def _recase(match: re.Match[str]) -> str:
    word = match.group()
    lowered = word.lower()
    if lowered == "i":
        return "I"
    english = is_english_word(lowered) or lowered in STOP_WORDS
    # A census first name stays a name ("FLO", "DAVID"), unless it is also an everyday word ("BILL").
    if len(word) >= 3 and lowered in census_names("first") and lowered not in _everyday_names() and lowered not in STOP_WORDS:
        return word[0] + lowered[1:]
    if english:
        return lowered
    # "HFNC", "ICU", "CT": no vowel, or too short to be a name.
    if len(word) <= 3 or not VOWEL.search(word):
        return word
    return word[0] + lowered[1:]


def _shouts(sentence: str) -> bool:
    """Whether the sentence is typed in capitals; a pasted HL7 message is data in capitals as
    its standard writes it ("PID|1||…||AL-SABBAGH^FADWA^N||…^CT^06460"), not shouting."""
    if CODED_DATA.search(sentence):
        return False
    letters = LETTER.findall(sentence)
    return len(letters) >= MIN_LETTERS and sum(c.isupper() for c in letters) >= SHOUTING_SHARE * len(letters)


def unshout(paragraph: str) -> str:
    """The paragraph with each sentence typed in capitals put in normal case ("RAJESH YOU
    ABSOLUTE LEGEND. Six months after…"); other sentences unchanged."""
    if sum(map(str.isupper, paragraph)) < MIN_LETTERS * SHOUTING_SHARE:
        return paragraph  # most paragraphs: too few capitals for any sentence to shout
    sentences = (paragraph[start:end] for start, end in Sentences(paragraph).with_breaks())
    return "".join(CAPITALS_WORD.sub(_recase, sentence) if _shouts(sentence) else sentence for sentence in sentences)
