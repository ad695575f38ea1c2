"""make bench's answer-card figures (scripts/bench_answers.py): how a card is judged on the question set."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import bench_answers  # noqa: E402  (scripts/ is not a package)

SET = [
    {"id": "x1", "q": "谁签发", "slot": "signer", "article": 48, "unit": "art_48__para_1", "expect": ["区长"]},
    {"id": "x2", "q": "谁签发公文", "slot": "signer", "article": 57, "expect": ["区长签发"]},
    {"id": "x3", "q": "多久开一次", "slot": "often", "article": 40, "expect": None},
    {"id": "x4", "q": "兼职", "slot": "uncovered", "article": None, "expect": None},
]


def card(article: int, text: str, unit: str) -> dict:
    return {"article": article, "text": text, "url": f"chapters/chp_9/#{unit}"}


def test_a_card_is_correct_only_citing_the_article_with_every_expected_word_and_counted_on_its_unit():
    cards = {"谁签发": card(48, "由区长签发（第四十八条）", "art_48__para_2"), "谁签发公文": card(56, "由区长签发", "art_56__para_1")}
    rows, wrong = bench_answers.score(SET, cards.get, lambda q: None)
    signer = rows["signer"]
    assert (signer["expect"], signer["cards"], signer["correct"], signer["unit"]) == (2, 2, 1, 0)
    assert [(e["id"], why) for e, _, why in wrong] == [("x2", "wrong card"), ("x4", "no 本规则未涉及 notice")]


def test_a_card_where_no_norm_fits_is_a_false_card_and_silence_is_counted_on_uncovered_topics():
    cards = {"多久开一次": card(40, "每月召开一次", "art_40__para_2")}
    rows, wrong = bench_answers.score(SET, cards.get, lambda q: "uncovered" if q == "兼职" else None)
    assert rows["all"]["false"] == 1 and rows["often"]["false"] == 1
    assert rows["uncovered"]["silence"] == 1 and rows["all"]["silence"] == 1
    assert ("x3", "false card") in [(e["id"], why) for e, _, why in wrong]


def test_the_question_set_is_well_formed_and_kept_apart_from_the_dev_queries():
    entries = bench_answers.load()
    assert len(entries) >= 40
    assert len({e["id"] for e in entries}) == len(entries)
    slots = {e["slot"] for e in entries}
    assert {"who", "approver", "signer", "reviewer", "when", "often", "many", "may", "how", "uncovered"} <= slots
    dev = Path(__file__).resolve().parents[2] / "shared" / "eval" / "queries-dev.yaml"
    if dev.exists():
        import yaml

        dev_q = {d["q"] for d in yaml.safe_load(dev.read_text(encoding="utf-8"))}
        assert not dev_q & {e["q"] for e in entries}
