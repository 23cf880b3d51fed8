"""Editions: each article in each language, rendered as an HTML site and an EPUB book.

``build.build(config, langs, formats, draft=..., report=...)`` is the entry point.
"""
