"""make bench's page-speed figures (scripts/pagespeed.py): what reaches Lighthouse and how a run is judged."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import pagespeed  # noqa: E402  (scripts/ is not a package)


def figures(score, fcp_ms, tbt_ms=0.0):
    """One site's median run as measure() gives it."""
    return {
        "score": score,
        "fcp_ms": fcp_ms,
        "tbt_ms": tbt_ms,
        "lcp_ms": 1000.0,
        "cls": 0.0,
        "requests": 9,
        "transfer_bytes": 120_000,
        "html_bytes": 7_000,
        "fcp_runs_ms": [fcp_ms],
    }


def report(score=100, fcp=900.0, tbt=0.0):
    """The smallest Lighthouse report lighthouse() reads."""
    num = lambda v: {"numericValue": v}  # noqa: E731
    return {
        "categories": {"performance": {"score": score / 100}},
        "audits": {
            "first-contentful-paint": num(fcp),
            "largest-contentful-paint": num(1300.0),
            "total-blocking-time": num(tbt),
            "cumulative-layout-shift": num(0.0),
            "speed-index": num(1000.0),
            "metrics": {"details": {"items": [{}]}},
            "network-requests": {"details": {"items": [{"url": "http://h/x/", "resourceType": "Document", "transferSize": 7000}]}},
            "render-blocking-resources": {},
        },
    }


def fake_lighthouse(monkeypatch, calls):
    def run(cmd, **kw):
        calls.append(cmd)
        out = next(a for a in cmd if a.startswith("--output-path=")).split("=", 1)[1]
        Path(out).write_text(json.dumps(report()), encoding="utf-8")
        return type("Done", (), {"returncode": 0, "stderr": ""})()

    monkeypatch.setattr(pagespeed.subprocess, "run", run)


def test_the_default_run_keeps_lighthouses_own_cpu_slowdown(monkeypatch):
    calls = []
    fake_lighthouse(monkeypatch, calls)
    assert pagespeed.lighthouse("http://127.0.0.1:1/")["score"] == 100
    assert not [a for a in calls[0] if "cpuSlowdownMultiplier" in a]


def test_a_slower_host_reaches_lighthouse_as_its_cpu_multiplier(monkeypatch):
    calls = []
    fake_lighthouse(monkeypatch, calls)
    pagespeed.lighthouse("http://127.0.0.1:1/", cpu_slowdown=8)
    assert "--throttling.cpuSlowdownMultiplier=8" in calls[0]


def test_a_page_meets_its_target_only_at_100_and_no_later_than_stock():
    assert pagespeed.meets({"ours": figures(100, 900), "stock": figures(95, 1300)})
    assert not pagespeed.meets({"ours": figures(99, 900), "stock": figures(95, 1300)})
    assert not pagespeed.meets({"ours": figures(100, 1400), "stock": figures(100, 1300)})


def test_the_slower_host_rows_say_how_slow_and_set_no_target():
    res = {"home": {"path": "/", "ours": figures(99, 900, 118), "stock": figures(95, 1440, 196)}}
    ((name, value, target, met),) = pagespeed.slow_rows(res, 8)
    assert name == "  at CPU ×8 (as on a host 2× slower), home"
    assert value == "score 99 (FCP 0.90 s, TBT 118 ms); stock 95 (FCP 1.44 s, TBT 196 ms)"
    assert (target, met) == ("", True)


def test_run_alone_at_another_slowdown_the_figures_are_printed_not_judged(monkeypatch, capsys, tmp_path):
    got = {"home": {"path": "/", "ours": figures(88, 900, 486), "stock": figures(90, 1430, 394)}}
    monkeypatch.setattr(pagespeed, "measure", lambda *a, **k: got)
    assert pagespeed.main([str(tmp_path), str(tmp_path), "--cpu-slowdown", "8"]) == 0
    out = capsys.readouterr().out
    assert "at CPU ×8 (as on a host 2× slower), home" in out and "NOT MET" not in out
    assert pagespeed.main([str(tmp_path), str(tmp_path)]) == 1  # at Lighthouse's own slowdown, 88 misses 100
    assert "NOT MET" in capsys.readouterr().out
