"""Changes to the HTML mkdocs writes, where a template block cannot do it cleanly."""

from __future__ import annotations

import re
from urllib.parse import urljoin

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')


def absolute_alternates(html: str, page_url: str, default_language: str) -> str:
    """`<link rel="alternate" hreflang>` with absolute URLs, plus `x-default` (the default language).

    material (through mkdocs-static-i18n) writes them relative and without x-default; search engines
    and the sitemap want absolute URLs, and x-default tells them which edition to show by default.
    Only the head is searched: they are there, and a page's body holds no such element (its text is
    escaped), so the rest of the page need not be read (1.4% of a 100-resolution build's CPU).
    """
    head, end, body = html.partition("</head>")
    return _absolute_alternates(head, page_url, default_language) + end + body


def _absolute_alternates(html: str, page_url: str, default_language: str) -> str:
    default_href = ""

    def absolute(match: re.Match[str]) -> str:
        nonlocal default_href
        href, lang = urljoin(page_url, match.group(1)), match.group(2)
        if lang == default_language:
            default_href = href
        return f'<link rel="alternate" href="{href}" hreflang="{lang}">'

    html = _ALTERNATE.sub(absolute, html)
    if default_href:
        last = list(_ALTERNATE.finditer(html))[-1]
        x_default = f'\n<link rel="alternate" href="{default_href}" hreflang="x-default">'
        html = html[: last.end()] + x_default + html[last.end() :]
    return html


def html_direction(html: str, direction: str) -> str:
    """`dir` on `<html>` too (material sets it on `<body>` only), so the whole document is RTL."""
    if direction != "rtl" or "<html " not in html:
        return html
    return html.replace("<html ", '<html dir="rtl" ', 1)


def language_root(root_path: str, lang: str, default_language: str) -> str:
    """The path of a language's home page: "/" for the default language, "/fr/" for French."""
    return root_path if lang == default_language else f"{root_path}{lang}/"


def home_alternates(alternates: list[dict], root_path: str, default_language: str) -> list[dict]:
    """The language selector's entries, each leading to its language's home page: on a 404 page there
    is no same page in another language (material would keep the last page built)."""
    return [{**entry, "link": language_root(root_path, entry["lang"], default_language)} for entry in alternates]
