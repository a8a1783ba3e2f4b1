"""The fixture composers behave like the sites' own (without ClearPost): typing reaches the
editor's model, multi-line text included, and Post or Ctrl+Enter posts the model's text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import SITES, Site

LINES = ["Shift notes for the team:", "great teaching case today", "thanks all #MedTwitter"]


@pytest.fixture(params=SITES, ids=lambda site: site.name)
def composer(request: pytest.FixtureRequest, plain_context: BrowserContext) -> Iterator[tuple[Site, Page]]:
    site: Site = request.param
    page = plain_context.new_page()
    page.goto(site.url)
    page.locator(site.editor).click()
    yield site, page
    page.close()


def type_lines(page: Page, lines: list[str]) -> None:
    for index, line in enumerate(lines):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def model_lines(page: Page) -> list[str]:
    """The model's lines; Lexical separates paragraphs with a blank line, the others with one newline."""
    return [line for line in page.evaluate("editorText()").split("\n") if line]


def test_typing_reaches_the_editor_model(composer: tuple[Site, Page]) -> None:
    site, page = composer
    type_lines(page, LINES)
    assert model_lines(page) == LINES
    assert page.evaluate("posted") == []


def test_post_button_posts_the_model_text_and_clears_the_editor(composer: tuple[Site, Page]) -> None:
    site, page = composer
    type_lines(page, LINES)
    page.locator(site.post_button).click()
    posted = page.evaluate("posted")
    assert len(posted) == 1 and [line for line in posted[0].split("\n") if line] == LINES
    assert page.evaluate("editorText()") == ""


def test_ctrl_enter_posts(composer: tuple[Site, Page]) -> None:
    site, page = composer
    type_lines(page, LINES[:1])
    page.keyboard.press("Control+Enter")
    assert page.evaluate("posted") == [LINES[0]]
    expect(page.locator(site.editor)).not_to_contain_text(LINES[0])
