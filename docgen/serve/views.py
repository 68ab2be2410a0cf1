"""The pages' templates (`serve/html/*.html`, autoescaped) and the answers made from them.

Everything a page shows from a cluster file is escaped by Jinja; nothing a user
wrote becomes markup, and no page carries an inline script or style (the
Content-Security-Policy forbids both): behaviour is `static/form.js`'s, looks are
`static/site.css`'s.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from docgen import __version__
from docgen.serve.api import Api

HTML = Path(__file__).resolve().parent / "html"
STATIC = Path(__file__).resolve().parent / "static"


def article(noun: str) -> str:
    """'a school', 'an action', 'an LLEN'."""
    return f"{'an' if noun[:1].lower() in 'aeio' or noun.startswith('LLEN') else 'a'} {noun}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 error', '2 errors', '0 problems'."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def kilobytes(size: int) -> str:
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
