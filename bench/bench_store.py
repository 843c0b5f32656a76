"""Benchmark of the archive: raw-page compression with and without a per-site zstd dictionary,
save throughput, bytes per article. Not part of the test run.

    .venv/bin/python -m bench.bench_store           # default sizes (about two minutes on 2 cores)
    .venv/bin/python -m bench.bench_store --quick   # smaller, for a smoke run

Pages: for each of a few synthetic "sites", a boilerplate-heavy page template in the style of Chinese
institute/government CMSs (inline CSS and JS, a 150-link menu, breadcrumb, a sidebar of related links that
varies per page, a long footer), filled with real article texts from the DEV set in
tests/fixtures/corpus/articles (generated text if it is missing). The real corpus pages (many different
sites) are also measured with plain zstd.
Figures are medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import zstandard

from newsarchive.storage import Store, compress, queries
from newsarchive.storage.rawpages import TRAIN_AFTER, TRAIN_SHARE

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "articles"


# --------------------------------------------------------------------------- page generation


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(glob.glob(str(CORPUS / "*.json"))):
        case = json.loads(Path(path).read_text(encoding="utf-8"))
        if case.get("text") and case.get("language") == "zh" and len(case["text"]) > 300:
            texts.append(case["text"])
    if not texts:  # no corpus beside the repo: generated text
        rnd = random.Random(1)
        common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
        texts = ["".join(rnd.choice(common) for _ in range(1500)) for _ in range(60)]
    return texts


def _phrases(texts: list[str], rnd: random.Random, n: int, size: int) -> list[str]:
    out = []
    for _ in range(n):
        t = rnd.choice(texts)
        i = rnd.randrange(0, max(1, len(t) - size))
        out.append("".join(ch for ch in t[i : i + size] if not ch.isspace()) or "栏目")
    return out


class SiteTemplate:
    def __init__(self, seed: int, texts: list[str]) -> None:
        rnd = random.Random(seed)
        self.rnd = rnd
        self.host = f"www.inst{seed}.cn"
        css = "".join(
            f".c{seed}-{i}{{margin:{rnd.randint(0, 20)}px;color:#{rnd.randrange(16**6):06x};"
            f"font-size:{rnd.randint(10, 24)}px}}\n"
            for i in range(220)
        )
        js = "".join(
            f"function f{i}(a,b){{var x{i}=document.getElementById('n{rnd.randint(0, 999)}');"
            f"if(x{i}){{x{i}.className='on{rnd.randint(0, 9)}';}}return a+b*{i};}}\n"
            for i in range(90)
        )
        menu = "".join(
            f'<li class="m{i}"><a href="/col{rnd.randint(100, 999)}/index.html" target="_blank" '
            f'title="{name}">{name}</a></li>\n'
            for i, name in enumerate(_phrases(texts, rnd, 150, 6))
        )
        footer = "".join(f"<p>{p}</p>" for p in _phrases(texts, rnd, 8, 30))
        self.links = [(f"/art/{rnd.randint(10**5, 10**6)}.html", t) for t in _phrases(texts, rnd, 400, 18)]
        self.head = (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{title}} - 研究所{seed}</title>'
            f"<style>{css}</style><script>{js}</script></head><body>"
            f'<div class="top"><ul class="nav">{menu}</ul></div>'
        )
        self.foot = (
            f'<div class="footer">{footer}<p>京ICP备{rnd.randint(10**7, 10**8)}号 '
            f"京公网安备{rnd.randint(10**13, 10**14)}号</p></div></body></html>"
        )

    def page(self, i: int, text: str) -> bytes:
        rnd = random.Random(i * 7919)
        related = "".join(
            f'<li><a href="{u}">{t}</a><span>2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}'
            f"</span></li>"
            for u, t in rnd.sample(self.links, 12)
        )
        body = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
        title = text.strip().split("\n")[0][:30]
        return (
            self.head.replace("{title}", title)
            + f'<div class="crumb">首页 &gt; 新闻 &gt; 第{i}篇</div><div class="main"><h1>{title}</h1>'
            f'<div class="info">发布时间：2026-11-{i % 28 + 1:02d} 浏览次数：{rnd.randint(1, 9999)}</div>'
            f'<div class="content">{body}</div></div><div class="side"><ul>{related}</ul></div>' + self.foot
        ).encode("utf-8")


def site_pages(sites: int, per_site: int) -> dict[str, list[tuple[bytes, str]]]:
    texts = corpus_texts()
    out = {}
    for s in range(sites):
        template = SiteTemplate(s, texts)
        rnd = random.Random(s)
        out[template.host] = [
            (template.page(i, t), t)
            for i, t in enumerate(rnd.choice(texts) + f"\n第{i}号" for i in range(per_site))
        ]
    return out


# --------------------------------------------------------------------------- measurements


def _mb_s(nbytes: int, seconds: float) -> float:
    return nbytes / 1e6 / max(seconds, 1e-9)


def measure_compression(
    pages: dict[str, list[tuple[bytes, str]]],
    levels: list[int],
    dict_sizes: list[int],
    train_pages: int,
    repeat: int,
) -> list[dict]:
    rows = []
    for level in levels:
        plain = zstandard.ZstdCompressor(level=level, write_checksum=True)
        for dict_size in [0, *dict_sizes]:
            ratios, c_speed, d_speed = [], [], []
            for _ in range(repeat):
                raw = stored = 0
                c_time = d_time = 0.0
                for bodies in pages.values():
                    train, test = [b for b, _ in bodies[:train_pages]], [b for b, _ in bodies[train_pages:]]
                    cctx, dctx = plain, zstandard.ZstdDecompressor()
                    if dict_size:
                        zdict = compress.train(train, dict_size=dict_size, level=level)
                        cctx = zstandard.ZstdCompressor(level=level, dict_data=zdict, write_checksum=True)
                        dctx = zstandard.ZstdDecompressor(dict_data=zdict)
                    t0 = time.perf_counter()
                    blobs = [cctx.compress(b) for b in test]
                    c_time += time.perf_counter() - t0
                    t0 = time.perf_counter()
                    for blob in blobs:
                        dctx.decompress(blob)
                    d_time += time.perf_counter() - t0
                    raw += sum(map(len, test))
                    stored += sum(map(len, blobs))
                ratios.append(raw / stored)
                c_speed.append(_mb_s(raw, c_time))
                d_speed.append(_mb_s(raw, d_time))
            rows.append(
                {
                    "level": level,
                    "dict": dict_size,
                    "ratio": statistics.median(ratios),
                    "compress_MB_s": statistics.median(c_speed),
                    "decompress_MB_s": statistics.median(d_speed),
                }
            )
    return rows


def measure_corpus(level: int) -> dict | None:
    bodies = [Path(p).read_bytes() for p in sorted(glob.glob(str(CORPUS / "*.html")))]
    if not bodies:
        return None
    cctx = zstandard.ZstdCompressor(level=level, write_checksum=True)
    stored = sum(len(cctx.compress(b)) for b in bodies)
    return {
        "pages": len(bodies),
        "raw_MB": sum(map(len, bodies)) / 1e6,
        "ratio": sum(map(len, bodies)) / stored,
    }


def measure_train_time(pages: dict[str, list[tuple[bytes, str]]], train_pages: int, repeat: int) -> float:
    bodies = [b for b, _ in next(iter(pages.values()))[:train_pages]]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        compress.train(bodies)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _record(url: str, text: str, n: int) -> dict:
    return {
        "url": url,
        "title": text.strip().split("\n")[0][:30],
        "published": "2026-11-20",
        "source": "研究所",
        "author": None,
        "editor": None,
        "language": "zh",
        "text": text,
        "html": None,
        "images": [],
        "attachments": [],
        "encoding": "utf-8",
        "warnings": [],
        "extractor_version": "bench",
    }


class _Page:
    def __init__(self, url: str, body: bytes, n: int) -> None:
        self.url, self.final_url, self.status, self.body = url, None, 200, body
        self.headers = (("Content-Type", "text/html; charset=utf-8"), ("ETag", f'"{n}"'))
        self.fetched_at = f"2026-11-{n % 28 + 1:02d}T08:00:00Z"
        self.method, self.request_headers = "GET", (("User-Agent", "bench"),)


def measure_saves(pages: dict[str, list[tuple[bytes, str]]], dictionaries: bool, repeat: int) -> dict:
    new_rates, same_rates, sizes, articles = [], [], [], 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.db"
            store = Store(path, dictionaries=dictionaries)
            items = [
                (site, i, body, text)
                for site, bodies in pages.items()
                for i, (body, text) in enumerate(bodies)
            ]
            t0 = time.perf_counter()
            for site, i, body, text in items:
                url = f"https://{site}/art/{i}.html"
                store.save_article(_Page(url, body, i), _record(url, text, i), site=site, run_id=None)
            new_rates.append(len(items) / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            for site, i, body, text in items:
                url = f"https://{site}/art/{i}.html"
                store.save_article(_Page(url, body, i), _record(url, text, i), site=site, run_id=None)
            same_rates.append(len(items) / (time.perf_counter() - t0))
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.db.execute("VACUUM")
            store.close()
            sizes.append(os.path.getsize(path))
            articles = len(items)
    raw_bytes = sum(len(b) for bodies in pages.values() for b, _ in bodies)
    size = statistics.median(sizes)
    return {
        "dictionaries": dictionaries,
        "articles": articles,
        "new_per_s": statistics.median(new_rates),
        "unchanged_per_s": statistics.median(same_rates),
        "db_MB": size / 1e6,
        "bytes_per_article": size / articles,
        "raw_page_bytes_per_article": raw_bytes / articles,
    }


def raw_share(pages: dict[str, list[tuple[bytes, str]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "b.db")
        for site, bodies in pages.items():
            for i, (body, text) in enumerate(bodies):
                url = f"https://{site}/art/{i}.html"
                store.save_article(_Page(url, body, i), _record(url, text, i), site=site, run_id=None)
        store.close()
        db = Path(tmp) / "b.db"
        figures = queries.archive_figures(db)
        stored, size = figures["raw_stored"], figures["raw_bytes"]
        print(
            f"  in the store: raw pages {size / 1e6:.1f} MB stored as {stored / 1e6:.2f} MB "
            f"(ratio {size / stored:.1f}); dictionary trials (site, gain, adopted): "
            f"{queries.dictionary_trials(db)}"
        )
        n = figures["articles"]
        print(
            "  bytes per article by table/index: "
            + ", ".join(f"{name} {size / n / 1e3:.1f} kB" for name, size in queries.table_sizes(db))
        )


def measure_near_dup_lookup(sizes: list[int], texts: list[str], repeat: int) -> list[tuple[int, float]]:
    """ms per ``index_simhash`` (simhash + banded candidate lookup + links) with N articles of other sites."""
    from newsarchive.storage import simhash as sh
    from newsarchive.storage.articles import index_simhash

    out = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "nd.db")
            rnd = random.Random(n)
            rows, bands = [], []
            for i in range(1, n + 1):
                value = rnd.getrandbits(64)
                rows.append((i, f"https://s{i % 20}.example.cn/{i}", f"s{i % 20}", "h", sh.to_signed(value)))
                bands += [(b, i, f"s{i % 20}") for b in sh.bands(value)]
            empty = {"first_seen_at": "", "last_seen_at": "", "last_changed_at": ""}
            with store.db.conn:  # synthetic rows: the lookup's cost, not the save path's, is measured
                store.db["articles"].insert_all(
                    {"id": i, "url": url, "site": site, "content_hash": h, "simhash": v, **empty}
                    for i, url, site, h, v in rows
                )
                store.db["simhash_bands"].insert_all(
                    {"band": b, "article_id": i, "site": site} for b, i, site in bands
                )
                store.db["articles"].insert(
                    {
                        "id": n + 1,
                        "url": "https://new.example.cn/",
                        "site": "new",
                        "content_hash": "h",
                        **empty,
                    }
                )
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                for text in texts[:50]:
                    index_simhash(store.db, n + 1, "new", text, "2026-11-23T00:00:00Z")
                times.append((time.perf_counter() - t0) / min(50, len(texts)) * 1000)
            store.close()
        out.append((n, statistics.median(times)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--pages", type=int, default=300, help="pages per site")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.quick:
        args.pages, args.repeat = 120, 1
    pages = site_pages(args.sites, args.pages)
    sizes = [len(b) for bodies in pages.values() for b, _ in bodies]
    train_pages = int(TRAIN_AFTER * TRAIN_SHARE)  # as the store does: the first pages train, the rest measure
    print(
        f"{args.sites} sites x {args.pages} pages, median page {statistics.median(sizes) / 1e3:.1f} kB, "
        f"median of {args.repeat} runs; dictionaries trained on each site's first {train_pages} pages"
    )
    print("\ncompression of held-out pages (per page, one zstd frame each):")
    print(f"  {'level':>5} {'dict':>7} {'ratio':>7} {'compress MB/s':>14} {'decompress MB/s':>16}")
    for row in measure_compression(
        pages, [3, 9, 19] if not args.quick else [3, 9], [32 * 1024, 96 * 1024], train_pages, args.repeat
    ):
        print(
            f"  {row['level']:>5} {row['dict'] // 1024:>6}k {row['ratio']:>7.1f}"
            f" {row['compress_MB_s']:>14.1f}"
            f" {row['decompress_MB_s']:>16.1f}"
        )
    print(
        f"  dictionary training ({train_pages} pages, {compress.DICT_SIZE // 1024} kB): "
        f"{measure_train_time(pages, train_pages, args.repeat):.2f} s"
    )
    corpus = measure_corpus(compress.LEVEL)
    if corpus:
        print(
            f"\nreal corpus pages ({corpus['pages']} pages of many sites, {corpus['raw_MB']:.1f} MB),"
            " plain zstd "
            f"level {compress.LEVEL}: ratio {corpus['ratio']:.1f}"
        )
    print("\nsave_article throughput (one transaction per article, WAL, synchronous=FULL):")
    for dictionaries in (False, True):
        r = measure_saves(pages, dictionaries, args.repeat)
        print(
            f"  dictionaries={'on ' if dictionaries else 'off'}: new {r['new_per_s']:.0f}/s, "
            f"unchanged {r['unchanged_per_s']:.0f}/s, {r['db_MB']:.1f} MB for {r['articles']} articles = "
            f"{r['bytes_per_article'] / 1e3:.1f} kB/article"
            f" (raw page {r['raw_page_bytes_per_article'] / 1e3:.1f} kB)"
        )
    raw_share(pages)
    print(
        "\nnear-duplicate indexing per saved version (simhash + banded lookup),"
        " with N other-site articles in the archive:"
    )
    for n, ms in measure_near_dup_lookup(
        [1000, 10000, 50000] if not args.quick else [1000, 10000], corpus_texts(), args.repeat
    ):
        print(f"  {n:>6} articles: {ms:.2f} ms")


if __name__ == "__main__":
    main()
