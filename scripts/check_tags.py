"""Quick self-check for hand-tagging: quotes are verbatim, cues sit in quotes, ids resolve.

Usage: .venv/bin/python scripts/check_tags.py 1 29   (article range)
The full validator (`gcrules validate`) supersedes this once it exists.
"""
import pathlib
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
actors = {a["id"] for a in yaml.safe_load((root / "data/vocab/actors.yaml").read_text())}
subjects = {a["id"] for a in yaml.safe_load((root / "data/vocab/subjects.yaml").read_text())}
instruments = {a["id"] for a in yaml.safe_load((root / "data/vocab/instruments.yaml").read_text())}
lo, hi = int(sys.argv[1]), int(sys.argv[2])
bad = 0
for n in range(lo, hi + 1):
    path = root / f"data/articles/{n:03d}.yaml"
    art = yaml.safe_load(path.read_text())
    texts = {}
    for p in art["paragraphs"]:
        texts[p["eid"]] = p["text"]
        for it in p.get("items", []):
            texts[it["eid"]] = it["text"]
    def err(msg):
        global bad
        bad += 1
        print(f"{path.name}: {msg}")
    if not art["subjects"]:
        err("no subjects")
    for s in art["subjects"]:
        if s not in subjects:
            err(f"unknown subject {s}")
    for c in art["cites"]:
        if c not in instruments:
            err(f"unknown instrument {c}")
    for k, o in enumerate(art["obligations"], 1):
        if o["id"] != f"art_{n}__norm_{k}":
            err(f"norm id {o['id']} should be art_{n}__norm_{k}")
        if o["source"] not in texts:
            err(f"{o['id']}: unknown source {o['source']}")
            continue
        if o["quote"] not in texts[o["source"]]:
            err(f"{o['id']}: quote not verbatim in {o['source']}: {o['quote']}")
        if o["cue"] != "none" and o["cue"] not in o["quote"]:
            err(f"{o['id']}: cue {o['cue']} not inside quote")
        for b in o["bearers"] + o.get("auxiliary", []):
            if b not in actors:
                err(f"{o['id']}: unknown actor {b}")
print("problems:", bad)
