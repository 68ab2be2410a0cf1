"""The gate every request to `docgen serve` passes, before any page or API sees it.

The server runs on the coordinator's machine with their files, so a web page they
happen to visit must not reach it:
- `Host` must be the bound address or `localhost`, with the port (400 otherwise): a
  site that rebinds its DNS name to 127.0.0.1 sends its own name;
- the token of this start: `GET /?token=…` sets it as an HttpOnly, SameSite=Strict
  cookie (named for the port: cookies do not tell ports apart) and redirects to `/`,
  so it leaves the address bar and history; an API client may send
  `Authorization: Bearer …` instead. Without either: 403. Compared in constant time;
- a state-changing request (POST, PUT, PATCH, DELETE) from another origin: 403, by its
  `Origin`, or without one by `Sec-Fetch-Site` (anything but same-origin or a user's
  own navigation). Stricter than "another site": another port on localhost is
  another origin, and another program;
- a body larger than `max_body`: 413, counted as it arrives (a `Content-Length` can lie);
- every answer carries a strict Content-Security-Policy (no inline script or style),
  `nosniff`, `no-referrer`, `DENY` framing and `no-store`.
An unexpected exception below is a bug: one line on standard error, a 500 answer, and
the server keeps running.
"""

from __future__ import annotations

import hmac
import json
import sys
from collections.abc import Iterable

from starlette.datastructures import URL, Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docgen.errors import bug_message

MAX_BODY_BYTES = 2_000_000
"""A cluster file is at most 1 MB (`cluster/load.py`); a request body twice that."""
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
OWN_FETCH_SITES = {"same-origin", "none"}
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}
"""Added to every answer that does not set its own (a static file may set Cache-Control)."""
SIGN_IN = "open the address `docgen serve` printed (it ends in ?token=...)"


class BodyTooLarge(Exception):
    """The request body passed the cap while it was being read."""


def url_host(host: str) -> str:
    """`host` as written in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def allowed_hosts(host: str, port: int) -> set[str]:
    """The `Host` values a request may carry: the bound address or localhost, with the port."""
    names = {url_host(host).lower(), "localhost"}
    return {f"{name}:{port}" for name in names} | (names if port == 80 else set())


def cookie_name(port: int) -> str:
    """The token cookie's name, with the port (cookies do not tell ports apart)."""
    return f"docgen_token_{port}"


def signing_in(request: Request) -> bool:
    """`GET /?token=…`: the address `docgen serve` printed."""
    return request.method == "GET" and request.url.path == "/" and "token" in request.query_params


def same(given: str, token: bytes) -> bool:
    """Constant-time comparison of a presented token with ours."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token)


class Guard:
    """ASGI middleware enforcing the rules above; see the module."""

    def __init__(self, app: ASGIApp, *, token: str, hosts: Iterable[str], port: int,
                 max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.token, self.max_body = app, token.encode("utf-8"), max_body
        self.hosts = {host.lower() for host in hosts}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI: refuse, sign in, or pass the request on (its body capped, headers secured)."""
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":  # lifespan
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = secured(list(message.get("headers", [])))
            await send(message)

        request = Request(scope)
        status, reason = self.refusal(request)
        if status:
            await refuse(scope, receive, send_secured, status, reason)
            return
        if signing_in(request):
            await self.sign_in(scope, receive, send_secured)
            return
        try:
            await self.app(scope, self.capped(receive), send_secured)
        except BodyTooLarge:
            if not started:
                await refuse(scope, receive, send_secured, 413,
                             f"the request body is larger than {self.max_body:,} bytes")
        except Exception as exc:  # a bug: one line, not a traceback, and keep serving
            print(f"docgen serve: {bug_message(exc)}", file=sys.stderr, flush=True)
            if not started:
                await refuse(scope, receive, send_secured, 500, bug_message(exc))

    def refusal(self, request: Request) -> tuple[int, str]:
        """(status, reason) for a request that may not pass; (0, '') for one that may."""
        headers = request.headers
        if headers.get("host", "").lower() not in self.hosts:
            return 400, ("this server answers only to the address it printed (the Host "
                         "header names another)")
        if signing_in(request):
            if not same(request.query_params["token"], self.token):
                return 403, f"that token is not this server's; {SIGN_IN}"
        elif not self.signed_in(request):
            return 403, f"not signed in: {SIGN_IN}, or send Authorization: Bearer TOKEN"
        if request.method in STATE_CHANGING and self.cross_origin(headers):
            return 403, "a change must come from this server's own pages"
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return 413, f"the request body is larger than {self.max_body:,} bytes"
        return 0, ""

    def signed_in(self, request: Request) -> bool:
        """Whether the request carries the token, as a Bearer header or the cookie."""
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and same(credentials.strip(), self.token):
            return True
        return same(request.cookies.get(self.cookie, ""), self.token)

    def cross_origin(self, headers: Headers) -> bool:
        """Whether the request comes from another origin: by `Origin`, else `Sec-Fetch-Site`."""
        origin = headers.get("origin")
        if origin is not None:
            return origin.lower() not in self.origins
        site = headers.get("sec-fetch-site")
        return site is not None and site.lower() not in OWN_FETCH_SITES

    async def sign_in(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Token from the address → cookie, then to `/` so the token leaves the address bar."""
        cookie = f"{self.cookie}={self.token.decode()}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode()),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    def capped(self, receive: Receive) -> Receive:
        """`receive`, raising BodyTooLarge once the body passes the cap."""
        total = 0

        async def counted() -> Message:
            nonlocal total
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > self.max_body:
                    raise BodyTooLarge
            return message

        return counted


def secured(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The answer's headers plus every security header it does not set itself."""
    present = {name.lower() for name, _ in headers}
    return headers + [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
                      if name.encode() not in present]


async def refuse(scope: Scope, receive: Receive, send: Send, status: int, reason: str) -> None:
    """A refusal: JSON `{"error": reason}` for the API, plain text for a person."""
    if URL(scope=scope).path.startswith("/api/"):
        body, kind = json.dumps({"error": reason}).encode(), b"application/json"
    else:
        body, kind = f"docgen serve: {reason}\n".encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
