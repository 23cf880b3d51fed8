"""Synthetic news pages for the import tests: invented text, laid out the way news sites lay out pages."""

from __future__ import annotations

PARAS = [
    "The regional council approved a new budget on Tuesday after three weeks of debate between the two largest parties.",
    "Under the plan, spending on public transport will rise by a tenth, while road repairs will be funded from a separate account.",
    "Opposition members said the figures were too optimistic and warned that income from local taxes could fall next year.",
    "The council's finance chair replied that the forecasts had been checked by independent auditors before the vote took place.",
    "Residents who attended the session asked for more money for libraries, and several speakers described long waiting lists for school places.",
    "A second vote on the housing programme is expected in the spring, when the council will also review the cost of the new bus lines.",
    "Local business groups welcomed the decision, saying that reliable transport would help shops in the town centre recover.",
    "The budget now goes to the regional governor, who has two weeks to sign it or send it back to the council with comments.",
]
MENU = ["Home", "News", "Politics", "Society", "Business", "Sport", "Culture", "Opinion", "Most read", "Comments"]
FOOTER = [
    "About Us",
    "Contact Us",
    "Privacy Policy",
    "Terms of Use",
    "Advertise",
    "© 2021 Example Daily. All rights reserved.",
]
TITLE = "Regional Council Approves Budget After Long Debate"


def scrape(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def page_html(*, title: str = TITLE, paras: list[str] | None = None, extra: str = "", charset: str = "utf-8") -> str:
    """A saved article page: navigation, header with metadata, article, teasers, footer."""
    body = "".join(f"<p>{p}</p>\n" for p in (paras if paras is not None else PARAS[:4]))
    rest = "".join(f"<p>{p}</p>\n" for p in PARAS[4:]) if paras is None else ""
    nav = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    foot = "".join(f'<li><a href="/x">{f}</a></li>' for f in FOOTER)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="og:title" content="{title}">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-04-14T16:42:00Z">
<meta name="description" content="The council backed more spending on buses.">
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Doe</p><time datetime="2021-04-14">14 April 2021</time>
{body}
{extra}
{rest}
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Mayor opens new bridge</a></li><li><a href="/b">Schools get new roofs</a></li></ul></aside>
</main>
<footer><ul>{foot}</ul></footer>
</body></html>
"""
