"""What readers meet beyond the paragraphs: the 404 page of each language."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SLUG = "ipu-145-migration"
HEADINGS = {"en": "Page not found", "fr": "Page introuvable", "es": "Página no encontrada", "ar": "الصفحة غير موجودة"}


def not_found(site: Path, lang: str) -> BeautifulSoup:
    path = site / "404.html" if lang == "en" else site / lang / "404.html"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_404_page_is_translated_and_helps(site: Path, lang: str) -> None:
    page = not_found(site, lang)
    root = "/" if lang == "en" else f"/{lang}/"
    assert page.html["lang"] == lang
    assert page.select_one("article h1").get_text() == HEADINGS[lang]
    links = [a["href"] for a in page.select("article a")]
    assert root in links and f"{root}{SLUG}/" in links and f"{root}instruments/" in links
    text = page.select_one("article").get_text()
    assert "op1" in text and "op31" in text and "pp24" in text
    assert f"{root}{SLUG}/op1/" in text
    switcher = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link[hreflang]")}
    assert switcher == {"en": "/", "fr": "/fr/", "es": "/es/", "ar": "/ar/"}, "the language switcher must lead home"
