"""ClearPost's recognizers, one small class (or data file) per kind of identifier, gathered
in one Presidio registry."""

from __future__ import annotations

from presidio_analyzer import RecognizerRegistry

from ..config import Config
from .ages import AgeRecognizer
from .contacts import contact_recognizers
from .dates import PatientDateRecognizer
from .events import event_recognizer
from .facilities import FacilityRecognizer
from .handles import HandleRecognizer
from .identifiers import bare_number_recognizers, labelled_identifier_recognizers
from .names import NameRecognizer
from .occupations import OccupationRecognizer
from .places import PlaceRecognizer


def build_registry(config: Config) -> RecognizerRegistry:
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in [
        *contact_recognizers(),
        *labelled_identifier_recognizers(config.mrn_patterns),
        *bare_number_recognizers(),
        AgeRecognizer(),
        PatientDateRecognizer(),
        NameRecognizer(),
        HandleRecognizer(),
        PlaceRecognizer(),
        FacilityRecognizer(config.facilities),
        OccupationRecognizer(),
        event_recognizer(),
    ]:
        registry.add_recognizer(recognizer)
    return registry
