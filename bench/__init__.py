"""Benchmarks of newsarchive (not part of ``make test``). ``bench/run.py`` is the crawl benchmark (issue 4);
the other scripts measure one part each (extraction, storage, listing scoring, trafilatura settings).

A package only so the crawl benchmark's modules can import each other (``bench.site``, ``bench.serve``...).
"""
