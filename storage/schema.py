"""The archive's schema as named migrations (sqlite-utils ``Migrations``), plus its FTS index and views.

Applied by ``Store.__init__``; each migration runs once per database file and is recorded in
``_sqlite_migrations``. Never edit an applied migration: add a new one. ``storage/metadata.json`` describes
every table, view and column for Datasette, and a test checks the two agree.

Append-only tables (``article_versions``, ``fetches``, ``article_events``) reject UPDATE and DELETE with a
trigger; ``articles`` and ``raw_pages`` reject DELETE, and a raw page's sha256 and size can never change (only
its compression, when a site dictionary is adopted). Nothing the archive has seen is silently overwritten.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .fields import STORED_FIELDS

MIGRATION_SET = "newsarchive"
migrations = Migrations(MIGRATION_SET)

RUN_STATUSES = ("running", "ok", "partial", "failed", "blocked", "interrupted")
RUN_COUNTS = ("new", "changed", "unchanged", "not_modified", "failed", "blocked", "gone", "documents")

_TABLES = """
CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'ok', 'partial', 'failed', 'blocked', 'interrupted')),
    pid INTEGER,
    hostname TEXT,
    new INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    gone INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0,
    stats TEXT,
    warnings TEXT,
    options TEXT
);
CREATE INDEX crawl_runs_site_started ON crawl_runs (site, started_at);
CREATE INDEX crawl_runs_status ON crawl_runs (status);

CREATE TABLE zstd_dicts (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    created_at TEXT NOT NULL,
    dict BLOB NOT NULL,
    size INTEGER NOT NULL,
    level INTEGER NOT NULL,
    trained_on INTEGER NOT NULL,
    test_pages INTEGER NOT NULL,
    test_raw_bytes INTEGER NOT NULL,
    test_plain_bytes INTEGER NOT NULL,
    test_dict_bytes INTEGER NOT NULL,
    gain REAL NOT NULL,
    adopted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX zstd_dicts_site ON zstd_dicts (site, adopted);

CREATE TABLE raw_pages (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT,
    compression TEXT NOT NULL CHECK (compression IN ('zstd', 'zstd-dict')),
    zstd_dict_id INTEGER REFERENCES zstd_dicts (id),
    stored_size INTEGER NOT NULL,
    data BLOB NOT NULL,
    status INTEGER,
    headers TEXT,
    url TEXT,
    site TEXT,
    first_fetched_at TEXT NOT NULL,
    CHECK ((compression = 'zstd-dict') = (zstd_dict_id IS NOT NULL))
);
CREATE INDEX raw_pages_site ON raw_pages (site, compression);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT NOT NULL,
    title TEXT,
    published TEXT,
    modified TEXT,
    source TEXT,
    author TEXT,
    editor TEXT,
    language TEXT,
    text TEXT,
    html TEXT,
    images TEXT,
    attachments TEXT,
    encoding TEXT,
    extractor_version TEXT,
    content_hash TEXT NOT NULL,
    raw_sha256 TEXT REFERENCES raw_pages (sha256),
    simhash INTEGER,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    last_fetched_at TEXT,
    last_changed_at TEXT NOT NULL,
    version_count INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'gone')),
    gone_at TEXT
);
CREATE INDEX articles_site_published ON articles (site, published);
CREATE INDEX articles_site_hash ON articles (site, content_hash);
CREATE INDEX articles_last_changed ON articles (last_changed_at);
CREATE INDEX articles_status ON articles (status);

CREATE TABLE fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT,
    method TEXT NOT NULL DEFAULT 'GET',
    status INTEGER,
    request_headers TEXT,
    response_headers TEXT,
    raw_sha256 TEXT REFERENCES raw_pages (sha256),
    fetched_at TEXT NOT NULL,
    run_id INTEGER REFERENCES crawl_runs (id),
    site TEXT,
    kind TEXT NOT NULL,
    article_id INTEGER REFERENCES articles (id),
    error TEXT
);
CREATE INDEX fetches_url ON fetches (url);
CREATE INDEX fetches_raw ON fetches (raw_sha256);
CREATE INDEX fetches_run ON fetches (run_id);
CREATE INDEX fetches_site_time ON fetches (site, fetched_at);
CREATE INDEX fetches_article ON fetches (article_id);

CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    raw_sha256 TEXT REFERENCES raw_pages (sha256),
    fetch_id INTEGER REFERENCES fetches (id),
    url TEXT,
    title TEXT,
    published TEXT,
    modified TEXT,
    source TEXT,
    author TEXT,
    editor TEXT,
    language TEXT,
    text TEXT,
    html TEXT,
    images TEXT,
    attachments TEXT,
    encoding TEXT,
    warnings TEXT,
    extractor_version TEXT,
    reason TEXT NOT NULL CHECK (reason IN ('crawl', 'reextract')),
    changed_fields TEXT NOT NULL DEFAULT '[]',
    diff TEXT,
    observed_at TEXT NOT NULL,
    run_id INTEGER REFERENCES crawl_runs (id),
    UNIQUE (article_id, version)
);
CREATE INDEX article_versions_observed ON article_versions (observed_at);

CREATE TABLE article_urls (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    canonical_url TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    site TEXT NOT NULL,
    how TEXT NOT NULL,
    first_seen_at TEXT NOT NULL
);
CREATE INDEX article_urls_canonical ON article_urls (canonical_url);
CREATE INDEX article_urls_article ON article_urls (article_id);
CREATE INDEX article_urls_site ON article_urls (site);

CREATE TABLE host_aliases (
    site TEXT NOT NULL,
    alias TEXT NOT NULL,
    origin TEXT NOT NULL,
    learned_at TEXT NOT NULL,
    evidence TEXT,
    PRIMARY KEY (site, alias)
);

CREATE TABLE article_events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    event TEXT NOT NULL,
    at TEXT NOT NULL,
    run_id INTEGER REFERENCES crawl_runs (id),
    detail TEXT
);
CREATE INDEX article_events_article ON article_events (article_id, at);
CREATE INDEX article_events_at ON article_events (at);

CREATE TABLE url_state (
    url TEXT PRIMARY KEY,
    site TEXT,
    etag TEXT,
    last_modified TEXT,
    last_status INTEGER,
    last_fetched_at TEXT,
    missing_strikes INTEGER NOT NULL DEFAULT 0,
    missing_run_id INTEGER,
    missing_since TEXT
);

CREATE TABLE listing_state (
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    links INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    previous_links INTEGER,
    previous_fetched_at TEXT,
    PRIMARY KEY (site, url)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT NOT NULL,
    title TEXT,
    date TEXT,
    listing_url TEXT,
    content_type TEXT,
    size INTEGER,
    raw_sha256 TEXT REFERENCES raw_pages (sha256),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    last_changed_at TEXT NOT NULL,
    change_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_site ON documents (site, date);

CREATE TABLE simhash_bands (
    band INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    site TEXT NOT NULL,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX simhash_bands_article ON simhash_bands (article_id);

CREATE TABLE near_duplicates (
    article_id INTEGER NOT NULL REFERENCES articles (id),
    other_id INTEGER NOT NULL REFERENCES articles (id),
    distance INTEGER NOT NULL,
    found_at TEXT NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX near_duplicates_other ON near_duplicates (other_id);
"""


def _guard(table: str, action: str, message: str, when: str = "") -> str:
    name = f"{table}_no_{action.lower()}"
    condition = f" WHEN {when}" if when else ""
    return (
        f"CREATE TRIGGER {name} BEFORE {action} ON {table}{condition}\n"
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    )


_GUARDS = "\n".join(
    [
        _guard("article_versions", "UPDATE", "article_versions is append-only: versions are never updated"),
        _guard("article_versions", "DELETE", "article_versions is append-only: versions are never deleted"),
        _guard("fetches", "UPDATE", "fetches is append-only"),
        _guard("fetches", "DELETE", "fetches is append-only"),
        _guard("article_events", "UPDATE", "article_events is append-only"),
        _guard("article_events", "DELETE", "article_events is append-only"),
        _guard("articles", "DELETE", "articles are never deleted: mark them gone"),
        _guard("raw_pages", "DELETE", "raw pages are never deleted"),
        _guard(
            "raw_pages",
            "UPDATE",
            "a raw page keeps its sha256, size and first fetch",
            "NEW.sha256 IS NOT OLD.sha256 OR NEW.size IS NOT OLD.size OR NEW.headers IS NOT OLD.headers"
            " OR NEW.first_fetched_at IS NOT OLD.first_fetched_at",
        ),
    ]
)

# External-content FTS5 index with the trigram tokenizer: finds any substring of 3+ characters, so Chinese
# (no spaces between words) is searchable. Shorter queries use the LIKE fallback in the "search" canned query.
# The update trigger fires only when title or text is in the UPDATE's SET list, so the per-crawl
# last_seen_at updates never rewrite the index.
_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content="articles", content_rowid="id", tokenize="trigram"
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

VIEWS = {
    "latest_articles": """
        SELECT a.id, a.site, a.url, a.title, a.published, a.source, a.author, a.status, a.version_count,
               a.first_seen_at, a.last_seen_at, a.last_changed_at, substr(a.text, 1, 200) AS excerpt
        FROM articles a
        ORDER BY coalesce(a.published, a.first_seen_at) DESC, a.id DESC""",
    "article_history": """
        SELECT v.id AS version_id, v.article_id, a.site, a.url, v.version, v.reason, v.observed_at,
               v.title, v.published, v.modified, v.source, v.changed_fields, v.diff, v.content_hash,
               v.raw_sha256, v.extractor_version, v.run_id, a.title AS current_title, a.status
        FROM article_versions v JOIN articles a ON a.id = v.article_id
        ORDER BY v.article_id, v.version""",
    "recent_changes": """
        SELECT v.observed_at, a.site, a.url, v.title, v.version, v.reason, v.changed_fields, v.diff,
               v.article_id, v.id AS version_id, v.run_id
        FROM article_versions v JOIN articles a ON a.id = v.article_id
        WHERE v.version > 1
        ORDER BY v.observed_at DESC, v.id DESC""",
    "site_summary": """
        SELECT a.site, count(*) AS articles, sum(a.status = 'live') AS live, sum(a.status = 'gone') AS gone,
               sum(a.version_count) AS versions, max(a.last_changed_at) AS last_changed_at,
               (SELECT max(r.started_at) FROM crawl_runs r WHERE r.site = a.site) AS last_run_at
        FROM articles a GROUP BY a.site ORDER BY a.site""",
}


# Per site: how its runs go and whether it still publishes (storage/health.py adds the publishing rhythm and
# the alerts). A success is an 'ok' or 'partial' run; the failure streak counts the 'failed' and 'blocked'
# runs since the last success ('interrupted' runs neither break nor extend it). The last run is the last
# finished one. New articles are dated by when the archive first saw them.
SITE_HEALTH = """
    WITH sites AS (SELECT site FROM crawl_runs UNION SELECT site FROM articles),
    success AS (
        SELECT site, max(started_at) AS at FROM crawl_runs WHERE status IN ('ok', 'partial') GROUP BY site
    ),
    counts AS (
        SELECT site, count(*) AS articles, sum(status = 'live') AS live, sum(status = 'gone') AS gone,
               max(first_seen_at) AS last_new_at
        FROM articles GROUP BY site
    )
    SELECT s.site, r.id AS last_run_id, r.status AS last_status, r.started_at AS last_run_at,
           ok.at AS last_success_at,
           (SELECT count(*) FROM crawl_runs f WHERE f.site = s.site AND f.status IN ('failed', 'blocked')
                AND f.started_at > coalesce(ok.at, '')) AS failure_streak,
           coalesce(c.articles, 0) AS articles, coalesce(c.live, 0) AS live, coalesce(c.gone, 0) AS gone,
           c.last_new_at, round(julianday('now') - julianday(c.last_new_at), 1) AS days_since_new,
           (SELECT max(v.observed_at) FROM article_versions v JOIN articles a ON a.id = v.article_id
                WHERE a.site = s.site AND v.version > 1 AND v.reason = 'crawl') AS last_change_at,
           r.warnings AS last_warnings, r.reasons AS last_reasons
    FROM sites s
    LEFT JOIN crawl_runs r ON r.id = (
        SELECT id FROM crawl_runs WHERE site = s.site AND status != 'running'
        ORDER BY started_at DESC, id DESC LIMIT 1
    )
    LEFT JOIN success ok ON ok.site = s.site
    LEFT JOIN counts c ON c.site = s.site
    ORDER BY s.site"""


def _create_views(db: Database) -> None:
    for name, sql in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(f"CREATE VIEW {name} AS {sql.strip()}")


@migrations(name="001_tables")
def _m001_tables(db: Database) -> None:
    db.executescript(_TABLES)
    db.executescript(_GUARDS)


@migrations(name="002_fts_trigram")
def _m002_fts(db: Database) -> None:
    db.executescript(_FTS)


@migrations(name="003_views")
def _m003_views(db: Database) -> None:
    _create_views(db)


@migrations(name="004_fetch_request_body")
def _m004_request_body(db: Database) -> None:
    db.execute("ALTER TABLE fetches ADD COLUMN request_body BLOB")


@migrations(name="005_record_extras")
def _m005_record_extras(db: Database) -> None:
    for table in ("articles", "article_versions"):
        for column in ("site_name", "description", "canonical_url", "extra"):
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


@migrations(name="006_run_reasons")
def _m006_run_reasons(db: Database) -> None:
    db.execute("ALTER TABLE crawl_runs ADD COLUMN reasons TEXT")


@migrations(name="007_site_health")
def _m007_site_health(db: Database) -> None:
    db.execute("DROP VIEW IF EXISTS site_health")
    db.execute(f"CREATE VIEW site_health AS {SITE_HEALTH.strip()}")


RECORD_TABLES = ("articles", "article_versions")


def _missing_record_columns(db: Database) -> list[tuple[str, str]]:
    out = []
    for table in RECORD_TABLES:
        have = set(db[table].columns_dict) if db[table].exists() else set(STORED_FIELDS)
        out += [(table, name) for name in STORED_FIELDS if name not in have]
    return out


def needs_update(db: Database) -> bool:
    """Whether ``apply`` has anything to do (so an up-to-date archive opens without taking the write lock)."""
    return bool(migrations.pending(db)) or bool(_missing_record_columns(db))


def sync_record_columns(db: Database) -> list[str]:
    """Add a TEXT column to ``articles`` and ``article_versions`` for each record field that has none yet
    (``storage.fields.STORED_FIELDS``): a field added to the record needs no migration of its own.
    Returns the ``table.column`` names added."""
    missing = _missing_record_columns(db)
    for table, name in missing:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {name} TEXT")
    return [f"{table}.{name}" for table, name in missing]


def apply(db: Database) -> None:
    """Apply every pending migration (each in its own transaction), then add missing record columns."""
    migrations.apply(db)
    sync_record_columns(db)
