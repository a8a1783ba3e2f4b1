"""The paragraph cache changes speed, never findings: the whole corpus gives identical results
with and without it, and an edit re-analyses only the paragraph that changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clearpost.engine import _ParagraphCache

DATA = Path(__file__).resolve().parent / "data"
CORPORA = [DATA / "posts.jsonl", *[path for path in (DATA / "holdout.jsonl",) if path.exists()]]

POST = (
    "Long night. Saw Dwayne Kowalski, 67, for chest pain at Mercy General.\n"
    "\n"
    "His daughter Maria called 617-555-0142 twice, worried sick.\n"
    "Reminder: listen to the family. #MedTwitter"
)


def corpus_texts() -> list[str]:
    return [json.loads(line)["text"] for path in CORPORA for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def outcome(analysis) -> tuple:
    return analysis.findings, analysis.risk, analysis.redacted


@pytest.fixture()
def counted_calls(detector, monkeypatch) -> list[int]:
    """Paragraphs that reach the analyzer (cache misses), counted without recording their text."""
    calls: list[int] = []
    analyze = detector.analyzer.analyze

    def counting(text, *args, **kwargs):
        calls.append(1)
        return analyze(text, *args, **kwargs)

    monkeypatch.setattr(detector.analyzer, "analyze", counting)
    detector.cache.clear()
    return calls


def test_corpus_findings_identical_with_and_without_cache(detector):
    detector.cache.clear()
    texts = corpus_texts()
    assert texts
    uncached = [outcome(detector.analyze(text, use_cache=False)) for text in texts]
    first_pass = [outcome(detector.analyze(text, use_cache=True)) for text in texts]
    second_pass = [outcome(detector.analyze(text, use_cache=True)) for text in texts]  # served from the cache
    assert first_pass == uncached
    assert second_pass == uncached


def test_edit_reanalyses_only_the_changed_paragraph(detector, counted_calls):
    detector.analyze(POST)
    assert len(counted_calls) == 3  # three non-blank paragraphs
    edited = POST.replace("chest pain", "crushing chest pain")
    result = detector.analyze(edited)
    assert len(counted_calls) == 4
    assert outcome(result) == outcome(detector.analyze(edited, use_cache=False))


def test_cached_paragraph_at_a_new_offset_keeps_its_findings(detector, counted_calls):
    detector.analyze(POST)
    shifted = "Quick update from clinic today.\n" + POST
    result = detector.analyze(shifted)
    assert len(counted_calls) == 4  # only the new first paragraph
    expected = outcome(detector.analyze(shifted, use_cache=False))
    assert outcome(result) == expected
    assert any(shifted[f.start:f.end] == "617-555-0142" for f in result.findings)


def test_use_cache_false_neither_reads_nor_fills_the_cache(detector, counted_calls):
    detector.analyze(POST, use_cache=False)
    detector.analyze(POST, use_cache=False)
    assert len(counted_calls) == 6
    detector.analyze(POST)
    assert len(counted_calls) == 9


def test_cache_is_a_bounded_lru():
    cache = _ParagraphCache(2)
    first, second, third = (_ParagraphCache.key(text) for text in ("first", "second", "third"))
    cache.put(first, (("PERSON", 0, 5, 0.85),))
    cache.put(second, ())
    assert cache.get(first) == (("PERSON", 0, 5, 0.85),)  # now the most recently used
    cache.put(third, ())
    assert cache.get(second) is None
    assert cache.get(first) is not None and cache.get(third) == ()


def test_keys_differ_for_different_paragraphs():
    assert _ParagraphCache.key("Jane Doe, 94") != _ParagraphCache.key("Jane Doe, 95")
    assert _ParagraphCache.key("Jane Doe, 94") == _ParagraphCache.key("Jane Doe, 94")
