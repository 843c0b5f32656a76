"""Score parse_listing: per-family precision/recall, next-page accuracy and pseudo-links followed.

Runs over the multi-CMS test site (sitekit.multicms, served on a loopback port and fetched over real HTTP)
and over the real saved listing pages (tests/fixtures/listings). Prints one table; exits 1 when any family
falls under the floors (precision and recall >= 0.97, every next page right, no pseudo-link followed).

    .venv/bin/python -m bench.score_listings [--json]   # make score-listings
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsarchive.crawler.extract.listing import parse_listing
from newsarchive.crawler.extract.page import RawPage
from newsarchive.sitekit.multicms import ground_truth, make_app
from newsarchive.sitekit.multicms.client import fetch, score_page
from newsarchive.sitekit.server import LoopbackServer

ROOT = Path(__file__).resolve().parent.parent

FLOOR = 0.97
REAL = ROOT / "tests" / "fixtures" / "listings"


@dataclass(slots=True)
class Row:
    family: str
    pages: int = 0
    hits: int = 0
    false: int = 0
    missed: int = 0
    next_ok: int = 0
    pseudo: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.false) if self.hits + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.hits / (self.hits + self.missed) if self.hits + self.missed else 1.0

    @property
    def passed(self) -> bool:
        return (
            self.precision >= FLOOR
            and self.recall >= FLOOR
            and self.next_ok == self.pages
            and self.pseudo == 0
        )


def score_multicms() -> list[Row]:
    rows = []
    with LoopbackServer(make_app()) as server:
        for family, truth in ground_truth().items():
            row = Row(family)
            for expected in truth.pages:
                if expected.blocked:
                    continue
                page = fetch(server.base_url, expected.request, referer=expected.referer)
                start = time.perf_counter()
                listing = parse_listing(page)
                row.seconds += time.perf_counter() - start
                score = score_page(listing, expected, server.base_url)
                row.pages += 1
                row.hits += score.hits
                row.false += len(score.false_links)
                row.missed += len(score.missed)
                row.next_ok += score.next_ok
                row.pseudo += score.pseudo_followed
            if row.pages:
                rows.append(row)
    return rows


def score_real() -> list[Row]:
    rows = []
    for path in sorted(REAL.glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        page = RawPage(url=meta["url"], body=path.with_suffix(".html").read_bytes())
        start = time.perf_counter()
        listing = parse_listing(page)
        row = Row("real:" + meta["id"].removeprefix("gerapy-"), pages=1, seconds=time.perf_counter() - start)
        want, extra = set(meta["article_urls"]), set(meta["acceptable_extra_urls"])
        got = {link.url for link in listing.links} - extra
        row.hits, row.false, row.missed = len(got & want), len(got - want), len(want - got)
        row.next_ok = int([r.url for r in listing.next_pages] == meta["next_page_urls"])
        row.pseudo = sum(1 for r in listing.next_pages if "#" in r.url or r.url.startswith("javascript"))
        rows.append(row)
    return rows


def main(argv: list[str]) -> int:
    rows = score_multicms() + score_real()
    if "--json" in argv:
        print(
            json.dumps(
                [
                    {
                        "family": r.family,
                        "pages": r.pages,
                        "precision": round(r.precision, 4),
                        "recall": round(r.recall, 4),
                        "next_ok": r.next_ok,
                        "pseudo_followed": r.pseudo,
                        "passed": r.passed,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
    else:
        print(
            f"{'family':<34}{'pages':>6}{'links':>7}{'precision':>11}{'recall':>8}{'next ok':>10}"
            f"{'pseudo':>8}{'ms/page':>9}"
        )
        for r in rows:
            print(
                f"{r.family:<34}{r.pages:>6}{r.hits + r.missed:>7}{r.precision:>11.3f}{r.recall:>8.3f}"
                f"{f'{r.next_ok}/{r.pages}':>10}{r.pseudo:>8}{1000 * r.seconds / r.pages:>9.1f}"
                + ("" if r.passed else "  BELOW FLOOR")
            )
        total = Row(
            "all",
            sum(r.pages for r in rows),
            sum(r.hits for r in rows),
            sum(r.false for r in rows),
            sum(r.missed for r in rows),
            sum(r.next_ok for r in rows),
            sum(r.pseudo for r in rows),
        )
        print(
            f"{'all':<34}{total.pages:>6}{total.hits + total.missed:>7}{total.precision:>11.3f}"
            f"{total.recall:>8.3f}{f'{total.next_ok}/{total.pages}':>10}{total.pseudo:>8}"
        )
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
