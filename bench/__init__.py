"""Benchmarks of newsarchive (not part of ``make test``), run as modules from the project root:
``python -m bench.run`` is the crawl benchmark (issue 4); the other modules measure one part each
(extraction, storage, listing scoring, trafilatura settings). See bench/README.md.
"""
