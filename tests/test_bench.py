"""The benchmark's workload and arithmetic (no timings are checked here: they belong in
`clearpost bench`)."""

from __future__ import annotations

from clearpost.bench import Timings, build_long_posts, typing_session

POSTS = [
    "Saw Dwayne Kowalski, 67, for chest pain today.",
    "Her daughter Maria called twice.",
    "Reminder: listen to the family. #MedTwitter",
]


def test_long_posts_reach_the_length_without_cutting_a_word():
    long_posts = build_long_posts(POSTS, 500, 3)
    assert len(long_posts) == 3
    for text in long_posts:
        assert 450 < len(text) <= 500
        assert "\n\n" in text
        words = set(" ".join(POSTS).split())
        assert text.split()[-1] in words


def test_long_posts_start_from_different_posts():
    first, second, third = build_long_posts(POSTS, 300, 3)
    assert len({first[:20], second[:20], third[:20]}) == 3


def test_typing_session_grows_word_by_word_then_edits():
    post = "one two three four five six seven eight nine"
    snapshots = typing_session(post, 4)
    assert snapshots[:2] == ["one two three four", "one two three four five six seven eight"]
    assert snapshots[2] == post
    assert snapshots[3] == "one really two three four five six seven eight nine"


def test_best_total_takes_each_texts_fastest_round():
    timings = Timings(seconds=[0.3, 0.1, 0.2, 0.4], texts=2)  # round 1: 0.3, 0.1; round 2: 0.2, 0.4
    assert timings.best_total == 0.2 + 0.1
    assert timings.p50 == 0.25
    assert timings.per_second == 4 / 1.0
