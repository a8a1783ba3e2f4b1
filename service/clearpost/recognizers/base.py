"""Shared pieces of ClearPost's recognizers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, load_context
from ..sentences import sentences_of

FLAGS = re.IGNORECASE | re.MULTILINE


class PatientCues:
    """Whether the sentence around a position speaks of a patient (data/context.yaml)."""

    def __init__(self) -> None:
        context = load_context()
        self._cues = PhraseMatcher(context["patient_cues"])
        self._shorthand = re.compile(context["patient_shorthand_regex"])

    def in_sentence(self, text: str, index: int) -> bool:
        start, end = sentences_of(text).bounds(index)
        sentence = text[start:end]
        return next(self._cues.find(sentence), None) is not None or self._shorthand.search(sentence) is not None


class RegexRecognizer(LocalRecognizer):
    """A recognizer made of regexes whose named group `value` (or whole match) is the finding
    span; `cover_label` chooses whether the finding covers the whole match (label included, so the
    fix removes "MRN 4482913") or only the value, for the recognizer or for one pattern (a third
    item in its tuple)."""

    def __init__(self, entity: str, patterns: Iterable[tuple[str, float] | tuple[str, float, bool]], name: str,
                 cover_label: bool = True, flags: int = FLAGS) -> None:
        self._patterns = [(re.compile(regex, flags), score, covers[0] if covers else cover_label)
                          for regex, score, *covers in patterns]
        super().__init__(supported_entities=[entity], name=name)

    def load(self) -> None:  # patterns are compiled in __init__
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        results = []
        for pattern, score, cover_label in self._patterns:
            for match in pattern.finditer(text):
                group = "value" if "value" in pattern.groupindex else 0
                start, end = (match.start(), match.end(group)) if cover_label else match.span(group)
                if end > start:
                    results.append(RecognizerResult(entity, start, end, score))
        return results
