"""Regenerate src/glocal/demo/inbox: the demo's "mailbox" of files in every supported format.

    python scripts/make_demo_inbox.py      (needs the test extra: reportlab)

Good files re-publish a few demo corpus stories as the formats a team receives them in (an HWPX
press release, a DOCX brief, an EUC-KR web page saved to disk, a Japanese PDF, a CSV export), so the
demo shows near-duplicate grouping across formats. Broken files show every kind of rejection.
"""

from __future__ import annotations

import io
import json
import zipfile
from html import escape as html_escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import docx
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "src" / "glocal" / "demo" / "corpus" / "ministry.jsonl"
INBOX = ROOT / "src" / "glocal" / "demo" / "inbox"
HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"


def corpus() -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines())}


def hwpx(path: Path, title: str, paragraphs: list[str]) -> None:
    body = "".join(f"<hp:p><hp:run><hp:t>{xml_escape(p)}</hp:t></hp:run></hp:p>" for p in [title, *paragraphs])
    section = f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="{HP}">{body}</hs:sec>'
    hpf = f'<?xml version="1.0" encoding="UTF-8"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata><opf:title>{xml_escape(title)}</opf:title></opf:metadata></opf:package>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("Contents/content.hpf", hpf)
        archive.writestr("Contents/section0.xml", section)


def docx_file(path: Path, title: str, paragraphs: list[str]) -> None:
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)


def pdf_file(path: Path, title: str, paragraphs: list[str]) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    pdf = canvas.Canvas(str(path))
    pdf.setTitle(title)
    pdf.setFont("HeiseiMin-W3", 11)
    y = 800
    for line in [title, *paragraphs]:
        for start in range(0, len(line), 38):  # naive wrapping: Japanese has no spaces
            pdf.drawString(40, y, line[start : start + 38])
            y -= 18
    pdf.save()


def main() -> None:
    items = corpus()
    INBOX.mkdir(exist_ok=True)
    for old in INBOX.iterdir():
        old.unlink()

    def split(item_id: str) -> tuple[str, list[str]]:
        item = items[item_id]
        return item["title"], [p for p in item["body"].split("\n\n") if p.strip()]

    ko_title, ko_paras = split("min-0090")
    hwpx(INBOX / "apec-gyeongju-press-release.hwpx", ko_title, ko_paras)
    en_title, en_paras = split("min-0080")
    docx_file(INBOX / "vietnam-vice-ministers-brief.docx", en_title, en_paras)
    ja_title, ja_paras = split("min-0051")
    pdf_file(INBOX / "gimhae-vietnam-routes-ja.pdf", ja_title, ja_paras)
    page_title, page_paras = split("min-0050")
    html = (
        f'<html><head><meta charset="euc-kr"><title>{html_escape(page_title)}</title></head><body><nav>뉴스 | 경제 | 사회</nav>'
        f"<article><h1>{html_escape(page_title)}</h1>" + "".join(f"<p>{html_escape(p)}</p>" for p in page_paras) + "</article></body></html>"
    )
    (INBOX / "saved-page-euckr.html").write_bytes(html.encode("cp949", errors="replace"))
    rows = ["url,title,body,published"]
    for item_id in ("min-0070",):
        item = items[item_id]
        body = item["body"].replace('"', '""')
        rows.append(f'{item["url"]},"{item["title"]}","{body}",{item["published"]}')
    rows.append(',"A row without a body",,2025-01-01')
    (INBOX / "clipping-export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8-sig")

    # broken on purpose: every one must end up in `glocal sources status` with its reason
    good_pdf = (INBOX / "gimhae-vietnam-routes-ja.pdf").read_bytes()
    (INBOX / "broken-truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 3])
    (INBOX / "broken-not-a-zip.docx").write_bytes(b"This was saved with the wrong extension.\n" * 20)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 30_000_000)  # ratio ~1000:1
    (INBOX / "broken-zip-bomb.docx").write_bytes(bomb.getvalue())
    (INBOX / "broken-empty.txt").write_text("\n\n", encoding="utf-8")
    (INBOX / "broken-legacy.hwp").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (INBOX / "broken-lines.jsonl").write_text(
        '{"url": "https://www.example-wire.example/a/1", "title": "Only a title"}\n{not json\n[1, 2]\n', encoding="utf-8"
    )
    for path in sorted(INBOX.iterdir()):
        print(f"{path.stat().st_size:>9}  {path.name}")


if __name__ == "__main__":
    main()
