"""Markdown -> safe (X)HTML, marking each block that falls back to the source language.

Translations are untrusted: raw HTML is not passed through (it is escaped), images are not
rendered (no remote loads from a msgstr), and markdown-it refuses javascript:, vbscript:,
file: and data: link targets. Templates escape everything else.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from .localize import Shown

_MARK = {Shown.FALLBACK: "fallback", Shown.DRAFT: "draft"}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True}).use(footnote_plugin)
    md.disable("image")
    return md


def render_body(body: str, shown: tuple[Shown, ...], src_lang: str, prefix: str = "") -> str:
    """HTML of ``body``; block i gets lang/class from ``shown[i]``. ``prefix`` keeps ids unique per page."""
    md = _markdown()
    env: dict[str, object] = {}
    tokens = md.parse(body, env)
    opener: Token | None = None
    index = 0
    for token in tokens:
        if token.type in ("paragraph_open", "heading_open"):
            opener = token
        elif token.type == "inline" and opener is not None and token.map:
            text = " ".join(part.strip() for part in token.content.split("\n")).strip()
            if text:
                state = shown[index] if index < len(shown) else Shown.TRANSLATION
                index += 1
                if state in _MARK:
                    opener.attrSet("class", _MARK[state])
                    if state is Shown.FALLBACK:
                        opener.attrSet("lang", src_lang)
            opener = None
    html = md.renderer.render(tokens, md.options, env)
    if prefix:
        html = html.replace('id="fn', f'id="{prefix}fn').replace('href="#fn', f'href="#{prefix}fn')
    return html
