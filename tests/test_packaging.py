"""flowviz installs and finds its bundled scenarios however it is installed,
its core never imports Textual, and nothing imports jsonschema (a test dependency)."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import flowviz
from tests.conftest import REPO

CORE_MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(flowviz.__path__, prefix="flowviz.")
    if not m.name.startswith(("flowviz.tui", "flowviz.__main__"))
)


# One fresh interpreter per module, as a user's `python -c "import flowviz.x"` would be:
# a child forked from a parent that has imported only the standard library and the
# third-party libraries the core uses (checked free of Textual first). Forking spares
# ~55 interpreter start-ups; each child still imports its module from nothing.
_FORKED_IMPORTS = """
import json, os, sys
import rich.console, rich.text, yaml
assert 'textual' not in sys.modules, 'a third-party library imported textual'
results = {}
for name in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            __import__(name)
            outcome = 'textual' in sys.modules
        except BaseException as error:
            outcome = f'{type(error).__name__}: {error}'
        os.write(write, json.dumps(outcome).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, 'rb') as answer:
        results[name] = json.loads(answer.read() or b'"the child died"')
    os.waitpid(pid, 0)
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def textual_imported() -> dict[str, object]:
    """For each core module: whether importing it alone loaded Textual (or the error)."""
    result = subprocess.run(
        [sys.executable, "-c", _FORKED_IMPORTS, json.dumps(CORE_MODULES)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    answers: dict[str, object] = json.loads(result.stdout)
    return answers


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str,
                                             textual_imported: dict[str, object]) -> None:
    assert textual_imported[module] is False, textual_imported[module]


JSONSCHEMA = ("jsonschema", "referencing", "rpds", "attrs", "attr", "jsonschema_specifications")


def test_checking_a_scenario_does_not_import_jsonschema() -> None:
    # Its import (and what it pulls in) cost ~115 ms of start-up; the schema check
    # uses flowviz's own validator. No cache, so the check does run.
    code = (
        "import sys; from flowviz.scenario.loader import load_scenario; "
        "load_scenario('openstack-vm-launch'); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {JSONSCHEMA!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=os.environ | {"FLOWVIZ_NO_CACHE": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_cached_scenario_loads_without_parsing_yaml(tmp_path: Path) -> None:
    """The second start reads the scenario from the cache: PyYAML, the checks and the
    schema are not even imported (~30 ms of every start)."""
    code = (
        "import sys; from flowviz.scenario.loader import load_scenario; "
        "load_scenario('openstack-vm-launch'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'yaml' "
        "or m.startswith(('flowviz.scenario.yamlsafe', 'flowviz.scenario.schema_'))))"
    )
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path)}
    env.pop("FLOWVIZ_NO_CACHE", None)
    outputs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, cwd=REPO, env=env) for _ in range(2)]
    assert all(result.returncode == 0 for result in outputs), outputs[0].stderr
    assert "yaml" in outputs[0].stdout  # the first start parses and checks
    assert outputs[1].stdout.strip() == "[]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("flowviz-*.whl")
    return built


def test_wheel_carries_the_bundled_scenarios(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for folder in (REPO / "steps").iterdir():
        for file in folder.glob("*.yaml"):
            assert f"flowviz/_steps/{folder.name}/{file.name}" in names
    assert "flowviz/scenario/schema/scenario.schema.json" in names


def test_wheel_installed_elsewhere_loads_the_bundled_scenarios(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # Run from an empty folder, with the installed copy first on the path, so the
    # checkout's steps/ cannot be what is found.
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(target), *sys.path[1:]])}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import flowviz.scenario.bundled as b, flowviz.scenario.loader as l; "
            "print(b.bundled_root()); print(l.load_scenario('web-request').meta.id)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    root, scenario_id = result.stdout.split()
    assert Path(root) == target / "flowviz" / "_steps"
    assert scenario_id == "web-request"


def test_checkout_finds_the_top_level_steps_folder() -> None:
    from flowviz.scenario.bundled import bundled_root

    assert bundled_root() == REPO / "steps"
