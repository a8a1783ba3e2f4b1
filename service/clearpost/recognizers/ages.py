"""Ages in clinical shorthand: "94 yo", "67F", "a 6-week-old", "in her 90s", "ninety-one".

HIPAA treats an age over 89 as a direct identifier (AGE_OVER_89); any other patient age is a
quasi-identifier (AGE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import fill_placeholders, load_context, load_yaml, word_list
from .census import census_names
from .vocabulary import is_english_word

MAX_PLAUSIBLE_AGE = 120
# An age over 89 in digits, below MAX_PLAUSIBLE_AGE.
OVER_89 = r"(?:9\d|1[01]\d)"
LOOKAROUND = 30


class NumberWords:
    """Numbers up to 199 written in words ("ninety-one", "a hundred and two")."""

    def __init__(self, units: dict[str, int], tens: dict[str, int]) -> None:
        self._values = {**units, **tens}
        unit = "|".join(sorted(units, key=len, reverse=True))
        ten = "|".join(tens)
        below_hundred = rf"(?:(?:{ten})(?:[\s-](?:{unit}))?|{unit})"
        self.regex = rf"(?:(?:a|one)[\s-]hundred(?:(?:\s+and)?[\s-]{below_hundred})?|{below_hundred})"
        # From ninety to a hundred and ninety-nine: over 89 whatever the words.
        self.over_89 = rf"(?:ninety(?:[\s-](?:{unit}))?|(?:a|one)[\s-]hundred(?:(?:\s+and)?[\s-]{below_hundred})?)"

    def value(self, words: str) -> int:
        total = 0
        for word in re.split(r"[\s-]+", words.lower()):
            if word == "hundred":
                total = max(total, 1) * 100 if total <= 1 else total * 100
            elif word in self._values:
                total += self._values[word]
        return total


@cache
def _vocabulary() -> tuple[NumberWords, dict[str, int], dict[str, int]]:
    spec = load_yaml("ages.yaml")
    return NumberWords(spec["number_words"]["units"], spec["number_words"]["tens"]), spec["decade_words"], spec["age_nouns"]


def age_in(span: str) -> int | None:
    """The age a finding's text states: "94 yo" → 94, "ninety-one" → 91, "forties" → 40,
    "nonagenarian" → 90."""
    words, decades, nouns = _vocabulary()
    if digits := re.search(r"\d{1,3}", span):
        return int(digits.group())
    lowered = span.lower()
    for table in (nouns, decades):
        if found := next((value for word, value in table.items() if word in lowered), None):
            return found
    if spelled := re.search(words.regex, lowered):
        return words.value(spelled.group())
    return None


@dataclass(frozen=True)
class AgePattern:
    """One entry of ages.yaml's `patterns`."""
    regex: re.Pattern[str]
    span: str | None
    who_is_first_name: bool
    needs_words_or_unit: bool
    # Whether "from", "after"… are looked for before the finding rather than before the whole
    # match: "came to us from there, 97," is an age after a word, not "from 97".
    judged_from_span: bool
    # Written as a chart writes a patient ("67M"): never the writer's own child, even after "my".
    charted: bool


class AgeRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("ages.yaml")
        self._words, self._decades, self._nouns = _vocabulary()
        number = rf"(?:\d{{1,3}}(?:\.\d)?|{self._words.regex})"
        decade = "|".join(self._decades)

        def expand(regex: str) -> str:
            return fill_placeholders(regex.replace("{N}", number).replace("{WORDS}", self._words.regex)
                                     .replace("{DECADE}", decade).replace("{OVER_89}", OVER_89)
                                     .replace("{OVER_89_WORDS}", self._words.over_89))

        self._patterns = [
            AgePattern(re.compile(expand(entry["regex"]), 0 if entry.get("case_sensitive") else re.IGNORECASE), entry.get("span"),
                       bool(entry.get("who_is_first_name")), bool(entry.get("needs_words_or_unit")),
                       bool(entry.get("judged_from_span")), bool(entry.get("charted")))
            for entry in spec["patterns"]
        ]
        # "Barbara was 92" but not "my son was 8": the census lists "Son" as a first name.
        context = load_context()
        self._not_names = word_list("not_names.txt") | set(context["relation_words"]) | set(context["role_words"])
        self._first_names = census_names("first") - word_list("ambiguous_names.txt") \
            - set(context["relation_words"]) - set(context["role_words"])
        self._not_before = [re.compile(expand(regex), re.IGNORECASE) for regex in spec["not_patient_before"]]
        self._not_after = [re.compile(regex, re.IGNORECASE) for regex in spec["not_patient_after"]]
        self._my_own_before = re.compile(spec["my_own_before"], re.IGNORECASE)
        self._patient_after = re.compile(spec["patient_after"], re.IGNORECASE)
        self._relative_after = re.compile(expand(spec["relative_after"]), re.IGNORECASE)
        super().__init__(supported_entities=["AGE", "AGE_OVER_89"], name="age")

    def load(self) -> None:
        pass

    def _is_not_patient(self, text: str, match: re.Match[str], start: int, end: int, age: int, pattern: AgePattern) -> bool:
        """Whether the age is the writer's or guidance: judged around the whole match (or the
        finding), and for "my …" around the finding itself ("my 6yo" is the writer's child, "my
        patient (92)" and "my 67M" not)."""
        opening = start if pattern.judged_from_span else match.start()
        before = text[max(0, opening - LOOKAROUND):opening]
        after = text[match.end():match.end() + LOOKAROUND]
        # "my 92-year-old with an SCC" is a patient: the writer's family that old is named so
        # ("my 92-year-old grandmother").
        after_finding = text[end:end + LOOKAROUND]
        if not pattern.charted and self._my_own_before.search(text, max(0, start - LOOKAROUND), start) \
                and not self._patient_after.search(after_finding) \
                and (age <= 89 or self._relative_after.search(after_finding)):
            return True
        return any(p.search(before) for p in self._not_before) or any(p.search(after) for p in self._not_after)

    def _age_of(self, match: re.Match[str]) -> int:
        groups = match.groupdict()
        if groups.get("noun"):
            return self._nouns[groups["noun"].lower()]
        if groups.get("decade") and groups["decade"].lower() in self._decades:
            return self._decades[groups["decade"].lower()]
        number = groups.get("age") or groups.get("age2")
        return int(float(number)) if number[0].isdigit() else self._words.value(number)

    def _is_first_name(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in self._first_names or (word[0].isupper() and not is_english_word(word) and lowered not in self._not_names)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for pattern in self._patterns:
            span = pattern.span
            for match in pattern.regex.finditer(text):
                if pattern.who_is_first_name and not self._is_first_name(match.group("who")):
                    continue
                if pattern.needs_words_or_unit and match.group("age").isdigit() and not match.group("unit"):
                    continue
                age = self._age_of(match)
                unit = (match.groupdict().get("unit") or match.groupdict().get("unit2") or "year").lower()
                decade = match.groupdict().get("decade")
                start, end = match.span("decade") if decade else match.span(span) if span else match.span()
                if age == 0 or age > MAX_PLAUSIBLE_AGE or self._is_not_patient(text, match, start, end, age, pattern):
                    continue
                # A decade ("her 90s") is already generalised; a noun ("nonagenarian") is not.
                entity = "AGE_OVER_89" if unit.startswith("y") and age > 89 and not decade else "AGE"
                results.append(RecognizerResult(entity, start, end, 0.9))
        return results
