"""Many sites in one crawl: one spider and one engine, each site with its own run, outcome and politeness;
sites wait their turn beyond NEWSARCHIVE_ACTIVE_SITES. Real crawls of three loopback sites."""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import ExitStack
from pathlib import Path

from newsarchive.sitekit.server import LoopbackServer

from .conftest import crawl_json, run_cli, write_sites
from .statefulsite import StatefulSite, make_app


def test_sites_take_turns_and_keep_their_own_runs(tmp_path: Path) -> None:
    sizes = {"one": 12, "two": 25, "three": 7}
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(LoopbackServer(make_app(StatefulSite.with_articles(n))))
            for name, n in sizes.items()
        }
        tables = {name: {"start_urls": [s.base_url + "/s/news/"]} for name, s in servers.items()}
        tables["two"]["concurrency"] = 1
        sites = write_sites(tmp_path / "sites.toml", tables)
        db = tmp_path / "a.db"
        proc = run_cli(
            "crawl", "--all", "--json", db=db, sites=sites, settings={"NEWSARCHIVE_ACTIVE_SITES": "1"}
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        outcomes = {o["site"]: o for o in crawl_json(proc)}
        assert {name: o["counts"]["new"] for name, o in outcomes.items()} == sizes
        assert all(o["status"] == "ok" for o in outcomes.values())
        assert len({o["run_id"] for o in outcomes.values()}) == 3
        for name, server in servers.items():  # each site's requests went to its own server only
            assert len([r for r in server.requests if r.path.endswith(".html")]) == sizes[name]
        spans = [(min(r.at for r in s.requests), max(r.at for r in s.requests)) for s in servers.values()]
        for before, after in itertools.pairwise(spans):  # one site at a time: the next after the last answer
            assert after[0] >= before[1]
    with sqlite3.connect(db) as conn:
        runs = conn.execute("select site from crawl_runs order by id").fetchall()
    assert [r[0] for r in runs] == list(sizes)
