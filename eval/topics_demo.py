"""Topic quality on the demo corpus, measured on the store the product built.

Builds a throwaway store (demo corpus only), runs understanding and analysis exactly as
`glocal demo` does, then compares the topics with the answer key's story groups:

- outlier share (documents in no topic; target ≤ 10%);
- multi-language story groups whose documents all fall in one topic (target ≥ 90%);
- ARI / NMI of topics against story groups (noise items excluded).

Usage: .venv/bin/python eval/topics_demo.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sqlalchemy import select

from glocal.config import Settings
from glocal.pipeline.core import Glocal, demo_path
from glocal.records import SourceSpec
from glocal.store import models

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from eval.demo_corpus import load_demo  # noqa: E402


def measure() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        glocal = Glocal.open(Settings(data_dir=Path(tmp)))
        try:
            glocal.ingest([SourceSpec(name="demo-corpus", kind="files", location=str(demo_path("corpus")), credibility=0.7)])
            glocal.understand()
            report = glocal.analyze()
            with glocal.session() as session:
                external = dict(session.execute(select(models.Document.id, models.Document.external_id)).all())
                topic_of = dict(session.execute(
                    select(models.TopicMembership.document_id, models.Topic.topic_key)
                    .join(models.Topic, models.Topic.id == models.TopicMembership.topic_id)
                    .where(models.Topic.level == 0, models.Topic.active.is_(True))
                ).all())
        finally:
            glocal.close()
    items = {item.id: item for item in load_demo()}
    languages: dict[str, set[str]] = defaultdict(set)
    topics: dict[str, set[str | None]] = defaultdict(set)
    truth, predicted = [], []
    for document_id, item_id in external.items():
        item = items.get(item_id)
        if item is None or not item.key.get("story_group"):
            continue
        group = item.key["story_group"]
        languages[group].add(item.key["language"])
        topics[group].add(topic_of.get(document_id))
        truth.append(group)
        predicted.append(topic_of.get(document_id, f"outlier-{document_id}"))
    multilingual = [g for g, langs in languages.items() if len(langs) > 1]
    together = [g for g in multilingual if len(topics[g]) == 1 and None not in topics[g]]
    return {
        "documents": len(external),
        "topics": report.topics,
        "outlier_share": round(sum(1 for d in external if d not in topic_of) / len(external), 4),
        "multilingual_story_groups": len(multilingual),
        "multilingual_groups_in_one_topic": len(together),
        "multilingual_share": round(len(together) / len(multilingual), 4) if multilingual else None,
        "ari_vs_story_groups": round(adjusted_rand_score(truth, predicted), 4),
        "nmi_vs_story_groups": round(normalized_mutual_info_score(truth, predicted), 4),
        "seconds": report.timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure()
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"documents {result['documents']}, topics {result['topics']}, outliers {result['outlier_share']:.1%}")
    print(f"multi-language story groups in one topic: {result['multilingual_groups_in_one_topic']}/"
          f"{result['multilingual_story_groups']} = {result['multilingual_share']:.1%} (target ≥ 90%)")
    print(f"ARI {result['ari_vs_story_groups']:.3f}, NMI {result['nmi_vs_story_groups']:.3f} against story groups")


if __name__ == "__main__":
    main()
