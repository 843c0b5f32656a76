"""run_manifest: ordered output from the process pool, errors reported per case, the run goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newsarchive.crawler.extract.batch import extract_file, run_manifest
from tests.extract_cases import PAGES, fixture_names


def test_manifest_output_is_in_order_with_errors_per_case(tmp_path: Path) -> None:
    names = fixture_names()[:6]
    lines = [
        json.dumps(
            {
                "path": str(PAGES / n / "body.html"),
                "id": n,
                "url": json.loads((PAGES / n / "meta.json").read_text(encoding="utf-8"))["url"],
            }
        )
        for n in names
    ]
    lines.insert(2, json.dumps({"path": str(tmp_path / "missing.html"), "id": "missing"}))
    lines.insert(4, "{not json")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    lines.append(json.dumps({"path": str(empty), "id": "empty"}))
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    out = io.StringIO()
    cases, errors = run_manifest(manifest, out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert cases == len(results) == 9
    assert errors == 3
    assert [r.get("id") for r in results] == [*names[:2], "missing", names[2], None, *names[3:], "empty"]
    assert results[2]["error"].startswith("FileNotFoundError")
    assert results[4]["error"].startswith("manifest line 5")
    assert "empty body" in results[-1]["error"]
    for r in results:
        if r.get("id") in names:
            assert r["title"] and "error" not in r


def test_extract_file_matches_fixture_title() -> None:
    name = "trs-gov-metas-and-infoline"
    record = extract_file(
        PAGES / name / "body.html", "http://www.gdas.gd.cn/gdas/yszx/202101/t20210113_5002.html"
    )
    assert record["title"] == "广东省科学院领导到佛山产业技术研究院调研"
    assert record["extractor_version"]
