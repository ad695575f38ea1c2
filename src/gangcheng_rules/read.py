"""Stage 1, read: every file of data/ as found (parsed YAML with line numbers) and the official source text.

It owns RawCorpus (what validate checks and build turns into the model), the list of vocabularies, and the
official text's layout characters (FOLDING) that the fidelity check and the export ignore. Nothing here
judges the data: problems are only "cannot read" or "unexpected file".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .project import Project
from .yamlfile import YamlDoc, read_yaml

VOCABS = ("subjects", "actors", "instruments")


@dataclass
class RawCorpus:
    project: Project
    document: YamlDoc | None = None
    articles: list[YamlDoc] = field(default_factory=list)
    vocabs: dict[str, YamlDoc] = field(default_factory=dict)
    synonyms: YamlDoc | None = None
    phrases: YamlDoc | None = None
    exclusions: list[YamlDoc] = field(default_factory=list)
    source_path: str = ""
    source_text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.project.root

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def all_docs(self) -> list[YamlDoc]:
        docs = [self.document, *self.articles, *self.vocabs.values(), self.synonyms, self.phrases, *self.exclusions]
        return [d for d in docs if d is not None]


def read_raw(root: Project | Path | str | None = None) -> RawCorpus:
    """Every file of the project's data/ as parsed YAML with line numbers (None: discover the project)."""
    project = Project.of(root)
    raw = RawCorpus(project)
    data = project.data_dir
    if not (data / "document.yaml").exists():
        raw.problems.append(Problem(raw.rel(data / "document.yaml"), None, "$", "missing: is this the project directory?"))
        return raw
    raw.document = read_yaml(data / "document.yaml", raw.rel(data / "document.yaml"))
    for path in sorted((data / "articles").glob("*")):
        if path.suffix in (".yaml", ".yml"):
            raw.articles.append(read_yaml(path, raw.rel(path)))
        elif path.is_file():
            raw.problems.append(Problem(raw.rel(path), None, "$", "unexpected file in data/articles/ (articles are NNN.yaml)"))
    for name in VOCABS:
        path = data / "vocab" / f"{name}.yaml"
        raw.vocabs[name] = read_yaml(path, raw.rel(path))
    syn = data / "vocab" / "synonyms.yaml"
    if syn.exists():
        raw.synonyms = read_yaml(syn, raw.rel(syn))
    phr = data / "vocab" / "phrases.yaml"
    if phr.exists():
        raw.phrases = read_yaml(phr, raw.rel(phr))
    for path in sorted((data / "cue_exclusions").glob("*.yaml")):
        raw.exclusions.append(read_yaml(path, raw.rel(path)))
    doc = raw.document.data if isinstance(raw.document.data, dict) else {}
    src = project.source_file(str(doc.get("source_file") or "") or None)
    raw.source_path = raw.rel(src)
    try:
        raw.source_text = src.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raw.problems.append(Problem(raw.source_path, None, "$", f"cannot read the official source text: {e}"))
    return raw


# The official text's layout: spaces after headings and inside chapter titles, line breaks (some inside
# paragraphs, article 43). Every other character, NBSP and U+3000 included, is text a reader sees.
FOLDING = " \r\n"


_UNFOLD = str.maketrans("", "", FOLDING)


def squash(text: str) -> str:
    """The text without its layout (FOLDING): the form the official source is compared in."""
    return text.translate(_UNFOLD)
