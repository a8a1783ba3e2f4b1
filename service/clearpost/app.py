"""The Flask application factory and how waitress serves it."""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from flask import Flask, g, request

from .api import api
from .config import Config
from .engine import Detector
from .errors import log_internal_error, register_error_handlers
from .security import install_guards

log = logging.getLogger("clearpost")

LOGGED_METHODS = frozenset({"GET", "POST", "OPTIONS", "HEAD", "PUT", "PATCH", "DELETE"})
# Waitress refuses bodies past this itself (plain 413) so that it never buffers more in memory;
# bodies between the API limit and this get ClearPost's JSON 413.
SERVER_BODY_LIMIT = 1024 * 1024
# Waitress spills request and response bodies larger than its buffers to temporary files:
# buffers larger than anything it accepts or ClearPost answers keep the post off the disk.
SERVER_BUFFER_BYTES = 64 * 1024 * 1024
# Presidio's decision-process trace writes the analysed text when enabled; ClearPost never
# enables it, and this logger stays switched off even if a caller turns on DEBUG everywhere.
SILENCED_LOGGERS = ("decision_process",)
# Libraries that see the post and may quote it in a log message, at any level (Presidio's
# context enhancer logs the words around a finding at DEBUG; a recognizer logs the text it
# failed to validate at ERROR).
# flask-cors logs the request's path and Origin at DEBUG.
TEXT_SEEING_LOGGERS = ("presidio-analyzer", "presidio-anonymizer", "spacy", "flask_cors")


class WithholdLibraryMessages(logging.Filter):
    """Drops a text-seeing library's debug and info records and replaces the message of its
    warnings and errors with where they came from. A filter, not a level, so that turning on
    DEBUG for every logger still cannot let the post through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        record.msg = f"{record.levelname.lower()} at {record.module}:{record.lineno} (message withheld: it may quote the post)"
        record.args, record.exc_info, record.exc_text, record.stack_info = (), None, None, None
        return True


def keep_library_logs_free_of_text() -> None:
    for name in SILENCED_LOGGERS:
        logging.getLogger(name).disabled = True
    # A logger's filter sees only records logged to it by name, not its children's: give one to
    # each logger the libraries have created (they do at import, before the app is built).
    existing = list(logging.root.manager.loggerDict)
    for name in TEXT_SEEING_LOGGERS:
        for logger_name in [name] + [other for other in existing if other.startswith(name + ".")]:
            logger = logging.getLogger(logger_name)
            if not any(isinstance(present, WithholdLibraryMessages) for present in logger.filters):
                logger.addFilter(WithholdLibraryMessages())


class ClearPostFlask(Flask):
    def log_exception(self, exc_info) -> None:
        # Flask's default writes the request path and the exception's message.
        log_internal_error(exc_info[0], exc_info[2])


def create_app(config: Config | None = None, detector: Detector | None = None) -> Flask:
    """Build the app. Pass a `detector` to share one engine between apps (tests, benchmarks)."""
    config = config or Config()
    keep_library_logs_free_of_text()
    app = ClearPostFlask("clearpost")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.sort_keys = False
    # \u escapes keep every answer valid UTF-8, even for a text holding a lone surrogate
    # (JavaScript strings may: half an emoji).
    app.json.ensure_ascii = True
    app.extensions["clearpost.config"] = config
    app.extensions["clearpost.detector"] = detector or Detector(config)
    # Error handlers and the access log first: the guards' after-request hook must run after flask-cors'.
    register_error_handlers(app)
    _log_requests(app)
    install_guards(app, config)
    app.register_blueprint(api)
    return app


def server_options(host: str, port: int, threads: int | None = None) -> dict[str, Any]:
    """waitress.serve() settings: loopback only, bounded bodies, nothing written to disk."""
    return {
        "host": host,
        "port": port,
        # Analyses run one at a time (engine.NLP_LOCK); the other threads keep health checks and
        # preflights answered while one runs.
        "threads": threads or max(4, (os.cpu_count() or 2) * 2),
        "ident": "clearpost",
        "clear_untrusted_proxy_headers": True,
        "max_request_body_size": SERVER_BODY_LIMIT,
        "inbuf_overflow": SERVER_BUFFER_BYTES,
        "outbuf_overflow": SERVER_BUFFER_BYTES,
        "expose_tracebacks": False,
    }


def _log_requests(app: Flask) -> None:
    """Access log with method, route, status, duration, sizes and the finding count: never a
    body, query or raw path (an unmatched path could hold anything a caller typed)."""

    @app.before_request
    def start_timer() -> None:
        g.clearpost_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        elapsed_ms = (time.perf_counter() - g.get("clearpost_started", time.perf_counter())) * 1000
        method = request.method if request.method in LOGGED_METHODS else "OTHER"
        route = request.url_rule.rule if request.url_rule else "<no route>"
        log.info("%s %s %s %.1fms in=%s out=%s findings=%s", method, route, response.status_code, elapsed_ms,
                 request.content_length or 0, response.calculate_content_length() or 0,
                 request.environ.get("clearpost.finding_count", "-"))
        return response
