"""Edit-loop latency of `mkdocs serve`, and bytes transferred for a first and a repeat visit."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Request, sync_playwright

from stretchsite.pages.csp import headers_for, parse_headers_file
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def edit_loop_seconds(root: Path, work: Path, tries: int = 3) -> float:
    """Seconds from saving a content file to `mkdocs serve` serving the changed page."""
    shutil.copytree(
        root,
        work,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "site", ".git", "__pycache__", "tests"
        ),
    )
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=work,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/stretches/knee-to-chest/"
    stretch = work / "content" / "stretches" / "knee-to-chest.yml"
    original = stretch.read_text(encoding="utf-8")
    timings = []
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                _fetch(page)
                break
            if time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        for attempt in range(tries):
            token = f"Edited {attempt} {time.time_ns()}"
            saved = time.monotonic()
            stretch.write_text(
                original.replace("summary: Pull one knee", f"summary: {token}. Pull one knee"),
                "utf-8",
            )
            while token not in _fetch(page):
                if time.monotonic() - saved > 30:
                    raise RuntimeError("the edit never reached the served page")
                time.sleep(0.02)
            timings.append(time.monotonic() - saved)
            time.sleep(1.5)  # let the watcher settle before the next save
    finally:
        server.terminate()
        server.wait(timeout=10)
    return statistics.median(timings)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host: a new connection per file is slow
    rules: dict[str, dict[str, str]] = {}  # noqa: RUF012

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in _COMPRESSIBLE
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers_for(self.path.split("?")[0], self.rules).items():
            self.send_header(name, value)
        self.end_headers()
        return __import__("io").BytesIO(body)


@contextlib.contextmanager
def serve_site(site: Path) -> Iterator[str]:
    """The built site on loopback, gzip-compressed, with the headers of its `_headers` file."""
    headers = site / "_headers"
    rules = parse_headers_file(headers.read_text(encoding="utf-8")) if headers.is_file() else {}
    handler = functools.partial(type("H", (_GzipHandler,), {"rules": rules}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def transfer_sizes(root: Path, work: Path) -> dict[str, int]:
    """Bytes on the wire for a first and a repeat visit to a stretch page (gzip, real site)."""
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(work)],
        cwd=root,
        env=ENV,
        check=True,
    )
    result: dict[str, int] = {}
    with serve_site(work) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        finished: list[Request] = []
        context.on("requestfinished", lambda request: finished.append(request))
        page = context.new_page()
        for visit in ("first", "repeat"):
            finished.clear()
            page.goto(f"{origin}/stretches/knee-to-chest/")
            page.wait_for_load_state("networkidle")
            sizes = [(r.url, r.sizes()) for r in finished]
            result[visit] = sum(
                s["responseBodySize"] + s["responseHeadersSize"]
                for _, s in sizes
                if s["responseBodySize"] > 0
            )
            result[f"{visit}_requests"] = sum(1 for _, s in sizes if s["responseBodySize"] > 0)
            result["third_party"] = sum(1 for url, _ in sizes if not url.startswith(origin))
        browser.close()
    return result
