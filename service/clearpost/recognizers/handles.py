"""Social-media handles of patients (HANDLE).

A handle is a direct identifier, so it is flagged by default. The handles of organisations and
clinicians (@NEJM, @CDCgov, @DrNkemOkafor, @drjones_md), told by the words they are made of, are
left alone. A handle being thanked or congratulated ("Shoutout to @x") with nothing around it
that speaks of a patient is reported with a lower score: as often a patient's ("shoutout to
@lolo_walks_again who just sent me a video of her first 100 steps") as a colleague's, it is left
to the second opinion, which reads the words around it.
"""

from __future__ import annotations

import re
from functools import cache

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, load_yaml
from ..sentences import sentences_of
from .census import census_names

# "ACCinTouch" → acc, in, touch; "US_FDA" → us, fda; "DrNkemOkafor" → dr, nkem, okafor.
HANDLE_WORD = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|\d+")


# A leading or trailing run of capitals is an acronym even when a lowercase word follows it
# ("ACCinTouch", "CDCgov"), which camelCase splitting alone gets wrong.
EDGE_ACRONYMS = re.compile(r"^[A-Z]{2,}|(?<=[a-z_.])[A-Z]{2,}$")


def handle_words(handle: str) -> list[str]:
    return [word.lower() for word in HANDLE_WORD.findall(handle) + EDGE_ACRONYMS.findall(handle)]


SCORE = 0.8
ACKNOWLEDGED_SCORE = 0.5

ACRONYM = re.compile(r"[A-Z]{2,}")
# "@DrSamira", "@dr_okafor", "@drsamira_k": "dr" before a capital, a separator or a name.
CLINICIAN_PREFIX = re.compile(r"(?i:dr)(?P<rest>[A-Z]|[._](?=[A-Za-z])|(?P<name>[a-z]+))")


@cache
def _name_prefixes() -> tuple[str, ...]:
    """Census first names of four letters and more, and last names of five and more: long enough
    that a handle beginning "dr" and one of them is a clinician's, not a word ("@dreadnought")."""
    return tuple(name for name in census_names("first") if len(name) >= 4) \
        + tuple(name for name in census_names("last") if len(name) >= 5)


class HandleRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("handles.yaml")
        self._handle = re.compile(spec["regex"])
        self._window = spec["window"]
        self._account_cues = PhraseMatcher(spec["account_cues"])
        self._not_patient_cues = PhraseMatcher(spec["not_patient_cues"])
        self._institutional_words = frozenset(spec["institutional_words"])
        self._institutional_parts = tuple(spec["institutional_parts"])
        super().__init__(supported_entities=["HANDLE"], name="handle")

    def load(self) -> None:
        pass

    @staticmethod
    def _clinician_prefix(handle: str) -> bool:
        """Whether a handle is "dr" and a name ("@drsamira_k"), not a word ("@dreadnought_rex")."""
        match = CLINICIAN_PREFIX.match(handle)
        if match is None:
            return False
        name = match.group("name")
        return name is None or name in census_names("first") or name in census_names("last") \
            or name.startswith(_name_prefixes())  # "@drmirandaflaps", "@drpatelhr"

    def _is_institutional(self, handle: str) -> bool:
        # An acronym in capitals is an organisation's (@AAFP, @NOSORH, @ASNKidney, @MarrowValleyIT),
        # and "dr" before a name a clinician's (@drsamira_k): patients' handles are not written so.
        if ACRONYM.search(handle) or self._clinician_prefix(handle):
            return True
        if any(word in self._institutional_words for word in handle_words(handle)):
            return True
        lowered = handle.lower()
        return any(part in lowered for part in self._institutional_parts)

    def _is_acknowledged(self, text: str, start: int, end: int) -> bool:
        """Thanked, congratulated or cited in its sentence, with no patient or account cue near."""
        before = text[sentences_of(text).bounds(start)[0]:start]
        if next(self._not_patient_cues.find(before), None) is None:
            return False
        window = text[max(0, start - self._window):end + self._window]
        return next(self._account_cues.find(window), None) is None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in self._handle.finditer(text):
            handle = match.group()[1:]
            if self._is_institutional(handle):
                continue
            acknowledged = self._is_acknowledged(text, match.start(), match.end())
            results.append(RecognizerResult("HANDLE", match.start(), match.end(), ACKNOWLEDGED_SCORE if acknowledged else SCORE))
        return results
