"""The schema check's problems, as an author reads them, for a handful of bad files.

Pinned when the check ran on jsonschema, so that replacing the validator
(flowviz.scenario.schema_validator) cannot change a word, a line or a column
of what an author is told.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flowviz.errors import ScenarioError
from flowviz.scenario.loader import load_scenario

Writer = Callable[..., Path]

STEP1_NOTES = "    notes: The browser never talks to the application directly.\n"
PHASES = "    phases:\n" + "".join(
    f"      - label: {label}\n        title: Half\n        narration: Half of it.\n"
    "        services: [browser]\n        messages: []\n"
    for label in "ab"
)
STEP_2_TALK = (
    "    services: [proxy, app]\n    messages:\n      - {from: proxy, to: app, type: http, "
    'wire: "GET /orders (X-Forwarded-For added)"}\n'
)
SOURCE = "      url: https://www.rfc-editor.org/rfc/rfc9110\n"
STEP_3_HEAD = "  - number: 3\n    title: The application reads the database\n"

CASES: dict[str, list[tuple[str, str]]] = {
    "a fractional step number": [("  - number: 2\n", "  - number: 2.5\n")],
    "a number where true or false goes": [("light_all_links: true", "light_all_links: 1")],
    "a layout off the grid": [
        ("    label: Your laptop\n", "    label: Your laptop\n    layout: {row: 60, col: -1}\n")
    ],
    "phases and narration": [(STEP1_NOTES, STEP1_NOTES + PHASES)],
    "a misspelt message key": [('wire: "GET /orders HTTP/1.1"', 'wires: "GET /orders HTTP/1.1"')],
    "a bad scenario id": [("  id: web-request\n", "  id: Web Request\n")],
    "a line style that does not exist": [("line: dashed", "line: dash")],
    "a service listed twice": [("services: [browser, proxy]", "services: [browser, browser]")],
    "bad state": [
        (STEP1_NOTES, STEP1_NOTES + "    state: {Bad: x, ok: [1], fine: null}\n"),
        ("    notes: The worker will pick", "    state: {}\n    notes: The worker will pick"),
    ],
    "a source that is a number": [(SOURCE, SOURCE + "    - 42\n    - {url: x}\n")],
    "no views": [("views:\n  - id: topology\n", "view:\n  - id: topology\n")],
    "questions": [
        (
            STEP1_NOTES,
            STEP1_NOTES
            + "    questions:\n      - {question: Who?, choices: [a, a], answer: 7}\n"
            "      - {question: '', choices: [a], answer: true, explain: x}\n",
        )
    ],
    "counterpart with step and steps": [
        (
            STEP1_NOTES,
            STEP1_NOTES + "    counterpart: {scenario: other, step: 0, steps: ['6b', '6k', 6b]}\n",
        )
    ],
    "a mapping where a list goes": [
        (
            "hosts:\n  - id: laptop\n    label: Your laptop\n",
            "hosts:\n  laptop:\n    label: Your laptop\nx:\n",
        )
    ],
    "several problems in one step": [
        (STEP_3_HEAD, "  - number: '3'\n    title: ''\n    colour: red\n")
    ],
    "a long wire and an empty message list": [
        ('wire: "dequeue send_receipt"', "wire: " + "w" * 400),
        (
            STEP_2_TALK,
            "    services: []\n    messages: []\n    state: {vm_state: " + "s" * 50 + "}\n",
        ),
    ],
}

EXPECTED: dict[str, list[str]] = {
    'a fractional step number': [
        '{path}:112:13: steps[1].number should be a whole number, not a number',
    ],
    'a number where true or false goes': [
        (
            '{path}:93:22: views[1].light_all_links should be true or false, not a whole'
            ' number'
        ),
    ],
    'a layout off the grid': [
        '{path}:43:19: hosts[0].layout.row: 60 is greater than the maximum of 50',
        '{path}:43:28: hosts[0].layout.col: -1 is less than the minimum of 0',
    ],
    'phases and narration': [
        (
            "{path}:103:5: steps[0] has 'phases' and also 'narration', 'services',"
            " 'messages': a step with phases takes its narration, services and messages from"
            ' its phases'
        ),
    ],
    'a misspelt message key': [
        "{path}:111:9: steps[0].messages[0] is missing required key 'wire'",
        (
            "{path}:111:48: unknown key 'wires' in steps[0].messages[0] (did you mean"
            " 'wire'?)"
        ),
    ],
    'a bad scenario id': [
        (
            "{path}:7:7: scenario.id: 'Web Request' is not a valid id (lower-case letters,"
            " digits, '-', '_' and '.')"
        ),
    ],
    'a line style that does not exist': [
        (
            "{path}:37:11: message_types[2].line: 'dash' is not one of light, heavy, double,"
            " dashed, heavy-dashed, dotted (did you mean 'dashed'?)"
        ),
    ],
    'a service listed twice': [
        "{path}:109:15: steps[0].services: lists 'browser' more than once",
    ],
    'bad state': [
        "{path}:109:12: steps[0].state: 'Bad' does not match '^[a-z][a-z0-9_]{0,39}$'",
        (
            "{path}:109:13: state field 'Bad' is not declared: the scenario's state_fields"
            ' are vm_state, task_state, power_state'
        ),
        (
            "{path}:109:21: state field 'ok' is not declared: the scenario's state_fields"
            ' are vm_state, task_state, power_state'
        ),
        '{path}:109:25: steps[0].state.ok should be text or null, not a list',
        (
            "{path}:109:30: state field 'fine' is not declared: the scenario's state_fields"
            ' are vm_state, task_state, power_state'
        ),
        '{path}:136:12: steps[3].state: needs at least 1 key',
    ],
    'a source that is a number': [
        (
            '{path}:19:7: scenario.sources[1]: should be a reference: a title, or {title,'
            ' url}.'
        ),
        (
            '{path}:20:7: scenario.sources[2]: should be a reference: a title, or {title,'
            ' url}.'
        ),
    ],
    'no views': [
        "{path}: top level is missing required key 'views'",
        "{path}:84:1: unknown key 'view' in top level (did you mean 'views'?)",
    ],
    'questions': [
        "{path}:110:35: steps[0].questions[0].choices: lists 'a' more than once",
        '{path}:110:51: answer 7 is not a choice: choices are numbered 0..1',
        (
            '{path}:110:51: steps[0].questions[0].answer: should be the right choice: its'
            ' index from 0, or its text.'
        ),
        '{path}:111:20: steps[0].questions[1].question: must not be empty',
        '{path}:111:33: steps[0].questions[1].choices: has 1 item; at least 2 are needed',
        (
            '{path}:111:46: steps[0].questions[1].answer: should be the right choice: its'
            ' index from 0, or its text.'
        ),
    ],
    'counterpart with step and steps': [
        (
            '{path}:109:18: steps[0].counterpart: should be the step (or steps) of another'
            ' scenario that do the same job, e.g. the same request in another era.'
        ),
        (
            '{path}:109:42: steps[0].counterpart.step: should be the one step (or phase,'
            " '6b') that does the same job there."
        ),
        "{path}:109:52: steps[0].counterpart.steps: lists '6b' more than once",
        (
            "{path}:109:59: steps[0].counterpart.steps[1]: '6k' matches none of the allowed"
            ' forms'
        ),
    ],
    'a mapping where a list goes': [
        '{path}:41:3: hosts should be a list, not a mapping',
        "{path}:43:1: unknown key 'x' in top level",
        "{path}:52:11: unknown host 'laptop'",
        "{path}:57:11: unknown host 'web'",
        "{path}:61:11: unknown host 'web'",
        "{path}:65:11: unknown host 'web'",
        "{path}:69:11: unknown host 'data'",
        "{path}:74:11: unknown host 'data'",
    ],
    'several problems in one step': [
        '{path}:121:13: steps[2].number should be a whole number, not text',
        '{path}:122:12: steps[2].title: must not be empty',
        "{path}:123:5: unknown key 'colour' in steps[2]",
    ],
    'a long wire and an empty message list': [
        (
            '{path}:120:23: steps[1].state.vm_state:'
            " 'ssssssssssssssssssssssssssssssssssssssss'… is too long (50 characters; at"
            ' most 40)'
        ),
        (
            '{path}:149:53: steps[4].messages[0].wire:'
            " 'wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww'… is too long (400 characters; at"
            ' most 300)'
        ),
    ],
}


def edited(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [str(p).replace(str(path), "{path}") for p in caught.value.problems]


@pytest.mark.parametrize("case", list(CASES))
def test_the_problems_of_a_bad_file_are_unchanged(
    case: str, write_scenario: Writer, example_text: str
) -> None:
    path = write_scenario(edited(example_text, CASES[case]))
    assert problems_of(path) == EXPECTED[case]


def test_each_problem_names_the_file_it_is_in(tmp_path: Path, example_text: str) -> None:
    topology, steps = example_text.split("\nsteps:\n")
    (tmp_path / "scenario.yaml").write_text(topology.replace("id: web", "id: Web", 1))
    (tmp_path / "steps.yaml").write_text(
        "steps:\n" + steps.replace("  - number: 4\n", "  - number: 4\n    number_: 4\n")
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path)
    assert [str(p).replace(str(tmp_path), "") for p in caught.value.problems] == [
        "/scenario.yaml:7:7: scenario.id: 'Web-request' is not a valid id (lower-case "
        "letters, digits, '-', '_' and '.')",
        "/steps.yaml:30:5: unknown key 'number_' in steps[3] (did you mean 'number'?)",
    ]
