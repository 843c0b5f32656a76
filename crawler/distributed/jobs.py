"""Site jobs on Redis: every key and script of the distributed mode, in one place.

Data flow: ``enqueue`` (archive host) adds a job per site to the ``jobs`` stream; a worker ``claim``s one and
holds it as a ``Lease``; through the lease it appends run-open, items and run-close messages to the
``archive`` stream, each fenced (a Lua script checks the worker still holds the job before it appends); the
writer (crawler/distributed/writer.py) reads that stream. ``job_status`` reads it all for ``newsarchive
status``.

Keys (prefix ``newsarchive:``):

``jobs``      stream of site jobs; group ``workers``. A job is pending while a worker holds it; idle
              longer than the visibility timeout (a killed worker stops renewing) it is taken back by the
              next claim. Finished jobs are acknowledged and deleted.
``archive``   stream of messages for the writer; group ``writer``. Deleted once committed.
``sites``     hash site -> the site's job (JSON): one job per site from enqueue until the writer has
              committed its run, so a site is never crawled by two workers at once.
``runs``      hash job -> the writer's open run (JSON), so a restarted writer resumes it.
``finished``  list of committed site jobs (JSON), newest first, capped.
``writer``    the writer's lock (one writer per archive).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import valkey
import zstandard
from valkey.backoff import ExponentialBackoff
from valkey.exceptions import ConnectionError as RedisConnectionError
from valkey.exceptions import ResponseError
from valkey.exceptions import TimeoutError as RedisTimeoutError
from valkey.retry import Retry

logger = logging.getLogger(__name__)

PREFIX = "newsarchive:"
JOBS, ARCHIVE, SITES, RUNS, FINISHED, WRITER = (
    PREFIX + name for name in ("jobs", "archive", "sites", "runs", "finished", "writer")
)
WORKERS, WRITERS = "workers", "writer"  # the consumer groups of JOBS and ARCHIVE
FINISHED_KEPT = 1000
RedisError = valkey.exceptions.ValkeyError

# KEYS[1] jobs, KEYS[2] archive; ARGV[1] group, ARGV[2] job entry, ARGV[3] consumer: does it hold the job?
_OWNED = """
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
if p[1] == nil or p[1][2] ~= ARGV[3] then return 0 end
"""
_RENEW = _OWNED + "redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID') return 1"
_APPEND = _OWNED + "return redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4))"
_FINISH = (
    _OWNED
    + "redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4))"
    + " redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) redis.call('XDEL', KEYS[1], ARGV[2]) return 1"
)
# ARGV[4] idle ms: the job is handed back at once (the next claim takes it), after its message
_RELEASE = (
    _OWNED
    + "redis.call('XADD', KEYS[2], '*', unpack(ARGV, 5))"
    + " redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'IDLE', ARGV[4], 'JUSTID') return 1"
)
# KEYS[1] sites, KEYS[2] jobs; ARGV site, job id, marker JSON, payload
_ENQUEUE = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
local entry = redis.call('XADD', KEYS[2], '*', 'job', ARGV[2], 'site', ARGV[1], 'payload', ARGV[4])
local marker = cjson.decode(ARGV[3])
marker['entry'] = entry
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(marker))
return entry
"""


def connect(url: str, *, retries: int = 8) -> valkey.Valkey:
    """A client for ``url`` (redis://host:port/db) that rides out a Redis restart: connection errors are
    retried with backoff (about 10 s in all) before they are raised. Creates the streams' groups."""
    client = valkey.Valkey.from_url(
        url,
        # OSError too: a refused connection (Redis restarting) is retried as well, not only a dropped one
        retry=Retry(
            ExponentialBackoff(cap=2.0, base=0.1), retries, (RedisConnectionError, RedisTimeoutError, OSError)
        ),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        socket_connect_timeout=5,
    )
    for stream, group in ((JOBS, WORKERS), (ARCHIVE, WRITERS)):
        try:
            client.xgroup_create(stream, group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
    return client


def pack(data: Any) -> bytes:
    """JSON, zstd-compressed: job payloads and messages (page bodies shrink several times)."""
    return zstandard.ZstdCompressor(level=3).compress(json.dumps(data, ensure_ascii=False).encode())


def unpack(blob: bytes) -> Any:
    """What ``pack`` made; a ValueError for anything else."""
    try:
        return json.loads(zstandard.ZstdDecompressor().decompress(blob))
    except zstandard.ZstdError as exc:
        raise ValueError(f"not a packed message: {exc}") from None


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


@dataclass(frozen=True, slots=True)
class Job:
    """One site to crawl, with all a worker needs: the site's table and its archive state."""

    site: str
    table: dict[str, Any]  # the [sites.NAME] table: workers need no sites file
    state: dict[str, Any]  # storage.SiteState.to_dict() as the archive held it at enqueue
    mode: str = "incremental"
    options: dict[str, Any] = field(default_factory=dict)  # spider arguments: max_pages, max_articles
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    enqueued_at: str = field(default_factory=now_iso)


def enqueue(client: valkey.Valkey, jobs: Iterable[Job]) -> dict[str, bool]:
    """Queue each job unless its site already has one queued, running or not yet committed.
    Returns site -> whether it was queued."""
    script = client.register_script(_ENQUEUE)
    out = {}
    for job in jobs:
        marker = json.dumps({"job": job.id, "mode": job.mode, "enqueued_at": job.enqueued_at})
        entry = script(keys=[SITES, JOBS], args=[job.site, job.id, marker, pack(asdict(job))])
        out[job.site] = bool(entry)
        logger.debug("site %s: %s", job.site, f"job {job.id} queued" if entry else "already has a job")
    return out


@dataclass(slots=True)
class Lease:
    """A worker's hold on one claimed job. Every write through it is fenced: it happens only while the
    worker still holds the job, and returns False (writing nothing) once it does not."""

    client: valkey.Valkey
    job: Job
    entry: str  # the job's stream entry
    attempt: int  # how many times the job has been handed out (1 the first time)
    consumer: str
    timeout: float  # the visibility timeout, seconds

    def renew(self) -> bool:
        return bool(self._run(_RENEW))

    def append(self, kind: str, data: Any) -> bool:
        return bool(self._run(_APPEND, *self._message(kind, data)))

    def finish(self, kind: str, data: Any) -> bool:
        """Append the job's last message and drop the job, in one step."""
        return bool(self._run(_FINISH, *self._message(kind, data)))

    def release(self, data: Any) -> bool:
        """Append a run-close and hand the job back for another worker to take at once."""
        idle = int(self.timeout * 1000) + 1
        return bool(self._run(_RELEASE, idle, *self._message("close", data)))

    def _message(self, kind: str, data: Any) -> list[Any]:
        """The message's fields, as XADD takes them: name, value, name, value ..."""
        fields = {"kind": kind, "job": self.job.id, "attempt": self.attempt, "site": self.job.site}
        return [*(x for pair in fields.items() for x in pair), "data", pack(data)]

    def _run(self, source: str, *args: Any) -> Any:
        script = self.client.register_script(source)
        return script(keys=[JOBS, ARCHIVE], args=[WORKERS, self.entry, self.consumer, *args])

    def as_setting(self) -> dict[str, Any]:
        """Plain data for the crawl's settings (the port rebuilds the lease from it)."""
        return {
            "job": asdict(self.job),
            "entry": self.entry,
            "attempt": self.attempt,
            "consumer": self.consumer,
            "timeout": self.timeout,
        }

    @classmethod
    def from_setting(cls, client: valkey.Valkey, data: dict[str, Any]) -> Lease:
        return cls(
            client, Job(**data["job"]), data["entry"], data["attempt"], data["consumer"], data["timeout"]
        )


def claim(client: valkey.Valkey, consumer: str, timeout: float) -> Lease | None:
    """The next job for ``consumer``: one whose worker stopped renewing it for ``timeout`` seconds first,
    else a queued one; None when there is neither."""
    entry = _expired(client, consumer, timeout)
    if entry is None:
        got = client.xreadgroup(WORKERS, consumer, {JOBS: ">"}, count=1)
        entry = got[0][1][0] if got and got[0][1] else None
    if entry is None:
        return None
    entry_id, fields = _text(entry[0]), entry[1]
    pending = client.xpending_range(JOBS, WORKERS, min=entry_id, max=entry_id, count=1)
    attempt = int(pending[0]["times_delivered"]) if pending else 1
    job = Job(**unpack(fields[b"payload"]))
    return Lease(client, job, entry_id, attempt, consumer, timeout)


def _expired(client: valkey.Valkey, consumer: str, timeout: float) -> tuple[Any, Any] | None:
    cursor: Any = "0-0"
    while True:
        cursor, entries, *_ = client.xautoclaim(JOBS, WORKERS, consumer, int(timeout * 1000), cursor, count=1)
        if entries:
            logger.warning(
                "job %s: its worker stopped renewing it; taken over by %s", entries[0][0], consumer
            )
            return entries[0]  # type: ignore[no-any-return]
        if _text(cursor) == "0-0":
            return None


def jobs_left(client: valkey.Valkey) -> int:
    """Jobs queued or held by a worker."""
    return int(client.xlen(JOBS))


def sites_pending(client: valkey.Valkey) -> int:
    """Sites whose job is queued, crawling, or crawled but not yet committed by the writer."""
    return int(client.hlen(SITES))


def job_status(client: valkey.Valkey, *, limit: int = 20) -> dict[str, Any]:
    """Queued, running and finished site jobs, and what waits for the writer."""
    markers = {_text(k): json.loads(v) for k, v in client.hgetall(SITES).items()}
    held = {
        _text(p["message_id"]): p
        for p in client.xpending_range(JOBS, WORKERS, min="-", max="+", count=max(len(markers), 1) * 2)
    }
    waiting = [m for m in markers.values() if m.get("entry") not in held]
    with client.pipeline(transaction=False) as pipe:
        for marker in waiting:
            pipe.xrange(JOBS, marker["entry"], marker["entry"], count=1)
        present = pipe.execute()
    queued_entries = {m["entry"] for m, found in zip(waiting, present, strict=True) if found}
    out: dict[str, list[dict[str, Any]]] = {"queued": [], "running": [], "writing": []}
    for site, marker in sorted(markers.items()):
        row = {
            "site": site,
            "job": marker["job"],
            "mode": marker["mode"],
            "enqueued_at": marker["enqueued_at"],
        }
        pending = held.get(marker.get("entry", ""))
        if pending:
            row |= {
                "worker": _text(pending["consumer"]),
                "attempt": int(pending["times_delivered"]),
                "idle_seconds": round(pending["time_since_delivered"] / 1000, 1),
            }
            out["running"].append(row)
        else:
            out["queued" if marker.get("entry") in queued_entries else "writing"].append(row)
    finished = [json.loads(x) for x in client.lrange(FINISHED, 0, limit - 1)]
    writer = client.get(WRITER)
    return {
        **out,
        "finished": finished,
        "archive_messages": int(client.xlen(ARCHIVE)),
        "writer": _text(writer).split(" ", 1)[-1] if writer else None,
    }
