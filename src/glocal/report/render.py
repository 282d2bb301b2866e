"""Briefing model → bytes: HTML and Markdown from Jinja2 templates, PDF from the HTML, DOCX.

HTML is self-contained (stylesheet inline, charts as data URIs) and carries a print stylesheet;
the PDF is that HTML laid out by WeasyPrint, which embeds the (subset) Noto CJK fonts.
"""

from __future__ import annotations

import base64
import logging
import re
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from glocal.report.model import Briefing, BriefingError
from glocal.report.phrases import phrases
from glocal.report.selection import COMPONENTS

FORMATS = ("html", "md", "pdf", "docx")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_WEB_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def _md(text: object) -> str:
    """Markdown-escaped inline text (no accidental emphasis, links or tables)."""
    return str(text).translate(_MD_SPECIAL)


def _web_url(value: object) -> bool:
    """Only plain http(s) URLs become links: a source URL such as ``javascript:…`` stays text."""
    return isinstance(value, str) and _WEB_URL.fullmatch(value) is not None


def _cell(text: object) -> str:
    return _md(text).replace("\n", " ")


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("glocal.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True,
    )
    environment.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    environment.filters["md"] = _md
    environment.filters["cell"] = _cell
    environment.tests["web_url"] = _web_url
    return environment


def _css() -> str:
    return (resources.files("glocal.report") / "templates" / "briefing.css").read_text(encoding="utf-8")


def template_context(briefing: Briefing) -> dict[str, Any]:
    words = phrases(briefing.language)
    numbers = {source.document_id: source.number for source in briefing.sources}
    return {
        "b": briefing,
        "labels": briefing.labels,
        "numbers": numbers,
        "dates": {s.document_id: words.date(s.published) for s in briefing.sources},
        "components": COMPONENTS,
        "component_names": words.data["components"],
        "generated": words.label(
            "generated", date=words.date(briefing.generated_at.date()),
            events=briefing.event_count, documents=len(briefing.sources),
        ),
        "css": _css(),
    }


def render_html(briefing: Briefing) -> bytes:
    return _environment().get_template("briefing.html.j2").render(template_context(briefing)).encode("utf-8")


def render_markdown(briefing: Briefing) -> bytes:
    return _environment().get_template("briefing.md.j2").render(template_context(briefing)).encode("utf-8")


def render_pdf(briefing: Briefing) -> bytes:
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        from weasyprint import HTML
    except OSError as exc:  # the Pango libraries are missing
        raise BriefingError(f"PDF output needs Pango: {exc}", hint="Run scripts/system_deps.sh (Debian packages).") from exc
    html = render_html(briefing).decode("utf-8")
    return bytes(HTML(string=html, base_url=".").write_pdf(uncompressed_pdf=False))


def render_bytes(briefing: Briefing, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(briefing)
    if fmt == "md":
        return render_markdown(briefing)
    if fmt == "pdf":
        return render_pdf(briefing)
    if fmt == "docx":
        from glocal.report.docx import render_docx

        return render_docx(briefing)
    raise BriefingError(f"no briefing format {fmt!r}", hint=f"Use one of: {', '.join(FORMATS)}.")
