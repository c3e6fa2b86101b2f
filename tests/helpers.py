"""Helpers the tests share: run the CLI as a user would, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 240) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "newsmon", *args], input=input,
                          capture_output=True, text=True, timeout=timeout, env=full_env,
                          cwd=ROOT)


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
