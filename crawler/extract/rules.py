"""SiteRules: per-site hints and selector overrides, as data. Overrides win over every heuristic.

A selector is CSS unless it starts with ``xpath:`` or with ``/``, ``./`` or ``(`` (then XPath).
``compile_selector`` checks one at config-load time so a typo fails before any crawl starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector
from parsel.csstranslator import HTMLTranslator

SELECTOR_FIELDS = ("article_links", "next_page", "title", "published", "source", "author", "body")


@dataclass(frozen=True, slots=True)
class SiteRules:
    charset: str | None = None  # used when the page declares no charset or its declaration is wrong
    language: str | None = None  # ISO 639-1 hint
    timezone: str | None = None  # IANA zone of the site's local times (checked at load), e.g. "Asia/Shanghai"
    article_links: str | None = None  # selects <a> elements (or href attributes) of articles on a listing
    next_page: str | None = None  # selects the next-page <a> (or its href) on a listing
    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    body: str | None = None
    # regexes (Python syntax, checked at load) for a site's own "gone" and "blocked" templates, read by
    # blocking.classify_page on the title, the <h1> and a page's main text when it is short
    not_found_patterns: tuple[str, ...] = ()
    block_patterns: tuple[str, ...] = ()


def to_xpath(selector: str) -> str:
    """The XPath for a selector written as CSS or XPath. Raises ValueError if it is neither."""
    s = selector.strip()
    if s.startswith("xpath:"):
        s = s[len("xpath:") :].strip()
    elif not s.startswith(("/", "./", "(")):
        try:
            return HTMLTranslator().css_to_xpath(s)
        except Exception as exc:  # cssselect raises several error types
            raise ValueError(f"not a valid CSS selector: {exc}") from exc
    try:
        Selector(text="<html></html>").xpath(s)
    except ValueError as exc:
        raise ValueError(f"not a valid XPath expression: {exc}") from exc
    return s


def compile_selector(selector: str) -> str:
    """Validate a selector; return it unchanged. ValueError names what is wrong."""
    to_xpath(selector)
    return selector


def select_all(sel: Selector, selector: str) -> list[Selector]:
    return list(sel.xpath(to_xpath(selector)))


def select_text(sel: Selector, selector: str) -> str | None:
    """Text of the first match (element text, or an attribute/text node's value), whitespace folded."""
    for node in select_all(sel, selector):
        root = node.root
        text = root if isinstance(root, str) else " ".join(node.xpath(".//text()").getall())
        text = " ".join(text.split())
        if text:
            return text
    return None
