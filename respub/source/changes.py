"""What a resolution's metadata declares about URLs it no longer has (see README, "How to withdraw
or move a published URL"):

```yaml
moved:                     # a corrigendum renumbered paragraphs: old id -> new id
  op32: op31
withdrawn:                 # a paragraph that is gone: old id -> why, in one sentence
  op33: "Deleted by corrigendum A/80/L.9/Corr.1."
previous_slugs:            # slugs this resolution was published under before
  - ipu-145-migrations
```

Only these declarations let a build drop a URL of published-urls.txt; each old URL then keeps
answering with a page that says what happened.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from respub.errors import InputError
from respub.ids import ParagraphId
from respub.model import Change, Source
from respub.source.yamlfile import read_yaml

MOVED, WITHDRAWN, PREVIOUS_SLUGS = "moved", "withdrawn", "previous_slugs"
CHANGE_KEYS = (MOVED, WITHDRAWN, PREVIOUS_SLUGS)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _pairs(path: str, key: str, node: yaml.Node) -> list[tuple[str, str, int]]:
    """`old: value` pairs of a mapping, with their lines."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError(path, _line(node), f"{key!r} must be 'old-id: ...' lines, e.g. '{key}: {{op32: op31}}'")
    out = []
    for old, value in node.value:
        if not isinstance(old, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            raise InputError(path, _line(old), f"{key!r}: each entry must be 'old-id: value'")
        old_id, text = str(old.value).strip(), str(value.value).strip()
        if not ParagraphId.is_valid(old_id):
            raise InputError(path, _line(old), f"{key!r}: {old_id!r} is not a paragraph id such as op32 or pp5")
        if not text:
            what = "the new id" if key == MOVED else "the reason, in one sentence"
            raise InputError(path, _line(old), f"{key!r}: {old_id!r} needs {what}")
        out.append((old_id, text, _line(old)))
    return out


def _changes(path: str, moved: yaml.Node | None, withdrawn: yaml.Node | None) -> tuple[Change, ...]:
    changes: list[Change] = []
    seen: dict[str, int] = {}
    for key, node in ((MOVED, moved), (WITHDRAWN, withdrawn)):
        if node is None:
            continue
        for old, value, line in _pairs(path, key, node):
            if old in seen:
                raise InputError(path, line, f"{old!r} is already declared on line {seen[old]}")
            seen[old] = line
            if key == MOVED and not ParagraphId.is_valid(value):
                raise InputError(path, line, f"moved: {old!r} -> {value!r}: the new place must be an id such as op31")
            if key == MOVED and value == old:
                raise InputError(path, line, f"moved: {old!r} moves to itself")
            to, reason = (value, "") if key == MOVED else ("", value)
            changes.append(Change(old, to, reason, Source(path, line)))
    return tuple(changes)


def _previous_slugs(path: str, node: yaml.Node | None) -> tuple[tuple[str, Source], ...]:
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else None
    if items is None or not all(isinstance(item, yaml.ScalarNode) for item in items):
        raise InputError(path, _line(node), "'previous_slugs' must be a list of slugs, e.g. '[old-slug]'")
    out = []
    for item in items:
        slug = str(item.value).strip()
        if not _SLUG.match(slug):
            raise InputError(
                path, _line(item), f"previous slug {slug!r} must be lowercase ASCII letters, digits and hyphens"
            )
        out.append((slug, Source(path, _line(item))))
    return tuple(out)


def read_changes(path: Path) -> tuple[tuple[Change, ...], tuple[tuple[str, Source], ...]]:
    """The `moved`, `withdrawn` and `previous_slugs` declarations of a metadata file (already known
    to be a valid YAML mapping)."""
    node = read_yaml(path).root
    found: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        found = {key.value: value for key, value in node.value if key.value in CHANGE_KEYS}
    name = str(path)
    changes = _changes(name, found.get(MOVED), found.get(WITHDRAWN))
    return changes, _previous_slugs(name, found.get(PREVIOUS_SLUGS))
