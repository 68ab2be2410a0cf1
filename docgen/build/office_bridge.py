"""The bridge to one headless LibreOffice: run by the system Python that has `uno`.

Debian's `python3-uno` works only with Debian's `/usr/bin/python3`, not with the
interpreter docgen runs in, so `office.py` starts this file under that Python as its
own process group: `python3 office_bridge.py SOFFICE PROFILE_URL PIPE STARTUP_SECONDS`.
It starts `soffice` (in the same group, so one kill of the group ends both), connects
to it over a named pipe (`--accept=pipe,…;urp;`), says `{"ready": …}` on standard
output, then answers one JSON line per JSON line read: `{"docx": PATH, "pdf": PATH}`
gives `{"ok": true, "seconds": …}` (LibreOffice's own time) or `{"error": …, "dead":
…}`. Documents are loaded hidden, read-only, with macros never run and links never
updated.

It ends, taking soffice with it, when its input closes (docgen is done, or died), when
its parent changes (docgen was killed), or when soffice dies (docgen starts another).
docgen enforces the time limits; this file imports nothing from docgen.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

POLL_SECONDS = 0.2
CONNECT = "uno:pipe,name={};urp;StarOffice.ComponentContext"
NO_UPDATE = 0
"""com.sun.star.document.UpdateDocMode.NO_UPDATE, and MacroExecMode.NEVER_EXECUTE."""


def reply(message: dict[str, Any]) -> None:
    """Say `message` to docgen: one JSON line on standard output."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def end_group() -> None:
    """Kill this process group (soffice and this bridge) at once."""
    os.killpg(os.getpgid(0), signal.SIGKILL)


def watch_parent(parent: int) -> None:
    """When docgen is gone (even killed), nothing of ours may stay running."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    end_group()


def start_office(program: str, profile: str, pipe: str) -> subprocess.Popen[bytes]:
    """`soffice`, headless, with its own profile, listening on the named pipe `pipe`."""
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--invisible",
               "--nocrashreport", "--nodefault", "--nologo", "--nofirststartwizard",
               "--norestore", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def connect(office: subprocess.Popen[bytes], pipe: str, seconds: float) -> Any:
    """The office's Desktop, once it accepts connections; None if it died or never did."""
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and office.poll() is None:
        try:
            context = resolver.resolve(CONNECT.format(pipe))
        except Exception:  # NoConnectException until it listens
            time.sleep(0.05)
            continue
        return context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
    return None


def properties(**values: Any) -> tuple[Any, ...]:
    """UNO PropertyValues, one per keyword argument."""
    import uno

    found = []
    for name, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name, prop.Value = name, value
        found.append(prop)
    return tuple(found)


def convert(desktop: Any, docx: str, pdf: str) -> None:
    """Load `docx` hidden and read-only, store it as `pdf` with Writer's PDF export."""
    import uno

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(docx), "_blank", 0,
        properties(Hidden=True, ReadOnly=True, UpdateDocMode=NO_UPDATE,
                   MacroExecutionMode=NO_UPDATE))
    if document is None:
        raise ValueError("LibreOffice could not load the file")
    try:
        document.storeToURL(uno.systemPathToFileUrl(pdf),
                            properties(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def answering(desktop: Any, office: subprocess.Popen[bytes]) -> bool:
    """Whether the office still runs and still answers over its bridge (after a failure)."""
    try:
        desktop.getComponents()
    except Exception:  # DisposedException: the connection, or the office, is gone
        return False
    return office.poll() is None


def serve(desktop: Any, office: subprocess.Popen[bytes]) -> None:
    """Answer requests until standard input closes or the office dies."""
    for line in sys.stdin:
        started = time.monotonic()
        try:
            request = json.loads(line)
            convert(desktop, str(request["docx"]), str(request["pdf"]))
        except Exception as exc:  # the document failed, or the office died under it
            dead = not answering(desktop, office)
            reply({"error": f"{type(exc).__name__}: {exc}"[:500] or "failed", "dead": dead})
            if dead:
                return
            continue
        reply({"ok": True, "seconds": time.monotonic() - started})


def main(argv: list[str]) -> int:
    """Start soffice, say it is ready (or not), serve docgen until done, then kill the group."""
    program, profile, pipe, seconds = argv
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    office = start_office(program, profile, pipe)
    try:
        desktop = connect(office, pipe, float(seconds))
        if desktop is None:
            reply({"error": "LibreOffice did not start", "dead": True})
            return 1
        reply({"ready": True, "pid": office.pid})
        serve(desktop, office)
        try:
            desktop.terminate()
            office.wait(timeout=5)
        except Exception:  # it is killed below anyway
            pass
    finally:
        end_group()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
