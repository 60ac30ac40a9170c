"""The permanent id grammar: the one place that parses and formats paragraph ids and message keys.

Paragraph ids are the URL contract (`/<slug>/op5/`, `#op3-a-ii`): language-neutral, never derived
from text, following the printed numbering where there is one and the position where there is none.

    pp12            preambular paragraph 12 (numbered in order; also European Parliament citations)
    op5             operative paragraph 5 (a single unnumbered operative paragraph is op1)
    op3-a, op3-a-ii lettered and roman sub-paragraphs
    op7-1, op7-1-2  decimal sub-paragraphs (PACE "7.1.2")
    recital-a       a lettered recital (European Parliament "A. whereas ...")
    annex-18        paragraph 18 of the annex; annex-18-b its sub-paragraph (b)
    annex-pp1       an unnumbered paragraph of the annex before its numbered ones
    annex-ii-3      paragraph 3 of annex II, where a resolution has several annexes

Adding a shape is a change here (grammar, label, Akoma Ntoso eId, order) and in the importer.
Message keys (`MessageKey`) scope a catalog message: `<slug>:<key>`, `instrument:<id>`, `state:<code>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

Part = Literal["pp", "op", "recital", "annex", "annex-pp"]

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN = r"(?:x{0,3})(?:ix|iv|v?i{0,3})"
_SUB = r"[a-z]{1,4}|\d{1,4}"
_GRAMMAR = re.compile(
    rf"""^(?:
        (?P<part>pp|op)(?P<number>[1-9]\d{{0,4}})
      | recital-(?P<recital>[a-z]{{1,3}})
      | annex(?:-(?=[ivxlc])(?P<annex>{_ROMAN}))?-(?P<annex_pp>pp)?(?P<annex_number>[1-9]\d{{0,4}})
    )(?P<subs>(?:-(?:{_SUB}))*)$""",
    re.VERBOSE,
)


def _(message: str) -> str:
    """Marks an interface message for extraction into site.pot; the page translates it later."""
    return message


# The label of each part, as an interface message with a {number} placeholder (see `label_message`).
LABELS: dict[Part, str] = {
    "pp": _("Preambular paragraph {number}"),
    "op": _("Operative paragraph {number}"),
    "recital": _("Recital {number}"),
    "annex": _("Paragraph {number} of the annex"),
    "annex-pp": _("Preambular paragraph {number} of the annex"),
}
LABELS_OF_ANNEX: dict[Part, str] = {
    "annex": _("Paragraph {number} of annex {annex}"),
    "annex-pp": _("Preambular paragraph {number} of annex {annex}"),
}
PART_ORDER: dict[Part, int] = {"pp": 0, "recital": 1, "op": 2, "annex-pp": 3, "annex": 4}


def roman_value(numeral: str) -> int:
    """'iv' -> 4 (numerals as the grammar admits them)."""
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def roman_numeral(value: int) -> str:
    """4 -> 'iv' (the inverse of `roman_value`, for 1 to 399)."""
    out = ""
    for number, letters in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while value >= number:
            out, value = out + letters, value - number
    return out


def _sub_order(label: str) -> tuple[int, int | str]:
    return (0, int(label)) if label.isdigit() else (1, label)


@dataclass(frozen=True)
class ParagraphId:
    """A paragraph or sub-paragraph id, parsed: `str(ParagraphId.parse(s)) == s` for every valid id."""

    part: Part
    number: str  # digits, or the recital's letters
    annex: str = ""  # the annex's roman numeral where a resolution has several annexes
    subs: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> ParagraphId:
        match = _GRAMMAR.match(text)
        if not match:
            raise ValueError(f"not a paragraph id: {text!r}")
        subs = tuple(match.group("subs").split("-")[1:])
        if match.group("part"):
            return cls(match.group("part"), match.group("number"), "", subs)  # type: ignore[arg-type]
        if match.group("recital"):
            return cls("recital", match.group("recital"), "", subs)
        part: Part = "annex-pp" if match.group("annex_pp") else "annex"
        return cls(part, match.group("annex_number"), match.group("annex") or "", subs)

    @classmethod
    def is_valid(cls, text: str) -> bool:
        return bool(_GRAMMAR.match(text))

    @classmethod
    def preambular(cls, number: int) -> ParagraphId:
        return cls("pp", str(number))

    @classmethod
    def operative(cls, number: int) -> ParagraphId:
        return cls("op", str(number))

    @classmethod
    def recital(cls, letters: str) -> ParagraphId:
        """A lettered recital, as printed ("A" -> recital-a)."""
        return cls("recital", letters.lower())

    @classmethod
    def annex_paragraph(cls, number: int, numeral: str = "", *, unnumbered: bool = False) -> ParagraphId:
        """Paragraph `number` of the annex (of annex `numeral` where there are several); an
        unnumbered paragraph before the annex's numbered ones is `annex-pp<number>`."""
        return cls("annex-pp" if unnumbered else "annex", str(number), numeral.lower())

    def __str__(self) -> str:
        if self.part in ("pp", "op"):
            head = f"{self.part}{self.number}"
        elif self.part == "recital":
            head = f"recital-{self.number}"
        else:
            annex = f"-{self.annex}" if self.annex else ""
            head = f"annex{annex}-{'pp' if self.part == 'annex-pp' else ''}{self.number}"
        return head + "".join(f"-{sub}" for sub in self.subs)

    @property
    def top(self) -> ParagraphId:
        """The paragraph this id belongs to (itself for a paragraph): the page it is on."""
        return replace(self, subs=()) if self.subs else self

    @property
    def parent(self) -> ParagraphId | None:
        """One level up: op3-a-ii -> op3-a -> op3 -> None."""
        return replace(self, subs=self.subs[:-1]) if self.subs else None

    def child(self, label: str) -> ParagraphId:
        return replace(self, subs=(*self.subs, label))

    @property
    def is_paragraph(self) -> bool:
        return not self.subs

    @property
    def order(self) -> tuple:
        """Document order across parts: preamble, recitals, operative part, annexes; op2 before op10."""
        annex = roman_value(self.annex) if self.annex else 0
        number = int(self.number) if self.number.isdigit() else 0
        return (PART_ORDER[self.part], annex, number, self.number, tuple(_sub_order(s) for s in self.subs))

    @property
    def printed_number(self) -> str:
        """The number as the assembly prints it with its sub-paragraphs: '3 (a) (ii)', '7.1.2', 'A'."""
        head = self.number.upper() if self.part == "recital" else self.number
        out = head
        for sub in self.subs:
            out += f".{sub}" if sub.isdigit() else f" ({sub})"
        return out

    def label_message(self) -> tuple[str, dict[str, str]]:
        """The interface message naming this paragraph and its arguments:
        ("Operative paragraph {number}", {"number": "3 (a)"})."""
        if self.annex:
            return LABELS_OF_ANNEX[self.part], {"number": self.printed_number, "annex": self.annex.upper()}
        return LABELS[self.part], {"number": self.printed_number}

    def label_en(self) -> str:
        """The English label, lowercase first ('operative paragraph 3 (a)'), as notes and comments say."""
        message, args = self.label_message()
        label = message.format(**args)
        return label[0].lower() + label[1:]

    @property
    def akn_eid(self) -> str:
        """The Akoma Ntoso eId (naming convention): op3-a -> para_3__list_1__point_a."""
        if self.part == "pp":
            return f"preamble__container_{self.number}" + "".join(f"__list_1__item_{s}" for s in self.subs)
        if self.part == "recital":
            return f"preamble__recital_{self.number}" + "".join(f"__list_1__item_{s}" for s in self.subs)
        points = "".join(f"__list_1__point_{s}" for s in self.subs)
        if self.part == "op":
            return f"para_{self.number}{points}"
        attachment = f"att_{roman_value(self.annex) if self.annex else 1}"
        if self.part == "annex-pp":
            return f"{attachment}__preamble__container_{self.number}" + points.replace("point", "item")
        return f"{attachment}__para_{self.number}{points}"


def paragraph_id(text: str) -> ParagraphId:
    """Parse a paragraph id (ValueError if it is not one)."""
    return ParagraphId.parse(text)


# ---------------------------------------------------------------------------------------------
# Message keys

INSTRUMENT = "instrument"
STATE = "state"
PHRASE = "phrase"


@dataclass(frozen=True)
class MessageKey:
    """The context of a catalog message: `<slug>:<key>` for a resolution's strings ("op5", "title",
    "fn1", "op5:phrase"), `instrument:<id>` and `state:<ISO code>` for the registries' names."""

    scope: str
    key: str

    @classmethod
    def parse(cls, context: str) -> MessageKey:
        scope, sep, key = context.partition(":")
        if not sep or not scope or not key:
            raise ValueError(f"not a message context: {context!r}")
        return cls(scope, key)

    @classmethod
    def instrument(cls, instrument_id: str) -> MessageKey:
        return cls(INSTRUMENT, instrument_id)

    @classmethod
    def state(cls, code: str) -> MessageKey:
        return cls(STATE, code)

    @classmethod
    def phrase(cls, slug: str, target: str) -> MessageKey:
        """A phrase a state reserved on, inside paragraph `target`."""
        return cls(slug, f"{target}:{PHRASE}")

    @property
    def context(self) -> str:
        return f"{self.scope}:{self.key}"

    def __str__(self) -> str:
        return self.context

    @property
    def paragraph(self) -> ParagraphId | None:
        """The paragraph (or sub-paragraph) this message is the text of, if it is one."""
        head = self.key.split(":", 1)[0]
        return ParagraphId.parse(head) if ParagraphId.is_valid(head) else None
