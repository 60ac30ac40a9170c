"""Akoma Ntoso identifiers (FRBR IRIs) of a resolution, from its declared metadata only.

The naming convention (OASIS Akoma Ntoso Naming Convention 1.0) gives a work IRI of the form

    /akn/<country>[-<locality>]/<doctype>/<subtype>/<actor>/<date>/<number>

and AKN4UN (the UN's guidelines) files a UN resolution as `/akn/un/statement/deliberation/<actor>/
<adoption date>/<number>`, the document being `<statement name="resolution">`. Nothing here is
guessed from a body's name: every part comes from `resolution.yml` (see README, "Adding a
resolution"), with these defaults:

- `akn_doctype: statement`, `akn_subtype: deliberation` (AKN4UN, for every resolution);
- a UN General Assembly symbol (`symbol: A/RES/80/6`) gives `akn_country: un`, `akn_actor: unga`,
  `akn_number: 80-6` (shown as "80/6"); `A/RES/ES-11/1` gives `es-11-1`, `A/RES/217(III)` `217-iii`;
- a General Assembly text without a symbol whose heading prints its number ("80/6. Title", the
  importer's UN layout) gets the same defaults as `symbol: A/RES/80/6`;
- a Security Council symbol (`symbol: S/RES/2719 (2023)`) gives `un`, `unsc`, `2719` (shown as
  "2719 (2023)": the Council numbers its resolutions across years);
- any other body (no UN symbol) must declare `akn_country` and `akn_actor`: `un` is the United
  Nations' own code, so a body outside the UN takes a user-assigned ISO 3166 code with the body as
  locality, as Laws.Africa files the African Union under `aa-au`: the IPU is `xx-ipu`. Its number
  is the slug (permanent and unique) unless `akn_number` says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from respub.model import Metadata

DOCTYPE = "statement"
SUBTYPE = "deliberation"
UN = "un"

_GA_SYMBOL = re.compile(r"^A/RES/(?P<session>(?:ES-|S-)?\d+)/(?P<number>\d+)$")
_GA_SYMBOL_ROMAN = re.compile(r"^A/RES/(?P<number>\d+) ?(?P<letter>[A-Z] )?\((?P<session>[IVXL]+)\)$")
_SC_SYMBOL = re.compile(r"^S/RES/(?P<number>\d+) \((?P<year>\d{4})\)$")

# The grammar of the parts (a subset of the naming convention that cobalt's FRBR parser reads back).
COUNTRY = re.compile(r"^[a-z]{2}(?:-[a-z0-9]+)?$")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*$")  # doctype, subtype, actor: never starting with a digit
NUMBER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A work, expression, manifestation or portion IRI, as this site writes them.
IRI = re.compile(
    r"^/akn/(?P<country>[a-z]{2}(?:-[a-z0-9]+)?)/(?P<doctype>[a-z][a-z0-9.-]*)"
    r"(?:/(?P<subtype>[a-z][a-z0-9.-]*))?(?:/(?P<actor>[a-z][a-z0-9.-]*))?"
    r"/(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)/(?P<number>[a-z0-9]+(?:-[a-z0-9]+)*)"
    r"(?:/(?P<language>[a-z]{3})@(?P<version>\d{4}-\d{2}-\d{2})?)?"
    r"(?:/!(?P<component>[a-z][a-z0-9_]*)(?:~(?P<portion>[a-z][a-z0-9_]*))?(?:\.(?P<format>[a-z]+))?)?$"
)


@dataclass(frozen=True)
class Identity:
    """The parts of a work IRI, and how the number is shown ("80/6")."""

    country: str
    doctype: str
    subtype: str
    actor: str
    date: str
    number: str
    shown: str

    @property
    def work(self) -> str:
        return f"/akn/{self.country}/{self.doctype}/{self.subtype}/{self.actor}/{self.date}/{self.number}"


def un_symbol_parts(symbol: str) -> tuple[str, str, str] | None:
    """(actor, number, number as shown) of a UN resolution symbol, or None for another symbol."""
    if match := _GA_SYMBOL.match(symbol):
        session, number = match.group("session"), match.group("number")
        return "unga", f"{session.lower()}-{number}", f"{session}/{number}"
    if match := _GA_SYMBOL_ROMAN.match(symbol):  # the first sessions: A/RES/217(III)
        number, session = match.group("number"), match.group("session")
        return "unga", f"{number}-{session.lower()}", f"{number} ({session})"
    if match := _SC_SYMBOL.match(symbol):
        return "unsc", match.group("number"), f"{match.group('number')} ({match.group('year')})"
    return None


def identity(metadata: Metadata, printed_number: str = "") -> Identity:
    """The work IRI's parts; ValueError naming the metadata field to add or fix.

    `printed_number` is the number a UN General Assembly text prints before its title ("80/6."): in
    that layout, without a symbol, it gives the same defaults as the symbol A/RES/80/6.
    """
    symbol = metadata.symbol or (f"A/RES/{printed_number}" if printed_number else "")
    un = un_symbol_parts(symbol) if symbol else None
    country = metadata.akn_country or (UN if un else "")
    actor = metadata.akn_actor or (un[0] if un else "")
    if not country:
        raise ValueError(
            "akn_country: missing: a body outside the UN declares its Akoma Ntoso prefix, "
            "a user-assigned code with the body as locality (akn_country: xx-ipu)"
        )
    if not actor:
        raise ValueError("akn_actor: missing: name the adopting organ, such as 'assembly' (akn_actor: assembly)")
    number = metadata.akn_number or (un[1] if un else metadata.slug)
    shown = un[2] if un and not metadata.akn_number else number
    parts = Identity(
        country=country,
        doctype=metadata.akn_doctype or DOCTYPE,
        subtype=metadata.akn_subtype or SUBTYPE,
        actor=actor,
        date=metadata.adopted.isoformat(),
        number=number,
        shown=shown,
    )
    check(parts)
    return parts


def check(parts: Identity) -> None:
    """Every part against the naming convention's grammar (ValueError names the field)."""
    if not COUNTRY.match(parts.country):
        raise ValueError(f"akn_country: {parts.country!r} is not a country code such as 'un' or 'xx-ipu'")
    for field, value in (("akn_doctype", parts.doctype), ("akn_subtype", parts.subtype), ("akn_actor", parts.actor)):
        if not NAME.match(value):
            raise ValueError(f"{field}: {value!r} must be lowercase ASCII letters and digits, starting with a letter")
    if not NUMBER.match(parts.number):
        raise ValueError(f"akn_number: {parts.number!r} must be lowercase ASCII letters, digits and hyphens (80-6)")


def expression(work: str, language: str, version: str = "") -> str:
    """`<work>/<language>@<version>`: "@" alone is the text as adopted; a date, a later version."""
    return f"{work}/{language}@{version}"


def component(expression_or_work: str, portion: str = "") -> str:
    """The main component (`/!main`), or one portion of it by eId (`/!main~para_5`)."""
    return f"{expression_or_work}/!main" + (f"~{portion}" if portion else "")


def manifestation(expression_iri: str) -> str:
    """The XML file of an expression: `<expression>/!main.xml`.

    Not `<expression>.akn`: after an "@" the version runs to the next "/", so a parser (cobalt's among
    them) reads ".akn" as part of the date.
    """
    return component(expression_iri) + ".xml"
