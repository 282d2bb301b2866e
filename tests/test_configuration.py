"""Settings: declared once, documented, overridable by environment and glocal.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.config import Settings, declared_sources, load_settings
from glocal.errors import ConfigError

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_every_setting_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"`GLOCAL_{name.upper()}`" in text, f"setting {name} is missing from docs/configuration.md"


def test_environment_overrides_the_file(tmp_path, monkeypatch):
    config = tmp_path / "glocal.toml"
    config.write_text("[glocal]\nhttp_timeout = 3.5\nmin_body_chars = 40\n", encoding="utf-8")
    monkeypatch.setenv("GLOCAL_MIN_BODY_CHARS", "5")
    settings = load_settings(config)
    assert (settings.http_timeout, settings.min_body_chars) == (3.5, 5)


def test_bad_file_and_bad_source_are_clear_errors(tmp_path):
    config = tmp_path / "glocal.toml"
    config.write_text("[glocal]\nno_such_setting = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no_such_setting"):
        load_settings(config)
    config.write_text('[[sources]]\nname = "x"\nkind = "ftp"\nlocation = "ftp://x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        declared_sources(config)
    assert "feed" in excinfo.value.hint


def test_repository_glocal_toml_is_valid():
    load_settings(Path(__file__).resolve().parent.parent / "glocal.toml")
