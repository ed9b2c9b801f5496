"""Every kind of bad input gets a clear, located error, exit status 1 and no traceback.

Each case writes a scenario that triggers exactly one kind of problem and checks
the message names the file, the line (where there is one) and what is wrong.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from flowviz.cli import main
from flowviz.errors import ScenarioError
from flowviz.scenario.loader import load_scenario
from tests.conftest import REPO

Writer = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


def one_problem(path: Path) -> str:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def test_empty_file(write_scenario: Writer) -> None:
    path = write_scenario("")
    assert one_problem(path) == f"{path}: is empty: a scenario file needs at least one key"


def test_yaml_syntax_error_names_line_and_column(write_scenario: Writer) -> None:
    path = write_scenario("scenario:\n  id: x\n  title: [unclosed\n")
    message = one_problem(path)
    assert message.startswith(f"{path}:4:1: YAML syntax error")


def test_top_level_must_be_a_mapping(write_scenario: Writer) -> None:
    path = write_scenario("- just\n- a list\n")
    assert one_problem(path) == f"{path}:1:1: top level must be a mapping of keys, not a list"


def test_wrong_type_is_located(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(example_text.replace("  - number: 3\n", "  - number: three\n"))
    problems = problems_of(path)
    line = example_text.splitlines().index("  - number: 3") + 1
    assert f"{path}:{line}:13: steps[2].number should be a whole number, not text" in problems


def test_unknown_key_suggests_the_right_one(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(
        example_text.replace("    notes: The browser never", "    notse: The browser never")
    )
    line = (
        example_text.splitlines().index(
            "    notes: The browser never talks to the application directly."
        )
        + 1
    )
    problems = problems_of(path)
    assert f"{path}:{line}:5: unknown key 'notse' in steps[0] (did you mean 'notes'?)" in problems


def test_missing_required_field(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(example_text.replace("    role: Keeps the application's data.\n", ""))
    message = one_problem(path)
    assert "services[4] is missing required key 'role'" in message
    assert message.startswith(f"{path}:")


def test_duplicate_ids(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(example_text.replace("  - id: worker\n", "  - id: app\n"))
    problems = problems_of(path)
    assert any("duplicate service id 'app'" in p for p in problems), problems


def test_dangling_reference_with_did_you_mean(write_scenario: Writer, example_text: str) -> None:
    text = example_text.replace("services: [proxy, app]", "services: [proxy, ap]")
    path = write_scenario(text)
    line = text.splitlines().index("    services: [proxy, ap]") + 1
    assert one_problem(path) == (f"{path}:{line}:23: unknown service 'ap' (did you mean 'app'?)")


def test_message_without_a_link(write_scenario: Writer, example_text: str) -> None:
    text = example_text.replace(
        '{from: app, to: db, type: sql, wire: "SELECT',
        '{from: browser, to: db, type: sql, wire: "SELECT',
    )
    message = one_problem(write_scenario(text))
    assert "no link joins 'browser' and 'db' with type 'sql'" in message


def test_steps_out_of_order(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(example_text.replace("  - number: 4\n", "  - number: 7\n"))
    problems = problems_of(path)
    assert any("step number 7 is out of order: expected 4" in p for p in problems), problems


def test_duplicate_key_in_a_mapping(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(
        example_text.replace("    label: Browser\n", "    label: Browser\n    label: Again\n")
    )
    assert "key 'label' appears twice in this mapping" in one_problem(path)


def test_alias_bomb_is_refused_quickly(write_scenario: Writer) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        previous = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([previous] * 9)}]")
    path = write_scenario("\n".join(lines) + "\n")
    started = time.perf_counter()
    message = one_problem(path)
    assert time.perf_counter() - started < 5
    assert "alias bomb" in message


def test_absurdly_deep_nesting_is_refused(write_scenario: Writer) -> None:
    path = write_scenario("x: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested deeper than" in one_problem(path)


def test_very_large_file_is_refused_before_parsing(write_scenario: Writer) -> None:
    path = write_scenario("# " + "x" * (2 * 1024 * 1024) + "\n")
    assert one_problem(path) == f"{path}: is larger than 1024 KiB; not a scenario file?"


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_bytes(b"scenario:\n  title: caf\xe9\n")
    assert one_problem(path) == f"{path}:2:13: is not UTF-8 text (byte 0xe9)"


def test_folder_with_no_scenario(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert (
        one_problem(tmp_path)
        == f"{tmp_path}: holds no scenario: no .yaml or .yml file in this folder"
    )


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(missing)
    assert "no such file or folder, and no bundled scenario" in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(write_scenario: Writer, example_text: str) -> None:
    path = write_scenario(example_text)
    path.chmod(0)
    try:
        assert one_problem(path) == f"{path}: cannot be read: permission denied"
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_unreadable_file_via_a_directory_in_its_place(tmp_path: Path) -> None:
    # Root (as CI runs) can read any file, so also check the read-error path with a
    # folder named like a YAML file: the reader must report it, not crash.
    (tmp_path / "scenario.yaml").mkdir()
    (tmp_path / "other.yaml").write_text("scenario: {}\n")
    problems = problems_of(tmp_path)
    assert problems and all("Traceback" not in p for p in problems)


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system ['echo hi']", "!!python/name:os.system", "!custom 1"],
)
def test_object_constructing_tags_are_refused(write_scenario: Writer, tag: str) -> None:
    path = write_scenario(f"scenario: {tag}\n")
    assert "is not allowed in a scenario" in one_problem(path)


def test_several_problems_are_all_reported(write_scenario: Writer, example_text: str) -> None:
    text = example_text.replace("services: [proxy, app]", "services: [proxy, ap]").replace(
        "    label: nginx\n", "    label: nginx\n    colour: red\n"
    )
    problems = problems_of(write_scenario(text))
    assert len(problems) == 2
    assert any("unknown key 'colour'" in p for p in problems)
    assert any("unknown service 'ap'" in p for p in problems)


def test_a_key_split_across_files_is_an_error(tmp_path: Path, example_text: str) -> None:
    (tmp_path / "a.yaml").write_text(example_text)
    (tmp_path / "b.yaml").write_text("views:\n  - id: extra\n    title: Extra\n")
    message = one_problem(tmp_path)
    assert message.startswith(
        f"{tmp_path / 'b.yaml'}:1:1: top-level key 'views' is already given in"
    )


def test_cli_prints_located_errors_and_exits_1(
    write_scenario: Writer, example_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(example_text.replace("type: sql, wire", "type: sqll, wire"))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "unknown message type 'sqll' (did you mean 'sql'?)" in err
    assert f"{path}:" in err


def test_cli_subprocess_has_no_traceback(write_scenario: Writer) -> None:
    path = write_scenario("scenario: [\n")
    for command in (["validate", str(path)], ["steps", str(path)], [str(path)]):
        result = subprocess.run(
            [sys.executable, "-m", "flowviz", *command],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert str(path) in result.stderr
