"""sites.toml: every shipped site loads; bad files stop with a message naming the file, site and key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from newsarchive.crawler.sites import SiteConfigError, adhoc_site, format_site_table, load_sites, parse_sites

ROOT = Path(__file__).resolve().parent.parent


def test_every_shipped_site_loads() -> None:
    sites = load_sites(ROOT / "sites.toml")
    assert sites, "sites.toml configures no site"
    for site in sites.values():
        assert site.start_urls and all(u.startswith(("http://", "https://")) for u in site.start_urls)
    examples = [s for s in sites.values() if s.group == "examples"]
    assert examples and not any(s.enabled for s in examples), "real-site examples must ship disabled"


def test_shipped_demo_sites_match_the_demo_server() -> None:
    from newsarchive.sitekit.demo import demo_sites

    shipped = {n: s for n, s in load_sites(ROOT / "sites.toml").items() if s.group == "demo"}
    expected = parse_sites({"sites": demo_sites("http://127.0.0.1:8765")})
    assert set(shipped) == set(expected)
    for name, site in expected.items():
        assert shipped[name] == site, f"sites.toml's {name} differs from demo_sites()"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"start_url": ["http://x.org/"]}, "site 'a': unknown key 'start_url' (did you mean 'start_urls'?)"),
        ({"start_urls": ["ftp://x.org/"]}, "site 'a': 'start_urls' item 1: must be an http(s) URL"),
        ({"start_urls": "http://x.org/", "max_pages": 0}, "site 'a': 'max_pages' must be a positive integer"),
        (
            {"start_urls": "http://x.org/", "charset": "klingon"},
            "site 'a': 'charset' is not a known character",
        ),
        ({"start_urls": "http://x.org/", "enabled": "yes"}, "site 'a': 'enabled' must be true or false"),
        ({"start_urls": "http://x.org/", "delay": -1}, "site 'a': 'delay' must be a number >= 0"),
        ({"start_urls": "http://x.org/", "delay": float("inf")}, "site 'a': 'delay' must be a number >= 0"),
        ({"start_urls": "http://x.org/", "delay": float("nan")}, "site 'a': 'delay' must be a number >= 0"),
        (
            {"start_urls": "http://x.org/", "delay": 1e308},
            "site 'a': 'delay' must be a number >= 0 and at most",
        ),
        (
            {"start_urls": "http://x.org/", "delay": 3601},
            "site 'a': 'delay' must be a number >= 0 and at most",
        ),
        ({"start_urls": "http://x.org/", "concurrency": 65}, "site 'a': 'concurrency' must be at most 64"),
        (
            {"start_urls": "http://x.org/", "concurrency": 10**30},
            "site 'a': 'concurrency' must be at most 64",
        ),
        (
            {"start_urls": "http://x.org/", "language": "Chinese"},
            "site 'a': 'language' must be a language code",
        ),
        (
            {"start_urls": "http://x.org/", "selectors": {"titel": "h1"}},
            "site 'a', selectors: unknown key 'titel'",
        ),
        (
            {"start_urls": "http://x.org/", "selectors": {"title": "h1[["}},
            "site 'a': 'selectors.title' not a valid CSS",
        ),
        (
            {"start_urls": "http://x.org/", "selectors": {"body": "//div[@"}},
            "site 'a': 'selectors.body' not a valid XPath",
        ),
        ({"language": "en"}, "site 'a': missing required key 'start_urls'"),
        (
            {"start_urls": "http://x.org/", "timezone": "Asia/Shanghia"},
            "site 'a': 'timezone' is not a known time zone (an IANA name such as 'Asia/Shanghai'): 'Asia/Sh",
        ),
        (
            {"start_urls": "http://x.org/", "timezone": "+08:00"},
            "site 'a': 'timezone' is not a known time zone",
        ),
    ],
)
def test_bad_site_names_site_and_key(table: dict, message: str) -> None:
    with pytest.raises(SiteConfigError) as excinfo:
        parse_sites({"sites": {"a": table}}, source="my-sites.toml")
    assert str(excinfo.value).startswith("my-sites.toml: ")
    assert message in str(excinfo.value)


def test_bad_file_errors(tmp_path: Path) -> None:
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("[sites.a\nstart_urls = 1\n", encoding="utf-8")
    with pytest.raises(SiteConfigError, match=re.escape(str(bad_toml)) + ": not valid TOML"):
        load_sites(bad_toml)
    with pytest.raises(SiteConfigError, match="sites file not found"):
        load_sites(tmp_path / "missing.toml")
    top = tmp_path / "top.toml"
    top.write_text("[site.a]\nstart_urls = ['http://x.org/']\n", encoding="utf-8")
    with pytest.raises(SiteConfigError, match="unknown top-level key 'site'"):
        load_sites(top)


def test_sites_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(format_site_table("x", {"start_urls": ["http://x.org/news/"]}), encoding="utf-8")
    monkeypatch.setenv("NEWSARCHIVE_SITES", str(path))
    assert list(load_sites()) == ["x"]


def test_format_site_table_round_trips() -> None:
    table = {
        "start_urls": ['http://x.org/a "b"'],
        "max_pages": 3,
        "delay": 0.5,
        "enabled": False,
        "selectors": {"title": "h1.title", "body": "//div[@id='c']"},
    }
    parsed = parse_sites(tomllib.loads(format_site_table("x", table)))["x"]
    assert parsed.start_urls == ('http://x.org/a "b"',)
    assert (parsed.max_pages, parsed.delay, parsed.enabled) == (3, 0.5, False)
    assert parsed.rules.body == "//div[@id='c']"


def test_adhoc_site_is_validated_like_a_file_entry() -> None:
    assert adhoc_site("try", "https://x.org/news/").hosts() == ("x.org",)
    with pytest.raises(SiteConfigError, match="--start-url: site 'bad name'"):
        adhoc_site("bad name", "https://x.org/news/")


def test_timezone_is_carried_to_the_extraction_rules() -> None:
    site = parse_sites({"sites": {"a": {"start_urls": "http://x.org/", "timezone": "Europe/Berlin"}}})["a"]
    assert site.rules.timezone == "Europe/Berlin"


def test_every_site_key_is_documented() -> None:
    from newsarchive.crawler.sites import SITE_KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    header = (ROOT / "sites.toml").read_text(encoding="utf-8").split("\n[sites.", 1)[0]
    for key in SITE_KEYS:
        assert f"`{key}" in readme, f"README's list of sites.toml keys misses `{key}`"
        assert f"#   {key} " in header or key == "selectors", f"sites.toml's key list misses {key}"
