"""Saved or fetched HTML pages -> blocks, with trafilatura finding the article and its metadata.

trafilatura (the strongest open extractor on the public article-extraction benchmark) gives
the article as XML (``p``, ``head``, ``list``/``item``, ``quote``, ``table``, ``hi``, ``ref``);
this module turns that tree into our blocks. The page is decoded here, from its BOM, the
HTTP header or its ``<meta charset>``, so trafilatura never guesses; nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from ..errors import SourceError
from ..model import Meta
from .boilerplate import article_span, classify, page_words, run_words
from .markdown import attach_notes
from .metadata import find_byline, normalise_name
from .model import Block, Extract, Removed

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# Elements that start a new line of visible text (what select-all-and-paste would break on).
_BLOCK_TAG_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
)
_BLOCK_TAG_NAMES += "hr li main nav ol p pre section table td th tr ul title"
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "iframe", "object"])
_SENTENCE_END = re.compile(r"[.!?…:;][\"»”’')\]]*$")


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """The page's text in the encoding the page declares (BOM, HTTP header, then ``<meta>``)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    declared = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared.append(m.group(1))
    if meta := _META_CHARSET.search(data[:4096]):
        declared.append(meta.group(1).decode("ascii", "ignore"))
    for name in declared:
        codec = "cp1252" if name.lower() in ("iso-8859-1", "latin-1", "us-ascii", "ascii") else name
        try:
            return data.decode(codec)  # WHATWG: Latin-1 labels mean windows-1252
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _parse(html: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def visible_lines(root: lxml_html.HtmlElement | None) -> list[str]:
    """The page's visible text, one block-level element a line (what select-all-and-paste gives)."""
    if root is None:
        return []
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return lines


def _inline(el: etree._Element) -> str:
    """Inline Markdown for an element of trafilatura's XML: emphasis, links, line breaks."""
    parts = [_escape_inner(el.text or "")]
    for child in el:
        parts.append(_inline_child(child))
        if child.tail:
            parts.append(_escape_inner(child.tail))
    return "".join(parts)


def _escape_inner(text: str) -> str:
    # Block-start escapes are applied once per block (in _clean); here only inline markup.
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`<>|])", r"\\\1", text)
    return re.sub(r"\[(?!\^)", r"\\[", text)


def _inline_child(child: etree._Element) -> str:
    tag = child.tag
    inner = _inline(child) if tag != "lb" else ""
    if tag == "lb":
        return " "
    if tag == "hi" and inner.strip():
        rend = child.get("rend", "")
        mark = "**" if "b" in rend and "i" not in rend else "*" if "i" in rend else ""
        lead, core, trail = _split_space(inner)
        return f"{lead}{mark}{core}{mark}{trail}" if mark else inner
    if tag == "ref" and inner.strip():
        target = child.get("target", "")
        lead, core, trail = _split_space(inner)
        if target.startswith(("http://", "https://", "mailto:")) and " " not in target and ")" not in target:
            return f"{lead}[{core}]({target}){trail}"
        return inner
    if tag == "code" and inner.strip():
        return f"`{(child.text or '').strip()}`"
    return inner


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core[0])
    return text[:start], core, text[start + len(core) :]


def _clean(text: str) -> str:
    text = " ".join(text.split())
    # What would start a Markdown block at the start of a line is escaped.
    text = re.sub(r"^([#+=~-])", r"\\\1", text)
    return re.sub(r"^(\d{1,9})([.)])(\s|$)", r"\1\\\2\3", text)


def _only_bold(el: etree._Element) -> bool:
    kids = list(el)
    return (
        len(kids) == 1
        and kids[0].tag == "hi"
        and "b" in kids[0].get("rend", "")
        and not (el.text or "").strip()
        and not (kids[0].tail or "").strip()
    )


# trafilatura drops <figcaption>; a caption becomes a paragraph opening with this mark, kept as a caption block.
_CAPTION_MARK = "\u2063"


_CREDIT = re.compile(
    r"^\W*(image|photo|picture|credit|source|illustration|file)s?\b|\b(getty|shutterstock|istock)\b", re.I
)


def _credit_only(caption: str) -> bool:
    """A caption that only credits the picture ("Photo: Getty Images", "Jane Roe/Example")."""
    words = caption.split()
    return len(words) <= 4 or (len(words) <= 10 and bool(_CREDIT.search(caption)))


def _mark_captions(html: str) -> str:
    """Figures become plain blocks and their captions marked paragraphs (trafilatura prunes figures)."""
    html = re.sub(r"<figcaption\b[^>]*>", lambda m: "<p>" + _CAPTION_MARK, html, flags=re.I)
    html = re.sub(r"</figcaption\s*>", "</p>", html, flags=re.I)
    html = re.sub(r"<figure\b", "<div", html, flags=re.I)
    return re.sub(r"</figure\s*>", "</div>", html, flags=re.I)


def _blocks(body: etree._Element) -> list[Block]:
    found: list[Block] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            text = _clean(_inline(el)).strip("*")
            level = int(el.get("rend", "h2")[1:] or 2) if re.match(r"^h[1-6]$", el.get("rend", "")) else 2
            if text:
                found.append(Block("heading", text, level=max(2, level)))
        elif tag == "p":
            text = _clean(_inline(el))
            if not text:
                continue
            plain = " ".join("".join(el.itertext()).split())
            if _CAPTION_MARK in text:
                caption = text.replace(_CAPTION_MARK, "").strip()
                if not _credit_only(plain.replace(_CAPTION_MARK, "")):
                    found.append(Block("caption", caption))
            elif _only_bold(el) and len(plain.split()) <= 12 and not _SENTENCE_END.search(plain):
                found.append(Block("heading", _clean(_inline(el[0])), level=3))  # a bold line before prose
            else:
                found.append(Block("paragraph", text))
        elif tag == "list":
            ordered = el.get("rend", "") == "ol"
            for item in el.iter("item"):
                text = _clean(_inline(item))
                if text:
                    found.append(Block("item", text, ordered=ordered))
        elif tag == "quote":
            inner = [c for c in el if c.tag in ("p", "head", "list")]
            texts = [_clean(_inline(c)) for c in inner] if inner else [_clean(_inline(el))]
            found.extend(Block("quote", t) for t in texts if t)
        elif tag == "table":
            found.extend(_table(el))
        elif tag == "code":
            text = _clean(_escape_inner("".join(el.itertext())))
            if text:
                found.append(Block("paragraph", text))
        elif tag == "graphic":
            caption = (el.get("title") or el.get("alt") or "").strip()
            if caption:
                found.append(Block("caption", _clean(_escape_inner(caption))))
        else:
            text = _clean(_inline(el))
            if text:
                found.append(Block("paragraph", text))
    return found


def _drop_furniture(blocks: list[Block]) -> tuple[list[Block], tuple[Removed, ...]]:
    """Site furniture the extractor let through (share lines, "Tags:", legal notices), judged by
    the text rules; a teaser heading with no prose after it ends the article."""
    plain = [_plain(b.text) for b in blocks]
    kinds = [line.kind for line in classify(plain)]
    end = len(blocks)
    for index in range(len(blocks) - 1, -1, -1):
        if kinds[index] == "barrier" and not any(k == "prose" for k in kinds[index + 1 :]):
            end = index
    kept = [b for b, k in zip(blocks[:end], kinds[:end], strict=True) if k not in ("debris", "legal", "barrier")]
    dropped = [
        Removed(k, p) for p, k in zip(plain[:end], kinds[:end], strict=True) if k in ("debris", "legal", "barrier")
    ]
    dropped += [Removed("after the article", p) for p in plain[end:]]
    return kept, tuple(dropped)


def _table(table: etree._Element) -> list[Block]:
    """A simple table: one list item a row, cells joined by "|" (our Markdown has no tables)."""
    rows = []
    for row in table.iter("row"):
        cells = [" ".join(_inline(cell).split()) for cell in row if cell.tag == "cell"]
        cells = [c for c in cells if c]
        if cells:
            rows.append(_clean(" \\| ".join(cells)))
    if len(rows) == 1:
        return [Block("paragraph", rows[0])]
    return [Block("item", r) for r in rows]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _visible_byline(lines: list[str], title: str) -> str | None:
    """The byline printed under the headline, as readers see it (trafilatura reads meta tags,
    which often add the site's name or a date to the author)."""
    if title not in lines:
        return None
    at = lines.index(title)
    for line in lines[at + 1 : at + 12]:
        if author := find_byline(line):
            return author
    return None


def _author(value: str | None) -> str | None:
    """trafilatura's author, when it reads as names (not a sentence fragment or a site)."""
    if not value:
        return None
    names = [n.strip() for n in value.split(";") if n.strip()]
    kept = [normalise_name(n) for n in names if find_byline(f"By {n}") or find_byline(n)]
    return " and ".join(kept) if kept else None


def parse_html(html: str, *, url: str | None = None, original: str | None = None, recall: bool = False) -> Extract:
    """The article of one page: metadata and body blocks; every other visible line is listed as removed."""
    root = _parse(html)
    lines = visible_lines(root)
    try:
        doc = trafilatura.bare_extraction(
            _mark_captions(html),
            url=url,
            with_metadata=True,
            include_comments=False,
            include_formatting=True,
            include_links=True,
            include_tables=True,
            favor_recall=recall,
        )
    except (ValueError, etree.LxmlError) as exc:
        raise SourceError(f"cannot read the page: {exc}") from exc
    classified = classify(lines)
    prose_words = run_words(classified, article_span(classified))  # the page's densest prose
    if not isinstance(doc, Document) or doc.body is None:
        dropped = tuple(Removed("not the article", x) for x in lines)
        return Extract(Meta(title=""), (), dropped, (), prose_words, page_words(classified))
    blocks, furniture = _drop_furniture(_blocks(doc.body))
    blocks, warnings = attach_notes(blocks)
    title = headline(root, doc.title or "", doc.sitename or "")
    if blocks and blocks[0].kind == "heading" and blocks[0].text.replace("\\", "") == title:
        blocks = blocks[1:]  # the headline, repeated as the body's first heading
    kept = {" ".join(b.text.replace("\\", "").split()) for b in blocks}
    furniture_text = {r.text for r in furniture}
    kept_text = " ".join(_plain(b.text) for b in blocks)
    removed = furniture + tuple(
        Removed("not the article", line)
        for line in lines
        if line != title and line not in kept and _plain(line) not in kept_text and line not in furniture_text
    )
    if not title:
        warnings.append("no title found: write one in the front matter")
    date = _date(doc.date)
    if date is None:
        warnings.append("no date found")
    meta = Meta(
        title=title,
        date=date,
        author=_visible_byline(lines, title) or _author(doc.author),
        source_url=url or (doc.url if doc.url and doc.url.startswith("http") else None),
        original=original,
        extra=tuple(
            (key, " ".join(value.split()))
            for key, value in (("site_name", doc.sitename), ("description", doc.description))
            if value and value.strip()
        ),
    )
    return Extract(meta, tuple(blocks), removed, tuple(warnings), prose_words, page_words(classified))


_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")


def headline(root: lxml_html.HtmlElement | None, title: str, site: str) -> str:
    """The headline readers see: the page's one ``<h1>`` when it reads as one, else the
    ``<title>``/``og:title`` less a trailing site or section name ("… | Site")."""
    title = " ".join(title.split())
    if root is not None:
        heads = [" ".join(h.text_content().split()) for h in root.iter("h1")]
        heads = [h for h in heads if 3 <= len(h.split()) <= 30 and h.lower() != site.lower()]
        if len(heads) == 1 or (heads and heads[0] in title):
            return heads[0]
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if separators:
        last = separators[-1]
        head, tail = title[: last.start()], title[last.end() :]
        site_like = tail.lower() == site.lower() or all(w[:1].isupper() or not w[:1].isalpha() for w in tail.split())
        if len(tail.split()) <= 4 and site_like and len(head.split()) >= 3:
            return head
    return title


def _plain(text: str) -> str:
    """Markdown inline text reduced to its words, to compare kept and visible text."""
    text = re.sub(r"\]\([^)]*\)", "", text)
    return " ".join(re.sub(r"[\\*\[\]`]", "", text).split())
