"""A synthetic amendment of the rules, as a rules.json bundle: what a real revision could look like.

- article 12 amended (a figure changed, a phrase added), article 40 item （二） amended;
- a new article inserted after article 5, so 6..69 move up by one;
- article 70 repealed, so 71 and 72 keep their numbers;
- article 3 retyped with half-width punctuation: a formatting variant, not an amendment.
"""

from __future__ import annotations

import copy
import re


def renumber(article: dict, n: int) -> dict:
    a = copy.deepcopy(article)
    old = a["number"]

    def sub(s: str) -> str:
        return re.sub(rf"^art_{old}(?=__|$)", f"art_{n}", s)

    a["number"], a["eid"] = n, f"art_{n}"
    for p in a["paragraphs"]:
        p["eid"] = sub(p["eid"])
        for i in p.get("items", []):
            i["eid"] = sub(i["eid"])
    for o in a["norms"]:
        o["id"], o["source"] = sub(o["id"]), sub(o["source"])
    for note in a.get("notes", []):
        if "target" in note:
            note["target"] = sub(note["target"])
    return a


def amend(bundle: dict) -> dict:
    b = copy.deepcopy(bundle)
    arts = {a["number"]: a for a in b["articles"]}
    arts[12]["paragraphs"][0]["text"] = (
        arts[12]["paragraphs"][0]["text"].replace("12345", "12346").replace("创造安全稳定的社会环境", "创造安全稳定、公平正义的社会环境")
    )
    for o in arts[12]["norms"]:
        o["quote"] = o["quote"].replace("12345", "12346")
    arts[40]["paragraphs"][0]["items"][1]["text"] = "听取区政府重要工作情况和重点项目进展汇报；"
    arts[3]["paragraphs"][0]["text"] = arts[3]["paragraphs"][0]["text"].replace("，", ",").replace("。", "。 ")
    inserted = {
        "number": 6,
        "eid": "art_6",
        "chapter": 2,
        "paragraphs": [{"eid": "art_6__para_1", "text": "常务副区长协助区长处理区政府日常工作。"}],
        "subjects": ["composition"],
        "norms": [],
        "cites": [],
        "related": [],
    }
    new_articles = []
    for n in range(1, 73):
        if n == 70:
            continue
        target = n if n <= 5 else n + 1 if n < 70 else n
        new_articles.append(renumber(arts[n], target) if target != n else arts[n])
        if n == 5:
            new_articles.append(inserted)
    b["articles"] = sorted(new_articles, key=lambda a: a["number"])
    for a in b["articles"]:
        a["related"] = [r for r in a["related"] if r["article"] != 70]
    for ch in b["chapters"]:
        if ch["number"] == 2:
            ch["last_article"] += 1
        elif 2 < ch["number"] < 11:
            ch["first_article"] += 1
            ch["last_article"] += 1
        elif ch["number"] == 11:
            ch["first_article"] += 1
    b["document"]["chapters"] = b["chapters"]
    b["document"]["dataset_version"] = b["dataset_version"] = "2.1.0"
    return b
