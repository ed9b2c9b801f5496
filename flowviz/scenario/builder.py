"""Build the immutable model from data that has passed every check."""

from __future__ import annotations

from typing import Any

from flowviz.scenario.model import (
    INSTANCE_STATE_FIELDS,
    Bookend,
    Counterpart,
    GroupBy,
    Host,
    LayoutHint,
    LineStyle,
    Link,
    Message,
    MessageType,
    Metadata,
    Network,
    Phase,
    Project,
    Question,
    Scenario,
    Service,
    ServiceKind,
    Source,
    Step,
    View,
)
from flowviz.scenario.stops import with_stops

DEFAULT_COLORS = ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow", "grey")
"""Colours handed out, in order, to message types that do not name one."""
UNGROUPED_PROJECT = "other"
"""The project of a service that names none."""


def link_id(item: dict[str, Any]) -> str:
    """A link's id: its own, or ``from-to`` (the builder and the checks agree)."""
    explicit = item.get("id")
    if isinstance(explicit, str):
        return explicit
    # Not str() of a value of the wrong shape: through an alias it could be megabytes.
    parts = [item.get(key) for key in ("from", "to", "type")]
    return "-".join(part if isinstance(part, str) else "?" for part in parts)


def _sources(items: Any) -> tuple[Source, ...]:
    result = []
    for item in items or ():
        if isinstance(item, str):
            result.append(Source(title=item))
        else:
            result.append(Source(title=item["title"], url=item.get("url")))
    return tuple(result)


def _layout(item: dict[str, Any]) -> LayoutHint:
    hint = item.get("layout") or {}
    return LayoutHint(row=hint.get("row"), col=hint.get("col"))


def _state(item: dict[str, Any]) -> tuple[tuple[str, str | None], ...]:
    """The state changes as written (their names are checked against the scenario's
    ``state_fields`` by the references check; the stops put them in that order)."""
    state = item.get("state") or {}
    return tuple(state.items())


def _messages(items: Any, links: dict[str, Link]) -> tuple[Message, ...]:
    result = []
    for item in items or ():
        source, target, kind = item["from"], item["to"], item["type"]
        chosen = item.get("link") or next(
            link.id
            for link in links.values()
            if link.ends == {source, target} and link.type == kind
        )
        result.append(
            Message(
                source=source,
                target=target,
                type=kind,
                link=chosen,
                wire=item["wire"],
                note=item.get("note"),
            )
        )
    return tuple(result)


def _questions(items: list[dict[str, Any]] | None) -> tuple[Question, ...]:
    """The author's quiz questions, the answer turned into its choice's index."""
    questions = []
    for item in items or ():
        choices = tuple(str(c) for c in item["choices"])
        answer = item["answer"]
        index = choices.index(answer) if isinstance(answer, str) else int(answer)
        questions.append(Question(item["question"], choices, index, item.get("explain")))
    return tuple(questions)


def _counterpart(item: dict[str, Any]) -> Counterpart | None:
    value = item.get("counterpart")
    if not value:
        return None
    refs = value["steps"] if "steps" in value else [value["step"]]
    return Counterpart(scenario=value["scenario"], steps=tuple(str(ref) for ref in refs))


def _bookend(item: dict[str, Any]) -> Bookend:
    return Bookend(
        title=item["title"],
        narration=item["narration"],
        notes=item["notes"],
        services=tuple(item.get("services") or ()),
        state=_state(item),
    )


def build_scenario(data: dict[str, Any], *, origin: str = "") -> Scenario:
    """The :class:`Scenario` for validated ``data`` (see :mod:`flowviz.scenario.loader`)."""
    meta = data["scenario"]
    colors = iter(
        c for c in DEFAULT_COLORS if c not in {t.get("color") for t in data["message_types"]}
    )
    message_types = {}
    for item in data["message_types"]:
        message_types[item["id"]] = MessageType(
            id=item["id"],
            name=item["name"],
            description=item["description"],
            line=LineStyle(item["line"]),
            color=item.get("color") or next(colors, "grey"),
            short=item.get("short") or item["id"].upper()[:8],
        )
    networks = {
        item["id"]: Network(item["id"], item["name"], item.get("description", ""))
        for item in data.get("networks") or ()
    }
    hosts = {
        item["id"]: Host(
            id=item["id"],
            label=item["label"],
            short=item.get("short") or item["label"],
            description=item.get("description", ""),
            networks=tuple(item.get("networks") or ()),
            layout=_layout(item),
        )
        for item in data["hosts"]
    }
    projects = {
        item["id"]: Project(item["id"], item["name"], item.get("description", ""))
        for item in data.get("projects") or ()
    }
    services = {
        item["id"]: Service(
            id=item["id"],
            label=item["label"],
            short=item.get("short") or item["label"],
            project=item.get("project") or UNGROUPED_PROJECT,
            host=item["host"],
            role=item["role"],
            kind=ServiceKind(item.get("kind", "service")),
            layout=_layout(item),
        )
        for item in data["services"]
    }
    if any(s.project == UNGROUPED_PROJECT for s in services.values()) and (
        UNGROUPED_PROJECT not in projects
    ):
        projects[UNGROUPED_PROJECT] = Project(UNGROUPED_PROJECT, "Other", "Services of no project.")
    links = {}
    for item in data["links"]:
        ident = link_id(item)
        links[ident] = Link(
            id=ident,
            source=item["from"],
            target=item["to"],
            type=item["type"],
            label=item.get("label"),
        )
    views = {
        item["id"]: View(
            id=item["id"],
            title=item["title"],
            description=item.get("description", ""),
            group_by=GroupBy(item.get("group_by", "host")),
            light_all_links=bool(item.get("light_all_links", False)),
        )
        for item in data["views"]
    }
    steps = []
    for item in data["steps"]:
        phases = tuple(
            Phase(
                label=p["label"],
                title=p["title"],
                narration=p["narration"],
                notes=p.get("notes", ""),
                services=tuple(p["services"]),
                messages=_messages(p["messages"], links),
                state=_state(p),
                counterpart=_counterpart(p),
                questions=_questions(p.get("questions")),
            )
            for p in item.get("phases") or ()
        )
        steps.append(
            Step(
                number=item["number"],
                title=item["title"],
                narration=item.get("narration", ""),
                notes=item["notes"],
                services=tuple(item.get("services") or ()),
                messages=_messages(item.get("messages"), links),
                state=_state(item),
                sources=_sources(item.get("sources")),
                caveat=item.get("caveat"),
                phases=phases,
                counterpart=_counterpart(item),
                questions=_questions(item.get("questions")),
            )
        )
    return with_stops(Scenario(
        meta=Metadata(
            id=meta["id"],
            title=meta["title"],
            summary=meta["summary"],
            era=meta["era"],
            credits=tuple(meta.get("credits") or ()),
            sources=_sources(meta.get("sources")),
            state_fields=tuple(meta.get("state_fields") or INSTANCE_STATE_FIELDS),
            state_heading=meta.get("state_heading") or "State",
            caveat_heading=meta.get("caveat_heading") or "Caveat",
            era_short=meta.get("era_short"),
        ),
        message_types=message_types,
        networks=networks,
        hosts=hosts,
        projects=projects,
        services=services,
        links=links,
        views=views,
        steps=tuple(steps),
        initial=_bookend(data["initial"]),
        final=_bookend(data["final"]),
        origin=origin,
    ))
