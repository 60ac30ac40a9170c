"""How readers cite a paragraph in a query ("op5", "paragraphe 5 du dispositif", "الفقرة 5 من المنطوق"):
the reference grammar, in one place.

`REFERENCES` are the patterns, per language, as data; `resolve` applies them in Python. The browser's
worker (overrides/assets/respub-search.js) has no grammar of its own: it reads `grammar(lang)`, which
respub.publish.search writes into the search bundle as `pagefind/respub/<lang>.json`, and applies it
exactly as `resolve` does (tests/test_search.py runs both on the same cases).

Each pattern is matched against the folded query (`normalize`: lowercase, accents and Arabic vowel
marks removed, Arabic-Indic digits as ASCII). `{n}` stands for the paragraph number and its optional
sub-paragraphs: "5", "3 (a)", "3(a)(ii)", "3-a". Patterns are tried in order, first the language's
own, then the English ones, then the abbreviations every language uses; the first match wins, so a
specific form ("paragraph 21 of the preamble") comes before a general one ("paragraph 5"). They are
written in the subset of regular expressions that Python and JavaScript read alike.

An expanded pattern has three groups (`REFERENCE_GROUP`, `NUMBER_GROUP`, `SUBPARAGRAPHS_GROUP`): the
reference as typed, the paragraph's number and its sub-paragraph labels, each label a run of
`SUBPARAGRAPH`. The paragraph's page is `<kind><number>` ("op3") and the anchor adds the labels
("op3-a-ii"), as the URL contract writes ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

SUBPARAGRAPH = r"[a-z]+"  # one sub-paragraph label inside the third group: "a", "ii"
# The groups of an expanded pattern: the reference as typed, the number, the sub-paragraph labels.
REFERENCE_GROUP, NUMBER_GROUP, SUBPARAGRAPHS_GROUP = 1, 2, 3
NUMBER = r"([0-9]{1,4})((?:\s*\(\s*[a-z]{1,5}\s*\)|-[a-z]{1,5})*)"
START = r"(?:^|\s)"
END = r"(?=$|[\s,;:.!?])"

REFERENCES: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        "en": (
            ("pp", r"preambular\s+(?:paragraph|para\.?|par\.?)\s*{n}"),
            ("pp", r"(?:paragraph|para\.?|par\.?)\s*{n}\s+of\s+the\s+preamble"),
            ("op", r"operative\s+(?:paragraph|para\.?|par\.?)\s*{n}"),
            ("op", r"(?:paragraph|para\.?|par\.?)\s*{n}\s+of\s+the\s+operative\s+part"),
            ("op", r"(?:paragraph|para\.?|§)\s*{n}"),
        ),
        "fr": (
            ("pp", r"(?:alinea|paragraphe)\s*{n}\s+du\s+preambule"),
            ("pp", r"(?:alinea|paragraphe)\s+(?:du\s+)?preambul(?:e|aire)\s*{n}"),
            ("pp", r"alinea\s*{n}"),
            ("op", r"paragraphe\s*{n}\s+du\s+dispositif"),
            ("op", r"paragraphe\s+(?:du\s+)?dispositif\s*{n}"),
            ("op", r"(?:paragraphe|§)\s*{n}"),
        ),
        "es": (
            ("pp", r"(?:parrafo|apartado)\s*{n}\s+del\s+preambulo"),
            ("pp", r"(?:parrafo|apartado)\s+(?:del\s+)?preambul(?:o|ar)\s*{n}"),
            ("op", r"(?:parrafo|apartado)\s*{n}\s+de\s+la\s+parte\s+dispositiva"),
            ("op", r"(?:parrafo|apartado)\s+dispositivo\s*{n}"),
            ("op", r"(?:parrafo|§)\s*{n}"),
        ),
        "ar": (
            ("pp", r"(?:ال)?فقر[ةه]\s*{n}\s+من\s+(?:ال)?ديباج[ةه]"),
            ("pp", r"(?:ال)?فقر[ةه]\s+(?:من\s+)?(?:ال)?ديباج[ةه]\s*{n}"),
            ("op", r"(?:ال)?فقر[ةه]\s*{n}\s+من\s+(?:ال)?منطوق"),
            ("op", r"(?:ال)?فقر[ةه]\s*{n}"),
        ),
        # The paragraph ids themselves, as every language's readers write them: op5, OP 5, pp21, op3(a).
        "*": (
            ("pp", r"pp\s*[.-]?\s*{n}"),
            ("op", r"op\s*[.-]?\s*{n}"),
        ),
    }
)

_ARABIC_INDIC = MappingProxyType(
    {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}
)
_TATWEEL = "\u0640"


def _fold(char: str) -> str:
    """One character as the patterns see it (the worker's `fold` does the same)."""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M") and c != _TATWEEL)
    return kept.lower().translate(_ARABIC_INDIC)


def normalize(query: str) -> str:
    return "".join(_fold(c) for c in query)


def patterns(lang: str) -> list[tuple[str, str]]:
    """The expanded patterns for a language: its own, then English, then the ids."""
    languages = [lang] + (["en"] if lang != "en" else []) + ["*"]
    out = []
    for language in languages:
        for kind, template in REFERENCES.get(language, ()):
            out.append((kind, START + "(" + template.replace("{n}", NUMBER) + ")" + END))
    return out


@dataclass(frozen=True)
class Reference:
    """A paragraph named in a query: `id` is its anchor ("op3-a"), `page` its page ("op3")."""

    id: str
    page: str
    rest: str  # the query without the reference, as typed: more words to look for in that paragraph


def resolve(query: str, lang: str) -> Reference | None:
    """The paragraph a query names ("op5", "paragraphe 5 du dispositif"), or None."""
    folded, origin = [], []
    for index, char in enumerate(query):
        for c in _fold(char):
            folded.append(c)
            origin.append(index)
    text = "".join(folded)
    for kind, pattern in patterns(lang):
        match = re.search(pattern, text)
        if not match:
            continue
        number = int(match.group(NUMBER_GROUP))
        subs = re.findall(SUBPARAGRAPH, match.group(SUBPARAGRAPHS_GROUP))
        page = f"{kind}{number}"
        start, end = match.start(REFERENCE_GROUP), match.end(REFERENCE_GROUP)
        original_start = origin[start]
        original_end = origin[end] if end < len(origin) else len(query)
        rest = " ".join((query[:original_start] + " " + query[original_end:]).split())
        return Reference("-".join([page, *subs]), page, rest)
    return None


def grammar(lang: str) -> dict:
    """The grammar as the browser's worker reads it, for one language (`pagefind/respub/<lang>.json`)."""
    return {
        "references": [list(p) for p in patterns(lang)],
        "subparagraph": SUBPARAGRAPH,
        "groups": {"reference": REFERENCE_GROUP, "number": NUMBER_GROUP, "subparagraphs": SUBPARAGRAPHS_GROUP},
    }
