"""Read one YAML file strictly, keeping line numbers: every problem found is returned, never raised.

The data needs only plain YAML: mappings with string keys, lists, strings, integers, finite numbers,
booleans, dates. Everything else is refused before it is built, so no input can make the reader slow,
deep or strange: aliases expanding past MAX_VALUES (a 4 KB alias bomb stands for gigabytes), nesting
deeper than MAX_DEPTH, explicit tags, non-string keys, NaN and infinities, huge integers, control
characters, lone surrogates.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from . import codepoints
from .problems import Problem

MAX_BYTES = 256 * 1024  # the largest article is ~2 KB; anything near this is a mistake, not data
MAX_DEPTH = 50  # the deepest data (a quantity in a norm in an article) is 4 levels
MAX_VALUES = 200_000  # values in one file, aliases expanded; MAX_BYTES of plain YAML holds fewer
MAX_INT = 2**53 - 1  # the largest integer every JSON reader holds exactly

# libyaml when PyYAML has it (about 15× faster); the pure-Python reader accepts the same documents.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_SCALARS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class YamlDoc:
    path: str
    data: object = None
    lines: dict[str, int] = field(default_factory=dict)  # JSON path ($.a[0].b) → 1-based line
    problems: list[Problem] = field(default_factory=list)

    def line(self, pointer: str) -> int | None:
        """Line of pointer, or of its nearest ancestor that has one."""
        while pointer:
            if pointer in self.lines:
                return self.lines[pointer]
            cut = max(pointer.rfind("."), pointer.rfind("["))
            if cut <= 0:
                break
            pointer = pointer[:cut]
        return self.lines.get("$", 1)

    def problem(self, pointer: str, message: str) -> Problem:
        return Problem(self.path, self.line(pointer), pointer, message)


def string_problem(text: str) -> str | None:
    """Why text cannot be data (a control character, lone surrogate or noncharacter), or None."""
    bad = [m.start() for m in codepoints.FORBIDDEN.finditer(text)]
    if not bad:
        return None
    names = list(dict.fromkeys(codepoints.name(text[i]) for i in bad))
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return (
        f"contains {', '.join(names[:3])}{more} (first at character {bad[0] + 1}): "
        "control characters, lone surrogates and noncharacters are not allowed in text"
    )


def _at(mark, doc: YamlDoc, pointer: str, message: str) -> Problem:
    return Problem(doc.path, mark.line + 1, pointer, message, mark.column + 1)


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _refuse(mark, doc: YamlDoc, pointer: str, message: str) -> None:
    """Record a value the data may not hold and go on (every problem at once); read_yaml then withholds the data."""
    doc.problems.append(_at(mark, doc, pointer, message))


def _screen(text: str, doc: YamlDoc, loader) -> bool | None:
    """Refuse, from the event stream and before anything is built, alias bombs and deep nesting.

    Aliases are counted as the values they stand for: a file may reuse a list (the dumper writes
    `bearers: *id001`), but not expand past MAX_VALUES, which no file within MAX_BYTES reaches without them.
    True if the file may be built, False if refused, None for a syntax error.
    """
    depth = 0
    values = 0  # values of the document with every alias expanded
    sizes: dict[str, int] = {}  # anchor → values it stands for
    open_: list[tuple[str | None, int]] = []  # (anchor, values before it) per open collection
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes:
                    doc.problems.append(_at(event.start_mark, doc, "$", f"alias *{event.anchor} refers to no anchor before it"))
                    return False
                values += sizes[event.anchor]
            elif isinstance(event, yaml.ScalarEvent):
                values += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.CollectionStartEvent):
                open_.append((event.anchor, values))
                values += 1
                depth += 1
                if depth > MAX_DEPTH:
                    doc.problems.append(_at(event.start_mark, doc, "$", f"nested more than {MAX_DEPTH} levels deep"))
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, before = open_.pop()
                if anchor is not None:
                    sizes[anchor] = values - before
                depth -= 1
            if values > MAX_VALUES:
                doc.problems.append(
                    _at(event.start_mark, doc, "$", f"aliases expand to more than {MAX_VALUES} values; write the data out instead")
                )
                return False
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        msg = f"YAML syntax error: {e.problem or e.context}"
        if e.context and e.context_mark and mark is not e.context_mark:
            msg += f" ({e.context} on line {e.context_mark.line + 1}, column {e.context_mark.column + 1})"
        if mark:
            doc.problems.append(_at(mark, doc, "$", msg))
        else:
            doc.problems.append(Problem(doc.path, None, "$", msg))
        return None
    except yaml.YAMLError as e:
        doc.problems.append(Problem(doc.path, None, "$", f"YAML error: {' '.join(str(e).split())}"))
        return None
    return True


def _scalar(node: yaml.ScalarNode, pointer: str, doc: YamlDoc, constructor: SafeConstructor):
    tag = node.tag.removeprefix(_TAG)
    if node.tag not in _SCALARS:
        return _refuse(node.start_mark, doc, pointer, f"YAML tag {_short(node.tag)} is not allowed (plain values only)")
    if tag == "int" and len(node.value) > 24:
        return _refuse(node.start_mark, doc, pointer, f"integer of {len(node.value)} characters is out of range (at most ±{MAX_INT})")
    try:
        value = constructor.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as e:
        return _refuse(node.start_mark, doc, pointer, f"{node.value[:40]!r} is not a valid {tag}: {e}")
    if tag == "int" and abs(value) > MAX_INT:
        return _refuse(node.start_mark, doc, pointer, f"integer {node.value} is out of range (at most ±{MAX_INT})")
    if tag == "float" and not math.isfinite(value):
        return _refuse(node.start_mark, doc, pointer, f"{node.value} is not a finite number (JSON has no NaN or infinity)")
    if tag == "float" and value.is_integer():
        # JSON Schema counts 69.0 as an integer, so `number: 69.0` would pass as one and break the ids
        return _refuse(node.start_mark, doc, pointer, f"write whole numbers without a decimal point: {int(value)}, not {node.value}")
    if tag == "timestamp":
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
    if tag == "str" and (why := string_problem(value)):
        return _refuse(node.start_mark, doc, pointer, why)
    return value


def _build(node, pointer: str, doc: YamlDoc, constructor: SafeConstructor, depth: int = 0):
    """Node → plain JSON-like data, recording the line of every pointer. Refuses what the data may not hold."""
    doc.lines.setdefault(pointer, node.start_mark.line + 1)
    if depth > MAX_DEPTH:  # _screen stops this first; kept so the recursion is bounded on its own
        return _refuse(node.start_mark, doc, pointer, f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, pointer, doc, constructor)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != f"{_TAG}seq":
            return _refuse(node.start_mark, doc, pointer, f"YAML tag {_short(node.tag)} is not allowed (plain lists only)")
        return [_build(v, f"{pointer}[{i}]", doc, constructor, depth + 1) for i, v in enumerate(node.value)]
    if node.tag != f"{_TAG}map":
        return _refuse(node.start_mark, doc, pointer, f"YAML tag {_short(node.tag)} is not allowed (plain mappings only)")
    out: dict[str, object] = {}
    seen: dict[str, int] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or key.tag != f"{_TAG}str":
            what = (
                "a list"
                if isinstance(key, yaml.SequenceNode)
                else "a mapping"
                if isinstance(key, yaml.MappingNode)
                else "a merge (<<)"
                if key.tag == f"{_TAG}merge"
                else f"{key.tag.removeprefix(_TAG)} {key.value!r}"
            )
            where = f"{pointer}.{key.value}" if isinstance(key, yaml.ScalarNode) else pointer
            _refuse(key.start_mark, doc, where, f"keys must be strings; this key is {what} (quote it or rename it)")
            continue
        k = key.value
        if why := string_problem(k):
            _refuse(key.start_mark, doc, pointer, f"key {why}")
            continue
        if k in seen:
            doc.problems.append(Problem(doc.path, line, f"{pointer}.{k}", f"duplicate key (first defined on line {seen[k]})"))
            continue
        seen[k] = line
        doc.lines[f"{pointer}.{k}"] = line
        out[k] = _build(value, f"{pointer}.{k}", doc, constructor, depth + 1)
    return out


def _raw_characters(text: str, doc: YamlDoc) -> None:
    """Characters refused in the file itself, with line and column: tabs, and anything not text."""
    for m in _RAW.finditer(text):
        i, c = m.start(), m.group()
        line, start = text.count("\n", 0, i) + 1, text.rfind("\n", 0, i) + 1
        if c == "\t":
            doc.problems.append(Problem(doc.path, line, "$", "tab character; indent with spaces", i - start + 1))
        else:
            doc.problems.append(
                Problem(doc.path, line, "$", f"{codepoints.name(c)} is not allowed in a data file (not text)", i - start + 1)
            )


# In the file: what no string may hold, and the line separators YAML would count as line breaks (so the
# line numbers would no longer be the editor's); the carriage return of CRLF files is fine.
_RAW = re.compile(f"(?![\r\n]){codepoints.FORBIDDEN.pattern}|[\t\u2028\u2029]")


def read_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """The file at path, read as parse_yaml reads its bytes (display: the path its problems name)."""
    display = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        return YamlDoc(display, problems=[Problem(display, None, "$", f"cannot read file: {e.strerror}")])
    if len(raw) > MAX_BYTES:
        return parse_yaml(raw, display)
    # A file read before with the same bytes reads the same: a rebuild under `mkdocs serve`, or a check
    # of a copy of the data with one file changed, parses only what changed. Each caller gets its own copy.
    return pickle.loads(_parsed(raw, display))


@functools.lru_cache(maxsize=1024)
def _parsed(raw: bytes, display: str) -> bytes:
    return pickle.dumps(parse_yaml(raw, display), pickle.HIGHEST_PROTOCOL)


def parse_yaml(raw: bytes, display: str) -> YamlDoc:
    """The bytes of one data file as a YamlDoc: its data and lines, or every problem found in it."""
    doc = YamlDoc(display)
    if len(raw) > MAX_BYTES:
        doc.problems.append(Problem(doc.path, None, "$", f"file is {len(raw)} bytes, over the {MAX_BYTES}-byte limit"))
        return doc
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.problems.append(Problem(doc.path, 1, "$", "file starts with a byte-order mark (BOM); save as UTF-8 without BOM"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        doc.problems.append(Problem(doc.path, line, "$", f"not valid UTF-8 (byte 0x{raw[e.start]:02x}); save the file as UTF-8"))
        return doc
    before = len(doc.problems)
    _raw_characters(text, doc)
    if len(doc.problems) > before:
        return doc
    loader = LOADER
    screened = _screen(text, doc, loader)
    if screened is None and loader is not yaml.SafeLoader:
        # Ask the pure-Python reader again: its messages say more, and it reads escaped surrogates, which
        # libyaml rejects without naming them, so the string check below can name the code point.
        del doc.problems[before:]
        loader = yaml.SafeLoader
        screened = _screen(text, doc, loader)
    if not screened:
        return doc
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as e:  # _screen parsed the same text, so this is not expected
        doc.problems.append(Problem(doc.path, None, "$", f"YAML error: {' '.join(str(e).split())}"))
        return doc
    if node is None:
        doc.problems.append(Problem(doc.path, 1, "$", "file is empty"))
        return doc
    before = len(doc.problems)
    data = _build(node, "$", doc, SafeConstructor())
    if len(doc.problems) > before:
        return doc  # refused values were built as None: withhold the data so no later check sees them
    if data is None:
        doc.problems.append(doc.problem("$", "file holds only null (~ or null); it must hold the data"))
        return doc
    doc.data = data
    return doc
