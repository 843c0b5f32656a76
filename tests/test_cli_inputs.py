"""Bad input to every command: one clear error line, no traceback, the documented exit code.

The sweep runs the real ``newsarchive`` command in a subprocess (conftest.run_cli) for each bad value of each
option: empty, missing file, folder, wrong type, non-UTF-8, huge, negative, non-finite. Exit codes as the
README documents them: 2 when the command refuses its input before doing anything (bad option, bad sites file
or setting, a --db that is no archive, a missing output folder, an unknown site), 1 for failures at run time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from newsarchive.storage import Store

from .conftest import ROOT, run_cli, write_sites
from .test_store_helpers import article, now

DEAD = "http://127.0.0.1:9/news/"  # the discard port: nothing listens, a crawl that got this far fails fast


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of file the sweep hands to the commands, made once."""
    d = tmp_path_factory.mktemp("inputs")
    good = d / "good.db"
    with Store(good) as store:
        for n, site in enumerate(["cas", "most"]):
            store.save_article(
                *article(
                    f"https://{site}.example.cn/{n}.html",
                    f"标题 {site}",
                    "正文第一段。\n第二段。",
                    published=dt.date(2026, 1, 5),
                    fetched_at=now(-n),
                ),
                site=site,
                run_id=None,
            )
    (d / "notdb.db").write_bytes(b"this is a text file, not SQLite\n" * 20)
    (d / "empty.db").write_bytes(b"")
    (d / "folder.db").mkdir()
    foreign = sqlite3.connect(d / "foreign.db")
    foreign.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    foreign.commit()
    foreign.close()
    (d / "page.html").write_text("<html><body><h1>T</h1>" + "<p>Text.</p>" * 20 + "</body></html>")
    sites = {"dead": {"start_urls": [DEAD], "delay": 0}}
    write_sites(d / "sites.toml", sites)
    for name, extra in {
        "inf": "delay = inf",
        "huge": "delay = 1e308",
        "nan": "delay = nan",
        "hour": "delay = 7200",
        "crowd": "concurrency = 1000",
        "typo": "max_page = 3",
    }.items():
        (d / f"{name}.toml").write_text(f'[sites.dead]\nstart_urls = ["{DEAD}"]\n{extra}\n')
    (d / "latin1.toml").write_bytes(b'[sites.caf\xe9]\nstart_urls = ["' + DEAD.encode() + b'"]\n')
    (d / "broken.toml").write_text("[sites.dead\nstart_urls = 1\n")
    return {p.stem: p for p in d.iterdir() if p.suffix in (".db", ".toml", ".html")} | {"dir": d}


# (id, arguments, exit code, text the error line must hold). {name} is the file of the fixture above with
# that stem; {dir} its folder. Crawls read sites.toml (one site on a dead port) unless they name another.
SWEEP: list[tuple[str, list[str], int, str]] = [
    # -s values of settings whose type we know: refused before Scrapy starts
    ("set-float-abc", ["crawl", "dead", "-s", "DOWNLOAD_DELAY=abc"], 2, "DOWNLOAD_DELAY"),
    ("set-float-inf", ["crawl", "dead", "-s", "DOWNLOAD_DELAY=inf"], 2, "DOWNLOAD_DELAY"),
    ("set-float-huge", ["crawl", "dead", "-s", "DOWNLOAD_DELAY=1e308"], 2, "DOWNLOAD_DELAY"),
    ("set-int-float", ["crawl", "dead", "-s", "CONCURRENT_REQUESTS=2.5"], 2, "CONCURRENT_REQUESTS"),
    ("set-int-crowd", ["crawl", "dead", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1000"], 2, "PER_DOMAIN"),
    ("set-bool", ["crawl", "dead", "-s", "ROBOTSTXT_OBEY=maybe"], 2, "ROBOTSTXT_OBEY"),
    ("set-dict", ["crawl", "dead", "-s", "ITEM_PIPELINES=garbage"], 2, "ITEM_PIPELINES"),
    ("set-ours-negative", ["crawl", "dead", "-s", "NEWSARCHIVE_FULL_CRAWL_DAYS=-3"], 2, "FULL_CRAWL_DAYS"),
    ("set-no-equals", ["crawl", "dead", "-s", "DOWNLOAD_DELAY"], 2, "KEY=VALUE"),
    ("probe-set", ["probe", DEAD, "-s", "DOWNLOAD_TIMEOUT=abc"], 2, "DOWNLOAD_TIMEOUT"),
    # --db that is no archive (a text file, a folder, another program's database, empty, missing)
    ("crawl-db-text", ["crawl", "dead", "--db", "{notdb}"], 2, "not an SQLite archive"),
    ("crawl-db-folder", ["crawl", "dead", "--db", "{folder}"], 2, "not an SQLite archive"),
    ("crawl-db-foreign", ["crawl", "dead", "--db", "{foreign}"], 2, "not an SQLite archive"),
    ("status-db-empty-file", ["status", "--db", "{empty}"], 2, "not an SQLite archive"),
    ("status-db-missing", ["status", "--db", "{dir}/none.db"], 2, "no archive here yet"),
    ("reextract-db-folder", ["reextract", "--db", "{folder}"], 2, "not an SQLite archive"),
    ("warc-db-text", ["export-warc", "{dir}/o.warc.gz", "--db", "{notdb}"], 2, "not an SQLite archive"),
    ("export-db-folder", ["export", "--db", "{folder}"], 2, "not an SQLite archive"),
    ("serve-db-text", ["serve", "--db", "{notdb}", "--port", "0"], 2, "not an SQLite archive"),
    # output files in a missing folder, or a folder
    ("warc-out-missing-folder", ["export-warc", "{dir}/missing/o.warc.gz", "--db", "{good}"], 2, "missing"),
    ("warc-out-folder", ["export-warc", "{folder}", "--db", "{good}"], 2, "folder.db"),
    ("export-out-missing-folder", ["export", "-o", "{dir}/missing/o.jsonl", "--db", "{good}"], 2, "missing"),
    ("crawl-log-missing-folder", ["crawl", "dead", "--log-file", "{dir}/missing/c.log"], 2, "missing"),
    # dates, on every command that takes --since/--until
    ("reextract-since", ["reextract", "--since", "garbage", "--db", "{good}"], 2, "--since"),
    ("warc-since", ["export-warc", "{dir}/o.warc.gz", "--since", "garbage", "--db", "{good}"], 2, "--since"),
    ("export-since", ["export", "--since", "garbage", "--db", "{good}"], 2, "--since"),
    ("export-until-empty", ["export", "--until", "", "--db", "{good}"], 2, "--until"),
    # sites the archive (or the sites file) does not hold
    ("reextract-site", ["reextract", "--site", "nope", "--db", "{good}"], 2, "sites: cas, most"),
    (
        "warc-site",
        ["export-warc", "{dir}/o.warc.gz", "--site", "nope", "--db", "{good}"],
        2,
        "sites: cas, most",
    ),
    ("export-site", ["export", "--site", "nope", "--db", "{good}"], 2, "sites: cas, most"),
    ("crawl-site", ["crawl", "nope"], 2, "no site 'nope'"),
    # sites files: every config error exits 2, in every command that reads one
    ("crawl-sites-inf", ["crawl", "--all", "--sites", "{inf}"], 2, "'delay'"),
    ("crawl-sites-nan", ["crawl", "--all", "--sites", "{nan}"], 2, "'delay'"),
    ("crawl-sites-huge", ["crawl", "--all", "--sites", "{huge}"], 2, "'delay'"),
    ("crawl-sites-latin1", ["crawl", "--all", "--sites", "{latin1}"], 2, "UTF-8"),
    ("crawl-sites-folder", ["crawl", "--all", "--sites", "{folder}"], 2, "folder"),
    ("reextract-sites-typo", ["reextract", "--sites", "{typo}", "--db", "{good}"], 2, "max_page"),
    # probe: a URL without http(s)://, bad options
    ("probe-no-scheme", ["probe", "www.x.cn/news"], 2, "http://www.x.cn/news"),
    ("probe-empty", ["probe", ""], 2, "URL"),
    ("probe-ftp", ["probe", "ftp://127.0.0.1/x"], 2, "http"),
    ("probe-timeout-nan", ["probe", DEAD, "--timeout", "nan"], 2, "--timeout"),
    ("probe-charset", ["probe", DEAD, "--charset", "klingon"], 2, "--charset"),
    # extract, numbers, ports, hosts
    ("extract-folder", ["extract", "{folder}"], 2, "is a directory"),
    ("extract-nothing", ["extract"], 2, "--manifest"),
    (
        "status-limit-huge",
        ["status", "--limit", "999999999999999999999999999999", "--db", "{good}"],
        2,
        "--limit",
    ),
    ("serve-port-huge", ["serve", "--db", "{good}", "--port", "70000"], 2, "--port"),
    ("demo-server-stage", ["demo-server", "--stage", "3"], 2, "--stage"),
    ("serve-host", ["serve", "--db", "{good}", "--host", "nohost.invalid"], 2, "--host"),
    (
        "crawl-no-user-agent",
        ["crawl", "--start-url", "http://www.example.invalid/n/", "--name", "x"],
        2,
        "User-Agent",
    ),
]


def _fill(arg: str, files: dict[str, Path]) -> str:
    return arg.format(**{k: str(v) for k, v in files.items()})


def _run(args: list[str], files: dict[str, Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return run_cli(
        *[_fill(a, files) for a in args],
        db=files["dir"] / "archive.db",
        sites=files["sites"],
        cwd=files["dir"],  # nothing lands in the project folder, whatever the command makes of a path
        timeout=120,
        **kwargs,
    )


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


def _untouched(files: dict[str, Path]) -> None:
    """No command wrote into a file that was not an archive, or made one where it refused to."""
    assert files["notdb"].read_bytes().startswith(b"this is a text file")
    assert files["empty"].read_bytes() == b""
    assert list(files["folder"].iterdir()) == []
    conn = sqlite3.connect(files["foreign"])
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
    conn.close()
    for made in ("data", "none.db", "archive.db", "demo.db", "missing", "o.warc.gz"):
        assert not (files["dir"] / made).exists(), made


@pytest.mark.parametrize(("args", "code", "text"), [c[1:] for c in SWEEP], ids=[c[0] for c in SWEEP])
def test_bad_input_gets_one_error_line(files: dict[str, Path], args: list[str], code: int, text: str) -> None:
    proc = _run(args, files)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    errors = _error_lines(proc.stderr)
    assert len(errors) == 1, f"expected one 'Error:' line, got:\n{proc.stderr[-3000:]}"
    assert text in errors[0], errors[0]
    assert proc.returncode == code, proc.stderr[-3000:]
    _untouched(files)


def test_unknown_newsarchive_setting_warns_with_a_suggestion(files: dict[str, Path]) -> None:
    proc = _run(
        ["crawl", "nope", "-s", "NEWSARCHIVE_FULL_CRAWL_DAY=3", "-s", "SOME_EXTENSION_SETTING=1"], files
    )
    assert "NEWSARCHIVE_FULL_CRAWL_DAY" in proc.stderr and "NEWSARCHIVE_FULL_CRAWL_DAYS" in proc.stderr
    assert "SOME_EXTENSION_SETTING" not in proc.stderr  # other unknown keys pass, as in Scrapy
    assert proc.returncode == 2 and "no site 'nope'" in proc.stderr


def test_manifest_reader_goes_past_bad_lines(files: dict[str, Path]) -> None:
    """Non-UTF-8 bytes, non-string path or url, a non-object line: one error line each, the rest extracted."""
    page = str(files["page"])
    manifest = files["dir"] / "cases.jsonl"
    lines = [
        json.dumps({"path": page, "id": "first"}).encode(),
        b'{"path": "caf\xe9.html", "id": "latin1"}',
        json.dumps({"path": 3, "id": "int-path"}).encode(),
        json.dumps({"path": page, "url": ["http://x.org/"], "id": "list-url"}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        b"",
        json.dumps({"path": page, "url": "http://x.org/a.html", "id": "last"}).encode(),
    ]
    manifest.write_bytes(b"\n".join(lines) + b"\n")
    proc = _run(["extract", "--manifest", str(manifest)], files)
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["first", "latin1", "int-path", "list-url", None, "last"]
    assert "error" not in out[0] and "error" not in out[-1] and out[-1]["title"] == "T"
    assert "line 2" in out[1]["error"] and "UTF-8" in out[1]["error"]
    assert "line 3" in out[2]["error"] and "'path'" in out[2]["error"]
    assert "line 4" in out[3]["error"] and "'url'" in out[3]["error"]
    assert "line 5" in out[4]["error"]


@pytest.mark.parametrize("command", [["serve", "--db", "{good}"], ["demo-server"]])
def test_a_taken_port_is_a_failure_with_one_line(files: dict[str, Path], command: list[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _run([*command, "--port", str(port)], files)
    assert "Traceback" not in proc.stderr
    errors = _error_lines(proc.stderr)
    assert len(errors) == 1 and f"127.0.0.1:{port}" in errors[0], proc.stderr
    assert proc.returncode == 1


def _finish(proc: subprocess.Popen[str], timeout: float = 120) -> tuple[str, str]:
    """The output of a process started in its own session; on a hang the whole group is killed."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise AssertionError(f"hung (killed):\n{out}\n{err}") from None


def test_cron_script_exits_2_on_a_config_error(files: dict[str, Path], tmp_path: Path) -> None:
    from .test_cron import SCRIPT, cron_env

    proc = subprocess.Popen(
        [str(SCRIPT)],
        env=cron_env(tmp_path, files["inf"]),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _, stderr = _finish(proc)
    assert proc.returncode == 2, stderr
    log = next((tmp_path / "logs").glob("crawl-*.log")).read_text(encoding="utf-8")
    assert "'delay'" in log and "Traceback" not in log


def _read_until(proc: subprocess.Popen[str], marker: str) -> list[str]:
    """Lines of ``proc``'s output up to the one holding ``marker`` (a hang guard kills a silent process)."""
    guard = threading.Timer(120, proc.kill)
    guard.start()
    lines = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if marker in line:
                return lines
    finally:
        guard.cancel()
    raise AssertionError("demo-server ended before printing " + marker + ":\n" + "\n".join(lines))


def test_demo_server_prints_urls_for_the_port_it_serves_on(tmp_path: Path) -> None:
    """`demo-server --port 0` gets a free port, prints the start URLs and sites.toml tables for that port,
    and serves there."""
    import tomllib
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.crawler.cli", "demo-server", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    try:
        lines = _read_until(proc, "[sites.demo-wp]")
        lines += _read_until(proc, "group = ")
        text = "\n".join(lines)
        urls = [w for w in text.replace('"', " ").split() if w.startswith("http://127.0.0.1:")]
        with urllib.request.urlopen(urls[0], timeout=60) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    hosts = {u.split("/")[2] for u in urls}
    assert len(hosts) == 1 and "127.0.0.1:0" not in hosts, text
    tables = tomllib.loads(text[text.index("[sites.") :])["sites"]
    assert set(tables) >= {"demo-trs", "demo-gdasfs", "demo-drupal", "demo-wp"}
    assert {u.split("/")[2] for t in tables.values() for u in t["start_urls"]} == hosts
    assert "--sites" in text  # and how to crawl them


@pytest.mark.parametrize(("target", "option"), [("demo", "--port 9000"), ("serve", "--port 9000")])
def test_make_passes_port_through(target: str, option: str) -> None:
    proc = subprocess.run(
        ["make", "-n", "-o", "install", target, "PORT=9000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"newsarchive {target} {option}" in proc.stdout


@pytest.mark.parametrize(
    "setting",
    [
        "DOWNLOAD_DELAY=2.5",
        "DOWNLOAD_DELAY=0",
        "DOWNLOAD_TIMEOUT=0.5",
        "CLOSESPIDER_TIMEOUT=1.5",
        "CONCURRENT_REQUESTS=32",
        "ROBOTSTXT_OBEY=False",
        "AUTOTHROTTLE_ENABLED=0",
        'ITEM_PIPELINES={"newsarchive.crawler.pipelines.StorePipeline": 300}',
        "LOG_LEVEL=warning",
        "NEWSARCHIVE_RECHECK_YOUNG_DAYS=0.5",
        "NEWSARCHIVE_DB=",
        "SOME_EXTENSION_SETTING=anything",
    ],
)
def test_good_settings_pass_and_scrapy_reads_them(setting: str) -> None:
    """What the check lets through, Scrapy's typed getters read (the check is no stricter than needed)."""
    from newsarchive.crawler.crawl import crawl_settings
    from newsarchive.crawler.settings_check import check_overrides, check_settings

    key, _, value = setting.partition("=")
    check_overrides([(key, value)])
    check_settings(crawl_settings(overrides={key: value}))


def test_a_new_archive_may_be_made_in_an_empty_file_but_not_read_from_one(tmp_path: Path) -> None:
    from newsarchive.storage.archive_file import ArchiveFileError, check_archive_file

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    check_archive_file(empty, create=True)
    check_archive_file(tmp_path / "sub" / "new.db", create=True)
    with pytest.raises(ArchiveFileError, match="an empty file"):
        check_archive_file(empty)
    with Store(empty):
        pass
    check_archive_file(empty)  # now it is one
