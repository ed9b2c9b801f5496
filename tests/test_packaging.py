"""flowviz installs and finds its bundled scenarios however it is installed,
and its core never imports Textual."""

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


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print(json.dumps('textual' in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", "import json; " + code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) is False


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
