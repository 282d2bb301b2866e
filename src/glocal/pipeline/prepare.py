"""The prepare stage: raw items become clean, identified, hashed documents.

A pure function over a batch, so it can run in-process, in a process pool or as a Ray map.
"""

from __future__ import annotations

from glocal.config import Settings
from glocal.ingest.urls import canonical_url
from glocal.nlp.langid import identify
from glocal.nlp.neardup import signature, to_bytes
from glocal.nlp.textnorm import clean_text, content_hash
from glocal.records import Document, RawItem, Rejection

STAGE = "glocal.prepare.v1"


def prepare_item(item: RawItem, settings: Settings) -> Document | Rejection:
    title = clean_text(item.title)
    body = clean_text(item.body)
    if len(body) < settings.min_body_chars:
        return Rejection(
            item.source, item.item_key, "validate", "empty_body",
            f"the text is too short ({len(body)} characters, minimum {settings.min_body_chars})",
            hint="Check that the item has an article body; lower min_body_chars for short notices.",
        )
    guess = identify(f"{title}\n{body}")
    language = guess.language
    if guess.confidence < 0.5 and item.language_hint:
        language = item.language_hint.split("-")[0].lower()
    return Document(
        source=item.source,
        item_key=item.item_key,
        url=item.url,
        canonical_url=canonical_url(item.url),
        title=title,
        body=body,
        content_hash=content_hash(title, body),
        language=language,
        language_confidence=round(guess.confidence, 4),
        published_at=item.published_at,
        outlet=item.outlet,
        external_id=item.external_id,
        minhash=to_bytes(signature(f"{title}\n{body}", settings.minhash_permutations, settings.shingle_size)),
        meta=dict(item.meta, language_method=guess.method),
    )


def prepare_items(items: list[RawItem], settings: Settings) -> tuple[list[Document], list[Rejection]]:
    documents: list[Document] = []
    rejections: list[Rejection] = []
    for item in items:
        try:
            outcome = prepare_item(item, settings)
        except Exception as exc:  # one bad item never stops the batch
            outcome = Rejection(item.source, item.item_key, "prepare", "internal_error", f"{type(exc).__name__}: {exc}")
        (rejections if isinstance(outcome, Rejection) else documents).append(outcome)
    return documents, rejections
