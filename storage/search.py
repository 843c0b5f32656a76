"""One search for the archive: the rules every search box follows, as SQL functions Datasette can call.

Used by the ``search`` canned query (storage/metadata.json) and, through it, by the articles table's own
search box (the Datasette plugin hands ``?_search=`` over to it). ``register_functions`` adds three SQL
functions to a connection (the plugin's ``prepare_connection`` hook calls it):

- ``search_fts(q)``: an FTS5 query for the trigram index ``articles_fts`` built from the terms of 3+
  characters, or NULL when ``q`` has none (then every article is a candidate);
- ``search_match(q, title, text)``: 1 when every term is in the title or the text;
- ``search_snippet(q, title, text)``: HTML around the first hit, hits wrapped in ``<mark>``.

The rules: terms are separated by spaces (ASCII or full-width) and ANDed; ``"two words"`` is one term. A term
holding a CJK character matches as a substring (Chinese has no spaces between words), whatever its length. Any
other term matches whole words only, case-insensitively: ``AI`` finds "AI lab" and "AI技术" but not "said";
``quant*`` matches words starting with "quant". The trigram index narrows the candidates; the exact rule is
checked on each candidate, so a 1-2 character term works everywhere (by a scan when no term has 3+).
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

SNIPPET_CHARS = 160  # characters of text around the first hit
MAX_TERMS = 12

_CJK = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)
_TERMS = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as typed, without quotes or the trailing *
    whole_word: bool  # match at word boundaries (non-CJK terms)
    prefix: bool  # ``word*``: the word may go on

    def pattern(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.text), re.IGNORECASE)


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


@lru_cache(maxsize=256)
def parse_query(q: str | None) -> tuple[Term, ...]:
    """The terms of ``q`` (see the module docstring); empty when ``q`` holds none."""
    terms: list[Term] = []
    for quoted, bare in _TERMS.findall((q or "").replace("\u3000", " ")):
        raw = (quoted if quoted else bare).strip()
        prefix = not quoted and raw.endswith("*") and len(raw) > 1
        text = raw.rstrip("*") if prefix else raw
        if not text or not any(ch.isalnum() for ch in text):
            continue
        cjk = has_cjk(text)
        terms.append(Term(text, whole_word=not cjk, prefix=prefix and not cjk))
    return tuple(dict.fromkeys(terms))[:MAX_TERMS]


def fts_query(q: str | None) -> str | None:
    """FTS5 MATCH expression for the trigram index (terms of 3+ characters, ANDed), or None."""
    phrases = ['"' + t.text.replace('"', '""') + '"' for t in parse_query(q) if len(t.text) >= 3]
    return " AND ".join(phrases) or None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and not has_cjk(ch)


def find_hits(term: Term, value: str) -> list[tuple[int, int]]:
    """(start, end) of each match of ``term`` in ``value``, word boundaries respected."""
    hits = []
    for m in term.pattern().finditer(value):
        start, end = m.span()
        if term.whole_word:
            if start > 0 and _is_word_char(value[start - 1]):
                continue
            if not term.prefix and end < len(value) and _is_word_char(value[end]):
                continue
            while term.prefix and end < len(value) and _is_word_char(value[end]):
                end += 1  # a prefix hit covers the whole word
        hits.append((start, end))
    return hits


def _contains(term: Term, value: str | None) -> bool:
    if not value or term.text.lower() not in value.lower():
        return False
    return not term.whole_word or bool(find_hits(term, value))


def matches(q: str | None, title: str | None, text: str | None) -> bool:
    """True when ``q`` has terms and every one is in ``title`` or ``text``."""
    terms = parse_query(q)
    return bool(terms) and all(_contains(t, title) or _contains(t, text) for t in terms)


def snippet(q: str | None, title: str | None, text: str | None, width: int = SNIPPET_CHARS) -> str:
    """HTML: about ``width`` characters of the text around the first hit (the title's start when only the
    title matches), escaped, every hit wrapped in ``<mark>``."""
    terms = parse_query(q)
    body = text or ""
    spans = sorted(s for t in terms for s in find_hits(t, body))
    if spans:
        start = max(0, spans[0][0] - width // 3)
        window = body[start : start + width]
        lead, tail = ("…" if start else ""), ("…" if start + width < len(body) else "")
    else:
        start, window, lead, tail = 0, body[:width], "", ("…" if len(body) > width else "")
    window = " ".join(window.split())  # paragraphs onto one line
    return lead + mark(window, terms) + tail


def mark(value: str, terms: tuple[Term, ...]) -> str:
    """``value`` escaped, with the hits of ``terms`` wrapped in ``<mark>`` (overlapping hits merged)."""
    spans = sorted(s for t in terms for s in find_hits(t, value))
    out: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            if end > pos:  # overlaps the previous hit: extend it
                out[-1] = out[-1][: -len("</mark>")] + html.escape(value[pos:end]) + "</mark>"
                pos = end
            continue
        out.append(html.escape(value[pos:start]))
        out.append("<mark>" + html.escape(value[start:end]) + "</mark>")
        pos = end
    out.append(html.escape(value[pos:]))
    return "".join(out)


def register_functions(conn: sqlite3.Connection) -> None:
    """Add ``search_fts``, ``search_match`` and ``search_snippet`` to ``conn``."""
    conn.create_function("search_fts", 1, fts_query, deterministic=True)
    conn.create_function(
        "search_match", 3, lambda q, title, text: int(matches(q, title, text)), deterministic=True
    )
    conn.create_function("search_snippet", 3, snippet, deterministic=True)
