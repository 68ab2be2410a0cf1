"""`docgen serve`: a local web app over a folder of cluster files, on docgen's own library.

`app` puts it together (`create_app`); `security` is the gate every request passes
(token, Host, Origin, body size, security headers); `folder` is the only way from a
URL to a file (a listing of the folder, never a path from the URL); `work` does the
checking, rendering, previews, PDFs and packs the handlers in `api` run in threads (or,
for templates from elsewhere, in a child process). Imports `report/` and below.
"""
