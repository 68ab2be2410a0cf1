"""The HTTP API of `docgen serve`, row by row as product.md's table gives it.

Answers are JSON unless the row says otherwise. A refusal is `{"error": "…"}`, plus
`"problems"` (the objects `docgen check --format json` prints) when the cluster file's
content is the reason:
- 404: no such cluster file (only the folder's listing is consulted: `folder.py`);
- 422: the text has errors (PUT, PATCH: nothing written), a patch cannot be applied
  (or the saved file is too broken to edit in place), or the saved file cannot be built
  (document and pack downloads);
- 428 / 412: a save without `If-Match`, or with a tag that is no longer the file's
  (the 412 carries the file's current `ETag`);
- 400 / 415: a PATCH body that is not JSON, or not `application/json-patch+json`;
- 503: LibreOffice is not installed (PDFs).
A save answers 200 with `{"etag", "problems"}` (warnings only) and the new `ETag`; a
PATCH adds `"normalised"` and `"notes"`: what the editor had to rewrite beyond the edit
(`cluster/edit`). Saves are made one at a time, so two tabs cannot both pass the
`If-Match` check; a save of the same bytes leaves the file (and its time) alone.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from docgen.build.pack import PACK_SUFFIX
from docgen.build.write import write_atomic
from docgen.cluster.edit import PatchError, SourceError, apply_patch
from docgen.cluster.kinds import value_kinds
from docgen.documents.catalogue import DOCUMENT_NAMES
from docgen.errors import InputError, Problem, UsageError
from docgen.refdata import reference_data
from docgen.serve.folder import Gone, cluster_files, etag, find, matches, source_bytes
from docgen.serve.runner import Runner
from docgen.serve.work import (
    PdfFailed,
    Rendered,
    check_bytes,
    counts,
    pack_bytes,
    pdfs,
    problem_objects,
    render_saved,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
YAML = "application/yaml"
FORMATS = ("docx", "pdf", "html")
PATCH_TYPE = "application/json-patch+json"
Change = Callable[[bytes], tuple[bytes, dict[str, Any]]]
"""The saved file's bytes → the new bytes, and what to add to the answer."""
Listed = tuple[tuple[int, int, int], dict[str, Any]]


class ApiError(Exception):
    """An answer other than success: status, message, and the problems behind it."""

    def __init__(self, status: int, message: str, problems: list[Problem] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers
        self.problems = problems

    def response(self) -> JSONResponse:
        """The refusal as JSON: `{"error": ...}`, with `"problems"` when there are some."""
        body: dict[str, Any] = {"error": self.message}
        if self.problems is not None:
            body["problems"] = problem_objects(self.problems)
        return JSONResponse(body, self.status, headers=self.headers)


def attachment(filename: str) -> dict[str, str]:
    """Content-Disposition for a download (RFC 6266; a stem may hold any letter)."""
    plain = "".join(c if c.isascii() and c.isprintable() else "_" for c in filename)
    return {"Content-Disposition": f"attachment; filename=\"{plain}\"; "
                                   f"filename*=UTF-8''{quote(filename, safe='')}"}


def json_patch(content_type: str, body: bytes) -> list[Any]:
    """The operations of a PATCH body: 415 for another media type, 400 for bad JSON."""
    if content_type.partition(";")[0].strip().lower() != PATCH_TYPE:
        raise ApiError(415, f"a PATCH is a JSON Patch: send Content-Type: {PATCH_TYPE}")

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a JSON number")

    try:
        operations = json.loads(body, parse_constant=refuse)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, f"the patch is not JSON ({exc})") from None
    if not isinstance(operations, list):
        raise ApiError(422, "the patch cannot be applied: a JSON Patch is a list of operations")
    return operations


def refuse_unbuilt(rendered: Rendered) -> None:
    """422 when the saved file has errors, or a template would not render."""
    if rendered.error is not None:
        raise ApiError(422, rendered.error, list(rendered.problems))
    if any(p.is_error for p in rendered.problems):
        raise ApiError(422, "the saved file has errors, so its documents cannot be made; "
                       "fix them and save", list(rendered.problems))


class Api:
    """The API over one folder of cluster files (and, optionally, a templates folder)."""

    def __init__(self, folder: Path, templates_dir: Path | None) -> None:
        self.folder, self.templates_dir = folder, templates_dir
        self.runner = Runner(templates_dir)
        self.saving = asyncio.Lock()
        self.kinds = value_kinds(reference_data())
        self.listed: dict[str, Listed] = {}

    def routes(self) -> list[Route]:
        """The API's routes, as product.md's table lists them."""
        base = "/api/clusters"
        return [
            Route(base, self.clusters, methods=["GET"]),
            Route(f"{base}/{{stem}}/source", self.source, methods=["GET", "PUT", "PATCH"]),
            Route(f"{base}/{{stem}}/check", self.check, methods=["POST"]),
            Route(f"{base}/{{stem}}/documents/{{document}}.{{kind}}", self.document,
                  methods=["GET"]),
            Route(f"{base}/{{stem}}/pack.zip", self.pack, methods=["GET"]),
        ]

    def cluster_path(self, request: Request) -> Path:
        """The cluster file the request's `stem` names, or `Gone`."""
        return find(self.folder, request.path_params["stem"])

    async def clusters(self, request: Request) -> Response:
        """GET: each cluster file's stem, name, errors and warnings."""
        return JSONResponse(await run_in_threadpool(self.summaries))

    def summaries(self) -> list[dict[str, Any]]:
        """Each cluster's stem, name, errors and warnings; checked again only if it changed."""
        rows, fresh = [], {}
        for stem, path in sorted(cluster_files(self.folder).items()):
            try:
                found = path.stat()
                key = (found.st_ino, found.st_mtime_ns, found.st_size)
                cached = self.listed.get(stem)
                row = cached[1] if cached and cached[0] == key else self.summary(path)
            except (OSError, Gone):
                continue  # gone since the listing
            fresh[stem] = (key, row)
            rows.append({"stem": stem, **row})
        self.listed = fresh
        return rows

    def summary(self, path: Path) -> dict[str, Any]:
        """One file's name and counts of errors and warnings (checked afresh)."""
        try:
            data = source_bytes(self.folder, path)
        except InputError as exc:
            return {"name": None, "errors": len(exc.problems), "warnings": 0}
        return counts(check_bytes(path, data))

    async def source(self, request: Request) -> Response:
        """GET the file's bytes with their ETag; PUT or PATCH saves them (`save`)."""
        path = self.cluster_path(request)
        if request.method != "GET":
            return await self.save(request, path)
        data = await run_in_threadpool(source_bytes, self.folder, path)
        return Response(data, media_type=YAML, headers={"ETag": etag(data)})

    async def check(self, request: Request) -> Response:
        """POST: the problems of the text sent, as `docgen check` finds them; nothing is saved."""
        path = self.cluster_path(request)
        checked = await run_in_threadpool(check_bytes, path, await request.body())
        return JSONResponse(problem_objects(checked.problems))

    async def save(self, request: Request, path: Path) -> Response:
        """PUT (the body replaces the file) or PATCH (a JSON Patch edits its text): saved
        if the tag is current and the new text has no error."""
        if_match = request.headers.get("if-match")
        if not if_match:
            raise ApiError(428, "If-Match is required: send the ETag the file came with, so a "
                           "save never overwrites a change you have not seen")
        body = await request.body()
        change: Change = lambda _: (body, {})  # noqa: E731
        if request.method == "PATCH":
            change = self.patch(path, json_patch(request.headers.get("content-type", ""), body))
        async with self.saving:
            return await run_in_threadpool(self.save_change, path, if_match, change)

    def replace(self, path: Path, if_match: str, new: bytes) -> Response:
        """Save `new` as the file's bytes (PUT), if `if_match` names the saved file."""
        return self.save_change(path, if_match, lambda _: (new, {}))

    def patch(self, path: Path, operations: list[Any]) -> Change:
        """The edit a JSON Patch makes to the saved text, in place (`cluster/edit`), and
        whether it had to normalise more than it was asked to (said in `notes`)."""

        def change(current: bytes) -> tuple[bytes, dict[str, Any]]:
            try:
                result = apply_patch(current.decode("utf-8"), operations, self.kinds)
            except (UnicodeDecodeError, SourceError) as exc:
                raise ApiError(422, f"the saved file cannot be edited as it is ({exc}); fix "
                               "its problems first", check_bytes(path, current).problems) \
                    from None
            except PatchError as exc:
                raise ApiError(422, f"the patch cannot be applied: {exc}") from None
            return result.text.encode("utf-8"), {"normalised": result.normalised,
                                                  "notes": list(result.notes)}

        return change

    def save_change(self, path: Path, if_match: str, change: Change) -> Response:
        """Save `change`'s result if `if_match` is the file's tag and the result has no error."""
        current = source_bytes(self.folder, path)
        if not matches(if_match, etag(current)):
            raise ApiError(412, "the file has changed since it was loaded (saved from another "
                           "tab, or by git); reload it. Nothing was saved",
                           headers={"ETag": etag(current)})
        new, said = change(current)
        checked = check_bytes(path, new)
        errors = sum(p.is_error for p in checked.problems)
        if errors:
            raise ApiError(422, f"the text has {errors} error(s); nothing was saved",
                           checked.problems)
        if new != current:
            write_atomic(path, new, within=self.folder)
        tag = etag(new)
        return JSONResponse({"etag": tag, "problems": problem_objects(checked.problems),
                             **said}, headers={"ETag": tag})

    async def document(self, request: Request) -> Response:
        """GET one document of the saved file: .docx, .pdf, or .html (a preview)."""
        path = self.cluster_path(request)
        name, kind = request.path_params["document"], request.path_params["kind"]
        if name not in DOCUMENT_NAMES or kind not in FORMATS:
            raise ApiError(404, f"no document '{name}.{kind}': the documents are "
                           f"{', '.join(DOCUMENT_NAMES)}, each as .docx, .pdf or .html")
        rendered = await self.runner.run(render_saved, self.folder, path, (name,),
                                         self.templates_dir)
        refuse_unbuilt(rendered)
        data = rendered.files[name]
        if kind == "html":
            from docgen.documents.preview import docx_html

            return HTMLResponse(await run_in_threadpool(docx_html, data))
        if kind == "pdf":
            data = (await self.pdf_files({name: data}))[f"{name}.pdf"]
        return Response(data, media_type=DOCX if kind == "docx" else "application/pdf",
                        headers=attachment(f"{path.stem}-{name}.{kind}"))

    async def pack(self, request: Request) -> Response:
        """GET the saved file's pack (with PDFs when `?pdf=1`)."""
        path = self.cluster_path(request)
        rendered = await self.runner.run(render_saved, self.folder, path, DOCUMENT_NAMES,
                                         self.templates_dir)
        refuse_unbuilt(rendered)
        with_pdf = request.query_params.get("pdf", "") in ("1", "true", "yes")
        pdf_files = await self.pdf_files(rendered.files) if with_pdf else {}
        data = await run_in_threadpool(pack_bytes, path, rendered, pdf_files,
                                       self.templates_dir)
        return Response(data, media_type="application/zip",
                        headers=attachment(f"{path.stem}{PACK_SUFFIX}"))

    async def pdf_files(self, files: dict[str, bytes]) -> dict[str, bytes]:
        """The documents as PDFs: 503 without LibreOffice, 500 when it makes none."""
        try:
            return await run_in_threadpool(pdfs, files)
        except UsageError as exc:
            raise ApiError(503, str(exc)) from None
        except PdfFailed as exc:
            raise ApiError(500, f"LibreOffice made no PDF: {exc}") from None
