"""make bench's figures by query kind (scripts/bench.py), read from search_eval.py's result json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import bench  # noqa: E402  (scripts/ is not a package)


def summary(**kinds) -> dict:
    return {"kind": {k: {"n": n, "mrr10": m, "success5": s, "success1": 0.0} for k, (n, m, s) in kinds.items()}}


def test_kinds_come_in_the_dev_sets_order_with_queries_mrr_and_success_at_5():
    s = summary(traditional=(2, 1.0, 1.0), keyword=(18, 0.9, 0.95), weird=(1, 0.0, 0.0), question=(6, 0.5, 0.5))
    kinds = bench.by_kind(s)
    assert list(kinds) == ["keyword", "question", "traditional", "weird"]
    assert kinds["keyword"] == {"n": 18, "mrr10": 0.9, "success5": 0.95}
    assert bench.kind_lines(kinds)[2:4] == ["  | keyword | 18 | 0.90 | 95% |", "  | question | 6 | 0.50 | 50% |"]


def test_kinds_from_prints_the_table_of_a_result_file(tmp_path, capsys):
    result = tmp_path / "dev.json"
    result.write_text(json.dumps({"summary": summary(number=(3, 1.0, 1.0), synonym=(4, 0.625, 0.75))}), encoding="utf-8")
    assert bench.main(["--kinds-from", str(result)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "| kind | queries | MRR@10 | success@5 |",
        "|---|---|---|---|",
        "| number | 3 | 1.00 | 100% |",
        "| synonym | 4 | 0.62 | 75% |",
    ]


def test_kinds_from_a_file_that_is_not_a_result_says_so(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SystemExit, match="not a search_eval.py result"):
        bench.main(["--kinds-from", str(bad)])
