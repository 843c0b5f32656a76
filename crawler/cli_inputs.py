"""Checked inputs for the ``newsarchive`` command: click parameter types and the checks commands share.

Sits in front of the library: ``cli.py`` declares its options with these types and calls these checks before
it calls library code, so that a bad value stops the command with one ``Error:`` line and exit 2 before
anything is read or written (README, "Exit codes"). Messages name the option or file and what to do.
Library modules are imported where they are used, so that ``newsarchive --help`` stays quick.
"""

from __future__ import annotations

import codecs
import math
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

PORT = click.IntRange(0, 65535)
RUN_LIMIT = click.IntRange(0, 1_000_000)


class ConfigError(click.ClickException):
    """A usage or config error found by a command's own checks: one ``Error:`` line, exit 2."""

    exit_code = 2


class IsoDate(click.ParamType):
    """An ISO 8601 date or date-time (2026, 2026-11, 2026-11-20, 2026-11-20T08:00+08:00), kept as text."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from newsarchive.storage.export import check_date

        name = param.opts[0] if param and param.opts else "the date"
        try:
            return str(check_date(str(value), name))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class Seconds(click.ParamType):
    """A finite number of seconds above 0 and at most ``maximum``."""

    name = "SECONDS"

    def __init__(self, maximum: float) -> None:
        self.maximum = maximum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (math.isfinite(seconds) and 0 < seconds <= self.maximum):
            self.fail(f"must be above 0 and at most {self.maximum:g} seconds, got {value!r}", param, ctx)
        return seconds


class Encoding(click.ParamType):
    name = "ENCODING"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return codecs.lookup(str(value)).name
        except LookupError:
            self.fail(f"{value!r} is not a known character encoding (e.g. gbk, gb18030, utf-8)", param, ctx)


class OutputFile(click.ParamType):
    """A file to write: not a folder, in a folder that exists (``make_folders``: that can be made)."""

    name = "FILE"

    def __init__(self, *, make_folders: bool = False) -> None:
        self.make_folders = make_folders

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        path = Path(value)
        if value == "-":
            return "-"
        if not value:
            self.fail("must name a file", param, ctx)
        if path.is_dir():
            self.fail(f"{value!r} is a folder; name a file", param, ctx)
        if self.make_folders:
            ancestor = next(p for p in path.parents if p.exists())
            if not ancestor.is_dir():
                self.fail(f"cannot make folders in {ancestor}: it is a file", param, ctx)
        elif not path.parent.is_dir():
            what = "is not a folder" if path.parent.exists() else "is missing"
            self.fail(f"the folder {path.parent} {what} (create it first)", param, ctx)
        return str(value)


def archive_path(db: str, *, create: bool) -> str:
    """``db`` when it is an archive (``create``: or a place to make one); ConfigError naming why not."""
    from newsarchive.storage.archive_file import ArchiveFileError, check_archive_file

    if not db:
        raise click.BadParameter("must name the archive file", param_hint="--db")
    try:
        check_archive_file(db, create=create)
    except ArchiveFileError as exc:
        raise ConfigError(str(exc)) from None
    return db


def check_site(site: str | None, known: Iterable[str]) -> None:
    """A ``--site`` the archive does not hold is an error, not an empty result."""
    names = sorted(known)
    if site is not None and site not in names:
        held = f"sites: {', '.join(names)}" if names else "it holds no site yet"
        raise ConfigError(f"no site {site!r} in the archive ({held})")


def http_url(url: str) -> str:
    """``url`` when it is an http(s) URL with a host; a usage error saying what to type otherwise."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise click.BadParameter(f"{url!r} is not a URL: {exc}", param_hint="URL") from None
    if parts.scheme in ("http", "https") and host:
        return url
    hint = f"; did you mean http://{url.strip()} ?" if url.strip() and "://" not in url else ""
    raise click.BadParameter(f"{url!r} is not an http:// or https:// URL{hint}", param_hint="URL")


def check_listen(host: str, port: int) -> None:
    """Fail with one line now when ``host:port`` cannot be listened on: an unknown host is a usage error
    (exit 2), a port that is taken or refused a failure of the moment (exit 1)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as exc:
        raise click.BadParameter(f"{host!r}: {exc.strerror or exc}", param_hint="--host") from None
    try:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc} (try another --port)"
        ) from None


class SiteName(click.ParamType):
    """A site name as sites.toml allows it."""

    name = "NAME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .sites import NAME_RE

        if not NAME_RE.match(str(value)):
            self.fail(f"{value!r}: letters, digits, '-', '_' or '.' (at most 64)", param, ctx)
        return str(value)
