"""Settings checked before a crawl or probe starts, typed as Scrapy and we read them.

Sits between the command line and Scrapy: ``newsarchive crawl``, ``probe`` (and the distributed
mode's ``enqueue``, ``worker`` and ``writer``) call ``check_overrides`` on
each ``-s KEY=VALUE`` as they read them, and ``crawl`` calls ``check_settings`` on the settings
``crawl.crawl_settings`` built (settings module, environment, ``-s`` values). A value the typed
getters cannot read (``-s DOWNLOAD_DELAY=abc``), or one that would stall a crawl or flood a site (``inf`` for
a delay, a concurrency in the thousands, a negative number of days) is a SettingsError naming the setting, so
the command exits 2 with one line instead of a traceback in a running crawl. A setting's type is its
default's: ours in crawler/settings.py first, then Scrapy's. Keys of no known type pass, as in Scrapy, but
``unknown_settings`` warns of an unknown ``NEWSARCHIVE_*`` key (almost surely a typo) with the nearest name.
"""

from __future__ import annotations

import difflib
import logging
import math
from collections.abc import Iterable
from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings, default_settings

from . import settings as defaults
from .extractor import workers_setting
from .sites import MAX_CONCURRENCY, MAX_DELAY

# Settings whose default is a whole number but that are read as numbers (getfloat, here or in Scrapy).
READ_AS_FLOAT = frozenset(
    {
        "CLOSESPIDER_TIMEOUT",
        "DNS_TIMEOUT",
        "DOWNLOAD_DELAY",
        "DOWNLOAD_TIMEOUT",
        "LOGSTATS_INTERVAL",
        "NEWSARCHIVE_FULL_CRAWL_DAYS",
        "NEWSARCHIVE_RECHECK_OLD_DAYS",
        "NEWSARCHIVE_RECHECK_YOUNG_DAYS",
        "NEWSARCHIVE_RECHECK_YOUNG_HOURS",
        "NEWSARCHIVE_RETRY_AFTER_MAX",
    }
)
# Bounds past which a value is a mistake that would stall a crawl or flood a site: (lowest, highest, whether
# the lowest is excluded), as sites.toml bounds `delay` and `concurrency`. Our own numbers are never negative.
LIMITS: dict[str, tuple[float, float, bool]] = {
    "DOWNLOAD_DELAY": (0, MAX_DELAY, False),
    "AUTOTHROTTLE_START_DELAY": (0, MAX_DELAY, False),
    "AUTOTHROTTLE_MAX_DELAY": (0, MAX_DELAY, False),
    "AUTOTHROTTLE_TARGET_CONCURRENCY": (0, MAX_CONCURRENCY, True),
    "DOWNLOAD_TIMEOUT": (0, MAX_DELAY, True),
    "DNS_TIMEOUT": (0, MAX_DELAY, True),
    "CONCURRENT_REQUESTS": (1, 16 * MAX_CONCURRENCY, False),
    "CONCURRENT_REQUESTS_PER_DOMAIN": (1, MAX_CONCURRENCY, False),
    "CONCURRENT_REQUESTS_PER_IP": (0, MAX_CONCURRENCY, False),
}
INT_BOUND = 2**63 - 1  # integers past this overflow SQLite and C code


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it and its value."""


def check_settings(settings: BaseSettings) -> None:
    """Raise SettingsError for the first setting of a known type whose value cannot be used (Scrapy's own
    defaults are not read: reading a deprecated one warns)."""
    for name in sorted(settings.attributes):
        default = _default(name)
        if default is not None and (settings.getpriority(name) or 0) > SETTINGS_PRIORITIES["default"]:
            _check(settings, name, default)


def check_overrides(pairs: Iterable[tuple[str, str]]) -> None:
    """``check_settings`` for each ``-s KEY=VALUE`` on its own, even one a later ``-s`` of its key undoes."""
    for name, value in pairs:
        default = _default(name)
        if default is not None:
            _check(BaseSettings({name: value}), name, default)


def unknown_settings(names: Iterable[str]) -> list[str]:
    """A warning for each ``NEWSARCHIVE_*`` name nothing reads, with the nearest real one."""
    ours = sorted(k for k in vars(defaults) if k.startswith("NEWSARCHIVE_"))
    warnings = []
    for name in names:
        if name.startswith("NEWSARCHIVE_") and name not in ours:
            hint = difflib.get_close_matches(name, ours, n=1)
            more = f" (did you mean {hint[0]}?)" if hint else f" (ours: {', '.join(ours)})"
            warnings.append(f"unknown setting {name}: nothing reads it{more}")
    return warnings


def _default(name: str) -> Any:
    if hasattr(defaults, name):
        return getattr(defaults, name)
    return getattr(default_settings, name, None)


def _check(settings: BaseSettings, name: str, default: Any) -> None:
    raw = settings.get(name)
    if name == "NEWSARCHIVE_EXTRACT_WORKERS":
        try:
            workers_setting(raw)
        except ValueError as exc:
            raise SettingsError(f"setting {exc}") from None
    elif isinstance(default, bool):
        _read(settings.getbool, name, raw, "true or false")
    elif isinstance(default, int | float):
        _number(settings, name, raw, whole=isinstance(default, int) and name not in READ_AS_FLOAT)
    elif isinstance(default, dict):
        _read(settings.getdict, name, raw, 'a JSON object such as {"a.b.C": 100}')
    elif name == "LOG_LEVEL" and str(raw).upper() not in logging.getLevelNamesMapping():
        raise SettingsError(f"setting {name}: {raw!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")


def _read(getter: Any, name: str, raw: Any, kind: str) -> Any:
    try:
        return getter(name)
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name}: {raw!r} is not {kind}") from None


def _number(settings: BaseSettings, name: str, raw: Any, *, whole: bool) -> None:
    ours = name.startswith("NEWSARCHIVE_")
    low, high, above = LIMITS.get(name, (0 if ours else -INT_BOUND, INT_BOUND, False))
    kind = "a whole number" if whole else "a number"
    if high < INT_BOUND:
        kind += f" above {low:g} and at most {high:g}" if above else f" from {low:g} to {high:g}"
    elif low == 0:
        kind += " >= 0"
    elif not whole:
        kind = "a finite number"
    value = _read(settings.getint if whole else settings.getfloat, name, raw, kind)
    if isinstance(value, bool) or not math.isfinite(value):
        raise SettingsError(f"setting {name}: {raw!r} is not {kind}")
    if not ((value > low if above else value >= low) and value <= high):
        raise SettingsError(f"setting {name}: {raw!r} is not {kind}")
