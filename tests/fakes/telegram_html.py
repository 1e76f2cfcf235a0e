"""Telegram's HTML rules for messages, and the error answers of the Bot API."""

from __future__ import annotations

import html
import re
from typing import Any

_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*>"
)
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#[xX][0-9a-fA-F]+);")
_HTML_TAGS = re.compile(r"b|strong|i|em|u|ins|s|strike|del|a|code|pre|tg-spoiler|span|blockquote")


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body = {"ok": False, "error_code": self.status, "description": self.description}
        return body | ({"parameters": self.parameters} if self.parameters else {})


def _parse_error(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


def _check_entities(text: str, start: int, end: int) -> None:
    """Reject an '&' in text[start:end] that does not begin an entity Telegram supports."""
    index = text.find("&", start, end)
    while index != -1:
        if not _ENTITY.match(text, index):
            offset = _byte_offset(text, index)
            raise _parse_error(f"Unsupported HTML entity at byte offset {offset}")
        index = text.find("&", index + 1, end)


def _check_start_tag(name: str, attrs: str, offset: int) -> None:
    values = {key.lower(): (value or "").strip("\"'") for key, value in _ATTR.findall(attrs)}
    if not _HTML_TAGS.fullmatch(name):
        raise _parse_error(f'Unsupported start tag "{name}" at byte offset {offset}')
    if name == "a" and not values.get("href"):
        raise _parse_error(f'Tag "a" at byte offset {offset} must have attribute href')
    if name == "span" and values.get("class") != "tg-spoiler":
        raise _parse_error('Tag "span" must have class "tg-spoiler"')


def _check_end_tag(stack: list[str], name: str, offset: int) -> None:
    if not stack or stack[-1] != name:
        expected = f'expected "</{stack[-1]}>", ' if stack else ""
        raise _parse_error(
            f'Unmatched end tag at byte offset {offset}, {expected}found "</{name}>"'
        )
    stack.pop()


def visible_html_text(text: str) -> str:
    """Validate Telegram-flavoured HTML and return the text a user would see."""
    stack: list[str] = []
    out: list[str] = []
    index = 0
    while index < len(text):
        if text[index] == "<":
            tag = _TAG.match(text, index)
            offset = _byte_offset(text, index)
            if tag is None:
                raise _parse_error(f'Unsupported start tag "" at byte offset {offset}')
            name, attrs = tag.group(2).lower(), tag.group(3)
            _check_entities(text, tag.start(3), tag.end(3))
            if tag.group(1):
                _check_end_tag(stack, name, offset)
            else:
                _check_start_tag(name, attrs, offset)
                stack.append(name)
            index = tag.end()
        elif text[index] == "&":
            _check_entities(text, index, index + 1)
            entity = _ENTITY.match(text, index)
            out.append(html.unescape(entity.group()) if entity else "&")
            index = entity.end() if entity else index + 1
        else:
            out.append(text[index])
            index += 1
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)
