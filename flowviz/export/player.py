"""``index.html``: a self-contained player for an HTML export.

Every stop is a ``<section>`` of the page (its picture as Rich's HTML, its
words beside it), so the file works from ``file://`` with no network, and with
JavaScript off it is simply every stop one under another. A small inline script
shows one stop at a time, follows ``#step-7`` deep links, and steps with ← / →.

Scenario text reaches the page only through :func:`html.escape` (the picture
through Rich, which escapes too); the script reads no scenario text except the
escaped attributes of the sections, and no JSON is embedded at all.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from html import escape

from flowviz.diagram.labels import sanitize
from flowviz.diagram.marks import message_number
from flowviz.export.selection import stop_key
from flowviz.export.snapshot import THEME, Snapshot, picture_html, position_label, service_name

_URL = re.compile(r"^https?://[^\s\"'<>]+$")

STYLE = """
:root { color-scheme: dark; --fg: %(fg)s; --bg: %(bg)s; --muted: #9a9a9a; --accent: #F0E442;
  --mono: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif; }
header { display: flex; gap: 1em; align-items: center; padding: .5em 1em;
  border-bottom: 1px solid #333; background: var(--bg); }
header h1 { font-size: 1.1em; margin: 0; min-width: 0; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
header .controls { margin-left: auto; display: flex; gap: .5em; align-items: center;
  flex: none; white-space: nowrap; }
button { font: inherit; background: #222; color: var(--fg); border: 1px solid #555;
  border-radius: 4px; padding: .15em .8em; cursor: pointer; }
.layout { display: flex; align-items: flex-start; }
nav { flex: 0 0 13em; padding: .5em; border-right: 1px solid #333; font-size: .85em;
  position: relative; }
nav ol { list-style: none; margin: 0; padding: 0; }
nav a { display: block; padding: .15em .4em; color: var(--fg); text-decoration: none;
  border-radius: 3px; }
nav a[aria-current] { background: #333; color: var(--accent); font-weight: bold; }
main { flex: 1; min-width: 0; }
section.stop { display: flex; gap: 1.5em; padding: 1em; align-items: flex-start;
  border-bottom: 1px solid #333; }
.picture { flex: 0 1 auto; min-width: 0; max-width: 100%%; overflow: auto; }
.picture pre { margin: 0; font-family: var(--mono); line-height: 1.2;
  font-size: clamp(8px, calc((100vw - 38rem) / (var(--cols) * 0.61)), 14px); }
.words { flex: 1 1 20em; min-width: 16em; max-width: 36em; }
.words h2 { margin: 0; font-size: .9em; color: var(--muted); font-weight: normal; }
.words h3 { margin: .1em 0 .6em; font-size: 1.3em; }
.words h4 { margin: 1em 0 .3em; }
.words ul { padding-left: 1.2em; margin: 0; }
.words code { font-family: var(--mono); font-size: .9em; overflow-wrap: anywhere; }
.caveat { border-left: 3px solid #E69F00; padding-left: .7em; font-style: italic; }
.sources, .file { font-size: .85em; color: var(--muted); }
.sources a, .file a { color: #56B4E9; }
/* With the script: one stop at a time, like an app. The page itself never scrolls, so
   the title bar and its buttons stay on screen (a #step-12 link used to scroll them
   off); the step list and the stop scroll each in their own box. */
.js, .js body { height: 100%%; overflow: hidden; }
.js body { display: flex; flex-direction: column; }
.js header { flex: none; }
.js .layout { flex: 1; min-height: 0; align-items: stretch; }
.js nav { overflow: auto; }
.js main { overflow: auto; }
.js section.stop { border-bottom: 0; }
.js section.stop[hidden] { display: none; }
@media (max-width: 1100px) {
  section.stop { flex-direction: column; }
  nav { flex-basis: 11em; }
  .words { max-width: 40em; min-width: 0; }
  .picture pre { font-size: clamp(6px, calc((100vw - 14rem) / (var(--cols) * 0.61)), 14px); }
}
/* A phone: the step list becomes a strip of step numbers under the title bar. */
@media (max-width: 700px) {
  header { padding: .4em .6em; gap: .6em; }
  header h1 { font-size: 1em; }
  button { padding: .3em 1em; }
  .layout { flex-direction: column; }
  .js .layout { align-items: stretch; }
  nav { flex: none; border-right: 0; border-bottom: 1px solid #333; padding: .3em .5em; }
  nav { overflow-x: auto; overflow-y: hidden; }
  nav ol { display: flex; gap: .2em; white-space: nowrap; }
  nav a { padding: .2em .6em; }
  nav .t { display: none; }
  .js main { flex: 1; min-height: 0; }
  section.stop { padding: .6em; gap: 1em; }
  .picture pre { font-size: clamp(5px, calc((100vw - 1.5rem) / (var(--cols) * 0.61)), 14px); }
}
@media print { nav, header .controls { display: none; } section.stop { display: flex !important;
  break-inside: avoid; } .js, .js body, .js main { height: auto; overflow: visible; } }
"""

SCRIPT = """
(function () {
  document.documentElement.className = 'js';
  var stops = Array.prototype.slice.call(document.querySelectorAll('section.stop'));
  var links = Array.prototype.slice.call(document.querySelectorAll('nav a'));
  var nav = document.querySelector('nav');
  var main = document.querySelector('main');
  var where = document.getElementById('where');
  var baseTitle = document.title;
  var current = -1;
  function find(hash) {
    var key = hash.replace(/^#/, '');
    // A malformed link such as #%E0%A4%A must not break the player: use it undecoded.
    try { key = decodeURIComponent(key); } catch (e) { /* no stop has that name */ }
    key = key.toLowerCase();
    if (key.indexOf('step-') === 0) { key = key.slice(5); }
    if (key === '0' || key === 'start') { key = 'initial'; }
    if (key === 'end') { key = 'final'; }
    for (var i = 0; i < stops.length; i++) {
      var s = stops[i];
      if (s.getAttribute('data-key') === key || s.getAttribute('data-step') === key) { return i; }
    }
    return -1;
  }
  function reveal(a) {
    // Scroll the step list (only it) so the current entry is in view, centred if it was not.
    var top = a.offsetTop, left = a.offsetLeft;
    if (top < nav.scrollTop || top + a.offsetHeight > nav.scrollTop + nav.clientHeight) {
      nav.scrollTop = top - (nav.clientHeight - a.offsetHeight) / 2;
    }
    if (left < nav.scrollLeft || left + a.offsetWidth > nav.scrollLeft + nav.clientWidth) {
      nav.scrollLeft = left - (nav.clientWidth - a.offsetWidth) / 2;
    }
  }
  function show(i) {
    if (i < 0 || i >= stops.length) { return; }
    current = i;
    stops.forEach(function (s, j) { s.hidden = j !== i; });
    links.forEach(function (a, j) {
      if (j === i) { a.setAttribute('aria-current', 'step'); reveal(a); }
      else { a.removeAttribute('aria-current'); }
    });
    where.textContent = (i + 1) + ' / ' + stops.length;
    document.title = baseTitle + ' \\u2014 ' + stops[i].getAttribute('data-label');
    main.scrollTop = 0;
    window.scrollTo(0, 0);
  }
  function go(i) {
    if (i < 0 || i >= stops.length || i === current) { return; }
    location.hash = stops[i].id;
  }
  window.addEventListener('hashchange', function () {
    var i = find(location.hash);
    show(i < 0 ? 0 : i);
  });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') { go(current + 1); }
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') { go(current - 1); }
    else if (e.key === 'Home') { go(0); }
    else if (e.key === 'End') { go(stops.length - 1); }
    else { return; }
    e.preventDefault();
  });
  document.getElementById('prev').addEventListener('click', function () { go(current - 1); });
  document.getElementById('next').addEventListener('click', function () { go(current + 1); });
  var first = find(location.hash);
  show(first < 0 ? 0 : first);
})();
"""


SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
"""The Content-Security-Policy lets exactly this script run: an injected one never could."""


def anchor(snapshot: Snapshot) -> str:
    """The section's id: ``step-7``, ``step-6a``, ``step-initial``, ``step-final``."""
    return f"step-{stop_key(snapshot.stop)}"


def _text(value: str) -> str:
    return escape(sanitize(value))


def _paragraphs(value: str) -> str:
    parts = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
    return "".join(f"<p>{_text(p)}</p>" for p in parts)


def words(snapshot: Snapshot, file_name: str | None) -> str:
    """The stop's text beside the picture: title, narration, messages, state, caveat."""
    scenario, stop = snapshot.scenario, snapshot.stop
    out = [
        f"<h2>{_text(position_label(scenario, stop))}</h2>",
        f"<h3>{_text(stop.title)}</h3>",
        _paragraphs(stop.narration),
    ]
    if stop.messages:
        items = []
        for number, m in enumerate(stop.messages, start=1):
            mtype = scenario.message_types.get(m.type)
            badge = _text(mtype.short if mtype else m.type)
            note = f" <em>({_text(m.note)})</em>" if m.note else ""
            items.append(
                f"<li>{message_number(number)} "
                f"<b>{_text(service_name(scenario, m.source))}</b> → "
                f"<b>{_text(service_name(scenario, m.target))}</b> [{badge}] "
                f"<code>{_text(m.wire)}</code>{note}</li>"
            )
        out.append(f"<h4>On the wire</h4><ul>{''.join(items)}</ul>")
    if not stop.state.is_empty:
        fields = ", ".join(
            f"{_text(name)} = <code>{_text(value or 'None')}</code>"
            for name, value in stop.state.values
        )
        out.append(f"<p><b>{_text(scenario.meta.state_heading)}:</b> {fields}</p>")
    if stop.caveat:
        out.append(f'<p class="caveat"><b>{_text(scenario.meta.caveat_heading)}:</b> '
                   f'{_text(stop.caveat)}</p>')
    if stop.sources:
        refs = []
        for source in stop.sources:
            title = _text(source.title)
            url = source.url or ""
            link = f'<a href="{escape(url)}">{title}</a>' if _URL.match(url) else title
            refs.append(f"<li>{link}</li>")
        out.append(f'<div class="sources">Sources<ul>{"".join(refs)}</ul></div>')
    if file_name:
        out.append(f'<p class="file"><a href="{escape(file_name)}">This step alone</a></p>')
    return "".join(out)


def player(snapshots: Sequence[Snapshot], files: Sequence[str | None]) -> str:
    """The whole ``index.html`` for ``snapshots`` (``files``: each stop's own page, or None)."""
    if not snapshots:
        raise ValueError("a player needs at least one stop")
    scenario = snapshots[0].scenario
    title = _text(scenario.meta.title)
    nav = []
    sections = []
    for snap, file_name in zip(snapshots, files, strict=True):
        stop = snap.stop
        key = stop_key(stop)
        step = "" if stop.step_number is None else str(stop.step_number)
        label = _text(position_label(scenario, stop))
        entry = (
            f'<span class="k">{label}</span>'
            if stop.step_number is None
            else f'<span class="k">{escape(key)}</span>'
            f'<span class="t"> · {_text(stop.title)}</span>'
        )
        nav.append(f'<li><a href="#{anchor(snap)}">{entry}</a></li>')
        sections.append(
            f'<section class="stop" id="{anchor(snap)}" data-key="{escape(key)}" '
            f'data-step="{step}" data-label="{label}">'
            f'<div class="picture"><pre>{picture_html(snap)}</pre></div>'
            f'<div class="words">{words(snap, file_name)}</div></section>'
        )
    style = STYLE % {"fg": THEME.foreground_color.hex, "bg": THEME.background_color.hex}
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No network, and no script but ours: defence in depth behind the escaping.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'\">\n"
        f"<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<header><h1>{title}</h1><div class="controls">'
        '<button id="prev" type="button" aria-label="Previous step">←</button>'
        '<span id="where"></span>'
        '<button id="next" type="button" aria-label="Next step">→</button></div></header>\n'
        f'<div class="layout"><nav aria-label="Steps"><ol>{"".join(nav)}</ol></nav>\n'
        f'<main style="--cols: {max(s.width for s in snapshots)}">\n'
        f"{chr(10).join(sections)}\n</main></div>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
