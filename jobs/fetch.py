"""Fetching a source over HTTP, politely: conditional GET, timeouts, a size cap.

The outcome is a value (new content, not modified, failed with a reason, or not asked at
all because the source is disabled), never an exception, so the poll job decides what each
outcome means.
"""

from dataclasses import dataclass

import httpx

PERMANENT_REDIRECTS = (httpx.codes.MOVED_PERMANENTLY, httpx.codes.PERMANENT_REDIRECT)
USER_AGENT = "ee-drawbot/0.1 (Express Entry draw alerts)"


@dataclass(frozen=True)
class Fetched:
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    url: str
    moved_to: str | None = None  # the new address, after a permanent redirect (301, 308)


@dataclass(frozen=True)
class NotModified:
    pass


@dataclass(frozen=True)
class FetchFailed:
    reason: str
    status: int | None = None


@dataclass(frozen=True)
class Disabled:
    """Not fetched: the source answered 410 Gone earlier and is not asked again."""

    reason: str


FetchResult = Fetched | NotModified | FetchFailed | Disabled


def make_client(timeout_seconds: float) -> httpx.AsyncClient:
    """The shared HTTP client for every source."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout_seconds, connect=min(10.0, timeout_seconds)),
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": USER_AGENT},
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET the URL, sending the validators of the last fetch; stop reading past max_bytes."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with client.stream("GET", url, headers=headers) as response:
            if response.status_code == httpx.codes.NOT_MODIFIED:
                return NotModified()
            if response.status_code != httpx.codes.OK:
                return FetchFailed(f"HTTP {response.status_code}", response.status_code)
            body = await _read_capped(response, max_bytes)
            if body is None:
                return FetchFailed(f"response larger than {max_bytes} bytes")
            permanent = any(step.status_code in PERMANENT_REDIRECTS for step in response.history)
            return Fetched(
                body=body,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get("Content-Type"),
                url=str(response.url),
                moved_to=str(response.url) if permanent else None,
            )
    except httpx.TimeoutException as error:
        return FetchFailed(f"timed out ({error.__class__.__name__})")
    except httpx.HTTPError as error:
        return FetchFailed(f"{error.__class__.__name__}: {error}")


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes | None:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return None
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
