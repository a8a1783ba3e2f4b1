"""Detection sees through disguises (zero-width characters, soft hyphens, full-width digits,
Cyrillic look-alikes, decomposed accents) while the underline stays on what was typed."""

from __future__ import annotations

import pytest

from clearpost.normalize import normalize

CLEAN = "Saw Jane Doe today, MRN 4482913, call 617-555-0142"
DISGUISES = {
    "zero-width-space": CLEAN.replace("Jane Doe", "J\u200bane D\u200boe"),
    "zero-width-joiners": CLEAN.replace("Jane Doe", "Ja\u200dne\u2060 Do\u200ce").replace("4482913", "448\u200d2913"),
    "soft-hyphens": CLEAN.replace("4482913", "4482\u00ad913").replace("617-555-0142", "617-5\u00ad55-0142"),
    "full-width-digits": CLEAN.replace("4482913", "４４８２９１３").replace("617-555-0142", "６１７-５５５-０１４２"),
    "cyrillic-look-alikes": CLEAN.replace("Jane Doe", "J\u0430n\u0435 D\u043e\u0435"),
    "bidi-and-bom": CLEAN.replace("Jane Doe", "\ufeffJane\u200e Doe\u200f"),
    "arabic-indic-digits": CLEAN.replace("4482913", "٤٤٨٢٩١٣"),
    "non-breaking-spaces": CLEAN.replace("Jane Doe", "Jane\u00a0Doe").replace("MRN 4482913", "MRN\u202f4482913"),
}
NEEDLES = {"Jane Doe": "PERSON", "4482913": "MRN", "617-555-0142": "PHONE"}


def typed_spans(disguised: str) -> dict[str, str]:
    """Where each needle sits in the disguised text: the disguise mapped back."""
    seen = normalize(disguised)
    spans = {}
    for needle in NEEDLES:
        start = seen.text.index(needle)
        spans[needle] = disguised.__getitem__(slice(*seen.original_span(start, start + len(needle))))
    return spans


@pytest.mark.parametrize("name", DISGUISES)
def test_disguised_phi_is_found_on_the_typed_characters(detector, name):
    disguised = DISGUISES[name]
    clean_entities = {f.entity for f in detector.analyze(CLEAN).findings}
    assert set(NEEDLES.values()) <= clean_entities
    analysis = detector.analyze(disguised)
    found = {disguised[f.start:f.end]: f.entity for f in analysis.findings}
    for needle, typed in typed_spans(disguised).items():
        covering = [f for f in analysis.findings if f.start <= disguised.index(typed) and disguised.index(typed) + len(typed) <= f.end]
        assert covering, f"{needle!r} disguised as {typed!r} was not found: {found}"
        assert covering[0].entity == NEEDLES[needle]
    for needle in ("Jane", "4482913", "555"):
        assert needle not in analysis.redacted


def test_offsets_and_utf16_offsets_point_at_the_typed_text(detector):
    text = "😷 J\u200bane D\u200boe, MRN ４４８２９１３"
    body = detector.analyze(text).to_json()
    by_entity = {f["entity"]: f for f in body["findings"]}
    assert text[by_entity["PERSON"]["start"]:by_entity["PERSON"]["end"]] == "J\u200bane D\u200boe"
    mrn = by_entity["MRN"]
    assert text[mrn["start"]:mrn["end"]].endswith("４４８２９１３")
    utf16 = text.encode("utf-16-le")
    for finding in body["findings"]:
        assert utf16[finding["start_utf16"] * 2:finding["end_utf16"] * 2].decode("utf-16-le") == text[finding["start"]:finding["end"]]


def test_decomposed_accents_fold_without_moving_offsets(detector):
    text = "Discharged Jose\u0301 Nu\u0301n\u0303ez, 94 yo"
    findings = detector.analyze(text).findings
    names = [text[f.start:f.end] for f in findings if f.entity == "PERSON"]
    assert names == ["Jose\u0301 Nu\u0301n\u0303ez"]


def test_words_of_other_scripts_are_left_alone():
    assert normalize("Привет, это Мария").text == "Привет, это Мария"
    assert normalize("J\u0430ne").text == "Jane"
    assert normalize("Ε\u0399\u039d\u0391\u0399").text == "EINAI"  # all look-alikes: read as Latin


def test_plain_ascii_is_not_copied_or_mapped():
    seen = normalize(CLEAN)
    assert seen.text is CLEAN and seen.starts is None
