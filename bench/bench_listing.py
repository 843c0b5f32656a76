"""Time parse_listing on generated listing pages of 1,000, 10,000 and 100,000 article links.

Not part of the test run. Usage (from the repo root):
    .venv/bin/python -m bench.bench_listing [--sizes 1000 10000 100000] [--runs 3]
Prints, per page size, the page's bytes, the median wall time of ``parse_listing`` over the runs (after one
warm-up call), the links found and the ``listing-truncated`` warnings. The page is a TRS-style column (header,
menu, a "hot news" side box, one flat ``<ul>`` of dated rows, a script pager, footer), the shape whose
row-repeat count used to grow with the square of the links.
"""

from __future__ import annotations

import argparse
import statistics
import time

from newsarchive.crawler.extract.listing import parse_listing
from newsarchive.crawler.extract.page import RawPage

URL = "https://www.example.gov.cn/xwzx/tzgg/index.html"
WORDS = "研究所召开学术会议科研成果通过验收举办专题讲座合作交流项目启动年度工作总结" * 2


def title(i: int) -> str:
    start = i * 7 % (len(WORDS) // 2)
    return WORDS[start : start + 12 + i % 9] + f"（第{i}期）"


def listing_page(links: int) -> RawPage:
    """A listing page with ``links`` dated article rows in one list, wrapped in a government site's chrome."""
    menu = "".join(f'<li><a href="/col{i}/index.html">栏目{i}</a></li>' for i in range(24))
    hot = "".join(
        f'<li><a href="/xwzx/rdxw/202401/t202401{i + 1:02d}_9{i}.html">{title(900 + i)}</a></li>'
        for i in range(8)
    )
    rows = "".join(
        f'<li><a href="./2024{i % 12 + 1:02d}/t2024{i % 12 + 1:02d}{i % 28 + 1:02d}_{100000 + i}.html" '
        f'target="_blank" title="{title(i)}">{title(i)}</a><span class="date">2024-{i % 12 + 1:02d}-'
        f"{i % 28 + 1:02d}</span></li>"
        for i in range(links)
    )
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>'
        f'<div class="header"><div class="logo">研究所</div><ul class="nav">{menu}</ul></div>'
        f'<div class="main"><div class="left"><h3>热点新闻</h3><ul>{hot}</ul></div>'
        f'<div class="right"><div class="bread">当前位置：首页 &gt; 通知公告</div>'
        f'<ul class="list_news">{rows}</ul>'
        '<script>var countPage = 50; createPageHTML(countPage, 0, "index", "html");</script></div></div>'
        '<div class="footer"><p>版权所有 研究所</p><a href="/sitemap.html">网站地图</a></div></body></html>'
    )
    return RawPage(
        url=URL, body=html.encode("utf-8"), headers=(("Content-Type", "text/html; charset=utf-8"),)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'links':>8} {'page KB':>8} {'median s':>9} {'runs':>5} {'found':>6}  truncated")
    for size in args.sizes:
        page = listing_page(size)
        listing = parse_listing(page)  # warm-up, and the result shown
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            parse_listing(page)
            times.append(time.perf_counter() - start)
        cut = "; ".join(w.removeprefix("listing-truncated: ") for w in listing.warnings if "truncated" in w)
        print(
            f"{size:>8} {len(page.body) / 1024:>8.0f} {statistics.median(times):>9.3f} {args.runs:>5} "
            f"{len(listing.links):>6}  {cut}"
        )


if __name__ == "__main__":
    main()
