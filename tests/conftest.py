"""Shared fixtures: the corpus, the site built once per session, and a browser reading it from a sub-path.

Every site is built with `mkdocs build --strict` in a subprocess, exactly as `make site` does, into a
temporary directory. The builds the selected tests need (this session's site, and the ones modules
declare with `background_build`: the hostile data, the build elsewhere, the nasty-but-valid data) are
all started before the first test and run beside the in-process tests, which run first; a fixture only
waits for its own build. Browser tests serve a built directory on 127.0.0.1 under SUB_PATH with one
Chromium for the whole session.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import gangcheng_rules

ROOT = Path(__file__).resolve().parents[1]
SUB_PATH = "/gangcheng/"
# Debian's chromium-headless-shell: the same Chromium build (same Blink, same V8) without the desktop
# browser around it; it is what Playwright itself runs headless tests in. A page load in an open tab costs it
# 0.42-0.50 CPU-s against 0.55-0.77 for /usr/bin/chromium in headless mode (home page and chapter 9).
# GC_CHROMIUM=/usr/bin/chromium runs them in the full browser instead (bench.py and Lighthouse use that one).
CHROMIUM = os.environ.get("GC_CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Everything the site is built from; a copy of these is a project the hook can build.
PROJECT_PARTS = ("mkdocs.yml", "overrides", "docs", "data", "schema")


class Build:
    """`mkdocs build --strict` on a project directory, as `make site` does, running in the background.

    A thread waits for the process, so a build finishes (and, once published, its result is written for
    the other xdist workers) whether or not a test of this process asks for it. Pickled, a Build becomes
    what another worker reads: the same attributes, its result read from the published file."""

    def __init__(self, project: Path, out: Path, env: dict[str, str] | None = None, base_env: dict[str, str] | None = None):
        """env: added to base_env (default: this process's environment)."""
        self.project, self.out = project, out
        self.result_file: Path | None = None
        self._result: subprocess.CompletedProcess | None = None
        self._lock = threading.Lock()
        self.proc: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
            cwd=project,
            env={**(os.environ if base_env is None else base_env), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        try:
            stdout, stderr = self.proc.communicate(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            stdout, stderr = self.proc.communicate()
            stderr += f"\n(killed: the build took more than {BUILD_TIMEOUT} s)"
        with self._lock:
            self._result = subprocess.CompletedProcess(self.proc.args, self.proc.returncode, stdout, stderr)
            self._write_result()

    def publish(self, result_file: Path) -> None:
        """Write the result to result_file when the build ends (at once if it has), for other workers."""
        with self._lock:
            self.result_file = result_file
            self._write_result()

    def _write_result(self) -> None:
        if self.result_file is not None and self._result is not None:
            r = self._result
            _write_atomically(
                self.result_file, json.dumps({"args": r.args, "returncode": r.returncode, "stdout": r.stdout, "stderr": r.stderr})
            )

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.running():
            self.proc.kill()
        if self.proc is not None:
            self._waiter.join()

    def result(self) -> subprocess.CompletedProcess:
        """Wait for the build; its exit status and output."""
        if self.proc is not None:
            self._waiter.join()
            return self._result
        if self._result is None:
            r = json.loads(_wait_for(self.result_file, f"the build {self.out}").read_text(encoding="utf-8"))
            self._result = subprocess.CompletedProcess(r["args"], r["returncode"], r["stdout"], r["stderr"])
        return self._result

    def __getstate__(self):
        assert self.result_file is not None, "a Build is pickled only once published"
        state = {k: v for k, v in self.__dict__.items() if k not in ("proc", "_lock", "_waiter")}
        return {**state, "proc": None, "_result": None}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()


BUILD_TIMEOUT = 600


def _write_atomically(path: Path, text: str) -> None:
    aside = path.with_name(path.name + f".{os.getpid()}.part")
    aside.write_text(text, encoding="utf-8")
    aside.replace(path)


def _wait_for(path: Path, what: str) -> Path:
    """Wait (up to the build timeout and a bit) for a file another worker writes."""
    deadline = time.monotonic() + BUILD_TIMEOUT + 120
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"another worker never wrote {path} ({what})")
        time.sleep(0.05)
    return path


# GCRULES_NO_DOCUMENTS=1 (honoured by the plugin): no PDF/Word/text typesetting, for builds whose test is not
# about the documents (they are typeset from the legal text alone; see tests/test_documents.py).
NO_DOCUMENTS = {"GCRULES_NO_DOCUMENTS": "1"}


def mkdocs_build(project: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project directory, as `make site` does, and wait for it."""
    return Build(project, out, env).result()


# fixture name → function(tmp_path_factory) → a Build (or name → Build), started before the first test if any
# selected test uses the fixture
_BACKGROUND: dict[str, object] = {}
# the builds this process started (it waits for them before it ends: another worker may need them)
_OWNED: list[Build] = []
_STARTED: dict[str, Build | dict[str, Build]] = {}


def background_build(fixture_name: str):
    """Declare that the fixture `fixture_name` waits for the Build the decorated function starts."""

    def register(start):
        _BACKGROUND[fixture_name] = start
        return start

    return register


def shared_dir(tmp_path_factory) -> Path:
    """A directory every process of this session sees: the base temporary directory (under xdist, the
    workers' common parent, which pytest numbers afresh for each session)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class _SharedTemp:
    """tmp_path_factory.mktemp in the shared directory: a build one worker starts is read by all."""

    def __init__(self, root: Path):
        self.root = root

    def mktemp(self, basename: str, numbered: bool = True) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{basename}-", dir=self.root))


def started(fixture_name: str, tmp_path_factory) -> Build | dict[str, Build]:
    """The Build(s) for a fixture, started once per session whichever xdist worker asks first: by this
    process (the first to claim it), else read from the worker that did."""
    if fixture_name not in _STARTED:
        shared = shared_dir(tmp_path_factory) / "builds"
        shared.mkdir(exist_ok=True)
        handle = shared / f"{fixture_name}.pickle"
        try:
            os.close(os.open(shared / f"{fixture_name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            _STARTED[fixture_name] = pickle.loads(_wait_for(handle, fixture_name).read_bytes())
        else:
            value = _BACKGROUND[fixture_name](_SharedTemp(Path(tempfile.mkdtemp(prefix=fixture_name, dir=shared))))
            builds = value.values() if isinstance(value, dict) else [value]
            for n, build in enumerate(builds):
                build.publish(shared / f"{fixture_name}.{n}.json")
                _OWNED.append(build)
            handle_bytes = pickle.dumps(value)
            aside = handle.with_name(handle.name + ".part")
            aside.write_bytes(handle_bytes)
            aside.replace(handle)
            _STARTED[fixture_name] = value
    return _STARTED[fixture_name]


def _builds_needed(item) -> set[str]:
    return set(item.fixturenames) & set(_BACKGROUND)


def pytest_collection_modifyitems(session, config, items):
    # Tests that need no site first (they run while the sites build), then those that read a built site,
    # the browser last; in each group the slow ones first, so that no xdist worker is left alone with one
    # at the end (each group keeps its order otherwise; the sort is stable, the same in every worker).
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is not None,
            bool(_builds_needed(item)),
            item.get_closest_marker("slow") is None,
        )
    )


@pytest.fixture(scope="session", autouse=True)
def _start_builds(request, tmp_path_factory):
    """Start at once every build a selected test needs: they run beside the tests that need none."""
    needed = set().union(*(_builds_needed(item) for item in request.session.items))
    for name in sorted(needed, key=lambda n: n != "site_dir"):  # this session's site first
        started(name, tmp_path_factory)
    yield
    # Another worker may still wait for a build this one started: let it finish, unless the run is stopping.
    stopping = request.session.shouldstop or request.session.shouldfail
    for build in _OWNED:
        if stopping:
            build.kill()
        else:
            build.result()


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project's inputs, to build with broken or hostile data."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def corpus():
    return gangcheng_rules.load(ROOT)


@pytest.fixture(scope="session")
def index(corpus):
    """The CLI's search index of the real data (articles only), built once for the session: tests that
    change an index change a copy."""
    from gangcheng_rules.searchsite import corpus_index

    return corpus_index(corpus)


@pytest.fixture(scope="session")
def engine(index):
    """The worker's ranking over that index, in this process's V8 context."""
    from gangcheng_rules.search import Engine

    return Engine(index)


def articles(hits) -> list[int]:
    """The article numbers of search hits, in rank order (pages left out)."""
    return [h.article for h in hits if h.article is not None]


@background_build("site_dir")
def _site_build(tmp_path_factory) -> Build:
    return Build(ROOT, tmp_path_factory.mktemp("build") / "site")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    build = started("site_dir", tmp_path_factory)
    result = build.result()
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return build.out


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static server as a portal runs one: a missing path gets the nearest 404.html above it, status 404
    (SimpleHTTPRequestHandler itself sends a bare error page)."""

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.command in ("GET", "HEAD"):
            parts = [p for p in urlsplit(self.path).path.split("/") if p not in ("", ".", "..")]
            for n in range(len(parts), -1, -1):
                page = Path(self.directory, *parts[:n], "404.html")
                if page.is_file():
                    body = page.read_bytes()
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if self.command == "GET":
                        self.wfile.write(body)
                    return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(site_dir: Path, www: Path):
    """Serve site_dir on 127.0.0.1 under SUB_PATH (www: an empty directory to serve from); yields the base URL."""
    (www / SUB_PATH.strip("/")).symlink_to(site_dir, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(site_dir, tmp_path_factory):
    """Base URL of the built site served on 127.0.0.1 under a sub-path, as a portal would."""
    with serve(site_dir, tmp_path_factory.mktemp("www")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    pw.stop()


DESKTOP = {"width": 1280, "height": 900}


class Tab:
    """A browser tab that tests take turns at, each arriving as at a tab just opened.

    Opening a tab starts a renderer process: on this machine a page load in a new tab costs 2.2–2.6
    CPU-seconds over all of Chromium's processes, against 0.65–1.0 in a tab already open with its site data
    and HTTP cache cleared (home page and chapter 9, 10 loads each). So a worker keeps one tab and puts it
    back between tests: on about:blank, the site's storage (local, session, IndexedDB, caches), cookies,
    HTTP cache and granted permissions cleared, routes removed, the desktop window, screen media, the mouse
    in the corner. What cannot be taken back (an init script, a context option such as JavaScript off)
    gets a Tab of its own, made with it."""

    def __init__(self, browser, origin: str, init_scripts=(), **options):
        self.browser, self.origin, self.init_scripts = browser, origin, init_scripts
        self.options = {"viewport": DESKTOP, "locale": "zh-CN", **options}
        self._open()

    def _open(self) -> None:
        self.context = self.browser.new_context(**self.options)
        for script in self.init_scripts:
            self.context.add_init_script(script)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)

    def reset(self):
        """The tab as a first visit finds it; a tab a test closed or broke is replaced by a new one."""
        from playwright.sync_api import Error

        page = self.page
        try:
            page.unroute_all(behavior="ignoreErrors")
            self.context.unroute_all(behavior="ignoreErrors")
            page.goto("about:blank")
            self.cdp.send("Network.clearBrowserCache")
            # cookies, local and session storage, IndexedDB, cache storage, service workers
            self.cdp.send("Storage.clearDataForOrigin", {"origin": self.origin, "storageTypes": "all"})
            self.context.clear_permissions()
            page.set_viewport_size(self.options["viewport"])
            page.emulate_media(media="null")
            page.mouse.move(0, 0)
        except Error:
            self.close()
            self._open()
        return self.page

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Reader:
    """A person at the browser: one page, every URL the browser requested on their behalf, and the errors
    the page raised (a dialog counts as one and is dismissed)."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = ""):
        self.page.goto(self.base + path)
        return self.page

    def foreign_requests(self) -> list[str]:
        """Requests that went to any host but 127.0.0.1 (data: and blob: URLs never leave the page)."""
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]


@contextlib.contextmanager
def reading(tab: Tab, base: str, routes=()):
    """A Reader at tab, put back as new, with routes ((pattern, handler) pairs) on its context; its listeners
    are taken off again when the test is done."""
    page = tab.reset()
    for pattern, handler in routes:
        tab.context.route(pattern, handler)
    r = Reader(page, base)
    listeners = {
        "request": lambda request: r.requests.append(request.url),
        "pageerror": lambda e: r.errors.append(str(e)),
        "dialog": lambda d: (r.errors.append(f"dialog: {d.message}"), d.dismiss()),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        yield r
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


@pytest.fixture(scope="session")
def tab(browser, site_url):
    """This worker's desktop tab (see Tab), which the reader fixture hands to one test at a time."""
    with Tab(browser, origin_of(site_url)) as t:
        yield t


@pytest.fixture
def reader(tab, site_url):
    with reading(tab, site_url) as r:
        yield r


@pytest.fixture(scope="session")
def tab_without_js(browser, site_url):
    with Tab(browser, origin_of(site_url), java_script_enabled=False) as t:
        yield t


@pytest.fixture
def reader_without_js(tab_without_js, site_url):
    """A reader whose browser runs no JavaScript (switched off, or blocked by the portal)."""
    with reading(tab_without_js, site_url) as r:
        yield r


@contextlib.contextmanager
def watched_page(browser, url: str, routes=()):
    """A desktop page opened at url in a tab of its own, and the errors it raised (a dialog counts as one and
    is dismissed); routes: (pattern, handler) pairs set before the page opens."""
    with Tab(browser, origin_of(url)) as tab, reading(tab, url, routes) as r:
        r.open()
        yield r.page, r.errors


@pytest.fixture(scope="session")
def search_page(browser, site_url):
    """One page of the site, the errors it raised and the site's URL, shared by a worker's search cases (as one
    person keeps the page open and searches again: opening a page and starting its worker costs more than a search)."""
    with watched_page(browser, site_url) as (page, errors):
        yield page, errors, site_url


def nav_pages(site: Path) -> list[str]:
    """Every page the built site's navigation links, in nav order, as paths relative to the site ("" = home).

    Read from the home page's nav as a reader finds it, so a page added to the nav is tested without
    editing a list here."""
    home = (site / "index.html").read_text(encoding="utf-8")
    found = [
        (m.start(), m.group(1))
        for pattern in (
            r'<a\s[^>]*?href="([^"#]*)"[^>]*\bclass="md-nav__link\b',
            r'<a\s[^>]*?class="md-nav__link\b[^"]*"[^>]*?href="([^"#]*)"',
        )
        for m in re.finditer(pattern, home)
    ]
    links = [link for _, link in sorted(found)]
    return ["" if link in (".", "./") else link for link in dict.fromkeys(links)]


def template_of(path: str) -> str:
    """Pages made from one template share a first path segment (chapters/chp_1/ … chp_12/)."""
    return path.split("/", 1)[0]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _FragmentTexts(HTMLParser):
    """Text of every .gc-text element, keyed by the eId of the paragraph or item that holds it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.capture: list[str] | None = None
        self.depth = 0
        self.out: dict[str, str] = {}
        self.owner: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        self.stack.append((tag, a.get("id")))
        if self.capture is not None:
            self.depth += 1
        elif "gc-text" in (a.get("class") or "").split():
            self.capture, self.depth = [], 1
            self.owner = next(i for _, i in reversed(self.stack[:-1]) if i and i.startswith("art_"))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.stack.pop()
        if self.capture is not None:
            self.depth -= 1
            if self.depth == 0:
                self.out[self.owner] = "".join(self.capture)
                self.capture = None

    def handle_data(self, data):
        if self.capture is not None:
            self.capture.append(data)


def fragment_texts(html: str) -> dict[str, str]:
    """eId of each paragraph and item → the text a reader sees (labels and permalinks excluded)."""
    p = _FragmentTexts()
    p.feed(html)
    p.close()
    return p.out
