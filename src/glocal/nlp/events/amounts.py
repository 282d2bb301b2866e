"""Money amounts and counted quantities, normalised to a value and a unit.

1.5조 원 → 1.5e12 KRW; 3천억 원 → 3e11 KRW; 3千億円 → 3e11 JPY; "US$46 million" → 4.6e7 USD;
"VND 2,000 billion" → 2e12 VND; 2.000 tỷ đồng → 2e12 VND; "up to 100 aircraft" → 100 aircraft
with qualifier "up to"; 항공기 최대 100대 → 100 aircraft ("up to"); 23개국 → 23 countries.
Vocabularies (units, currencies, counters, qualifiers) are data: glocal/data/events/amounts.yaml.

The scan is number-first (fast): find each number, then look just before it for a currency
symbol and a qualifier, and just after it for a scale word, a currency or a counter. A number is
read as money first, else as a count; attendee counts, years and dates are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from glocal.nlp.events.lexicon import check, load_data
from glocal.records import Amount

_FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_NUM_EN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM_VI = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_GENERIC_UNITS = frozenset({"cases", "units", "items", "people"})
_CJK = ("ko", "ja", "zh")


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


@dataclass(frozen=True, slots=True)
class _Spec:
    number: re.Pattern[str]  # group "num": digits (with CJK numeral units in ko/ja/zh)
    prefix: re.Pattern[str]  # currency symbol or code right before the number ("US$", "KRW ")
    qualifier: re.Pattern[str]  # qualifier right before ("up to", "최대", "約")
    money_after: re.Pattern[str]  # scale word and/or currency right after
    count_after: re.Pattern[str] | None  # counter right after ("개국", "カ国", "aircraft")
    currencies: dict[str, str]
    scales: dict[str, Decimal]
    counters: dict[str, str]
    nouns: dict[str, str]
    not_counters: dict[str, tuple[str, ...]]  # counter → nouns after which it is no counter
    number_words: dict[str, int]
    before: dict[str, str | None]
    after: dict[str, str | None]


@lru_cache(maxsize=None)
def _spec(language: str) -> _Spec:
    data = load_data("amounts.yaml")
    for key in ("cjk_scales", "latin_scales", "vi_scales", "prefix_currencies", "currencies", "counts", "qualifiers"):
        check(key in data, "amounts.yaml", f"missing section {key!r}")
    quals = data["qualifiers"].get(language, {})
    before, after = quals.get("before") or {}, quals.get("after") or {}
    counts = data["counts"].get(language, {})
    counters, words = counts.get("counters") or {}, counts.get("number_words") or {}
    own = data["currencies"].get(language, {})
    scales = data["vi_scales"] if language == "vi" else data["latin_scales"]
    flags = re.IGNORECASE if language not in _CJK else 0
    post_q = rf"(?:\s?(?P<postq>{_alt(after)}))?"
    if language in _CJK:
        units = "".join(data["cjk_scales"]["big"]) + "".join(data["cjk_scales"]["small"])
        number = rf"(?<![\d.,])(?P<num>\d[\d,]*(?:\.\d+)?(?:\s?[{units}])*(?:\s?\d[\d,]*(?:\.\d+)?(?:\s?[{units}])+)*)"
        money_after = rf"\s?(?P<midq>{_alt(after)})?\s?(?P<scur>{_alt(own)}){post_q}"
        count_after = rf"\s?(?P<midq>{_alt(after)})?\s?(?P<counter>{_alt(counters)}){post_q}" if counters else None
    else:
        head = rf"{_NUM_VI if language == 'vi' else _NUM_EN}" + (rf"|\b(?:{_alt(words)})\b" if words else "")
        number = rf"(?<![\w.,])(?P<num>{head})"
        money_after = rf"(?:\s?(?P<scale>{_alt(scales)})(?![A-Za-z]))?(?:\s?(?P<scur>{_alt(own)})(?![A-Za-z]))?"
        count_after = (rf"\s+(?P<mods>(?:[\w\"“”'’\-]+\s+){{0,2}}?)(?P<counter>{_alt(counters)})(?![\w-])"
                       if counters else None)
    return _Spec(
        number=re.compile(number, flags),
        prefix=re.compile(rf"(?<![A-Za-z])(?P<pcur>{_alt(data['prefix_currencies'])})\s?$", flags),
        qualifier=re.compile(rf"(?<!\w)(?P<preq>{_alt(before)})\s*$", flags),
        money_after=re.compile(money_after, flags),
        count_after=re.compile(count_after, flags) if count_after else None,
        currencies={**{_norm(k): v for k, v in data["prefix_currencies"].items()}, **{_norm(k): v for k, v in own.items()}},
        scales={_norm(k): Decimal(str(v)) for k, v in scales.items()},
        counters={_norm(k): v for k, v in counters.items()},
        nouns=counts.get("nouns") or {},
        not_counters={_norm(k): tuple(v) for k, v in (counts.get("not_counters") or {}).items()},
        number_words={_norm(k): int(v) for k, v in words.items()},
        before={_norm(k): v for k, v in before.items()},
        after={_norm(k): v for k, v in after.items()},
    )


@lru_cache(maxsize=1)
def _cjk_units() -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    scales = load_data("amounts.yaml")["cjk_scales"]
    return ({k: Decimal(str(v)) for k, v in scales["big"].items()}, {k: Decimal(str(v)) for k, v in scales["small"].items()})


def parse_cjk_number(text: str) -> Decimal | None:
    """1조 5000억 → 1.5e12; 3천억 → 3e11; 5,000万 → 5e7 (digits mixed with numeral units)."""
    big, small = _cjk_units()
    total, group, current = Decimal(0), Decimal(0), None
    for digits, unit in re.findall(r"(\d[\d,]*(?:\.\d+)?)|(\S)", text):
        if digits:
            current = Decimal(digits.replace(",", ""))
        elif unit in small:
            group += (current if current is not None else Decimal(1)) * small[unit]
            current = None
        elif unit in big:
            group += current or 0
            total += (group or Decimal(1)) * big[unit]
            group, current = Decimal(0), None
    total += group + (current or 0)
    return total or None


def _parse_number(number: str, language: str, spec: _Spec) -> Decimal | None:
    if _norm(number) in spec.number_words:
        return Decimal(spec.number_words[_norm(number)])
    if language in _CJK:
        return parse_cjk_number(number)
    number = number.replace(".", "").replace(",", ".") if language == "vi" else number.replace(",", "")
    try:
        return Decimal(number)
    except InvalidOperation:
        return None


def _qualifier(spec: _Spec, text: str, start: int, tail: re.Match[str] | None) -> tuple[str | None, int]:
    """The canonical qualifier and where the amount starts once a qualifier before it is included."""
    before = spec.qualifier.search(text, max(0, start - 20), start)
    if before:
        return spec.before.get(_norm(before.group("preq"))), before.start()
    groups = tail.groupdict() if tail else {}
    for key in ("midq", "postq"):
        if groups.get(key):
            return spec.after.get(_norm(groups[key])), start
    return None, start


def _count_unit(text: str, start: int, end: int, counter: str, spec: _Spec) -> str | None:
    unit = spec.counters[_norm(counter)]
    following = text[end : end + 8].lstrip()
    if any(following.startswith(noun) for noun in spec.not_counters.get(_norm(counter), ())):
        return None  # 4대 축: "four major axes"
    if unit not in _GENERIC_UNITS:
        return unit
    before = text[max(0, start - 12) : start].rstrip()
    for noun in sorted(spec.nouns, key=len, reverse=True):
        if before.endswith(noun):
            return spec.nouns[noun]  # 항공기 최대 100대 → aircraft
    after = re.match(r"\s*(?:의|の)\s*(?:\S+\s+)?(\S+)", text[end : end + 16])
    if after:
        for noun in sorted(spec.nouns, key=len, reverse=True):
            if after.group(1).startswith(noun):
                return spec.nouns[noun]  # 80건의 협력 요청 → requests
    return None if unit == "people" else unit  # attendees are not amounts


def _read(text: str, number: re.Match[str], spec: _Spec, language: str) -> tuple[int, int, Amount] | None:
    raw, start, end = number.group("num"), number.start(), number.end()
    value = _parse_number(raw, language, spec)
    if value is None:
        return None
    is_word = _norm(raw) in spec.number_words
    prefix = None if is_word else spec.prefix.search(text, max(0, start - 6), start)
    tail = None if is_word else spec.money_after.match(text, end)
    currency = spec.currencies.get(_norm(prefix.group("pcur"))) if prefix else None
    if tail and tail.groupdict().get("scur") and not currency:
        currency = spec.currencies.get(_norm(tail.group("scur")))
    if currency and value:
        if tail and tail.groupdict().get("scale"):
            value *= spec.scales.get(_norm(tail.group("scale")), Decimal(1))
        first = prefix.start() if prefix else start
        qualifier, first = _qualifier(spec, text, first, tail)
        last = tail.end() if tail and tail.end() > end else end
        return first, last, Amount(float(value), currency, text[first:last].strip(), qualifier)
    tail = spec.count_after.match(text, end) if spec.count_after else None
    if tail is None or (tail.groupdict().get("mods") and 1900 <= value <= 2100 and "," not in raw):
        return None  # no counter, or "2025 ASEAN smart cities": a year
    qualifier, first = _qualifier(spec, text, start, tail)
    unit = _count_unit(text, first, tail.end(), tail.group("counter"), spec)
    if unit is None:
        return None
    return first, tail.end(), Amount(float(value), unit, text[first : tail.end()].strip(), qualifier)


def find_amounts(text: str, language: str) -> list[Amount]:
    """Money amounts and counts in ``text``, in order of appearance, without overlaps."""
    language = language if language in ("ko", "ja", "zh", "en", "vi") else "en"
    if not text:
        return []
    spec = _spec(language)
    normalised = text.translate(_FULLWIDTH)
    found: list[Amount] = []
    last_end = -1
    for number in spec.number.finditer(normalised):
        if number.start() < last_end:
            continue  # inside the amount just read ("1.5 trillion won ($1.1 billion)")
        read = _read(normalised, number, spec, language)
        if read is not None:
            last_end = read[1]
            found.append(Amount(read[2].value, read[2].unit, text[read[0] : read[1]].strip(), read[2].qualifier))
    return found
