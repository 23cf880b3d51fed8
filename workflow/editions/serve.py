"""``workflow serve``: build, serve build/html on localhost, rebuild when an input changes.

The recipe: build once; serve ``build/html`` from a thread; watch the sources, the catalogs,
the templates and workflow.toml (watchfiles); on a change, build again (incrementally: only
what the change touches is made) and bump a version number. Pages are served with a small
script added (never written to build/): it asks for that number and reloads the page when
it changes. A build error is reported and the last good site stays up until the next change.
Ctrl-C stops watching and serving, and returns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from ..config import CONFIG_NAME, Config, load_config
from ..errors import ServeError, WorkflowError
from ..fsutil import project_lock
from .build import BuildResult, build

Report = Callable[[str], None]
PREFIX = "/__workflow/"
RELOAD_JS = b"""(function () {
  "use strict";
  var seen = null;
  function tick() {
    fetch("/__workflow/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen === null) { seen = v; } else if (v !== seen) { window.location.reload(); return; }
      window.setTimeout(tick, 500);
    }).catch(function () { window.setTimeout(tick, 2000); });
  }
  tick();
}());
"""
_TAG = b'<script src="/__workflow/reload.js"></script>'
TEMPORARY = (r"^\..+\.tmp$",)  # our atomic writes' temporary files (fsutil), Poedit's and others'


@dataclass
class Preview:
    """What the server shows: the build's version, bumped by each rebuild that changed a file."""

    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bump(self) -> None:
        with self.lock:
            self.version += 1


class Handler(SimpleHTTPRequestHandler):
    """Static files from build/html; HTML pages get the reload script; quiet logs."""

    preview: Preview

    def __init__(self, *args: object, preview: Preview, directory: str, **kwargs: object) -> None:
        self.preview = preview
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == PREFIX + "version":
            self._send(str(self.preview.version).encode(), "text/plain; charset=utf-8")
        elif path == PREFIX + "reload.js":
            self._send(RELOAD_JS, "text/javascript; charset=utf-8")
        elif path.endswith((".html", "/")):
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            try:
                page = file.read_bytes()
            except OSError:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            at = page.rfind(b"</body>")
            page = page[:at] + _TAG + page[at:] if at >= 0 else page + _TAG
            self._send(page, "text/html; charset=utf-8")
        else:
            super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def watched(config: Config) -> list[Path]:
    """The folders whose changes mean a rebuild (workflow.toml is checked on its own)."""
    return [p for p in (config.seeds_dir, config.locales_dir, config.templates_dir) if p.is_dir()]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _rebuild(root: Path, draft: bool, report: Report) -> tuple[Config | None, BuildResult | None]:
    try:
        config = load_config(root)
        with project_lock(config.root):
            return config, build(config, draft=draft, report=report)
    except WorkflowError as exc:
        report(f"build failed: {exc}; the last good pages stay up")
        return None, None


def _changed(result: BuildResult | None) -> bool:
    return result is not None and bool(result.written or result.removed)


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    draft: bool = False,
    report: Report,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and rebuild until Ctrl-C (or ``stop`` is set)."""
    config = load_config(root)
    with project_lock(config.root):
        build(config, draft=draft, report=report)
    site = config.build_dir / "html"
    preview = Preview()
    try:
        server = ThreadingHTTPServer((host, port), partial(Handler, preview=preview, directory=str(site)))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port") from exc
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="workflow-serve", daemon=True)
    thread.start()
    shown = f"[{host}]" if ":" in host else host
    report(f"serving http://{shown}:{server.server_address[1]}/ from {config.relative(site)}"
           f"{' (draft: unreviewed suggestions shown)' if draft else ''}; Ctrl-C stops")  # fmt: skip
    stop = stop or threading.Event()
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # it would log Ctrl-C as a warning
    try:
        _loop(config, preview, stop, draft, report)
    except KeyboardInterrupt:  # during a rebuild: its finished files are kept, the next run goes on
        pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    report("stopped")


def _loop(config: Config, preview: Preview, stop: threading.Event, draft: bool, report: Report) -> None:
    """Rebuild on each batch of changes until Ctrl-C or ``stop``."""
    toml = config.root / CONFIG_NAME
    last_toml = _stamp(toml)
    for changes in _watch(watched(config), stop):
        now = _stamp(toml)
        if not changes and now == last_toml:
            continue
        last_toml = now
        names = sorted({config.relative(Path(p)) for _, p in changes}) or [CONFIG_NAME]
        report(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
        new_config, result = _rebuild(config.root, draft, report)
        if new_config is not None and result is not None:
            report(f"{len(result.written)} file(s) written, {len(result.removed)} removed")
            if new_config.build_dir != config.build_dir:
                report("paths.build changed: restart `workflow serve` to serve the new folder")
        if _changed(result):
            preview.bump()


def _watch(paths: Iterable[Path], stop: threading.Event) -> Iterable[set[tuple[Change, str]]]:
    """Batches of changes; an empty batch every second so workflow.toml is looked at too."""
    yield from watch(
        *paths,
        watch_filter=DefaultFilter(ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, *TEMPORARY)),
        stop_event=stop,
        yield_on_timeout=True,
        rust_timeout=1000,
        debounce=300,
        raise_interrupt=False,
    )
