"""The three top-level folders install under one import root (`newsmon.crawler`,
`newsmon.nlp`, `newsmon.index`), so that installing newsmon never shadows another
distribution's `nlp` or `index` package."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"crawler": "newsmon.crawler", "nlp": "newsmon.nlp", "index": "newsmon.index"}
BARE = set(FOLDERS)


def python_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True)
    names = out.stdout.split() if out.returncode == 0 else []
    return [ROOT / n for n in names if "/fixtures/" not in n] or [
        p for p in ROOT.rglob("*.py") if ".venv" not in p.parts and "fixtures" not in p.parts]


def bare_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names
                  if name.split(".")[0] in BARE]
    return found


def test_no_code_imports_the_bare_folder_names():
    offenders = [hit for path in python_files() for hit in bare_imports(path)]
    assert offenders == [], "import these as newsmon.crawler / newsmon.nlp / newsmon.index"


def module_names() -> list[str]:
    names = []
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if "fixtures" in parts:
                continue
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            names.append(".".join((package, *parts)))
    return names


def test_every_module_imports_under_the_root_from_outside_the_repository(tmp_path):
    """From another directory the repository is not on sys.path: only the install
    answers, so this is what a user of the installed package sees."""
    script = (
        "import importlib, importlib.util, json, sys\n"
        "names = json.loads(sys.argv[1])\n"
        "for n in names: importlib.import_module(n)\n"
        "print(json.dumps({b: importlib.util.find_spec(b) is not None for b in"
        " ('crawler', 'nlp', 'index')}))\n")
    names = module_names()
    result = subprocess.run([sys.executable, "-c", script, json.dumps(names)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(names) > 80
    assert json.loads(result.stdout.strip().splitlines()[-1]) == dict.fromkeys(BARE, False)


def test_scrapy_finds_the_spiders_from_the_repository_root():
    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {"baotintuc", "vietnamplus", "bnews", "news"} <= set(result.stdout.split())


def test_commands_that_only_read_the_store_do_not_load_the_reader(tmp_path):
    """spaCy and underthesea take most of a second to import: `newsmon.nlp` loads
    the reader when `analyze` is first used, so search or figures start without it."""
    probe = ("import sys, newsmon.cli, newsmon.index.store, newsmon.nlp\n"
             "print(sorted(m for m in ('spacy', 'underthesea') if m in sys.modules))\n"
             "newsmon.nlp.analyze('UBND tỉnh Nghệ An.')\n"
             "print(sorted(m for m in ('spacy', 'underthesea') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "['spacy', 'underthesea']"]
