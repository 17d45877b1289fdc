"""Scoring rules for every item type: pure functions, no widgets.

The rules follow the Next Generation NCLEX (NCSBN) scoring models:

- **0/1** (single best answer, drop-down cloze, matrix with one answer per row, bow-tie):
  one point for each right response, nothing taken away for a wrong one.
- **plus/minus** (select all that apply, the which-options-apply case): one point for each
  right tick, minus one for each wrong tick, never below zero. Leaving a right option
  unticked costs the point it would have earned, nothing more.
- **matrix with several answers per row** (and the case matrix): each row is scored on its
  own with plus/minus, floored at zero, and the rows are added up; the maximum is the number
  of right cells. This mirrors NCSBN's matrix multiple-response rule, which scores each
  group of the grid separately, so wrong ticks in one row never cancel right ones in another.
- **bow-tie**: one point for the right condition, one for each right action and one for each
  right parameter (five in all). The same choice placed in both slots earns its point once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    points: int
    maximum: int

    def __post_init__(self) -> None:
        if not 0 <= self.points <= self.maximum:
            raise ValueError(f"a score of {self.points} of {self.maximum} is impossible")

    def __add__(self, other: Score) -> Score:
        return Score(self.points + other.points, self.maximum + other.maximum)

    def text(self) -> str:
        return f"Score: {self.points} of {self.maximum}"


def plus_minus(ticked: Iterable[str], right: Iterable[str]) -> Score:
    """One point per right tick, minus one per wrong tick, never below zero; out of len(right)."""
    ticked, right = set(ticked), set(right)
    gained, lost = len(ticked & right), len(ticked - right)
    return Score(max(0, gained - lost), len(right))


def zero_one(chosen: str | None, right: str) -> Score:
    """One point when the chosen answer is the right one; out of 1."""
    return Score(int(chosen is not None and chosen == right), 1)


def per_row_zero_one(chosen: Mapping[str, str | None], right: Mapping[str, str]) -> Score:
    """One point for each row (or blank) answered rightly; out of the number of rows."""
    return sum((zero_one(chosen.get(row), answer) for row, answer in right.items()), Score(0, 0))


def per_row_plus_minus(ticked: Mapping[str, Iterable[str]], right: Mapping[str, Iterable[str]]) -> Score:
    """Plus/minus within each row, floored at zero per row, then added up."""
    return sum((plus_minus(ticked.get(row, ()), answers) for row, answers in right.items()), Score(0, 0))


def bowtie(
    condition: str | None,
    actions: Iterable[str | None],
    parameters: Iterable[str | None],
    right_condition: str,
    right_actions: Iterable[str],
    right_parameters: Iterable[str],
) -> Score:
    """One point per right choice: condition (1), actions (2), parameters (2)."""
    right_actions, right_parameters = set(right_actions), set(right_parameters)
    points = (
        zero_one(condition, right_condition).points
        + len(set(actions) & right_actions)
        + len(set(parameters) & right_parameters)
    )
    return Score(points, 1 + len(right_actions) + len(right_parameters))
