"""canonical_url: one identity per article URL, whatever tracking, session or index-file noise it carries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.storage.urls import canonical_url, scheme_host_key

CASES = [
    # scheme and host case, default port, fragment
    ("HTTP://WWW.Example.CN:80/News/T1.html#top", "http://www.example.cn/News/T1.html"),
    ("https://example.cn:443/a", "https://example.cn/a"),
    ("https://example.cn:8443/a", "https://example.cn:8443/a"),
    ("https://example.cn", "https://example.cn/"),
    # tracking parameters, sorted query, blank values kept
    ("https://x.cn/a?utm_source=wx&b=2&a=1&utm_medium=m", "https://x.cn/a?a=1&b=2"),
    ("https://x.cn/a?id=5&fbclid=IwAR0&gclid=x&spm=a2c.b&from=timeline", "https://x.cn/a?id=5"),
    ("https://x.cn/a?from=list&id=5", "https://x.cn/a?from=list&id=5"),  # a real 'from' stays
    ("https://x.cn/a?q=&id=1", "https://x.cn/a?id=1&q="),
    ("https://x.cn/a?id=1&isappinstalled=0&_=1732000000000", "https://x.cn/a?id=1"),
    # session ids in the path and the query; a short sid is content, a token-like one is a session
    ("http://x.cn/detail.jsp;jsessionid=0A1B2C3D4E?id=9", "http://x.cn/detail.jsp?id=9"),
    ("http://x.cn/a.php?PHPSESSID=abcdef&id=3", "http://x.cn/a.php?id=3"),
    ("http://x.cn/list?sid=12", "http://x.cn/list?sid=12"),
    ("http://x.cn/list?sid=9f8e7d6c5b4a39281706&p=2", "http://x.cn/list?p=2"),
    # index files
    ("https://x.cn/news/index.html", "https://x.cn/news/"),
    ("https://x.cn/news/INDEX.SHTML", "https://x.cn/news/"),
    ("https://x.cn/default.aspx?page=2", "https://x.cn/?page=2"),
    ("https://x.cn/news/index_2.html", "https://x.cn/news/index_2.html"),
    # percent-encoding normalized; Chinese paths encoded as UTF-8
    ("https://x.cn/新闻/a.html?q=中文", "https://x.cn/%E6%96%B0%E9%97%BB/a.html?q=%E4%B8%AD%E6%96%87"),
    ("https://x.cn/%e6%96%b0%e9%97%bb/a.html", "https://x.cn/%E6%96%B0%E9%97%BB/a.html"),
    ("https://x.cn/a/./b/../c.html", "https://x.cn/a/c.html"),
    # route fragments of single-page sites are identities
    ("https://x.cn/#!/detail/42", "https://x.cn/#!/detail/42"),
    ("https://x.cn/#/detail/42", "https://x.cn/#/detail/42"),
    # not http(s): returned as given
    ("mailto:office@x.cn", "mailto:office@x.cn"),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_both_schemes_and_strip_www() -> None:
    assert canonical_url("http://www.x.cn/a", both_schemes=True) == "https://www.x.cn/a"
    assert canonical_url("https://www.x.cn/a", strip_www=True) == "https://x.cn/a"
    assert scheme_host_key("http://WWW.x.cn/a?utm_source=1") == scheme_host_key("https://x.cn/a")
    assert scheme_host_key("https://x.cn/a") != scheme_host_key("https://y.cn/a")


urls = st.builds(
    lambda scheme, host, port, segs, params, frag: (
        f"{scheme}://{host}{port}/"
        + "/".join(segs)
        + ("?" + "&".join(params) if params else "")
        + (f"#{frag}" if frag else "")
    ),
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["www.example.cn", "Example.CN", "news.x.org.cn", "127.0.0.1"]),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(st.text("abc中文%.-_~ ", min_size=1, max_size=6), max_size=4),
    st.lists(
        st.sampled_from(
            [
                "id=1",
                "utm_source=x",
                "b=",
                "a=2",
                "spm=1.2",
                "from=timeline",
                "p=%E4%B8%AD",
                "sid=abcdefabcdefabcdef12",
                "q=a+b",
            ]
        ),
        max_size=4,
    ),
    st.sampled_from(["", "top", "!/r/1"]),
)


@settings(max_examples=300, deadline=None)
@given(urls)
def test_canonical_url_is_idempotent_and_drops_noise(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "spm=" not in once and "from=timeline" not in once
    assert "#top" not in once
    assert once.startswith(("http://", "https://"))
    assert not once.startswith("http://") or ":80/" not in once
    assert not once.startswith("https://") or ":443/" not in once
