"""Identifiers recognised by a label (MRN, SSN, account, room…), from data/identifiers.yaml
(where {RELATION} names a relative, as in data/context.yaml), plus the hospital's own MRN formats from its config file."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from ..lexicon import fill_placeholders, load_yaml
from .base import RegexRecognizer


def labelled_identifier_recognizers(extra_mrn_patterns: tuple[str, ...] = ()) -> list[RegexRecognizer]:
    recognizers = [
        RegexRecognizer(entity, [(fill_placeholders(entry["regex"]), entry["score"], entry.get("cover_label", True)) for entry in entries],
                        name=f"labelled_{entity.lower()}")
        for entity, entries in load_yaml("identifiers.yaml").items()
    ]
    if extra_mrn_patterns:
        # Hospital formats such as 'RV-\d{6}' are specific enough to stand alone, and are
        # matched as written (case-sensitive), on word boundaries.
        recognizers.append(RegexRecognizer(
            "MRN", [(rf"(?<![\w-])(?:{pattern})(?![\w-])", 0.95) for pattern in extra_mrn_patterns],
            name="hospital_mrn", flags=re.MULTILINE))
    return recognizers


def bare_number_recognizers() -> list[PatternRecognizer]:
    """Long numbers that only context words turn into identifiers (Presidio's context enhancer)."""
    return [
        PatternRecognizer(
            supported_entity=entity,
            name=spec["name"],
            patterns=[Pattern(spec["name"], spec["regex"], spec["score"])],
            context=spec["context"],
        )
        for entity, spec in load_yaml("bare_numbers.yaml").items()
    ]
