"""One owner for each packaged template: the script in tools/ that generates it.

Regenerating every template must give exactly the committed bytes, so a script changed
without regenerating, or a `templates/*.docx` edited by hand, fails here (and in CI).
"""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_committed_templates_are_what_the_scripts_generate(tmp_path):
    subprocess.run([sys.executable, str(REPO / "tools" / "build_templates.py"),
                    "--out", str(tmp_path)], check=True, capture_output=True, timeout=120)
    committed = sorted(p.name for p in (REPO / "templates").glob("*.docx"))
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == committed
    stale = [name for name in committed
             if (tmp_path / name).read_bytes() != (REPO / "templates" / name).read_bytes()]
    assert stale == [], ("templates/ differs from what tools/ generates; run "
                         f"`python tools/build_templates.py` and commit both: {stale}")
