"""Scenarios the export tests share: the example, and one with hostile text in it."""

from __future__ import annotations

from pathlib import Path

from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = REPO / "steps" / "web-request"

SCRIPT_PAYLOAD = "<script>document.title='pwned'</script>"
IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
MARKER_PAYLOAD = "<div id=\"pwned-marker\">x</div>"
MARKUP_PAYLOAD = "[bold]not bold[/bold] *star* `tick` | pipe"


def hostile_text() -> str:
    """The example scenario with script, HTML and Markdown payloads in its words."""
    text = (EXAMPLE_DIR / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      The browser opens a connection to the web server and sends a GET\n",
        f"      {SCRIPT_PAYLOAD} {IMG_PAYLOAD} {MARKER_PAYLOAD} {MARKUP_PAYLOAD}\n"
        "      The browser opens a connection to the web server and sends a GET\n",
        1,
    )
    text = text.replace(
        "    title: The browser asks for the page\n",
        "    title: \"</title><script>document.title='pwned'</script> asks\"\n",
        1,
    )
    text = text.replace(
        'wire: "GET /orders HTTP/1.1"', "wire: \"GET /<script>x</script> ``` `\"", 1
    )
    assert SCRIPT_PAYLOAD in text and "</title><script>" in text
    return text


def load_hostile(folder: Path) -> Scenario:
    path = folder / "hostile.yaml"
    path.write_text(hostile_text(), encoding="utf-8")
    return load_scenario(path)
