"""Text import heuristics: each a rule about how news pages are scraped, on invented pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.ingest_pages import FOOTER, MENU, PARAS, TITLE, scrape
from workflow.ingest import Removed, parse_scrape
from workflow.ingest.metadata import find_byline, find_date
from workflow.segment import blocks


def texts(body: str) -> list[str]:
    return [b.text.replace("\\", "") for b in blocks(body)]


def kinds(body: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text.replace("\\", "")) for b in blocks(body)]


def test_a_menu_word_does_not_cut_the_body() -> None:
    result = parse_scrape(scrape(*MENU, TITLE, "20 Nov 2019 08:00 GMT", *PARAS, *FOOTER))
    assert texts(result.body) == PARAS
    assert result.meta.title == TITLE
    removed = {r.text for r in result.removed}
    assert set(MENU) <= removed and set(FOOTER) <= removed


def test_a_byline_before_a_one_paragraph_story_keeps_the_story() -> None:
    result = parse_scrape(scrape(*MENU, TITLE, "By Jane Doe", PARAS[0], *FOOTER))
    assert texts(result.body) == [PARAS[0]]
    assert result.meta.author == "Jane Doe"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("November 20, 2019 - 11:28", dt.date(2019, 11, 20)),
        ("20 Nov 2019 08:00 GMT", dt.date(2019, 11, 20)),
        ("16:42, 14 April 2021", dt.date(2021, 4, 14)),
        ("5 February 2021", dt.date(2021, 2, 5)),
        ("Published: Wed 20 Nov 2019 10.09 GMT", dt.date(2019, 11, 20)),
        ("2019-11-20T12:48:14Z", dt.date(2019, 11, 20)),
        ("12.03.2021 1 204", dt.date(2021, 3, 12)),
        ("Updated November 19, 2019 at 3:05 pm ET", dt.date(2019, 11, 19)),
    ],
)
def test_dates_in_common_forms(line: str, date: dt.date) -> None:
    assert find_date(line) == date
    result = parse_scrape(scrape(*MENU, TITLE, line, *PARAS[:3]))
    assert result.meta.date == date
    assert line not in " ".join(texts(result.body))


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and Max Roe in Politics on November 20, 2019", "Jane Doe and Max Roe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("PTI", "PTI"),
        ("Reuters, London,", "Reuters"),
        ("Written by JANE DOE", "Jane Doe"),
    ],
)
def test_bylines_in_their_common_shapes(line: str, author: str) -> None:
    assert find_byline(line) == author
    result = parse_scrape(scrape(*MENU, TITLE, line, *PARAS[:3]))
    assert result.meta.author == author
    assert texts(result.body) == PARAS[:3]


def test_footer_links_are_never_the_author() -> None:
    result = parse_scrape(scrape(TITLE, *PARAS[:4], "Contact Us", "Privacy Policy", "Terms of Use", "Site Map"))
    assert result.meta.author is None
    assert find_byline("By continuing you agree") is None


def test_the_title_is_the_headline_not_a_standfirst_or_a_menu_line() -> None:
    standfirst = "Spending on buses will rise, but opposition members warn that the money may not be there. It is up to the governor now"
    result = parse_scrape(
        scrape(
            *MENU,
            "These are external links and will open in a new window",
            "Politics",
            TITLE,
            standfirst,
            "By Jane Doe",
            "14 April 2021",
            *PARAS[:4],
        )
    )
    assert result.meta.title == TITLE
    assert result.meta.section == "Politics"


def test_no_sentence_is_dropped_for_one_word_in_it() -> None:
    sentence = "The court said the copyright claim was filed too late, and that all rights reserved by the contract had expired."
    result = parse_scrape(scrape(TITLE, PARAS[0], sentence, PARAS[1], "© 2021 Example Daily. All rights reserved."))
    assert texts(result.body) == [PARAS[0], sentence, PARAS[1]]
    assert [r.reason for r in result.removed] == ["legal"]


def test_a_dash_list_after_a_colon_stays_a_list() -> None:
    result = parse_scrape(
        scrape(
            TITLE,
            PARAS[0],
            "The plan includes:",
            "- new bus lines",
            "- longer opening hours",
            "- cheaper tickets",
            PARAS[1],
        )
    )
    assert kinds(result.body)[1:5] == [
        ("paragraph", "The plan includes:"),
        ("list item", "new bus lines"),
        ("list item", "longer opening hours"),
        ("list item", "cheaper tickets"),
    ]
    assert "\\-" not in result.body and "> " not in result.body


def test_numbered_lines_become_an_ordered_list() -> None:
    result = parse_scrape(scrape(TITLE, PARAS[0], "1) Buses", "2) Trams", "3) Bicycles", PARAS[1]))
    assert result.body.count("\n1. ") == 1 and "2. Trams" in result.body


def test_date_lines_captions_and_share_buttons_are_not_headings() -> None:
    result = parse_scrape(
        scrape(
            TITLE,
            PARAS[0],
            "Share on Facebook",
            PARAS[1],
            "Councillors vote in the main hall (AP Photo/John Roe)",
            PARAS[2],
            "Updated 5 February 2021",
            PARAS[3],
            "What happens next",
            PARAS[4],
        )
    )
    found = kinds(result.body)
    assert [k for k, _ in found if k.startswith("heading")] == ["heading 2"]
    assert ("heading 2", "What happens next") in found
    assert "\n*Councillors vote in the main hall (AP Photo/John Roe)*\n" in result.body  # a caption, marked
    assert "Share on Facebook" not in result.body and "Updated 5 February" not in result.body


@pytest.mark.parametrize(
    "debris",
    [
        ["Share on Twitter"],
        ["Tags: budget, council, transport"],
        ["Read also: Mayor opens new bridge"],
        ["We use cookies to improve your experience. By using this site you accept our cookie policy."],
        ["Leave a Reply", "Your email address will not be published.", "Name *", "Email *", "Post Comment"],
        ["All rights reserved"],
        ["Advertisement"],
    ],
)
def test_debris_inside_and_after_the_article_is_removed_and_listed(debris: list[str]) -> None:
    result = parse_scrape(scrape(TITLE, *PARAS[:3], *debris, *PARAS[3:6], *FOOTER))
    assert texts(result.body) == PARAS[:6] or texts(result.body) == PARAS[:3]
    removed = {r.text for r in result.removed}
    assert set(debris) <= removed


@pytest.mark.parametrize(
    "heading", ["Related links", "Top stories", "You may also like", "Most read", "More from Politics"]
)
def test_teaser_boxes_after_the_article_are_removed(heading: str) -> None:
    teasers = [
        "Mayor opens new bridge over the river",
        "Schools get new roofs before winter",
        "Bus drivers vote on pay",
    ]
    result = parse_scrape(scrape(TITLE, "By Jane Doe", *PARAS[:5], heading, *teasers, *FOOTER))
    assert texts(result.body) == PARAS[:5]
    assert {heading, *teasers} <= {r.text for r in result.removed}


def test_a_related_box_set_into_the_article_does_not_end_it() -> None:
    teasers = ["Mayor opens new bridge over the river", "Schools get new roofs before winter"]
    result = parse_scrape(scrape(TITLE, "By Jane Doe", *PARAS[:4], "Related", *teasers, *PARAS[4:]))
    assert texts(result.body) == PARAS


def test_a_teaser_list_with_names_and_dates_loses_to_the_article() -> None:
    teasers = []
    for i in range(6):
        teasers += [f"Other headline number {i} about the town", "John Roe", "November 19, 2019", PARAS[i % 8]]
    result = parse_scrape(scrape(*MENU, TITLE, "November 20, 2019", *PARAS[5:8], "Latest", *teasers, *FOOTER))
    assert texts(result.body) == PARAS[5:8]


def test_comments_after_the_article_are_not_kept() -> None:
    comments = []
    for i in range(5):
        comments += ["reader" + str(i), "2 days ago", PARAS[(i + 2) % 8] + " I disagree with all of this.", "Reply"]
    result = parse_scrape(scrape(TITLE, "By Jane Doe", *PARAS[:3], "12 Comments", *comments))
    assert texts(result.body) == PARAS[:3]


def test_every_input_line_is_kept_used_or_listed() -> None:
    lines = [
        *MENU,
        "Politics",
        TITLE,
        "By Jane Doe",
        "20 Nov 2019",
        *PARAS,
        "Share",
        "Most read",
        "Bus drivers vote",
        *FOOTER,
    ]
    result = parse_scrape(scrape(*lines))
    kept = texts(result.body)
    used = {result.meta.title}
    removed = [r.text for r in result.removed]
    for line in lines:
        assert line in kept or line in used or line in removed, line
    assert len(kept) + len(removed) + 1 == len(lines)


def test_tags_and_credits_after_the_article_are_not_a_signature() -> None:
    result = parse_scrape(scrape(TITLE, *PARAS[:4], "Afghanistan", "United States", "Have your say. Give us feedback."))
    assert result.meta.author is None
    result = parse_scrape(scrape(TITLE, *PARAS[:4], "Via Example.info", "Copyright @ 2019 Example."))
    assert result.meta.author is None
    assert {"Via Example.info"} <= {r.text for r in result.removed}


def test_a_teaser_list_right_after_the_article_is_cut() -> None:
    teasers = []
    for i in range(4):
        teasers += [
            f"Other headline number {i} about the town",
            f"A one-line summary of story {i}, written to draw a click.",
        ]
    result = parse_scrape(scrape(TITLE, "By Jane Doe", *PARAS, *teasers))
    assert texts(result.body) == PARAS
    assert set(teasers) <= {r.text for r in result.removed}


def test_a_line_shown_twice_is_kept_once() -> None:
    caption = "The mayor and the governor shake hands in the council hall on Tuesday morning."
    result = parse_scrape(scrape(TITLE, PARAS[0], caption, PARAS[1], caption, PARAS[2]))
    assert texts(result.body) == [PARAS[0], caption, PARAS[1], PARAS[2]]
    assert Removed("repeated", caption) in result.removed
