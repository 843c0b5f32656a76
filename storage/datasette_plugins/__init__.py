"""Datasette plugins for the archive, loaded with ``datasette --plugins-dir storage/datasette_plugins``.

Not imported by the rest of the project; ``storage.datasette.datasette_args`` passes this folder to Datasette.
"""
