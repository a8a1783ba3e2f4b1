"""The hospital configuration file: valid settings load, bad ones stop the service clearly."""

from __future__ import annotations

import pytest

from clearpost.config import Config, ConfigError, load_config, parse_config


def test_full_file_loads():
    config = parse_config(
        "facilities: [Ridgeview Pavilion, St. Agnes North]\n"
        "mrn_patterns: ['RV-\\d{6}']\n"
        "allow_terms: [Mass General]\n"
        "mode: block\n"
        "extension_ids: []\n")
    assert config.facilities == ("Ridgeview Pavilion", "St. Agnes North")
    assert config.mrn_patterns == (r"RV-\d{6}",)
    assert config.allow_terms == ("Mass General",)
    assert config.mode == "block"


def test_empty_file_is_the_defaults():
    assert parse_config("") == Config()


@pytest.mark.parametrize(("text", "expected"), [
    ("mode: warn\nmod: block\n", "line 2: unknown key 'mod'"),
    ("mode: loud\n", "line 1: 'mode' must be one of warn, block"),
    ("facilities: Ridgeview\n", "line 1: 'facilities' must be a list"),
    ("allow_terms: [ok]\nmrn_patterns: ['RV-(\\d{6}']\n", "line 2: 'mrn_patterns' entry"),
    ("port: 99999\n", "'port' must be a whole number"),
    ("- just\n- a list\n", "must be a mapping"),
    ("mode: [unclosed\n", "not valid YAML"),
])
def test_bad_files_name_the_key_and_line(text, expected):
    with pytest.raises(ConfigError) as error:
        parse_config(text, source="config.yaml")
    assert expected in str(error.value)


def test_environment_variable_and_missing_file(tmp_path, monkeypatch):
    path = tmp_path / "config.yaml"
    path.write_text("mode: block\n", encoding="utf-8")
    monkeypatch.setenv("CLEARPOST_CONFIG", str(path))
    assert load_config().mode == "block"
    monkeypatch.setenv("CLEARPOST_CONFIG", str(tmp_path / "absent.yaml"))
    with pytest.raises(ConfigError, match="not found"):
        load_config()


def test_serve_refuses_an_invalid_file(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "config.yaml"
    path.write_text("mode: maybe\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "clearpost.cli", "--config", str(path), "serve", "--port", "0"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "line 1" in result.stderr and "mode" in result.stderr
