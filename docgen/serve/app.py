"""`docgen serve`'s web app: the API, the pages (when present), behind the gate.

`create_app` is all a server (uvicorn in `cli/serve.py`, or a test client) needs. The
folder is resolved once, so a link naming it is followed here and never below.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute

from docgen.errors import InputError
from docgen.serve.api import Api, ApiError
from docgen.serve.folder import Gone
from docgen.serve.pages import routes as page_routes
from docgen.serve.security import Guard, allowed_hosts


def create_app(folder: Path, token: str, *, host: str, port: int,
               templates_dir: Path | None = None) -> Starlette:
    """The app serving the cluster files of `folder` to holders of `token`.

    `host` and `port` are the address the server listens on: requests naming another
    `Host` are refused. `templates_dir` overrides the packaged templates, as
    `docgen build --templates` does. The pages (`pages.py`) reach the API's folder,
    runner and save lock as `app.state.api`.
    """
    api = Api(folder.resolve(), templates_dir.resolve() if templates_dir else None)
    routes: list[BaseRoute] = [*api.routes(), *page_routes]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        api.runner.close()

    guard = Middleware(Guard, token=token, hosts=allowed_hosts(host, port), port=port)
    app = Starlette(routes=routes, middleware=[guard], lifespan=lifespan,
                    exception_handlers={ApiError: api_error, Gone: gone, InputError: unreadable,
                                        HTTPException: http_error})
    app.state.api = api
    return app


async def api_error(request: Request, exc: Exception) -> Response:
    """An ApiError as its JSON answer."""
    assert isinstance(exc, ApiError)
    return exc.response()


async def gone(request: Request, exc: Exception) -> Response:
    """404 for a cluster file that is not (or no longer) in the folder."""
    return ApiError(404, f"no cluster file '{exc}' in the folder").response()


async def unreadable(request: Request, exc: Exception) -> Response:
    """422 for a cluster file that cannot be read, with its problems."""
    assert isinstance(exc, InputError)
    return ApiError(422, "the cluster file cannot be read", exc.problems).response()


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such route, wrong method): JSON for the API."""
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return ApiError(exc.status_code, exc.detail, headers=exc.headers).response()
    return PlainTextResponse(exc.detail, exc.status_code, headers=exc.headers)
