"""A cluster file as text, for a file too broken to fill the form (a tab, a stray quote).

The form needs the file's values; when the YAML itself does not read, the page shows
the text with each problem's line and the check's words, checks the text as the user
types, and saves it through the same PUT as the API (If-Match, nothing written while
there are errors). Once it reads, the form takes over.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from docgen.errors import Problem
from docgen.serve.api import ApiError
from docgen.serve.folder import etag, find, source_bytes
from docgen.serve.versions import VERSIONS
from docgen.serve.views import api_of, environment, for_people, form_pairs, page
from docgen.serve.work import check_bytes

MAX_TEXT_FIELDS = 10


def text_problems(problems: list[Problem], *, alert: bool = False, lead: str = "") -> str:
    """The problems by line, as `docgen check` words them."""
    return environment().get_template("_text_problems.html").render(
        problems=sorted(problems, key=lambda p: (p.line, p.column)), alert=alert, lead=lead)


async def text_page(request: Request) -> Response:
    """The file's text with its problems, line by line."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    data = await run_in_threadpool(source_bytes, api.folder, path)
    VERSIONS.remember(data)
    checked = await run_in_threadpool(check_bytes, path, data)
    loads = bool(checked.values)
    return page(request, "text.html", stem=path.stem, file=path.name, etag=etag(data),
                text=data.decode("utf-8", "replace"), loads=loads,
                problems_html=text_problems(list(checked.problems)))


async def submitted_text(request: Request) -> tuple[str, bytes]:
    """The page's tag (`~etag`) and its text with LF line ends, as UTF-8."""
    form = await form_pairs(request, MAX_TEXT_FIELDS)
    text = form.get("text").replace("\r\n", "\n").replace("\r", "\n")
    return form.get("~etag"), text.encode("utf-8")


async def text_check(request: Request) -> Response:
    """The problems of the text the page sent, by line; nothing is saved."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    _, data = await submitted_text(request)
    checked = await run_in_threadpool(check_bytes, path, data)
    return HTMLResponse(text_problems(list(checked.problems)))


async def text_save(request: Request) -> Response:
    """Save the text if it has no error and the file is the version the page showed."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    tag, data = await submitted_text(request)
    try:
        async with api.saving:
            await run_in_threadpool(api.replace, path, tag, data)
    except ApiError as exc:
        if exc.status == 422:
            checked = await run_in_threadpool(check_bytes, path, data)
            return HTMLResponse(text_problems(list(checked.problems), alert=True,
                                              lead="Nothing was saved: fix the errors first."))
        if exc.status == 412:
            return HTMLResponse(environment().get_template("_message.html").render(
                kind="error", text="Not saved: the file has been changed elsewhere since this "
                "page loaded. Copy your text somewhere safe, then reload the page."))
        raise
    VERSIONS.remember(data)
    return HTMLResponse("", headers={"HX-Redirect": f"/clusters/{quote(path.stem)}"})


routes: list[BaseRoute] = [
    Route("/clusters/{stem}/text", for_people(text_page), methods=["GET"]),
    Route("/clusters/{stem}/text/check", for_people(text_check, fragment=True),
          methods=["POST"]),
    Route("/clusters/{stem}/text/save", for_people(text_save, fragment=True),
          methods=["POST"]),
]
