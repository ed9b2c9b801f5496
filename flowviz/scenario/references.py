"""Cross-reference checks the schema cannot express.

Ids unique within each kind, every reference resolving (with a "did you mean"
for a misspelt id), step numbers 1..N in order, phase labels a, b, c …, and each
message travelling a declared link. The checks are defensive: they skip values
of the wrong shape (the schema reports those), so one run reports everything.

They run in time linear in the scenario's size however hostile it is: ids are
sets, links are indexed by their ends, and "did you mean" hints compare with a
bounded list of candidates (:class:`~flowviz.suggest.Suggester`). Values are
quoted by a short prefix (:func:`~flowviz.errors.quote`).

One check is a warning rather than an error: two links of one type joining the
same two services in opposite directions (a reply already travels a link back).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from flowviz.errors import Problem, Problems, quote
from flowviz.scenario.builder import link_id
from flowviz.scenario.model import INSTANCE_STATE_FIELDS
from flowviz.suggest import Suggester

if TYPE_CHECKING:  # types only: importing yamlsafe imports PyYAML
    from flowviz.scenario.yamlsafe import Document, PathKey

_KINDS = ("message_types", "networks", "hosts", "projects", "services", "links", "views")


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


class _Checker:
    def __init__(self, data: dict[str, Any], owner: dict[str, Document], fallback: Document):
        self.data = data
        self.owner = owner
        self.fallback = fallback
        self.problems = Problems()
        self.ids: dict[str, set[str]] = {kind: set() for kind in _KINDS}
        self.suggesters: dict[str, Suggester] = {}
        self.links_by_id: dict[str, dict[str, Any]] = {}
        self.links_by_ends: dict[tuple[frozenset[Any], Any], list[dict[str, Any]]] = {}

    def report(
        self, path: PathKey, message: str, *, key: bool = False, warning: bool = False
    ) -> None:
        document = self.owner.get(str(path[0]), self.fallback)
        line, column = document.locate(path, key=key)
        self.problems.add(
            Problem(document.path, message, line, column, "warning" if warning else "error")
        )

    def collect_ids(self) -> None:
        for kind in _KINDS:
            seen: set[str] = set()
            for index, item in _items(self.data, kind):
                ident = link_id(item) if kind == "links" else item.get("id")
                if not isinstance(ident, str):
                    continue
                if ident in seen:
                    singular = kind[:-1].replace("_", " ")
                    self.report((kind, index, "id"), f"duplicate {singular} id {quote(ident)}")
                seen.add(ident)
                self.ids[kind].add(ident)
        for _, link in _items(self.data, "links"):
            self.links_by_id.setdefault(link_id(link), link)
            ends = _ends(link)
            if ends is not None:
                self.links_by_ends.setdefault(ends, []).append(link)

    def ref(self, path: PathKey, value: Any, kind: str, what: str) -> bool:
        """Report ``value`` at ``path`` unless it is a known id of ``kind``."""
        if not isinstance(value, str) or value in self.ids[kind]:
            return isinstance(value, str)
        if kind not in self.suggesters:
            self.suggesters[kind] = Suggester(sorted(self.ids[kind]))
        hint = self.suggesters[kind].hint(value)
        self.report(path, f"unknown {what} {quote(value)}{hint}")
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
        self.check_opposite_links()

    def check_opposite_links(self) -> None:
        """Warn about A → B and B → A links of one type: one link carries both ways."""
        first: dict[tuple[Any, Any, Any], int] = {}
        for index, link in _items(self.data, "links"):
            source, target, kind = link.get("from"), link.get("to"), link.get("type")
            if not all(isinstance(v, str) for v in (source, target, kind)) or source == target:
                continue
            earlier = first.get((target, source, kind))
            if earlier is not None:
                self.report(
                    ("links", index),
                    f"links[{earlier}] already joins {quote(target)} and {quote(source)} with "
                    f"type {quote(kind)}; this link runs the other way, which is rarely meant: "
                    "one link carries a request and its reply",
                    warning=True,
                )
            first.setdefault((source, target, kind), index)

    def check_services(self, path: PathKey, services: Any) -> None:
        if isinstance(services, list):
            for n, service in enumerate(services):
                self.ref((*path, n), service, "services", "service")

    def check_messages(self, path: PathKey, messages: Any) -> None:
        if not isinstance(messages, list):
            return
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
                chosen = self.links_by_id.get(message["link"])
                if chosen is not None and _ends(chosen) != (frozenset((source, target)), kind):
                    self.report(
                        (*here, "link"),
                        f"link {quote(message['link'])} does not join {quote(source)} and "
                        f"{quote(target)} with type {quote(kind)}",
                    )
                continue
            matches = self.links_by_ends.get((frozenset((source, target)), kind), [])
            if not matches:
                self.report(
                    here,
                    f"no link joins {quote(source)} and {quote(target)} with type "
                    f"{quote(kind)}; declare one under 'links'",
                )
            elif len(matches) > 1:
                self.report(
                    here,
                    f"several links join {quote(source)} and {quote(target)} with type "
                    f"{quote(kind)}; say which with 'link:'",
                )

    def check_state(self, path: PathKey, state: Any) -> None:
        """Every state field a step changes is one the scenario declares."""
        if not isinstance(state, dict):
            return
        meta = self.data.get("scenario")
        declared = meta.get("state_fields") if isinstance(meta, dict) else None
        fields = declared if isinstance(declared, list) else list(INSTANCE_STATE_FIELDS)
        for name in state:
            if isinstance(name, str) and name not in fields:
                self.report((*path, name),
                            f"state field {quote(name)} is not declared: the scenario's "
                            f"state_fields are {', '.join(map(str, fields))}", key=True)

    def check_questions(self, path: PathKey, questions: Any) -> None:
        """An author's quiz answer names one of its choices (by index or by text)."""
        if not isinstance(questions, list):
            return
        for q, question in enumerate(questions):
            if not isinstance(question, dict) or not isinstance(question.get("choices"), list):
                continue
            choices, answer = question["choices"], question.get("answer")
            if isinstance(answer, bool):
                continue
            if isinstance(answer, float) and answer.is_integer():
                answer = int(answer)  # the schema's "integer" takes 3.0 too: check it alike
            if isinstance(answer, int) and not 0 <= answer < len(choices):
                self.report((*path, q, "answer"),
                            f"answer {answer} is not a choice: choices are numbered "
                            f"0..{len(choices) - 1}")
            elif isinstance(answer, str) and answer not in choices:
                self.report((*path, q, "answer"),
                            f"answer {quote(answer)} is not one of the choices")

    def check_steps(self) -> None:
        expected = 1
        for index, step in _items(self.data, "steps"):
            number = step.get("number")
            if isinstance(number, int) and not isinstance(number, bool):
                if number != expected:
                    self.report(
                        ("steps", index, "number"),
                        f"step number {quote(number)} is out of order: expected {expected} "
                        "(steps are numbered 1..N in file order)",
                    )
                expected = number + 1
            else:
                expected += 1
            self.check_services(("steps", index, "services"), step.get("services"))
            self.check_messages(("steps", index, "messages"), step.get("messages"))
            self.check_state(("steps", index, "state"), step.get("state"))
            self.check_questions(("steps", index, "questions"), step.get("questions"))
            phases = step.get("phases")
            if not isinstance(phases, list):
                continue
            for p, phase in enumerate(phases):
                if not isinstance(phase, dict):
                    continue
                label = phase.get("label")
                # More phases than letters is the schema's to report (at most 6).
                wanted = chr(ord("a") + p) if p < 26 else label
                if isinstance(label, str) and label != wanted:
                    self.report(
                        ("steps", index, "phases", p, "label"),
                        f"phase label {quote(label)} is out of order: expected {wanted!r}",
                    )
                self.check_services(
                    ("steps", index, "phases", p, "services"), phase.get("services")
                )
                self.check_messages(
                    ("steps", index, "phases", p, "messages"), phase.get("messages")
                )
                self.check_state(("steps", index, "phases", p, "state"), phase.get("state"))
                self.check_questions(("steps", index, "phases", p, "questions"),
                                     phase.get("questions"))
        for bookend in ("initial", "final"):
            value = self.data.get(bookend)
            if isinstance(value, dict):
                self.check_services((bookend, "services"), value.get("services"))


def _ends(link: dict[str, Any]) -> tuple[frozenset[Any], Any] | None:
    """What a message must match to travel ``link``: its two ends (either way) and type."""
    ends = (link.get("from"), link.get("to"), link.get("type"))
    if not all(isinstance(v, str) for v in ends):
        return None
    return frozenset(ends[:2]), ends[2]


def check_references(
    data: dict[str, Any], owner: dict[str, Document], *, fallback: Document
) -> Problems:
    """Every broken cross-reference in ``data`` (errors), and the warnings."""
    checker = _Checker(data, owner, fallback)
    checker.collect_ids()
    checker.check_topology()
    checker.check_steps()
    return checker.problems
