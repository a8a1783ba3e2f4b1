"""The name proposer: which words it reads, its features, how proposed names become findings, and
the shipped model."""

from __future__ import annotations

import pytest

from clearpost.engine import Finding, with_proposed_names
from clearpost.lexicon import load_yaml
from clearpost.name_proposer import NameProposer, Post, hashtag_words, names_above
from conftest import Span


def found(text: str, needle: str, entity: str = "PERSON") -> Span:
    return Span(text.index(needle), text.index(needle) + len(needle), entity)


def words_read(text: str, findings: list[Span] | None = None, never: list[tuple[int, int]] | None = None) -> list[str]:
    post = Post.read(text, findings or [], never or [])
    return [post.words[i].text for i in post.candidates()]


def test_it_reads_words_that_could_be_names_and_no_finding_covers():
    text = "so qev and the Birch kid came back, Okafor too"
    assert words_read(text) == ["qev", "Birch", "Okafor"]
    # Stop words and lowercase English words are never names; a lowercase census first name may be ("jade").
    assert words_read("jade came back with the flu") == ["jade"]
    assert words_read(text, [found(text, "Okafor")]) == ["qev", "Birch"]
    # Nor what the rules know is never a name: eponyms, languages, one-word public figures.
    assert words_read("Cotard, Kussmaul and Tansy; she speaks Tigrinya") == ["Tansy"]


def test_it_leaves_handles_addresses_links_and_excluded_spans_alone():
    text = "Tansy @wren_mama wren@example.org https://example.org/Wren Dr. Quillon"
    never = [(text.index("Dr."), len(text))]
    assert words_read(text, never=never) == ["Tansy"]


def test_it_reads_a_hashtag_word_by_word():
    text = "#PrayForWren #TeamNakashimaReyes #BEBECOMESHOME #Vivat80 #65roses"
    assert [word.text for word in hashtag_words(text, 0, len("#PrayForWren"))] == ["Pray", "For", "Wren"]
    post = Post.read(text, [], [])
    assert [word.text for word in post.words] == ["Pray", "For", "Wren", "Team", "Nakashima", "Reyes", "BEBECOMESHOME",
                                                  "Vivat", "roses"]
    assert all(word.in_hashtag for word in post.words)
    features = post.features(4)
    assert features["in_hashtag"] == features["hashtag_middle"] == features["word-1=team"] == 1.0
    assert not any(name.startswith(("before_char", "after_char")) for name in features)
    # Neighbouring words of one hashtag make one name.
    assert [text[s:e] for s, e, _ in names_above(post, {4: 0.9, 5: 0.8}, 0.5)] == ["NakashimaReyes"]


def test_features_name_the_word_its_neighbours_and_the_findings_around_it():
    text = "Winona Bull Tail, 67, MRN 4482913. Tail says hi"
    findings = [found(text, "Winona Bull"), found(text, "67", "AGE"), found(text, "4482913", "MRN")]
    post = Post.read(text, findings, [])
    index = next(i for i, word in enumerate(post.words) if word.text == "Tail")
    features = post.features(index)
    assert features["bias"] == features["shape=Xxx"] == features["suffix=ail"] == 1.0
    assert features["word-1=bull"] == features["word-2=winona"] == features["word+1=mrn"] == 1.0
    assert features["after_name"] == 1.0 and "before_name" not in features
    assert features["with=AGE"] == features["with=MRN"] == features["with=PERSON"] == 1.0
    assert features["before_char=space"] == 1.0 and features["after_char=,"] == 1.0
    assert any(name.startswith("known=") for name in features)
    # The second "Tail" starts a sentence and stands apart from the name found.
    second = post.features(max(i for i, word in enumerate(post.words) if word.text == "Tail"))
    assert second["sentence_start"] == 1.0 and "after_name" not in second


def test_names_above_the_threshold_take_every_mention_join_neighbours_and_drop_the_possessive():
    text = "Sparrow Quill went home. Sparrow's mom cried"
    post = Post.read(text, [], [])
    index = {word.text: i for i, word in enumerate(post.words)}
    chances = {i: 0.0 for i in post.candidates()} | {index["Sparrow"]: 0.9, index["Quill"]: 0.6}
    spans = names_above(post, chances, 0.5)
    assert [text[s:e] for s, e, _ in spans] == ["Sparrow Quill", "Sparrow"]
    assert spans[0][2] == 0.9
    assert names_above(post, chances, 0.95) == []


def test_a_proposed_word_beside_a_name_found_joins_it():
    text = "Winona Bull Tail came in"
    name = Finding(0, 11, "PERSON", 0.85, "my patient")
    [joined] = with_proposed_names(text, [name], [(12, 16, 0.7)])
    assert (joined.start, joined.end, joined.entity, joined.suggestion) == (0, 16, "PERSON", "my patient")
    apart = with_proposed_names("Okafor and then Tail", [Finding(0, 6, "PERSON", 0.85, "my patient")], [(16, 20, 0.7)])
    assert [(f.start, f.end) for f in apart] == [(0, 6), (16, 20)]


def test_the_threshold_is_a_probability():
    assert 0.0 < load_yaml("second_opinion.yaml")["propose_names"] < 1.0
    assert NameProposer.load().threshold == load_yaml("second_opinion.yaml")["propose_names"]


@pytest.mark.parametrize("text", [
    "Grateful for Dr. Quillon and the whole 5 North team tonight. #MedTwitter",
    "Parkinson's, Crohn's and Bell's palsy walk into a bar. The bartender says: ICD-10 code?",
    "Reminder that Keytruda and Opdivo are not the same drug. Ask your oncologist.",
])
def test_the_shipped_model_proposes_no_name_in_a_post_without_one(detector, text):
    assert detector.analyze(text, use_cache=False).findings == []
