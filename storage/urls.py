"""Canonical URLs: one identity per article however it was linked.

Sits between the crawler and the store: the spider keys what it has seen by ``canonical_url(link)``, and the
store keys ``articles.url`` and ``article_urls.canonical_url`` the same way. Pure functions, no I/O.

What ``canonical_url`` does, in order:

1. w3lib's ``canonicalize_url``: scheme and host lower-cased, IDN hosts as punycode, dot segments resolved,
   percent-encoding normalized (UTF-8, upper-case hex), query sorted by name then value, blank values kept.
2. Default ports dropped (``:80`` for http, ``:443`` for https); an empty path becomes ``/``.
3. Session ids dropped from the path (``;jsessionid=...``, ``;phpsessid=...``, ``;sid=...``).
4. A trailing ``index.html`` / ``index.htm`` / ``index.shtml`` / ``index.shtm`` / ``default.aspx`` /
   ``default.asp`` / ``default.htm`` / ``default.html`` dropped (``/news/index.html`` -> ``/news/``).
5. Query parameters that never select content dropped (``TRACKING_PARAMS``, ``TRACKING_PREFIXES``,
   ``SESSION_PARAMS``, ``from=timeline`` and the other share values in ``SHARE_FROM_VALUES``, ``sid`` only
   when its value looks like a session token, ``_`` only when it is a millisecond cache-buster).
6. The fragment dropped, except a route fragment (``#!/...`` or ``#/...``) that single-page sites navigate by.
7. ``both_schemes=True`` writes http as https; ``strip_www=True`` drops a leading ``www.`` from the host.
   The store uses these two only to *compare* URLs when learning a site's scheme/host aliases.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PARAMS = frozenset(
    {
        # ad and social click ids
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "ttclid",
        "li_fat_id",
        "epik",
        # analytics and mail campaigns
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "hmsr",
        "hmpl",
        "hmcu",
        "hmkw",
        "hmci",
        # Alibaba/Taobao and Chinese share links
        "spm",
        "scm",
        "share_token",
        "share_source",
        "share_medium",
        "share_from",
        "share_tag",
        "shareid",
        "isappinstalled",
        "wxshare_count",
        "nsukey",
        "vd_source",
        "sharer_sharetime",
        "sharer_shareid",
        "sharer_shareinfo",
        "sharer_shareinfo_first",
        "sharer_shareinfo_source",
        "clicktime",
        "enterid",
    }
)
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hmsr_", "__twitter_impression")
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "sessionid", "session_id", "sessid", "cfid", "cftoken", "aspsessionid"}
)
SESSION_PREFIXES = ("aspsessionid",)
SHARE_FROM_VALUES = frozenset(
    {
        "timeline",
        "singlemessage",
        "groupmessage",
        "message",
        "share",
        "weixin",
        "wechat",
        "qq",
        "weibo",
        "androidqq",
        "iphoneqq",
        "appmessage",
        "app",
    }
)
INDEX_FILES = frozenset(
    {
        "index.html",
        "index.htm",
        "index.shtml",
        "index.shtm",
        "default.aspx",
        "default.asp",
        "default.htm",
        "default.html",
    }
)

_SESSION_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{16,}$")
_CACHE_BUSTER = re.compile(r"^\d{10,13}$")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/;?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=65536)
def canonical_url(url: str, *, both_schemes: bool = False, strip_www: bool = False) -> str:
    """The canonical form of an http(s) URL (see the module docstring). Other URLs come back stripped.

    Pure, so results are cached (the spider and the store ask about the same URLs many times)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.netloc:
        return url
    parts = urlsplit(canonicalize_url(url, keep_blank_values=True, keep_fragments=True))
    scheme = parts.scheme
    netloc = _netloc(parts, strip_www=strip_www)
    if both_schemes:
        scheme = "https"
    path = _path(parts.path)
    query = _query(parts.query)
    fragment = parts.fragment if parts.fragment.startswith(("!", "/")) else ""
    return urlunsplit((scheme, netloc, path, query, fragment))


def _netloc(parts: SplitResult, *, strip_www: bool) -> str:
    host = (parts.hostname or "").rstrip(".")
    if strip_www and host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    return f"{userinfo}@{host}" if at else host


def _path(path: str) -> str:
    path = _PATH_SESSION.sub("", path) or "/"
    head, _, last = path.rpartition("/")
    if last.lower() in INDEX_FILES:
        path = head + "/"
    return path or "/"


def _query(query: str) -> str:
    if not query:
        return ""
    kept = [pair for pair in query.split("&") if pair and not _is_noise(pair)]
    return "&".join(kept)


def _is_noise(pair: str) -> bool:
    raw_name, _, raw_value = pair.partition("=")
    name = unquote(raw_name).lower()
    value = unquote(raw_value)
    if name in TRACKING_PARAMS or name in SESSION_PARAMS:
        return True
    if name.startswith(TRACKING_PREFIXES) or name.startswith(SESSION_PREFIXES):
        return True
    if name == "from":
        return value.lower() in SHARE_FROM_VALUES
    if name == "sid":
        return bool(_SESSION_TOKEN.match(value))
    if name == "_":
        return bool(_CACHE_BUSTER.match(value))
    return False


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a canonical URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def with_origin(url: str, new_origin: str) -> str:
    """``url`` moved to ``new_origin`` (``scheme://host[:port]``), path and query kept."""
    parts = urlsplit(url)
    target = urlsplit(new_origin)
    return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, parts.fragment))


def scheme_host_key(url: str) -> str:
    """The form in which http/https and ``www.`` variants of one URL are equal."""
    return canonical_url(url, both_schemes=True, strip_www=True)
