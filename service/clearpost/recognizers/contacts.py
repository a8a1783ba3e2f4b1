"""Phone and fax numbers, email addresses, URLs and IP addresses: Presidio's own recognizers,
renamed to ClearPost's entities, with email validation kept offline."""

from __future__ import annotations

import re
from functools import cache

import tldextract
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer, PhoneRecognizer, UrlRecognizer

PHONE_CONTEXT = ["phone", "call", "cell", "mobile", "number", "tel", "fax", "text", "reach", "contact", "pager", "ph"]


@cache
def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract's default extractor downloads the public-suffix list on first use; this one
    uses only the snapshot shipped inside the package and never touches the network or disk."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    # Every match has an "@"; most posts have none, and the email regex is slow to run.
    def analyze(self, text: str, *args, **kwargs) -> list[RecognizerResult]:
        return super().analyze(text, *args, **kwargs) if "@" in text else []

    def validate_result(self, pattern_text: str) -> bool:
        return offline_tld_extractor()(pattern_text).fqdn != ""


class PrefilteredUrlRecognizer(UrlRecognizer):
    # Every URL pattern needs a dot right before a top-level domain, all of which are two or more
    # letters: skipping texts without that ("e.g.", "a.m." and "U.S." are not) gives the same
    # results and spares four regexes of 6,000 characters.
    DOT_THEN_TWO_LETTERS = re.compile(r"\.[^\W\d_]{2}")

    def analyze(self, text: str, *args, **kwargs) -> list[RecognizerResult]:
        return super().analyze(text, *args, **kwargs) if self.DOT_THEN_TWO_LETTERS.search(text) else []


class PrefilteredPhoneRecognizer(PhoneRecognizer):
    # No region has valid numbers of fewer than 4 digits (phonenumbers' metadata), so texts with
    # fewer digits skip libphonenumber's matcher.
    FOUR_DIGITS = re.compile(r"\d(?:\D*\d){3}")
    # A North American toll-free number (800, 888…) is a service's, never a patient's.
    TOLL_FREE = re.compile(r"^\+?1?\(?8(?:00|33|44|55|66|77|88)\)?$")
    # Years and a count run together ("in 2018–2019. 11 characters") are no number anyone dials.
    YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[–—-]\s*(?:19|20)\d\d\b")

    def analyze(self, text: str, *args, **kwargs) -> list[RecognizerResult]:
        if not self.FOUR_DIGITS.search(text):
            return []
        return [r for r in super().analyze(text, *args, **kwargs)
                if not self.TOLL_FREE.match(re.sub(r"[\s.-]", "", text[r.start:r.end])[:-7])
                and not self.YEAR_RANGE.match(text, r.start)]


class PrefilteredIpRecognizer(IpRecognizer):
    # Every IPv6 pattern needs a colon and the IPv4 one a digit, a dot and a digit: most posts
    # have neither, and skip five long regexes.
    DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")

    def analyze(self, text: str, *args, **kwargs) -> list[RecognizerResult]:
        return super().analyze(text, *args, **kwargs) if ":" in text or self.DIGIT_DOT_DIGIT.search(text) else []


def contact_recognizers() -> list[EntityRecognizer]:
    return [
        PrefilteredPhoneRecognizer(supported_entity="PHONE", supported_regions=("US", "CA"), context=PHONE_CONTEXT),
        OfflineEmailRecognizer(supported_entity="EMAIL"),
        PrefilteredUrlRecognizer(supported_entity="URL"),
        PrefilteredIpRecognizer(supported_entity="IP_ADDRESS"),
    ]
