"""Hostile input found by the probe of issue #12: each gets a located problem, never a hang,
a traceback, or output and work out of proportion to the file."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import flowviz.suggest
from flowviz.errors import MAX_SHOWN, Problem, ScenarioError
from flowviz.scenario import files, yamlsafe
from flowviz.scenario.files import YamlError, read_text
from flowviz.scenario.loader import load_scenario, resolve
from flowviz.scenario.references import check_references
from flowviz.scenario.yamlsafe import parse

Writer = Callable[..., Path]


def problems_of(spec: Path | str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(spec)
    return [str(p) for p in caught.value.problems]


def without_hanging(fifo: Path, call: Callable[[], object]) -> BaseException | None:
    """Run ``call`` in a thread; if it blocks opening ``fifo``, unblock it and fail."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        # Give the stuck open() a writer so the thread can finish, then fail.
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(10)
        pytest.fail(f"reading {fifo} hung")
    return outcome[0]


@pytest.mark.parametrize("via", ["fifo", "symlink"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, via: str) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    spec = fifo
    if via == "symlink":
        spec = tmp_path / "link.yaml"
        spec.symlink_to(fifo)
    error = without_hanging(fifo, lambda: load_scenario(spec))
    assert isinstance(error, ScenarioError)
    assert [str(p) for p in error.problems] == [
        f"{spec}: is a named pipe (FIFO), not a regular file; "
        "scenarios are read from regular files only"
    ]


def test_dev_stdin_is_refused_unless_a_regular_file() -> None:
    stdin = Path("/dev/stdin")
    if not stdin.exists() or stdin.is_file():
        pytest.skip("/dev/stdin is missing or a regular file here")
    (message,) = problems_of(stdin)
    assert "not a regular file" in message


def test_a_fifo_swapped_in_after_the_check_is_caught_on_the_open_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "regular.yaml"
    regular.write_text("a: 1\n", encoding="utf-8")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    real_stat = os.stat
    # The race: the path was a regular file when it was checked, a FIFO when opened.
    monkeypatch.setattr(files.os, "stat", lambda path: real_stat(regular))
    error = without_hanging(fifo, lambda: read_text(fifo, "fifo.yaml"))
    assert isinstance(error, YamlError)
    assert "is a named pipe (FIFO)" in error.problem.message


def test_a_symlink_loop_is_called_one(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.symlink_to(second)
    second.symlink_to(first)
    expected = f"{first}: is a symlink loop: following its symbolic links never ends"
    assert problems_of(first) == [expected]
    with pytest.raises(ScenarioError) as caught:
        resolve(str(first))
    assert [str(p) for p in caught.value.problems] == [expected]


def test_an_integer_too_long_to_convert_is_located(write_scenario: Writer) -> None:
    path = write_scenario("scenario:\n  id: x\nsteps:\n  - number: " + "9" * 5000 + "\n")
    assert problems_of(path) == [
        f"{path}:4:13: a number of 5,000 digits is too long (at most 4,300); "
        "quote it if it is text"
    ]


def test_a_nul_byte_has_a_line_and_column() -> None:
    with pytest.raises(YamlError) as caught:
        parse("scenario:\n  title: Bef\0ore\n", "s.yaml")
    problem = caught.value.problem
    assert (problem.line, problem.column) == (2, 13)
    assert "U+0000 is not allowed" in problem.message


def test_a_bare_date_says_to_quote_it(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(example_text.replace("title: Before the click", "title: 2024-01-01"))
    (message,) = problems_of(path)
    assert message.endswith(
        "'2024-01-01' is read as a date, which a scenario does not take; quote it to use it "
        "as text, e.g. 'title: \"2024-01-01\"'"
    )
    assert message.startswith(f"{path}:")


def alias_explosion() -> str:
    """About 100 KB: a 90 KB list aliased into hundreds of places the schema refuses."""
    big = "[" + ", ".join(f'"{"x" * 300}{i}"' for i in range(300)) + "]"
    return "\n".join(
        [
            "base: &big " + big,
            "scenario: {id: x, title: *big, summary: *big, era: *big, credits: *big}",
            "hosts: [" + ", ".join(["*big"] * 400) + "]",
            "services: ["
            + ", ".join(["{id: *big, label: *big, host: *big, role: *big}"] * 50)
            + "]",
        ]
    )


def test_aliases_cannot_make_errors_explode(write_scenario: Writer) -> None:
    text = alias_explosion()
    path = write_scenario(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error = caught.value
    # The probe's 103 KB file printed 100 MB; now the report is smaller than the file.
    assert len(str(error)) < len(text) / 4
    assert len(error.problems) == MAX_SHOWN + 1
    assert error.total > MAX_SHOWN
    assert str(error.problems[-1]) == f"… and {error.total - MAX_SHOWN:,} more problems not shown"
    assert max(len(str(p)) for p in error.problems) < 300


def test_a_long_value_is_quoted_by_a_short_prefix(
    write_scenario: Writer, example_text: str
) -> None:
    long_title = "Before the click " * 6000  # about 100 KB
    path = write_scenario(example_text.replace("title: Before the click", f"title: {long_title}"))
    (message,) = problems_of(path)
    assert len(message) < 300
    assert message.endswith(
        "initial.title: 'Before the click Before the click Before'… is too long "
        "(101,999 characters; at most 120)"
    )


def test_thousands_of_dangling_references_do_bounded_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count = 1500
    data = {
        "services": [{"id": f"svc-{i:05d}", "host": "h"} for i in range(count)],
        "links": [
            {"from": f"nosuch-{i:05d}", "to": "svc-00000", "type": "t"} for i in range(count)
        ],
    }
    compared: list[int] = []
    real = flowviz.suggest.difflib.get_close_matches

    def counting(word: str, choices: list[str], **kwargs: object) -> list[str]:
        compared.append(len(choices))
        return real(word, choices, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(flowviz.suggest.difflib, "get_close_matches", counting)
    document = yamlsafe.Document(path="s.yaml", data=data)
    found = check_references(data, {}, fallback=document)
    # Every dangling reference is reported (the first ones shown, the rest counted) …
    assert len(found) == count + 2  # and the undeclared host and message type
    messages = [p.message for p in found.kept]
    assert "unknown service 'nosuch-00000' (did you mean 'svc-00000'?)" in messages
    # … but each is compared with a bounded list, and hints stop after a bound.
    assert max(compared) <= flowviz.suggest.MAX_CANDIDATES
    assert len(compared) <= flowviz.suggest.MAX_HINTS + 2  # + the host and the type


def test_problems_are_kept_in_file_order_within_the_bound() -> None:
    from flowviz.errors import Problems

    problems = Problems(limit=3)
    for line in (9, 2, 7, 2, 5, 1):
        problems.add(Problem("f", "m", line, 1))
    assert [p.line for p in problems.kept] == [1, 2, 5]
    assert problems.omitted == 2  # 7 and 9; the second "2" was a duplicate


def test_a_flood_of_schema_errors_is_cut_short_and_says_so(write_scenario: Writer) -> None:
    # One mapping with a 100 KB unknown key, standing for 20,000 steps: 100,000 errors.
    path = write_scenario(
        "x: &m\n  ? " + "k" * 100_000 + "\n  : 1\nsteps: [" + ", ".join(["*m"] * 20_000) + "]\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error = caught.value
    assert error.stopped
    assert str(error.problems[-1]).startswith("… and at least ")
    assert len(str(error)) < 20_000
