"""English vocabulary, to tell an ordinary word from a name nobody listed.

The spaCy model already ships WordNet's English lemmas (about 88,000, with irregular forms) in
its lemmatizer tables, so no dictionary is added: the tables are read straight from the model
package (a 25 ms load) without running the lemmatizer.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from functools import cache
from pathlib import Path

import spacy.util
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.es.stop_words import STOP_WORDS as SPANISH_STOP_WORDS
from spacy.lookups import Lookups

from ..lexicon import load_yaml, word_list
from ..nlp import MODEL_NAME
from .census import census_names, fold_accents

# Regular inflections WordNet does not list: "intubated" is "intubate", "scans" is "scan".
INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
               ("ly", ""), ("er", ""), ("est", ""), ("'s", ""), ("’s", ""))


@cache
def language_names() -> frozenset[str]:
    """Languages, lower-cased ("darija", "haitian creole"): neither names nor places."""
    return frozenset(language.lower() for language in load_yaml("places.yaml")["languages"])


@cache
def not_name_words() -> frozenset[str]:
    """Words that are never a patient's name, for the rules and the name proposer alike: eponyms,
    drugs and clinical terms (data/not_names.txt) and languages ("speaks Darija and French")."""
    return word_list("not_names.txt") | language_names()


@cache
def english_lemmas() -> frozenset[str]:
    lookups_dir = next(Path(spacy.util.get_package_path(MODEL_NAME)).glob("*/lemmatizer/lookups"))
    lookups = Lookups().from_disk(lookups_dir)
    words: set[str] = set(STOP_WORDS)
    index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    for pos in index.keys():
        words.update(index[pos])
    for pos in exceptions.keys():
        words.update(exceptions[pos].keys())
    words.update(load_yaml("name_candidates.yaml")["extra_words"])
    # Physicians post in Spanish too: spaCy's Spanish stop words and data/spanish_words.txt are
    # vocabulary (typed with or without accents), except words that are also first names
    # ("Sean", "Mia", "Dan").
    spanish = SPANISH_STOP_WORDS | word_list("spanish_words.txt")
    words.update((spanish | {fold_accents(word) for word in spanish}) - census_names("first"))
    return frozenset(w.lower() for w in words if "_" not in w)


@cache
def drug_names() -> frozenset[str]:
    """One-word drug names, generic and brand ("Opzelura", "Monofer", "Bactrim"), from the
    drug-named-entity-recognition package's dictionary (26,502), less the census names
    that are also drugs ("Allegra", "Camila").

    The dictionary file is read directly: importing the package would load it whole and open a
    cache file in the user's home directory."""
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    path = Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as file:
        variants = pickle.load(file)["drug_variant_to_canonical"]
    people = census_names("first") | census_names("last")
    return frozenset(name for name in variants if " " not in name and name.isalpha() and name not in people)


@cache
def _drug_suffix() -> re.Pattern[str]:
    suffixes = load_yaml("name_candidates.yaml")["drug_suffixes"]
    return re.compile(rf"(?:{'|'.join(suffixes)})$", re.IGNORECASE)


def is_english_word(word: str) -> bool:
    """Whether a word (any case) is English vocabulary or a drug, by name or generic-name stem."""
    lowered = word.lower()
    words = english_lemmas()
    if lowered in words or lowered in drug_names() or _drug_suffix().search(lowered):
        return True
    return any(lowered.endswith(suffix) and len(lowered) - len(suffix) >= 2 and lowered[:-len(suffix)] + ending in words
               for suffix, ending in INFLECTIONS)
