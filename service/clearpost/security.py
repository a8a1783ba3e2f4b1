"""Who may talk to the service: loopback callers, with a loopback Host header (DNS-rebinding
defence), and either no Origin (local command-line tools) or the ClearPost extension's own.

Every web page the physician opens can reach 127.0.0.1; these checks run before any route,
so a hostile request is refused before its body is even read.
"""

from __future__ import annotations

import ipaddress

from flask import Flask, request
from flask_cors import CORS

from .config import Config
from .errors import error_response
from .lexicon import load_yaml

LOOPBACK_NAMES = ("localhost",)


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


def install_guards(app: Flask, config: Config) -> None:
    hosts = allowed_hosts(config.port)
    origins = allowed_origins(config)

    @app.before_request
    def check_caller():
        if request.host.lower() not in hosts:
            return error_response(403, "forbidden_host", "ClearPost answers only requests addressed to 127.0.0.1 or localhost.")
        origin = request.headers.get("Origin")
        if origin is not None and origin not in origins:
            return error_response(403, "forbidden_origin", "ClearPost answers only its own browser extension.")
        if request.method == "POST" and request.mimetype != "application/json":
            return error_response(415, "unsupported_media_type", "Send the body as Content-Type: application/json.")
        return None

    # CORS headers only ever for the allowed extension origins (never '*'); a request from any
    # other origin was refused above and gets none.
    CORS(app, origins=sorted(origins), methods=["GET", "POST"], allow_headers=["Content-Type"],
         allow_private_network=True, max_age=600)
