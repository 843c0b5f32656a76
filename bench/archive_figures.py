"""What a benchmark crawl left in the archive: sizes, row counts, raw bytes, and which mutations it caught.

Used by ``bench/run.py`` after each of our crawls (read-only; the crawl's process has exited). The URLs of
edited and new articles come from the benchmark server (``bench/serve.py`` ``mutate``); they are matched to
articles through ``article_urls`` by canonical URL, as the store itself does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsarchive.storage import queries
from newsarchive.storage.urls import canonical_url


@dataclass(frozen=True, slots=True)
class ArchiveFigures:
    file_bytes: int  # the database file plus its WAL
    articles: int
    versions: int
    raw_pages: int
    raw_bytes: int  # sum of raw_pages.size: the distinct bodies kept
    raw_stored: int  # sum of raw_pages.stored_size: what they take compressed
    fetches: int
    dictionaries: int  # zstd dictionaries adopted


def read_figures(db: Path) -> ArchiveFigures:
    if not db.exists():
        raise FileNotFoundError(f"no archive at {db}: did the crawl start?")
    figures = queries.archive_figures(db)
    return ArchiveFigures(**{k: figures[k] for k in ArchiveFigures.__dataclass_fields__})


def version_counts(db: Path, urls: Iterable[str]) -> dict[str, int]:
    """URL -> version_count of its article (0 when the archive does not know the URL)."""
    urls = list(urls)
    counts = queries.version_counts(db, [canonical_url(u) for u in urls])
    return {url: counts[canonical_url(url)] for url in urls}


def changed_articles(db: Path) -> int:
    """Articles with more than one version (edits caught, and any false change)."""
    return queries.archive_figures(db)["edited"]
