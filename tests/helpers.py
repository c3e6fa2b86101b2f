"""Helpers the tests share: run the CLI as a user would, in a process of its own
(forked from the session's fork server, `tests/cli_process.py`)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from tests import cli_process

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """`newsmon ARGS` in a process of its own, forked from the session's fork server
    (`tests/cli_process.py`), which spares each run the imports; the result is
    `subprocess.run`'s."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return cli_process.run(list(args), input=input, env=full_env, cwd=ROOT, timeout=timeout)


def cli_json(*args: str, expect_code: int = 0, **kwargs: Any) -> Any:
    result = run_cli(*args, "--json", **kwargs)
    assert result.returncode == expect_code, result.stderr
    return json.loads(result.stdout)


def write_sources(path: Path, site: Any) -> Path:
    """A sources file pointing each site's spider at the running sample site."""
    from newsmon.sample_site.server import SITES

    lines = []
    for name in SITES:
        urls = ", ".join(f'"{u}"' for u in site.start_urls(name))
        lines += [f"[{name}]", f'spider = "{name}"', f"start_urls = [{urls}]", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def copy_sqlite(src_url: str, dst: Path) -> str:
    """A consistent copy of a SQLite store (the backup API), far cheaper than
    building it again; returns the copy's store URL."""
    source = sqlite3.connect(src_url.removeprefix("sqlite:///"))
    target = sqlite3.connect(dst)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{dst}"
