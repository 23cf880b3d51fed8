"""Editions: each article in each language, rendered as an HTML site and an EPUB book."""
