"""A fake source in a process of its own, behind a proxy that counts the bytes on the wire.

FakeSource (tests/fakes/http.py) serves one document with ETag and Last-Modified; the
proxy forwards each TCP connection to it and counts what goes each way, headers included.
Being in another process, neither uses the CPU of the poller being measured.
"""

import multiprocessing
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection

from tests.fakes.http import FakeSource


@dataclass(frozen=True)
class Traffic:
    sent: int  # bytes from the client (requests)
    received: int  # bytes to the client (responses)
    statuses: list[int]  # of every request answered so far, in order
    answered_at: list[float]  # when each was answered (time.monotonic(), the machine's clock)


class CountingProxy:
    """Forwards connections on 127.0.0.1 to a port, counting bytes in each direction."""

    def __init__(self, target_port: int) -> None:
        self._target = target_port
        self._lock = threading.Lock()
        self.sent = self.received = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _address = self._listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self._target))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, upward: bool) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    if upward:
                        self.sent += len(data)
                    else:
                        self.received += len(data)
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:  # the other side closed first
            pass


def _serve(control: Connection, body: bytes, path: str) -> None:
    with FakeSource(body, path=path) as source:
        proxy = CountingProxy(source.port)
        control.send(f"http://127.0.0.1:{proxy.port}{path}")
        while (command := control.recv()) != "stop":
            if isinstance(command, bytes):
                source.set_body(command)
            statuses = [request.status for request in source.requests]
            times = [request.at for request in source.requests]
            control.send(Traffic(proxy.sent, proxy.received, statuses, times))


@dataclass(frozen=True)
class RemoteSource:
    url: str  # the proxy's address of the document
    control: Connection

    def traffic(self) -> Traffic:
        """Bytes each way and statuses answered, since the server started."""
        self.control.send("traffic")
        answer: Traffic = self.control.recv()
        return answer

    def set_body(self, body: bytes) -> None:
        """Serve a new document (new ETag, Last-Modified a second later at least)."""
        self.control.send(body)
        self.control.recv()


@contextmanager
def remote_source(body: bytes, path: str) -> Iterator[RemoteSource]:
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(theirs, body, path), daemon=True
    )
    process.start()
    try:
        yield RemoteSource(ours.recv(), ours)
    finally:
        ours.send("stop")
        process.join(timeout=10)
