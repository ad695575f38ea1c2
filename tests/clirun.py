"""`gcrules` run in this process with click's CliRunner, as a person runs it from a directory.

A subprocess per command cost ~2.7 s (interpreter, imports, jieba, V8); in-process the imports are paid
once. test_cli.py keeps one real-process smoke test for what only a process shows (the exit status the
shell sees, the streams, no traceback). An exception other than SystemExit escaping a command is what a
person would see as a traceback: it is raised here, so the test fails with it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from gangcheng_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def gcrules(*args, cwd: Path = ROOT) -> Run:
    """`gcrules ARGS…` run from directory cwd; its exit status and what it printed on each stream."""
    with contextlib.chdir(cwd):
        r = CliRunner().invoke(main, [str(a) for a in args])
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Run(r.exit_code, r.stdout, r.stderr)
