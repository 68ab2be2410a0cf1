"""The guided tasks' pages: the short form, the change as `docgen diff` reports it, saved.

GET shows the task's form; POST works the change out (`tasks.py`) and shows what it
does (or the problems beside the task's fields); POST `.../apply` does the same work
again on the saved file, saves it with If-Match (both files, for a move), and offers
the change notice. Nothing is written before the user has seen the change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from docgen.documents.provenance import today
from docgen.errors import InputError
from docgen.refdata import reference_data
from docgen.serve import tasks
from docgen.serve.api import Api, ApiError
from docgen.serve.edits import Edits, Submission, form_value, read_submission
from docgen.serve.folder import Gone, cluster_files, etag, find, source_bytes
from docgen.serve.form import form_context, node
from docgen.serve.formtree import MISSING, Node
from docgen.serve.patching import save_patch
from docgen.serve.versions import VERSIONS
from docgen.serve.views import api_of, for_people, form_pairs, page
from docgen.serve.work import check_bytes

TITLES = {"join": "A school joins", "leave": "A school leaves",
          "move": "A school moves to another cluster"}
Pairs = list[tuple[str, str]]
MAX_FIELDS = 200


def cluster_name(values: dict[str, Any], stem: str) -> str:
    """The cluster's name in a file's values, else the file's stem."""
    section = values.get("cluster")
    name = section.get("name") if isinstance(section, dict) else None
    return name if isinstance(name, str) and name.strip() else stem


def school_names(values: dict[str, Any]) -> list[str]:
    """The member schools' names in a file's values (of those that have one)."""
    schools = values.get("member_schools")
    return [s["name"] for s in schools if isinstance(s, dict) and isinstance(s.get("name"), str)] \
        if isinstance(schools, list) else []


def read_values(folder: Path, path: Path) -> dict[str, Any]:
    """A cluster file's values as the form reads them ({} if it cannot be read)."""
    try:
        return check_bytes(path, source_bytes(folder, path)).values
    except (InputError, Gone):
        return {}


def others(folder: Path, stem: str) -> dict[str, Path]:
    """The folder's other cluster files, by stem."""
    return {other: path for other, path in cluster_files(folder).items() if other != stem}


def task_fields(task: str, folder: Path, path: Path, values: dict[str, Any]) -> dict[str, Any]:
    """The task's form fields, offering this file's schools (and people, or other clusters)."""
    if task == "join":
        return tasks.join_form()
    schools = school_names(values)
    if task == "leave":
        group = values.get("governance", {}).get("governance_group", {}) \
            if isinstance(values.get("governance"), dict) else {}
        members = [s.get("governance_nominee", {}).get("name") for s in
                   values.get("member_schools", []) if isinstance(s, dict)]
        members += [m.get("name") for m in group.get("other_members", []) if isinstance(m, dict)]
        return tasks.leave_form(schools, [m for m in members if isinstance(m, str)])
    return tasks.move_form(schools, {stem: f"{cluster_name(read_values(folder, other), stem)} "
                                           f"({other.name})"
                                     for stem, other in sorted(others(folder, path.stem).items())})


def outcomes(task: str, folder: Path, path: Path, saved: bytes, pairs: Pairs,
             templates_dir: Path | None) -> list[tasks.Outcome]:
    """The task's change on this file (and, for a move, on the other cluster's file)."""
    submission = read_submission(pairs)
    values = check_bytes(path, saved).values
    fields = task_fields(task, folder, path, values)
    answer = form_value(tasks.task_rule(fields), (), submission)
    answer = answer if isinstance(answer, dict) else {}
    day = today()
    if task == "join":
        school = answer.get("school", {})
        change, placements = tasks.joining(values, school)
        row = {"date": answer.get("date"), "school": school.get("name"), "change": "joined",
               "from_cluster": answer.get("from_cluster")}
        return [tasks.recorded(path, saved, change, clean(row), day,
                               tasks.recording(values, placements), templates_dir)]
    name = answer.get("school")
    index = tasks.school_index(values, name) if isinstance(name, str) else None
    target = others(folder, path.stem).get(str(answer.get("destination")))
    destination = source_bytes(folder, target) if task == "move" and target else None
    going = cluster_name(check_bytes(target, destination).values, target.stem) \
        if target and destination is not None else answer.get("to_cluster")
    change = [] if index is None else [{"op": "remove", "path": f"/member_schools/{index}"}]
    change += [{"op": "remove", "path": f"/shared_provision/{i}/host_school"}
               for i, _ in hosted(values, name)]
    if answer.get("chair"):
        change.append({"op": "replace", "path": "/governance/governance_group/chair",
                       "value": answer["chair"]})
    row = {"date": answer.get("date"), "school": name, "change": "left", "to_cluster": going}
    found = [tasks.recorded(path, saved, change, clean(row), day,
                            tasks.recording(values, Edits()), templates_dir)]
    found[0].notes = [f"{certificate} was hosted by {name}: it now names no host school. "
                      "If another member school hosts it, choose it in the cluster's form."
                      for _, certificate in hosted(values, name)]
    if task == "move" and target and destination is not None and index is not None:
        found.append(arrival(target, destination, values["member_schools"][index],
                             cluster_name(values, path.stem), answer.get("date"), templates_dir))
    return found


def hosted(values: dict[str, Any], school: Any) -> list[tuple[int, str]]:
    """(index, certificate) of the shared certificates `school` hosts."""
    courses = values.get("shared_provision")
    return [(i, str(course.get("certificate")))
            for i, course in enumerate(courses if isinstance(courses, list) else [])
            if isinstance(course, dict) and course.get("host_school") == school]


def arrival(path: Path, saved: bytes, school: dict[str, Any], coming_from: str, date: Any,
            templates_dir: Path | None) -> tasks.Outcome:
    """The moving school joining the other cluster's file, its details as they were."""
    values = check_bytes(path, saved).values
    change, placements = tasks.joining(values, school)
    row = {"date": date, "school": school.get("name"), "change": "joined",
           "from_cluster": coming_from}
    return tasks.recorded(path, saved, change, clean(row), today(),
                          tasks.recording(values, placements), templates_dir)


def clean(row: dict[str, Any]) -> dict[str, Any]:
    """A row without the keys the user left empty."""
    return {k: v for k, v in row.items() if v is not MISSING and v not in (None, "")}


def form_nodes(task: str, folder: Path, path: Path, values: dict[str, Any],
               submission: Submission) -> list[Node]:
    """The task's form, showing the values the user sent."""
    fields = task_fields(task, folder, path, values)
    context = form_context(values, reference_data(), submission.values, marked=False)
    return [node(rule, (key,), MISSING, context) for key, rule in fields.items()]


async def task_page(request: Request) -> Response:
    """The task's short form (GET), or the change it makes (POST)."""
    api = api_of(request)
    task = request.path_params["task"]
    path = find(api.folder, request.path_params["stem"])
    if task not in TITLES:
        return HTMLResponse("There is no such task.", 404)
    saved = await run_in_threadpool(source_bytes, api.folder, path)
    values = (await run_in_threadpool(check_bytes, path, saved)).values
    pairs: Pairs = []
    if request.method == "POST":
        pairs = list(await form_pairs(request, MAX_FIELDS))
    submission = read_submission(pairs)
    found = await api.runner.run(outcomes, task, api.folder, path, saved, pairs,
                                 api.templates_dir) if pairs else []
    context = {"task": task, "title": TITLES[task], "stem": path.stem, "file": path.name,
               "name": cluster_name(values, path.stem), "pairs": pairs,
               "nodes": form_nodes(task, api.folder, path, values, submission),
               "outcomes": found, "ok": bool(found) and all(o.ok for o in found),
               "etags": [etag(o.saved) for o in found]}
    return page(request, "task.html", **context)


async def apply(request: Request) -> Response:
    """Save the task's change, if every file is still the version the user reviewed."""
    api = api_of(request)
    task = request.path_params["task"]
    path = find(api.folder, request.path_params["stem"])
    form = await form_pairs(request, MAX_FIELDS)
    pairs = [(k, v) for k, v in form if k != "~etag"]
    reviewed = form.getlist("~etag")
    saved = await run_in_threadpool(source_bytes, api.folder, path)
    found = await api.runner.run(outcomes, task, api.folder, path, saved, pairs,
                                 api.templates_dir) if task in TITLES else []
    title = TITLES.get(task, "")
    if not found or not all(o.ok for o in found):
        return page(request, "task_done.html", title=title, stem=path.stem, saved=[],
                    refusal="The change no longer checks: go back to the task and try again.")
    try:
        written = await save_all(api, found, [str(tag) for tag in reviewed])
    except ApiError as exc:
        return page(request, "task_done.html", title=title, stem=path.stem, saved=[],
                    refusal=exc.message[:1].upper() + exc.message[1:] + ".")
    return page(request, "task_done.html", title=title, stem=path.stem, saved=written,
                refusal="")


async def save_all(api: Api, found: list[tasks.Outcome], reviewed: list[str]
                   ) -> list[dict[str, Any]]:
    """Write each outcome's file, after checking every file is the version reviewed."""
    if [etag(o.saved) for o in found] != reviewed:
        raise ApiError(412, "a file has changed since you reviewed the change (in another "
                       "tab, or by git); nothing was saved: go back to the task and check it "
                       "again")
    written = []
    async with api.saving:
        for outcome in found:
            target = find(api.folder, outcome.stem)
            await run_in_threadpool(save_patch, api, target, etag(outcome.saved),
                                    outcome.operations)
            written.append({"stem": outcome.stem, "file": target.name,
                            "name": cluster_name(check_bytes(target, outcome.text).values,
                                                 outcome.stem),
                            "before": VERSIONS.remember(outcome.saved),
                            "after": VERSIONS.remember(outcome.text)})
    return written


routes: list[BaseRoute] = [
    Route("/clusters/{stem}/tasks/{task}", for_people(task_page), methods=["GET", "POST"]),
    Route("/clusters/{stem}/tasks/{task}/apply", for_people(apply), methods=["POST"]),
]
