"""The bundled offline demo: realistic institute news sites served on 127.0.0.1.

``make demo`` and the end-to-end tests crawl these sites; ``truth.ground_truth(stage)`` says what every
article page holds. Stage 1 is the sites as first crawled, stage 2 the same sites a week later.

Modules, in the order data flows through them:

``bank_zh``, ``bank_zh_stories``, ``bank_en``, ``bank_science``
            phrase banks: names, organisations, topics, story templates (pure data)
``compose`` writes one article (a ``Draft``) from the banks with a seeded RNG
``model``   the demo's Site (articles at both stages; related, latest and neighbouring articles as of when a
            page was written), stage-2 edits and template noise
``specs``   per site: columns, id ranges, dates, URL shapes (``SiteSpec``)
``content`` builds the four sites at both stages (``sites()``)
``build``   every page of a site at a stage, with the site kit's renderers (``sitekit.cms``: ``trs``
            for ``/trs/``, ``gdasfs`` for ``/gdasfs/en/``, ``drupal`` for ``/drupal/``, ``wordpress`` for
            ``/wp/``)
``truth``   ``ground_truth(stage)``, ``START_PATHS``, ``listing_paths(stage)``, ``demo_sites(base_url)``
``app``     ``make_app(stage)`` (a Router with every site, robots.txt, /search/, an index), ``DemoServer``
            (the app on ``sitekit.server.LoopbackServer``) and ``serve()``
            (``python -m newsarchive.sitekit.demo``)
"""

from __future__ import annotations

from .app import DemoServer, make_app, serve
from .truth import START_PATHS, DemoArticle, demo_sites, ground_truth, listing_paths

__all__ = [
    "START_PATHS",
    "DemoArticle",
    "DemoServer",
    "demo_sites",
    "ground_truth",
    "listing_paths",
    "make_app",
    "serve",
]
