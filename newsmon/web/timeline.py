"""The coverage timeline as SVG geometry computed on the server: no script and
no inline style, so it passes the Content-Security-Policy and prints."""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.web.formatting import bucket_label

WIDTH = 360
HEIGHT = 150
BOTTOM = 22


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    peak: int
    width: int = WIDTH
    height: int = HEIGHT
    #: labels printed under the axis (about four, evenly spread): (x, text)
    ticks: tuple[tuple[float, str], ...] = ()
    axis_y: int = HEIGHT - BOTTOM


def timeline(histogram: list[tuple[str, int]], interval: str) -> Timeline | None:
    if not histogram:
        return None
    peak = max(n for _, n in histogram) or 1
    step = WIDTH / len(histogram)
    usable = HEIGHT - BOTTOM - 4
    bars = []
    for i, (bucket, n) in enumerate(histogram):
        h = max(1.0, usable * n / peak)
        bars.append(
            Bar(
                round(i * step + step * 0.1, 1),
                round(HEIGHT - BOTTOM - h, 1),
                round(max(1.0, step * 0.8), 1),
                round(h, 1),
                bucket_label(bucket, interval),
                n,
            )
        )
    every = max(1, -(-len(bars) // 4))
    label_width = 72  # a dd/mm/yyyy label at the stylesheet's 13px
    ticks = tuple(
        (min(bars[i].x, WIDTH - label_width), bars[i].label) for i in range(0, len(bars), every)
    )
    return Timeline(bars, peak, ticks=ticks)
