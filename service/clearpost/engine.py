"""The detection engine: one Presidio AnalyzerEngine over the spaCy model, built once per
process, and the post-processing that turns its results into findings a physician can trust.

Typing sends the same text again and again with small edits, so raw recognizer results are
cached per paragraph (bounded LRU, keyed by a hash, in memory only): an edit re-analyses only
the paragraph that changed.
"""

from __future__ import annotations

import gc
import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration

from . import __version__
from .casing import unshout
from .config import Config
from .entities import ENTITIES
from .lexicon import PhraseMatcher, alternation, load_context, word_list
from .nlp import MODEL_NAME, LeanSpacyNlpEngine
from .name_proposer import NameProposer
from .normalize import normalize
from .recognizers import build_registry
from .recognizers.census import census_names
from .recognizers.dates import DAY_CANDIDATE
from .recognizers.names import NAME_CANDIDATE
from .recognizers.vocabulary import is_english_word
from .risk import Risk, assess
from .second_opinion import SecondOpinion
from .sentences import Sentences, capitalised_by_position, in_quotation
from .suggest import Edit, apply_edits, suggestion_for

SCORE_THRESHOLD = 0.4
CACHE_SIZE = 2048
# spaCy promises no thread safety (its vocabulary grows as it reads), and on this GIL-bound
# pipeline one analysis at a time is as fast as several (measured in SECURITY.md).
NLP_LOCK = threading.Lock()
# Quasi-identifiers that are only PHI when the post is about a patient.
NEEDS_PATIENT_CONTEXT = {"LOCATION", "HOSPITAL", "DEPARTMENT", "RELATIVE_DATE", "OCCUPATION", "EVENT"}
# Findings that only a patient produces ("67F", "MRN 4482913", "Rm 614B"): they make the whole
# post about a patient. Full dates, URLs and emails do not (a conference date, a blog link).
# A room number only with someone beside it in its sentence ("Join us in Room 402" is a talk).
PATIENT_EVIDENCE = {"AGE", "AGE_OVER_89", "MRN", "SSN", "HEALTH_PLAN_ID", "ACCOUNT_NUMBER", "DEVICE_ID", "ADDRESS",
                    "ZIP", "LICENSE_NUMBER", "VEHICLE_ID"}
# Contact details, which a post about no patient may give for the writer's own practice.
CONTACTS = {"PHONE", "EMAIL", "URL"}
AGES = {"AGE", "AGE_OVER_89"}
# Quasi-identifiers and dates that belong to the physician in a sentence about the physician
# ("Speaking in Philadelphia on November 16, 2025", "Proud to join Mayo Clinic").
PHYSICIAN_OWNABLE = {"LOCATION", "HOSPITAL", "DATE", "RELATIVE_DATE", "OCCUPATION", "EVENT"}
NAME_CONTAINERS = {"HOSPITAL", "OCCUPATION", "ADDRESS", "EVENT", "LOCATION", "DATE", "RELATIVE_DATE", "DEPARTMENT"}
TRAILING_PUNCTUATION = ".,;:!?\"'”’)"
HASHTAG = re.compile(r"#(?=\w*[^\W\d_])\w+")
NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
# A name right after a clinician's title is a colleague, not a patient. The abbreviations only
# in capitals: "Pa Nhia Vang" is a Hmong name.
CLINICIAN_TITLE_BEFORE = re.compile(r"\b(?:(?i:Dr|Dra|Doctor|Doctora|Prof|Professor|Nurse|Drs)|NP|PA|RN)\.?\s+$")
# Degrees and licences after a clinician's or a staff member's name ("Haven Treadwell, BSN, RNC-NIC").
# Not a bare "PA", which is also Pennsylvania ("Calloway Flats, PA").
CREDENTIALS = ("MD|DO|MBBS|MBChB|RN|BSN|MSN|RNC(?:-[A-Z]+)?|CNM|CRNA|APRN|FNP(?:-BC)?|NP|PA-C|DNP|PhD|PharmD|LPN|LVN"
               "|DPT|OTR|RRT|CCLS|LCSW|MSW|DDS|DMD|FACS|FAAP|FACOG|FACEP|MRCP|FRCP|MRCGP")
# The whole name after a clinician's title: "Dr. Maya Thornton" is no patient and no town.
CLINICIAN_NAME = re.compile(rf"\b(?:Dr|Dra|Drs|Doctor|Doctora|Prof|Professor)\.?\s+(?:[A-Z][\w'’-]*\.?\s+){{0,2}}[A-Z][\w'’-]*"
                            # a signature: "Anita Raman, MD, FACP", "Dee Harlan, PA-C"
                            rf"(?:,\s*(?:{CREDENTIALS}|PA|FACP|FAAFP|SFHM|MPH|MBA)\b)*"
                            rf"|(?:[A-Z][\w'’-]*\.?\s+){{1,2}}[A-Z][\w'’-]*,\s*(?:{CREDENTIALS})\b(?:,\s*[A-Z][A-Za-z-]{{1,7}}\b)*")


def build_analyzer(config: Config) -> AnalyzerEngine:
    nlp_engine = LeanSpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": MODEL_NAME}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=["CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"]),
    )
    nlp_engine.load()
    return AnalyzerEngine(
        registry=build_registry(config),
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        default_score_threshold=SCORE_THRESHOLD,
        context_aware_enhancer=LemmaContextAwareEnhancer(context_similarity_factor=0.35, min_score_with_context_similarity=0.4),
    )


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    entity: str
    score: float
    suggestion: str

    @property
    def category(self) -> str:
        return ENTITIES[self.entity].category

    def to_json(self, text: str) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "start_utf16": utf16_offset(text, self.start),
            "end_utf16": utf16_offset(text, self.end),
            "entity": self.entity,
            "category": self.category,
            "score": round(self.score, 3),
            "suggestion": self.suggestion,
            "explanation": ENTITIES[self.entity].explanation,
        }


@dataclass(frozen=True)
class Analysis:
    text: str
    findings: list[Finding]
    risk: Risk

    @property
    def redacted(self) -> str:
        return apply_edits(self.text, [Edit(f.start, f.end, f.suggestion) for f in self.findings])

    def to_json(self) -> dict:
        return {"findings": [f.to_json(self.text) for f in self.findings], "risk": self.risk.to_json(), "redacted": self.redacted}


def with_proposed_names(text: str, findings: list[Finding], proposed: list[tuple[int, int, float]]) -> list[Finding]:
    """The findings and the proposed names, in order; a proposed word beside a name found joins
    it ("Winona Bull" and "Tail"), so that the fix replaces the whole name once."""
    findings = list(findings)
    for start, end, score in proposed:
        name = next((f for f in findings if f.entity == "PERSON" and (text[f.end:start] == " " or text[end:f.start] == " ")), None)
        if name:
            findings.remove(name)
            start, end, score = min(start, name.start), max(end, name.end), name.score
        findings.append(Finding(start, end, "PERSON", score, suggestion_for("PERSON", text, start, end)))
    return sorted(findings, key=lambda f: f.start)


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 code-unit offset of code-point `index` (characters outside the BMP take two;
    a lone surrogate, which JavaScript strings may hold, one)."""
    return index if text.isascii() else len(text[:index].encode("utf-16-le", "surrogatepass")) // 2


class _ParagraphCache:
    """Thread-safe bounded LRU of raw results per paragraph, keyed by a digest of its text."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[bytes, tuple[tuple[str, int, int, float], ...]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(paragraph: str) -> bytes:
        return hashlib.blake2b(paragraph.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, key: bytes) -> tuple[tuple[str, int, int, float], ...] | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: bytes, value: tuple[tuple[str, int, int, float], ...]) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class Detector:
    """Finds PHI in a post. Build once per process; `analyze` is safe to call from threads."""

    def __init__(self, config: Config | None = None, cache_size: int = CACHE_SIZE, second_opinion: bool = True) -> None:
        self.config = config or Config()
        self.analyzer = build_analyzer(self.config)
        # The learned models, off only to train them (scripts/train-second-opinion learns from the
        # rules' findings) and to test the rules alone.
        self.second_opinion = SecondOpinion.load() if second_opinion else None
        self.name_proposer = NameProposer.load() if second_opinion else None
        self.cache = _ParagraphCache(cache_size) if cache_size else None
        context = load_context()
        self._patient_cues = PhraseMatcher(context["patient_cues"])
        self._weak_patient_cues = frozenset(context["weak_patient_cues"])
        self._weak_patient_cues_needed = context["weak_patient_cues_needed"]
        self._own_contact = re.compile(context["own_contact_regex"], re.IGNORECASE)
        self._booking_before = re.compile(context["booking_before_regex"])
        self._booking_after = re.compile(context["booking_after_regex"])
        self._ambiguous_names = word_list("ambiguous_names.txt")
        self._first_names = census_names("first")
        self._writer_family = re.compile(context["writer_family_regex"])
        self._family_post = re.compile(context["family_post_regex"])
        self._clinical_mention = re.compile(context["clinical_mention_regex"])
        self._writers_people = re.compile(context["writers_people_regex"])
        self._community_title = re.compile(context["community_title_regex"])
        self._staff_role_before = re.compile(context["staff_role_before_regex"])
        self._care_verb_before = re.compile(context["care_verb_before_regex"])
        self._birth_date_before = re.compile(context["birth_date_before_regex"])
        self._birth_weight = re.compile(context["birth_weight_regex"], re.IGNORECASE)
        # Words of a found name that are no name of their own: titles and relations ("Mrs", "Baby").
        self._not_a_name_word = frozenset(context["titles"]) | frozenset(context["relation_words"]) \
            | frozenset(context["role_words"]) | STOP_WORDS
        self._physician_cues = PhraseMatcher(context["physician_cues"])
        self._colleague_cues = PhraseMatcher(context["colleague_cues"])
        self._weak_colleague_cues = frozenset(context["weak_colleague_cues"])
        self._generic_patient_phrases = PhraseMatcher(context["generic_patient_phrases"])
        self._name_hashtag = re.compile(context["name_hashtag_regex"])
        self._eponym_after = re.compile(context["eponym_after_regex"], re.IGNORECASE)
        self._case_law = re.compile(context["case_law_regex"])
        self._genomic_notation = re.compile(context["genomic_notation_regex"])
        # A public figure's full name is nobody's PHI, not even its surname as a town ("Serena Williams").
        public_names = [name for name in word_list("public_figures.txt") if " " in name]
        self._allowed = PhraseMatcher(list(word_list("allow_terms.txt")) + public_names + list(self.config.allow_terms))

    @cached_property
    def model_name(self) -> str:
        meta = self.analyzer.nlp_engine.nlp["en"].meta
        return f"{meta['lang']}_{meta['name']}-{meta['version']}"

    version = __version__

    def warm_up(self) -> None:
        """Run once so the first real request does not pay for lazy initialisation (every
        component, the tagger and lemmatizer included, and the recognizers' first matches: the
        email recognizer loads its public-suffix list on its first address)."""
        self._raw_results(["Warm-up: Jane Doe, 94 yo, seen yesterday in Boston, MRN 1234567, call 617-555-0142, "
                           "write to jane.doe@example.org or see https://example.org/jd."],
                          use_cache=False)
        # The models, vocabularies and recognizers live as long as the process: the garbage
        # collector need not walk their hundred thousand objects again in every full collection.
        gc.freeze()

    # -- detection -----------------------------------------------------------------------
    def _raw_results(self, paragraphs: list[str], use_cache: bool = True) -> list[tuple[tuple[str, int, int, float], ...]]:
        """Raw recognizer results of each paragraph: from the cache, or from one batched NER
        pass over all the paragraphs not in it (batching halves spaCy's cost on long posts)."""
        paragraphs = [unshout(p) for p in paragraphs]
        keys = [_ParagraphCache.key(p) if (self.cache and use_cache) else None for p in paragraphs]
        raws = [self.cache.get(key) if key is not None else None for key in keys]
        missing = [i for i, raw in enumerate(raws) if raw is None]
        nlp_engine: LeanSpacyNlpEngine = self.analyzer.nlp_engine
        for i, artifacts in zip(missing, nlp_engine.process_paragraphs([paragraphs[i] for i in missing], "en")):
            results = self.analyzer.analyze(paragraphs[i], language="en", score_threshold=SCORE_THRESHOLD, nlp_artifacts=artifacts)
            raws[i] = tuple((r.entity_type, r.start, r.end, r.score) for r in results)
            if keys[i] is not None:
                self.cache.put(keys[i], raws[i])
        return raws

    def _candidates(self, text: str, use_cache: bool) -> list[RecognizerResult]:
        offsets, paragraphs, offset = [], [], 0
        for paragraph in text.split("\n"):
            if paragraph.strip():
                offsets.append(offset)
                paragraphs.append(paragraph)
            offset += len(paragraph) + 1
        return [RecognizerResult(entity, start + offset, end + offset, score)
                for offset, raw in zip(offsets, self._raw_results(paragraphs, use_cache))
                for entity, start, end, score in raw]

    def analyze(self, text: str, use_cache: bool = True) -> Analysis:
        # Detection reads the text as a reader sees it (no zero-width characters, look-alike
        # letters or full-width digits); findings are moved back onto what was typed.
        seen = normalize(text)
        with NLP_LOCK:
            candidates = self._candidates(seen.text, use_cache)
        findings = self._select(seen.text, candidates)
        if self.second_opinion:
            findings = self._second_opinion(seen.text, findings)
        findings = seen.restore(findings)
        return Analysis(text, findings, assess([f.entity for f in findings]))

    def _second_opinion(self, text: str, findings: list[Finding]) -> list[Finding]:
        """The learned models' reading of the rules' findings: the doubtful ones dropped, the names
        the rules missed added."""
        proposed = self.name_proposer.propose(text, findings, self.never_names(text))
        return with_proposed_names(text, self.second_opinion.keep(text, findings), proposed)

    # -- post-processing -----------------------------------------------------------------
    def _allowed_spans(self, text: str, lowered: str) -> list[tuple[int, int]]:
        """Terms that are never PHI: the allow list, public figures, case law, gene variants."""
        return [(s, e) for s, e, _ in self._allowed.find(text, lowered)] + [m.span() for m in self._case_law.finditer(text)] \
            + [m.span() for m in self._genomic_notation.finditer(text)]

    def never_names(self, text: str) -> list[tuple[int, int]]:
        """Where no patient's name is: allowed terms and clinicians named with title or degrees."""
        return self._allowed_spans(text, text.lower()) + [m.span() for m in CLINICIAN_NAME.finditer(text)]

    def _patient_cue_spans(self, text: str, lowered: str, physician_cues: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Patient cues, except inside generic phrases ("patient care") or physician cues
        ("presented at ASCO"), and a newborn's weight ("8 lb 6 oz")."""
        generic = [(s, e) for s, e, _ in self._generic_patient_phrases.find(text, lowered)] + physician_cues
        return [(s, e) for s, e, _ in self._patient_cues.find(text, lowered)
                if not any(gs < e and s < ge for gs, ge in generic)] + [m.span() for m in self._birth_weight.finditer(text)]

    def _select(self, text: str, candidates: list[RecognizerResult]) -> list[Finding]:
        lowered = text.lower()
        # A hashtag is never PHI, except a patient's name in "#PrayForLiam".
        name_hashtags = [m.span() for m in self._name_hashtag.finditer(text)]
        name_hashtag_starts = {start for start, _ in name_hashtags}
        hashtags = [m.span() for m in HASHTAG.finditer(text) if m.start() not in name_hashtag_starts]
        allowed = self._allowed_spans(text, lowered)
        physician_cues = [(s, e) for s, e, _ in self._physician_cues.find(text, lowered)]
        patient_cues = self._patient_cue_spans(text, lowered, physician_cues)
        sentences = Sentences(text)
        candidates = [r for r in candidates if not self._of_writers_family(text, r, sentences.bounds(r.start), patient_cues)]
        # Identifiers, ages in clinical shorthand ("67F", "94 yo") and dates of birth ("born
        # 2026-01-30", "DOB 04/30/2011") only ever describe a patient.
        strong = [r for r in candidates if r.entity_type in PATIENT_EVIDENCE or r.entity_type == "DATE"
                  and self._birth_date_before.search(text, max(0, r.start - 20), r.end)]
        patient_marks = patient_cues + [(r.start, r.end) for r in strong]
        candidates, rooms = self._rooms_of_patients(candidates, patient_marks, sentences)
        strong += rooms
        patient_marks += [(r.start, r.end) for r in rooms]
        # A name needs only a hint of a patient; a quasi-identifier needs a patient in particular:
        # a cue beyond the weak ones ("kids", "family", "he"), or several of those.
        cue_words = {lowered[s:e] for s, e in patient_cues}
        if self._is_family_post(text, cue_words, strong, candidates) and not name_hashtags:
            candidates = [r for r in candidates if r.entity_type not in AGES | {"PERSON", NAME_CANDIDATE}]
            strong, cue_words = [], set()
        mentions_patient = bool(strong) or bool(cue_words) or bool(name_hashtags) \
            or any(r.entity_type == "ID_NUMBER" for r in candidates) \
            or any(r.entity_type in ("PERSON", NAME_CANDIDATE) and self._care_verb_before.search(text, max(0, r.start - 20), r.start)
                   for r in candidates)
        about_patient = bool(strong) or bool(cue_words - self._weak_patient_cues) \
            or len(cue_words & self._weak_patient_cues) >= self._weak_patient_cues_needed
        about_physician = bool(physician_cues)
        # A word in no vocabulary ("Tavake") is taken for a name only in a post about a patient.
        candidates = [RecognizerResult("PERSON", r.start, r.end, r.score) if r.entity_type == NAME_CANDIDATE else r
                      for r in candidates if r.entity_type != NAME_CANDIDATE or mentions_patient]
        candidates = self._days_of_patients(candidates, sentences)
        clinician_names = [m.span() for m in CLINICIAN_NAME.finditer(text)]
        # The writer's people named with the relation ("my husband Tomasz"), and clinicians and staff
        # named with their title or degrees ("Meet Haven Treadwell, BSN … Haven started here"):
        # their names alone later in the post are theirs too.
        # A relative in a quotation is the speaker's ("told me "my grandson Abner is a catch"").
        writers_people = {name for match in self._writers_people.finditer(text) if not in_quotation(text, match.start())
                          for name in NAME_WORD.findall(match.group("names"))} \
            | {name for s, e in clinician_names for name in NAME_WORD.findall(text, s, e) if not name.isupper()}
        # "Crestmoor taught me everything" after "Crestmoor Health": the organisation, named short.
        organisations = {text[r.start:r.end].split()[0] for r in candidates if r.entity_type == "HOSPITAL" and " " in text[r.start:r.end]}
        # A post about no patient in particular is the writer's or their organisation's: its
        # contact details ("email me at…", "call our recruiter at…") are theirs, and so are its
        # full dates ("interviews start January 6, 2025") when nobody but clinicians is named.
        own_dates = not about_patient and not any(
            r.entity_type == "PERSON" and not any(s <= r.start and r.end <= e for s, e in clinician_names) for r in candidates)

        def physician_sentence(index: int) -> bool:
            start, end = sentences.bounds(index)
            return any(start <= s < end for s, _ in physician_cues) and not any(start <= s < end for s, _ in patient_marks)

        kept: list[RecognizerResult] = []
        for result in _drop_contained_names(_names_end_at_identifiers(text, candidates)):
            entity, start, end = result.entity_type, result.start, result.end
            # "#Happy101st": an age over 89 in digits is PHI even in a hashtag ("#centenarian" is not).
            if any(s <= start and end <= e for s, e in hashtags) and not (entity == "AGE_OVER_89" and text[start:end].isdigit()) \
                    or any(s < end and start < e for s, e in allowed):
                continue
            if entity == "DATE" and own_dates or entity in CONTACTS and not about_patient \
                    and self._own_contact.search(text, max(0, start - 80), start) and not in_quotation(text, start):
                continue
            if entity in CONTACTS and (self._booking_before.search(text, max(0, start - 100), start) or self._booking_after.match(text, end)):
                continue
            if entity in NEEDS_PATIENT_CONTEXT and (not about_patient or (about_physician and entity in ("LOCATION", "HOSPITAL")
                                                                          and not strong)):
                continue
            if entity in PHYSICIAN_OWNABLE and physician_sentence(start):
                continue
            if entity in ("PERSON", "LOCATION", "HOSPITAL") and any(s <= start and end <= e for s, e in clinician_names):
                continue
            # "Dr. Nwosu-Brandt, 52, has led…": the clinician's own age.
            if entity in AGES and any(0 <= start - e <= 3 and text[e:start].strip(" ,(") == "" for _, e in clinician_names):
                continue
            # Checked after the span and after its first word: spaCy may take the score in ("Lille 0.62").
            if entity in ("PERSON", "LOCATION") and any(
                    self._eponym_after.match(text, i) for i in (end, text.find(" ", start, end)) if i >= 0):
                continue
            # "#PrayForKestrel … our team sees every message": a name in a prayer is no colleague's.
            # Staff are named with their role ("our nurse manager Bridget Ellery").
            if entity == "PERSON" and not any(s <= start and end <= e for s, e in name_hashtags) and (
                    CLINICIAN_TITLE_BEFORE.search(text, max(0, start - 12), start)
                    or self._staff_role_before.search(text, max(0, start - 40), start)
                    or self._in_colleague_sentence(text, lowered, sentences.bounds(start), strong)):
                continue
            # A name in a post with no hint of a patient is a colleague, a friend, a public or
            # historical figure ("Edward Bishop, 1964").
            if entity == "PERSON" and (not mentions_patient or text[start:end] in organisations
                                       or text[start:end].split()[0] in writers_people
                                       or not about_patient and self._community_title.search(text, max(0, start - 16), start)):
                continue
            kept.append(result)
        kept += self._other_mentions(text, kept, clinician_names + allowed)
        return [Finding(r.start, end, r.entity_type, r.score, suggestion_for(r.entity_type, text, r.start, end))
                for r in _resolve_overlaps(text, kept) if (end := _trim_trailing_punctuation(text, r.start, r.end)) > r.start]

    @staticmethod
    def _days_of_patients(candidates: list[RecognizerResult], sentences: Sentences) -> list[RecognizerResult]:
        """"Today" dates a patient's event where its sentence names the patient or gives their age or
        identifier ("Miss Odessa turned 103 today"); "every patient today" is the writer's day."""
        marks = [(r.start, r.end) for r in candidates if r.entity_type == "PERSON" or r.entity_type in PATIENT_EVIDENCE]
        kept = []
        for result in candidates:
            if result.entity_type == DAY_CANDIDATE:
                start, end = sentences.bounds(result.start)
                if not any(start <= s < end for s, _ in marks):
                    continue
                result = RecognizerResult("RELATIVE_DATE", result.start, result.end, result.score)
            kept.append(result)
        return kept

    def _is_family_post(self, text: str, cue_words: set[str], strong: list[RecognizerResult],
                        candidates: list[RecognizerResult]) -> bool:
        """Whether the post is about the writer's own family and no patient: it speaks of the
        family outside any quotation (a parent quoted saying "my daughter" is a patient's), holds
        no patient cue beyond the weak ones, no identifier or contact, and no word of patients."""
        if cue_words - self._weak_patient_cues or any(r.entity_type not in AGES for r in strong) \
                or any(r.entity_type in CONTACTS for r in candidates) or self._clinical_mention.search(text):
            return False
        return any(not in_quotation(text, m.start()) for m in self._family_post.finditer(text))

    def _of_writers_family(self, text: str, result: RecognizerResult, sentence: tuple[int, int],
                           patient_cues: list[tuple[int, int]]) -> bool:
        """Whether an age or a day is the writer's own family's, in a sentence that names no patient:
        an age close after the family in its paragraph ("My daughter Harmony (mine, not a patient!)
        turned 16 today"), a day in its sentence ("My mum turned 70 on Sunday")."""
        start, end = sentence
        if result.entity_type in AGES:
            region = (max(0, result.start - 200, text.rfind("\n", 0, result.start) + 1), result.start)
        elif result.entity_type == "RELATIVE_DATE":
            region = sentence
        else:
            return False
        # A relative in a quotation is the speaker's ("THIS IS REGINALD … ABOUT MY MOTHER").
        return any(not in_quotation(text, m.start()) for m in self._writer_family.finditer(text, *region)) \
            and not any(start <= s < end and "patient" in text[s:e].lower() for s, e in patient_cues)

    def _other_mentions(self, text: str, kept: list[RecognizerResult], not_patients: list[tuple[int, int]]) -> list[RecognizerResult]:
        """Every mention of a patient's name, where no rule saw it: "Journey is the toughest kid",
        "Well, Eulalia, …", "#FuerzaItzel". A name that is also a word ("Hope") is matched in
        its own casing only, so "I hope" stays a word."""
        names = {m.group() for r in kept if r.entity_type == "PERSON" for m in NAME_WORD.finditer(text, r.start, r.end)}
        names = {name for name in names if len(name) >= 2 and name.lower() not in self._not_a_name_word}
        if not names:
            return []
        taken = [(r.start, r.end) for r in kept] + not_patients
        mentions: list[RecognizerResult] = []

        def mention(start: int, end: int) -> None:
            mentions.append(RecognizerResult("PERSON", start, end, 0.6))
            taken.append((start, end))

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in taken)

        # A first name right before a found surname is the same person's ("Happy 103rd to Florence
        # Adjei-Mensah … Florence was a midwife").
        for match in re.finditer(rf"(?<![\w-])(?P<first>[A-Z][a-z]{{2,}})\s(?=(?:{alternation(names)})(?!\w))", text):
            word = match.group("first")
            if word.lower() in self._first_names and word.lower() not in self._ambiguous_names \
                    and word.lower() not in self._not_a_name_word and free(*match.span("first")):
                mention(*match.span("first"))
                names.add(word)
        exact = [name for name in names if is_english_word(name) or name.lower() in self._ambiguous_names]
        for group, flags in ((exact, 0), (names.difference(exact), re.IGNORECASE)):
            if not group:
                continue
            alternatives = alternation(group)
            # A whole word, or a part of a hashtag in camel case ("#Strong4Sunniva").
            # The camel-case part keeps its casing even when the rest ignores it, so "instinct" holds no "St".
            pattern = rf"(?<![^\W_])(?:{alternatives})(?![^\W_])|(?<=[a-z#\d])(?-i:(?:{alternatives})(?=[A-Z]|\b))"
            for match in re.finditer(pattern, text, flags):
                if free(*match.span()) and not self._eponym_after.match(text, match.end()):
                    mention(*match.span())
        # A capitalised word joined to a found name is a name too ("Miroslava and Ignatius").
        found = alternation(names)
        for match in re.finditer(rf"(?<![\w-])(?:{found})\s+(?:and|&)\s+(?P<after>[A-Z][a-z]{{2,}})(?![\w-])"
                                 rf"|(?<![\w-])(?P<before>[A-Z][a-z]{{2,}})\s+(?:and|&)\s+(?:{found})(?![\w-])", text):
            group = "after" if match.group("after") else "before"
            start, end = match.span(group)
            if match.group(group).lower() not in self._not_a_name_word and free(start, end) \
                    and not capitalised_by_position(text, start):
                mention(start, end)
        return mentions

    @staticmethod
    def _rooms_of_patients(candidates: list[RecognizerResult], patient_marks: list[tuple[int, int]],
                           sentences: Sentences) -> tuple[list[RecognizerResult], list[RecognizerResult]]:
        """Candidates without the rooms that no patient stands in, and the rooms that one does: a
        patient cue, an identifier or a name in the room's sentence or the one before ("pt in rm
        614", "Okafor bed 4"), not a room alone ("Join us in Room 402", "Bed 14 is a great bed")."""
        marks = patient_marks + [(r.start, r.end) for r in candidates if r.entity_type in ("PERSON", NAME_CANDIDATE)]
        patient_rooms = []
        for room in (r for r in candidates if r.entity_type == "ROOM"):
            start, end = sentences.bounds(room.start)
            start = sentences.bounds(start - 1)[0] if start else start
            if any(start <= s < end for s, _ in marks):
                patient_rooms.append(room)
        return [r for r in candidates if r.entity_type != "ROOM" or r in patient_rooms], patient_rooms

    def _in_colleague_sentence(self, text: str, lowered: str, sentence_bounds: tuple[int, int],
                               strong: list[RecognizerResult]) -> bool:
        """Whether the sentence speaks of a colleague and of no patient (no patient cue, age,
        identifier or patient's room: "Bhullar in bed 9 keeps asking for the tall doctor"). A mere
        "thank you" or "congrats" addresses the patient when the post holds a patient's age or
        identifier and names no colleague anywhere ("The seven-year-old in Rm 12B … Thank you Amarachi")."""
        start, end = sentence_bounds
        sentence, sentence_lower = text[start:end], lowered[start:end]
        colleague_spans = [(s, e) for s, e, _ in self._colleague_cues.find(sentence, sentence_lower)]
        cues = {sentence_lower[s:e] for s, e in colleague_spans}
        # A patient cue inside a colleague cue is none ("our presenting sponsor").
        patient_cue = any(not any(cs <= s and e <= ce for cs, ce in colleague_spans)
                          for s, e, _ in self._patient_cues.find(sentence, sentence_lower))
        if not cues or patient_cue or self._birth_weight.search(sentence) or any(start <= r.start < end for r in strong):
            return False
        if strong and cues <= self._weak_colleague_cues:
            return any(lowered[s:e] not in self._weak_colleague_cues for s, e, _ in self._colleague_cues.find(text, lowered))
        return True


def _trim_trailing_punctuation(text: str, start: int, end: int) -> int:
    """A URL or name that a recognizer let run into the sentence's punctuation ("…/x,")."""
    while end > start and text[end - 1] in TRAILING_PUNCTUATION:
        end -= 1
    return end


def _names_end_at_identifiers(text: str, candidates: list[RecognizerResult]) -> list[RecognizerResult]:
    """A name run into the identifier after it ("Morag Tulloch CHI 1403580707") ends where the
    identifier begins, so the identifier does not take the whole name with it."""
    starts = [r.start for r in candidates if r.entity_type != "PERSON" and ENTITIES[r.entity_type].category == "direct"]
    trimmed = []
    for result in candidates:
        cut = min((s for s in starts if result.start < s < result.end), default=None) if result.entity_type == "PERSON" else None
        if cut is not None:
            end = len(text[:cut].rstrip(" ,:(-"))
            if end <= result.start:
                continue
            result = RecognizerResult("PERSON", result.start, end, result.score)
        trimmed.append(result)
    return trimmed


def _drop_contained_names(candidates: list[RecognizerResult]) -> list[RecognizerResult]:
    """A name inside a longer facility, school, street, event or holiday ("St. [Luke]'s",
    "[Lincoln] Elementary", "Christmas [Eve]") is part of that name, not a person. Decided before
    the context filters so that a dropped hospital does not leave its saint behind as a patient."""
    containers = [r for r in candidates if r.entity_type in NAME_CONTAINERS]
    # A known hospital that is also a first name ("Emory") is the hospital.
    return [r for r in candidates if r.entity_type != "PERSON" or not any(
        c.start <= r.start and r.end <= c.end and ((c.end - c.start) > (r.end - r.start) or c.entity_type == "HOSPITAL")
        for c in containers)]


def _merge_same_entity(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Overlapping findings of one entity become one ("HAROLD" and "HAROLD BLEECKER"), and so do
    two parts of a name a space apart ("Florence" "Adjei-Mensah"), so the fix takes the whole name
    whichever recognizer was surer."""
    merged: list[RecognizerResult] = []
    for result in sorted(results, key=lambda r: (r.entity_type, r.start)):
        last = merged[-1] if merged else None
        if last is not None and last.entity_type == result.entity_type and (
                result.start < last.end or result.entity_type == "PERSON" and text[last.end:result.start] == " "):
            merged[-1] = RecognizerResult(last.entity_type, last.start, max(last.end, result.end), max(last.score, result.score))
        else:
            merged.append(result)
    return merged


def _resolve_overlaps(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep one finding per stretch of text: direct before quasi, then higher score, then longer.
    A direct finding that overlaps a kept one extends nothing; overlapping losers are dropped."""
    ranked = sorted(_merge_same_entity(text, results),
                    key=lambda r: (ENTITIES[r.entity_type].category != "direct", -r.score, -(r.end - r.start), r.start))
    kept: list[RecognizerResult] = []
    for result in ranked:
        if all(result.end <= k.start or k.end <= result.start for k in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r.start)
