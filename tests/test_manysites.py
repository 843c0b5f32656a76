"""The scale benchmark's many-sites simulation (sitekit.manysites, sitekit.manyhosts) over real HTTP: three
sites on three loopback addresses, each serving only its own pages, listings that reach every article of
the truth, a next day that changes exactly what the truth says, and the per-host counts of the control
endpoint. The benchmark itself (bench/scale.py) is not run here.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

from newsarchive.sitekit.manyhosts import ManyHosts
from newsarchive.sitekit.manysites import ARTICLES, EDIT_EVERY, NEW_PER_DAY, ManySites, address

HREF = re.compile(rb"""<a\s[^>]*?href=["']([^"'#]+)["']""", re.I)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    data = b"" if method == "POST" else None
    request = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def hosts():
    served = ManyHosts(ManySites(3, seed="test-manysites")).start()
    yield served
    served.stop()


def truth(hosts: ManyHosts) -> dict[str, dict]:
    _, body = fetch(hosts.control.base_url + "/truth")
    return {site["name"]: site for site in json.loads(body)["sites"]}


def listed(base: str, start_path: str) -> set[str]:
    """Article paths linked from the listing pages (the TRS pager writes page links only in script)."""
    found: set[str] = set()
    page, path = 0, start_path
    while True:
        status, body = fetch(base + path)
        if status != 200:
            return found
        for href in HREF.findall(body):
            target = urlsplit(urljoin(base + path, href.decode("latin-1")))
            if re.search(r"/t\d{8}_\d+\.s?html$", target.path) and target.netloc == urlsplit(base).netloc:
                found.add(target.path)
        page += 1
        path = start_path.replace("index.html", f"index_{page}.html").replace(
            "list.shtml", f"list_{page + 1}.shtml"
        )


def test_each_site_on_its_own_address_serves_its_own_pages(hosts: ManyHosts) -> None:
    bases = hosts.ready()["sites"]
    sites = truth(hosts)
    assert {urlsplit(b).hostname for b in bases.values()} == {address(0), address(1), address(2)}
    for name, site in sites.items():
        base = bases[name]
        assert urlsplit(base).hostname == site["host"]
        assert fetch(base + "/robots.txt")[0] == 200
        assert len(site["articles"]) == ARTICLES
        assert listed(base, site["start_url_path"]) == set(site["articles"])
        status, body = fetch(base + site["articles"][0])
        assert status == 200 and b"<h1>" in body
    first, second = sorted(sites)[:2]
    assert fetch(bases[second] + sites[first]["articles"][0])[0] == 404  # another site's article
    counts = json.loads(fetch(hosts.control.base_url + "/stats")[1])["hosts"]
    assert {h: c["requests"] > 0 for h, c in counts.items()} == {address(i): True for i in range(3)}
    assert all(c["peak"] >= 1 for c in counts.values())


def test_the_next_day_changes_what_the_truth_says(hosts: ManyHosts) -> None:
    bases = hosts.ready()["sites"]
    before = truth(hosts)
    bodies = {
        (name, path): fetch(bases[name] + path)[1]
        for name, site in before.items()
        for path in site["articles"]
    }
    assert fetch(hosts.control.base_url + "/next-day", "POST")[0] == 200
    after = truth(hosts)
    for name, site in after.items():
        base = bases[name]
        assert len(site["new"]) == NEW_PER_DAY
        assert site["articles"] == site["new"][::-1] + before[name]["articles"]
        assert listed(base, site["start_url_path"]) == set(site["articles"])
        assert len(site["edited"]) == (1 if int(name.removeprefix("inst")) % EDIT_EVERY == 0 else 0)
        for path in before[name]["articles"]:
            changed = fetch(base + path)[1] != bodies[name, path]
            assert changed == (path in site["edited"]), path
