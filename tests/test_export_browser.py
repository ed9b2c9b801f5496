"""The HTML export in a real browser: scenario text never runs; the player follows links.

Uses Debian's headless Chromium (``--dump-dom`` prints the DOM after scripts
ran). Skipped, saying why, when no chromium is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from export_fixtures import EXAMPLE_DIR, load_hostile

from flowviz.export.formats import export_stops
from flowviz.scenario.loader import load_scenario

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)


def dump_dom(url: str) -> str:
    """The DOM of ``url`` after its scripts ran, as headless Chromium serialises it."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--virtual-time-budget=2000", "--dump-dom", url,
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
