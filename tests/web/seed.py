"""A small, realistic store for the web tests, written straight into the tables (no NLP run).

Gangnam-gu (home) and two peers; Korean, Japanese and English reports of the same smart-city
agreement with Vietnam; a UAM contract; one document carrying script and event-handler payloads;
an analysis run with topics, region indicators, KPIs and partner values; three users.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

import numpy as np

from glocal.pipeline.core import Glocal
from glocal.store import curation, models
from glocal.web import accounts
from glocal.web.security import hash_password

PASSWORDS = {"viewer": "viewer-password-1", "analyst": "analyst-password-1", "admin": "admin-password-1"}
XSS_TITLE = '<script>window.__xss = 1</script>Smart city <img src=x onerror="window.__xss=2">'
XSS_BODY = (
    'Partner news <script>window.__xss = 3</script> with <a href="javascript:window.__xss=4">link</a> and '
    '<svg onload="window.__xss=5"></svg> <b onmouseover="window.__xss=6">hover</b> "quoted" & done.'
)

DOCUMENTS = [
    # key, language, title, body, published
    ("ko-vn", "ko", "강남구, 베트남 하노이와 스마트시티 협력 업무협약 체결",
     "서울 강남구는 20일 베트남 하노이시와 스마트시티 협력 업무협약(MOU)을 체결했다고 밝혔다. 양측은 교통과 데이터 행정 분야에서 협력한다.",
     datetime(2025, 10, 20, 1, 0, tzinfo=timezone.utc)),
    ("ja-vn", "ja", "江南区、ハノイとスマートシティ協力の覚書を締結",
     "ソウル市江南区は20日、ベトナムのハノイ市とスマートシティ分野の協力に関する覚書を締結した。交通とデータ行政で協力する。",
     datetime(2025, 10, 20, 6, 0, tzinfo=timezone.utc)),
    ("en-vn", "en", "Gangnam signs smart city cooperation MOU with Hanoi",
     "Seoul's Gangnam District signed a memorandum of understanding on smart city cooperation with Hanoi, Vietnam, "
     "covering transport and data-driven administration.",
     datetime(2025, 10, 21, 2, 0, tzinfo=timezone.utc)),
    ("en-uam", "en", "Korean Air and Archer agree eVTOL partnership",
     "Korean Air and Archer Aviation agreed an exclusive partnership with an option to buy up to 100 Midnight aircraft "
     "for urban air mobility in Korea.",
     datetime(2025, 10, 20, 9, 0, tzinfo=timezone.utc)),
    ("ko-culture", "ko", "마포구, 일본 메구로구와 청소년 문화 교류 행사 개최",
     "마포구는 일본 메구로구와 청소년 K-컬처 문화 교류 축제를 열었다.",
     datetime(2025, 9, 12, 3, 0, tzinfo=timezone.utc)),
    ("en-xss", "en", XSS_TITLE, XSS_BODY, datetime(2025, 10, 5, 0, 0, tzinfo=timezone.utc)),
]

ACTORS = [
    ("local_gov", "local_gov:11680", "Gangnam-gu", "강남구", "江南区", "KR"),
    ("local_gov", "local_gov:11440", "Mapo-gu", "마포구", "麻浦区", "KR"),
    ("local_gov", "local_gov:11650", "Seocho-gu", "서초구", "瑞草区", "KR"),
    ("country", "country:VN", "Vietnam", "베트남", "ベトナム", "VN"),
    ("country", "country:JP", "Japan", "일본", "日本", "JP"),
    ("city", "city:hanoi-vn", "Hanoi", "하노이", "ハノイ", "VN"),
    ("city", "city:meguro-jp", "Meguro", "메구로구", "目黒区", "JP"),
    ("organisation", "org:korean-air", "Korean Air", "대한항공", "大韓航空", "KR"),
    ("organisation", "org:archer", "Archer Aviation", "아처 에비에이션", "アーチャー", "US"),
]


@lru_cache(maxsize=None)
def _password_hash(password: str) -> str:
    return hash_password(password)  # argon2 is slow on purpose: hash each test password once


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def seed(glocal: Glocal, encode: Any | None = None) -> dict[str, Any]:
    """Fill the store; ``encode`` (texts → vectors) adds document embeddings for semantic search."""
    ids: dict[str, Any] = {"documents": {}, "actors": {}, "events": {}, "users": {}}
    with glocal.session() as session:
        source = models.Source(name="demo-feed", kind="feed", location="https://example.org/feed.xml",
                               last_status="partial", documents_total=len(DOCUMENTS),
                               last_fetched_at=datetime(2025, 10, 22, tzinfo=timezone.utc))
        session.add(source)
        session.flush()
        session.add(models.Rejection(source_name="demo-feed", item_key="https://example.org/broken", stage="parse",
                                     reason="empty_body", message="the page has no text <b>bold</b>",
                                     hint="Check the URL."))
        for kind, key, en, ko, ja, cc in ACTORS:
            actor = models.Actor(kind=kind, key=key, name_en=en, name_ko=ko, name_ja=ja, country_code=cc)
            session.add(actor)
            session.flush()
            ids["actors"][key] = actor.id
        for key, language, title, body, published in DOCUMENTS:
            document = models.Document(
                doc_key=f"https://example.org/{key}", source_id=source.id, item_key=key, url=f"https://example.org/{key}",
                title=title, body=body, language=language, language_confidence=0.99, published_at=published,
                content_hash=_hash(title + body), outlet="Example News", meta={},
            )
            session.add(document)
            session.flush()
            ids["documents"][key] = document.id
        docs = ids["documents"]
        actors = ids["actors"]
        # mentions: 강남구 in the Korean report, Hanoi in the English one
        ko_body = DOCUMENTS[0][3]
        start = ko_body.index("강남구")
        session.add(models.Mention(document_id=docs["ko-vn"], actor_id=actors["local_gov:11680"], surface="강남구",
                                   start=start, end=start + 3, method="test"))
        en_body = DOCUMENTS[2][3]
        start = en_body.index("Hanoi")
        session.add(models.Mention(document_id=docs["en-vn"], actor_id=actors["city:hanoi-vn"], surface="Hanoi",
                                   start=start, end=start + 5, method="test"))
        events = [
            ("mou-vn", "agreement", date(2025, 10, 20), "smart_city", "ko", ["ko-vn", "ja-vn", "en-vn"],
             ["local_gov:11680", "city:hanoi-vn"], ["KR", "VN"], ko_body.split(".")[0]),
            ("uam", "contract", date(2025, 10, 20), "mobility_uam", "en", ["en-uam"],
             ["org:korean-air", "org:archer"], ["KR", "US"], DOCUMENTS[3][3]),
            ("culture", "forum", date(2025, 9, 12), "culture_tourism", "ko", ["ko-culture"],
             ["local_gov:11440", "city:meguro-jp"], ["KR", "JP"], DOCUMENTS[4][3]),
            ("dup-vn", "agreement", date(2025, 10, 21), "smart_city", "en", ["en-vn"],
             ["local_gov:11680", "city:hanoi-vn"], ["VN"], en_body),
            ("xss", "meeting", date(2025, 10, 5), "other", "en", ["en-xss"], [], ["VN"], XSS_BODY),
        ]
        for key, kind, day, domain, language, sources, parties, countries, evidence in events:
            event = models.Event(event_key=_hash(key), type=kind, event_date=day, date_precision="day", domain=domain,
                                 evidence=evidence, evidence_language=language, confidence=0.8, method="test")
            session.add(event)
            session.flush()
            ids["events"][key] = event.id
            for doc in sources:
                session.add(models.EventSource(event_id=event.id, document_id=docs[doc], evidence=evidence))
            for i, party in enumerate(parties):
                session.add(models.EventParty(event_id=event.id, actor_id=actors[party],
                                              role="korean_side" if i == 0 else "partner_side"))
            for code in countries:
                session.add(models.EventCountry(event_id=event.id, country_code=code))
        _analysis(session, docs)
        if encode is not None:
            texts = [f"{title}\n{body}" for _, _, title, body, _ in DOCUMENTS]
            vectors = np.asarray(encode(texts), dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            for (_, _, title, body, _), vector in zip(DOCUMENTS, vectors, strict=True):
                session.add(models.Embedding(content_hash=_hash(title + body), model="usem3", dim=512,
                                             vector=vector.tobytes()))
        for role, password in PASSWORDS.items():
            ids["users"][role] = curation.create_user(session, role, _password_hash(password), role, accounts.SYSTEM).id
    return ids


def _analysis(session: Any, docs: dict[str, int]) -> None:
    run = models.AnalysisRun(kind="full", status="completed", finished_at=datetime(2025, 10, 31, tzinfo=timezone.utc))
    session.add(run)
    session.flush()
    topics = [
        ("t-smart", "Smart city · data diplomacy", {"ko": ["스마트시티", "데이터"], "en": ["smart city", "data"]},
         ["ko-vn", "ja-vn", "en-vn"], {"size": 3, "centrality": 0.92, "tone": 0.78, "tone_change": 0.05, "trust": 0.91}),
        ("t-culture", "K-Culture · creative exchange", {"ko": ["문화", "교류"], "en": ["culture", "exchange"]},
         ["ko-culture"], {"size": 1, "centrality": 0.88, "tone": 0.75, "tone_change": -0.02, "trust": 0.89}),
    ]
    for key, label, keywords, members, metrics in topics:
        topic = models.Topic(topic_key=key, label=label, keywords=keywords, size=len(members), axes={"data": 1.0})
        session.add(topic)
        session.flush()
        for doc in members:
            session.add(models.TopicMembership(topic_id=topic.id, document_id=docs[doc], probability=0.9))
        for metric, value in metrics.items():
            components = {"tone": {"value": 0.8}, "consistency": {"value": 0.9}} if metric == "trust" else {}
            session.add(models.IndicatorValue(
                run_id=run.id, scope_kind="topic", scope_key=key, period="2025-10", metric=metric, value=value,
                components=components, evidence_document_ids=[docs[d] for d in members],
            ))
    regions = {
        "local_gov:11680": {"projects": 4, "partner_institutions": 6, "international_events": 9, "exposure": 30,
                            "agreements": 3, "tone": 0.6, "trust": 0.84, "axis_industry": 0.5, "axis_culture": 0.1,
                            "axis_data": 0.3, "axis_inclusion": 0.1},
        "local_gov:11440": {"projects": 2, "partner_institutions": 3, "international_events": 5, "exposure": 12,
                            "agreements": 1, "tone": 0.5, "trust": 0.8},
        "local_gov:11650": {"projects": 1, "partner_institutions": 2, "international_events": 3, "exposure": 8,
                            "agreements": 0, "tone": 0.4, "trust": 0.7},
    }
    for period, scale in (("2025-09", 0.8), ("2025-10", 1.0)):
        for region, metrics in regions.items():
            for metric, value in metrics.items():
                components = {"tone": {"value": 0.7}, "consistency": {"value": 0.8}, "follow_through": {"value": 0.9},
                              "continuity": {"value": 0.95}, "breadth": {"value": 0.6}} if metric == "trust" else {}
                session.add(models.IndicatorValue(
                    run_id=run.id, scope_kind="region", scope_key=region, period=period, metric=metric,
                    value=value * scale, components=components,
                    evidence_document_ids=[docs["ko-vn"]] if metric == "trust" else [],
                ))
    for metric, value, target in (("trust", 0.84, 0.9), ("agreement_growth", 0.5, 0.25), ("participation_programmes", 0, 1)):
        session.add(models.IndicatorValue(
            run_id=run.id, scope_kind="kpi", scope_key="local_gov:11680", period="2025-10", metric=metric, value=value,
            components={"target": target, "met": value >= target},
        ))
    session.add(models.IndicatorValue(run_id=run.id, scope_kind="partner", scope_key="VN", period="2025-10",
                                      metric="trust", value=0.88, components={"tone": {"value": 0.9}}))
