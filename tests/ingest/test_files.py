"""Local file and folder ingestion on real files built in tmp_path (no mocks)."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from glocal.config import Settings
from glocal.errors import SourceError
from glocal.ingest.files import read_files
from glocal.records import ReadResult, SourceSpec

KO = "서울특별시는 부산광역시와 도시 외교 협력 협정을 체결하고 청년 교류 사업을 확대하기로 했다."
JA = "東京都は大阪市と国際協力の覚書を締結し、若者の交流事業を拡大すると発表した。"
EN = "Lyon and Seoul signed a memorandum on urban climate cooperation and youth exchanges."
HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"

pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))


def settings(**overrides: object) -> Settings:
    return Settings(**overrides)


def read(path: Path, name: str = "local", language: str | None = None, **overrides: object) -> ReadResult:
    spec = SourceSpec(name=name, kind="files", location=str(path), language=language)
    return read_files(spec, settings(**overrides))


def only_rejection(result: ReadResult):
    assert not result.items, result.items
    assert len(result.rejections) == 1, result.rejections
    return result.rejections[0]


# ---------- fixture builders ----------------------------------------------------------------

def make_pdf(path: Path, title: str | None = None, text: bool = True, encrypt: object = None) -> Path:
    c = canvas.Canvas(str(path), encrypt=encrypt)
    if title:
        c.setTitle(title)
    if text:
        c.setFont("Helvetica", 11)
        c.drawString(72, 780, "City Diplomacy Bulletin")
        c.drawString(72, 760, EN)
        c.setFont("HYSMyeongJo-Medium", 11)
        c.drawString(72, 740, KO[:40])
        c.setFont("HeiseiMin-W3", 11)
        c.drawString(72, 720, JA[:30])
    else:  # a "scanned" page: only graphics, no text layer
        c.rect(72, 300, 400, 400, fill=1)
    c.showPage()
    c.save()
    return path


def make_docx(path: Path, title: str | None = None, bomb_bytes: int = 0) -> Path:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_paragraph("부산-서울 협력 보고서")
    document.add_paragraph(KO)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "도시"
    table.cell(0, 2).text = "분야"
    table.cell(1, 0).text = "서울"
    table.cell(1, 1).text = "부산"
    table.cell(1, 2).text = "청년 교류"
    document.add_paragraph("끝.")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    if bomb_bytes:  # append a member of zeros, written in chunks to keep memory small
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
            with archive.open("word/media/zeros.bin", "w") as handle:
                chunk = bytes(1 << 20)
                for _ in range(bomb_bytes >> 20):
                    handle.write(chunk)
    return path


def section_xml(*paragraphs: str, table: tuple[str, ...] = (), head: str = "") -> bytes:
    def p(text: str) -> str:
        return f'<hp:p><hp:run charPrIDRef="0"><hp:t>{text}</hp:t></hp:run></hp:p>'

    cells = "".join(f"<hp:tc><hp:subList>{p(c)}</hp:subList></hp:tc>" for c in table)
    tbl = f"<hp:p><hp:run><hp:tbl><hp:tr>{cells}</hp:tr></hp:tbl></hp:run><hp:run><hp:t>표 뒤</hp:t></hp:run></hp:p>"
    body = "".join(p(x) for x in paragraphs) + (tbl if table else "")
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
            f'xmlns:hp="{HP}">{body}</hs:sec>').encode()


def make_hwpx(path: Path, sections: list[bytes], title: str | None = None,
              extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        if title is not None:
            archive.writestr("Contents/content.hpf", (
                '<?xml version="1.0" encoding="UTF-8"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/">'
                f"<opf:metadata><opf:title>{title}</opf:title></opf:metadata></opf:package>"))
        for index, xml in enumerate(sections):
            archive.writestr(f"Contents/section{index}.xml", xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


# ---------- happy paths ---------------------------------------------------------------------

def test_cp949_text_with_header_lines(tmp_path: Path) -> None:
    text = f"Title: 서울-부산 협약\nDate: 2024-03-05 09:30\nURL: https://news.example.kr/a/1\nOutlet: 예시일보\n\n{KO}\n"
    (tmp_path / "note.txt").write_bytes(text.encode("cp949"))
    result = read(tmp_path, language="ko")
    assert not result.rejections
    [item] = result.items
    assert (item.source, item.item_key, item.title, item.body) == ("local", "note.txt", "서울-부산 협약", KO)
    assert item.url == "https://news.example.kr/a/1" and item.outlet == "예시일보"
    assert item.published_at == datetime(2024, 3, 5, 9, 30, tzinfo=timezone.utc)
    assert item.language_hint == "ko"  # the source's language hint, as the file has none


def test_markdown_heading_and_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"# 東京と大阪の協定\n\n{JA}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\ntitle: Lyon–Seoul\nlayout: post\ndate: 2024-01-02T03:04:05+09:00\n---\n{EN}\n",
                                   encoding="utf-8")
    a, b = read(tmp_path).items
    assert (a.title, a.body, a.url, a.published_at) == ("東京と大阪の協定", JA, None, None)
    assert (b.title, b.body) == ("Lyon–Seoul", EN)
    assert b.published_at is not None and b.published_at.utcoffset().total_seconds() == 9 * 3600


def test_shift_jis_html_with_meta_charset(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{JA}その{i}番目の取り組みとして、両市は環境と文化の分野でも協力を深める。</p>" for i in range(4))
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        "<title>東京と大阪の協定</title></head><body><nav>ホーム | ニュース</nav>"
        f"<article><h1>東京と大阪の協定</h1>{paragraphs}</article></body></html>"
    )
    (tmp_path / "page.html").write_bytes(html.encode("shift_jis"))
    [item] = read(tmp_path / "page.html").items
    assert item.item_key == "page.html" and item.url is None
    assert item.title == "東京と大阪の協定"
    assert JA in item.body and "ホーム" not in item.body


def test_pdf_text_title_from_metadata_or_first_line(tmp_path: Path) -> None:
    make_pdf(tmp_path / "with_title.pdf", title="Seoul Partnership Report")
    make_pdf(tmp_path / "without_title.pdf")
    with_title, without_title = read(tmp_path).items
    assert with_title.title == "Seoul Partnership Report"
    assert EN in with_title.body and KO[:40] in with_title.body and JA[:30] in with_title.body
    assert without_title.title == "City Diplomacy Bulletin" and without_title.body.startswith(EN)
    assert without_title.meta["pages"] == 1


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    make_pdf(tmp_path / "locked.pdf", encrypt=StandardEncryption("", ownerPassword="owner"))
    [item] = read(tmp_path).items
    assert EN in item.body


def test_docx_paragraphs_tables_and_title(tmp_path: Path) -> None:
    make_docx(tmp_path / "with_title.docx", title="협력 보고서")
    make_docx(tmp_path / "without_title.docx")
    with_title, without_title = read(tmp_path).items
    assert with_title.title == "협력 보고서"
    assert with_title.body.splitlines()[0] == "부산-서울 협력 보고서"
    assert "도시 | 분야" in with_title.body  # the merged cell appears once
    assert "서울 | 부산 | 청년 교류" in with_title.body and KO in with_title.body
    assert without_title.title == "부산-서울 협력 보고서" and without_title.body.startswith(KO)


def test_hwpx_sections_tables_and_title(tmp_path: Path) -> None:
    sections = [section_xml("도시 외교 소식", KO), section_xml(table=("서울", "부산"))]
    make_hwpx(tmp_path / "titled.hwpx", sections, title="시정 소식")
    make_hwpx(tmp_path / "untitled.hwpx", sections)
    titled, untitled = read(tmp_path).items
    assert titled.title == "시정 소식"
    assert titled.body.splitlines() == ["도시 외교 소식", KO, "표 뒤", "서울", "부산"]  # cell text once
    assert untitled.title == "도시 외교 소식" and untitled.body.startswith(KO)


def test_hwpx_entities_are_not_expanded(tmp_path: Path) -> None:
    head = '<!DOCTYPE hs:sec [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    make_hwpx(tmp_path / "xxe.hwpx", [section_xml("제목", KO + "&xxe;", head=head)])
    [item] = read(tmp_path).items
    assert "root:" not in item.body and item.body.startswith(KO)


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    good = {"id": "d1", "url": "https://ex.kr/1", "outlet": "예시일보", "title": "협약", "body": KO,
            "published": "2024-02-01T10:00:00+09:00"}
    lines = [
        json.dumps(good, ensure_ascii=False),
        '{"id": "d2", "title": "broken',  # invalid JSON
        "[1, 2]",  # not an object
        json.dumps({"id": "d4", "url": "https://ex.kr/4"}),  # neither title nor body
        "",
        json.dumps({"headline": "Short", "text": "too short", "lang": "en"}),
        json.dumps({"headline": "Lyon", "content": EN, "seendate": "20240131120000", "lang": "en",
                    "domain": "ex.fr", "city": "Lyon"}),
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read(tmp_path)
    first, last = result.items
    assert (first.item_key, first.external_id, first.url, first.outlet) == ("news.jsonl#L1", "d1", "https://ex.kr/1", "예시일보")
    assert first.published_at == datetime(2024, 2, 1, 1, 0, tzinfo=timezone.utc)
    assert (last.item_key, last.language_hint, last.outlet) == ("news.jsonl#L7", "en", "ex.fr")
    assert last.published_at == datetime(2024, 1, 31, 12, tzinfo=timezone.utc)
    assert last.meta["extra"] == {"city": "Lyon"}
    got = [(r.item_key, r.stage, r.reason) for r in result.rejections]
    assert got == [
        ("news.jsonl#L2", "parse", "invalid_json"),
        ("news.jsonl#L3", "parse", "not_an_object"),
        ("news.jsonl#L4", "parse", "missing_fields"),
        ("news.jsonl#L6", "validate", "empty_body"),
    ]
    assert all(r.source == "local" and r.message and r.hint for r in result.rejections)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
def test_csv_rows(tmp_path: Path, encoding: str) -> None:
    rows = [
        "Headline,Text,Link,Date,Lang",
        f'서울-부산 협약,"{KO}\n둘째 줄",https://ex.kr/1,2024-03-01,ko',
        ",,https://ex.kr/2,,",
        f"청년 교류,{KO},,,",
    ]
    (tmp_path / "items.csv").write_bytes("\r\n".join(rows).encode(encoding))
    result = read(tmp_path)
    first, second = result.items
    assert (first.item_key, first.title, first.url, first.language_hint) == ("items.csv#R2", "서울-부산 협약", "https://ex.kr/1", "ko")
    assert first.body == f"{KO}\n둘째 줄" and first.published_at == datetime(2024, 3, 1, tzinfo=timezone.utc)
    assert (second.item_key, second.url) == ("items.csv#R4", None)
    assert [(r.item_key, r.reason) for r in result.rejections] == [("items.csv#R3", "missing_fields")]


def test_csv_without_title_or_body_column(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    rejection = only_rejection(read(tmp_path))
    assert (rejection.item_key, rejection.reason) == ("x.csv", "missing_fields")


# ---------- rejections ----------------------------------------------------------------------

def test_pdf_rejections(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[: len(good) // 2])
    make_pdf(tmp_path / "scanned.pdf", text=False)
    make_pdf(tmp_path / "secret.pdf", encrypt=StandardEncryption("secret", ownerPassword="owner"))
    (tmp_path / "good.pdf").unlink()
    got = {r.item_key: (r.stage, r.reason) for r in read(tmp_path).rejections}
    assert got == {
        "scanned.pdf": ("parse", "no_text"),
        "secret.pdf": ("parse", "encrypted_pdf"),
        "truncated.pdf": ("parse", "malformed_pdf"),
    }
    assert "OCR" in read(tmp_path / "scanned.pdf").rejections[0].hint


def test_broken_docx(tmp_path: Path) -> None:
    (tmp_path / "random.docx").write_bytes(os.urandom(4096))
    with zipfile.ZipFile(tmp_path / "not_word.docx", "w") as archive:
        archive.writestr("hello.txt", "a zip, but not a Word document")
    got = {r.item_key: r.reason for r in read(tmp_path).rejections}
    assert got == {"random.docx": "malformed_archive", "not_word.docx": "malformed_docx"}


def test_docx_zip_bomb(tmp_path: Path) -> None:
    bomb = make_docx(tmp_path / "bomb.docx", bomb_bytes=200 << 20)
    assert bomb.stat().st_size < 1_000_000  # 200 MB of zeros compress to ~200 KB
    rejection = only_rejection(read(tmp_path))
    assert (rejection.item_key, rejection.stage, rejection.reason) == ("bomb.docx", "parse", "zip_bomb")


def test_hwpx_zip_bombs(tmp_path: Path) -> None:
    filler = b"<!--" + b" " * (20 << 20) + b"-->"  # 20 MB of spaces in a comment, ratio ~1000
    make_hwpx(tmp_path / "big.hwpx", [section_xml("제목", KO)], extra={"Contents/section1.xml": filler})
    make_hwpx(tmp_path / "nested.hwpx", [section_xml("제목", KO)], extra={"BinData/inner.zip": b"PK"})
    got = {r.item_key: r.reason for r in read(tmp_path, max_unzipped_bytes=10_000_000).rejections}
    assert got == {"big.hwpx": "zip_bomb", "nested.hwpx": "zip_bomb"}
    # under a generous total cap the per-member ratio still catches it
    rejection = only_rejection(read(tmp_path / "big.hwpx", max_unzipped_bytes=10**9))
    assert rejection.reason == "zip_bomb" and "expands" in rejection.message


def test_hwpx_member_lying_about_its_size(tmp_path: Path) -> None:
    path = make_hwpx(tmp_path / "liar.hwpx", [section_xml("제목", KO * 1000)])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Contents/section0.xml")
    # declare 100 bytes in the local header (offset 22) and in the central directory entry (offset 24)
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    entry = struct.unpack_from("<I", data, data.rindex(b"PK\x05\x06") + 16)[0]  # central directory start
    while data[entry + 46 : entry + 46 + struct.unpack_from("<H", data, entry + 28)[0]] != b"Contents/section0.xml":
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, 100)
    path.write_bytes(bytes(data))
    rejection = only_rejection(read(tmp_path))
    # decompression stops at the declared size, so the CRC no longer matches: never a silent truncation
    assert rejection.reason == "malformed_archive" and "CRC" in rejection.message


def test_malformed_hwpx(tmp_path: Path) -> None:
    make_hwpx(tmp_path / "no_sections.hwpx", [], title="x")
    make_hwpx(tmp_path / "bad_xml.hwpx", [b"<hs:sec><hp:p>"])
    got = {r.item_key: r.reason for r in read(tmp_path).rejections}
    assert got == {"bad_xml.hwpx": "malformed_hwpx", "no_sections.hwpx": "malformed_hwpx"}


def test_empty_and_too_short_text(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "short.md").write_text("# Title\n\nTiny.", encoding="utf-8")
    got = {r.item_key: (r.stage, r.reason) for r in read(tmp_path).rejections}
    assert got == {"empty.txt": ("validate", "empty_body"), "short.md": ("validate", "empty_body")}


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Title\n" + EN * 100, encoding="utf-8")
    rejection = only_rejection(read(tmp_path, max_item_bytes=1000))
    assert (rejection.item_key, rejection.stage, rejection.reason) == ("big.txt", "fetch", "too_large")


def test_unsupported_types(tmp_path: Path) -> None:
    (tmp_path / "legacy.hwp").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (tmp_path / "photo.xyz").write_bytes(b"whatever")
    hwp, xyz = read(tmp_path).rejections
    assert (hwp.item_key, hwp.reason) == ("legacy.hwp", "unsupported_type") and "HWPX" in hwp.hint
    assert (xyz.item_key, xyz.reason) == ("photo.xyz", "unsupported_type")
    assert ".docx" in xyz.hint and ".hwpx" in xyz.hint and ".jsonl" in xyz.hint


def test_missing_location_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as excinfo:
        read(tmp_path / "nowhere")
    assert excinfo.value.hint


# ---------- folders -------------------------------------------------------------------------

def test_folder_walk_order_keys_and_isolation(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(f"A\n{EN}", encoding="utf-8")
    (root / "b" / "c.md").write_text(f"# C\n{EN}", encoding="utf-8")
    (root / "b" / "deep" / "d.txt").write_text(f"D\n{EN}", encoding="utf-8")
    (root / "b" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (root / "b" / "z.docx").write_bytes(b"not a zip")
    (root / "e.jsonl").write_text(json.dumps({"title": "E", "body": EN}) + "\n{bad\n", encoding="utf-8")
    (root / ".hidden.txt").write_text(f"H\n{EN}", encoding="utf-8")
    (root / "~$a.docx").write_bytes(b"lock")
    (root / ".git" / "x.txt").write_text(f"G\n{EN}", encoding="utf-8")
    result = read(root, name="corpus", language="en")
    assert [i.item_key for i in result.items] == ["a.txt", "b/c.md", "b/deep/d.txt", "e.jsonl#L1"]
    assert [i.title for i in result.items] == ["A", "C", "D", "E"]
    assert all(i.source == "corpus" and i.language_hint == "en" for i in result.items)
    assert [(r.item_key, r.reason) for r in result.rejections] == [
        ("b/broken.pdf", "malformed_pdf"), ("b/z.docx", "malformed_archive"), ("e.jsonl#L2", "invalid_json"),
    ]
