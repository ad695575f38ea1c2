"""What the whole-document files cost a build (issue 12): a clean `mkdocs build` with an empty cache, and a
rebuild whose data did not change (the cache is warm), against the same build without them.

    .venv/bin/python scripts/bench_documents.py [--runs 5]

"Without them" is measured on this checkout with the document steps switched off through
GCRULES_NO_DOCUMENTS=1, which only this script sets. The three builds are run in turn, round after round,
so a burst of load from another process on the shared machine falls on all three alike; each figure is
the median of --runs, printed with the load average before and after. Targets: clean ≤ +1.5 s, warm +0.
On a busy machine wall time mostly measures the others' load: the CPU time of each build (main process and
the typesetting worker) is printed too; a clean build spends more CPU than it adds wall time when the
worker runs on an idle core.

scripts/bench.py (make bench) can call measure() and print_report().
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "gcrules"
CLEAN_TARGET = 1.5  # seconds a clean build may add (issue 12, item 5)


def cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children and their children."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def build(out: Path, **env: str) -> tuple[float, float]:
    """Wall time and CPU time of one `mkdocs build --strict` into out (emptied first), worker process included."""
    shutil.rmtree(out, ignore_errors=True)
    start, start_cpu = time.perf_counter(), cpu()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        check=True,
    )
    return time.perf_counter() - start, cpu() - start_cpu


def empty_document_cache() -> None:
    """Remove the document files' and the offline copy's cache entries; the remembered passes (passed/) stay, so
    "clean" minus "without" is what the document files cost, not also the checks that a cold cache runs again."""
    for entry in CACHE.glob("*"):
        if entry.name == "passed":
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def measure(runs: int = 5) -> dict[str, object]:
    """Median wall times (s) of the build without the document files, a clean build (empty cache) and a
    warm rebuild; the median CPU times under "cpu"; every run's (wall, cpu) under "runs"; and the 1-minute
    load average before and after."""
    times: dict[str, list[tuple[float, float]]] = {"without": [], "clean": [], "warm": []}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build(out)  # warm the disk and bytecode caches; its time is not counted
        for _ in range(runs):
            times["without"].append(build(out, GCRULES_NO_DOCUMENTS="1"))
            empty_document_cache()
            times["clean"].append(build(out))
            times["warm"].append(build(out))
    result: dict[str, object] = {name: statistics.median(w for w, _ in ts) for name, ts in times.items()}
    result["cpu"] = {name: statistics.median(c for _, c in ts) for name, ts in times.items()}
    result["runs"] = times
    result["load"] = (load_before, os.getloadavg()[0])
    return result


def print_report(r: dict) -> None:
    without, clean, warm = r["without"], r["clean"], r["warm"]
    n = len(r["runs"]["clean"])
    print(f"document files (PDF, Word, text, offline zip): median of {n} runs, load average {r['load'][0]:.2f} → {r['load'][1]:.2f}")
    print(f"  mkdocs build without the document files: {without:.2f} s")
    print(f"  clean build (empty cache):               {clean:.2f} s  ({clean - without:+.2f} s; target ≤ +{CLEAN_TARGET} s)")
    print(f"  rebuild, data unchanged (cache warm):    {warm:.2f} s  ({warm - without:+.2f} s; target +0)")
    c = r["cpu"]
    print(
        f"  CPU time (all processes): without {c['without']:.2f} s, clean {c['clean']:.2f} s ({c['clean'] - c['without']:+.2f}), warm {c['warm']:.2f} s ({c['warm'] - c['without']:+.2f})"
    )
    for name, ts in r["runs"].items():
        print(f"    {name:8} wall/cpu " + "  ".join(f"{w:.2f}/{t:.2f}" for w, t in ts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    print_report(measure(ap.parse_args().runs))


if __name__ == "__main__":
    main()
