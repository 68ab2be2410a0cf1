"""The pages' templates (`serve/html/*.html`, autoescaped) and the answers made from them.

Everything a page shows from a cluster file is escaped by Jinja; nothing a user
wrote becomes markup, and no page carries an inline script or style (the
Content-Security-Policy forbids both): behaviour is `static/form.js`'s, looks are
`static/site.css`'s.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from docgen import __version__
from docgen.errors import Problem
from docgen.serve.api import Api

Endpoint = Callable[[Request], Awaitable[Response]]
HTML = Path(__file__).resolve().parent / "html"
STATIC = Path(__file__).resolve().parent / "static"


def article(noun: str) -> str:
    """'a school', 'an action', 'an LLEN'."""
    return f"{'an' if noun[:1].lower() in 'aeio' or noun.startswith('LLEN') else 'a'} {noun}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 error', '2 errors', '0 problems'."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def kilobytes(size: int) -> str:
    """A size in KB, at least 1 ('12 KB')."""
    return f"{max(1, round(size / 1024)):,} KB"


@cache
def environment() -> Environment:
    """One Jinja environment for every page: autoescaped, strict about unknown names."""
    env = Environment(loader=FileSystemLoader(HTML), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(article=article, plural=plural, kilobytes=kilobytes)
    return env


def api_of(request: Request) -> Api:
    """The app's API (its folder, templates and runner), as `create_app` stored it."""
    api: Api = request.app.state.api
    return api


def page(request: Request, template: str, status: int = 200,
         headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    """A template rendered as an HTML answer, with what every page shows."""
    api = api_of(request)
    html = environment().get_template(template).render(
        version=__version__, folder=api.folder, **context)
    return HTMLResponse(html, status, headers=headers)


class FormPairs(list[tuple[str, str]]):
    """A submitted form's (name, value) pairs, in page order."""

    def get(self, name: str, default: str = "") -> str:
        """The last value given for `name`."""
        found = [value for key, value in self if key == name]
        return found[-1] if found else default

    def getlist(self, name: str) -> list[str]:
        """Every value given for `name`, in page order."""
        return [value for key, value in self if key == name]


async def form_pairs(request: Request, max_fields: int) -> FormPairs:
    """A form the page sent (`application/x-www-form-urlencoded`, as htmx and browsers
    send one), read without a multipart parser; at most `max_fields` fields.

    The body is already capped in size by the gate (`security.py`)."""
    from urllib.parse import parse_qsl

    body = (await request.body()).decode("utf-8", "replace")
    try:
        pairs = parse_qsl(body, keep_blank_values=True, max_num_fields=max_fields)
    except ValueError:  # more fields than allowed
        pairs = []
    return FormPairs(pairs)


def refusal(request: Request, exc: Exception, fragment: bool) -> Response:
    """No such cluster file (404), or one that cannot be read at all (422), in words."""
    from docgen.serve.folder import Gone

    problems: list[Problem] = []
    if isinstance(exc, Gone):
        title, status = "No such cluster file", 404
        text = (f"There is no cluster file '{exc}' in the folder now (it may have been "
                "renamed, or removed by git).")
    else:
        title, status = "This file cannot be opened", 422
        problems = list(getattr(exc, "problems", []))
        text = "docgen cannot read this file:"
    if not fragment:
        return page(request, "refusal.html", status, title=title, text=text, problems=problems)
    html = environment().get_template("_message.html").render(kind="error", text=(
        " ".join([text, *(f"Line {p.line}: {p.message}" for p in problems)])))
    return HTMLResponse(html, headers={"HX-Retarget": "#save-status", "HX-Reswap": "innerHTML"})


def for_people(endpoint: Endpoint, *, fragment: bool = False) -> Endpoint:
    """A page's handler whose refusals are said in words with a way back (a whole page, or
    for htmx a message in the page's status line), never the API's JSON."""
    from docgen.errors import InputError
    from docgen.serve.folder import Gone

    @functools.wraps(endpoint)
    async def handler(request: Request) -> Response:
        try:
            return await endpoint(request)
        except (Gone, InputError) as exc:
            return refusal(request, exc, fragment)

    return handler
