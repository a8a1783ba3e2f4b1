"""The annotated evaluation corpora: built faithfully from their sources and well-formed."""

from __future__ import annotations

import importlib.util
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parent / "data"
BUILDER_PATH = DATA_DIR / "build_corpus.py"

_spec = importlib.util.spec_from_file_location("build_corpus", BUILDER_PATH)
build_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_corpus)

# (source name, minimum posts, minimum share of posts without PHI)
CORPORA = [("posts", 200, 1 / 3), ("holdout", 80, 1 / 3), ("unseen", 130, 1 / 3), ("final", 100, 1 / 3), ("blind5", 80, 1 / 3),
           ("blind6", 120, 1 / 3), ("blind7", 120, 1 / 3),
           ("blind8", 120, 1 / 3), ("blind9", 120, 1 / 3),
           ("blind10", 120, 1 / 3), ("blind11", 120, 1 / 3),
           ("blind12", 120, 1 / 3), ("blind13", 120, 1 / 3),
           ("blind14", 120, 1 / 3), ("blind15", 120, 1 / 3),
           ("blind16", 120, 1 / 3), ("blind17", 120, 1 / 3),
           ("blind18", 120, 1 / 3), ("blind19", 120, 1 / 3),
           ("blind20", 120, 1 / 3), ("blind21", 120, 1 / 3),
           ("blind22", 120, 1 / 3), ("blind23", 120, 1 / 3),
           ("blind24", 120, 1 / 3), ("blind25", 120, 1 / 3),
           ("blind26", 120, 1 / 3), ("blind27", 120, 1 / 3),
           ("blind28", 120, 1 / 3), ("blind29", 120, 1 / 3),
           ("blind30", 120, 1 / 3), ("blind31", 120, 1 / 3),
           ("blind32", 120, 1 / 3), ("blind33", 120, 1 / 3),
           ("blind34", 120, 1 / 3), ("blind35", 120, 1 / 3),
           ("blind36", 120, 1 / 3), ("blind37", 120, 1 / 3),
           ("blind38", 120, 1 / 3), ("blind39", 120, 1 / 3),
           ("blind40", 120, 1 / 3), ("blind41", 120, 1 / 3),
           ("blind42", 120, 1 / 3), ("blind43", 120, 1 / 3),
           ("blind44", 120, 1 / 3), ("blind45", 120, 1 / 3),
           ("blind46", 120, 1 / 3), ("blind47", 120, 1 / 3),
           ("blind48", 120, 1 / 3), ("blind49", 120, 1 / 3),
           ("blind50", 120, 1 / 3), ("blind51", 120, 1 / 3),
           ("blind52", 120, 1 / 3), ("blind53", 120, 1 / 3),
           ("blind54", 120, 1 / 3), ("blind55", 120, 1 / 3),
           ("blind56", 120, 1 / 3), ("blind57", 120, 1 / 3),
           ("blind58", 120, 1 / 3), ("blind59", 120, 1 / 3),
           ("blind60", 120, 1 / 3), ("blind61", 120, 1 / 3),
           ("blind62", 120, 1 / 3), ("blind63", 120, 1 / 3),
           ("blind64", 120, 1 / 3), ("blind65", 120, 1 / 3),
           ("blind66", 120, 1 / 3), ("blind67", 120, 1 / 3),
           ("blind68", 120, 1 / 3), ("blind69", 120, 1 / 3),
           ("blind70", 120, 1 / 3), ("blind71", 120, 1 / 3),
           ("blind72", 120, 1 / 3), ("blind73", 120, 1 / 3),
           ("blind74", 120, 1 / 3), ("blind75", 120, 1 / 3),
           ("blind76", 120, 1 / 3), ("blind77", 120, 1 / 3), ("blind78", 120, 1 / 3), ("blind79", 120, 1 / 3),
           ("blind80", 120, 1 / 3), ("blind81", 120, 1 / 3), ("blind82", 120, 1 / 3),
           ("blind83", 120, 1 / 3), ("blind84", 120, 1 / 3), ("blind85", 120, 1 / 3), ("blind86", 120, 1 / 3),
           ("blind87", 120, 1 / 3), ("blind88", 120, 1 / 3), ("blind89", 120, 1 / 3),
           ("blind90", 120, 1 / 3), ("blind91", 120, 1 / 3), ("blind92", 120, 1 / 3), ("blind93", 120, 1 / 3),
           ("blind94", 120, 1 / 3), ("blind95", 120, 1 / 3), ("blind96", 120, 1 / 3),
           ("blind97", 120, 1 / 3), ("blind98", 120, 1 / 3), ("blind99", 120, 1 / 3), ("blind100", 120, 1 / 3), ("blind101", 120, 1 / 3), ("blind102", 120, 1 / 3), ("blind103", 120, 1 / 3),
           ("blind104", 120, 1 / 3), ("blind105", 120, 1 / 3), ("blind106", 120, 1 / 3), ("blind107", 120, 1 / 3), ("blind108", 120, 1 / 3), ("blind109", 120, 1 / 3), ("blind110", 120, 1 / 3),
           ("blind111", 120, 1 / 3), ("blind112", 120, 1 / 3), ("blind113", 120, 1 / 3), ("blind114", 120, 1 / 3), ("blind115", 120, 1 / 3), ("blind116", 120, 1 / 3), ("blind117", 120, 1 / 3),
           ("blind118", 120, 1 / 3), ("blind119", 120, 1 / 3), ("blind120", 120, 1 / 3), ("blind121", 120, 1 / 3), ("blind122", 120, 1 / 3), ("blind123", 120, 1 / 3), ("blind124", 120, 1 / 3),
           ("blind125", 120, 1 / 3), ("blind126", 120, 1 / 3), ("blind127", 120, 1 / 3), ("blind128", 120, 1 / 3), ("blind129", 120, 1 / 3), ("blind130", 120, 1 / 3), ("blind131", 120, 1 / 3),
           ("blind132", 120, 1 / 3), ("blind133", 120, 1 / 3), ("blind134", 120, 1 / 3), ("blind135", 120, 1 / 3), ("blind136", 120, 1 / 3), ("blind137", 120, 1 / 3), ("blind138", 120, 1 / 3),
           ("blind139", 120, 1 / 3), ("blind140", 120, 1 / 3), ("blind141", 120, 1 / 3), ("blind142", 120, 1 / 3), ("blind143", 120, 1 / 3), ("blind144", 120, 1 / 3), ("blind145", 120, 1 / 3),
           ("blind146", 120, 1 / 3), ("blind147", 120, 1 / 3), ("blind148", 120, 1 / 3), ("blind149", 120, 1 / 3), ("blind150", 120, 1 / 3), ("blind151", 120, 1 / 3), ("blind152", 120, 1 / 3),
           ("blind153", 120, 1 / 3), ("blind154", 120, 1 / 3), ("blind155", 120, 1 / 3), ("blind156", 120, 1 / 3), ("blind157", 120, 1 / 3), ("blind158", 120, 1 / 3), ("blind159", 120, 1 / 3),
           ("blind160", 120, 1 / 3), ("blind161", 120, 1 / 3), ("blind162", 120, 1 / 3), ("blind163", 120, 1 / 3), ("blind164", 120, 1 / 3), ("blind165", 120, 1 / 3),
           ("blind166", 120, 1 / 3), ("blind167", 120, 1 / 3), ("blind168", 120, 1 / 3), ("blind169", 120, 1 / 3), ("blind170", 120, 1 / 3), ("blind171", 120, 1 / 3)]


def _load_jsonl(name: str) -> list[dict]:
    lines = (DATA_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("name", [name for name, _, _ in CORPORA])
def test_jsonl_is_exactly_what_the_builder_produces(name: str) -> None:
    built = build_corpus.build((DATA_DIR / f"{name}.txt").read_text(encoding="utf-8"))
    assert (DATA_DIR / f"{name}.jsonl").read_text(encoding="utf-8") == build_corpus.to_jsonl(built)


@pytest.mark.parametrize("name", [name for name, _, _ in CORPORA])
def test_spans_are_in_range_sorted_disjoint_and_labelled(name: str) -> None:
    label_kinds = build_corpus.load_label_kinds()
    for post in _load_jsonl(name):
        assert set(post) == {"id", "platform", "text", "spans"}, post["id"]
        assert post["platform"] in build_corpus.PLATFORMS, post["id"]
        previous_end = 0
        for span in post["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(post["text"]), post["id"]
            assert span["start"] >= previous_end, f"{post['id']}: overlapping or unsorted spans"
            previous_end = span["end"]
            assert label_kinds[span["label"]] == span["kind"], post["id"]
            covered = post["text"][span["start"]:span["end"]]
            assert covered == covered.strip(), f"{post['id']}: span with surrounding whitespace"


@pytest.mark.parametrize(("name", "minimum_posts", "minimum_clean_share"), CORPORA)
def test_corpus_size_and_clean_share(name: str, minimum_posts: int, minimum_clean_share: float) -> None:
    posts = _load_jsonl(name)
    clean = [post for post in posts if not post["spans"]]
    assert len(posts) >= minimum_posts
    assert len(clean) / len(posts) >= minimum_clean_share
    assert {post["platform"] for post in posts} == build_corpus.PLATFORMS


def test_ids_are_unique_across_corpora() -> None:
    ids = [post["id"] for name, _, _ in CORPORA for post in _load_jsonl(name)]
    assert len(ids) == len(set(ids))


CORPUS_PAIRS = list(itertools.combinations([name for name, _, _ in CORPORA], 2))


@pytest.mark.parametrize(("first", "second"), CORPUS_PAIRS)
def test_corpora_use_different_patient_names(first: str, second: str) -> None:
    """The held-out sets check generalisation, so no set may reuse another set's patient names."""
    def person_names(name: str) -> set[str]:
        return {post["text"][s["start"]:s["end"]].casefold() for post in _load_jsonl(name)
                for s in post["spans"] if s["label"] == "PERSON"}
    assert person_names(first).isdisjoint(person_names(second))


def test_builder_computes_code_point_offsets_without_markup() -> None:
    [post] = build_corpus.build("### t1 x\n👋 [[Zoë|PERSON]], [[67|AGE]]F\nline two\n")
    assert post["text"] == "👋 Zoë, 67F\nline two"
    assert [(s["start"], s["end"], s["label"], s["kind"]) for s in post["spans"]] == [
        (2, 5, "PERSON", "direct"), (7, 9, "AGE", "quasi")]


@pytest.mark.parametrize("source", [
    "### t1 x\n[[Zoë|NAME]] is here\n",            # unknown label
    "### t1 x\n[[Zoë|PERSON] is here\n",            # unclosed markup
    "### t1 x\n[[ Zoë|PERSON]] is here\n",          # whitespace inside the span
    "### t1 myspace\nplain text\n",                 # unknown platform
    "### t1 x\none\n### t1 x\ntwo\n",               # duplicate id
    "stray text\n### t1 x\none\n",                  # text outside any post
])
def test_builder_rejects_malformed_sources(source: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(source, encoding="utf-8")
    result = subprocess.run([sys.executable, str(BUILDER_PATH), str(path)], capture_output=True, text=True)
    assert result.returncode != 0
    assert not path.with_suffix(".jsonl").exists()
