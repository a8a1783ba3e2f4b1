"""Detection quality on the annotated corpora, scored the way `clearpost eval` scores them: the
tuning set (posts.jsonl) and four sets by other authors, each measured blind before it was tuned
on (holdout, unseen, final, blind5), so that a change tuned to one phrasing shows up as a loss on
the others. These are the issue's quality targets, not timings. The later blind sets (blind6 to
blind11) are measured in README.md; not all of them meet every target yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearpost.evaluate import evaluate, load_corpus

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module", params=["posts.jsonl", "holdout.jsonl", "unseen.jsonl", "final.jsonl", "blind5.jsonl"])
def report(detector, request):
    corpus = DATA / request.param
    if not corpus.exists():
        pytest.fail(f"annotated corpus missing: {corpus}")
    return evaluate(detector, load_corpus(corpus)).to_json()


def test_direct_identifiers_are_found(report):
    assert report["recall_direct"] >= 0.95


def test_overall_recall(report):
    assert report["recall"] >= 0.88


def test_precision(report):
    assert report["precision"] >= 0.80


def test_few_clean_posts_are_flagged(report):
    assert report["clean_posts_flagged"] <= 0.15


def test_applying_the_suggestions_removes_direct_identifiers(report):
    assert report["direct_removed_by_suggestions"] >= 0.98
