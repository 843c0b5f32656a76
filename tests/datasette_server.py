"""A real Datasette on loopback for the tests: ``newsarchive serve``'s command line on a free port."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsarchive.storage.datasette import datasette_args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_datasette(db_path: Path, *, timeout: float = 300) -> Iterator[str]:
    """Serve ``db_path`` as ``newsarchive serve`` does; yields the base URL, stops the server after."""
    port = free_port()
    proc = subprocess.Popen(
        datasette_args(db_path, port=port), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=10).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"datasette did not start: {out[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
