"""Briefing model → DOCX (python-docx): the same sections as the HTML, citations as superscripts."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from glocal.report.model import Briefing, Sentence, Table
from glocal.report.phrases import phrases
from glocal.report.selection import COMPONENTS

FONTS = {"ko": "Noto Sans CJK KR", "ja": "Noto Sans CJK JP", "en": "Noto Sans CJK KR"}


def _set_fonts(document: DocxDocument, language: str) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "List Bullet", "List Number"):
        style = document.styles[name]
        style.font.name = FONTS[language]
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONTS[language])
    document.styles["Normal"].font.size = Pt(10)


class _Writer:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.numbers = {source.document_id: source.number for source in briefing.sources}
        self.document = Document()
        _set_fonts(self.document, briefing.language)
        for section in self.document.sections:
            section.left_margin = section.right_margin = Cm(2)

    def sentence(self, sentence: Sentence, style: str | None = None, paragraph: Paragraph | None = None) -> None:
        paragraph = paragraph or self.document.add_paragraph(style=style)
        run = paragraph.add_run(sentence.text)
        run.italic = sentence.kind == "note"
        if sentence.citations:
            marker = paragraph.add_run("".join(f"[{self.numbers[doc]}]" for doc in sentence.citations))
            marker.font.superscript = True
        if sentence.quote is not None:
            label = self.briefing.labels["original_language"].format(language=sentence.quote.language)
            self.document.add_paragraph(f"{sentence.quote.text} [{label}]", style="Quote")

    def bullets(self, sentences: list[Sentence]) -> None:
        for sentence in sentences:
            self.sentence(sentence, "List Bullet")

    def table(self, table: Table, with_sources: bool = True) -> None:
        self.document.add_paragraph(table.title).runs[0].bold = True
        columns = [*table.columns, *([self.briefing.labels["sources"]] if with_sources else [])]
        grid = self.document.add_table(rows=1, cols=len(columns))
        grid.style = "Table Grid"
        for cell, title in zip(grid.rows[0].cells, columns, strict=True):
            cell.text = title
        for row in table.rows:
            cells = grid.add_row().cells
            values = [*row.cells, *(["".join(f"[{self.numbers[d]}]" for d in row.citations)] if with_sources else [])]
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
        if table.note is not None:
            self.sentence(table.note)

    def write(self) -> bytes:
        b, labels, words = self.briefing, self.briefing.labels, phrases(self.briefing.language)
        self.document.add_heading(b.title, level=0)
        self.document.add_paragraph(f"{b.scope_name} · {b.period_name}")
        self.document.add_heading(labels["headline"], level=1)
        self.sentence(b.headline)
        if b.summary:
            self.document.add_heading(labels["summary"], level=1)
            for point in b.summary:
                self.sentence(point, "List Number")
        if b.developments:
            self.document.add_heading(labels["developments"], level=1)
        for index, development in enumerate(b.developments, 1):
            heading = self.document.add_heading(f"{index}. ", level=2)
            self.sentence(development.title, paragraph=heading)
            parts = " · ".join(f"{words.data['components'][n]} {getattr(development.score, n):.2f}" for n in COMPONENTS)
            self.document.add_paragraph(f"{labels['score']} {development.score.total:.2f}: {parts}")
            self.document.add_heading(labels["what"], level=3)
            self.bullets(development.what)
            self.document.add_heading(labels["why"], level=3)
            self.bullets(development.why)
        if b.stakeholders:
            self.document.add_heading(labels["stakeholders"], level=1)
        for view in b.stakeholders:
            self.document.add_heading(view.name, level=2)
            self.bullets(view.sentences)
        if b.message:
            self.document.add_heading(labels["message"], level=1)
            self.bullets(b.message)
        self.document.add_heading(labels["indicators"], level=1)
        for note in b.notes:
            self.sentence(note)
        for table in b.tables:
            self.table(table)
        self.document.add_heading(labels["charts"], level=1)
        for chart in b.charts:
            self.document.add_picture(io.BytesIO(chart.png), width=Cm(16))
            self.document.add_paragraph(chart.title)
        self.document.add_heading(labels["register"], level=1)
        self.table(b.register)
        self.document.add_heading(labels["annex"], level=1)
        for source in b.sources:
            parts = [source.title, source.outlet or "", words.date(source.published),
                     f"{labels['language']}: {source.language}", source.url or ""]
            self.document.add_paragraph(f"[{source.number}] " + " — ".join(p for p in parts if p))
        self.document.add_heading(labels["method"], level=1)
        for sentence in b.method:
            self.sentence(sentence)
        self.document.core_properties.title = b.title
        self.document.core_properties.language = b.language
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def render_docx(briefing: Briefing) -> bytes:
    return _Writer(briefing).write()
