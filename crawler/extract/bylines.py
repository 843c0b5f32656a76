"""Where the info line and the bylines are: positions on the page relative to the title and the body.

Called by ``article.py`` with the page's lines (``lines.page_lines``), the title, and the body paragraphs.
``head_info`` reads the short lines between the title and the body (and just above the title, where
government pages put their 索引号/发布日期 table); ``tail_info`` reads the lines right after the body
(来源/责任编辑 footers of the article, never the page footer); ``body_bylines`` reads the bylines inside the
body's first and last paragraphs ("（记者 张三）", "本报记者 李四", "（王五 上海报道）") and a bare name
line under
the title. Lines in page chrome (related-news boxes, footers, menus) are never read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from .infoline import InfoLine, is_bare_label, parse_info_line, unspaced_label
from .names import clean_people, looks_like_person
from .title import normalize

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .lines import Line

logger = logging.getLogger(__name__)

HEAD_AFTER = 12  # lines read below the title
HEAD_BEFORE = 14  # lines read above the title
TAIL_AFTER = 8  # lines read below the body
MAX_INFO_CHARS = 240  # a longer line is prose, not an info line

_REPORTER_IN_PARENS = re.compile(
    r"[（(]\s*[^（）()]{0,16}?(?:记者|通讯员|特约撰稿人?)\s*([^（）()]{2,40})[）)]"
)
_REPORTER_AT_START = re.compile(
    r"^[□■●\s]*(?:本报|本刊|本台|总台|[\u4e00-\u9fff·]{1,10}?(?:报|社|台|网|新闻|频道)·?)?(?:首席|特约|实习)?"
    r"(?:记者|通讯员)\s*([^，。,：:]{2,40})"
)
_NAMES_AT_END = re.compile(r"[（(]\s*([^（）()]{2,40})\s*[）)]\s*$")


@dataclass(frozen=True, slots=True)
class Anchors:
    """Line positions of the title and of the body's first and last paragraphs (None when not found)."""

    title: int | None
    body_start: int | None
    body_end: int | None


def _key(text: str) -> str:
    return normalize(text)[:16]


def find_anchors(
    lines: list[Line], title: str | None, title_el: HtmlElement | None, paragraphs: tuple[str, ...]
) -> Anchors:
    title_idx = _title_index(lines, title, title_el)
    start = title_idx or 0
    body_start = body_end = None
    firsts = [_key(p) for p in paragraphs[:3] if len(_key(p)) >= 4]
    for i in range(start, len(lines)):
        if _contains_any(lines[i].text, firsts):
            body_start = i
            break
    if body_start is not None and paragraphs:
        lasts = [_key(p) for p in paragraphs[-2:] if len(_key(p)) >= 4]
        for i in range(len(lines) - 1, body_start - 1, -1):
            if _contains_any(lines[i].text, lasts):
                body_end = i
                break
    if title_idx is not None and body_start is not None and body_start < title_idx:
        body_start = None  # the text matched a teaser above the title
    return Anchors(title_idx, body_start, body_end)


def _contains_any(text: str, keys: list[str]) -> bool:
    """Whether the line holds one of the keys; a cheap character test first, normalising only then."""
    if not keys or not any(k[0] in text.casefold() for k in keys):
        return False
    norm = normalize(text)
    return any(k in norm for k in keys)


def _title_index(lines: list[Line], title: str | None, title_el: HtmlElement | None) -> int | None:
    if title_el is not None:
        inside = set(title_el.iter())
        for i, line in enumerate(lines):
            if line.element in inside:
                return i
    target = normalize(title)
    if len(target) < 2:
        return None
    short = [(i, line) for i, line in enumerate(lines) if len(line.text) <= 2 * len(title or "") + 10]
    normed = [(i, normalize(line.text)) for i, line in short if target[0] in line.text.casefold()]
    candidates = [i for i, norm in normed if norm == target] or [i for i, norm in normed if target in norm]
    for i in candidates:
        if not lines[i].boilerplate:
            return i
    return candidates[0] if candidates else None


def _usable(line: Line) -> bool:
    return not line.boilerplate and len(line.text) <= MAX_INFO_CHARS


def _prose(line: Line) -> bool:
    text = line.text
    return len(text) > MAX_INFO_CHARS or (len(text) > 60 and ("。" in text or text.endswith((".", "!", "?"))))


def _head_zones(lines: list[Line], anchors: Anchors) -> tuple[list[Line], list[Line]]:
    """(the usable lines below the title up to the first paragraph of prose, those above it), both in
    page order."""
    if anchors.title is not None:
        below: list[Line] = []
        for line in lines[anchors.title + 1 : anchors.title + 1 + HEAD_AFTER]:
            if _prose(line):
                break
            below.append(line)
        above = lines[max(0, anchors.title - HEAD_BEFORE) : anchors.title]
    elif anchors.body_start is not None:
        below, above = [], lines[max(0, anchors.body_start - HEAD_AFTER) : anchors.body_start]
    else:
        return [], []
    return [line for line in below if _usable(line)], [line for line in above if _usable(line)]


def head_lines(lines: list[Line], anchors: Anchors) -> list[Line]:
    """The lines that may hold the info line, nearest to the title first: below it up to the first
    paragraph of prose, then above it (government pages put a 发布日期 table there)."""
    below, above = _head_zones(lines, anchors)
    return [*below, *above[::-1]]


def join_label_lines(texts: list[str]) -> list[str]:
    """A line that is nothing but a label ("Source", "来源：") takes the next line as its value: Drupal's
    inline field labels and two-cell info tables put them on lines of their own."""
    out: list[str] = []
    i = 0
    while i < len(texts):
        text = texts[i]
        if i + 1 < len(texts) and is_bare_label(text):
            out.append(unspaced_label(text) + "：" + texts[i + 1])
            i += 2
            continue
        out.append(text)
        i += 1
    return out


def head_info(lines: list[Line], anchors: Anchors) -> InfoLine:
    """Labelled values of the info line(s) around the title, nearest first. Labels take their values in
    page order (a 索引号 table above the title reads left to right, top down). A line that is mostly a
    link (another article in a list beside the title) holds no info: its date is that article's."""
    below, above = ([line for line in zone if not _link_line(line)] for zone in _head_zones(lines, anchors))
    info = InfoLine()
    for text in (
        *join_label_lines([line.text for line in below]),
        *join_label_lines([line.text for line in above])[::-1],
    ):
        info = info.merged(_line_date_promoted(parse_info_line(text)))
    # labels and values split across lines ("来源：" then "人民网" on the next line)
    joined = parse_info_line("\n".join(line.text for line in (*above, *below)))
    return info.merged(_without_unlabelled(joined))


def _line_date_promoted(info: InfoLine) -> InfoLine:
    """A date standing unlabelled in a line that has other labels ("2021年1月5日　来源：X") is that info
    line's date: as good as a 时间/日期 label."""
    from dataclasses import replace

    if info.unlabelled_date is None or not info.label_count or info.published_weak is not None:
        return info
    return replace(info, published_weak=info.unlabelled_date, unlabelled_date=None)


def _without_unlabelled(info: InfoLine) -> InfoLine:
    from dataclasses import replace

    return replace(info, unlabelled_date=None)


def tail_info(lines: list[Line], anchors: Anchors) -> InfoLine:
    """Source, author and editor stated right after the body (dates there are not trusted)."""
    if anchors.body_end is None:
        return InfoLine()
    info = InfoLine()
    texts = []
    for line in lines[anchors.body_end : anchors.body_end + 1 + TAIL_AFTER]:
        if line.boilerplate:
            break
        if len(line.text) <= MAX_INFO_CHARS:
            texts.append(line.text)
    for text in join_label_lines(texts):
        info = info.merged(parse_info_line(text))
    return InfoLine(
        source=info.source,
        author=info.author,
        editor=info.editor,
        organisation=info.organisation,
        reviewed=info.reviewed,
        labels=info.labels,
        chinese=info.chinese,
    )


def _link_line(line: Line) -> bool:
    """A dated line without labels whose text is mostly inside links (an item of a list of articles)."""
    from .dates import has_date

    if not any(c.isdigit() for c in line.text) or not has_date(line.text):
        return False
    if parse_info_line(line.text).label_count:
        return False
    links = sum(len(a.text_content().strip()) for a in line.element.iter("a"))
    return links > 0.5 * len(line.text)


_DAY = re.compile(r"^(0?[1-9]|[12]\d|3[01])(?:日)?$")
_YEAR_MONTH = re.compile(r"^((?:19|20)\d\d)\s*(?:年|[-/.])\s*(0?[1-9]|1[0-2])\s*月?$")


def split_date(lines: list[Line], anchors: Anchors) -> dt.date | None:
    """A date shown in two blocks by the title: a large day number beside its year and month
    ("15" / "2024年02月"), in either order."""
    zone = head_lines(lines, anchors)
    if anchors.title is not None:  # the two blocks are neighbours on the page, so read them in page order
        zone = lines[max(0, anchors.title - HEAD_BEFORE) : anchors.title + 1 + HEAD_AFTER]
    texts = [line.text for line in zone if not line.boilerplate]
    for a, b in pairwise(texts):
        for day_text, ym_text in ((a, b), (b, a)):
            day, ym = _DAY.match(day_text), _YEAR_MONTH.match(ym_text)
            if day and ym:
                try:
                    return dt.date(int(ym.group(1)), int(ym.group(2)), int(day.group(1)))
                except ValueError:
                    continue
    return None


def body_info(paragraphs: tuple[str, ...]) -> InfoLine:
    """Source, author and editor from short labelled paragraphs anywhere in the body ("来源：X 编辑：Y"):
    used when neither the info line nor the lines after the body state them (pages where the extracted
    body runs past the article's end)."""
    info = InfoLine()
    for para in paragraphs:
        if len(para) <= 50 and ("：" in para or ":" in para):
            found = parse_info_line(para)
            if found.label_count:
                info = info.merged(found)
    return InfoLine(source=info.source, author=info.author, editor=info.editor, labels=info.labels)


def body_bylines(paragraphs: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(author, editor) stated inside the body: reporter credits at its start, name credits at its end."""
    author = editor = None
    for para in paragraphs[:4]:
        m = _REPORTER_IN_PARENS.search(para[:200]) or _REPORTER_AT_START.match(para[:80])
        if m and (names := clean_people(m.group(1), surname=m.re is _REPORTER_AT_START)):
            author = names
            break
    if author is None:  # a paragraph that is nothing but a reporter credit: "□ 本报记者 葛灵丹"
        for para in paragraphs:
            if (
                len(para) <= 30
                and (m := _REPORTER_AT_START.match(para))
                and (names := clean_people(m.group(1), surname=True))
                and len(normalize(m.group(1))) <= len(normalize(names)) + 4
            ):
                author = names
                break
    if author is None:  # "…全文最后一句。（总台记者 张倩）" closing a paragraph
        for para in paragraphs:
            m = _REPORTER_IN_PARENS.search(para[-60:])
            if m and m.end() >= len(para[-60:]) - 1 and (names := clean_people(m.group(1))):
                author = names
                break
    for para in reversed(paragraphs[-3:]):
        if author is None and (m := _REPORTER_IN_PARENS.search(para)) and m.end() >= len(para) - 2:
            author = clean_people(m.group(1))
        if author is None and (m := _NAMES_AT_END.search(para)):
            names = clean_people(m.group(1))
            if names and all(looks_like_person(n) for n in names.split("、")):
                author = names
        if len(para) <= 80:
            info = parse_info_line(para)
            author = author or info.author
            editor = editor or info.editor
            if author is None and not info.labels and (m := _REPORTER_AT_START.match(para)):
                author = clean_people(m.group(1), surname=True)
    return author, editor


def name_line_author(lines: list[Line], anchors: Anchors, paragraphs: tuple[str, ...]) -> str | None:
    """A line holding nothing but personal names right under the title (papers, essays): its names."""
    candidates: list[str] = []
    if anchors.title is not None:
        for line in lines[anchors.title + 1 : anchors.title + 3]:
            if not line.boilerplate:
                candidates.append(line.text)
                break
    candidates.extend(paragraphs[:1])
    for text in candidates:
        if len(text) > 24:
            continue
        tokens = [t for t in re.split(r"[\s、，,]+", text.strip()) if t]
        if 1 <= len(tokens) <= 5 and all(looks_like_person(t, strict=True) for t in tokens):
            return "、".join(tokens)
    return None


# Forum and blog post footers: "本贴由 大卫 于2005年8月12日16:12:21在〖版面〗发表",
# "由海姑娘张贴 @ 2005-06-11"
_POST_FOOTER = re.compile(
    r"由\s*([^\s于@]{1,20})\s*(?:于|@)\s*(.{6,24}?)\s*(?:在.{0,30}?)?(?:发表|张贴|发布|发帖)"
)


def labelled_date_anywhere(lines: list[Line]) -> InfoLine:
    """The first line outside page chrome with a strong publish label (发布日期/发布时间/Published ...) or a
    post footer ("由 X 于 DATE 发表"): for pages where no info line sits by the title."""
    from .dates import parse_date_text

    for line in lines:
        text = line.text
        if not _usable(line) or not ("发" in text or "ublish" in text or "osted" in text or "张贴" in text):
            continue
        info = parse_info_line(text)
        if info.published is not None:
            return info
        if (m := _POST_FOOTER.search(text)) and (date := parse_date_text(m.group(2))) is not None:
            return InfoLine(published=date, author=clean_people(m.group(1), free=True))
    return InfoLine()
