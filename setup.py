"""Installs the three top-level folders under one import root.

`crawler/`, `nlp/` and `index/` stay beside `newsmon/` in the repository (the
packages of DESIGN.md), but install as `newsmon.crawler`, `newsmon.nlp` and
`newsmon.index`, so installing newsmon never shadows another distribution's
`nlp` or `index`. Everything else is in pyproject.toml; only this mapping,
which must list every subpackage, needs code.
"""

from setuptools import find_packages, setup

ROOTS = {"newsmon": "newsmon", "newsmon.crawler": "crawler", "newsmon.nlp": "nlp",
         "newsmon.index": "index"}


def packages() -> list[str]:
    found = []
    for name, folder in ROOTS.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_packages(folder)]
    return found


setup(package_dir=ROOTS, packages=packages())
