"""The service's configuration: defaults, overridden by the hospital's YAML file.

IT deploys one file (see README-IT.md). A bad file stops the service with a message that
names the key and line, because silently ignoring a hospital's MRN pattern would let
identifiers through.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PORT = 8741
MODES = ("warn", "block")
ENV_VAR = "CLEARPOST_CONFIG"


class ConfigError(ValueError):
    """The hospital configuration file is invalid; the message says where."""


@dataclass(frozen=True)
class Config:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    facilities: tuple[str, ...] = ()
    mrn_patterns: tuple[str, ...] = ()
    allow_terms: tuple[str, ...] = ()
    mode: str = "warn"
    extension_ids: tuple[str, ...] = ()
    max_body_bytes: int = 64 * 1024
    source: str | None = field(default=None, compare=False)


def default_config_path() -> Path:
    """Where IT puts the file on each OS."""
    if sys.platform.startswith("win"):
        return Path(os.environ.get("ProgramData", r"C:\ProgramData")) / "ClearPost" / "config.yaml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/ClearPost/config.yaml")
    return Path("/etc/clearpost/config.yaml")


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read the hospital file: `path`, else $CLEARPOST_CONFIG, else the OS default if it exists."""
    explicit = path or os.environ.get(ENV_VAR)
    config_path = Path(explicit) if explicit else default_config_path()
    if not config_path.exists():
        if explicit:
            raise ConfigError(f"configuration file not found: {config_path}")
        return Config()
    return parse_config(config_path.read_text(encoding="utf-8"), source=str(config_path))


def _string_list(key: str, node: yaml.Node, value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(item.strip() for item in value)


def parse_config(text: str, source: str = "<config>") -> Config:
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{source}{line}: not valid YAML") from None
    if data is None:
        return Config(source=source)
    if not isinstance(data, dict) or root is None or not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{source}: the file must be a mapping of settings (key: value)")

    key_nodes = {key_node.value: value_node for key_node, value_node in root.value}
    values: dict[str, Any] = {}
    for key, value in data.items():
        node = key_nodes.get(key)
        where = f"{source} line {node.start_mark.line + 1}" if node is not None else source
        if key in ("facilities", "allow_terms", "extension_ids"):
            values[key] = _string_list(key, node, value, where)
        elif key == "mrn_patterns":
            patterns = _string_list(key, node, value, where)
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise ConfigError(f"{where}: 'mrn_patterns' entry {pattern!r} is not a valid regular expression ({error})") from None
            values[key] = patterns
        elif key == "mode":
            if value not in MODES:
                raise ConfigError(f"{where}: 'mode' must be one of {', '.join(MODES)}")
            values[key] = value
        elif key == "port":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 65535:
                raise ConfigError(f"{where}: 'port' must be a whole number from 1 to 65535")
            values[key] = value
        else:
            known = "facilities, mrn_patterns, allow_terms, mode, extension_ids, port"
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {known})")
    return Config(source=source, **values)
