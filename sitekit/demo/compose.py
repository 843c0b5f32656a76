"""Write one article (a ``Draft``) from the phrase banks: pick coherent slot values, fill the templates.

Part of the offline demo (``sitekit/demo``): content asks compose for drafts; compose reads the banks.
Deterministic: every choice comes from the ``random.Random`` passed in.
"""

from __future__ import annotations

import datetime as dt
import random

from newsarchive.sitekit.pages import MONTHS

from . import bank_en as en
from . import bank_science as sci
from . import bank_zh as zh
from .bank_zh_stories import PARAGRAPHS as ZH_PARAGRAPHS
from .bank_zh_stories import STORIES as ZH_STORIES
from .model import Draft


def fill(template: str, slots: dict[str, object]) -> str:
    return template.format_map(slots)


def month_day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def _event_day(rng: random.Random, when: dt.datetime) -> dt.date:
    return when.date() - dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))


def _paragraphs(
    rng: random.Random, slots: tuple[tuple[str, ...], ...], values: dict[str, object]
) -> tuple[str, ...]:
    return tuple(fill(rng.choice(alternatives), values) for alternatives in slots)


def _captions(
    rng: random.Random, bank: tuple[str, ...], values: dict[str, object], share: float
) -> tuple[str, ...]:
    if rng.random() >= share:
        return ()
    return tuple(fill(c, values) for c in rng.sample(bank, min(len(bank), rng.choice((1, 1, 2)))))


# --------------------------------------------------------------------------- Chinese (TRS academy section)


def zh_slots(rng: random.Random, when: dt.datetime, *, rare_names: bool) -> dict[str, object]:
    topic = rng.choice(zh.TOPICS)
    person, person2, person3 = rng.sample(zh.PEOPLE, 3)
    leader, role = rng.choice(zh.LEADERS)
    foreign_org, country = rng.choice(zh.FOREIGN_ORGS)
    speakers = zh.RARE_PEOPLE if rare_names else zh.PEOPLE
    day = _event_day(rng, when)
    values: dict[str, object] = {
        "inst": zh.INSTITUTE,
        "inst_short": zh.INSTITUTE_SHORT,
        "academy": zh.ACADEMY,
        "date_md": f"{day.month}月{day.day}日",
        "year": when.year,
        "date_md2": f"{(day + dt.timedelta(days=1)).month}月{(day + dt.timedelta(days=1)).day}日",
        "group": rng.choice(zh.GROUPS),
        "journal": rng.choice(zh.JOURNALS),
        "topic": topic[0],
        "field": topic[1],
        "use": topic[2],
        "problem": topic[3],
        "method": topic[4],
        "result": topic[5],
        "metric": topic[6],
        "value": topic[7],
        "person": person,
        "person2": person2,
        "person3": person3,
        "staff_role": rng.choice(zh.STAFF_ROLES),
        "inst_person": leader,
        "inst_role": role,
        "party_secretary": zh.PARTY_SECRETARY,
        "gov": rng.choice(zh.GOVERNMENT),
        "official": rng.choice(zh.PEOPLE),
        "official_role": rng.choice(zh.OFFICIAL_ROLES),
        "company": rng.choice(zh.COMPANIES),
        "foreign_org": foreign_org,
        "country": country,
        "partner": rng.choice(zh.UNIVERSITIES + zh.COMPANIES + zh.GOVERNMENT[4:]),
        "speaker": rng.choice(speakers),
        "speaker_org": rng.choice(zh.UNIVERSITIES + tuple(o for o, _ in zh.FOREIGN_ORGS)),
        "speaker_title": rng.choice(zh.FOREIGN_TITLES),
        "talk": rng.choice(zh.TALK_TOPICS),
        "forum": rng.choice(zh.FORUMS),
        "conference": rng.choice(zh.CONFERENCES),
        "city": rng.choice(zh.CITIES),
        "award": rng.choice(zh.AWARDS),
        "honor": rng.choice(zh.HONORS),
        "theme": rng.choice(zh.PARTY_THEMES),
        "meeting": rng.choice(zh.MEETINGS),
        "n": rng.randint(2, 4),
        "count": rng.choice((40, 60, 80, 100, 120, 150)),
    }
    values["paper"] = fill(rng.choice(zh.PAPER_TITLES), values)
    return values


def compose_trs(rng: random.Random, kind: str, when: dt.datetime, *, rare_names: bool = False) -> Draft:
    values = zh_slots(rng, when, rare_names=rare_names)
    template, openings = rng.choice(ZH_STORIES[kind])
    if "期" in template:
        values["n"] = rng.randint(12, 96)
    if kind == "visit":
        _zh_visitor(rng, template, values)
    title = fill(template, values)
    paragraphs = (fill(rng.choice(openings), values), *_paragraphs(rng, ZH_PARAGRAPHS[kind], values))
    captions = _captions(rng, zh.IMAGE_CAPTIONS[kind], values, 0.55)
    attachments: tuple[tuple[str, str], ...] = ()
    if kind in zh.ATTACHMENTS and rng.random() < 0.3:
        name, ext = rng.choice(zh.ATTACHMENTS[kind])
        attachments = ((f"{when.year}年{name}", ext),)
    return Draft(
        kind=kind,
        title=title,
        paragraphs=paragraphs,
        source=_zh_source(rng, kind, values),
        author=rng.choice(zh.PEOPLE) if rng.random() < 0.45 else None,
        editor=rng.choice(zh.PEOPLE) if rng.random() < 0.55 else None,
        captions=captions,
        attachments=attachments,
    )


def _zh_visitor(rng: random.Random, template: str, values: dict[str, object]) -> None:
    if "{foreign_org}" in template:
        name = rng.choice(zh.FOREIGN_PEOPLE)
        values["visitor_desc"] = f"{values['foreign_org']}代表团团长{name}"
        values["visitor_name"] = name
    elif "{company}" in template:
        values["visitor_desc"] = f"{values['company']}董事长{values['official']}"
        values["visitor_name"] = values["official"]
    else:
        values["visitor_desc"] = f"{values['gov']}{values['official_role']}{values['official']}"
        values["visitor_name"] = values["official"]


def _zh_source(rng: random.Random, kind: str, values: dict[str, object]) -> str:
    if kind in ("research", "award") and rng.random() < 0.2:
        return rng.choice(zh.MEDIA_SOURCES)
    by_kind = {
        "research": (str(values["group"]), "科研管理处", zh.INSTITUTE),
        "visit": ("综合办公室", "合作交流处"),
        "seminar": (str(values["group"]), "研究生部", "科研管理处"),
        "award": ("科研管理处", zh.INSTITUTE),
        "conference": ("科研管理处", "合作交流处", str(values["group"])),
        "honor": ("人事教育处", "党委办公室"),
        "party": ("党委办公室",),
        "cooperation": ("合作交流处", zh.INSTITUTE),
        "campus": ("综合办公室", "研究生部", "人事教育处"),
    }
    return rng.choice(by_kind[kind])


# --------------------------------------------------------------------------- English (gdasfs-style section)


def compose_gdasfs(rng: random.Random, kind: str, when: dt.datetime) -> Draft:
    field, field2 = rng.sample(en.FIELDS, 2)
    tech = rng.choice(en.TECHNOLOGIES)
    visitor = rng.choice(en.FOREIGN_VISITORS)
    official = rng.choice(en.OFFICIALS)
    values: dict[str, object] = {
        "inst": en.INSTITUTE,
        "inst_short": en.INSTITUTE_SHORT,
        "academy": en.ACADEMY,
        "date_en": month_day(_event_day(rng, when)),
        "year": when.year,
        "inst_person": rng.choice(en.PEOPLE[:4]),
        "inst_role": rng.choice(en.INST_ROLES),
        "visitor_name": visitor[0],
        "visitor_role": visitor[1],
        "country": visitor[2],
        "country_or_city": visitor[2],
        "official": official[0],
        "official_role": official[1],
        "field": field,
        "field_title": field.title(),
        "field2": field2,
        "tech": tech,
        "tech_title": _title_case(tech),
        "partner": rng.choice(en.PARTNERS),
        "enterprise": rng.choice(en.ENTERPRISES),
        "event": rng.choice(en.EVENTS),
        "award": rng.choice(en.AWARDS),
        "count": rng.choice((12, 20, 30, 45, 60, 80)),
        "money": rng.choice((15, 30, 50, 80, 120)),
        "found_year": rng.randint(2015, 2021),
        "signed": rng.randint(3, 9),
    }
    values["award_short"] = str(values["award"]).split(" of the ")[-1]
    template, openings = rng.choice(en.STORIES[kind])
    if kind == "visit" and "{official" in template:
        values.update(visitor_name=official[0], visitor_role=official[1], country_or_city="Jiangmen")
    title = fill(template, values)
    paragraphs = (fill(rng.choice(openings), values), *_paragraphs(rng, en.PARAGRAPHS[kind], values))
    captions = _captions(rng, en.CAPTIONS, values, 0.5)
    attachments = (
        (("Cooperation Brochure.pdf", "pdf"),) if kind == "cooperation" and rng.random() < 0.4 else ()
    )
    return Draft(
        kind=kind,
        title=title,
        paragraphs=paragraphs,
        source=en.INSTITUTE_ZH if rng.random() < 0.75 else rng.choice(en.SOURCES_ZH[1:]),
        author=rng.choice(en.DEPARTMENTS) if rng.random() < 0.85 else None,
        captions=captions,
        attachments=attachments,
    )


def _title_case(text: str) -> str:
    small = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"}
    return " ".join(w if w in small and i else w[:1].upper() + w[1:] for i, w in enumerate(text.split()))


# --------------------------------------------------------------------------- English (Drupal-style newsroom)


def compose_drupal(
    rng: random.Random,
    kind: str,
    when: dt.datetime,
    *,
    institute: tuple[str, str] = (sci.INSTITUTE, sci.INSTITUTE_SHORT),
    sources: tuple[str, ...] = sci.SOURCES,
) -> Draft:
    """A science press release; ``sources`` lists five in-house sources, then media outlets."""
    topic = rng.choice(sci.TOPICS + sci.MORE_TOPICS)
    (sci_title, sci_name), (_, coauthor) = rng.sample(sci.SCIENTISTS, 2)
    values: dict[str, object] = {
        "inst": institute[0],
        "inst_short": institute[1],
        "academy": sci.ACADEMY,
        "date_en": month_day(_event_day(rng, when)),
        "subject": topic[0],
        "place": topic[1],
        "place_cap": topic[1][0].upper() + topic[1][1:],
        "finding": topic[2],
        "finding_cap": topic[2][0].upper() + topic[2][1:],
        "method": topic[3],
        "implication": topic[4],
        "metric": topic[5],
        "journal": rng.choice(sci.JOURNALS),
        "sci_title": sci_title,
        "sci_name": sci_name,
        "coauthor": coauthor,
        "partner": rng.choice(sci.PARTNERS),
        "honor": rng.choice(sci.HONORS),
        "department": rng.choice(sci.DEPARTMENTS),
        "event": rng.choice(sci.EVENTS).replace(sci.INSTITUTE_SHORT, institute[1]),
        "count": rng.choice((80, 120, 150, 200, 260, 320)),
        "count_orgs": rng.choice((18, 25, 32, 40)),
        "join_year": rng.randint(2009, 2020),
    }
    template, openings = rng.choice(sci.STORIES[kind])
    title = fill(template, values)
    title = title[0].upper() + title[1:]
    paragraphs = (fill(rng.choice(openings), values), *_paragraphs(rng, sci.PARAGRAPHS[kind], values))
    captions = _captions(rng, sci.CAPTIONS, values, 0.6)
    attachments = (("Full report (PDF)", "pdf"),) if kind == "research" and rng.random() < 0.25 else ()
    authors = rng.sample(sci.AUTHORS, 2)
    author = None if rng.random() < 0.3 else (authors[0] if rng.random() < 0.75 else " and ".join(authors))
    media = kind == "research" and rng.random() < 0.2
    source = rng.choice(sources[5:] if media else sources[:5])
    return Draft(
        kind=kind,
        title=title,
        paragraphs=paragraphs,
        source=source,
        author=author,
        captions=captions,
        attachments=attachments,
    )
