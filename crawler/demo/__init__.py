"""The bundled offline demo: realistic institute news sites served on 127.0.0.1.

``make demo``, the end-to-end tests and the benchmark crawl these sites; ``truth.ground_truth(stage)`` says
what every article page holds. Stage 1 is the sites as first crawled, stage 2 the same sites a week later.

Modules, in the order data flows through them:

``bank_zh``, ``bank_zh_stories``, ``bank_en``, ``bank_science``
            phrase banks: names, organisations, topics, story templates (pure data)
``compose`` writes one article (a ``Draft``) from the banks with a seeded RNG
``model``   Article / Column / Site records, dates, stage-2 edits and template noise
``specs``   per site family: columns, id ranges, dates, URL shapes (``SiteSpec``)
``content`` builds the four sites at both stages (``sites()``)
``trs_chrome``, ``render_trs``          GBK academy section, TRS WCM style (``/trs/``)
``gdasfs_chrome``, ``render_gdasfs``    English section in the gdasfs.gd.cn style (``/gdasfs/en/``)
``drupal_chrome``, ``render_drupal``    Drupal 10 newsroom (``/drupal/news``)
``wp_chrome``, ``render_wp``            WordPress blog with RSS feeds (``/wp/category/news/``, ``/wp/feed/``)
``pages``, ``assets``                   rendered ``Page`` records; PNG/PDF/DOCX files
``truth``   ``ground_truth(stage)``, ``START_PATHS``, ``listing_paths(stage)``, ``demo_sites(base_url)``
``app``     ``make_app(stage)`` (a Router with every site, robots.txt, /search/, an index) and ``DemoServer``
``server``  LoopbackServer: a real threaded HTTP/1.1 server with routing, conditional GET and a request log;
            ``serve()`` / ``python -m crawler.demo.server --port 8765 --stage 1`` run it in the foreground

The public names below are imported lazily, so ``python -m crawler.demo.server`` does not import the server
module twice.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "DemoServer": "app",
    "make_app": "app",
    "DemoArticle": "truth",
    "ground_truth": "truth",
    "demo_sites": "truth",
    "listing_paths": "truth",
    "START_PATHS": "truth",
    "LoopbackServer": "server",
    "serve": "server",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
