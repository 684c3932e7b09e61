"""A deterministic feed corpus on disk for ingest benchmarks: FEEDS files of ITEMS items each,
with realistic HTML descriptions, dates and guids.

usage: python -m benchmarks.corpus OUT_DIR [FEEDS] [ITEMS]
"""

from __future__ import annotations

import sys
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks.synthetic import synthetic_items


def write_corpus(folder: Path, feeds: int = 200, items: int = 50, seed: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    everything = synthetic_items(feeds * items, feeds=feeds, seed=seed)
    by_feed: dict[str, list] = {}
    for item in everything:
        by_feed.setdefault(item.feed, []).append(item)
    paths = []
    for number, (feed, entries) in enumerate(sorted(by_feed.items())):
        body = "".join(
            f"<item><title>{escape(e.title)}</title><link>{e.link}</link>"
            f'<guid isPermaLink="false">{e.guid}</guid><pubDate>{format_datetime(e.published)}</pubDate>'
            f"<description>{escape(_html(e.text))}</description></item>"
            for e in entries
        )
        path = folder / f"feed{number:04d}.xml"
        path.write_text(
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{feed}</title>'
            f"<link>https://news.example/{feed}</link><description>bench</description>{body}</channel></rss>",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _html(text: str) -> str:
    return "".join(
        f"<p>{escape(p)} <a href='https://news.example/x'>more</a></p>" for p in text.split("\n\n")
    )


if __name__ == "__main__":
    out = Path(sys.argv[1])
    files = write_corpus(out, *(int(a) for a in sys.argv[2:4]))
    print(f"{len(files)} feeds, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {out}")
