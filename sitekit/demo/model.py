"""The demo content model: articles as the sites publish them at stage 1 and a week later at stage 2.

Part of the offline demo (``sitekit/demo``): compose (text) -> content (sites, dates, URLs) -> this model ->
build (HTML bytes, through ``sitekit.cms``) and truth (what a reader sees). The records an article and a
column are made of live in ``sitekit.model``; this module adds the stages. Everything is derived from
seeded RNGs and fixed times, never the clock, so every run serves the same bytes.

Stage 2 = stage 1 plus new articles at the top of every listing, about 10 % of the old articles edited
(``Site.changes`` names the fields), and some unedited pages regenerated with a different related-news box
and visitor counter (``Site.noise``): template noise that an archive must not take for an edit.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from newsarchive.sitekit.model import CST, Article, Column

STAGE1_AT = dt.datetime(2024, 6, 14, 18, 0, tzinfo=CST)  # the sites as first crawled
STAGE2_AT = dt.datetime(2024, 6, 21, 18, 0, tzinfo=CST)  # the same sites a week later
STAGES = (1, 2)


@dataclass(frozen=True, slots=True)
class Draft:
    """An article's words, before it has a place on a site."""

    kind: str
    title: str
    paragraphs: tuple[str, ...]
    source: str
    author: str | None = None
    editor: str | None = None
    captions: tuple[str, ...] = ()
    attachments: tuple[tuple[str, str], ...] = ()  # (link text, kind)
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    name: str  # "trs", "gdasfs", "drupal"
    prefix: str  # "/trs"
    language: str
    columns: tuple[Column, ...]
    stage1: tuple[Article, ...]
    stage2: tuple[Article, ...]
    changes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> fields edited at stage 2
    noise: frozenset[str] = frozenset()  # paths regenerated at stage 2 without an edit
    new: frozenset[str] = frozenset()  # paths first published at stage 2

    def articles(self, stage: int) -> tuple[Article, ...]:
        return self.stage1 if stage == 1 else self.stage2

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def listing(self, stage: int, column: str) -> list[Article]:
        """A column's articles as its listing shows them: newest first."""
        items = [a for a in self.articles(stage) if a.column == column]
        return sorted(items, key=lambda a: (a.published, a.uid), reverse=True)

    def regenerated(self, article: Article, stage: int) -> bool:
        """True when the page file was (re)written at stage 2, so its template shows stage-2 state."""
        return stage == 2 and (
            article.path in self.changes or article.path in self.noise or article.path in self.new
        )

    def snapshot(self, article: Article, stage: int) -> int:
        """The stage whose state the page's template shows (the related box, latest news, prev/next links)."""
        return 2 if self.regenerated(article, stage) else 1

    def related(self, article: Article, stage: int, count: int = 5) -> list[Article]:
        """The related-news box: neighbours in the column as of the moment the page file was written."""
        snapshot = self.snapshot(article, stage)
        listing = self.listing(snapshot, article.column)
        items = [a for a in listing if a.path != article.path]
        if snapshot == 2 and article.path in self.noise | self.new:
            return items[:count]  # regenerated templates show the column's latest news
        index = next((i for i, a in enumerate(listing) if a.path == article.path), 0)
        start = max(0, min(index - 2, len(items) - count))
        return items[start : start + count]

    def latest(self, article: Article, stage: int, count: int = 6) -> list[Article]:
        """A "latest news" side box as of the moment the page file was written."""
        return [
            a for a in self.listing(self.snapshot(article, stage), article.column) if a.path != article.path
        ][:count]

    def neighbours(self, article: Article, stage: int) -> tuple[Article | None, Article | None]:
        """(newer, older) articles of the column, for "previous/next" links."""
        listing = self.listing(self.snapshot(article, stage), article.column)
        index = next(i for i, a in enumerate(listing) if a.path == article.path)
        return (
            listing[index - 1] if index else None,
            listing[index + 1] if index + 1 < len(listing) else None,
        )


@dataclass(frozen=True, slots=True)
class EditBank:
    """Language-specific material for stage-2 edits."""

    typos: tuple[tuple[str, str], ...]  # (right, wrong): stage 1 shows the wrong spelling in the title
    sentences: tuple[str, ...]  # appended to a paragraph
    paragraphs: tuple[str, ...]  # inserted as a new paragraph
    wrong_sources: tuple[str, ...]  # stage 1 shows one of these, stage 2 the right source


EDIT_KINDS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("body",),
    ("source",),
    ("title", "body"),
    ("body",),
    ("body",),
)


def epoch(when: dt.datetime) -> float:
    return when.timestamp()


def spread_back(
    rng: random.Random, count: int, end: dt.datetime, min_days: float, max_days: float
) -> list[dt.datetime]:
    """``count`` office-hour times going back from ``end``, newest first."""
    out, day = [], end.date()
    for i in range(count):
        day -= dt.timedelta(days=0 if i == 0 else max(1, round(rng.uniform(min_days, max_days))))
        out.append(office_time(rng, day))
    return out


def spread_week(rng: random.Random, count: int, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """``count`` distinct office-hour times between two snapshots, newest first."""
    days = (end.date() - start.date()).days
    out = {office_time(rng, start.date() + dt.timedelta(days=1 + i * days // count)) for i in range(count)}
    while len(out) < count:
        out.add(office_time(rng, start.date() + dt.timedelta(days=rng.randint(1, days))))
    return sorted(out, reverse=True)


def office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    minutes = rng.randrange(8 * 60 + 30, 18 * 60, 5)
    return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=CST)


def random_between(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    seconds = int((end - start).total_seconds())
    return start + dt.timedelta(seconds=rng.randrange(3600, seconds - 3600, 60))


def plan_edits(
    rng: random.Random, drafts: list[Draft], share: float, bank: EditBank, offset: int = 0
) -> dict[int, tuple[str, ...]]:
    """Pick about ``share`` of the drafts (by index) for a stage-2 edit and the fields each edit changes.

    Edit kinds rotate through EDIT_KINDS starting at ``offset`` (so several columns share the rotation)."""
    count = max(1, round(len(drafts) * share))
    picked = sorted(rng.sample(range(len(drafts)), count))
    kinds = sorted(
        (EDIT_KINDS[(offset + n) % len(EDIT_KINDS)] for n in range(count)), key=lambda f: "title" not in f
    )
    typo = [i for i in picked if _typo_for(drafts[i].title, bank)]  # titles a typo can be planted in
    free = [i for i in picked if i not in typo]
    plan: dict[int, tuple[str, ...]] = {}
    for fields in kinds:  # title edits first, so they get the titles that can carry a typo
        if "title" in fields and typo:
            index = typo.pop(0)
        else:
            fields = tuple(f for f in fields if f != "title") or ("body",)
            index = free.pop(0) if free else typo.pop(0)
        plan[index] = fields
    return plan


def _typo_for(title: str, bank: EditBank) -> tuple[str, str] | None:
    return next(((right, wrong) for right, wrong in bank.typos if right in title), None)


def edit_pair(
    rng: random.Random, draft: Draft, fields: tuple[str, ...], bank: EditBank
) -> tuple[Draft, Draft]:
    """(stage-1 draft, stage-2 draft) for an article edited in ``fields``: stage 2 is the corrected one."""
    before, after = draft, draft
    if "title" in fields:
        right, wrong = _typo_for(draft.title, bank) or ("", "")
        before = replace(before, title=draft.title.replace(right, wrong, 1))
    if "source" in fields:
        wrong = rng.choice([s for s in bank.wrong_sources if s != draft.source])
        before = replace(before, source=wrong)
    if "body" in fields:
        paragraphs = list(draft.paragraphs)
        if rng.random() < 0.5:
            i = rng.randrange(len(paragraphs))
            paragraphs[i] = (
                paragraphs[i] + (" " if bank.sentences[0].isascii() else "") + rng.choice(bank.sentences)
            )
        else:
            paragraphs.insert(len(paragraphs) - 1, rng.choice(bank.paragraphs))
        after = replace(after, paragraphs=tuple(paragraphs))
    return before, after
