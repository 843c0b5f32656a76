"""Inline diffs for readers: exactly which characters (CJK) or words (other scripts) changed between versions.

Used by ``storage.history`` (the article page's history) and ``storage.feeds`` (the changes feed), computed
from the stored version texts (``article_versions.text`` and the metadata fields), never from the stored
unified diff (``storage.diff``, which stays the archive's record). Pure functions, no I/O.

Text is compared paragraph by paragraph (one paragraph per line, as stored): unchanged paragraphs are folded
to a count, except ``CONTEXT`` on each side of a change; a changed paragraph is compared token by token,
where a token is one CJK character, a run of letters and digits of another script, a run of spaces, or one
punctuation mark. ``to_html`` renders the result with ``<del>`` / ``<ins>``, everything else escaped.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

CONTEXT = 1  # unchanged paragraphs shown around a change

_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_TOKEN = re.compile(f"[{_CJK}]|(?:(?![{_CJK}])[^\\W_])+|\\s+|.", re.DOTALL)

EQUAL, DELETE, INSERT = "=", "-", "+"
Segment = tuple[str, str]  # (EQUAL | DELETE | INSERT, text)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One line of the text diff: unchanged (``segments`` all EQUAL), changed, or ``skipped`` unchanged
    paragraphs folded away (then ``segments`` is empty)."""

    segments: tuple[Segment, ...] = ()
    skipped: int = 0

    @property
    def changed(self) -> bool:
        return any(op != EQUAL for op, _ in self.segments)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def inline(old: str, new: str) -> tuple[Segment, ...]:
    """Segments turning ``old`` into ``new``, token by token, adjacent segments of one kind merged."""
    a, b = tokens(old), tokens(new)
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(out, EQUAL, "".join(a[i1:i2]))
            continue
        _add(out, DELETE, "".join(a[i1:i2]))
        _add(out, INSERT, "".join(b[j1:j2]))
    return tuple(out)


def _add(out: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    elif op == DELETE and out and out[-1][0] == INSERT:  # keep "- then +" order inside a change
        out.insert(len(out) - 1, (op, text))
    else:
        out.append((op, text))


def text_diff(old: str | None, new: str | None, context: int = CONTEXT) -> tuple[Paragraph, ...]:
    """Paragraph-aligned diff of two texts, unchanged runs folded to ``context`` paragraphs a side."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    out: list[Paragraph] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            out.extend(_fold(a[i1:i2], context, first=n == 0, last=n == len(opcodes) - 1))
            continue
        old_lines, new_lines = a[i1:i2], b[j1:j2]
        for k in range(max(len(old_lines), len(new_lines))):
            before = old_lines[k] if k < len(old_lines) else None
            after = new_lines[k] if k < len(new_lines) else None
            if before is None:
                out.append(Paragraph(((INSERT, after or ""),)))
            elif after is None:
                out.append(Paragraph(((DELETE, before),)))
            else:
                out.append(Paragraph(inline(before, after)))
    return tuple(out)


def _fold(lines: list[str], context: int, *, first: bool, last: bool) -> list[Paragraph]:
    head = [] if first else lines[:context]
    tail = [] if last else lines[max(len(head), len(lines) - context) :]
    hidden = len(lines) - len(head) - len(tail)
    out = [Paragraph(((EQUAL, line),)) for line in head]
    if hidden:
        out.append(Paragraph(skipped=hidden))
    return out + [Paragraph(((EQUAL, line),)) for line in tail]


def segments_html(segments: tuple[Segment, ...]) -> str:
    parts = []
    for op, text in segments:
        escaped = html.escape(text)
        if op == DELETE:
            parts.append(f'<del class="na-del">{escaped}</del>')
        elif op == INSERT:
            parts.append(f'<ins class="na-ins">{escaped}</ins>')
        else:
            parts.append(escaped)
    return "".join(parts)


def to_html(paragraphs: tuple[Paragraph, ...]) -> str:
    """The text diff as HTML: one ``<p>`` per paragraph, folded runs as a note."""
    out = []
    for p in paragraphs:
        if p.skipped:
            noun = "paragraph" if p.skipped == 1 else "paragraphs"
            out.append(f'<p class="na-skip">… {p.skipped} unchanged {noun} …</p>')
        else:
            css = "na-para na-changed" if p.changed else "na-para"
            out.append(f'<p class="{css}">{segments_html(p.segments)}</p>')
    return "\n".join(out)
