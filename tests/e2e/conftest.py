"""Chromium with the built ClearPost extension, fixture composers served under the sites' real
addresses (request routing, no network), and a real `clearpost serve` behind it."""

from __future__ import annotations

import mimetypes
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page, Playwright, Route, Worker, sync_playwright

# tests/conftest.py, which pytest imports as the top-level module `conftest` (tests/ is no package).
from conftest import REPO, free_port, wait_for_health

E2E = Path(__file__).resolve().parent
EXTENSION_DIST = REPO / "extension" / "dist"
FIXTURES_DIST = E2E / "fixtures" / "dist"
FIXTURE_ASSET_PREFIX = "/__clearpost_fixture__/"
EXTENSION_ID = "jmafjpkaipljhgipdihligccpgkdegnp"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class Site:
    name: str
    url: str
    page: str
    editor: str
    post_button: str

    @property
    def is_textarea(self) -> bool:
        """A plain <textarea> has no DOM ranges: ClearPost underlines it with overlay boxes."""
        return self.editor == "textarea"


SITES = [Site(name=name, **fields) for name, fields in yaml.safe_load((E2E / "sites.yaml").read_text()).items()]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives Chromium with the built extension against fixture composers")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


def require_fixture_pages() -> None:
    if not (FIXTURES_DIST / "x.js").is_file():
        pytest.fail(f"{FIXTURES_DIST} is not built: run (cd tests/e2e/fixtures && npm ci && npm run build)")


def serve_fixture_pages(host_sites: list[Site]) -> Callable[[Route], None]:
    """A route handler for one host: the bundles, the page of the site at the requested path, or
    else the host's first site (a site navigates within itself)."""
    def fulfil(route: Route) -> None:
        path = urlsplit(route.request.url).path
        if path.startswith(FIXTURE_ASSET_PREFIX):
            asset = FIXTURES_DIST / path.removeprefix(FIXTURE_ASSET_PREFIX)
            if asset.parent != FIXTURES_DIST or not asset.is_file():
                route.fulfill(status=404, body="")
                return
        else:
            site = next((site for site in host_sites if urlsplit(site.url).path == path), host_sites[0])
            asset = FIXTURES_DIST / site.page
        route.fulfill(status=200, body=asset.read_bytes(),
                      content_type=f"{mimetypes.guess_type(asset.name)[0]}; charset=utf-8")

    return fulfil


def route_fixture_pages(context: BrowserContext) -> None:
    """Pages run at the sites' real URLs, so the extension's manifest match patterns apply."""
    origins: dict[str, list[Site]] = {}
    for site in SITES:
        address = urlsplit(site.url)
        origins.setdefault(f"{address.scheme}://{address.netloc}", []).append(site)
    for origin, host_sites in origins.items():
        context.route(f"{origin}/**", serve_fixture_pages(host_sites))


def launch(playwright: Playwright, user_data_dir: Path, extension: Path | None) -> BrowserContext:
    extension_args = [f"--disable-extensions-except={extension}", f"--load-extension={extension}"] if extension else []
    context = playwright.chromium.launch_persistent_context(
        user_data_dir, executable_path=CHROMIUM, headless=False,
        args=["--headless=new", *extension_args, *CHROMIUM_ARGS], viewport={"width": 1000, "height": 640})
    route_fixture_pages(context)
    return context


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def plain_context(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Chromium without the extension: for checking the fixture composers themselves."""
    require_fixture_pages()
    context = launch(playwright, tmp_path_factory.mktemp("plain-profile"), extension=None)
    yield context
    context.close()


@pytest.fixture(scope="session")
def extension_context(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if not EXTENSION_DIST.is_dir():
        pytest.skip(f"{EXTENSION_DIST} does not exist: build the extension (cd extension && npm ci && npm run build)")
    if not (EXTENSION_DIST / "manifest.json").is_file():
        pytest.fail(f"{EXTENSION_DIST} has no manifest.json: the extension build is incomplete")
    require_fixture_pages()
    context = launch(playwright, tmp_path_factory.mktemp("extension-profile"), extension=EXTENSION_DIST)
    yield context
    context.close()


@pytest.fixture(scope="session")
def service_worker(extension_context: BrowserContext) -> Worker:
    workers = extension_context.service_workers or [extension_context.wait_for_event("serviceworker")]
    worker = workers[0]
    assert urlsplit(worker.url).netloc == EXTENSION_ID, f"extension loaded under an unexpected id: {worker.url}"
    return worker


def set_service_port(worker: Worker, port: int) -> None:
    worker.evaluate("port => chrome.storage.local.set({port})", port)


@contextmanager
def clearpost_service(port: int, config: Path | None = None) -> Iterator[subprocess.Popen]:
    """A real `clearpost serve` on `port` (with the hospital file `config`, if given), healthy on
    entry and stopped on exit."""
    env = {**os.environ, "CLEARPOST_CONFIG": str(config or "")}
    process = subprocess.Popen([sys.executable, "-m", "clearpost.cli", "serve", "--port", str(port)],
                               cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def service_port(live_server: str, service_worker: Worker) -> int:
    """The port of the session's `clearpost serve`, which the extension is pointed at."""
    port = urlsplit(live_server).port
    assert port is not None
    set_service_port(service_worker, port)
    return port


@pytest.fixture()
def open_site(extension_context: BrowserContext, service_port: int) -> Iterator[Callable[[Site], Page]]:
    """Opens a site's composer in a fresh tab with ClearPost on it; closes the tabs afterwards."""
    pages: list[Page] = []

    def open_(site: Site) -> Page:
        page = extension_context.new_page()
        pages.append(page)
        page.goto(site.url)
        page.locator(site.editor).wait_for()
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.fixture()
def offline_port(service_worker: Worker, service_port: int) -> Iterator[int]:
    """Points the extension at a port of its own for one test, then back at the session's service."""
    port = free_port()
    set_service_port(service_worker, port)
    yield port
    set_service_port(service_worker, service_port)


@pytest.fixture(scope="session")
def block_mode_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A `clearpost serve` whose hospital file sets mode: block; yields its port."""
    config = tmp_path_factory.mktemp("block-mode") / "config.yaml"
    config.write_text(yaml.safe_dump({"mode": "block"}))
    port = free_port()
    with clearpost_service(port, config):
        yield port


@pytest.fixture()
def block_mode_port(block_mode_service: int, service_worker: Worker, service_port: int) -> Iterator[int]:
    """Points the extension at the block-mode service for one test, then back."""
    set_service_port(service_worker, block_mode_service)
    yield block_mode_service
    set_service_port(service_worker, service_port)
