"""The HTML view, rendered in headless Chromium: every mention focusable, coloured by whose name it
is, every side's name on focus, the text escaped, nothing loaded from elsewhere."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toponyms import Gazetteer, Mention
from toponyms.html import (
    CONTENT_SECURITY_POLICY,
    OTHER_COLOURS,
    PARTY_COLOURS,
    SHARED_COLOURS,
    render,
    render_documents,
)
from toponyms.perspective import side_of

SEED = Path(__file__).parent.parent / "examples" / "articles" / "001_2f4aca9ebf5f498a.txt"
# real sentences (tests/disputes/dokdo-takeshima.yaml), and markup that must stay text
DOKDO = (
    "Tok Island is an inviolable territory of our nation.\n"
    "South Korea, which calls the islands Dokdo, is not happy with the commemorative event.\n"
    'A <script>alert("Takeshima")</script> & <b>bold</b> claim.'
)

# What the page shows, read back from Chromium's DOM: each mention after focusing it.
PROBE = """
function probe(tries) {
  if (!document.hasFocus() && tries > 0) { setTimeout(() => probe(tries - 1), 50); return; }
  const marks = [...document.querySelectorAll("mark.mention")];
  const tipOf = mark => document.getElementById(mark.getAttribute("aria-describedby"));
  const mentions = marks.map(mark => {
    mark.focus();
    return {
      text: mark.querySelector("bdi").textContent,
      side: mark.dataset.side,
      place: mark.dataset.place,
      tabIndex: mark.tabIndex,
      focused: document.activeElement === mark,
      tipRole: tipOf(mark).getAttribute("role"),
      shown: marks.filter(m => getComputedStyle(tipOf(m)).display !== "none").length,
      tipShown: getComputedStyle(tipOf(mark)).display,
      names: [...tipOf(mark).querySelectorAll("li")].map(li => li.textContent),
      background: getComputedStyle(mark).backgroundColor,
    };
  });
  const texts = [...document.querySelectorAll(".text")].map(div => {
    const copy = div.cloneNode(true);
    copy.querySelectorAll(".who, .tip").forEach(e => e.remove());
    return copy.textContent;
  });
  if (marks.length) marks[0].focus();
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    mentions, texts, summary: document.getElementById("summary").textContent,
    scripts: document.scripts.length,
  });
  document.body.append(out);
}
probe(200);
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's Chromium (`apt-get install chromium`), or a skip saying it is missing."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path is not None:
            return path
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")


def run_chromium(chromium: str, page: Path, tmp_path: Path, *options: str) -> str:
    """Chromium's standard output for ``page``, in a fresh profile, with no network."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--window-size=1000,900",
            *options,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout


def with_probe(page: str) -> str:
    """``page`` running PROBE (the one change: its policy lets this inline script run)."""
    policy = f"{CONTENT_SECURITY_POLICY}; script-src 'unsafe-inline'"
    probed = page.replace(CONTENT_SECURITY_POLICY, policy, 1)
    return probed.replace("</body>", f"<script>{PROBE}</script></body>", 1)


def probe(chromium: str, page: str, tmp_path: Path) -> dict[str, object]:
    file = tmp_path / "probed.html"
    file.write_text(with_probe(page), encoding="utf-8")
    dom = run_chromium(chromium, file, tmp_path, "--virtual-time-budget=10000", "--dump-dom")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    data: dict[str, object] = json.loads(unescape(found.group(1)))
    return data


def documents(bundled: Gazetteer) -> list[tuple[str | None, str, list[Mention]]]:
    seed = SEED.read_text(encoding="utf-8")
    return [
        (SEED.name, seed, bundled.annotate(seed)),
        ("dokdo.txt", DOKDO, bundled.annotate(DOKDO)),
    ]


def rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_every_mention_is_focusable_and_shows_every_sides_name_on_focus(
    chromium: str, bundled: Gazetteer, tmp_path: Path
) -> None:
    docs = documents(bundled)
    result = probe(chromium, render_documents(docs, bundled), tmp_path)
    mentions = [m for _, _, ms in docs for m in ms]
    places = {m.place_id: bundled.get(m.place_id) for m in mentions}
    expected = [
        {
            "text": m.text,
            "side": side_of(m, places[m.place_id].parties),  # type: ignore[union-attr]
            "place": m.place_id,
            "tabIndex": 0,
            "focused": True,
            "tipRole": "tooltip",
            "shown": 1,  # its own tooltip, and only it
            "tipShown": "block",
            "names": [f"{party}: {name}" for party, name in m.names.items()],
        }
        for m in mentions
    ]
    shown = [{k: v for k, v in m.items() if k != "background"} for m in result["mentions"]]  # type: ignore[attr-defined]
    assert shown == expected
    assert [m["side"] for m in expected] == [
        "RU", "shared", "shared", "RU", "RU", "JP",  # Kunashir ... Northern Territories
        "other", "KR", "JP",  # Tok Island (North Korea's), Dokdo, Takeshima
    ]  # fmt: skip
    # coloured by whose name: RU (most used) first, then JP and KR (one each, by code)
    backgrounds = {m["side"]: m["background"] for m in result["mentions"]}  # type: ignore[attr-defined]
    assert backgrounds == {
        "RU": rgb(PARTY_COLOURS[0][0]),
        "JP": rgb(PARTY_COLOURS[1][0]),
        "KR": rgb(PARTY_COLOURS[2][0]),
        "shared": rgb(SHARED_COLOURS[0]),
        "other": rgb(OTHER_COLOURS[0]),
    }
    assert result["summary"] == (
        "9 mentions: RU's names 3 times, JP's names twice, KR's names once, shared names twice, "
        "other names once."
    )


def test_the_text_shows_exactly_as_written_markup_included(
    chromium: str, bundled: Gazetteer, tmp_path: Path
) -> None:
    docs = documents(bundled)
    result = probe(chromium, render_documents(docs, bundled), tmp_path)
    assert result["texts"] == [text for _, text, _ in docs]
    assert result["scripts"] == 1  # the probe's own: the page's <script> stayed text


def test_the_screenshot_shows_each_sides_colour_and_a_tooltip_only_on_focus(
    chromium: str, bundled: Gazetteer, tmp_path: Path
) -> None:
    # short texts, so that every mention and the focused one's tooltip are on screen
    texts = [
        "Japan lays claims to the islands of Kunashir, Shikotan, Habomai and Iturup, which "
        "Russia calls the Southern Kurils and Japan the Northern Territories.",
        DOKDO,
    ]
    page = render_documents([(None, t, bundled.annotate(t)) for t in texts], bundled)
    plain, focused = tmp_path / "plain.html", tmp_path / "focused.html"
    plain.write_text(page, encoding="utf-8")
    focused.write_text(with_probe(page), encoding="utf-8")
    shots = {}
    for file in (plain, focused):
        shot = tmp_path / f"{file.stem}.png"
        run_chromium(
            chromium,
            file,
            tmp_path,
            "--virtual-time-budget=10000",
            "--force-device-scale-factor=1",
            f"--screenshot={shot}",
        )
        shots[file.stem] = png_colours(shot.read_bytes())
    # RU, JP, KR and shared mentions: far more of each colour than its swatch in the legend
    for colour, _ in (*PARTY_COLOURS[:3], SHARED_COLOURS):
        assert shots["plain"][hex_rgb(colour)] > 1000, colour
    tooltip = hex_rgb("#1d1d1f")
    assert shots["plain"][tooltip] == 0
    assert shots["focused"][tooltip] > 5000


def test_the_page_loads_nothing_from_elsewhere(bundled: Gazetteer) -> None:
    page = render_documents(documents(bundled), bundled)
    tags = Tags()
    tags.feed(page)
    assert "script" not in tags.names and "link" not in tags.names and "img" not in tags.names
    assert not [(tag, name) for tag, name, _ in tags.attributes if name in ("src", "href")]
    assert ("meta", "content", CONTENT_SECURITY_POLICY) in tags.attributes
    head = page.split("<main>")[0]  # the text itself may well hold addresses
    assert "url(" not in head and "@import" not in head and not re.search("https?:", head)


def test_render_annotates_one_text_with_the_bundled_gazetteer() -> None:
    page = render("Japan calls Iturup Etorofu.", title="Iturup & Etorofu")
    assert "<title>Iturup &amp; Etorofu</title>" in page
    assert page.count('<mark class="mention') == 2
    assert "2 mentions: JP's names once, RU's names once." in page


def test_a_mention_that_does_not_fit_its_text_is_a_value_error(bundled: Gazetteer) -> None:
    mentions = bundled.annotate("Japan calls Iturup Etorofu.")
    with pytest.raises(ValueError, match="'Iturup' at 12 does not fit the text"):
        render_documents([(None, "Japan calls Kunashir.", mentions)], bundled)


class Tags(HTMLParser):
    """Every tag name and (tag, attribute, value) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]


def hex_rgb(colour: str) -> tuple[int, int, int]:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return (r, g, b)


def png_colours(data: bytes) -> Counter[tuple[int, int, int]]:
    """How many pixels have each colour, in an 8-bit RGB or RGBA non-interlaced PNG (what
    Chromium's screenshots are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour_type, interlace) in ((8, 2, 0), (8, 6, 0))
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    colours: Counter[tuple[int, int, int]] = Counter()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
                line[i] = (line[i] + predictor) & 0xFF
        colours.update(zip(line[0::channels], line[1::channels], line[2::channels], strict=True))
        previous = line
    return colours
