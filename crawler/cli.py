"""The ``newsarchive`` command: a thin click layer over library code. Printing happens only here.

Exit codes: 0 ok, 1 failure (a crawl failed, was blocked or interrupted; a page could not be read), 2 usage
or configuration error (arguments, --db, sites.toml, settings, the notify file: the command refused its
input before doing anything; the checks are in ``cli_inputs``), 75 crawl --lock held.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .cli_inputs import (
    PORT,
    RUN_LIMIT,
    ConfigError,
    Encoding,
    IsoDate,
    OutputFile,
    Seconds,
    SiteName,
    archive_path,
    check_listen,
    check_site,
    http_url,
)

F = TypeVar("F", bound=Callable[..., Any])


def _db_option(*, create: bool) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(
            "--db",
            "db",
            envvar="NEWSARCHIVE_DB",
            show_envvar=True,
            default="data/newsarchive.db",
            show_default=True,
            help="The archive (SQLite file)." + (" Made on first use." if create else ""),
            callback=lambda _ctx, _param, value: archive_path(value, create=create),
        )(f)

    return decorate


db_option = _db_option(create=False)  # an archive that exists
new_db_option = _db_option(create=True)  # an archive, or a place to make one


def sites_option(f: F) -> F:
    return click.option(
        "--sites",
        "sites_file",
        envvar="NEWSARCHIVE_SITES",
        show_envvar=True,
        default="sites.toml",
        show_default=True,
        help="The sites file.",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(f)


def set_option(f: F) -> F:
    return click.option(
        "-s",
        "--set",
        "set_values",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a Scrapy/newsarchive setting (repeatable), e.g. -s DOWNLOAD_DELAY=2.",
    )(f)


def _load_sites(sites_file: str) -> dict[str, Any]:
    from .sites import SiteConfigError, load_sites

    try:
        return load_sites(sites_file)
    except SiteConfigError as exc:
        raise ConfigError(str(exc)) from None


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    """The ``-s KEY=VALUE`` overrides, each checked (bad value: exit 2; unknown NEWSARCHIVE_*: warned)."""
    from .settings_check import SettingsError, check_overrides, unknown_settings

    pairs = []
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="-s/--set")
        pairs.append((key.strip(), value))
    for warning in unknown_settings(key for key, _ in pairs):
        click.echo(f"warning: {warning}", err=True)
    try:
        check_overrides(pairs)
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    return dict(pairs)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsarchive")
def main() -> None:
    """Crawl institute news sections into a change-tracked SQLite archive."""


# --------------------------------------------------------------------------- crawl


@main.command()
@click.argument("site_names", metavar="[SITE]...", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Crawl every enabled site of the sites file.")
@click.option("--group", help="Crawl every enabled site of this group (e.g. demo).")
@click.option("--start-url", help="Try a listing URL without editing the sites file (with --name).")
@click.option("--name", help="The site name to record a --start-url crawl under.")
@click.option(
    "--full", "mode", flag_value="full", help="Walk every listing page (not only up to known ones)."
)
@click.option(
    "--revalidate",
    "mode",
    flag_value="revalidate",
    help="Also re-fetch every known article conditionally (catches edits to old articles).",
)
@click.option(
    "--max-pages", type=click.IntRange(min=1), help="Listing pages per start URL (overrides the site)."
)
@click.option("--max-articles", type=click.IntRange(min=1), help="Article requests per site for this run.")
@new_db_option
@sites_option
@click.option(
    "--user-agent",
    envvar="NEWSARCHIVE_USER_AGENT",
    show_envvar=True,
    help="Who you are, with a contact (required for sites other than loopback).",
)
@click.option("--log-file", type=OutputFile(), help="Write the crawl log here instead of stderr.")
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), default=None)
@set_option
@click.option(
    "--lock",
    "lock_path",
    type=OutputFile(make_folders=True),
    help="Hold this lock file for the run; exit 75 at once if another run holds it.",
)
@click.option(
    "--wait-lock",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="With --lock: wait up to SECONDS for the other run to finish before giving up (exit 75).",
)
@click.option(
    "--notify",
    "notify_file",
    envvar="NEWSARCHIVE_NOTIFY",
    show_envvar=True,
    type=click.Path(dir_okay=False),
    help="After the crawl, send a digest (new, changed, gone articles; site alerts) to the apprise URLs "
    "of this file.",
)
@json_option
def crawl(
    site_names: tuple[str, ...],
    all_sites: bool,
    group: str | None,
    start_url: str | None,
    name: str | None,
    mode: str | None,
    max_pages: int | None,
    max_articles: int | None,
    db: str,
    sites_file: str,
    user_agent: str | None,
    log_file: str | None,
    log_level: str | None,
    set_values: tuple[str, ...],
    lock_path: str | None,
    wait_lock: float,
    notify_file: str | None,
    as_json: bool,
) -> None:
    """Crawl sites into the archive (incremental unless --full or --revalidate)."""
    from .report import failing_sites

    overrides = _parse_set(set_values)
    targets = _crawl_targets(site_names, all_sites, group, start_url, name, sites_file)
    notify = _load_notify(notify_file)
    lock = _take_lock(lock_path, wait_lock, as_json)
    try:
        outcomes = _run(
            targets,
            start_url,
            mode,
            max_pages,
            max_articles,
            db,
            sites_file,
            user_agent,
            log_file,
            log_level,
            overrides,
        )
    finally:
        if lock:
            lock.release()
    _print_outcomes(outcomes, as_json)
    if notify:
        _notify(notify, db, outcomes, sites_file, as_json)
    failing = failing_sites(outcomes)
    for line in failing:  # on stderr: what cron mails
        click.echo(f"newsarchive crawl: {line}", err=True)
    _CrawlDone.flag = True
    if failing:
        sys.exit(1)


class _CrawlDone:
    flag = False  # a crawl ran to its end: everything it wrote is committed and closed


def script() -> None:
    """The ``newsarchive`` command (``main`` is the click group, which tests call in-process).

    After a crawl the process leaves with ``os._exit`` once exit handlers have run and output is flushed:
    Python's own teardown (freeing the objects of some 1,000 imported modules) took ~0.1 s, a sixth of an
    unchanged site's whole re-crawl. The archive is closed by then; nothing else is skipped. Any other
    command, or a crawl that raised, exits the usual way."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if not _CrawlDone.flag or not isinstance(code, int) or _other_threads():
        sys.exit(code)
    import atexit
    import logging
    import os

    atexit._run_exitfuncs()  # multiprocessing's and tempfile's clean-ups, as a normal exit runs them
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a full disk: Python's own exit would say 120
            code = code or 120
    os._exit(code)


def _other_threads() -> bool:
    """Whether a thread that a normal exit would wait for is still running."""
    import threading

    return any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate())


def _take_lock(lock_path: str | None, wait: float, as_json: bool) -> Any:
    from .runlock import LockHeld, RunLock

    if not lock_path:
        if wait:
            raise click.UsageError("--wait-lock needs --lock FILE")
        return None
    lock = RunLock(lock_path)
    try:
        return lock.acquire()
    except LockHeld as exc:
        if not wait:
            click.echo(f"newsarchive crawl: {exc}; not starting", err=True)
            sys.exit(75)
        # stdout (cron logs it, mails only failures), unless stdout is JSON
        click.echo(f"newsarchive crawl: {exc}; waiting up to {wait:g} s for it", err=as_json)
    try:
        return lock.acquire(wait=wait)
    except LockHeld as exc:
        click.echo(f"newsarchive crawl: {exc}; waited {wait:g} s; not starting", err=True)
        sys.exit(75)


def _load_notify(notify_file: str | None) -> Any:
    """The notify file, checked before anything is crawled (no file named: no notifications)."""
    if not notify_file:
        return None
    from .notify import NotifyConfigError, load_notify_config  # apprise: imported only when used

    try:
        return load_notify_config(notify_file)
    except NotifyConfigError as exc:
        raise ConfigError(str(exc)) from None


def _notify(notify: Any, db: str, outcomes: list[Any], sites_file: str, as_json: bool) -> None:
    from .health import sites_if_any
    from .notify import notify_after_crawl
    from .sites import SiteConfigError

    try:
        sites = sites_if_any(sites_file)
    except SiteConfigError:
        sites = {}
    for result in notify_after_crawl(notify, db, outcomes, sites):
        if result.ok:  # stdout: cron mails only what goes to stderr, the problems
            click.echo(f"newsarchive crawl: digest sent to {result.target}", err=as_json)
        else:
            click.echo(f"newsarchive crawl: notification failed: {result.target}: {result.error}", err=True)


def _crawl_targets(
    site_names: tuple[str, ...],
    all_sites: bool,
    group: str | None,
    start_url: str | None,
    name: str | None,
    sites_file: str,
) -> list[str]:
    if start_url:
        if site_names or all_sites or group:
            raise click.UsageError("--start-url crawls one listing: give no SITE, --all or --group with it")
        if not name:
            raise click.UsageError("--start-url needs --name NAME (the site name to record it under)")
        from .sites import SiteConfigError, adhoc_site

        try:
            adhoc_site(name, start_url)
        except SiteConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="--start-url/--name") from None
        return [name]
    sites = _load_sites(sites_file)
    if all_sites or group:
        chosen = [s.name for s in sites.values() if s.enabled and (not group or s.group == group)]
        if not chosen:
            raise ConfigError(f"no enabled site{' in group ' + repr(group) if group else ''} in {sites_file}")
        return chosen + [n for n in site_names if n not in chosen]
    if not site_names:
        raise click.UsageError(f"name the sites to crawl, or --all (configured: {', '.join(sorted(sites))})")
    unknown = [n for n in site_names if n not in sites]
    if unknown:
        raise click.UsageError(
            f"no site {', '.join(map(repr, unknown))} in {sites_file} "
            f"(configured: {', '.join(sorted(sites))})"
        )
    return list(site_names)


def _run(
    targets: list[str],
    start_url: str | None,
    mode: str | None,
    max_pages: int | None,
    max_articles: int | None,
    db: str,
    sites_file: str,
    user_agent: str | None,
    log_file: str | None,
    log_level: str | None,
    overrides: dict[str, str],
) -> list[Any]:
    from .crawl import run_crawls
    from .sites import SiteConfigError

    settings = _checked_settings(
        db=db,
        sites_file=sites_file,
        user_agent=user_agent,
        log_file=log_file,
        log_level=log_level,
        overrides=overrides,
    )
    try:
        return run_crawls(
            targets,
            settings,
            mode=mode or "incremental",
            start_url=start_url,
            max_pages=max_pages,
            max_articles=max_articles,
        )
    except SiteConfigError as exc:
        raise ConfigError(str(exc)) from None


def _checked_settings(**options: Any) -> Any:
    """``crawl_settings(**options)``, its NEWSARCHIVE_* settings checked (a bad one: exit 2)."""
    from .crawl import crawl_settings
    from .settings_check import SettingsError, check_settings

    settings = crawl_settings(**options)
    try:
        check_settings(settings)
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    return settings


COUNT_COLUMNS = ("new", "changed", "unchanged", "not_modified", "failed", "blocked", "gone", "documents")


def _print_outcomes(outcomes: list[Any], as_json: bool) -> None:
    from .report import outcome_reasons, reason_lines

    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "site": o.site,
                        "run_id": o.run_id,
                        "status": o.status,
                        "counts": o.counts,
                        "warnings": o.warnings,
                        "reasons": outcome_reasons(o),
                    }
                    for o in outcomes
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    header = f"{'site':<24} {'run':>5} {'status':<12}" + "".join(f"{c:>13}" for c in COUNT_COLUMNS)
    click.echo(header)
    for o in outcomes:
        click.echo(
            f"{o.site:<24} {o.run_id or '-':>5} {o.status:<12}"
            + "".join(f"{o.counts.get(c, 0):>13}" for c in COUNT_COLUMNS)
        )
        for line in reason_lines(outcome_reasons(o)):
            click.echo(line)
        for warning in o.warnings:
            click.echo(f"  warning: {warning}")


# --------------------------------------------------------------------------- distributed mode


def redis_option(f: F) -> F:
    return click.option(
        "--redis",
        "redis_url",
        envvar="NEWSARCHIVE_REDIS_URL",
        show_envvar=True,
        required=True,
        metavar="URL",
        help="The Redis that workers and the writer share, e.g. redis://archive-host:6379/0.",
    )(f)


def drain_option(f: F) -> F:
    return click.option(
        "--drain", is_flag=True, help="Exit once every queued site job is done, instead of waiting for more."
    )(f)


def _redis(redis_url: str) -> Any:
    from .distributed.jobs import RedisError, connect

    try:
        client = connect(redis_url, retries=1)
        client.ping()
    except (RedisError, ValueError) as exc:
        raise click.ClickException(f"cannot reach Redis at {redis_url}: {exc}") from None
    return client


@main.command()
@click.argument("site_names", metavar="[SITE]...", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Every enabled site of the sites file.")
@click.option("--group", help="Every enabled site of this group.")
@click.option(
    "--full", "mode", flag_value="full", help="Walk every listing page (not only up to known ones)."
)
@click.option("--revalidate", "mode", flag_value="revalidate", help="Also re-fetch every known article.")
@click.option(
    "--max-pages", type=click.IntRange(min=1), help="Listing pages per start URL (overrides the site)."
)
@click.option("--max-articles", type=click.IntRange(min=1), help="Article requests per site for this run.")
@redis_option
@new_db_option
@sites_option
@json_option
def enqueue(
    site_names: tuple[str, ...],
    all_sites: bool,
    group: str | None,
    mode: str | None,
    max_pages: int | None,
    max_articles: int | None,
    redis_url: str,
    db: str,
    sites_file: str,
    as_json: bool,
) -> None:
    """Queue site jobs for the crawl workers (on the archive host; each job carries the site's state)."""
    from newsarchive.storage import Store

    from .distributed.enqueue import enqueue_sites, site_tables
    from .sites import SiteConfigError

    targets = _crawl_targets(site_names, all_sites, group, None, None, sites_file)
    client = _redis(redis_url)
    _checked_settings(db=db, sites_file=sites_file)
    try:
        tables = site_tables(sites_file)
    except SiteConfigError as exc:
        raise ConfigError(str(exc)) from None
    with Store(db) as store:
        options = {"max_pages": max_pages, "max_articles": max_articles}
        queued = enqueue_sites(client, store, tables, targets, mode=mode or "incremental", options=options)
    if as_json:
        click.echo(json.dumps(queued, indent=2))
    else:
        for site, fresh in queued.items():
            click.echo(f"{site:<24} {'queued' if fresh else 'already queued or running'}")
        click.echo(f"{sum(queued.values())} of {len(queued)} site job(s) queued on {redis_url}")


@main.command()
@redis_option
@click.option("--name", help="This worker's name in Redis (default: host-pid).")
@drain_option
@click.option(
    "--user-agent",
    envvar="NEWSARCHIVE_USER_AGENT",
    show_envvar=True,
    help="Who you are, with a contact (required for sites other than loopback).",
)
@click.option("--log-file", type=click.Path(dir_okay=False), help="Write the log here instead of stderr.")
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), default=None)
@set_option
def worker(
    redis_url: str,
    name: str | None,
    drain: bool,
    user_agent: str | None,
    log_file: str | None,
    log_level: str | None,
    set_values: tuple[str, ...],
) -> None:
    """Crawl site jobs from Redis, one site at a time, sending what it finds to the writer."""
    from .distributed.worker import run_worker

    settings = _checked_settings(
        user_agent=user_agent, log_file=log_file, log_level=log_level, overrides=_parse_set(set_values)
    )
    _redis(redis_url)
    done = run_worker(settings, redis_url, name=name, drain=drain)
    click.echo(f"worker: {done} site job(s) crawled", err=True)


@main.command()
@redis_option
@new_db_option
@drain_option
@click.option("--log-file", type=click.Path(dir_okay=False), help="Write the log here instead of stderr.")
@set_option
def writer(redis_url: str, db: str, drain: bool, log_file: str | None, set_values: tuple[str, ...]) -> None:
    """Commit what the workers send to the archive (the one writer, on the archive host)."""
    from .distributed.writer import run_writer

    settings = _checked_settings(db=db, log_file=log_file, overrides=_parse_set(set_values))
    applied = run_writer(settings, _redis(redis_url), db, drain=drain)
    click.echo(f"writer: {applied} message(s) committed to {db}", err=True)


# --------------------------------------------------------------------------- extract


@main.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--url", help="The page's original URL (resolves links, helps date and language rules).")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False),
    help='JSONL file of {"path": ..., "url": ..., "id": ...} lines; prints one JSON line per case.',
)
def extract(file: str | None, url: str | None, manifest: str | None) -> None:
    """Extract the article record from a saved page (or every page of a manifest) as JSON."""
    from .extract.batch import extract_file, run_manifest
    from .extract.record import ExtractionError

    if bool(file) == bool(manifest):
        raise click.UsageError("give either FILE or --manifest M.jsonl")
    if manifest:
        run_manifest(manifest, sys.stdout)
        return
    try:
        record = extract_file(file, url)
    except ExtractionError as exc:
        raise click.ClickException(f"{file}: no article extracted: {exc.reason}") from None
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


# --------------------------------------------------------------------------- probe


@main.command()
@click.argument("url")
@click.option(
    "--name", type=SiteName(), help="Site name for the printed sites.toml stanza (default: from the host)."
)
@click.option("--charset", type=Encoding(), help="Encoding to assume if the page declares none (e.g. gbk).")
@click.option("--no-next", is_flag=True, help="Do not fetch the next listing page.")
@click.option("--timeout", default=20.0, show_default=True, type=Seconds(3600), help="Seconds per request.")
@click.option(
    "--user-agent",
    envvar="NEWSARCHIVE_USER_AGENT",
    show_envvar=True,
    help="Who you are, with a contact (required for sites other than loopback).",
)
@set_option
@json_option
def probe(
    url: str,
    name: str | None,
    charset: str | None,
    no_next: bool,
    timeout: float,
    user_agent: str | None,
    set_values: tuple[str, ...],
    as_json: bool,
) -> None:
    """Fetch one listing page (and its next page) as a crawl would; print what discovery finds and a
    sites.toml stanza."""
    from urllib.parse import urlsplit

    from .probe import probe as run_probe
    from .settings import NEWSARCHIVE_DEFAULT_USER_AGENT
    from .sites import is_loopback

    host = urlsplit(http_url(url)).hostname or ""
    overrides = _parse_set(set_values)
    if not user_agent and not is_loopback(host):
        raise click.UsageError(
            f"set --user-agent or NEWSARCHIVE_USER_AGENT (who you are, with a contact) before probing {host}"
        )
    report = run_probe(
        url,
        user_agent=user_agent or NEWSARCHIVE_DEFAULT_USER_AGENT,
        timeout=timeout,
        follow_next=not no_next,
        charset=charset,
        overrides=overrides,
    )
    data = report.to_dict()
    stanza = report.stanza(name or _site_name(host))
    if as_json:
        click.echo(json.dumps({**data, "stanza": stanza}, ensure_ascii=False, indent=2))
    else:
        _print_probe(data, stanza)
    following = data.get("next_page") or {}
    if data.get("blocked") or not (data.get("articles") or following.get("articles")):
        sys.exit(1)  # nothing a crawl could archive from here: say so to scripts


def _site_name(host: str) -> str:
    parts = [p for p in host.split(".") if p not in ("www", "en", "english")]
    return "-".join(parts[:2]) or "site"


def _print_probe(data: dict[str, Any], stanza: str) -> None:
    click.echo(
        f"{data.get('final_url') or data.get('url')}  HTTP {data.get('status')}  "
        f"encoding {data.get('encoding')}  CMS {data.get('cms') or 'unknown'}"
    )
    click.echo(f"robots.txt: {data.get('robots')}")
    if data.get("blocked"):
        click.echo(
            f"BLOCKED: {data['blocked']} (an anti-bot answer; the crawler will report it, not solve it)"
        )
    articles = data.get("articles") or []
    click.echo(f"{len(articles)} article link(s):")
    for a in articles[:40]:
        click.echo(f"  {a.get('date') or '          '}  {a.get('url')}  {a.get('title') or ''}")
    if len(articles) > 40:
        click.echo(f"  ... and {len(articles) - 40} more")
    click.echo("next page: " + (", ".join(data.get("next_pages") or []) or "none found"))
    if following := data.get("next_page"):
        click.echo(
            f"  fetched it: HTTP {following.get('status')}, {following.get('articles')} article link(s), "
            f"{following.get('new_articles')} not on the first page"
            + (f", blocked: {following['blocked']}" if following.get("blocked") else "")
        )
    for key in ("feeds", "sitemaps"):
        if data.get(key):
            click.echo(f"{key}: " + ", ".join(data[key]))
    for warning in data.get("warnings") or []:
        click.echo(f"warning: {warning}")
    click.echo("\nA sites.toml entry for it:\n")
    click.echo(stanza)


# --------------------------------------------------------------------------- archive maintenance


def _open_store(db: str, site: str | None) -> Any:
    """The archive (checked by the --db option), once ``site`` is known to be in it."""
    from newsarchive.storage import Store

    store = Store(db)
    try:
        check_site(site, store.site_names())
    except ConfigError:
        store.close()
        raise
    return store


@main.command()
@click.option("--site", help="Only this site's articles.")
@click.option("--since", type=IsoDate(), help="Only pages fetched at or after this date/time (ISO 8601).")
@click.option("--until", type=IsoDate(), help="Only pages fetched before this date/time (ISO 8601).")
@db_option
@sites_option
@json_option
def reextract(
    site: str | None, since: str | None, until: str | None, db: str, sites_file: str, as_json: bool
) -> None:
    """Re-run the current extractor over archived pages; a 'reextract' version where a record changes."""
    from pathlib import Path

    from .reextract import reextract as run_reextract
    from .sites import SiteConfigError, load_sites

    try:
        sites = load_sites(sites_file) if Path(sites_file).exists() else {}
    except SiteConfigError as exc:
        raise ConfigError(str(exc)) from None
    store = _open_store(db, site)
    try:
        stats = run_reextract(
            store,
            site=site,
            since=since,
            until=until,
            rules_for=lambda name: sites[name].rules if name in sites else None,
        )
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"re-extracted {stats.articles} article(s): {stats.changed} changed (new 'reextract' "
            f"versions), {stats.unchanged} unchanged, {stats.failed} failed"
        )
        for error in stats.errors[:20]:
            click.echo(f"  failed: {error}")
    if stats.failed and not stats.changed and not stats.unchanged:
        sys.exit(1)


@main.command("export-warc")
@click.argument("out", type=OutputFile())
@click.option("--site", help="Only this site's fetches.")
@click.option("--since", type=IsoDate(), help="Only fetches at or after this date/time (ISO 8601).")
@click.option("--until", type=IsoDate(), help="Only fetches before this date/time (ISO 8601).")
@db_option
def export_warc(out: str, site: str | None, since: str | None, until: str | None, db: str) -> None:
    """Write the raw archive as WARC/1.1 request/response records (readable by warcio, replayable by pywb)."""
    from newsarchive.storage.warc import export_warc as run_export

    store = _open_store(db, site)
    try:
        count = run_export(store, out, site=site, since=since, until=until)
    finally:
        store.close()
    click.echo(f"wrote {count} capture(s) to {out}")
    if not count:
        sys.exit(1)


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--site", help="Only this site's articles.")
@click.option(
    "--since",
    type=IsoDate(),
    help="Only articles published on or after this date (ISO 8601, e.g. 2026-01-01).",
)
@click.option("--until", type=IsoDate(), help="Only articles published before this date (ISO 8601).")
@click.option(
    "--bom", is_flag=True, help="Start CSV with a UTF-8 byte order mark (spreadsheets then read Chinese)."
)
@click.option(
    "-o", "--output", type=OutputFile(), default="-", show_default=True, help="File to write; - for stdout."
)
@db_option
def export(
    fmt: str, site: str | None, since: str | None, until: str | None, bom: bool, output: str, db: str
) -> None:
    """Export the articles (latest version of each) as JSON Lines or CSV, for scripts and spreadsheets."""
    from newsarchive.storage.export import export_articles

    store = _open_store(db, site)
    try:
        with click.open_file(output, "w", encoding="utf-8") as out:
            count = export_articles(store.db.conn, out, fmt=fmt, site=site, since=since, until=until, bom=bom)
    finally:
        store.close()
    click.echo(f"exported {count} article(s)" + (f" to {output}" if output != "-" else ""), err=True)


# --------------------------------------------------------------------------- sites, status


@main.command()
@sites_option
@json_option
def sites(sites_file: str, as_json: bool) -> None:
    """Check the sites file and list its sites."""
    configured = _load_sites(sites_file)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "name": s.name,
                        "start_urls": list(s.start_urls),
                        "enabled": s.enabled,
                        "group": s.group,
                        "language": s.language,
                    }
                    for s in configured.values()
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for s in configured.values():
        flag = "" if s.enabled else "  (disabled)"
        click.echo(f"{s.name:<24} {s.group or '-':<10} {s.start_urls[0]}{flag}")
    click.echo(f"{len(configured)} site(s) in {sites_file}: OK")


@main.command()
@db_option
@click.option("--limit", default=20, show_default=True, type=RUN_LIMIT, help="How many recent runs to show.")
@click.option(
    "--redis",
    "redis_url",
    envvar="NEWSARCHIVE_REDIS_URL",
    show_envvar=True,
    metavar="URL",
    help="Also show the distributed mode's site jobs: queued, running, being written, finished.",
)
@click.option(
    "--by-site", is_flag=True, help="Each site's health (last status, failure streak, quiet days) and alerts."
)
@click.option(
    "--fail-after",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    help="With --by-site: alert when a site failed this many runs in a row.",
)
@sites_option
@json_option
def status(
    db: str,
    limit: int,
    redis_url: str | None,
    by_site: bool,
    fail_after: int,
    sites_file: str,
    as_json: bool,
) -> None:
    """Show the archive's size and its most recent crawl runs (--by-site: each site's health and alerts;
    --redis: the distributed mode's site jobs too)."""
    from newsarchive.storage.queries import archive_status

    from .report import reason_lines

    if by_site:
        _print_health(db, sites_file, fail_after, as_json)
        return
    report = archive_status(db, limit=limit)
    if redis_url:
        report["jobs"] = _job_status(redis_url, limit)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    totals = report["totals"]
    click.echo(
        f"{db}: {totals['articles']} articles ({totals['versions']} versions, "
        f"{totals['gone']} gone), {totals['raw_pages']} raw pages, {totals['runs']} runs"
    )
    for run in report["runs"]:
        counts = ", ".join(f"{k}={v}" for k, v in run["counts"].items() if v)
        click.echo(
            f"  run {run['id']:>4} {run['site']:<22} {run['status']:<11} {run['started_at']}  {counts}"
        )
        for line in reason_lines(run.get("reasons"), indent="      "):
            click.echo(line)
    if "jobs" in report:
        _print_jobs(report["jobs"])


def _job_status(redis_url: str, limit: int) -> dict[str, Any]:
    from .distributed.jobs import job_status

    return job_status(_redis(redis_url), limit=limit)


def _print_jobs(jobs: dict[str, Any]) -> None:
    """The site jobs section of ``newsarchive status --redis``."""
    click.echo(
        f"site jobs: {len(jobs['queued'])} queued, {len(jobs['running'])} running, "
        f"{len(jobs['writing'])} crawled and waiting for the writer; {jobs['archive_messages']} message(s) "
        f"in the stream; writer: {jobs['writer'] or 'none running'}"
    )
    for job in jobs["running"]:
        click.echo(
            f"  running  {job['site']:<22} worker {job['worker']} (attempt {job['attempt']}, "
            f"renewed {job['idle_seconds']} s ago)"
        )
    for job in jobs["queued"] + jobs["writing"]:
        state = "queued " if job in jobs["queued"] else "writing"
        click.echo(f"  {state}  {job['site']:<22} since {job['enqueued_at']} ({job['mode']})")
    for job in jobs["finished"]:
        counts = ", ".join(f"{k}={v}" for k, v in job["counts"].items() if v)
        click.echo(f"  finished {job['site']:<22} run {job['run_id'] or '-'} {job['status']:<11} {counts}")


def _print_health(db: str, sites_file: str, fail_after: int, as_json: bool) -> None:
    from .health import check_health, policy_for, sites_if_any
    from .report import health_lines
    from .sites import SiteConfigError

    try:
        policy = policy_for(sites_if_any(sites_file), fail_after=fail_after)
    except SiteConfigError as exc:
        raise ConfigError(str(exc)) from None
    rows, alerts = check_health(db, policy)  # the --db option checked that it is an archive
    if as_json:
        report = {"db": db, "sites": [r.to_dict() for r in rows], "alerts": [a.to_dict() for a in alerts]}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for line in health_lines(rows, alerts):
        click.echo(line)


# --------------------------------------------------------------------------- datasette, demo


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=PORT)
def serve(db: str, host: str, port: int) -> None:
    """Browse and query the archive with Datasette (canned queries included)."""
    import os

    from newsarchive.storage.datasette import datasette_args

    check_listen(host, port)
    args = datasette_args(db, host=host, port=port)
    click.echo(f"Datasette on http://{host}:{port}/ (Ctrl-C stops it)")
    os.execvp(args[0], args)


@main.command("demo-server")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=PORT)
@click.option(
    "--stage",
    default=1,
    show_default=True,
    type=click.IntRange(1, 2),
    help="1: the sites as first crawled; 2: a week later (edits and new articles).",
)
def demo_server(host: str, port: int, stage: int) -> None:
    """Serve the bundled demo sites on loopback to crawl by hand; prints their URLs and sites.toml tables."""
    from .demo_run import serve_demo

    check_listen(host, port)
    try:
        serve_demo(host=host, port=port, stage=stage, echo=click.echo)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc} (try --port)") from None


@main.command()
@new_db_option
@click.option("--port", default=8765, show_default=True, type=PORT, help="Port for the demo server.")
@click.option("--keep", is_flag=True, help="Keep an existing demo archive instead of starting afresh.")
def demo(db: str, port: int, keep: bool) -> None:
    """Crawl the bundled demo sites twice (before and after a week of edits) into the archive."""
    from .demo_run import DemoError, DemoRefused, run_demo

    try:
        report = run_demo(db, port=port, keep=keep, echo=click.echo)
    except DemoRefused as exc:
        raise ConfigError(str(exc)) from None
    except DemoError as exc:
        raise click.ClickException(str(exc)) from None
    if not report.ok:
        sys.exit(1)


if __name__ == "__main__":
    script()
