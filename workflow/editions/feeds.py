"""Atom feeds (one per language) and the sitemap with its hreflang alternates.

Both are XML written with ElementTree, so every value (a translated title, a lead) is
escaped. A feed's links are absolute when ``site.base_url`` is set, else relative to the feed
(RFC 4287 resolves them against the feed's own address); its ids are URNs, stable across
builds and hosts. A sitemap must list absolute URLs, so it is only made with a base URL.
Dates come from the articles (never the clock): the feed is updated when its newest entry is.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FLOOR = dt.date(1980, 1, 1)


@dataclass(frozen=True)
class Entry:
    slug: str
    href: str  # relative to the feed, or absolute
    title: str
    title_lang: str  # the title's language (the source's when it is not translated)
    date: str  # ISO date, "" when unknown
    author: str
    lead: str


def urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'workflow:' + ':'.join(parts))}"


def _stamp(iso: str, fallback: dt.date) -> str:
    day = dt.date.fromisoformat(iso) if iso else fallback
    return f"{day.isoformat()}T00:00:00Z"


# Characters XML 1.0 cannot hold at all, even escaped: dropped from untrusted text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def atom_feed(
    *,
    edition: str,
    lang: str,
    title: str,
    publisher: str,
    rights: str,
    self_href: str,
    home_href: str,
    entries: Sequence[Entry],
    limit: int | None = None,
) -> bytes:
    """An Atom 1.0 feed of ``entries``, newest first, at most ``limit`` of them (a feed is news, not the archive)."""
    ET.register_namespace("", ATOM)
    newest = max((e.date for e in entries if e.date), default="")
    updated = _stamp(newest, FLOOR)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _sub(feed, f"{{{ATOM}}}id", urn(edition, lang, "feed"))
    _sub(feed, f"{{{ATOM}}}title", title, type="text")
    _sub(feed, f"{{{ATOM}}}updated", updated)
    author = _sub(feed, f"{{{ATOM}}}author")
    _sub(author, f"{{{ATOM}}}name", publisher)
    _sub(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=self_href)
    _sub(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=home_href)
    if rights:
        _sub(feed, f"{{{ATOM}}}rights", rights, type="text")
    # An undated article counts as updated with the newest one (RFC 4287 wants a date).
    fallback = dt.date.fromisoformat(newest) if newest else FLOOR
    for item in sorted(entries, key=lambda e: (_stamp(e.date, fallback), e.slug), reverse=True)[:limit]:
        entry = _sub(feed, f"{{{ATOM}}}entry")
        _sub(entry, f"{{{ATOM}}}id", urn(edition, lang, item.slug))
        heading = _sub(entry, f"{{{ATOM}}}title", item.title, type="text")
        if item.title_lang != lang:
            heading.set(XML_LANG, item.title_lang)
        _sub(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=item.href)
        stamp = _stamp(item.date, fallback)
        if item.date:
            _sub(entry, f"{{{ATOM}}}published", stamp)
        _sub(entry, f"{{{ATOM}}}updated", stamp)
        if item.author:
            who = _sub(entry, f"{{{ATOM}}}author")
            _sub(who, f"{{{ATOM}}}name", item.author)
        if item.lead:
            _sub(entry, f"{{{ATOM}}}summary", item.lead, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap(pages: Mapping[str, Mapping[str, str]]) -> bytes:
    """A sitemap: per page (any key), its URL in each language (absolute), each with all alternates."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for _, versions in sorted(pages.items()):
        for url in sorted(versions.values()):
            entry = _sub(root, f"{{{SITEMAP}}}url")
            _sub(entry, f"{{{SITEMAP}}}loc", url)
            if len(versions) > 1:
                for lang, other in sorted(versions.items()):
                    _sub(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=other)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
