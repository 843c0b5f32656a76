"""The CLI's own behaviour: usage errors exit 2 with a message, bad config exits 1 naming site and key."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsarchive.crawler.cli import main

from .conftest import ROOT, query, run_cli, write_sites


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("crawl", "extract", "probe", "reextract", "export-warc", "serve", "status", "sites", "demo"):
        assert name in result.output


def test_crawl_usage_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["crawl", "--sites", str(ROOT / "sites.toml")])
    assert result.exit_code == 2 and "name the sites to crawl, or --all" in result.output
    result = runner.invoke(main, ["crawl", "nope", "--sites", str(ROOT / "sites.toml")])
    assert result.exit_code == 2 and "no site 'nope'" in result.output
    result = runner.invoke(main, ["crawl", "--start-url", "http://127.0.0.1:9/x"])
    assert result.exit_code == 2 and "--name" in result.output
    result = runner.invoke(main, ["crawl", "-s", "oops", "--all", "--sites", str(ROOT / "sites.toml")])
    assert result.exit_code == 2


def test_bad_sites_file_stops_with_site_and_key(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text("[sites.mine]\nstart_urls = ['http://x.org/']\nmax_page = 3\n", encoding="utf-8")
    proc = run_cli("crawl", "--all", sites=sites, db=tmp_path / "a.db")
    assert proc.returncode == 2  # a configuration error, as README and cron promise
    assert "site 'mine': unknown key 'max_page' (did you mean 'max_pages'?)" in proc.stderr
    assert not (tmp_path / "a.db").exists()


def test_extract_prints_json_and_errors_per_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Institute visit - Test</title></head><body><h1>Institute visit</h1>"
        "<p>发布时间：2024-05-06 来源：测试研究所</p>"
        + "<p>The delegation visited the labs. </p>" * 20
        + "</body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(page), "--url", "http://x.org/a/t1.html"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["published"].startswith("2024-05-06") and record["source"] == "测试研究所"
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        json.dumps({"path": str(page), "url": "http://x.org/a", "id": "ok"})
        + "\n"
        + json.dumps({"path": str(tmp_path / "missing.html"), "id": "missing"})
        + "\n"
        + "not json\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", "--manifest", str(manifest)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line.get("id") for line in lines[:2]] == ["ok", "missing"]
    assert "error" not in lines[0] and "error" in lines[1] and "error" in lines[2]
    for key in ("id", "url", "title", "published", "source", "author", "language", "text"):
        assert key in lines[0]


def test_sites_command_checks_the_file(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "s.toml", {"a": {"start_urls": ["http://x.org/n/"]}})
    result = CliRunner().invoke(main, ["sites", "--sites", str(sites), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)[0]["name"] == "a"


def test_probe_command_on_served_listings() -> None:
    """`newsarchive probe` over real HTTP: a JS-only TRS pager is followed, a 412 challenge exits 1."""
    from newsarchive.sitekit.multicms import ground_truth, make_app
    from newsarchive.sitekit.server import LoopbackServer

    truth = ground_truth()
    with LoopbackServer(make_app()) as server:
        ok = run_cli("probe", server.base_url + truth["trs-old"].start, "--json")
        assert ok.returncode == 0, ok.stderr
        data = json.loads(ok.stdout)
        assert data["cms"] == "trs" and data["next_pages"] and data["articles"]
        assert {"cms", "articles", "next_pages", "feeds", "sitemaps", "encoding", "warnings"} <= set(data)
        text = run_cli("probe", server.base_url + truth["trs-old"].start, "--name", "mytrs")
        assert "[sites.mytrs]" in text.stdout and "next page:" in text.stdout
        blocked = run_cli("probe", server.base_url + truth["neg-412"].start)
        assert blocked.returncode == 1 and "BLOCKED" in blocked.stdout


def test_probe_needs_a_user_agent_for_real_sites() -> None:
    result = CliRunner().invoke(
        main, ["probe", "http://www.example.invalid/news/"], env={"NEWSARCHIVE_USER_AGENT": ""}
    )
    assert result.exit_code == 2 and "user-agent" in result.output.lower()


def test_the_installed_script_leaves_a_crawl_complete(tmp_path: Path, demo_server) -> None:
    """The ``newsarchive`` script skips Python's teardown after a crawl: what the crawl printed (to a pipe,
    block-buffered), logged and committed is all there, with the crawl's exit code."""
    import subprocess
    import sys

    from newsarchive.sitekit.demo import demo_sites

    name, table = next(iter(demo_sites(demo_server.base_url).items()))
    sites = write_sites(tmp_path / "sites.toml", {name: {**table, "delay": 0}})
    log = tmp_path / "crawl.log"
    script = Path(sys.executable).with_name("newsarchive")
    args = [
        "crawl",
        name,
        "--json",
        "--db",
        str(tmp_path / "a.db"),
        "--sites",
        str(sites),
        "--log-file",
        str(log),
    ]
    settings = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]
    proc = subprocess.run(
        [str(script), *args, *settings],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    [outcome] = json.loads(proc.stdout)
    assert outcome["status"] == "ok" and outcome["counts"]["new"] > 0
    assert "Spider closed (finished)" in log.read_text(encoding="utf-8").splitlines()[-1]
    [(archived,)] = query(tmp_path / "a.db", "select count(*) from articles")
    assert archived == outcome["counts"]["new"]
