"""Content checks of the bundled OpenStack scenario (issue 11).

The scenario claims the Grizzly (2013.1) code, so its sources must be the
projects' own repositories or pages at that era, never mirrors or third-party
copies. The YAML files are read directly, to stay independent of where the
loader lives in the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "steps" / "openstack-vm-launch"

pytestmark = pytest.mark.skipif(not SCENARIO_DIR.is_dir(), reason="scenario not bundled")

# Mirrors and third-party copies that a review found cited in place of the
# publisher's own page or the code itself.
MIRROR_HOSTS = (
    "netlify.app",
    "huihoo.com",
    "gitbooks.io",
    "manpages.ubuntu.com",
    "pt.slideshare.net",
    "github-wiki-see.page",
    "chonnom.com",
    "scribd.com",
)
MIRROR_PATHS = ("slideshare.net/nhanct",)

# The release of each repository that belongs to the Grizzly era.
GRIZZLY_REFS = {
    "nova": "2013.1",
    "keystone": "2013.1",
    "glance": "2013.1",
    "quantum": "2013.1",
    "neutron": "2013.1",
    "cinder": "2013.1",
    "horizon": "2013.1",
    "django_openstack_auth": "1.0.9",
    "python-keystoneclient": "0.2.3",
    "python-novaclient": "2.13.0",
    "swift": "1.8.0",
}
OLDER_RELEASE = re.compile(r"^(2012\.|2011\.|folsom|essex|diablo)", re.IGNORECASE)
COMMIT = re.compile(r"^[0-9a-f]{40}$")
GITHUB_REF = re.compile(r"^/openstack/(?P<repo>[^/]+)/(?:blob|tree)/(?P<ref>[^/]+)(?P<path>/.*)?$")


def _load() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return merged


def _raw_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SCENARIO_DIR.glob("*.yaml")))


def _sources(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, source) for the scenario's and every step's sources."""
    for source in doc["scenario"].get("sources", []):
        yield "scenario", source
    for step in doc["steps"]:
        for source in step.get("sources", []):
            yield f"step {step['number']}", source


def _url(source: Any) -> str:
    return source.get("url", "") if isinstance(source, dict) else ""


def _title(source: Any) -> str:
    return source.get("title", "") if isinstance(source, dict) else str(source)


def test_no_mirror_host_anywhere() -> None:
    text = _raw_text().lower()
    found = [h for h in (*MIRROR_HOSTS, *MIRROR_PATHS) if h in text]
    assert not found, f"mirror or third-party copies cited: {found}"


def test_every_step_cites_a_primary_source() -> None:
    doc = _load()
    for step in doc["steps"]:
        urls = [urlparse(_url(s)) for s in step.get("sources", [])]
        primary = [
            u
            for u in urls
            if u.netloc == "docs.openstack.org"
            or (u.netloc == "github.com" and u.path.startswith("/openstack/"))
        ]
        assert primary, f"step {step['number']} cites no OpenStack repository or docs page"


def test_repository_sources_are_of_the_era_they_claim() -> None:
    doc = _load()
    problems = []
    for where, source in _sources(doc):
        url = urlparse(_url(source))
        if url.netloc != "github.com":
            continue
        match = GITHUB_REF.match(url.path)
        if not match:
            continue
        repo, ref, path = match["repo"], match["ref"], match["path"] or ""
        if OLDER_RELEASE.match(ref):
            problems.append(f"{where}: {url.geturl()} is older than Grizzly")
            continue
        if ref in ("master", "HEAD") or COMMIT.match(ref) or path.startswith("/releasenotes/"):
            continue  # modern material, or a release note that dates a change
        expected = GRIZZLY_REFS.get(repo)
        if expected is not None and ref != expected:
            problems.append(f"{where}: {url.geturl()} is at {ref}, not the Grizzly {expected}")
    assert not problems, "\n".join(problems)


def test_source_titles_match_their_tags() -> None:
    doc = _load()
    problems = []
    for where, source in _sources(doc):
        title, url = _title(source), _url(source)
        if "Folsom" in title:
            problems.append(f"{where}: a Folsom source for a Grizzly scenario: {title}")
        if "Grizzly" in title and "2013.1" in title and "/2013.1" not in url:
            problems.append(f"{where}: titled Grizzly (2013.1) but not at that tag: {url}")
    assert not problems, "\n".join(problems)


def test_the_era_is_grizzly() -> None:
    assert "Grizzly" in _load()["scenario"]["era"]


def test_the_initial_stop_title_does_not_repeat_its_label() -> None:
    # The header shows "<label>: <title>", and the label is "Initial state".
    title = _load()["initial"]["title"].strip().casefold()
    assert not title.startswith("initial state")


def _wires(step: dict[str, Any]) -> list[str]:
    messages = list(step.get("messages", []))
    for phase in step.get("phases", []):
        messages.extend(phase.get("messages", []))
    return [m["wire"] for m in messages]


def _step(number: int) -> dict[str, Any]:
    return next(s for s in _load()["steps"] if s["number"] == number)


def test_the_grizzly_scheduler_does_not_write_the_host() -> None:
    # scheduler/driver.py instance_update_db at 2013.1 sets host and node to None.
    assert not [w for w in _wires(_step(7)) if re.search(r"SET host = '", w)]
    assert [w for w in _wires(_step(8)) if "launched_on" in w]


def test_the_volume_attached_at_boot_is_in_the_create_request() -> None:
    # Grizzly attaches during the build only the mappings given at create time.
    assert [w for w in _wires(_step(3)) if "block_device_mapping" in w]
