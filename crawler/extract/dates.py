"""Date expressions in text: the shared parser behind info lines, meta tags and listing-row dates.

Pure: no clock. ``parse_date_text`` finds the first full date (and a time and offset right after it) in a
string; ``DATE_PATTERN`` lets callers test whether text holds a date at all.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            (),
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        )
    )
    for m in names
}
_MONTH_RE = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = (
    r"(?:[\sT日]*(?P<h>[01]?\d|2[0-3])[:：时](?P<mi>[0-5]\d)(?:[:：分](?P<s>[0-5]\d))?秒?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-](?:[01]\d):?[0-5]\d)?)?"
)

_PATTERNS = [
    # 2021-01-05, 2021/1/5, 2021.01.05, 2021年1月5日 (+ time)
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:[-/.]|年)\s*(?P<m>[01]?\d)\s*(?:[-/.]|月)\s*(?P<d>[0-3]?\d)(?!\d)日?"
        + _TIME,
        re.I,
    ),
    # 05.01.2021 (European day first)
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME, re.I),
    # January 5, 2021 / Jan 5 2021
    re.compile(
        r"\b" + _MONTH_RE + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME, re.I
    ),
    # 5 January 2021
    re.compile(
        r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
        re.I,
    ),
    # 06/02/2022 or 2/6/2022: day and month told apart only when one of them is over 12 (see _build)
    re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])" + _TIME, re.I),
    # 二〇二一年一月五日 (government documents)
    re.compile(
        r"(?P<cy>[〇零○一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日"
    ),
]
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def _cn_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十五 -> 25, 三十一 -> 31 (month and day numerals)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _ymd(g: dict[str, str | None]) -> tuple[int, int, int] | None:
    if g.get("cy"):
        return (
            int("".join(str(_CN_DIGITS[c]) for c in g["cy"] or "")),
            _cn_number(g["cm"] or ""),
            _cn_number(g["cd"] or ""),
        )
    if g.get("a"):
        a, b = int(g["a"] or 0), int(g["b"] or 0)
        if a > 12 >= b:
            return int(g["y"] or 0), b, a  # day first (Europe, China's English pages)
        if b > 12 >= a:
            return int(g["y"] or 0), a, b  # month first (US)
        return None  # 06/02/2022 is ambiguous: no date rather than a wrong one
    month = _MONTHS[(g["mon"] or "").lower().rstrip(".")] if g.get("mon") else int(g["m"] or 0)
    return int(g["y"] or 0), month, int(g["d"] or 0)


def _build(m: re.Match[str]) -> dt.date | dt.datetime | None:
    g = m.groupdict()
    ymd = _ymd(g)
    if ymd is None:
        return None
    try:
        day = dt.date(*ymd)
    except (ValueError, KeyError):
        return None
    if g.get("h") is None:
        return day
    tz = None
    if g.get("tz"):
        raw = g["tz"]
        if raw.upper() == "Z":
            tz = dt.UTC
        else:
            sign = 1 if raw[0] == "+" else -1
            digits = raw[1:].replace(":", "")
            tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return dt.datetime(day.year, day.month, day.day, int(g["h"]), int(g["mi"]), int(g["s"] or 0), tzinfo=tz)


def find_dates(text: str) -> list[tuple[int, dt.date | dt.datetime]]:
    """Every valid date expression in ``text`` with its start offset, in order of position."""
    found: list[tuple[int, int, dt.date | dt.datetime]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = _build(m)
            if value is not None and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), value))
    found.sort(key=lambda f: f[0])
    return [(start, value) for start, _, value in found]


def parse_date_text(text: str) -> dt.date | dt.datetime | None:
    """The first date in ``text`` (with its time and offset when given right after it), else None.

    >>> parse_date_text("发布时间:2021年01月15日来源:广东省科学院")
    datetime.date(2021, 1, 15)
    >>> parse_date_text("Posted 2021-01-05 09:30")
    datetime.datetime(2021, 1, 5, 9, 30)
    """
    dates = find_dates(text)
    return dates[0][1] if dates else None


def has_date(text: str) -> bool:
    return bool(find_dates(text))
