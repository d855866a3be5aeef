"""Cleaning: metadata, sub-headings and boilerplate, on the seeds and on other outlets' styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import Article, article_id
from reader.core.clean import clean, outlet_from_url
from reader.core.corpus import load
from reader.core.dates import find_date


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    """The seeds by file-name prefix (000…004)."""
    corpus = load([Path(__file__).resolve().parent.parent / "seeds"])
    return {Path(a.paths[0]).name[:3]: a for a in corpus.articles}


def test_seed_000_title_and_date(seeds: dict[str, Article]) -> None:
    """The leading date label and the trailing timestamp are metadata, not title."""
    article = seeds["000"]
    assert article.title == "Kyiv: Belarusian military unprepared and unwilling to fight Ukraine"
    assert article.date == "2024-09-13"


def test_seed_001_title_and_source(seeds: dict[str, Article]) -> None:
    """The short outlet line above the headline is the source; the section line is dropped."""
    article = seeds["001"]
    assert article.title == "Will Belarus Join Forces With Russia In Ukraine?"
    assert article.source == "Tsarizm"
    assert "Eastern Europe" not in article.text


def test_seed_002_title_date_source_url(seeds: dict[str, Article]) -> None:
    """Junk commas are dropped; date, time and address come off the headline."""
    article = seeds["002"]
    assert article.title == (
        "Putin demands that Belarus join war, while Lukashenko keeps wiggling – Danilov"
    )
    assert article.date == "2022-12-19"
    assert article.source == "Ukrinform"
    assert article.url is not None
    assert article.url.startswith("https://www.ukrinform.net/rubric-ato/3637472-")
    assert ", , ," not in article.text


def test_seed_003_title_and_folded_furniture(seeds: dict[str, Article]) -> None:
    """The headline is the first line; photo credits and the aggregator disclaimer fold away."""
    article = seeds["003"]
    assert article.title == (
        "The stalled Russian offensive increases pressure on Belarus to join the invasion"
    )
    assert "Getty Images" not in article.text
    assert "automatic aggregator" not in article.text
    assert "Back to top" not in article.text
    assert article.author == "Adam Bradshaw"


def test_seed_004_contents_list_is_not_body(seeds: dict[str, Article]) -> None:
    """The slide-show contents at the top is folded; the short lines are sub-headings."""
    article = seeds["004"]
    assert article.title == "Will Belarus join the war against Ukraine?"
    first_body = article.body[0]
    assert first_body.kind == "heading"
    assert first_body.text == "Does a flurry of military activity mean war?"
    assert article.text.count("A snap inspection\n") == 1
    headings = [p.text for p in article.body if p.kind == "heading"]
    assert "Hanna Liubakova comments" in headings
    assert "Belarus probably still won't get involved" in headings
    assert "More for you" not in article.text


def test_boilerplate_is_kept_for_the_raw_view(seeds: dict[str, Article]) -> None:
    """Folded lines are still in the article: as boilerplate blocks and in the raw text."""
    article = seeds["001"]
    folded = [p.text for p in article.boilerplate]
    assert any(text.startswith("Please Follow us on") for text in folded)
    assert "Related articles" in folded
    assert "Leave a Comment" in folded
    assert "Please Follow us on" in article.raw
    assert "Please Follow us on" not in article.text


def test_paragraph_offsets_point_into_the_text(seeds: dict[str, Article]) -> None:
    """Every body block's start offset finds its text in the clean text."""
    for article in seeds.values():
        for paragraph in article.body:
            assert article.text[paragraph.start : paragraph.end] == paragraph.text


def test_article_ids_are_stable_and_distinct(seeds: dict[str, Article]) -> None:
    """Ids come from the text: loading again gives the same ids, and all five differ."""
    again = load([Path(__file__).resolve().parent.parent / "seeds"])
    assert {a.id for a in again.articles} == {a.id for a in seeds.values()}
    assert len({a.id for a in seeds.values()}) == 5


@pytest.mark.parametrize(
    "text",
    [
        "Headline\n\nBody text.\n",
        "  Indented  headline \t\n \n\u00a0\nwrapped line one\nand two\u3000 \n\n\n",
        "\tTabbed\u2003words\u00a0here\n\u00a0\u00a0\n  \n",
        "one line, no newline",
    ],
)
def test_plain_text_id_is_article_id_of_the_raw_text(text: str) -> None:
    """Cleaning plain text gives the id `article_id` gives its raw text, whatever the spacing."""
    assert clean(text, path="a.txt").id == article_id(text)


def test_boilerplate_is_found_beside_letters_that_lower_case_oddly() -> None:
    """A credit line is furniture next to "İ" and the Kelvin sign, as anywhere else."""
    body = "Minsk said on Monday that the drills near the border would go on for weeks."
    for odd in ("", "İstanbul", "20 \u212a"):
        article = clean(
            f"Headline about drills\n\n{odd} {body}\n\nGETTY IMAGES / x\n", path="a.txt"
        )
        assert [p.text for p in article.boilerplate] == ["GETTY IMAGES / x"]


def test_id_follows_the_text_not_the_path(tmp_path: Path) -> None:
    """The same text at another path has the same id."""
    text = "Headline of a moved article\n\nBody text that stays the same.\n"
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "moved").mkdir()
    (tmp_path / "moved" / "b.txt").write_text(text)
    first = load([tmp_path / "a.txt"]).articles[0]
    second = load([tmp_path / "moved" / "b.txt"]).articles[0]
    assert first.id == second.id


# Other outlets' styles, written for these tests.

BELTA = """MINSK, 26 September (BelTA) – Belarus will not send troops to Ukraine, Alexander \
Lukashenko told journalists on Tuesday.

The Belarusian leader said the country would defend its borders.

Advertisement

He added that joint exercises with Russia would continue.

Read More

Lukashenko meets Chinese delegation
"""

SCRAPER_MD = """# Lithuania closes two border crossings with Belarus

By Jane Smith

March 3, 2024

Vilnius said on Sunday it would shut two crossings, citing security risks.

## What happens next

Officials said the closure would last until further notice.

Share this article

Related stories

- Poland reinforces its border
- Latvia calls for sanctions
"""

REUTERS_STYLE = """Belarus says Russian nuclear weapons now on its soil
By Reuters Staff
June 14, 2023 10:15 AM UTC

KYIV, June 14 (Reuters) - Belarus has started taking delivery of Russian tactical nuclear \
weapons, President Alexander Lukashenko said on Wednesday.

Photo: Belarusian President Alexander Lukashenko (Reuters/Pool)

"We have missiles and bombs that we received from Russia," Lukashenko said.

All rights reserved. © 2023 Reuters.
"""


def test_dateline_gives_the_source_and_stays_in_the_text() -> None:
    """'MINSK, 26 September (BelTA) –' names the outlet; 'Advertisement' and 'Read More' fold."""
    article = clean(BELTA, path="belta.txt")
    assert article.source == "BelTA"
    assert article.text.startswith("MINSK, 26 September (BelTA)")
    assert "Advertisement" not in article.text
    assert "Lukashenko meets Chinese delegation" not in article.text
    assert "joint exercises" in article.text


def test_scraper_markdown_headers_byline_and_date() -> None:
    """A scraper's Markdown: H1 title, byline, date line, H2 sub-heading, furniture folded."""
    article = clean(SCRAPER_MD, path="lt.md", fmt="markdown")
    assert article.title == "Lithuania closes two border crossings with Belarus"
    assert article.author == "Jane Smith"
    assert article.date == "2024-03-03"
    headings = [p.text for p in article.body if p.kind == "heading"]
    assert headings == ["What happens next"]
    assert "Share this article" not in article.text
    assert "Poland reinforces" not in article.text


def test_wire_style_byline_date_and_credits() -> None:
    """A wire story: byline and timestamp lines are metadata; photo credit and rights fold."""
    article = clean(REUTERS_STYLE, path="wire.txt")
    assert article.title == "Belarus says Russian nuclear weapons now on its soil"
    assert article.author == "Reuters Staff"
    assert article.date == "2023-06-14"
    assert "Photo:" not in article.text
    assert "All rights reserved" not in article.text
    assert "tactical nuclear weapons" in article.text


SCRAPED_WITH_ADDRESS = (
    "https://www.rferl.org\n"
    "Large tank in Iran: what the exercises near Zyabrovka mean\n"
    "28 December 2025 | The Moscow Times\n"
    "\n"
    "Satellite images show seven helicopters at the airfield near Zyabrovka this week.\n"
)


@pytest.mark.parametrize(
    ("first", "url"),
    [("https://www.rferl.org", "https://www.rferl.org"), ("www.rferl.org", None)],
)
def test_a_leading_address_line_is_metadata_not_the_title(first: str, url: str | None) -> None:
    """Scrapers often put the page's address first; the headline is the line after it, and a
    date line naming the outlet gives both."""
    article = clean(SCRAPED_WITH_ADDRESS.replace("https://www.rferl.org", first), path="a.txt")
    assert article.title == "Large tank in Iran: what the exercises near Zyabrovka mean"
    assert article.date == "2025-12-28"
    assert article.source == "The Moscow Times"
    if url:
        assert article.url == url
    assert article.text.startswith("Satellite images")
    assert first in article.raw


@pytest.mark.parametrize(
    ("head", "date", "source"),
    [
        ("07.02.2024 20:59 | Nasha Niva", "2024-02-07", "Nasha Niva"),
        ("Dec 4, 2021 16:18 GMT | War on the Rocks", "2021-12-04", "War on the Rocks"),
        ("4 December 2021 | Charter 97", "2021-12-04", "Charter 97"),
        ("Tuesday, July 13, 2025 7:11:54 PM | Jamestown Foundation", "2025-07-13",
         "Jamestown Foundation"),
    ],
)  # fmt: skip
def test_a_date_line_under_the_headline_is_not_joined_to_it(
    head: str, date: str, source: str
) -> None:
    """A headline and its date line in one block are two lines, not one wrapped sentence."""
    article = clean(
        f"Will Azerbaijan join the war against Belarus?\n{head}\n\nThe body of it, here.\n",
        path="c.txt",
    )
    assert article.title == "Will Azerbaijan join the war against Belarus?"
    assert (article.date, article.source) == (date, source)


def test_a_long_outlet_name_above_the_headline_is_the_source() -> None:
    article = clean(
        "Radio Free Europe/Radio Liberty\nNorway and Germany begin exercises near Kovel\n"
        "June 21, 2025 | Radio Free Europe/Radio Liberty\n\nThe body of it, here.\n",
        path="d.txt",
    )
    assert article.title == "Norway and Germany begin exercises near Kovel"
    assert (article.date, article.source) == ("2025-06-21", "Radio Free Europe/Radio Liberty")


def test_a_date_line_with_a_sentence_after_it_names_no_outlet() -> None:
    article = clean(
        "A headline about Minsk and Moscow\n28 December 2025 | updated at noon\n\n"
        "Body text follows here in a sentence.\n",
        path="b.txt",
    )
    assert article.date == "2025-12-28"
    assert article.source is None


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    """Lines wrapped at ~70 columns are one paragraph, not many headings."""
    wrapped = (
        "A headline for a wrapped article\n\n"
        "This paragraph was wrapped by a mail client at roughly seventy\n"
        "columns, so each line is a fragment of one sentence that carries\n"
        "on below.\n"
    )
    article = clean(wrapped, path="w.txt")
    assert len(article.body) == 1
    assert article.body[0].text.startswith("This paragraph was wrapped")
    assert article.body[0].text.endswith("carries on below.")


def test_title_falls_back_to_the_first_sentence() -> None:
    """With no headline-shaped line, the first sentence (or the file name) is the title."""
    long_first = "Word " * 80 + "end. Second sentence."
    assert clean(long_first, path="x.txt").title.startswith("Word Word")
    assert clean("...", path="dir/only-dots.txt").title == "only-dots"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Friday, September 13, 2024 1:00:12 PM", "2024-09-13"),
        ("19.12.2022 21:40", "2022-12-19"),
        ("2022-12-19T08:00:00Z", "2022-12-19"),
        ("26 September 2023", "2023-09-26"),
        ("Dec. 7th, 2022", "2022-12-07"),
    ],
)
def test_dates_in_many_shapes(text: str, iso: str) -> None:
    """Dates as news sites print them become ISO 8601."""
    found = find_date(text)
    assert found is not None and found[0] == iso


def test_impossible_dates_are_ignored() -> None:
    """31.02.2022 is not a date."""
    assert find_date("31.02.2022") is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.ukrinform.net/rubric-ato/1.html", "Ukrinform"),
        ("https://www.reuters.com/world/x", "Reuters"),
        ("https://news.bbc.co.uk/x", "BBC"),
        ("https://www.example.co.uk/x", "Example"),
    ],
)
def test_outlet_from_url(url: str, outlet: str) -> None:
    """An address names its outlet: a known name, else the domain capitalised."""
    assert outlet_from_url(url) == outlet
