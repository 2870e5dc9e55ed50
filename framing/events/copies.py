"""Wire copy and near-duplicates: MinHash signatures over word shingles, checked on candidates.

An entry is a (near-)copy of another outlet's entry when most of the word 3-grams ("shingles") of
the shorter text also occur in the other: estimated **containment**
``|A ∩ B| / min(|A|, |B|) ≥`` :data:`COPY_CONTAINMENT`, so a republished wire story that was
trimmed, retitled or lightly edited still counts. Very short texts (fewer than
:data:`MIN_SHINGLES` shingles, e.g. headline-only updates) count only when nearly identical
(estimated Jaccard ``≥`` :data:`SHORT_JACCARD`).

Jaccard similarity is estimated from seeded MinHash signatures (Broder 1997): the share of the
:data:`N_PERMUTATIONS` hash functions on which two texts have the same minimum; containment
follows from Jaccard and the two set sizes (``|A ∩ B| = J (|A| + |B|) / (1 + J)``). Only pairs
that the aligner already found similar (TF-IDF cosine ``≥`` :data:`CANDIDATE_COSINE`, different
outlets) are checked, so no all-pairs comparison is ever made. Copies are grouped transitively;
within a group the earliest entry is the origin and every entry of another outlet is marked
``copy_of = origin``. Same-outlet repeats are not copies of another outlet.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from framing.model import Entry

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: Shingle length in words.
SHINGLE_WORDS = 3
#: Number of MinHash functions (standard error of a Jaccard estimate ≤ 0.5 / √128 ≈ 0.044).
N_PERMUTATIONS = 128
#: Smallest estimated containment of the shorter text's shingles for a copy.
COPY_CONTAINMENT = 0.8
#: Texts with fewer shingles than this must be nearly identical to count as copies.
MIN_SHINGLES = 15
#: Estimated Jaccard needed between short texts.
SHORT_JACCARD = 0.9
#: Only pairs at least this similar by TF-IDF cosine are checked.
CANDIDATE_COSINE = 0.5

#: Candidate pairs compared per block (bounds the memory of signature comparisons).
PAIRS_PER_BLOCK = 50_000

_WORD_RE = re.compile(r"\w+")
_MASK32 = np.uint32(0xFFFFFFFF)


def _shingle_hashes(text: str, cache: dict[str, int]) -> npt.NDArray[np.uint64]:
    """64-bit fingerprints of the text's word 3-grams (lower-cased), deterministic."""
    words = _WORD_RE.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    fingerprints = np.array([cache[w] if w in cache else cache.setdefault(w, _fingerprint(w))
                             for w in words], dtype=np.uint64)
    width = min(SHINGLE_WORDS, len(words))
    n = len(words) - width + 1
    combined = fingerprints[:n].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, width):
            combined = combined * np.uint64(1099511628211) ^ fingerprints[offset:offset + n]
    return np.unique(combined)


def _fingerprint(word: str) -> int:
    """A 64-bit word fingerprint from two CRC-32s (stable across processes, unlike hash())."""
    data = word.encode("utf-8")
    return zlib.crc32(data) | (zlib.crc32(data, 0x9E3779B9) << 32)


def minhash_signatures(texts: Sequence[str], *, seed: int = 0) -> tuple[
        npt.NDArray[np.uint32], IntArray]:
    """Compute MinHash signatures of word-3-gram sets.

    Args:
        texts: the texts.
        seed: seeds the hash functions (``h(x) = (x XOR a) * b``, odd ``b``, modulo 2**64).

    Returns:
        ``(signatures, sizes)``: an ``n × N_PERMUTATIONS`` array of minima (high 32 bits; all
        ones for a text without shingles) and the number of distinct shingles of each text.
    """
    rng = np.random.default_rng(seed)
    salts = rng.integers(0, 2**63, size=N_PERMUTATIONS, dtype=np.uint64) << np.uint64(1)
    multipliers = rng.integers(0, 2**63, size=N_PERMUTATIONS, dtype=np.uint64)
    multipliers = multipliers * np.uint64(2) + np.uint64(1)
    signatures = np.full((len(texts), N_PERMUTATIONS), _MASK32, dtype=np.uint32)
    sizes = np.zeros(len(texts), dtype=np.int64)
    cache: dict[str, int] = {}
    for row, text in enumerate(texts):
        shingles = _shingle_hashes(text, cache)
        sizes[row] = len(shingles)
        if len(shingles):
            with np.errstate(over="ignore"):
                hashed = (shingles[:, None] ^ salts[None, :]) * multipliers[None, :]
            # The high 32 bits of each minimum suffice (collisions: 1 in 4 billion).
            signatures[row] = (hashed.min(axis=0) >> np.uint64(32)).astype(np.uint32)
    return signatures, sizes


class SignatureFunction(Protocol):
    """Computes MinHash signatures and set sizes of texts (see :func:`minhash_signatures`)."""

    def __call__(self, texts: Sequence[str], *, seed: int = 0) -> tuple[
            npt.NDArray[np.uint32], IntArray]: ...


def find_copies(
    entries: Sequence[Entry],
    left: IntArray,
    right: IntArray,
    cosine: FloatArray,
    *,
    order_key: Sequence[tuple[float, int]],
    seed: int = 0,
    signatures_of: SignatureFunction | None = None,
) -> list[int | None]:
    """Mark entries that copy another outlet's entry.

    Args:
        entries: the aligned entries (rows of the candidate graph).
        left, right, cosine: candidate pairs from the aligner and their TF-IDF cosine.
        order_key: per row, a sort key giving publication order (earliest first).
        seed: seed of the MinHash functions.
        signatures_of: computes :func:`minhash_signatures` (e.g. in worker processes); None
            computes them here.

    Returns:
        Per row, the row index of the origin it copies, or None.
    """
    n_rows = len(entries)
    result: list[int | None] = [None] * n_rows
    outlets = [e.outlet for e in entries]
    codes = {outlet: i for i, outlet in enumerate(dict.fromkeys(outlets))}
    outlet_code = np.array([codes[o] for o in outlets], dtype=np.int64)
    checked = (cosine >= CANDIDATE_COSINE) & (outlet_code[left] != outlet_code[right])
    if not checked.any():
        return result
    pair_left, pair_right = left[checked], right[checked]
    involved = np.unique(np.concatenate([pair_left, pair_right]))
    signatures, sizes = (signatures_of or minhash_signatures)(
        [entries[r].text for r in involved.tolist()], seed=seed)
    a = np.searchsorted(involved, pair_left)
    b = np.searchsorted(involved, pair_right)
    jaccard = np.empty(len(a))
    for lo in range(0, len(a), PAIRS_PER_BLOCK):  # bounded memory for many candidates
        hi = lo + PAIRS_PER_BLOCK
        jaccard[lo:hi] = (signatures[a[lo:hi]] == signatures[b[lo:hi]]).mean(axis=1)
    size_a, size_b = sizes[a], sizes[b]
    smaller = np.minimum(size_a, size_b)
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    containment = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    is_copy = np.where(smaller >= MIN_SHINGLES, containment >= COPY_CONTAINMENT,
                       (jaccard >= SHORT_JACCARD) & (smaller > 0))
    if not is_copy.any():
        return result
    graph = coo_matrix((np.ones(int(is_copy.sum())), (pair_left[is_copy], pair_right[is_copy])),
                       shape=(n_rows, n_rows))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for row in np.unique(np.concatenate([pair_left[is_copy], pair_right[is_copy]])).tolist():
        groups.setdefault(int(labels[row]), []).append(int(row))
    for group in groups.values():
        origin = min(group, key=lambda row: order_key[row])
        for row in group:
            if outlets[row] != outlets[origin]:
                result[row] = origin
    return result
