"""Monthly briefings assembled from the analysed store, with citations.

Public API (used by the CLI and the dashboard):

- :func:`generate` renders a briefing and stores it in the ``briefings`` table; returns its id;
- :func:`render` returns the bytes (and the model) without storing;
- :func:`build_briefing` returns the typed model only;
- :func:`file_name` and :data:`MEDIA_TYPES` name and type a stored briefing for downloads.

``scope`` is ``"ministry"``, a region (actor key ``local_gov:11680``, code or name such as
``gangnam-gu`` / ``강남구``), or None for the home region of the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from glocal.report.build import build_briefing
from glocal.report.model import Briefing, BriefingError
from glocal.report.phrases import LANGUAGES
from glocal.report.polish import PolishReport, polish
from glocal.report.render import FORMATS, MEDIA_TYPES, render_bytes
from glocal.store import models

if TYPE_CHECKING:
    from glocal.pipeline.core import Glocal

__all__ = [
    "FORMATS", "LANGUAGES", "MEDIA_TYPES", "Briefing", "BriefingError", "Rendered", "build_briefing",
    "file_name", "generate", "generate_rendered", "render",
]


@dataclass(slots=True)
class Rendered:
    content: bytes
    briefing: Briefing
    polish: PolishReport

    @property
    def citations(self) -> list[int]:
        return self.briefing.citation_ids()


def _check(language: str, fmt: str) -> None:
    if language not in LANGUAGES:
        raise BriefingError(f"no briefing language {language!r}", hint=f"Use one of: {', '.join(LANGUAGES)}.")
    if fmt not in FORMATS:
        raise BriefingError(f"no briefing format {fmt!r}", hint=f"Use one of: {', '.join(FORMATS)}.")


def render(glocal: Glocal, period: str, scope: str | None = None, language: str = "ko", fmt: str = "html",
           *, use_llm: bool | None = None) -> Rendered:
    """The briefing of ``period`` for ``scope`` in ``language`` and format ``fmt``, not stored.

    ``use_llm``: polish the wording through the configured endpoint (default: when one is set).
    """
    _check(language, fmt)
    briefing = build_briefing(glocal, period, scope, language)
    report = PolishReport()
    if use_llm is None:
        use_llm = bool(glocal.settings.llm_endpoint)
    if use_llm:
        report = polish(briefing, glocal.settings)
    return Rendered(render_bytes(briefing, fmt), briefing, report)


def generate(glocal: Glocal, period: str, scope: str | None, language: str, fmt: str,
             user: str | None = None) -> int:
    """Render a briefing and store it (content and cited document ids); returns the row id."""
    return generate_rendered(glocal, period, scope, language, fmt, user)[0]


def generate_rendered(glocal: Glocal, period: str, scope: str | None, language: str, fmt: str,
                      user: str | None = None) -> tuple[int, Rendered]:
    """Like :func:`generate`, also returning what was rendered (for the CLI, which writes a file)."""
    rendered = render(glocal, period, scope, language, fmt)
    briefing = rendered.briefing
    with glocal.session() as session:
        row = models.Briefing(
            period=briefing.period, scope=briefing.scope, language=language, format=fmt,
            created_by=user, content=rendered.content, citations=rendered.citations,
        )
        session.add(row)
        session.flush()
        return row.id, rendered


def file_name(scope: str, period: str, language: str, fmt: str) -> str:
    """``gangnam-gu-2025-10-ko.pdf`` style names (scope: "ministry", an actor key or a slug)."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in scope.lower()).strip("-")
    return f"{slug}-{period}-{language}.{fmt}"
