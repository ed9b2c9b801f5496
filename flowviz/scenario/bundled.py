"""Where the bundled scenarios are, however flowviz was installed.

They live in the repository's top-level ``steps/`` folder. A wheel carries them
inside the package as ``flowviz/_steps`` (pyproject's force-include); a checkout
or an editable install reads the top-level folder directly, since force-include
does not apply to editable installs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DEFAULT_SCENARIO = "openstack-vm-launch"
"""The scenario opened when none is named."""

_PACKAGE = Path(__file__).resolve().parent.parent
"""The flowviz package folder (this module sits in its scenario/ sub-package)."""


@cache
def bundled_root() -> Path | None:
    """The folder holding the bundled scenarios, or None if it is missing."""
    for candidate in (_PACKAGE / "_steps", _PACKAGE.parent / "steps"):
        if candidate.is_dir():
            return candidate
    return None


def bundled_ids() -> list[str]:
    """Ids of the bundled scenarios (their folder names), sorted."""
    root = bundled_root()
    if root is None:
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and any(p.glob("*.y*ml"))
    )


def bundled_path(scenario_id: str) -> Path | None:
    root = bundled_root()
    if root is None or scenario_id not in bundled_ids():
        return None
    return root / scenario_id
