"""Tone of cooperation news per sentence and per document, on one scale in [-1, 1] for ko/ja/en (zh, vi best effort).

Positive: signing, launching, expanding, winning, completing; negative: cancelling, delaying,
disputes, criticism, protests, losses; routine announcements stay near 0. A sentence's score is
P(positive) - P(negative) from a small logistic-regression head over multilingual sentence
embeddings plus lexicon evidence (trigger words, directions of change paired with metrics,
negation); see ``model`` and ``rules``. Weights are trained at development time by
``scripts/train_tone.py`` and only loaded here (once, lazily).

    score_sentences(texts, language) -> list[float]
    score_document(sentence_scores, has_title=True) -> float
    label_of(score) -> "positive" | "neutral" | "negative"
"""

from glocal.nlp.tone.document import score_document
from glocal.nlp.tone.model import label_of, score_sentences

TONE_VERSION = "glocal.tone.use-lexicon-logreg.v1"

__all__ = ["TONE_VERSION", "label_of", "score_document", "score_sentences"]
