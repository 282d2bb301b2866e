"""The understanding stage: documents in, sentences, keywords, actors, events and tone out.

A pure function over a batch of DocumentText records (no database), so it runs in-process, in a
process pool or as a Ray map alike. Work is grouped by language so Kiwi and the sentence encoder
see whole batches; one failing document becomes a StageFailure and the others go on.

The sentence encoder (numpy, mostly outside the GIL) runs in a background thread, one BLAS thread,
while this thread does the pure-Python work (tokens, lexicon, actors, events): the two overlap on
two cores. It gets the same texts in the same per-language calls as in sequence, so results match.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor

from glocal.nlp.actors import link_actors
from glocal.nlp.actors.fallback import add_locations
from glocal.nlp.events.extract import extract_events
from glocal.nlp.text.sentences import split_sentences
from glocal.nlp.text.tokens import KIWI_TAGS, _kiwi, content_words, stopwords, top_keywords
from glocal.nlp.tone import score_document, score_sentences
from glocal.nlp.tone.model import ENCODER_LANGUAGES, encode
from glocal.nlp.tone.tokens import korean_by_sentence
from glocal.records import DocumentText, Sentence, StageFailure, Understanding

log = logging.getLogger(__name__)
STAGE = "understand"
VERSION = "glocal.understand.v2"  # v2: place finder (unlinked places, Japanese vetoes)
KEYWORDS_PER_DOCUMENT = 12
ENCODED_SENTENCES = 2  # the title and the lead sentence go through the sentence encoder


def _understand_one(doc: DocumentText, words: list[str], tones: list[float], sentences, analysis=None) -> Understanding:  # type: ignore[no-untyped-def]
    text = doc.text
    # the place finder adds unlinked places ("loc:...") and, for Japanese, drops names read as part
    # of a person's or another proper name; Korean reuses the document's Kiwi analysis
    mentions = add_locations(text, doc.language, link_actors(text, doc.language), analysis)
    events = extract_events(doc, sentences, [m for m in mentions if m.kind != "location"])
    return Understanding(
        document_id=doc.document_id,
        content_hash=doc.content_hash,
        language=doc.language,
        sentences=sentences,
        keywords=top_keywords(words, KEYWORDS_PER_DOCUMENT),
        mentions=mentions,
        events=events,
        tone=score_document(tones, has_title=bool(doc.title)),
        sentence_tones=tones,
    )


def _sentence_tones(sentences: list[Sentence], language: str, tokens: list | None, embeddings: Future | None) -> list[float]:
    """Tone of every sentence: the title and lead through the sentence encoder, the rest by the
    lexicon alone (same scale). Encoding every sentence would cost ~2 ms each and halve the
    stage's throughput, while the document score leans on the title and lead anyway.
    ``embeddings``: the lead sentences' encodings, computed in the background."""
    lead = [i for i, s in enumerate(sentences) if s.index < ENCODED_SENTENCES]
    rest = [i for i, s in enumerate(sentences) if s.index >= ENCODED_SENTENCES]
    scores = [0.0] * len(sentences)
    for indices, encoder in ((lead, True), (rest, False)):
        if indices:
            subset_tokens = [tokens[i] for i in indices] if tokens is not None else None
            vectors = embeddings.result() if encoder and embeddings is not None else None
            texts = [sentences[i].text for i in indices]
            values = score_sentences(texts, language, vectors, encoder=encoder, tokens=subset_tokens)
            for i, value in zip(indices, values, strict=True):
                scores[i] = value
    return scores


def _korean_words(tokens: list) -> list[str]:
    """Keywords from the tone tokenizer's Kiwi analysis, so Korean text is analysed once."""
    stop = stopwords("ko")
    words = [(t.surface.lower() if t.tag == "SL" else t.surface) for t in tokens if t.tag in KIWI_TAGS]
    return [w for w in words if len(w) > 1 and w not in stop]


def _language_batch(
    docs: list[DocumentText], language: str, sentences: list[list[Sentence]], embeddings: Future | None
) -> list[Understanding | StageFailure]:
    flat = [s for doc_sentences in sentences for s in doc_sentences]
    tokens = None
    analyses: list = [None] * len(docs)
    if language == "ko":  # one Kiwi pass per document serves tone, keywords and the place finder
        spans = [[(s.start, s.end) for s in doc_sentences] for doc_sentences in sentences]
        analyses = [list(tokens) for tokens in _kiwi().tokenize([d.text for d in docs])]
        tokens = [t for doc in korean_by_sentence([d.text for d in docs], spans, analyses) for t in doc]
    flat_tones = _sentence_tones(flat, language, tokens, embeddings)
    if language == "ko":
        words, position = [], 0
        for doc_sentences in sentences:
            doc_tokens = tokens[position : position + len(doc_sentences)]
            words.append(_korean_words([t for sentence_tokens in doc_tokens for t in sentence_tokens]))
            position += len(doc_sentences)
    else:
        words = content_words([doc.text for doc in docs], language)
    results: list[Understanding | StageFailure] = []
    position = 0
    for doc, doc_sentences, doc_words, analysis in zip(docs, sentences, words, analyses, strict=True):
        tones = flat_tones[position : position + len(doc_sentences)]
        position += len(doc_sentences)
        try:
            results.append(_understand_one(doc, doc_words, tones, doc_sentences, analysis))
        except Exception as exc:  # one bad document never stops the batch
            log.exception("understanding document %s failed", doc.document_id)
            results.append(StageFailure(doc.document_id, STAGE, "internal_error", f"{type(exc).__name__}: {exc}"))
    return results


def _batch_failure(docs: list[DocumentText], language: str, exc: Exception) -> dict[int, StageFailure]:
    """A batch-level failure (splitter, tokenizer, encoder) fails these documents only."""
    log.exception("understanding a %s batch failed", language)
    return {d.document_id: StageFailure(d.document_id, STAGE, "internal_error", f"{type(exc).__name__}: {exc}") for d in docs}


def understand_batch(docs: list[DocumentText]) -> list[Understanding | StageFailure]:
    """Results in the order of ``docs``."""
    by_language: dict[str, list[DocumentText]] = defaultdict(list)
    for doc in docs:
        by_language[doc.language].append(doc)
    results: dict[int, Understanding | StageFailure] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="glocal-encoder") as encoder:
        batches = []
        for language, group in sorted(by_language.items()):
            try:
                sentences = [split_sentences(doc.text, language) for doc in group]
            except Exception as exc:
                results.update(_batch_failure(group, language, exc))
                continue
            leads = [s.text for doc_sentences in sentences for s in doc_sentences if s.index < ENCODED_SENTENCES]
            future = encoder.submit(encode, leads) if leads and language in ENCODER_LANGUAGES else None
            batches.append((language, group, sentences, future))
        for language, group, sentences, future in batches:
            try:
                results.update({outcome.document_id: outcome for outcome in _language_batch(group, language, sentences, future)})
            except Exception as exc:
                results.update(_batch_failure(group, language, exc))
    return [results[doc.document_id] for doc in docs]
