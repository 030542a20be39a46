"""One self-contained HTML page showing whose names texts use, in the manner of displaCy.

Each mention is highlighted in the colour of the party whose name the text used (grey for a
name the parties share, white for a third country's), labelled with that party's code so that
colour is never the only cue, and shows every side's name for the place on hover and on keyboard
focus (each mention is in the tab order and described by its tooltip for screen readers). The
page's top says how many mentions use each side's names (:mod:`toponyms.perspective`).

The page loads nothing: no script, its style inline, system fonts, and a Content Security Policy
that forbids any request, so it can be mailed or archived as one file and opened offline.

>>> page = render("Japan calls Iturup Etorofu.")
>>> page.startswith("<!DOCTYPE html>"), "JP's names once, RU's names once" in page
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape  # the standard library's: for attribute values
from typing import TYPE_CHECKING

from ._model import Mention
from .perspective import OTHER, SHARED, Perspective, perspective_of, side_of

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = ["render", "render_documents"]

#: (background, border) of each party in order of use on a page: Okabe-Ito hues, told apart by
#: people with any common colour-vision deficiency, as light tints under dark text.
PARTY_COLOURS = (
    ("#fde2b3", "#b36b00"),
    ("#cfe5f6", "#0072b2"),
    ("#cdeede", "#007a5a"),
    ("#f6d3e6", "#a8457f"),
    ("#fbd6c4", "#c24e00"),
    ("#f3eeb0", "#7a6f00"),
    ("#e3d8f2", "#6a3d9a"),
    ("#d9ecf7", "#2a7fb0"),
)
_USED = ' class="used"'
SHARED_COLOURS = ("#e4e4e4", "#555555")
OTHER_COLOURS = ("#ffffff", "#555555")

#: What the page may load: nothing but its own inline style.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_STYLE = """
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem; color: #111; background: #fff;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; overflow-wrap: anywhere; }
.summary { margin: .25rem 0 .75rem; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; padding: 0; }
.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: -.15em;
  margin-right: .35em; border-radius: .2em; background: var(--bg);
  border: 2px solid var(--border); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.3; }
mark.mention { position: relative; color: inherit; background: var(--bg);
  border-bottom: 3px solid var(--border); border-radius: .25em; padding: .1em .25em;
  cursor: help; unicode-bidi: isolate; }
mark.side-other { border-bottom-style: dashed; outline: 1px dashed var(--border);
  outline-offset: -1px; }
mark.mention:focus { outline: 3px solid #111; outline-offset: 2px; }
.who { font-size: .65em; font-weight: 700; letter-spacing: .03em; margin-left: .35em;
  vertical-align: .15em; color: #333; user-select: none; }
.tip { display: none; position: absolute; left: 0; top: calc(100% + .35rem); z-index: 10;
  width: max-content; max-width: 24rem; white-space: normal; line-height: 1.4;
  padding: .5rem .65rem; border-radius: .35rem; background: #1d1d1f; color: #fff;
  font-size: .875rem; box-shadow: 0 .25rem .75rem rgba(0, 0, 0, .3); }
mark.mention:hover .tip, mark.mention:focus .tip { display: block; }
.tip ul { margin: .3rem 0 0; padding: 0; list-style: none; }
.tip .used { font-weight: 700; }
.tip .used::after { content: "\\00a0\\2190\\00a0used here"; font-weight: 400; opacity: .8; }
.place { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
"""


def render(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    fuzzy: bool = True,
    lang: str | None = None,
    title: str = "Whose names this text uses",
) -> str:
    """The page for one text, annotated with ``gazetteer`` (default: the bundled one)."""
    if gazetteer is None:
        from . import default_gazetteer

        gazetteer = default_gazetteer()
    mentions = gazetteer.annotate(text, fuzzy=fuzzy, lang=lang)
    return render_documents([(None, text, mentions)], gazetteer, title=title)


def render_documents(
    documents: Iterable[tuple[str | None, str, Sequence[Mention]]],
    gazetteer: Gazetteer,
    *,
    title: str = "Whose names these texts use",
) -> str:
    """The page for ``(label, text, mentions)`` documents, mentions as ``gazetteer`` found them
    in ``text``; each document with a label gets a heading and its own summary.

    Raises ValueError when a mention does not match its text or overlaps another.
    """
    documents = list(documents)
    overall = perspective_of((m for _, _, ms in documents for m in ms), gazetteer)
    colours = _colours(overall)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        f"<title>{_text(title)}</title>",
        f"<style>{_STYLE}{_side_rules(colours)}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(title)}</h1>",
        f'<p class="summary" id="summary">{_text(_sentence(overall))}</p>',
        _legend(overall, colours),
        "</header>",
        "<main>",
    ]
    for number, (label, text, mentions) in enumerate(documents, 1):
        parts.append(f'<section id="doc-{number}">')
        if label is not None:
            parts.append(f"<h2>{_text(label)}</h2>")
            if len(documents) > 1:
                mine = perspective_of(mentions, gazetteer)
                parts.append(f'<p class="summary">{_text(_sentence(mine))}</p>')
        body = _highlighted(text, mentions, gazetteer, colours, f"m{number}-")
        parts.append(f'<div class="text" dir="auto">{body}</div>')
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _text(content: str) -> str:
    """``content`` escaped for an element's text (quotes need no escaping there)."""
    return escape(content, quote=False)


def _sentence(perspective: Perspective) -> str:
    if not perspective.total:
        return "No place mentioned."
    count = perspective.total
    return f"{count} mention{'s' * (count != 1)}: {perspective.summary()}."


def _colours(overall: Perspective) -> dict[str, tuple[str, str]]:
    """Side -> (background, border): parties in order of use, then shared and other."""
    colours = {
        party: PARTY_COLOURS[i % len(PARTY_COLOURS)] for i, party in enumerate(overall.parties)
    }
    colours[SHARED] = SHARED_COLOURS
    colours[OTHER] = OTHER_COLOURS
    return colours


def _css_class(side: str, colours: dict[str, tuple[str, str]]) -> str:
    """``side-0`` for the first party, ``side-shared``, ``side-other``: class names never
    depend on what a party code may contain."""
    if side in (SHARED, OTHER):
        return f"side-{side}"
    return f"side-{list(colours).index(side)}"


def _side_rules(colours: dict[str, tuple[str, str]]) -> str:
    return "".join(
        f".{_css_class(side, colours)} {{ --bg: {bg}; --border: {border}; }}\n"
        for side, (bg, border) in colours.items()
    )


def _legend(overall: Perspective, colours: dict[str, tuple[str, str]]) -> str:
    rows = [(party, f"{party}'s names", count) for party, count in overall.parties.items()]
    rows += [(SHARED, "shared names", overall.shared), (OTHER, "other names", overall.other)]
    items = "".join(
        f'<li class="{_css_class(side, colours)}" data-side="{escape(side)}">'
        f'<span class="swatch" aria-hidden="true"></span>{_text(what)}: {count}</li>'
        for side, what, count in rows
        if count or side not in (SHARED, OTHER)
    )
    return f'<ul class="legend" aria-label="Mentions by whose name they use">{items}</ul>'


def _highlighted(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    colours: dict[str, tuple[str, str]],
    prefix: str,
) -> str:
    """``text`` escaped, each mention in a focusable ``<mark>`` described by its tooltip."""
    out: list[str] = []
    position = 0
    for i, m in enumerate(sorted(mentions, key=lambda m: m.start)):
        if m.start < position or text[m.start : m.end] != m.text:
            raise ValueError(f"mention {m.text!r} at {m.start} does not fit the text")
        place = gazetteer.get(m.place_id)
        if place is None:
            raise ValueError(f"mention of {m.place_id!r}: no such place in {gazetteer!r}")
        side = side_of(m, place.parties)
        tip = f"{prefix}{i}"
        names = "".join(
            f"<li{_USED if party in m.used_by else ''}>"
            f"{_text(party)}: <bdi>{_text(name)}</bdi></li>"
            for party, name in m.names.items()
        )
        out.append(_text(text[position : m.start]))
        out.append(
            f'<mark class="mention {_css_class(side, colours)}" tabindex="0" '
            f'data-place="{escape(m.place_id)}" data-side="{escape(side)}" '
            f'aria-describedby="{tip}"><bdi>{_text(m.text)}</bdi>'
            f'<span class="who" aria-hidden="true">{_text(side)}</span>'
            f'<span class="tip" role="tooltip" id="{tip}">'
            f'<span class="place">{_text(m.place_id)}</span>: '
            f"{_text(_whose(side, m))}<ul>{names}</ul></span></mark>"
        )
        position = m.end
    out.append(_text(text[position:]))
    return "".join(out)


def _whose(side: str, mention: Mention) -> str:
    if side == SHARED:
        return f"a name {_and(mention.used_by)} share"
    if side == OTHER:
        return f"{_and(mention.used_by)}'s name, no party's"
    return f"{side}'s name"


def _and(codes: Iterable[str]) -> str:
    """``CN, IN and PK``."""
    ordered = sorted(codes)
    return ordered[0] if len(ordered) == 1 else f"{', '.join(ordered[:-1])} and {ordered[-1]}"
