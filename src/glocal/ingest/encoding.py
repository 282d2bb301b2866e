"""Bytes to text for Korean, Japanese and Western pages and files.

Order of evidence: byte-order mark, the declared charset (HTTP header or HTML meta), strict UTF-8,
then charset-normalizer's guess. Legacy declarations are widened to their Microsoft supersets
(EUC-KR → CP949, Shift_JIS → CP932) because real pages use characters only the superset has.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from glocal.errors import ItemRejected

_SUPERSETS = {
    "euc-kr": "cp949",
    "euckr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "x-windows-949": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",  # browsers treat Latin-1 labels as windows-1252
    "latin-1": "cp1252",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalise_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return normalise_charset(match.group(1).decode("ascii", "ignore")) if match else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; raise ItemRejected(``bad_encoding``) when no charset fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    candidates = [normalise_charset(declared), declared_charset(data), "utf-8"]
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data, cp_isolation=["cp949", "cp932", "euc_jp", "gb18030", "big5", "cp1252", "utf_8"]).best()
    if best is None or best.encoding is None:
        raise ItemRejected(
            "bad_encoding",
            "the text is in no encoding Glocal can recognise",
            hint="Convert the file to UTF-8, or declare its charset.",
        )
    # a mixed-encoding file decodes with the best guess; unreadable bytes become U+FFFD
    return data.decode(normalise_charset(best.encoding) or best.encoding, errors="replace")
