"""Everything the content catalogs hold, gathered from a loaded site: resolutions (with comments on
what each paragraph cites and who reserved on it), reserved phrases, state names, instrument titles.
Also what the registries already know in each language: comments for translators and, for official
titles and names, a first translation.
"""

from __future__ import annotations

from respub.ids import MessageKey
from respub.l10n.messages import Message, context, enriched_messages
from respub.publish.site import Site


def content_messages(site: Site) -> list[Message]:
    out: list[Message] = []
    for resolution in site.resolutions:
        slug = resolution.slug
        cited: dict[str, list[str]] = {}
        for citation in site.citations[slug]:
            cited.setdefault(citation.key, []).append(site.registry.title(citation.instrument_id))
        reserved: dict[str, list[str]] = {}
        for position in site.positions[slug]:
            for target in position.targets:
                if target.paragraph_id:
                    what = f"{position.name} ({position.kind}" + (f", on '{target.phrase}')" if target.phrase else ")")
                    reserved.setdefault(target.paragraph_id, []).append(what)
        out.extend(enriched_messages(resolution, cited, reserved))
        for position in site.positions[slug]:
            for target in position.targets:
                if target.phrase:
                    out.append(
                        Message(
                            MessageKey.phrase(slug, target.paragraph_id).context,
                            target.phrase,
                            position.source,
                            (
                                f"The words of {target.paragraph_id} that {position.name} reserved on: translate "
                                "them exactly as in your translation of that paragraph, so they can be highlighted.",
                            ),
                        )
                    )
    seen: set[str] = set()
    for resolution in site.resolutions:
        for position in site.positions[resolution.slug]:
            key = MessageKey.state(position.state_code).context
            if key not in seen:
                seen.add(key)
                comment = f"The name of a state ({position.state_code}), as the resolution's text writes it."
                out.append(Message(key, position.name, position.source, (comment,)))
    for instrument in site.registry.instruments:
        comment = f"The official title of an instrument ({instrument.kind})."
        out.append(
            Message(MessageKey.instrument(instrument.id).context, instrument.title, instrument.source, (comment,))
        )
    return out


def known_translations(site: Site, lang: str) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(comments, first translations) per message context for `lang`, from the registries."""
    comments: dict[str, tuple[str, ...]] = {}
    first: dict[str, str] = {}
    for instrument in site.registry.instruments:
        title = dict(instrument.titles).get(lang)
        if title:
            comments[MessageKey.instrument(instrument.id).context] = (f"Official title in {lang}: {title}",)
            first[MessageKey.instrument(instrument.id).context] = title
    states = site.states
    for resolution in site.resolutions:
        for position in site.positions[resolution.slug]:
            state = states.get(position.state_code)
            official = dict(state.names).get(lang) if state else None
            if official:
                key = MessageKey.state(position.state_code).context
                comments[key] = (f"Official name in {lang}: {official}",)
                if position.name == state.name:  # a former name ("Czech Republic") needs its own
                    first[key] = official
        for citation in site.citations[resolution.slug]:
            title = dict(site.registry.get(citation.instrument_id).titles).get(lang)
            if title:
                key = context(resolution.slug, citation.key)
                line = f"Official title in {lang}: {title}"
                if line not in comments.get(key, ()):
                    comments[key] = comments.get(key, ()) + (line,)
    return comments, first
