"""Load a scenario: find its files, parse them safely, validate, build the model.

Three layers of checks, each reporting *every* problem it finds with the file,
line and column:

1. :mod:`flowviz.scenario.yamlsafe` — the bytes are UTF-8, the text is YAML, within limits.
2. The JSON Schema shipped in :mod:`flowviz.scenario.schema` — structure, types, unknown keys.
3. :mod:`flowviz.scenario.references` — ids unique, every reference resolves, steps in order.

Only a scenario that passes all three becomes a :class:`~flowviz.scenario.model.Scenario`.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from flowviz.errors import Problem, ScenarioError
from flowviz.record import replace
from flowviz.scenario.builder import build_scenario
from flowviz.scenario.bundled import DEFAULT_SCENARIO, bundled_ids, bundled_path
from flowviz.scenario.files import YamlError, os_problem, read_text
from flowviz.scenario.model import Scenario
from flowviz.scenario.validated_cache import digest, recall, remember

if TYPE_CHECKING:
    from flowviz.scenario.yamlsafe import Document

YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 64


def resolve(spec: str | None) -> Path:
    """Turn a SCENARIO argument (bundled id or path; None = default) into a path."""
    spec = spec or DEFAULT_SCENARIO
    path = Path(spec)
    problem = unreachable(path, spec)
    if problem is None:
        return path
    bundled = bundled_path(spec) if problem.message == NO_SUCH else None
    if bundled is not None:
        return bundled
    if problem.message != NO_SUCH:
        raise ScenarioError([problem])
    known = ", ".join(bundled_ids()) or "none found"
    message = f"{NO_SUCH}, and no bundled scenario of that id (bundled: {known})"
    raise ScenarioError([Problem(spec, message)])


NO_SUCH = "no such file or folder"


def unreachable(path: Path, shown: str) -> Problem | None:
    """Why ``path`` cannot be opened at all (missing, a symlink loop …), or None."""
    try:
        os.stat(path)
    except OSError as exc:
        problem = os_problem(exc, shown)
        return Problem(shown, NO_SUCH) if problem.message == "no such file" else problem
    except ValueError:  # a NUL byte in the name
        return Problem(shown, NO_SUCH)
    return None


def scenario_files(path: Path) -> list[Path]:
    """The YAML files that make up the scenario at ``path`` (a folder or one file)."""
    if path.is_dir():
        try:
            files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
        except PermissionError:
            raise ScenarioError([Problem(str(path), "cannot be read: permission denied")]) from None
        if not files:
            raise ScenarioError(
                [Problem(str(path), "holds no scenario: no .yaml or .yml file in this folder")]
            )
        if len(files) > MAX_FILES:
            raise ScenarioError(
                [Problem(str(path), f"holds more than {MAX_FILES} YAML files; not a scenario?")]
            )
        return files
    return [path]


def read_files(files: list[Path]) -> list[str]:
    """Each file's text; collect every file's problem before giving up."""
    texts: list[str] = []
    problems: list[Problem] = []
    for file in files:
        try:
            texts.append(read_text(file, str(file)))
        except YamlError as exc:
            problems.append(exc.problem)
    if problems:
        raise ScenarioError(problems)
    return texts


def load_documents(files: list[Path], texts: list[str] | None = None) -> list[Document]:
    """Parse each file (``texts``: as already read); collect every file's problem."""
    from flowviz.scenario.yamlsafe import parse

    documents: list[Document] = []
    problems: list[Problem] = []
    for index, file in enumerate(files):
        shown = str(file)
        try:
            text = texts[index] if texts is not None else read_text(file, shown)
            document = parse(text, shown)
        except YamlError as exc:
            problems.append(exc.problem)
            continue
        if document.data is None:
            problems.append(Problem(shown, "is empty: a scenario file needs at least one key"))
        elif not isinstance(document.data, dict):
            line, column = document.locate(())
            kind = "a list" if isinstance(document.data, list) else "a single value"
            problems.append(
                Problem(shown, f"top level must be a mapping of keys, not {kind}", line, column)
            )
        else:
            documents.append(document)
    if problems:
        raise ScenarioError(problems)
    return documents


def merge(documents: list[Document]) -> tuple[dict[str, Any], dict[str, Document]]:
    """Merge the files' top-level keys; each key may be written in one file only."""
    merged: dict[str, Any] = {}
    owner: dict[str, Document] = {}
    problems: list[Problem] = []
    for document in documents:
        for key, value in document.data.items():
            if key in owner:
                line, column = document.locate((key,), key=True)
                problems.append(
                    Problem(
                        document.path,
                        f"top-level key {key!r} is already given in {owner[key].path}",
                        line,
                        column,
                    )
                )
                continue
            merged[key] = value
            owner[key] = document
    if problems:
        raise ScenarioError(problems)
    return merged, owner


def whole_numbers(value: object) -> None:
    """Turn every whole float in ``value`` (``2.0``) into an int, in place.

    JSON Schema's ``integer`` admits 2.0, and YAML reads ``number: 2.0`` as a
    float: without this, step 2.0 would be labelled "2.0" and an answer of 3.0
    would index nothing. In place, so the map of where each item was written
    (``owner``) still finds it."""
    stack = [value]
    while stack:
        item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else (
            enumerate(item) if isinstance(item, list) else ())
        for key, child in list(pairs):
            if isinstance(child, float) and child.is_integer():
                item[key] = int(child)  # type: ignore[index]
            elif isinstance(child, dict | list):
                stack.append(child)


def load_scenario(spec: str | Path | None = None) -> Scenario:
    """Load and validate a scenario (bundled id or path); raise :class:`ScenarioError`.

    A scenario whose files are byte for byte those of one that passed before is
    built from the cache (:mod:`flowviz.scenario.validated_cache`) without
    parsing or checking it again."""
    return load_read(read_scenario(spec))


def load_read(read: ReadScenario) -> Scenario:
    """:func:`load_scenario` of files already read (by :func:`read_scenario`)."""
    path, files, texts, key = read
    cached = from_cache(read)
    if cached is not None:
        return cached
    documents = load_documents(files, texts)
    data, owner = merge(documents)
    whole_numbers(data)
    # Imported here, as the cache spares most starts all three checks.
    from flowviz.scenario.counterparts import check_counterparts
    from flowviz.scenario.references import check_references
    from flowviz.scenario.schema_check import check_schema

    problems = check_schema(data, owner, fallback=documents[0])
    problems.merge(check_references(data, owner, fallback=documents[0]))
    # Another scenario's steps: read once per change of this one, not at every start.
    for problem in check_counterparts(data, owner, fallback=documents[0]):
        problems.add(problem)
    if problems.errors:
        raise problems.error()
    scenario = build_scenario(data, origin=str(path))
    warnings = tuple(problems.kept)
    remember(key, data, warnings)
    return replace(scenario, warnings=warnings, digest=key)


class ReadScenario(NamedTuple):
    """A scenario's files as read, before any check."""

    path: Path
    files: list[Path]
    texts: list[str]
    digest: str
    """Of the files' exact bytes: the validated cache's key."""


def read_scenario(spec: str | Path | None) -> ReadScenario:
    """The scenario's path, files, their texts and their digest; raise
    :class:`ScenarioError` if they cannot all be read."""
    path = spec if isinstance(spec, Path) else resolve(spec)
    problem = unreachable(path, str(path))
    if problem is not None:
        raise ScenarioError([problem])
    files = scenario_files(path)
    texts = read_files(files)
    return ReadScenario(path, files, texts, digest([text.encode("utf-8") for text in texts]))


def from_cache(read: ReadScenario) -> Scenario | None:
    """The scenario these files make if they passed every check before, else None."""
    path, key = read.path, read.digest
    known = recall(key)
    if known is None:
        return None
    data, warnings = known
    try:
        return replace(build_scenario(data, origin=str(path)), warnings=warnings, digest=key)
    except Exception:  # a corrupt or foreign entry: the files are checked instead
        return None


@cache
def load_bundled(scenario_id: str = DEFAULT_SCENARIO) -> Scenario:
    """A bundled scenario, loaded once per process."""
    return load_scenario(scenario_id)
