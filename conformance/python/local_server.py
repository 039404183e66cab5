"""A local HTTP server for tests that call it with real HTTP libraries."""

import http.server
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """A response the server sends: status, headers and body."""

    status: int
    headers: Mapping[str, str]
    body: bytes = b""


@dataclass(frozen=True)
class Received:
    """A request the server received: its method, headers and whole body."""

    method: str
    headers: Mapping[str, str]
    body: bytes


class LocalServer:
    """Serves on a free loopback port, answering request n with ``answers[n - 1]``.

    Once the answers run out, the last one is sent again. Every request (GET, PUT, POST) is
    recorded in :attr:`received`, its body read whole, sized or chunked.
    """

    def __init__(self, answers: Sequence[Answer], path: str = "/v1/thing") -> None:
        """Start serving; :attr:`url` is ``path`` on this server."""
        if not answers:
            message = "a local server needs at least one answer"
            raise ValueError(message)
        self.received: list[Received] = []
        server = self
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                body = self.read_body()
                with lock:
                    server.received.append(Received(self.command, dict(self.headers.items()), body))
                    answer = answers[min(len(server.received), len(answers)) - 1]
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            do_GET = do_PUT = do_POST = answer  # noqa: N815 - the names http.server calls

            def read_body(self) -> bytes:
                """Read the request's body, sized or chunked, so the connection ends cleanly."""
                if "chunked" in self.headers.get("Transfer-Encoding", ""):
                    chunks = []
                    while size := int(self.rfile.readline().split(b";")[0], 16):
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    self.rfile.readline()
                    return b"".join(chunks)
                return self.rfile.read(int(self.headers.get("Content-Length", "0")))

            def log_message(self, *_: object) -> None:
                pass

        self._http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}{path}"
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self._http.shutdown()
        self._http.server_close()
