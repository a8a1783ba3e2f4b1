"""The Flask application factory."""

from __future__ import annotations

import logging
import time

from flask import Flask, g, request

from .api import api
from .config import Config
from .engine import Detector
from .errors import register_error_handlers
from .security import install_guards

log = logging.getLogger("clearpost")


def create_app(config: Config | None = None, detector: Detector | None = None) -> Flask:
    """Build the app. Pass a `detector` to share one engine between apps (tests, benchmarks)."""
    config = config or Config()
    app = Flask("clearpost")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["clearpost.config"] = config
    app.extensions["clearpost.detector"] = detector or Detector(config)
    register_error_handlers(app)
    install_guards(app, config)
    app.register_blueprint(api)
    _log_requests(app)
    return app


def _log_requests(app: Flask) -> None:
    """Access log with method, route, status, duration and sizes: never a body, query or raw path
    (an unmatched path could hold anything a caller typed)."""

    @app.before_request
    def start_timer() -> None:
        g.clearpost_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        elapsed_ms = (time.perf_counter() - g.get("clearpost_started", time.perf_counter())) * 1000
        log.info("%s %s %s %.1fms in=%s out=%s findings=%s", request.method, request.url_rule.rule if request.url_rule else "<no route>", response.status_code,
                 elapsed_ms, request.content_length or 0, response.calculate_content_length() or 0,
                 request.environ.get("clearpost.finding_count", "-"))
        return response
