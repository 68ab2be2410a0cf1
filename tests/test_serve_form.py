"""The cluster form generated from the schema, and a submitted form read back as a JSON Patch.

The form is rendered with the page's own templates and read back the way a browser
submits it (`submitted`), so these tests see what the page sends, not what the code
meant to send. Operations are applied to the saved values with a plain JSON Patch
(`applied`): the edited values must be exactly what the user left in the form.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from conftest import CLUSTERS, REFERENCE
from lxml import html as lxml_html

from docgen.cluster.check import check_file
from docgen.cluster.schema import cluster_schema
from docgen.serve import labels
from docgen.serve.edits import form_edits, read_submission
from docgen.serve.form import build_form
from docgen.serve.formtree import Group, Leaf, Listing, dom_id
from docgen.serve.views import environment

SCHEMA = cluster_schema(REFERENCE)
Pairs = list[tuple[str, str]]


def saved(stem: str = "southern-shores") -> dict[str, Any]:
    checked = check_file(CLUSTERS / f"{stem}.yaml", REFERENCE)
    assert checked.ok, checked.problems
    return checked.values


def form_html(values: dict[str, Any]) -> str:
    """The form as the page renders it (the editor fragment of the cluster page)."""
    from docgen.serve.drafts import place
    from docgen.serve.edits import Edits

    return environment().get_template("_editor.html").render(
        stem="c", file="c.yaml", etag='"x"', name="C", form=build_form(values, REFERENCE),
        placed=place([], Edits(), values), restyle="", saved_message="", dirty="", lead="",
        alert=False, carried=[], carried_lost="")


def submitted(page: str, form: str = "@id='cluster-form'") -> Pairs:
    """What a browser sends for the form in `page` (the first `form[...]` matching):
    every successful control, in order."""
    tree = lxml_html.fromstring(page)
    pairs: Pairs = []
    for control in tree.xpath(f"(//form[{form}])[1]//*[self::input or self::select "
                              "or self::textarea][@name]"):
        name, tag = control.get("name"), control.tag
        if tag == "input" and control.get("type") == "checkbox":
            if control.get("checked") is not None:
                pairs.append((name, control.get("value", "on")))
        elif tag == "input":
            pairs.append((name, control.get("value", "")))
        elif tag == "textarea":
            text = control.text or ""
            pairs.append((name, text[1:] if text.startswith("\n") else text))
        else:
            chosen = control.xpath(".//option[@selected]") or control.xpath(".//option")[:1]
            pairs.append((name, chosen[0].get("value", "") if chosen else ""))
    return pairs


def edited(pairs: Pairs, changes: dict[str, str]) -> Pairs:
    return [(name, changes.get(name, value)) for name, value in pairs]


def pointer_parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def applied(values: dict[str, Any], operations: list[dict[str, Any]]) -> dict[str, Any]:
    """RFC 6902 add, remove, replace and move on plain values."""
    data = copy.deepcopy(values)

    def parent(parts: list[str]) -> Any:
        holder: Any = data
        for part in parts[:-1]:
            holder = holder[int(part)] if isinstance(holder, list) else holder[part]
        return holder

    for op in operations:
        parts = pointer_parts(op["path"])
        holder, last = parent(parts), parts[-1]
        if op["op"] == "move":
            source = pointer_parts(op["from"])
            value = parent(source).pop(int(source[-1]))
            holder.insert(int(last), value)
        elif op["op"] == "remove":
            del holder[int(last) if isinstance(holder, list) else last]
        elif isinstance(holder, list):
            if last == "-":
                holder.append(op["value"])
            elif op["op"] == "add":
                holder.insert(int(last), op["value"])
            else:
                holder[int(last)] = op["value"]
        else:
            holder[last] = op["value"]
    return data


def walk(nodes: list[Any]) -> list[Any]:
    found = []
    for node in nodes:
        found.append(node)
        if isinstance(node, Group):
            found += walk(node.children)
        elif isinstance(node, Listing):
            found += walk([item.node for item in node.items])
    return found


def schema_leaves(fields: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every field the schema has that is not a group or a list of groups."""
    out = []
    for key, rule in fields.items():
        if rule.get("type") == "dict":
            out += schema_leaves(rule["schema"], (*path, key))
        elif rule.get("type") == "list" and rule["schema"].get("type") == "dict":
            out += schema_leaves(rule["schema"]["schema"], (*path, key))
        else:
            out.append((*path, key))
    return out


def with_blank_items(nodes: list[Any]) -> list[Any]:
    """The form's nodes, and those of a new item for every list (as "Add ..." gives)."""
    from docgen.serve.form import blank_item

    found = walk(nodes)
    lists = [n for n in found if isinstance(n, Listing)]
    for listing in lists:
        found += with_blank_items([blank_item(listing.path, REFERENCE, {}).node])
    return found


def test_every_field_of_the_schema_is_in_the_form_with_its_label_and_help() -> None:
    nodes = with_blank_items(build_form(saved("goulburn-plains"), REFERENCE))
    shapes = {labels.shape(node.path) for node in nodes}
    missing = [path for path in schema_leaves(SCHEMA) if path not in shapes]
    assert not missing
    for node in nodes:
        assert node.label and not node.label.isdigit(), node.path
    leaves = [n for n in nodes if isinstance(n, Leaf)]
    principal = next(n for n in leaves if n.path == ("member_schools", "0", "principal"))
    assert principal.help == "Principal's name." and principal.required


def test_inputs_follow_the_schema_types() -> None:
    leaves = {n.path: n for n in walk(build_form(saved(), REFERENCE)) if isinstance(n, Leaf)}
    assert leaves[("document", "date")].widget == "date"
    assert leaves[("document", "date")].value == "2025-03-10"
    assert leaves[("member_schools", "0", "vdss_enrolments")].widget == "integer"
    assert leaves[("coordinator", "fte")].widget == "decimal"
    assert leaves[("admin_support", "vacant")].widget == "checkbox"
    assert leaves[("admin_support", "vacant")].checked
    sector = leaves[("member_schools", "0", "sector")]
    assert sector.widget == "select" and sector.value == "government"
    assert [v for v, _ in sector.choices] == ["government", "catholic", "independent"]
    assert leaves[("cluster", "vision")].widget == "textarea"


def test_cross_references_are_choices_of_the_values_they_refer_to() -> None:
    values = saved()
    leaves = {n.path: n for n in walk(build_form(values, REFERENCE)) if isinstance(n, Leaf)}
    host = leaves[("shared_provision", "1", "host_school")]
    assert host.widget == "select" and host.references == ("school",)
    assert [v for v, _ in host.choices] == [s["name"] for s in values["member_schools"]]
    chair = leaves[("governance", "governance_group", "chair")]
    nominees = [s["governance_nominee"]["name"] for s in values["member_schools"]]
    others = [m["name"] for m in values["governance"]["governance_group"]["other_members"]]
    assert [v for v, _ in chair.choices] == list(dict.fromkeys(nominees + others))
    assert chair.value == "Dr Helen Marsh"
    assert leaves[("member_schools", "0", "name")].source == "school"


def test_a_value_not_among_the_choices_is_kept_and_said() -> None:
    values = saved()
    values["shared_provision"][1]["host_school"] = "Nowhere College"
    leaves = {n.path: n for n in walk(build_form(values, REFERENCE)) if isinstance(n, Leaf)}
    host = leaves[("shared_provision", "1", "host_school")]
    assert ("Nowhere College", "Nowhere College (not one of the choices)") in host.choices


def test_an_untouched_form_changes_nothing() -> None:
    for stem in ("southern-shores", "goulburn-plains"):
        values = saved(stem)
        edits = form_edits(SCHEMA, values, read_submission(submitted(form_html(values))))
        assert edits.operations == []


def test_one_field_changed_is_one_operation_typed_by_the_schema() -> None:
    values = saved()
    pairs = edited(submitted(form_html(values)),
                   {"member_schools/1/vdss_enrolments": "130", "document/date": "2025-09-01",
                    "coordinator/fte": "0.8", "member_schools/0/school_number": "0427"})
    operations = form_edits(SCHEMA, values, read_submission(pairs)).operations
    assert operations == [
        {"op": "replace", "path": "/document/date", "value": dt.date(2025, 9, 1)},
        {"op": "replace", "path": "/coordinator/fte", "value": Decimal("0.8")},
        {"op": "replace", "path": "/member_schools/0/school_number", "value": "0427"},
        {"op": "replace", "path": "/member_schools/1/vdss_enrolments", "value": 130},
    ]


def test_a_value_that_is_not_a_number_stays_text_for_the_check_to_word() -> None:
    values = saved()
    pairs = edited(submitted(form_html(values)), {"member_schools/1/vdss_enrolments": "2,000"})
    operations = form_edits(SCHEMA, values, read_submission(pairs)).operations
    assert operations == [{"op": "replace", "path": "/member_schools/1/vdss_enrolments",
                           "value": "2,000"}]


def test_emptied_fields_are_removed_and_an_emptied_optional_group_goes_whole() -> None:
    values = saved()
    pairs = edited(submitted(form_html(values)), {
        "member_schools/0/rto_code": "", "admin_support/classification": "",
        "admin_support/fte": "", "admin_support/employer": "", "admin_support/vacant": ""})
    pairs = [(n, v) for n, v in pairs if not (n == "admin_support/vacant" and v == "true")]
    operations = form_edits(SCHEMA, values, read_submission(pairs)).operations
    assert {"op": "remove", "path": "/admin_support"} in operations
    assert {"op": "remove", "path": "/member_schools/0/rto_code"} in operations
    assert not any(op["path"].startswith("/admin_support/") for op in operations)


def test_a_yes_no_left_at_its_default_is_not_written() -> None:
    values = saved()
    pairs = submitted(form_html(values))
    voting = "governance/governance_group/other_members/0/voting"
    assert (voting, "true") in pairs  # left out of the file: voting by default
    assert form_edits(SCHEMA, values, read_submission(pairs)).operations == []
    unticked = [(n, v) for n, v in pairs if not (n == voting and v == "true")]
    assert form_edits(SCHEMA, values, read_submission(unticked)).operations == [
        {"op": "add", "path": "/governance/governance_group/other_members/0/voting",
         "value": False}]


def reorder(pairs: Pairs, list_name: str, keys: list[str], extra: Pairs = ()) -> Pairs:
    """The form with the items of `list_name` in the order `keys` (others removed), as the
    page sends it after the user moved, removed and added items."""
    marker = "@" + list_name
    prefix = list_name + "/"
    items = {key: [(n, v) for n, v in pairs if n.startswith(prefix + key + "/")]
             for key in keys}
    start = next(i for i, (n, _) in enumerate(pairs) if n == marker)
    end = max(i for i, (n, _) in enumerate(pairs) if n == marker or n.startswith(prefix))
    middle = [(marker, "")]
    for key in keys:
        middle += [(marker, key)] + items[key]
    return [*pairs[:start], *middle, *extra, *pairs[end + 1:]]


def test_items_moved_removed_and_added_become_moves_removals_and_adds() -> None:
    values = saved()
    pairs = submitted(form_html(values))
    new = [("@member_schools", "n0000abcd"), ("member_schools/n0000abcd/name", "New College"),
           ("member_schools/n0000abcd/sector", "catholic"),
           ("member_schools/n0000abcd/vdss_enrolments", "40"),
           ("member_schools/n0000abcd/ttc_host", "false")]
    pairs = reorder(pairs, "member_schools", ["3", "0", "2"], new)
    pairs = edited(pairs, {"member_schools/2/principal": "Rosa D'Angelo-Smith"})
    edits = form_edits(SCHEMA, values, read_submission(pairs))
    after = applied(values, edits.operations)
    assert [s["name"] for s in after["member_schools"]] == [
        "Mentone Heath College", "Seaholme Bay Secondary College",
        "Kingsford Park Arts & Technology School", "New College"]
    assert after["member_schools"][2]["principal"] == "Rosa D'Angelo-Smith"
    assert after["member_schools"][3] == {"name": "New College", "sector": "catholic",
                                          "vdss_enrolments": 40}
    assert [op["op"] for op in edits.operations] == ["replace", "remove", "move", "add"]
    # a problem in the edited text is placed by the input the user sees it beside
    assert dom_id(edits.form_path(("member_schools", 0, "name"))) == "f-member_schools-3-name"
    assert dom_id(edits.form_path(("member_schools", 3, "address"))) == \
        "f-member_schools-n0000abcd-address"
    assert dom_id(edits.form_path(("member_schools",))) == "f-member_schools"


def test_keys_the_schema_does_not_know_never_share_an_id() -> None:
    ids = [dom_id(("cluster", key)) for key in ("a b", "a_b", "a-b", "a.b", "ā", "")]
    assert len(set(ids)) == len(ids)
    assert ids[1] == "f-cluster-a_b" and ids[0] == "f-cluster-_u612062"
    assert all(re.fullmatch(r"f-[\w-]+", i) for i in ids)


def test_removing_every_item_of_an_optional_list_removes_the_list() -> None:
    values = saved()
    pairs = reorder(submitted(form_html(values)), "partners", [])
    assert form_edits(SCHEMA, values, read_submission(pairs)).operations == [
        {"op": "remove", "path": "/partners"}]


def test_an_unknown_key_stays_unless_the_user_removes_it() -> None:
    values = saved()
    values["cluster"]["aera"] = "Bayside"
    page = form_html(values)
    assert "'aera'" in page and 'value="cluster/aera"' in page
    pairs = submitted(page)
    assert form_edits(SCHEMA, values, read_submission(pairs)).operations == []
    pairs.append(("~drop", "cluster/aera"))
    assert form_edits(SCHEMA, values, read_submission(pairs)).operations == [
        {"op": "remove", "path": "/cluster/aera"}]


def test_every_input_has_a_label_and_a_unique_id() -> None:
    page = lxml_html.fromstring(form_html(saved("goulburn-plains")))
    controls = page.xpath("//*[self::input[not(@type='hidden')] or self::select or "
                          "self::textarea]")
    ids = [c.get("id") for c in controls]
    assert len(ids) == len(set(ids)) and all(ids)
    labelled = {label.get("for") for label in page.xpath("//label[@for]")}
    assert [i for i in ids if i not in labelled] == []


@pytest.mark.parametrize("path", [("nope",), ("member_schools", "x"), ("cluster", "name")])
def test_a_new_item_only_for_a_list_of_the_form(path: tuple[str, ...]) -> None:
    from docgen.serve.form import blank_item

    with pytest.raises(ValueError):
        blank_item(path, REFERENCE, {})


def test_a_new_item_has_a_fresh_key_and_empty_fields() -> None:
    from docgen.serve.form import blank_item

    item = blank_item(("member_schools", "1", "vet_certificates"), REFERENCE, {})
    assert item.path[:3] == ("member_schools", "1", "vet_certificates")
    assert item.key.startswith("n") and len(item.key) == 9
    assert all(leaf.value in ("", "false") for leaf in walk([item.node])
               if isinstance(leaf, Leaf))

