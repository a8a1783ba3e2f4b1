"""The product never reaches the network: tldextract must use its bundled suffix list."""

from __future__ import annotations

import socket

import pytest

from clearpost.recognizers.contacts import offline_tld_extractor


@pytest.fixture()
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("ClearPost tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_email_and_url_detected_with_no_network(no_network, detector):
    offline_tld_extractor.cache_clear()
    text = "Her son wrote to jdoe1957@example.com and posted https://www.example.org/story on it."
    entities = {f.entity: text[f.start:f.end] for f in detector.analyze(text, use_cache=False).findings}
    assert entities["EMAIL"] == "jdoe1957@example.com"
    assert entities["URL"] == "https://www.example.org/story"
