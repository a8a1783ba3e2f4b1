"""Who may talk to the service: loopback callers, with a loopback Host header (DNS-rebinding
defence), and either no Origin (local command-line tools) or the ClearPost extension's own.

Every web page the physician opens can reach 127.0.0.1; these checks run before any route,
so a hostile request is refused before its body is even read. See SECURITY.md.
"""

from __future__ import annotations

import ipaddress

from flask import Flask, g, request
from flask_cors import CORS

from .config import Config
from .errors import error_response
from .lexicon import load_yaml

LOOPBACK_NAMES = ("localhost",)
# Sec-Fetch-Site values a browser sends when the physician (not a web page) made the request.
UNPROMPTED_FETCH_SITES = ("none", "same-origin")


def require_loopback(host: str) -> None:
    """Raise ValueError unless `host` is a loopback address or 'localhost'."""
    if host.lower() in LOOPBACK_NAMES:
        return
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"--host must be a loopback address (127.0.0.1, ::1 or localhost), not {host!r}: "
                     "ClearPost never listens on the network")


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset(f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]"))


def allowed_origins(config: Config) -> frozenset[str]:
    """chrome-extension://<id> for the pinned id and any the hospital adds; a full origin
    (moz-extension://<uuid>) may also be listed for Firefox's per-install ids."""
    ids = list(load_yaml("allowed_extensions.yaml")["extension_ids"]) + list(config.extension_ids)
    return frozenset(entry if "://" in entry else f"chrome-extension://{entry}" for entry in ids)


def _refusal(hosts: frozenset[str], origins: frozenset[str]):
    """The error response for a caller that may not use the service, or None."""
    # Without a Host header (HTTP/1.0) Werkzeug would fall back to the server's own name.
    if "Host" not in request.headers or request.host.lower() not in hosts:
        return error_response(403, "forbidden_host", "ClearPost answers only requests addressed to 127.0.0.1 or localhost.")
    sent_origins = request.headers.getlist("Origin")
    if len(sent_origins) > 1 or (sent_origins and sent_origins[0] not in origins):
        return error_response(403, "forbidden_origin", "ClearPost answers only its own browser extension.")
    # A web page's no-cors request or navigation (an <img>, a link) carries no Origin on GET;
    # the browser still says where it came from.
    if not sent_origins and request.headers.get("Sec-Fetch-Site", "none") not in UNPROMPTED_FETCH_SITES:
        return error_response(403, "forbidden_origin", "ClearPost answers only its own browser extension.")
    # Only a JSON body: a cross-site "simple request" (text/plain, form) never reaches a route.
    if request.method == "POST" and request.url_rule is not None and request.mimetype != "application/json":
        return error_response(415, "unsupported_media_type", "Send the body as Content-Type: application/json.")
    return None


def install_guards(app: Flask, config: Config) -> None:
    hosts = allowed_hosts(config.port)
    origins = allowed_origins(config)

    @app.before_request
    def check_caller():
        refusal = _refusal(hosts, origins)
        g.clearpost_refused = refusal is not None
        return refusal

    # Registered before flask-cors so that it runs after it (Flask runs after-request functions
    # in reverse order): a refused request never carries a CORS grant, even when it names the
    # extension's origin from a wrong Host.
    @app.after_request
    def no_cors_for_refused(response):
        if g.get("clearpost_refused", False):
            for header in [name for name in response.headers.keys() if name.lower().startswith("access-control-")]:
                del response.headers[header]
        return response

    # CORS headers only for the allowed extension origins (never '*'), and only when the request
    # names one; every other Origin was refused above.
    CORS(app, origins=sorted(origins), methods=["GET", "POST"], allow_headers=["Content-Type"],
         allow_private_network=True, always_send=False, max_age=600)
