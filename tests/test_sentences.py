"""One rule for where a post's sentences begin and end (service/clearpost/sentences.py)."""

import pytest

from clearpost.sentences import Sentences, capitalised_by_position


def sentence_at(text: str, word: str) -> str:
    start, end = Sentences(text).bounds(text.index(word))
    return text[start:end]


@pytest.mark.parametrize(("text", "word", "sentence"), [
    ("Saw Dr. Lee today. She was great.", "Lee", "Saw Dr. Lee today"),
    ("K 3.2 this am. Mg fine.", "this", "K 3.2 this am"),
    ("See example.com for more! Then call.", "example", "See example.com for more"),
    ('She said "thanks." Then left.', "Then", "Then left"),
    ("Rm 12 (bed by the window.) Quiet night", "Quiet", "Quiet night"),
    ("first line\nsecond line", "second", "second line"),
    ("What?! Really", "Really", "Really"),
])
def test_a_sentence_ends_at_a_stop_before_a_space_or_at_a_line_break(text: str, word: str, sentence: str) -> None:
    assert sentence_at(text, word) == sentence


@pytest.mark.parametrize("text", ["", "One.", "Two. Sentences!  \n\nAnd a third", "no stop at all", "...", "\n\nlead"])
def test_sentences_with_their_breaks_cover_every_character_once(text: str) -> None:
    pieces = Sentences(text).with_breaks()
    assert "".join(text[start:end] for start, end in pieces) == text
    assert all(end > start for start, end in pieces) or text == ""


@pytest.mark.parametrize(("text", "word", "by_position"), [
    ("Bishop is 14", "Bishop", True),
    ("Great news. Bishop is 14", "Bishop", True),
    ("update: Bishop is 14", "Bishop", True),
    ("so proud 🎉 Bishop is 14", "Bishop", True),
    ("so proud of Bishop today", "Bishop", False),
    ("Wren, Bishop and Lark", "Bishop", False),
])
def test_a_word_is_capitalised_by_position_after_a_stop_a_colon_or_an_emoji(text: str, word: str, by_position: bool) -> None:
    assert capitalised_by_position(text, text.index(word)) is by_position
