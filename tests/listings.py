"""parse_listing for tests, checked: the parser must not have failed.

``parse_listing`` never raises: its catch-all turns any exception into a ``Listing`` with a
``listing-unparsable`` warning. A test that only looks at links or next pages could then pass while the parser
crashes, so listing tests call ``parse_checked``, which fails on that warning.
"""

from __future__ import annotations

from newsarchive.crawler.extract.listing import Listing, parse_listing
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.rules import SiteRules


def parse_checked(
    page: RawPage, rules: SiteRules | None = None, *, allowed_hosts: tuple[str, ...] = ()
) -> Listing:
    listing = parse_listing(page, rules, allowed_hosts=allowed_hosts)
    assert_parsed(listing)
    return listing


def assert_parsed(listing: Listing) -> None:
    """Fail when the parser failed (as opposed to bad input, which has its own warning codes)."""
    failed = [w for w in listing.warnings if w.startswith("listing-unparsable")]
    assert not failed, failed
