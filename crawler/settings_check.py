"""Our ``NEWSARCHIVE_*`` settings checked before a crawl starts.

``newsarchive crawl`` (and the distributed mode's ``enqueue``, ``worker`` and ``writer``) calls
``check_settings`` on the settings ``crawl_settings`` built (settings module, environment, ``-s KEY=VALUE``):
a value the typed getters cannot read, or a negative or non-finite number, is a SettingsError naming the
setting, so the command exits 2 with one line instead of a crawl that "did not start" and a traceback in the
log. The type of each setting is the type of its default in
crawler/settings.py, and whole numbers for those the crawl reads with ``getint``.
"""

from __future__ import annotations

import math
from typing import Any

from scrapy.settings import BaseSettings

from . import settings as defaults
from .extractor import workers_setting

WHOLE_NUMBERS = (  # read with getint
    "NEWSARCHIVE_MAX_LISTING_PAGES",
    "NEWSARCHIVE_ACTIVE_SITES",
    "NEWSARCHIVE_JOB_ATTEMPTS",
    "NEWSARCHIVE_STREAM_BACKLOG",
)


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it and its value."""


def check_settings(settings: BaseSettings) -> None:
    for name in sorted(vars(defaults)):
        if name.startswith("NEWSARCHIVE_"):
            _check(settings, name, getattr(defaults, name))


def _check(settings: BaseSettings, name: str, default: Any) -> None:
    raw = settings.get(name)
    if name == "NEWSARCHIVE_EXTRACT_WORKERS":
        try:
            workers_setting(raw)
        except ValueError as exc:
            raise SettingsError(f"setting {exc}") from None
        return
    if isinstance(default, bool):
        getter, kind = settings.getbool, "true or false"
    elif name in WHOLE_NUMBERS:
        getter, kind = settings.getint, "a whole number >= 0"
    elif isinstance(default, int | float):
        getter, kind = settings.getfloat, "a number >= 0"
    else:
        return
    try:
        value = getter(name)
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name}: {raw!r} is not {kind}") from None
    if not isinstance(value, bool) and (value < 0 or not math.isfinite(value)):
        raise SettingsError(f"setting {name}: {raw!r} is not {kind}")
