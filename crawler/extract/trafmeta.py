"""trafilatura's own metadata of a page (its title, author and htmldate's date), read lazily.

One of the kinds of evidence ``fields.py`` weighs (see the table in ``arbiter.py``). trafilatura reads the
title the page states (Open Graph, twitter, Dublin Core and ``title`` metas, JSON-LD ``headline``) before it
guesses one from the headings, the author from metas, JSON-LD and byline markup, and the date with htmldate.
Each value is computed on first use only: the author and date readers walk (and copy) the whole tree, so a
page whose field is settled by stronger evidence never pays for them. The tree is never modified.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .dom import fold

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

# Words that every one of trafilatura's byline XPaths (trafilatura.xpaths.AUTHOR_XPATHS) needs in the page
_BYLINE_MARKUP = re.compile(
    r"author|byl|username|bbl|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by|journalist-name|"
    r"screenname|writer",
    re.I,
)
# htmldate refuses dates after max_date; without a fetch time we give a fixed bound, never the clock
NO_FETCH_TIME_BOUND = "2099-12-31"


class TrafilaturaMeta:
    """trafilatura's reading of one page. Attributes are None when trafilatura finds nothing."""

    def __init__(
        self, tree: HtmlElement, url: str, fetched_at: str | None = None, html: str | None = None
    ) -> None:
        self._tree = tree
        self._url = url
        self._max_date = _date_bound(fetched_at)
        self._html = html  # the decoded page, for cheap checks before whole-tree searches

    @cached_property
    def _stated(self) -> Any:
        """trafilatura's Document filled from metas and JSON-LD (as ``extract_metadata`` starts)."""
        from trafilatura.metadata import examine_meta, extract_meta_json

        doc = examine_meta(self._tree)
        if doc.author and " " not in doc.author:  # trafilatura's own rule: a one-word author is a handle
            doc.author = None
        try:
            doc = extract_meta_json(self._tree, doc)
        except Exception as exc:  # trafilatura guards this call the same way (bugs in its JSON reader)
            logger.debug("trafilatura JSON metadata failed on %s: %s", self._url, exc)
        return doc

    @cached_property
    def stated_title(self) -> str | None:
        """The title the page states in its metas or JSON-LD, as trafilatura reads it."""
        return _text(self._stated.title)

    @cached_property
    def guessed_title(self) -> str | None:
        """trafilatura's title from the page's headings and <title> when no meta states one."""
        from trafilatura.metadata import extract_title

        return _text(extract_title(self._tree))

    @cached_property
    def site_name(self) -> str | None:
        return _text(self._stated.sitename)

    @cached_property
    def author(self) -> str | None:
        """The author from metas and JSON-LD, else from byline markup (rel=author, byline classes)."""
        from trafilatura.metadata import extract_author

        stated = _text(self._stated.author)
        if stated:
            return stated
        if self._html is not None and not _BYLINE_MARKUP.search(self._html):
            return None  # none of the names trafilatura's byline search looks for is on the page
        try:
            return _text(extract_author(self._tree))
        except Exception as exc:  # a reader of last resort must not cost the page
            logger.debug("trafilatura author failed on %s: %s", self._url, exc)
            return None

    @cached_property
    def date(self) -> dt.date | None:
        """htmldate's original publish date (markup only, no text scan), never after the fetch."""
        from htmldate import find_date

        try:  # htmldate copies a tree it is given before cleaning it
            found = find_date(
                self._tree,
                extensive_search=False,
                original_date=True,
                outputformat="%Y-%m-%d",
                max_date=self._max_date,
            )
        except Exception as exc:  # htmldate raises assorted errors on odd trees; it is only a fallback
            logger.debug("htmldate failed on %s: %s", self._url, exc)
            return None
        try:
            return dt.date.fromisoformat(found) if found else None
        except ValueError:
            return None


def _date_bound(fetched_at: str | None) -> str:
    if fetched_at:
        try:
            return dt.datetime.fromisoformat(fetched_at.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            logger.debug("unreadable fetched_at %r", fetched_at)
    return NO_FETCH_TIME_BOUND


def _text(value: object) -> str | None:
    return fold(value) or None if isinstance(value, str) else None
