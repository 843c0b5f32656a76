"""Site jobs made on the archive host: each site's sites.toml table plus its state in the archive.

Data flow: sites file + ``Store.site_state(site)`` (the SQLite archive) -> ``Job`` -> ``jobs.enqueue`` ->
the ``jobs`` stream. What cron calls (``newsarchive enqueue``) instead of crawling itself; the workers
that take the jobs need neither the sites file nor the archive.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import valkey

from newsarchive.storage import Store

from ..sites import load_sites
from .jobs import SITES, Job, enqueue


def site_tables(sites_file: str) -> dict[str, dict[str, Any]]:
    """The ``[sites.NAME]`` tables of the sites file as written, once ``load_sites`` has validated them."""
    configs = load_sites(sites_file)
    data = tomllib.loads(Path(sites_file).read_text(encoding="utf-8"))
    return {name: dict(data["sites"][name]) for name in configs}


def enqueue_sites(
    client: valkey.Valkey,
    store: Store,
    tables: dict[str, dict[str, Any]],
    names: Iterable[str],
    *,
    mode: str = "incremental",
    options: dict[str, Any] | None = None,
) -> dict[str, bool]:
    """Queue a job for each named site that has none yet; site -> whether it was queued."""
    names = list(names)
    busy = {name for name in names if client.hexists(SITES, name)}  # their state need not be loaded
    fresh = (
        Job(name, tables[name], store.site_state(name).to_dict(), mode, dict(options or {}))
        for name in names
        if name not in busy
    )
    queued = enqueue(client, fresh)  # checks again, atomically
    return {name: queued.get(name, False) for name in names}
