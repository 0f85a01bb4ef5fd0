"""Shared fixtures: the strictly built book, and a local web server for it.

The book is built once per test session, with the same command as scripts/build.sh.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from booktools import HTML, ROOT, ensure_vendored_assets, log_tail, run_build


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book strictly once (incrementally, as scripts/build.sh does).

    Returns the path of the built site, _build/html.
    """
    ensure_vendored_assets()
    proc = run_build(ROOT)
    if proc.returncode != 0:
        pytest.fail(f"strict book build failed (exit {proc.returncode}):\n{log_tail(proc)}",
                    pytrace=False)
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_book: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (ephemeral port) for the session."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
