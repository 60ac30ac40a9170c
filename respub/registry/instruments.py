"""The registry of cited international instruments, and finding their mentions in paragraph text.

`registry/instruments.yml` lists each instrument once: a permanent id (its page is
`/instruments/<id>/`), its official titles and the ways texts really cite it. `load_registry` validates
that file with line numbers; `find_mentions` finds the citations in one paragraph's text.

Matching rules, chosen so that nothing is guessed:
- a mention is an official title or alias of the text's language, matched case-sensitively and as
  whole words ("Protocol" never matches inside "Protocols");
- English names do not apply to French, Spanish or Arabic texts: a translation cites the instrument
  in its own language, and a name missing from the registry is a gap to fill there, not to paper over;
- the longest mention wins and mentions never overlap, so an IPU resolution whose title contains "the
  Charter of the United Nations" is one mention, not two;
- "the" is never part of a link: "the Charter of the United Nations" links "Charter of the United
  Nations". Short forms ("the Charter", "the Relationship Agreement") count only right after a definite
  article and only when no longer title goes on after them ("the Charter of the Arab League" stays plain);
- Arabic attaches the conjunctions and prepositions و ف ب ل ك to the next word; one of them may stand
  before an Arabic name and stays outside the link;
- footnote tokens (`[^3]`) are never part of a mention.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from respub.l10n.languages import known_language
from respub.model import FOOTNOTE_REF, Source
from respub.registry.names import collision_key, name_key
from respub.source.yamlfile import YamlFile, line_of, read_yaml

REGISTRY_FILE = Path("registry") / "instruments.yml"
KINDS = (
    "agenda",
    "agreement",
    "charter",
    "compact",
    "convention",
    "covenant",
    "declaration",
    "framework",
    "goals",
    "ipu-resolution",
    "objective",
    "plan-of-action",
    "protocol",
    "statute",
    "un-decision",
    "un-resolution",
)
FIELDS = (
    "id",
    "kind",
    "title",
    "titles",
    "aliases",
    "short",
    "link",
    "adopted",
    "place",
    "part_of",
    "symbol",
    "symbol_date",
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LINK = re.compile(r"^https?://\S+$")
_APOSTROPHES = "'’"

# The definite articles a short form must follow, as lookbehinds (Python needs one fixed width each).
_ARTICLES: dict[str, tuple[str, ...]] = {
    "en": ("the ", "The "),
    "fr": ("la ", "La ", "le ", "Le ", "l’", "L’", "l'", "L'", "du ", "au "),
    "es": ("la ", "La ", "el ", "El ", "del ", "al "),
}
# Words that continue a longer title after a short form: "the Charter of the Arab League".
_CONTINUATIONS: dict[str, tuple[str, ...]] = {
    "en": ("of", "on", "between", "for", "relating", "concerning", "regarding", "against", "to", "with"),
    "fr": ("de", "du", "des", "d’", "d'", "sur", "relatif", "relative", "entre", "pour", "contre"),
    "es": ("de", "del", "sobre", "relativo", "relativa", "entre", "para", "contra"),
}
_ARABIC_CLITICS = "وفبلك"


# ---------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class Instrument:
    """One cited instrument. Per-language data is kept as sorted (language, value) pairs."""

    id: str
    kind: str
    title: str
    source: Source
    titles: tuple[tuple[str, str], ...] = ()
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    short_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    link: str = ""
    adopted: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY
    place: str = ""
    part_of: str = ""
    symbol: str = ""  # the UN resolution that adopted or contains it: "A/RES/73/195"
    symbol_date: str = ""  # YYYY-MM-DD: the day that resolution was adopted

    def title_in(self, lang: str) -> str:
        """The official title in `lang`, or the English one when the registry has none."""
        return dict(self.titles).get(lang, self.title)

    def names(self, lang: str) -> tuple[str, ...]:
        """Every name that cites this instrument anywhere in a `lang` text: official title, aliases."""
        official = self.title if lang == "en" else dict(self.titles).get(lang)
        return ((official,) if official else ()) + dict(self.aliases).get(lang, ())

    def short_names(self, lang: str) -> tuple[str, ...]:
        """The short forms that cite it in `lang` right after a definite article."""
        return dict(self.short_forms).get(lang, ())


@dataclass(frozen=True)
class Mention:
    """A citation of a known instrument: `text == paragraph_text[start:end]`."""

    start: int
    end: int
    instrument_id: str
    text: str


@dataclass(frozen=True)
class _Matcher:
    """One language's compiled pattern and the instrument each (normalized) name belongs to."""

    pattern: re.Pattern[str]
    owners: dict[str, str]


@dataclass(frozen=True)
class Registry:
    instruments: tuple[Instrument, ...]
    path: str = ""
    # Compiled patterns per language, built on first use. Lives on the registry (not in a module
    # global) so that a rebuilt registry never sees a stale pattern.
    _matchers: dict[str, _Matcher] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self.instruments)

    def __len__(self) -> int:
        return len(self.instruments)

    def get(self, instrument_id: str) -> Instrument | None:
        return next((item for item in self.instruments if item.id == instrument_id), None)

    def title(self, instrument_id: str, lang: str = "en") -> str:
        """The instrument's official title in `lang`, falling back to English."""
        instrument = self.get(instrument_id)
        if instrument is None:
            raise KeyError(f"no instrument {instrument_id!r} in {self.path or 'the registry'}")
        return instrument.title_in(lang)

    def matcher(self, lang: str) -> _Matcher:
        """The pattern of `lang`'s names; a language the registry names nothing in matches nothing."""
        if lang not in self._matchers:
            self._matchers[lang] = _build_matcher(self.instruments, lang)
        return self._matchers[lang]


# ---------------------------------------------------------------------------------------------
# Finding mentions


def _name_pattern(name: str) -> str:
    """`name` as a regex: any run of whitespace between words, either apostrophe."""
    words = (
        "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word) for word in name.split()
    )
    return r"\s+".join(words)


def _short_pattern(name: str, lang: str) -> str:
    after_article = "|".join(f"(?<={re.escape(article)})" for article in _ARTICLES[lang])
    continuation = "|".join(re.escape(word) for word in _CONTINUATIONS[lang])
    return rf"(?:{after_article}){_name_pattern(name)}(?!\s+(?:{continuation})(?!\w))"


def _start_boundary(lang: str) -> str:
    """A mention starts a word; in Arabic it may follow one attached clitic letter."""
    if lang == "ar":
        return rf"(?:(?<![\w-])|(?<=(?<![\w-])[{_ARABIC_CLITICS}]))"
    return r"(?<![\w-])"


def _build_matcher(instruments: tuple[Instrument, ...], lang: str) -> _Matcher:
    """One pattern for all names of `lang`, longest first, that reports a candidate at every word start.

    The alternation sits in a lookahead so that overlapping candidates are all seen; `find_mentions`
    then keeps the longest ones. Without any name, the pattern never matches.
    """
    owners: dict[str, str] = {}
    alternatives: list[tuple[int, str]] = []
    for instrument in instruments:
        for name in instrument.names(lang):
            owners[name_key(name)] = instrument.id
            alternatives.append((len(name), _name_pattern(name)))
        for name in instrument.short_names(lang):
            owners[name_key(name)] = instrument.id
            alternatives.append((len(name), _short_pattern(name, lang)))
    alternatives.sort(key=lambda item: -item[0])
    body = "|".join(pattern for _, pattern in alternatives) or r"(?!)"
    pattern = re.compile(rf"{_start_boundary(lang)}(?=(?P<name>{body})(?![\w-]))")
    return _Matcher(pattern, owners)


def find_mentions(text: str, registry: Registry, lang: str = "en") -> tuple[Mention, ...]:
    """Every citation of a registry instrument in `text`, in order; longest wins, none overlap."""
    matcher = registry.matcher(lang)
    footnotes = [token.span() for token in FOOTNOTE_REF.finditer(text)]
    candidates: list[tuple[int, int]] = []
    for match in matcher.pattern.finditer(text):
        start, end = match.span("name")
        if not any(start < f_end and f_start < end for f_start, f_end in footnotes):
            candidates.append((start, end))
    chosen = _longest_without_overlap(candidates)
    return tuple(
        Mention(start, end, matcher.owners[name_key(text[start:end])], text[start:end]) for start, end in chosen
    )


def _longest_without_overlap(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest spans first, dropping any that overlaps one already kept; in text order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= k_start or k_end <= start for k_start, k_end in kept):
            kept.append((start, end))
    return sorted(kept)


# A clause ends at ";" or at a full stop that ends a sentence (not "No. 5", "Mr. X" or "para. 3").
_CLAUSE_END = re.compile(r";|(?<=[a-z\d)\]”’]{2})\.(?=\s+[A-Z“\"])")


def citing_sentence(text: str, mention: Mention) -> str:
    """The clause of `text` that contains `mention`, for quoting on the instrument's page.

    Resolution paragraphs are one long sentence whose parts are separated by semicolons, so the
    clause runs from the paragraph start or the previous `;` to the next `;` or the end. Footnote
    tokens and the clause's closing comma or semicolon are left out.
    """
    if text[mention.start : mention.end] != mention.text:
        raise ValueError(f"the mention {mention.text!r} is not at {mention.start}-{mention.end} of this text")
    # Search the whole text: a sentence end right before the mention needs the mention's first letter.
    ends = [boundary.end() for boundary in _CLAUSE_END.finditer(text)]
    start = max((end for end in ends if end <= mention.start), default=0)
    following = _CLAUSE_END.search(text, mention.end)
    end = following.start() if following else len(text)
    clause = FOOTNOTE_REF.sub("", text[start:end])
    return " ".join(clause.split()).rstrip(",;:")


# ---------------------------------------------------------------------------------------------
# Loading and validating the registry


@dataclass(frozen=True)
class _Name:
    """A name an entry claims in a language, remembered with its line to report collisions."""

    lang: str
    role: str  # "title", "alias" or "short form"
    text: str
    line: int
    owner: str


def load_registry(path: Path) -> Registry:
    """The registry in `path`, validated; any problem raises InputError with the line to fix."""
    doc = read_yaml(path)
    if doc.root is None:
        doc.fail(1, "the registry is empty: expected a list of instruments")
    entries = doc.sequence(doc.root, "expected a list of instruments, each starting with '- id: ...'")
    instruments: list[Instrument] = []
    id_lines: dict[str, int] = {}
    names: dict[tuple[str, str], _Name] = {}
    part_of_lines: dict[str, int] = {}
    for node in entries:
        instrument, claimed, part_of_line = _read_entry(doc, node)
        if instrument.id in id_lines:
            doc.fail(node, f"duplicate id {instrument.id!r}: already used at line {id_lines[instrument.id]}")
        id_lines[instrument.id] = line_of(node)
        for claim in claimed:
            _claim_name(doc, names, claim)
        if instrument.part_of:
            part_of_lines[instrument.id] = part_of_line
        instruments.append(instrument)
    for instrument in instruments:
        if instrument.part_of and instrument.part_of not in id_lines:
            doc.fail(
                part_of_lines[instrument.id],
                f"part_of {instrument.part_of!r} of {instrument.id!r} is not an instrument of the registry",
            )
    return Registry(tuple(instruments), doc.path)


def _per_language(doc: YamlFile, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
    """The `lang: value` pairs of a per-language field, languages checked against CLDR."""
    pairs = doc.mapping(node, f"{what} must map language codes (such as fr, es, ar) to values", f"{what}: language ")
    for lang, key, _ in pairs:
        if not known_language(lang):
            doc.fail(key, f"unknown language {lang!r} in {what}: write a language code such as 'fr'")
    return [(lang, value) for lang, _, value in pairs]


def _name_list(doc: YamlFile, node: yaml.Node, what: str) -> list[tuple[str, int]]:
    items = doc.sequence(node, f"{what} must be a list, such as [First name, Second name]")
    return [(doc.text(item, what), line_of(item)) for item in items]


def _read_entry(doc: YamlFile, node: yaml.Node) -> tuple[Instrument, list[_Name], int]:
    """One instrument, the names it claims, and the line of its `part_of` (0 without one)."""
    fields = doc.fields(node, FIELDS, "expected an instrument as 'id: ...', 'kind: ...', 'title: ...' lines")
    if "id" not in fields:
        doc.fail(node, "instrument without an 'id'")
    instrument_id = doc.text(fields["id"], "id")
    if not _ID.match(instrument_id):
        doc.fail(fields["id"], f"id {instrument_id!r} must be lowercase ASCII letters, digits and hyphens")
    for required in ("kind", "title"):
        if required not in fields:
            doc.fail(node, f"instrument {instrument_id!r} has no {required!r}")
    kind = doc.text(fields["kind"], "kind")
    if kind not in KINDS:
        doc.fail(fields["kind"], f"unknown kind {kind!r} of {instrument_id!r} (known kinds: {', '.join(KINDS)})")
    title = doc.text(fields["title"], "title")
    claimed = [_Name("en", "title", title, line_of(fields["title"]), instrument_id)]
    titles = _read_titles(doc, fields.get("titles"), instrument_id, claimed)
    aliases = _read_names(doc, fields.get("aliases"), instrument_id, "alias", claimed)
    short_forms = _read_names(doc, fields.get("short"), instrument_id, "short form", claimed)
    instrument = Instrument(
        id=instrument_id,
        kind=kind,
        title=title,
        source=Source(doc.path, line_of(node)),
        titles=titles,
        aliases=aliases,
        short_forms=short_forms,
        link=_optional(doc, fields, "link", instrument_id),
        adopted=_optional(doc, fields, "adopted", instrument_id),
        place=_optional(doc, fields, "place", instrument_id),
        part_of=_optional(doc, fields, "part_of", instrument_id),
        symbol=_optional(doc, fields, "symbol", instrument_id),
        symbol_date=_optional(doc, fields, "symbol_date", instrument_id),
    )
    if bool(instrument.symbol) != bool(instrument.symbol_date):
        doc.fail(node, f"{instrument_id!r}: give 'symbol' and 'symbol_date' together (A/RES/73/195, 2018-12-19)")
    return instrument, claimed, line_of(fields["part_of"]) if "part_of" in fields else 0


def _read_titles(
    doc: YamlFile, node: yaml.Node | None, owner: str, claimed: list[_Name]
) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    titles: list[tuple[str, str]] = []
    for lang, value in _per_language(doc, node, f"the titles of {owner!r}"):
        if lang == "en":
            doc.fail(value, f"the English title of {owner!r} goes in 'title', not in 'titles'")
        text = doc.text(value, f"the {lang} title of {owner!r}")
        claimed.append(_Name(lang, "title", text, line_of(value), owner))
        titles.append((lang, text))
    return tuple(sorted(titles))


def _read_names(
    doc: YamlFile, node: yaml.Node | None, owner: str, role: str, claimed: list[_Name]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`aliases` or `short`: per language, a list of names, each checked and claimed."""
    if node is None:
        return ()
    field_name = "aliases" if role == "alias" else "short"
    out: list[tuple[str, tuple[str, ...]]] = []
    for lang, value in _per_language(doc, node, f"the {field_name} of {owner!r}"):
        if role == "short form" and lang not in _ARTICLES:
            doc.fail(
                value,
                f"short forms need a separate article to follow, which {lang!r} does not write "
                f"(short forms are read in {', '.join(_ARTICLES)})",
            )
        names = _name_list(doc, value, f"the {lang} {field_name} of {owner!r}")
        for text, line in names:
            if lang == "en" and text.split()[0].lower() == "the":
                doc.fail(line, f"{role} {text!r} of {owner!r} starts with 'the': leave it out, 'the' is never linked")
            claimed.append(_Name(lang, role, text, line, owner))
        out.append((lang, tuple(text for text, _ in names)))
    return tuple(sorted(out))


def _optional(doc: YamlFile, fields: dict[str, yaml.Node], key: str, owner: str) -> str:
    if key not in fields:
        return ""
    node = fields[key]
    value = doc.text(node, f"{key} of {owner!r}")
    if key == "adopted" and not _is_date(value):
        doc.fail(node, f"adopted {value!r} of {owner!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    if key == "link" and not _LINK.match(value):
        doc.fail(node, f"link {value!r} of {owner!r} must be a web address starting with https://")
    if key == "symbol_date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        doc.fail(node, f"symbol_date {value!r} of {owner!r} must be a full date: YYYY-MM-DD")
    if key == "symbol" and not re.fullmatch(r"[A-Z]+(?:/[A-Z0-9.-]+)+(?: ?\([A-Z0-9]+\))?", value):
        doc.fail(node, f"symbol {value!r} of {owner!r} is not a UN document symbol such as A/RES/73/195")
    if key == "part_of" and value == owner:
        doc.fail(node, f"{owner!r} cannot be part of itself")
    return value


def _is_date(value: str) -> bool:
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


_ARTICLE_BEFORE_ROLE = {"title": "the title", "alias": "an alias", "short form": "a short form"}


def _claim_name(doc: YamlFile, names: dict[tuple[str, str], _Name], claim: _Name) -> None:
    """Record `claim`: two instruments never share a name in a language, or no one could tell them apart."""
    key = (claim.lang, collision_key(claim.text))
    earlier = names.get(key)
    if earlier is None:
        names[key] = claim
        return
    if earlier.owner == claim.owner:
        return  # an entry may repeat its own name, e.g. in another capitalization
    language = "" if claim.lang == "en" else f" ({claim.lang})"
    doc.fail(
        claim.line,
        f"{claim.role} {claim.text!r}{language} of {claim.owner!r} is already "
        f"{_ARTICLE_BEFORE_ROLE[earlier.role]} of {earlier.owner!r} (line {earlier.line})",
    )
