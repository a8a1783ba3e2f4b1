"""Sentences typed in capitals are re-cased for detection, character for character."""

from __future__ import annotations

import pytest

from clearpost.casing import unshout


@pytest.mark.parametrize(("typed", "read"), [
    ("RAJESH YOU ABSOLUTE LEGEND. Six months after a bypass.", "Rajesh you absolute legend. Six months after a bypass."),
    ("CY AND FLO CAME IN FOR PHYSICALS, BOTH ON HFNC AT BIRTH", "CY and Flo came in for physicals, both on hfnc at birth"),
    ("I AM SO PROUD OF KOFI", "I am so proud of Kofi"),
])
def test_shouted_sentences_are_read_in_normal_case(typed: str, read: str) -> None:
    assert unshout(typed) == read


@pytest.mark.parametrize("typed", ["Saw Mr. Okafor in the ED with his NSTEMI.", "ICU. CT. MRI.", "OK", "",
                                   # a pasted HL7 message is in capitals by its standard
                                   "PID|1||7730182^^^LMC^MR||AL-SABBAGH^FADWA^N||19611103|F|||18 QUARRY HILL RD^^MILLFORD^CT^06460"])
def test_normal_text_and_short_capitals_are_unchanged(typed: str) -> None:
    assert unshout(typed) == typed


def test_length_and_line_breaks_are_kept() -> None:
    typed = "GOOD NEWS!!!\nTAVITA IS HOME 🎉 AND SHE IS 7"
    assert len(unshout(typed)) == len(typed) and unshout(typed).count("\n") == 1
