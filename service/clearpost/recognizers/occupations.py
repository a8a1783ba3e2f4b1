"""The patient's profession, employer or school (OCCUPATION)."""

from __future__ import annotations

import csv
import io
import re
from functools import cache

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, data_text, load_yaml

LOOKBEHIND = 40
NAMED_MODIFIERS = re.compile(r"(?<=\s)(?:(?!(?:A|An|The|He|She|My|Our|His|Her)\s)[A-Z][\w&'’-]*\s+){1,2}$")


@cache
def occupation_generalisations() -> dict[str, str]:
    rows = csv.DictReader(io.StringIO("\n".join(line for line in data_text("occupations.csv").splitlines()
                                                 if not line.startswith("#"))))
    return {row["term"].lower(): row["generalisation"] for row in rows}


class OccupationRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("patient_context_phrases.yaml")
        self._terms = PhraseMatcher(occupation_generalisations())
        self._before = re.compile(spec["occupation_before"], re.IGNORECASE)
        self._not_before = re.compile(spec["occupation_not_before"], re.IGNORECASE)
        self._staff_before = re.compile(spec["staff_before"], re.IGNORECASE)
        self._staff_jobs = frozenset(spec["staff_jobs"])
        self._school = re.compile(spec["school_regex"])
        self._employer_after = re.compile(spec["employer_after_occupation"])
        self._employer = re.compile(spec["employer_regex"])
        self._regexes = [re.compile(regex) for regex in spec["occupation_regexes"]]
        super().__init__(supported_entities=["OCCUPATION"], name="occupation")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for start, end, _ in self._terms.find(text):
            before = text[max(0, start - LOOKBEHIND):start]
            staff = text[start:end].lower() in self._staff_jobs and self._staff_before.search(before)
            if self._before.search(before) and not self._not_before.search(before) and not staff:
                # "a pilot for Delta": the employer narrows it further, so the fix takes both.
                employer = self._employer_after.match(text, end)
                # "retired Navy submariner", "Boeing engineer": the named employer before the job goes too.
                named_employer = NAMED_MODIFIERS.search(before)
                if named_employer:
                    start -= len(before) - named_employer.start()
                results.append(RecognizerResult("OCCUPATION", start, employer.end() if employer else end, 0.7))
        for match in self._school.finditer(text):
            results.append(RecognizerResult("OCCUPATION", match.start(), match.end(), 0.7))
        for regex in (self._employer, *self._regexes):
            for match in regex.finditer(text):
                results.append(RecognizerResult("OCCUPATION", *match.span("value"), 0.65))
        return results
