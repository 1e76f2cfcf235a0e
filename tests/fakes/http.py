"""Loopback HTTP servers: a shared threaded base and a fake feed/JSON source."""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit


@dataclass
class HttpRequest:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpResponse:
    """What to answer; Content-Length is added unless the status has no body."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Responder = Callable[[HttpRequest], HttpResponse]


class DropConnection(Exception):
    """Raised by a responder: close the connection without answering."""


class _QuietServer(ThreadingHTTPServer):
    """Threaded server that ignores clients hanging up mid-answer."""

    daemon_threads = True
    # Connections waiting to be accepted; beyond socketserver's 5, a burst of new ones (an
    # answer closes its connection) would have SYNs dropped and retried a second later.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Swallow disconnects (client timeouts); report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(respond: Responder, protocol: str) -> type[BaseHTTPRequestHandler]:
    """A request handler class that delegates every request to `respond`."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = protocol  # HTTP/1.1: connections kept alive between requests
        # The headers and the body are written apart: with Nagle's algorithm the body would
        # wait for the client's delayed ACK of the headers, adding up to 40 ms to an answer.
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = HttpRequest(
                method=self.command,
                path=self.path,
                headers={key.lower(): value for key, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            try:
                response = respond(request)
            except DropConnection:
                self.close_connection = True
                return
            self.send_response(response.status)
            for key, value in response.headers.items():
                self.send_header(key, value)
            if response.status not in (204, 304):
                self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD" and response.status not in (204, 304):
                self.wfile.write(response.body)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return Handler


class LoopbackServer:
    """Threaded HTTP server on 127.0.0.1 with an ephemeral port, served from a daemon thread."""

    protocol = "HTTP/1.0"

    def __init__(self) -> None:
        self._server: _QuietServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port; only valid while started."""
        if self._server is None:
            raise RuntimeError("server is not started")
        return self._server.server_address[1]

    def _respond(self, request: HttpRequest) -> HttpResponse:
        """Answer one request; subclasses implement this."""
        raise NotImplementedError

    def start(self) -> None:
        """Bind and begin serving in the background."""
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self._respond, self.protocol))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the socket."""
        if self._server is None or self._thread is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@dataclass
class RequestRecord:
    """One request FakeSource answered."""

    method: str
    path: str
    headers: dict[str, str]
    status: int
    at: float  # when the answer was ready to go out (time.monotonic())


class FakeSource(LoopbackServer):
    """Serves one mutable document at `path` with ETag/Last-Modified revalidation."""

    def __init__(
        self, body: bytes = b"", *, content_type: str = "application/json", path: str = "/feed"
    ) -> None:
        super().__init__()
        self._path = path
        self._lock = threading.Lock()
        self._last_modified = int(time.time())
        self._failures: deque[HttpResponse] = deque()
        self.etag_enabled = True
        self.last_modified_enabled = True
        self._answering = threading.Event()  # cleared: requests wait, unanswered
        self._answering.set()
        self.requests: list[RequestRecord] = []
        self.old_paths: set[str] = set()  # answered with a 301 to the document's path
        self._body, self._content_type = body, content_type

    @property
    def url(self) -> str:
        """Address of the document."""
        return f"http://127.0.0.1:{self.port}{self._path}"

    @property
    def etag(self) -> str:
        """Current ETag: a quoted hash of the body."""
        return '"' + hashlib.sha256(self._body).hexdigest()[:16] + '"'

    @property
    def last_modified(self) -> str:
        """Current Last-Modified as an HTTP date."""
        return formatdate(self._last_modified, usegmt=True)

    def set_body(self, body: bytes, content_type: str | None = None) -> None:
        """Replace the document; Last-Modified moves forward at least one second."""
        with self._lock:
            self._body = body
            self._content_type = content_type or self._content_type
            self._last_modified = max(int(time.time()), self._last_modified + 1)

    def hold(self) -> None:
        """Keep requests waiting, unanswered, until `release` (or `stop`)."""
        self._answering.clear()

    def release(self) -> None:
        """Answer the requests held, and the next ones at once."""
        self._answering.set()

    def stop(self) -> None:
        self.release()
        super().stop()

    def fail_next(self, status: int, body: bytes = b"", count: int = 1) -> None:
        """Answer the next `count` requests with `status` and `body`."""
        with self._lock:
            self._failures.extend(HttpResponse(status, body) for _ in range(count))

    def _respond(self, request: HttpRequest) -> HttpResponse:
        self._answering.wait()
        with self._lock:
            response = self._answer(request)
            path = urlsplit(request.path).path
            self.requests.append(
                RequestRecord(
                    request.method, path, request.headers, response.status, time.monotonic()
                )
            )
        return response

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if urlsplit(request.path).path in self.old_paths:
            return HttpResponse(301, headers={"Location": self._path})
        if urlsplit(request.path).path != self._path:
            return HttpResponse(404, b"not found")
        if self._failures:
            return self._failures.popleft()
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(405, headers={"Allow": "GET, HEAD"})
        headers = {"Content-Type": self._content_type}
        if self.etag_enabled:
            headers["ETag"] = self.etag
        if self.last_modified_enabled:
            headers["Last-Modified"] = self.last_modified
        if self._not_modified(request.headers):
            return HttpResponse(304, headers=headers)
        return HttpResponse(200, self._body, headers)

    def _not_modified(self, headers: dict[str, str]) -> bool:
        if "if-none-match" in headers:
            tags = {tag.strip() for tag in headers["if-none-match"].split(",")}
            return self.etag_enabled and (self.etag in tags or "*" in tags)
        since = headers.get("if-modified-since")
        if not self.last_modified_enabled or since is None:
            return False
        try:
            return parsedate_to_datetime(since).timestamp() >= self._last_modified
        except (TypeError, ValueError):
            return False
