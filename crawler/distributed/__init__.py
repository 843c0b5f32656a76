"""Distributed mode: crawl workers on any number of machines, one archive writer, shared through Redis.

Data flow::

    archive host                          Redis                         worker machines
    newsarchive enqueue  --site jobs-->   newsarchive:jobs  --claim-->  newsarchive worker
      (state from SQLite travels            (stream, group "workers",     one site at a time, the normal
       with each job)                        a lease per job)             NewsSpider; its archive port is
                                                                          port.StreamArchive
    newsarchive writer  <--messages--     newsarchive:archive  <--------  run-open, items, run-close
      ArchiveWriter -> SQLite,              (stream, group "writer")
      XACK after each commit

Modules: ``jobs`` (every Redis key and script: enqueue, claim, leases, fenced appends, status), ``port``
(the Scrapy component a worker's spider writes through), ``worker`` (the claim-crawl loop), ``writer`` (the
stream -> ArchiveWriter loop), ``cluster`` (a redis-server on loopback plus N workers and a writer as
processes, for the tests and the benchmarks).

What it is built on: Redis streams with consumer groups through valkey-py (redis-py's fork, the same API;
redis-py itself cannot share an environment with pywb, which pins redis==2.10.6). A site job is a stream
entry; a worker holds it as a pending entry of its consumer and renews that lease (XCLAIM ... JUSTID); a
killed worker's job is taken back by another worker with XAUTOCLAIM once it has been idle for the visibility
timeout. Every message a worker appends is fenced by a Lua script that first checks the worker still holds
the job, so a worker that lost its lease can write nothing. scrapy-redis (0.9.1) was read and not used: its
spiders read start URLs from a list with ``start_requests`` (no ``async def start()``), pop them without an
acknowledgement (a killed worker loses its job), its scheduler and dupefilter share one request queue
(we give a whole site to one worker, so there is none to share), its pipeline pushes items to a list (no
consumer group, so no acknowledgement after commit), its components take the deprecated ``spider``
argument, and it requires redis>=4.2, which cannot be installed beside pywb.
"""
