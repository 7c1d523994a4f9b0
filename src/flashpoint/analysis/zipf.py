"""How common a word is in English at large: wordfreq's large English list, held compactly.

Story grouping weighs a word by its Zipf frequency (``analysis.stories``), and a process that
groups keeps the table once loaded (a long ingest, the server), next to the NLP working
memory. Its ~320,000 words as a dict of strings took 40 MB there (61 MB through wordfreq's
own caches), arriving at the first grouping: a 10,000-article ingest of the bench corpus
peaked at 731 MB with it and 705 MB with this table (1,000 articles: 645 MB either way).
Here each word is a 64-bit BLAKE2b hash in a sorted array with its frequency bucket: 3 MB,
and a lookup is one binary search per word, run for all the words of an article at once.
The list is read from wordfreq's file a bucket at a time (``_buckets``), not as one list of
320,000 strings, which, even freed, left the process 25 MB larger than before the table
(17 MB after ``memory.release_freed``; wordfreq's own modules are 6 MB of it): read by
bucket, 14 MB (10 MB).

The hash is BLAKE2b, not Python's ``hash``: the built-in one gives equal values to two-byte
strings such as "kp" and "火" (it hashes the stored bytes), 16 pairs in this list alone.
No two words of the list share a BLAKE2b hash (``ZipfTable`` checks it on loading); a word
outside the list matching a listed word's hash is a one-in-10^13 chance per word.
"""
from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Zipf frequency of bucket 0 of wordfreq's lists; bucket ``i`` is ``ZIPF_TOP - i / 100``.
ZIPF_TOP = 9.0


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class ZipfTable:
    """Words' Zipf frequencies, from wordfreq's buckets (bucket ``i`` holds the words of
    frequency ``10 ** (-i / 100)``, Zipf ``9 - i / 100``)."""

    def __init__(self, buckets: Iterable[Sequence[str]]) -> None:
        hash_parts: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
        index_parts: list[np.ndarray] = [np.empty(0, dtype=np.uint16)]
        for index, bucket in enumerate(buckets):
            hash_parts.append(np.fromiter(map(_word_hash, bucket), dtype=np.int64, count=len(bucket)))
            index_parts.append(np.full(len(bucket), index, dtype=np.uint16))
        hashes, indexes = np.concatenate(hash_parts), np.concatenate(index_parts)
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._buckets = indexes[order]
        if len(self._hashes) > 1 and bool((self._hashes[1:] == self._hashes[:-1]).any()):
            raise ValueError("two words of the frequency list share a hash")

    def __len__(self) -> int:
        return len(self._hashes)

    def zipf(self, words: Sequence[str], unlisted: float) -> list[float]:
        """The Zipf frequency of each of ``words``; ``unlisted`` for a word outside the list."""
        if not words:
            return []
        wanted = np.fromiter(map(_word_hash, words), dtype=np.int64, count=len(words))
        at = np.minimum(np.searchsorted(self._hashes, wanted), len(self._hashes) - 1)
        listed = self._hashes[at] == wanted
        # the same float arithmetic as 9.0 - i / 100 in Python, so weights do not move
        found: list[float] = np.where(listed, ZIPF_TOP - self._buckets[at].astype(np.float64) / 100, unlisted).tolist()
        return found


def _buckets(path: Path) -> Iterator[list[str]]:
    """The buckets of a wordfreq list file, one at a time. The format ("cBpack", documented
    in ``wordfreq.read_cBpack``) is a gzipped MessagePack array: a header, then the buckets."""
    import msgpack  # type: ignore[import-untyped]

    with gzip.open(path, "rb") as packed:
        unpacker = msgpack.Unpacker(packed, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"{path}: not a wordfreq list (header {header!r})")
        for _ in range(count - 1):
            yield unpacker.unpack()


@lru_cache(maxsize=1)
def english() -> ZipfTable:
    """wordfreq's large English list (loaded once, ~0.3 s), read from its file a bucket at a
    time, without wordfreq's caches, which would keep its words as strings for the rest of
    the run."""
    from wordfreq import available_languages

    return ZipfTable(_buckets(Path(available_languages("large")["en"])))
