"""Errors as JSON {"error", "message"}: never HTML, never a stack trace, never the input."""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("clearpost")

# Stable codes and messages for the errors Werkzeug raises (its own texts can change between
# versions); none of them quotes the request.
HTTP_ERRORS = {
    400: ("bad_request", "The request could not be understood."),
    404: ("not_found", "There is no such endpoint; see /v1/openapi.json."),
    405: ("method_not_allowed", "This endpoint does not accept that method."),
    413: ("body_too_large", "The body is larger than ClearPost accepts ({limit} KiB); check a shorter text."),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str):
    response = jsonify(error=code, message=message)
    response.status_code = status
    return response


def log_internal_error(kind: type[BaseException] | None, trace: TracebackType | None) -> None:
    """The exception's type and where it was raised, never its message: that could quote the post."""
    frames = traceback.extract_tb(trace)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    log.error("internal error: %s at %s", kind.__name__ if kind else "?", where)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return error_response(error.status, error.code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:  # a routing redirect, not an error
            return error
        code, message = HTTP_ERRORS.get(error.code, ((error.name or "error").lower().replace(" ", "_"), error.name))
        response = error_response(error.code, code, message.format(limit=(app.config["MAX_CONTENT_LENGTH"] or 0) // 1024))
        # Keep what the client needs to recover, such as 405's Allow list.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log_internal_error(type(error), error.__traceback__)
        return error_response(500, "internal_error", "ClearPost could not check this text. Please try again.")
