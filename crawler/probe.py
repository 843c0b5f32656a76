"""probe: fetch one listing URL (and its next page) and report what newsarchive would do with the site.

Sits beside the crawl, before it: ``newsarchive probe URL`` calls ``probe()`` so that adding a site takes a
minute. The only module of the listing code that does network I/O (stdlib urllib: gzip, a redirect limit,
HTTP errors, timeouts); everything it reports comes from the pure ``parse_listing``, ``classify_block`` and
``sitemaps_from_robots``. robots.txt is checked with protego and obeyed: a disallowed URL is not fetched.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from courlan.urlutils import extract_domain
from protego import Protego

from .extract.blocking import classify_block
from .extract.cms.base import host_of
from .extract.dom import parse_html
from .extract.feeds import sitemaps_from_robots
from .extract.listing import Listing, ListingLink, PageRequest, parse_listing
from .extract.page import RawPage, decode_page
from .extract.rules import SiteRules

logger = logging.getLogger(__name__)

MAX_BYTES = 16 * 1024 * 1024  # a listing page or sitemap bigger than this is cut (and said so)
MAX_REDIRECTS = 10


class ProbeError(Exception):
    """A fetch that produced no HTTP response (DNS, refused connection, timeout, too many redirects)."""


@dataclass(frozen=True, slots=True)
class PageReport:
    """What the followed next page gave: enough to see that the pager really leads somewhere new."""

    url: str
    status: int
    cms: str | None
    articles: int
    new_articles: int  # links not already on the first page
    next_pages: tuple[str, ...]
    blocked: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProbeReport:
    url: str
    final_url: str
    status: int  # 0 when no HTTP answer came (see warnings)
    cms: str | None
    articles: tuple[ListingLink, ...]
    next_pages: tuple[PageRequest, ...]
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]  # from the page and from robots.txt Sitemap: lines
    encoding: str | None
    warnings: tuple[str, ...]
    robots: str  # "allowed" | "disallowed" | "missing" (no robots.txt: allowed) | "error" (could not read it)
    blocked: str | None  # classify_block code, e.g. "challenge-412"
    language: str | None = None
    page_count: int | None = None
    next_page: PageReport | None = None
    user_agent: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "cms": self.cms,
            "articles": [
                {"url": a.url, "title": a.title, "date": a.date, "kind": a.kind} for a in self.articles
            ],
            "next_pages": [r.url for r in self.next_pages],
            "next_requests": [
                {
                    "url": r.url,
                    "method": r.method,
                    "kind": r.kind,
                    "body": r.body.decode("latin-1") if r.body else None,
                }
                for r in self.next_pages
            ],
            "feeds": list(self.feeds),
            "sitemaps": list(self.sitemaps),
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "robots": self.robots,
            "blocked": self.blocked,
            "language": self.language,
            "page_count": self.page_count,
            "next_page": None
            if self.next_page is None
            else {
                "url": self.next_page.url,
                "status": self.next_page.status,
                "cms": self.next_page.cms,
                "articles": self.next_page.articles,
                "new_articles": self.next_page.new_articles,
                "next_pages": list(self.next_page.next_pages),
                "blocked": self.next_page.blocked,
                "warnings": list(self.next_page.warnings),
            },
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """A short human summary (the CLI prints it, then the stanza)."""
        lines = [
            f"{self.url}",
            f"  status {self.status}, final URL {self.final_url}",
            f"  robots.txt: {self.robots}; blocked: {self.blocked or 'no'}; encoding: {self.encoding or '?'}",
            f"  CMS family: {self.cms or 'unknown'}; {len(self.articles)} article/document links"
            + (f"; {self.page_count} listing pages" if self.page_count else ""),
        ]
        for link in self.articles[:10]:
            lines.append(f"    {link.date or '          '}  {link.kind[:3]}  {link.url}  {link.title or ''}")
        if len(self.articles) > 10:
            lines.append(f"    ... {len(self.articles) - 10} more")
        lines.append("  next page: " + (", ".join(f"{r.method} {r.url}" for r in self.next_pages) or "none"))
        if self.next_page is not None:
            lines.append(
                f"    -> status {self.next_page.status}, {self.next_page.articles} links "
                f"({self.next_page.new_articles} new), next: {', '.join(self.next_page.next_pages) or 'none'}"
            )
        lines += [
            f"  feeds: {', '.join(self.feeds) or 'none'}",
            f"  sitemaps: {', '.join(self.sitemaps) or 'none'}",
        ]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def stanza(self, name: str) -> str:
        """A ``[sites.NAME]`` table for sites.toml (valid for ``crawler.sites.parse_site``)."""
        lines = [
            f"# probe: {self.cms or 'unknown'} listing, {len(self.articles)} links"
            + (f", next page {self.next_pages[0].url}" if self.next_pages else ", no followable next page")
            + (f", blocked ({self.blocked})" if self.blocked else ""),
            f"[sites.{_toml_key(name)}]",
            f"start_urls = [{_toml_str(self.url)}]",
            f"allowed_domains = [{', '.join(_toml_str(d) for d in self.allowed_domains())}]",
        ]
        if self.language:
            lines.append(f"language = {_toml_str(self.language)}")
        if self.encoding and self.encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "ascii"):
            lines.append(f"charset = {_toml_str(self.encoding.lower())}")
        later = self.next_page is not None and self.next_page.articles > 0
        if not any(a.kind == "article" for a in self.articles) and not self.blocked and not later:
            lines += [
                "# no article links recognised: name them with a selector, e.g.",
                f"# [sites.{_toml_key(name)}.selectors]",
                '# article_links = "ul.list li a"',
            ]
        return "\n".join(lines) + "\n"

    def allowed_domains(self) -> tuple[str, ...]:
        """The page's host, or the registered domain when article links live on sister hosts."""
        host = host_of(self.final_url or self.url)
        hosts = {host_of(a.url) for a in self.articles} - {""}
        if not hosts or hosts <= {host}:
            return (host,)
        domain = extract_domain(self.final_url or self.url)
        if domain and all(h == domain or h.endswith("." + domain) for h in hosts):
            return (domain.lower(),)
        return tuple(sorted(hosts | {host}))


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml_str(name)


# --------------------------------------------------------------------------- the probe


def probe(
    url: str, *, user_agent: str, timeout: float = 20, follow_next: bool = True, charset: str | None = None
) -> ProbeReport:
    """Fetch ``url`` (and its next listing page) and report family, links, pager, feeds, robots, blocking."""
    if not user_agent or not user_agent.strip():
        raise ValueError("probe needs a User-Agent (set NEWSARCHIVE_USER_AGENT or pass --user-agent)")
    rules = SiteRules(charset=charset)
    robots, robots_sitemaps, parser = _robots(url, user_agent, timeout)
    if parser is not None and not parser.can_fetch(url, user_agent):
        return ProbeReport(
            url,
            url,
            0,
            None,
            (),
            (),
            (),
            robots_sitemaps,
            None,
            (f"robots-disallowed: robots.txt forbids {url} for this User-Agent",),
            "disallowed",
            None,
            user_agent=user_agent,
        )
    try:
        page = fetch(url, user_agent=user_agent, timeout=timeout)
    except ProbeError as exc:
        return ProbeReport(
            url,
            url,
            0,
            None,
            (),
            (),
            (),
            robots_sitemaps,
            None,
            (f"fetch-failed: {exc}",),
            robots,
            None,
            user_agent=user_agent,
        )
    blocked = classify_block(page)
    if blocked:
        return ProbeReport(
            url,
            page.effective_url,
            page.status,
            None,
            (),
            (),
            (),
            robots_sitemaps,
            None,
            (f"blocked: {blocked} (the site answered with an anti-bot challenge or a WAF page)",),
            robots,
            blocked,
            user_agent=user_agent,
        )
    listing = parse_listing(page, rules, allowed_hosts=())
    warnings = list(listing.warnings)
    if page.status >= 400:
        warnings.insert(0, f"http-error: status {page.status}")
    followed = None
    if follow_next and listing.next_pages:
        followed = _follow(listing, page, rules, user_agent, timeout, parser)
        warnings.extend(
            f"next page: {w}" for w in followed.warnings if w.startswith(("blocked", "fetch-failed"))
        )
    return ProbeReport(
        url=url,
        final_url=page.effective_url,
        status=page.status,
        cms=listing.cms,
        articles=listing.links,
        next_pages=listing.next_pages,
        feeds=listing.feeds,
        sitemaps=tuple(dict.fromkeys(listing.sitemaps + robots_sitemaps)),
        encoding=listing.encoding,
        warnings=tuple(warnings),
        robots=robots,
        blocked=None,
        language=guess_language(page, listing),
        page_count=listing.page_count,
        next_page=followed,
        user_agent=user_agent,
    )


def _follow(
    first: Listing, page: RawPage, rules: SiteRules, user_agent: str, timeout: float, parser: Protego | None
) -> PageReport:
    target = first.next_pages[0]
    if parser is not None and not parser.can_fetch(target.url, user_agent):
        return PageReport(target.url, 0, None, 0, 0, (), None, ("robots-disallowed: the next page",))
    try:
        nxt = fetch(
            target.url,
            user_agent=user_agent,
            timeout=timeout,
            method=target.method,
            body=target.body,
            headers=target.headers,
            referer=page.effective_url,
        )
    except ProbeError as exc:
        return PageReport(target.url, 0, None, 0, 0, (), None, (f"fetch-failed: {exc}",))
    blocked = classify_block(nxt)
    if blocked:
        return PageReport(target.url, nxt.status, None, 0, 0, (), blocked, (f"blocked: {blocked}",))
    listing = parse_listing(nxt, rules, allowed_hosts=())
    seen = {link.url for link in first.links}
    new = sum(1 for link in listing.links if link.url not in seen)
    warnings = list(listing.warnings)
    if listing.links and not new:
        warnings.append("pager-repeats-items: the next page shows the same links as the first")
    return PageReport(
        target.url,
        nxt.status,
        listing.cms,
        len(listing.links),
        new,
        tuple(r.url for r in listing.next_pages),
        None,
        tuple(warnings),
    )


def _robots(url: str, user_agent: str, timeout: float) -> tuple[str, tuple[str, ...], Protego | None]:
    """(verdict, Sitemap: URLs, parser) for the URL's robots.txt; a missing file allows everything."""
    parts = urlsplit(url)
    robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
    try:
        page = fetch(robots_url, user_agent=user_agent, timeout=timeout, max_bytes=512 * 1024)
    except ProbeError as exc:
        logger.warning("robots.txt of %s unreadable: %s", url, exc)
        return "error", (), None
    if page.status >= 500:
        return "error", (), Protego.parse("User-agent: *\nDisallow: /")  # 5xx: treat as a full disallow
    if page.status >= 400:
        return "missing", (), None
    text = page.body.decode("utf-8", "replace")
    parser = Protego.parse(text)
    verdict = "allowed" if parser.can_fetch(url, user_agent) else "disallowed"
    return verdict, sitemaps_from_robots(text, robots_url), parser


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def fetch(
    url: str,
    *,
    user_agent: str,
    timeout: float = 20,
    method: str = "GET",
    body: bytes | None = None,
    headers: tuple[tuple[str, str], ...] = (),
    referer: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> RawPage:
    """One HTTP exchange as a RawPage (4xx/5xx included). Raises ProbeError when no response came."""
    sent = {
        "User-Agent": user_agent,
        "Accept-Encoding": "gzip, deflate",
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    }
    if referer:
        sent["Referer"] = referer
    sent.update(dict(headers))
    wire_url = url.split("#", 1)[0]
    request = urllib.request.Request(wire_url, data=body, headers=sent, method=method)
    opener = urllib.request.build_opener(_Redirects())
    try:
        try:
            response = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:  # a redirect loop, or past the redirect limit
                raise ProbeError(f"{exc.code} {exc.msg}: too many redirects from {url}") from None
            response = exc
        with response:
            status = response.status if hasattr(response, "status") else response.code
            final = response.geturl()
            got = tuple(response.headers.items())
            raw = response.read(max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ProbeError(f"{type(reason).__name__}: {reason} ({url})") from None
    content = _decompress(raw[:max_bytes], dict((k.lower(), v) for k, v in got).get("content-encoding", ""))
    if "#" in url and "#" not in final:
        final = final + "#" + url.split("#", 1)[1]
    return RawPage(
        url=url,
        body=content,
        status=status,
        headers=got,
        final_url=final,
        method=method,
        request_headers=tuple(sent.items()),
        request_body=body,
    )


def _decompress(raw: bytes, encoding: str) -> bytes:
    encoding = encoding.lower().strip()
    try:
        if encoding in ("gzip", "x-gzip"):
            return gzip.decompress(raw)
        if encoding == "deflate":
            try:
                return zlib.decompress(raw)
            except zlib.error:
                return zlib.decompress(raw, -zlib.MAX_WBITS)
    except (OSError, EOFError, zlib.error) as exc:
        logger.warning("could not decompress a %s body: %s", encoding, exc)
    return raw


# --------------------------------------------------------------------------- language


_CJK = re.compile(r"[\u3400-\u9fff]")


def guess_language(page: RawPage, listing: Listing) -> str | None:
    """``<html lang>`` or Content-Language (primary subtag), else zh/en from the link titles when clear."""
    declared = page.header("Content-Language") or ""
    root = parse_html(decode_page(page).text) if page.body else None
    if root is not None:
        declared = (root.get("lang") or root.get("xml:lang") or "").strip() or declared
        if not declared:
            meta = root.xpath(
                "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')="
                "'content-language']/@content"
            )
            declared = str(meta[0]) if meta else ""
    primary = declared.split(",")[0].strip().split("-")[0].split("_")[0].lower()
    if re.fullmatch(r"[a-z]{2,3}", primary):
        return primary
    titles = "".join(link.title or "" for link in listing.links)
    if len(titles) >= 20:
        share = len(_CJK.findall(titles)) / len(titles)
        if share > 0.3:
            return "zh"
        if share == 0 and re.search(r"[A-Za-z]{3,}", titles) and titles.isascii():
            return "en"
    return None


__all__ = ["PageReport", "ProbeError", "ProbeReport", "fetch", "probe"]
