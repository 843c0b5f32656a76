"""Which article a URL belongs to: canonical URLs, every URL an article was reached by, host aliases.

Used by ``Store`` inside its transactions. ``article_urls`` maps each URL seen (the raw form as requested or
redirected to, and its canonical form) to one article. ``host_aliases`` records, per site, that one origin
(``http://www.x.cn``) serves the same articles as another (``https://x.cn``): learned when the same content
hash arrives through two URLs that differ only in scheme or ``www.``. Once learned, a URL on the alias origin
is identified with the same path on the preferred origin, even when its content has changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from .urls import canonical_url, origin, scheme_host_key, with_origin


@dataclass(frozen=True, slots=True)
class UrlIdentity:
    """Every form of one fetch's URLs, worked out once per save (``UrlResolver.resolve``)."""

    site: str
    requested: str  # as requested
    final: str  # after redirects (the requested URL when there were none)
    requested_canon: str
    final_canon: str
    identity: str  # the canonical final URL on the site's preferred origin: articles.url of a new article
    keys: tuple[str, ...]  # lookup keys in order: final then requested, each canonical then aliased
    article_id: int | None  # the article any of them is known by

    @property
    def canonical_urls(self) -> tuple[str, ...]:
        """The canonical forms of the requested and final URL (one if they are the same)."""
        return tuple(dict.fromkeys((self.requested_canon, self.final_canon)))


class UrlResolver:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._aliases: dict[str, dict[str, str]] = {}  # site -> alias origin -> preferred origin

    def aliases(self, site: str) -> dict[str, str]:
        found = self._aliases.get(site)
        if found is None:
            found = dict(self.db.execute("SELECT alias, origin FROM host_aliases WHERE site = ?", [site]))
            self._aliases[site] = found
        return found

    def _aliased(self, site: str, canon: str) -> str:
        """A canonical URL moved to its site's preferred origin (itself when its origin is no alias)."""
        preferred = self.aliases(site).get(origin(canon))
        return with_origin(canon, preferred) if preferred else canon

    def identity(self, site: str, url: str) -> str:
        """The canonical URL an article reached by ``url`` is stored under (aliases applied)."""
        return self._aliased(site, canonical_url(url))

    def resolve(
        self, site: str, requested: str, final: str | None = None, *, at: str | None = None
    ) -> UrlIdentity:
        """One fetch's URL identity: canonical forms, lookup keys, the article it belongs to. With ``at``, a
        redirect between two forms of one origin (http/https, www.) first teaches that alias."""
        requested = requested.strip()
        final = (final or requested).strip()
        if at is not None and final != requested:
            self.learn_alias(site, requested, final, at, f"redirect {requested} -> {final}")
        requested_canon = canonical_url(requested)
        final_canon = requested_canon if final == requested else canonical_url(final)
        identity = self._aliased(site, final_canon)
        keys = tuple(
            dict.fromkeys((final_canon, identity, requested_canon, self._aliased(site, requested_canon)))
        )
        return UrlIdentity(
            site, requested, final, requested_canon, final_canon, identity, keys, self._lookup(keys)
        )

    def _lookup(self, keys: Iterable[str]) -> int | None:
        for key in keys:
            row = self.db.execute(
                "SELECT article_id FROM article_urls WHERE canonical_url = ? LIMIT 1", [key]
            ).fetchone()
            if row:
                return int(row[0])
        return None

    def attach_identity(self, article_id: int, ident: UrlIdentity, how: str | None, at: str) -> None:
        """Record every URL of ``ident`` for an article (``how``: None means fetched/requested)."""
        pairs = [(ident.final, ident.final_canon, how or "fetched")]
        if ident.requested != ident.final:
            pairs.append((ident.requested, ident.requested_canon, how or "requested"))
        for url, canon, form_how in pairs:
            for form in dict.fromkeys((canon, url)):
                self.db.execute(
                    "INSERT OR IGNORE INTO article_urls"
                    " (url, canonical_url, article_id, site, how, first_seen_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [form, canon, article_id, ident.site, form_how, at],
                )

    def keys(self, site: str, urls: Iterable[str | None]) -> list[str]:
        """Lookup keys for ``urls``: each one's canonical form and its aliased form, in order, no repeats."""
        out: list[str] = []
        for url in urls:
            if not url:
                continue
            canon = canonical_url(url)
            for key in (canon, self._aliased(site, canon)):
                if key not in out:
                    out.append(key)
        return out

    def find(self, site: str, urls: Iterable[str | None]) -> int | None:
        """The article any of ``urls`` (tried in order) is known by, or None."""
        return self._lookup(self.keys(site, urls))

    def attach(self, article_id: int, site: str, urls: Iterable[tuple[str | None, str]], at: str) -> None:
        """Record ``(url, how)`` pairs for an article: the URL as given and its canonical form."""
        for url, how in urls:
            if not url:
                continue
            canon = canonical_url(url)
            for form, form_how in ((canon, how), (url.strip(), how)):
                self.db.execute(
                    "INSERT OR IGNORE INTO article_urls"
                    " (url, canonical_url, article_id, site, how, first_seen_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [form, canon, article_id, site, form_how, at],
                )

    def same_content(self, site: str, content_hash: str) -> tuple[int, str] | None:
        """The oldest article of ``site`` whose latest content has this hash, as (id, url)."""
        row = self.db.execute(
            "SELECT id, url FROM articles WHERE site = ? AND content_hash = ? ORDER BY id LIMIT 1",
            [site, content_hash],
        ).fetchone()
        return (int(row[0]), row[1]) if row else None

    def learn_alias(self, site: str, new_url: str, known_url: str, at: str, evidence: str) -> bool:
        """If ``new_url`` and ``known_url`` differ only by scheme and/or ``www.``, record the alias origin."""
        new_canon, known_canon = canonical_url(new_url), canonical_url(known_url)
        alias, preferred = origin(new_canon), origin(known_canon)
        if alias == preferred or scheme_host_key(new_canon) != scheme_host_key(known_canon):
            return False
        known = self.aliases(site)
        if alias in known or known.get(preferred) == alias:  # first lesson wins; never a cycle
            return False
        self.db.execute(
            "INSERT OR IGNORE INTO host_aliases (site, alias, origin, learned_at, evidence)"
            " VALUES (?, ?, ?, ?, ?)",
            [site, alias, preferred, at, evidence],
        )
        self.aliases(site)[alias] = preferred
        return True

    def variants(self, site: str, url: str) -> list[str]:
        """``url`` (stored canonical) and the same path on every origin aliased to its origin."""
        here = origin(url)
        return [url] + [with_origin(url, alias) for alias, pref in self.aliases(site).items() if pref == here]
