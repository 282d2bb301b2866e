"""Hancom HWPX documents (OWPML): a zip of ``Contents/section<N>.xml`` parts read with lxml.

Text lives in ``<hp:t>`` runs inside ``<hp:p>`` paragraphs; a table's cells hold their own
paragraphs, so each run is attributed to its nearest paragraph to avoid repeating cell text.
The title comes from ``Contents/content.hpf`` (``<opf:title>``) when present.
"""

from __future__ import annotations

import re

from lxml import etree

from glocal.config import Settings
from glocal.errors import ItemRejected
from glocal.ingest.formats.safezip import SafeZip
from glocal.ingest.formats.text import one_document, split_title
from glocal.records import ReadResult

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
_P, _T = f"{{{HP}}}p", f"{{{HP}}}t"
_SECTION = re.compile(r"^Contents/section(\d+)\.xml$", re.I)
_HINT = "Open the file in Hancom Office and save it again as .hwpx."


def _parser() -> etree.XMLParser:
    # no entity expansion (billion laughs, XXE), no network, no multi-gigabyte trees
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _run_text(t: etree._Element) -> str:
    """Text of one <hp:t>, with its inline <hp:tab/> and <hp:lineBreak/> markers kept as whitespace."""
    parts = [t.text or ""]
    for child in t:
        if isinstance(child.tag, str):  # comments, PIs and unexpanded entities carry no text
            name = etree.QName(child).localname
            parts.append({"tab": "\t", "lineBreak": "\n"}.get(name, "".join(child.itertext())))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(root: etree._Element) -> list[str]:
    lines = []
    for paragraph in root.iter(_P):
        runs = []
        for t in paragraph.iter(_T):
            owner = next(t.iterancestors(_P), None)  # nearest enclosing paragraph
            if owner is paragraph:
                runs.append(_run_text(t))
        if text := "".join(runs).strip():
            lines.append(text)
    return lines


def _title(archive: SafeZip) -> str:
    """<opf:title> of Contents/content.hpf; metadata is optional, so any problem means no title."""
    name = next((n for n in archive.names if n.lower() == "contents/content.hpf"), None)
    if name is None:
        return ""
    try:
        root = etree.fromstring(archive.read(name), _parser())
    except etree.XMLSyntaxError:
        return ""
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == "title":
            return "".join(element.itertext()).strip()
    return ""


def read_hwpx(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem from an HWPX; raises ItemRejected (``zip_bomb``, ``malformed_archive``, ``malformed_hwpx``)."""
    with SafeZip(data, settings, "HWPX") as archive:
        sections = sorted(
            ((int(m.group(1)), n) for n in archive.names if (m := _SECTION.match(n))),
        )
        if not sections:
            raise ItemRejected(
                "malformed_hwpx", "the HWPX archive has no Contents/section*.xml part", hint=_HINT,
            )
        lines: list[str] = []
        for _, name in sections:
            try:
                root = etree.fromstring(archive.read(name), _parser())
            except etree.XMLSyntaxError as exc:
                raise ItemRejected("malformed_hwpx", f"{name} is not well-formed XML: {exc}", hint=_HINT) from exc
            lines.extend(_paragraphs(root))
        meta_title = _title(archive)
    text = "\n".join(lines)
    title, body = (meta_title, text) if meta_title else split_title(text)
    return one_document(source, key, title, body, {"format": "hwpx", "sections": len(sections)})
