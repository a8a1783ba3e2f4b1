"""Speed-ups change speed, never results: each fast path gives what the plain computation
gives, on the corpus and on texts built to reach its edge cases."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import spacy
from presidio_analyzer.predefined_recognizers import IpRecognizer

from clearpost.engine import utf16_offset
from clearpost.lexicon import alternation, load_context
from clearpost.sentences import SENTENCE_BREAK, Sentences
from clearpost.nlp import EXCLUDED_COMPONENTS, MODEL_NAME, OpenBlasOps
from clearpost.normalize import normalize
from clearpost.recognizers.contacts import PrefilteredIpRecognizer

DATA = Path(__file__).resolve().parent / "data"
ODD_CHARACTERS = ["a", "e", " ", "\n", "\t", "\x00", "\x7f", "\u0301", "\u200b", "\u00ad", "é", "ﬁ", "４", "а", "😀",
                  "\ud83d", "\ude00", "٣", "\ufe0f", ".", "!", "?", "Dr", "St"]


def corpus_texts() -> list[str]:
    return [json.loads(line)["text"] for line in (DATA / "posts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def odd_texts(count: int) -> list[str]:
    generator = random.Random(20261126)
    return ["".join(generator.choice(ODD_CHARACTERS) for _ in range(generator.randint(0, 30))) for _ in range(count)]


def test_utf16_offsets_count_astral_characters_twice_and_lone_surrogates_once() -> None:
    for text in corpus_texts()[:50] + odd_texts(300) + ["a😀b\ud83dc", "😀" * 3]:
        for index in range(len(text) + 1):
            assert utf16_offset(text, index) == index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def test_sentence_bounds_match_a_scan_of_the_whole_text() -> None:
    def scanned(text: str, index: int) -> tuple[int, int]:
        start = 0
        for match in SENTENCE_BREAK.finditer(text):
            if match.end() <= index:
                start = match.end()
            elif match.start() >= index:
                return start, match.start()
        return start, len(text)

    for text in corpus_texts()[:80] + odd_texts(300) + ["Dr. Lee saw her... Then?!  ok.\n\nNext"]:
        sentences = Sentences(text)
        assert all(sentences.bounds(index) == scanned(text, index) for index in range(len(text) + 1))


def test_normalisation_fast_path_keeps_marks_with_the_letter_before_them() -> None:
    folded = normalize("Cafe\u0301 Jo\u200bse, 67")
    assert folded.text == "Café Jose, 67"
    assert folded.original_span(0, 4) == (0, 5)  # "Café" covers the combining accent typed after it
    assert folded.original_span(5, 9) == (6, 11)  # "Jose" covers the zero-width space inside it


def test_ip_prefilter_finds_what_presidio_finds() -> None:
    plain, prefiltered = IpRecognizer(supported_entity="IP_ADDRESS"), PrefilteredIpRecognizer(supported_entity="IP_ADDRESS")
    for text in corpus_texts() + ["server 10.0.0.12 down", "fe80::1ff:fe23:4567:890a", "::", "::ffff:10.1.2.3/96", "v1.2"]:
        expected = [(r.start, r.end, r.score) for r in plain.analyze(text, ["IP_ADDRESS"])]
        assert [(r.start, r.end, r.score) for r in prefiltered.analyze(text, ["IP_ADDRESS"])] == expected


def test_openblas_with_row_major_weights_gives_the_models_own_annotations() -> None:
    default = spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    fast = spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    ops = OpenBlasOps()
    for _, component in fast.pipeline:
        if getattr(component, "model", None) is not None:
            ops.adopt(component.model)

    def annotations(doc) -> tuple:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents], [(t.tag_, t.pos_, t.lemma_) for t in doc]

    texts = corpus_texts()[:120] + ["ok", "Saw Mrs. Delgado, 67F, in Rm 614B at St. Luke's yesterday."]
    assert all(annotations(default(text)) == annotations(fast(text)) for text in texts)
    assert ops._transposed, "the row-major weights were never used"


def test_trie_alternation_matches_what_a_flat_longest_first_alternation_matches() -> None:
    words = load_context()["relation_words"] + ["a.b", "x", "sons", "son", "mother-in-law"]
    flat = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))
    trie = re.compile(alternation(words))
    rng = random.Random(7)
    texts = words + [word[:cut] for word in words for cut in range(1, len(word))] \
        + ["".join(rng.choice(words)[:rng.randint(1, 6)] for _ in range(3)) for _ in range(2000)]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], text
