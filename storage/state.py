"""SiteState: everything a crawl of one site reads from the archive, loaded once when its run opens.

The archive writer (``crawler.archive``) loads it with ``Store.site_state`` and hands it to the spider, which
makes its decisions from it (known? due for a re-check? which conditional headers?) and never touches the
store. It is plain data with ``to_dict``/``from_dict``, so the same state can travel with a site's job to a
crawl worker on another machine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from .identity import UrlResolver
from .urls import canonical_url, origin, with_origin


@dataclass(frozen=True, slots=True)
class KnownArticle:
    article_id: int
    published: str | None
    first_seen_at: str
    last_fetched_at: str | None
    status: str  # 'live' | 'gone'
    missing_strikes: int = 0
    url: str = ""  # the article's identity URL (canonical)
    etag: str | None = None  # validators of the last 200 at that URL, for a conditional GET
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class SiteState:
    site: str
    known: dict[str, KnownArticle] = field(default_factory=dict)  # canonical URL (every form) -> article
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (etag, l-m)
    aliases: dict[str, str] = field(default_factory=dict)  # alias origin -> preferred origin
    last_full_walk_at: str | None = None  # when a run last walked every listing page (ok or partial)

    def canonical(self, url: str) -> str:
        """``url``'s canonical form on the site's preferred origin: one key per article, however linked."""
        canon = canonical_url(url)
        preferred = self.aliases.get(origin(canon))
        return with_origin(canon, preferred) if preferred else canon

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since from the last 200 of ``url`` (any of its canonical forms)."""
        etag, last_modified = self.validators.get(canonical_url(url)) or (None, None)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def to_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "known": {url: asdict(k) for url, k in self.known.items()},
            "validators": {url: list(v) for url, v in self.validators.items()},
            "aliases": dict(self.aliases),
            "last_full_walk_at": self.last_full_walk_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteState:
        return cls(
            site=data["site"],
            known={url: KnownArticle(**k) for url, k in (data.get("known") or {}).items()},
            validators={url: (v[0], v[1]) for url, v in (data.get("validators") or {}).items()},
            aliases=dict(data.get("aliases") or {}),
            last_full_walk_at=data.get("last_full_walk_at"),
        )


def load_site_state(db: Database, resolver: UrlResolver, site: str) -> SiteState:
    """The site's state as the archive holds it now."""
    return SiteState(
        site=site,
        known=known_articles(db, resolver, site),
        validators={
            url: (etag, last_modified)
            for url, etag, last_modified in db.execute(
                "SELECT url, etag, last_modified FROM url_state WHERE site = ?"
                " AND (etag IS NOT NULL OR last_modified IS NOT NULL)",
                [site],
            )
        },
        aliases=dict(resolver.aliases(site)),
        last_full_walk_at=db.execute(
            "SELECT max(finished_at) FROM crawl_runs WHERE site = ? AND status IN ('ok', 'partial')"
            " AND json_extract(options, '$.full_walk')",
            [site],
        ).fetchone()[0],
    )


def known_articles(db: Database, resolver: UrlResolver, site: str) -> dict[str, KnownArticle]:
    """Every canonical URL of the site's articles (aliased origins included) -> its article."""
    out: dict[str, KnownArticle] = {}
    rows = db.execute(
        "SELECT u.canonical_url, a.id, a.published, a.first_seen_at, a.last_fetched_at, a.status, a.url,"
        " coalesce(s.missing_strikes, 0), s.etag, s.last_modified FROM article_urls u"
        " JOIN articles a ON a.id = u.article_id LEFT JOIN url_state s ON s.url = u.canonical_url"
        " WHERE u.site = ? AND u.url = u.canonical_url",
        [site],
    )
    for canon, article_id, published, first, fetched, status, identity, strikes, etag, modified in rows:
        known = KnownArticle(article_id, published, first, fetched, status, strikes, identity, etag, modified)
        for key in resolver.variants(site, canon):
            out.setdefault(key, known)
    return out
