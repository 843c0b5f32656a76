"""Politeness defaults and spider arguments: pinned, so loosening them is a visible change."""

from __future__ import annotations

import pytest

from newsarchive.crawler.crawl import crawl_settings
from newsarchive.crawler.sites import is_loopback
from newsarchive.crawler.spiders.news import SpiderArgs, SpiderArgumentError

from .conftest import run_cli, write_sites


def test_politeness_defaults() -> None:
    s = crawl_settings()
    assert s.getbool("ROBOTSTXT_OBEY")
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getfloat("DOWNLOAD_DELAY") >= 1.0
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert 0 < s.getint("DOWNLOAD_TIMEOUT") <= 60
    assert 0 < s.getint("DOWNLOAD_MAXSIZE") <= 50 * 1024 * 1024
    assert 1 <= s.getint("RETRY_TIMES") <= 3
    assert s.getint("REDIRECT_MAX_TIMES") <= 10
    assert s.get("USER_AGENT").startswith("newsarchive/")
    assert not s.getbool("TELNETCONSOLE_ENABLED")
    assert not s.getbool("REMOTE_CONTROL_ENABLED")  # an HTTP server that executes Python code


def test_options_become_settings() -> None:
    s = crawl_settings(
        db="x.db",
        sites_file="s.toml",
        user_agent="me (+mailto:me@example.org)",
        overrides={"DOWNLOAD_DELAY": "3"},
    )
    assert s.get("NEWSARCHIVE_DB") == "x.db"
    assert s.get("NEWSARCHIVE_SITES") == "s.toml"
    assert s.get("USER_AGENT") == "me (+mailto:me@example.org)"
    assert s.getfloat("DOWNLOAD_DELAY") == 3.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "give -a site=NAME"),
        ({"site": "x", "mod": "full"}, "unknown spider argument(s) mod"),
        ({"site": "x", "mode": "everything"}, "argument 'mode' must be one of incremental, full, revalidate"),
        ({"site": "x", "max_pages": "many"}, "argument 'max_pages' must be a positive integer"),
        ({"site": "x", "max_articles": "0"}, "argument 'max_articles' must be a positive integer"),
    ],
)
def test_spider_arguments_are_checked(kwargs: dict, message: str) -> None:
    with pytest.raises(SpiderArgumentError) as excinfo:
        SpiderArgs.parse(kwargs)
    assert message in str(excinfo.value)


def test_spider_arguments_parse() -> None:
    args = SpiderArgs.parse({"site": "x", "mode": "revalidate", "max_pages": "3"})
    assert (args.site, args.mode, args.max_pages, args.max_articles) == ("x", "revalidate", 3, None)


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("www.gdas.gd.cn") and not is_loopback("10.0.0.1")


def test_remote_site_needs_a_user_agent(tmp_path) -> None:
    """Crawling a real host with the placeholder User-Agent stops before any request, saying what to set."""
    sites = write_sites(
        tmp_path / "sites.toml", {"remote": {"start_urls": ["http://www.example.invalid/news/"]}}
    )
    proc = run_cli("crawl", "remote", db=tmp_path / "a.db", sites=sites, timeout=120)
    assert proc.returncode == 2  # a configuration error
    assert "NEWSARCHIVE_USER_AGENT" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "a.db").exists()
