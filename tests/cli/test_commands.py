"""The CLI end to end: init, sources add/list/status, ingest, docs list/show/search, errors."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from glocal.cli import main
from glocal.cli.app import app

runner = CliRunner()


@pytest.fixture
def cli_env(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("GLOCAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("GLOCAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GLOCAL_RATE_LIMIT_PER_HOST", "0")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def write_news(folder):
    folder.mkdir()
    items = [
        {"url": "https://a.example/1", "title": "강남구, 산타클라라와 스타트업 교류 확대", "body": "서울 강남구는 미국 산타클라라시와 스타트업 교류 프로그램을 확대하기로 하고 협약을 체결했다고 밝혔다.", "published": "2024-05-02T10:00:00+09:00"},
        {"url": "https://b.example/2", "title": "目黒区と江南区、文化交流で協定", "body": "東京都目黒区と韓国ソウル市江南区は文化交流を拡大する協定を結んだ。両区は若者の相互訪問を進める。", "published": "2024-06-10T10:00:00+09:00"},
    ]
    (folder / "news.jsonl").write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")


def test_full_cli_flow(cli_env):
    folder = cli_env / "inbox"
    write_news(folder)
    assert invoke("init").exit_code == 0
    added = invoke("sources", "add", "inbox", "files", str(folder), "--credibility", "0.8")
    assert added.exit_code == 0 and "glocal ingest --source inbox" in added.output

    listed = invoke("sources", "list")
    assert "inbox" in listed.output and "never" in listed.output

    ingested = invoke("ingest")
    assert ingested.exit_code == 0 and "Ingestion run" in ingested.output

    status = invoke("sources", "status")
    assert "empty_body" in status.output and "partial" in status.output

    docs = invoke("docs", "list", "--lang", "ja")
    assert "目黒区" in docs.output and "산타클라라" not in docs.output

    found = invoke("docs", "search", "산타클라라")
    assert "of 1" in found.output

    shown = invoke("docs", "show", "1")
    assert shown.exit_code == 0 and "https://" in shown.output


def test_errors_say_what_to_do(cli_env, capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["glocal", "ingest", "--source", "nope"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "G300" in err and "glocal sources list" in err

    bad_kind = runner.invoke(app, ["sources", "add", "x", "ftp", "ftp://x"])
    assert bad_kind.exit_code != 0 and "Use one of" in bad_kind.exception.hint


def test_sources_from_glocal_toml(cli_env, monkeypatch):
    folder = cli_env / "toml-inbox"
    write_news(folder)
    config = cli_env / "glocal.toml"
    config.write_text(
        f'[glocal]\nmin_body_chars = 10\n\n[[sources]]\nname = "declared"\nkind = "files"\nlocation = "{folder}"\ncredibility = 0.9\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("GLOCAL_CONFIG", str(config))
    result = invoke("ingest")
    assert result.exit_code == 0 and "declared" in result.output


def test_untrusted_names_are_printed_literally(cli_env):
    folder = cli_env / "odd"
    folder.mkdir()
    (folder / "[bold]x[reverse].txt").write_text("", encoding="utf-8")
    invoke("ingest", "--path", str(folder))
    status = invoke("sources", "status")
    assert "[bold]x[reverse].txt" in status.output
