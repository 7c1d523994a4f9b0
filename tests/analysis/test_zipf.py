"""The compact Zipf table gives wordfreq's own frequencies."""
from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.analysis import zipf as zipf_module
from flashpoint.analysis.zipf import ZipfTable, english


@pytest.mark.parametrize("word", ["the", "government", "ceasefire", "bogotá", "zelensky", "kp", "火", "qwzxv"])
def test_lookups_give_wordfreq_zipf(word: str) -> None:
    """wordfreq rounds to two decimals, as its buckets are; a word outside the list gets the
    caller's value ("kp" and "火" have one built-in ``hash``, not one table entry)."""
    from wordfreq import zipf_frequency

    expected = zipf_frequency(word, "en", wordlist="large")
    assert english().zipf([word], unlisted=-1.0)[0] == pytest.approx(expected if expected > 0 else -1.0, abs=0.006)


def test_every_listed_word_has_its_own_entry() -> None:
    from wordfreq import get_frequency_list

    assert len(english()) == sum(len(bucket) for bucket in get_frequency_list("en", wordlist="large"))


def test_the_list_is_read_bucket_by_bucket_as_wordfreq_reads_it() -> None:
    from wordfreq import available_languages, read_cBpack

    path = Path(available_languages("large")["en"])
    assert list(zipf_module._buckets(path)) == read_cBpack(str(path))


def test_a_file_that_is_not_a_wordfreq_list_is_refused(tmp_path: Path) -> None:
    import gzip

    import msgpack

    path = tmp_path / "other.msgpack.gz"
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "other"}, ["word"]])))
    with pytest.raises(ValueError, match="not a wordfreq list"):
        list(zipf_module._buckets(path))


def test_buckets_give_zipf_by_position() -> None:
    table = ZipfTable([["alpha"], [], ["beta", "gamma"]])
    assert table.zipf(["gamma", "alpha", "delta", "beta"], unlisted=1.0) == [8.98, 9.0, 1.0, 8.98]
    assert table.zipf([], unlisted=1.0) == []


def test_a_hash_shared_by_two_words_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipf_module, "_word_hash", lambda word: 7)
    with pytest.raises(ValueError, match="share a hash"):
        ZipfTable([["alpha", "beta"]])
