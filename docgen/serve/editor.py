"""The cluster form at work: checked as the user types, previewed, saved, reloaded.

Each handler reads the submitted form (`edits.read_submission`) against the version
of the file the form was made from (`~etag`, kept in `versions.VERSIONS`), so what
is checked, previewed or saved is exactly the user's edits to what they saw. Answers
are HTML fragments for htmx; a refusal (errors, a file changed elsewhere) is shown in
the page, never as an error status htmx would not show.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from docgen.cluster.schema import cluster_schema
from docgen.documents.catalogue import DOCUMENT_NAMES, DOCUMENTS
from docgen.refdata import reference_data
from docgen.serve.api import ApiError
from docgen.serve.drafts import (
    Draft,
    describe,
    make_draft,
    place,
    render_draft,
)
from docgen.serve.edits import Edits, Submission, read_submission
from docgen.serve.folder import etag, find, source_bytes
from docgen.serve.form import build_form
from docgen.serve.formtree import dom_id
from docgen.serve.patching import PatchFailed, save_patch
from docgen.serve.versions import VERSIONS
from docgen.serve.views import (
    FormPairs,
    api_of,
    environment,
    for_people,
    form_pairs,
    page,
    plural,
)
from docgen.serve.work import check_bytes, render_saved

MAX_FIELDS = 20_000
"""Inputs a form may send: a cluster of 200 schools has some thousands."""
CHANGED_ELSEWHERE = ("The file has been changed elsewhere since this page loaded (in another "
                     "tab, another program, or by git). Nothing was saved.")


async def read_form(request: Request) -> tuple[FormPairs, Submission]:
    """The submitted form, and the user's edits read from it."""
    form = await form_pairs(request, MAX_FIELDS)
    return form, read_submission(form)


def fragment(template: str, **context: Any) -> str:
    """A page template rendered as an HTML fragment (for htmx)."""
    return environment().get_template(template).render(**context)


def problems_html(draft: Draft, *, alert: bool = False, lead: str = "") -> str:
    """The draft's problems as the page's summary, each placed by its input."""
    placed = place(draft.checked.problems, draft.edits, draft.checked.values)
    return fragment("_problems.html", placed=placed, alert=alert, lead=lead)


def dirty_words(draft: Draft) -> str:
    """"Unsaved changes (3 edits)" or "No unsaved changes"."""
    count = len(draft.edits.operations)
    return f"Unsaved changes ({plural(count, 'edit')})" if count else "No unsaved changes"


def oob(element_id: str, text: str) -> str:
    """An out-of-band swap of one element's text (htmx `hx-swap-oob`)."""
    html = environment().from_string(
        '<span id="{{ id }}" hx-swap-oob="innerHTML">{{ text }}</span>')
    return html.render(id=element_id, text=text)


def events(**named: Any) -> dict[str, str]:
    """An `HX-Trigger` header firing these events on the page (JSON, never script)."""
    return {"HX-Trigger": json.dumps(named)} if named else {}


def base_version(path: Path, tag: str, current: bytes) -> bytes | None:
    """The version the form was made from: kept by its tag, or the file if it is that one."""
    return VERSIONS.get(tag) or (current if etag(current) == tag else None)


async def check(request: Request) -> Response:
    """The form's edits checked: the summary (form.js places each problem by its field)."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    form, submission = await read_form(request)
    current = await run_in_threadpool(source_bytes, api.folder, path)
    saved = base_version(path, form.get("~etag"), current)
    if saved is None:
        return HTMLResponse(changed_elsewhere(request.path_params["stem"]))
    try:
        draft = await run_in_threadpool(make_draft, path, saved, submission)
    except PatchFailed as exc:
        return HTMLResponse(fragment("_problems.html", placed=[], alert=True,
                                     lead=f"This change cannot be made in the file: {exc}"))
    lead = "" if etag(current) == etag(saved) else CHANGED_ELSEWHERE.split(" Nothing")[0] + \
        " Saving will be refused; reload first."
    body = problems_html(draft, lead=lead) + oob("dirty-state", dirty_words(draft))
    body += fragment("_restyle.html", notes=draft.notes, oob=True)
    valid = draft.errors == 0
    body += oob("preview-state", "Your unsaved changes, as the document would read."
                if valid and draft.changed else
                "The saved file, as its documents are now." if valid else
                "The preview shows the last version without errors; fix the errors to "
                "update it.")
    return HTMLResponse(body, headers=events(**{"docgen:valid": True} if valid else {}))


def changed_elsewhere(stem: str) -> str:
    """The fragment saying the file changed since the page loaded, and nothing was saved."""
    return fragment("_conflict.html", stem=stem, message=CHANGED_ELSEWHERE)


async def save(request: Request) -> Response:
    """Save the form's edits, if the file is the version the form was made from and the
    result has no error; otherwise say why, and write nothing."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    form, submission = await read_form(request)
    tag = form.get("~etag")
    current = await run_in_threadpool(source_bytes, api.folder, path)
    if etag(current) != tag:
        return retarget("#save-status", changed_elsewhere(path.stem))
    try:
        draft = await run_in_threadpool(make_draft, path, current, submission)
    except PatchFailed as exc:
        return retarget("#save-status", fragment("_message.html", kind="error",
                        text=f"This change cannot be made in the file: {exc}"))
    if not draft.changed:
        return retarget("#save-status", fragment(
            "_message.html", kind="info", text="Nothing to save: the form is as the file is."))
    if draft.errors:
        return retarget("#problems", problems_html(
            draft, alert=True, lead="Nothing was saved. Fix the errors below, then save again."))
    try:
        async with api.saving:
            saved_tag = await run_in_threadpool(save_patch, api, path, tag,
                                                draft.edits.operations)
    except ApiError as exc:
        if exc.status == 412:
            return retarget("#save-status", changed_elsewhere(path.stem))
        return retarget("#save-status", fragment("_message.html", kind="error", text=(
            f"Not saved: {exc.message}.")))
    saved = draft.text if saved_tag == etag(draft.text) else \
        await run_in_threadpool(source_bytes, api.folder, path)  # the API made the same edit
    return await editor_answer(request, path, saved, saved_message=(
        f"Saved {path.name}: {plural(len(draft.edits.operations), 'change')} written."))


def cluster_context(path: Path, data: bytes, **extra: Any) -> dict[str, Any]:
    """What the cluster page (and its editor, after a save) shows for the version `data`."""
    tag = etag(data)
    VERSIONS.remember(data)
    checked = check_bytes(path, data)
    name = checked.values.get("cluster", {})
    name = name.get("name") if isinstance(name, dict) else None
    carried = extra.pop("overrides", None) or {}
    return {
        "stem": path.stem, "file": path.name, "etag": tag,
        "name": name if isinstance(name, str) and name.strip() else path.stem,
        "form": build_form(checked.values, reference_data(), carried),
        "placed": place(checked.problems, Edits(), checked.values),
        "restyle": (), "documents": DOCUMENTS,
        "preview_document": "funding-application",
        "preview_state": "" if any(p.is_error for p in checked.problems) else
        "The saved file, as its documents are now.",
        "alert": False, "lead": "", "saved_message": "",
        "dirty": "Unsaved changes: your values, put back" if carried else "",
        "carried": carried_list(carried, checked.values), "carried_lost": "", **extra,
    }


def carried_list(carried: dict[str, str], values: dict[str, Any]) -> list[dict[str, str]]:
    """The values put back after a reload, each with its input and its place in words."""
    schema = cluster_schema(reference_data())
    out = []
    for name, value in carried.items():
        parts = tuple(name.split("/"))
        path = tuple(int(p) if p.isdigit() else p for p in parts)
        out.append({"target": dom_id(parts), "where": describe(path, values, schema),
                    "value": value or "(emptied)"})
    return out


def retarget(target: str, html: str) -> HTMLResponse:
    """An answer shown somewhere other than where the request would put it."""
    return HTMLResponse(html, headers={"HX-Retarget": target, "HX-Reswap": "innerHTML"})


async def editor_answer(request: Request, path: Path, data: bytes, **extra: Any) -> Response:
    """The editor made again from `data` (a new version): the form, problems and status."""
    context = await run_in_threadpool(lambda: cluster_context(path, data, **extra))
    response = page(request, "_editor.html", **context)
    response.headers["HX-Trigger-After-Settle"] = json.dumps({"docgen:valid": True})
    return response


async def reload(request: Request) -> Response:
    """After a refusal: the form made from the file as it is now, with the values the user
    had typed put back in, each marked, so nothing they typed is lost from view."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    form, submission = await read_form(request)
    current = await run_in_threadpool(source_bytes, api.folder, path)
    base = VERSIONS.get(form.get("~etag"))
    carried, lost = await run_in_threadpool(unsaved_values, path, base, submission)
    return await editor_answer(request, path, current, overrides=carried, carried_lost=lost,
                               saved_message="Reloaded the file as it is saved now.")


def unsaved_values(path: Path, base: bytes | None, submission: Submission
                   ) -> tuple[dict[str, str], str]:
    """The inputs whose values the user changed from the version they had (all those that
    differ, when that version is no longer kept), and what could not be carried over."""
    from docgen.serve.drafts import saved_values

    values = saved_values(path, base) if base is not None else {}
    carried = {}
    for leaf in leaves(build_form(values, reference_data())):
        typed = submission.values.get(leaf.name)
        if typed is not None and typed != leaf.value:
            carried[leaf.name] = typed
    moved = any(not all(k.isdigit() for k in order) for order in submission.orders.values())
    lost = ("Items you had added, removed or moved in lists are not carried over: make those "
            "changes again.") if moved or submission.drops else ""
    return carried, lost


def leaves(nodes: list[Any]) -> list[Any]:
    """Every field of a form tree, in page order."""
    found = []
    for node in nodes:
        if node.kind == "leaf":
            found.append(node)
        elif node.kind == "group":
            found += leaves(node.children)
        else:
            found += leaves([item.node for item in node.items])
    return found


async def preview(request: Request) -> Response:
    """The chosen document as HTML: of the user's edits when they have no error, else of
    the saved file (the same renderer as the API's `.html`)."""
    from docgen.documents.preview import docx_html

    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    form, submission = await read_form(request)
    document = form.get("~document", "funding-application")
    if document not in DOCUMENT_NAMES:
        return HTMLResponse("<p>No such document.</p>")
    current = await run_in_threadpool(source_bytes, api.folder, path)
    saved = base_version(path, form.get("~etag"), current) or current
    try:
        draft = await run_in_threadpool(make_draft, path, saved, submission)
    except PatchFailed:
        draft = None
    if draft is not None and draft.changed and draft.errors == 0:
        rendered = await api.runner.run(render_draft, path, draft.text, (document,),
                                        api.templates_dir)
    else:
        rendered = await api.runner.run(render_saved, api.folder, path, (document,),
                                        api.templates_dir)
    if document not in rendered.files:
        return HTMLResponse(fragment("_message.html", kind="info", text=(
            "The documents cannot be made until the errors are fixed.")))
    html = await run_in_threadpool(docx_html, rendered.files[document])
    return HTMLResponse(f'<div class="preview-document">{html}</div>')


routes: list[BaseRoute] = [
    Route("/clusters/{stem}/check", for_people(check, fragment=True), methods=["POST"]),
    Route("/clusters/{stem}/save", for_people(save, fragment=True), methods=["POST"]),
    Route("/clusters/{stem}/reload", for_people(reload, fragment=True), methods=["POST"]),
    Route("/clusters/{stem}/preview", for_people(preview, fragment=True), methods=["POST"]),
]
