"""RawPage: exactly what was fetched, the input of every extractor and of the raw archive; and its decoding.

Sits at the start of the pure half of the data flow: the spider turns a Scrapy response into a RawPage,
extractors read it (``decode_page`` first), the store archives it, and ``newsarchive reextract`` rebuilds it
from the archive.

Decoding follows browsers and Scrapy (BOM, header charset, ``<meta>``, then a default), reading gb2312 and gbk
as gb18030, and then checks the result: a declaration that leaves replacement characters or mojibake is
overridden by detection (valid UTF-8, then GB18030, then charset-normalizer), with a warning saying so.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RawPage:
    """One HTTP exchange as received. ``headers`` keep order and repeats, names as sent."""

    url: str  # the URL requested
    body: bytes = field(repr=False)  # logs show the URL and status, never the page
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    final_url: str | None = None  # after redirects; None means same as url
    fetched_at: str | None = None  # ISO 8601 UTC, e.g. "2026-11-23T10:00:00Z"
    method: str = "GET"
    request_headers: tuple[tuple[str, str], ...] = ()
    request_body: bytes | None = field(default=None, repr=False)

    @property
    def effective_url(self) -> str:
        """The URL the body was served from: relative links resolve against it."""
        return self.final_url or self.url

    def header(self, name: str) -> str | None:
        """First value of a response header, case-insensitive."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None

    @property
    def content_type(self) -> str | None:
        return self.header("Content-Type")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used, e.g. "gb18030", "utf-8"
    warnings: tuple[str, ...] = ()


# Warning codes (stable: they end up in ArticleRecord.warnings)
W_DETECTED = "encoding:detected"  # nothing usable was declared; the encoding was detected
W_OVERRIDDEN = "encoding:declaration-overridden"  # a declaration was wrong; detection replaced it
W_HINT = "encoding:from-site-hint"  # the site's configured charset was used
W_REPLACED = "encoding:replacement-characters"  # no encoding decodes the bytes cleanly

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Also matches malformed declarations such as <meta httpequiv="ContentType" content="text/html; charset=gbk">
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{2,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_DECLARATION_SCAN = 32 * 1024  # saved pages put long <head>s (or a wrapper line) before the <meta>
_SAMPLE_CHARS = 3000  # non-ASCII characters looked at when judging a decoding
_MAX_REPLACED_SHARE = 0.01  # broken bytes tolerated (CMSs cut GBK strings mid-character)
_MAX_MESS = 0.2  # charset-normalizer's own default threshold for "this is not text"
_PRIVATE_USE = re.compile("[\ufffd\ue000-\uf8ff]")
_WEB_ALIASES = {  # browsers' readings of common labels (WHATWG encoding standard)
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "tis-620": "cp874",
    "iso8859-9": "cp1254",
    # a <meta> that says utf-16 on an ASCII-compatible document means utf-8 (HTML spec)
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "unicode": "utf-8",
}


def normalize_encoding(label: str | None) -> str | None:
    """The Python codec to use for a charset label, as a browser reads it; None for unknown labels."""
    if not label:
        return None
    raw = label.strip().strip("\"'").lower()
    raw = _WEB_ALIASES.get(raw, raw)
    try:
        name = codecs.lookup(raw).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def declared_encodings(page: RawPage) -> list[tuple[str, str]]:
    """(where, codec) for each usable declaration, in the order browsers trust them: header, meta, XML."""
    found: list[tuple[str, str]] = []
    header = page.content_type
    if header and (m := _HEADER_CHARSET.search(header)):
        found.append(("header", m.group(1)))
    head = page.body[:_DECLARATION_SCAN]
    if meta := _META_CHARSET.search(head):
        found.append(("meta", meta.group(1).decode("ascii")))
    if xml := _XML_ENCODING.search(head):
        found.append(("xml", xml.group(1).decode("ascii")))
    result: list[tuple[str, str]] = []
    for where, label in found:
        codec = normalize_encoding(label)
        if codec is None:
            logger.debug("unknown charset %r in %s of %s", label, where, page.effective_url)
        elif all(codec != c for _, c in result):
            result.append((where, codec))
    return result


def _bom(body: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec, len(bom)
    return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _non_ascii_sample(text: str) -> str:
    runs = re.findall(r"[^\x00-\x7f]+", text[:400_000])
    return " ".join(runs)[:_SAMPLE_CHARS]


def _looks_right(body: bytes, codec: str) -> str | None:
    """The decoded text when ``codec`` reads the body cleanly: few broken bytes and no mojibake; else None."""
    from charset_normalizer.md import mess_ratio

    try:
        text = body.decode(codec, errors="replace")
    except LookupError:
        return None
    sample = _non_ascii_sample(text)
    if not sample:
        return text
    replaced = sample.count("\ufffd")
    if replaced > max(2, _MAX_REPLACED_SHARE * len(sample)):
        return None
    # private-use characters are how GB18030 reads the GBK user-defined area: rare glyphs, not mess
    if mess_ratio(_PRIVATE_USE.sub("", sample), _MAX_MESS) >= _MAX_MESS:
        return None
    return text


def _detect(body: bytes) -> tuple[str, str] | None:
    """(codec, text) found without trusting any declaration: near-valid UTF-8, GB18030, charset-normalizer."""
    for codec in ("utf-8", "gb18030"):
        text = _looks_right(body, codec)
        if text is not None:
            return codec, text
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    detected = normalize_encoding(best.encoding) if best is not None else None
    if detected:
        found = _looks_right(body, detected)
        if found is not None:
            return detected, found
    return None


def _ascii_compatible(codec: str) -> bool:
    try:
        return "a<b>".encode(codec) == b"a<b>"
    except (LookupError, UnicodeError):
        return False


def _fix_gb18030(decoded: Decoded) -> Decoded:
    """GBK byte pair A3A0 is a full-width space on real pages (the WHATWG Encoding Standard now decodes it as
    U+3000); Python's gb18030 gives the private-use U+E5E5."""
    if decoded.encoding == "gb18030" and "\ue5e5" in decoded.text:
        return Decoded(decoded.text.replace("\ue5e5", "\u3000"), decoded.encoding, decoded.warnings)
    return decoded


def decode_page(page: RawPage, hint: str | None = None) -> Decoded:
    """Decode the body as browsers do (see ``_decode``), gb18030's A3A0 read as a full-width space."""
    return _fix_gb18030(_decode(page, hint))


def _decode(page: RawPage, hint: str | None = None) -> Decoded:
    """Decode the body as browsers do, then check the result and fall back to detection when it is wrong.

    Order: BOM; bytes that are valid UTF-8 (a GBK page is never valid UTF-8, so this catches saved pages whose
    ``charset=gbk`` lies); the header charset; ``<meta>`` (also malformed ones); an XML declaration; ``hint``
    (SiteRules.charset); then detection. gb2312/gbk are read as gb18030. ``warnings`` say when a declaration
    was overridden, the hint or detection was used, or the bytes could not be decoded cleanly.
    """
    body = page.body
    if bom := _bom(body):
        codec, size = bom
        return Decoded(body[size:].decode(codec, errors="replace"), codec)
    declared = declared_encodings(page)
    hint_codec = normalize_encoding(hint)
    if body.isascii():
        usable = [c for _, c in declared if _ascii_compatible(c)]
        return Decoded(body.decode("ascii"), usable[0] if usable else hint_codec or "utf-8")
    if _is_utf8(body):
        overridden = declared and declared[0][1] != "utf-8"
        return Decoded(body.decode("utf-8"), "utf-8", (W_OVERRIDDEN,) if overridden else ())
    for _where, codec in declared:
        text = _looks_right(body, codec)
        if text is not None:
            return Decoded(text, codec)
    warnings: list[str] = [W_OVERRIDDEN] if declared else []
    if hint_codec:
        text = _looks_right(body, hint_codec)
        if text is not None:
            return Decoded(text, hint_codec, (*warnings, W_HINT))
    if detected := _detect(body):
        codec, text = detected
        logger.debug("detected %s for %s (declared %s)", codec, page.effective_url, declared)
        return Decoded(text, codec, (*warnings, W_DETECTED))
    codec = declared[0][1] if declared else hint_codec or "utf-8"
    return Decoded(body.decode(codec, errors="replace"), codec, (*warnings, W_REPLACED))
