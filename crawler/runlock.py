"""RunLock: an exclusive file lock so scheduled crawls never overlap; taken at once or within a wait.

``newsarchive crawl --lock FILE`` exits 75 when another run holds it; with ``--wait-lock SECONDS`` it waits
that long first (the weekly revalidation waits for the daily crawl instead of being skipped).

The lock is held by an open file descriptor (``fcntl.flock``), so the kernel drops it when the process dies:
a killed run never leaves a stale lock behind. The holder's pid and start time are written for humans.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class LockHeld(RuntimeError):
    """Another process holds the lock."""


class RunLock:
    POLL_SECONDS = 1.0  # how often a waiting acquire() tries again

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self, wait: float = 0) -> RunLock:
        """Take the lock; if another process holds it, try again for up to ``wait`` seconds, then raise
        LockHeld."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left > 0:
                    time.sleep(min(self.POLL_SECONDS, left))
                    continue
                holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "unknown"
                os.close(fd)
                raise LockHeld(f"another crawl holds {self.path} ({holder})") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
