"""Time zones of extracted times: a naive local time gets the site's zone; ``published`` carries its offset.

Last step of ``article.py``: the site's ``timezone`` (sites.toml, carried in SiteRules) applies to every naive
datetime; without one, pages of the Chinese CMS families (TRS, Hanweb, gkmlpt, VSB) and pages whose metas or
info line are Chinese-CMS style get Asia/Shanghai, with the warning ``timezone:assumed``. Dates without a
time stay dates, and a time that states its own offset keeps it. Local times are kept as shown (never
converted to UTC), so the day of a date never moves.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

DateValue = dt.date | dt.datetime

SHANGHAI = ZoneInfo("Asia/Shanghai")  # mainland China; Hong Kong, Macao, Taiwan and Singapore share +08:00
CHINESE_CMS = frozenset({"trs", "hanweb", "gkmlpt", "vsb"})
W_ASSUMED = "timezone:assumed"


def zone_of(name: str) -> ZoneInfo:
    """The zone of an IANA name. Raises ValueError naming it when unknown."""
    from zoneinfo import ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"is not a known time zone (an IANA name such as 'Asia/Shanghai'): {name!r}"
        ) from exc


# What article pages of these families carry (docs/cms-patterns.md §13): body containers, scripts, resources
_MARKERS = (
    "TRS_Editor",  # TRS
    "trs_editor",
    "TRS_UEDITOR",
    "createPageHTML",
    "UCAP-CONTENT",  # Hanweb
    "/module/web/jpage/",
    "window._CONFIG",  # gkmlpt
    "/gkmlpt/",
    "vsb_content",  # VSB
    "v_news_content",
    "/system/resource/",
    "Visual SiteBuilder",
)


def chinese_cms(text: str, url: str) -> bool:
    """Whether the page belongs to one of the Chinese CMS families (by article-page markers or URL shape)."""
    from .cms import cms_from_links

    return cms_from_links([url]) in CHINESE_CMS or any(marker in text for marker in _MARKERS)


def localize(value: DateValue | None, zone: ZoneInfo | None) -> DateValue | None:
    """``value`` with ``zone`` attached when it is a naive datetime; anything else unchanged."""
    if zone is None or not isinstance(value, dt.datetime) or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone)


def needs_zone(*values: DateValue | None) -> bool:
    """Whether any value is a naive datetime (a local time without an offset)."""
    return any(isinstance(v, dt.datetime) and v.tzinfo is None for v in values)
