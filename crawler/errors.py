"""Download failures in words a person can act on, for the log, the run record and ``fetches.error``.

Scrapy and Twisted report failures as exception types that nest other failures; ``describe_failure`` turns
them into one line that says what happened.
"""

from __future__ import annotations

from twisted.python.failure import Failure

MESSAGES = {
    "DownloadTimeoutError": "timed out",
    "TimeoutError": "timed out",
    "TCPTimedOutError": "timed out connecting",
    "ConnectionRefusedError": "connection refused (is the server up?)",
    "DNSLookupError": "host name not found (DNS)",
    "ConnectionDone": "the server closed the connection without answering",
    "ConnectionLost": "the connection was lost mid-response",
    "ResponseNeverReceived": "the server closed the connection without answering",
    "ResponseDataLossError": "the response was cut short (fewer bytes than Content-Length)",
    "ResponseFailed": "the response was cut short",
    "DownloadCancelledError": "too large",
    "SSLError": "TLS handshake failed",
}


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


def describe_failure(failure: Failure) -> str:
    value = failure.value
    names = _inner_names(value)
    detail = str(value)
    if "max redirections" in detail:
        return "redirect loop (too many redirects)"
    for name in reversed(names):  # the innermost known cause says the most
        if name in MESSAGES:
            message = MESSAGES[name]
            if name == "DownloadCancelledError" or name.endswith("TimeoutError"):
                message += f": {detail}" if detail else ""
            return message
    return f"{names[0]}: {detail}" if detail else names[0]
