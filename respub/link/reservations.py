"""Read a resolution's reservations note into structured records (`Position`).

A note is prose, but prose with a small, regular grammar. The 145th IPU Assembly's reads:

    A number of delegations took the floor to express their reservations: – Czech Republic on
    operative paragraph 3, India on preambular paragraph 21, [...], Qatar on the reference to labour
    mobility in operative paragraph 5, [...] and Türkiye on preambular paragraph 19 – Hungary and
    Indonesia on the entire resolution. The Russian Federation expressed its opposition to the
    resolution.

So a note is a run of sentences, each either

* a list: a clause that mentions reservations, a colon, then entries `<states> on <targets>`
  separated by commas, "and", semicolons or spaced dashes (– — -); or
* a statement: `<states> expressed its opposition to <targets>`, `<states> opposed <targets>` or
  `<states> expressed reservations on <targets>`.

A target is "the entire resolution", a paragraph list ("preambular paragraphs 9 and 10",
"operative paragraph 3 (a)"), recitals ("recital A", "recitals A and B"), paragraphs of an annex
("paragraph 18 (b) of the annex", "preambular paragraph 2 of the annex", "paragraphs 1 and 3 of
annex II") or a phrase inside any of these ("the reference to X in operative paragraph 5", "the
words 'X' in ..."). A bare "paragraph 5" names no part and is refused, as is "the annex" of a
resolution with several. States are recognised only by a name or alias listed in the
registry, the longest one that fits; a leading "The" or "the delegation of" is not part of the name.
Whatever does not fit this grammar is an InputError at the note's line saying what was expected:
the reader never guesses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NoReturn

from respub.errors import InputError
from respub.ids import ParagraphId
from respub.model import FOOTNOTE_REF, PREAMBULAR, Paragraph, Resolution, Source, SubParagraph
from respub.registry.names import name_key, plain_apostrophes
from respub.registry.states import State, States

Kind = Literal["reservation", "opposition"]
RESERVATION: Kind = "reservation"
OPPOSITION: Kind = "opposition"


@dataclass(frozen=True)
class Target:
    """What a position is about: a paragraph (or sub-paragraph), possibly a phrase inside it.

    `paragraph_id` None means the entire resolution.
    """

    paragraph_id: str | None
    phrase: str = ""

    @property
    def entire(self) -> bool:
        return self.paragraph_id is None


@dataclass(frozen=True)
class Position:
    """One state's reservation on, or opposition to, (parts of) the resolution."""

    state_code: str
    name: str  # the name exactly as the text writes it: "Czech Republic", not "Czechia"
    kind: Kind
    targets: tuple[Target, ...]
    source: Source


# ---------------------------------------------------------------------------------------------
# The grammar's pieces. Each parsing function takes a position in the note's text and returns
# what it read with the position after it.

_INTRO = re.compile(r"[^.:;]*?\breservations?\b[^.:;]*:\s*(?:[–—-]\s+)?", re.IGNORECASE)
_LIST_SEP = re.compile(r",\s+and\s+|,\s+|\s+and\s+")
_ENTRY_SEP = re.compile(r"\s*;\s+|\s+[–—-]\s+|,\s+and\s+|,\s+|\s+and\s+")
_ON = re.compile(r"\s+on(?:\s+|$)")
_SENTENCE_END = re.compile(r"\s*(?:\.(?=\s|$)|$)\s*")
_STATE_PREFIX = re.compile(r"(?:[Tt]he\s+)?(?:delegations?\s+of\s+(?:the\s+)?)?")
_VERBS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"\s+(?:has\s+|have\s+)?expressed\s+(?:its\s+|their\s+)?opposition\s+to\s+"), OPPOSITION),
    (re.compile(r"\s+(?:has\s+|have\s+)?opposed\s+"), OPPOSITION),
    (
        re.compile(
            r"\s+(?:has\s+|have\s+)?expressed\s+(?:its\s+|their\s+)?reservations?\s+"
            r"(?:on|to|about|regarding|concerning)\s+"
        ),
        RESERVATION,
    ),
)
_ENTIRE = re.compile(
    r"the\s+(?:(?:entire|whole)\s+resolution|resolution\s+as\s+a\s+whole|resolution(?:\s+in\s+its\s+entirety)?)\b"
)
_PARAGRAPH_AHEAD = r"(?=(?:the\s+)?(?:(?:preambular|operative)\s+)?(?:paragraphs?|recitals?)\b)"
_REFERENCE = re.compile(rf"the\s+references?\s+to\s+(?P<phrase>[^.;–—]+?)\s+in\s+{_PARAGRAPH_AHEAD}", re.IGNORECASE)
_WORDS = re.compile(
    r"the\s+(?:words?|phrases?|terms?|expressions?)\s+[“\"‘'«]\s?(?P<phrase>[^.;–—]+?)\s?[”\"’'»]"
    rf"\s+in\s+{_PARAGRAPH_AHEAD}",
    re.IGNORECASE,
)
_PARAGRAPHS = re.compile(
    r"(?:the\s+)?(?:(?P<kind>preambular|operative)\s+)?(?P<word>paragraphs?|recitals?)\s+", re.IGNORECASE
)
_NUMBER = re.compile(r"(?P<number>\d{1,3})\b(?P<subs>(?:\s?\([a-z]{1,4}\))*)")
_LETTERS = re.compile(r"(?P<number>[A-Z]{1,3})\b(?P<subs>(?:\s?\([a-z]{1,4}\))*)")  # recital "A", "AB (i)"
_OF_ANNEX = re.compile(r"\s+of\s+(?:(?P<the>the)\s+annex|annex\s+(?P<numeral>[IVXLC]{1,6}))\b", re.IGNORECASE)
_LABEL = re.compile(r"\(([a-z]{1,4})\)")
_SIBLING = re.compile(r"\([a-z]{1,4}\)(?:\s?\([a-z]{1,4}\))*")
# What an unknown state looks like: capitalised words (with "of", "the" and parentheses, as in
# "Iran (Islamic Republic of)") followed by what follows a state's name in the grammar.
_CANDIDATE = re.compile(
    r"(?:[Tt]he\s+)?(?P<name>[A-Z][^\s,;:.]*(?:\s+(?:[A-Z(][^\s,;:.]*|of|the)){0,6})"
    r"(?=\s+(?:on|expressed|opposed|has|have)\b|,\s|\s+and\s)"
)
_QUOTED = re.compile(r"[“\"«‘](.+?)[”\"»’](?!\w)")
_QUOTES = MappingProxyType(str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "\u2011": "-"}))
_EXPECTED_TARGET = (
    "'the entire resolution', 'preambular paragraph 9', 'operative paragraphs 3 and 4', "
    "'operative paragraph 3 (a)', 'recital A', 'paragraph 18 (b) of the annex', 'paragraph 3 of annex II', "
    "'the reference to ... in operative paragraph 5' or 'the words \"...\" in operative paragraph 5'"
)
_EXPECTED_SENTENCE = (
    "a list such as 'Some delegations expressed reservations: Qatar on operative paragraph 5, "
    "India on the entire resolution' or a sentence such as 'Qatar expressed its opposition to the "
    "resolution'"
)


@dataclass(frozen=True)
class _Note:
    """The note being read, with what every parsing function needs to know about it."""

    text: str  # the note in NFC with single spaces: positions refer to it
    folded: str  # the same text, apostrophes made plain (same length): names are matched in it
    resolution: Resolution
    states: States
    source: Source
    names: tuple[tuple[str, State], ...]  # (name_key, state) for every name, longest first

    def fail(self, message: str) -> NoReturn:
        raise InputError(self.source.path, self.source.line, message)


def read_positions(resolution: Resolution, states: States) -> tuple[Position, ...]:
    """Every position the resolution's reservations note records, in the note's order."""
    if not resolution.note.strip():
        return ()
    note = _prepare(resolution, states)
    positions: list[Position] = []
    pos = 0
    while pos < len(note.text):
        found, pos = _sentence(note, pos)
        positions.extend(found)
    return tuple(positions)


def _prepare(resolution: Resolution, states: States) -> _Note:
    text = " ".join(unicodedata.normalize("NFC", resolution.note).split())
    names = sorted(
        ((name_key(name), state) for state in states for name in state.english_names),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    return _Note(
        text=text,
        folded=plain_apostrophes(text),
        resolution=resolution,
        states=states,
        source=resolution.note_source or resolution.source,
        names=tuple(names),
    )


# ---------------------------------------------------------------------------------------------
# Sentences and entries


def _sentence(note: _Note, pos: int) -> tuple[list[Position], int]:
    intro = _INTRO.match(note.text, pos)
    if intro:
        return _entries(note, intro.end())
    return _statement(note, pos)


def _entries(note: _Note, pos: int) -> tuple[list[Position], int]:
    """`<states> on <targets>` entries up to the end of the sentence."""
    positions, pos = _entry(note, pos, "", "a state's name")
    while not (end := _SENTENCE_END.match(note.text, pos)):
        who = positions[-1].name
        separator = _ENTRY_SEP.match(note.text, pos)
        if not separator:
            _cannot_read(note, pos, who, "a comma, 'and', a dash or the end of the sentence")
        found, pos = _entry(note, separator.end(), who, "another paragraph or a state's name")
        positions.extend(found)
    return positions, end.end()


def _entry(note: _Note, pos: int, before: str, expected: str) -> tuple[list[Position], int]:
    """One `<states> on <targets>` entry; `before` names the previous entry's state, for errors."""
    named, pos = _states(note, pos, before, expected)
    who = _who(named)
    on = _ON.match(note.text, pos)
    if not on:
        _unknown_in_list(note, pos)
        _cannot_read(note, pos, who, "'on' and what the reservation is about")
    targets, pos = _targets(note, on.end(), who)
    return _positions(note, named, RESERVATION, targets), pos


def _statement(note: _Note, pos: int) -> tuple[list[Position], int]:
    """`<states> expressed its opposition to <targets>.` and the like."""
    named, after = _states(note, pos, "", _EXPECTED_SENTENCE)
    who = _who(named)
    for verb, kind in _VERBS:
        match = verb.match(note.text, after)
        if match:
            targets, pos = _targets(note, match.end(), who)
            end = _SENTENCE_END.match(note.text, pos)
            if not end:
                _cannot_read(note, pos, who, "a comma, 'and' or the end of the sentence")
            return _positions(note, named, kind, targets), end.end()
    _unknown_in_list(note, after)
    _cannot_read(note, after, who, "'expressed its opposition to', 'opposed' or 'expressed reservations on'")


def _positions(note: _Note, named: list[tuple[State, str]], kind: Kind, targets: tuple[Target, ...]) -> list[Position]:
    return [Position(state.code, written, kind, targets, note.source) for state, written in named]


# ---------------------------------------------------------------------------------------------
# States


def _states(note: _Note, pos: int, before: str, expected: str) -> tuple[list[tuple[State, str]], int]:
    """One or more states joined by commas or "and": [(state, name as written)]."""
    first = _state_at(note, pos)
    if first is None:
        _unknown_state(note, pos)
        _cannot_read(note, pos, before, expected)
    named = [first[:2]]
    pos = first[2]
    while separator := _LIST_SEP.match(note.text, pos):
        following = _state_at(note, separator.end())
        if following is None:
            break
        named.append(following[:2])
        pos = following[2]
    return named, pos


def _state_at(note: _Note, pos: int) -> tuple[State, str, int] | None:
    """The state whose name starts at `pos` (after an optional "The"), with its name and end."""
    starts = {pos, _STATE_PREFIX.match(note.text, pos).end()}
    best: tuple[State, str, int] | None = None
    for start in sorted(starts):
        for key, state in note.names:
            end = start + len(key)
            if note.folded.startswith(key, start) and not note.text[end : end + 1].isalnum():
                if best is None or end > best[2]:
                    best = (state, note.text[start:end], end)
                break
    return best


def _unknown_state(note: _Note, pos: int) -> None:
    """Fail if what stands at `pos` looks like a state's name that the registry does not list."""
    candidate = _CANDIDATE.match(note.text, pos)
    if candidate:
        note.fail(f"{candidate['name']!r} is not a state in {note.states.path}")


def _unknown_in_list(note: _Note, pos: int) -> None:
    """Fail if a list of states goes on, at `pos`, with a name the registry does not list."""
    separator = _LIST_SEP.match(note.text, pos)
    if separator:
        _unknown_state(note, separator.end())


def _who(named: list[tuple[State, str]]) -> str:
    """The states of an entry, as the text names them, for error messages."""
    names = [written for _, written in named]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# ---------------------------------------------------------------------------------------------
# Targets


def _targets(note: _Note, pos: int, who: str) -> tuple[tuple[Target, ...], int]:
    """One or more targets joined by commas or "and"; stops before whatever is not a target."""
    found = _target(note, pos, who)
    if found is None:
        _cannot_read(note, pos, who, _EXPECTED_TARGET)
    targets, pos = found
    while separator := _LIST_SEP.match(note.text, pos):
        more = _target(note, separator.end(), who)
        if more is None:
            break
        targets, pos = targets + more[0], more[1]
    return targets, pos


def _target(note: _Note, pos: int, who: str) -> tuple[tuple[Target, ...], int] | None:
    """The target(s) at `pos`, or None if nothing there looks like one."""
    entire = _ENTIRE.match(note.text, pos)
    if entire:
        return (Target(None),), entire.end()
    phrase = _REFERENCE.match(note.text, pos) or _WORDS.match(note.text, pos)
    if phrase:
        text = _unquote(phrase["phrase"])
        return _paragraphs(note, phrase.end(), who, text)
    if _PARAGRAPHS.match(note.text, pos):
        return _paragraphs(note, pos, who, "")
    return None


def _paragraphs(note: _Note, pos: int, who: str, phrase: str) -> tuple[tuple[Target, ...], int]:
    """'operative paragraphs 3 (a), 4 and 5', 'recitals A and B', 'paragraph 18 (b) of the annex':
    one target per paragraph, each checked.

    A bare label after a sub-paragraph names its sibling: "paragraph 2 (a) and (b)", "2 (b) (i)
    and (ii)".
    """
    heading = _PARAGRAPHS.match(note.text, pos)
    if heading is None:  # only reached through a look-ahead that promised a paragraph
        _cannot_read(note, pos, who, _EXPECTED_TARGET)
    recital = heading["word"].lower().startswith("recital")
    if recital and heading["kind"]:
        _cannot_read(note, pos, who, "'recital A' (a recital is neither preambular nor operative)")
    numbers = _LETTERS if recital else _NUMBER
    first = numbers.match(note.text, heading.end())
    if first is None:
        _cannot_read(note, heading.end(), who, f"a {'letter' if recital else 'number'} after '{heading[0].strip()}'")
    number, labels = first["number"], _LABEL.findall(first["subs"])
    cited = [(number, labels)]
    pos = first.end()
    while separator := _LIST_SEP.match(note.text, pos):
        following = numbers.match(note.text, separator.end())
        if following and recital and _state_at(note, separator.end()):  # "recital A and UK on ..."
            following = None
        sibling = _SIBLING.match(note.text, separator.end()) if labels else None
        if following:
            number, labels = following["number"], _LABEL.findall(following["subs"])
        elif sibling:
            labels = labels[:-1] + _LABEL.findall(sibling[0])
        else:
            break
        cited.append((number, labels))
        pos = (following or sibling).end()
    annex = _OF_ANNEX.match(note.text, pos)
    if annex:
        pos = annex.end()
    heads = [_head(note, who, heading, annex, number) for number, _labels in cited]
    targets = [
        _paragraph_target(note, who, head, labels, phrase) for head, (_n, labels) in zip(heads, cited, strict=True)
    ]
    return tuple(targets), pos


def _head(note: _Note, who: str, heading: re.Match[str], annex: re.Match[str] | None, number: str) -> ParagraphId:
    """The paragraph a heading and a number name: 'operative paragraph' 3, 'recital' A, 'paragraph'
    18 'of the annex', 'preambular paragraph' 2 'of annex II'."""
    kind = (heading["kind"] or "").lower()
    if heading["word"].lower().startswith("recital"):
        if annex:
            note.fail(f"{who}: an annex has no recitals: cite 'recital {number}' or a paragraph of the annex")
        return ParagraphId.recital(number)
    if annex:
        return ParagraphId.annex_paragraph(int(number), _annex_numeral(note, who, annex), unnumbered=kind == PREAMBULAR)
    if not kind:
        note.fail(
            f"{who}: 'paragraph {number}' names no part: write 'preambular paragraph {number}', "
            f"'operative paragraph {number}' or 'paragraph {number} of the annex'"
        )
    return ParagraphId.preambular(int(number)) if kind == PREAMBULAR else ParagraphId.operative(int(number))


def _annex_numeral(note: _Note, who: str, annex: re.Match[str]) -> str:
    """The numeral of the annex cited ("" for "the annex" of a resolution with a single one)."""
    numerals = [item.numeral for item in note.resolution.annexes]
    if not numerals:
        note.fail(f"{who}: the resolution has no annex")
    if annex["the"]:
        if numerals != [""]:
            note.fail(
                f"{who}: 'the annex' is ambiguous: the resolution has annexes {', '.join(n.upper() for n in numerals)}"
            )
        return ""
    numeral = annex["numeral"].lower()
    if numeral not in numerals:
        having = (
            "a single annex ('the annex')" if numerals == [""] else f"annexes {', '.join(n.upper() for n in numerals)}"
        )
        note.fail(f"{who}: annex {numeral.upper()} does not exist (the resolution has {having})")
    return numeral


def _paragraph_target(note: _Note, who: str, head: ParagraphId, labels: list[str], phrase: str) -> Target:
    paragraph_id = str(ParagraphId(head.part, head.number, head.annex, tuple(labels)))
    text = _paragraph_text(note, who, paragraph_id)
    if phrase and _folded(phrase) not in _folded(text):
        note.fail(f"{who}: '{phrase}' is not in {ParagraphId.parse(paragraph_id).label_en()}")
    return Target(paragraph_id, phrase)


def _paragraph_text(note: _Note, who: str, paragraph_id: str) -> str:
    """The words of a paragraph or sub-paragraph, with its sub-paragraphs; fails if it does not exist."""
    pid = ParagraphId.parse(paragraph_id)
    head, labels = str(pid.top), pid.subs
    resolution = note.resolution
    paragraph = resolution.paragraph(head)
    if paragraph is None:
        count = sum(_same_part(pid, ParagraphId.parse(other.id)) for other in resolution.paragraphs)
        note.fail(f"{who}: {pid.top.label_en()} does not exist (the resolution has {count})")
    node: Paragraph | SubParagraph = paragraph
    for depth, label in enumerate(labels, start=1):
        children = node.children
        match = next((child for child in children if child.label == label), None)
        if match is None:
            missing = ParagraphId(pid.part, pid.number, pid.annex, labels[:depth])
            note.fail(
                f"{who}: {missing.label_en()} does not exist ({missing.parent.label_en()} has {_describe(children)})"
            )
        node = match
    return " ".join(_all_text(node))


def _same_part(one: ParagraphId, other: ParagraphId) -> bool:
    return (one.part, one.annex) == (other.part, other.annex)


def _all_text(node: Paragraph | SubParagraph) -> list[str]:
    children = node.children
    texts = [node.text]
    for child in children:
        texts.extend(_all_text(child))
    return texts


def _describe(children: tuple[SubParagraph, ...]) -> str:
    labels = [f"({child.label})" for child in children]
    if not labels:
        return "no sub-paragraphs"
    if len(labels) == 1:
        return f"only sub-paragraph {labels[0]}"
    return f"sub-paragraphs {', '.join(labels[:-1])} and {labels[-1]}"


def _unquote(phrase: str) -> str:
    """The quoted words of a phrase if it quotes some ("the “X”" -> "X"), else the phrase."""
    quoted = _QUOTED.search(phrase)
    if quoted:
        return quoted[1].strip()
    return phrase.strip().strip("\"'‘’").strip()


def _folded(text: str) -> str:
    """Text as a phrase is looked for in it: no footnote markers, plain quotes, any case."""
    text = FOOTNOTE_REF.sub("", unicodedata.normalize("NFC", text)).translate(_QUOTES)
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------------------------------
# Error messages


def _snippet(note: _Note, pos: int) -> str:
    """The text at `pos`, up to the next comma, dash or sentence end, to quote in a message."""
    rest = note.text[pos:].strip()
    piece = re.split(r",\s|;\s|\s[–—-]\s|\.(?:\s|$)", rest, maxsplit=1)[0].strip() or rest
    return piece if len(piece) <= 60 else piece[:57].rstrip() + "..."


def _cannot_read(note: _Note, pos: int, who: str, expected: str) -> NoReturn:
    """Fail on the text at `pos`, saying what the grammar expected there."""
    prefix = f"{who}: " if who else ""
    if not note.text[pos:].strip():
        note.fail(f"{prefix}the note ends too early: expected {expected}")
    note.fail(f"{prefix}cannot read {_snippet(note, pos)!r}: expected {expected}")
