"""The presenter ↔ notes channel: in step both ways, robust to garbage and restarts."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from flowviz.presenting.sync import (
    Command,
    PresenterState,
    SyncEndpoint,
    decode,
    encode,
    valid_session,
)


class Inbox(list[PresenterState | Command]):
    def __call__(self, message: PresenterState | Command) -> None:
        self.append(message)


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    presenter_inbox, notes_inbox = Inbox(), Inbox()
    presenter = SyncEndpoint("presenter", "class1", presenter_inbox, folder=tmp_path)
    notes = SyncEndpoint("notes", "class1", notes_inbox, folder=tmp_path)
    yield presenter, presenter_inbox, notes, notes_inbox
    presenter.close()
    notes.close()


def test_state_reaches_the_notes_and_commands_reach_the_presenter(pair) -> None:  # type: ignore[no-untyped-def]
    presenter, presenter_inbox, notes, notes_inbox = pair
    presenter.publish(PresenterState(stop=3, started=100.0, scenario="openstack-vm-launch"))
    assert notes.receive_pending() == 1
    assert notes_inbox == [PresenterState(3, 100.0, "openstack-vm-launch")]
    notes.command(Command("goto", 7))
    notes.command(Command("next"))
    assert presenter.receive_pending() == 2
    assert presenter_inbox == [Command("goto", 7), Command("next")]


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\xff\xfe not utf-8",
        b"not json",
        b"[1, 2, 3]",
        b'{"protocol": "other", "kind": "command", "action": "next", "session": "class1"}',
        encode("command", "class1", {"action": "rm -rf"}),
        encode("command", "class1", {"action": "goto", "stop": -4}),
        encode("command", "class1", {"action": "goto", "stop": True}),
        encode("command", "class2", {"action": "next"}),
        encode("state", "class1", {"stop": 1, "started": 0, "scenario": "x"}),
        b"x" * 5000,
    ],
)
def test_garbage_packets_change_nothing(pair, garbage: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    presenter, presenter_inbox, _, _ = pair
    sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sender.sendto(garbage, str(tmp_path / "class1.presenter"))
    sender.close()
    assert presenter.receive_pending() == 0
    assert presenter_inbox == []


def test_sessions_do_not_cross(tmp_path: Path) -> None:
    a_inbox, b_inbox = Inbox(), Inbox()
    presenter_a = SyncEndpoint("presenter", "room-a", Inbox(), folder=tmp_path)
    notes_a = SyncEndpoint("notes", "room-a", a_inbox, folder=tmp_path)
    notes_b = SyncEndpoint("notes", "room-b", b_inbox, folder=tmp_path)
    presenter_a.publish(PresenterState(2, 0.0, "x"))
    notes_a.receive_pending()
    notes_b.receive_pending()
    assert len(a_inbox) == 1 and b_inbox == []
    for endpoint in (presenter_a, notes_a, notes_b):
        endpoint.close()


def test_either_side_can_restart(tmp_path: Path) -> None:
    notes_inbox = Inbox()
    presenter = SyncEndpoint("presenter", "s", Inbox(), folder=tmp_path)
    notes = SyncEndpoint("notes", "s", notes_inbox, folder=tmp_path)
    presenter.close()
    presenter = SyncEndpoint("presenter", "s", Inbox(), folder=tmp_path)
    presenter.publish(PresenterState(5, 0.0, "x"))
    notes.receive_pending()
    assert notes_inbox[-1].stop == 5  # type: ignore[union-attr]
    notes.close()
    restarted_inbox = Inbox()
    notes = SyncEndpoint("notes", "s", restarted_inbox, folder=tmp_path)
    presenter.publish(PresenterState(6, 0.0, "x"))
    notes.receive_pending()
    assert restarted_inbox == [PresenterState(6, 0.0, "x")]
    presenter.close()
    notes.close()


def test_a_dead_follower_socket_is_cleaned_up(tmp_path: Path) -> None:
    presenter = SyncEndpoint("presenter", "s", Inbox(), folder=tmp_path)
    stale = tmp_path / "s.notes-999-dead"
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    leftover.bind(str(stale))
    leftover.close()  # the socket file stays, nobody listens
    presenter.publish(PresenterState(1, 0.0, "x"))
    assert not stale.exists()
    presenter.close()


def test_round_trip_encoding() -> None:
    data = encode("command", "s", {"action": "goto", "stop": 4})
    assert decode(data, "s") == Command("goto", 4)
    assert decode(data, "other") is None


@pytest.mark.parametrize("name", ["", "a b", "../x", "x" * 41])
def test_bad_session_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        valid_session(name)
