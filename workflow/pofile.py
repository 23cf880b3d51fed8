"""PO files read as strictly as GNU msgfmt, and written in GNU's ``--no-wrap`` layout.

polib, which holds catalogs in memory everywhere else, is lenient when it reads: it "repairs"
an unterminated string by dropping its last character, reads an unquoted ``msgstr Text`` as
"ext", and keeps the last of two duplicate entries. A catalog holds an editor's work, so
reading refuses what msgfmt refuses, with the file and line:

- the grammar is GNU's, token by token: keywords, quoted strings (which must close on their
  line), ``msgstr[N]`` numbered from 0 in order, ``#~`` used for a whole entry or not at all;
- escapes are C's (``\\n \\t \\" \\\\ \\a \\b \\f \\v \\r``, octal, ``\\x`` hex); any other is refused;
- a duplicate (msgctxt, msgid), obsolete entries included, is refused with both lines;
- the text is decoded with the header's charset. A byte-order mark (msgfmt: syntax error),
  a NUL byte, an unknown or non-ASCII-compatible charset, bytes invalid in the declared
  charset, and UTF-8 text under another declared charset (it would read as mojibake) are
  refused. CRLF line ends are read as msgfmt reads them.

Writing follows ``msgcat --no-wrap``: strings are never wrapped except after an embedded
newline, ``#:`` references are wrapped at 79 columns as GNU always does, ``fuzzy`` leads the
flags, and previous fields of obsolete entries are kept as ``#~|``. GNU tools then leave our
files byte-identical (tests run msgcat and msgmerge over every shipped catalog).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .errors import CatalogError

REF_WIDTH = 79  # GNU wraps "#:" lines at this width even with --no-wrap
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?")
_SPACE = re.compile(r"[ \t\f\v\r]+")
_STRING_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*')
# The lines of nearly every entry: one keyword and one string, or one continuation string. They
# are read in one match each; any other line goes through the general tokenizer, which the fast
# path mirrors call for call (same checks, same columns in errors).
_KEYWORD_LINE = re.compile(
    r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t\f\v\r]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v\r]*\Z'
)
_STRING_LINE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v\r]*\Z')
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))")
_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_CHARSET = re.compile(rb"charset=([-\w.:+]+)", re.I)
_BOM = b"\xef\xbb\xbf"
_DECLARED = re.compile(r"charset=([-\w.:+]+)", re.I)


@dataclass
class _Draft:
    """An entry being read: its parts as they come, checked when it ends."""

    line: int
    obsolete: bool
    tcomment: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    plural: list[str] = field(default_factory=list)
    last: str = ""  # the keyword the next string continues
    keyword_line: int = 0


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[_Draft] = []
        self.pending: _Draft | None = None  # comments seen, no keyword yet
        self.current: _Draft | None = None

    def fail(self, message: str, line: int, column: int | None = None) -> CatalogError:
        where = f" (column {column})" if column else ""
        return CatalogError(f"{message}{where}; msgfmt refuses this too", self.path, line)

    # -- comments ----------------------------------------------------------------------
    def comment_draft(self, line: int) -> _Draft:
        if self.current is not None and self.current.fields.get("msgstr") is None and not self.current.plural:
            raise self.fail("a comment inside an entry (before its msgstr)", line)
        self.finish()
        if self.pending is None:
            self.pending = _Draft(line=line, obsolete=False)
        return self.pending

    def comment(self, kind: str, text: str, line: int) -> None:
        draft = self.comment_draft(line)
        if kind == ",":
            draft.flags.extend(f for f in (part.strip() for part in text.split(",")) if f)
        elif kind == ":":
            draft.refs.extend(text.split())
        elif kind == ".":
            draft.comment.append(text[1:] if text.startswith(" ") else text)
        else:
            draft.tcomment.append(text[1:] if text.startswith(" ") else text)

    # -- keywords and strings ------------------------------------------------------------
    def tokens(self, text: str, line: int, offset: int, *, obsolete: bool, previous: bool) -> None:
        pos = 0
        while pos < len(text):
            space = _SPACE.match(text, pos)
            if space:
                pos = space.end()
                continue
            column = offset + pos + 1
            if text[pos] == '"':
                body = _STRING_BODY.match(text, pos + 1)
                end = body.end() if body else pos + 1
                if end >= len(text) or text[end] != '"':
                    raise self.fail("end of line within a string (a closing quote is missing)", line)
                self.string(_unescape(text[pos + 1 : end], self, line, column), line, column, previous)
                pos = end + 1
                continue
            keyword = _KEYWORD.match(text, pos)
            if keyword is None or (
                keyword.end() < len(text) and (text[keyword.end()].isalnum() or text[keyword.end()] == "_")
            ):
                raise self.fail("syntax error: expected a keyword or a quoted string", line, column)
            index = int(keyword.group(2)) if keyword.group(2) is not None else None
            self.keyword(keyword.group(1), index, line, column, obsolete=obsolete, previous=previous)
            pos = keyword.end()

    def keyword(self, name: str, index: int | None, line: int, column: int, *, obsolete: bool, previous: bool) -> None:
        if index is not None and name != "msgstr":
            raise self.fail(f"syntax error: {name} takes no index", line, column)
        if previous:
            if name not in ("msgctxt", "msgid", "msgid_plural") or index is not None:
                raise self.fail(f"syntax error: {name} in a previous-source (#|) comment", line, column)
            draft = self.comment_draft(line)
            draft.previous[name] = ""
            draft.last = "#|" + name
            return
        entry = self.current
        # msgctxt always opens an entry; msgid does unless it follows that entry's msgctxt.
        starts = name == "msgctxt" or (name == "msgid" and (entry is None or set(entry.fields) != {"msgctxt"}))
        if starts:
            self.finish()
            entry = self.pending or _Draft(line=line, obsolete=obsolete)
            self.pending = None
            entry.obsolete = obsolete
            entry.line = line
            self.current = entry
        if entry is None:
            raise self.fail(f"'{name}' before any msgid", line, column)
        if entry.obsolete != obsolete:
            raise self.fail("inconsistent use of #~ within one entry", line)
        if name == "msgid_plural" and ("msgid" not in entry.fields or "msgid_plural" in entry.fields):
            raise self.fail("'msgid_plural' must follow a msgid, once", line, column)
        if name == "msgstr":
            self.msgstr(entry, index, line, column)
        elif name in entry.fields:
            raise self.fail(f"a second '{name}' in one entry (a missing msgstr?)", line, column)
        else:
            entry.fields[name] = ""
        if name == "msgid":
            entry.keyword_line = line
        entry.last = name if index is None else f"msgstr[{index}]"

    def msgstr(self, entry: _Draft, index: int | None, line: int, column: int) -> None:
        if "msgid" not in entry.fields:
            raise self.fail("'msgstr' without a msgid", line, column)
        plural = "msgid_plural" in entry.fields
        if index is None:
            if plural:
                raise self.fail("an entry with msgid_plural needs msgstr[0], msgstr[1], …", line, column)
            if "msgstr" in entry.fields:
                raise self.fail("a second 'msgstr' in one entry", line, column)
            entry.fields["msgstr"] = ""
            return
        if not plural:
            raise self.fail("msgstr[N] without a msgid_plural", line, column)
        if index != len(entry.plural):
            what = "first plural form has nonzero index" if not entry.plural else "plural form has wrong index"
            raise self.fail(f"{what} (msgstr[{index}])", line, column)
        entry.plural.append("")

    def string(self, value: str, line: int, column: int, previous: bool) -> None:
        if "\x04" in value:
            raise self.fail("context separator <EOT> (U+0004) within a string", line, column)
        if previous:
            draft = self.pending
            if draft is None or not draft.last.startswith("#|"):
                raise self.fail("a previous-source (#|) string without its keyword", line, column)
            draft.previous[draft.last[2:]] += value
            return
        entry = self.current
        if entry is None or not entry.last or entry.last.startswith("#|"):
            raise self.fail("a string without a keyword before it", line, column)
        if entry.last.startswith("msgstr["):
            entry.plural[-1] += value
        else:
            entry.fields[entry.last] += value

    def finish(self) -> None:
        entry = self.current
        if entry is None:
            return
        if "msgid" not in entry.fields:
            raise self.fail("'msgctxt' without a msgid", entry.line)
        if "msgstr" not in entry.fields and not entry.plural:
            raise self.fail("missing 'msgstr' section", entry.keyword_line or entry.line)
        self.entries.append(entry)
        self.current = None


def _unescape(body: str, reader: _Reader, line: int, column: int) -> str:
    if "\\" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        simple, octal, hexa, other = match.groups()
        if simple is not None:
            return _SIMPLE[simple]
        if octal is not None:
            return chr(int(octal, 8))
        if hexa is not None:
            return chr(int(hexa, 16) & 0xFF)
        raise reader.fail(f"invalid escape sequence '\\{other}'", line, column + match.start() + 1)

    return _ESCAPE.sub(one, body)


def _charset(data: bytes, path: Path) -> str:
    """The header's charset, decided before decoding (the header itself is ASCII)."""
    head_end = data.find(b"\n\n", data.find(b"msgstr"))
    match = _CHARSET.search(data, 0, head_end if head_end > 0 else len(data))
    name = match.group(1).decode("ascii") if match else "CHARSET"
    ascii_only = data.isascii()
    if name.upper() == "CHARSET":  # a template's placeholder, or no charset at all
        if ascii_only:
            return "ascii"
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise CatalogError(
                "non-ASCII text but no charset in the header; add 'Content-Type: text/plain; charset=UTF-8'", path
            ) from None
        return "utf-8"
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise CatalogError(
            f"unknown charset {name!r} in the header; use charset=UTF-8", path, _line_of(data, match)
        ) from None
    if "\n".encode(info.name) != b"\n" or "msgid".encode(info.name) != b"msgid":
        raise CatalogError(f"charset {name!r} is not ASCII-compatible; msgfmt cannot read it either", path)
    if info.name != "utf-8" and not ascii_only:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return info.name
        raise CatalogError(
            f"the header says charset={name} but the text is UTF-8 (it would read as mojibake); "
            "set charset=UTF-8 in Content-Type",
            path,
            _line_of(data, match),
        )
    return info.name


def _line_of(data: bytes, match: re.Match[bytes] | None) -> int | None:
    return data.count(b"\n", 0, match.start()) + 1 if match else None


def decode(data: bytes, path: Path) -> str:
    """The file's text, decoded with its declared charset, or the reason it cannot be."""
    if data.startswith(_BOM):
        raise CatalogError("starts with a byte-order mark, which msgfmt rejects; save as UTF-8 without BOM", path, 1)
    nul = data.find(b"\0")
    if nul >= 0:
        raise CatalogError("contains a NUL byte", path, data.count(b"\n", 0, nul) + 1)
    charset = _charset(data, path)
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(f"bytes that are not valid {charset} (offset {exc.start})", path, line) from None


def parse(text: str, path: Path) -> polib.POFile:
    """A catalog from its text, refusing what msgfmt refuses; entries keep their line numbers."""
    reader = _Reader(path)
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.lstrip(" \t\f\v\r")
        if not line:
            continue
        if line.rstrip("\r").endswith("\\"):
            # gettext's lexer joins a backslash-newline to the next line, even in a comment.
            raise reader.fail("a line ends in a backslash, which joins it to the next line in gettext tools", number)
        first = line[0]
        if first != "#":
            offset = len(raw) - len(line)
            if first == "m":
                match = _KEYWORD_LINE.match(line)
                if match is not None:
                    name, index, body = match.groups()
                    number_ = int(index) if index is not None else None
                    reader.keyword(name, number_, number, offset + 1, obsolete=False, previous=False)
                    column = offset + match.start(3)
                    reader.string(_unescape(body, reader, number, column), number, column, False)
                    continue
            elif first == '"':
                match = _STRING_LINE.match(line)
                if match is not None:
                    column = offset + 1
                    reader.string(_unescape(match.group(1), reader, number, column), number, column, False)
                    continue
            reader.tokens(line, number, offset, obsolete=False, previous=False)
            continue
        mark = line[1:2]
        if mark == "~":
            rest = line[2:]
            previous = rest.startswith("|")
            body = rest[1:] if previous else rest
            if previous:
                reader.tokens(body, number, len(raw) - len(body), obsolete=True, previous=True)
            else:
                reader.tokens(body, number, len(raw) - len(body), obsolete=True, previous=False)
        elif mark == "|":
            reader.tokens(line[2:], number, len(raw) - len(line) + 2, obsolete=False, previous=True)
        elif mark in (",", ":", "."):
            reader.comment(mark, line[2:].rstrip("\r"), number)
        else:
            reader.comment("#", line[1:].rstrip("\r"), number)
    if reader.current is not None:
        if "msgid" in reader.current.fields and "msgstr" not in reader.current.fields and not reader.current.plural:
            raise reader.fail("missing 'msgstr' section (the file ends inside an entry)", reader.current.keyword_line)
        reader.finish()
    return _catalog(reader.entries, path)


def _catalog(drafts: list[_Draft], path: Path) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    seen: dict[tuple[str | None, str], int] = {}
    header_done = False
    for draft in drafts:
        ctxt = draft.fields.get("msgctxt")
        msgid = draft.fields["msgid"]
        key = (ctxt, msgid)
        if key in seen:
            raise CatalogError(
                f"duplicate message definition (the first is at line {seen[key]}); keep one of the two entries",
                path,
                draft.keyword_line or draft.line,
            )
        seen[key] = draft.keyword_line or draft.line
        if msgid == "" and ctxt is None and not draft.obsolete and not header_done:
            header_done = True
            _read_header(po, draft)
            continue
        if not draft.obsolete and "fuzzy" not in draft.flags:
            _check_newlines(draft, path)
        previous = draft.previous
        entry = new_entry(
            msgid,
            msgctxt=ctxt,
            msgid_plural=draft.fields.get("msgid_plural", ""),
            msgstr=draft.fields.get("msgstr", ""),
            msgstr_plural=dict(enumerate(draft.plural)) if draft.plural else {},
            obsolete=draft.obsolete,
            comment="\n".join(draft.comment),
            tcomment="\n".join(draft.tcomment),
            occurrences=[_reference(ref) for ref in draft.refs],
            flags=draft.flags,
            previous_msgctxt=previous.get("msgctxt") if previous else None,
            previous_msgid=previous.get("msgid") if previous else None,
            previous_msgid_plural=previous.get("msgid_plural") if previous else None,
            linenum=draft.keyword_line or draft.line,
        )
        list.append(po, entry)  # duplicates were refused above; polib's own check is off anyway
    return po


def new_entry(
    msgid: str,
    *,
    msgctxt: str | None = None,
    msgid_plural: str = "",
    msgstr: str = "",
    msgstr_plural: dict[int, str] | None = None,
    obsolete: bool = False,
    comment: str = "",
    tcomment: str = "",
    occurrences: list[tuple[str, str]] | None = None,
    flags: list[str] | None = None,
    previous_msgctxt: str | None = None,
    previous_msgid: str | None = None,
    previous_msgid_plural: str | None = None,
    linenum: int | None = None,
) -> polib.POEntry:
    """A ``polib.POEntry`` with the attributes its constructor sets, without its ``**kwargs`` lookups.

    Catalogs of a large archive hold hundreds of thousands of entries; polib's constructor was
    a tenth of reading and merging them. The attributes are exactly those of ``POEntry.__init__``.
    """
    entry = _NEW(polib.POEntry)
    entry.__dict__.update(
        msgid=msgid,
        msgstr=msgstr,
        msgid_plural=msgid_plural,
        msgstr_plural={} if msgstr_plural is None else msgstr_plural,
        msgctxt=msgctxt,
        obsolete=obsolete,
        encoding=polib.default_encoding,
        comment=comment,
        tcomment=tcomment,
        occurrences=[] if occurrences is None else occurrences,
        flags=[] if flags is None else flags,
        previous_msgctxt=previous_msgctxt,
        previous_msgid=previous_msgid,
        previous_msgid_plural=previous_msgid_plural,
        linenum=linenum,
    )
    return entry


_NEW = object.__new__


def _check_newlines(draft: _Draft, path: Path) -> None:
    """msgfmt refuses a translation that does not begin and end with a newline as its msgid does."""
    msgid = draft.fields["msgid"]
    for text in [draft.fields.get("msgstr", ""), *draft.plural]:
        if not text or ("\n" not in msgid[:1] + msgid[-1:] and "\n" not in text[:1] + text[-1:]):
            continue
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(msgid, "\n") != test(text, "\n"):
                raise CatalogError(
                    f"msgid and msgstr do not both {where} with a newline; msgfmt refuses this too",
                    path,
                    draft.keyword_line or draft.line,
                )


def _reference(ref: str) -> tuple[str, str]:
    where, _, line = ref.rpartition(":")
    return (where, line) if where and line.isdigit() else (ref, "")


def _read_header(po: polib.POFile, draft: _Draft) -> None:
    po.header = "\n".join(draft.tcomment)
    po.metadata_is_fuzzy = list(draft.flags)
    key = None
    for line in draft.fields.get("msgstr", "").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            po.metadata[key] = value.strip()
        elif key is not None:
            po.metadata[key] += "\n" + line.strip()


def read_po(path: Path) -> polib.POFile:
    """Read ``path`` strictly (see the module's docstring); CatalogError names file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", path) from exc
    return parse(decode(data, path), path)


# -- writing ------------------------------------------------------------------------------
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_RARE_ESCAPES = re.compile(r"[\r\a\b\f\v]")


def _escape(text: str) -> str:
    # str.replace for the common four (backslash first), a regex only for the rare controls. A
    # test with `in` per character is a memchr each: 30 times cheaper than a regex search.
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\t" in text:
        text = text.replace("\t", "\\t")
    if "\r" in text or "\a" in text or "\b" in text or "\f" in text or "\v" in text:
        text = _RARE_ESCAPES.sub(lambda m: _ESCAPES[m.group(0)], text)
    return text


def _field(out: list[str], prefix: str, keyword: str, value: str) -> None:
    """One keyword and its string: on one line, or split after each embedded newline."""
    cut = value.find("\n")
    if cut < 0 or cut == len(value) - 1:
        out.append(f'{prefix}{keyword} "{_escape(value)}"')
        return
    out.append(f'{prefix}{keyword} ""')
    for part in _split_newlines(value):
        out.append(f'{prefix}"{_escape(part)}"')


def _split_newlines(value: str) -> list[str]:
    # str.splitlines also splits at \r, \v, \x1c, U+2028…; GNU only at \n.
    parts = value.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _comment_lines(out: list[str], mark: str, text: str) -> None:
    for line in text.split("\n"):
        out.append(f"#{mark} {line}" if line else f"#{mark}")


def _references(refs: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for where, line in refs:
        ref = f"{where}:{line}" if line else where
        if len(current) > 2 and len(current) + 1 + len(ref) > REF_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    lines.append(current)
    return lines


def _flags(flags: list[str]) -> str:
    ordered = (["fuzzy"] if "fuzzy" in flags else []) + [f for f in dict.fromkeys(flags) if f != "fuzzy"]
    return "#, " + ", ".join(ordered)


def _entry(out: list[str], entry: polib.POEntry) -> None:
    # The common entry (one-line comment, one reference, one-line strings) is written inline,
    # without the general helpers: formatting was a third of creating catalogs.
    obsolete = entry.obsolete
    if entry.tcomment:
        _comment_lines(out, "", entry.tcomment)
    comment = entry.comment
    if comment:
        if "\n" in comment:
            _comment_lines(out, ".", comment)
        else:
            out.append(f"#. {comment}")
    refs = entry.occurrences
    if refs and not obsolete:
        if len(refs) == 1:  # a first reference is never wrapped
            where, line = refs[0]
            out.append(f"#: {where}:{line}" if line else f"#: {where}")
        else:
            out.extend(_references(refs))
    flags = entry.flags
    if flags:
        # As GNU writes it: "fuzzy" on an entry without a translation means nothing and is dropped.
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            flags = [f for f in flags if f != "fuzzy"]
        if flags:
            out.append(_flags(flags))
    prev = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        _field(out, prev, "msgctxt", entry.previous_msgctxt)
    if entry.previous_msgid is not None:
        _field(out, prev, "msgid", entry.previous_msgid)
    if entry.previous_msgid_plural is not None:
        _field(out, prev, "msgid_plural", entry.previous_msgid_plural)
    mark = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        _field(out, mark, "msgctxt", entry.msgctxt)
    _field(out, mark, "msgid", entry.msgid)
    if entry.msgid_plural:
        _field(out, mark, "msgid_plural", entry.msgid_plural)
        for index in sorted(entry.msgstr_plural):
            _field(out, mark, f"msgstr[{index}]", entry.msgstr_plural[index])
    else:
        _field(out, mark, "msgstr", entry.msgstr)


def _utf8(key: str, value: str) -> str:
    """The text is always written as UTF-8, so a catalog read in another charset says so."""
    if key.lower() != "content-type":
        return value
    return _DECLARED.sub(lambda m: m.group(0) if m.group(1).upper() in ("UTF-8", "CHARSET") else "charset=UTF-8", value)


def format_po(po: polib.POFile, *, entries: str | None = None) -> str:
    """The catalog's text as ``msgcat --no-wrap`` writes it; entries in their order, header first.

    ``entries``, when given, is :func:`format_entries` of the catalog's entries, made once for
    catalogs that differ only in their headers.
    """
    out: list[str] = []
    if po.header:
        for line in po.header.split("\n"):
            out.append("#" if not line else f"#{line}" if line[:1] in (",", ":") else f"# {line}")
    if po.metadata_is_fuzzy:
        out.append("#, fuzzy")
    header = "".join(f"{key}: {_utf8(key, value)}\n" for key, value in po.ordered_metadata())
    if header or po.header:
        _field(out, "", "msgid", "")
        _field(out, "", "msgstr", header)
    body = format_entries(po) if entries is None else entries
    if not out:
        return body[1:] + "\n"  # no header: no blank line before the first entry
    return "\n".join(out) + "\n" + body + "\n"


def format_entries(entries: Iterable[polib.POEntry]) -> str:
    """The entries' text, each after a blank line (as they follow a header), without a final newline."""
    out: list[str] = []
    for entry in entries:
        out.append("")
        _entry(out, entry)
    return "\n".join(out)
