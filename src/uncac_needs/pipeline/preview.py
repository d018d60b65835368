"""`uncac-needs preview`: the report served on the loopback address, rendered again whenever the session file
or one of its narrative files is saved; the open page reloads by itself.

The pages are rendered in the process (pipeline/preview_pages.py), never written to disk. A small script,
added to the served pages only, asks `/__version?after=N` (N: the version it shows), which answers as soon
as the report is rendered again (or after WAIT_SECONDS, when the page asks again), and reloads the page. The files are watched with watchfiles (inotify, or polling where the system
has no notification). An error in an edited file shows on the page and in the terminal; the preview goes on.
"""
from __future__ import annotations

import errno
import html
import json
import os
import tempfile
import threading
import time
import traceback
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rich.console import Console

from uncac_needs.pipeline import folder
from uncac_needs.pipeline.preview_pages import Pages, Renderer, stamps
from uncac_needs.plumbing.errors import UserError

HOST = "127.0.0.1"
#: how long the page's question "rendered again since version N?" waits for a rendering before it is answered
WAIT_SECONDS = 10
RELOAD_SCRIPT = """<script>/* uncac-needs preview only: reload when the report is rendered again */
(function () {{
  var shown = "{version}";
  function ask() {{
    fetch("/__version?after=" + shown, {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (now) {{
      if (now !== shown) {{ location.reload(); }} else {{ ask(); }}
    }}).catch(function () {{ setTimeout(ask, 1000); }});
  }}
  ask();
}})();
</script>
"""
ERROR_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>uncac-needs preview: the report could not be rendered</title></head>
<body>
<h1>The report could not be rendered</h1>
<p>{message}</p>
<p>Correct the file and save it: this page reloads by itself.</p>
</body>
</html>
"""
NOT_SERVED = ("The preview serves the report pages only (index.html, the report in each language, "
              "statistics.json and statistics.xlsx); `uncac-needs run` writes the whole report folder.\n")


def with_reload(page: str, version: int) -> str:
    """The page as served: the reload script just before </body> (the rendered page has none)."""
    script = RELOAD_SCRIPT.format(version=version)
    at = page.rfind("</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]


class Preview:
    """The rendered pages and their version (both replaced at once), rendered again on a save."""

    def __init__(self, renderer: Renderer, console: Console):
        self.renderer, self.console = renderer, console
        self.current: tuple[int, Pages] = (0, Pages())
        self._rendering = threading.Lock()
        self._rendered = threading.Condition()
        self.ready = threading.Event()          # the files are watched

    def first(self) -> Pages:
        """The first rendering: an error in it is the command's (exit 2, or a traceback for a fault)."""
        pages = self.renderer.render()
        if pages.error:
            raise UserError(pages.error)
        self.current = (1, pages)
        return pages

    def render(self, why: str) -> Pages:
        """Render again after a save (`why`); an error is shown on the page and in the terminal."""
        with self._rendering:
            started = time.monotonic()
            try:
                pages = self.renderer.render()
            except Exception as exc:            # a fault of the code, not of the files: said, and served
                self.console.print(traceback.format_exc(), markup=False, highlight=False, soft_wrap=True)
                watched = self.current[1].watched
                pages = Pages(error=f"{type(exc).__name__}: {exc} (the terminal shows where)", watched=watched,
                              stamps=stamps(watched))     # rendered again at the next save, not before
            with self._rendered:
                self.current = (self.current[0] + 1, pages)
                self._rendered.notify_all()
        if pages.error:
            self.console.print(f"uncac-needs: {pages.error}", markup=False, highlight=False, soft_wrap=True)
            self.console.print("  (shown on the page; the preview goes on: correct the file and save it)",
                               markup=False, highlight=False, soft_wrap=True)
        else:
            self.console.print(f"Rendered again after {why} in {time.monotonic() - started:.2f} s.",
                               markup=False, highlight=False, soft_wrap=True)
        return pages

    def version_after(self, seen: str) -> int:
        """The version once it is not `seen` (the page's), or after WAIT_SECONDS: the page asks again."""
        with self._rendered:
            self._rendered.wait_for(lambda: str(self.current[0]) != seen, timeout=WAIT_SECONDS)
            return self.current[0]

    def watch(self, stop: threading.Event) -> None:
        """Render again whenever a watched file is saved, until `stop` is set. The folders are watched (an
        editor may save by writing a new file and renaming it); the files watched follow the session's. Each
        time the watch (re)starts, and every half second, the files are also compared with the last rendering's
        (a save while the watch was being set up is not lost); `ready` is set once the folders are watched."""
        import watchfiles

        while not stop.is_set():
            watched = {os.path.realpath(p) for p in self.current[1].watched}
            folders = sorted({os.path.dirname(p) for p in watched if os.path.isdir(os.path.dirname(p))})
            try:
                for changes in watchfiles.watch(*folders, watch_filter=lambda _change, path: path in watched,
                                                stop_event=stop, recursive=False, raise_interrupt=False,
                                                yield_on_timeout=True, rust_timeout=500):
                    self.ready.set()
                    saved = {path for _change, path in changes} or set(map(str, self.current[1].changed()))
                    if saved:
                        self.render(f"a change to {', '.join(sorted(os.path.basename(p) for p in saved))}")
                    if {os.path.realpath(p) for p in self.current[1].watched} != watched:
                        break                   # the session names other files: watch those
            except Exception as exc:            # a watched folder removed, say: look again shortly
                self.console.print(f"uncac-needs: watching the files: {exc}", markup=False, highlight=False,
                                   soft_wrap=True)
                stop.wait(1)


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the report folder's pages; other hosts are refused (DNS rebinding)."""

    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:          # noqa: N802 (the standard library's name)
        self._answer(body=True)

    def do_HEAD(self) -> None:         # noqa: N802
        self._answer(body=False)

    def log_message(self, format: str, *args) -> None:   # the terminal shows renderings and errors, not requests
        pass

    def _answer(self, body: bool) -> None:
        host = (self.headers.get("Host") or "").lower()
        if host not in self.server.hosts:
            return self._send(HTTPStatus.FORBIDDEN, "text/plain", "The preview answers on 127.0.0.1 only.\n", body)
        url = urllib.parse.urlsplit(self.path)
        path = url.path.lstrip("/") or "index.html"
        if path == "__version":
            seen = urllib.parse.parse_qs(url.query).get("after", [""])[0]
            version = self.server.preview.version_after(seen) if seen else self.server.preview.current[0]
            return self._send(HTTPStatus.OK, "text/plain", str(version), body)
        version, pages = self.server.preview.current
        if pages.error and (path.endswith(".html") or path in pages.html):
            page = ERROR_PAGE.format(message=html.escape(pages.error))
            return self._send(HTTPStatus.OK, "text/html", with_reload(page, version), body)
        if path in pages.html:
            return self._send(HTTPStatus.OK, "text/html", with_reload(pages.html[path], version), body)
        if path in ("statistics.json", "statistics.xlsx") and pages.statistics is not None:
            return self._data(path, pages, body)
        if path == "evidence.json" and pages.evidence is not None:
            return self._send(HTTPStatus.OK, "application/json", pages.evidence.to_json(), body)
        if path == "changes.json" and pages.changes is not None:
            return self._send(HTTPStatus.OK, "application/json", json.dumps(pages.changes, ensure_ascii=False, indent=2) + "\n", body)
        self._send(HTTPStatus.NOT_FOUND, "text/plain", NOT_SERVED, body)

    def _data(self, name: str, pages: Pages, body: bool) -> None:
        from uncac_needs import statistics

        if name == "statistics.json":
            return self._send(HTTPStatus.OK, "application/json", pages.statistics.to_json(), body)
        with tempfile.TemporaryDirectory(prefix="uncac-preview-") as tmp:
            statistics.write(pages.statistics, None, Path(tmp) / name, pages.langs)
            data = (Path(tmp) / name).read_bytes()
        self._send(HTTPStatus.OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data, body)

    def _send(self, status: HTTPStatus, kind: str, content: str | bytes, body: bool) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, preview: Preview):
        self.preview = preview
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UserError(f"Port {port} on {HOST} is in use (another preview or another program); "
                                "give another with --port N.") from None
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise UserError(f"Port {port} on {HOST} is not open to you; give a port above 1023 with --port N.") from None
            raise
        self.port = self.server_address[1]
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}


def serve(session_file: Path, langs: list[str] | None = None, port: int = 8000,
          console: Console | None = None) -> None:
    """Serve the session's report until Ctrl-C (or SIGTERM), which ends it cleanly."""
    console = console or Console(stderr=True, highlight=False)
    with folder.signals_as_interrupt():
        try:
            _serve(Path(session_file).absolute(), langs, port, console)
        except KeyboardInterrupt:
            pass
    console.print("Preview stopped.", highlight=False)


def _serve(session_file: Path, langs: list[str] | None, port: int, console: Console) -> None:
    if not session_file.is_file():
        raise UserError(f"There is no session file at {session_file}.")
    preview = Preview(Renderer(session_file, langs), console)
    server = PreviewServer(port, preview)          # the port first: one in use is said before any work
    stop = threading.Event()
    try:
        console.print(f"Rendering {session_file.name} …", highlight=False)
        pages = preview.first()
        watcher = threading.Thread(target=preview.watch, args=(stop,), name="preview-watch", daemon=True)
        watcher.start()
        preview.ready.wait(10)
        first = next(iter(p for p in pages.html if p != "index.html"), "index.html")
        console.print(f"Previewing the report at http://{HOST}:{server.port}/{first} (all languages: "
                      f"http://{HOST}:{server.port}/index.html). Saving the session or a narrative file renders "
                      "it again and the page reloads; Ctrl-C stops.", highlight=False, soft_wrap=True)
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
