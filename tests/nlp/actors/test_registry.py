"""Lookups for the CLI and the validation of the actor data files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glocal.nlp.actors import ActorDataError, build_registry, find_actors, get_actor
from glocal.nlp.actors.registry import data_dir


def test_get_actor_returns_the_canonical_record() -> None:
    record = get_actor("local_gov:11680")
    assert record is not None
    assert (record.kind, record.admin_code, record.country, record.parent) == ("local_gov", "11680", "KR", "local_gov:11")
    assert record.names["ko"] == "강남구" and record.names["en"] == "Gangnam-gu" and record.names["ja"] == "江南区"
    assert "Gangnam District" in record.to_dict()["aliases"]
    assert get_actor("local_gov:99999") is None


def test_every_sido_and_seoul_district_is_present() -> None:
    sido = ["11", "26", "27", "28", "29", "30", "31", "36", "41", "43", "44", "46", "47", "48", "50", "51", "52"]
    assert all(get_actor(f"local_gov:{code}") for code in sido)
    seoul = [k for k in (r.key for r in find_actors("구", limit=400)) if k.startswith("local_gov:11") and len(k) == 15]
    assert len(set(seoul)) == 25


def test_countries_come_from_pycountry_with_local_names() -> None:
    vietnam = get_actor("country:VN")
    assert vietnam is not None and vietnam.names["ko"] == "베트남" and vietnam.names["ja"] == "ベトナム"
    assert vietnam.source == "pycountry+babel"
    assert get_actor("country:ZW") is not None  # all ISO 3166-1 countries, not only the listed ones


def test_find_actors_by_alias_key_and_part_of_a_name() -> None:
    assert find_actors("국토교통부")[0].key == "org:molit"
    assert find_actors("国土交通省")[0].key == "org:mlit-jp"
    assert find_actors("country:kr")[0].key == "country:KR"
    assert find_actors("jung-gu")[0].key == "local_gov:11140"  # the default reading first
    assert {"local_gov:26110", "local_gov:27110"} <= {r.key for r in find_actors("Jung-gu")}
    assert find_actors("   ") == []


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "actors"
    shutil.copytree(data_dir(), target)
    return target


@pytest.mark.parametrize("file, bad, good, message", [
    ("organisations.yaml", "key: org:molit, country: KR,", "key: org:molit, country: Korea,", "ISO 3166-1 alpha-2"),
    ("organisations.yaml", "key: org:adb, country: null,", "key: ORG-ADB, country: null,", "'key' must look like 'org:"),
    ("organisations.yaml", "names: {en: Asian Development Bank,", "names: {fr: Banque,", "'names' must be a mapping with at least an 'en' name"),
    ("kr_local_gov.yaml", '{code: "11680",', "{code: 11680,", "must be a quoted string of 5 digits"),
    ("programmes.yaml", "aliases: [SCEWC,", "alias: [SCEWC,", "unknown field"),
])
def test_data_errors_name_file_entry_and_field(tmp_path: Path, file: str, bad: str, good: str, message: str) -> None:
    folder = _copy_data(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert bad in text
    path.write_text(text.replace(bad, good, 1), encoding="utf-8")
    with pytest.raises(ActorDataError) as error:
        build_registry(folder)
    assert message in str(error.value) and file in str(error.value) and error.value.code == "G140"


def test_duplicate_keys_and_broken_yaml_are_reported(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    (folder / "extra.yaml").write_text(
        "schema: actors\nkind: organisation\nentries:\n  - {key: org:molit, names: {en: Again}}\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="duplicate actor key 'org:molit'"):
        build_registry(folder)
    (folder / "extra.yaml").write_text("schema: actors\nentries: [\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="extra.yaml: not valid YAML"):
        build_registry(folder)


def test_an_analyst_can_add_a_file(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    (folder / "my_partners.yaml").write_text(
        "schema: actors\nkind: city\nentries:\n"
        "  - {key: city:testville-vn, country: VN, names: {en: Testville, ko: 테스트빌}, aliases: [TV City]}\n",
        encoding="utf-8")
    registry = build_registry(folder)
    assert registry.records["city:testville-vn"].country == "VN"
    assert registry.by_surface["테스트빌"] == ("city:testville-vn",)
