"""The one reader of the project's YAML files (metadata, registries), with one error path.

`read_yaml` turns bytes into a node tree that keeps line numbers: bad UTF-8 is reported at the
line of the bad byte, a byte order mark is accepted, a YAML error at the line where it was found
(and where the broken construct began, when that is elsewhere). `YamlFile`'s helpers read
mappings, sequences and scalars; every problem goes through `YamlFile.fail`, which raises
`InputError(path, line, message)` with the 1-based line of the node concerned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

from respub.errors import InputError

# PyYAML's wheels ship libyaml: about ten times faster on the registries than the pure-Python parser.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOM = b"\xef\xbb\xbf"


def compose(text: str) -> yaml.Node | None:
    """The document's node tree (each node has `start_mark.line`, 0-based), or None when empty."""
    return yaml.compose(text, Loader=_LOADER)


def line_of(node: yaml.Node) -> int:
    """The 1-based line where `node` starts."""
    return node.start_mark.line + 1


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML file: its path as messages name it, and its root node (None when empty)."""

    path: str
    root: yaml.Node | None

    def fail(self, where: yaml.Node | int, message: str) -> NoReturn:
        """The one error path: `path:line: message`, the line being the node's own."""
        line = where if isinstance(where, int) else line_of(where)
        raise InputError(self.path, line, message)

    def mapping(self, node: yaml.Node, message: str, prefix: str = "") -> list[tuple[str, yaml.Node, yaml.Node]]:
        """`(key, key node, value node)` of a mapping whose keys are plain scalars, each given once.

        `message` is the error when `node` is not a mapping; `prefix` starts duplicate-key errors.
        """
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, message)
        seen: dict[str, int] = {}
        items: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
            if name in seen:
                self.fail(key, f"{prefix}{name!r} is given twice (first at line {seen[name]})")
            seen[name] = line_of(key)
            items.append((name, key, value))
        return items

    def fields(self, node: yaml.Node, known: tuple[str, ...], message: str, prefix: str = "") -> dict[str, yaml.Node]:
        """A mapping of known field names to their value nodes; an unknown field is an error."""
        out: dict[str, yaml.Node] = {}
        for name, key, value in self.mapping(node, message, prefix + "field "):
            if name not in known:
                self.fail(key, f"{prefix}unknown field {name!r} (known fields: {', '.join(known)})")
            out[name] = value
        return out

    def sequence(self, node: yaml.Node, message: str) -> list[yaml.Node]:
        """The items of a list; `message` is the error when `node` is not one."""
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, message)
        return list(node.value)

    def scalar(self, node: yaml.Node, message: str) -> str:
        """A single value as written (stripped); `message` is the error when it is a list or a mapping."""
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, message)
        return str(node.value).strip()

    def text(self, node: yaml.Node, what: str, not_single: str = "") -> str:
        """A non-empty single value, with runs of whitespace (hard wraps) made single spaces."""
        value = " ".join(self.scalar(node, not_single or f"{what} must be a single text").split())
        if not value:
            self.fail(node, f"{what} is empty")
        return value


def read_yaml(path: Path) -> YamlFile:
    """Read and parse `path`; undecodable bytes and YAML errors raise InputError at their line."""
    name = str(path)
    data = path.read_bytes()
    text = _decode(name, data.removeprefix(_BOM))
    try:
        return YamlFile(name, compose(text))
    except yaml.YAMLError as error:
        raise InputError(name, *_yaml_problem(error, text)) from None


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not valid UTF-8 (byte 0x{data[error.start]:02x}): save the file as UTF-8"
        raise InputError(name, line, message) from None


def _yaml_problem(error: yaml.YAMLError, text: str) -> tuple[int, str]:
    """The line and message of a YAML error; where the broken construct began, when elsewhere.

    An unclosed `[` is only noticed lines later: naming the line where it was opened points at the fix.
    A character YAML does not allow (a control character) is reported at its own line.
    """
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
        character = error.character if isinstance(error.character, int) else ord(error.character)
        return line, f"not valid YAML: character U+{character:04X} is not allowed; remove it"
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else 1
    message = f"not valid YAML: {getattr(error, 'problem', None) or error}"
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark and context_mark.line + 1 != line:
        message += f" ({context} at line {context_mark.line + 1})"
    return line, message
