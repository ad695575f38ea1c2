"""All checks on the raw data: JSON Schema per file, then corpus rules, fidelity and cue coverage.

Each check returns Problems; nothing here prints or exits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .codepoints import visible
from .cues import find_cues, spans
from .eids import article_eid, article_label, chapter_eid, chapter_label, item_eid, item_label, norm_id, paragraph_eid
from .problems import Problem, sort_key
from .read import FOLDING, RawCorpus, squash
from .schemas import SchemaSet
from .yamlfile import YamlDoc

if TYPE_CHECKING:
    import jsonschema  # imported where data is validated (schemas.py): a build whose data passed before needs none

STRICT_WORDS = ("必须", "一律", "严禁")
# The schemas the data files are checked against (rules and api describe the export).
SCHEMAS = ("document", "article", "vocabulary", "synonyms", "phrases", "cue-exclusions")


def json_path(parts) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _message(err: jsonschema.ValidationError) -> str:
    # Conditional rules (schema allOf if/then/else) carry their reason in $comment.
    reason = err.schema.get("$comment") if isinstance(err.schema, dict) else None
    if reason and err.validator in ("not", "required"):
        return reason if err.validator == "not" else f"{err.message.replace('is a required property', 'is required')}: {reason}"
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return f"unknown field{'s' if len(extra) > 1 else ''} {', '.join(extra)}"
    if err.validator == "required":
        return err.message.replace("is a required property", "is required")
    if err.validator == "type":
        return f"must be of type {err.validator_value}, not {type(err.instance).__name__} ({err.instance!r})"[:200]
    if err.validator in ("minLength", "pattern") and isinstance(err.instance, str) and not err.instance.strip():
        return "must not be empty"
    if err.validator == "pattern":
        return f"{err.instance!r} does not match {err.validator_value}"
    if err.validator == "minItems" and err.instance == []:
        return "must not be empty"
    return err.message[:300]


def check_schema(doc: YamlDoc, name: str, schemas: SchemaSet) -> list[Problem]:
    """The file against schema `name` of the project's own schemas (never another checkout's)."""
    if doc.data is None:
        return []
    passed = schemas.data_pass_key(name, doc.data)
    if schemas.passed(passed):  # the very same data passed the very same schemas before
        return []
    out = []
    for err in schemas.validator(name).iter_errors(doc.data):
        errs = [err]
        if err.validator in ("anyOf", "oneOf") and err.context:
            errs = err.context
        for e in errs:
            pointer = json_path(e.absolute_path)
            if e.validator == "additionalProperties":
                extra = sorted(set(e.instance) - set(e.schema.get("properties", {})))
                for k in extra:
                    out.append(doc.problem(f"{pointer}.{k}", "unknown field"))
                continue
            out.append(doc.problem(pointer, _message(e)))
    if not out:
        schemas.remember(passed)
    return out


def _valid(doc: YamlDoc | None, problems: list[Problem]) -> bool:
    return doc is not None and doc.data is not None and not any(p.path == doc.path for p in problems)


def validate(raw: RawCorpus, conventions: bool = True, schemas: SchemaSet | None = None) -> list[Problem]:
    """Every problem of the raw data, against the project's own schemas (or `schemas`: the packaged ones, for
    1.x data read in the 2.0 shape). conventions=False skips the 2.0 tagging conventions (for 1.x data)."""
    problems = list(raw.problems)
    schemas = schemas or raw.project.schemas
    for d in raw.all_docs():
        problems += d.problems
    unusable = schemas.check(SCHEMAS, raw.rel(raw.project.schema_dir))
    if unusable:  # nothing can be checked against schemas that are not there
        return sorted(set(problems + unusable), key=sort_key)
    if raw.document:
        problems += check_schema(raw.document, "document", schemas)
    for a in raw.articles:
        problems += check_schema(a, "article", schemas)
    for v in raw.vocabs.values():
        problems += check_schema(v, "vocabulary", schemas)
    if raw.synonyms:
        problems += check_schema(raw.synonyms, "synonyms", schemas)
    if raw.phrases:
        problems += check_schema(raw.phrases, "phrases", schemas)
    for x in raw.exclusions:
        problems += check_schema(x, "cue-exclusions", schemas)
    # Corpus rules run on whatever parsed and passed its schema, so one broken file does not hide the rest.
    schema_problems = list(problems)
    problems += check_corpus(raw, schema_problems)
    if conventions:
        problems += check_conventions(raw, schema_problems)
    return sorted(set(problems), key=sort_key)


def stated_numbers(a: YamlDoc) -> set[int]:
    """The article numbers a file stands for: its `number` if usable, and its name (012.yaml → 12).

    So a file that cannot be read, whose number is mistyped or wrong, is one problem, not also a gap
    and a dangling reference in every article that relates to it.
    """
    out = set()
    n = a.data.get("number") if isinstance(a.data, dict) else None
    if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 999:
        out.add(n)
    if m := re.fullmatch(r"0*([1-9][0-9]{0,2})", Path(a.path).stem):
        out.add(int(m.group(1)))
    return out


def check_corpus(raw: RawCorpus, schema_problems: list[Problem]) -> list[Problem]:
    out: list[Problem] = []
    doc_ok = _valid(raw.document, schema_problems)
    chapters = raw.document.data["chapters"] if doc_ok else None
    articles = [a for a in raw.articles if _valid(a, schema_problems)]
    by_number: dict[int, YamlDoc] = {}
    for a in articles:
        n = a.data["number"]
        stem = Path(a.path).stem
        if stem != f"{n:03d}":
            out.append(a.problem("$.number", f"article {n} must be in file {n:03d}.yaml, not {Path(a.path).name}"))
        if n in by_number:
            out.append(a.problem("$.number", f"duplicate article number {n} (also in {by_number[n].path})"))
        else:
            by_number[n] = a
    stated = set().union(*(stated_numbers(a) for a in raw.articles))
    # The chapters say how many articles there are; without them, the highest number stated.
    last = max(c["last_article"] for c in chapters) if chapters else max(stated, default=0)
    # References are judged against the document's articles, so a missing file is one problem, not also
    # every reference to it; with no article files at all, references are not judged.
    known = (set(range(1, last + 1)) | stated) if raw.articles else None
    if not raw.articles and raw.document is not None:
        out.append(
            Problem("data/articles", None, "$", f"no article files: expected 001.yaml to {last:03d}.yaml" if last else "no article files")
        )
    else:
        origin = "the chapters in data/document.yaml cover" if chapters else "articles must run"
        missing = sorted(set(range(1, last + 1)) - stated)
        top = max(stated, default=0)
        if chapters and last - top > 1:  # a run of missing files at the end: one problem, not hundreds
            missing = [n for n in missing if n < top]
            out.append(
                raw.document.problem(
                    f"$.chapters[{len(chapters) - 1}].last_article",
                    f"articles {top + 1}..{last} are missing: the chapters cover articles 1..{last}, the files stop at {top:03d}.yaml",
                )
            )
        for n in missing:
            out.append(Problem(f"data/articles/{n:03d}.yaml", None, "$", f"article {n} is missing: {origin} 1..{last}"))
    vocab = {name: ({t["id"] for t in d.data} if _valid(d, schema_problems) else None) for name, d in raw.vocabs.items()}
    for name, d in raw.vocabs.items():
        if vocab[name] is not None:
            out += _check_vocab(d, name, known)
    if chapters is not None:
        out += _check_document(raw.document, chapters, known)
    eids: dict[str, str] = {}
    for a in articles:
        out += _check_article(a, chapters, vocab, known, eids)
    out += _check_exclusions_and_coverage(raw, articles, stated - set(by_number), schema_problems)
    if raw.synonyms is not None and _valid(raw.synonyms, schema_problems) and raw.source_text is not None:
        text = squash(raw.source_text)
        for i, s in enumerate(raw.synonyms.data):
            for k, t in enumerate(s["terms"]):
                if squash(t) not in text:
                    out.append(raw.synonyms.problem(f"$[{i}].terms[{k}]", f"{t!r} does not occur in the text, so it can find nothing"))
    if raw.phrases is not None and _valid(raw.phrases, schema_problems) and raw.source_text is not None:
        out += _check_phrases(raw.phrases, squash(raw.source_text))
    if doc_ok and raw.source_text is not None:
        out += check_fidelity(raw, by_number)
    return out


def _check_phrases(d: YamlDoc, text: str) -> list[Problem]:
    """Every wording occurs in the text (else the phrase finds nothing); a phrase has one entry."""
    out = []
    seen: dict[str, int] = {}
    for i, p in enumerate(d.data):
        if p["phrase"] in seen:
            out.append(d.problem(f"$[{i}].phrase", f"duplicate phrase {p['phrase']!r} (first at entry {seen[p['phrase']]})"))
        seen.setdefault(p["phrase"], i)
        for k, w in enumerate(p["wording"]):
            if squash(w) not in text:
                out.append(d.problem(f"$[{i}].wording[{k}]", f"{w!r} does not occur in the text, so the phrase would find nothing"))
    return out


def _check_vocab(d: YamlDoc, name: str, numbers: set[int] | None) -> list[Problem]:
    out = []
    seen: dict[str, int] = {}
    words: dict[str, str] = {}
    for i, t in enumerate(d.data):
        if numbers is not None and "defined_in" in t and t["defined_in"] not in numbers:
            out.append(d.problem(f"$[{i}].defined_in", f"article {t['defined_in']} does not exist"))
        if t["id"] in seen:
            out.append(d.problem(f"$[{i}].id", f"duplicate id {t['id']!r} (first at entry {seen[t['id']]})"))
        seen.setdefault(t["id"], i)
        for k, w in enumerate([t["name"], *t.get("aliases", [])]):
            if w in words and words[w] != t["id"]:
                ptr = f"$[{i}].name" if k == 0 else f"$[{i}].aliases[{k - 1}]"
                out.append(d.problem(ptr, f"{w!r} already names {words[w]!r}; a wording may name one {name[:-1]} only"))
            words.setdefault(w, t["id"])
    return out


def _check_document(doc: YamlDoc, chapters: list[dict], numbers: set[int] | None) -> list[Problem]:
    """The chapter table runs 1..N without gaps or overlaps; the changelog names articles that exist."""
    out = []
    expect = 1
    for i, c in enumerate(chapters):
        if c["number"] != i + 1:
            out.append(doc.problem(f"$.chapters[{i}].number", f"chapter numbers must run 1..{len(chapters)}; expected {i + 1}"))
        if c["eid"] != chapter_eid(c["number"]):
            out.append(doc.problem(f"$.chapters[{i}].eid", f"must be {chapter_eid(c['number'])}"))
        if c["first_article"] != expect:
            out.append(doc.problem(f"$.chapters[{i}].first_article", f"must be {expect} (the article after the previous chapter's last)"))
        if c["last_article"] < c["first_article"]:
            out.append(doc.problem(f"$.chapters[{i}].last_article", "is before first_article"))
        expect = c["last_article"] + 1
    for i, c in enumerate(doc.data["changelog"]):
        for k, n in enumerate(c.get("articles", [])):
            if numbers is not None and n not in numbers:
                out.append(doc.problem(f"$.changelog[{i}].articles[{k}]", f"article {n} does not exist"))
    return out


def _check_article(a: YamlDoc, chapters, vocab, numbers: set[int], eids: dict[str, str]) -> list[Problem]:
    out = []
    d = a.data
    n = d["number"]
    if d["eid"] != article_eid(n):
        out.append(a.problem("$.eid", f"must be {article_eid(n)} (the article number)"))
    if chapters is not None:
        owner = next((c["number"] for c in chapters if c["first_article"] <= n <= c["last_article"]), None)
        if owner is None:
            out.append(a.problem("$.chapter", f"no chapter in data/document.yaml covers article {n}"))
        elif d["chapter"] != owner:
            out.append(a.problem("$.chapter", f"is {d['chapter']}, but data/document.yaml puts article {n} in chapter {owner}"))
    fragments: dict[str, str] = {}

    def claim(eid: str, pointer: str):
        if eid in eids:
            out.append(a.problem(pointer, f"duplicate eId {eid} (also {eids[eid]})"))
        eids.setdefault(eid, f"{a.path} {pointer}")

    for i, p in enumerate(d["paragraphs"]):
        want = paragraph_eid(n, i + 1)
        if p["eid"] != want:
            out.append(a.problem(f"$.paragraphs[{i}].eid", f"must be {want} (paragraphs are numbered in order)"))
        claim(p["eid"], f"$.paragraphs[{i}].eid")
        fragments[p["eid"]] = p["text"]
        for k, it in enumerate(p.get("items", [])):
            want_i = item_eid(p["eid"], k + 1)
            if it["eid"] != want_i:
                out.append(a.problem(f"$.paragraphs[{i}].items[{k}].eid", f"must be {want_i} (items are numbered in order)"))
            claim(it["eid"], f"$.paragraphs[{i}].items[{k}].eid")
            fragments[it["eid"]] = it["text"]
            if it["label"] and it["label"] != item_label(k + 1):
                out.append(
                    a.problem(f"$.paragraphs[{i}].items[{k}].label", f"label {it['label']} out of sequence; expected {item_label(k + 1)}")
                )
    for name, key in (("subjects", "subjects"), ("instruments", "cites")):
        if vocab.get(name) is None:
            continue
        for i, s in enumerate(d[key]):
            if s not in vocab[name]:
                out.append(a.problem(f"$.{key}[{i}]", f"unknown {name[:-1]} id {s!r} (see data/vocab/{name}.yaml)"))
    for i, r in enumerate(d["related"]):
        if r["article"] == n:
            out.append(a.problem(f"$.related[{i}].article", "an article cannot be related to itself"))
        elif r["article"] not in numbers:
            out.append(a.problem(f"$.related[{i}].article", f"article {r['article']} does not exist"))
    for i, note in enumerate(d.get("notes", [])):
        if note.get("target") and note["target"] != d["eid"] and note["target"] not in fragments:
            out.append(a.problem(f"$.notes[{i}].target", f"{note['target']} is not an eId of this article"))
    asked: dict[str, int] = {}
    for i, q in enumerate(d.get("questions", [])):
        if q.get("unit") and q["unit"] not in fragments:
            out.append(a.problem(f"$.questions[{i}].unit", f"{q['unit']} is not a paragraph or item of this article"))
        key = "".join(q["q"].split())
        if key in asked:
            out.append(a.problem(f"$.questions[{i}].q", f"the same question as questions[{asked[key]}]"))
        asked.setdefault(key, i)
    out += _check_norms(a, fragments, vocab)
    return out


def _check_norms(a: YamlDoc, fragments: dict[str, str], vocab) -> list[Problem]:
    """Ids, quotes, cues, strength and references of an article's norms (the norm model's mechanical rules)."""
    out = []
    n = a.data["number"]
    norms = a.data["norms"]
    ids = [o["id"] for o in norms]
    for i, o in enumerate(norms):
        ptr = f"$.norms[{i}]"
        if o["id"] != norm_id(n, i + 1):
            out.append(a.problem(f"{ptr}.id", f"must be {norm_id(n, i + 1)} (norms are numbered in order)"))
        src = fragments.get(o["source"])
        if src is None:
            out.append(a.problem(f"{ptr}.source", f"{o['source']} is not a paragraph or item of this article"))
        elif o["quote"] not in src:
            out.append(a.problem(f"{ptr}.quote", f"{o['quote']!r} is not a verbatim part of {o['source']}"))
        if "cue" in o and o["cue"] not in o["quote"]:
            out.append(a.problem(f"{ptr}.cue", f"cue {o['cue']!r} does not occur in the quote"))
        if o["kind"] == "duty":
            strict_word = next((w for w in STRICT_WORDS if w in o["quote"]), None)
            if strict_word and o["strength"] != "strict":
                out.append(a.problem(f"{ptr}.strength", f"must be strict: the quote says {strict_word}"))
            elif not strict_word and "原则上" in o["quote"] and o["strength"] != "defeasible":
                out.append(a.problem(f"{ptr}.strength", "must be defeasible: the quote says 原则上"))
        if vocab.get("actors") is not None:
            places = [("bearers", o["bearers"])] + [(f"roles.{r}", v) for r, v in o.get("roles", {}).items()]
            for key, actor_ids in places:
                for k, b in enumerate(actor_ids):
                    if b not in vocab["actors"]:
                        out.append(a.problem(f"{ptr}.{key}[{k}]", f"unknown actor id {b!r} (see data/vocab/actors.yaml)"))
        for k, target in enumerate(o.get("overrides", [])):
            if target == o["id"]:
                out.append(a.problem(f"{ptr}.overrides[{k}]", "a norm cannot override itself"))
            elif target not in ids:
                out.append(a.problem(f"{ptr}.overrides[{k}]", f"{target} is not a norm of this article"))
        for key in ("deadline", "frequency", "threshold"):
            if key in o and src is not None and squash(o[key]["text"]) not in squash(src):
                out.append(a.problem(f"{ptr}.{key}.text", f"{o[key]['text']!r} is not verbatim in {o['source']}"))
    return out


# A prohibition's action is the forbidden act itself; a leading negation would make the display (不得 + action)
# a double negative that states the opposite of the law.
NEGATED_ACTION = re.compile(r"^(?:原则上|一律|均|也)?(?:不|未|无|没有|禁止|严禁|勿|非)|不得|不准")
GATE_ROLES = ("approver", "signer", "reviewer")


def check_conventions(raw: RawCorpus, schema_problems: list[Problem]) -> list[Problem]:
    """The 2.0 tagging conventions that can be checked mechanically (see the data page), and enforces links.

    Not run on data read from a 1.x version (diff.load_version): its tags predate the conventions.
    """
    out = []
    articles = [a for a in raw.articles if _valid(a, schema_problems)]
    all_ids = {o["id"] for a in articles for o in a.data["norms"]}
    for a in articles:
        for i, o in enumerate(a.data["norms"]):
            ptr = f"$.norms[{i}]"
            if o.get("modality") == "prohibition" and o.get("action") and NEGATED_ACTION.search(o["action"]):
                out.append(a.problem(f"{ptr}.action", f"a prohibition's action states the forbidden act positively, not {o['action']!r}"))
            if o["kind"] == "duty" and "方可" in o["quote"] and o.get("cue", "方可") == "方可" and o["modality"] != "permission":
                out.append(
                    a.problem(f"{ptr}.modality", "must be permission: 方可 grants a conditional permission (the gate is its precondition)")
                )
            for role in GATE_ROLES:
                for b in sorted(set(o.get("roles", {}).get(role, [])) & set(o["bearers"])):
                    out.append(
                        a.problem(f"{ptr}.roles.{role}", f"{b!r} is a bearer: the party passing a gate bears the norm, the {role} does not")
                    )
            for k, target in enumerate(o.get("enforces", [])):
                if target == o["id"]:
                    out.append(a.problem(f"{ptr}.enforces[{k}]", "a sanction cannot enforce itself"))
                elif target not in all_ids and len(articles) == len(raw.articles):
                    out.append(a.problem(f"{ptr}.enforces[{k}]", f"{target} is not a norm of any article"))
    return out


def _fragments(a: YamlDoc) -> dict[str, tuple[str, str]]:
    out = {}
    for i, p in enumerate(a.data["paragraphs"]):
        out[p["eid"]] = (p["text"], f"$.paragraphs[{i}].text")
        for k, it in enumerate(p.get("items", [])):
            out[it["eid"]] = (it["text"], f"$.paragraphs[{i}].items[{k}].text")
    return out


def _check_exclusions_and_coverage(raw: RawCorpus, articles: list[YamlDoc], broken: set[int], schema_problems) -> list[Problem]:
    """Every modal cue lies inside some norm's quote in the same fragment, or in a reasoned exclusion."""
    out = []
    frags: dict[str, tuple[str, str, YamlDoc]] = {}
    covered: dict[str, list[tuple[int, int]]] = {}
    for a in articles:
        for eid, (text, ptr) in _fragments(a).items():
            frags[eid] = (text, ptr, a)
        for o in a.data["norms"]:
            if o["source"] in frags:
                covered.setdefault(o["source"], []).extend(spans(frags[o["source"]][0], o["quote"]))
    excluded: dict[str, list[tuple[int, int]]] = {}
    for x in raw.exclusions:
        if not _valid(x, schema_problems):
            continue
        for i, e in enumerate(x.data):
            if e["source"] not in frags:
                # an eId of an article that failed to load is not judged: that file has its own problem
                if e["source"].split("__")[0] not in {article_eid(n) for n in broken}:
                    out.append(x.problem(f"$[{i}].source", f"{e['source']} is not a paragraph or item of any article"))
                continue
            text = frags[e["source"]][0]
            where = spans(text, e["context"])
            if not where:
                out.append(x.problem(f"$[{i}].context", f"{e['context']!r} does not occur in {e['source']}"))
            elif e["cue"] not in e["context"]:
                out.append(x.problem(f"$[{i}].cue", f"cue {e['cue']!r} does not occur in the context"))
            else:
                hits = [c for c in find_cues(text) if c[2] == e["cue"] and any(s <= c[0] and c[1] <= t for s, t in where)]
                if not hits:
                    out.append(x.problem(f"$[{i}]", f"excludes nothing: no modal {e['cue']!r} is detected in {e['context']!r}"))
                excluded.setdefault(e["source"], []).extend(where)
    for eid, (text, ptr, a) in frags.items():
        for s, t, cue in find_cues(text):
            holders = covered.get(eid, []) + excluded.get(eid, [])
            if not any(x <= s and t <= y for x, y in holders):
                ctx = text[max(0, s - 8) : t + 8]
                out.append(
                    a.problem(
                        ptr,
                        f"modal cue {cue!r} at character {s} (…{ctx}…) is in no norm's quote; tag the norm or add a reasoned exclusion in data/cue_exclusions/",
                    )
                )
    return out


def check_fidelity(raw: RawCorpus, by_number: dict[int, YamlDoc]) -> list[Problem]:
    """The text rebuilt from the data equals the official source, whitespace aside."""
    out = []
    src = squash(raw.source_text)
    doc = raw.document
    d = doc.data
    notice = d["notice"]
    prelude = [(notice[k], f"$.notice.{k}") for k in ("title", "addressees", "body", "signature", "date_text")]
    prelude.append((d["title"], "$.title"))
    # Markers, in document order: chapter headings and article headings.
    markers: list[tuple[str, object]] = []
    for c in d["chapters"]:
        markers.append((chapter_label(c["number"]), ("chapter", c)))
        for n in range(c["first_article"], c["last_article"] + 1):
            markers.append((article_label(n), ("article", n)))
    positions = []
    absent = []
    pos = 0
    for text, what in markers:
        at = src.find(text, pos)
        if at < 0:
            absent.append(text)
            continue
        positions.append((at, text, what))
        pos = at + len(text)
    if absent:  # one problem: after one heading is not found, the later ones usually are not either
        more = f" (nor {len(absent) - 1} later heading{'s' if len(absent) > 2 else ''})" if len(absent) > 1 else ""
        out.append(Problem(raw.source_path, None, "$", f"the source has no {absent[0]} where the data expects one{more}"))
    cuts = [p[0] for p in positions] + [len(src)]
    out += _compare(src[: cuts[0]] if positions else src, prelude, doc)
    for (at, head, what), end in zip(positions, cuts[1:], strict=True):
        body = src[at + len(head) : end]
        kind, obj = what
        if kind == "chapter":
            i = obj["number"] - 1
            out += _compare(body, [(obj["title"], f"$.chapters[{i}].title")], doc)
        elif obj in by_number:
            a = by_number[obj]
            pieces = []
            for i, p in enumerate(a.data["paragraphs"]):
                pieces.append((p["text"], f"$.paragraphs[{i}].text"))
                for k, it in enumerate(p.get("items", [])):
                    pieces.append((it["label"] + it["text"], f"$.paragraphs[{i}].items[{k}].text"))
            out += _compare(body, pieces, a)
    return out


def _mark(text: str, i: int, j: int) -> str:
    """…context【the differing part】context…, with invisible characters named by code point."""
    mid = text[i:j]
    if len(mid) > 30:
        mid = mid[:30] + f"…(+{len(mid) - 30})"
    before = text[max(0, i - 10) : i]
    after = text[j : j + 10]
    return f"{'…' if i > 10 else ''}{visible(before)}【{visible(mid, spaces=True)}】{visible(after)}{'…' if j + 10 < len(text) else ''}"


def _compare(source: str, pieces: list[tuple[str, str]], doc: YamlDoc) -> list[Problem]:
    """Data text (as published: ends trimmed of folding) against the source with its layout removed."""
    data = "".join(t.strip(FOLDING) for t, _ in pieces)
    if data == source:
        return []
    i = next((k for k, (x, y) in enumerate(zip(data, source, strict=False)) if x != y), min(len(data), len(source)))
    same_end = next((k for k in range(min(len(data), len(source)) - i) if data[-1 - k] != source[-1 - k]), min(len(data), len(source)) - i)
    offset = 0
    pointer = pieces[-1][1] if pieces else "$"
    for t, ptr in pieces:
        size = len(t.strip(FOLDING))
        if i < offset + size or (i == offset + size and ptr == pieces[-1][1]):
            pointer = ptr
            break
        offset += size
    return [
        doc.problem(
            pointer,
            f"text differs from the official source at character {i - offset + 1} of this field: "
            f"data has “{_mark(data, i, len(data) - same_end)}”, source has “{_mark(source, i, len(source) - same_end)}”",
        )
    ]
