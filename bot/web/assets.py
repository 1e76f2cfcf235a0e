"""The page and its files, from bot/web/static, read once at start.

The page names its script and style with a version (a hash of their content), so that a
client may keep them for a year and a new release is fetched at once; the page itself is
checked again every time. Only the files listed here are served: no path from a request
reaches the file system.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).parent / "static"
TYPES = {
    "app.js": "text/javascript",
    "app.css": "text/css",
    "charts.js": "text/javascript",
    "screens.js": "text/javascript",
}
PAGE = "index.html"
VERSION_MARK = "__VERSION__"
FOR_A_YEAR = "public, max-age=31536000, immutable"
CHECK_AGAIN = "no-cache"


@dataclass(frozen=True)
class Assets:
    version: str
    page: bytes
    files: dict[str, bytes]


@cache
def assets() -> Assets:
    """The files, and the version that names them."""
    files = {name: (STATIC / name).read_bytes() for name in TYPES}
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(files[name])
    version = digest.hexdigest()[:12]
    page = (STATIC / PAGE).read_text().replace(VERSION_MARK, version).encode()
    return Assets(version, page, files)


async def page(request: web.Request) -> web.Response:
    """The page Telegram opens (its launch data in the address's fragment)."""
    response = web.Response(body=assets().page, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = CHECK_AGAIN
    return response


async def static_file(request: web.Request) -> web.Response:
    """A script or style sheet; kept a year when asked for by its current version."""
    name, found = request.match_info["name"], assets()
    if name not in found.files:
        raise web.HTTPNotFound()
    response = web.Response(body=found.files[name], content_type=TYPES[name], charset="utf-8")
    versioned = request.query.get("v") == found.version
    response.headers["Cache-Control"] = FOR_A_YEAR if versioned else CHECK_AGAIN
    response.enable_compression()
    return response
