"""Vocabulary files under data/ and fast whole-word phrase matching over them.

Word lists are plain text (one entry per line, `#` starts a comment) so that a reviewer or a
hospital can read and extend them without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

DATA_PACKAGE = "clearpost.data"


def data_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    # libyaml's parser when PyYAML has it: same data, 10x faster, which counts at start-up.
    return yaml.load(data_text(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the words, the longest where several match ("sons", not "son").

    Written as a trie ("gr(?:and(?:ma|pa)|anny)") rather than a flat "a|b|c": Python's regex engine
    tries a flat alternation word by word at every position, and the relation-word cues run at
    every word of every post."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) > 1:
        body = f"(?:{'|'.join(branches)})"
    else:
        body = branches[0] if len(branches[0]) == 1 or "" not in node else f"(?:{branches[0]})"
    # Greedy: a longer word is tried before the word that ends here.
    return f"{body}?" if "" in node else body


@cache
def word_placeholders() -> dict[str, str]:
    """The regexes that rules name by placeholder: {RELATION} (context.yaml's relation_words),
    {FAMILY} (family_words after an optional family_adjectives word) and {NUMBER} (ages.yaml's
    number words). Each list is written once and read by every rule that needs it."""
    context = load_yaml("context.yaml")
    number_words = load_yaml("ages.yaml")["number_words"]
    return {
        "{RELATION}": f"(?:{alternation(context['relation_words'])})",
        "{FAMILY}": rf"(?:(?:{alternation(context['family_adjectives'])})\s+)?(?:{alternation(context['family_words'])})",
        "{NUMBER}": f"(?:{alternation([*number_words['units'], *number_words['tens']])})",
    }


def fill_placeholders(regex: str) -> str:
    for placeholder, words in word_placeholders().items():
        regex = regex.replace(placeholder, words)
    return regex


@cache
def load_context() -> dict[str, Any]:
    """data/context.yaml with its regexes' placeholders filled, and each phrase written
    "my {FAMILY_WORD}" listed once for every family word ("my wife", "my kids"…)."""
    context = load_yaml("context.yaml")

    def fill(value: Any) -> Any:
        if isinstance(value, list):
            return [filled for item in value for filled in _per_family_word(fill(item), context["family_words"])]
        if isinstance(value, str):
            return fill_placeholders(value)
        return value

    return {key: fill(value) for key, value in context.items()}


def _per_family_word(value: Any, family_words: list[str]) -> list[Any]:
    if isinstance(value, str) and "{FAMILY_WORD}" in value:
        return [value.replace("{FAMILY_WORD}", word) for word in family_words]
    return [value]


@cache
def word_list(name: str) -> frozenset[str]:
    """Lower-cased entries of a one-per-line list in data/."""
    entries = (line.split("#", 1)[0].strip().lower() for line in data_text(name).splitlines())
    return frozenset(entry for entry in entries if entry)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class PhraseMatcher:
    """Finds every listed phrase in a text in one pass (Aho-Corasick), case-insensitively,
    keeping only matches that start and end on word boundaries."""

    def __init__(self, phrases: Iterable[str], value: Any = None) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase in phrases:
            key = phrase.lower()
            if key:
                self._automaton.add_word(key, (len(key), value))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, lowered: str | None = None) -> Iterator[tuple[int, int, Any]]:
        """Yield (start, end, value) of every whole-word match, longest first at each start."""
        if self._empty:
            return
        haystack = lowered if lowered is not None else text.lower()
        # str.lower() can change length for a few characters (e.g. 'İ'); matching is then skipped
        # rather than risking offsets that do not point at the original text.
        if len(haystack) != len(text):
            return
        for end_index, (length, value) in self._automaton.iter(haystack):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
            yield start, end, value


@cache
def list_matcher(name: str) -> PhraseMatcher:
    return PhraseMatcher(word_list(name))
