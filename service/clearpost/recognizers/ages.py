"""Ages in clinical shorthand: "94 yo", "67F", "a 6-week-old", "in her 90s".

HIPAA treats an age over 89 as a direct identifier (AGE_OVER_89); any other patient age is a
quasi-identifier (AGE).
"""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import load_yaml

MAX_PLAUSIBLE_AGE = 120
LOOKAROUND = 30


class AgeRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("ages.yaml")
        self._patterns = [
            (re.compile(entry["regex"], 0 if entry.get("case_sensitive") else re.IGNORECASE), entry.get("span", "match"))
            for entry in spec["patterns"]
        ]
        self._not_before = [re.compile(regex, re.IGNORECASE) for regex in spec["not_patient_before"]]
        self._not_after = [re.compile(regex, re.IGNORECASE) for regex in spec["not_patient_after"]]
        self._my_own_before = re.compile(spec["my_own_before"], re.IGNORECASE)
        self._patient_after = re.compile(spec["patient_after"], re.IGNORECASE)
        super().__init__(supported_entities=["AGE", "AGE_OVER_89"], name="age")

    def load(self) -> None:
        pass

    def _is_not_patient(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - LOOKAROUND):start]
        after = text[end:end + LOOKAROUND]
        if self._my_own_before.search(before) and not self._patient_after.search(after):
            return True
        return any(p.search(before) for p in self._not_before) or any(p.search(after) for p in self._not_after)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for pattern, span in self._patterns:
            for match in pattern.finditer(text):
                group = "age" if match.group("age") else "age2"
                age = int(match.group(group))
                unit = (match.groupdict().get("unit") or match.groupdict().get("unit2") or "year").lower()
                if age == 0 or age > MAX_PLAUSIBLE_AGE or self._is_not_patient(text, match.start(), match.end()):
                    continue
                in_years = unit.startswith("y")
                decade = match.groupdict().get("decade")
                entity = "AGE_OVER_89" if in_years and age > 89 and not decade else "AGE"
                start, end = match.span("decade") if decade else match.span("age") if span == "age" else match.span()
                results.append(RecognizerResult(entity, start, end, 0.9))
        return results
