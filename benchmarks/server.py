"""A loopback feed server for benchmarks: keep-alive, ETag and Last-Modified, optional latency."""

from __future__ import annotations

import hashlib
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Server(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: a client opening 16 connections at once had
    # the rest of its SYNs dropped and retried a second later (200 feeds took 1 s instead of
    # 0.16 s). A real server's backlog is in the hundreds.
    request_queue_size = 1024


class FeedFiles:
    def __init__(self, folder: Path, latency: float = 0.0) -> None:
        self.files = {f"/{p.name}": p.read_bytes() for p in folder.glob("*.xml")}
        self.etags = {
            k: '"' + hashlib.sha1(v).hexdigest()[:16] + '"' for k, v in self.files.items()
        }
        self.modified = formatdate(time.time() - 3600, usegmt=True)
        files = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if latency:
                    time.sleep(latency)
                body = files.files.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = files.etags[self.path]
                fresh = (
                    self.headers.get("If-None-Match") == etag
                    or self.headers.get("If-Modified-Since") == files.modified
                )
                self.send_response(304 if fresh else 200)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", files.modified)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", "0" if fresh else str(len(body)))
                self.end_headers()
                if not fresh:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up (a timeout of its own): its problem to report

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.handle_error = lambda request, address: None  # a dropped client is no news
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def urls(self) -> list[str]:
        port = self.httpd.server_address[1]
        return [f"http://127.0.0.1:{port}{path}" for path in sorted(self.files)]

    def stop(self) -> None:
        self.httpd.shutdown()
