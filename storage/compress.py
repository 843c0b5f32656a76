"""zstd for the raw archive: plain frames, and per-site trained dictionaries that pay off on boilerplate.

Pure codec code used by ``rawpages`` (which decides, per site, whether to train and use a dictionary and keeps
dictionaries in ``zstd_dicts``). No database access here.

Why dictionaries: each page is its own zstd frame (pages are keyed and read one by one), so plain zstd cannot
reuse the kilobytes of navigation, CSS and footer that every page of a site repeats. A dictionary trained on a
site's first pages holds that boilerplate once. ``bench/bench_store.py`` measures the gain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import zstandard

LEVEL = 9  # ratio/speed balance measured in bench/bench_store.py
DICT_SIZE = 96 * 1024  # bytes; large enough for a site's whole template
MIN_GAIN = 1.25  # adopt a dictionary only if held-out pages shrink by at least this factor
# fastcover's segment and d-mer sizes. Letting zstd search them (``steps``) costs ten times the CPU for
# dictionaries 1-5 % better on single-template sites (bench/bench_store.py); a trial runs inside a crawl.
TRAIN_K = 1024
TRAIN_D = 8


class Codec:
    """zstd (de)compressors cached per dictionary id. One per Store: ids are only unique within a database."""

    def __init__(self, level: int = LEVEL) -> None:
        self.level = level
        self._dicts: dict[int, zstandard.ZstdCompressionDict] = {}
        self._compressors: dict[int | None, zstandard.ZstdCompressor] = {}
        self._decompressors: dict[int | None, zstandard.ZstdDecompressor] = {}

    def add_dict(self, dict_id: int, data: bytes) -> None:
        self._dicts[dict_id] = zstandard.ZstdCompressionDict(data)

    def has_dict(self, dict_id: int) -> bool:
        return dict_id in self._dicts

    def compress(self, body: bytes, dict_id: int | None = None) -> bytes:
        """One zstd frame (content size and checksum included), with dictionary ``dict_id`` if given."""
        cctx = self._compressors.get(dict_id)
        if cctx is None:
            zdict = self._dicts[dict_id] if dict_id is not None else None
            cctx = zstandard.ZstdCompressor(level=self.level, dict_data=zdict, write_checksum=True)
            self._compressors[dict_id] = cctx
        return cctx.compress(body)

    def decompress(self, blob: bytes, dict_id: int | None = None) -> bytes:
        dctx = self._decompressors.get(dict_id)
        if dctx is None:
            zdict = self._dicts[dict_id] if dict_id is not None else None
            dctx = zstandard.ZstdDecompressor(dict_data=zdict)
            self._decompressors[dict_id] = dctx
        return dctx.decompress(blob)


def train(
    samples: Sequence[bytes], *, dict_size: int = DICT_SIZE, level: int = LEVEL
) -> zstandard.ZstdCompressionDict:
    """A dictionary trained on ``samples`` (zstd's fastcover trainer with fixed ``TRAIN_K``/``TRAIN_D``)."""
    return zstandard.train_dictionary(dict_size, list(samples), k=TRAIN_K, d=TRAIN_D, level=level, threads=1)


def raw_content(samples: Sequence[bytes], *, dict_size: int = DICT_SIZE) -> zstandard.ZstdCompressionDict:
    """A raw-content dictionary: whole sample pages, one of each size class, as a shared history.

    The trainer keeps fragments and sometimes returns far less than ``dict_size``; on a site whose pages
    share one template, whole pages often do better. Loaded back by ``Codec.add_dict`` like any other
    dictionary (zstd tells them apart by the trained dictionaries' magic number)."""
    by_size = sorted(samples, key=len)
    picks = [by_size[len(by_size) // 2], by_size[-1], by_size[0]] if by_size else []
    content = b""
    for page in dict.fromkeys(picks):
        if len(content) + len(page) > dict_size:
            page = page[: dict_size - len(content)]
        content = page + content  # the most typical page last: nearest to what is compressed
        if len(content) >= dict_size:
            break
    return zstandard.ZstdCompressionDict(content, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


@dataclass(frozen=True, slots=True)
class DictTrial:
    """Held-out pages compressed without and with a freshly trained dictionary."""

    pages: int
    raw_bytes: int
    plain_bytes: int
    dict_bytes: int
    dict_size: int

    @property
    def plain_ratio(self) -> float:
        return self.raw_bytes / max(self.plain_bytes, 1)

    @property
    def dict_ratio(self) -> float:
        return self.raw_bytes / max(self.dict_bytes, 1)

    @property
    def gain(self) -> float:
        return self.plain_bytes / max(self.dict_bytes, 1)

    def pays_off(self, min_gain: float = MIN_GAIN) -> bool:
        return self.gain >= min_gain


def trial(
    train_samples: Sequence[bytes],
    test_samples: Sequence[bytes],
    *,
    dict_size: int = DICT_SIZE,
    level: int = LEVEL,
) -> tuple[zstandard.ZstdCompressionDict, DictTrial]:
    """Build dictionaries from ``train_samples`` (trained, and raw content), measure them on
    ``test_samples`` (never the training pages); the better one and its measurement."""
    plain_cctx = zstandard.ZstdCompressor(level=level, write_checksum=True)
    plain = sum(len(plain_cctx.compress(s)) for s in test_samples)
    raw = sum(len(s) for s in test_samples)
    best: tuple[int, zstandard.ZstdCompressionDict] | None = None
    for zdict in (train(train_samples, dict_size=dict_size, level=level), raw_content(train_samples)):
        with_dict = zstandard.ZstdCompressor(level=level, dict_data=zdict, write_checksum=True)
        size = sum(len(with_dict.compress(s)) for s in test_samples)
        if best is None or size < best[0]:
            best = (size, zdict)
    assert best is not None
    dicted, zdict = best
    return zdict, DictTrial(len(test_samples), raw, plain, dicted, len(zdict.as_bytes()))
