"""Building RSS feeds for tests, from the real articles and from short made-up ones."""

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

NEWS = Path(__file__).parent / "fixtures" / "news"


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    body: str  # HTML
    published: datetime
    link: str = ""


# A news feed's entry at its first poll, read as history: it announces no draw.
OLD_NEWS = Item(
    "urn:old", "Canada's immigration levels plan", "<p>No draw here.</p>",
    datetime(2023, 7, 1, 18, tzinfo=UTC),
)  # fmt: skip


def paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, one per non-empty line."""
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def article(name: str, title: str, published: datetime) -> Item:
    """One of the real articles of tests/fixtures/news as a feed item."""
    text = next(NEWS.glob(f"{name}_*.txt")).read_text()
    return Item(
        f"urn:news:{name}", title, paragraphs(text), published, f"https://news.example/{name}"
    )


def fixture_item(path: Path, title: str, published: datetime) -> Item:
    """An article fixture as a lone feed item: HTML as it is, plain text as paragraphs."""
    text = path.read_text(encoding="utf-8")
    body = text if path.suffix == ".html" else paragraphs(text)
    return Item(
        f"urn:fixture:{path.stem}", title, body, published, f"https://news.example/{path.stem}"
    )


def rss(*items: Item, title: str = "Immigration news") -> bytes:
    entries = "".join(
        f"<item><guid>{escape(item.guid)}</guid><title>{escape(item.title)}</title>"
        f"<link>{escape(item.link or 'https://news.example/' + item.guid)}</link>"
        f"<pubDate>{format_datetime(item.published)}</pubDate>"
        f"<description><![CDATA[{item.body}]]></description></item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>"
        f"<description>Tests</description>{entries}</channel></rss>"
    ).encode()
