#!/usr/bin/env python3
"""Answer-card benchmark: the question set bench/answers.yaml through the Python Engine (the worker's own
gcsearch.js + gcanswer.js in V8), scored as bench/README.md says.

For each entry the card is the one the site would show. An entry with `expect` is **correct** when a card
is shown, it cites `article` and its text contains every `expect` substring (the link on `unit` is counted
apart); an entry with `expect: null` (no fitting norm, uncovered topics, references) must show no card:
a card there is a **false card**. Prints card rate, correctness and false cards, overall and per slot;
--verbose lists every entry that is not right. Exit status 0 (it measures; it sets no target).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench" / "answers.yaml"


def answerer(engine):
    """query → the card (or None) as the site computes it (Engine.respond: gcsearch.js + gcanswer.js)."""
    return lambda q: engine.respond(q)["answer"]


def noticer(engine):
    """query → the notice kind (uncovered, out_of_range) or None."""
    return lambda q: (engine.respond(q)["notice"] or {}).get("kind")


def unit_of(url: str) -> str:
    """'chapters/chp_11/#art_69__para_1' → 'art_69__para_1'."""
    return url.rsplit("#", 1)[-1]


def score(entries: list[dict], answer, notice=None) -> tuple[dict, list[tuple[dict, dict | None, str]]]:
    """Per slot and in total: entries with expect, cards shown, correct, on the unit; entries without
    expect and false cards; uncovered entries that get the 本规则未涉及 notice (with `notice`). And the
    entries that are not right, with their card and why."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong = []
    for e in entries:
        card = answer(e["q"])
        for key in (e["slot"], "all"):
            r = rows[key]
            if e.get("expect") is None:
                r["silent"] += 1
                r["false"] += card is not None
            else:
                r["expect"] += 1
                r["cards"] += card is not None
        if e.get("expect") is None:
            if card is not None:
                wrong.append((e, card, "false card"))
            if notice is not None and e["slot"] == "uncovered":
                said = notice(e["q"]) == "uncovered"
                rows[e["slot"]]["silence"] += said
                rows["all"]["silence"] += said
                if not said:
                    wrong.append((e, card, "no 本规则未涉及 notice"))
            continue
        if card is None:
            wrong.append((e, None, "no card"))
            continue
        ok = card.get("article") == e["article"] and all(s in card["text"] for s in e["expect"])
        on_unit = ok and (not e.get("unit") or unit_of(card["url"]) == e["unit"])
        for key in (e["slot"], "all"):
            rows[key]["correct"] += ok
            rows[key]["unit"] += on_unit
        if not ok:
            wrong.append((e, card, "wrong card"))
    return {k: dict(v) for k, v in rows.items()}, wrong


def pct(n: int, d: int) -> str:
    return f"{n / d:.0%}" if d else "–"


def report(rows: dict) -> str:
    head = (
        f"{'slot':10} {'asked':>5} {'cards':>6} {'rate':>5} {'correct':>8} {'corr%':>6} {'on unit':>8} {'silent':>7} "
        f"{'false':>6} {'未涉及':>6}"
    )
    lines = [head, "-" * len(head)]
    order = [s for s in ("who", "approver", "signer", "reviewer", "when", "often", "many", "may", "how") if s in rows]
    order += sorted(k for k in rows if k not in order and k != "all") + ["all"]
    for k in order:
        r = defaultdict(int, rows.get(k, {}))
        lines.append(
            f"{k:10} {r['expect']:>5} {r['cards']:>6} {pct(r['cards'], r['expect']):>5} {r['correct']:>8} "
            f"{pct(r['correct'], r['expect']):>6} {r['unit']:>8} {r['silent']:>7} {r['false']:>6} "
            f"{(str(r['silence']) if k in ('uncovered', 'all') else ''):>6}"
        )
    return "\n".join(lines)


def measure(index: dict, entries: list[dict]) -> tuple[dict, list]:
    """The set's figures over one search index (the built site's, or the CLI's)."""
    from gangcheng_rules import search

    engine = search.Engine(index)
    return score(entries, answerer(engine), noticer(engine))


def load(path: Path = QUESTIONS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("questions", nargs="?", type=Path, default=QUESTIONS, help="question set (default bench/answers.yaml)")
    ap.add_argument("--site", type=Path, help="a built site: use its search index (pages included)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the entries that are not right")
    args = ap.parse_args(argv)
    entries = load(args.questions)
    if args.site:
        from gangcheng_rules.searchsite import read_site_index

        index = read_site_index(args.site)
    else:
        from gangcheng_rules import build
        from gangcheng_rules.searchsite import corpus_index

        index = corpus_index(build.load_corpus(ROOT))
    rows, wrong = measure(index, entries)
    print(f"answer cards on {args.questions.name}: {len(entries)} questions")
    print(report(rows))
    if args.verbose:
        for e, card, why in wrong:
            print(
                f"{e['id']} [{e['slot']}] {why}: {e['q']} → {card['text'] if card else '—'}  (expect {e.get('expect')} in 第{e.get('article')}条)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
