"""Post-level re-identification risk: how far the clues in a post, taken together, point to
one patient. No single quasi-identifier names anyone; age + town + date + event can."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .entities import ENTITIES
from .lexicon import load_yaml


@dataclass(frozen=True)
class Risk:
    level: str = "none"
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"level": self.level, "reasons": list(self.reasons)}


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def assess(entities: Sequence[str]) -> Risk:
    """Risk of a post from the entity types of its findings."""
    if not entities:
        return Risk()
    spec = load_yaml("risk.yaml")
    reasons: list[str] = []
    direct = list(dict.fromkeys(ENTITIES[e].label for e in entities if ENTITIES[e].category == "direct"))
    clue_kinds = list(dict.fromkeys(spec["clue_of_entity"][e] for e in entities if e in spec["clue_of_entity"]))
    clue_words = [spec["clue_words"][kind] for kind in clue_kinds]
    has_direct = any(ENTITIES[e].category == "direct" for e in entities)
    if direct:
        reasons.append(spec["direct_reason"].format(names=_join(direct)[0].upper() + _join(direct)[1:]))
    if len(clue_kinds) >= spec["levels"]["medium"]:
        reasons.append(spec["combined_reason"].format(clues=_join(clue_words).capitalize()))
    elif clue_kinds and not has_direct:
        reasons.append(spec["single_reason"].format(clue=clue_words[0]))
    if has_direct or len(clue_kinds) >= spec["levels"]["high"]:
        level = "high"
    elif len(clue_kinds) >= spec["levels"]["medium"]:
        level = "medium"
    else:
        level = "low"
    return Risk(level, reasons)
