"""Newsworthy events a patient was part of (EVENT)."""

from __future__ import annotations

import re

from ..lexicon import load_yaml
from .base import RegexRecognizer


def event_recognizer() -> RegexRecognizer:
    # The finding covers "the I-95 pileup" so the fix reads "an accident".
    return RegexRecognizer("EVENT", [(regex, 0.7) for regex in load_yaml("events.yaml")["regexes"]],
                           name="event", flags=re.MULTILINE)
