"""What a figure is: repeated samples, a reference from the same run, a goal, and the table.

Every figure keeps its raw samples so that ``results.json`` can be re-read without trusting the
summary; the summary gives the median and the spread (min–max and interquartile range).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), without numpy."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Series:
    """Repeated measurements of one quantity, in the figure's unit."""

    samples: list[float]

    @property
    def median(self) -> float:
        return percentile(self.samples, 0.5)

    @property
    def minimum(self) -> float:
        return min(self.samples) if self.samples else math.nan

    @property
    def maximum(self) -> float:
        return max(self.samples) if self.samples else math.nan

    def summary(self) -> dict[str, Any]:
        return {
            "median": self.median,
            "min": self.minimum,
            "max": self.maximum,
            "q1": percentile(self.samples, 0.25),
            "q3": percentile(self.samples, 0.75),
            "count": len(self.samples),
            "samples": self.samples,
        }


Compared = Literal["value", "ratio", "above_reference"]
Statistic = Literal["median", "max"]


@dataclass(frozen=True)
class Goal:
    """A target from DESIGN.md: ``statistic`` of the samples, seen as ``compared``, ≤ ``limit``.

    ``compared`` is the value itself, its ratio to the reference's median, or how much it lies
    above the reference's median (memory).
    """

    text: str
    limit: float
    compared: Compared = "value"
    statistic: Statistic = "median"

    def judged_value(self, measured: Series, reference: Series | None) -> float:
        value = measured.median if self.statistic == "median" else measured.maximum
        if self.compared == "value":
            return value
        if reference is None:
            raise ValueError(f"goal {self.text!r} needs a reference")
        if self.compared == "ratio":
            return value / reference.median
        return value - reference.median

    def met(self, measured: Series, reference: Series | None) -> bool:
        return self.judged_value(measured, reference) <= self.limit


@dataclass(frozen=True)
class Figure:
    """One line of the table. ``how`` says in one sentence what was timed, for results.json."""

    key: str
    title: str
    unit: str
    measured: Series
    how: str
    reference: Series | None = None
    reference_title: str = ""
    goal: Goal | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.reference is None or not self.reference.median:
            return None
        return self.measured.median / self.reference.median

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.goal.met(self.measured, self.reference)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "unit": self.unit,
            "how": self.how,
            **self.measured.summary(),
            "reference": (
                None
                if self.reference is None
                else {"title": self.reference_title, **self.reference.summary()}
            ),
            "ratio": self.ratio,
            "goal": (
                None
                if self.goal is None
                else {
                    "text": self.goal.text,
                    "limit": self.goal.limit,
                    "compared": self.goal.compared,
                    "statistic": self.goal.statistic,
                    "judged_value": self.goal.judged_value(self.measured, self.reference),
                }
            ),
            "met": self.met,
            "details": self.details,
        }


def _digits(value: float) -> int:
    return 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2


def _number(value: float, unit: str) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:.{_digits(value)}f} {unit}"


def _spread(series: Series, unit: str) -> str:
    digits = _digits(series.maximum)
    return f"{series.minimum:.{digits}f}–{series.maximum:.{digits}f} {unit}"


def table_rows(figures: list[Figure]) -> list[list[str]]:
    rows = [["figure", "median", "spread (min–max)", "reference", "ratio", "goal", "result"]]
    for figure in figures:
        unit = figure.unit
        measured = figure.measured
        if figure.goal is not None and figure.goal.compared == "above_reference":
            assert figure.reference is not None
            ratio = f"+{measured.median - figure.reference.median:.1f} {unit}"
        else:
            ratio = "—" if figure.ratio is None else f"{figure.ratio:.2f} ×"
        result = {None: "—", True: "met", False: "MISSED"}[figure.met]
        rows.append(
            [
                figure.title,
                _number(measured.median, unit),
                _spread(measured, unit),
                "—" if figure.reference is None else _number(figure.reference.median, unit),
                ratio,
                "—" if figure.goal is None else figure.goal.text,
                result,
            ]
        )
    return rows


def plain_table(figures: list[Figure]) -> str:
    """The table for a terminal: aligned columns."""
    rows = table_rows(figures)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(figures: list[Figure]) -> str:
    """The same table for docs/benchmarks.md."""
    rows = table_rows(figures)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
    return "\n".join(lines)
