"""Cooperation events of one document, natively per language.

For every sentence (the title is sentence 0 when there is one) the trigger lexicon decides whether
it states an event and of which type — at most two events of different types per sentence, "met
... and signed an MOU" (see triggers.py). Then:

- parties: the actor mentions inside the sentence; Korean side = mentions of Korea or with
  country_code KR, partner side = the others. A country mention is dropped from a side that also
  names a more specific actor of that country (국토부 makes 한국 redundant). When the sentence names
  no partner, the title and lead supply one (confidence × 0.85).
- countries: partner countries in order of mention (main partner first), then KR when Korea takes
  part; from the title/lead when the sentence names none.
- date: the most precise date of the sentence (nearest the trigger among equals), else of the lead
  or title, else the publication month (precision "month"). Planned events resolve dates forward;
  an event dated after publication counts as planned.
- modality: planned events ("will sign", "체결할 예정", "締結へ") are kept, marked "/planned" in
  `method`, confidence × 0.75. Negated events ("did not sign", "체결하지 않았다", "締結に至らな
  かった") become setbacks marked "/negated"; a negated setback ("was not cancelled") is no event.
- history: an event whose own date lies two or more calendar years before publication ("2010년
  자매결연을 맺은 이후", "signed in 2019") is background, not news, unless it is a setback (an old
  MOU cancelled now is news, dated by the sentence).
- documents with no foreign actor and no international word (해외, 国際, overseas ...) have no
  cooperation events; weak triggers (weight < 0.6, e.g. a bare "MOU" or "합의") count only when the
  document has no stronger event.
- one event per real-world event per document: events of the same type whose partner countries
  overlap (or are missing) and whose own day-dates do not differ are merged, the title's into the
  body's; the earliest body sentence is the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from glocal.nlp.events.amounts import find_amounts
from glocal.nlp.events.dates import PRECISION_RANK, DateMention, find_dates, publication_date
from glocal.nlp.events.domains import classify_domain
from glocal.nlp.events.triggers import Trigger, detect, is_venue, lexicon
from glocal.records import ActorMention, DocumentText, ExtractedEvent, Sentence

WEAK_WEIGHT = 0.6
MIN_CONFIDENCE = 0.3


@dataclass(slots=True)
class _Candidate:
    event: ExtractedEvent
    is_title: bool
    weak: bool
    own_date: bool


def country_of(mention: ActorMention) -> str | None:
    """The ISO country an actor belongs to (the country itself for country:XX)."""
    if mention.actor_key.startswith("country:"):
        return mention.actor_key.split(":", 1)[1].upper()
    return mention.country_code.upper() if mention.country_code else None


def _is_korean(mention: ActorMention) -> bool:
    return country_of(mention) == "KR"


def _prune(keys: list[str], country: dict[str, str | None]) -> list[str]:
    """Drop country:XX from a side that names a more specific actor of XX (국토부 makes 한국 redundant)."""
    specific = {country.get(k) for k in keys if not k.startswith("country:")}
    return [k for k in keys if not (k.startswith("country:") and country.get(k) in specific)]


def _keys(mentions: list[ActorMention]) -> list[str]:
    keys: list[str] = []
    for m in mentions:
        if m.actor_key not in keys:
            keys.append(m.actor_key)
    return _prune(keys, {m.actor_key: country_of(m) for m in mentions})


def _parties(mentions: list[ActorMention], text: str, language: str) -> list[ActorMention]:
    """Mentions that can be parties: a city or local government named as the venue is not one."""
    return [m for m in mentions if not (m.kind in ("city", "local_gov") and is_venue(text, m.start, m.end, language))]


def _countries(mentions: list[ActorMention]) -> list[str]:
    codes: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start):
        code = country_of(m)
        if code and code not in codes:
            codes.append(code)
    return [c for c in codes if c != "KR"] + (["KR"] if "KR" in codes else [])


def _in(sentence: Sentence, mentions: list[ActorMention]) -> list[ActorMention]:
    return [m for m in mentions if sentence.start <= m.start < sentence.end]


def _pick_date(found: list[DateMention], anchor: int) -> DateMention | None:
    found = [m for m in found if not m.deadline]  # "30일까지", "until Friday": deadlines, not events
    if not found:
        return None
    # The event's own date beats the report's date ("지난 20일 체결했다고 21일 밝혔다").
    return max(found, key=lambda m: (not m.reporting, PRECISION_RANK[m.precision], -abs(m.start - anchor)))


def _date(sentence: Sentence, context: list[Sentence], trigger: Trigger, doc: DocumentText) -> tuple[str | None, str | None, bool]:
    tense = "future" if trigger.planned else None
    own = _pick_date(find_dates(sentence.text, doc.language, doc.published_at, tense), trigger.start)
    if own:
        return own.date, own.precision, True
    for other in context:
        found = _pick_date(find_dates(other.text, doc.language, doc.published_at, tense), 0)
        if found:
            return found.date, found.precision, False
    pub = publication_date(doc.published_at, doc.language)
    return (pub.strftime("%Y-%m"), "month", False) if pub else (None, None, False)


def _after_publication(value: str | None, precision: str | None, doc: DocumentText) -> bool:
    pub = publication_date(doc.published_at, doc.language)
    return bool(pub and value and precision == "day" and date.fromisoformat(value) > pub)


def _historical(value: str | None, doc: DocumentText) -> bool:
    pub = publication_date(doc.published_at, doc.language)
    return bool(pub and value and value[:4].isdigit() and int(value[:4]) < pub.year - 1)


def _domain(sentence: Sentence, context_text: str, doc: DocumentText) -> str:
    for text in (sentence.text, context_text, doc.text):
        domain = classify_domain(text, doc.language)
        if domain != "other":
            return domain
    return "other"


def _roles(type_: str, own: list[ActorMention], context: list[ActorMention], doc: DocumentText
           ) -> tuple[list[str], list[str], list[str], bool]:
    """Korean side, partner side, countries (main partner first, KR last) and whether the partner was borrowed."""
    parties, context_parties = _parties(own, doc.text, doc.language), _parties(context, doc.text, doc.language)
    korean = _keys([m for m in parties if _is_korean(m)]) or _keys([m for m in context_parties if _is_korean(m)])
    partner = _keys([m for m in parties if not _is_korean(m)])
    borrowed = not partner
    if borrowed:
        partner = _keys([m for m in context_parties if not _is_korean(m)])
    # A meeting's venue is no partner country; a forum's venue is its host country.
    pools = (own, context) if type_ == "forum" else (parties, context_parties, own, context)
    partners = next(([c for c in _countries(pool) if c != "KR"] for pool in pools if any(country_of(m) not in (None, "KR") for m in pool)), [])
    lex = lexicon(doc.language)
    home = lex.home_country if lex else None
    if home in partners and len(partners) > 1:
        partners = [c for c in partners if c != home] + [home]  # a Japan–Indonesia event's partner is Indonesia
    korean_present = bool(korean) or any(_is_korean(m) for m in parties)
    return korean, partner, partners + (["KR"] if korean_present else []), borrowed


def _candidate(sentence: Sentence, trigger: Trigger, doc: DocumentText, mentions: list[ActorMention],
               context: list[Sentence], context_mentions: list[ActorMention], is_title: bool) -> _Candidate | None:
    if trigger.negated and trigger.type == "setback":
        return None  # "the project was not cancelled" is no setback
    type_ = "setback" if trigger.negated else trigger.type
    korean, partner, countries, borrowed = _roles(type_, _in(sentence, mentions), context_mentions, doc)
    value, precision, own_date = _date(sentence, context, trigger, doc)
    if own_date and type_ != "setback" and _historical(value, doc):
        return None  # "sister cities since 2010": background of the story, not its event
    if not trigger.planned and own_date and _after_publication(value, precision, doc):
        trigger = replace(trigger, planned=True)
    confidence = trigger.score * (0.75 if trigger.planned else 1.0) * (0.85 if borrowed else 1.0)
    confidence *= 0.8 if not (korean or partner) else 1.0
    event = ExtractedEvent(
        type=type_, evidence=sentence.text, sentence_index=sentence.index,
        language=doc.language, date=value, date_precision=precision, korean_side=korean, partner_side=partner,
        countries=countries, domain=_domain(sentence, " ".join(s.text for s in context), doc),
        amounts=find_amounts(sentence.text, doc.language), confidence=round(min(confidence, 0.99), 3),
        method=trigger.method,
    )
    weak = trigger.weight < WEAK_WEIGHT
    return _Candidate(event, is_title, weak, own_date)


def _partners(event: ExtractedEvent) -> set[str]:
    return {c for c in event.countries if c != "KR"}


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    if a.event.type != b.event.type:
        return False
    pa, pb = _partners(a.event), _partners(b.event)
    if pa and pb and not pa & pb:
        return False
    days_differ = a.event.date != b.event.date and a.event.date_precision == b.event.date_precision == "day"
    return not (a.own_date and b.own_date and days_differ)


def _union(lists: list[list[str]]) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out


def _combine(group: list[_Candidate], country: dict[str, str | None]) -> _Candidate:
    primary = group[0]
    if len(group) == 1:
        return primary
    events = [c.event for c in group]
    dated = [c for c in group if c.own_date] or [primary]
    best_date = max(dated, key=lambda c: PRECISION_RANK.get(c.event.date_precision or "", 0)).event
    partners = _union([[c for c in e.countries if c != "KR"] for e in events])
    amounts, seen = [], set()
    for amount in (a for e in events for a in e.amounts):
        if (amount.value, amount.unit) not in seen:
            seen.add((amount.value, amount.unit))
            amounts.append(amount)
    merged = replace(
        primary.event,
        date=best_date.date, date_precision=best_date.date_precision,
        korean_side=_prune(_union([e.korean_side for e in events]), country),
        partner_side=_prune(_union([e.partner_side for e in events]), country),
        countries=partners + (["KR"] if any("KR" in e.countries for e in events) else []),
        domain=next((e.domain for e in events if e.domain != "other"), "other"), amounts=amounts,
        confidence=round(min(0.99, max(e.confidence for e in events) + 0.03 * (len(events) - 1)), 3),
    )
    return _Candidate(merged, primary.is_title, all(c.weak for c in group), any(c.own_date for c in group))


def _merge_in_document(candidates: list[_Candidate], country: dict[str, str | None]) -> list[_Candidate]:
    groups: list[list[_Candidate]] = []
    for candidate in sorted(candidates, key=lambda c: (c.is_title, c.event.sentence_index)):  # stable: text order
        for group in groups:
            if _same_event(group[0], candidate):
                group.append(candidate)
                break
        else:
            groups.append([candidate])
    return [_combine(group, country) for group in groups]


def _outside_dates(doc: DocumentText, sentences: list[Sentence], mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions that are not part of a date expression ("지난 20일" is no mention of Jinan)."""
    spans = [(s.start + d.start, s.start + d.end) for s in sentences if any(s.start <= m.start < s.end for m in mentions)
             for d in find_dates(s.text, doc.language, doc.published_at)]
    return [m for m in mentions if not any(start <= m.start and m.end <= end for start, end in spans)]


def extract_events(doc: DocumentText, sentences: list[Sentence], mentions: list[ActorMention]) -> list[ExtractedEvent]:
    """Cooperation events stated in ``doc``, one per real-world event, in document order."""
    mentions = _outside_dates(doc, sentences, mentions)
    has_title = bool(doc.title)
    body = sentences[1:] if has_title else sentences
    context = body[:1] + ([sentences[0]] if has_title and sentences else [])  # lead first, then title
    context_mentions = [m for s in context for m in _in(s, mentions)]
    found: list[tuple[Sentence, Trigger]] = []
    international = False
    for sentence in sentences:
        names = tuple((m.start - sentence.start, m.end - sentence.start) for m in _in(sentence, mentions)
                      if m.kind == "organisation")  # programmes keep their words: "Smart City Expo" is a forum
        triggers, intl = detect(sentence.text, doc.language, names)
        international = international or intl
        found.extend((sentence, trigger) for trigger in triggers)
    if not found or not (international or any(country_of(m) != "KR" for m in mentions)):
        return []  # nothing happened, or nothing international happened
    candidates = [
        c for sentence, trigger in found
        if (c := _candidate(sentence, trigger, doc, mentions, [s for s in context if s is not sentence],
                            context_mentions, has_title and sentence is sentences[0])) is not None
    ]
    merged = _merge_in_document(candidates, {m.actor_key: country_of(m) for m in mentions})
    if any(not c.weak for c in merged):
        merged = [c for c in merged if not c.weak]
    events = [c.event for c in merged if c.event.confidence >= MIN_CONFIDENCE]
    return sorted(events, key=lambda e: e.sentence_index)
