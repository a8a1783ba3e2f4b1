"""Shared pieces of ClearPost's recognizers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

FLAGS = re.IGNORECASE | re.MULTILINE


class RegexRecognizer(LocalRecognizer):
    """A recognizer made of regexes whose named group `value` (or whole match) is the finding
    span; `span` chooses whether the finding covers the whole match (label included) or only
    the value."""

    def __init__(self, entity: str, patterns: Iterable[tuple[str, float]], name: str, cover_label: bool = True,
                 flags: int = FLAGS) -> None:
        self._patterns = [(re.compile(regex, flags), score) for regex, score in patterns]
        self._cover_label = cover_label
        super().__init__(supported_entities=[entity], name=name)

    def load(self) -> None:  # patterns are compiled in __init__
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        results = []
        for pattern, score in self._patterns:
            for match in pattern.finditer(text):
                group = "value" if "value" in pattern.groupindex else 0
                start, end = (match.start(), match.end(group)) if self._cover_label else match.span(group)
                if end > start:
                    results.append(RecognizerResult(entity, start, end, score))
        return results
