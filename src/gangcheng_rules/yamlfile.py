"""Read one YAML file strictly, keeping line numbers: every problem found is returned, never raised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 256 * 1024  # the largest article is ~2 KB; anything near this is a mistake, not data


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


def _plain(value):
    """YAML timestamps → ISO strings, so the data is plain JSON for schema validation and export."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _walk(node, pointer: str, doc: YamlDoc) -> None:
    doc.lines.setdefault(pointer, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            k = key.value
            line = key.start_mark.line + 1
            if k in seen:
                doc.problems.append(Problem(doc.path, line, f"{pointer}.{k}", f"duplicate key (first defined on line {seen[k]})"))
                continue
            seen[k] = line
            doc.lines[f"{pointer}.{k}"] = line
            _walk(value, f"{pointer}.{k}", doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            _walk(value, f"{pointer}[{i}]", doc)


def read_yaml(path: Path, display: str | None = None) -> YamlDoc:
    doc = YamlDoc(display or str(path))
    try:
        raw = path.read_bytes()
    except OSError as e:
        doc.problems.append(Problem(doc.path, None, "$", f"cannot read file: {e.strerror}"))
        return doc
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
    for n, line in enumerate(text.splitlines(), 1):
        if "\t" in line:
            doc.problems.append(Problem(doc.path, n, "$", "tab character; indent with spaces"))
    if any(p.message.startswith("tab") for p in doc.problems):
        return doc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        msg = f"YAML syntax error: {e.problem or e.context}"
        if e.context and e.context_mark and mark is not e.context_mark:
            msg += f" ({e.context} on line {e.context_mark.line + 1})"
        doc.problems.append(Problem(doc.path, line, "$", msg))
        return doc
    except yaml.YAMLError as e:
        doc.problems.append(Problem(doc.path, None, "$", f"YAML error: {e}"))
        return doc
    if node is None:
        doc.problems.append(Problem(doc.path, 1, "$", "file is empty"))
        return doc
    _walk(node, "$", doc)
    loader = yaml.SafeLoader("")
    try:
        doc.data = _plain(loader.construct_document(node))
    except yaml.YAMLError as e:
        doc.problems.append(Problem(doc.path, None, "$", f"YAML error: {e}"))
    return doc
