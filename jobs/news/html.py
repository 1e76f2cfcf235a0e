"""HTML to plain text: one line a block, a table row one line of its cells.

The text keeps what reading needs: a line for each block or <br>, a table row's cells joined
by :data:`CELL_SEPARATOR`, and in plain text (no markup) the blank lines parting paragraphs.
Markdown's marks of emphasis, which some feeds and sites leave in their text ("issued
**699** invitations", "_**CRS score**_"), are no part of it.
"""

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

CELL_SEPARATOR = " | "  # between the cells of a table row, which is one line

_DROPPED_TAGS = ("script", "style", "noscript", "template")
_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "ul",
)  # fmt: skip
_TAG = re.compile(r"<[A-Za-z!/]")
_SPACES = re.compile(r"[^\S\n]+")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
# "**699**", "**5****,500**", "_**CRS score**_"; not a bullet's "* " nor "snake_case"
_EMPHASIS = re.compile(r"\*{2,}|(?<![\w*])_+(?=[*\w])|(?<=[\w.*])_+(?![\w*])")


def html_to_text(markup: str) -> str:
    """Plain text: blocks and <br> break lines, a table row is one line of " | "-joined cells."""
    if not _TAG.search(markup):
        return _fold(markup)
    soup = BeautifulSoup(markup, "html.parser")
    return _fold("".join(_text_pieces(soup)), blank_lines=False)


def _text_pieces(root: Tag) -> Iterator[str]:
    """A tree's text in order, line breaks around blocks; walked with a stack, not recursion,
    since pages can nest tags thousands deep."""
    stack: list[PageElement | str] = [root]
    while stack:
        node = stack.pop()
        if type(node) is str:  # the line break closing a block
            yield node
        elif type(node) is NavigableString:  # text, not a comment: line breaks are spaces
            yield _WHITESPACE.sub(" ", node)
        elif isinstance(node, Tag) and node.name == "tr":
            yield f"\n{_row_text(node)}\n"
        elif isinstance(node, Tag) and node.name == "br":
            yield "\n"
        elif isinstance(node, Tag) and node.name not in _DROPPED_TAGS:
            if node.name in _BLOCK_TAGS:
                yield "\n"
                stack.append("\n")
            stack.extend(reversed(node.contents))


def _row_text(row: Tag) -> str:
    cells = row.find_all(["td", "th"], recursive=False)
    return CELL_SEPARATOR.join(_WHITESPACE.sub(" ", cell.get_text(" ")).strip() for cell in cells)


def _fold(text: str, *, blank_lines: bool = True) -> str:
    """Spaces folded in each line; blank lines kept (at most one in a row) in plain text only,
    where they part paragraphs (in markup, blocks do)."""
    lines = (_SPACES.sub(" ", _EMPHASIS.sub("", line)).strip() for line in text.splitlines())
    folded = "\n".join(line for line in lines if line or blank_lines)
    return _BLANK_LINES.sub("\n\n", folded).strip()
