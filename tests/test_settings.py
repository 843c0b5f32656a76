"""Politeness defaults and spider arguments: pinned, so loosening them is a visible change."""

from __future__ import annotations

import subprocess
import sys

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


def test_switched_off_extensions_are_not_even_imported() -> None:
    """Telnet and remote control are off, AutoThrottle and LogStats replaced by ours; none of their modules
    is imported (Scrapy imports whatever EXTENSIONS names, even at None; remote control pulls in aiohttp)."""
    code = (
        "import sys\n"
        "from scrapy.utils.conf import build_component_list\n"
        "from newsarchive.crawler.crawl import crawl_settings\n"
        "s = crawl_settings()\n"
        "enabled = build_component_list(s.get_component_priority_dict_with_base('EXTENSIONS'))\n"
        "print(sorted(enabled))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('aiohttp', 'scrapy.extensions.'))))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    enabled, imported = proc.stdout.splitlines()
    assert "newsarchive.crawler.extensions.SiteAutoThrottle" in enabled
    assert "newsarchive.crawler.extensions.Progress" in enabled
    assert "scrapy.extensions.corestats.CoreStats" in enabled  # Scrapy's other defaults stay
    for off in ("telnet", "remote_control", "throttle.AutoThrottle", "logstats"):
        assert f"scrapy.extensions.{off}" not in enabled
    for module in ("aiohttp", "scrapy.extensions.telnet", "scrapy.extensions.remote_control"):
        assert f"'{module}'" not in imported


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
