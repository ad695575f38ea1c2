"""Mentions in the legal text of defined bodies, meetings and cited instruments: one finder for every output.

The site links them, the Akoma Ntoso export wraps them in <ref>; both must agree on what is a mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article, Corpus

MIN_WORDING = 4  # shorter wordings (区长, 政府, 办公室) are too ambiguous to link


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "actor" (target: article number that defines it) or "instrument" (target: instrument id)
    target: int | str | None  # None: claimed so a shorter wording inside it is not taken, but not linked


@dataclass(frozen=True)
class _Wording:
    text: str
    kind: str
    target: int | str | None
    inner: tuple[int, int] | None = None  # the part of the wording that is linked (title inside 《》)


def _wordings(corpus: Corpus, article: Article) -> list[_Wording]:
    out = []
    for t in corpus.instruments:
        title = t.title or t.name
        out.append(_Wording(f"《{title}》", "instrument", t.id, (1, 1 + len(title))))
        if t.id in article.cites:
            out.append(_Wording(title, "instrument", t.id))
    for t in corpus.actors:
        # Wordings of undefined actors are claimed unlinked, so 主要负责人 inside
        # 街道办事处、功能区管委会主要负责人 is not taken for another actor.
        target = t.defined_in if t.defined_in is not None and t.defined_in != article.number else None
        out.extend(_Wording(w, "actor", target) for w in (t.name, *t.aliases) if len(w) >= MIN_WORDING)
    return out


def _occurrences(text: str, needle: str) -> list[int]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def mentions(corpus: Corpus, article: Article, text: str) -> list[Mention]:
    """Linkable mentions in text (a paragraph or item of article), longest wording first, never overlapping."""
    hits = [(at, w) for w in _wordings(corpus, article) for at in _occurrences(text, w.text)]
    hits.sort(key=lambda h: (-len(h[1].text), h[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for at, w in hits:
        end = at + len(w.text)
        if any(at < t1 and t0 < end for t0, t1 in taken):
            continue
        taken.append((at, end))
        if w.target is not None:
            a, b = w.inner or (0, len(w.text))
            out.append(Mention(at + a, at + b, w.kind, w.target))
    return sorted(out, key=lambda m: m.start)
