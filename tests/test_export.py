"""``newsarchive export``: articles as JSON Lines or CSV (with an optional BOM), filtered by site and date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.crawler.cli import main
from newsarchive.storage import Store
from newsarchive.storage.export import COLUMNS, export_articles
from tests.test_store_helpers import article, now


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "e.db"
    with Store(path) as store:
        for n, (site, day, title) in enumerate(
            [
                ("cas", dt.date(2026, 1, 5), "量子计算研究取得突破"),
                ("cas", dt.date(2026, 3, 1), "年度工作会议召开"),
                ("most", dt.date(2025, 12, 31), 'A "quoted", comma title'),
            ]
        ):
            store.save_article(
                *article(
                    f"https://{site}.example.cn/{n}.html",
                    title,
                    f"正文第一段，{title}。\n第二段。",
                    published=day,
                    attachments=[{"url": f"https://{site}.example.cn/{n}.pdf", "text": "附件"}],
                    fetched_at=now(-n),
                ),
                site=site,
                run_id=None,
            )
    return path


def _export(path: Path, **options: object) -> str:
    with Store(path) as store:
        out = io.StringIO()
        export_articles(store.db.conn, out, **options)  # type: ignore[arg-type]
        return out.getvalue()


def test_jsonl_has_every_column_and_real_lists(archive: Path) -> None:
    lines = _export(archive, fmt="jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    titles = [r["title"] for r in records]
    assert titles == ['A "quoted", comma title', "量子计算研究取得突破", "年度工作会议召开"]
    assert set(records[0]) == set(COLUMNS)
    assert records[1]["attachments"] == [{"url": "https://cas.example.cn/0.pdf", "text": "附件"}]
    assert "量子计算" in lines[1]  # UTF-8, not \\u escapes


def test_csv_with_bom_filters_by_site_and_dates(archive: Path) -> None:
    text = _export(archive, fmt="csv", bom=True, site="cas", since="2026-02", until="2026-12-31")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["title"] for r in rows] == ["年度工作会议召开"]
    assert "第二段" in rows[0]["text"]
    plain = list(csv.DictReader(io.StringIO(_export(archive, fmt="csv", until="2026-01-01"))))
    assert [r["title"] for r in plain] == ['A "quoted", comma title']  # quotes and commas survive


def test_cli_writes_a_file_and_refuses_bad_dates(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(archive), "--format", "csv", "--bom", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "量子计算研究取得突破".encode() in data
    assert len(list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))) == 3
    result = runner.invoke(main, ["export", "--db", str(archive), "--since", "2026-13-01"])
    assert result.exit_code == 2 and "--since must be an ISO 8601 date" in result.output
    result = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no archive here yet" in result.output
