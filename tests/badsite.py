"""A misbehaving news site for crawl tests, served under /bad/ by its own sitekit LoopbackServer.

Its listing links good articles and every kind of trouble a real crawl meets: 404, 500, 503 with
Retry-After, a redirect loop, an oversized body, a dropped connection, a truncated body, binary and empty
bodies, wrong and missing charsets, a robots.txt-forbidden page and an anti-bot 412 challenge. ``EXPECTED``
says what the archive must make of each link. (A page slower than the timeout is the fault server's:
sitekit/faults.py, tests/test_faults.py.)
"""

from __future__ import annotations

from newsarchive.sitekit.cms.feeds import robots_txt
from newsarchive.sitekit.server import Request, Response, Router

PARAGRAPH = (
    "The institute's laboratory for advanced materials reported progress on low-carbon ceramics "
    "this week, presenting results to visiting delegations from industry and universities. "
)


def article_html(title: str, date: str, body: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{body} {PARAGRAPH * 3}</p>" for _ in range(4))
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title} - Test Institute</title></head><body>"
        "<div class='nav'><a href='/bad/index.html'>News</a> <a href='/bad/about.html'>About us</a></div>"
        f"<div class='article'><h1>{title}</h1><div class='info'>发布时间：{date} 来源：测试研究所</div>"
        f"<div class='content'>{paragraphs}</div></div>"
        "<div class='footer'>版权所有 测试研究所 粤ICP备00000000号</div></body></html>"
    )


GOOD = {
    "good-1": ("First good article about ceramics", "2024-03-01"),
    "good-2": ("Second good article about batteries", "2024-03-02"),
    "good-3": ("Third good article about sensors", "2024-03-03"),
}
CHINESE = "研究所召开新型储能材料学术研讨会"
CHINESE2 = "省科学院与兄弟院所签署科技合作协议"

# link -> what the crawl must record: "new" (an article), "failed", "blocked", "robots" (not fetched)
EXPECTED = {
    **{f"/bad/{k}.html": "new" for k in GOOD},
    "/bad/gbk-header-lies.html": "new",
    "/bad/gbk-no-charset.html": "new",
    "/bad/retry-after.html": "new",  # 503 once, then 200
    "/bad/404.html": "missing",
    "/bad/500.html": "failed",
    "/bad/loop.html": "failed",
    "/bad/huge.html": "failed",
    "/bad/drop.html": "failed",
    "/bad/truncated.html": "failed",
    "/bad/binary.html": "failed",
    "/bad/empty.html": "failed",
    "/bad/challenge.html": "blocked",
    "/bad/private/secret.html": "robots",
}


def listing_html() -> str:
    rows = "".join(
        f"<li><a href='{path}' title='Item {i}: {path.rsplit('/', 1)[-1]} news of the institute'>"
        f"Item {i}: news of the institute {path.rsplit('/', 1)[-1]}</a>"
        f"<span>2024-03-{i % 28 + 1:02d}</span></li>"
        for i, path in enumerate(EXPECTED, 1)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>News - Test Institute</title></head>"
        f"<body><div class='nav'><a href='/bad/about.html'>About</a></div><ul class='list'>{rows}</ul>"
        "</body></html>"
    )


class BadSite:
    def __init__(self) -> None:
        self.retry_after_seen = 0

    def __call__(self, request: Request) -> Response | None:
        name = request.path.removeprefix("/bad/").removesuffix(".html")
        if name == "index":
            return Response(body=listing_html().encode())
        if name in GOOD:
            title, date = GOOD[name]
            return Response(body=article_html(title, date, title).encode())
        return self._trouble(name)

    def _trouble(self, name: str) -> Response | None:
        match name:
            case "gbk-header-lies":
                page = article_html(CHINESE, "2024-03-05", CHINESE * 3, charset=None).encode("gbk")
                return Response(body=page, content_type="text/html; charset=utf-8")
            case "gbk-no-charset":
                page = article_html(CHINESE2, "2024-03-06", CHINESE2 * 3, charset=None).encode("gbk")
                return Response(body=page, content_type="text/html")
            case "retry-after":
                self.retry_after_seen += 1
                if self.retry_after_seen % 2:  # every first request of a crawl: busy, come back later
                    return Response(503, b"busy", headers=[("Retry-After", "1")], etag=False)
                return Response(body=article_html("Recovered after a retry", "2024-03-06", "retry").encode())
            case "404":
                return Response(404, b"<html><body>not found</body></html>", etag=False)
            case "500":
                return Response(500, b"<html><body>server error</body></html>", etag=False)
            case "loop":
                return Response(302, b"", headers=[("Location", "/bad/loop.html")], etag=False)
            case "huge":
                return Response(body=b"<html><body>" + b"<p>big</p>" * 300_000 + b"</body></html>")
            case "drop":
                return Response(drop=True)
            case "truncated":
                return Response(body=article_html("Cut", "2024-03-08", "cut").encode(), truncate_to=200)
            case "binary":
                return Response(body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, content_type="text/html")
            case "empty":
                return Response(body=b"", content_type="text/html")
            case "challenge":
                return Response(
                    412,
                    b"<html><script>var _0x1=document.cookie;location.reload();</script></html>",
                    etag=False,
                )
            case "private/secret":
                return Response(body=article_html("Secret", "2024-03-09", "secret").encode())
        return None


ROBOTS = robots_txt({"*": ("/bad/private/",)})


def make_bad_app() -> Router:
    router = Router()
    router.mount("/bad/", BadSite())
    router.mount("/robots.txt", lambda request: Response(body=ROBOTS, content_type="text/plain"))
    return router
