"""Extraction test cases: loaders for the fixture suite and the corpus, the scoring metrics, a review helper.

Fixture cases live in ``tests/fixtures/pages/<case>/`` (``body.html`` exact bytes, ``meta.json``,
``expected.json`` written by hand); corpus cases in ``tests/fixtures/corpus/articles/`` and
``tests/fixtures/corpus/articles_en/`` (``<id>.html`` + ``<id>.json``, copies of the shared DEV sets).
The metrics are those of the team's extraction scorer (``make score``), reimplemented so the quality gate
runs on a clean clone.

Review helper (prints what the code produces now; it never writes expected values):
    python -m tests.extract_cases show CASE      # a fixture case name or a corpus id
    python -m tests.extract_cases list
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.crawler.extract.page import RawPage

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
CORPUS = FIXTURES / "corpus" / "articles"
CORPUS_EN = FIXTURES / "corpus" / "articles_en"  # readability's test pages; labels are its own output
UNSPACED = {"zh", "ja", "th", "my", "lo", "km", "bo"}


@dataclass(frozen=True)
class Case:
    name: str
    page: RawPage
    expected: dict[str, Any]
    meta: dict[str, Any]


def fixture_names() -> list[str]:
    return sorted(p.name for p in PAGES.iterdir() if (p / "expected.json").exists()) if PAGES.exists() else []


def load_fixture(name: str) -> Case:
    folder = PAGES / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    headers = (("Content-Type", meta["content_type"]),) if meta.get("content_type") else ()
    page = RawPage(
        url=meta["url"],
        body=(folder / "body.html").read_bytes(),
        headers=headers,
        fetched_at=meta.get("fetched_at"),
        final_url=meta.get("final_url"),
    )
    return Case(name, page, expected, meta)


def corpus_cases(folder: Path = CORPUS) -> list[Case]:
    cases = []
    for jp in sorted(folder.glob("*.json")):
        hp = jp.with_suffix(".html")
        if not hp.exists():
            continue
        expected = json.loads(jp.read_text(encoding="utf-8"))
        url = expected.get("url") or f"http://corpus.invalid/{expected['id']}.html"
        cases.append(Case(expected["id"], RawPage(url=url, body=hp.read_bytes()), expected, {}))
    return cases


# --------------------------------------------------------------------------- metrics (as score_extraction.py)


def norm_label(s: Any) -> str:
    if s is None:
        return ""
    if isinstance(s, list | tuple):
        s = " ".join(map(str, s))
    s = unicodedata.normalize("NFKC", str(s)).casefold()
    return "".join(ch for ch in s if not (ch.isspace() or unicodedata.category(ch)[0] in "PSZC"))


_SITE_META = re.compile(
    rb"""<meta[^>]+(?:property|name)\s*=\s*["'](?:og:site_name|application-name)["'][^>]*>""", re.I
)
_CONTENT = re.compile(rb"""content\s*=\s*["']([^"']+)""", re.I)
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—·:]{1,2}\s+|\s*[｜|]\s*")


def site_names(body: bytes) -> list[str]:
    """The site's names as its own metas state them (og:site_name, application-name)."""
    names = []
    for tag in _SITE_META.findall(body[:200_000]):
        if m := _CONTENT.search(tag):
            names.append(m.group(1).decode("utf-8", "replace"))
    return names


def title_core(title: Any, names: list[str]) -> str:
    """A title without a leading or trailing part that is the site's name ("Title | eHow" -> "Title"),
    normalised: for comparing titles whatever a labeller's convention on site names."""
    text = str(title or "")
    known = {norm_label(n) for n in names if norm_label(n)}
    parts = [p for p in _TITLE_SEPARATOR.split(text) if p.strip()]
    while len(parts) > 1 and norm_label(parts[-1]) in known:
        parts.pop()
    while len(parts) > 1 and norm_label(parts[0]) in known:
        parts.pop(0)
    return norm_label(" ".join(parts))


_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def norm_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    m = _DATE_RE.search(str(value))
    if not m:
        return None
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def tokens(text: str, lang: str | None) -> collections.Counter[str]:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if (lang or "").split("-")[0] in UNSPACED:
        toks: list[str] = []
        for run in re.findall(r"\w+", text):
            toks.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        return collections.Counter(toks)
    return collections.Counter(re.findall(r"\w+", text))


def squash(text: str, lang: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    if (lang or "").split("-")[0] in UNSPACED:
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def prf(pred: str | None, gold: str, lang: str | None) -> tuple[float, float, float]:
    g, p = tokens(gold, lang), tokens(pred or "", lang)
    if not p or not g:
        return 0.0, 0.0, 0.0
    common = sum((p & g).values())
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return prec, rec, (0.0 if common == 0 else 2 * prec * rec / (prec + rec))


def score_case(expected: dict[str, Any], out: dict[str, Any]) -> dict[str, float]:
    """Per-field scores of one output against ground truth (a field without truth is left out)."""
    lang = expected.get("language")
    r: dict[str, float] = {}
    if expected.get("title"):
        r["title"] = float(norm_label(out.get("title")) == norm_label(expected["title"]) != "")
    if expected.get("published"):
        r["published"] = float(norm_date(out.get("published")) == norm_date(expected["published"]))
    for key in ("source", "author"):
        if expected.get(key):
            r[key] = float(norm_label(out.get(key)) == norm_label(expected[key]))
    if expected.get("text"):
        r["P"], r["R"], r["F1"] = prf(out.get("text") or "", expected["text"], lang)
    snippets = [s for s in expected.get("text_snippets") or expected.get("text_contains") or [] if s.strip()]
    if snippets:
        t = squash(out.get("text") or "", lang)
        r["snippets"] = sum(squash(s, lang) in t for s in snippets) / len(snippets)
    absent = [s for s in expected.get("text_absent") or [] if s.strip()]
    if absent:
        t = squash(out.get("text") or "", lang)
        r["leak"] = sum(squash(s, lang) in t for s in absent) / len(absent)
    return r


# --------------------------------------------------------------------------- fixture comparison


def _folded(text: str | None) -> str:
    """Whitespace (NBSP, full-width spaces, line breaks) folded to single spaces."""
    return re.sub(r"\s+", " ", text or "").strip()


def compare_fixture(record: dict[str, Any], expected: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, expected, got) for every field of ``expected`` the record gets wrong.

    Scalar fields compare exactly (dates as ISO strings). List-valued checks: ``text_contains`` /
    ``text_absent`` (segments of the body text), ``warnings_include``, ``attachments`` (url + text),
    ``images`` (url + caption), ``html_absent`` (strings the cleaned HTML must not hold).
    """
    wrong: list[tuple[str, Any, Any]] = []
    text = _folded(record.get("text"))
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        if key == "text_contains":
            wrong.extend(("text_contains", s, "missing") for s in want if _folded(s) not in text)
        elif key == "text_absent":
            wrong.extend(("text_absent", s, "present") for s in want if _folded(s) in text)
        elif key == "html_absent":
            wrong.extend(("html_absent", s, "present") for s in want if s in (record.get("html") or ""))
        elif key == "warnings_include":
            wrong.extend(
                ("warnings", w, record.get("warnings")) for w in want if w not in record.get("warnings", [])
            )
        elif key in ("attachments", "images"):
            if record.get(key) != want:
                wrong.append((key, want, record.get(key)))
        elif key == "error":
            wrong.append(("error", want, "a record"))
        elif record.get(key) != want:
            wrong.append((key, want, record.get(key)))
    return wrong


def _show(name: str) -> None:
    from newsarchive.crawler.extract.article import extract_article
    from newsarchive.crawler.extract.record import ExtractionError

    if (PAGES / name).exists():
        case = load_fixture(name)
    else:
        matches = [c for c in (*corpus_cases(), *corpus_cases(CORPUS_EN)) if c.name == name]
        if not matches:
            raise SystemExit(f"no fixture case or corpus id {name!r}")
        case = matches[0]
    try:
        record = extract_article(case.page).to_dict()
    except ExtractionError as exc:
        print(json.dumps({"error": exc.reason}, ensure_ascii=False, indent=2))
        return
    text = record.pop("text")
    record.pop("html")
    print(json.dumps(record, ensure_ascii=False, indent=2))
    print("--- text ---")
    print(text)
    if case.expected and (PAGES / name).exists():
        print("--- differences from expected.json ---")
        for field, want, got in compare_fixture({**record, "text": text}, case.expected):
            print(f"{field}: expected {want!r}, got {got!r}")


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "show":
        _show(argv[1])
        return 0
    if argv == ["list"]:
        print("\n".join(fixture_names()))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
