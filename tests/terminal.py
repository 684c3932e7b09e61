"""The real `sitmon` command in a pseudo-terminal: every byte it writes, and keys typed in."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path


class AppInTerminal:
    def __init__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        size=(160, 40),
        cwd: Path | None = None,
        command: list[str] | None = None,
    ) -> None:
        """`command` starts it otherwise than `python -m tui.cli` (the installed script)."""
        columns, lines = size
        self.controller, terminal = os.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.process = subprocess.Popen(
            [*(command or [sys.executable, "-m", "tui.cli"]), *args],
            cwd=cwd,
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env={
                **os.environ,
                **{"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)},
                **(env or {}),
            },
            close_fds=True,
        )
        os.close(terminal)
        self.output = bytearray()

    def read(self, seconds: float, until: bytes | None = None) -> bytes:
        """What it writes for `seconds`, or until `until` shows up (a terminal that is not
        read blocks the app's writes, so waiting means reading)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until and until in self.output):
            if select.select([self.controller], [], [], 0.1)[0]:
                try:
                    self.output += os.read(self.controller, 65536)
                except OSError:  # the app ended and closed its side
                    break
        return bytes(self.output)

    def type(self, keys: bytes) -> None:
        os.write(self.controller, keys)

    def quit(self, seconds: float = 10) -> int:
        """q, then its exit code (killed, and a failing code, if it does not end in time)."""
        self.type(b"q")
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait(timeout=5)
        os.close(self.controller)
        return code
