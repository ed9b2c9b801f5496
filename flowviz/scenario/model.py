"""The scenario model: plain, immutable data that every part of flowviz reads.

A :class:`Scenario` is what the loader (:mod:`flowviz.scenario.loader`) builds from the
YAML files of one scenario folder, after the schema and cross-reference checks
have passed, so code that receives one may trust every reference in it.

The walkthrough does not move through *steps* but through *stops*: the initial
state, then every step (or every phase of a step that has phases, such as the
deck's 6a "publish" and 6b "pick up"), then the final state. :attr:`Scenario.stops`
is that flat sequence; everything that draws or navigates uses it.
"""

from __future__ import annotations

from enum import StrEnum

from flowviz.errors import Problem
from flowviz.record import field, record


class LineStyle(StrEnum):
    """How a message type's links are drawn, so types differ without colour."""

    LIGHT = "light"
    HEAVY = "heavy"
    DOUBLE = "double"
    DASHED = "dashed"
    HEAVY_DASHED = "heavy-dashed"
    DOTTED = "dotted"


class ServiceKind(StrEnum):
    """What a box stands for; the renderer may shape or mark boxes by kind."""

    CLIENT = "client"
    SERVICE = "service"
    DATABASE = "database"
    QUEUE = "queue"
    HYPERVISOR = "hypervisor"
    STORAGE = "storage"
    VM = "vm"
    AGENT = "agent"


class GroupBy(StrEnum):
    """What the framed groups of a view are."""

    HOST = "host"
    PROJECT = "project"


INSTANCE_STATE_FIELDS: tuple[str, ...] = ("vm_state", "task_state", "power_state")
"""The state fields of a scenario that declares none (the classic instance state)."""
"""The instance-state fields a step may set, in display order."""


@record
class Source:
    """A reference a fact was checked against."""

    title: str
    url: str | None = None


@record
class MessageType:
    """A kind of message on the wire (the deck's "communication types")."""

    id: str
    name: str
    description: str
    line: LineStyle
    color: str
    """A colour name from :data:`flowviz.palette.PALETTE` (colour-blind safe)."""
    short: str
    """A short badge such as ``REST`` or ``AMQP`` for legends and side panels."""


@record
class Network:
    """A physical or logical network hosts sit on."""

    id: str
    name: str
    description: str


@record
class LayoutHint:
    """Where the author wants a box: a cell of a small grid. Either may be None."""

    row: int | None = None
    col: int | None = None


@record
class Host:
    """A machine (or role) that runs services; drawn as a framed group."""

    id: str
    label: str
    short: str
    description: str
    networks: tuple[str, ...]
    layout: LayoutHint


@record
class Project:
    """An OpenStack project (Nova, Glance …) or any other family of services."""

    id: str
    name: str
    description: str


@record
class Service:
    """A process or resource drawn as a box inside its host."""

    id: str
    label: str
    short: str
    """A shorter label for small terminals (defaults to ``label``)."""
    project: str
    host: str
    role: str
    kind: ServiceKind
    layout: LayoutHint


@record
class Link:
    """A permanent wire between two services, of one message type.

    ``source`` and ``target`` give the usual direction of the request; messages
    may travel it either way (a reply rides the same link).
    """

    id: str
    source: str
    target: str
    type: str
    label: str | None = None

    @property
    def ends(self) -> frozenset[str]:
        return frozenset((self.source, self.target))


@record
class Message:
    """One message of a step: who sends what to whom, over which link."""

    source: str
    target: str
    type: str
    link: str
    """The id of the :class:`Link` this message travels (resolved by the loader)."""
    wire: str
    """What is on the wire: a request line, an RPC method, an SQL statement …"""
    note: str | None = None


@record
class InstanceState:
    """The new VM's state fields after a stop; a value of None means unset."""

    values: tuple[tuple[str, str | None], ...] = ()
    changed: frozenset[str] = frozenset()

    def get(self, name: str) -> str | None:
        return dict(self.values).get(name)

    @property
    def is_empty(self) -> bool:
        return not self.values


@record
class Question:
    """A quiz question an author wrote for a step (``questions:``), asked before it."""

    question: str
    choices: tuple[str, ...]
    answer: int
    """The index of the right choice."""
    explain: str | None = None


@record
class Counterpart:
    """The step or steps of another scenario that do the same job (``counterpart:``).

    ``steps`` holds references as written, normalised to text: a step number
    (``"7"``) or a step and phase label (``"6b"``). See
    :mod:`flowviz.scenario.counterparts` for turning them into stops.
    """

    scenario: str
    steps: tuple[str, ...]


@record
class Phase:
    """One slide of a step the deck draws as two (request and reply …)."""

    label: str
    title: str
    narration: str
    notes: str
    services: tuple[str, ...]
    messages: tuple[Message, ...]
    state: tuple[tuple[str, str | None], ...] = ()
    counterpart: Counterpart | None = None
    """Overrides the step's counterpart for this phase."""
    questions: tuple[Question, ...] = ()


@record
class Step:
    """One numbered step of the request flow."""

    number: int
    title: str
    narration: str
    notes: str
    services: tuple[str, ...]
    messages: tuple[Message, ...]
    state: tuple[tuple[str, str | None], ...] = ()
    """Instance-state fields this step sets (only those that change)."""
    sources: tuple[Source, ...] = ()
    caveat: str | None = None
    phases: tuple[Phase, ...] = ()
    counterpart: Counterpart | None = None
    """The step(s) of another scenario that do the same job, if named."""
    questions: tuple[Question, ...] = ()
    """The author's own quiz questions (a phase's are its own)."""


@record
class Bookend:
    """The initial or the final state of the walkthrough."""

    title: str
    narration: str
    notes: str
    services: tuple[str, ...] = ()
    state: tuple[tuple[str, str | None], ...] = ()


@record
class View:
    """An overview drawing (the deck's topology, projects and communication slides)."""

    id: str
    title: str
    description: str
    group_by: GroupBy
    light_all_links: bool
    """True for a legend-like view where every link shows its type's colour."""


@record
class Stop:
    """One place the walkthrough can stand: what is drawn and told there."""

    index: int
    """Position in :attr:`Scenario.stops`, 0 for the initial state."""
    label: str
    """``Initial state``, ``Step 6a`` …"""
    step_number: int | None
    """The step's number, or None for the initial and final states."""
    phase: str | None
    title: str
    narration: str
    notes: str
    services: tuple[str, ...]
    messages: tuple[Message, ...]
    state: InstanceState
    sources: tuple[Source, ...]
    caveat: str | None
    new_services: tuple[str, ...]
    """Services active here that were not active at the previous stop."""
    counterpart: Counterpart | None = None
    """The phase's counterpart, else its step's; None for the initial and final states."""
    questions: tuple[Question, ...] = ()
    """The author's quiz questions for this stop (a phase's, else its step's)."""

    @property
    def message_types(self) -> tuple[str, ...]:
        """The message types in play, in order of first use."""
        return tuple(dict.fromkeys(m.type for m in self.messages))

    @property
    def link_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.link for m in self.messages))

    @property
    def is_bookend(self) -> bool:
        return self.step_number is None


@record
class Metadata:
    id: str
    title: str
    summary: str
    era: str
    credits: tuple[str, ...]
    sources: tuple[Source, ...]
    state_fields: tuple[str, ...] = ("vm_state", "task_state", "power_state")
    """The state a step may change, in the side panel's order (the scenario's own)."""
    state_heading: str = "State"
    caveat_heading: str = "Caveat"
    era_short: str | None = None
    """A few words for the header: which era the scenario shows."""


@record
class Scenario:
    """A whole validated scenario. Lookups by id are dictionaries, in file order."""

    meta: Metadata
    message_types: dict[str, MessageType]
    networks: dict[str, Network]
    hosts: dict[str, Host]
    projects: dict[str, Project]
    services: dict[str, Service]
    links: dict[str, Link]
    views: dict[str, View]
    steps: tuple[Step, ...]
    initial: Bookend
    final: Bookend
    origin: str = field(default="", compare=False)
    """Where it was loaded from (a folder path), for messages."""
    stops: tuple[Stop, ...] = field(default=(), compare=False)
    """The steps and phases flattened into stops, initial and final state included;
    filled in by :func:`flowviz.scenario.stops.with_stops` (the model only declares)."""
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """What the loader found odd but not wrong (``flowviz validate`` prints them)."""
    digest: str = field(default="", compare=False)
    """The loader's key for the exact bytes of its files (empty for a scenario built
    another way): what start-up caches of its pictures are filed under."""

    def stop_for_step(self, number: int) -> Stop:
        """The first stop of step ``number`` (its first phase, if it has phases)."""
        for stop in self.stops:
            if stop.step_number == number:
                return stop
        raise KeyError(number)

    def services_in(self, group_by: GroupBy, group: str) -> list[Service]:
        key = "host" if group_by is GroupBy.HOST else "project"
        return [s for s in self.services.values() if getattr(s, key) == group]

    def steps_of_service(self, service_id: str) -> tuple[int, ...]:
        """Numbers of the steps in which a service is active or sends/receives."""
        numbers: list[int] = []
        for step in self.steps:
            involved = set(step.services)
            involved.update(m.source for m in step.messages)
            involved.update(m.target for m in step.messages)
            for phase in step.phases:
                involved.update(phase.services)
                involved.update(m.source for m in phase.messages)
                involved.update(m.target for m in phase.messages)
            if service_id in involved:
                numbers.append(step.number)
        return tuple(numbers)
