"""The multi-CMS test site: every listing family newsarchive reads, served for real over loopback HTTP.

``make_app()`` returns a ``sitekit.server.Router`` with one mount per family prefix (``/trs-old/``,
``/trs-inline/``, ``/trs-new/``, ``/hanweb/`` + ``/module/web/jpage/``, ``/gkmlpt/``, ``/vsb/``, ``/drupal/``,
``/wp/``, ``/gdasfs/``, ``/portal/``, ``/inst/``, ``/var/``, ``/sitemaps/``, ``/robots.txt``, ``/private/``,
``/neg/``).
``ground_truth()`` maps family -> FamilyTruth: start path, per listing page the request, the expected article
and document paths in order, the row dates and the expected next request (None at the end and for pagers that
cannot be followed), feeds, sitemaps, warnings and blocked codes. Every family is reachable from its start
path alone, and every listed article is served as a real article page.

Used by tests/test_listing_*.py, test_probe.py, test_crawl_families.py and bench/score_listings.py.
"""

from __future__ import annotations

from functools import lru_cache

from newsarchive.sitekit.server import Router

from . import drupal, feeds, gkmlpt, hanweb, institute, negative, trs, variants, vsb, wordpress
from .common import FamilyTruth, PageSpec, PageTruth, Site

__all__ = ["FamilyTruth", "PageSpec", "PageTruth", "build_site", "ground_truth", "make_app"]

BUILDERS = (trs, hanweb, gkmlpt, vsb, drupal, wordpress, institute, variants, feeds, negative)


@lru_cache(maxsize=1)
def build_site() -> Site:
    site = Site()
    for module in BUILDERS:
        module.build(site)
    return site


def make_app() -> Router:
    """A Router serving the whole site; each family under its own prefix."""
    site = build_site()
    router = Router()
    for prefix in dict.fromkeys(site.prefixes):
        router.mount(prefix, site.handle)
    return router


def ground_truth() -> dict[str, FamilyTruth]:
    return dict(build_site().truths)
