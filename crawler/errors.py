"""Download failures in words a person can act on, with a kind a program can count.

Scrapy and Twisted report failures as exception types that nest other failures; ``classify_failure`` turns
one into a ``FailureReason``: a short stable ``kind`` (``refused``, ``dns``, ``timeout``, ``robots``,
``off-site``, ``redirect-loop``, ``too-large``, ...) and one line that says what happened. The crawl records
both (``fetches.error``, the run's warnings and failure counts) and ``newsarchive probe`` reports the same,
so the two describe a failure alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

from .middlewares import CrawlStopping, OffsiteRedirect

# innermost exception type name -> (kind, message)
MESSAGES = {
    "DownloadTimeoutError": ("timeout", "timed out"),
    "TimeoutError": ("timeout", "timed out"),
    "TCPTimedOutError": ("timeout", "timed out connecting"),
    "ConnectionRefusedError": ("refused", "connection refused (is the server up?)"),
    "DNSLookupError": ("dns", "host name not found (DNS)"),
    "ConnectionDone": ("connection", "the server closed the connection without answering"),
    "ConnectionLost": ("connection", "the connection was lost mid-response"),
    "ResponseNeverReceived": ("connection", "the server closed the connection without answering"),
    "ResponseDataLossError": ("connection", "the response was cut short (fewer bytes than Content-Length)"),
    "ResponseFailed": ("connection", "the response was cut short"),
    "DownloadCancelledError": ("too-large", "too large"),
    "SSLError": ("tls", "TLS handshake failed"),
}


@dataclass(frozen=True, slots=True)
class FailureReason:
    kind: str
    message: str

    def __str__(self) -> str:
        return self.message


def _inner_names(value: BaseException) -> list[str]:
    names = [type(value).__name__]
    for arg in getattr(value, "args", ()) or ():
        items = arg if isinstance(arg, list | tuple) else [arg]
        for item in items:
            if isinstance(item, Failure):
                names += _inner_names(item.value)
            elif isinstance(item, BaseException):
                names += _inner_names(item)
    for reason in getattr(value, "reasons", None) or ():  # twisted's ResponseNeverReceived and kin
        if isinstance(reason, Failure):
            names += _inner_names(reason.value)
    if value.__cause__ is not None:  # Scrapy re-raises transport errors "from" the original
        names += _inner_names(value.__cause__)
    return names


def classify_failure(failure: Failure) -> FailureReason:
    value = failure.value
    detail = str(value)
    if "max redirections" in detail:
        return FailureReason("redirect-loop", "redirect loop (too many redirects)")
    if isinstance(value, OffsiteRedirect):
        return FailureReason("off-site", detail)
    if isinstance(value, CrawlStopping):
        return FailureReason("stopped", detail)
    if isinstance(value, IgnoreRequest):
        if "robots.txt" in detail:
            return FailureReason("robots", "forbidden by robots.txt; not fetched")
        return FailureReason("ignored", detail or "request ignored")
    names = _inner_names(value)
    for name in reversed(names):  # the innermost known cause says the most
        if name in MESSAGES:
            kind, message = MESSAGES[name]
            if kind in ("timeout", "too-large") and detail:
                message += f": {detail}"
            return FailureReason(kind, message)
    return FailureReason("other", f"{names[0]}: {detail}" if detail else names[0])


def describe_failure(failure: Failure) -> str:
    return classify_failure(failure).message
