"""Full dates (DATE, direct) and partial or relative dates of a patient event (RELATIVE_DATE)."""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import load_yaml
from .base import PatientCues

# "today" or "tonight": the day the post is written, which dates a patient's event only when the
# sentence names that patient (the engine decides, see Detector._select).
DAY_CANDIDATE = "DAY_CANDIDATE"
# The word lists of data/dates.yaml that its regexes name by placeholder ("month" as {MONTH}).
WORD_LISTS = ("month", "weekday", "spanish_month", "other_month", "ordinal_day", "religious_month")
# "on March 3" → the fix reads "recently", not "on recently".
# "DOB 04/11/1961" → the label goes with the date, so the fix leaves no dangling "DOB".
LEADING_PREPOSITION = re.compile(r"\b(?:on|on\s+the|dob\s*[:#]?|d\.o\.b\.?\s*:?|date\s+of\s+birth\s*:?)\s*$", re.IGNORECASE)


def _valid(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else 1
    day = int(groups["d"]) if groups.get("d") else 1
    # Day first too: "14.03.2024", "30/06/1952" outside the US.
    return 1 <= day <= 31 and (1 <= month <= 12 or 1 <= day <= 12 and month <= 31)


class PatientDateRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("dates.yaml")
        fills = {f"{{{key.upper()}}}": spec[key] for key in WORD_LISTS}

        def compile_all(regexes: list[str]) -> list[re.Pattern[str]]:
            compiled = []
            for regex in regexes:
                for placeholder, words in fills.items():
                    regex = regex.replace(placeholder, words)
                compiled.append(re.compile(regex, re.IGNORECASE))
            return compiled

        self._by_entity = [("DATE", compile_all(spec["full"]), 0.95), ("RELATIVE_DATE", compile_all(spec["relative"]), 0.6),
                           ("RELATIVE_DATE", compile_all(spec["relative_in_patient_sentence"]), 0.6),
                           (DAY_CANDIDATE, compile_all(spec["day_of_writing"]), 0.5)]
        self._needs_patient_sentence = self._by_entity[-1][1]
        self._patient_cues = PatientCues()
        self._not_after, self._not_before = compile_all([spec["not_dates_after"], spec["not_dates_before"]])
        super().__init__(supported_entities=["DATE", "RELATIVE_DATE", DAY_CANDIDATE], name="date")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        claimed: list[tuple[int, int]] = []
        for entity, patterns, score in self._by_entity:
            for pattern in patterns:
                for match in pattern.finditer(text):
                    start, end = match.span("date" if "date" in pattern.groupindex else 0)
                    if not _valid(match) or self._not_after.match(text[end:]) or \
                            self._not_before.search(text, max(0, start - 20), start):
                        continue
                    if any(s <= start and end <= e for s, e in claimed):
                        continue  # "March 14" inside "March 14, 2025"
                    if patterns is self._needs_patient_sentence and not self._patient_cues.in_sentence(text, start):
                        continue
                    preposition = LEADING_PREPOSITION.search(text, 0, start)
                    if preposition and preposition.end() == start:
                        start = preposition.start()
                    claimed.append((start, end))
                    results.append(RecognizerResult(entity, start, end, score))
        return results
