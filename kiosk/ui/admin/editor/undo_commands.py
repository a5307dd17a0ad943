"""Undo and redo in the editor (QUndoStack): a field's new text, or a new list of steps."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from kiosk.ui.admin.editor.tutorial_editor import FieldPath, TutorialEditor

TYPING_ID = 2001  # commands with this id merge: undo takes back a run of typing at once


class SetField(QUndoCommand):
    """One field changed; consecutive changes of the same field merge into one command."""

    def __init__(self, editor: TutorialEditor, path: FieldPath, old: Any, new: Any) -> None:
        super().__init__(f"Modifier {path[-2] if len(path) > 2 else path[-1]}")
        self.editor, self.path, self.old, self.new = editor, path, old, new

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetField) or other.path != self.path:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.editor.apply_value(self.path, self.new)

    def undo(self) -> None:
        self.editor.apply_value(self.path, self.old)


class ChangeSteps(QUndoCommand):
    """A step added, removed or moved: the steps before and after, and the step to show."""

    def __init__(
        self,
        editor: TutorialEditor,
        text: str,
        before: list[dict],
        after: list[dict],
        index_before: int,
        index_after: int,
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.index_before, self.index_after = index_before, index_after

    def redo(self) -> None:
        self.editor.apply_steps(copy.deepcopy(self.after), self.index_after)

    def undo(self) -> None:
        self.editor.apply_steps(copy.deepcopy(self.before), self.index_before)
