"""Readable replacements that satisfy HIPAA Safe Harbor and keep the post readable
("in their 90s", "recently", "the hospital"), and applying them (Presidio's anonymizer)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult as AnonymizerSpan

from .entities import ENTITIES
from .lexicon import alternation, load_context
from .recognizers.ages import age_in
from .recognizers.occupations import occupation_generalisations

# "a 94-year-old woman", "a ninety-one year old woman": an adjective, so the fix is one too.
ADJECTIVE_AGE = re.compile(r"(?:year|yr|month|mo|week|wk|day)s?\s*-\s*old|(?:year|yr|month|week|day)\s+old", re.IGNORECASE)
SHORT_AGE = re.compile(r"\d\s?(?:yo)?[MF]$")
DECADE = re.compile(r"^\d0['’]?s$|ties$|teens$", re.IGNORECASE)
BIRTH_LABEL = re.compile(r"\b(?:dob|d\.o\.b\.?|born(?:\s+on)?|birthdate|date\s+of\s+birth)\s*[:#]?\s*$", re.IGNORECASE)
BIRTHDAY = re.compile(r"birthday|bday|b-day", re.IGNORECASE)
AT_BEFORE = re.compile(r"\bat\s+(?:age\s+)?$", re.IGNORECASE)
VERB_BEFORE = re.compile(r"(?:\b(?:is|was|turned|turning|turns|aged?)|['’]s)\s+(?:only\s+|just\s+)?$", re.IGNORECASE)
SUB_YEAR_UNIT = re.compile(r"(month|mo|week|wk|day|m/o|w/o|d/o)", re.IGNORECASE)
RELATION_BEFORE = re.compile(rf"\b(?:{alternation(load_context()['relation_words'])})\s*,?\s*$", re.IGNORECASE)


def _age_suggestion(entity: str, span: str, before: str) -> str:
    age = age_in(span) or 0
    if BIRTHDAY.search(span):
        return "birthday"
    if SUB_YEAR_UNIT.search(span):
        return "a baby" if not ADJECTIVE_AGE.search(span) else "baby"
    if DECADE.search(span):  # "her 90s", "his forties"
        return "later years" if age >= 60 else "middle years" if age >= 30 else "younger years"
    if age < 13 and not SHORT_AGE.search(span):  # "a 4-year-old", "my 8yo pt": no decade for a child
        return "young" if ADJECTIVE_AGE.search(span) or not span.isdigit() and not VERB_BEFORE.search(before) else "a child"
    bracket = "90+" if entity == "AGE_OVER_89" else "teens" if 13 <= age <= 19 else "under 10" if age < 10 else f"{age // 10 * 10}s"
    if span.isdigit():
        if AT_BEFORE.search(before):  # "passed at 44" → "passed at 40-something"
            return "over 90" if entity == "AGE_OVER_89" else f"{age // 10 * 10}-something"
        if VERB_BEFORE.search(before):  # "she was 88" → "she was in their 80s"
            return "over 90" if entity == "AGE_OVER_89" else f"in their {bracket}"
        return bracket  # "jake (17)"
    if ADJECTIVE_AGE.search(span):
        return "over-90" if entity == "AGE_OVER_89" else f"{age // 10 * 10}-something"
    if SHORT_AGE.search(span):
        return f"{bracket} {span[-1]}"
    return "over 90" if entity == "AGE_OVER_89" else f"in their {bracket}"


def suggestion_for(entity: str, text: str, start: int, end: int) -> str:
    """The replacement offered for text[start:end], found as `entity`."""
    span = text[start:end]
    fixed = ENTITIES[entity].suggestion
    if entity in ("AGE", "AGE_OVER_89"):
        return _age_suggestion(entity, span, text[max(0, start - 12):start])
    if entity == "PERSON":
        # "her daughter Maria" → "her daughter"; "Mr. Okafor" → "my patient".
        return "" if RELATION_BEFORE.search(text, 0, start) else "my patient"
    if entity == "LOCATION":
        return "a nearby county" if span.endswith(("County", "Parish")) else "a nearby town"
    if entity == "OCCUPATION":
        # The job's generalisation also stands for the employer or place the finding took in
        # ("line cook at Bellamy's" → "worker"); only a bare employer becomes "a local employer".
        lowered = span.lower()
        terms = occupation_generalisations()
        job = max((term for term in terms if lowered.startswith(term) or lowered.endswith(term)), key=len, default=None)
        return terms[job] if job else "a local employer"
    if entity == "ROOM":
        return "a bed" if span.lower().startswith("bed") else "a room"
    if entity in ("DATE", "RELATIVE_DATE") and (span.lower().startswith(("dob", "born")) or BIRTH_LABEL.search(text, 0, start)):
        return ""  # "DOB 04/11/1961" → "DOB" is removed with it below the card, not "DOB recently"
    return fixed


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


_anonymizer = AnonymizerEngine()
DOUBLE_SPACE = re.compile(r"[ \t]{2,}")
SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?)])")
EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\(\s*,\s*|,\s*(?=[,)])")


# What a deletion can orphan, each with where the orphan ends: the spaces before a punctuation
# mark are the orphan, not the mark.
_ORPHANS = (
    (EMPTY_BRACKETS, lambda m: "(" if m.group().startswith("(") and not m.group().endswith(")") else "", lambda m: m.end()),
    (SPACE_BEFORE_PUNCT, lambda m: m.group(1), lambda m: m.start(1)),
    (DOUBLE_SPACE, lambda m: " ", lambda m: m.end()),
)


def _tidy(text: str, points: list[int]) -> str:
    """After deletions, remove the punctuation they orphaned (", )", "( ,", double spaces): only
    what reaches a deletion point, so the physician's own spacing next to it (" )0000000") and
    elsewhere is kept."""
    for pattern, replacement, orphan_end in _ORPHANS:
        pieces, last, moved = [], 0, []
        for match in pattern.finditer(text):
            if not any(match.start() <= point <= orphan_end(match) for point in points):
                continue
            replaced = replacement(match)
            new_start = sum(map(len, pieces)) + match.start() - last
            pieces += [text[last:match.start()], replaced]
            moved.append((match.start(), match.end(), new_start, len(replaced)))
            last = match.end()
        if not moved:
            continue
        text = "".join(pieces) + text[last:]
        points = [_moved_point(point, moved) for point in points]
    return text


def _moved_point(point: int, moved: list[tuple[int, int, int, int]]) -> int:
    """Where a deletion point lands once the orphans around it are replaced."""
    for old_start, old_end, new_start, new_length in reversed(moved):
        if old_start <= point:
            return new_start + min(point - old_start, new_length) if point <= old_end else new_start + new_length + point - old_end
    return point


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits with Presidio's anonymizer (one operator per edit)."""
    if not edits:
        return text
    spans = [AnonymizerSpan(f"EDIT_{i}", e.start, e.end, 1.0) for i, e in enumerate(edits)]
    # 'custom' rather than 'replace': 'replace' treats an empty value as "use the entity name".
    operators = {f"EDIT_{i}": OperatorConfig("custom", {"lambda": lambda _, value=e.replacement: value})
                 for i, e in enumerate(edits)}
    result = _anonymizer.anonymize(text=text, analyzer_results=spans, operators=operators)
    return _tidy(result.text, sorted(item.start for item in result.items if item.text == ""))
