"""The article's language (ISO 639-1), from its text first and the page's declaration second.

Called by ``article.py`` with the body text, title and the declared language (<html lang>, Content-Language).
Declarations are often template leftovers (lang="zh-CN" on an English page of a Chinese institute), so the
writing system of the text decides first; the declaration only picks among languages sharing a script, and a
small stop-word vote decides among Latin-script languages when nothing usable is declared.
"""

from __future__ import annotations

import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

_SCRIPT_LANG = {
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "THAI": "th",
    "MYANMAR": "my",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "DEVANAGARI": "hi",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "KHMER": "km",
    "LAO": "lo",
    "TAMIL": "ta",
    "BENGALI": "bn",
    "ETHIOPIC": "am",
    "TIBETAN": "bo",
}
_SCRIPT_FAMILIES = {
    "ARABIC": {"ar", "fa", "ur", "ps", "ug", "ku"},
    "CYRILLIC": {"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"},
    "DEVANAGARI": {"hi", "mr", "ne", "sa"},
}
_STOPWORDS = {
    "en": "the of and to in is that for on with as was by are this from at be it an has have which were",
    "fr": "le la les des et est une dans du en que pour qui sur par pas au avec sont ce cette aux",
    "de": "der die und das ist nicht mit den von zu ein eine sich auf dem des für im auch wird sind",
    "es": "el la los las de que y en un una del por con para es se al lo como más su sus fue",
    "it": "il la che di e è un una per non del della con sono gli le nel alla si anche",
    "pt": "o a os as de que e do da em um uma para com não por se dos das no na foi ao",
    "nl": "de het een en van is dat op te in zijn voor met niet aan er ook als bij",
    "pl": "i w na z że do się nie jest to o jak od po przez dla jego",
    "lv": "un ir ar no par uz kā lai bet ka tas to arī vai ir savu gada",
    "sv": "och att det som en på är av för med till den har inte om ett",
    "id": "yang dan di dari untuk dengan ini itu dalam tidak akan pada adalah ke oleh",
    "tr": "ve bir bu da de için ile olarak çok daha olan gibi ama en",
    "vi": "và của các là có được cho những một trong này với người không đã",
    "ro": "și de la în cu pe un o care să din pentru este nu mai",
    "cs": "a je v na se že to s z do jako pro ale jsou by",
    "da": "og i at det er en til på som med for af den ikke har",
    "fi": "ja on ei että se oli mutta hän kun myös tai ovat",
}
_NON_LATIN = frozenset(("zh", "ja", "ko", "ru", "uk", "ar", "fa", "th", "he", "el", "hi", "my", "bo", "ug"))
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE = 4000


_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3400-\u4dbf]")


def _script_counts(text: str) -> dict[str, int]:
    sample = text[:_SAMPLE]
    counts: dict[str, int] = {}
    for script, pattern in (("HAN", _HAN), ("LATIN", _ASCII_LETTER)):
        if found := len(pattern.findall(sample)):
            counts[script] = found
    for ch in _OTHER_LETTER.findall(sample):  # letters of other scripts, named one by one
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0] if name else "OTHER"
        if script == "CJK":
            script = "HAN"
        counts[script] = counts.get(script, 0) + 1
    return counts


def _declared(lang: str | None) -> str | None:
    if not lang:
        return None
    code = re.split(r"[-_]", lang.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def _latin_vote(text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE])]
    if len(words) < 5:
        return None
    scores = {lang: sum(w in stops for w in words) for lang, stops in _STOPSETS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 2 else None


def detect_language(text: str, title: str | None = None, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text (body first, title added), or None when there is no text to judge."""
    sample = f"{title or ''}\n{text}"
    counts = _script_counts(sample)
    total = sum(counts.values())
    hint = _declared(declared)
    if not total:
        return hint
    kana = counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0)
    if kana >= 0.05 * total:
        return "ja"
    script = max(counts, key=lambda k: counts[k])
    if script == "HAN":
        return "ja" if hint == "ja" else "zh"
    if script in _SCRIPT_FAMILIES and hint in _SCRIPT_FAMILIES[script]:
        return hint
    if script in _SCRIPT_LANG:
        return _SCRIPT_LANG[script]
    if script == "CYRILLIC":
        return "ru"
    if script == "LATIN" or (len(script) > 4 and script.startswith("LATIN")):
        if hint and hint not in _NON_LATIN:
            return hint
        return _latin_vote(sample)
    return hint
