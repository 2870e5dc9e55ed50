"""A minimal document tree with line numbers, shared by every lexicon parser.

YAML is *composed* (not constructed) so that each mapping, key and item keeps its line and each
scalar keeps the text as written: ``version: 1.10`` stays ``"1.10"`` and ``term: no`` stays
``"no"`` instead of becoming a float or ``False``. The TSV and LIWC parsers build the same tree,
so one validator checks every format.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:null": "null",
}


@dataclass
class Scalar:
    """A scalar as written, with its resolved YAML type (str, bool, int, float, null, other)."""

    value: str
    line: int
    tag: str = "str"


@dataclass
class Seq:
    """A list of nodes."""

    items: list[Node]
    line: int


@dataclass
class Map:
    """A mapping kept as ``(key, key_line, value)`` triples, so duplicate keys stay visible."""

    items: list[tuple[str, int, Node]]
    line: int


Node = Scalar | Seq | Map


class TreeError(Exception):
    """The text is not well-formed (raised with a line number and message)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def compose_yaml(text: str, *, first_line: int = 1) -> Node | None:
    """Parse YAML text into a tree with line numbers.

    Args:
        text: the YAML document.
        first_line: line number of the first line of ``text`` in its file.

    Returns:
        The root node, or None for an empty document.

    Raises:
        TreeError: on a YAML syntax error, with the line of the problem.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark is not None else 0) + first_line
        problem = exc.problem or exc.context or "malformed YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        raise TreeError(line, f"YAML syntax error: {problem}{context}") from exc
    except yaml.YAMLError as exc:
        raise TreeError(first_line, f"YAML syntax error: {exc}") from exc
    if root is None:
        return None
    return _convert(root, first_line - 1, set())


def _convert(node: yaml.Node, offset: int, active: set[int]) -> Node:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        return Scalar(str(node.value), line, _TAGS.get(node.tag, "other"))
    if id(node) in active:
        # An alias that contains itself (`&a [*a]`) would recurse forever.
        raise TreeError(line, "YAML syntax error: recursive alias")
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            return Seq([_convert(item, offset, active) for item in node.value], line)
        if isinstance(node, yaml.MappingNode):
            items: list[tuple[str, int, Node]] = []
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1 + offset
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                items.append((key, key_line, _convert(value_node, offset, active)))
            return Map(items, line)
    finally:
        active.discard(id(node))
    raise TreeError(line, f"YAML syntax error: unsupported node {type(node).__name__}")


def describe(node: Node) -> str:
    """Name a node's type for messages (``a string``, ``a list``, ``a mapping``)."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return {
        "bool": "a boolean",
        "int": "a number",
        "float": "a number",
        "null": "nothing",
    }.get(node.tag, "a string")


@dataclass
class Parsed:
    """A parsed lexicon file: its tree and the problems the parser itself found.

    Attributes:
        root: the document tree (None for an empty file).
        problems: ``(line, entry label or None, message)`` for rows the parser could not read.
    """

    root: Node | None
    problems: list[tuple[int, str | None, str]]
