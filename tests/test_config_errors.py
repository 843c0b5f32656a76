"""Configuration errors exit 2 everywhere (README and the cron script promise it), with one line naming the
file or setting, and nothing crawled: sites.toml, NEWSARCHIVE_* settings, the notify file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.storage import Store

from .conftest import run_cli, write_sites

BAD_SITES = "[sites.mine]\nstart_urls = ['http://127.0.0.1:9/']\nquiet_days = 0\n"


@pytest.mark.parametrize(
    "args",
    [
        ("crawl", "--all"),
        ("crawl", "mine"),
        ("sites",),
        ("reextract",),
        ("status", "--by-site"),
    ],
)
def test_a_bad_sites_file_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(BAD_SITES, encoding="utf-8")
    db = tmp_path / "a.db"
    if args[0] in ("reextract", "status"):
        Store(db).close()  # these read an archive
    proc = run_cli(*args, sites=sites, db=db)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert f"{sites}: site 'mine': 'quiet_days' must be a number of days above 0" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_enabled_site_is_a_config_error(tmp_path: Path) -> None:
    sites = write_sites(
        tmp_path / "sites.toml", {"off": {"start_urls": ["http://127.0.0.1:9/"], "enabled": False}}
    )
    proc = run_cli("crawl", "--all", sites=sites, db=tmp_path / "a.db")
    assert proc.returncode == 2 and "no enabled site" in proc.stderr


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "NEWSARCHIVE_FULL_CRAWL_DAYS=abc",
            "setting NEWSARCHIVE_FULL_CRAWL_DAYS: 'abc' is not a number >= 0",
        ),
        ("NEWSARCHIVE_RECHECK_OLD_DAYS=inf", "'inf' is not a number >= 0"),
        (
            "NEWSARCHIVE_EXTRACT_WORKERS=1.5",
            "NEWSARCHIVE_EXTRACT_WORKERS must be 'auto' or a number, got '1.5'",
        ),
        ("NEWSARCHIVE_STOP_AT_KNOWN=maybe", "'maybe' is not true or false"),
    ],
)
def test_a_bad_setting_exits_2_before_crawling(tmp_path: Path, setting: str, message: str) -> None:
    sites = write_sites(tmp_path / "sites.toml", {"x": {"start_urls": ["http://127.0.0.1:9/x/"]}})
    db = tmp_path / "a.db"
    proc = run_cli("crawl", "x", "-s", setting, sites=sites, db=db)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not db.exists()


def test_good_fractional_days_are_accepted(tmp_path: Path) -> None:
    """NEWSARCHIVE_FULL_CRAWL_DAYS is read as a number: 0.5 days is fine (the site itself is down: exit 1)."""
    sites = write_sites(tmp_path / "sites.toml", {"x": {"start_urls": ["http://127.0.0.1:9/x/"]}})
    proc = run_cli(
        "crawl",
        "x",
        "-s",
        "NEWSARCHIVE_FULL_CRAWL_DAYS=0.5",
        sites=sites,
        db=tmp_path / "a.db",
        settings={"RETRY_TIMES": "0"},
    )
    assert proc.returncode == 1 and "newsarchive crawl: x: failed" in proc.stderr
