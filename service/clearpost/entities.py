"""The catalogue of entity types (data/entities.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import load_yaml


@dataclass(frozen=True)
class EntityType:
    name: str
    label: str  # how the card and risk reasons name it: "a name"
    category: str  # "direct" | "quasi"
    description: str
    suggestion: str  # fixed replacement, or "generalise" (computed from the text)
    explanation: str


ENTITIES: dict[str, EntityType] = {
    name: EntityType(name=name, **spec) for name, spec in load_yaml("entities.yaml").items()
}
