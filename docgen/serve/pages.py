"""The pages of `docgen serve`: what a cluster coordinator sees, on the same API.

`routes` is what `create_app` mounts beside the API: the list of clusters, one page
per cluster (its form generated from the schema, its problems, a preview and the
downloads), the guided tasks, and the static files. The pages are server-rendered
Jinja (`views.py`) made lively with htmx, vendored in `static/`:

    htmx 2.0.11 (npm htmx.org@2.0.11, dist/htmx.min.js, Zero-Clause BSD: htmx.LICENSE)
    sha256 d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717

configured in `html/base.html` to evaluate no script of its own (`allowEval: false`)
and to add no inline style, as the Content-Security-Policy requires.
"""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from docgen.refdata import reference_data
from docgen.serve import downloads, editor, taskpages, textedit
from docgen.serve.folder import cluster_files, find, source_bytes
from docgen.serve.form import blank_item
from docgen.serve.views import STATIC, api_of, environment, for_people, page
from docgen.serve.work import check_bytes

HTMX_SHA256 = "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
"""The vendored htmx.min.js (tests compare the file with it)."""


async def index(request: Request) -> Response:
    """Every cluster file of the folder with its error and warning counts."""
    api = api_of(request)
    rows = await run_in_threadpool(api.summaries)
    files = cluster_files(api.folder)
    clusters = [{**row, "file": files[row["stem"]].name if row["stem"] in files else ""}
                for row in rows]
    return page(request, "index.html", clusters=clusters)


def loads(path: Path, data: bytes) -> bool:
    """Whether the file reads as YAML at all (if not, the page offers its text to fix)."""
    return bool(check_bytes(path, data).values)


async def cluster_page(request: Request) -> Response:
    """One cluster: its form, problems, preview and downloads (its text, if it does not load)."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    data = await run_in_threadpool(source_bytes, api.folder, path)
    if not await run_in_threadpool(loads, path, data):
        return await textedit.text_page(request)
    context = await run_in_threadpool(editor.cluster_context, path, data)
    return page(request, "cluster.html", **context)


async def new_item(request: Request) -> Response:
    """An empty item for a list of the form (`?list=member_schools`), to add at its end."""
    find(api_of(request).folder, request.path_params["stem"])  # 404 for no such cluster
    list_path = tuple(request.query_params.get("list", "").split("/"))
    try:
        item = blank_item(list_path, reference_data(), {})
    except ValueError:
        return HTMLResponse("no such list in the form", 404)
    html = environment().get_template("_new_item.html").render(
        item=item, listing={"name": "/".join(list_path)}, stem=request.path_params["stem"],
        depth=len(list_path))
    return HTMLResponse(html)


routes: list[BaseRoute] = [
    Route("/", index, methods=["GET"]),
    Route("/clusters/{stem}", for_people(cluster_page), methods=["GET"]),
    Route("/clusters/{stem}/item", for_people(new_item, fragment=True), methods=["GET"]),
    *editor.routes, *downloads.routes, *taskpages.routes, *textedit.routes,
    Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
]
"""What `create_app` mounts beside the API."""
