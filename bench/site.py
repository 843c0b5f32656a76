"""The crawl benchmark's site: a large, deterministic institute website, and the changes made to it.

Data flow: ``bench/serve.py`` builds a ``BenchSite``, ``bench/site_pages.py`` renders it (TRS columns in GBK
with JavaScript-only pagers, a Drupal newsroom with a ``?page=N`` pager) and the server answers requests
from those pages; between crawls ``bench/run.py`` asks the server to ``edit()`` 5 % of the articles and
``publish()`` 20 new ones, and checks the archive against what they return.

The words and URL shapes come from the demo's phrase banks and site specs (``sitekit.demo.compose``,
``sitekit.demo.specs``), the page templates from the site kit's renderers; only the scale, the dates and the
mutations are the benchmark's own. Given the
same article count, seed and end date, every run builds the same articles (the mutations also depend on
the clock, through the publish times of new articles and which articles are young).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsarchive.crawler.settings import NEWSARCHIVE_RECHECK_YOUNG_DAYS
from newsarchive.sitekit.demo.compose import compose_drupal, compose_trs
from newsarchive.sitekit.demo.model import Draft, EditBank, edit_pair, epoch, office_time
from newsarchive.sitekit.demo.specs import DRUPAL, TRS, locate_drupal, locate_trs
from newsarchive.sitekit.model import CST, Article, Column

SPAN_DAYS = 730  # publish dates spread over about two years ...
END_OFFSET_DAYS = 3  # ... ending this many days before today, so the newest articles are young
PER_PAGE = 20  # articles per listing page, newest first
TRS_TIME_SHARE = 0.75  # TRS info lines that show the publish time (the rest show the date only)
TITLE_TRIES = 5  # attempts at a title not used before in the site (the banks repeat themselves at scale)
WRITE_DELAY_MINUTES = (4, 95)  # the page file is written this long after the publish time
VIEWS = (120, 4800)  # the visitor counter printed on a page
EDIT_VIEWS = (20, 400)  # visits between publication and an edit
YOUNG_DAYS = NEWSARCHIVE_RECHECK_YOUNG_DAYS  # the crawler's re-check window for young articles
YOUNG_EDIT_SHARE = 0.1  # share of the edits that hit young articles (corrections come soon after publication)
WINDOW_MARGIN_DAYS = 1.0  # edits avoid articles this close to the window's edge: clock drift cannot move them
NEW_ARTICLE_GAP_MINUTES = 9  # new articles are published this far apart, the last one just before "now"


@dataclass(frozen=True, slots=True)
class Section:
    """One listing of the site: a TRS column or the Drupal newsroom, with its share of the articles."""

    key: str
    family: str  # "trs" | "drupal"
    share: float
    column: Column  # the demo column (name, start path, story kinds, pager and charset options)


def _column(column: Column) -> Column:
    return replace(column, count=0, new=0, per_page=PER_PAGE)


SECTIONS: tuple[Section, ...] = (
    Section("zhxw", "trs", 0.25, _column(TRS.columns[0])),  # <meta charset=gbk>, createPageHTML(n, i, ...)
    Section("kyjz", "trs", 0.20, _column(TRS.columns[1])),  # charset in the header only, inline countPage
    Section("xshd", "trs", 0.15, _column(TRS.columns[2])),  # declares gb2312, page_div pager, .shtml
    Section("news", "drupal", 0.40, _column(DRUPAL.columns[0])),  # Drupal views, ?page=N
)
FAMILIES = {"trs": TRS, "drupal": DRUPAL}


@dataclass(frozen=True, slots=True)
class Edit:
    """An article whose body was changed by ``BenchSite.edit``."""

    path: str
    published: dt.datetime
    young: bool  # published within YOUNG_DAYS of the edit: a default crawl re-checks it


class BenchSite:
    """Every article of the site, current state, with the lists its pages show (``bench/site_pages.py``)."""

    def __init__(
        self, articles: int = 5000, *, seed: str = "newsarchive-bench", end: dt.date | None = None
    ) -> None:
        if articles < len(SECTIONS) * PER_PAGE:
            raise ValueError(f"the benchmark site needs at least {len(SECTIONS) * PER_PAGE} articles")
        self.seed = seed
        self.end = end or dt.date.today() - dt.timedelta(days=END_OFFSET_DAYS)
        self.by_path: dict[str, Article] = {}
        self.changes: dict[str, tuple[str, ...]] = {}  # path -> fields edited
        self.edits: list[Edit] = []
        self.new_paths: list[str] = []
        self._uids = {family: spec.first_id for family, spec in FAMILIES.items()}
        self._titles: set[str] = set()
        self._used_paths: set[str] = set()
        self._lists: dict[str, list[Article]] = {}
        self._family_lists: dict[str, list[Article]] = {}
        self._positions: dict[str, int] = {}
        self._family_positions: dict[str, int] = {}
        self._generate(articles)

    # ------------------------------------------------------------------ what the pages show

    def listing(self, key: str) -> list[Article]:
        """A section's articles as its listing shows them: newest first."""
        return self._lists[key]

    def related(self, article: Article, count: int = 5) -> list[Article]:
        """The related-news box: the column's articles just older than this one (as when the page was
        written, so publishing new articles never changes an old page)."""
        items = self._lists[article.column]
        start = self._positions[article.path] + 1
        return items[start : start + count]

    def older_in_family(self, article: Article, start: int, stop: int, step: int = 1) -> list[Article]:
        """Articles of the same site family older than ``article`` (side boxes: latest news, most read)."""
        items = self._family_lists[article.site]
        here = self._family_positions[article.path]
        return items[here + start : here + stop : step]

    # ------------------------------------------------------------------ reading

    def articles(self) -> Iterator[Article]:
        return iter(self.by_path.values())

    def pages_count(self, key: str) -> int:
        return (len(self._lists[key]) + PER_PAGE - 1) // PER_PAGE

    def is_young(self, article: Article, now: dt.datetime, margin_days: float = 0.0) -> bool:
        return now - article.published <= dt.timedelta(days=YOUNG_DAYS - margin_days)

    # ------------------------------------------------------------------ building

    def _generate(self, count: int) -> None:
        planned: list[tuple[dt.datetime, Section]] = []
        for sec in SECTIONS:
            rng = random.Random(f"{self.seed}/dates/{sec.key}")
            n = max(PER_PAGE, round(count * sec.share))
            days = [self.end] + [self.end - dt.timedelta(days=rng.randrange(SPAN_DAYS)) for _ in range(n - 1)]
            planned += [(office_time(rng, day), sec) for day in days]
        planned = planned[:count] if len(planned) > count else planned
        rngs = {family: random.Random(f"{self.seed}/{family}") for family in FAMILIES}
        for when, sec in sorted(planned, key=lambda p: (p[0], p[1].key)):
            article = self._write(rngs[sec.family], sec, when)
            self.by_path[article.path] = article
        self._reindex()

    def _write(self, rng: random.Random, sec: Section, when: dt.datetime) -> Article:
        spec = FAMILIES[sec.family]
        draft = self._draft(rng, sec, when)
        self._uids[sec.family] += rng.randint(*spec.id_step)
        uid = self._uids[sec.family]
        locate = locate_trs if sec.family == "trs" else locate_drupal
        placed = locate(rng, sec.column, uid, when.date(), draft)
        path = self._unique(placed.path)
        written = when + dt.timedelta(minutes=rng.randint(*WRITE_DELAY_MINUTES))
        return Article(
            site=sec.family,
            column=sec.key,
            uid=uid,
            path=path,
            kind=draft.kind,
            title=draft.title,
            published=when,
            has_time=sec.family == "drupal" or rng.random() < TRS_TIME_SHARE,
            source=draft.source,
            author=draft.author,
            editor=draft.editor,
            language=spec.language,
            paragraphs=draft.paragraphs,
            images=placed.images,
            attachments=placed.attachments,
            changed=written,
            views=rng.randint(*VIEWS),
            last_modified=epoch(written),
        )

    def _draft(self, rng: random.Random, sec: Section, when: dt.datetime) -> Draft:
        draft = None
        for _ in range(TITLE_TRIES):
            kind = rng.choice(sec.column.kinds)
            if sec.family == "trs":
                draft = compose_trs(rng, kind, when, rare_names=bool(sec.column.option("rare")))
            else:
                draft = compose_drupal(rng, kind, when)
            if draft.title not in self._titles:
                break
        assert draft is not None
        self._titles.add(draft.title)
        return draft

    def _unique(self, path: str) -> str:
        """Drupal's pathauto: a second node with the same title slug gets "-0", "-1" ..."""
        candidate, n = path, 0
        while candidate in self._used_paths:
            candidate, n = f"{path}-{n}", n + 1
        self._used_paths.add(candidate)
        return candidate

    def _reindex(self) -> None:
        newest_first = self._newest_first()
        self._lists = {s.key: [a for a in newest_first if a.column == s.key] for s in SECTIONS}
        self._family_lists = {f: [a for a in newest_first if a.site == f] for f in FAMILIES}
        self._positions = {a.path: i for items in self._lists.values() for i, a in enumerate(items)}
        self._family_positions = {
            a.path: i for items in self._family_lists.values() for i, a in enumerate(items)
        }

    # ------------------------------------------------------------------ mutations

    def edit(self, fraction: float = 0.05, *, now: dt.datetime | None = None) -> list[Edit]:
        """Change the body of ``fraction`` of the articles (a sentence added or a paragraph inserted), spread
        across ages: YOUNG_EDIT_SHARE of them young, the rest evenly over the older ones. Returns them."""
        now = now or dt.datetime.now(CST)
        rng = random.Random(f"{self.seed}/edits/{len(self.edits)}")
        count = round(fraction * len(self.by_path))
        pool = [
            a for a in self._newest_first() if a.path not in self.changes and a.path not in self.new_paths
        ]
        young = [a for a in pool if self.is_young(a, now, WINDOW_MARGIN_DAYS)]
        old = [a for a in pool if not self.is_young(a, now, -WINDOW_MARGIN_DAYS)]
        n_young = min(round(count * YOUNG_EDIT_SHARE), len(young) // 2)
        picked = rng.sample(young, n_young) + _spread(old, count - n_young, rng)
        done = []
        for article in picked:
            self.by_path[article.path] = self._edited(rng, article, now)
            self.changes[article.path] = ("body",)
            done.append(Edit(article.path, article.published, self.is_young(article, now)))
        self.edits += done
        self._reindex()
        return done

    def _edited(self, rng: random.Random, article: Article, now: dt.datetime) -> Article:
        draft = Draft(article.kind, article.title, article.paragraphs, article.source, article.author)
        bank: EditBank = FAMILIES[article.site].bank
        _, after = edit_pair(rng, draft, ("body",), bank)
        return replace(
            article,
            paragraphs=after.paragraphs,
            changed=now,
            views=article.views + rng.randint(*EDIT_VIEWS),
            last_modified=epoch(now),
        )

    def publish(self, count: int = 20, *, now: dt.datetime | None = None) -> list[str]:
        """Publish ``count`` new articles at the top of the listings (sections in turn); returns the paths."""
        now = now or dt.datetime.now(CST)
        rng = random.Random(f"{self.seed}/publish/{len(self.new_paths)}")
        rngs = {
            family: random.Random(f"{self.seed}/{family}/new/{len(self.new_paths)}") for family in FAMILIES
        }
        paths = []
        for i in range(count):
            sec = SECTIONS[i % len(SECTIONS)]
            when = now - dt.timedelta(minutes=NEW_ARTICLE_GAP_MINUTES * (count - i) + rng.randint(0, 5))
            article = self._write(rngs[sec.family], sec, when)
            self.by_path[article.path] = replace(article, views=rng.randint(1, VIEWS[0]))
            paths.append(article.path)
        self.new_paths += paths
        self._reindex()
        return paths

    def _newest_first(self) -> list[Article]:
        return sorted(self.by_path.values(), key=lambda a: (a.published, a.uid), reverse=True)


def section(key: str) -> Section:
    for sec in SECTIONS:
        if sec.key == key:
            return sec
    raise KeyError(f"no benchmark section {key!r}")


def _spread(items: list[Article], count: int, rng: random.Random) -> list[Article]:
    """``count`` of ``items`` (sorted by age) at even steps from a random offset: every age is represented."""
    if count <= 0 or not items:
        return []
    step = len(items) / count
    offset = rng.random() * step
    return [items[min(len(items) - 1, int(offset + i * step))] for i in range(min(count, len(items)))]
