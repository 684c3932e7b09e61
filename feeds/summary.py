"""What a refresh did: small and importable anywhere (the dashboard gets one back from the
process that ran the refresh without loading any of the fetch machinery)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RefreshSummary:
    """What a refresh did, for the summary line and the status bar."""

    ok: int = 0
    not_modified: int = 0
    failed: int = 0
    skipped: int = 0
    new: int = 0
    updated: int = 0
    related_new: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)

    def line(self) -> str:
        parts = [
            f"{self.ok} ok",
            f"{self.not_modified} not modified",
            f"{self.failed} failed",
        ]
        if self.skipped:
            parts.append(f"{self.skipped} backing off")
        return (
            f"feeds: {', '.join(parts)}; items: {self.new} new, {self.updated} updated; "
            f"{self.related_new} new related"
        )
