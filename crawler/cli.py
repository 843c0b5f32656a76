"""The ``newsarchive`` command: a thin click layer over library code. Printing happens only here."""

from __future__ import annotations

import json
import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsarchive")
def main() -> None:
    """Crawl institute news sections into a change-tracked SQLite archive."""


@main.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--url", help="The page's original URL (resolves links, helps date and language rules).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
              help='JSONL file of {"path": ..., "url": ..., "id": ...} lines; prints one JSON line per case.')
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


if __name__ == "__main__":
    main()
