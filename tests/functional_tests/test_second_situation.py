"""The whole pipeline on an invented second situation, configured only through its TOML file.

Its feeds (tests/fixtures/veloria) were written for this test, so it checks that no rule leans
on the wording of the Pakistan–Afghanistan corpus: other names, other places, other outlets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feed_server import Route
from tests.functional_tests.test_cli import sitmon

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "veloria"


@pytest.fixture
def export(server, tmp_path):
    config = tmp_path / "config.toml"
    text = (FIXTURE / "situation.toml").read_text(encoding="utf-8")
    for feed in sorted((FIXTURE / "feeds").glob("*.xml")):
        server.routes[f"/{feed.name}"] = Route(feed.read_bytes())
        text += f'\n[[feeds]]\nname = "{feed.stem}"\nurl = "{server.url("/" + feed.name)}"\n'
    config.write_text(text, encoding="utf-8")
    db = tmp_path / "v.db"
    assert sitmon("fetch", "--config", str(config), "--db", str(db)).returncode == 0
    return json.loads(sitmon("export", "--config", str(config), "--db", str(db)).stdout)


EXPECTED = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))


def test_related_items(export):
    assert sorted(i["guid"] for i in export["items"]) == sorted(EXPECTED["related"])


def test_talks(export):
    found = [
        {k: t[k] for k in ("location", "start", "end", "status", "mediators")}
        for t in export["talks"]
    ]
    assert found == EXPECTED["talks"]


def test_borders(export):
    rows = {b["crossing"]: b for b in export["borders"]}
    for crossing, expected in EXPECTED["borders"].items():
        assert (rows[crossing]["status"], rows[crossing]["since"]) == (
            expected["status"],
            expected["since"],
        )
        if "history" in expected:
            assert [[h["date"], h["status"]] for h in rows[crossing]["history"]] == expected[
                "history"
            ]


def test_statements(export):
    found = sorted((s["speaker"], s["quote"]) for s in export["statements"])
    assert found == sorted(tuple(pair) for pair in EXPECTED["statements"])
    assert all(s["guid"] and s["sentence"] for s in export["statements"])
