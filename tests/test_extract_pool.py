"""ExtractionPool: starts on first use, and a worker that dies costs only its task (a fresh pool follows)."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from newsarchive.crawler.extract.pool import ExtractionPool


def _square(n: int) -> int:
    return n * n


def _die(code: int) -> int:
    os._exit(code)


def test_pool_starts_on_demand_and_survives_a_dead_worker() -> None:
    with ExtractionPool(2) as pool:
        assert not pool.started  # nothing submitted: no processes
        assert pool.submit(_square, 7).result() == 49
        assert pool.started
        with pytest.raises(BrokenProcessPool):
            pool.submit(_die, 3).result()
        pool.restart()
        assert [pool.submit(_square, n).result() for n in range(4)] == [0, 1, 4, 9]
        assert pool.restarts == 1
    assert not pool.started
