"""The relational schema of the whole product (SQLAlchemy 2 declarative models).

Foundation tables (sources, documents, rejections, ingest runs) are filled by ingestion; the
others are declared now so later stages (understanding, analytics, dashboard, briefings) extend
the store through migrations rather than reshaping it. Times are stored as UTC.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- ingestion -------------------------------------------------------------------------------


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    location: Mapped[str] = mapped_column(Text)
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    credibility: Mapped[float] = mapped_column(Float, default=0.5)
    language: Mapped[str | None] = mapped_column(String(12))
    options: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    origin: Mapped[str] = mapped_column(String(20), default="cli")  # config | cli | demo | api
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str | None] = mapped_column(String(20))  # ok | partial | failed
    last_error: Mapped[str | None] = mapped_column(Text)
    documents_total: Mapped[int] = mapped_column(Integer, default=0)


class IngestRun(Base):
    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")
    sources: Mapped[list[str]] = mapped_column(JSONType, default=list)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    documents_added: Mapped[int] = mapped_column(Integer, default=0)
    documents_updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_published_at", "published_at"),
        Index("ix_documents_language", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # canonical URL when there is one, else "sha256:<content hash>": the identity of a document
    doc_key: Mapped[str] = mapped_column(String(2048), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    item_key: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    external_id: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(12))
    language_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    near_dup_group: Mapped[int | None] = mapped_column(Integer, index=True)
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    ingest_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"))

    source: Mapped[Source | None] = relationship()


class Rejection(Base):
    """An item that could not be ingested or processed, with its reason; one row per problem."""

    __tablename__ = "rejections"
    __table_args__ = (UniqueConstraint("source_name", "item_key", "stage", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str] = mapped_column(String(200), index=True)
    item_key: Mapped[str] = mapped_column(String(2048))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# --- understanding: actors, mentions, events, tone -------------------------------------------


class Actor(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # country | local_gov | city | organisation | programme
    key: Mapped[str] = mapped_column(String(200))  # stable slug, e.g. "KR", "kr-11680", "santa-clara-us"
    name_en: Mapped[str] = mapped_column(String(300))
    name_ko: Mapped[str | None] = mapped_column(String(300))
    name_ja: Mapped[str | None] = mapped_column(String(300))
    names: Mapped[dict[str, str]] = mapped_column(JSONType, default=dict)  # other languages
    country_code: Mapped[str | None] = mapped_column(String(2))
    admin_code: Mapped[str | None] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300), index=True)
    language: Mapped[str] = mapped_column(String(12))
    origin: Mapped[str] = mapped_column(String(40), default="table")


class Mention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    surface: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    method: Mapped[str] = mapped_column(String(80))


class DocumentAnalysis(Base):
    """Per-document NLP output; ``content_hash`` tells whether the document changed since."""

    __tablename__ = "document_analyses"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    pipeline_version: Mapped[str] = mapped_column(String(80))
    tone: Mapped[float | None] = mapped_column(Float)
    keywords: Mapped[list[str]] = mapped_column(JSONType, default=list)
    sentences: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type_date", "type", "event_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(String(64), unique=True)  # stable hash of the merged facts
    type: Mapped[str] = mapped_column(String(20))
    event_date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(10))  # day | month | year
    domain: Mapped[str] = mapped_column(String(30), default="other")
    summary: Mapped[str | None] = mapped_column(Text)
    amounts: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    evidence: Mapped[str | None] = mapped_column(Text)
    evidence_language: Mapped[str | None] = mapped_column(String(12))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    method: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12), default="reported")  # reported|confirmed|rejected
    signed_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(80), default="pipeline")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EventParty(Base):
    __tablename__ = "event_parties"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="party")  # korean_side | partner_side | party


class EventCountry(Base):
    __tablename__ = "event_countries"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    country_code: Mapped[str] = mapped_column(String(2), primary_key=True)


class EventSource(Base):
    __tablename__ = "event_sources"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    evidence: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


# --- analytics -------------------------------------------------------------------------------


class AnalysisRun(Base):
    __tablename__ = "analysis_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # understand | embed | topics | indicators | full
    status: Mapped[str] = mapped_column(String(20), default="running")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    model_versions: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    input_counts: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    timings: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    error: Mapped[str | None] = mapped_column(Text)


class Embedding(Base):
    """One vector per content hash and model, so unchanged text is never embedded twice."""

    __tablename__ = "embeddings"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(120), primary_key=True)
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_key: Mapped[str] = mapped_column(String(64), unique=True)  # persists across runs
    label: Mapped[str] = mapped_column(String(300), default="")
    keywords: Mapped[dict[str, list[str]]] = mapped_column(JSONType, default=dict)  # per language
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"))
    size: Mapped[int] = mapped_column(Integer, default=0)
    axes: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    domains: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    level: Mapped[int] = mapped_column(Integer, default=0)  # 0 = topic, 1 = parent theme in the hierarchy
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 unit vector, for incremental runs
    embedding_model: Mapped[str | None] = mapped_column(String(120))
    representative_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"))
    created_run_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_runs.id", ondelete="SET NULL"))
    updated_run_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_runs.id", ondelete="SET NULL"))


class TopicMembership(Base):
    __tablename__ = "topic_memberships"

    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    probability: Mapped[float] = mapped_column(Float, default=1.0)


class IndicatorValue(Base):
    """One measured number (topic centrality, Trust Index, region indicator, KPI) with its parts."""

    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("run_id", "scope_kind", "scope_key", "period", "metric"),
        Index("ix_indicator_values_scope", "scope_kind", "scope_key", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    scope_kind: Mapped[str] = mapped_column(String(20))  # region | partner | topic | corpus
    scope_key: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(10))  # 2025-10 | 2025-Q4 | 2025
    metric: Mapped[str] = mapped_column(String(60))
    value: Mapped[float | None] = mapped_column(Float)
    components: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    evidence_document_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)


# --- people, access, audit, outputs ----------------------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(12))  # viewer | analyst | admin
    display_name: Mapped[str | None] = mapped_column(String(200))
    ui_language: Mapped[str] = mapped_column(String(5), default="ko")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)


class SettingOverride(Base):
    """Settings an admin changed in the dashboard (regions, targets, Trust weights)."""

    __tablename__ = "setting_overrides"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType)
    updated_by: Mapped[str | None] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Briefing(Base):
    __tablename__ = "briefings"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10))
    scope: Mapped[str] = mapped_column(String(60))  # region key or "ministry"
    language: Mapped[str] = mapped_column(String(5))
    format: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(120))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    citations: Mapped[list[int]] = mapped_column(JSONType, default=list)
