"""Which sources to show, as `newsmon sources` and the web's sources page both
show them: the configured sources with a recorded crawl, those never collected
successfully, and one-off crawls that are not sources."""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.index.documents import SourceHealth


@dataclass
class Overview:
    health: list[SourceHealth]
    never: list[str]
    one_off: list[str]
    #: configured sources with no crawl recorded at all
    unrecorded: list[str]

    @property
    def layout_suspect(self) -> list[SourceHealth]:
        return [h for h in self.health if h.last_run.layout_suspect]


def overview(configured: list[str], recorded_health: list[SourceHealth]) -> Overview:
    recorded = {h.source: h for h in recorded_health}
    return Overview(
        health=[recorded[name] for name in configured if name in recorded],
        never=[
            name
            for name in configured
            if name not in recorded or recorded[name].last_success is None
        ],
        one_off=sorted(set(recorded) - set(configured)),
        unrecorded=[name for name in configured if name not in recorded],
    )
