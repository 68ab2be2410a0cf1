"""Which variables a template uses that the context docgen provides does not have.

The context's shape is taken from real contexts (`documents/context`'s `build_context` for sample
clusters), merged: a mapping's keys, a list's item shape, a scalar's type. The
template's Jinja AST is then walked with scopes (loops, `set`, macros), resolving
every name, attribute path, `[...]` lookup and `attribute=` filter argument against
that shape. What cannot be known (a value that is None in every sample, a function
result) is not guessed at: it is simply not checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

Scope = dict[str, "Shape"]


@dataclass
class Shape:
    """What a value looks like: a mapping (`fields`), a list (`item`), a scalar (`kind`)."""

    fields: dict[str, Shape] | None = None
    item: Shape | None = None
    kind: type | None = None
    is_list: bool = False

    @property
    def known(self) -> bool:
        """Whether anything is known of the value: a mapping, a list or a type."""
        return self.fields is not None or self.is_list or self.kind is not None


ANY = Shape()
LIST_FILTERS = {"sort", "reverse", "list", "unique", "selectattr", "rejectattr", "select",
                "reject", "default", "d"}
ITEM_FILTERS = {"first", "last", "min", "max"}
ATTRIBUTE_FILTERS = {"sort", "selectattr", "rejectattr", "map", "groupby", "sum", "unique",
                     "min", "max"}


def merge(a: Shape, b: Shape) -> Shape:
    """One shape covering both (keys united); conflicting kinds become unknown."""
    if not a.known:
        return b
    if not b.known:
        return a
    if a.fields is not None and b.fields is not None:
        keys = dict.fromkeys([*a.fields, *b.fields])
        return Shape(fields={k: merge(a.fields.get(k, ANY), b.fields.get(k, ANY)) for k in keys})
    if a.is_list and b.is_list:
        return Shape(is_list=True, item=merge(a.item or ANY, b.item or ANY))
    return a if a.kind is not None and a.kind == b.kind else ANY


def shape_of(value: Any) -> Shape:
    """The shape of one context value."""
    if isinstance(value, dict):
        return Shape(fields={str(k): shape_of(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        item = ANY
        for element in value:
            item = merge(item, shape_of(element))
        return Shape(is_list=True, item=item)
    return ANY if value is None else Shape(kind=type(value))


@dataclass(frozen=True)
class Finding:
    """A name or path the context does not have, at a line of the template source."""

    line: int
    message: str


def lookup(shape: Shape, name: str) -> Shape | None:
    """The shape of `shape.name` as Jinja resolves it; None when it cannot exist."""
    if shape.fields is not None:
        if name in shape.fields:
            return shape.fields[name]
        return ANY if hasattr(dict, name) else None
    if shape.is_list:
        return ANY if hasattr(list, name) else None
    if shape.kind is not None:
        return ANY if hasattr(shape.kind, name) else None
    return ANY


def hint(shape: Shape, name: str) -> str:
    """"; did you mean '...'?" with the shape's closest key, or nothing."""
    close = difflib.get_close_matches(name, list(shape.fields or {}), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def path_of(node: nodes.Node) -> str:
    """`cluster.employer.name` for a chain of names, attributes and constant lookups."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{path_of(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{path_of(node.node)}[{node.arg.value!r}]"
    return "(…)"


@dataclass
class Walker:
    """Walks a template AST with scopes, collecting names and paths that do not exist."""

    context: Shape
    globals: set[str]
    findings: list[Finding] = field(default_factory=list)

    def missing(self, node: nodes.Node, message: str) -> None:
        """Note `message` at `node`'s line."""
        self.findings.append(Finding(node.lineno, message))

    def resolve(self, node: nodes.Node, scope: Scope) -> Shape:
        """The shape of an expression, reporting what does not exist."""
        if isinstance(node, nodes.Name):
            return self.name(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, node.attr, scope)
        if isinstance(node, nodes.Getitem):
            return self.item(node, scope)
        if isinstance(node, nodes.Filter):
            return self.filtered(node, scope)
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            return ANY  # the template asks whether it exists: not an error either way
        if isinstance(node, nodes.Const):
            return shape_of(node.value)
        for child in node.iter_child_nodes():
            self.resolve(child, scope)
        return ANY

    def name(self, node: nodes.Name, scope: Scope) -> Shape:
        """The shape of a name in `scope` or the context; noted when in neither, nor a global."""
        if node.name in scope:
            return scope[node.name]
        if self.context.fields and node.name in self.context.fields:
            return self.context.fields[node.name]
        if node.name not in self.globals:
            self.missing(node, f"undefined variable '{node.name}'{hint(self.context, node.name)}")
        return ANY

    def attribute(self, node: nodes.Getattr | nodes.Getitem, attr: str, scope: Scope) -> Shape:
        """The shape of `attr` on `node`'s base; noted when the base cannot have it."""
        base = self.resolve(node.node, scope)
        found = lookup(base, attr)
        if found is None:
            self.missing(node, f"undefined variable '{path_of(node)}': "
                         f"'{path_of(node.node)}' has no '{attr}'{hint(base, attr)}")
            return ANY
        return found

    def item(self, node: nodes.Getitem, scope: Scope) -> Shape:
        """The shape of a `[...]` lookup: a text key as an attribute, a number as a list's item."""
        key = node.arg.value if isinstance(node.arg, nodes.Const) else None
        if isinstance(key, str):
            return self.attribute(node, key, scope)
        base = self.resolve(node.node, scope)
        self.resolve(node.arg, scope)
        return (base.item or ANY) if base.is_list and isinstance(key, int) else ANY

    def filtered(self, node: nodes.Filter, scope: Scope) -> Shape:
        """The shape a filter gives (its input, one item, or unknown); `attribute=` checked."""
        base = self.resolve(node.node, scope) if node.node is not None else ANY
        for child in [*node.args, *node.kwargs]:
            self.resolve(child, scope)
        for kwarg in node.kwargs:
            if kwarg.key == "attribute" and node.name in ATTRIBUTE_FILTERS:
                self.attribute_argument(node, base, kwarg.value)
        if node.name in LIST_FILTERS:
            return base
        if node.name in ITEM_FILTERS and base.is_list:
            return base.item or ANY
        return ANY

    def attribute_argument(self, node: nodes.Filter, base: Shape, value: nodes.Expr) -> None:
        """`|sort(attribute='name')` names a field of the list's items: check it."""
        if not (isinstance(value, nodes.Const) and isinstance(value.value, str) and base.item):
            return
        shape = base.item
        for part in value.value.split("."):
            found = lookup(shape, part)
            if found is None:
                self.missing(node, f"|{node.name}(attribute='{value.value}'): the items of "
                             f"'{path_of(node.node) if node.node else '(…)'}' have no "
                             f"'{part}'{hint(shape, part)}")
                return
            shape = found

    def visit(self, node: nodes.Node, scope: Scope) -> None:
        """Statements: loops, assignments and macros open scopes; the rest is walked."""
        if isinstance(node, nodes.For):
            self.loop(node, scope)
        elif isinstance(node, nodes.Assign):
            shape = self.resolve(node.node, scope)
            for target in names(node.target):
                scope[target] = shape if isinstance(node.target, nodes.Name) else ANY
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            self.macro(node, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for bound, value in zip(node.targets, node.values, strict=False):
                shape = self.resolve(value, scope)
                for name in names(bound):
                    inner[name] = shape
            self.visit_all(node.body, inner)
        elif isinstance(node, nodes.Expr):
            self.resolve(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def visit_all(self, body: list[nodes.Node], scope: Scope) -> None:
        """Visit each node of `body` in `scope`."""
        for child in body:
            self.visit(child, scope)

    def loop(self, node: nodes.For, scope: Scope) -> None:
        """A for loop: its target bound to the items' shape inside, `else` in the outer scope."""
        items = self.resolve(node.iter, scope)
        inner = {**scope, "loop": ANY}
        for name in names(node.target):
            single = isinstance(node.target, nodes.Name) and items.is_list
            inner[name] = (items.item or ANY) if single else ANY
        if node.test is not None:
            self.resolve(node.test, inner)
        self.visit_all(node.body, inner)
        self.visit_all(node.else_, scope)

    def macro(self, node: nodes.Macro | nodes.CallBlock, scope: Scope) -> None:
        """A macro or call block: its arguments (and caller, varargs, kwargs) unknown inside."""
        if isinstance(node, nodes.Macro):
            scope[node.name] = ANY
        else:
            self.resolve(node.call, scope)
        inner = {**scope, "caller": ANY, "varargs": ANY, "kwargs": ANY}
        for arg in node.args:
            inner[arg.name] = ANY
        for default in node.defaults:
            self.resolve(default, scope)
        self.visit_all(node.body, inner)


def names(target: nodes.Node) -> Iterator[str]:
    """The names a `for` or `set` target binds."""
    if isinstance(target, nodes.Name):
        yield target.name
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            yield from names(item)


def undefined_uses(template: nodes.Template, context: Shape, globals_: set[str]) -> list[Finding]:
    """Every use of a name or path that the context shape does not have."""
    walker = Walker(context, globals_)
    walker.visit_all(template.body, {})
    return walker.findings

