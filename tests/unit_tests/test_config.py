"""Strict config loading: every problem names the file, the line or key, and what was expected."""

from pathlib import Path

import pytest

from feeds.config import ConfigError, load_config

GOOD = """[situation]
name = "S"
keywords = ["a"]
"""


def load(tmp_path: Path, text: str):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def problem(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_minimal_config_and_defaults(tmp_path):
    config = load(tmp_path, GOOD)
    assert (
        config.situation.timezone == "UTC" and config.fetch.interval == 600 and config.feeds == ()
    )


def test_durations_and_sizes(tmp_path):
    config = load(
        tmp_path, GOOD + '[fetch]\ninterval = "1h30m"\ntimeout = "45s"\nmax_bytes = "2MB"\n'
    )
    assert (config.fetch.interval, config.fetch.timeout, config.fetch.max_bytes) == (
        5400,
        45,
        2_000_000,
    )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('[fetch]\nintervall = "5m"\n', "c.toml:5: fetch.intervall: unknown key 'intervall'"),
        ('[fetch]\ninterval = "soon"\n', "c.toml:5: fetch.interval: 'soon' is not a duration"),
        (
            '[fetch]\ninterval = "2s"\n',
            "c.toml:5: fetch.interval: '2s' is out of range (30s to 7d)",
        ),
        ('[fetch]\nmax_bytes = "50GB"\n', "fetch.max_bytes: '50GB' is out of range"),
        (
            '[fetch]\nconcurrency = "8"\n',
            "fetch.concurrency: expected a whole number, got a string",
        ),
        (
            '[[feeds]]\nname = "A"\nurl = "javascript:alert(1)"\n',
            "c.toml:6: feeds[0].url: 'javascript:alert(1)' is not an http(s) URL",
        ),
        (
            '[[feeds]]\nname = "A"\nurl = "https://a.example/f"\n[[feeds]]\nname = "a"\nurl = "https://b.example/f"\n',
            "feeds[1].name: duplicate feed name 'a'",
        ),
        ('[[feeds]]\nname = "A"\n', "feed 'A' needs exactly one of url or path"),
        (
            '[[crossings]]\nname = "X"\naliases = "Y"\n',
            "crossings[0].aliases: expected a list of non-empty strings",
        ),
        ("[situation2]\n", "unknown key 'situation2'"),
    ],
)
def test_problems_are_named(tmp_path, extra, expected):
    assert expected in problem(tmp_path, GOOD + extra)


def test_syntax_error_has_the_line(tmp_path):
    assert "line 2" in problem(tmp_path, '[situation]\nname = "unterminated\n')


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")


def test_unknown_timezone(tmp_path):
    assert "unknown time zone 'Mars/Olympus'" in problem(
        tmp_path, GOOD + 'timezone = "Mars/Olympus"\n'
    )


def test_local_feed_path_is_relative_to_the_config(tmp_path):
    config = load(tmp_path, GOOD + '[[feeds]]\nname = "L"\npath = "feeds/x.xml"\n')
    assert config.feeds[0].path == (tmp_path / "feeds" / "x.xml").resolve()


def test_example_config_loads():
    config = load_config(Path(__file__).resolve().parents[2] / "config.example.toml")
    assert len(config.feeds) >= 10 and {c.name for c in config.crossings} >= {
        "Torkham",
        "Chaman",
        "Angoor Adda",
    }


def test_party_aliases_name_a_party_and_nothing_else(tmp_path):
    talks = '[talks]\nparties = ["Armenia", "Azerbaijan"]\n[talks.party_aliases]\n'
    config = load(tmp_path, GOOD + talks + 'Azerbaijan = ["Baku"]\n')
    assert config.talks.aliases_of("Azerbaijan") == ("Baku",)
    assert config.talks.aliases_of("Armenia") == ()
    assert "talks.party_aliases.Georgia: unknown key" in problem(
        tmp_path, GOOD + talks + 'Georgia = ["Tbilisi"]\n'
    )
    assert "expected a list of non-empty strings" in problem(
        tmp_path, GOOD + talks + 'Armenia = "Yerevan"\n'
    )
