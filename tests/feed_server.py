"""A real HTTP server on 127.0.0.1 for the fetch tests: each path answers as a Route says."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """How one path answers. `body` may be a callable for answers that change between requests."""

    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    stall: float = 0.0  # seconds to wait before answering
    trickle: float = 0.0  # seconds between body bytes
    endless: bool = False


class _Server(ThreadingHTTPServer):
    # socketserver's backlog of 5 dropped the connections of a refresh opening more at once:
    # they were retried a second later, which no real server makes a client do.
    request_queue_size = 1024


class FeedServer:
    """Serves Routes; records each request's path and headers for assertions."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.most_at_once = 0  # the most requests being answered at the same moment
        self._at_once = 0
        self._counting = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append((self.path, dict(self.headers)))
                with server.answering():
                    route = server.routes.get(self.path)
                    if route is None:
                        server._plain(self, 404, b"not found", {})
                        return
                    server.answer(self, route)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @contextmanager
    def answering(self) -> Iterator[None]:
        with self._counting:
            self._at_once += 1
            self.most_at_once = max(self.most_at_once, self._at_once)
        try:
            yield
        finally:
            with self._counting:
                self._at_once -= 1

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, handler: BaseHTTPRequestHandler, route: Route) -> None:
        if route.stall:
            time.sleep(route.stall)
        body = route.body() if callable(route.body) else route.body
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
            if handler.headers.get("If-None-Match") == route.etag:
                return self._plain(handler, 304, b"", headers)
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
            if handler.headers.get("If-Modified-Since") == route.last_modified and not route.etag:
                return self._plain(handler, 304, b"", headers)
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if route.endless or route.trickle:
            return self._stream(handler, route, body, headers)
        return self._plain(handler, route.status, body, headers)

    @staticmethod
    def _plain(handler, status: int, body: bytes, headers: dict[str, str]) -> None:
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            if body:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, deadline): that is what the test wanted

    @staticmethod
    def _stream(handler, route: Route, body: bytes, headers: dict[str, str]) -> None:
        handler.send_response(route.status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            if route.endless:
                chunk = b"<rss><channel>" + b"x" * 65536
                while True:
                    handler.wfile.write(chunk)
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(route.trickle)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
