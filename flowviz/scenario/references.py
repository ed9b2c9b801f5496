"""Cross-reference checks the schema cannot express.

Ids unique within each kind, every reference resolving (with a "did you mean"
for a misspelt id), step numbers 1..N in order, phase labels a, b, c …, and each
message travelling a declared link. The checks are defensive: they skip values
of the wrong shape (the schema reports those), so one run reports everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flowviz.errors import Problem
from flowviz.scenario.yamlsafe import Document, PathKey
from flowviz.suggest import did_you_mean

_KINDS = ("message_types", "networks", "hosts", "projects", "services", "links", "views")


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def link_id(item: dict[str, Any]) -> str:
    """A link's id: its own, or ``from-to`` (the builder and the checks agree)."""
    explicit = item.get("id")
    if isinstance(explicit, str):
        return explicit
    return f"{item.get('from')}-{item.get('to')}-{item.get('type')}"


class _Checker:
    def __init__(self, data: dict[str, Any], owner: dict[str, Document], fallback: Document):
        self.data = data
        self.owner = owner
        self.fallback = fallback
        self.problems: list[Problem] = []
        self.ids: dict[str, list[str]] = {kind: [] for kind in _KINDS}

    def report(self, path: PathKey, message: str, *, key: bool = False) -> None:
        document = self.owner.get(str(path[0]), self.fallback)
        line, column = document.locate(path, key=key)
        self.problems.append(Problem(document.path, message, line, column))

    def collect_ids(self) -> None:
        for kind in _KINDS:
            seen: set[str] = set()
            for index, item in _items(self.data, kind):
                ident = link_id(item) if kind == "links" else item.get("id")
                if not isinstance(ident, str):
                    continue
                if ident in seen:
                    singular = kind[:-1].replace("_", " ")
                    self.report((kind, index, "id"), f"duplicate {singular} id {ident!r}")
                seen.add(ident)
                self.ids[kind].append(ident)

    def ref(self, path: PathKey, value: Any, kind: str, what: str) -> bool:
        """Report ``value`` at ``path`` unless it is a known id of ``kind``."""
        if not isinstance(value, str) or value in self.ids[kind]:
            return isinstance(value, str)
        hint = did_you_mean(value, self.ids[kind])
        self.report(path, f"unknown {what} {value!r}{hint}")
        return False

    def check_topology(self) -> None:
        for index, host in _items(self.data, "hosts"):
            for n, network in enumerate(host.get("networks") or []):
                self.ref(("hosts", index, "networks", n), network, "networks", "network")
        for index, service in _items(self.data, "services"):
            self.ref(("services", index, "host"), service.get("host"), "hosts", "host")
            if "project" in service and "projects" in self.data:
                self.ref(
                    ("services", index, "project"), service.get("project"), "projects", "project"
                )
        for index, link in _items(self.data, "links"):
            ends_ok = self.ref(("links", index, "from"), link.get("from"), "services", "service")
            ends_ok &= self.ref(("links", index, "to"), link.get("to"), "services", "service")
            self.ref(("links", index, "type"), link.get("type"), "message_types", "message type")
            if ends_ok and link.get("from") == link.get("to"):
                self.report(("links", index), "a link must join two different services")

    def check_services(self, path: PathKey, services: Any) -> None:
        if isinstance(services, list):
            for n, service in enumerate(services):
                self.ref((*path, n), service, "services", "service")

    def check_messages(self, path: PathKey, messages: Any) -> None:
        if not isinstance(messages, list):
            return
        links = [item for _, item in _items(self.data, "links")]
        for n, message in enumerate(messages):
            if not isinstance(message, dict):
                continue
            here = (*path, n)
            ok = self.ref((*here, "from"), message.get("from"), "services", "service")
            ok &= self.ref((*here, "to"), message.get("to"), "services", "service")
            ok &= self.ref((*here, "type"), message.get("type"), "message_types", "message type")
            if not ok:
                continue
            source, target, kind = message["from"], message["to"], message["type"]
            if "link" in message:
                if not self.ref((*here, "link"), message["link"], "links", "link"):
                    continue
                chosen = [item for item in links if link_id(item) == message["link"]]
                if chosen and (
                    {chosen[0].get("from"), chosen[0].get("to")} != {source, target}
                    or chosen[0].get("type") != kind
                ):
                    self.report(
                        (*here, "link"),
                        f"link {message['link']!r} does not join {source!r} and "
                        f"{target!r} with type {kind!r}",
                    )
                continue
            matches = [
                item
                for item in links
                if {item.get("from"), item.get("to")} == {source, target}
                and item.get("type") == kind
            ]
            if not matches:
                self.report(
                    here,
                    f"no link joins {source!r} and {target!r} with type {kind!r}; "
                    "declare one under 'links'",
                )
            elif len(matches) > 1:
                self.report(
                    here,
                    f"several links join {source!r} and {target!r} with type "
                    f"{kind!r}; say which with 'link:'",
                )

    def check_steps(self) -> None:
        expected = 1
        for index, step in _items(self.data, "steps"):
            number = step.get("number")
            if isinstance(number, int) and not isinstance(number, bool):
                if number != expected:
                    self.report(
                        ("steps", index, "number"),
                        f"step number {number} is out of order: expected {expected} "
                        "(steps are numbered 1..N in file order)",
                    )
                expected = number + 1
            else:
                expected += 1
            self.check_services(("steps", index, "services"), step.get("services"))
            self.check_messages(("steps", index, "messages"), step.get("messages"))
            phases = step.get("phases")
            if not isinstance(phases, list):
                continue
            for p, phase in enumerate(phases):
                if not isinstance(phase, dict):
                    continue
                label = phase.get("label")
                wanted = "abcdefghij"[p]
                if isinstance(label, str) and label != wanted:
                    self.report(
                        ("steps", index, "phases", p, "label"),
                        f"phase label {label!r} is out of order: expected {wanted!r}",
                    )
                self.check_services(
                    ("steps", index, "phases", p, "services"), phase.get("services")
                )
                self.check_messages(
                    ("steps", index, "phases", p, "messages"), phase.get("messages")
                )
        for bookend in ("initial", "final"):
            value = self.data.get(bookend)
            if isinstance(value, dict):
                self.check_services((bookend, "services"), value.get("services"))


def check_references(
    data: dict[str, Any], owner: dict[str, Document], *, fallback: Document
) -> list[Problem]:
    """Every broken cross-reference in ``data``."""
    checker = _Checker(data, owner, fallback)
    checker.collect_ids()
    checker.check_topology()
    checker.check_steps()
    return checker.problems
