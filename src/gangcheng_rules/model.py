"""Typed, immutable model of the document. Built by build.py from validated data (or an exported rules.json)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .eids import article_label, article_number, chapter_label


@dataclass(frozen=True)
class Quantity:
    text: str
    interval: str | None = None
    times: int | None = None
    offset: str | None = None
    relative_to: str | None = None
    quantity: str | None = None
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None


KINDS = ("duty", "competence", "constitutive", "sanction")
MODALITIES = ("obligation", "prohibition", "permission")
ROLES = ("approver", "signer", "reviewer", "recipient", "consulted", "delegate", "delegator", "supervisor", "intermediary", "attendee")


@dataclass(frozen=True)
class Norm:
    """One norm tag: the editors' reading of a quoted span (kind, parties, action), never legal text itself."""

    id: str
    kind: str
    construction: str
    bearers: tuple[str, ...]
    quote: str
    source: str
    modality: str | None = None
    strength: str | None = None
    cue: str | None = None
    bearer_mode: str | None = None
    # role → actor ids, in ROLES order; a tuple of pairs so the dataclass stays hashable
    roles: tuple[tuple[str, tuple[str, ...]], ...] = ()
    action: str | None = None
    constitutive: str | None = None
    condition: str | None = None
    exception: str | None = None
    precondition: str | None = None
    overrides: tuple[str, ...] = ()
    enforces: tuple[str, ...] = ()
    deadline: Quantity | None = None
    frequency: Quantity | None = None
    threshold: Quantity | None = None

    @property
    def article(self) -> int:
        return article_number(self.id)

    def role_of(self, actor: str) -> str | None:
        """The role an actor other than a bearer has in this norm, if any."""
        return next((r for r, ids in self.roles if actor in ids), None)

    @property
    def parties(self) -> tuple[str, ...]:
        """Every actor id of a role, in role order (the 1.0 `auxiliary`)."""
        return tuple(dict.fromkeys(a for _, ids in self.roles for a in ids))


@dataclass(frozen=True)
class Item:
    eid: str
    label: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    eid: str
    text: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Relation:
    article: int
    relation: str
    note: str | None = None


@dataclass(frozen=True)
class Note:
    kind: str
    text: str
    target: str | None = None


@dataclass(frozen=True)
class Question:
    """A curated question (常见问法) the article answers: editorial, never legal text."""

    q: str
    note: str
    unit: str | None = None  # eId of the answering paragraph or item


@dataclass(frozen=True)
class Article:
    number: int
    eid: str
    chapter: int
    paragraphs: tuple[Paragraph, ...]
    subjects: tuple[str, ...]
    norms: tuple[Norm, ...]
    cites: tuple[str, ...]
    related: tuple[Relation, ...]
    notes: tuple[Note, ...] = ()
    questions: tuple[Question, ...] = ()

    @property
    def heading(self) -> str:
        """第四十条: Chinese numerals only in display text."""
        return article_label(self.number)

    def parts(self) -> Iterator[tuple[str, str, str]]:
        """(eId, label, text) of every paragraph and item in reading order: a paragraph, then its items.
        Paragraphs have no label; an item's is （一）… or "" (the one walk over 款 and 项)."""
        for p in self.paragraphs:
            yield p.eid, "", p.text
            for i in p.items:
                yield i.eid, i.label, i.text

    @property
    def text(self) -> str:
        """The article's legal text, paragraphs and items run together (no heading)."""
        return "".join(label + text for _, label, text in self.parts())

    def fragments(self) -> dict[str, str]:
        """eId → verbatim text of every paragraph and item."""
        return {eid: text for eid, _, text in self.parts()}


@dataclass(frozen=True)
class Chapter:
    number: int
    eid: str
    title: str
    first_article: int
    last_article: int

    @property
    def heading(self) -> str:
        return chapter_label(self.number)


@dataclass(frozen=True)
class Notice:
    title: str
    addressees: str
    body: str
    signature: str
    date_text: str


@dataclass(frozen=True)
class Change:
    version: str
    date: date
    summary: str
    articles: tuple[int, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    short_title: str
    issuer: str
    date: date
    status: str
    effective: date
    dataset_version: str
    language: str
    classification: str
    source_file: str
    notice: Notice
    chapters: tuple[Chapter, ...]
    changelog: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Term:
    """An entry of a controlled vocabulary (subject, actor or instrument)."""

    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    defined_in: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class Synonym:
    query: str
    terms: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Phrase:
    """An everyday phrase and the wordings of the text it stands for (search, document side)."""

    phrase: str
    wording: tuple[str, ...]
    note: str


class NoSuchArticle(KeyError):
    """Asked for an article number the rules do not have (a plain index would wrap 0 to the last one)."""

    def __init__(self, number: object, count: int):
        super().__init__(number)
        self.number, self.count = number, count

    def __str__(self) -> str:
        return f"no article {self.number!r}: the rules have articles 1..{self.count}"


@dataclass(frozen=True)
class Corpus:
    document: Document
    articles: tuple[Article, ...]
    subjects: tuple[Term, ...]
    actors: tuple[Term, ...]
    instruments: tuple[Term, ...]
    synonyms: tuple[Synonym, ...] = ()
    source_text: str = field(default="", repr=False)
    phrases: tuple[Phrase, ...] = ()

    def article(self, number: int) -> Article:
        """Article `number` (1-based, as printed); NoSuchArticle for any other number, never a wrap-around."""
        if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= len(self.articles):
            a = self.articles[number - 1]
            if a.number == number:
                return a
        raise NoSuchArticle(number, len(self.articles))

    def chapter_of(self, article: Article) -> Chapter:
        return self.document.chapters[article.chapter - 1]

    def articles_in(self, chapter: Chapter) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.chapter == chapter.number)

    @property
    def norms(self) -> tuple[Norm, ...]:
        return tuple(o for a in self.articles for o in a.norms)

    def term(self, vocab: str, id: str) -> Term:
        return next(t for t in getattr(self, vocab) if t.id == id)


def last_changed(corpus: Corpus, number: int) -> Change | None:
    """The latest release that changed this article; a release listing no articles changed them all (first release)."""
    hits = [c for c in corpus.document.changelog if not c.articles or number in c.articles]
    return hits[-1] if hits else None
