"""What the whole-document files cost a build (issue 12): a clean `mkdocs build` with an empty cache, and a
rebuild whose data did not change (the cache is warm), against the same build without them.

    .venv/bin/python scripts/bench_documents.py [--runs 3]

"Without them" is measured on this checkout with the document steps switched off through
GCRULES_NO_DOCUMENTS=1, which only this script sets. Each figure is the best of --runs builds, so
another process on the machine slows a figure down but never speeds it up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "gcrules"


def build(out: Path, **env) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        without = min(build(out, GCRULES_NO_DOCUMENTS="1") for _ in range(args.runs))
        clean = []
        for _ in range(args.runs):
            shutil.rmtree(CACHE, ignore_errors=True)
            clean.append(build(out))
        warm = min(build(out) for _ in range(args.runs))
    print(f"mkdocs build without the document files: {without:.2f} s")
    print(f"clean build (empty cache):               {min(clean):.2f} s  (+{min(clean) - without:.2f} s; target ≤ +1.5 s)")
    print(f"rebuild, data unchanged (cache warm):    {warm:.2f} s  (+{warm - without:.2f} s; target +0)")


if __name__ == "__main__":
    main()
