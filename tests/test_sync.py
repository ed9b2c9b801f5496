"""The presenter ↔ notes channel: in step both ways, robust to garbage and restarts."""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from pathlib import Path

import pytest

from flowviz.presenting.sync import (
    Command,
    PresenterQuit,
    PresenterState,
    SessionBusyError,
    SyncEndpoint,
    SyncMessage,
    UnsafeFolderError,
    decode,
    encode,
    presenter_alive,
    runtime_dir,
    valid_session,
)


class Inbox(list[SyncMessage]):
    def __call__(self, message: SyncMessage) -> None:
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


# -- every field of a message is checked (#12: one NaN killed the notes) --------------


def state_datagram(**fields: object) -> bytes:
    """A state datagram written by hand (json.dumps lets NaN through, as a forger would)."""
    import json

    body: dict[str, object] = {"protocol": "flowviz-sync/1", "kind": "state",
                               "session": "class1", "stop": 1, "started": 100.0,
                               "scenario": "web-request"}
    body.update(fields)
    return json.dumps(body).encode()


@pytest.mark.parametrize(
    "datagram",
    [
        state_datagram(started=float("nan")),
        state_datagram(started=float("inf")),
        state_datagram(started=float("-inf")),
        b'{"protocol": "flowviz-sync/1", "kind": "state", "session": "class1", "stop": 1,'
        b' "started": 1e400, "scenario": "web-request"}',
        state_datagram(started=-1),
        state_datagram(started=True),
        state_datagram(started="100"),
        state_datagram(stop=10**6),
        state_datagram(stop=1.5),
        state_datagram(stop=None),
        state_datagram(scenario=""),
        state_datagram(scenario="x" * 5000),
        state_datagram(scenario="web\x1b[2Jrequest"),
        state_datagram(scenario=["web-request"]),
        state_datagram(blanked="yes"),
        state_datagram(extra="field"),
        encode("command", "class1", {"action": "goto"}),
        encode("command", "class1", {"action": "next", "stop": 3}),
        encode("command", "class1", {"action": "goto", "stop": 10**9}),
        encode("command", "class1", {"action": "next", "extra": 1}),
        encode("bye", "class1", {"stop": 1}),
        encode("reboot", "class1", {}),
        b"[" * 100000,
    ],
)
def test_a_message_with_any_bad_field_is_ignored(datagram: bytes) -> None:
    assert decode(datagram, "class1") is None


def test_good_messages_of_every_kind_decode() -> None:
    assert decode(state_datagram(), "class1") == PresenterState(1, 100.0, "web-request")
    assert decode(state_datagram(blanked=True, started=5), "class1") == PresenterState(
        1, 5.0, "web-request", True)
    assert decode(encode("command", "class1", {"action": "blank"}), "class1") == Command("blank")
    assert decode(encode("bye", "class1", {}), "class1") == PresenterQuit()


def test_encode_refuses_nan() -> None:
    with pytest.raises(ValueError):
        encode("state", "s", {"stop": 1, "started": float("nan"), "scenario": "x"})


def test_the_presenter_says_goodbye(pair) -> None:  # type: ignore[no-untyped-def]
    presenter, _, notes, notes_inbox = pair
    presenter.farewell()
    assert notes.receive_pending() == 1
    assert notes_inbox == [PresenterQuit()]


# -- the private folder (#12: another user's 0777 /tmp/flowviz-<uid> was trusted) ------


@pytest.fixture
def no_runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No XDG_RUNTIME_DIR: the folder goes under the temporary folder (here tmp_path)."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    return tmp_path / f"flowviz-{os.getuid()}"


def test_the_folder_is_made_private(no_runtime_dir: Path) -> None:
    assert runtime_dir() == no_runtime_dir
    assert stat.S_IMODE(no_runtime_dir.stat().st_mode) == 0o700
    assert runtime_dir() == no_runtime_dir  # and used again as it is


def test_a_folder_open_to_everyone_is_refused(no_runtime_dir: Path) -> None:
    no_runtime_dir.mkdir()
    no_runtime_dir.chmod(0o777)
    with pytest.raises(UnsafeFolderError, match=r"open to other users.*0777"):
        runtime_dir()


def test_a_folder_of_another_user_is_refused(
    no_runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real_uid + 4242)
    other = no_runtime_dir.parent / f"flowviz-{real_uid + 4242}"
    other.mkdir(mode=0o700)  # made "beforehand by another user": it is really ours
    with pytest.raises(UnsafeFolderError, match=f"another user \\(uid {real_uid}\\)"):
        runtime_dir()


def test_a_symlinked_folder_is_refused(no_runtime_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    no_runtime_dir.symlink_to(elsewhere)
    with pytest.raises(UnsafeFolderError, match="symbolic link"):
        runtime_dir()


def test_a_file_in_place_of_the_folder_is_refused(no_runtime_dir: Path) -> None:
    no_runtime_dir.write_text("")
    with pytest.raises(UnsafeFolderError, match="not a folder"):
        runtime_dir()


@pytest.mark.parametrize("argv", [["notes"], ["present", "web-request"],
                                  ["present", "--follow", "s"]])
def test_the_commands_refuse_an_unsafe_folder_clearly(
    no_runtime_dir: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from flowviz.cli import main

    no_runtime_dir.mkdir()
    no_runtime_dir.chmod(0o777)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("flowviz: error: the notes folder") and "0777" in err
    assert "Traceback" not in err


# -- one presenter per session (#12: two presenters made the notes flap) ---------------


def test_a_second_presenter_of_a_session_is_refused(tmp_path: Path) -> None:
    first = SyncEndpoint("presenter", "s", Inbox(), folder=tmp_path)
    with pytest.raises(SessionBusyError, match="already running"):
        SyncEndpoint("presenter", "s", Inbox(), folder=tmp_path)
    assert (tmp_path / "s.presenter").exists()  # the first one keeps its socket
    other = SyncEndpoint("presenter", "t", Inbox(), folder=tmp_path)  # another session: fine
    for endpoint in (first, other):
        endpoint.close()


def test_a_dead_presenters_socket_is_replaced(tmp_path: Path) -> None:
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    leftover.bind(str(tmp_path / "s.presenter"))
    leftover.close()  # killed: the file stays, nobody listens
    assert not presenter_alive(tmp_path / "s.presenter")
    presenter = SyncEndpoint("presenter", "s", Inbox(), folder=tmp_path)
    assert presenter_alive(tmp_path / "s.presenter")
    presenter.close()


def test_present_refuses_to_start_beside_a_live_presenter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flowviz.cli import main

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    first = SyncEndpoint("presenter", "room", Inbox())
    try:
        assert main(["present", "web-request", "--session", "room"]) == 1
    finally:
        first.close()
    err = capsys.readouterr().err
    assert "a presenter of session 'room' is already running" in err
    assert "--session NAME" in err
