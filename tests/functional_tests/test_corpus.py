"""The extraction on the shared developer corpus, kept as a regression floor.

The corpus lives outside the repository (../shared/fixtures); where it is absent the test is
skipped with the reason, never silently passed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

CORPUS = SHARED / "fixtures" / "pak-afghan-dev"
TOOLS = SHARED / "tools"


@pytest.mark.skipif(not (CORPUS / "truth.json").exists(), reason=f"no developer corpus at {CORPUS}")
def test_dev_corpus_scores_at_least_the_floor(tmp_path):
    wrapper = tmp_path / "sitmon"
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m tui.cli "$@"\n')
    wrapper.chmod(0o755)
    env = {
        **os.environ,
        "SITMON": str(wrapper),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    subprocess.run(
        [str(TOOLS / "run-corpus"), str(CORPUS), str(tmp_path / "out")],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    scored = subprocess.run(
        [
            sys.executable,
            str(TOOLS / "score.py"),
            str(CORPUS / "truth.json"),
            str(tmp_path / "out" / "export.json"),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(scored.stdout)
    assert figures["items"]["f1"] >= 0.95
    assert figures["statements"]["f1"] >= 0.85 and figures["statements"]["quote_precision"] >= 0.90
    assert figures["talks"]["f1"] >= 0.90
    assert figures["borders"]["status_accuracy"] == 1.0
    assert figures["overall_f1"] >= 0.90
