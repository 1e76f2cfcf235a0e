"""The bot's HTTP client for the Bot API: python-telegram-bot's requests over aiohttp.

PTB's own client (httpx) costs more CPU per request the more are in flight: with 100 in
flight, about 12 ms a request, which caps a fan-out near 70 a second, far below the
1,000 a second of paid broadcasts. aiohttp does the same work for about 0.5 ms and
reaches about 900 a second against the same server (BENCHMARKS.md, from
``python -m bench.client``). PTB maps status codes and Telegram's JSON to its
errors itself (BaseRequest.post), so this class only moves bytes: it returns the status
and the body, and turns aiohttp's timeouts and connection failures into PTB's TimedOut
and NetworkError.
"""

from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT = 5.0  # seconds, as PTB's HTTPXRequest
# A timeout PTB passes: seconds, None (none), or BaseRequest.DEFAULT_NONE (the client's own).
Timeout = float | None | object
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class AiohttpRequest(BaseRequest):
    """Up to ``connections`` requests in flight at once over kept-alive connections; a
    request that waits longer than ``pool_timeout`` for a free one is not sent (TimedOut)."""

    __slots__ = ("_connections", "_session", "_timeouts")

    def __init__(
        self,
        connections: int = 256,
        read_timeout: float | None = DEFAULT_TIMEOUT,
        connect_timeout: float | None = DEFAULT_TIMEOUT,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._connections = connections
        self._timeouts = {"read": read_timeout, "connect": connect_timeout, "pool": pool_timeout}
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections, limit_per_host=0)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        write_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        connect_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        pool_timeout: Timeout = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        timeout = self._timeout(read_timeout, connect_timeout, pool_timeout)
        try:
            async with self._session.request(
                method, url, timeout=timeout, **_body(request_data)
            ) as response:
                return response.status, await response.read()
        except (TimeoutError, aiohttp.ServerTimeoutError) as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _timeout(self, read: Timeout, connect: Timeout, pool: Timeout) -> aiohttp.ClientTimeout:
        """PTB's timeouts as aiohttp's: waiting for a free connection counts towards
        aiohttp's ``connect``, as long as the pool and connect timeouts together."""
        read_s = self._given(read, "read")
        connect_s, pool_s = self._given(connect, "connect"), self._given(pool, "pool")
        acquire = None if connect_s is None or pool_s is None else connect_s + pool_s
        return aiohttp.ClientTimeout(
            total=None, connect=acquire, sock_connect=connect_s, sock_read=read_s
        )

    def _given(self, value: Timeout, name: str) -> float | None:
        """The timeout a call asked for, or this client's own when it asked for none."""
        if value is BaseRequest.DEFAULT_NONE:
            return self._timeouts[name]
        if value is None or isinstance(value, int | float):
            return value
        raise TypeError(f"{name} timeout: {value!r}")


def _body(request_data: RequestData | None) -> dict[str, Any]:
    """The parameters url-encoded, as PTB's own client sends them, or as a multipart form
    when files go with them."""
    if request_data is None:
        return {}
    files = request_data.multipart_data
    if not files:
        return {"data": request_data.url_encoded_parameters(), "headers": FORM}
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, _readable(content), filename=filename, content_type=mimetype)
    return {"data": form}


def _readable(content: Any) -> Any:
    """Bytes as they are; a file handle is read whole (PTB hands either)."""
    return content if isinstance(content, bytes) else content.read()
