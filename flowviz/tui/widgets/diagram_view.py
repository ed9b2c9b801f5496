"""The diagram, drawn with Textual's Line API from the shared engine's frames.

The view never draws anything itself: the engine gives one :class:`Frame` per
stop (lines of Rich text, each exactly the canvas width) and this widget turns
the visible part into :class:`Strip` objects. Strips are cached per line and the
cache is cleared whenever the frame changes (a new stop, view, size or colour
mode), as Textualize/toolong does for its log lines.

Motion is an overlay: while a step begins, a glyph per message travels the
cells of its link (``Diagram.link_path``), driven by a Textual interval timer.
The overlay only touches the lines it passes and vanishes when it arrives, so
the picture at rest is the engine's frame, animated or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from flowviz.bounded import LRU
from flowviz.diagram.palette import color_hex
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui import engine

if TYPE_CHECKING:
    from flowviz.diagram.engine import Diagram
    from flowviz.diagram.frame import Frame
    from flowviz.diagram.start_cache import CachedFrame, StartFrame

ANIMATION_FPS = 30
"""Frames per second of the travelling glyphs."""
ANIMATION_SECONDS = 0.5
"""How long one message takes to travel its link, whatever the link's length;
a step's messages travel one after another, in the order the step lists them."""
PULSE_GLYPH = "●"
LAYOUT_NOTE = "Laying out the diagram …"
STRIP_CACHE_STOPS = 8
"""How many stops' frames and strips to keep (LRU): going back and forth costs nothing."""
START_LAYOUT_DELAY = 0.03
"""Seconds between showing the frame stored by the last start and laying out for real."""
PREFETCH_DELAY = 0.05
"""Seconds after a frame is drawn before the neighbouring stops are styled."""


@dataclass
class Pulse:
    """A message on its way: the cells it travels and how far it has come."""

    path: list[tuple[int, int]]
    style: Style
    position: int = 0

    @property
    def cell(self) -> tuple[int, int] | None:
        if not self.path or self.position >= len(self.path):
            return None
        return self.path[self.position]


class DiagramView(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable view of the current stop's diagram.

    The scroll keys of ScrollView are not inherited: arrows, Page Up/Down, Home and
    End step through the walkthrough. The view follows the active services by
    itself, and the mouse wheel scrolls a picture larger than the canvas.
    """

    DEFAULT_CSS = """
    DiagramView {
        background: $surface;
        scrollbar-size: 1 1;
    }
    """

    class ServiceClicked(Message):
        """The learner clicked a service's box."""

        def __init__(self, service_id: str) -> None:
            super().__init__()
            self.service_id = service_id

    class Drawn(Message):
        """A new frame has been drawn (the benchmark and tests wait for this)."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        color: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.scenario = scenario
        self.color = color
        """False under NO_COLOR: the engine then draws with glyphs and weight only."""
        self.view_id: str | None = None
        self.stop: Stop | None = None
        self.diagram: Diagram | None = None
        self.frame: Frame | CachedFrame | None = None
        self._built_for: tuple[str | None, int, int] | None = None
        self._strips: dict[int, Strip] = {}
        """Strips of the current frame, by picture line."""
        self._cache: LRU[tuple[object, ...], tuple[Frame, dict[int, Strip]]] = LRU(
            STRIP_CACHE_STOPS)
        """Frames and strips of recently shown (or prefetched) stops, most recent last."""
        self._prefetch_timer: Timer | None = None
        self._wanted: tuple[str | None, int, int] | None = None
        """The (view, width, height) the latest layout was started for."""
        self.layout_pending = False
        """True while a layout runs in its thread."""
        self._remember_start = False
        """Whether the first real frame is to be kept for the next start."""
        self._start_tried = False
        self._start: StartFrame | None = None
        """The stored frame on screen until the first layout is done (see start_cache)."""
        self._pulses: list[Pulse] = []
        self._timer: Timer | None = None
        self.wiring = False
        """Whether the idle permanent links are drawn too, faintly (key ``w``)."""
        self.sequence = False
        """Whether the stop is drawn as a sequence diagram instead of the topology
        (key ``y``): lifelines and numbered arrows, at the widget's size."""

    # -- what the app tells the view -------------------------------------------------

    def show(self, stop: Stop, *, view_id: str | None, animate: bool) -> None:
        """Draw ``stop`` in ``view_id``; animate its messages if ``animate``."""
        if self._start is not None and (stop.index, view_id) != (self.stop and self.stop.index,
                                                                 self.view_id):
            self._drop_start_frame()  # it showed another stop or view
        self.stop = stop
        self.view_id = view_id
        self._stop_animation()
        if not self._ensure_diagram():
            # The neighbours a pending prefetch would style belong to the old picture.
            self._cancel_prefetch()
            return
        self._restyle()
        self._scroll_to_focus()
        if animate and not self.sequence:  # messages travel the topology's links only
            self._start_animation(stop)

    def redraw(self) -> None:
        """Draw the current stop again (after a change of colour mode or picture)."""
        self._drop_start_frame()
        if self.stop is not None and self._ensure_diagram():
            self._stop_animation()
            self._restyle()
            self._scroll_to_focus()

    # -- building and styling --------------------------------------------------------

    @property
    def ready(self) -> bool:
        """The diagram on screen is the one for the view's current view and size."""
        return (not self.layout_pending and self.diagram is not None
                and self._built_for == (self.view_id, self.size.width, self.size.height))

    def _ensure_diagram(self) -> bool:
        """True when the diagram for the current view and size is ready.

        Otherwise a layout is started in a daemon thread (a large scenario on a
        small canvas can take the engine a second or more) and the view keeps
        showing what it had; :meth:`_layout_done` draws once it is ready.
        """
        if not self.is_mounted:
            return False
        if self.size.area == 0:
            # Not laid out yet: the frame the last start drew here can be in the first paint.
            if self.frame is None:
                self._show_start_frame()
            return False
        key = (self.view_id, self.size.width, self.size.height)
        if self._built_for == key and self.diagram is not None:
            # Back at the size already drawn (18 rows, 19, then 18 again as a hint row
            # comes and goes): a layout still running for the other size is not wanted.
            self._wanted, self.layout_pending = key, False
            return True
        if self._wanted != key:
            self._wanted = key
            self.layout_pending = True
            if self._start is not None and self._start.canvas != tuple(self.size):
                self._drop_start_frame()  # drawn for another size
            elif self.frame is None:
                self._show_start_frame()
            if self._start is not None:
                # Let the stored frame reach the screen before the layout takes the GIL.
                self.set_timer(START_LAYOUT_DELAY, lambda: self._start_layout(key))
            else:
                self._start_layout(key)
            self.refresh()
        return False

    def _start_layout(self, key: tuple[str | None, int, int]) -> None:
        if self._wanted == key and self.is_mounted:
            self.run_worker(self._layout(key), group="layout", exit_on_error=True)

    def _start_key(self) -> str | None:
        """The start cache's entry for this scenario, view and terminal size."""
        from flowviz.diagram import start_cache

        size = self.app.size
        return start_cache.start_key(self.scenario, self.view_id, size.width, size.height)

    def _show_start_frame(self) -> None:
        """Show the frame the last start at this size drew, while the real layout runs
        (:mod:`flowviz.diagram.start_cache`); it replaces it with the same picture."""
        from flowviz.diagram import start_cache

        if self._start_tried:
            return
        self._start_tried = True
        key = self._start_key() if not (self.wiring or self.sequence) else None
        start = start_cache.recall_frame(key, self._start_slot()) if key is not None else None
        self._remember_start = key is not None
        if (start is None or self.stop is None or start.stop != self.stop.index
                or start.color != self.color
                or (self.size.area and start.canvas != tuple(self.size))):
            return
        assert isinstance(start.frame, start_cache.CachedFrame)
        self._start = start
        self._remember_start = False
        self.frame, self._strips = start.frame, {}
        self.virtual_size = Size(start.frame.width, start.frame.height)
        self.scroll_to(*start.offset, animate=False, force=True)

    def _drop_start_frame(self) -> None:
        if self._start is not None:
            self.frame, self._start = None, None
            self.refresh()

    def _store_start_frame(self) -> None:
        """After the first real frame: keep it for the next start at this size."""
        from flowviz.diagram import start_cache

        self._remember_start = False
        key = self._start_key()
        if (key is None or self.frame is None or self.stop is None or self.diagram is None
                or self.wiring or self.sequence or not self.ready):
            return
        start_cache.remember_frame(key, start_cache.StartFrame(
            self.stop.index, self.color, (self.size.width, self.size.height),
            self._focus_offset(), self.frame), self._start_slot())

    def _start_slot(self) -> str:
        """Each kind of view keeps its own first frame (the walkthrough's diagram and the
        presenter's stage differ in size at one terminal size)."""
        return f"frame:{type(self).__name__}"

    async def _layout(self, key: tuple[str | None, int, int]) -> None:
        """Worker: build the diagram for ``key`` in a daemon thread, so that quitting
        never waits for a layout (see :func:`engine.build_detached`)."""
        view_id, width, height = key
        diagram = await engine.build_detached(self.scenario, view_id, width, height,
                                              wanted=lambda: self._wanted == key)
        if diagram is not None:
            self._layout_done(key, diagram)

    def _layout_done(self, key: tuple[str | None, int, int], diagram: Diagram) -> None:
        if key != self._wanted:
            return  # a newer size or view was asked for meanwhile
        self._start = None
        self.diagram = diagram
        self._built_for = key
        self.layout_pending = False
        if self.stop is not None:
            self._restyle()
            self._scroll_to_focus()
            if self._remember_start:
                self.call_after_refresh(self._store_start_frame)

    def _cache_key(self, stop: Stop) -> tuple[object, ...]:
        return (self._built_for, stop.index, self.color, self.wiring, self.sequence)

    def _styled(self, stop: Stop) -> tuple[Frame, dict[int, Strip]]:
        """The frame of ``stop`` and its strip cache, from the LRU cache when there."""
        assert self.diagram is not None
        key = self._cache_key(stop)
        entry = self._cache.get(key)
        if entry is None:
            if self.sequence:
                from flowviz.diagram.sequence_paint import sequence_frame

                entry = (sequence_frame(self.scenario, stop, self.size.width, self.size.height,
                                        color=self.color, neighbours=True), {})
            else:
                entry = (self.diagram.frame(stop, color=self.color, wiring=self.wiring), {})
            self._cache.put(key, entry)
        return entry

    def _restyle(self) -> None:
        assert self.diagram is not None and self.stop is not None
        before = self.frame
        self.frame, self._strips = self._styled(self.stop)
        self.virtual_size = Size(self.frame.width, self.frame.height)
        self._refresh_changed(before, self.frame)
        self.post_message(self.Drawn())
        # Once this frame is on screen, get the neighbours ready so → and ← are instant.
        self._cancel_prefetch()
        self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)

    def _refresh_changed(self, before: Frame | CachedFrame | None,
                         after: Frame | CachedFrame) -> None:
        """Repaint the lines that differ between two frames of one picture (boxes never
        move from stop to stop: a step changes a few lines); anything else, all of it."""
        if (before is None or before is after or (before.width, before.height, before.origin)
                != (after.width, after.height, after.origin) or self._pulses):
            self.refresh()
            return
        changed = [y for y, (old, new) in enumerate(zip(before.lines, after.lines, strict=True))
                   if old != new]
        start = 0
        for index, y in enumerate(changed):  # one region per run of changed lines
            if index + 1 == len(changed) or changed[index + 1] != y + 1:
                self.refresh_lines(changed[start], y - changed[start] + 1)
                start = index + 1

    def _cancel_prefetch(self) -> None:
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
            self._prefetch_timer = None

    def _prefetch(self) -> None:
        """Style the stops either side of the current one and turn them into strips."""
        self._prefetch_timer = None
        if self.diagram is None or self.stop is None or self._wanted != self._built_for:
            return  # a layout for another view or size is on its way: nothing to gain
        stops = self.scenario.stops
        current = self.stop
        for index in (current.index + 1, current.index - 1):
            if 0 <= index < len(stops):
                frame, strips = self._styled(stops[index])
                for y in range(frame.height):
                    if y not in strips:
                        strips[y] = self._to_strip(frame, y)
        current_key = self._cache_key(current)
        self._cache.touch(current_key)  # keep the frame on screen the last to be evicted

    def notify_style_update(self) -> None:
        # A theme change alters the background the strips were made with.
        super().notify_style_update()
        for _, strips in self._cache.values():
            strips.clear()

    def _scroll_to_focus(self) -> None:
        if self.diagram is None or self.stop is None:
            return
        self.scroll_to(*self._focus_offset(), animate=False, force=True)

    def _focus_offset(self) -> tuple[int, int]:
        """Where the view scrolls to for the current stop."""
        assert self.diagram is not None and self.stop is not None
        region = self.scrollable_content_region
        fits = self.diagram.width <= region.width and self.diagram.height <= region.height
        if self.sequence or fits:
            return (0, 0)
        # The picture is larger than the canvas (the engine's last rung): show the
        # window the engine centres on the active services.
        x, y, _, _ = self.diagram.viewport(self.stop, region.width, region.height)
        return (x, y)

    def on_resize(self, event: events.Resize) -> None:
        self._stop_animation()  # the paths belong to the old layout
        if self.stop is not None and self._ensure_diagram():
            self._restyle()
            self._scroll_to_focus()

    # -- the Line API ----------------------------------------------------------------

    def _to_strip(self, frame: Frame | CachedFrame, y: int) -> Strip:
        segments = list(frame.lines[y].render(self.app.console, end=""))
        return Strip(segments, frame.width).apply_style(self.rich_style)

    def _base_strip(self, y: int) -> Strip:
        strip = self._strips.get(y)
        if strip is None:
            assert self.frame is not None
            strip = self._strips[y] = self._to_strip(self.frame, y)
        return strip

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = y + scroll_y
        width = self.scrollable_content_region.width
        if self.frame is None or not 0 <= line < self.frame.height:
            if self.frame is None and self.layout_pending and y == self.size.height // 2:
                note = LAYOUT_NOTE.center(width)[:width]
                return Strip([Segment(note, self.rich_style)], len(note))
            return Strip.blank(width, self.rich_style)
        strip = self._base_strip(line)
        for pulse in self._pulses[:1]:  # only the message now on its way is drawn
            cell = pulse.cell
            if cell is not None and cell[1] == line and 0 <= cell[0] < strip.cell_length:
                x = cell[0]
                glyph = Strip([Segment(PULSE_GLYPH, self.rich_style + pulse.style)], 1)
                strip = Strip.join([strip.crop(0, x), glyph, strip.crop(x + 1)])
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    # -- motion ----------------------------------------------------------------------

    @property
    def animating(self) -> bool:
        """True while messages are still travelling."""
        return bool(self._pulses)

    def _start_animation(self, stop: Stop) -> None:
        assert self.diagram is not None
        pulses = []
        for message, path in zip(stop.messages, self.diagram.message_paths(stop), strict=True):
            colour = self.scenario.message_types[message.type].color
            style = Style(color=color_hex(colour) if self.color else None, bold=True)
            if path:
                pulses.append(Pulse(path, style))
        if not pulses:
            return
        self._pulses = pulses
        self._timer = self.set_interval(1 / ANIMATION_FPS, self._advance)

    def _advance(self) -> None:
        """Move the travelling message on; messages go one after another, in step order."""
        if not self._pulses:
            self._stop_animation()
            return
        pulse = self._pulses[0]
        before = pulse.cell
        pulse.position += max(1, round(len(pulse.path) / (ANIMATION_FPS * ANIMATION_SECONDS)))
        after = pulse.cell
        for cell in (before, after):
            if cell is not None:
                self.refresh_line(cell[1])
        if after is None:
            self._pulses.pop(0)
            if self._pulses:
                first = self._pulses[0].cell
                if first is not None:
                    self.refresh_line(first[1])
            else:
                self._stop_animation()

    def _stop_animation(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        pulses, self._pulses = self._pulses, []
        if pulses:
            self.refresh()

    def finish_animation(self) -> None:
        """Skip to the resting picture."""
        self._stop_animation()

    # -- mouse -----------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if self.frame is None:
            return
        x = event.x + self.scroll_offset.x
        y = event.y + self.scroll_offset.y
        if 0 <= x < self.frame.width and 0 <= y < self.frame.height:
            service = self.frame.owner_at(x, y)
            if service is not None and service in self.scenario.services:
                event.stop()
                self.post_message(self.ServiceClicked(service))
