"""Names of patients and their relatives.

spaCy's small model finds many names but misses surnames and lowercase names and invents a
few ("Keytruda"). This recognizer combines its PERSON entities with census first/last-name
evidence (the 1990 US census lists shipped by the `names` package), titles ("Mrs. Okafor"),
patient-role context ("my patient jake", "her daughter Maria") and the "Name, 94" pattern.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from presidio_analyzer import LocalRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.es.stop_words import STOP_WORDS as SPANISH_STOP_WORDS
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import PhraseMatcher, alternation, load_context, load_yaml, word_list
from .base import PatientCues
from .census import census_names
from .places import us_place_names
from .vocabulary import drug_names, is_english_word, not_name_words
from ..nlp import LazyNlpArtifacts
from ..sentences import capitalised_by_position, in_quotation

# Latin letters with accents count ("Tomás", "Lucía", "Zoë"); letters beyond Latin-1 ("Kōji",
# "Khải") reach the recognizers as their base letter (normalize.py).
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
NAME_TOKEN = rf"[{UPPER}][{UPPER}{LOWER}'’\-]*[{LOWER}][{UPPER}{LOWER}\-]*|[A-Z](?![\w'’])"
ANY_CASE_NAME_TOKEN = rf"[{UPPER}{LOWER}][{LOWER}'’]+(?:-[{UPPER}{LOWER}][{LOWER}'’]+)*-?"
POSSESSIVE = re.compile(r"['’]s?$")
# "I'd", "we'll", "she's": contractions spaCy sometimes tags as people.
CONTRACTION = re.compile(r"^[A-Za-z]+['’](?:d|ll|ve|re|m|t)$", re.IGNORECASE)
CITED_AUTHOR_AFTER = re.compile(r"\s+et\s+al\b")
PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|near|outside|from|to|at)\s+$")
HYPHENATED_PART = re.compile(r"-[A-Z][a-z]+")
# The entity of a name found only because its word is in no vocabulary: the engine makes it a
# PERSON when the post is about a patient, and drops it otherwise.
NAME_CANDIDATE = "NAME_CANDIDATE"
# A word shaped like a name: capitalised ("Tavake", "O'Neill", "Ha-eun") or in capitals ("QUISPE").
TITLE_CASE_WORD = re.compile(rf"[{UPPER}][{LOWER}]{{2,}}|[{UPPER}]['’][{UPPER}][{LOWER}]+")
MONTHS = frozenset(month.lower() for month in calendar.month_name if month)
CAPITALS_WORD = re.compile(rf"[{UPPER}]{{3,}}")
SHOUTED_WORD = re.compile(r"\b[A-Z]{4,}\b")
# Up to three lowercase words opening a sentence ("phan quoc bao, who runs the nail salon").
LOWERCASE_NAME_OPENING_SENTENCE = rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[{LOWER}]{{2,}}(?:-[{LOWER}]{{2,}})?(?:\s[{LOWER}]{{2,}}(?:-[{LOWER}]{{2,}})?){{0,2}}?)(?![\w@'’-])"
# The lowercase word after another ("mrs reign okonkwo-batts": the surname after "reign").
LOWERCASE_NEXT_WORD = re.compile(rf"\s+([{LOWER}][{LOWER}'’-]+)")
# A lowercase word, or two joined by a hyphen ("pedro-armando").
LOWERCASE_WORD = re.compile(rf"(?<![\w@#/.'’-])[{LOWER}]{{3,}}(?:-[{LOWER}]{{3,}})?(?![\w@'’-])")
# Six letters or more, two vowels, never three of a letter in a row.
PRONOUNCEABLE_CAPITALS = re.compile(r"(?!.*(.)\1\1)(?=(?:[^AEIOUY]*[AEIOUY]){2})[A-Z]{6,}")


def _hashtag_name_group(match: re.Match[str]) -> str:
    """Which group of name_hashtag_regex holds the name."""
    return next(group for group in match.re.groupindex if group.startswith("name") and match.group(group))


def _strip_possessive(text: str, start: int, end: int) -> int:
    match = POSSESSIVE.search(text, start, end)
    return match.start() if match and match.start() > start else end


class NameRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        context = load_context()
        titles = "|".join(re.escape(t.rstrip(".")) for t in context["titles"])
        relations = alternation(context["relation_words"])
        roles = alternation(context["role_words"])
        full_name = rf"(?:{NAME_TOKEN})(?:\s+(?:{NAME_TOKEN}))?"
        # A title vouches for a surname in capitals too ("Mr. KOVACEVIC in 418").
        self._title = re.compile(rf"\b(?i:{titles})\.?\s+(?P<name>{full_name}|[{UPPER}]{{3,}}(?:-[{UPPER}]{{2,}})?\b)")
        # "my patient jake", "her daughter Maria", "pt named Hunter", "el paciente es rutilio": lowercase allowed here.
        self._role = re.compile(
            rf"\b(?i:(?:my|our|the|a|this|his|her|their|[a-z]+['’]s|el|la|mi|su|nuestr[oa])\s+(?:{relations}|{roles})|pt|patient|baby\s+(?:boy|girl))"
            rf"(?:\s*[,:]\s*|\s+(?i:(?:named|called|is|was|es)\b|,)?\s*)(?P<name>{ANY_CASE_NAME_TOKEN}(?:\s+{NAME_TOKEN})?|[A-Z]{{3,}}\b)")
        # "name on the vm was rosalind mbeki": a record's name, lowercase surname too.
        self._named = re.compile(rf"\b(?i:named|se\s+llama|(?P<goes_by>answers\s+to|goes\s+by|nicknamed)|name\s+is(?!\s+(?:misspelled|misspelt|listed|written|spelled))|name's|name(?=\s+[\"“])|called|calls\s+(?:him|her|them)|(?:pt|patient)\s+name\s*[:=-]?|name\s*:|(?:student|resident|client|patient|pt)\s*:|(?:misspelled|misspelt|listed|written|spelled)\s+as"
                                 rf"|name\s+(?:on|in)\s+(?:the\s+|her\s+|his\s+)?[\w/]+\s+(?:was|is|said|read|reads))"
                                 rf"\s*[\"“]?(?!(?i:is|was|the|a|an|on|in|as|of|and|for|to)\b)(?P<name>{ANY_CASE_NAME_TOKEN}(?:\s+{ANY_CASE_NAME_TOKEN})?)")
        self._pet_before = re.compile(context["pet_before_regex"])
        self._storm_before = re.compile(context["storm_before_regex"])
        self._room_after_titled_name = re.compile(context["room_after_titled_name_regex"])
        self._place_noun_after = re.compile(context["place_noun_after_regex"])
        self._writer_relative_before = re.compile(context["writer_relative_before_regex"].replace("{NAME}", rf"(?:{NAME_TOKEN})"))
        self._quoted_nickname = re.compile(context["quoted_nickname_regex"].replace("{NAME}", rf"(?:{NAME_TOKEN})"))
        # "Jane Doe (94 yo", "Maria, 67,", "Hunter, a 6-year-old"
        # "4 yo boy, Liam," — a role word, a comma, a capitalised name.
        self._role_comma = re.compile(rf"\b(?i:{relations}|{roles}),\s+(?P<name>{NAME_TOKEN})\b")
        # "Pa Nhia Vang, 52F": up to three name words, an age in clinical shorthand.
        self._with_age = re.compile(rf"(?P<name>\b{full_name}(?:\s+(?:{NAME_TOKEN}))?)\s*(?:,|\()\s*(?:an?\s+)?\d{{1,3}}(?:\s?[MF])?\b")
        # Cues that a capitalised word is a name, when it is a known first name or spaCy calls it
        # a proper noun: "mom Nune asks", "great-grandson Mateus", "Thiago, 14 months",
        # "Efigenia, ninety-three", "Solomone Taufa's family", "Paora, my patient of 9 years".
        self._proper_noun_cues = [re.compile(regex.replace("{NAME}", rf"(?:{NAME_TOKEN})"), re.MULTILINE)
                                  for regex in context["name_cue_regexes"]]
        # "ursula in bed 2", "jim, 67,": a lowercase census first name where only a patient fits.
        self._lowercase_cues = [re.compile(regex) for regex in context["lowercase_name_cue_regexes"]]
        # "mrs delgado" typed in lowercase, "HAROLD BLEECKER, 91" in capitals: names only when
        # the census knows them.
        self._title_lowercase = re.compile(rf"\b(?P<title>(?i:{titles}))\.?\s+(?P<name>[a-z][a-z'’\-]+)")
        self._titles_before_any_word = frozenset(context["titles_before_any_word"])
        self._chart_names = [re.compile(regex) for regex in context["chart_name_regexes"]]
        self._coded_name = re.compile(context["coded_name_regex"])
        self._capitals_with_age = re.compile(r"(?P<name>\b[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+)?)\s*(?:,|\()\s*(?:an?\s+)?\d{1,3}\b")
        self._name_hashtag = re.compile(context["name_hashtag_regex"])
        self._word_name_cues = [re.compile(regex.replace("{NAME}", rf"(?:{ANY_CASE_NAME_TOKEN})"))
                                for regex in context["word_name_cue_regexes"]]
        self._not_names = not_name_words()
        self._public = word_list("public_figures.txt")
        self._public_matcher = PhraseMatcher(self._public)
        self._ambiguous = word_list("ambiguous_names.txt")
        self._person_nouns = frozenset(context["relation_words"]) | frozenset(context["role_words"])
        self._titles = frozenset(title.rstrip(".") for title in context["titles"])
        self._first = census_names("first")
        self._last = census_names("last")
        self._patient_cues = PatientCues()
        self._towns = frozenset(name.lower() for name in us_place_names()) | {
            name.lower() for name in load_yaml("places.yaml")["ambiguous_places"]}
        candidates = load_yaml("name_candidates.yaml")
        self._not_person_labels = frozenset(candidates["not_person_labels"])
        self._organisation_label = candidates["organisation_label"]
        self._drug_before = re.compile(candidates["drug_before_regex"])
        self._drug_after = re.compile(candidates["drug_after_regex"])
        self._procedure_eponyms = frozenset(candidates["procedure_eponyms"])
        self._procedure_before = re.compile(candidates["procedure_before_regex"])
        self._lowercase_full_name = re.compile(candidates["lowercase_full_name_regex"])
        self._name_opening_sentence_after = re.compile(candidates["name_opening_sentence_after_regex"])
        self._story_verb_tags = frozenset(candidates["name_opening_sentence_verb_tags"])
        self._lowercase_subject_after = re.compile(candidates["lowercase_subject_after_regex"])
        self._lowercase_name_opening_sentence = re.compile(
            rf"{LOWERCASE_NAME_OPENING_SENTENCE}(?={candidates['lowercase_subject_after_regex']})", re.MULTILINE)
        self._organisation_after = re.compile(candidates["organisation_after_regex"])
        self._places = self._towns | {name.lower() for name in us_place_names()} | word_list("world_places.txt")
        super().__init__(supported_entities=["PERSON", NAME_CANDIDATE, "ROOM"], name="name")

    def load(self) -> None:
        pass

    def _plausible(self, words: list[str], evidence: bool) -> bool:
        """Whether words form a name: no excluded word; an ambiguous or unknown single word
        needs outside evidence (a title, a role, an age)."""
        lowered = [w.lower().rstrip("'’s") if w.lower().endswith(("'s", "’s")) else w.lower() for w in words]
        if not lowered or any(w in self._not_names or w in self._public or w in STOP_WORDS for w in lowered):
            return False
        if any(CONTRACTION.match(w) for w in words):
            return False
        # "fechas de nacimiento", "la señora de la cama 5": Spanish function words in lowercase ("Ha"
        # may open a Korean name, "Ha-eun").
        if all(w.islower() and w in SPANISH_STOP_WORDS for w in words):
            return False
        if " ".join(lowered) in self._public:
            return False
        # "asked about Kybella": a drug alone is no name (the census names that are drugs, like
        # "Allegra", are not in the list).
        if len(lowered) == 1 and lowered[0] in drug_names():
            return False
        if evidence:
            return True
        if len(lowered) == 1:
            return lowered[0] in self._first and lowered[0] not in self._ambiguous
        return lowered[0] in self._first or lowered[-1] in self._last

    def _is_name_shaped(self, words: list[str]) -> bool:
        """Capitalised words, no acronyms ("EMR"), no contractions ("I'd"), and single letters
        only as initials before a surname ("Hall B" is a place in a conference centre)."""
        if words[-1].rstrip(".").isalpha() and len(words[-1].rstrip(".")) == 1:
            return False
        return all(not (len(w) > 1 and w.replace("'", "").replace("’", "").isupper()) and not CONTRACTION.match(w)
                   for w in words)

    def _add(self, results: list[RecognizerResult], text: str, start: int, end: int, score: float,
             entity: str = "PERSON") -> None:
        # spaCy may take a dash or quote in ("— Anita Raman, MD"): the name starts at its first letter.
        while start < end and not text[start].isalnum():
            start += 1
        # "Happy birthday Mamaw!", "Ms. Nana": a relation or role is no name; spaCy's "Parents Liv"
        # is Liv, and its "Don Tranquilino Zamarripa" is Tranquilino Zamarripa.
        first_word, _, rest = text[start:end].partition(" ")
        if (first_word.lower() in self._person_nouns or first_word.lower().rstrip(".") in self._titles) and rest:
            start += len(first_word) + 1
        if text[start:end].lower() in self._person_nouns:
            return
        end = _strip_possessive(text, start, end)
        if text[start:end].lower() in self._procedure_eponyms and self._procedure_before.search(text, max(0, start - 20), start):
            return
        if text[start:end].lower() in self._public or self._pet_before.search(text, max(0, start - 30), start) \
                or self._storm_before.search(text, max(0, start - 20), start) \
                or self._writer_relative_before.search(text, max(0, start - 50), start) and not in_quotation(text, start):
            return
        # "in Orlando", "near Tyler": a one-word town after a place preposition is a place.
        if PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 12), start) and " " not in text[start:end] \
                and text[start:end].lower() in self._towns:
            return
        if " " not in text[start:end] and text[start:end].lower() in self._places and self._place_noun_after.match(text, end):
            return
        # "Corson County", "Orleans Parish": a county is named after people, and is a place; so
        # is an organisation ("Crestmoor Health", "the Hargrove Family Foundation").
        if self._organisation_after.match(text, end):
            return
        # "the I-PASS study (Starmer et al., NEJM 2014)": an author cited.
        if CITED_AUTHOR_AFTER.match(text, end):
            return
        # spaCy splits "Vasquez-Moore"; the fix must take the whole surname.
        while (rest := HYPHENATED_PART.match(text, end)) is not None:
            end = rest.end()
        if end > start:
            results.append(RecognizerResult(entity, start, end, score))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for pattern, score in ((self._title, 0.9), (self._role, 0.85), (self._named, 0.85), (self._role_comma, 0.75),
                               (self._with_age, 0.8)):
            for match in pattern.finditer(text):
                start, end = match.span("name")
                words = text[start:end].split()
                # A second word after a role phrase is a surname only if it looks like one.
                if len(words) == 2 and not words[1][0].isupper() and words[1].lower() not in self._last \
                        and not (pattern in (self._named, self._role) and self._lowercase_name(words[1])):
                    end = start + len(words[0])
                    words = words[:1]
                # "Pa Nhia Vang, 52F" where "PA" is also a job title, "Discharged José Núñez, 67": a
                # leading word that is no name is left out, the last two still name the patient.
                if len(words) == 3 and (is_english_word(words[0]) or not self._plausible(words, evidence=True)):
                    start = text.index(words[1], start + len(words[0]))
                    words = words[1:]
                if words[0].isupper() and len(words[0]) > 1 and words[0].lower() not in self._first \
                        and not (pattern is self._title and self._unknown(words[0].title())):
                    continue  # "pt SOB", "my patient HPI": capitals are a name only if the census knows it, or a title vouches
                lowercase_first = words[0][0].islower()
                # "goes by pip", "nicknamed wren": the writer vouches for a name that is also a word.
                vouched = pattern is self._named and match.group("goes_by") is not None
                evidence = pattern is self._title or vouched or not lowercase_first or self._lowercase_name(words[0], min_length=3)
                if pattern is self._with_age:
                    evidence = self._plausible(words, evidence=False) or len(words) == 2
                if evidence and self._plausible(words, evidence=True):
                    self._add(results, text, start, end, score)
        for match in self._quoted_nickname.finditer(text):
            if self._plausible([text[match.start("name"):match.end("name")].split()[0]], evidence=True):
                self._add(results, text, *match.span("name"), 0.85)
        hashtags = list(self._name_hashtag.finditer(text))
        hashtag_words = Counter(match.group(_hashtag_name_group(match)).lower() for match in hashtags)
        for match in hashtags:
            group = _hashtag_name_group(match)
            # A prayer, a call for justice, an organ or someone's return names a person even with a
            # word ("#PrayForKestrel", "#KidneyForXimena", "#BringDakotaHome"), if not a place
            # ("#PrayForUkraine"); so do two such hashtags on one word ("#TeamSaffron
            # #SaffronStrong"), and a census first name before "Strong" ("#LoreleiStrong").
            # One "#TeamHope" or "#BostonStrong" may not.
            word = match.group(group).lower()
            vouched = (match.group("vouching") or group in ("name3", "name5") or hashtag_words[word] > 1
                       or group == "name2" and word in self._first and word not in self._ambiguous) and word not in self._places
            if word not in self._not_names and (vouched or not is_english_word(word)):
                self._add(results, text, *match.span(group), 0.8)
        for match in self._title_lowercase.finditer(text):
            word = match.group("name").lower()
            end = match.end("name")
            if match.group("title").lower() in self._titles_before_any_word:
                # "mrs reign okonkwo-batts": the surname after a first name that is a word.
                if (surname := LOWERCASE_NEXT_WORD.match(text, end)) and self._lowercase_surname(surname.group(1)):
                    end = surname.end(1)
            # "mr gallardo-whitfield": each part of a double-barrelled surname is a name.
            elif not self._lowercase_surname(word):
                continue
            if self._plausible([word], evidence=True):
                self._add(results, text, match.start("name"), end, 0.8)
        for pattern in (self._title, self._title_lowercase):
            for match in pattern.finditer(text):
                if room := self._room_after_titled_name.match(text, match.end("name")):
                    results.append(RecognizerResult("ROOM", *room.span("room"), 0.8))
        for match in self._coded_name.finditer(text):
            self._add(results, text, *match.span("name"), 0.85)
        for match in (match for pattern in self._chart_names for match in pattern.finditer(text)):
            words = [w for w in match.group("name").replace(",", " ").split() if len(w.rstrip(".")) > 1]  # "KHADILKAR T", "E. Quaynor": initials
            # A short word in capitals is an acronym ("BCBS member ID", "COFA 45M"), not a surname.
            # One word only a name fits vouches for the others ("AMUNDSEN, KESTREL 44M").
            if words and not any(w.isupper() and len(w) <= 4 for w in words) and any(self._unknown(w) or w.lower() in self._first or w.lower() in self._last and not is_english_word(w)
                             for w in words) and self._plausible(words, evidence=True):
                self._add(results, text, *match.span("name"), 0.8)
        for match in self._capitals_with_age.finditer(text):
            words = match.group("name").split()
            if words[0].lower() in self._first and self._plausible(words, evidence=True):
                self._add(results, text, *match.span("name"), 0.8)
        for pattern in self._lowercase_cues:
            for match in pattern.finditer(text):
                word = match.group("name").lower()
                # Where only a name fits, a short one counts too ("his son jeb", "bo in bed 3"), and
                # where only a patient fits, a word too ("wilder in bed 7 (19, dka #4)").
                vouched = "vouched" in pattern.groupindex and len(word) >= 2 and word.isalpha()
                if not ((vouched or self._lowercase_name(word, min_length=3)) and word not in self._person_nouns
                        and self._plausible([word], evidence=True)):
                    continue
                start, end = match.span("name")
                # "shoutout to keoni kahale": a second word no vocabulary knows is the surname.
                surname = match.groupdict().get("surname")
                if surname and surname.lower() not in self._person_nouns and (
                        self._unknown(surname) or surname.lower() in self._last and not is_english_word(surname)):
                    end = match.end("surname")
                self._add(results, text, start, end, 0.75)
        for pattern in self._word_name_cues:
            for match in pattern.finditer(text):
                word = match.group("name").lower()
                # A word counts as a name where it is capitalised mid-sentence ("Little Justice arrived").
                capitalised_word = match.group("name")[0].isupper() and not capitalised_by_position(text, match.start("name")) \
                    or "vouched" in pattern.groupindex
                if (word in self._first or self._unknown(word) and word.isalpha() or capitalised_word) and word not in self._not_names \
                        and word not in self._person_nouns and self._plausible([word], evidence=True):
                    self._add(results, text, *match.span("name"), 0.75)
        self._from_lowercase_subjects(text, results)
        for match in self._lowercase_full_name.finditer(text):
            first, surname = match.group("name"), match.group("surname")
            if first in self._first and first not in self._ambiguous and not is_english_word(first) \
                    and self._plausible([first, surname], evidence=True) and self._unknown(surname):
                self._add(results, text, match.start("name"), match.end("surname"), 0.6, entity=NAME_CANDIDATE)
        if nlp_artifacts is not None and nlp_artifacts.tokens is not None:
            self._from_tokens(nlp_artifacts, text, results)
            self._from_proper_noun_cues(nlp_artifacts, text, results)
            self._from_unknown_words(nlp_artifacts, text, results)
        # "Serena Williams talking about her PE": no part of a public figure's name is a patient.
        public = [(s, e) for s, e, _ in self._public_matcher.find(text)]
        return [r for r in results if not any(s < r.end and r.start < e for s, e in public)]

    def _unknown(self, word: str) -> bool:
        """A word no list knows: no English word, place, listed term, public figure or role."""
        lowered = word.lower()
        return not (is_english_word(word) or lowered in self._not_names or lowered in self._public
                    or lowered in self._places or lowered in self._person_nouns)

    def _lowercase_name(self, word: str, min_length: int = 4) -> bool:
        """A lowercase word where only a name fits ("my patient wiremu", "mrs tavake"): a census
        first name, or a word of min_length letters or more that no vocabulary knows."""
        lowered = word.lower()
        if lowered in self._first:
            return lowered not in self._ambiguous
        return len(lowered) >= min_length and lowered.isalpha() and self._unknown(lowered)

    def _lowercase_surname(self, word: str) -> bool:
        """A census surname or a word only a name fits; double-barrelled ones part by part."""
        return all(part in self._last or self._lowercase_name(part) for part in word.lower().split("-") if part)

    def _name_word(self, word: str) -> bool:
        """Whether a word next to a name candidate continues it: a census name or an unknown word."""
        lowered = word.lower()
        shaped = TITLE_CASE_WORD.fullmatch(word) is not None or CAPITALS_WORD.fullmatch(word) is not None
        return shaped and lowered not in self._not_names and (
            self._unknown(word) or (lowered in self._last or lowered in self._first) and lowered not in self._ambiguous)

    def _from_unknown_words(self, nlp_artifacts: LazyNlpArtifacts, text: str, results: list[RecognizerResult]) -> None:
        """Names of any origin that no list holds ("Tavake", "Kwabena", "QUISPE, ROSA"): a
        capitalised word that is in no vocabulary. Mid-sentence that shape is the evidence; at a
        sentence start, where every word is capitalised, the census or spaCy must agree, or a
        second name word must follow. Reported as candidates, for the engine to keep only in
        posts about a patient."""
        doc = nlp_artifacts.tokens
        labels = {token.i: ent.label_ for ent in nlp_artifacts.entities for token in ent}
        index = 0
        while index < len(doc):
            token = doc[index]
            index += 1
            word = token.text
            capitals = CAPITALS_WORD.fullmatch(word) is not None
            if not (TITLE_CASE_WORD.fullmatch(word) or capitals) or text[token.idx - 1:token.idx] in ("#", "@"):
                continue
            lowered = word.lower()
            census = (lowered in self._first or lowered in self._last) and lowered not in self._ambiguous
            if not self._unknown(word) or labels.get(token.i) in self._not_person_labels:
                continue
            # A run of name words: "Pa Houa Vang", "Vang, Pa Houa", "NGUYEN, THANH".
            end_token = token.i + 1
            while end_token < len(doc) and self._name_word(doc[end_token].text) \
                    and (doc[end_token].text.isupper() == capitals):
                end_token += 1
            if end_token == token.i + 1 and end_token + 1 < len(doc) and doc[end_token].text == "," \
                    and self._name_word(doc[end_token + 1].text) and doc[end_token + 1].text.isupper() == capitals:
                end_token += 2
                while end_token < len(doc) and self._name_word(doc[end_token].text) \
                        and doc[end_token].text.isupper() == capitals:
                    end_token += 1
            several = end_token > token.i + 1
            introduced = not several and self._introduces_person(nlp_artifacts, text, token)
            # Capitals are acronyms ("HPI", "NED", "ALCAPA") unless they make a name of two parts,
            # one of five letters or more is the subject of a verb ("KORBIN was the kid"), or, in a
            # post that shouts ("GOOD NEWS: BARTHOLOMEW is…"), one is a census name too long and
            # pronounceable for an acronym (not "EUGLYCEMIC", "SOOOO" or "HFNC").
            shouted = capitals and not several and census and PRONOUNCEABLE_CAPITALS.fullmatch(word) is not None \
                and self._shouts(text)
            if capitals and not several and not (introduced and len(word) >= 5) and not shouted:
                continue
            # spaCy calls most words in capitals organisations.
            if not (several or census or introduced or shouted) and labels.get(token.i) == self._organisation_label:
                continue
            last = doc[end_token - 1]
            # "San Diego", "Clark Fork": a place of several words, each of which looks like a name.
            if text[token.idx:last.idx + len(last.text)].lower() in self._places:
                index = end_token
                continue
            if self._drug_before.search(text, max(0, token.idx - 40), token.idx) \
                    or self._drug_after.match(text, last.idx + len(last.text)):
                continue
            possessive = end_token < len(doc) and doc[end_token].text in ("'s", "’s")
            if capitalised_by_position(text, token.idx) and not (census or several or possessive or introduced or shouted
                                                           or labels.get(token.i) == "PERSON"):
                continue
            self._add(results, text, token.idx, last.idx + len(last.text), 0.6, entity=NAME_CANDIDATE)
            index = end_token

    @staticmethod
    def _shouts(text: str) -> bool:
        """Whether the writer types ordinary words in capitals ("GOOD NEWS", "PLEASE SHARE")."""
        return any(is_english_word(word) for word in SHOUTED_WORD.findall(text))

    def _from_lowercase_subjects(self, text: str, results: list[RecognizerResult]) -> None:
        """A name typed in lowercase that does something ("pedro-armando texted me a pic", "if
        cuthbert who runs the bait shop"): a census name that is no English word, then "who", a
        call or a verb in the past tense. Opening a sentence, a name no list knows does too, with
        the rest of the name ("lesieli graduated from drug court", "amos yellowrobe asked me").
        Reported as a candidate, like an unknown word."""
        for match in LOWERCASE_WORD.finditer(text):
            if self._lowercase_subject_after.match(text, match.end()) and all(
                    (part in self._first or part in self._last) and part not in self._ambiguous and self._unknown(part)
                    for part in match.group().split("-")):
                self._add(results, text, match.start(), match.end(), 0.6, entity=NAME_CANDIDATE)
        for match in self._lowercase_name_opening_sentence.finditer(text):
            first, *rest = match.group("name").split()
            if self._only_a_name(first, rest):
                self._add(results, text, *match.span("name"), 0.6, entity=NAME_CANDIDATE)

    def _only_a_name(self, first: str, rest: list[str]) -> bool:
        """Whether lowercase words opening a sentence can only be a name: one of them is in no list
        (four letters or more; a word alone may be short: "qev came back"), the first is such a word or a census first name that is no short
        everyday word ("amos", not "my" or "so"), the others such words or census surnames."""
        if not any(self._unknown(word) and len(word) >= (4 if rest else 2) for word in (first, *rest)):
            return False
        first_is_name = self._unknown(first) or first in self._first and first not in self._ambiguous \
            and (len(first) >= 4 or not is_english_word(first))
        return first_is_name and all(self._unknown(word) or word in self._last and word not in self._ambiguous for word in rest)

    def _introduces_person(self, nlp_artifacts: LazyNlpArtifacts, text: str, token) -> bool:
        """Whether what follows a word makes it someone: a verb, a call, an aside, a home town."""
        end = token.idx + len(token.text)
        if self._name_opening_sentence_after.match(text, end):
            return True
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        # pos() tags the paragraph, after which the fine-grained tag is set too.
        if following is None or nlp_artifacts.pos(following) == "":
            return False
        # An adverb may stand between: "Rawan finally left the burn ICU".
        if following.tag_ == "RB" and following.i + 1 < len(token.doc):
            following = token.doc[following.i + 1]
        return following.tag_ in self._story_verb_tags

    def _from_proper_noun_cues(self, nlp_artifacts: LazyNlpArtifacts, text: str, results: list[RecognizerResult]) -> None:
        doc = nlp_artifacts.tokens
        for pattern in self._proper_noun_cues:
            for match in pattern.finditer(text):
                start, end = match.span("name")
                words = text[start:end].split()
                if any(w.isupper() and len(w) > 1 for w in words) or not self._plausible(words, evidence=True):
                    continue
                if any(w.lower() in self._towns for w in words) and words[0].lower() not in self._first:
                    continue
                known_first = words[0].lower() in self._first and words[0].lower() not in self._ambiguous
                token = doc.char_span(start, start + len(words[0]), alignment_mode="expand")
                if not known_first and (token is None or nlp_artifacts.pos(token[0]) != "PROPN"):
                    continue
                self._add(results, text, start, end, 0.75)

    def _from_tokens(self, nlp_artifacts: LazyNlpArtifacts, text: str, results: list[RecognizerResult]) -> None:
        doc = nlp_artifacts.tokens
        # spaCy PERSON entities, extended by a following capitalised surname it missed.
        for ent in nlp_artifacts.entities:
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if not t.is_punct]
            if not words or not all(w[0].isupper() for w in words) or not self._is_name_shaped(words):
                continue
            end_token = ent.end
            if end_token < len(doc) and doc[end_token].text[:1].isupper() and doc[end_token].text.lower() in self._last \
                    and nlp_artifacts.pos(doc[end_token]) == "PROPN":
                end_token += 1
            # A lone word spaCy calls a person ("Crain's 40 Under 40") counts when it is a known
            # first name, or when its sentence is about a patient.
            known_first = words[0].lower() in self._first and words[0].lower() not in self._ambiguous
            # A lone English word no census lists, capitalised only by its place ("Glad you passed
            # it"), is spaCy's mistake; mid-sentence it may be a name ("our patient Scout").
            vocabulary_only = words[0].lower() not in self._first and is_english_word(words[0]) \
                and capitalised_by_position(text, ent.start_char)
            evidence = len(words) > 1 or ((known_first or self._patient_cues.in_sentence(text, ent.start_char) and not vocabulary_only)
                                          and nlp_artifacts.pos(ent[0]) == "PROPN")
            if self._plausible(words, evidence=evidence):
                self._add(results, text, ent.start_char, doc[end_token - 1].idx + len(doc[end_token - 1].text), 0.85)
        # Census first name (+ surname) that spaCy missed, e.g. "saw Dwayne Okafor" at a line start.
        for token in doc:
            word = token.text
            if not word[:1].isupper() or word.isupper() or word.lower() not in self._first:
                continue
            end = token.idx + len(word)
            next_token = doc[token.i + 1] if token.i + 1 < len(doc) else None
            has_surname = next_token is not None and next_token.text[:1].isupper() and not next_token.text.isupper() \
                and next_token.text.lower() in self._last and next_token.text.lower() not in self._not_names
            if has_surname:
                end = next_token.idx + len(next_token.text)
            # A lone census name that is also a place or a month is the place ("back from Kenya",
            # "as of January"): the census lists Kenya and January as first names.
            elif word.lower() in self._ambiguous or word.lower() in self._not_names or word.lower() in self._places \
                    or word.lower() in MONTHS:
                continue
            if not self._plausible(text[token.idx:end].split(), evidence=has_surname):
                continue
            # Checked last: the part of speech is what makes the engine tag the paragraph.
            pos = nlp_artifacts.pos(token)
            if pos == "PROPN" or (has_surname and pos in ("NOUN", "ADJ")):
                self._add(results, text, token.idx, end, 0.7 if has_surname else 0.6)
