"""sitekit: the web sites newsarchive is demonstrated, tested and benchmarked on, served over real HTTP.

Not part of the crawler (it imports nothing from ``crawler`` except ``multicms.client``, which scores the
crawler's listing parser): a kit of realistic institute news sites on 127.0.0.1.

``server``    the one loopback HTTP/1.1 server: ``LoopbackServer`` (a thread, port 0 = a free port),
              ``Router`` (path prefixes -> handlers), ``Request``/``Response`` (with misbehaviour switches:
              delay, dropped connection, truncated body), ETag/Last-Modified and 304s, a request log
``demo``      the bundled demo: four institute sites at two stages a week apart, their ground truth,
              ``DemoServer`` (``newsarchive demo``, ``newsarchive demo-server``,
              ``python -m newsarchive.sitekit.demo``)
``multicms``  the multi-CMS test site: every listing family the crawler reads, with ground truth per page
              (tests/test_listing_*.py, tests/test_crawl_families.py, bench/score_listings.py)

The test-only sites (tests/badsite.py, tests/statefulsite.py) and the benchmark's generator (bench/site.py)
are built on the same server.
"""
