"""EPUB 3 books: navigation document and NCX, a generated cover, reproducible bytes.

The recipe (:class:`BookWriter`): ``mimetype`` first and stored, ``META-INF/container.xml``,
the stylesheet, the cover (an SVG drawn from the title, and its page), one XHTML chapter per
article in contents order, then the navigation document, the NCX and the package document.
Every member gets the same fixed time (``SOURCE_DATE_EPOCH``, else 1980-01-01) and the same
attributes, so the same inputs give the same file. The book is written to a temporary file
next to its target; the caller keeps it only if its bytes differ from the existing book.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import mmap
import os
import struct
import tempfile
import textwrap
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from jinja2 import Environment

from ..errors import FileSystemError
from ..stagecache import digest

EPOCH_FLOOR = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a zip entry can hold
_ATTRIBUTES = 0o644 << 16  # every member: a regular file, rw-r--r--


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


class Chapter(NamedTuple):
    """One article in a book. A named tuple: a large book has ten thousand, made on every rebuild."""

    slug: str
    title: str
    fallback: bool  # the title is shown in the source language

    @property
    def id(self) -> str:
        return f"a-{self.slug}"  # an XML id must not start with a digit; slugs may

    @property
    def href(self) -> str:
        return f"{self.slug}.xhtml"

    @property
    def member(self) -> str:
        return f"OEBPS/{self.slug}.xhtml"


class Document(NamedTuple):
    """One of a book's own documents (navigation, NCX, package), rendered only when asked."""

    mark: str  # its name in the state: "#nav", "#toc", "#opf"
    key: str
    member: str
    render: Callable[[], bytes]


@dataclass(frozen=True)
class Credits:
    """Who made a book, and what it offers readers with disabilities (its package metadata)."""

    creators: tuple[str, ...]  # the articles' authors, as shown in the book
    translators: tuple[str, ...]
    summary: str  # schema:accessibilitySummary
    summary_lang: str  # the language the summary is written in
    conforms: bool = True  # claim EPUB Accessibility 1.1 at WCAG 2.1 AA


@dataclass(frozen=True)
class BookInfo:
    lang: str
    dir: str
    src_lang: str
    title: str
    language: str  # the language's own name, for the cover
    publisher: str
    rights: str
    identifier: str
    source_identifier: str  # the source-language edition's identifier


def identifier(edition: str, lang: str) -> str:
    """A stable identifier per edition and language: the same book across rebuilds."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'workflow:{edition}:{lang}')}"


def source_date() -> dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else None


def modified(newest: dt.date | None) -> dt.datetime:
    """dcterms:modified: SOURCE_DATE_EPOCH, else the newest article's date (never the clock)."""
    fixed = source_date()
    if fixed is not None:
        return fixed
    day = newest or EPOCH_FLOOR.date()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _zip_time() -> tuple[int, int, int, int, int, int]:
    moment = max(source_date() or EPOCH_FLOOR, EPOCH_FLOOR)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)


class BookWriter:
    """One EPUB, written member by member (chapters stream in; the book is never all in memory)."""

    def __init__(self, target: Path, env: Environment, info: BookInfo, stylesheet: bytes, container: bytes) -> None:
        self.target = target
        self.env = env
        self.info = info
        self.chapters: dict[str, Chapter] = {}
        self.closed = False
        self._time = _zip_time()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.fchmod(fd, _FILE_MODE)  # mkstemp makes it owner-only; a book is for everyone
        os.close(fd)
        self.temp = Path(name)
        self._zip = zipfile.ZipFile(self.temp, "w")
        self._put("mimetype", b"application/epub+zip", stored=True)
        self._put("META-INF/container.xml", container)
        self._put("OEBPS/style.css", stylesheet)
        common = self._common()
        lines = textwrap.wrap(info.title, 22)[:7] or [info.title]
        cover = env.get_template("epub/cover.svg").render(
            title_lines=lines, title_top=720 - 52 * (len(lines) - 1), **common
        )
        self._put("OEBPS/cover.svg", cover.encode())
        self._put("OEBPS/cover.xhtml", env.get_template("epub/cover.xhtml").render(**common).encode())

    def _common(self) -> dict[str, object]:
        i = self.info
        return {
            "lang": i.lang,
            "dir": i.dir,
            "src_lang": i.src_lang,
            "title": i.title,
            "language": i.language,
            "publisher": i.publisher,
            "rights": i.rights,
            "identifier": i.identifier,
            "source_identifier": i.source_identifier,
        }

    def _info(self, name: str, *, stored: bool) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._time)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = _ATTRIBUTES
        return info

    def _put(self, name: str, data: bytes, *, stored: bool = False) -> None:
        info = self._info(name, stored=stored)
        try:
            self._zip.writestr(info, data, compresslevel=6)
        except OSError as exc:  # a full disk: say which book, not just the errno
            raise FileSystemError(f"cannot write the book: {exc.strerror or exc}", self.target) from exc

    def add(self, chapter: Chapter, xhtml: bytes) -> None:
        """A chapter's file; chapters may come in any order (the spine is written at the end)."""
        self.chapters[chapter.slug] = chapter
        self._put(chapter.member, xhtml)

    def copy(self, chapter: Chapter, old: OldBook) -> bool:
        """The chapter as ``old`` has it, copied still compressed; False when ``old`` lacks it.

        Its bytes are what :meth:`add` writes for the same text (same name, time, attributes, and
        deflate level), so a rebuilt book is the same file as a clean build's, without the cost of
        inflating and deflating again every chapter a large book keeps.
        """
        if not self._copy(chapter.member, old):
            return False
        self.chapters[chapter.slug] = chapter
        return True

    def _copy(self, member: str, old: OldBook) -> bool:
        return self._copy_members([member], old) == 1

    def copy_many(self, chapters: list[Chapter], old: OldBook) -> int:
        """:meth:`copy` of chapters in order, stopping at the first ``old`` lacks; returns how many it copied.

        Chapters that follow each other in ``old`` are written in one piece: a rebuild that changed
        one article of a large book copies the rest in a few writes rather than one per chapter.
        """
        copied = self._copy_members([chapter.member for chapter in chapters], old)
        for chapter in chapters[:copied]:
            self.chapters[chapter.slug] = chapter
        return copied

    def _copy_members(self, members: list[str], old: OldBook) -> int:
        # zipfile has no public call to add a member already compressed: this is what its own
        # writer does for a seekable file (local header and data, then the entry in the directory).
        archive = self._zip
        fp = archive.fp
        assert fp is not None
        run: list[zipfile.ZipInfo] = []  # entries whose bytes follow each other in ``old``
        start = end = 0
        copied = 0

        def flush() -> None:
            if not run:
                return
            at = fp.tell()
            try:
                fp.write(old.span(start, end))
            except OSError as exc:
                raise FileSystemError(f"cannot write the book: {exc.strerror or exc}", self.target) from exc
            for info in run:  # the old book's entries, moved into this one at their new offsets
                info.header_offset += at - start
                archive.filelist.append(info)
                archive.NameToInfo[info.filename] = info
            run.clear()
            archive.start_dir = fp.tell()  # type: ignore[attr-defined]

        for member in members:
            found = old.member(member, self._time)
            if found is None:
                break
            info, first, last = found
            if not run or first != end:
                flush()
                start = first
            run.append(info)
            end = last
            copied += 1
        flush()
        return copied

    def documents(
        self, chapters: list[Chapter], newest: dt.date | None, credits: Credits, base: str = ""
    ) -> list[Document]:
        """The navigation document, the NCX and the package document of a book of ``chapters``, in order.

        Each with its key: ``base`` (the key of the templates and settings) with what it shows.
        """
        common = {**self._common(), "chapters": chapters}
        moment = modified(newest)
        shown = "\n".join(f"{c.slug}\t{c.fallback}\t{c.title}" for c in chapters)
        listing = digest(base.encode(), shown.encode())
        spine = " ".join(c.slug for c in chapters)  # the package lists the chapters' files, not their titles
        package = digest(base.encode(), spine.encode(), moment.isoformat().encode(), repr(credits).encode())

        def render(name: str, **extra: object) -> Callable[[], bytes]:
            return lambda: self.env.get_template(name).render(**common, **extra).encode()

        stamp = {"modified": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "date": moment.date().isoformat()}
        return [
            Document("#nav", listing, "OEBPS/nav.xhtml", render("epub/nav.xhtml")),
            Document("#toc", listing, "OEBPS/toc.ncx", render("epub/toc.ncx")),
            Document("#opf", package, "OEBPS/content.opf", render("epub/content.opf", credits=credits, **stamp)),
        ]

    def finish(
        self,
        order: list[str],
        newest: dt.date | None,
        credits: Credits,
        *,
        base: str = "",
        old: OldBook | None = None,
        known: Mapping[str, str] | None = None,
        rendered: Mapping[str, tuple[str, bytes]] | None = None,
    ) -> tuple[Path, dict[str, str]]:
        """Write the navigation, NCX and package document in ``order``; close; return the temporary file.

        Also returns the keys of those three documents (see :meth:`documents`). One whose key is in
        ``known`` is copied from ``old`` rather than rendered: a large book's contents change with a
        title, not with a paragraph. One in ``rendered`` with the same key was rendered already.
        """
        keys = {}
        for document in self.documents([self.chapters[slug] for slug in order], newest, credits, base):
            keys[document.mark] = document.key
            reuse = base and old is not None and known is not None and known.get(document.mark) == document.key
            if reuse and self._copy(document.member, old):  # type: ignore[arg-type]
                continue
            found = (rendered or {}).get(document.mark)
            self._put(document.member, found[1] if found and found[0] == document.key else document.render())
        try:
            self._zip.close()
        except OSError as exc:
            raise FileSystemError(f"cannot write the book: {exc.strerror or exc}", self.target) from exc
        self.closed = True
        with open(self.temp, "rb") as fh:
            os.fsync(fh.fileno())
        return self.temp, keys

    def abort(self) -> None:
        self.closed = True
        with contextlib.suppress(OSError):
            self._zip.close()
        with contextlib.suppress(OSError):
            self.temp.unlink()


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip member's local header (APPNOTE 4.3.7)


class OldBook:
    """The previous book, to copy unchanged chapters from, compressed as they are."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path)
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)

    def member(self, name: str, date_time: tuple[int, ...]) -> tuple[zipfile.ZipInfo, int, int] | None:
        """A member written as :class:`BookWriter` writes one: its entry and where its bytes (local
        header and compressed data) start and end, which are then what writing it again would give;
        None otherwise."""
        info = self._zip.NameToInfo.get(name)
        if (
            info is None
            or info.compress_type != zipfile.ZIP_DEFLATED
            or info.flag_bits
            or info.extra
            or info.date_time != date_time
            or info.external_attr != _ATTRIBUTES
            or info.create_system != 3
        ):
            return None
        start = info.header_offset
        try:
            header = _LOCAL_HEADER.unpack(self._map[start : start + _LOCAL_HEADER.size])
        except struct.error:
            return None
        end = start + _LOCAL_HEADER.size + header[-2] + header[-1] + info.compress_size
        if header[0] != b"PK\x03\x04" or header[-1] or end > len(self._map):
            return None
        del self._zip.NameToInfo[name]  # the entry goes to the new book, which sets its offset there
        return info, start, end

    def span(self, start: int, end: int) -> bytes:
        return self._map[start:end]

    def close(self) -> None:
        self._zip.close()
        self._map.close()


def old_book(path: Path) -> OldBook | None:
    """The previous book, to copy unchanged chapters from; None when absent or unreadable."""
    try:
        return OldBook(path)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
