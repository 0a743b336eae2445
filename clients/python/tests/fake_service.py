"""A scripted HTTP server on 127.0.0.1 standing in for the verifier: each request takes the next scripted answer for its
route and is recorded (method, path, headers, JSON body), so tests can check what the client sent on each attempt."""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Union


@dataclass
class Answer:
    status: int = 200
    body: Any = None  # a JSON value, or bytes as they are
    headers: Dict[str, str] = field(default_factory=dict)
    # For NDJSON: lines written one by one. `cut` ends the connection after that many bytes of the body.
    lines: Optional[List[Any]] = None
    cut: Optional[int] = None


@dataclass
class Recorded:
    method: str
    path: str
    headers: Dict[str, str]
    body: Any


Script = Union[Answer, Callable[[Recorded], Answer]]


class FakeService:
    def __init__(self) -> None:
        self.requests: List[Recorded] = []
        self._scripts: Dict[str, List[Script]] = {}
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                service._answer(self)

            def do_POST(self) -> None:
                service._answer(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def script(self, path: str, *answers: Script) -> None:
        with self._lock:
            self._scripts.setdefault(path, []).extend(answers)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        recorded = Recorded(handler.command, handler.path, {k.lower(): v for k, v in handler.headers.items()},
                            json.loads(raw) if raw else None)
        with self._lock:
            self.requests.append(recorded)
            queue = self._scripts.get(handler.path) or []
            script = queue.pop(0) if queue else Answer(500, {"title": f"nothing scripted for {handler.path}"})
        answer = script(recorded) if callable(script) else script
        if answer.lines is not None:
            payload = b"".join(json.dumps(line).encode() + b"\n" for line in answer.lines)
            content_type = "application/x-ndjson"
        elif isinstance(answer.body, bytes):
            payload, content_type = answer.body, "text/html"
        else:
            payload = json.dumps(answer.body).encode()
            content_type = "application/problem+json" if answer.status >= 400 else "application/json"
        handler.send_response(answer.status)
        handler.send_header("Content-Type", content_type)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        if answer.cut is None or answer.lines is None:
            # A cut JSON body still announces its full length, as a real response cut mid-way would.
            handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload if answer.cut is None else payload[:answer.cut])
        handler.wfile.flush()


def unused_port_url() -> str:
    """A loopback URL where nothing listens: connections are refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def verify_results(request: Recorded, reward: Optional[float] = 1.0, verdict: str = "correct") -> Answer:
    """One result per item of the request, all alike."""
    return Answer(body={"results": [
        {"index": i, "id": item.get("id"), "reward": reward, "accuracy": reward, "format": None, "verdict": verdict}
        for i, item in enumerate(request.body["items"])
    ]})
