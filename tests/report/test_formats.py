"""PDF (WeasyPrint, Noto CJK) and DOCX output of the demo briefing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest

from glocal.report import render
from tests.report.conftest import PERIOD, SCOPE

pytestmark = pytest.mark.slow

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _fonts(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts") or []:
                names.add(str(descendant.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize(("language", "script", "font"), [
    ("ko", HANGUL, "Noto-Sans-CJK-KR"), ("ja", KANA_KANJI, "Noto-Sans-CJK-JP"),
])
def test_pdf_has_pages_cjk_fonts_and_real_glyphs(demo_store, artefacts, language, script, font):
    from pypdf import PdfReader

    rendered = render(demo_store, PERIOD, SCOPE, language, "pdf", use_llm=False)
    assert rendered.content.startswith(b"%PDF-")
    path = artefacts / f"{SCOPE}-{PERIOD}-{language}.pdf"
    path.write_bytes(rendered.content)
    reader = PdfReader(io.BytesIO(rendered.content))
    assert len(reader.pages) > 1
    fonts = _fonts(reader)
    assert any(name.split("+", 1)[-1].startswith(font) for name in fonts), fonts  # embedded subset
    # the glyphs map back to the characters: text drawn with a font lacking them (tofu) would not
    first = reader.pages[0].extract_text()
    headline = rendered.briefing.headline.text
    letters = "".join(script.findall(headline))
    assert len(letters) >= 4
    assert letters in "".join(script.findall(first)), (headline, first[:300])
    assert script.search(rendered.briefing.title) and "".join(script.findall(rendered.briefing.title)) in "".join(
        script.findall(first))
    whole = "".join(page.extract_text() for page in reader.pages)
    assert rendered.briefing.labels["annex"] in whole
    assert f"[{len(rendered.briefing.sources)}]" in whole
    # page 1 as an image, kept for a human look
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to render the first page")
    prefix = artefacts / f"{SCOPE}-{PERIOD}-{language}-page"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(prefix)],
                   check=True, timeout=60)
    png = next(artefacts.glob(f"{prefix.name}*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_docx_opens_with_headline_and_annex(demo_store, artefacts):
    from docx import Document

    rendered = render(demo_store, PERIOD, SCOPE, "ko", "docx", use_llm=False)
    (artefacts / f"{SCOPE}-{PERIOD}-ko.docx").write_bytes(rendered.content)
    document = Document(io.BytesIO(rendered.content))
    briefing = rendered.briefing
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert document.core_properties.title == briefing.title
    assert briefing.headline.text + "".join(f"[{n}]" for n in range(1, len(briefing.headline.citations) + 1)) in text
    annex = paragraphs.index(briefing.labels["annex"])
    entries = [p for p in paragraphs[annex + 1:] if re.match(r"\[\d+\] ", p)]
    assert len(entries) == len(briefing.sources)
    for source, entry in zip(briefing.sources, entries, strict=True):
        assert entry.startswith(f"[{source.number}] {source.title}")
        assert source.outlet in entry and source.url in entry and f": {source.language}" in entry
    assert len(document.inline_shapes) == len(briefing.charts)
    assert len(document.tables) >= 2
