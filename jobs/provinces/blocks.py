"""A post's lines in order, as blocks: its headings (a heading tag, or a paragraph all in
bold that is no sentence), list items and paragraphs, each block's own text. Inline tags are
joined without spaces, so that a number split across tags reads whole; a <br> breaks a
line."""

from typing import NamedTuple

from bs4 import BeautifulSoup, CData, NavigableString, Tag

_LINE_BREAK = "\u2028"  # what a <br> becomes while a post is read
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = (*_HEADINGS, "p", "li", "div", "td", "th", "dt", "dd", "blockquote")


class Block(NamedTuple):
    """One line of a post: a heading, a list item, or a paragraph."""

    text: str
    heading: bool
    item: bool


def blocks_of(markup: str) -> list[Block]:
    """A post's lines in order: each block's own text (a heading's, a paragraph's, a list
    item's; text outside any block first), inline tags joined without spaces, so that a
    number split across tags reads whole; a <br> breaks a line."""
    soup = BeautifulSoup(markup, "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with(_LINE_BREAK)
    own: dict[int, list[NavigableString]] = {}
    for string in soup.find_all(string=True):
        if type(string) in (NavigableString, CData):  # not a comment
            own.setdefault(id(string.find_parent(_BLOCKS) or soup), []).append(string)
    blocks = []
    for element in [soup, *soup.find_all(_BLOCKS)]:
        strings = own.get(id(element), [])
        heading = _is_heading(element, strings)
        for line in "".join(strings).split(_LINE_BREAK):
            if text := " ".join(line.split()):
                blocks.append(Block(text, heading and len(text) <= 150, element.name == "li"))
    return blocks


def _is_heading(element: Tag, strings: list[NavigableString]) -> bool:
    """A heading tag, or a paragraph all in bold that is not a sentence."""
    if element.name in _HEADINGS:
        return True
    text = "".join(strings).strip()
    if element.name not in ("p", "div") or not text or text.endswith("."):
        return False
    written = [string for string in strings if string.strip()]
    return all(string.find_parent(("strong", "b")) is not None for string in written)
