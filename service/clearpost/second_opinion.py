"""A learned second opinion on the rules' findings: drops the ones that look like false underlines.

The rules decide what could be PHI; this logistic model, trained on the hand-annotated corpora
under tests/data (scripts/train-second-opinion), estimates how likely each finding is to be
real from the words around it, the words of the whole post and the other findings. A finding
whose estimate falls below its kind's threshold (data/second_opinion.yaml) is dropped.
Identifiers that only a patient has (MRN, SSN…) are never judged: the model may only quiet
the kinds the yaml lists.

Measured across corpora it was not trained on, it takes a quarter of the underlines off clean
posts and loses about one found span in a thousand (README.md, "The second opinion").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .entities import ENTITIES
from .lexicon import data_text, load_yaml

WEIGHTS_FILE = "second_opinion_weights.tsv"
WORD = re.compile(r"[\w'@#]+")
CONTEXT_WORDS = 3
# Post words weigh less than the words next to the finding: there are many more of them.
POST_WORD_VALUE = 0.3


class Span(Protocol):
    start: int
    end: int
    entity: str
    score: float


SpanT = TypeVar("SpanT", bound=Span)


def _shape(text: str) -> str:
    """"Okafor" → "Xxx", "614B" → "ddX": the spelling pattern, runs capped at two."""
    shape = re.sub(r"\d", "d", re.sub(r"[a-z]", "x", re.sub(r"[A-Z]", "X", text)))
    return re.sub(r"\s+", "_", re.sub(r"(.)\1{2,}", r"\1\1", shape))[:8]


def post_words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower()))


def features(text: str, finding: Span, findings: Sequence[Span], words: frozenset[str]) -> dict[str, float]:
    """The finding's features, each prefixed by its entity so that every kind learns its own:
    its spelling, the words around it, its recognizer's score, the other findings and the
    words of the post (`words` is `post_words(text)`, computed once per post)."""
    group = post_group(finding.entity)
    return local_features(text, finding, findings) | {f"{group}|post={word}": POST_WORD_VALUE for word in words}


def post_group(entity: str) -> str:
    """Names are judged by their post apart from the rest ("congrats" says colleague, not patient)."""
    return "PERSON" if entity == "PERSON" else "other"


def local_features(text: str, finding: Span, findings: Sequence[Span]) -> dict[str, float]:
    """The features of `features` but the post's words."""
    entity, start, end = finding.entity, finding.start, finding.end
    found = {"bias": 1.0, f"e={entity}": 1.0,
             f"{entity}|shape={_shape(text[start:end])}": 1.0,
             f"{entity}|findings={min(len(findings), 5)}": 1.0,
             f"{entity}|length={min(len(text) // 200, 5)}": 1.0,
             f"{entity}|score={finding.score:.1f}": 1.0}
    before = WORD.findall(text[max(0, start - 60):start].lower())[-CONTEXT_WORDS:]
    after = WORD.findall(text[end:end + 60].lower())[:CONTEXT_WORDS]
    for position, word in enumerate(reversed(before)):
        found[f"{entity}|before{position}={word}"] = 1.0
        found[f"{entity}|before={word}"] = 1.0
    for position, word in enumerate(after):
        found[f"{entity}|after{position}={word}"] = 1.0
        found[f"{entity}|after={word}"] = 1.0
    for other in {f.entity for f in findings if f is not finding}:
        found[f"{entity}|with={other}"] = 1.0
    return found


def load_weights(file_name: str) -> dict[str, float]:
    """A model's weights: a feature and its weight (log-odds) per line, tab-separated."""
    weights = {}
    for line in data_text(file_name).splitlines():
        if line and not line.startswith("#"):
            feature, weight = line.rsplit("\t", 1)
            weights[feature] = float(weight)
    return weights


def probability(weights: dict[str, float], features_: dict[str, float], offset: float = 0.0) -> float:
    """The logistic of the weighted features, plus `offset` (log-odds already summed)."""
    score = offset + sum(weights.get(name, 0.0) * value for name, value in features_.items())
    return 1.0 / (1.0 + math.exp(-score))


@dataclass(frozen=True)
class SecondOpinion:
    weights: dict[str, float]
    thresholds: dict[str, float]  # by entity type; types not listed are never dropped

    @classmethod
    def load(cls, weights: dict[str, float] | None = None) -> SecondOpinion:
        """The shipped model, or these weights (training) with the shipped thresholds."""
        spec = load_yaml("second_opinion.yaml")
        return cls(load_weights(WEIGHTS_FILE) if weights is None else weights,
                   {entity: spec["thresholds"].get(entity, spec["thresholds"][ENTITIES[entity].category]) for entity in spec["judged"]})

    def keep(self, text: str, findings: list[SpanT]) -> list[SpanT]:
        """The findings it believes, in their order."""
        if not any(f.entity in self.thresholds for f in findings):
            return findings
        # The post's words weigh the same for every finding of a group: summed once per post, not
        # once per finding (a long post has hundreds of words and dozens of findings).
        words = post_words(text)
        post_score = {group: POST_WORD_VALUE * sum(self.weights.get(f"{group}|post={word}", 0.0) for word in words)
                      for group in {post_group(f.entity) for f in findings if f.entity in self.thresholds}}
        return [f for f in findings if f.entity not in self.thresholds
                or probability(self.weights, local_features(text, f, findings), post_score[post_group(f.entity)]) >= self.thresholds[f.entity]]
