"""ClearPost in Chromium on the three composers (Draft.js, Lexical, Quill): underlines, the card's
one-click fix, the Post guard, and what happens when the local service is down."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, Worker, expect

from .conftest import REPO, SITES, Site, clearpost_service

PHI_POST = "Just discharged Jane Doe, 94 yo, MRN 4482913, from room 412 at Mass General"
CLEAN_POST = "Great grand rounds on CHF today #MedTwitter"
MULTILINE_POST = ["Reflections after a long call shift:", PHI_POST, "Grateful for our night nurses."]

# Reads, from the page's main world, the text of every range in ClearPost's highlights.
HIGHLIGHTED_TEXT = """names => Object.fromEntries(names.map(name => [
    name, CSS.highlights.has(name) ? [...CSS.highlights.get(name)].map(range => range.toString()) : []]))"""
# The viewport box of the first occurrence of `needle` in the editor's rendered text.
TEXT_BOX = """(editor, needle) => {
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const box = range.getBoundingClientRect();
        return {x: box.x, y: box.y, width: box.width, height: box.height};
    }
    return null;
}"""

sites = pytest.mark.parametrize("site", SITES, ids=lambda site: site.name)
# Contenteditable editors: their findings are DOM ranges, highlighted and hoverable.
rich_sites = pytest.mark.parametrize("site", [site for site in SITES if not site.is_textarea], ids=lambda site: site.name)
textarea_sites = pytest.mark.parametrize("site", [site for site in SITES if site.is_textarea], ids=lambda site: site.name)


def analyze(service_port: int, text: str) -> dict:
    """What the service itself finds in `text`: the expectation the extension must render."""
    response = requests.post(f"http://127.0.0.1:{service_port}/v1/analyze", json={"text": text}, timeout=30)
    response.raise_for_status()
    return response.json()


def finding_texts(analysis: dict, text: str, category: str) -> list[str]:
    return [text[f["start_utf16"]:f["end_utf16"]] for f in analysis["findings"] if f["category"] == category]


def type_post(page: Page, site: Site, lines: list[str]) -> None:
    """Types like a person: real key events, Enter between lines."""
    page.locator(site.editor).click()
    for index, line in enumerate(lines):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def editor_text(page: Page) -> str:
    return page.evaluate("editorText()")


def nonblank_lines(text: str) -> list[str]:
    """Lexical separates paragraphs with a blank line, Draft.js and Quill with a newline."""
    return [line for line in text.split("\n") if line.strip()]


def ui(page: Page) -> Locator:
    return page.locator("#clearpost-root")


def guard_dialog(page: Page) -> Locator:
    return ui(page).get_by_role("alertdialog")


def wait_for_state(page: Page, site: Site, state: str) -> Locator:
    editor = page.locator(site.editor)
    expect(editor).to_have_attribute("data-clearpost-state", state)
    return editor


def open_count(page: Page, site: Site) -> int:
    return int(page.locator(site.editor).get_attribute("data-clearpost-count") or "")


def hover_text(page: Page, site: Site, needle: str) -> None:
    box = page.locator(site.editor).evaluate(TEXT_BOX, needle)
    assert box is not None, f"{needle!r} is not in the editor"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def posted(page: Page) -> list[str]:
    return page.evaluate("posted")


def press_post(page: Page, site: Site, trigger: str) -> None:
    if trigger == "click":
        page.locator(site.post_button).click()
    else:
        page.locator(site.editor).press("Control+Enter")


@sites
def test_phi_post_is_underlined_where_the_service_finds_phi(open_site: Callable[[Site], Page], site: Site,
                                                            service_port: int) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    analysis = analyze(service_port, PHI_POST)
    assert open_count(page, site) == len(analysis["findings"]) > 0
    expect(ui(page)).to_have_attribute("data-clearpost-underlines", str(len(analysis["findings"])))


@rich_sites
def test_underlines_are_highlights_over_the_findings_text(open_site: Callable[[Site], Page], site: Site,
                                                          service_port: int) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    analysis = analyze(service_port, PHI_POST)
    highlighted = page.evaluate(HIGHLIGHTED_TEXT, ["clearpost-direct", "clearpost-quasi"])
    assert sorted(highlighted["clearpost-direct"]) == sorted(finding_texts(analysis, PHI_POST, "direct"))
    assert sorted(highlighted["clearpost-quasi"]) == sorted(finding_texts(analysis, PHI_POST, "quasi"))

    # Drawn, not only registered: the pixels under a finding change when its highlight goes away.
    box = page.locator(site.editor).evaluate(TEXT_BOX, finding_texts(analysis, PHI_POST, "direct")[0])
    clip = {"x": box["x"] - 2, "y": box["y"] - 2, "width": box["width"] + 4, "height": box["height"] + 8}
    page.mouse.move(0, 0)
    underlined = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("CSS.highlights.clear()")
    redrawn_without_highlights = page.screenshot(clip=clip, animations="disabled") != underlined
    assert redrawn_without_highlights, "the highlights are registered but draw nothing"


@textarea_sites
def test_textarea_underlines_are_boxes_under_the_textarea_text(open_site: Callable[[Site], Page], site: Site,
                                                               service_port: int) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    analysis = analyze(service_port, PHI_POST)
    textarea = page.locator(site.editor).bounding_box()
    boxes = [box for box in (underline.bounding_box() for underline in ui(page).locator(".cp-underline").all()) if box]
    # One box per finding at least (a finding wrapped over two lines gets two), inside the textarea.
    assert len(boxes) >= len(analysis["findings"])
    assert all(textarea["x"] <= box["x"] and box["x"] + box["width"] <= textarea["x"] + textarea["width"]
               and textarea["y"] <= box["y"] <= textarea["y"] + textarea["height"] for box in boxes)


@sites
def test_clean_post_is_not_underlined(open_site: Callable[[Site], Page], site: Site) -> None:
    page = open_site(site)
    type_post(page, site, [CLEAN_POST])
    wait_for_state(page, site, "clean")
    assert open_count(page, site) == 0
    highlighted = page.evaluate(HIGHLIGHTED_TEXT, ["clearpost-direct", "clearpost-quasi"])
    assert highlighted == {"clearpost-direct": [], "clearpost-quasi": []}


@sites
@pytest.mark.parametrize("trigger", ["click", "shortcut"])
def test_clean_post_goes_through_unguarded(open_site: Callable[[Site], Page], site: Site, trigger: str) -> None:
    page = open_site(site)
    type_post(page, site, [CLEAN_POST])
    wait_for_state(page, site, "clean")
    press_post(page, site, trigger)
    assert posted(page) == [CLEAN_POST]
    expect(guard_dialog(page)).to_have_count(0)


@sites
def test_post_pressed_before_the_check_waits_for_it_then_posts_a_clean_post(
        open_site: Callable[[Site], Page], site: Site) -> None:
    page = open_site(site)
    type_post(page, site, [CLEAN_POST])
    page.locator(site.post_button).click()
    page.wait_for_function("() => posted.length > 0")
    assert posted(page) == [CLEAN_POST]


@sites
def test_post_pressed_before_the_check_does_not_let_phi_through(open_site: Callable[[Site], Page], site: Site) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    page.locator(site.editor).press("Control+Enter")
    dialog = guard_dialog(page)
    expect(dialog.get_by_role("button", name="Fix all")).to_be_visible()
    assert posted(page) == []


@rich_sites
def test_card_fix_changes_the_editor_model_in_a_multiline_post(open_site: Callable[[Site], Page], site: Site,
                                                               service_port: int) -> None:
    page = open_site(site)
    type_post(page, site, MULTILINE_POST)
    wait_for_state(page, site, "findings")
    findings_before = open_count(page, site)
    name = next(f for f in analyze(service_port, PHI_POST)["findings"] if f["entity"] == "PERSON")
    name_text = PHI_POST[name["start_utf16"]:name["end_utf16"]]

    hover_text(page, site, name_text)
    card = ui(page).get_by_role("dialog")
    card.get_by_role("button", name=f"Replace with \u201c{name['suggestion']}\u201d").click()

    expected = MULTILINE_POST[:1] + [PHI_POST.replace(name_text, name["suggestion"])] + MULTILINE_POST[2:]
    page.wait_for_function("expected => editorText().split('\\n').filter(line => line.trim()).join('\\n') === expected",
                           arg="\n".join(expected))
    expect(page.locator(site.editor)).to_have_attribute("data-clearpost-count", str(findings_before - 1))


@rich_sites
def test_ignore_on_the_card_removes_the_underline(open_site: Callable[[Site], Page], site: Site,
                                                  service_port: int) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    findings_before = open_count(page, site)
    hospital = next(f for f in analyze(service_port, PHI_POST)["findings"] if f["entity"] == "HOSPITAL")
    hospital_text = PHI_POST[hospital["start_utf16"]:hospital["end_utf16"]]

    hover_text(page, site, hospital_text)
    ui(page).get_by_role("dialog").get_by_role("button", name="Ignore").click()

    expect(page.locator(site.editor)).to_have_attribute("data-clearpost-count", str(findings_before - 1))
    assert hospital_text not in page.evaluate(HIGHLIGHTED_TEXT, ["clearpost-quasi"])["clearpost-quasi"]
    assert editor_text(page) == PHI_POST


@sites
@pytest.mark.parametrize("trigger", ["click", "shortcut"])
def test_guard_blocks_a_post_with_phi(open_site: Callable[[Site], Page], site: Site, trigger: str) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    press_post(page, site, trigger)

    dialog = guard_dialog(page)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button")).to_have_text(["Fix all", "Post anyway", "Edit"])
    assert posted(page) == []

    dialog.get_by_role("button", name="Edit").click()
    expect(dialog).to_be_hidden()
    assert posted(page) == []
    assert editor_text(page) == PHI_POST


@sites
def test_fix_all_then_post_posts_no_phi(open_site: Callable[[Site], Page], site: Site, service_port: int) -> None:
    page = open_site(site)
    type_post(page, site, MULTILINE_POST)
    wait_for_state(page, site, "findings")
    page.locator(site.post_button).click()
    guard_dialog(page).get_by_role("button", name="Fix all").click()

    expect(guard_dialog(page)).to_be_hidden()
    wait_for_state(page, site, "clean")
    assert posted(page) == []
    page.locator(site.post_button).click()
    expect(guard_dialog(page)).to_have_count(0)
    [sent] = posted(page)
    phi = [PHI_POST[f["start_utf16"]:f["end_utf16"]] for f in analyze(service_port, PHI_POST)["findings"]]
    assert [value for value in phi if value in sent] == []
    recheck = analyze(service_port, sent)
    assert recheck["findings"] == [] and recheck["risk"]["level"] in ("none", "low")
    assert nonblank_lines(sent)[0] == MULTILINE_POST[0] and nonblank_lines(sent)[-1] == MULTILINE_POST[-1]


@sites
@pytest.mark.parametrize("trigger", ["click", "shortcut"])
def test_post_anyway_posts_the_text_unchanged(open_site: Callable[[Site], Page], site: Site, trigger: str) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    press_post(page, site, trigger)
    guard_dialog(page).get_by_role("button", name="Post anyway").click()

    page.wait_for_function("() => posted.length > 0")
    assert posted(page) == [PHI_POST]


@sites
@pytest.mark.parametrize("trigger", ["click", "shortcut"])
def test_block_mode_set_by_the_hospital_leaves_no_post_anyway(open_site: Callable[[Site], Page], site: Site,
                                                               trigger: str, block_mode_port: int) -> None:
    page = open_site(site)
    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    press_post(page, site, trigger)

    dialog = guard_dialog(page)
    expect(dialog.get_by_role("button")).to_have_text(["Fix all", "Edit"])
    dialog.get_by_role("button", name="Fix all").click()
    wait_for_state(page, site, "clean")
    press_post(page, site, trigger)
    page.wait_for_function("() => posted.length > 0")
    assert analyze(block_mode_port, posted(page)[0])["findings"] == []


@sites
def test_service_down_marks_the_editor_offline_and_the_guard_says_so(
        open_site: Callable[[Site], Page], site: Site, offline_port: int) -> None:
    with clearpost_service(offline_port):
        page = open_site(site)
        type_post(page, site, [CLEAN_POST])
        wait_for_state(page, site, "clean")
    # The service has stopped: the next check cannot reach it.
    page.keyboard.type(" and CKD")
    wait_for_state(page, site, "offline")

    page.locator(site.post_button).click()
    dialog = guard_dialog(page)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("could not check this post")
    assert posted(page) == []


def test_readme_screenshots(open_site: Callable[[Site], Page], service_port: int) -> None:
    """docs/underline.png, docs/card.png and docs/guard.png, taken from a real run on X."""
    site = next(site for site in SITES if site.name == "x")
    page = open_site(site)
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    composer = {"x": 200, "y": 0, "width": 600, "height": 320}

    type_post(page, site, [PHI_POST])
    wait_for_state(page, site, "findings")
    page.mouse.move(5, 5)
    page.screenshot(path=docs / "underline.png", clip=composer)

    hover_text(page, site, "Jane Doe")
    expect(ui(page).get_by_role("dialog")).to_be_visible()
    page.screenshot(path=docs / "card.png", clip=composer)

    page.mouse.move(5, 5)
    page.locator(site.post_button).click()
    expect(guard_dialog(page)).to_be_visible()
    page.screenshot(path=docs / "guard.png")


@sites
def test_patient_text_is_never_stored_or_logged(open_site: Callable[[Site], Page], site: Site, service_port: int,
                                                extension_context: BrowserContext, service_worker: Worker) -> None:
    console: list[str] = []

    def record(message: ConsoleMessage) -> None:
        console.append(message.text)

    # The pages' console (content script included) and the service worker's.
    extension_context.on("console", record)
    service_worker.on("console", record)
    try:
        page = open_site(site)
        type_post(page, site, [PHI_POST])
        wait_for_state(page, site, "findings")
        press_post(page, site, "click")
        guard_dialog(page).get_by_role("button", name="Post anyway").click()
        page.wait_for_function("() => posted.length > 0")
        extension_storage = service_worker.evaluate("""async () => JSON.stringify(await Promise.all(
            [chrome.storage.local.get(null), chrome.storage.session.get(null), chrome.storage.sync.get(null)]))""")
        page_storage = page.evaluate("JSON.stringify([localStorage, sessionStorage])")
    finally:
        extension_context.remove_listener("console", record)
        service_worker.remove_listener("console", record)
    for value in [PHI_POST[f["start_utf16"]:f["end_utf16"]] for f in analyze(service_port, PHI_POST)["findings"]]:
        assert value not in extension_storage and value not in page_storage
        assert not [message for message in console if value in message]
