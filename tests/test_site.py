"""What a news site needs besides its pages: search, Atom feeds, a sitemap, canonical links and
Open Graph, leads and reading times; checked by reading the outputs back."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.a11y_util import browser, missing
from tests.conftest import CONFIG
from tests.editions_util import TARGETS, pseudo, pseudo_project, read_page, translate_catalog
from workflow.catalogs import read_catalog, write_catalog
from workflow.config import load_config
from workflow.editions import making
from workflow.editions.build import build
from workflow.editions.feeds import Entry as FeedEntry
from workflow.editions.feeds import atom_feed
from workflow.editions.stemming import kazakh_stem, key, keys, lower
from workflow.errors import ConfigError, SourceError

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://example.org/apk/"
LANGS = ("en", *TARGETS)

# The one article whose title says "the Great Steppe", in each language; every other unit is
# pseudo-translated. A hostile title elsewhere must show as text in the results.
STEPPE = {
    "ru": "Казахи и узбеки: братские народы Великой степи",
    "kk": "Қазақтар мен өзбектер: Ұлы даланың бауырлас халықтары",
    "tr": "Kazaklar ve Özbekler: Büyük Bozkırın kardeş halkları",
}
HOSTILE = '<img src=x onerror="document.title=1">Formula'


def _translate(lang: str):  # type: ignore[no-untyped-def]
    def fn(text: str) -> str:
        if text.startswith("Kazakhs and Uzbeks: Brotherly"):
            return STEPPE[lang]
        if text.startswith("Formula of Peace and Accord"):
            return HOSTILE
        return pseudo(lang)(text)

    return fn


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = pseudo_project(
        tmp_path_factory.mktemp("site") / "p",
        fill=dict.fromkeys(TARGETS, 1.0),
        translate={lang: _translate(lang) for lang in TARGETS},
    )
    (root / "workflow.toml").write_text(CONFIG + f'\n[site]\nbase_url = "{BASE}"\n', encoding="utf-8")
    build(load_config(root))
    return root


# -- search ---------------------------------------------------------------------------------


def _revise_and_build(root: Path, slug: str) -> set[str]:
    """An editor revises a translation of the article ``slug`` in Russian; the names the rebuild wrote."""
    catalog = root / "locales" / "ru" / "LC_MESSAGES" / f"{slug}.po"
    po = read_catalog(catalog)
    entry = next(e for e in po if e.msgstr and not e.obsolete)
    entry.msgstr = "Пересмотрено: " + entry.msgstr
    write_catalog(catalog, po)
    return {p.name for p in build(load_config(root), ["ru"], ["html"]).written}


def _index_docs(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    prefix = "(window.workflowSearchParts = window.workflowSearchParts || []).push("
    assert text.startswith(prefix) and text.endswith(");\n")
    return json.loads(text[len(prefix) : -3])["docs"]  # type: ignore[no-any-return]


@pytest.mark.skipif(bool(missing()), reason=missing() or "-")
def test_the_index_comes_in_files_and_a_change_rewrites_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workflow.editions.making.SHARD", 2)
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    build(load_config(root), ["ru"], ["html"])
    ru = root / "build" / "html" / "ru"
    names = ["search-index.js", "search-index_2.js", "search-index_3.js"]
    assert sorted(p.name for p in ru.glob("search-index*.js")) == names
    page = (ru / "search.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"></script>', page) == [*names, "../search.js"]
    docs = [_index_docs(ru / name) for name in names]
    assert [len(d) for d in docs] == [2, 2, 1]
    contents = (ru / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="([^"/]+\.html)"', contents.split('<ol class="contents"')[1].split("</ol>")[0])
    assert [d[0] for d in sum(docs, [])] == listed  # in contents order across the files
    # A search finds an article in any of the files.
    with browser(tmp_path / "profile") as browsing:
        for doc in (docs[0][0], docs[2][0]):
            word = doc[4].split()[-1]
            browsing.goto(f"{(ru / 'search.html').as_uri()}?q={word}")
            hrefs = [a.get_attribute("href") for a in browsing.query_selector_all("#search-results a")]
            assert doc[0] in hrefs, (word, hrefs)
    # An editor revises the article in the last file: only that file is written again.
    written = _revise_and_build(root, docs[2][0][0].removesuffix(".html"))
    assert "search-index_3.js" in written and not {"search-index.js", "search-index_2.js", "search.html"} & written


def test_keys_are_prefixes_of_their_words() -> None:
    for lang, word in (("tr", "kitabı"), ("tr", "Özbekistan'ın"), ("ru", "Узбекистаном"), ("kk", "Өзбекстанның")):
        for w in re.findall(r"\w+", lower(word, lang)):
            assert w.startswith(key(w, lang)), (lang, w)
    assert lower("İSTANBUL IĞDIR", "tr") == "istanbul ığdır" and lower("Ёлка", "ru") == "елка"


def test_kazakh_endings_are_stripped_one_of_each_kind() -> None:
    # case, possessive, plural: stem + лар + ымыз + дың
    assert kazakh_stem("халықтарымыздың") == "халық"
    assert kazakh_stem("өзбекстанның") == kazakh_stem("өзбекстанға") == "өзбекстан"
    assert kazakh_stem("елге") == "елге"  # never below three letters
    assert keys("Ұлы даланың, далада!", "kk") == ["дала", "ұлы"]


@pytest.mark.skipif(bool(missing()), reason=missing() or "-")
def test_an_inflected_word_finds_its_article(site: Path, tmp_path: Path) -> None:
    html = site / "build" / "html"
    queries = {
        "ru": "степью",  # instrumental; the title has "степи"
        "kk": "далалардағы",  # plural + locative-relative; the title has "даланың"
        "tr": "bozkırlarda",  # plural + locative; the title has "Bozkırın"
    }
    with browser(tmp_path / "profile") as page:
        for lang, word in queries.items():
            page.goto(f"{(html / lang / 'search.html').as_uri()}?q={word}")
            hrefs = [a.get_attribute("href") for a in page.query_selector_all("#search-results a")]
            assert hrefs == ["kazakhs-and-uzbeks.html"], (lang, word, hrefs)
            assert page.input_value("#search-q") == word
            # A result leads to the page, from file:// too.
            assert (html / lang / hrefs[0]).is_file()
        # Untrusted titles are text in the results: no element comes out of them.
        page.goto(f"{(html / 'ru' / 'search.html').as_uri()}?q=formula")
        assert page.inner_text("#search-results a") == HOSTILE
        assert page.query_selector("#search-results img") is None and page.title() != "1"
        # A word no article has; then a search typed in the page.
        page.goto(f"{(html / 'tr' / 'search.html').as_uri()}?q=zzzzz")
        assert page.query_selector_all("#search-results li") == []
        assert page.inner_text("#search-status")
        page.fill("#search-q", "BOZKIRIN")  # Turkish upper case: I is the capital of ı
        page.click("#search-form button")
        assert [a.get_attribute("href") for a in page.query_selector_all("#search-results a")] == [
            "kazakhs-and-uzbeks.html"
        ]


def test_every_page_but_search_reads_without_scripts(site: Path) -> None:
    for path in (site / "build" / "html").rglob("*.html"):
        if path.name != "search.html":
            assert "<script" not in path.read_text(encoding="utf-8"), path


# -- feeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_per_language(site: Path, lang: str) -> None:
    path = site / "build" / "html" / lang / "feed.xml"
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    # RFC 4287: a feed has an id, a title, updated, an author; so has each entry (author from the feed).
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}{lang}/feed.xml"  # type: ignore[union-attr]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 5 and all(i and i.startswith("urn:uuid:") for i in ids)
    dates = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", d) for d in dates) and dates == sorted(dates, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == dates[0]
    for entry in entries:
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")  # type: ignore[union-attr]
        assert href and href.startswith(f"{BASE}{lang}/")
        assert (site / "build" / "html" / href[len(BASE) :]).is_file()
        assert entry.findtext(f"{ATOM}summary")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    if lang != "en":
        assert STEPPE[lang] in titles and HOSTILE in titles  # text, escaped by the writer, read back whole


def test_feed_links_are_relative_without_a_base_url(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    build(load_config(root), ["ru"], ["html"])
    feed = ET.parse(root / "build" / "html" / "ru" / "feed.xml").getroot()
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert hrefs[:2] == ["feed.xml", "index.html"] and all(h and "://" not in h for h in hrefs)
    assert not (root / "build" / "html" / "sitemap.xml").exists()
    page = (root / "build" / "html" / "ru" / "kazakhs-and-uzbeks.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and "og:url" not in page and 'property="og:title"' in page


def test_a_feed_carries_the_newest_articles_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    feed = root / "build" / "html" / "ru" / "feed.xml"

    def ids() -> list[str | None]:
        return [e.findtext(f"{ATOM}id") for e in ET.parse(feed).getroot().findall(f"{ATOM}entry")]

    build(load_config(root), ["ru"], ["html"])
    every = ids()
    config = root / "workflow.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[site]\nfeed_entries = 2\n", encoding="utf-8")
    build(load_config(root), ["ru"], ["html"])
    assert len(every) == 5 and ids() == every[:2]  # newest first, so the two newest
    # An older article revised: the feed, which does not show it, is not even made again.
    made: list[str] = []
    real = making.atom_feed
    monkeypatch.setattr(making, "atom_feed", lambda **kw: made.append(kw["lang"]) or real(**kw))
    entries = ET.parse(feed).getroot().findall(f"{ATOM}entry")
    shown = [Path(e.find(f"{ATOM}link").get("href", "")).stem for e in entries]  # type: ignore[union-attr]
    older = next(p.stem for p in sorted((root / "seeds").glob("*.md")) if p.stem not in shown)
    for slug, expected in ((older, []), (shown[0], ["ru"])):
        translate_catalog(root / "locales" / "ru" / "LC_MESSAGES" / f"{slug}.po", lambda text: f"[ru2] {text}")
        made.clear()
        build(load_config(root), ["ru"], ["html"])
        assert made == expected, slug
    assert ids() == every[:2]


@pytest.mark.parametrize("key", ["feed_entries", "contents_per_page"])
def test_counts_must_be_whole_numbers(tmp_path: Path, key: str) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    config = root / "workflow.toml"
    for bad in ("true", "0", "2.5"):
        config.write_text(config.read_text(encoding="utf-8") + f"\n[site]\n{key} = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=f"site.{key}"):
            load_config(root)
        config.write_text(config.read_text(encoding="utf-8").split("\n[site]")[0], encoding="utf-8")


# -- contents pages ---------------------------------------------------------------------------


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0] if start in text else ""


def test_contents_are_paged_and_a_change_rewrites_one_page(tmp_path: Path) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    config = root / "workflow.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[site]\ncontents_per_page = 2\n", encoding="utf-8")
    build(load_config(root), ["ru"], ["html"])
    ru = root / "build" / "html" / "ru"
    names = ["index.html", "index_2.html", "index_3.html"]
    assert sorted(p.name for p in ru.glob("index*.html")) == names  # five articles, two a page
    pages = [(ru / name).read_text(encoding="utf-8") for name in names]
    lists = [re.findall(r'<a href="([^"]+)"', _between(page, '<ol class="contents"', "</ol>")) for page in pages]
    every = sorted(p.name for p in ru.glob("*.html") if not p.name.startswith(("index", "search")))
    assert [len(hrefs) for hrefs in lists] == [2, 2, 1] and sorted(sum(lists, [])) == every
    # The pager: numbered, linked both ways, the list numbered on from the page before.
    pagers = [
        re.findall(r'<a rel="(\w+)" href="([^"]+)"', _between(page, '<nav class="pager"', "</nav>")) for page in pages
    ]
    assert pagers == [
        [("next", "index_2.html")],
        [("prev", "index.html"), ("next", "index_3.html")],
        [("prev", "index_2.html")],
    ]
    assert "Страница 2 из 3" in _between(pages[1], "<title>", "</title>") and "Страница 2 из 3" in _between(
        pages[1], '<nav class="pager"', "</nav>"
    )
    assert '<ol class="contents">' in pages[0] and '<ol class="contents" start="3">' in pages[1]
    # An editor revises the article on the middle page: that page changes, the others are kept.
    written = _revise_and_build(root, lists[1][0].removesuffix(".html"))
    assert "index_2.html" in written and not {"index.html", "index_3.html"} & written
    # Bigger pages later: the pages no longer needed are removed.
    config.write_text(config.read_text(encoding="utf-8").replace("contents_per_page = 2", "contents_per_page = 5"))
    result = build(load_config(root), ["ru"], ["html"])
    assert {p.name for p in result.removed} >= {"index_2.html", "index_3.html"} and (ru / "index.html").is_file()
    assert 'class="pager"' not in (ru / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", ["index", "search"])
def test_an_article_cannot_take_a_site_page(tmp_path: Path, slug: str) -> None:
    root = pseudo_project(tmp_path / "p", fill={"ru": 1.0})
    source = next((root / "seeds").glob("*.md"))
    source.rename(source.with_name(f"{slug}.md"))
    with pytest.raises(SourceError, match=f"{slug}.html"):
        build(load_config(root), ["ru"], ["html"])


# -- sitemap, canonical links, Open Graph ---------------------------------------------------


def test_sitemap_lists_every_page_with_its_alternates(site: Path) -> None:
    html = site / "build" / "html"
    urlset = ET.parse(html / "sitemap.xml").getroot()
    listed = {}
    for url in urlset.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc") or ""
        listed[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
    pages = sorted(p for p in html.glob("*/*.html") if p.name != "search.html")
    assert sorted(listed) == sorted(f"{BASE}{p.relative_to(html).as_posix()}" for p in pages)
    for path in pages:
        loc = f"{BASE}{path.relative_to(html).as_posix()}"
        page = read_page(path)
        # The page's own hreflang alternates, made absolute, are the sitemap's.
        own = {a["hreflang"]: urljoin(loc, a["href"]) for a in page.all("link", rel="alternate") if "hreflang" in a}
        assert listed[loc] == own and set(own) == set(LANGS), path
        [canonical] = page.all("link", rel="canonical")
        assert canonical["href"] == loc
        og = {m["property"]: m["content"] for m in page.all("meta") if "property" in m}
        assert og["og:url"] == loc and og["og:title"] and og["og:locale"].startswith(path.parent.name + "_")


def test_article_head_and_contents_show_lead_and_reading_time(site: Path) -> None:
    html = site / "build" / "html"
    article = read_page(html / "kk" / "kazakhs-and-uzbeks.html")
    og = {m["property"]: m["content"] for m in article.all("meta") if "property" in m}
    [description] = [m["content"] for m in article.all("meta") if m.get("name") == "description"]
    assert description.startswith("[kk] ") and og["og:description"] == description
    assert og["og:type"] == "article" and og["og:title"] == STEPPE["kk"] and og["og:locale"] == "kk_KZ"
    assert {
        og_alt
        for m in article.all("meta")
        if (og_alt := m.get("content")) and m.get("property") == "og:locale:alternate"
    } == {"en_US", "ru_RU", "tr_TR"}
    contents = read_page(html / "ru" / "index.html")
    leads = contents.all("p", **{"class": "lead"})
    assert len(leads) == 5
    text = contents.text
    assert re.search(r"\d+ min read|\d+ мин", text), text
    assert contents.all("a", href="feed.xml", type="application/atom+xml")


def test_a_feed_holds_any_text_as_text() -> None:
    hostile = 'a\x01b</title><script>alert(1)</script>&amp; "\x0c'
    feed = ET.fromstring(
        atom_feed(
            edition="e",
            lang="ru",
            title=hostile,
            publisher=hostile,
            rights=hostile,
            self_href="feed.xml",
            home_href="index.html",
            entries=[FeedEntry("s", "s.html", hostile, "en", "", hostile, hostile)],
        )
    )
    clean = 'ab</title><script>alert(1)</script>&amp; "'
    assert feed.findtext(f"{ATOM}title") == clean and feed.findtext(f"{ATOM}entry/{ATOM}summary") == clean
    assert feed.find(f"{ATOM}entry/{ATOM}title").get("{http://www.w3.org/XML/1998/namespace}lang") == "en"  # type: ignore[union-attr]
    assert feed.findtext(f"{ATOM}entry/{ATOM}updated") == "1980-01-01T00:00:00Z"  # no date anywhere: a fixed one


@pytest.mark.skipif(bool(missing()), reason=missing() or "-")
def test_print_shows_the_article_alone(site: Path, tmp_path: Path) -> None:
    page_path = site / "build" / "html" / "ru" / "president-visit-to-uzbekistan.html"
    with browser(tmp_path / "profile") as page:
        page.goto(page_path.as_uri())
        assert page.is_visible("header.site") and page.is_visible("form.search")
        page.emulate_media(media="print")
        assert not page.is_visible("header.site") and not page.is_visible("p.back")
        assert page.is_visible("article h1") and page.is_visible("section.footnotes")
        colour = page.evaluate("getComputedStyle(document.body).color")
        assert colour == "rgb(0, 0, 0)"
        # A link's address is printed after it, unless the link's text is the address already.
        after = "(sel) => getComputedStyle(document.querySelector(sel), '::after').content"
        assert page.evaluate(after, ".footnotes a.url") == "none"
        page.evaluate(
            "() => { const a = document.createElement('a'); a.id = 'probe'; a.href = 'https://example.org/x';"
            " a.textContent = 'a source'; document.querySelector('.body p').appendChild(a); }"
        )
        assert "https://example.org/x" in page.evaluate(after, "#probe")
