"""The archive writer process of the distributed mode: the ``archive`` stream -> ArchiveWriter -> SQLite.

Data flow: workers' StreamArchive (port.py) -> ``archive`` stream (group ``writer``) -> ``StreamWriter`` ->
``crawler.archive.ArchiveWriter`` (the same writer a single-process crawl uses) -> ``storage.Store``.
``newsarchive writer`` runs it on the archive host; one writer per archive (it holds a lock in Redis).

Messages are applied in stream order (one worker appends a site's messages in order), in batches: each
batch is committed to SQLite (one transaction per item, as in a crawl; batched 304s flushed), and only then
acknowledged and deleted from the stream, together with the writer's own state (which run each job writes
to, the counts so far, finished jobs) in one Redis transaction. A writer killed mid-batch re-reads the
unacknowledged messages when it restarts; applying one twice stores nothing twice (an article saved again
is 'unchanged').

Run identity: a job's run-open starts a crawl run (its options name the job, attempt and worker); a later
attempt's run-open (the first worker died, another took the job) closes the earlier attempt's run as
interrupted first; items and run-close of any but the job's current attempt are skipped.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import valkey
from scrapy.settings import Settings
from scrapy.utils.log import configure_logging

from newsarchive.storage import Store

from ..archive import ArchiveWriter, CrawlPolicy
from ..itemcodec import item_from_dict, tally_from_dict, tally_to_dict
from ..pipelines import crawl_policy
from ..state import RunTally
from .jobs import (
    ARCHIVE,
    FINISHED,
    FINISHED_KEPT,
    RUNS,
    SITES,
    WRITER,
    WRITERS,
    RedisError,
    now_iso,
    sites_pending,
    unpack,
)

logger = logging.getLogger(__name__)

BATCH = 100  # messages read, committed and acknowledged together
REJECTED = ARCHIVE + ":rejected"  # messages that are no message of ours: kept here, never dropped
CONSUMER = "writer"

_RENEW_LOCK = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""
# KEYS[1] sites; ARGV site, job: the site's job is done with, unless the site has another job by now
_SETTLE = """
local marker = redis.call('HGET', KEYS[1], ARGV[1])
if marker and cjson.decode(marker)['job'] == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
"""
_RELEASE_LOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1"


class WriterLockLost(RuntimeError):
    """Another writer took over this archive's stream."""


@dataclass(slots=True)
class _Job:
    site: str
    attempt: int
    worker: str | None = None


@dataclass(slots=True)
class _Batch:
    """What a batch changes in the writer's Redis state, written with its acknowledgements."""

    ids: list[bytes] = field(default_factory=list)
    open_jobs: set[str] = field(default_factory=set)
    closed_jobs: set[str] = field(default_factory=set)
    finished: list[dict[str, Any]] = field(default_factory=list)
    settled: list[tuple[str, str]] = field(default_factory=list)  # (site, job): the job is done with
    rejected: list[bytes] = field(default_factory=list)


class StreamWriter:
    def __init__(
        self, client: valkey.Valkey, store: Store, *, timeout: float, policy: CrawlPolicy | None = None
    ) -> None:
        self.client = client
        self.writer = ArchiveWriter(store, policy)
        self.timeout = timeout
        self.jobs: dict[str, _Job] = {}  # job id -> its site and current attempt
        self.token = f"{uuid.uuid4().hex[:8]} {socket.gethostname()}:{os.getpid()} since {now_iso()}"
        self.applied = 0

    # ------------------------------------------------------------------ the loop

    def run(self, *, drain: bool = False, stopping: Callable[[], bool] = lambda: False) -> int:
        """Commit messages until ``stopping()`` (or, with ``drain``, until every enqueued site job is
        committed); returns how many messages were applied."""
        self._lock()
        try:
            self._resume()
            backlog = True  # first the messages read before a restart and never acknowledged
            while not stopping():
                try:
                    messages = self._read(backlog)
                    if messages:
                        self._apply_batch(messages)
                    elif backlog:
                        backlog = False
                    elif self._unacknowledged():
                        backlog = True
                    elif drain and sites_pending(self.client) == 0:
                        break
                    self._renew_lock()
                except RedisError as exc:  # down past the client's retries: what was not acknowledged
                    logger.warning("writer: Redis: %s; trying again", exc)  # is read again
                    backlog = True
                    time.sleep(1)
        finally:
            self.writer.flush()
            self.writer.store.close()
            self.client.register_script(_RELEASE_LOCK)(keys=[WRITER], args=[self.token])
        logger.info("writer: stopping after %d message(s)", self.applied)
        return self.applied

    def _read(self, backlog: bool) -> list[tuple[bytes, dict[bytes, bytes]]]:
        got = self.client.xreadgroup(
            WRITERS,
            CONSUMER,
            {ARCHIVE: "0" if backlog else ">"},
            count=BATCH,
            block=None if backlog else 1000,
        )
        return list(got[0][1]) if got else []

    def _unacknowledged(self) -> bool:
        """Messages delivered to this writer and not acknowledged, though it acknowledges every batch: a
        Redis restarted from its append-only file lost an acknowledgement, so they are read again."""
        return bool(self.client.xpending(ARCHIVE, WRITERS)["pending"])

    def _apply_batch(self, messages: list[tuple[bytes, dict[bytes, bytes]]]) -> None:
        batch = _Batch()
        for entry_id, fields in messages:
            batch.ids.append(entry_id)
            try:
                self._apply(fields, batch)
            except (KeyError, ValueError, TypeError) as exc:
                logger.error(
                    "writer: message %s is not one of ours (%s); kept in %s", entry_id, exc, REJECTED
                )
                batch.rejected.append(entry_id)
        self.writer.flush()
        self._commit(batch, dict(messages))
        self.applied += len(messages)

    def _commit(self, batch: _Batch, messages: dict[bytes, dict[bytes, bytes]]) -> None:
        with self.client.pipeline(transaction=True) as tx:
            for job_id in batch.open_jobs - batch.closed_jobs:
                job = self.jobs.get(job_id)
                if job is None:  # its run was closed: a job of the same site superseded it
                    tx.hdel(RUNS, job_id)
                    continue
                run_id, tally = self.writer.run_of(job.site) or (None, RunTally())
                record = {"site": job.site, "attempt": job.attempt, "worker": job.worker, "run_id": run_id}
                tx.hset(RUNS, job_id, json.dumps({**record, **tally_to_dict(tally)}))
            for job_id in batch.closed_jobs:
                tx.hdel(RUNS, job_id)
            for site, job_id in batch.settled:
                tx.eval(_SETTLE, 1, SITES, site, job_id)
            for finished in batch.finished:
                tx.lpush(FINISHED, json.dumps(finished, ensure_ascii=False))
            if batch.finished:
                tx.ltrim(FINISHED, 0, FINISHED_KEPT - 1)
            for entry_id in batch.rejected:
                tx.rpush(REJECTED, json.dumps({_text(k): _text(v) for k, v in messages[entry_id].items()}))
            tx.xack(ARCHIVE, WRITERS, *batch.ids)
            tx.xdel(ARCHIVE, *batch.ids)
            tx.execute()

    # ------------------------------------------------------------------ messages

    def _apply(self, fields: dict[bytes, bytes], batch: _Batch) -> None:
        kind, job_id, site = (_text(fields[k]) for k in (b"kind", b"job", b"site"))
        attempt, data = int(fields[b"attempt"]), unpack(fields[b"data"])
        current = self.jobs.get(job_id)
        is_current = current is not None and current.attempt == attempt
        if kind == "open":
            self._open(job_id, site, attempt, data)
            batch.open_jobs.add(job_id)
        elif kind == "item" and is_current:
            self.writer.write(item_from_dict(data))
            batch.open_jobs.add(job_id)
        elif kind == "close" and is_current:
            tally = tally_from_dict(data)
            outcome = self.writer.close_run(site, reason=data["reason"], tally=tally, stats=data["stats"])
            del self.jobs[job_id]
            batch.closed_jobs.add(job_id)
            if data["reason"] != "shutdown":  # a run handed back goes on under the job's next attempt
                batch.finished.append(_finished(job_id, outcome.as_dict()))
        elif kind == "failed":
            run = self._close_stale(site, "job-failed")
            self.jobs.pop(job_id, None)
            batch.closed_jobs.add(job_id)
            status = {
                "site": site,
                "run_id": run,
                "status": "failed",
                "counts": {},
                "warnings": [data["reason"]],
            }
            batch.finished.append(_finished(job_id, status))
        elif kind in ("item", "close"):
            logger.warning(
                "writer: %s of site %s job %s attempt %d skipped: not its open run",
                kind,
                site,
                job_id,
                attempt,
            )
        else:
            raise ValueError(f"unknown message kind {kind!r}")
        if kind == "failed" or (kind == "close" and data["reason"] != "shutdown"):
            batch.settled.append((site, job_id))  # a new job for the site may be queued now

    def _open(self, job_id: str, site: str, attempt: int, data: dict[str, Any]) -> None:
        current, worker = self.jobs.get(job_id), data.get("worker")
        if current is not None and (current.attempt, current.worker) == (attempt, worker):
            logger.info(
                "writer: job %s attempt %d is open already (its run-open read again)", job_id, attempt
            )
            return
        if current is not None and current.attempt > attempt:
            logger.warning(
                "writer: job %s attempt %d opens after attempt %d; skipped", job_id, attempt, current.attempt
            )
            return
        # a later attempt, or the same one handed out again (a Redis restored from its append-only file)
        self._close_stale(site, "worker-lost")
        options = {**data["options"], "job": job_id, "attempt": attempt, "worker": worker}
        self.writer.start_run(site, mode=data["mode"], full_walk=data["full_walk"], options=options)
        self.jobs[job_id] = _Job(site, attempt, worker)

    def _close_stale(self, site: str, reason: str) -> int | None:
        """Close the site's open run, if any (its worker is gone: a later attempt opens, or it gave up)."""
        if self.writer.run_of(site) is None:
            return None
        outcome = self.writer.close_run(site, reason=reason)
        logger.warning("site %s: run %s closed as %s (%s)", site, outcome.run_id, outcome.status, reason)
        self.jobs = {j: job for j, job in self.jobs.items() if job.site != site}
        return outcome.run_id

    # ------------------------------------------------------------------ state across restarts

    def _resume(self) -> None:
        """Take over the runs an earlier writer process left open (their workers may still be crawling)."""
        for job_id, raw in self.client.hgetall(RUNS).items():
            record = json.loads(raw)
            if self.writer.resume_run(record["site"], record["run_id"], tally_from_dict(record)):
                self.jobs[_text(job_id)] = _Job(record["site"], record["attempt"], record.get("worker"))
                logger.info("writer: resumed run %s of site %s", record["run_id"], record["site"])
            else:
                self.client.hdel(RUNS, job_id)

    def _lock(self) -> None:
        """Hold the writer lock; wait while another writer holds it (a killed one's runs out with the
        visibility timeout)."""
        while not self._renew_lock(quiet=True):
            holder = self.client.get(WRITER)
            logger.warning("writer: another writer holds %s (%s); waiting", WRITER, _text(holder or b"-"))
            time.sleep(min(self.timeout / 3, 5))

    def _renew_lock(self, quiet: bool = False) -> bool:
        held = self.client.register_script(_RENEW_LOCK)(
            keys=[WRITER], args=[self.token, int(self.timeout * 1000)]
        )
        if not held and not quiet:
            raise WriterLockLost(
                f"another writer holds {WRITER} now: {_text(self.client.get(WRITER) or b'-')}"
            )
        return bool(held)


def _finished(job_id: str, outcome: dict[str, Any]) -> dict[str, Any]:
    """A committed site job, as ``newsarchive status`` lists it."""
    return {"job": job_id, **outcome, "finished_at": now_iso()}


def run_writer(settings: Settings, client: valkey.Valkey, db: str, *, drain: bool = False) -> int:
    """``newsarchive writer``: commit the stream to ``db`` until SIGTERM/SIGINT (or, with ``drain``, until
    every enqueued job is committed). The batch in hand is finished first."""
    configure_logging(settings)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    timeout = settings.getfloat("NEWSARCHIVE_VISIBILITY_TIMEOUT")
    writer = StreamWriter(client, Store(db), timeout=timeout, policy=crawl_policy(settings))
    return writer.run(drain=drain, stopping=stop.is_set)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
