"""Downloads that take a while (a PDF, a pack) and the change notice, for the pages.

A PDF or a pack is made first (`prepare`, while the page shows its progress
indicator), by the functions the API's own downloads use, so the bytes are the
API's; the answer is a link to the finished file, which `form.js` follows at once.
The last `KEEP` finished files are kept in memory (`PREPARED`), however old. The
membership change notice compares two versions the server has seen
(`versions.VERSIONS`), as `docgen diff OLD NEW --notice` compares two files.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from docgen.build.pack import PACK_SUFFIX
from docgen.documents.catalogue import DOCUMENT_NAMES, MEMBERSHIP_CHANGE_NOTICE
from docgen.errors import RenderError, UsageError
from docgen.serve.api import DOCX, ApiError, attachment
from docgen.serve.folder import find
from docgen.serve.versions import VERSIONS
from docgen.serve.views import api_of, environment, for_people, form_pairs
from docgen.serve.work import Rendered, check_bytes, pack_bytes, render_saved

KEEP = 8
"""Finished downloads kept for their link (the latest ones)."""


@dataclass(frozen=True)
class Prepared:
    """A finished download: the cluster file's stem, the file's name, its media type and bytes."""

    stem: str
    filename: str
    media_type: str
    data: bytes


class Shelf:
    """The latest finished downloads, by a random token."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep, self.items = keep, OrderedDict[str, Prepared]()
        self.lock = threading.Lock()

    def put(self, item: Prepared) -> str:
        """Keep `item` (dropping the oldest past `keep`); the token to fetch it by."""
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.items[token] = item
            while len(self.items) > self.keep:
                self.items.popitem(last=False)
        return token

    def get(self, token: str) -> Prepared | None:
        """The download kept under `token`, if it still is."""
        with self.lock:
            return self.items.get(token)


PREPARED = Shelf()


def message(text: str, kind: str = "error") -> HTMLResponse:
    """A message for the page, as an HTML fragment (an error unless `kind` says otherwise)."""
    return HTMLResponse(environment().get_template("_message.html").render(kind=kind, text=text))


def refusal(rendered: Rendered) -> str:
    """Why the saved file's documents cannot be made, in the page's words; '' if they can."""
    if rendered.error is not None:
        return f"The documents cannot be made: {rendered.error}"
    if not rendered.files:
        return ("The saved file has errors, so its documents cannot be made. Fix them in the "
                "form and save, then download.")
    return ""


async def prepare(request: Request) -> Response:
    """Make a PDF or the pack of the saved file; answer with a link to it."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    form = await form_pairs(request, 10)
    what, document = form.get("what"), form.get("document")
    if what == "pdf" and document not in DOCUMENT_NAMES or what not in ("pdf", "pack"):
        return message("There is no such download.")
    names = (document,) if what == "pdf" else DOCUMENT_NAMES
    rendered = await api.runner.run(render_saved, api.folder, path, names, api.templates_dir)
    if refusal(rendered):
        return message(refusal(rendered))
    try:
        if what == "pdf":
            data = (await api.pdf_files({document: rendered.files[document]}))[f"{document}.pdf"]
            item = Prepared(path.stem, f"{path.stem}-{document}.pdf", "application/pdf", data)
        else:
            with_pdf = form.get("pdf") == "1"
            pdf_files = await api.pdf_files(rendered.files) if with_pdf else {}
            data = pack_bytes(path, rendered, pdf_files, api.templates_dir)
            item = Prepared(path.stem, f"{path.stem}{PACK_SUFFIX}", "application/zip", data)
    except ApiError as exc:  # the API's own refusals: LibreOffice missing, or failing
        return message(f"{exc.message[:1].upper()}{exc.message[1:]}.")
    token = PREPARED.put(item)
    return HTMLResponse(environment().get_template("_ready.html").render(
        stem=path.stem, token=token, item=item))


async def download(request: Request) -> Response:
    """A file `prepare` made."""
    item = PREPARED.get(request.path_params["token"])
    if item is None or item.stem != request.path_params["stem"]:
        return HTMLResponse("That download has expired: make it again from the cluster's page.",
                            404)
    return Response(item.data, media_type=item.media_type, headers=attachment(item.filename))


def notice_bytes(path: Path, before: bytes, after: bytes,
                 templates_dir: Path | None) -> bytes | str:
    """The membership change notice from `before` to `after` (as `docgen diff --notice`),
    or why there is none."""
    from docgen.changes.membership import compare
    from docgen.changes.notice import affected_documents, render_notice
    from docgen.refdata import reference_data

    old, new = check_bytes(path, before).cluster, check_bytes(path, after).cluster
    if old is None or new is None:
        return "Both versions must be free of errors to make a change notice."
    reference = reference_data()
    diff = compare(old, new, reference)
    if diff.identical:
        return "Nothing changed between the two versions, so there is no notice to make."
    try:
        documents = affected_documents(old, new, diff, reference, templates_dir)
        return render_notice(old, new, diff, documents, reference, templates_dir)
    except RenderError as exc:
        return f"The notice cannot be made: {exc}"


async def notice(request: Request) -> Response:
    """GET `notice.docx?before=SHA&after=SHA`: the change notice between two versions."""
    api = api_of(request)
    path = find(api.folder, request.path_params["stem"])
    before = VERSIONS.get(request.query_params.get("before", ""))
    after = VERSIONS.get(request.query_params.get("after", ""))
    if before is None or after is None:
        return HTMLResponse("Those versions of the file are no longer known to this server "
                            "(it was restarted): use `docgen diff OLD NEW --notice FILE.docx`.",
                            404)
    try:
        made = await api.runner.run(notice_bytes, path, before, after, api.templates_dir)
    except UsageError as exc:
        return HTMLResponse(str(exc), 422)
    if isinstance(made, str):
        return HTMLResponse(made, 422)
    name = f"{path.stem}-{MEMBERSHIP_CHANGE_NOTICE.name}.docx"
    return Response(made, media_type=DOCX, headers=attachment(name))


routes: list[BaseRoute] = [
    Route("/clusters/{stem}/prepare", for_people(prepare, fragment=True), methods=["POST"]),
    Route("/clusters/{stem}/download/{token}", for_people(download), methods=["GET"]),
    Route("/clusters/{stem}/notice.docx", for_people(notice), methods=["GET"]),
]
