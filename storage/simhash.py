"""Near-duplicate detection: 64-bit simhash of an article's text, and a banded index to find close ones fast.

Used by the store on every new or changed version: the article's simhash is stored on ``articles.simhash``,
its bands in ``simhash_bands``, and articles of *other* sites within ``MAX_DISTANCE`` bits become
``near_duplicates`` rows (republished copies). Same-site copies are merged by content hash instead.

Shingles: character 3-grams of the word characters (punctuation and spaces dropped) for Chinese/Japanese text,
word 3-grams for other text. Each distinct shingle votes once with a 64-bit blake2b hash.

Banded index: the 64 bits are cut into ``BANDS`` bands; two hashes within ``MAX_DISTANCE`` bits agree
exactly on at least ``MIN_SHARED_BANDS = BANDS - MAX_DISTANCE`` bands (pigeonhole), so candidates are the
articles sharing that many band values (an indexed lookup), and the exact Hamming distance is then checked.
"""

from __future__ import annotations

import hashlib
import re

BITS = 64
MAX_DISTANCE = 6  # Hamming distance at or below which two texts are near-duplicates
BANDS = 8  # 8 bands of 8 bits: any pair within 7 bits shares at least one band exactly
BAND_BITS = BITS // BANDS
# Pigeonhole: d differing bits touch at most d bands, so two hashes within MAX_DISTANCE share at least
# BANDS - MAX_DISTANCE bands exactly. Asking for that many keeps chance candidates few at 100k articles.
MIN_SHARED_BANDS = BANDS - MAX_DISTANCE
MIN_SHINGLES = 20  # texts shorter than this get no simhash (too little to compare)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_CHARS = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Character 3-grams for CJK text, word 3-grams otherwise, as bytes (what is hashed).

    Characters are encoded once as UTF-32 so that a 3-gram is a 12-byte slice (cheaper than encoding each)."""
    if not text:
        return set()
    sample = text[:2000]
    cjk = len(_CJK.findall(sample))
    letters = sum(len(w) for w in _WORD_CHARS.findall(sample)) or 1
    if cjk / letters > 0.3:
        buf = "".join(_WORD_CHARS.findall(text.lower())).encode("utf-32-le")
        return {buf[i : i + 12] for i in range(0, len(buf) - 8, 4)}
    words = _WORD_CHARS.findall(text.lower())
    return {" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)}


def simhash(text: str) -> int | None:
    """Unsigned 64-bit simhash of ``text``, or None when it has fewer than MIN_SHINGLES shingles."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(g, digest_size=8).digest() for g in grams])
    half = len(grams) // 2
    value = 0
    for pos in range(8):
        column = digests[pos::8]  # byte ``pos`` of every shingle hash
        for bit in range(8):
            if column.translate(_BIT_TABLES[bit]).count(1) > half:
                value |= 1 << (pos * 8 + bit)
    return value


# _BIT_TABLES[j] maps a byte to 1 when its bit j is set, else 0 (so bytes.count(1) counts set bits in C)
_BIT_TABLES = [bytes((b >> j) & 1 for b in range(256)) for j in range(8)]


def to_signed(value: int) -> int:
    """SQLite integers are signed 64-bit."""
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


def bands(value: int) -> list[int]:
    """The BANDS band values of an unsigned simhash, band i as ``i << 16 | bits`` (unique across bands)."""
    mask = (1 << BAND_BITS) - 1
    return [(i << BAND_BITS) | ((value >> (i * BAND_BITS)) & mask) for i in range(BANDS)]


def distance(a: int, b: int) -> int:
    return (to_unsigned(a) ^ to_unsigned(b)).bit_count()
