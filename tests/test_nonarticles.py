"""classify_page: soft 404s, challenges, JavaScript stubs, login walls and empty templates are told apart from
articles before anything is archived, and no real article is ever flagged.

Cases live in ``tests/fixtures/nonarticles/<case>/``: ``body.html`` (the bytes as served), ``meta.json`` (URL,
status, headers, the expected verdict or null, site rules). The look-alike cases (an article about 404 errors,
a notice beside a login box, a comment box that asks for JavaScript, photo news) expect no verdict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.crawler.extract.blocking import PageVerdict, classify_block, classify_page
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.rules import SiteRules
from newsarchive.crawler.sites import SiteConfigError, parse_site
from tests.extract_cases import CORPUS, PAGES

CASES = Path(__file__).parent / "fixtures" / "nonarticles"
SHARED_EN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles_en"  # ../shared
REASONS = {
    "missing": {"soft-404", "empty-shell", "site-not-found"},
    "blocked": {
        "challenge-cloudflare",
        "challenge-200",
        "challenge-412",
        "js-stub",
        "login-wall",
        "site-block",
    },
}


def load(case: str) -> tuple[dict, RawPage, SiteRules]:
    meta = json.loads((CASES / case / "meta.json").read_text(encoding="utf-8"))
    page = RawPage(
        url=meta["url"],
        body=(CASES / case / "body.html").read_bytes(),
        status=meta["status"],
        headers=tuple((k, v) for k, v in meta["headers"]),
    )
    rules = SiteRules(**{key: tuple(value) for key, value in meta.get("rules", {}).items()})
    return meta, page, rules


def verdict(found: PageVerdict | None) -> dict[str, str] | None:
    return {"kind": found.kind, "reason": found.reason} if found else None


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
def test_each_case_gets_its_verdict(case: str) -> None:
    meta, page, rules = load(case)
    found = classify_page(page, rules)
    assert verdict(found) == meta["expected"], found
    if found:
        assert found.reason in REASONS[found.kind] and found.detail


def test_every_class_is_covered() -> None:
    expected = [load(p.name)[0]["expected"] for p in CASES.iterdir()]
    reasons = {e["reason"] for e in expected if e}
    assert reasons == REASONS["missing"] | REASONS["blocked"]
    assert sum(1 for e in expected if e is None) >= 5  # look-alike articles


def test_cloudflare_challenges_are_blocked_for_listings_too() -> None:
    """classify_block (run on every response, listings included) knows Cloudflare whatever the status."""
    for case in ("cloudflare-503-just-a-moment", "cloudflare-403-no-mitigated-header"):
        _meta, page, _rules = load(case)
        assert classify_block(page) == "challenge-cloudflare", case
    _meta, page, _rules = load("cloudflare-503-just-a-moment")
    plain = RawPage(url=page.url, body=b"<html><body><p>Service unavailable</p></body></html>", status=503)
    assert classify_block(plain) is None
    header_only = RawPage(url=page.url, body=b"", status=403, headers=(("cf-mitigated", "challenge"),))
    assert classify_block(header_only) == "challenge-cloudflare"


def test_site_patterns_are_what_flags_site_templates() -> None:
    for case in ("site-pattern-archived-notice", "site-pattern-rate-limited"):
        _meta, page, _rules = load(case)
        assert classify_page(page) is None, case


def test_the_decoded_text_can_be_given() -> None:
    _meta, page, _rules = load("trs-soft-404-gbk")
    assert verdict(classify_page(page, text=page.body.decode("gbk"))) == {
        "kind": "missing",
        "reason": "soft-404",
    }


def article_pages() -> list[tuple[str, RawPage]]:
    pages = [
        (p.stem, RawPage(url="http://corpus.invalid/a.html", body=p.read_bytes()))
        for p in CORPUS.glob("*.html")
    ]
    for folder in sorted(PAGES.iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        headers = (("Content-Type", meta["content_type"]),) if meta.get("content_type") else ()
        pages.append(
            (folder.name, RawPage(url=meta["url"], body=(folder / "body.html").read_bytes(), headers=headers))
        )
    if SHARED_EN.is_dir():  # ../shared/corpus/articles_en beside the repository, when there is one
        pages += [
            (p.stem, RawPage(url="http://corpus.invalid/a.html", body=p.read_bytes()))
            for p in SHARED_EN.glob("*.html")
        ]
    return pages


def test_no_real_article_is_flagged() -> None:
    pages = article_pages()
    assert len(pages) >= 120
    flagged = [(name, found) for name, page in pages if (found := classify_page(page))]
    assert flagged == []


def test_bad_site_patterns_fail_at_load_naming_site_and_key() -> None:
    site = parse_site("gov", {"start_urls": ["http://www.example-gov.cn/"], "not_found_patterns": ["已归档"]})
    assert site.rules.not_found_patterns == ("已归档",)
    with pytest.raises(SiteConfigError, match=r"site 'gov': 'block_patterns' item 2: is not a valid regular"):
        parse_site(
            "gov", {"start_urls": ["http://www.example-gov.cn/"], "block_patterns": ["ok", "(unclosed"]}
        )


@settings(max_examples=100, deadline=None)
@given(body=st.binary(max_size=400), status=st.sampled_from([200, 403, 503]))
def test_random_bytes_never_raise(body: bytes, status: int) -> None:
    found = classify_page(RawPage(url="http://x.example/a.html", body=b"<html><body>" + body, status=status))
    assert found is None or found.kind in REASONS
