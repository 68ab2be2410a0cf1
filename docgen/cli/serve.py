"""`docgen serve [FOLDER]`: the cluster files of FOLDER, edited and previewed in a browser."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from docgen.cli._common import DEFAULT_CLUSTERS, handle_errors
from docgen.errors import UsageError


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host:port` (0: a free port), so the port printed is the real one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP spelt out: asyncio sets TCP_NODELAY only on sockets that say it, and
    # without it each answer waits ~40 ms for the client's delayed ACK.
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}"
                         + ("; choose another with --port, or --port 0 for a free one"
                            if port else "")) from None
    return listener


@click.command("serve")
@click.argument("folder", required=False, default=DEFAULT_CLUSTERS,
                type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless you know why not.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@click.option("--templates", "templates_dir", help="Folder of templates overriding the "
              "packaged ones.", type=click.Path(path_type=Path, file_okay=False, exists=True))
@handle_errors
def command(folder: Path, port: int, host: str, no_browser: bool,
            templates_dir: Path | None) -> int:
    """Edit and preview the cluster files of FOLDER (default clusters/) in a browser.

    The first line printed is the address to open, with this start's token. Ctrl-C stops.
    """
    import secrets
    import webbrowser

    import uvicorn

    from docgen.serve.app import create_app
    from docgen.serve.security import url_host

    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    listener = listen(host, port)
    port = listener.getsockname()[1]
    token = secrets.token_urlsafe(32)
    app = create_app(folder, token, host=host, port=port, templates_dir=templates_dir)
    address = f"http://{url_host(host)}:{port}/?token={token}"
    click.echo(f"docgen serve: {address}")
    click.echo(f"serving the cluster files in {folder}; Ctrl-C stops", err=True)
    if not no_browser:
        webbrowser.open(address)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                            lifespan="on", timeout_graceful_shutdown=3)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:  # uvicorn stops cleanly, then raises the Ctrl-C again
        pass
    finally:
        listener.close()
    return 0
