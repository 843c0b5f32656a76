"""Site health with the sites file's overrides: the rows and alerts ``status --by-site`` prints and the
notifier sends.

Data flow: the archive (``storage.health.site_health``) + sites.toml (``quiet_days`` per site) ->
``storage.health.health_alerts`` -> crawler/cli.py and crawler/notify.py.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from newsarchive.storage.health import Alert, HealthPolicy, SiteHealth, health_alerts, site_health

from .sites import SiteConfig, load_sites


def policy_for(sites: Mapping[str, SiteConfig], **thresholds: float) -> HealthPolicy:
    """The alert policy: defaults, ``thresholds`` (fail_after, quiet_factor, quiet_floor_days) and the
    sites' own ``quiet_days``."""
    quiet = {name: s.quiet_days for name, s in sites.items() if s.quiet_days is not None}
    return HealthPolicy(**thresholds, quiet_days=quiet)  # type: ignore[arg-type]


def sites_if_any(sites_file: str | os.PathLike[str]) -> dict[str, SiteConfig]:
    """The configured sites, or none when the file does not exist (health needs only the archive).
    SiteConfigError when it exists but is wrong."""
    return load_sites(sites_file) if Path(sites_file).exists() else {}


def check_health(db: str | os.PathLike[str], policy: HealthPolicy) -> tuple[list[SiteHealth], list[Alert]]:
    """Every site's health row and the alerts they call for. FileNotFoundError when there is no archive."""
    rows = site_health(Path(db))
    return rows, health_alerts(rows, policy)
