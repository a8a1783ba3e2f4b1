"""Phone and fax numbers, email addresses, URLs and IP addresses: Presidio's own recognizers,
renamed to ClearPost's entities, with email validation kept offline."""

from __future__ import annotations

from functools import cache

import tldextract
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer, PhoneRecognizer, UrlRecognizer

PHONE_CONTEXT = ["phone", "call", "cell", "mobile", "number", "tel", "fax", "text", "reach", "contact", "pager", "ph"]


@cache
def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract's default extractor downloads the public-suffix list on first use; this one
    uses only the snapshot shipped inside the package and never touches the network or disk."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return offline_tld_extractor()(pattern_text).fqdn != ""


def contact_recognizers() -> list[EntityRecognizer]:
    return [
        PhoneRecognizer(supported_entity="PHONE", supported_regions=("US", "CA"), context=PHONE_CONTEXT),
        OfflineEmailRecognizer(supported_entity="EMAIL"),
        UrlRecognizer(supported_entity="URL"),
        IpRecognizer(supported_entity="IP_ADDRESS"),
    ]
