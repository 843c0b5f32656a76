"""Site configurations: ``sites.toml`` as validated, typed records.

Sites are data. Each ``[sites.NAME]`` table becomes a SiteConfig; an unknown key or a bad value is a
SiteConfigError naming the file, the site and the key, raised before any crawl starts.
"""

from __future__ import annotations

import codecs
import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .extract.rules import SELECTOR_FIELDS, SiteRules, compile_selector
from .extract.zones import zone_of

DEFAULT_SITES_FILE = "sites.toml"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class SiteConfigError(ValueError):
    """A sites file that cannot be used; the message names the file, the site and the key."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...] = ()
    language: str | None = None
    charset: str | None = None
    max_pages: int = 50  # listing pages followed per start URL
    max_articles: int | None = None  # article pages per run (None: no limit)
    enabled: bool = True
    group: str | None = None
    delay: float | None = None  # seconds between requests to this site (overrides DOWNLOAD_DELAY)
    concurrency: int | None = None  # parallel requests to this site (overrides the per-domain setting)
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds read beside the listings
    sitemaps: tuple[str, ...] = ()  # sitemaps (or sitemap indexes, .xml.gz, news sitemaps) read beside them
    robots_sitemaps: bool = False  # also read the sitemaps that robots.txt names (Sitemap: lines)
    follow_feeds: bool = True  # read the feeds that listing pages announce (<link rel="alternate">)
    article_pattern: str | None = None  # regex article URLs must match (sitemaps often list the whole site)
    quiet_days: float | None = None  # alert when no new article for this many days (default: its rhythm)
    rules: SiteRules = field(default_factory=SiteRules)

    def wants(self, url: str) -> bool:
        """Whether an article URL found on a listing, feed or sitemap belongs to this site's archive."""
        return self.article_pattern is None or re.search(self.article_pattern, url) is not None

    def hosts(self) -> tuple[str, ...]:
        """Hosts articles may live on: allowed_domains, else the start URLs' hosts."""
        if self.allowed_domains:
            return self.allowed_domains
        return tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in self.start_urls))


# --------------------------------------------------------------------------- value checks


def _str(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty string, got {value!r}")
    return value.strip()


def _url(value: Any) -> str:
    value = _str(value)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value


def _list_of(check: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    def inner(value: Any) -> tuple:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise ValueError(f"must be a non-empty list, got {value!r}")
        out = []
        for i, item in enumerate(value):
            try:
                out.append(check(item))
            except ValueError as exc:
                raise ValueError(f"item {i + 1}: {exc}") from None
        return tuple(out)

    return inner


def _pos_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a positive integer, got {value!r}")
    return value


def _non_neg_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"must be a number >= 0, got {value!r}")
    return float(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, got {value!r}")
    return value


def _charset(value: Any) -> str:
    value = _str(value).lower()
    try:
        codecs.lookup(value)
    except LookupError:
        raise ValueError(f"is not a known character encoding: {value!r}") from None
    return value


def _language(value: Any) -> str:
    value = _str(value)
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError(f"must be a language code such as 'zh' or 'en', got {value!r}")
    return value


def _timezone(value: Any) -> str:
    value = _str(value)
    zone_of(value)  # ValueError naming the value when unknown
    return value


def _regex(value: Any) -> str:
    value = _str(value)
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"is not a valid regular expression: {exc}") from None
    return value


def _days(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3660:
        raise ValueError(f"must be a number of days above 0 and at most 3660, got {value!r}")
    return float(value)


def _domain(value: Any) -> str:
    value = _str(value).lower()
    if not re.fullmatch(r"[a-z0-9.-]+|\[[0-9a-f:]+\]", value):
        raise ValueError(f"must be a host name such as 'www.example.org', got {value!r}")
    return value


SITE_KEYS: dict[str, Callable[[Any], Any]] = {
    "start_urls": _list_of(_url),
    "allowed_domains": _list_of(_domain),
    "language": _language,
    "charset": _charset,
    "timezone": _timezone,
    "max_pages": _pos_int,
    "max_articles": _pos_int,
    "enabled": _bool,
    "group": _str,
    "delay": _non_neg_float,
    "concurrency": _pos_int,
    "feeds": _list_of(_url),
    "sitemaps": _list_of(_url),
    "robots_sitemaps": _bool,
    "follow_feeds": _bool,
    "article_pattern": _regex,
    "not_found_patterns": _list_of(_regex),  # the site's own "gone" templates (blocking.classify_page)
    "block_patterns": _list_of(_regex),  # the site's own block or rate-limit pages
    "quiet_days": _days,  # site health: alert after this many days without a new article
    "selectors": dict,  # checked key by key below
    "description": _str,  # free text for humans, not used by the crawler
}


def _check_key(where: str, key: str, known: Mapping[str, Any]) -> None:
    if key not in known:
        hint = difflib.get_close_matches(key, list(known), n=1)
        more = f" (did you mean '{hint[0]}'?)" if hint else f" (known keys: {', '.join(sorted(known))})"
        raise SiteConfigError(f"{where}: unknown key '{key}'{more}")


def parse_site(name: str, table: Mapping[str, Any], *, source: str = DEFAULT_SITES_FILE) -> SiteConfig:
    """One ``[sites.NAME]`` table -> SiteConfig, or SiteConfigError naming the site and key."""
    where = f"{source}: site '{name}'"
    if not NAME_RE.match(name):
        raise SiteConfigError(f"{where}: the name must be letters, digits, '-', '_' or '.' (at most 64)")
    if not isinstance(table, Mapping):
        raise SiteConfigError(f"{where}: must be a table of settings, got {table!r}")
    values: dict[str, Any] = {}
    for key, raw in table.items():
        _check_key(where, key, SITE_KEYS)
        if key == "selectors":
            values["selectors"] = _parse_selectors(where, raw)
            continue
        try:
            values[key] = SITE_KEYS[key](raw)
        except ValueError as exc:
            raise SiteConfigError(f"{where}: '{key}' {exc}") from None
    if "start_urls" not in values:
        raise SiteConfigError(f"{where}: missing required key 'start_urls'")
    values.pop("description", None)
    rules = SiteRules(
        charset=values.get("charset"),
        language=values.get("language"),
        not_found_patterns=values.pop("not_found_patterns", ()),
        block_patterns=values.pop("block_patterns", ()),
        timezone=values.pop("timezone", None),
        **values.pop("selectors", {}),
    )
    return SiteConfig(name=name, rules=rules, **values)


def _parse_selectors(where: str, raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise SiteConfigError(f"{where}: 'selectors' must be a table, got {raw!r}")
    out = {}
    for key, value in raw.items():
        _check_key(f"{where}, selectors", key, dict.fromkeys(SELECTOR_FIELDS))
        try:
            out[key] = compile_selector(_str(value))
        except ValueError as exc:
            raise SiteConfigError(f"{where}: 'selectors.{key}' {exc}") from None
    return out


def parse_sites(data: Mapping[str, Any], *, source: str = DEFAULT_SITES_FILE) -> dict[str, SiteConfig]:
    for key in data:
        if key != "sites":
            raise SiteConfigError(f"{source}: unknown top-level key '{key}' (sites go under [sites.NAME])")
    sites = data.get("sites", {})
    if not isinstance(sites, Mapping):
        raise SiteConfigError(f"{source}: 'sites' must be a table of [sites.NAME] tables")
    return {name: parse_site(name, table, source=source) for name, table in sites.items()}


def sites_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The sites file: the argument, else $NEWSARCHIVE_SITES, else ./sites.toml."""
    return Path(path or os.environ.get("NEWSARCHIVE_SITES") or DEFAULT_SITES_FILE)


def load_sites(path: str | os.PathLike[str] | None = None) -> dict[str, SiteConfig]:
    """Read and validate the sites file. Raises SiteConfigError with the file, site and key."""
    p = sites_path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteConfigError(
            f"{p}: sites file not found (set NEWSARCHIVE_SITES or run from the project folder)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"{p}: cannot read the sites file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(f"{p}: not valid TOML: {exc}") from None
    return parse_sites(data, source=str(p))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_user_agent(site: SiteConfig, user_agent: str | None, placeholder: str | None) -> None:
    """Sites other than loopback must be told who crawls them: a User-Agent with a contact, not ours."""
    if user_agent and user_agent != placeholder:
        return
    remote = [h for h in site.hosts() if not is_loopback(h)]
    if remote:
        raise SiteConfigError(
            f"site '{site.name}': set a User-Agent that tells {remote[0]} who you are before crawling it, "
            "e.g. NEWSARCHIVE_USER_AGENT='newsarchive (+mailto:you@example.org)' or --user-agent"
        )


def adhoc_site(name: str, start_url: str, **kwargs: Any) -> SiteConfig:
    """A site for ``--start-url URL --name NAME``: validated like a sites.toml entry."""
    table: dict[str, Any] = {"start_urls": [start_url], **{k: v for k, v in kwargs.items() if v is not None}}
    return parse_site(name, table, source="--start-url")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a TOML value")


def format_site_table(name: str, table: Mapping[str, Any]) -> str:
    """A ``[sites.NAME]`` table as TOML text (scalars, lists and a ``selectors`` sub-table)."""
    lines = [f"[sites.{name}]"]
    lines += [
        f"{key} = {_toml_value(value)}"
        for key, value in table.items()
        if key != "selectors" and value is not None
    ]
    if table.get("selectors"):
        lines.append(f"[sites.{name}.selectors]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in table["selectors"].items()]
    return "\n".join(lines) + "\n"
