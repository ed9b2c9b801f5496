"""Messages a scenario author reads (issue #13): limits said, missing keys named, warnings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flowviz.cli import main
from flowviz.errors import ScenarioError
from flowviz.scenario.loader import load_scenario

Writer = Callable[..., Path]


def only_problem(path: Path) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    return str(problem)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_label_too_long_says_the_limit(write_scenario: Writer, example_text: str) -> None:
    label = "A proxy with a label far longer than a box"
    path = write_scenario(example_text.replace("label: nginx", f"label: {label}"))
    line = line_of(example_text, "label: nginx")
    assert only_problem(path) == (
        f"{path}:{line}:12: services[1].label: {label[:40]!r}… is too long "
        f"({len(label)} characters; at most 40)"
    )


def test_a_short_label_too_long_says_the_limit(
    write_scenario: Writer, example_text: str
) -> None:
    path = write_scenario(example_text.replace("short: HTTP", "short: HTTP-REST"))
    line = line_of(example_text, "short: HTTP")
    assert only_problem(path) == (
        f"{path}:{line}:12: message_types[0].short: 'HTTP-REST' is too long "
        "(9 characters; at most 8)"
    )


def test_a_step_with_services_but_no_messages_names_the_missing_key(
    write_scenario: Writer, example_text: str
) -> None:
    old = '      - {from: browser, to: proxy, type: http, wire: "GET /orders HTTP/1.1"}\n'
    text = example_text.replace("    messages:\n" + old, "")
    assert text != example_text
    path = write_scenario(text)
    line = line_of(example_text, "  - number: 1")
    assert only_problem(path) == (
        f"{path}:{line}:5: steps[0] is missing required key 'messages' (a step without "
        "'phases' needs narration, services and messages of its own)"
    )


def test_a_step_with_phases_and_its_own_services_says_which(
    write_scenario: Writer, example_text: str
) -> None:
    phases = (
        "    phases:\n"
        + "".join(
            f"      - label: {label}\n        title: Half\n        narration: Half of it.\n"
            "        services: [browser]\n        messages: []\n"
            for label in "ab"
        )
    )
    text = example_text.replace(
        "    notes: The browser never talks to the application directly.\n",
        "    notes: The browser never talks to the application directly.\n" + phases,
    )
    path = write_scenario(text)
    assert "steps[0] has 'phases' and also 'narration', 'services', 'messages'" in (
        only_problem(path)
    )


OPPOSITE = "  - {from: proxy, to: browser, type: http}\n"


def test_opposite_links_of_one_type_are_a_warning_not_an_error(
    write_scenario: Writer, example_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The steps' messages name their link, since two links now join browser and proxy.
    text = example_text.replace(
        "  - {from: browser, to: proxy, type: http}\n",
        "  - {from: browser, to: proxy, type: http, id: ask}\n"
        "  - {from: proxy, to: browser, type: http, id: answer}\n",
    )
    text = "".join(
        line.replace("type: http, wire:", "type: http, link: ask, wire:")
        if "browser" in line and "proxy" in line
        else line
        for line in text.splitlines(keepends=True)
    )
    path = write_scenario(text)
    scenario = load_scenario(path)
    line = line_of(text, "id: answer")
    (warning,) = (str(w) for w in scenario.warnings)
    assert warning == (
        f"{path}:{line}:5: warning: links[0] already joins 'browser' and 'proxy' with type "
        "'http'; this link runs the other way, which is rarely meant: one link carries a "
        "request and its reply"
    )
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert warning in captured.err
    assert "ok:" in captured.out and "1 warning" in captured.out
