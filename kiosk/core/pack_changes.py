"""What installing a pack will change, computed before anything changes, in French sentences.

The admin reads it before touching "Installer": the version from → to, the tutorials added,
removed or changed, and in a changed tutorial the steps added, changed or removed (steps are
matched by their ``id``, which the pack format keeps stable; docs/content-format.md). Plain
Python: the installed tutorials are given by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kiosk.core.content import Pack, Step, Tutorial
from kiosk.core.i18n import _


class TutorialChange(NamedTuple):
    """One tutorial present before and after: step titles added, changed, removed (French);
    ``presentation``: its title, summary, level, what to prepare… changed; ``reordered``: the
    same steps in another order."""

    id: str
    title: str
    steps_added: tuple[str, ...]
    steps_changed: tuple[str, ...]
    steps_removed: tuple[str, ...]
    presentation: bool
    reordered: bool

    def is_change(self) -> bool:
        return bool(
            self.steps_added
            or self.steps_changed
            or self.steps_removed
            or self.presentation
            or self.reordered
        )


class PackChanges(NamedTuple):
    """The difference between the installed pack (``version_from`` None when it is new) and
    the offered one. Titles are in French, the language every pack has."""

    pack_id: str
    title: str
    version_from: int | None
    version_to: int
    added: tuple[tuple[str, int], ...]  # (title, number of steps)
    removed: tuple[str, ...]
    changed: tuple[TutorialChange, ...]

    @property
    def is_older(self) -> bool:
        """The offered version is lower than the installed one (an admin must confirm)."""
        return self.version_from is not None and self.version_to < self.version_from

    def sentences(self) -> list[str]:
        """The change list, one sentence (or one tutorial) per line, version first."""
        lines = [self._version_sentence()]
        lines += [
            _("Nouveau tutoriel : « {title} » ({steps} étapes).").format(title=t, steps=n)
            for t, n in self.added
        ]
        lines += [_("Tutoriel retiré : « {title} ».").format(title=t) for t in self.removed]
        lines += [_change_sentence(change) for change in self.changed]
        if not (self.added or self.removed or self.changed):
            lines.append(_("Aucun tutoriel ne change."))
        return lines

    def _version_sentence(self) -> str:
        values = {"title": self.title, "old": self.version_from, "new": self.version_to}
        if self.version_from is None:
            return _("Nouveau paquet « {title} », version {new}.").format(**values)
        if self.version_to == self.version_from:
            return _(
                "Le paquet « {title} » reste en version {new} : il est installé à nouveau."
            ).format(**values)
        if self.is_older:
            return _(
                "Attention : le paquet « {title} » revient de la version {old} à la version "
                "{new}, plus ancienne."
            ).format(**values)
        return _("Le paquet « {title} » passe de la version {old} à la version {new}.").format(
            **values
        )


def _quoted(titles: Sequence[str]) -> str:
    return ", ".join(f"« {t} »" for t in titles)


def _change_sentence(change: TutorialChange) -> str:
    parts = [_("Tutoriel modifié : « {title} ».").format(title=change.title)]
    if change.presentation:
        parts.append(_("Sa présentation change."))
    if change.steps_added:
        parts.append(_("Étapes ajoutées : {steps}.").format(steps=_quoted(change.steps_added)))
    if change.steps_changed:
        parts.append(_("Étapes modifiées : {steps}.").format(steps=_quoted(change.steps_changed)))
    if change.steps_removed:
        parts.append(_("Étapes retirées : {steps}.").format(steps=_quoted(change.steps_removed)))
    if change.reordered:
        parts.append(_("L'ordre des étapes change."))
    return " ".join(parts)


def french(text: dict[str, str] | None) -> str:
    """The French text of a localized text (every pack has French); "" when missing."""
    return (text or {}).get("fr", "")


def _plain(record: Tutorial | Step) -> dict:
    """A record as JSON data: a stored tutorial (lists) equals a freshly read one (tuples)."""
    import json
    from dataclasses import asdict

    return json.loads(json.dumps(asdict(record), sort_keys=True))


def compare_packs(
    installed: Sequence[Tutorial], installed_version: int | None, offered: Pack
) -> PackChanges:
    """The changes from the ``installed`` tutorials of the pack (in its order; empty when the
    pack is not installed, ``installed_version`` then None) to the ``offered`` pack."""
    before = {t.id: t for t in installed}
    after = {t.id: t for t in offered.tutorials}
    added = tuple((french(t.title), len(t.steps)) for t in offered.tutorials if t.id not in before)
    removed = tuple(french(t.title) for t in installed if t.id not in after)
    changed = []
    for tutorial in offered.tutorials:
        old = before.get(tutorial.id)
        if old is None:
            continue
        change = compare_tutorials(old, tutorial)
        if change.is_change():
            changed.append(change)
    return PackChanges(
        offered.id,
        french(offered.title),
        installed_version,
        offered.version,
        added,
        removed,
        tuple(changed),
    )


def compare_tutorials(old: Tutorial, new: Tutorial) -> TutorialChange:
    """What changed in one tutorial, step by step (steps matched by id)."""
    old_steps = {s.id: s for s in old.steps}
    new_steps = {s.id: s for s in new.steps}

    def title(step: Step) -> str:
        return french(step.title) or step.id

    old_data, new_data = _plain(old), _plain(new)
    old_data.pop("steps")
    new_data.pop("steps")
    kept_old = [s.id for s in old.steps if s.id in new_steps]
    kept_new = [s.id for s in new.steps if s.id in old_steps]
    return TutorialChange(
        new.id,
        french(new.title),
        tuple(title(s) for s in new.steps if s.id not in old_steps),
        tuple(
            title(s)
            for s in new.steps
            if s.id in old_steps and _plain(s) != _plain(old_steps[s.id])
        ),
        tuple(title(s) for s in old.steps if s.id not in new_steps),
        old_data != new_data,
        kept_old != kept_new,
    )
