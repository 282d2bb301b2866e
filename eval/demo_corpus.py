"""The bundled demo corpus joined with its answer key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from glocal.pipeline.core import demo_path


@dataclass
class DemoItem:
    id: str
    title: str
    body: str
    url: str
    published: str
    key: dict[str, Any]


def load_demo() -> list[DemoItem]:
    keys: dict[str, dict[str, Any]] = {}
    for path in sorted(demo_path("answer_key").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                keys[entry["id"]] = entry
    items = []
    for path in sorted(demo_path("corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                items.append(DemoItem(raw["id"], raw["title"], raw["body"], raw["url"], raw["published"], keys[raw["id"]]))
    return items


def reprint_roots(items: list[DemoItem]) -> dict[str, str]:
    """Each item's original: follows ``near_duplicate_of`` links to the first publication."""
    parent = {item.id: item.key.get("near_duplicate_of") for item in items}

    def root(item_id: str) -> str:
        while parent.get(item_id):
            item_id = parent[item_id]
        return item_id

    return {item.id: root(item.id) for item in items}
