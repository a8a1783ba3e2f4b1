"""The learned second opinion: its features, what it may drop, the shipped model and its training."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from clearpost.entities import ENTITIES
from clearpost.lexicon import load_yaml
from clearpost.name_proposer import WEIGHTS_FILE as NAME_WEIGHTS_FILE
from clearpost.second_opinion import POST_WORD_VALUE, WEIGHTS_FILE, SecondOpinion, features, load_weights, post_words
from conftest import REPO, Span


def spans_of(text: str, *marked: tuple[str, str]) -> list[Span]:
    return [Span(text.index(needle), text.index(needle) + len(needle), entity) for needle, entity in marked]


def test_features_name_the_entity_its_neighbours_and_the_post():
    text = "My patient Okonkwo, 67, came in yesterday."
    name, age = spans_of(text, ("Okonkwo", "PERSON"), ("67", "AGE"))
    found = features(text, name, [name, age], post_words(text))
    assert found["e=PERSON"] == 1.0 and found["bias"] == 1.0
    assert found["PERSON|before0=patient"] == found["PERSON|before1=my"] == 1.0
    assert found["PERSON|after0=67"] == found["PERSON|after=came"] == 1.0
    assert found["PERSON|shape=Xxx"] == 1.0
    # How sure its recognizer was: a census name and an unknown word differ.
    assert found["PERSON|score=0.8"] == 1.0
    assert found["PERSON|with=AGE"] == 1.0 and "PERSON|with=PERSON" not in found
    assert found["PERSON|findings=2"] == 1.0
    assert found["PERSON|post=yesterday"] == POST_WORD_VALUE
    # Every other kind shares one set of post words.
    assert features(text, age, [name, age], post_words(text))["other|post=patient"] == POST_WORD_VALUE


def test_only_the_judged_kinds_are_ever_dropped():
    text = "MRN 4482913, seen by Okonkwo yesterday"
    mrn, name, day = spans_of(text, ("4482913", "MRN"), ("Okonkwo", "PERSON"), ("yesterday", "RELATIVE_DATE"))
    doubting = SecondOpinion({"bias": -20.0}, {"PERSON": 0.1, "RELATIVE_DATE": 0.2})
    assert doubting.keep(text, [mrn, name, day]) == [mrn]
    believing = SecondOpinion({"bias": 20.0}, {"PERSON": 0.1, "RELATIVE_DATE": 0.2})
    assert believing.keep(text, [mrn, name, day]) == [mrn, name, day]


def test_a_finding_is_dropped_below_its_kinds_threshold_only():
    text = "Okonkwo came in yesterday"
    name, day = spans_of(text, ("Okonkwo", "PERSON"), ("yesterday", "RELATIVE_DATE"))
    # Weights that put every finding at a probability of 0.15: above the name's 0.1, below the day's 0.2.
    judge = SecondOpinion({"bias": -1.7346}, {"PERSON": 0.1, "RELATIVE_DATE": 0.2})
    assert judge.keep(text, [name, day]) == [name]


def test_the_shipped_thresholds_and_kinds_are_known():
    spec = load_yaml("second_opinion.yaml")
    # One threshold per category, and a judged kind may have its own.
    assert {"direct", "quasi"} <= set(spec["thresholds"]) <= {"direct", "quasi"} | set(spec["judged"])
    assert all(0 < value < 0.5 for value in spec["thresholds"].values())
    assert set(spec["judged"]) <= set(ENTITIES)
    # Identifiers only a patient has are never second-guessed.
    assert not set(spec["judged"]) & {"MRN", "SSN", "HEALTH_PLAN_ID", "AGE_OVER_89", "ADDRESS", "ZIP", "DATE"}


ENTITY = "|".join(ENTITIES)
KNOWN_AS = r"F?L?E?\|\S{1,2}"
MODEL_FEATURES = {
    WEIGHTS_FILE: rf"bias|e=(?:{ENTITY})|(?:PERSON|other)\|post=\S+"
                  rf"|(?:{ENTITY})\|(?:(?:before|after)[0-2]?=\S+|shape=\S+|findings=[1-5]|length=[0-5]|score=[01]\.\d|with=(?:{ENTITY}))",
    NAME_WEIGHTS_FILE: rf"bias|sentence_start|after_name|before_name|named_elsewhere|in_hashtag|hashtag_(?:start|middle)"
                       rf"|with=(?:{ENTITY})|shape=\S+|suffix=\S+|length=[1-8]|known={KNOWN_AS}|(?:before|after)_known={KNOWN_AS}"
                       rf"|(?:before|after)_char=\S+|word[+-][12]=\S+",
}


@pytest.mark.parametrize(("file_name", "pattern"), MODEL_FEATURES.items())
def test_every_shipped_weight_is_a_feature_the_service_computes(file_name, pattern):
    """Both learned models: a weight the service would never look up is a training bug."""
    feature = re.compile(pattern)
    weights = load_weights(file_name)
    assert len(weights) > 1000
    assert [name for name in weights if not feature.fullmatch(name)] == []


@pytest.mark.parametrize(("text", "doubted"), [
    ("Reminder: the eye patch blocks your peripheral vision and you WILL miss the cyclist. Bring a driver.", "cyclist"),
    ("My patient's brother asked if he should call a lawyer or a priest. Neither, sir.", "lawyer"),
])
def test_the_shipped_model_drops_words_the_rules_took_for_a_patients_job(rules_detector, detector, text, doubted):
    assert doubted in [text[f.start:f.end] for f in rules_detector.analyze(text, use_cache=False).findings]
    assert doubted not in [text[f.start:f.end] for f in detector.analyze(text, use_cache=False).findings]


def test_a_kinds_own_threshold_overrides_its_categorys():
    judge = SecondOpinion.load()
    spec = load_yaml("second_opinion.yaml")
    assert judge.thresholds["HANDLE"] == spec["thresholds"]["HANDLE"] != spec["thresholds"]["direct"]
    assert judge.thresholds["PERSON"] == spec["thresholds"]["direct"]


@pytest.mark.parametrize(("text", "thanked"), [
    ("Co-authors @jliu_addiction and @DrPatelHR. Come find us at poster 117.", None),
    ("shoutout to @lolo_walks_again who just sent me a video of her first 100 steps on the new knee", "@lolo_walks_again"),
])
def test_the_shipped_model_judges_thanked_handles(rules_detector, detector, text, thanked):
    """The rules leave a thanked handle to the model: a co-author's goes, a patient's stays."""
    assert [text[f.start:f.end] for f in rules_detector.analyze(text, use_cache=False).findings if f.entity == "HANDLE"] != []
    assert [text[f.start:f.end] for f in detector.analyze(text, use_cache=False).findings if f.entity == "HANDLE"] == \
        ([thanked] if thanked else [])


@pytest.mark.parametrize("text", [
    "My patient Okonkwo, 67, a retired firefighter from Duluth, came in last Tuesday with chest pain.",
    "Mrs. Abernathy (94 yo) went home yesterday after 3 weeks in room 412.",
])
def test_the_shipped_model_keeps_a_patients_identifiers(rules_detector, detector, text):
    rules = rules_detector.analyze(text, use_cache=False).findings
    assert len(rules) >= 4
    assert detector.analyze(text, use_cache=False).findings == rules


def test_training_writes_weights_the_service_loads(tmp_path):
    result = subprocess.run([sys.executable, "scripts/train_second_opinion.py", "--corpora", "posts", "holdout",
                             "--folds", "2", "--out", str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "cross-validated over 2 groups" in result.stdout and "clean posts flagged" in result.stdout
    # The proposer's shipped threshold is among those compared.
    assert f"names {load_yaml('second_opinion.yaml')['propose_names']}*" in result.stdout
    for file_name in (WEIGHTS_FILE, NAME_WEIGHTS_FILE):
        lines = (tmp_path / file_name).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# Written by scripts/train-second-opinion from 2 corpora")
        weights = {name: float(weight) for name, weight in (line.rsplit("\t", 1) for line in lines[2:])}
        assert "bias" in weights and len(weights) > 50
        # Strongest first, as the header says.
        assert [abs(w) for w in weights.values()] == sorted((abs(w) for w in weights.values()), reverse=True)
