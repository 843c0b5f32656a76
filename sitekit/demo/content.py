"""The demo sites' content: every article at both stages, with dates, ids, URLs and the stage-2 changes.

Part of the offline demo (``sitekit/demo``): compose writes drafts, ``specs`` says where they go, this module
builds the sites and plans stage 2; renderers and truth read the resulting ``Site`` records via ``sites()``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from functools import cache

from newsarchive.sitekit.model import Article, Column

from .model import (
    STAGE1_AT,
    STAGE2_AT,
    Draft,
    Site,
    edit_pair,
    epoch,
    office_time,
    plan_edits,
    random_between,
    spread_back,
    spread_week,
)
from .specs import SPECS, Placed, SiteSpec


@cache
def sites() -> dict[str, Site]:
    """Every demo site, built once per process (deterministic, so caching cannot change the output)."""
    return {spec.name: build_site(spec) for spec in SPECS}


# --------------------------------------------------------------------------- building a site


def _draft(rng: random.Random, spec: SiteSpec, column: Column, when: dt.datetime, seen: set[str]) -> Draft:
    for _ in range(60):
        draft = spec.compose(rng, rng.choice(column.kinds), when, column)
        if draft.title not in seen:
            seen.add(draft.title)
            return draft
    raise RuntimeError(f"demo content: cannot write a new title for {spec.name}/{column.key}")


def _url_time(rng: random.Random, spec: SiteSpec, when: dt.datetime) -> dt.datetime:
    if rng.random() < spec.republish and when < STAGE1_AT - dt.timedelta(days=20):
        later = when + dt.timedelta(days=rng.randint(3, 160))
        return office_time(rng, min(later, STAGE1_AT - dt.timedelta(days=2)).date())
    return when


def build_site(spec: SiteSpec) -> Site:
    rng = random.Random(f"newsarchive-demo/{spec.name}")
    seen: set[str] = set()
    old: list[tuple[Column, dt.datetime, Draft]] = []
    fresh: list[tuple[Column, dt.datetime, Draft]] = []
    for column in spec.columns:
        for when in spread_back(rng, column.count, STAGE1_AT, *spec.gap_days):
            old.append((column, when, _draft(rng, spec, column, when, seen)))
        for when in spread_week(rng, column.new, STAGE1_AT, STAGE2_AT):
            fresh.append((column, when, _draft(rng, spec, column, when, seen)))
    plan = random.Random(f"newsarchive-demo/{spec.name}/stage2")
    edits, noise = _plan_stage2(plan, spec, old)
    stage1, stage2 = [], []
    changes: dict[str, tuple[str, ...]] = {}
    noisy: set[str] = set()
    uid = spec.first_id
    used: set[str] = set()
    timed = sorted(
        ((_url_time(rng, spec, when), i) for i, (_, when, _) in enumerate(old)), key=lambda t: t[0]
    )
    for url_time, i in timed:
        column, when, draft = old[i]
        uid += rng.randint(*spec.id_step)
        before, after = edit_pair(plan, draft, edits[i], spec.bank) if i in edits else (draft, draft)
        placed = _unique(spec.locate(rng, column, uid, url_time.date(), before), used)
        first = _article(rng, spec, column, when, before, placed, url_time)
        stage1.append(first)
        if i in edits:
            edited_at = random_between(plan, STAGE1_AT, STAGE2_AT)
            stage2.append(
                replace(
                    first,
                    title=after.title,
                    paragraphs=after.paragraphs,
                    source=after.source,
                    author=after.author,
                    changed=edited_at,
                    views=first.views + plan.randint(20, 400),
                    last_modified=epoch(edited_at),
                )
            )
            changes[first.path] = edits[i]
        elif i in noise:
            regenerated = random_between(plan, STAGE1_AT, STAGE2_AT)
            stage2.append(
                replace(first, views=first.views + plan.randint(20, 400), last_modified=epoch(regenerated))
            )
            noisy.add(first.path)
        else:
            stage2.append(first)
    new: set[str] = set()
    for column, when, draft in sorted(fresh, key=lambda t: t[1]):
        uid += rng.randint(*spec.id_step)
        placed = _unique(spec.locate(rng, column, uid, when.date(), draft), used)
        article = replace(_article(rng, spec, column, when, draft, placed, when), views=rng.randint(15, 300))
        stage2.append(article)
        new.add(article.path)
    paths = [a.path for a in stage2]
    if len(set(paths)) != len(paths):
        raise RuntimeError(f"demo content: duplicate article paths on {spec.name}")
    return Site(
        spec.name,
        spec.prefix,
        spec.language,
        spec.columns,
        tuple(stage1),
        tuple(stage2),
        changes,
        frozenset(noisy),
        frozenset(new),
    )


def _unique(placed: Placed, used: set[str]) -> Placed:
    """A second article with the same slug gets "-0", "-1" ... (Drupal) or "-2", "-3" ... (WordPress)."""
    path, n = placed.path, 0
    while path in used:
        path = f"{placed.path[:-1]}-{n + 2}/" if placed.path.endswith("/") else f"{placed.path}-{n}"
        n += 1
    used.add(path)
    return replace(placed, path=path)


def _plan_stage2(
    rng: random.Random, spec: SiteSpec, old: list[tuple[Column, dt.datetime, Draft]]
) -> tuple[dict[int, tuple[str, ...]], set[int]]:
    edits: dict[int, tuple[str, ...]] = {}
    noise: set[int] = set()
    for column in spec.columns:
        indices = [i for i, (c, _, _) in enumerate(old) if c.key == column.key]
        plan = plan_edits(rng, [old[i][2] for i in indices], 0.1, spec.bank, offset=len(edits))
        edits.update({indices[k]: fields for k, fields in plan.items()})
        rest = [i for i in indices if i not in edits]
        noise.update(rng.sample(rest, spec.noise_per_column))
    return edits, noise


def _article(
    rng: random.Random,
    spec: SiteSpec,
    column: Column,
    when: dt.datetime,
    draft: Draft,
    placed: Placed,
    url_time: dt.datetime,
) -> Article:
    written = max(when, url_time) + dt.timedelta(minutes=rng.randint(4, 95))
    return Article(
        site=spec.name,
        column=column.key,
        uid=placed.uid,
        path=placed.path,
        kind=draft.kind,
        title=draft.title,
        published=when,
        has_time=rng.random() < spec.with_time,
        source=draft.source,
        author=draft.author,
        editor=draft.editor,
        language=spec.language,
        paragraphs=draft.paragraphs,
        images=placed.images,
        attachments=placed.attachments,
        url_date=placed.url_date if placed.url_date != when.date() else None,
        changed=when + dt.timedelta(minutes=rng.randint(1, 30)),
        views=rng.randint(120, 4800),
        last_modified=epoch(written),
    )
