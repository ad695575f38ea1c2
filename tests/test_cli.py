"""The command line as staff and maintainers use it: clear reports, right exit codes, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from clirun import gcrules as run
from datacopy import ROOT, DataCopy
from gangcheng_rules.cli import main


def test_gcrules_as_a_real_process_prints_on_the_right_streams_and_exits_with_the_right_status(tmp_path):
    """The one subprocess smoke test (the rest run in-process, see clirun.py): what the shell sees."""

    def process(*args):
        return subprocess.run([sys.executable, "-m", "gangcheng_rules.cli", *map(str, args)], cwd=ROOT, capture_output=True, text=True)

    ok = process("validate")
    assert (ok.returncode, ok.stderr) == (0, "") and ok.stdout.startswith("OK: 72 articles")
    # a directory without data is refused at once (a broken copy of the data, read whole, cost 2 s more
    # here; the in-process tests below show the reports on it)
    refused = process("validate", "--root", tmp_path)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("data/document.yaml: $: missing") and "Traceback" not in refused.stderr
    assert refused.stderr.endswith(" problems found.\n")
    usage = process("frobnicate")
    assert usage.returncode == 2 and "Usage:" in usage.stderr and "Traceback" not in usage.stderr


def test_validate_passes_on_the_real_data():
    r = run("validate")
    assert r.returncode == 0, r.stderr
    assert "72 articles" in r.stdout


def test_validate_reports_problems_compiler_style_and_exits_1(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    d.replace("data/articles/012.yaml", "- functions", "- functionz")
    d.replace("data/articles/040.yaml", "chapter: 9", "chapter: 9\nchapter: 9")
    r = run("validate", "--root", str(tmp_path))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert "data/articles/012.yaml:8: $.subjects[0]: unknown subject id 'functionz' (see data/vocab/subjects.yaml)" in lines
    assert any(line.startswith("data/articles/040.yaml:4: $.chapter: duplicate key") for line in lines)
    assert lines[-1] == f"{len(lines) - 1} problems found."


def test_usage_errors_exit_2_without_traceback(tmp_path):
    for args in (["validate", "--root", str(tmp_path / "nowhere")], ["frobnicate"], ["export"]):
        r = run(*args)
        assert r.returncode == 2, args
        assert "Traceback" not in r.stderr


def test_a_directory_without_data_is_a_clear_problem(tmp_path):
    r = run("validate", "--root", str(tmp_path))
    assert r.returncode == 1
    assert "data/document.yaml: $: missing" in r.stderr


def test_export_of_bad_data_writes_nothing(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    d.replace("data/articles/012.yaml", "强化12345", "强化12346")
    out = tmp_path / "out"
    r = run("export", str(out), "--root", str(tmp_path))
    assert r.returncode == 1 and "text differs from the official source" in r.stderr
    assert not out.exists()


def test_export_writes_the_dataset(tmp_path):
    r = run("export", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "rules.json").exists()


def commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, (*prefix, name))


@pytest.mark.parametrize(("path", "cmd"), list(commands(main)), ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_every_command_has_help_with_an_example_and_is_in_the_readme(path, cmd):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"gcrules {' '.join(path)} --help shows no example"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"gcrules {' '.join(path)}\b", readme), f"README does not document gcrules {' '.join(path)}"
