"""The HTML export in a real browser: scenario text never runs; the player follows links.

Uses Debian's headless Chromium (``--dump-dom`` prints the DOM after scripts
ran). Skipped, saying why, when no chromium is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import EXAMPLE_DIR, load_hostile

from flowviz.export.formats import export_stops
from flowviz.scenario.loader import load_scenario

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)


def dump_dom(url: str, *options: str) -> str:
    """The DOM of ``url`` after its scripts ran, as headless Chromium serialises it."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--virtual-time-budget=2000", *options, "--dump-dom", url,
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def title_of(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert match is not None
    return match.group(1)


def test_nothing_in_scenario_text_executes(tmp_path: Path) -> None:
    scenario = load_hostile(tmp_path)
    out = tmp_path / "html"
    written = export_stops(scenario, scenario.stops, "html", out)
    pages = [p for p in written if p.name.startswith("01-")] + [out / "index.html"]
    for page in pages:
        dom = dump_dom(page.as_uri() + "#step-1")
        # The step's hostile title shows as text in the page title; a script would set 'pwned'.
        assert title_of(dom).strip() != "pwned", page.name
        assert "How a web page is served" in title_of(dom), page.name
        assert 'data-pwned="1"' not in dom, page.name
        assert not re.search(r"<div[^>]*pwned-marker", dom), page.name
        assert not re.search(r"<img[^>]*onerror", dom), page.name
        assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom, page.name


def test_player_follows_deep_links(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLE_DIR)
    export_stops(scenario, scenario.stops, "html", tmp_path)
    dom = dump_dom((tmp_path / "index.html").as_uri() + "#step-3")
    sections = re.findall(r'<section class="stop" id="([^"]+)"([^>]*)>', dom)
    shown = [ident for ident, attrs in sections if "hidden" not in attrs]
    assert shown == ["step-3"]
    assert title_of(dom).endswith("Step 3 of 5")
    assert '<html lang="en" class="js">' in dom


def test_a_malformed_deep_link_shows_the_first_step(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLE_DIR)
    export_stops(scenario, scenario.stops, "html", tmp_path)
    dom = dump_dom((tmp_path / "index.html").as_uri() + "#%E0%A4%A")
    sections = re.findall(r'<section class="stop" id="([^"]+)"([^>]*)>', dom)
    shown = [ident for ident, attrs in sections if "hidden" not in attrs]
    assert shown == ["step-initial"]  # not every step at once
    assert '<span id="where">1 / 7</span>' in dom


# What the measuring page reports: the player's script has run, then this one.
MEASURE = """
<script>
window.addEventListener('load', function () { setTimeout(function () {
  function box(el) {
    if (!el) { return null; }
    var r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width,
            height: r.height};
  }
  var stop = document.querySelector('section.stop:not([hidden])');
  var report = {
    width: window.innerWidth, height: window.innerHeight, scrollY: window.scrollY,
    header: box(document.querySelector('header')),
    prev: box(document.getElementById('prev')), next: box(document.getElementById('next')),
    nav: box(document.querySelector('nav')),
    current: box(document.querySelector('nav a[aria-current]')),
    stop: stop && stop.id, picture: box(stop && stop.querySelector('.picture')),
    words: box(stop && stop.querySelector('.words h3'))
  };
  document.body.setAttribute('data-geometry', JSON.stringify(report));
}, 100); });
</script>
"""


def geometry(page: Path, fragment: str, size: tuple[int, int]) -> dict[str, Any]:
    """Where the player's parts are on screen at ``size``, after following ``fragment``."""
    html = page.read_text(encoding="utf-8")
    # The measuring script is not in the page's CSP; this copy is for the test only.
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    html = html.replace("</body>", MEASURE + "</body>")
    probe = page.with_name("measure.html")
    probe.write_text(html, encoding="utf-8")
    dom = dump_dom(probe.as_uri() + fragment, f"--window-size={size[0]},{size[1]}")
    match = re.search(r'data-geometry="([^"]+)"', dom)
    assert match is not None, dom[-2000:]
    report: dict[str, Any] = json.loads(unescape(match.group(1)))
    return report


def on_screen(box: dict[str, float] | None, report: dict[str, Any]) -> bool:
    return (
        box is not None
        and box["width"] > 0
        and box["height"] > 0
        and box["top"] >= 0
        and box["left"] >= 0
        and box["bottom"] <= report["height"]
        and box["right"] <= report["width"]
    )


@pytest.fixture(scope="module")
def openstack_player(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("player")
    scenario = load_scenario(EXAMPLE_DIR.parent / "openstack-vm-launch")
    export_stops(scenario, scenario.stops, "html", out)
    return out / "index.html"


@pytest.mark.parametrize("size", [(900, 600), (390, 844), (1400, 800)], ids=str)
def test_a_deep_link_keeps_the_title_bar_and_the_current_step_in_view(
    openstack_player: Path, size: tuple[int, int]
) -> None:
    report = geometry(openstack_player, "#step-12", size)
    assert report["stop"] == "step-12"
    assert report["scrollY"] == 0
    for part in ("header", "prev", "next", "nav", "current"):
        assert on_screen(report[part], report), (part, report)
    # The stop starts right under the title bar: its picture's top and its title are seen.
    assert report["picture"]["top"] < report["height"] / 2, report
    assert report["picture"]["left"] >= 0, report
    assert report["words"]["top"] >= report["header"]["bottom"], report
