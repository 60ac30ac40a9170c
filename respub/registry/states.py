"""The registry of states (`registry/states.yml`): who can be named in a reservations note.

Each state is keyed by its ISO 3166-1 alpha-2 code (uppercase in the file; the site writes it in
lowercase in anchors) and carries its official short name in English as the UN uses it, the other
names texts really use for it (former official names such as "Czech Republic" or "Turkey") and its
official short names in the site's other languages.

Names are matched exactly, never fuzzily: "Niger" is not "Nigeria", and a name the registry does not
list is unknown. Names are compared as respub.registry.names says, like the instruments' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from respub.l10n.languages import known_language
from respub.model import Source
from respub.registry.names import collision_key, name_key
from respub.source.yamlfile import YamlFile, line_of, read_yaml

STATES_FILE = "registry/states.yml"
FIELDS = ("name", "aliases", "names")
_CODE = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


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
    doc = read_yaml(path)
    if doc.root is None:
        doc.fail(1, "the registry of states is empty: expected entries such as 'CZ:'")
    entries = doc.mapping(
        doc.root, "expected one entry per state, keyed by its ISO 3166-1 alpha-2 code ('CZ:')", "state "
    )
    states: list[State] = []
    claims: list[_Claim] = []
    for _, key, value in entries:
        state, claimed = _read_state(doc, key, value)
        states.append(state)
        claims.extend(claimed)
    _check_unique_names(doc, claims)
    return States(doc.path, tuple(states))


@dataclass(frozen=True)
class _Claim:
    """A name a state claims in a language, with its line, to report collisions."""

    language: str
    name: str
    code: str
    line: int


def _read_state(doc: YamlFile, key: yaml.Node, value: yaml.Node) -> tuple[State, list[_Claim]]:
    code = _read_code(doc, key)
    fields = doc.fields(
        value, FIELDS, f"{code}: expected its fields (name, aliases, names) under the code", f"{code}: "
    )
    if "name" not in fields:
        doc.fail(key, f"{code}: missing 'name' (its official short name in English)")
    name = _name(doc, fields["name"], f"{code}: 'name'")
    claims = [_Claim("en", name, code, line_of(fields["name"]))]
    claims += _aliases(doc, code, fields.get("aliases"))
    claims += _names(doc, code, fields.get("names"))
    state = State(
        code=code,
        name=name,
        aliases=tuple(claim.name for claim in claims[1:] if claim.language == "en"),
        names=tuple(sorted((claim.language, claim.name) for claim in claims if claim.language != "en")),
        source=Source(doc.path, line_of(key)),
    )
    return state, claims


def _name(doc: YamlFile, node: yaml.Node, what: str) -> str:
    return doc.text(node, what, f"{what} must be a single name")


def _read_code(doc: YamlFile, key: yaml.Node) -> str:
    code = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
    if _CODE.fullmatch(code):
        return code
    hint = f": write it in capitals, '{code.upper()}'" if _CODE.fullmatch(code.upper()) else ""
    doc.fail(key, f"{code!r} is not an ISO 3166-1 alpha-2 code such as 'CZ'{hint}")


def _aliases(doc: YamlFile, code: str, node: yaml.Node | None) -> list[_Claim]:
    if node is None:
        return []
    items = doc.sequence(node, f"{code}: aliases must be a list, such as [Czech Republic]")
    return [_Claim("en", _name(doc, item, f"{code}: an alias"), code, line_of(item)) for item in items]


def _names(doc: YamlFile, code: str, node: yaml.Node | None) -> list[_Claim]:
    if node is None:
        return []
    entries = doc.mapping(node, f"{code}: names must map languages to names, such as 'fr: Tchéquie'", f"{code}: ")
    claims: list[_Claim] = []
    for language, key, value in entries:
        if not _LANGUAGE.fullmatch(language) or not known_language(language):
            doc.fail(key, f"{code}: {language!r} is not a language code such as 'fr'")
        if language == "en":
            doc.fail(key, f"{code}: the English name goes in 'name', not under 'names'")
        claims.append(_Claim(language, _name(doc, value, f"{code}: the {language} name"), code, line_of(value)))
    return claims


def _check_unique_names(doc: YamlFile, claims: list[_Claim]) -> None:
    """No name may belong to two states: a text naming it could not say which one it means.

    English names and aliases share one space; each other language has its own.
    """
    seen: dict[tuple[str, str], _Claim] = {}
    for claim in claims:
        first = seen.setdefault((claim.language, collision_key(claim.name)), claim)
        if first is claim:
            continue
        what = "a name" if claim.language == "en" else f"a {claim.language} name"
        if first.code == claim.code:
            doc.fail(claim.line, f"{claim.code}: {claim.name!r} is listed twice (first at line {first.line})")
        doc.fail(
            claim.line,
            f"{claim.code}: {claim.name!r} is already {what} of {first.code} (line {first.line}); "
            "a name must belong to one state",
        )
