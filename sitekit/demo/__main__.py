"""``python -m newsarchive.sitekit.demo --port 8765 --stage 1``: serve the offline demo sites in the
foreground.

The same as ``newsarchive demo-server``, without the crawler installed.
"""

from __future__ import annotations

import argparse
import logging

from .app import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsarchive.sitekit.demo",
        description="Serve the offline demo institute news sites on loopback.",
    )
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0 picks a free one; default 8765)")
    parser.add_argument(
        "--stage",
        type=int,
        choices=(1, 2),
        default=1,
        help="1: the sites as first crawled; 2: the same sites a week later",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    serve(args.port, args.stage, args.host)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
