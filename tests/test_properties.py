"""Property tests on the analyzer: for any Unicode text, findings have valid, non-overlapping
offsets inside the text, UTF-16 offsets that match its UTF-16 encoding, and redaction that
changes only the flagged spans; normalisation maps every character back into the original."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clearpost.normalize import normalize

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any code point (lone surrogates included: JavaScript strings carry them), mixed with pieces
# that look like PHI and the characters used to disguise it.
PIECES = st.sampled_from(["Jane Doe", "J\u200bane D\u200boe", "MRN 4482913", "４４８２９１３", "94 yo", "617-555-0142",
                          "J\u0430ne", "e\u0301", "\u00ad", "😷", "👩🏽‍⚕️", "\ufb01", "\u2026", "\n", " ", "\x00", "\u202e"])
TEXTS = st.lists(st.one_of(st.text(alphabet=st.characters(), max_size=20), PIECES), max_size=12).map("".join)


def utf16_index(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le", "surrogatepass")) // 2


@PROPERTY_SETTINGS
@given(text=TEXTS)
def test_findings_have_valid_offsets_for_any_text(detector, text):
    analysis = detector.analyze(text)
    body = analysis.to_json()
    previous_end = 0
    for finding in body["findings"]:
        assert previous_end <= finding["start"] < finding["end"] <= len(text)
        previous_end = finding["end"]
        assert finding["start_utf16"] == utf16_index(text, finding["start"])
        assert finding["end_utf16"] == utf16_index(text, finding["end"])
        assert 0 <= finding["score"] <= 1
    assert body["risk"]["level"] in ("none", "low", "medium", "high")
    assert body["risk"]["level"] != "none" or not body["findings"]


@PROPERTY_SETTINGS
@given(text=TEXTS)
@example(text=" )0000000")  # the space before ")" is the writer's, not left by the deleted number
def test_redaction_keeps_the_text_outside_findings(detector, text):
    analysis = detector.analyze(text)
    if not analysis.findings:
        assert analysis.redacted == text
        return
    # The unflagged text before the first finding and after the last is kept as typed (up to the
    # tidying of spaces next to a removed span).
    first, last = analysis.findings[0], analysis.findings[-1]
    assert analysis.redacted.startswith(text[:first.start].rstrip(" \t"))
    assert analysis.redacted.endswith(text[last.end:].lstrip(" \t,;:)"))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_normalisation_maps_every_character_back(text):
    seen = normalize(text)
    if seen.starts is None:
        assert seen.text == text
        return
    assert len(seen.starts) == len(seen.ends) == len(seen.text)
    for index, (start, end) in enumerate(zip(seen.starts, seen.ends)):
        assert 0 <= start < end <= len(text)
        if index:
            assert seen.starts[index - 1] <= start and seen.ends[index - 1] <= end
    # Nothing invisible survives, and no digit is left in another script.
    assert not [char for char in seen.text if unicodedata.category(char) in ("Cf", "Cs")]
    assert not [char for char in seen.text if unicodedata.decimal(char, None) is not None and not char.isascii()]
