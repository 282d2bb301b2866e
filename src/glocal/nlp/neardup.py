"""Near-duplicate detection: MinHash over character shingles, banded LSH for candidates.

Character shingles work the same way for Korean, Japanese, Chinese and space-separated languages
and need no tokenizer. Two documents are near-duplicates when the estimated Jaccard similarity of
their shingle sets reaches the threshold calibrated in docs/dedup.md. Groups are never merged
after the fact: a new document joins the oldest group among its matches, so group ids are stable.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from glocal.nlp.textnorm import comparison_form

METHOD = "glocal.dedup.minhash-crc32.v1"
SEED = 20191125  # fixed so signatures are identical across runs and machines


def shingles(text: str, size: int) -> set[bytes]:
    form = comparison_form(text).replace(" ", "")
    if len(form) <= size:
        return {form.encode("utf-8")} if form else set()
    return {form[i : i + size].encode("utf-8") for i in range(len(form) - size + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # drawing the permutations costs more than hashing a whole article: do it once per process
    return MinHash(num_perm=num_perm, seed=SEED).permutations


def signature(text: str, num_perm: int = 64, shingle_size: int = 5) -> LeanMinHash:
    # CRC-32 as the base hash: deterministic, C-speed, and good enough under the random
    # permutations MinHash applies on top (SHA-1 was a third of ingestion time)
    minhash = MinHash(num_perm=num_perm, seed=SEED, hashfunc=zlib.crc32, permutations=_permutations(num_perm))
    minhash.update_batch(list(shingles(text, shingle_size)))
    return LeanMinHash(minhash)


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    return LeanMinHash(seed=SEED, hashvalues=values)


class NearDuplicateIndex:
    """An LSH index of document signatures that assigns near-duplicate groups."""

    def __init__(self, threshold: float, num_perm: int = 64) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # bands of two rows: a pair at Jaccard 0.3 becomes a candidate with probability 0.95 and at
        # 0.4 with 0.996 (datasketch's own choice for 0.3 misses a third of pairs at 0.36); unrelated
        # pairs (Jaccard ~0.01) almost never collide, and every candidate is verified below
        self._lsh = MinHashLSH(num_perm=num_perm, params=(num_perm // 2, 2))
        self._signatures: dict[int, LeanMinHash] = {}
        self._groups: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, doc_id: int, sig: LeanMinHash, group: int | None = None) -> int:
        """Index a document; return its group (its own id when it matches nothing)."""
        self.discard(doc_id)
        if group is None:
            group = self.group_for(sig) or doc_id
        self._lsh.insert(doc_id, sig)
        self._signatures[doc_id] = sig
        self._groups[doc_id] = group
        return group

    def discard(self, doc_id: int) -> None:
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
            del self._signatures[doc_id]
            del self._groups[doc_id]

    def matches(self, sig: LeanMinHash) -> list[tuple[int, float]]:
        """Indexed documents whose estimated Jaccard with ``sig`` reaches the threshold."""
        found = []
        for doc_id in self._lsh.query(sig):
            similarity = sig.jaccard(self._signatures[doc_id])
            if similarity >= self.threshold:
                found.append((doc_id, similarity))
        return found

    def group_for(self, sig: LeanMinHash) -> int | None:
        groups = [self._groups[doc_id] for doc_id, _ in self.matches(sig)]
        return min(groups) if groups else None

    @classmethod
    def from_stored(
        cls, rows: Iterable[tuple[int, bytes, int | None]], threshold: float, num_perm: int
    ) -> NearDuplicateIndex:
        index = cls(threshold, num_perm)
        for doc_id, data, group in rows:
            sig = from_bytes(data)
            if len(sig.hashvalues) == num_perm:
                index.add(doc_id, sig, group if group is not None else doc_id)
        return index
