"""First and last names of the 1990 US census (the `names` package), with the extra first names
a hospital's patients have that the census lacks (data/first_names_extra.txt)."""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from ..lexicon import word_list


class FoldedNames(frozenset):
    """Lower-cased names, looked up without accents: "tomás" is found as "tomas"."""

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return super().__contains__(word) or super().__contains__(fold_accents(word))


def fold_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def census_names(kind: str) -> FoldedNames:
    """Lower-cased census names: kind is 'first' or 'last'. Very rare last names are skipped
    because many of them are ordinary words."""
    files = {"first": ("dist.female.first", "dist.male.first"), "last": ("dist.all.last",)}[kind]
    names: set[str] = set()
    for file_name in files:
        lines = resources.files("names").joinpath(file_name).read_text(encoding="utf-8").splitlines()
        limit = 40000 if kind == "last" else len(lines)
        names.update(line.split()[0].lower() for line in lines[:limit] if line.strip())
    if kind == "first":
        names |= word_list("first_names_extra.txt")
    return FoldedNames(names)
