"""Settings an admin changed in the dashboard, applied on top of the configured ones.

Only the settings that describe the organisation's targets and comparison set can be overridden
(``OVERRIDABLE``); everything about the deployment (store, secrets, ports) stays in configuration.
Use ``effective_settings(session, settings)`` wherever those values are read (analysis, reports,
dashboard) so an admin's change applies everywhere.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from glocal.config import Settings
from glocal.errors import ConfigError
from glocal.store.models import SettingOverride

OVERRIDABLE = (
    "home_region", "peer_regions", "trust_weights", "follow_through_window_days",
    "kpi_trust_target", "kpi_agreement_growth_target", "kpi_participation_programmes_per_quarter",
)


def load_overrides(session: Session) -> dict[str, Any]:
    return {row.key: row.value for row in session.scalars(select(SettingOverride)) if row.key in OVERRIDABLE}


def apply_overrides(settings: Settings, overrides: dict[str, Any]) -> Settings:
    """A copy of ``settings`` with ``overrides`` validated and applied; ConfigError when invalid."""
    unknown = set(overrides) - set(OVERRIDABLE)
    if unknown:
        raise ConfigError(
            f"setting(s) {', '.join(sorted(unknown))} cannot be changed in the dashboard",
            hint=f"Changeable: {', '.join(OVERRIDABLE)}.",
        )
    if not overrides:
        return settings
    try:
        checked = Settings.model_validate({**settings.model_dump(), **overrides})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(
            f"invalid value for {'.'.join(str(p) for p in first['loc'])}: {first['msg']}",
            hint="See docs/configuration.md for the expected type.",
        ) from exc
    return settings.model_copy(update={key: getattr(checked, key) for key in overrides})


def effective_settings(session: Session, settings: Settings) -> Settings:
    """The configured settings with the stored admin overrides applied."""
    return apply_overrides(settings, load_overrides(session))
