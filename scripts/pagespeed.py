#!/usr/bin/env python3
"""Page speed beside stock (issue 10, part of `make bench`): Lighthouse 12 (npm, devDependencies; `npm ci`
in `make bench`) with Debian's Chromium, mobile form factor, simulated throttling, on the home page and
a chapter page of this site and of a stock mkdocs-material site of the same pages (bench.stock_project),
both served gzipped from 127.0.0.1 by the small server below (Python's http.server does not compress,
and a real deployment does: uncompressed pages would measure the server, not the site).

Usage alone: python scripts/pagespeed.py SITE STOCK_SITE [--runs N] [--page home|chapter] [--keep DIR]
(--keep: every run's whole Lighthouse report, for what the summary leaves out: the long tasks, the
main-thread breakdown, the requests and their sizes.)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
# PaintHolding off: in headless Chromium (156 here) the first frame of the measured page is otherwise
# held back, 0.8 s or 1.6 s after the page has loaded and could paint (Lighthouse
# issue #17148: headless BeginFrame throttling). Lantern, which simulates the throttled load, takes that
# observed paint as the cut-off of what the paint waited for, so a held frame made every request of the
# page, the search index included, count as blocking the first paint, and the runs spread by seconds.
# The flag changes when the frame is drawn, not what the page loads; both sites get it.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
    " --disable-features=PaintHolding"
)
PAGES = {"home": "", "chapter": "chapters/chp_9/"}
# What a new connection delivers in its first round trip: TCP's initial congestion window of 10 segments
# of 1,460 bytes (RFC 6928), as Lighthouse's simulation counts it. A page larger than this arrives one
# round trip (150 ms in the simulation) later, before the style sheets it names are even requested.
FIRST_ROUND_TRIP = 10 * 1460
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
# Lighthouse's own CPU slowdown for mobile under simulated throttling (the figures the targets are set on).
LIGHTHOUSE_CPU_SLOWDOWN = 4


def gzipped(body: bytes) -> bytes:
    """A text file as the server below sends it: gzip level 6 (a common server setting), no timestamp."""
    return gzip.compress(body, 6, mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text ones gzipped (gzipped()) when the client accepts it."""

    def log_message(self, *a):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to DIR/
            path = path / "index.html"
        if not ("gzip" in self.headers.get("Accept-Encoding", "") and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzipped(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}/"


def lighthouse(url: str, keep: Path | None = None, cpu_slowdown: float | None = None) -> dict:
    """One Lighthouse run (performance only, Lighthouse's default mobile settings and simulated throttling).
    keep: a file to copy Lighthouse's whole report to (the long tasks, the main-thread breakdown…).
    cpu_slowdown: Lighthouse's CPU multiplier instead of its default (LIGHTHOUSE_CPU_SLOWDOWN; twice that
    plays a host half as fast)."""
    with tempfile.TemporaryDirectory(prefix="gc-lh-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--form-factor=mobile",
            "--throttling-method=simulate",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}/profile",
            "--quiet",
            *([f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"] if cpu_slowdown else []),
        ]
        r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        if r.returncode != 0 or not report.exists():
            sys.exit(f"lighthouse failed on {url}:\n{r.stderr[-3000:]}")
        lhr = json.loads(report.read_text(encoding="utf-8"))
        if keep:
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_bytes(report.read_bytes())
    audits = lhr["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "score": round(lhr["categories"]["performance"]["score"] * 100),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si_ms": audits["speed-index"]["numericValue"],
        "observed_first_paint_ms": audits["metrics"]["details"]["items"][0].get("observedFirstPaint"),
        "requests": len(requests),
        # The page itself, as sent (headers and gzip): within TCP's first round trip (FIRST_ROUND_TRIP) or not.
        "html_bytes": next((x.get("transferSize", 0) for x in requests if x.get("resourceType") == "Document"), 0),
        "transfer_bytes": sum(x.get("transferSize", 0) for x in requests),
        "urls": [f"{x.get('resourceType', '?')} {x['url'].split('/', 3)[-1]} {x.get('transferSize', 0)}" for x in requests],
        "render_blocking": [x["url"].split("/", 3)[-1] for x in audits["render-blocking-resources"].get("details", {}).get("items", [])],
    }


def median_run(runs: list[dict]) -> dict:
    """The run of median FCP (Lighthouse's own advice: take the median run, not a mix of runs)."""
    ordered = sorted(runs, key=lambda r: r["fcp_ms"])
    return {**ordered[len(ordered) // 2], "fcp_runs_ms": [r["fcp_ms"] for r in runs]}


def measure(
    site: Path,
    stock_site: Path,
    runs: int = 3,
    keep: Path | None = None,
    pages: dict[str, str] = PAGES,
    cpu_slowdown: float | None = None,
) -> dict:
    """{page: {"ours": figures, "stock": figures}} for `pages`, each the median of `runs` runs, the two
    sites measured in turns (the same machine load on both). keep: a directory for every run's whole
    Lighthouse report (PAGE-SITE-RUN.json). cpu_slowdown: see lighthouse()."""
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: `npm ci` installs Lighthouse (make bench does)")
    servers = {name: serve(path) for name, path in (("ours", site), ("stock", stock_site))}
    try:
        out: dict = {}
        for page, rel in pages.items():
            got: dict[str, list[dict]] = {"ours": [], "stock": []}
            for i in range(runs):
                for name, (_srv, base) in servers.items():
                    got[name].append(lighthouse(base + rel, keep and keep / f"{page}-{name}-{i + 1}.json", cpu_slowdown))
            out[page] = {"path": rel or "/", **{name: median_run(r) for name, r in got.items()}}
        return out
    finally:
        for srv, _ in servers.values():
            srv.shutdown()


def meets(page: dict) -> bool:
    """The targets: performance 100 and first contentful paint no later than stock's."""
    return page["ours"]["score"] >= 100 and page["ours"]["fcp_ms"] <= page["stock"]["fcp_ms"]


def rows(res: dict) -> list[tuple[str, str, str, bool]]:
    """Report rows (name, value, target, met) for bench.py's table."""
    out = []
    for page, r in res.items():
        o, s = r["ours"], r["stock"]
        out.append(
            (
                f"Lighthouse mobile, {page} ({r['path']})",
                f"score {o['score']}, FCP {o['fcp_ms'] / 1000:.2f} s; stock {s['score']}, {s['fcp_ms'] / 1000:.2f} s",
                "100, ≤ stock",
                meets(r),
            )
        )
        out.append(
            (
                f"  requests, {page}",
                f"{o['requests']} ({o['transfer_bytes']:,} B); stock {s['requests']} ({s['transfer_bytes']:,} B)",
                "",
                True,
            )
        )
        out.append(
            (
                f"  HTML, {page}",
                f"{o['html_bytes']:,} B; stock {s['html_bytes']:,} B (first round trip {FIRST_ROUND_TRIP:,} B)",
                "",
                True,
            )
        )
        # What the score is made of beside FCP (TBT weighs 30 %, and on a shared machine depends on the load).
        lt = lambda x: f"LCP {x['lcp_ms'] / 1000:.2f} s, TBT {x['tbt_ms']:.0f} ms, CLS {x['cls']:.2f}"  # noqa: E731
        out.append((f"  LCP, TBT, CLS, {page}", f"{lt(o)}; stock {lt(s)}", "", True))
        # On a shared machine the runs spread widely (simulated throttling scales the CPU time it observes).
        runs = lambda x: ", ".join(f"{v / 1000:.2f}" for v in x["fcp_runs_ms"])  # noqa: E731
        out.append((f"  FCP of each run, {page}", f"{runs(o)} s; stock {runs(s)} s", "", True))
    return out


def slow_rows(res: dict, cpu_slowdown: float) -> list[tuple[str, str, str, bool]]:
    """Report rows, with no target, for a run at a larger CPU slowdown than Lighthouse's 4: the same pages
    as on a host that slow (simulated throttling multiplies the CPU time it observes). Score 100 on the
    default run depends on the host; what should hold on any host is the comparison with stock."""
    ratio = cpu_slowdown / LIGHTHOUSE_CPU_SLOWDOWN
    host = f"as on a host {ratio:g}× slower" if ratio != 1 else "as on this host"
    fig = lambda x: f"{x['score']} (FCP {x['fcp_ms'] / 1000:.2f} s, TBT {x['tbt_ms']:.0f} ms)"  # noqa: E731
    out = []
    for page, r in res.items():
        o, s = r["ours"], r["stock"]
        out.append((f"  at CPU ×{cpu_slowdown:g} ({host}), {page}", f"score {fig(o)}; stock {fig(s)}", "", True))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("stock_site", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--page", choices=PAGES, action="append", help="only this page (repeatable; default: all)")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep every run's whole Lighthouse report in DIR")
    ap.add_argument(
        "--cpu-slowdown",
        type=float,
        metavar="N",
        help=f"Lighthouse's simulated CPU slowdown (default {LIGHTHOUSE_CPU_SLOWDOWN}); twice that plays this"
        " machine at half its speed, to see whether a result holds on a slower host (no target is judged then)",
    )
    args = ap.parse_args(argv)
    pages = {p: PAGES[p] for p in args.page} if args.page else PAGES
    res = measure(args.site.resolve(), args.stock_site.resolve(), args.runs, args.keep, pages, args.cpu_slowdown)
    print(json.dumps(res, indent=1))
    # the targets are set on Lighthouse's own slowdown: at another one the figures are printed, not judged
    judged = args.cpu_slowdown in (None, LIGHTHOUSE_CPU_SLOWDOWN)
    for name, value, target, met in rows(res) if judged else slow_rows(res, args.cpu_slowdown):
        verdict = "" if not target else "met" if met else "NOT MET"  # as bench.py's report: no target, no verdict
        print(f"{name:<44}{value:<62}{target:<14}{verdict}")
    return 0 if not judged or all(meets(r) for r in res.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
