"""The WARC export replays in pywb: ``newsarchive export-warc``, pywb's ``wb-manager add``, a real ``wayback``
server on loopback, and the archived pages fetched back through it (exact bytes, pywb's rewritten view)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.crawler.cli import main
from newsarchive.storage import Store
from tests.datasette_server import free_port
from tests.test_store_helpers import page, record

BIN = Path(sys.executable).parent
URL = "https://www.cas.cn/yw/replay.html"
TITLE = "量子信息研究取得重要进展"
BODY = f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>正文。</p></body></html>".encode(
    "gbk"
)


@pytest.fixture(scope="module")
def wayback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("pywb")
    db, warc = root / "a.db", root / "a.warc.gz"
    with Store(db) as store:
        for day in ("2026-11-20T08:00:00Z", "2026-11-21T08:00:00Z"):  # the second is a revisit record
            fetched = page(URL, BODY, headers=(("Content-Type", "text/html; charset=gbk"),), fetched_at=day)
            store.save_article(fetched, record(URL, TITLE, "正文。"), site="cas", run_id=None)
    result = CliRunner().invoke(main, ["export-warc", str(warc), "--db", str(db)])
    assert result.exit_code == 0, result.output
    for args in (["init", "archive"], ["add", "archive", str(warc)]):
        subprocess.run([str(BIN / "wb-manager"), *args], cwd=root, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(
        [str(BIN / "wayback"), "--port", str(port), "--bind", "127.0.0.1"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/archive"
    try:
        deadline = time.monotonic() + 300  # a guard against a server that never starts, not a speed test
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=10).read()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail(
                        "pywb did not start: " + (proc.stdout.read().decode()[-2000:] if proc.stdout else "")
                    )
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def test_pywb_replays_the_exact_bytes(wayback: str) -> None:
    with urllib.request.urlopen(f"{wayback}/20261120080000id_/{URL}", timeout=120) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/html; charset=gbk"
        assert response.read() == BODY


def test_pywb_replays_the_revisit_and_its_rewritten_view(wayback: str) -> None:
    with urllib.request.urlopen(f"{wayback}/20261121080000id_/{URL}", timeout=120) as response:
        assert response.headers["Memento-Datetime"] == "Sat, 21 Nov 2026 08:00:00 GMT"  # the revisit record
        assert response.read() == BODY  # resolved to the first response's payload
    with urllib.request.urlopen(f"{wayback}/20261121080000mp_/{URL}", timeout=120) as response:
        html = response.read().decode("gbk")
    assert TITLE in html and "wbinfo" in html  # pywb's replay banner and rewriting are in place
