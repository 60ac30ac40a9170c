"""The registry of states (`registry/states.yml`): who can be named in a reservations note.

Each state is keyed by its ISO 3166-1 alpha-2 code (uppercase in the file; the site writes it in
lowercase in anchors) and carries its official short name in English as the UN uses it, the other
names texts really use for it (former official names such as "Czech Republic" or "Turkey") and its
official short names in the site's other languages.

Names are matched exactly, never fuzzily: "Niger" is not "Nigeria", and a name the registry does not
list is unknown. The only liberties are the ones that do not change a name: runs of whitespace count
as one space, typographic apostrophes count as "'", and text is compared in Unicode NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from respub.errors import InputError
from respub.model import Source
from respub.source.yamlfile import compose

STATES_FILE = "registry/states.yml"
FIELDS = ("name", "aliases", "names")
_CODE = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_APOSTROPHES = MappingProxyType(str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"}))


def plain_apostrophes(text: str) -> str:
    """`text` with typographic apostrophes made plain; one character for one, so positions hold."""
    return text.translate(_APOSTROPHES)


def name_key(name: str) -> str:
    """The form in which two names are compared: NFC, single spaces, plain apostrophes."""
    return " ".join(plain_apostrophes(unicodedata.normalize("NFC", name)).split())


@dataclass(frozen=True)
class State:
    """One state of the registry, as its entry in `registry/states.yml` declares it."""

    code: str  # ISO 3166-1 alpha-2, uppercase: "CZ"
    name: str  # official short name in English, as the UN uses it: "Czechia"
    aliases: tuple[str, ...]  # other names texts use for it: ("Czech Republic",)
    names: tuple[tuple[str, str], ...]  # (language, official short name), sorted: (("ar", ...), ...)
    source: Source

    @property
    def anchor(self) -> str:
        """The code as the site writes it in anchors and URLs: "cz"."""
        return self.code.lower()

    @property
    def english_names(self) -> tuple[str, ...]:
        """The official name, then the aliases: every English name a text may use."""
        return (self.name, *self.aliases)

    def name_in(self, language: str) -> str:
        """The official short name in `language`, or the English one where the registry has none."""
        return dict(self.names).get(language, self.name)


@dataclass(frozen=True)
class States:
    """The registry: states in file order, found by code or by one of their English names."""

    path: str
    states: tuple[State, ...]
    _by_code: Mapping[str, State] = field(init=False, repr=False, compare=False)
    _by_name: Mapping[str, State] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, State] = {}
        by_name: dict[str, State] = {}
        for state in self.states:
            if state.code in by_code:
                raise ValueError(f"state {state.code} is listed twice")
            by_code[state.code] = state
            for name in state.english_names:
                other = by_name.setdefault(name_key(name), state)
                if other is not state:
                    raise ValueError(f"{name!r} names both {other.code} and {state.code}")
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))
        object.__setattr__(self, "_by_name", MappingProxyType(by_name))

    def __iter__(self) -> Iterator[State]:
        return iter(self.states)

    def __len__(self) -> int:
        return len(self.states)

    def get(self, code: str) -> State | None:
        """The state with this ISO code, in either case ("CZ" or "cz"), or None."""
        return self._by_code.get(code.upper())

    def find(self, name: str) -> State | None:
        """The state whose official English name or alias is exactly `name` (see `name_key`)."""
        return self._by_name.get(name_key(name))

    def english_names(self) -> tuple[str, ...]:
        """Every official English name and alias of the registry."""
        return tuple(name for state in self.states for name in state.english_names)

    def name_in(self, code: str, language: str) -> str:
        """The official short name of state `code` in `language`, falling back to English."""
        state = self.get(code)
        if state is None:
            raise KeyError(f"{code!r} is not a state in {self.path}")
        return state.name_in(language)


# ---------------------------------------------------------------------------------------------
# Reading the file


def load_states(path: Path) -> States:
    """The registry in `path`, validated; bad input raises InputError with its line."""
    name = str(path)
    root = _compose(path)
    if root is None:
        raise InputError(name, 1, "the registry of states is empty: expected entries such as 'CZ:'")
    if not isinstance(root, yaml.MappingNode):
        raise InputError(
            name, _line(root), "expected one entry per state, keyed by its ISO 3166-1 alpha-2 code ('CZ:')"
        )
    states: list[State] = []
    seen: dict[str, int] = {}
    for key, value in root.value:
        state = _read_state(name, key, value)
        if state.code in seen:
            raise InputError(
                name, state.source.line, f"{state.code} is listed twice (first at line {seen[state.code]})"
            )
        seen[state.code] = state.source.line
        states.append(state)
    _check_unique_names(name, root)
    return States(name, tuple(states))


def _compose(path: Path) -> yaml.Node | None:
    name = str(path)
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(name, 1, f"not valid UTF-8: {error.reason}; save the file as UTF-8") from None
    try:
        return compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise InputError(name, line, f"not valid YAML: {getattr(error, 'problem', error)}") from None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _read_state(path: str, key: yaml.Node, value: yaml.Node) -> State:
    line = _line(key)
    code = _read_code(path, key)
    if not isinstance(value, yaml.MappingNode):
        raise InputError(path, line, f"{code}: expected its fields (name, aliases, names) under the code")
    fields = _fields(path, code, value)
    if "name" not in fields:
        raise InputError(path, line, f"{code}: missing 'name' (its official short name in English)")
    return State(
        code=code,
        name=_text(path, code, "'name'", fields["name"]),
        aliases=_aliases(path, code, fields.get("aliases")),
        names=_names(path, code, fields.get("names")),
        source=Source(path, line),
    )


def _read_code(path: str, key: yaml.Node) -> str:
    code = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
    if _CODE.fullmatch(code):
        return code
    hint = f": write it in capitals, '{code.upper()}'" if _CODE.fullmatch(code.upper()) else ""
    raise InputError(path, _line(key), f"{code!r} is not an ISO 3166-1 alpha-2 code such as 'CZ'{hint}")


def _fields(path: str, code: str, node: yaml.MappingNode) -> dict[str, yaml.Node]:
    fields: dict[str, yaml.Node] = {}
    for key, value in node.value:
        field_name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if field_name not in FIELDS:
            raise InputError(
                path, _line(key), f"{code}: unknown field {field_name!r} (known fields: {', '.join(FIELDS)})"
            )
        if field_name in fields:
            raise InputError(path, _line(key), f"{code}: field {field_name!r} is given twice")
        fields[field_name] = value
    return fields


def _text(path: str, code: str, what: str, node: yaml.Node) -> str:
    """A non-empty one-line string, with its whitespace tidied."""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(path, _line(node), f"{code}: {what} must be a single name")
    if not str(node.value).strip():
        raise InputError(path, _line(node), f"{code}: {what} is empty")
    return " ".join(str(node.value).split())


def _aliases(path: str, code: str, node: yaml.Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(path, _line(node), f"{code}: aliases must be a list, such as [Czech Republic]")
    return tuple(_text(path, code, "an alias", item) for item in node.value)


def _names(path: str, code: str, node: yaml.Node | None) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.MappingNode):
        raise InputError(path, _line(node), f"{code}: names must map languages to names, such as 'fr: Tchéquie'")
    names: dict[str, str] = {}
    for key, value in node.value:
        language = key.value if isinstance(key, yaml.ScalarNode) else ""
        if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
            raise InputError(path, _line(key), f"{code}: {language!r} is not a language code such as 'fr'")
        if language == "en":
            raise InputError(path, _line(key), f"{code}: the English name goes in 'name', not under 'names'")
        if language in names:
            raise InputError(path, _line(key), f"{code}: the {language} name is given twice")
        names[language] = _text(path, code, f"the {language} name", value)
    return tuple(sorted(names.items()))


def _check_unique_names(path: str, root: yaml.MappingNode) -> None:
    """No name may belong to two states: a text naming it could not say which one it means.

    English names and aliases share one space; each other language has its own.
    """
    seen: dict[tuple[str, str], tuple[str, int]] = {}  # (language, key) -> (code, line)
    for language, name, code, line in _all_names(root):
        first = seen.setdefault((language, name_key(name)), (code, line))
        if first == (code, line):
            continue
        other, other_line = first
        what = "a name" if language == "en" else f"a {language} name"
        if other == code:
            raise InputError(path, line, f"{code}: {name!r} is listed twice (first at line {other_line})")
        raise InputError(
            path,
            line,
            f"{code}: {name!r} is already {what} of {other} (line {other_line}); a name must belong to one state",
        )


def _all_names(root: yaml.MappingNode) -> Iterator[tuple[str, str, str, int]]:
    """(language, name, code, line) for every name of an already validated registry."""
    for key, value in root.value:
        for field_key, field_value in value.value:
            if field_key.value == "name":
                nodes = [("en", field_value)]
            elif field_key.value == "aliases":
                nodes = [("en", item) for item in field_value.value]
            else:
                nodes = [(language.value, name) for language, name in field_value.value]
            for language, node in nodes:
                yield language, " ".join(node.value.split()), key.value, _line(node)
