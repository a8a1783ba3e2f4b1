"""Hospitals and clinics (HOSPITAL) and named wards (DEPARTMENT)."""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, load_yaml


def _written_as_name(span: str) -> bool:
    words = [w for w in span.split() if w.lower() != "the"]
    return bool(words) and words[0][0].isupper()


class FacilityRecognizer(LocalRecognizer):
    def __init__(self, extra_facilities: tuple[str, ...] = ()) -> None:
        spec = load_yaml("facilities.yaml")
        self._known = PhraseMatcher(list(spec["known"]) + list(extra_facilities))
        self._regexes = [re.compile(regex) for regex in spec["regexes"]]
        self._not_facilities = {term.lower() for term in spec["not_facilities"]}
        self._generic_prefixes = frozenset(spec["generic_facility_prefixes"])
        self._department = re.compile(spec["department_regex"])
        self._not_after = re.compile(spec["not_facility_after"])
        super().__init__(supported_entities=["HOSPITAL", "DEPARTMENT"], name="facility")

    def load(self) -> None:
        pass

    def _is_generic(self, name: str) -> bool:
        """A not-facility ("Behavioral Health"), alone or after generic words only ("Pediatric
        Mental Health"); a proper name before it makes a facility ("Glenhaven Behavioral Health")."""
        for term in self._not_facilities:
            if name == term or (name.endswith(" " + term) and all(
                    word in self._generic_prefixes for word in name[:-len(term)].split())):
                return True
        return False

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        # Known names are matched case-insensitively but must be written as names: "Sharp" and
        # "Banner" are hospitals, "sharp as a tack" and "a banner" are not.
        results = [RecognizerResult("HOSPITAL", start, end, 0.85) for start, end, _ in self._known.find(text)
                   if _written_as_name(text[start:end]) and not self._not_after.match(text, end)]
        for regex in self._regexes:
            for match in regex.finditer(text):
                name = match.group()
                if self._is_generic(name.lower()):
                    continue
                if self._not_after.match(text, match.end()):
                    continue
                results.append(RecognizerResult("HOSPITAL", match.start(), match.end(), 0.75))
        for match in self._department.finditer(text):
            results.append(RecognizerResult("DEPARTMENT", *match.span("value" if match.group("value") else "value2"), 0.6))
        return results
