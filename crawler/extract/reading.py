"""read_article: a fetched article page -> its ArticleRecord, or the verdict that it is no article.

The step between fetching and archiving: ``extract_article`` first, then, only when the result looks weak (a
short body, a title that says "not found" / "please log in" / "enable JavaScript", or site patterns to
check), ``blocking.classify_page``: a soft 404, a JavaScript or cookie stub, a login wall or an empty template
must never be archived as a version of a real article. A page from which no article can be made is
classified too, so an empty shell is recorded as missing rather than as an extraction failure. Pure, like
both halves; runs wherever extraction runs (inline or in the extraction pool).
"""

from __future__ import annotations

from .article import extract_article
from .blocking import ARTICLE_WEIGHT, JS_REQUIRED, LOGIN, NOT_FOUND, PageVerdict, classify_page, weight
from .page import RawPage
from .record import ArticleRecord, ExtractionError
from .rules import SiteRules


def looks_weak(record: ArticleRecord, rules: SiteRules) -> bool:
    """Whether a record may be a non-article page: worth the (costlier) page classification."""
    if rules.not_found_patterns or rules.block_patterns:
        return True
    if weight(record.text) < ARTICLE_WEIGHT:
        return True
    title = record.title or ""
    return any(rx.search(title) for rx in (NOT_FOUND, JS_REQUIRED, LOGIN))


def read_article(page: RawPage, rules: SiteRules | None = None) -> ArticleRecord | PageVerdict:
    """The page's record, or why it is no article. Raises ExtractionError when neither can be said."""
    rules = rules or SiteRules()
    try:
        record = extract_article(page, rules)
    except ExtractionError:
        verdict = classify_page(page, rules)
        if verdict is not None:
            return verdict
        raise
    if looks_weak(record, rules):
        verdict = classify_page(page, rules)
        if verdict is not None:
            return verdict
    return record
