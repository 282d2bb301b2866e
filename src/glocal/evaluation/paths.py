"""Where evaluation data lives: the project's gold sets and the third-party evaldata folder."""

from __future__ import annotations

from pathlib import Path

from glocal.config import Settings, load_settings


def evaldata_dir(settings: Settings | None = None) -> Path | None:
    """The third-party evaluation folder (settings.evaldata_dir), or None when it is absent."""
    path = Path((settings or load_settings()).evaldata_dir)
    return path if path.is_dir() else None


def gold_path(name: str, settings: Settings | None = None) -> Path:
    return Path((settings or load_settings()).gold_dir) / name
