"""Spiders: decide what to request next. ``news`` is the one generic spider for every configured site."""
