"""Read untrusted YAML into plain data, remembering where every value came from.

PyYAML's ``safe_load`` is safe from code execution but not from resource
exhaustion: a "billion laughs" document expands aliases exponentially and
deep nesting blows the recursion limit. So we stop at PyYAML's node graph
(``compose``), and build plain dicts, lists and scalars ourselves, with limits
on size, depth and the number of values produced, refusing every tag that
would construct an object. On the way we record the line and column of each
value, keyed by its path (``("steps", 3, "title")``), so later checks can point
at the exact place in the file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from flowviz.errors import Problem, quote
from flowviz.scenario.files import YamlError

MAX_DEPTH = 40
MAX_VALUES = 200_000
"""Bounds what aliases can expand to: far above any real scenario."""

PathKey = tuple[str | int, ...]

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
# LibYAML's parser (bundled in PyYAML's wheels) composes the same nodes with the same
# marks about ten times faster; fall back to the pure-Python one where it is missing.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$")


@dataclass
class Document:
    """A parsed YAML file: its data and the location of each value."""

    path: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    """Path of a value → (line, column), both 1-based."""
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    """Path of a mapping entry → where its *key* is written."""

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int | None, int | None]:
        """The closest known location of ``path`` (walking up to its parents)."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while True:
            if probe in table:
                return table[probe]
            if key and probe in self.marks:
                return self.marks[probe]
            if not probe:
                return None, None
            probe = probe[:-1]


def parse(text: str, shown: str) -> Document:
    """Parse one YAML document into plain data with a location for each value."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in (exc.context or "") or "but found another document" in (
            exc.problem or ""
        ):
            message = "holds more than one YAML document; a scenario file holds one"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if "maximum nesting depth" in message:  # LibYAML's own limit (1000 levels)
            raise YamlError(
                Problem(shown, f"nested deeper than {MAX_DEPTH} levels; refused", line, column)
            ) from None
        raise YamlError(Problem(shown, f"YAML syntax error: {message}", line, column)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML refuses (NUL, other C0 controls): the reader gives only an
        # offset into the text, so count the lines ourselves.
        raise YamlError(_reader_problem(exc, text, shown)) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(shown, f"YAML error: {' '.join(str(exc).split())}")) from None
    except RecursionError:
        raise YamlError(Problem(shown, f"nested deeper than {MAX_DEPTH} levels")) from None
    document = Document(path=shown, data=None)
    if node is None:
        return document
    builder = _Builder(document)
    document.data = builder.build(node, (), 0)
    return document


def _reader_problem(exc: yaml.reader.ReaderError, text: str, shown: str) -> Problem:
    position = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = exc.character
    code = char if isinstance(char, int) else ord(char) if char else 0
    return Problem(
        shown,
        f"the control character U+{code:04X} is not allowed in YAML text; remove it "
        f"(or, if it is meant, write it as \"\\x{code:02x}\" inside double quotes)"
        if code < 0x100
        else f"the character U+{code:04X} is not allowed in YAML text; remove it",
        line,
        column,
    )


class _Builder:
    """Turns a composed node graph into plain data, within the limits."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.count = 0

    def _fail(self, node: yaml.Node, message: str) -> YamlError:
        mark = node.start_mark
        return YamlError(Problem(self.document.path, message, mark.line + 1, mark.column + 1))

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._fail(
                node, f"expands to more than {MAX_VALUES} values (alias bomb?); refused"
            )
        if depth > MAX_DEPTH:
            raise self._fail(node, f"nested deeper than {MAX_DEPTH} levels; refused")
        if node.tag == "tag:yaml.org,2002:timestamp" and isinstance(node, yaml.ScalarNode):
            raise self._fail(node, _date_message(node, path))
        if node.tag not in _CORE_TAGS:
            raise self._fail(node, f"YAML tag {quote(node.tag)} is not allowed in a scenario")
        self.document.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._fail(key_node, "YAML merge keys ('<<') are not supported")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._fail(key_node, "a mapping key must be plain text")
                key = str(key_node.value)
                if key in result:
                    raise self._fail(key_node, f"key {quote(key)} appears twice in this mapping")
                child = (*path, key)
                self.document.key_marks[child] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                result[key] = self.build(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        try:
            return _scalar(node)
        except ValueError:
            # Python refuses to convert integers of more than 4,300 digits (a guard
            # against quadratic conversion); say so where the number is.
            digits = sum(char.isdigit() for char in node.value)
            raise self._fail(
                node,
                f"a number of {digits:,} digits is too long (at most "
                f"{sys.get_int_max_str_digits():,}); quote it if it is text",
            ) from None


def _date_message(node: yaml.ScalarNode, path: PathKey) -> str:
    """A bare date or time is YAML's timestamp type: say to quote it."""
    key = path[-1] if path and isinstance(path[-1], str) else "key"
    value = node.value
    return (
        f"{value!r} is read as a date, which a scenario does not take; quote it to use it "
        f"as text, e.g. '{key}: \"{value}\"'"
    )


def _scalar(node: yaml.ScalarNode) -> Any:
    """Resolve a scalar by its (already resolved, core-schema) tag."""
    value: str = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:int" and _INT.match(value):
        return int(value.replace("_", ""))
    if tag == "tag:yaml.org,2002:float" and _FLOAT.match(value):
        return float(value.replace("_", ""))
    # Everything else, including YAML 1.1 oddities (sexagesimal, 0x, .inf), stays text:
    # the schema will say if a number was expected.
    return value
