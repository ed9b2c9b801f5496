"""The Markdown handout: one section per stop, ready to print or to put on a wiki.

Each section has the stop's title, its narration, the messages on the wire,
the instance state, the caveat, the sources and the plain-text diagram with its
legend in a code block. Scenario text is escaped so that it reads as written:
Markdown punctuation and HTML are shown, never interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flowviz.diagram.labels import sanitize
from flowviz.diagram.marks import message_number
from flowviz.export.snapshot import Snapshot, service_name, stop_heading
from flowviz.scenario.model import Scenario

_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
_URL = re.compile(r"^https?://[^\s<>`]+$")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(\s|$)")


def escape(text: str) -> str:
    """``text`` as literal Markdown: special characters backslash-escaped, on one line."""
    flat = sanitize(text)
    flat = _SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", flat)


def paragraphs(text: str) -> list[str]:
    """Escaped paragraphs of a narration (blank lines in the YAML separate them)."""
    return [escape(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def inline_code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    flat = sanitize(text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def code_block(text: str) -> str:
    """``text`` in a fenced block whose fence is longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _link(url: str) -> str:
    """An autolink for a plain http(s) URL; anything else as escaped text."""
    return f"<{url}>" if _URL.match(url) else escape(url)


def plain_picture(snapshot: Snapshot) -> str:
    """The diagram and legend as plain text, without trailing spaces."""
    return "\n".join(line.rstrip() for line in snapshot.picture().plain.split("\n"))


def section(snapshot: Snapshot) -> str:
    """One stop's section of the handout."""
    scenario, stop = snapshot.scenario, snapshot.stop
    heading = stop_heading(scenario, stop).replace(" · ", " — ", 1)
    parts = [f"## {escape(heading)}", *paragraphs(stop.narration)]
    if stop.messages:
        items = []
        for number, message in enumerate(stop.messages, start=1):
            mtype = scenario.message_types.get(message.type)
            kind = escape(mtype.short) if mtype else escape(message.type)
            item = (
                f"- {message_number(number)} {escape(service_name(scenario, message.source))} → "
                f"{escape(service_name(scenario, message.target))} ({kind}): "
                f"{inline_code(message.wire)}"
            )
            if message.note:
                item += f" — {escape(message.note)}"
            items.append(item)
        parts.append("**On the wire**\n\n" + "\n".join(items))
    if not stop.state.is_empty:
        fields = ", ".join(
            f"{escape(name)} = {inline_code(value or 'None')}" for name, value in stop.state.values
        )
        parts.append(f"**{escape(scenario.meta.state_heading)}:** {fields}")
    if stop.caveat:
        parts.append(f"> **{escape(scenario.meta.caveat_heading)}:** {escape(stop.caveat)}")
    parts.append(code_block(plain_picture(snapshot)))
    if snapshot.sequence is not None and stop.messages:
        lines = "\n".join(line.plain.rstrip() for line in snapshot.sequence.lines)
        parts.append(code_block(lines))
    if stop.sources:
        refs = [
            f"- {escape(s.title)}" + (f" {_link(s.url)}" if s.url else "") for s in stop.sources
        ]
        parts.append("Sources:\n\n" + "\n".join(refs))
    return "\n\n".join(parts)


def handout(scenario: Scenario, snapshots: Sequence[Snapshot]) -> str:
    """The whole handout: the scenario's title and summary, then a section per stop."""
    meta = scenario.meta
    head = [f"# {escape(meta.title)}", *paragraphs(meta.summary)]
    if meta.era:
        head.append(f"*{escape(meta.era)}*")
    sections = [section(s) for s in snapshots]
    credits = [f"- {escape(c)}" for c in meta.credits]
    tail = ["## Credits\n\n" + "\n".join(credits)] if credits else []
    return "\n\n".join(["\n\n".join(head), *sections, *tail]) + "\n"
