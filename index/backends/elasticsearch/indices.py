"""Indices, templates and aliases: `<name>` is an alias of a versioned index
`<name>-vN`, so `reindex` builds `<name>-vN+1` from the current template (the
shipped `template.json`) and swaps the alias in one atomic call."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from elastic_transport import TransportError
from elasticsearch import ApiError

from newsmon.index.store import StoreError


@cache
def template() -> dict:
    """The analysis settings and mappings of every index kind (the shipped JSON)."""
    text = resources.files(__package__).joinpath("template.json").read_text("utf-8")
    return json.loads(text)



class Indices:
    """Index management of the Elasticsearch store (a mixin: `es`, `aliases`, `_call`)."""

    aliases: dict[str, str]
    es: Any
    url: str

    def _template_body(self, kind: str) -> dict:
        spec = template()
        return {
            "index_patterns": [f"{self.aliases[kind]}-v*"],
            "priority": 200,
            "version": spec["version"],
            "template": {
                "settings": {"number_of_shards": 1, "analysis": spec["analysis"]},
                "mappings": spec["kinds"][kind]["mappings"],
            },
            "_meta": {"managed_by": "newsmon"},
        }

    def _ensure_indices(self) -> dict[str, int]:
        """Create what is missing and bring outdated templates and live mappings up to
        the shipped version; returns the former version of each index upgraded."""
        upgraded = {}
        for kind, alias in self.aliases.items():
            body = self._template_body(kind)
            exists = self._call("checking the index template",
                                self.es.indices.exists_index_template, name=alias)
            former = self._template_version(alias) if exists else body["version"]
            outdated = former < body["version"]
            if not exists or outdated:
                self._call("installing the index template", self.es.indices.put_index_template,
                           name=alias, **body)
            if self._call("checking the alias", self.es.indices.exists, index=alias):
                if outdated:  # a newer release adds fields: add them to the live index
                    self._call("adding new fields to the index", self.es.indices.put_mapping,
                               index=alias, **body["template"]["mappings"])
                    upgraded[kind] = former
                continue
            try:
                self.es.indices.create(index=f"{alias}-v1",
                                       aliases={alias: {"is_write_index": True}})
            except ApiError as exc:
                if "resource_already_exists" not in str(exc):  # another process won the race
                    raise self._error("creating the index", exc) from exc
            except TransportError as exc:
                raise self._error("creating the index", exc) from exc
        return upgraded

    def _template_version(self, alias: str) -> int:
        found = self._call("reading the index template", self.es.indices.get_index_template,
                           name=alias)
        templates = found.body.get("index_templates") or [{}]
        return int(templates[0].get("index_template", {}).get("version") or 0)

    def index_of(self, kind: str = "articles") -> str:
        """The concrete index the alias of `kind` points at now."""
        alias = self.aliases[kind]
        found = self._call("reading the alias", self.es.indices.get_alias, name=alias)
        return sorted(found.body)[-1]

    def reindex(self, kind: str = "articles") -> str:
        """Copy `kind` into a fresh `<alias>-vN+1` built from the current template, then
        point the alias at it in one atomic call and drop the old index. Searches answer
        from the old index until the swap. Writes made during the copy are not carried
        over: run it while the crawler and analysis are stopped. Returns the new index."""
        alias = self.aliases[kind]
        old = self.index_of(kind)
        version = int(old.rsplit("-v", 1)[1]) + 1
        new = f"{alias}-v{version}"
        self._call("installing the index template", self.es.indices.put_index_template,
                   name=alias, **self._template_body(kind))
        self._call("creating the new index", self.es.indices.create, index=new)
        result = self._call("copying documents", self.es.reindex,
                            source={"index": old}, dest={"index": new}, refresh=True,
                            wait_for_completion=True)
        if result.get("failures"):
            raise StoreError(f"Reindexing {old} into {new} at {self.url} failed: "
                             f"{result['failures'][:3]}")
        self._call("swapping the alias", self.es.indices.update_aliases, actions=[
            {"remove": {"index": old, "alias": alias}},
            {"add": {"index": new, "alias": alias, "is_write_index": True}},
        ])
        self._call("deleting the old index", self.es.indices.delete, index=old)
        return new

    def drop(self) -> None:
        """Delete every index and template of this store (tests, `newsmon reset`)."""
        es = self.es.options(ignore_status=404)
        for alias in self.aliases.values():
            # Deleting by wildcard is refused (action.destructive_requires_name): name them.
            found = es.indices.get(index=f"{alias}-v*", expand_wildcards="all")
            names = [n for n in (found.body if found.meta.status == 200 else {})
                     if n.rsplit("-v", 1)[0] == alias]
            if names:
                es.indices.delete(index=",".join(sorted(names)))
            es.indices.delete_index_template(name=alias)

