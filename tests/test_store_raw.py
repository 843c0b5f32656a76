"""The raw archive: zstd bodies stored once, read back byte for byte; per-site dictionaries adopted only when
they pay off, and pages compressed before adoption re-encoded without changing a byte."""

from __future__ import annotations

import random
from pathlib import Path

from newsarchive.storage import Store
from newsarchive.storage.hashing import sha256_hex
from tests.test_store_helpers import html_page, page, record


def _words(rnd: random.Random, n: int) -> str:
    return "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(n))


# the site's template: the same on every page, but not repetitive within a page (as real menus are not)
_SITE = random.Random(0)
_MENU = "".join(
    f'<li><a href="/{_SITE.randint(0, 10**6)}/" title="{_words(_SITE, 8)}">{_words(_SITE, 6)}</a></li>'
    for _ in range(150)
)


def _boilerplate_page(i: int) -> bytes:
    rnd = random.Random(i)
    text = "\n".join(_words(rnd, 60) for _ in range(4))
    return html_page(f"标题{i}", text, noise=f"<ul>{_MENU}</ul>")


def test_bodies_are_stored_once_compressed_and_read_back_exactly(tmp_path: Path) -> None:
    with Store(tmp_path / "raw.db") as store:
        body = _boilerplate_page(1)
        for _ in range(3):
            store.save_page(page("https://www.example.cn/", body), site="cas", run_id=None, kind="listing")
        row = store.db.execute("select sha256, size, stored_size, compression from raw_pages").fetchall()
        assert len(row) == 1
        sha, size, stored, compression = row[0]
        assert (sha, size, compression) == (sha256_hex(body), len(body), "zstd")
        assert stored < size * 0.6
        assert store.raw_body(sha) == body
        assert store.db.execute("select count(*) from fetches").fetchone()[0] == 3
        binary = bytes(range(256)) * 10
        sha2 = store.save_page(
            page("https://www.example.cn/a.pdf", binary, headers=(("Content-Type", "application/pdf"),)),
            site="cas",
            run_id=None,
            kind="document",
        )
        assert store.raw_body(sha2) == binary


def test_a_site_dictionary_is_adopted_when_it_pays_off(tmp_path: Path) -> None:
    path = tmp_path / "dict.db"
    bodies = [_boilerplate_page(i) for i in range(40)]
    with Store(path) as store:
        store.raw.train_after = 24
        for i, body in enumerate(bodies):
            url = f"https://www.example.cn/a/{i}.html"
            store.save_article(
                page(url, body), record(url, f"标题{i}", f"正文{i}" * 30), site="cas", run_id=None
            )
        trial = store.db.execute("select adopted, gain, trained_on, test_pages from zstd_dicts").fetchall()
        assert len(trial) == 1
        adopted, gain, trained_on, test_pages = trial[0]
        assert adopted == 1 and gain >= 1.25 and trained_on == 18 and test_pages == 6
        modes = dict(store.db.execute("select compression, count(*) from raw_pages group by 1").fetchall())
        assert modes == {"zstd-dict": 40}  # earlier pages re-encoded, later ones written with it
    with Store(path) as reopened:  # a fresh process reads everything back through the stored dictionary
        for body in bodies:
            assert reopened.raw_body(sha256_hex(body)) == body
        other = page("https://other.example.org/", _boilerplate_page(99))
        sha = reopened.save_page(other, site="other", run_id=None, kind="listing")
        assert (
            reopened.db.execute("select compression from raw_pages where sha256 = ?", [sha]).fetchone()[0]
            == "zstd"
        )


def _save_noise_pages(store: Store, count: int, size: int) -> None:
    """``count`` HTML pages of random bytes (nothing shared) for site ``noise``."""
    for i in range(count):
        rnd = random.Random(i)
        body = bytes(rnd.getrandbits(8) for _ in range(size))
        store.save_page(
            page(f"https://x.example.cn/{i}", body, headers=(("Content-Type", "text/html"),)),
            site="noise",
            run_id=None,
            kind="listing",
        )


def test_no_dictionary_when_pages_share_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "nodict.db") as store:
        store.raw.train_after = 24
        _save_noise_pages(store, 30, 3000)
        assert store.db.execute("select adopted from zstd_dicts").fetchall() in ([(0,)], [])
        assert (
            store.db.execute("select count(*) from raw_pages where compression = 'zstd'").fetchone()[0] == 30
        )


def test_later_trials_read_a_bounded_sample_of_the_newest_pages(tmp_path: Path) -> None:
    """A site where no dictionary pays off is tried again at 2x, 4x, 8x the pages, but each trial reads at
    most ``train_sample_max`` pages, so a trial inside a crawl costs the same on a site of any size."""
    with Store(tmp_path / "bounded.db") as store:
        store.raw.train_after, store.raw.train_sample_max = 8, 16
        _save_noise_pages(store, 70, 2000)
        trials = store.db.execute(
            "select trained_on, test_pages, adopted from zstd_dicts order by id"
        ).fetchall()
        assert len(trials) == 4  # after 8, 16, 32 and 64 pages
        assert [t[0] for t in trials] == [6, 12, 12, 12]
        assert all(trained_on + test <= 16 for trained_on, test, _ in trials if test)
        assert not any(adopted for *_, adopted in trials)
