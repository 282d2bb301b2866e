"""The actor registry: data files plus generated countries, cities and regions, and lookups.

Built once per process on first use (about a second: GeoNames names are filtered with Sudachi).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from glocal.nlp.actors.countries import country_records
from glocal.nlp.actors.datafiles import ActorData, fail, load_data_dir
from glocal.nlp.actors.gazetteer import city_records, subdivision_records, validate_config
from glocal.nlp.actors.normalise import normalise
from glocal.nlp.actors.schema import ActorRecord


def data_dir() -> Path:
    """The packaged actor data folder (src/glocal/data/actors)."""
    return Path(str(resources.files("glocal") / "data" / "actors"))


@dataclass
class Registry:
    records: dict[str, ActorRecord]
    data: ActorData
    by_surface: dict[str, tuple[str, ...]]  # normalised surface -> actor keys, best candidate first

    def context_of(self, key: str) -> list[str]:
        """Normalised words that point to this actor when a name is shared: its context + its parent's names."""
        record = self.records[key]
        words = list(record.context)
        if record.parent and record.parent in self.records:
            words += self.records[record.parent].surfaces()
        return [normalise(w) for w in words if len(w) >= 2]


def _rank(record: ActorRecord) -> tuple[int, int, int, str]:
    return (-record.priority, -int(record.default), -record.population, record.key)


def build_registry(folder: Path | None = None) -> Registry:
    """Read the data folder, generate the rest and index every surface form."""
    data = load_data_dir(folder or data_dir())
    config = validate_config(data.singletons["gazetteer"])
    domain_cities = [r for r in data.records if r.kind == "city"]
    enriched, generated = city_records(config, domain_cities)
    others = [r for r in data.records if r.kind != "city"]
    records = country_records(data.variants, data.removed) + others + enriched + generated
    keys = {r.key for r in records}
    taken = {r.iso3166_2 for r in enriched if r.iso3166_2}
    records += subdivision_records(config, taken, keys)
    by_key: dict[str, ActorRecord] = {}
    for record in records:
        if record.key in by_key:
            raise fail(record.source, f"actor key {record.key!r} defined twice")
        by_key[record.key] = record
    surfaces: dict[str, list[ActorRecord]] = {}
    for record in records:
        for surface in record.surfaces():
            bucket = surfaces.setdefault(normalise(surface), [])
            if record not in bucket:
                bucket.append(record)
    by_surface = {s: tuple(r.key for r in sorted(rs, key=_rank)) for s, rs in surfaces.items()}
    return Registry(records=by_key, data=data, by_surface=by_surface)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    return build_registry()


def get_actor(actor_key: str) -> ActorRecord | None:
    """The canonical record for a key such as ``local_gov:11680`` or ``country:VN``; None if unknown."""
    return default_registry().records.get(actor_key)


def find_actors(name: str, limit: int = 20) -> list[ActorRecord]:
    """Actors whose key, name or alias equals ``name`` (case/width-insensitive), then those containing it."""
    registry = default_registry()
    query = normalise(name.strip())
    if not query:
        return []
    exact = list(registry.by_surface.get(query, ()))
    if query in {normalise(k) for k in registry.records}:
        exact.insert(0, next(k for k in registry.records if normalise(k) == query))
    partial = sorted(
        (r for r in registry.records.values() if any(query in normalise(s) for s in (*r.names.values(), *r.aliases))),
        key=_rank,
    )
    keys = list(dict.fromkeys([*exact, *(r.key for r in partial)]))
    return [registry.records[k] for k in keys[:limit]]
