"""Social-media handles of patients (HANDLE)."""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, load_yaml


class HandleRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("handles.yaml")
        self._handle = re.compile(spec["regex"])
        self._window = spec["window"]
        self._cues = PhraseMatcher(spec["account_cues"])
        self._institutional = tuple(spec["institutional_parts"])
        super().__init__(supported_entities=["HANDLE"], name="handle")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in self._handle.finditer(text):
            handle = match.group()[1:].lower()
            if any(part in handle for part in self._institutional):
                continue
            window = text[max(0, match.start() - self._window):match.end() + self._window]
            if next(self._cues.find(window), None) is not None:
                results.append(RecognizerResult("HANDLE", match.start(), match.end(), 0.8))
        return results
